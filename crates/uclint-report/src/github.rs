//! `github`: GitHub Actions workflow commands (`::error file=…,line=…::message`), so findings
//! show as annotations on the run and on the pull request's changed files.
//!
//! Annotations can only point at files in the repository. A tar member is not one, so a
//! finding in `export.tar!phone.csv` is annotated on the tar itself, with the member, line and
//! column at the front of the message.

use std::fmt::Write;

use uclint_model::Severity;

use crate::{split_member, Position, Report};

/// Renders one workflow command per diagnostic.
pub fn render_github(report: &Report<'_>) -> String {
    let mut out = String::new();
    for d in report.diagnostics {
        let at = Position::of(&d.primary, report.sources);
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let title = property(&format!("{} {}", d.code, d.name));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            let _ = write!(message, "\nhelp: {help}");
        }
        let _ = write!(message, "\nobject: {}", d.object);
        let _ = match split_member(at.file) {
            Some((archive, member)) => writeln!(
                out,
                "::{level} file={},title={title}::{}",
                property(archive),
                data(&format!("{member}:{}:{}: {message}", at.line, at.column)),
            ),
            None => writeln!(
                out,
                "::{level} file={},line={},endLine={},col={},endColumn={},title={title}::{}",
                property(at.file),
                at.line,
                at.end_line,
                at.column,
                at.end_column,
                data(&message),
            ),
        };
    }
    out
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
