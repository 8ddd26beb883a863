//! Inputs an attacker (or bad luck) puts where an export should be: devices, FIFOs, links,
//! files too large to read, and names that would show as the same path. Each run must end
//! promptly with a diagnostic, and its output must not depend on the order of the paths.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

/// A run that hangs fails here instead of blocking the suite.
const PROMPTLY: Duration = Duration::from_secs(20);

fn uclint(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("uclint").unwrap();
    command.current_dir(dir).timeout(PROMPTLY).args(["check", "--color", "never"]);
    command
}

/// The run's exit code, standard output and standard error.
fn run(command: &mut Command) -> (Option<i32>, String, String) {
    let output = command.output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into(),
        String::from_utf8_lossy(&output.stderr).into(),
    )
}

/// Makes a FIFO at `path`; `false` (with a message) where `mkfifo` is not available.
fn mkfifo(path: &Path) -> bool {
    match std::process::Command::new("mkfifo").arg(path).status() {
        Ok(status) if status.success() => true,
        _ => {
            eprintln!("skipped: mkfifo is not available here");
            false
        }
    }
}

const PHONES: &str = "Device Name,Device Type,Description\nSEP0011AABB0001,Cisco 8841,front desk\n";

#[test]
fn dev_zero_as_an_input_is_reported_and_not_read() {
    if !Path::new("/dev/zero").exists() {
        return eprintln!("skipped: no /dev/zero");
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("phone.csv"), PHONES).unwrap();
    let (code, stdout, _) = run(uclint(dir.path()).args(["/dev/zero", "phone.csv", "--format", "concise"]));
    assert_eq!(code, Some(2), "{stdout}");
    assert!(stdout.contains("/dev/zero"), "{stdout}");
    assert!(
        stdout.contains("INPUT001 [error] could not read this input: this is a character device, not a regular file"),
        "{stdout}"
    );
}

#[test]
fn a_fifo_as_an_input_or_in_a_directory_is_reported_and_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export");
    std::fs::create_dir(&export).unwrap();
    std::fs::write(export.join("phone.csv"), PHONES).unwrap();
    if !mkfifo(&export.join("pipe.csv")) || !mkfifo(&dir.path().join("given.csv")) {
        return;
    }
    let (code, stdout, _) = run(uclint(dir.path()).args(["export", "given.csv", "--format", "concise"]));
    assert_eq!(code, Some(2), "{stdout}");
    for fifo in ["given.csv", "export/pipe.csv"] {
        assert!(
            stdout.contains(&format!(
                "{fifo}:1:1: INPUT001 [error] could not read this input: this is a FIFO (named pipe)"
            )),
            "{fifo}: {stdout}"
        );
    }
}

#[test]
fn dev_zero_or_a_fifo_as_the_configuration_or_baseline_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("phone.csv"), PHONES).unwrap();
    let fifo = dir.path().join("uclint.toml");
    let mut named = vec!["/dev/zero".to_owned()];
    if mkfifo(&fifo) {
        named.push(fifo.display().to_string());
    }
    for path in &named {
        for option in ["--config", "--baseline"] {
            let (code, stdout, stderr) = run(uclint(dir.path()).args(["phone.csv", option, path]));
            assert_eq!(code, Some(2), "{option} {path}: {stdout}{stderr}");
            assert!(
                stderr.contains(&format!("could not read {path}: it is not a regular file (a device, FIFO or socket)")),
                "{option} {path}: {stderr}"
            );
        }
    }
}

#[test]
fn links_to_files_are_read_and_a_link_that_loops_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export");
    std::fs::create_dir(&export).unwrap();
    std::fs::write(dir.path().join("real-phone.csv"), PHONES).unwrap();
    std::os::unix::fs::symlink("../real-phone.csv", export.join("phone.csv")).unwrap();
    std::os::unix::fs::symlink("loop.csv", export.join("loop.csv")).unwrap();
    // A link to the directory it is in is not followed: walking it would never end.
    std::os::unix::fs::symlink(".", export.join("again")).unwrap();
    let (code, stdout, _) = run(uclint(dir.path()).args(["export", "--format", "json"]));
    assert_eq!(code, Some(2), "{stdout}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let inputs: Vec<String> = diagnostics
        .iter()
        .filter(|d| d["code"].as_str().is_some_and(|c| c.starts_with("INPUT")))
        .map(|d| format!("{} {}", d["code"].as_str().unwrap(), d["object"].as_str().unwrap()))
        .collect();
    assert_eq!(inputs, ["INPUT001 file:export/loop.csv"], "{stdout}");
    assert!(stdout.contains("SEP0011AABB0001") || report["summary"].to_string().contains("phone"), "{stdout}");
}

