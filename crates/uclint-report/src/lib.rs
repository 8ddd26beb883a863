//! Renders diagnostics. Only this crate knows output formats; each format is one small module
//! over the same [`Report`].
//!
//! Renderers expect diagnostics already sorted ([`uclint_model::sort_diagnostics`]), so output
//! is identical run to run and for any thread count.
//!
//! Formats that describe rules as well as findings (SARIF, Markdown, JUnit) take a list of
//! [`RuleInfo`] besides the report. The command builds it from the rule registry, so this crate
//! does not depend on the rules crate.

mod baseline;
mod concise;
mod full;
mod github;
mod health;
mod json;
mod junit;
mod markdown;
mod sarif;
mod statistics;
mod summary;

use uclint_model::{Diagnostic, Label, Severity, SourceMap};

pub use baseline::{Baseline, BaselineEntry, BaselineError, BaselineMatch};
pub use concise::render_concise;
pub use full::{render_full, FullOptions};
pub use github::render_github;
pub use health::{
    render_health_html, render_health_markdown, AgentReadiness, BlockingFinding, Health, ReadinessSummary,
};
pub use json::{render_json, JSON_SCHEMA_VERSION};
pub use junit::render_junit;
pub use markdown::render_markdown;
pub use sarif::render_sarif;
pub use statistics::{render_statistics, statistics, CodeCount};
pub use summary::{render_summary, Summary};

/// What a run has to show: the sorted diagnostics, their sources and the run summary.
#[derive(Debug)]
pub struct Report<'a> {
    /// Sorted diagnostics (input diagnostics and findings together).
    pub diagnostics: &'a [Diagnostic],
    /// The sources the spans point into.
    pub sources: &'a SourceMap,
    /// Counts, skipped rules, notes.
    pub summary: &'a Summary,
}

/// What a renderer may say about a code: a rule, an input diagnostic or a configuration
/// diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable code, e.g. `UCCX001`.
    pub code: &'static str,
    /// Kebab-case name.
    pub name: &'static str,
    /// Severity unless configured otherwise.
    pub default_severity: Severity,
    /// One line.
    pub summary: &'static str,
    /// The full documentation as Markdown (the summary where there is no more).
    pub doc: String,
    /// Absolute URL of the documentation page.
    pub help_uri: String,
}

/// Finds the rule information for a code.
fn rule_info<'r>(rules: &'r [RuleInfo], code: &str) -> Option<(usize, &'r RuleInfo)> {
    rules.iter().enumerate().find(|(_, r)| r.code == code)
}

/// A label resolved to file, line and column: what every text format prints.
#[derive(Clone, Debug, serde::Serialize)]
struct Position<'a> {
    /// Display path; a tar member is `archive.tar!member.csv`.
    file: &'a str,
    /// 1-based line of the first byte.
    line: usize,
    /// 1-based column, in characters, of the first byte.
    column: usize,
    /// 1-based line of the end.
    end_line: usize,
    /// 1-based column, in characters, just past the end (exclusive).
    end_column: usize,
    /// Byte offset of the first byte in the file.
    byte_start: u32,
    /// Byte offset just past the end.
    byte_end: u32,
    /// The label's caption.
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
}

impl<'a> Position<'a> {
    fn of(label: &'a Label, sources: &'a SourceMap) -> Self {
        let file = sources.get(label.span.source);
        let (line, column) = file.line_col(label.span.start);
        let (end_line, end_column) = file.line_col(label.span.end);
        Position {
            file: &file.path,
            line,
            column,
            end_line,
            end_column,
            byte_start: label.span.start,
            byte_end: label.span.end,
            message: label.message.as_deref(),
        }
    }
}

/// Stable identities of the diagnostics, in the same order: rule code and object key, plus
/// `#2`, `#3` … for further findings of one rule on one object.
///
/// They never contain line numbers, so a finding keeps its identity when a re-export moves
/// its row; SARIF consumers and the baseline use them to recognise findings across runs.
pub fn fingerprints(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    diagnostics
        .iter()
        .map(|d| {
            let key = format!("{}/{}", d.code, d.object);
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                key
            } else {
                format!("{key}#{n}")
            }
        })
        .collect()
}

/// Splits a display path into the archive and the member, for `archive.tar!member.csv`.
fn split_member(path: &str) -> Option<(&str, &str)> {
    path.split_once('!')
}
