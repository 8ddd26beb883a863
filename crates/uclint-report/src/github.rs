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

use std::io;

use uclint_model::Severity;

use crate::{split_member, text, Paths, Position, Report};

/// Writes one workflow command per diagnostic to `out`.
pub fn write_github(report: &Report<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    let paths = Paths::new(report.sources);
    for d in report.diagnostics {
        let at = Position::of(&d.primary, &paths);
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let title = property(&format!("{} {}", d.code, d.name));
        let mut message = text::terminal_message(&d.message).into_owned();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(&text::terminal_message(help));
        }
        message.push_str("\nobject: ");
        message.push_str(&text::terminal_key(&d.object.to_string()));
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
    }
    Ok(())
}

/// Renders one workflow command per diagnostic.
pub fn render_github(report: &Report<'_>) -> String {
    crate::to_string(|out| write_github(report, out))
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
}
