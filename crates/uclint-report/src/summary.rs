//! The run summary printed after the diagnostics: what was read, what was found, what could not
//! be checked and why.
//!
//! It goes to the terminal (standard error), so paths, reasons and notes are bounded and their
//! control characters made visible, as in the terminal formats ([`crate::text`]).
//!
//! By default it is a few lines, so that the last screen of a terminal still shows findings: a
//! real Import/Export tar has a hundred and more members no rule reads, and a run skips a dozen
//! rules for want of data or of a deployment fact. Those are counted, grouped by why, on one line
//! each ([`Verbosity::Normal`]); `-v` lists them one per line ([`Verbosity::Verbose`]).
//!
//! A count must not hide a fault. Files are grouped by the [`NotReadClass`] the reader that
//! declined them gave (`uclint-ingest` knows it from its member table): a member of the Import/Export tar that no rule reads,
//! a member that only looks like what rules read (templates, default and CAPF profiles), and an
//! empty file are what every export holds, and are counted. Any other file not read (content
//! uclint does not recognise, a binary or compressed file, an AXL error response, or a reason
//! this module does not know) may be a mistake in what was exported or given on the command
//! line: it is [`NotReadClass::Other`] and listed by name even by default, the first
//! [`LISTED`] of them, then a count. The heuristic notes are always printed one by one: they say
//! how the result was reached. Stale baseline entries are listed up to [`LISTED`] as well.
//! Input *errors* are diagnostics, not part of this summary, and are never hidden.

use std::fmt::Write;

use uclint_model::{Diagnostic, NotReadClass};

use crate::text;

/// How many not-read files, skipped rules and stale baseline entries the default summary lists
/// by name before it counts the rest.
pub const LISTED: usize = 5;

/// How much the summary says (`-q`, the default, `-v`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Verbosity {
    /// Nothing: findings only (`-q`).
    Quiet,
    /// Counts grouped by reason, the notes, and the headline.
    #[default]
    Normal,
    /// Every file not read and every rule skipped, one per line (`-v`).
    Verbose,
}

/// The words after the count on the "files not checked" line.
fn describe(class: NotReadClass) -> &'static str {
    match class {
        NotReadClass::NoRuleReads => "of kinds no rule reads",
        NotReadClass::LookAlike => "templates and look-alikes",
        NotReadClass::Empty => "empty",
        NotReadClass::Other => "not recognised",
    }
}

/// Facts about a run that are not diagnostics.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Files read, with the format each was read as.
    pub files_read: Vec<(String, String)>,
    /// Files not read, with the reason and its class ([`NotReadClass::Other`] is listed by name).
    pub files_not_read: Vec<(String, String, NotReadClass)>,
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

/// Renders the default summary block ([`Verbosity::Normal`]).
pub fn render_summary(summary: &Summary, diagnostics: &[Diagnostic]) -> String {
    render_summary_with(summary, diagnostics, Verbosity::Normal)
}

