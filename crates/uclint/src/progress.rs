//! The progress bar of a large run: bytes parsed during ingest, on standard error.
//!
//! A megacluster's export takes seconds to read; a person at a terminal should see that uclint
//! is working, and a CI log or a pipe should get nothing that is not a result (a bar redrawn
//! in a log is hundreds of lines of noise). So one bar is shown only when all of these hold:
//! standard error is a terminal, `CI` is unset, `TERM` is not `dumb`, the caller allows it
//! (`-q` would not), and the listed inputs add up to more than [`THRESHOLD`] bytes. It counts
//! the bytes of each file as it is parsed (ingest calls back once per file, never per row) and
//! is cleared when ingest is done, before anything else is written.

use std::io::IsTerminal;
use std::sync::OnceLock;

use indicatif::{ProgressBar, ProgressStyle};
use uclint_ingest::Progress;

/// Inputs of more bytes than this get a bar: 50 MB. Smaller exports are read in well under a
/// second, before a bar would be worth drawing.
pub const THRESHOLD: u64 = 50_000_000;

/// Whether a bar of `total_bytes` may be shown, from what the process knows of where standard
/// error goes.
fn wanted(total_bytes: u64, enabled: bool, stderr_is_terminal: bool, ci: bool, term: Option<&str>) -> bool {
    enabled && stderr_is_terminal && !ci && term != Some("dumb") && total_bytes > THRESHOLD
}

/// A bar of `total_bytes` on standard error, or `None` when none is wanted (see the module).
/// `enabled` is the caller's say: false under `-q`.
pub fn bar(total_bytes: u64, enabled: bool) -> Option<ProgressBar> {
    let term = std::env::var("TERM").ok();
    let ci = std::env::var_os("CI").is_some();
    if !wanted(total_bytes, enabled, std::io::stderr().is_terminal(), ci, term.as_deref()) {
        return None;
    }
    let bar = ProgressBar::new(total_bytes);
    if let Ok(style) = ProgressStyle::with_template("reading {bar:40} {bytes}/{total_bytes} ({eta} left)") {
        bar.set_style(style);
    }
    Some(bar)
}

/// Ingest's progress as a bar: created when the inputs are listed (their total is known only
/// then), advanced per file parsed, from any worker.
pub struct IngestBar {
    enabled: bool,
    bar: OnceLock<Option<ProgressBar>>,
}

impl IngestBar {
    /// A bar that will show if [`bar`] allows it; `enabled` is false under `-q`.
    pub fn new(enabled: bool) -> Self {
        IngestBar { enabled, bar: OnceLock::new() }
    }

    /// Takes one event of [`uclint_ingest::Options::progress`].
    pub fn update(&self, event: Progress) {
        match event {
            Progress::Listed { total } => {
                self.bar.get_or_init(|| bar(total, self.enabled));
            }
            Progress::Parsed { bytes } => {
                if let Some(Some(bar)) = self.bar.get() {
                    bar.inc(bytes);
                }
            }
        }
    }

    /// Clears the bar, if one was shown.
    pub fn finish(&self) {
        if let Some(Some(bar)) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_only_on_a_terminal_outside_ci_for_large_inputs() {
        let large = THRESHOLD + 1;
        assert!(wanted(large, true, true, false, Some("xterm-256color")));
        assert!(wanted(large, true, true, false, None));
        assert!(!wanted(THRESHOLD, true, true, false, None), "50 MB or less: no bar");
        assert!(!wanted(large, false, true, false, None), "-q");
        assert!(!wanted(large, true, false, false, None), "a pipe or a file");
        assert!(!wanted(large, true, true, true, None), "CI");
        assert!(!wanted(large, true, true, false, Some("dumb")));
    }

    #[test]
    fn no_bar_when_standard_error_is_not_a_terminal() {
        // Under `cargo test` standard error is captured, never a terminal.
        if !std::io::stderr().is_terminal() {
            assert!(bar(u64::MAX, true).is_none());
            let ingest = IngestBar::new(true);
            ingest.update(Progress::Listed { total: u64::MAX });
            ingest.update(Progress::Parsed { bytes: 10 });
            assert!(matches!(ingest.bar.get(), Some(None)));
            ingest.finish();
        }
    }
}
