//! `uclint report` on the demo export: the Markdown variant is snapshotted, and the HTML page
//! must be self-contained (no network, no external assets) and free of secrets.

use assert_cmd::Command;

fn report(format_ext: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(format!("report.{format_ext}"));
    let output = Command::cargo_bin("uclint")
        .unwrap()
        .current_dir("../..")
        .args(["report", "fixtures/demo", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    (output.status.code().unwrap(), std::fs::read_to_string(&out).unwrap())
}

#[test]
fn markdown_report_on_the_demo() {
    let (code, markdown) = report("md");
    // A report is not a gate: 0 once written, though the demo has errors (docs/exit-codes.md).
    assert_eq!(code, 0);
    insta::assert_snapshot!("demo_report_markdown", markdown);
}

#[test]
fn html_report_is_self_contained() {
    let (code, html) = report("html");
    assert_eq!(code, 0);
    assert!(html.starts_with("<!DOCTYPE html>"));
    for external in ["src=\"http", "href=\"http", "<link", "@import", "url("] {
        assert!(!html.contains(external), "the page loads something from outside: {external}");
    }
    assert!(html.contains("<svg"), "charts are inline SVG");
    assert!(html.contains("data-agents-total=\"7\" data-agents-ready=\"3\""));
}

#[test]
fn html_report_carries_no_secret() {
    let (_, html) = report("html");
    let enduser = std::fs::read_to_string("../../fixtures/demo-src/ucmdata_export_demo/enduser.csv").unwrap();
    // Every 40+ character hex run in the export is a password, PIN or digest hash.
    let hashes: Vec<&str> = enduser.split(|c: char| !c.is_ascii_hexdigit()).filter(|run| run.len() >= 40).collect();
    assert!(hashes.len() >= 10);
    for hash in hashes {
        assert!(!html.contains(&hash[..12]), "the report leaks a secret");
    }
}
