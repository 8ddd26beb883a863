//! `uclint.toml`: mistakes reported with spans into the file (exit 2), suppressions,
//! severity overrides, discovery upward from the working directory, and flags overriding it.

use assert_cmd::Command;

mod rule_counts;

fn uclint(dir: &str) -> Command {
    let mut cmd = Command::cargo_bin("uclint").unwrap();
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd
}

/// Runs from the repository root; returns exit code, stdout and stderr.
fn check(args: &[&str]) -> (i32, String, String) {
    let output = uclint("../..").arg("check").args(args).output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (output.status.code().unwrap(), text(output.stdout), text(output.stderr))
}

#[test]
fn config_errors_point_into_the_config_file_and_exit_2() {
    let (code, stdout, stderr) =
        check(&["fixtures/demo", "--config", "fixtures/config/invalid.toml", "--color", "never"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!("config_errors", format!("{stdout}\n--- stderr ---\n{stderr}"));
}

#[test]
fn an_unknown_key_is_a_config_error() {
    let (code, stdout, _) =
        check(&["fixtures/demo", "--config", "fixtures/config/unknown-key.toml", "--format", "concise"]);
    assert_eq!(code, 2);
    assert!(stdout.starts_with("fixtures/config/unknown-key.toml:1:1: CONFIG001 [error]"), "{stdout}");
    assert!(stdout.contains("unknown field `rmcm-usr`"), "{stdout}");
}

#[test]
fn a_missing_config_file_is_a_usage_error() {
    let (code, _, stderr) = check(&["fixtures/demo", "--config", "fixtures/config/nope.toml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("could not read fixtures/config/nope.toml"), "{stderr}");
}

#[test]
fn suppressions_and_severity_overrides_apply() {
    let (code, stdout, stderr) =
        check(&["fixtures/demo", "--config", "fixtures/config/suppress.toml", "--format", "concise"]);
    assert_eq!(code, 1);
    rule_counts::redacted(|| insta::assert_snapshot!("config_suppress", format!("{stdout}\n--- stderr ---\n{stderr}")));
    assert!(!stdout.contains("UCCX001"), "{stdout}");
    assert!(stdout.contains("UCCX007 [warning]"), "{stdout}");
    assert!(stdout.contains("CONFIG003 [warning]"), "{stdout}");
}

#[test]
fn the_config_is_found_upward_and_flags_override_it() {
    let dir = "../../fixtures/config/discovered/nested";
    let output = uclint(dir).args(["check", "../../../demo", "--format", "concise"]).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("UCCX001") && !stdout.contains("RMCM001"), "{stdout}");

    let output =
        uclint(dir).args(["check", "../../../demo", "--format", "concise", "--ignore", "UCCX"]).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(!stdout.contains("UCCX001") && stdout.contains("RMCM001"), "{stdout}");
}
