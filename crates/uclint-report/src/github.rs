//! `github`: GitHub Actions workflow commands (`::error file=…,line=…::message`), so findings
//! show as annotations on the run and on the pull request's changed files.
//!
//! Annotations can only point at files in the repository. A tar member is not one, so a
//! finding in `export.tar!phone.csv` is annotated on the tar itself, with the member, line and
//! column at the front of the message.
//!
//! The runner reads every line of the log that starts with `::` as a command, so each
//! diagnostic must stay one line: text from the input first has its control characters made
//! visible ([`crate::text::terminal`]), then the command is escaped as the runner unescapes it
//! (`%`, CR and LF in the message; `:` and `,` too in properties). The line breaks the message
//! does have (before `help:` and `object:`) are this renderer's own, escaped as `%0A`.
//!
//! GitHub shows at most 10 annotations of each level per step (and 50 per job) and drops the
//! rest without a word. So by default ([`RenderOptions::cap`]) findings are grouped
//! ([`crate::group`]) and each group is one annotation, at its first finding's location, with
//! the count and the first objects; at most [`GITHUB_PER_LEVEL`] of each level, and when any is left out a last `::notice` says how many
//! findings of each level were, and where to see them. `--no-cap` writes one annotation per
//! finding, as many as there are.

use std::io;

use uclint_model::{Diagnostic, Severity};

use crate::{count, findings, group, split_member, text, Paths, Position, RenderOptions, Report};

/// Annotations of one level written when capped: what GitHub shows per step. When anything is
/// left out, the notices keep one place of these for the line that says so.
pub const GITHUB_PER_LEVEL: usize = 10;
/// Objects named in a group's annotation.
const OBJECTS_LISTED: usize = 5;

/// Writes the findings as workflow commands to `out`: one per group of findings, at most
/// [`GITHUB_PER_LEVEL`] per level, or, with `options.cap` off, one per finding.
pub fn write_github(report: &Report<'_>, options: &RenderOptions, out: &mut dyn io::Write) -> io::Result<()> {
    let paths = Paths::new(report.sources);
    if !options.cap {
        for d in report.diagnostics {
            annotate(d, &[], &paths, out)?;
        }
        return Ok(());
    }
    // Each level has its own limit, so the annotations of each are the first groups of that
    // level in output order, written in output order: no error is dropped for a notice.
    let groups = group::groups(report.diagnostics);
    let per_level =
        |severity: Severity| groups.iter().filter(|g| report.diagnostics[g.first()].severity == severity).count();
    let levels = [Severity::Error, Severity::Warning, Severity::Info];
    let total: [usize; 3] = levels.map(per_level);
    let over = total.iter().any(|&n| n > GITHUB_PER_LEVEL);
    let limit = |severity: Severity| match severity {
        // The line that says what was left out is a notice too.
        Severity::Info if over => GITHUB_PER_LEVEL - 1,
        _ => GITHUB_PER_LEVEL,
    };
    let mut written = [0usize; 3];
    let mut left_out = [0usize; 3];
    for g in &groups {
        let d = &report.diagnostics[g.first()];
        let level = levels.iter().position(|&s| s == d.severity).unwrap_or(2);
        if written[level] == limit(d.severity) {
            left_out[level] += g.len();
            continue;
        }
        written[level] += 1;
        let members: Vec<&Diagnostic> = g.members.iter().map(|&i| &report.diagnostics[i]).collect();
        annotate(d, &members, &paths, out)?;
    }
    if over {
        let parts: Vec<String> = levels
            .iter()
            .zip(left_out)
            .filter(|(_, n)| *n > 0)
            .map(|(severity, n)| format!("{} {severity}", count(n)))
            .collect();
        let n: usize = left_out.iter().sum();
        writeln!(
            out,
            "::notice title={}::{}",
            property("uclint: findings not annotated"),
            data(&format!(
                "{} more {} ({}) are not annotated: GitHub shows {GITHUB_PER_LEVEL} annotations per level and step. \
                 See --format json or --format markdown (the step summary), or --no-cap to annotate every finding.",
                count(n),
                findings(n),
                parts.join(", ")
            )),
        )?;
    }
    Ok(())
}

