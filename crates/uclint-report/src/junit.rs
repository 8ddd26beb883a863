//! `junit`: JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure DevOps).
//!
//! Each code is a test suite and each finding a failed test case named by its object key, so
//! the CI's test view groups findings by rule. A rule that ran and found nothing is a suite with
//! one passing case, so a clean run still shows what was checked.

use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};

use crate::{rule_info, Position, Report, RuleInfo};

/// Renders the report as a JUnit XML document.
pub fn render_junit(report: &Report<'_>, rules: &[RuleInfo]) -> String {
    let mut codes: Vec<&str> = report.summary.checked.iter().map(String::as_str).collect();
    codes.extend(report.diagnostics.iter().map(|d| d.code));
    codes.sort_unstable();
    codes.dedup();

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
            let at = Position::of(&d.primary, report.sources);
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            let mut description = format!("{}:{}:{}: {}", at.file, at.line, at.column, d.message);
            if let Some(help) = &d.help {
                description.push_str("\nhelp: ");
                description.push_str(help);
            }
            status.set_message(d.message.as_str()).set_type(d.severity.as_str()).set_description(description);
            let mut case = TestCase::new(d.object.to_string(), status);
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
    // Serialising into memory fails only on an I/O error, which a String cannot raise.
    junit.to_string().unwrap_or_default()
}
