//! What the run summary says of the input files: each file read with its format, each file not
//! read with its reason and class. Files that failed are diagnostics already.

use uclint_ingest::{FileReport, FileStatus};
use uclint_report::Summary;

/// Moves the file reports into the summary's lists, in the order ingest gave them.
pub fn add_files(summary: &mut Summary, files: Vec<FileReport>) {
    for file in files {
        match file.status {
            FileStatus::Read(kind) => summary.files_read.push((file.path, kind)),
            FileStatus::NotRead { reason, class } => summary.files_not_read.push((file.path, reason, class)),
            FileStatus::Failed => {}
        }
    }
}
