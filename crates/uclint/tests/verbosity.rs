//! What `uclint` prints on standard error and how much (`-v`, `-q`, the few default lines),
//! `--show-files` and `--show-settings`, the exit codes of `uclint report`, `uclint rule` for
//! every listed code with "did you mean", and `check --help` (issue #18).

use assert_cmd::Command;

mod rule_counts;

fn uclint() -> Command {
    let mut cmd = Command::cargo_bin("uclint").unwrap();
    cmd.current_dir("../..").env_remove("NO_COLOR");
    cmd
}

/// `(exit code, stdout, stderr)` of `uclint ARGS` run from the repository root.
fn run(args: &[&str]) -> (i32, String, String) {
    let output = uclint().args(args).output().unwrap();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (output.status.code().unwrap(), text(output.stdout), text(output.stderr))
}

const LAB: [&str; 5] =
    ["check", "fixtures/lab-like/cucm", "fixtures/lab-like/uccx", "--config", "fixtures/lab-like/uclint.toml"];

/// The number before `word` at the start of a line of `text`: `148` of `148 files not checked: …`.
fn count_before(text: &str, word: &str) -> usize {
    let line = text.lines().find(|l| l.split_once(' ').is_some_and(|(_, rest)| rest.starts_with(word)));
    let line = line.unwrap_or_else(|| panic!("no line `N {word}` in:\n{text}"));
    line.split(' ').next().unwrap().parse().unwrap()
}

#[test]
fn default_stderr_on_the_lab_like_export_is_a_few_lines_with_the_counts() {
    let (code, _, stderr) = run(&LAB);
    assert_eq!(code, 0, "{stderr}");
    let notes = stderr.lines().filter(|l| l.starts_with("note: ")).count();
    let others = stderr.lines().count() - notes;
    // Files not checked, rules skipped, the headline; nothing else is expected on this export.
    assert!(others <= 4, "{others} lines besides the notes:\n{stderr}");
    let (_, _, verbose) = run(&[&LAB[..], &["-v"]].concat());
    let not_read = verbose.lines().filter(|l| l.starts_with("not read: ")).count();
    let skipped = verbose.lines().filter(|l| l.contains(" skipped: ")).count();
    assert!(not_read > 100 && skipped > 5, "{verbose}");
    assert_eq!(count_before(&stderr, "files not checked: "), not_read, "{stderr}");
    assert_eq!(count_before(&stderr, "rules skipped: "), skipped, "{stderr}");
    assert!(stderr.contains("of kinds no rule reads") && stderr.contains("templates and look-alikes"), "{stderr}");
    assert!(stderr.contains("wait for a deployment fact in uclint.toml ("), "{stderr}");
    assert!(stderr.contains("fippa-user"), "the keys to set are named: {stderr}");
    // Every member of the tar is known, so none is listed by name by default.
    assert!(!stderr.contains("not read: "), "{stderr}");
}

#[test]
fn verbose_lists_every_file_and_rule_one_per_line() {
    let (_, _, stderr) = run(&[&LAB[..], &["--verbose"]].concat());
    assert!(
        stderr.contains("not read: fixtures/lab-like/cucm/ucmdata_export_lab.tar!aargroup.csv (AAR groups"),
        "{stderr}"
    );
    assert!(stderr.contains("FIPPA001 skipped: no FIPPA user: set fippa-user in uclint.toml"), "{stderr}");
    assert!(!stderr.contains("files not checked:"), "{stderr}");
}

#[test]
fn a_file_that_may_be_a_fault_is_named_by_default() {
    // `fixtures/lab-like` holds uclint.toml beside the exports: not an export, so it is named.
    let (_, _, stderr) = run(&["check", "fixtures/lab-like", "--config", "fixtures/lab-like/uclint.toml"]);
    assert!(stderr.contains("1 not recognised"), "{stderr}");
    assert!(stderr.contains("not read: fixtures/lab-like/uclint.toml (not a format uclint reads)"), "{stderr}");
    assert_eq!(stderr.matches("not read: ").count(), 1, "{stderr}");
}

#[test]
fn quiet_prints_findings_only() {
    let (code, stdout, stderr) = run(&[&LAB[..], &["-q"]].concat());
    assert_eq!((code, stderr.as_str()), (0, ""), "a clean run says nothing on standard error");
    assert!(!stdout.is_empty(), "findings are still printed");
    let (code, stdout, stderr) = run(&["check", "fixtures/demo", "--format", "concise", "--quiet"]);
    assert_eq!(code, 1);
    assert_eq!(stderr, "");
    assert!(stdout.lines().count() > 3, "{stdout}");
    assert!(stdout.lines().all(|l| l.contains(": ") && l.contains(" [")), "only findings:\n{stdout}");
}

#[test]
fn quiet_still_prints_errors() {
    let (code, _, stderr) = run(&["check", "fixtures/demo", "-q", "--baseline", "fixtures/does-not-exist.json"]);
    assert_eq!(code, 2);
    assert!(stderr.starts_with("error: could not read"), "{stderr}");
}

