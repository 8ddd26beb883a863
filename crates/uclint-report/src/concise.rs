//! `concise`: one line per diagnostic, `path:line:col: CODE [severity] message`, for editors,
//! grep and CI logs.
//!
//! One diagnostic is one line whatever its text: paths and messages are bounded and their
//! control characters escaped ([`crate::text`]), so a value cannot start a line of its own (a
//! forged `::error` workflow command) or act on the terminal.

use std::io;

use crate::{text, Paths, Report};

/// Writes one line per diagnostic to `out`.
pub fn write_concise(report: &Report<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    let paths = Paths::new(report.sources);
    for d in report.diagnostics {
        let file = report.sources.get(d.primary.span.source);
        let (line, col) = file.line_col(d.primary.span.start);
        writeln!(
            out,
            "{}:{line}:{col}: {} [{}] {}",
            text::terminal(paths.get(d.primary.span.source)),
            d.code,
            d.severity,
            text::terminal_message(&d.message)
        )?;
    }
    Ok(())
}

/// Renders one line per diagnostic.
pub fn render_concise(report: &Report<'_>) -> String {
    crate::to_string(|out| write_concise(report, out))
}
