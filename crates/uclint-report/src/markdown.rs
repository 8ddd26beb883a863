//! `markdown`: a table of findings for a pull-request comment or a ticket, each code linked to
//! its documentation page, followed by the counts.

use std::fmt::Write;

use crate::summary::headline;
use crate::{rule_info, Position, Report, RuleInfo};

/// Renders the findings as a GitHub-flavoured Markdown table.
pub fn render_markdown(report: &Report<'_>, rules: &[RuleInfo]) -> String {
    let mut out = String::from("## uclint\n\n");
    if !report.diagnostics.is_empty() {
        out.push_str("| Severity | Code | Object | Location | Message | Fix |\n");
        out.push_str("|---|---|---|---|---|---|\n");
    }
    for d in report.diagnostics {
        let at = Position::of(&d.primary, report.sources);
        let code = match rule_info(rules, d.code) {
            Some((_, rule)) => format!("[{}]({}) `{}`", d.code, rule.help_uri, d.name),
            None => format!("{} `{}`", d.code, d.name),
        };
        let _ = writeln!(
            out,
            "| {} | {code} | `{}` | `{}:{}:{}` | {} | {} |",
            d.severity,
            code_span(&d.object.to_string()),
            code_span(at.file),
            at.line,
            at.column,
            cell(&d.message),
            cell(d.help.as_deref().unwrap_or("")),
        );
    }
    if !report.diagnostics.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(out, "{}", headline(report.summary, report.diagnostics));
    out
}

/// Keeps a text inside one table cell: pipes escaped, line breaks as `<br>`.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace("\r\n", "<br>").replace('\n', "<br>")
}

/// Keeps a text inside one code span in one table cell (backticks would end the span).
fn code_span(text: &str) -> String {
    cell(&text.replace('`', "'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipes_and_newlines_stay_in_the_cell() {
        assert_eq!(cell("a|b\nc"), "a\\|b<br>c");
    }
}
