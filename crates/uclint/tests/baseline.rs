//! `--baseline` and `--write-baseline`: only new findings count for the exit code, stale
//! entries are reported, and the file is sorted and keyed by rule and object; `--statistics`.

use std::path::PathBuf;

use assert_cmd::Command;

mod rule_counts;

fn uclint() -> Command {
    let mut cmd = Command::cargo_bin("uclint").unwrap();
    cmd.current_dir("../..").env_remove("NO_COLOR");
    cmd
}

/// Runs `uclint check fixtures/demo ARGS`; returns exit code, stdout and stderr.
fn check(args: &[&str]) -> (i32, String, String) {
    let output = uclint().args(["check", "fixtures/demo", "--format", "concise"]).args(args).output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (output.status.code().unwrap(), text(output.stdout), text(output.stderr))
}

fn scratch(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("baseline");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name).display().to_string()
}

#[test]
fn a_baseline_makes_the_gate_pass_and_new_findings_fail_it() {
    let file = scratch("all-but-rmcm001.json");
    // Accept today's findings of every rule but RMCM001.
    let (code, stdout, stderr) = check(&["--ignore", "RMCM001", "--write-baseline", &file]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "", "everything reported was accepted");
    insta::assert_snapshot!("written_baseline", std::fs::read_to_string(&file).unwrap());
    let accepted = std::fs::read_to_string(&file).unwrap().matches("\"rule\"").count();

    let (code, stdout, _) = check(&["--ignore", "RMCM001", "--baseline", &file]);
    assert_eq!(code, 0, "{stdout}");
    // RMCM001 was not accepted: it is new, reported alone, and fails the gate.
    let (code, stdout, stderr) = check(&["--baseline", &file]);
    assert_eq!(code, 1);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("RMCM001 [error]"), "{stdout}");
    assert!(stderr.contains(&format!("baselined: {accepted} findings accepted by the baseline")), "{stderr}");
}

#[test]
fn stale_entries_are_reported_in_the_summary() {
    let (code, _, stderr) = check(&["--baseline", "fixtures/baseline/stale.json"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("stale baseline entry: UCCX001 on user:agent02 (1 finding no longer found"), "{stderr}");
    assert!(stderr.contains("stale baseline entry: UCCX006 on phone:SEP0011AABB0099 (1 finding"), "{stderr}");
    // An entry of a rule that did not run is not judged.
    let (_, _, stderr) = check(&["--baseline", "fixtures/baseline/stale.json", "--ignore", "UCCX006"]);
    assert!(!stderr.contains("SEP0011AABB0099"), "{stderr}");
}

#[test]
fn a_file_that_is_not_a_baseline_is_a_usage_error() {
    let (code, _, stderr) = check(&["--baseline", "fixtures/config/suppress.toml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a uclint baseline"), "{stderr}");
}

#[test]
fn statistics_count_findings_per_code() {
    let (_, _, stderr) = check(&["--statistics"]);
    rule_counts::redacted(|| insta::assert_snapshot!("statistics", stderr));
}
