//! `concise`: one line per diagnostic, `path:line:col: CODE [severity] message`, for editors,
//! grep and CI logs.

use std::fmt::Write;

use crate::Report;

/// Renders one line per diagnostic.
pub fn render_concise(report: &Report<'_>) -> String {
    let mut out = String::new();
    for d in report.diagnostics {
        let file = report.sources.get(d.primary.span.source);
        let (line, col) = file.line_col(d.primary.span.start);
        let _ = writeln!(out, "{}:{line}:{col}: {} [{}] {}", file.path, d.code, d.severity, d.message);
    }
    out
}
