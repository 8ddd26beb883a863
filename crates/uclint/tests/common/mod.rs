//! What several test files share: building a BAT Import/Export tar from a directory of CSVs.

use std::path::Path;

/// A deterministic tar of `dir`'s files, as CUCM writes an Import/Export tar: `header.txt`
/// first, then the other members in name order, with fixed metadata.
pub fn build_tar(dir: &Path) -> Vec<u8> {
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

/// Fails when `tar` is not the tar [`build_tar`] makes of `sources`; rewrites it when
/// `UCLINT_UPDATE_FIXTURES` is set.
pub fn assert_tar_fresh(sources: &str, tar: &str, test: &str) {
    let expected = build_tar(Path::new(sources));
    if std::env::var_os("UCLINT_UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(Path::new(tar).parent().unwrap()).unwrap();
        std::fs::write(tar, &expected).unwrap();
    }
    let actual = std::fs::read(tar).unwrap_or_default();
    assert!(actual == expected, "{tar} is stale: run `UCLINT_UPDATE_FIXTURES=1 cargo test -p uclint --test {test}`");
}
