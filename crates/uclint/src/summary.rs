//! The run summary's facts that are not findings: the rules that ran, those skipped and why,
//! the notes, the objects read, and each input file read with its format or not read with its
//! reason and class (files that failed are diagnostics already). `check` adds what suppressions
//! and the baseline did.

use uclint_ingest::{FileReport, FileStatus};
use uclint_report::Summary;
use uclint_rules::{RuleMeta, Skipped};

/// The codes of the rules of `rules` that ran: those not `skipped`, in the order given.
pub fn checked(rules: &[&RuleMeta], skipped: &[Skipped]) -> Vec<String> {
    rules.iter().filter(|r| !skipped.iter().any(|s| s.code == r.code.id)).map(|r| r.code.id.to_owned()).collect()
}

/// The summary of a run over `objects` objects: the rules `checked`, those `skipped`, the
/// `notes`, and the file reports moved into its lists in the order ingest gave them.
pub fn summary(
    objects: usize,
    checked: Vec<String>,
    skipped: &[Skipped],
    notes: Vec<String>,
    files: Vec<FileReport>,
) -> Summary {
    let mut summary = Summary {
        objects,
        rules_run: checked.len(),
        checked,
        skipped: skipped.iter().map(|s| (s.code.to_owned(), s.reason.clone())).collect(),
        notes,
        ..Summary::default()
    };
    for file in files {
        match file.status {
            FileStatus::Read(kind) => summary.files_read.push((file.path, kind)),
            FileStatus::NotRead { reason, class } => summary.files_not_read.push((file.path, reason, class)),
            FileStatus::Failed => {}
        }
    }
    summary
}
