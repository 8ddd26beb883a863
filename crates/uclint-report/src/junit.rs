//! `junit`: JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure DevOps).
//!
//! Each code is a test suite and each finding a failed test case named by its object key, so
//! the CI's test view groups findings by rule. A rule that ran and found nothing is a suite with
//! one passing case, so a clean run still shows what was checked.
//!
//! XML 1.0 cannot hold most control characters at all, not even as character references, and
//! `quick-junit` drops them silently; text from the input has them made visible first
//! ([`xml_text`]), so the document stays well-formed and a CI page shows what the export held.

use std::io;

use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};

use crate::{rule_info, text, Paths, Position, Report, RuleInfo};

/// Writes the report to `out` as a JUnit XML document.
pub fn write_junit(report: &Report<'_>, rules: &[RuleInfo], out: &mut dyn io::Write) -> io::Result<()> {
    let mut codes: Vec<&str> = report.summary.checked.iter().map(String::as_str).collect();
    codes.extend(report.diagnostics.iter().map(|d| d.code));
    codes.sort_unstable();
    codes.dedup();

    let paths = Paths::new(report.sources);
    let mut junit = quick_junit::Report::new("uclint");
    for code in codes {
        let name = match rule_info(rules, code) {
            Some((_, rule)) => format!("{code} {}", rule.name),
            None => code.to_owned(),
        };
        let mut suite = TestSuite::new(name);
        let mut any = false;
        for d in report.diagnostics.iter().filter(|d| d.code == code) {
            any = true;
            let at = Position::of(&d.primary, &paths);
            let message = xml_text(&text::message(&d.message));
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            let mut description = format!("{}:{}:{}: {message}", xml_text(at.file), at.line, at.column);
            if let Some(help) = &d.help {
                description.push_str("\nhelp: ");
                description.push_str(&xml_text(&text::message(help)));
            }
            status.set_message(message).set_type(d.severity.as_str()).set_description(description);
            let mut case = TestCase::new(xml_text(&text::key(&d.object.to_string())), status);
            case.set_classname(code);
            suite.add_test_case(case);
        }
        if !any {
            let mut case = TestCase::new("no findings", TestCaseStatus::success());
            case.set_classname(code);
            suite.add_test_case(case);
        }
        junit.add_test_suite(suite);
    }
    // Serialised in memory first (its size is bounded by the findings, as every field is), so
    // that a failed write keeps its `io::ErrorKind` for the caller.
    let mut document = Vec::new();
    junit.serialize(&mut document).map_err(io::Error::other)?;
    out.write_all(&document)
}

/// Renders the report as a JUnit XML document.
pub fn render_junit(report: &Report<'_>, rules: &[RuleInfo]) -> String {
    crate::to_string(|out| write_junit(report, rules, out))
}

/// Text that XML 1.0 can hold and a CI page shows as it was: controls and bidi characters as
/// visible escapes ([`text::terminal`]), and the two non-characters XML forbids too.
fn xml_text(value: &str) -> String {
    let visible = text::terminal(value);
    if !visible.contains(['\u{fffe}', '\u{ffff}']) {
        return visible.into_owned();
    }
    visible.replace('\u{fffe}', "\\u{fffe}").replace('\u{ffff}', "\\u{ffff}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_xml_cannot_hold_are_escaped() {
        assert_eq!(xml_text("a\x1b\x07\u{ffff}\u{202e}"), "a\\x1b\\x07\\u{ffff}\\u{202e}");
    }
}
