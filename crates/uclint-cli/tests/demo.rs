//! The bundled demo export: its tar is built from the CSVs in `fixtures/demo-src`, so that
//! changes diff; this test fails when the tar is stale, and `UCLINT_UPDATE_FIXTURES=1` rebuilds it.

use std::path::Path;

const SOURCES: &str = "../../fixtures/demo-src/ucmdata_export_demo";
const TAR: &str = "../../fixtures/demo/ucmdata_export_demo.tar";

/// A deterministic tar: `header.txt` first, then the CSVs in name order, fixed metadata.
fn build_tar(dir: &Path) -> Vec<u8> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "header.txt")
        .collect();
    names.sort();
    names.insert(0, "header.txt".into());
    let mut builder = tar::Builder::new(Vec::new());
    for name in names {
        let data = std::fs::read(dir.join(&name)).unwrap();
        let mut header = tar::Header::new_ustar();
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(1_763_633_564);
        header.set_uid(0);
        header.set_gid(0);
        header.set_cksum();
        builder.append_data(&mut header, &name, data.as_slice()).unwrap();
    }
    builder.into_inner().unwrap()
}

#[test]
fn demo_tar_is_built_from_its_sources() {
    let expected = build_tar(Path::new(SOURCES));
    if std::env::var_os("UCLINT_UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(Path::new(TAR).parent().unwrap()).unwrap();
        std::fs::write(TAR, &expected).unwrap();
    }
    let actual = std::fs::read(TAR).unwrap_or_default();
    assert!(actual == expected, "{TAR} is stale: run `UCLINT_UPDATE_FIXTURES=1 cargo test -p uclint-cli --test demo`");
}