#[test]
fn verbose_and_quiet_conflict() {
    let (code, _, stderr) = run(&["check", "fixtures/demo", "-v", "-q"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot be used with"), "{stderr}");
}

#[test]
fn show_files_lists_every_input_and_does_not_lint() {
    let output = uclint()
        .current_dir("../../fixtures/lab-like")
        .args(["check", "cucm", "uccx", "--show-files"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(output.stderr, b"", "nothing is linted, so there is no summary");
    insta::assert_snapshot!("show_files_lab_like", String::from_utf8(output.stdout).unwrap());
}

#[test]
fn show_settings_names_the_configuration_and_every_value() {
    let output = uclint()
        .current_dir("../../fixtures/lab-like")
        .args(["check", ".", "--show-settings", "--ignore", "SEC", "--fippa-user", "fippa\u{1b}[31m"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(output.stderr, b"");
    rule_counts::redacted(|| {
        insta::assert_snapshot!("show_settings_lab_like", String::from_utf8(output.stdout).unwrap())
    });
}

#[test]
fn show_settings_says_where_it_looked_when_there_is_no_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("uclint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", ".", "--show-settings"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.starts_with("configuration: none found (looked for uclint.toml in "), "{stdout}");
    assert!(stdout.contains("select: not set (every stable rule)"), "{stdout}");
    assert!(stdout.contains("  rmcm-user: not set"), "{stdout}");
}

#[test]
fn report_is_not_a_gate_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let page = page.to_str().unwrap();
    // The demo export has error-level findings: `check` exits 1 on it.
    assert_eq!(run(&["check", "fixtures/demo", "--format", "concise"]).0, 1);
    let (code, _, stderr) = run(&["report", "fixtures/demo", "-o", page]);
    assert_eq!(code, 0, "{stderr}");
    assert!(std::fs::metadata(page).unwrap().len() > 0);
    assert!(stderr.contains("report written to"), "{stderr}");
    assert_eq!(run(&["report", "fixtures/demo", "-o", page, "--fail-on", "error"]).0, 1);
    assert_eq!(run(&["report", "fixtures/demo", "-o", page, "--fail-on", "error", "--exit-zero"]).0, 0);
    // An input that is not fully read is still exit 2.
    assert_eq!(run(&["report", "fixtures/demo", "fixtures/does-not-exist", "-o", page]).0, 2);
    let (code, _, stderr) = run(&["report", "fixtures/demo", "-o", page, "-q"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
}

#[test]
fn rule_describes_input_and_configuration_codes_in_any_case() {
    let (code, stdout, _) = run(&["rule", "INPUT001"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("INPUT001 unreadable-file\n"), "{stdout}");
    assert!(stdout.contains("Severity: error") && stdout.contains("docs/input-diagnostics.md"), "{stdout}");
    let (code, stdout, _) = run(&["rule", "config001"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("CONFIG001 invalid-config\n") && stdout.contains("docs/configuration.md"), "{stdout}");
    let (code, stdout, _) = run(&["rule", "unmatched-suppression"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("CONFIG003 "), "{stdout}");
}

#[test]
fn every_listed_code_has_a_page() {
    let (_, listing, _) = run(&["rules"]);
    let codes: Vec<&str> = listing
        .lines()
        .filter_map(|l| l.split(' ').next())
        .filter(|c| c.len() > 3 && c.chars().last().is_some_and(|c| c.is_ascii_digit()))
        .collect();
    assert!(codes.len() > 100, "{codes:?}");
    for code in codes {
        assert_eq!(run(&["rule", code]).0, 0, "uclint rule {code}");
    }
}

#[test]
fn a_mistyped_code_gets_did_you_mean() {
    let (code, stdout, stderr) = run(&["rule", "UCCX01"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(stderr.contains("did you mean `UCCX001`?"), "{stderr}");
    let (code, _, stderr) = run(&["rule", "ipcc-extension-share"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean `ipcc-extension-shared`?"), "{stderr}");
    let (code, _, stderr) = run(&["rule", "imput001"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean `INPUT001`?"), "{stderr}");
    let (code, _, stderr) = run(&["rule", "zzzz"]);
    assert_eq!(code, 2);
    assert!(!stderr.contains("did you mean"), "nothing is close: {stderr}");
    let (code, _, stderr) = run(&["check", "fixtures/demo", "--select", "UCCX1"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean `UCCX001`?"), "{stderr}");
}

#[test]
fn check_help_names_every_input_family_and_dash_h_stays_short() {
    let (code, help, _) = run(&["check", "--help"]);
    assert_eq!(code, 0);
    for family in ["Import/Export tars", "BAT CSV", "get* and list*", "executeSQLQuery", "adminapi", ".tgz", ".zip"] {
        assert!(help.contains(family), "`{family}` in:\n{help}");
    }
    let (_, short, _) = run(&["check", "-h"]);
    assert!(!short.contains("executeSQLQuery") && short.len() < help.len(), "{short}");
    let (_, report, _) = run(&["report", "--help"]);
    assert!(report.contains("not a gate"), "{report}");
}