#[test]
fn a_file_over_the_limit_is_reported_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    // Sparse: no disk is used, and nothing is read.
    let file = std::fs::File::create(dir.path().join("huge.csv")).unwrap();
    file.set_len((1 << 30) + 1).unwrap();
    std::fs::write(dir.path().join("phone.csv"), PHONES).unwrap();
    let (code, stdout, _) = run(uclint(dir.path()).args(["huge.csv", "phone.csv", "--format", "concise"]));
    assert_eq!(code, Some(2), "{stdout}");
    assert!(
        stdout.contains(
            "huge.csv:1:1: INPUT001 [error] could not read this input: the file is 1073741825 bytes; uclint reads \
             no file or tar member over 1 GiB"
        ),
        "{stdout}"
    );
}

/// A tar of one member.
fn tar_of(name: &str, data: &[u8]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    let mut header = tar::Header::new_ustar();
    header.set_size(data.len() as u64);
    header.set_mode(0o644);
    header.set_mtime(1_763_633_564);
    header.set_cksum();
    builder.append_data(&mut header, name, data).unwrap();
    builder.into_inner().unwrap()
}

/// The same phone with another description: which file is read first decides which one is
/// kept (INPUT006), so the order of the inputs must not depend on the order of the paths.
const OTHER_PHONES: &str = "Device Name,Device Type,Description\nSEP0011AABB0001,Cisco 8845,back office\n";

/// The output of every format for the paths in both orders must be the same.
fn assert_order_does_not_matter(dir: &Path, paths: [&std::ffi::OsStr; 2]) -> String {
    let mut outputs = Vec::new();
    for order in [[paths[0], paths[1]], [paths[1], paths[0]]] {
        for format in ["concise", "json", "sarif"] {
            let (code, stdout, stderr) = run(uclint(dir).args(order).args(["--format", format]));
            assert_eq!(code, Some(0), "{format}: {stdout}{stderr}");
            assert!(format != "concise" || stdout.contains("INPUT006"), "{stdout}");
            outputs.push((format, stdout + &stderr));
        }
    }
    let (first, second) = outputs.split_at(3);
    for ((format, a), (_, b)) in first.iter().zip(second) {
        if a != b {
            let differ: Vec<(&str, &str)> = a.lines().zip(b.lines()).filter(|(x, y)| x != y).take(3).collect();
            panic!("{format}: the order of the paths changed the output: {differ:?}");
        }
    }
    first[0].1.clone()
}

#[test]
fn a_file_named_like_a_tar_member_is_shown_apart_and_read_in_a_fixed_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.tar"), tar_of("phone.csv", PHONES.as_bytes())).unwrap();
    std::fs::write(dir.path().join("x.tar!phone.csv"), OTHER_PHONES).unwrap();
    let concise = assert_order_does_not_matter(dir.path(), ["x.tar".as_ref(), "x.tar!phone.csv".as_ref()]);
    // The member keeps its name; the file's `!` is escaped.
    assert!(concise.contains("x.tar!phone.csv:2:"), "{concise}");
    assert!(concise.contains("x.tar\\!phone.csv:2:"), "{concise}");
}

#[test]
fn file_names_that_are_not_utf8_are_shown_apart_and_read_in_a_fixed_order() {
    use std::os::unix::ffi::OsStrExt;

    let dir = tempfile::tempdir().unwrap();
    let (ff, fe) = (std::ffi::OsStr::from_bytes(b"phone\xFF.csv"), std::ffi::OsStr::from_bytes(b"phone\xFE.csv"));
    // A file system that takes only UTF-8 names cannot hold them: nothing to test there.
    if std::fs::write(dir.path().join(ff), PHONES).is_err() {
        return eprintln!("skipped: the file system does not take names that are not UTF-8");
    }
    std::fs::write(dir.path().join(fe), OTHER_PHONES).unwrap();
    let concise = assert_order_does_not_matter(dir.path(), [ff, fe]);
    assert!(concise.contains("phone\\xFF.csv"), "{concise}");
    assert!(concise.contains("phone\\xFE.csv"), "{concise}");
}
