//! The `uclint` binary end to end: output on the demo export and the exit-code contract
//! (0 clean, 1 error-level findings, 2 usage error or input not fully read).

use assert_cmd::Command;
use predicates::prelude::*;

mod rule_counts;

fn uclint() -> Command {
    let mut cmd = Command::cargo_bin("uclint").unwrap();
    cmd.current_dir("../..").env_remove("NO_COLOR");
    cmd
}

#[test]
fn demo_export_reports_findings_and_exits_1() {
    let output = uclint().args(["check", "fixtures/demo", "--format", "concise"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    rule_counts::redacted(|| insta::assert_snapshot!("demo_concise", format!("{stdout}\n--- stderr ---\n{stderr}")));
}

#[test]
fn demo_export_full_output() {
    let output = uclint().args(["check", "fixtures/demo", "--color", "never"]).output().unwrap();
    insta::assert_snapshot!("demo_full", String::from_utf8(output.stdout).unwrap());
}

#[test]
fn clean_export_exits_0() {
    uclint()
        .args(["check", "fixtures/rules/UCCX006/pass", "--select", "UCCX"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("0 errors"));
}

#[test]
fn warnings_and_info_alone_exit_0() {
    // The only finding left is INPUT005 (info): the export is read, nothing is at error level.
    uclint().args(["check", "fixtures/demo", "--ignore", "UCCX,RMCM"]).assert().code(0);
}

#[test]
fn missing_input_exits_2_and_still_lints_the_rest() {
    uclint()
        .args(["check", "fixtures/does-not-exist", "fixtures/demo", "--format", "concise"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("INPUT001 [error] could not read this input"))
        .stdout(predicate::str::contains("UCCX001 [error]"));
}

#[test]
fn an_axl_soap_fault_exits_2_names_the_axl_error_and_still_lints_the_rest() {
    uclint()
        .args(["check", "fixtures/axl/fault", "fixtures/demo", "--format", "concise"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "fixtures/axl/fault/getPhone-SEP0011AABB0099.xml:10:23: INPUT009 [error] this file is an AXL error \
             response (SOAP fault), not data: axlcode 5007, axlmessage \"Item not valid: The specified \
             SEP0011AABB0099 was not found\" (faultcode soapenv:Server)",
        ))
        .stdout(predicate::str::contains("UCCX001 [error]"));
}

#[test]
fn unknown_rule_in_select_is_a_usage_error() {
    uclint()
        .args(["check", "fixtures/demo", "--select", "UCCX999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`UCCX999` is not a rule code"));
}

#[test]
fn bad_flag_is_a_usage_error() {
    uclint().args(["check", "fixtures/demo", "--format", "yaml"]).assert().code(2);
}

#[test]
fn rules_lists_every_rule() {
    uclint()
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("UCCX001   ipcc-extension-shared"))
        .stdout(predicate::str::contains("RMCM001"));
}

#[test]
fn rule_prints_its_documentation() {
    uclint().args(["rule", "uccx005"]).assert().code(0).stdout(predicate::str::contains("## How to fix"));
    uclint().args(["rule", "NOPE001"]).assert().code(2);
}

#[test]
fn rules_and_rule_say_which_rules_have_a_fix() {
    let output = uclint().arg("rules").output().unwrap();
    let listing = String::from_utf8(output.stdout).unwrap();
    let column = |code: &str| {
        let header = listing.lines().next().unwrap();
        let at = header.find(" FIX ").unwrap() + 1;
        let row = listing.lines().find(|l| l.starts_with(&format!("{code} "))).unwrap();
        row.get(at..).unwrap_or_default().split(' ').next().unwrap_or_default().to_owned()
    };
    assert_eq!(column("UCCX006"), "safe", "{listing}");
    assert_eq!(column("RMCM001"), "safe", "{listing}");
    assert_eq!(column("UCCX001"), "-", "{listing}");
    assert_eq!(column("INPUT001"), "-", "{listing}");
    uclint()
        .args(["rule", "uccx006"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\n## Fix\nSafe: `uclint fix` sets Maximum Number of Calls to 2"));
    uclint()
        .args(["rule", "uccx001"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\n## Fix\nNone: `uclint fix` leaves this finding to the admin"));
}

#[test]
fn secrets_from_the_export_never_reach_the_output() {
    let enduser = std::fs::read_to_string("../../fixtures/demo-src/ucmdata_export_demo/enduser.csv").unwrap();
    let mut lines = enduser.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let secret_columns: Vec<usize> = header
        .iter()
        .enumerate()
        .filter(|(_, h)| h.starts_with("PASSWORD") || h.starts_with("PIN") || h.starts_with("DIGEST"))
        .map(|(i, _)| i)
        .collect();
    let secrets: Vec<String> = lines
        .flat_map(|l| {
            let cells: Vec<String> = l.split(',').map(str::to_owned).collect();
            secret_columns.iter().map(move |&i| cells[i].clone())
        })
        .filter(|v| v.len() >= 40)
        .collect();
    assert!(secrets.len() >= 10, "the demo export should carry hashes to test against");
    for format in ["full", "concise", "json", "sarif", "junit", "github", "markdown", "html", "health-markdown"] {
        let output = uclint().args(["check", "fixtures/demo", "--format", format]).output().unwrap();
        let all = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        for secret in &secrets {
            // Any 12-character run of a hash would be a leak.
            assert!(!all.contains(&secret[..12]), "{format} output leaks a secret");
        }
    }
}

/// The demo export with every rule ignored leaves one INPUT005 (info) diagnostic.
fn demo_info_only(extra: &[&str]) -> i32 {
    let every_family = "UCCX,RMCM,EM,IMP,LDAP,SEC,GEN";
    let output = uclint().args(["check", "fixtures/demo", "--ignore", every_family]).args(extra).output().unwrap();
    output.status.code().unwrap()
}

#[test]
fn fail_on_sets_the_threshold() {
    assert_eq!(demo_info_only(&[]), 0);
    assert_eq!(demo_info_only(&["--fail-on", "error"]), 0);
    assert_eq!(demo_info_only(&["--fail-on", "warning"]), 0);
    assert_eq!(demo_info_only(&["--fail-on", "info"]), 1);
    assert_eq!(demo_info_only(&["--fail-on", "fatal"]), 2);
}

#[test]
fn exit_zero_passes_findings_but_not_errors_of_use_or_input() {
    uclint().args(["check", "fixtures/demo", "--exit-zero"]).assert().code(0);
    uclint().args(["check", "fixtures/demo", "--exit-zero", "--fail-on", "info"]).assert().code(0);
    uclint().args(["check", "fixtures/does-not-exist", "--exit-zero"]).assert().code(2);
    uclint().args(["check", "fixtures/demo", "--exit-zero", "--select", "NOPE"]).assert().code(2);
    uclint()
        .args(["check", "fixtures/demo", "--exit-zero", "--config", "fixtures/config/invalid.toml"])
        .assert()
        .code(2);
}

#[test]
fn fippa_user_flag_runs_the_fippa_rules() {
    let fixture = "fixtures/rules/FIPPA001/fail";
    uclint()
        .args(["check", fixture, "--select", "FIPPA001", "--format", "concise", "-v"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("FIPPA001 skipped: no FIPPA user: set fippa-user"));
    uclint()
        .args(["check", fixture, "--select", "FIPPA001", "--format", "concise", "--fippa-user", "finesseippa"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FIPPA001 [error] agent phone SEP0011AABB0002"));
}

#[test]
fn timings_go_to_stderr_and_leave_stdout_alone() {
    let plain = uclint().args(["check", "fixtures/demo", "--format", "concise"]).output().unwrap();
    let timed = uclint().args(["check", "fixtures/demo", "--format", "concise", "--timings"]).output().unwrap();
    assert_eq!(plain.stdout, timed.stdout);
    assert_eq!(plain.status.code(), timed.status.code());
    let stderr = String::from_utf8(timed.stderr).unwrap();
    let stages =
        ["list inputs", "read and parse", "merge", "index", "rules (in parallel)", "select and render", "total"];
    for stage in stages {
        assert!(stderr.contains(&format!("  {stage} ")), "no {stage} row in:\n{stderr}");
    }
    assert!(stderr.contains("slowest: "), "{stderr}");
    if cfg!(target_os = "linux") {
        for stage in ["memory (resident):", "after ingest", "after rules", "at the end", "peak so far"] {
            assert!(stderr.contains(stage), "no {stage} in:\n{stderr}");
        }
    }
    assert!(!String::from_utf8(plain.stderr).unwrap().contains("timings"));
}
