//! What the global snapshots (the demo export in every format, the run summary, the health
//! report, `--show-settings`) leave out, so that adding a default rule changes none of them: how
//! many rules ran and were skipped, and the JUnit test suites of the rules that found nothing.
//! The number of default rules is asserted in one place instead, `formats.rs`'s
//! `the_default_rules_are_the_stable_rules`, and the JUnit suites of a passing and a skipped rule
//! in `formats.rs`'s `junit_suites_of_rules_without_findings`.
//!
//! What still changes with a new rule is what it says: its findings, and, when the demo export
//! lacks the data it needs, the rules GEN010 names and the skipped rules JSON and the health
//! report list.

/// Runs `assert` (an `insta` assertion) with the rule counts redacted.
pub fn redacted(assert: impl FnOnce()) {
    let mut settings = insta::Settings::clone_current();
    for (pattern, replacement) in FILTERS {
        settings.add_filter(pattern, *replacement);
    }
    settings.bind(assert);
}

/// Regular expressions and what they are replaced with.
const FILTERS: &[(&str, &str)] = &[
    // The summary's closing line, in every format that prints it: `70 rules run, 35 skipped`.
    (r"\b\d+ rules? run, \d+ skipped\b", "[N] rules run, [N] skipped"),
    // The summary's skipped line: `35 rules skipped: 10 wait for …, 25 lack data in the export`.
    (r"\b\d+ rules? skipped: ", "[N] rules skipped: "),
    (r"\b\d+ waits? for a deployment fact\b", "[N] wait for a deployment fact"),
    (r"\b\d+ lacks? data in the export\b", "[N] lack data in the export"),
    // JSON's summary.
    (r#""rules_run": \d+"#, r#""rules_run": "[N]""#),
    // The health report: `- Rules: 70 run, 35 skipped (appendix)`.
    (r"\bRules: \d+ run, \d+ skipped\b", "Rules: [N] run, [N] skipped"),
    // `--show-settings`: `rules selected (99, with the command line's flags): EM001 EM002 …`.
    (r"(?m)^rules selected \(\d+, (.*?)\): .*$", "rules selected ([N], $1): [CODES]"),
    // JUnit: the counts of the root, then the suites of rules that ran and found nothing and of
    // rules that were skipped (one suite per rule).
    (
        r#"<testsuites name="uclint" tests="\d+" skipped="\d+""#,
        r#"<testsuites name="uclint" tests="[N]" skipped="[N]""#,
    ),
    (
        r#"(?m)^    <testsuite name="[^"]*" tests="1" skipped="0" errors="0" failures="0">\n        <testcase name="no findings" classname="[^"]*"/>\n    </testsuite>\n"#,
        "",
    ),
    (
        r#"(?m)^    <testsuite name="[^"]*" tests="1" skipped="1" errors="0" failures="0">\n        <testcase name="skipped" classname="[^"]*">\n            <skipped message="[^"]*"/>\n        </testcase>\n    </testsuite>\n"#,
        "",
    ),
];
