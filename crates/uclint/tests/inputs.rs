//! Compressed inputs and the "nothing read" gate, end to end: the demo export as `.tar.gz`,
//! `.tgz`, `.csv.gz` files and `.zip` gives exactly the tar's findings (snippets included);
//! other compressions are refused with "decompress it first"; and a path that yields no export
//! (an empty directory, a directory of other files, an empty zip) makes the run exit 2 while
//! every other path is still linted. Fixtures are built here, in a temporary directory.

use std::io::Write;
use std::path::Path;

use assert_cmd::Command;

const DEMO: &str = "../../fixtures/demo/ucmdata_export_demo.tar";

fn uclint() -> Command {
    let mut cmd = Command::cargo_bin("uclint").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("CI");
    cmd
}

/// Runs `uclint check` on `paths` from `dir`: exit code, stdout, stderr.
fn check(dir: &Path, paths: &[&str], format: &[&str]) -> (Option<i32>, String, String) {
    let output = uclint().current_dir(dir).arg("check").args(paths).args(format).output().unwrap();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (output.status.code(), text(output.stdout), text(output.stderr))
}

/// The demo tar's members, in the tar's order.
fn demo_members() -> Vec<(String, Vec<u8>)> {
    let mut archive = tar::Archive::new(std::fs::File::open(DEMO).unwrap());
    archive
        .entries()
        .unwrap()
        .map(|entry| {
            let mut entry = entry.unwrap();
            let name = entry.path().unwrap().to_string_lossy().into_owned();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut data).unwrap();
            (name, data)
        })
        .collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn zip(members: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in members {
        writer.start_file(name.as_str(), options).unwrap();
        writer.write_all(data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// The demo export in every form, in `dir`: `demo.tar`, `demo.tar.gz`, `demo.tgz`,
/// `demo.zip` and `gz/` (each member gzipped on its own as `member.gz`).
fn demo_forms(dir: &Path) {
    let tar = std::fs::read(DEMO).unwrap();
    std::fs::write(dir.join("demo.tar"), &tar).unwrap();
    std::fs::write(dir.join("demo.tar.gz"), gzip(&tar)).unwrap();
    std::fs::write(dir.join("demo.tgz"), gzip(&tar)).unwrap();
    std::fs::write(dir.join("demo.zip"), zip(&demo_members())).unwrap();
    std::fs::create_dir(dir.join("gz")).unwrap();
    for (name, data) in demo_members() {
        std::fs::write(dir.join("gz").join(format!("{name}.gz")), gzip(&data)).unwrap();
    }
}

/// Every string in `value` with its archive part dropped: `demo.zip!phone.csv` and
/// `gz/phone.csv.gz!phone.csv` become `phone.csv`, `file:demo.tar!phone.csv` `file:phone.csv`,
/// and `export:demo.tar` `export:`.
fn without_archives(value: &mut serde_json::Value) {
    match value {
        // The export a data gap is of is named after its archive (or directory).
        serde_json::Value::String(text) if text.starts_with("export:") => *text = "export:".into(),
        serde_json::Value::String(text) => {
            if let Some(bang) = text.rfind('!') {
                let start = text[..bang].rfind(':').map_or(0, |colon| colon + 1);
                *text = format!("{}{}", &text[..start], &text[bang + 1..]);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(without_archives),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(without_archives),
        _ => {}
    }
}

fn diagnostics(dir: &Path, path: &str) -> (Option<i32>, serde_json::Value) {
    let (code, stdout, stderr) = check(dir, &[path], &["--format", "json"]);
    let mut json: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    let mut diagnostics = json["diagnostics"].take();
    without_archives(&mut diagnostics);
    (code, diagnostics)
}

#[test]
fn every_compressed_form_of_the_demo_gives_the_tars_findings() {
    let dir = tempfile::tempdir().unwrap();
    demo_forms(dir.path());
    let (code, expected) = diagnostics(dir.path(), "demo.tar");
    assert_eq!(code, Some(1));
    assert!(expected.as_array().unwrap().len() > 5, "{expected}");
    for form in ["demo.tar.gz", "demo.tgz", "demo.zip", "gz"] {
        let (code, found) = diagnostics(dir.path(), form);
        assert_eq!(code, Some(1), "{form}");
        assert_eq!(found, expected, "{form}");
    }
}

#[test]
fn the_full_format_shows_snippets_of_compressed_members() {
    let dir = tempfile::tempdir().unwrap();
    demo_forms(dir.path());
    let color = ["--color", "never"];
    let (_, tar, _) = check(dir.path(), &["demo.tar"], &color);
    assert!(tar.contains("╭─[demo.tar!phone.csv:"), "{tar}");
    for form in ["demo.tar.gz", "demo.tgz", "demo.zip"] {
        let (_, shown, _) = check(dir.path(), &[form], &color);
        let expected =
            tar.replace("demo.tar!", &format!("{form}!")).replace("export:demo.tar\n", &format!("export:{form}\n"));
        assert_eq!(shown, expected, "{form}");
    }
    let (_, shown, _) = check(dir.path(), &["gz"], &color);
    assert!(shown.contains("╭─[gz/phone.csv.gz!phone.csv:"), "{shown}");
    // The snippet lines themselves: the same source text under each header.
    let snippet = |text: &str| text.lines().filter(|l| l.contains(" │ ")).map(str::to_owned).collect::<Vec<_>>();
    assert!(!snippet(&tar).is_empty());
    assert_eq!(snippet(&shown), snippet(&tar));
}

#[test]
fn other_compressions_are_refused_with_decompress_it_first() {
    let dir = tempfile::tempdir().unwrap();
    for (name, magic) in [
        ("x.tar.bz2", &b"BZh91AY&SY"[..]),
        ("x.tar.xz", b"\xFD7zXZ\x00\x00\x04"),
        ("x.tar.zst", b"\x28\xB5\x2F\xFD\x04\x58"),
    ] {
        std::fs::write(dir.path().join(name), magic).unwrap();
        let (code, stdout, stderr) = check(dir.path(), &[name], &["--format", "concise"]);
        assert_eq!(code, Some(2), "{name}");
        assert!(stdout.contains(name) && stdout.contains("INPUT001"), "{stdout}");
        assert!(stdout.contains("decompress it first"), "{stdout}");
        assert!(stderr.contains(&format!("nothing was read from {name}")), "{stderr}");
    }
}

#[test]
fn a_path_that_yields_no_export_is_exit_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("empty")).unwrap();
    std::fs::create_dir(root.join("docs")).unwrap();
    for name in ["a.txt", "b.md", "c.json"] {
        std::fs::write(root.join("docs").join(name), "nothing to see\n").unwrap();
    }
    std::fs::write(root.join("empty.zip"), zip(&[])).unwrap();
    for (path, why) in [
        ("empty", "nothing was read from empty: it is an empty directory"),
        ("docs", "nothing was read from docs: it is a directory that holds 3 files, none of them an export"),
        ("empty.zip", "nothing was read from empty.zip: it is a zip archive that holds no file"),
        ("missing.tar", "nothing was read from missing.tar: it could not be read"),
    ] {
        let (code, _, stderr) = check(root, &[path], &["--format", "concise"]);
        assert_eq!(code, Some(2), "{path}: {stderr}");
        assert!(stderr.contains(why), "{path}: {stderr}");
    }
}

#[test]
fn other_paths_are_still_linted_when_one_yields_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(DEMO, dir.path().join("good.tar")).unwrap();
    std::fs::create_dir(dir.path().join("emptydir")).unwrap();
    let (alone, findings, _) = check(dir.path(), &["good.tar"], &["--format", "concise"]);
    assert_eq!(alone, Some(1));
    let (code, stdout, stderr) = check(dir.path(), &["good.tar", "emptydir/"], &["--format", "concise"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(stdout, findings);
    assert!(stderr.contains("nothing was read from emptydir/: it is an empty directory"), "{stderr}");
    // In either order, the same output.
    let (code, reversed, reversed_err) = check(dir.path(), &["emptydir/", "good.tar"], &["--format", "concise"]);
    assert_eq!((code, reversed, reversed_err), (Some(2), stdout, stderr));
}

#[test]
fn zip_member_names_that_climb_out_are_only_names() {
    let dir = tempfile::tempdir().unwrap();
    let phones = b"Device Name,Device Type,Directory Number 1,Route Partition 1\nSEP1,Cisco 8841,4001,PT\n".to_vec();
    let members = [
        ("../../../../tmp/uclint-zip-escape.csv".to_owned(), phones.clone()),
        ("/tmp/uclint-zip-absolute.csv".to_owned(), phones),
    ];
    std::fs::write(dir.path().join("x.zip"), zip(&members)).unwrap();
    let (code, stdout, stderr) = check(dir.path(), &["x.zip"], &["--format", "json"]);
    assert_ne!(code, Some(2), "{stderr}");
    assert!(!Path::new("/tmp/uclint-zip-escape.csv").exists());
    assert!(!Path::new("/tmp/uclint-zip-absolute.csv").exists());
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let read: Vec<&str> =
        json["summary"]["files_read"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(read, ["x.zip!../../../../tmp/uclint-zip-escape.csv", "x.zip!/tmp/uclint-zip-absolute.csv"]);
}