/// Renders the summary block at a verbosity; empty when quiet.
pub fn render_summary_with(summary: &Summary, diagnostics: &[Diagnostic], verbosity: Verbosity) -> String {
    let mut out = String::new();
    match verbosity {
        Verbosity::Quiet => return out,
        Verbosity::Verbose => {
            for (path, reason, _) in &summary.files_not_read {
                let _ = writeln!(out, "{}", not_read_line(path, reason));
            }
            for (code, reason) in &summary.skipped {
                let _ = writeln!(out, "{} skipped: {}", text::terminal(code), text::terminal_message(reason));
            }
        }
        Verbosity::Normal => {
            files_not_read(&mut out, summary);
            rules_skipped(&mut out, &summary.skipped);
        }
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
    let shown = if verbosity == Verbosity::Verbose { usize::MAX } else { LISTED };
    for entry in summary.stale_baseline.iter().take(shown) {
        let _ = writeln!(
            out,
            "stale baseline entry: {} on {} ({} no longer found; --write-baseline drops it)",
            text::terminal_message(&entry.rule),
            text::terminal_key(&entry.object),
            plural(entry.count, "finding"),
        );
    }
    if let Some(more) = summary.stale_baseline.len().checked_sub(shown).filter(|&n| n > 0) {
        let entries = if more == 1 { "entry" } else { "entries" };
        let _ = writeln!(out, "and {more} more stale baseline {entries} (-v lists them)");
    }
    let _ = writeln!(out, "{}", headline(summary, diagnostics));
    out
}

/// `not read: PATH (REASON)`, escaped.
fn not_read_line(path: &str, reason: &str) -> String {
    format!("not read: {} ({})", text::terminal_path(path), text::terminal_message(reason))
}

/// One line of counts by class, then the files that may be a fault, by name.
fn files_not_read(out: &mut String, summary: &Summary) {
    let mut counts: std::collections::BTreeMap<NotReadClass, usize> = std::collections::BTreeMap::new();
    for (_, _, class) in &summary.files_not_read {
        *counts.entry(*class).or_default() += 1;
    }
    if counts.is_empty() {
        return;
    }
    let groups: Vec<String> = counts.iter().map(|(class, n)| format!("{n} {}", describe(*class))).collect();
    let total = summary.files_not_read.len();
    let _ = writeln!(out, "{} not checked: {} (-v lists them)", plural(total, "file"), groups.join(", "));
    let others = summary.files_not_read.iter().filter(|(_, _, class)| *class == NotReadClass::Other);
    let mut listed = 0;
    for (path, reason, _) in others {
        listed += 1;
        if listed <= LISTED {
            let _ = writeln!(out, "{}", not_read_line(path, reason));
        }
    }
    if listed > LISTED {
        let more = listed - LISTED;
        let files = if more == 1 { "file" } else { "files" };
        let _ = writeln!(out, "and {more} more {files} not recognised (-v lists them)");
    }
}

/// One line: how many rules were skipped, those that wait for a deployment fact (with the keys
/// their reasons name) apart from those that lack data in the export.
///
/// The reasons are the rules' own words: a reason that names `uclint.toml` asks for a fact to be
/// declared there (`set fippa-user in uclint.toml`), any other says what the export lacks.
fn rules_skipped(out: &mut String, skipped: &[(String, String)]) {
    if skipped.is_empty() {
        return;
    }
    let mut keys: Vec<&str> = Vec::new();
    let mut facts = 0;
    for (_, reason) in skipped {
        if reason.contains("uclint.toml") {
            facts += 1;
            keys.extend(set_keys(reason));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    let mut groups = Vec::new();
    if facts > 0 {
        let named = if keys.is_empty() { String::new() } else { format!(" ({})", keys.join(", ")) };
        groups.push(format!("{facts} wait for a deployment fact in uclint.toml{named}"));
    }
    let data = skipped.len() - facts;
    if data > 0 {
        groups.push(format!("{data} lack data in the export"));
    }
    let _ = writeln!(out, "{} skipped: {} (-v lists them)", plural(skipped.len(), "rule"), groups.join(", "));
}

/// The configuration keys a skip reason asks to set: the word after each `set `, when it is
/// spelled as a key (lower-case letters and `-`), so nothing from elsewhere is echoed.
fn set_keys(reason: &str) -> impl Iterator<Item = &str> {
    reason.split("set ").skip(1).filter_map(|rest| {
        let end = rest.find(|c: char| !(c.is_ascii_lowercase() || c == '-')).unwrap_or(rest.len());
        let key = rest[..end].trim_end_matches('-');
        (!key.is_empty() && key.contains(|c: char| c.is_ascii_lowercase())).then_some(key)
    })
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

    use super::*;

    fn summary() -> Summary {
        let mut summary = Summary::default();
        for i in 0..40 {
            summary.files_not_read.push((
                format!("x.tar!m{i}.csv"),
                "route groups: not checked (no rule reads them)".into(),
                NotReadClass::NoRuleReads,
            ));
        }
        summary.files_not_read.push(("x.tar!udt.csv".into(), "templates".into(), NotReadClass::LookAlike));
        // Anything else: listed, escaped.
        for i in 0..7 {
            summary.files_not_read.push((format!("odd\u{1b}[31m{i}.bin"), "binary file".into(), NotReadClass::Other));
        }
        summary.skipped = vec![
            ("EM013".into(), "EM proxy logins not declared: set em-proxy-logins = true in uclint.toml".into()),
            ("FIPPA001".into(), "no FIPPA user: set fippa-user in uclint.toml".into()),
            ("FIPPA002".into(), "no FIPPA user: set fippa-user in uclint.toml".into()),
            ("SEC001".into(), "no Cisco SIP Proxy Authentication service parameter in the export".into()),
        ];
        summary.notes = vec!["the RMCM user was found by its name".into()];
        summary
    }

    #[test]
    fn the_default_summary_counts_by_reason_and_names_what_may_be_a_fault() {
        let out = render_summary(&summary(), &[]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "48 files not checked: 40 of kinds no rule reads, 1 templates and look-alikes, 7 not recognised (-v lists them)"
        );
        assert_eq!(lines[1], "not read: odd\\x1b[31m0.bin (binary file)");
        assert_eq!(lines[6], "and 2 more files not recognised (-v lists them)");
        assert_eq!(
            lines[7],
            "4 rules skipped: 3 wait for a deployment fact in uclint.toml (em-proxy-logins, fippa-user), 1 lack data in \
             the export (-v lists them)"
        );
        assert_eq!(lines[8], "note: the RMCM user was found by its name");
        assert_eq!(lines.len(), 10, "{out}");
    }

    #[test]
    fn verbose_lists_every_file_and_rule_and_quiet_prints_nothing() {
        let out = render_summary_with(&summary(), &[], Verbosity::Verbose);
        assert_eq!(out.lines().filter(|l| l.starts_with("not read: ")).count(), 48);
        assert_eq!(out.lines().filter(|l| l.contains(" skipped: ")).count(), 4);
        assert_eq!(render_summary_with(&summary(), &[], Verbosity::Quiet), "");
    }

    #[test]
    fn stale_baseline_entries_are_capped_by_default() {
        let summary = Summary {
            stale_baseline: (0..8)
                .map(|i| crate::BaselineEntry { rule: "UCCX001".into(), object: format!("user:a{i}"), count: 1 })
                .collect(),
            ..Summary::default()
        };
        let out = render_summary(&summary, &[]);
        assert_eq!(out.matches("stale baseline entry: ").count(), LISTED, "{out}");
        assert!(out.contains("and 3 more stale baseline entries (-v lists them)"), "{out}");
        let out = render_summary_with(&summary, &[], Verbosity::Verbose);
        assert_eq!(out.matches("stale baseline entry: ").count(), 8, "{out}");
    }

    #[test]
    fn set_keys_names_only_key_shaped_words() {
        let keys: Vec<&str> = set_keys("set srtp = true; set finesse-nodes in uclint.toml; set \u{1b}x").collect();
        assert_eq!(keys, ["srtp", "finesse-nodes"]);
    }

    #[test]
    fn severity_discriminants_index_the_counts() {
        assert_eq!(Severity::Info as usize, 0);
        assert_eq!(Severity::Warning as usize, 1);
        assert_eq!(Severity::Error as usize, 2);
    }
}
