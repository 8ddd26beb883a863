//! `--statistics`: how many findings each code produced, for a first look at a large export
//! and for tracking a clean-up over time.

use std::fmt::Write;

use uclint_model::{Diagnostic, Severity};

/// Findings of one code.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CodeCount {
    /// The code.
    pub code: &'static str,
    /// Its name.
    pub name: &'static str,
    /// The highest severity among its findings (overrides can differ per finding).
    pub severity: Severity,
    /// How many.
    pub count: usize,
}

/// Counts per code, in code order so the table is the same run to run.
pub fn statistics(diagnostics: &[Diagnostic]) -> Vec<CodeCount> {
    let mut counts = std::collections::BTreeMap::<&'static str, CodeCount>::new();
    for d in diagnostics {
        let entry = counts.entry(d.code.id).or_insert(CodeCount {
            code: d.code.id,
            name: d.code.name,
            severity: d.severity,
            count: 0,
        });
        entry.count += 1;
        entry.severity = entry.severity.max(d.severity);
    }
    counts.into_values().collect()
}

/// Renders the counts as an aligned table: count, code, severity, name.
pub fn render_statistics(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for row in statistics(diagnostics) {
        let _ = writeln!(out, "{:>5}  {:<9} {:<8} {}", row.count, row.code, row.severity.as_str(), row.name);
    }
    out
}
