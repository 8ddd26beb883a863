//! `markdown`: a table of findings for a pull-request comment, a ticket or a step summary,
//! followed by the counts. A code links to its documentation page when the run was given a base
//! for those links (`--doc-base-url`); a comment cannot resolve a link relative to the
//! repository, so without one the code is plain text.
//!
//! A comment is rendered by whoever reads it, so text from the input must stay text: object
//! keys and locations are code spans (nothing inside one is interpreted), messages and fixes
//! have every character Markdown or HTML would act on escaped with a backslash (no image, link,
//! tag, emphasis or entity gets through), and controls, including a lone carriage return that
//! would end the table row, are visible escapes first ([`crate::text::terminal`]).
//!
//! `GITHUB_STEP_SUMMARY` takes at most 1 MiB, and a comment far less is still read. By default
//! ([`RenderOptions::cap`]) a row is a group of findings ([`crate::group`]): the count and the
//! first objects, the first finding's location, message and fix; at most
//! [`MARKDOWN_GROUPS_PER_RULE`] rows per rule, and no row past [`MARKDOWN_BUDGET`] bytes. Below
//! the table, a list says what was left out of each rule. `--no-cap` writes one row per finding.

use std::collections::HashMap;
use std::io;

use crate::summary::headline;
use crate::{count, findings, group, rule_info, text, Paths, Position, RenderOptions, Report, RuleInfo};

/// Rows (groups) of one rule written when capped.
pub const MARKDOWN_GROUPS_PER_RULE: usize = 20;
/// Bytes of table written at most when capped, well under the 1 MiB of a step summary: what
/// follows the table (the lines that say what was left out, one per rule, and the counts) is
/// bounded by the number of codes.
pub const MARKDOWN_BUDGET: usize = 900 * 1024;
/// Objects named in a group's row.
const OBJECTS_LISTED: usize = 3;

/// Writes the findings as a GitHub-flavoured Markdown table to `out`.
pub fn write_markdown(
    report: &Report<'_>,
    rules: &[RuleInfo],
    options: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    out.write_all(b"## uclint\n\n")?;
    if !report.diagnostics.is_empty() {
        out.write_all(b"| Severity | Code | Object | Location | Message | Fix |\n")?;
        out.write_all(b"|---|---|---|---|---|---|\n")?;
    }
    let paths = Paths::new(report.sources);
    let groups = if options.cap {
        group::groups(report.diagnostics)
    } else {
        (0..report.diagnostics.len()).map(|i| group::Group { members: vec![i] }).collect()
    };
    let mut written = 0;
    let mut rows_per_code: HashMap<&str, usize> = HashMap::new();
    // Per code, in order of first appearance: findings left out.
    let mut left_out: Vec<(&str, usize)> = Vec::new();
    let mut left_out_at: HashMap<&str, usize> = HashMap::new();
    let mut over_budget = false;
    let mut rule_capped = false;
    for g in &groups {
        let d = &report.diagnostics[g.first()];
        let rows = rows_per_code.entry(d.code.id).or_insert(0);
        let row = if options.cap && (over_budget || *rows == MARKDOWN_GROUPS_PER_RULE) {
            rule_capped |= !over_budget;
            None
        } else {
            let row = self::row(report, rules, g, &paths);
            if options.cap && written + row.len() > MARKDOWN_BUDGET {
                over_budget = true;
                None
            } else {
                Some(row)
            }
        };
        match row {
            Some(row) => {
                *rows += 1;
                written += row.len();
                out.write_all(row.as_bytes())?;
            }
            None => {
                let at = *left_out_at.entry(d.code.id).or_insert_with(|| {
                    left_out.push((d.code.id, 0));
                    left_out.len() - 1
                });
                left_out[at].1 += g.len();
            }
        }
    }
    if !report.diagnostics.is_empty() {
        out.write_all(b"\n")?;
    }
    if !left_out.is_empty() {
        let n: usize = left_out.iter().map(|(_, n)| n).sum();
        let mut why = Vec::new();
        if rule_capped {
            why.push(format!("at most {MARKDOWN_GROUPS_PER_RULE} rows per rule"));
        }
        if over_budget {
            why.push(format!("the table stops at {} KiB", MARKDOWN_BUDGET / 1024));
        }
        let why = why.join(", and ");
        writeln!(
            out,
            "{} more {} not in the table ({why}; see `--format json`, or `--no-cap`):\n",
            count(n),
            findings(n)
        )?;
        for (code, n) in &left_out {
            writeln!(out, "- {code}: {} more {}", count(*n), findings(*n))?;
        }
        out.write_all(b"\n")?;
    }
    writeln!(out, "{}", headline(report.summary, report.diagnostics))
}

