//! `markdown`: a table of findings for a pull-request comment or a ticket, each code linked to
//! its documentation page, followed by the counts.
//!
//! A comment is rendered by whoever reads it, so text from the input must stay text: object
//! keys and locations are code spans (nothing inside one is interpreted), messages and fixes
//! have every character Markdown or HTML would act on escaped with a backslash (no image, link,
//! tag, emphasis or entity gets through), and controls, including a lone carriage return that
//! would end the table row, are visible escapes first ([`crate::text::terminal`]).

use std::io;

use crate::summary::headline;
use crate::{rule_info, text, Paths, Position, Report, RuleInfo};

/// Writes the findings as a GitHub-flavoured Markdown table to `out`.
pub fn write_markdown(report: &Report<'_>, rules: &[RuleInfo], out: &mut dyn io::Write) -> io::Result<()> {
    out.write_all(b"## uclint\n\n")?;
    if !report.diagnostics.is_empty() {
        out.write_all(b"| Severity | Code | Object | Location | Message | Fix |\n")?;
        out.write_all(b"|---|---|---|---|---|---|\n")?;
    }
    let paths = Paths::new(report.sources);
    for d in report.diagnostics {
        let at = Position::of(&d.primary, &paths);
        let code = match rule_info(rules, d.code) {
            Some((_, rule)) => format!("[{}]({}) `{}`", d.code, rule.help_uri, d.name),
            None => format!("{} `{}`", d.code, d.name),
        };
        writeln!(
            out,
            "| {} | {code} | {} | {} | {} | {} |",
            d.severity,
            code_span(&text::key(&d.object.to_string())),
            code_span(&format!("{}:{}:{}", at.file, at.line, at.column)),
            cell(&text::message(&d.message)),
            cell(&text::message(d.help.as_deref().unwrap_or(""))),
        )?;
    }
    if !report.diagnostics.is_empty() {
        out.write_all(b"\n")?;
    }
    writeln!(out, "{}", headline(report.summary, report.diagnostics))
}

/// Renders the findings as a GitHub-flavoured Markdown table.
pub fn render_markdown(report: &Report<'_>, rules: &[RuleInfo]) -> String {
    crate::to_string(|out| write_markdown(report, rules, out))
}

/// Characters escaped with a backslash in a table cell: the backslash itself, code spans,
/// emphasis and strike-through, links and images, HTML tags and entities, GitHub's math
/// delimiter, and the pipe that would end the cell. (`>` starts a block quote only at the
/// start of a line, which a cell's text never is, and closes no tag once `<` is escaped.)
const MARKDOWN_SPECIAL: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '!', '&', '~', '$', '|'];

/// Text from the input as plain text inside one table cell: controls made visible, then every
/// character Markdown acts on escaped.
pub(crate) fn cell(text: &str) -> String {
    let visible = text::terminal(text);
    let mut out = String::with_capacity(visible.len() + 8);
    for c in visible.chars() {
        if MARKDOWN_SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text from the input as one code span inside one table cell: controls made visible, the
/// span's fence longer than any run of backticks inside, and pipes escaped for the table (GFM
/// removes that backslash before it reads the span).
pub(crate) fn code_span(text: &str) -> String {
    let visible = text::terminal(text);
    if visible.is_empty() {
        return String::new();
    }
    let mut longest = 0;
    let mut run = 0;
    for c in visible.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // A span that starts or ends with a backtick, or with a space at both ends, needs one
    // space of padding, which Markdown strips.
    let pad = visible.starts_with('`')
        || visible.ends_with('`')
        || (visible.starts_with(' ') && visible.ends_with(' ') && !visible.trim().is_empty());
    let pad = if pad { " " } else { "" };
    format!("{fence}{pad}{}{pad}{fence}", visible.replace('|', "\\|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipes_and_line_breaks_stay_in_the_cell() {
        assert_eq!(cell("a|b\nc\rd"), "a\\|b\\\\nc\\\\rd");
    }

    #[test]
    fn images_links_and_tags_are_text() {
        assert_eq!(cell("![x](https://evil)"), "\\!\\[x\\](https://evil)");
        assert_eq!(cell("<img src=x>"), "\\<img src=x>");
        assert_eq!(cell("&#x202e;"), "\\&#x202e;");
    }

    #[test]
    fn code_spans_outlast_the_backticks_inside() {
        assert_eq!(code_span("phone:SEP1"), "`phone:SEP1`");
        assert_eq!(code_span("a``b|c"), "```a``b\\|c```");
        assert_eq!(code_span("`x"), "`` `x ``");
        assert_eq!(code_span("\x1b[2J"), "`\\x1b[2J`");
    }
}
