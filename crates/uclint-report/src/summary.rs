//! The run summary printed after the diagnostics: what was read, what was found, what could not
//! be checked and why.
//!
//! It goes to the terminal (standard error), so paths, reasons and notes are bounded and their
//! control characters made visible, as in the terminal formats ([`crate::text`]).

use std::fmt::Write;

use uclint_model::Diagnostic;

use crate::text;

/// Facts about a run that are not diagnostics.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Files read, with the format each was read as.
    pub files_read: Vec<(String, String)>,
    /// Files not read, with the reason.
    pub files_not_read: Vec<(String, String)>,
    /// Objects in the model.
    pub objects: usize,
    /// Rules run.
    pub rules_run: usize,
    /// Codes of the rules run, in code order (JUnit reports each as a passing suite when it
    /// found nothing).
    pub checked: Vec<String>,
    /// Rules skipped: (code, reason).
    pub skipped: Vec<(String, String)>,
    /// How shared definitions were resolved (heuristics used).
    pub notes: Vec<String>,
    /// Findings removed by `[[suppress]]` entries of the configuration.
    pub suppressed: usize,
    /// Findings accepted by the baseline.
    pub baselined: usize,
    /// Baseline entries that matched fewer findings than they accept: fixed, or renamed.
    pub stale_baseline: Vec<crate::BaselineEntry>,
}

/// Counts per severity, indexed by `Severity as usize`.
pub(crate) fn counts(diagnostics: &[Diagnostic]) -> [usize; 3] {
    let mut counts = [0; 3];
    for d in diagnostics {
        counts[d.severity as usize] += 1;
    }
    counts
}

/// Renders the summary block.
pub fn render_summary(summary: &Summary, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for (path, reason) in &summary.files_not_read {
        let _ = writeln!(out, "not read: {} ({})", text::terminal_path(path), text::terminal_message(reason));
    }
    for (code, reason) in &summary.skipped {
        let _ = writeln!(out, "{} skipped: {}", text::terminal(code), text::terminal_message(reason));
    }
    for note in &summary.notes {
        let _ = writeln!(out, "note: {}", text::terminal_message(note));
    }
    if summary.suppressed > 0 {
        let _ = writeln!(out, "suppressed: {} by [[suppress]] entries", plural(summary.suppressed, "finding"));
    }
    if summary.baselined > 0 {
        let _ = writeln!(out, "baselined: {} accepted by the baseline", plural(summary.baselined, "finding"));
    }
    for entry in &summary.stale_baseline {
        let _ = writeln!(
            out,
            "stale baseline entry: {} on {} ({} no longer found; --write-baseline drops it)",
            text::terminal_message(&entry.rule),
            text::terminal_key(&entry.object),
            plural(entry.count, "finding"),
        );
    }
    let _ = writeln!(out, "{}", headline(summary, diagnostics));
    out
}

/// `n word` or `n words`.
fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The closing line: counts of findings, objects, files and rules.
pub(crate) fn headline(summary: &Summary, diagnostics: &[Diagnostic]) -> String {
    let [info, warning, error] = counts(diagnostics);
    format!(
        "{} ({}, {}, {info} info) in {} from {}; {} run, {} skipped",
        plural(diagnostics.len(), "finding"),
        plural(error, "error"),
        plural(warning, "warning"),
        plural(summary.objects, "object"),
        plural(summary.files_read.len(), "file"),
        plural(summary.rules_run, "rule"),
        summary.skipped.len(),
    )
}

#[cfg(test)]
mod tests {
    use uclint_model::Severity;

    #[test]
    fn severity_discriminants_index_the_counts() {
        assert_eq!(Severity::Info as usize, 0);
        assert_eq!(Severity::Warning as usize, 1);
        assert_eq!(Severity::Error as usize, 2);
    }
}