/// One table row: a finding, or a group of findings shown as its first with the count and the
/// first objects.
fn row(report: &Report<'_>, rules: &[RuleInfo], g: &group::Group, paths: &Paths<'_>) -> String {
    let d = &report.diagnostics[g.first()];
    let at = Position::of(&d.primary, paths);
    let code = match rule_info(rules, d.code.id) {
        Some((_, RuleInfo { help_uri: Some(uri), .. })) => format!("[{}]({}) `{}`", d.code, link(uri), d.code.name),
        _ => format!("{} `{}`", d.code, d.code.name),
    };
    let shown: Vec<String> = g
        .members
        .iter()
        .take(OBJECTS_LISTED)
        .map(|&i| code_span(&text::key(&report.diagnostics[i].object.to_string())))
        .collect();
    let mut objects = shown.join(", ");
    if g.len() > OBJECTS_LISTED {
        objects.push_str(&format!(" and {} more ({} in all)", count(g.len() - OBJECTS_LISTED), count(g.len())));
    }
    format!(
        "| {} | {code} | {} | {} | {} | {} |\n",
        d.severity,
        objects,
        code_span(&format!("{}:{}:{}", at.file, at.line, at.column)),
        cell(&text::message(&d.message)),
        cell(&text::message(d.help.as_deref().unwrap_or(""))),
    )
}

/// Renders the findings as a GitHub-flavoured Markdown table, capped
/// ([`RenderOptions::default`]).
pub fn render_markdown(report: &Report<'_>, rules: &[RuleInfo]) -> String {
    crate::to_string(|out| write_markdown(report, rules, &RenderOptions::default(), out))
}

/// A documentation URL as a link destination: characters that would end it or the table cell
/// escaped (the URL comes from the command line, not the export, but a space or `)` in it must
/// still not break the table).
fn link(uri: &str) -> String {
    uri.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('|', "%7C")
        .replace('<', "%3C")
        .replace('>', "%3E")
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

    use uclint_model::{Diagnostic, Severity};

    use crate::{many, Report, Summary};

    fn render(diagnostics: &[Diagnostic], cap: bool) -> String {
        let sources = many::sources();
        let summary = Summary::default();
        let report = Report { diagnostics, sources: &sources, summary: &summary };
        let options = RenderOptions { cap, ..RenderOptions::default() };
        crate::to_string(|out| write_markdown(&report, &[], &options, out))
    }

    #[test]
    fn a_group_is_one_row_with_its_count_and_first_objects() {
        let d: Vec<Diagnostic> = (0..5000)
            .map(|i| many::finding("T1", Severity::Info, &format!("p{i}"), &format!("phone p{i} lacks X"), "fix it"))
            .collect();
        let md = render(&d, true);
        assert_eq!(md.lines().filter(|l| l.starts_with("| info")).count(), 1, "{md}");
        assert!(md.contains("`phone:p0`, `phone:p1`, `phone:p2` and 4,997 more (5,000 in all)"), "{md}");
        assert_eq!(render(&d, false).lines().filter(|l| l.starts_with("| info")).count(), 5000);
    }

    #[test]
    fn rows_are_capped_per_rule_and_the_table_stays_under_its_budget() {
        const CODES: [&str; 30] = [
            "A01", "A02", "A03", "A04", "A05", "A06", "A07", "A08", "A09", "A10", "A11", "A12", "A13", "A14", "A15",
            "A16", "A17", "A18", "A19", "A20", "A21", "A22", "A23", "A24", "A25", "A26", "A27", "A28", "A29", "A30",
        ];
        // 30 rules, 50 different long findings each, rule after rule: 1,500 rows of about 4 KB.
        let d: Vec<Diagnostic> = (0..1500u64)
            .map(|i| {
                let message = many::noise(i, 2000);
                many::finding(
                    CODES[i as usize / 50],
                    Severity::Warning,
                    &format!("p{i}"),
                    &message,
                    &many::noise(i + 9999, 2000),
                )
            })
            .collect();
        let md = render(&d, true);
        assert!(md.len() < 1024 * 1024 && md.len() > MARKDOWN_BUDGET - 10_000, "{} bytes", md.len());
        let rows = md.lines().filter(|l| l.starts_with("| warning")).count();
        let per_rule = |code: &str| md.lines().filter(|l| l.starts_with(&format!("| warning | {code} "))).count();
        assert!(per_rule("A01") == MARKDOWN_GROUPS_PER_RULE, "{}", per_rule("A01"));
        assert!(rows < 30 * MARKDOWN_GROUPS_PER_RULE, "{rows}");
        assert!(
            md.contains(&format!(
                "{} more findings not in the table (at most 20 rows per rule, and the table stops at 900 KiB;",
                crate::count(1500 - rows)
            )),
            "{}",
            &md[md.len() - 3000..]
        );
        assert!(md.contains("- A30: 50 more findings\n"), "{}", &md[md.len() - 3000..]);
        // Uncapped, every finding is a row.
        assert_eq!(render(&d, false).lines().filter(|l| l.starts_with("| warning")).count(), 1500);
    }

    #[test]
    fn a_rule_with_more_groups_than_rows_says_so() {
        let d: Vec<Diagnostic> = (0..100)
            .map(|i| {
                many::finding("T1", Severity::Error, &format!("p{i}"), &format!("phone p{i} has {i} lines"), "fix")
            })
            .collect();
        let md = render(&d, true);
        assert_eq!(md.lines().filter(|l| l.starts_with("| error")).count(), MARKDOWN_GROUPS_PER_RULE);
        assert!(md.contains("80 more findings not in the table (at most 20 rows per rule; see `--format json`, or `--no-cap`):\n\n- T1: 80 more findings\n"), "{md}");
    }
}
