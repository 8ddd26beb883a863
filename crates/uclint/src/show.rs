//! `--show-files` and `--show-settings`: what a run would read, and under which settings,
//! without linting (as ruff's flags of the same names).
//!
//! Both write to standard output, in a stable order: files as the run reads them (input order,
//! which `load.rs` makes independent of the thread count), settings in the order of
//! `docs/configuration.md`. Both exit 0 once written. Every path, reason and value is escaped
//! as in every terminal output, since file names come from the export and values from a file
//! the user may not have written; `uclint.toml` holds no secrets, and no secret is printed.

use std::fmt::Write;
use std::path::PathBuf;

use uclint::config::{self, Config, ConfigFile, Deployment};
use uclint_ingest::FileStatus;
use uclint_report::text;
use uclint_rules::RuleMeta;

use crate::output;

/// `--show-files`: every input file with the format it was read as, or why it was not read.
///
/// The files are read and parsed to know what they hold (a file is recognised by its content),
/// but no rule runs; input diagnostics are not shown (`uclint check` shows them).
pub fn files(paths: &[PathBuf]) -> u8 {
    // As `check` reads them: each text let go once parsed, so a large export is never held whole.
    let options = uclint_ingest::Options { release_text: true, ..Default::default() };
    let ingested = uclint_ingest::ingest_with(paths, options);
    let mut out = String::new();
    for file in &ingested.files {
        let path = text::terminal_path(&file.path);
        let _ = match &file.status {
            FileStatus::Read(kind) => writeln!(out, "{path}: read as {}", text::terminal_message(kind)),
            FileStatus::NotRead { reason, .. } => {
                writeln!(out, "{path}: not read ({})", text::terminal_message(reason))
            }
            FileStatus::Failed => writeln!(out, "{path}: could not be read (`uclint check` says why)"),
        };
    }
    let read = ingested.files.iter().filter(|f| matches!(f.status, FileStatus::Read(_))).count();
    let total = ingested.files.len();
    let _ = writeln!(out, "{total} {}, {read} read", if total == 1 { "file" } else { "files" });
    output::print(&out)
}

/// What `--show-settings` shows: the configuration found and every resolved value.
pub struct Settings<'a> {
    /// The configuration file used, if any.
    pub file: Option<&'a ConfigFile>,
    /// The file given with `--config`, if one was.
    pub explicit: bool,
    /// The configuration as parsed.
    pub config: &'a Config,
    /// The deployment facts, the command line's over the file's.
    pub deployment: &'a Deployment,
    /// The rules that would run, in code order.
    pub rules: &'a [&'static RuleMeta],
    /// The `--baseline` file, if any.
    pub baseline: Option<&'a std::path::Path>,
}

/// `--show-settings`: which `uclint.toml` was used (or where none was found), then every
/// resolved value, one per line.
pub fn settings(shown: &Settings<'_>) -> u8 {
    let mut out = String::new();
    match shown.file {
        Some(file) => {
            let how = if shown.explicit { "given with --config" } else { "found upward from the working directory" };
            let _ = writeln!(out, "configuration: {} ({how})", text::terminal_path(&file.path));
        }
        None => {
            let cwd = std::env::current_dir().map(|d| d.display().to_string()).unwrap_or_default();
            let _ = writeln!(
                out,
                "configuration: none found (looked for {} in {} and every directory above it)",
                config::FILE_NAME,
                text::terminal_path(&cwd),
            );
        }
    }
    let config = shown.config;
    let patterns = |list: &[String]| list.iter().map(|p| text::terminal(p).into_owned()).collect::<Vec<_>>().join(", ");
    let _ = match &config.select {
        Some(select) => writeln!(out, "select = [{}]", patterns(select)),
        None => writeln!(out, "select: not set (every stable rule)"),
    };
    let _ = writeln!(out, "extend-select = [{}]", patterns(&config.extend_select));
    let _ = writeln!(out, "ignore = [{}]", patterns(&config.ignore));
    let codes: Vec<&str> = shown.rules.iter().map(|r| r.code.id).collect();
    let _ = writeln!(out, "rules selected ({}, with the command line's flags): {}", codes.len(), codes.join(" "));
    let _ = writeln!(out, "[severity] ({} overrides)", config.severity.len());
    for (code, severity) in &config.severity {
        let _ = writeln!(out, "  {code} = \"{severity}\"");
    }
    let _ = writeln!(out, "deployment facts (with the command line's flags):");
    for (key, value) in shown.deployment.entries() {
        let _ = match value {
            Some(value) => writeln!(out, "  {key} = {}", text::terminal_message(&value)),
            None => writeln!(out, "  {key}: not set"),
        };
    }
    let _ = writeln!(out, "[[suppress]] ({} entries)", config.suppressions.len());
    for s in &config.suppressions {
        let _ = writeln!(out, "  {} on {}", s.rule, text::terminal_key(&s.object));
    }
    let _ = match shown.baseline {
        Some(path) => writeln!(out, "baseline: {}", text::terminal_path(&path.display().to_string())),
        None => writeln!(out, "baseline: none"),
    };
    output::print(&out)
}