/// Writes one annotation: for `d` alone when `members` has at most one finding, else for the
/// group of `members` (whose first is `d`), with the count and the first objects.
fn annotate(d: &Diagnostic, members: &[&Diagnostic], paths: &Paths<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    let at = Position::of(&d.primary, paths);
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let title = if members.len() > 1 {
        property(&format!("{} {} ({} findings)", d.code, d.code.name, count(members.len())))
    } else {
        property(&format!("{} {}", d.code, d.code.name))
    };
    let mut message = text::terminal_message(&d.message).into_owned();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(&text::terminal_message(help));
    }
    if members.len() > 1 {
        message.push_str(&format!("\nobjects ({}): ", count(members.len())));
        let names: Vec<String> = members
            .iter()
            .take(OBJECTS_LISTED)
            .map(|m| text::terminal_key(&m.object.to_string()).into_owned())
            .collect();
        message.push_str(&names.join(", "));
        if members.len() > OBJECTS_LISTED {
            message.push_str(&format!(" and {} more", count(members.len() - OBJECTS_LISTED)));
        }
    } else {
        message.push_str("\nobject: ");
        message.push_str(&text::terminal_key(&d.object.to_string()));
    }
    let file = text::terminal(at.file);
    match split_member(&file) {
        Some((archive, member)) => writeln!(
            out,
            "::{level} file={},title={title}::{}",
            property(archive),
            data(&format!("{member}:{}:{}: {message}", at.line, at.column)),
        )?,
        None => writeln!(
            out,
            "::{level} file={},line={},endLine={},col={},endColumn={},title={title}::{}",
            property(&file),
            at.line,
            at.end_line,
            at.column,
            at.end_column,
            data(&message),
        )?,
    }
    Ok(())
}

/// Renders the findings as workflow commands, capped ([`RenderOptions::default`]).
pub fn render_github(report: &Report<'_>) -> String {
    crate::to_string(|out| write_github(report, &RenderOptions::default(), out))
}

/// Escapes a command's message, as the Actions runner unescapes it.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a command property value: as [`data`], plus the separators `:` and `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_in_properties_are_escaped() {
        assert_eq!(property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
        assert_eq!(data("a,b:c"), "a,b:c");
    }

    use uclint_model::{Diagnostic, Severity};

    use crate::{many, Report, Summary};

    fn render(diagnostics: &[Diagnostic], cap: bool) -> String {
        let sources = many::sources();
        let summary = Summary::default();
        let report = Report { diagnostics, sources: &sources, summary: &summary };
        crate::to_string(|out| write_github(&report, &RenderOptions { cap, ..RenderOptions::default() }, out))
    }

    #[test]
    fn at_most_ten_annotations_per_level_and_a_notice_of_the_rest() {
        // 30 groups of each level (of 10 findings each), errors last in output order.
        let mut d = Vec::new();
        for (s, severity) in [Severity::Info, Severity::Warning, Severity::Error].into_iter().enumerate() {
            for i in 0..300 {
                let name = format!("p{s}-{i}");
                d.push(many::finding(
                    "T1",
                    severity,
                    &name,
                    &format!("phone {name} lacks {}", "X".repeat(i % 30 + 1)),
                    "fix",
                ));
            }
        }
        let out = render(&d, true);
        let count = |prefix: &str| out.lines().filter(|l| l.starts_with(prefix)).count();
        assert_eq!(count("::error "), 10, "{out}");
        assert_eq!(count("::warning "), 10);
        assert_eq!(count("::notice "), 10);
        assert!(out.contains("title=T1 test-rule (10 findings)::phone p2-0 lacks X%0Ahelp: fix%0Aobjects (10): phone:p2-0, phone:p2-30, phone:p2-60, phone:p2-90, phone:p2-120 and 5 more"), "{out}");
        let last = out.lines().last().unwrap();
        assert_eq!(
            last,
            "::notice title=uclint%3A findings not annotated::610 more findings (200 error, 200 warning, 210 info) are not \
             annotated: GitHub shows 10 annotations per level and step. See --format json or --format markdown (the step \
             summary), or --no-cap to annotate every finding."
        );
        assert_eq!(render(&d, false).lines().count(), 900);
    }
}
