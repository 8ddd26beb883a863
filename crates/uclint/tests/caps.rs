//! The output caps at scale (docs/output-formats.md): a BAT `phone.csv` of 30,000 phones without
//! an owner gives 30,000 GEN005 findings of one shape. The formats a person or a service with
//! limits reads stay within those limits and say what they left out; `--no-cap` gives every
//! finding; JSON and concise are complete either way. JUnit fails exactly at `--fail-on`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;

/// Phones in the big export.
const PHONES: usize = 30_000;

/// A directory holding `exports/phone.csv` with `phones` phones that have no owner.
fn export(phones: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("caps-{phones}"));
    std::fs::create_dir_all(dir.join("exports")).unwrap();
    let mut csv = String::from(
        "Device Name,Description,Device Pool,Device Type,Device Protocol,Owner User ID,Directory Number 1,Route \
         Partition 1\n",
    );
    for i in 0..phones {
        let name = format!("SEP{:012X}", 0x1000 + i);
        csv.push_str(&format!("{name},{name},DP_HQ,Cisco 7841,SIP,,{},PT_Internal\n", 10_000 + i));
    }
    std::fs::write(dir.join("exports/phone.csv"), csv).unwrap();
    dir
}

/// The big export, written once.
fn big() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| export(PHONES))
}

/// An export of 50 phones, written once.
fn small() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| export(50))
}

/// Runs `uclint check exports ARGS` in `dir` and returns its standard output.
fn check(dir: &Path, args: &[&str]) -> String {
    let output = Command::cargo_bin("uclint")
        .unwrap()
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .args(["check", "exports", "--color", "never"])
        .args(args)
        .output()
        .unwrap();
    // Info findings alone do not fail the run.
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn json_and_concise_are_complete() {
    let json: serde_json::Value = serde_json::from_str(&check(big(), &["--format", "json"])).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), PHONES);
    assert!(diagnostics.iter().all(|d| d["code"] == "GEN005"));
    assert_eq!(check(big(), &["--format", "concise"]).lines().count(), PHONES);
}

#[test]
fn full_shows_ten_findings_of_a_rule_then_what_was_left_out() {
    let out = check(big(), &[]);
    assert_eq!(out.matches("GEN005 phone-without-owner").count(), 10, "{out}");
    assert!(out.contains("... and 29,990 more GEN005 findings (see --format json, or --no-cap)\n"), "{out}");
    assert!(
        out.contains(
            "  29,990 × phone SEP00000000100A has no Owner User ID (needed for user-based licensing and reporting) \
             (phone:SEP00000000100A, phone:SEP00000000100B, phone:SEP00000000100C, …)\n"
        ),
        "{out}"
    );
    assert!(out.len() < 20_000, "{} bytes", out.len());
    // Every finding with --no-cap (on a smaller export: each block is a snippet).
    assert_eq!(check(small(), &["--no-cap"]).matches("GEN005 phone-without-owner").count(), 50);
    assert_eq!(check(small(), &[]).matches("GEN005 phone-without-owner").count(), 10);
}

#[test]
fn github_writes_one_annotation_per_group() {
    let out = check(big(), &["--format", "github"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(lines[0].starts_with("::notice file=exports/phone.csv,line=2,"), "{out}");
    assert!(lines[0].contains("title=GEN005 phone-without-owner (30%2C000 findings)::"), "{out}");
    assert!(lines[0].contains("%0Aobjects (30,000): phone:SEP000000001000, "), "{out}");
    assert!(lines[0].ends_with(" and 29,995 more"), "{out}");
    assert_eq!(check(big(), &["--format", "github", "--no-cap"]).lines().count(), PHONES);
}

#[test]
fn markdown_writes_one_row_per_group() {
    let out = check(big(), &["--format", "markdown"]);
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("| info ")).collect();
    assert_eq!(rows.len(), 1, "{out}");
    assert!(rows[0].contains(" and 29,997 more (30,000 in all) "), "{out}");
    assert!(out.len() < 900 * 1024);
    let all = check(big(), &["--format", "markdown", "--no-cap"]);
    assert_eq!(all.lines().filter(|l| l.starts_with("| info ")).count(), PHONES);
}

#[test]
fn sarif_keeps_25000_results_and_says_what_it_left_out() {
    let sarif: serde_json::Value = serde_json::from_str(&check(big(), &["--format", "sarif"])).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(run["results"].as_array().unwrap().len(), 25_000);
    let notification = &run["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(notification["level"], "warning");
    assert!(
        notification["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with("5,000 of 30,000 results were left out (5,000 notes)"),
        "{notification}"
    );
    let all: serde_json::Value = serde_json::from_str(&check(big(), &["--format", "sarif", "--no-cap"])).unwrap();
    assert_eq!(all["runs"][0]["results"].as_array().unwrap().len(), PHONES);
    assert!(all["runs"][0].get("invocations").is_none());
}

#[test]
fn junit_fails_exactly_the_findings_at_or_above_fail_on() {
    let default = check(small(), &["--format", "junit"]);
    assert_eq!(default.matches("<failure").count(), 0, "{default}");
    assert_eq!(default.matches("<system-out>info: exports/phone.csv:").count(), 50, "{default}");
    // Rules that were skipped are skipped cases.
    assert!(default.contains("<skipped message=\""), "{default}");
    let output = Command::cargo_bin("uclint")
        .unwrap()
        .current_dir(small())
        .args(["check", "exports", "--format", "junit", "--fail-on", "info"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let strict = String::from_utf8(output.stdout).unwrap();
    assert_eq!(strict.matches("<failure ").count(), 50, "{strict}");
    assert_eq!(strict.matches("<system-out>").count(), 0, "{strict}");
}
