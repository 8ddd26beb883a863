//! `uclint report` on the demo export: the Markdown variant is snapshotted, and the HTML page
//! must be self-contained (no network, no external assets), free of secrets, reproducible, in
//! the order a change board reads it, and count what `check` counts.

use assert_cmd::Command;

mod rule_counts;

fn report(format_ext: &str) -> (i32, String) {
    report_on("fixtures/demo", format_ext)
}

/// `uclint report FIXTURE -o report.EXT`: the exit code and the report.
fn report_on(fixture: &str, format_ext: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(format!("report.{format_ext}"));
    let output = Command::cargo_bin("uclint")
        .unwrap()
        .current_dir("../..")
        // The report time is part of the page: fixed, so the snapshot and the reproducibility
        // check hold.
        .env("SOURCE_DATE_EPOCH", "1765130576")
        .args(["report", fixture, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    (output.status.code().unwrap(), std::fs::read_to_string(&out).unwrap())
}

/// `check`'s last line on the demo: `15 findings (6 errors, …) in 42 objects from 11 files; …`.
fn check_headline() -> String {
    let output =
        Command::cargo_bin("uclint").unwrap().current_dir("../..").args(["check", "fixtures/demo"]).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    stderr.lines().last().unwrap().to_owned()
}

/// The number before `word` in `line` (`42` before ` objects`).
fn number_before(line: &str, word: &str) -> String {
    let head = &line[..line.find(word).unwrap()];
    head.rsplit(|c: char| !c.is_ascii_digit() && c != ',').next().unwrap().to_owned()
}

#[test]
fn markdown_report_on_the_demo() {
    let (code, markdown) = report("md");
    // A report is not a gate: 0 once written, though the demo has errors (docs/exit-codes.md).
    assert_eq!(code, 0);
    rule_counts::redacted(|| insta::assert_snapshot!("demo_report_markdown", markdown));
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

#[test]
fn html_report_counts_what_check_counts() {
    let headline = check_headline();
    let (objects, findings, errors) = (
        number_before(&headline, " objects"),
        number_before(&headline, " findings"),
        number_before(&headline, " errors"),
    );
    let (_, html) = report("html");
    assert!(html.contains(&format!("<dt>Objects read</dt><dd>{objects}</dd>")), "check says {headline}");
    assert!(html.contains(&format!("<dd>{findings} findings: {errors} errors")), "check says {headline}");
    let (_, markdown) = report("md");
    assert!(markdown.contains(&format!("- Objects read: {objects}\n")), "check says {headline}");
}

#[test]
fn html_report_answers_first_and_keeps_the_appendix_last() {
    let (_, html) = report("html");
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    // Context, verdict and top issues before anything else; skipped rules after the findings.
    assert!(at("Can we go live?") < at("Not ready: 6 blocking errors"));
    assert!(at("<dt>Publisher</dt>") < at("Top issues"));
    assert!(at("Top issues") < at("UCCX agent readiness"));
    assert!(at("UCCX agent readiness") < at("id=\"findings\""));
    assert!(at("id=\"findings\"") < at("Rules skipped"));
    assert!(at("Rules skipped") < at("<code>EM003</code>"), "skipped rules are in the appendix");
    // Errors first: the UCCX family (errors) before EM (info only).
    assert!(at("<h3 id=\"family-UCCX\"") < at("<h3 id=\"family-EM\""));
    // Headings in order, none skipped.
    let mut level = 0;
    for part in html.split("<h").skip(1) {
        let Some(n) = part.chars().next().and_then(|c| c.to_digit(10)) else { continue };
        assert!(n <= level + 1, "h{n} after h{level}");
        level = n;
    }
    assert!(html.contains("<html lang=\"en\">") && html.contains("<label for=\"filter\">"));
}

#[test]
fn html_report_is_reproducible() {
    assert_eq!(report("html").1, report("html").1);
}

/// The part of a report from `start` to the next `end`.
fn section<'a>(report: &'a str, start: &str, end: &str) -> &'a str {
    let from = report.find(start).unwrap_or_else(|| panic!("no {start} in {report}"));
    let to = from + report[from..].find(end).unwrap_or_else(|| panic!("no {end} after {start}"));
    &report[from..to]
}

/// `fixtures/dialplan`: the CTI ports (device CSS `CSS_Agents`) reach both agents; the export
/// names no JTAPI user and has no UCCX export, so every CTI device is taken as UCCX's, and the
/// trigger's redirect CSS is not known (not judged): both are said.
#[test]
fn call_paths_on_the_dial_plan_fixture() {
    let (_, md) = report_on("fixtures/dialplan", "md");
    let paths = section(&md, "## UCCX call paths", "## Extension Mobility");
    assert!(paths.contains("### CTI port to agent\n\n2 of 2 agents reachable from the CTI ports.\n"), "{paths}");
    assert!(
        paths.contains(
            "| `CSS_Agents` | 2 CTI ports (CXBA\\_P1, CXBA\\_P2) | the call control groups are not in the export: \
             the ports' own CSS, assumed |"
        ),
        "{paths}"
    );
    assert!(!paths.contains("Why not reached"), "no agent is listed as unreachable: {paths}");
    assert!(paths.contains("1 trigger: not judged.\n"), "{paths}");
    assert!(paths.contains("every CTI port and route point of the export is taken as UCCX's"), "{paths}");
    assert!(paths.contains("UCCX's trigger export is not read"), "{paths}");
    assert!(paths.contains("Dial-plan findings (DIAL): 0."), "{paths}");
    assert!(md.contains("| Call paths | DIAL | 0 | 0 | ✔ Nothing blocking: 2 of 2 agents reachable |"), "{md}");
    let (_, html) = report_on("fixtures/dialplan", "html");
    let paths = section(&html, "<h2 id=\"call-paths\">", "<h2>");
    assert!(paths.contains("<p>2 of 2 agents reachable from the CTI ports.</p>"), "{paths}");
    assert!(paths.contains("<td><code>CSS_Agents</code></td><td>2 CTI ports (CXBA_P1, CXBA_P2)</td>"), "{paths}");
    assert!(!paths.contains("unreachable-agents"), "{paths}");
}

/// `fixtures/health/call-paths`: `fixtures/dialplan` with agent02's extension moved to a
/// partition no CSS holds. The section names agent02, the CSS and why, and counts the DIAL003
/// finding that the partition is in no CSS.
#[test]
fn call_paths_name_the_agent_the_ports_cannot_reach() {
    let (_, md) = report_on("fixtures/health/call-paths", "md");
    let paths = section(&md, "## UCCX call paths", "## Extension Mobility");
    assert!(paths.contains("1 of 2 agents reachable from the CTI ports; 1 not reachable.\n"), "{paths}");
    assert!(
        paths.contains(
            "| agent02 | `6002@PT_Agents_Legacy` | `CSS_Agents` | no match; its partition PT\\_Agents\\_Legacy is \
             not in the CSS |"
        ),
        "{paths}"
    );
    assert!(!paths.contains("agent01"), "agent01 is reached: {paths}");
    assert!(paths.contains("Dial-plan findings (DIAL): 1, under DIAL: the dial plan and call paths."), "{paths}");
    // The area is blocked by what the section found, not only by findings: it never reads
    // "nothing blocking" above an agent the ports cannot reach.
    assert!(md.contains("| Call paths | DIAL | 0 | 1 | ✖ **Blocked**: 1 of 2 agents reachable |"), "{md}");
    let (_, html) = report_on("fixtures/health/call-paths", "html");
    let paths = section(&html, "<h2 id=\"call-paths\">", "<h2>");
    assert!(
        paths.contains(
            "<tr><td>agent02</td><td><code>6002@PT_Agents_Legacy</code></td><td><code>CSS_Agents</code></td>\
             <td>no match; its partition PT_Agents_Legacy is not in the CSS</td></tr>"
        ),
        "{paths}"
    );
    assert!(paths.contains("<a href=\"#family-DIAL\">"), "the DIAL findings are linked: {paths}");
    assert!(
        html.contains("<h3 id=\"family-DIAL\">DIAL: the dial plan and call paths"),
        "the DIAL family has its title"
    );
}

/// The demo export has UCCX agents but no dial plan: the section says so in one line.
#[test]
fn call_paths_without_a_dial_plan_say_so() {
    let (_, md) = report("md");
    let paths = section(&md, "## UCCX call paths", "## Extension Mobility");
    assert!(paths.contains("Not judged: the export has no dial plan"), "{paths}");
    assert!(!paths.contains('|'), "no table: {paths}");
}
