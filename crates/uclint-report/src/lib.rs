//! Renders diagnostics. Only this crate knows output formats; each format is one small module
//! over the same [`Report`].
//!
//! Renderers expect diagnostics already sorted ([`uclint_model::sort_diagnostics`]), so output
//! is identical run to run and for any thread count.
//!
//! Formats that describe rules as well as findings (SARIF, Markdown, JUnit) take a list of
//! [`RuleInfo`] besides the report. The command builds it from the rule registry, so this crate
//! does not depend on the rules crate.
//!
//! Everything printed from the input goes through [`text`]: its length is bounded, so output
//! grows with the number of findings and not with the input's longest value, and the terminal
//! and line-oriented formats make control characters visible. Each format is written to an
//! `io::Write` as it is rendered (`write_*`); the `render_*` functions collect the same text in
//! a `String`, for tests and fuzz targets.
//!
//! At tens of thousands of findings, the formats a person or a service with limits reads are
//! capped by default ([`RenderOptions::cap`]): `full`, `github` and `markdown` show findings of
//! one rule with the same message shape grouped ([`group`]), a bounded number per rule, and say
//! what they left out; `sarif` keeps what GitHub code scanning accepts. `json`, `junit` and
//! `concise` are never capped; the health report groups and caps on its own terms
//! (docs/health-report.md). docs/output-formats.md has the numbers.

mod baseline;
mod concise;
mod diff;
mod fix_plan;
mod full;
mod github;
pub mod group;
mod health;
mod json;
mod junit;
mod markdown;
mod route;
mod sarif;
mod statistics;
mod summary;
pub mod text;

use std::borrow::Cow;
use std::cell::OnceCell;
use std::io;

use uclint_model::{Code, Diagnostic, Label, Severity, SourceId, SourceMap};

pub use baseline::{Baseline, BaselineEntry, BaselineError, BaselineMatch};
pub use concise::{render_concise, write_concise};
pub use diff::{
    diff_headline, render_diff_json, render_diff_markdown, write_diff_full, write_diff_github, write_diff_json,
    write_diff_markdown, write_diff_sarif, ChangedObject, DiffReport, DiffSide, FieldChange, FindingState,
    ObjectChanges, ObjectEntry, DIFF_MARKDOWN_BUDGET, DIFF_PER_SECTION, DIFF_SCHEMA_VERSION,
};
pub use fix_plan::{
    render_fix_plan_json, render_fix_plan_markdown, render_fix_plan_text, FixPlan, NotFixed, PlanChange, PlanObject,
    Recheck, FIX_PLAN_SCHEMA_VERSION, FIX_TEXT_PER_RULE,
};
pub use full::{full_selection, render_full, write_full, FullOptions, FullSelection, FULL_PER_RULE};
pub use github::{render_github, write_github, GITHUB_PER_LEVEL};
pub use group::{groups, groups_of, Group};
pub use health::{
    render_health_html, render_health_markdown, AgentReadiness, BlockingFinding, CallPaths, ExportInfo, Health,
    PathCounts, ReadinessSummary, RedirectCss, UnreachablePath,
};
pub use json::{render_json, write_json, JSON_SCHEMA_VERSION};
pub use junit::{render_junit, write_junit};
pub use markdown::{render_markdown, write_markdown, MARKDOWN_BUDGET, MARKDOWN_GROUPS_PER_RULE};
pub use route::{render_route_json, render_route_text, RouteOrigin, RouteReport, ROUTE_SCHEMA_VERSION};
pub use sarif::{render_sarif, write_sarif, SARIF_GZIP_BUDGET, SARIF_MAX_RESULTS};
pub use statistics::{render_statistics, statistics, CodeCount};
pub use summary::{render_summary, render_summary_with, Summary, Verbosity};

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
    /// The code: id, name, family, default severity, status, summary.
    pub code: &'static Code,
    /// The full documentation as Markdown (the summary where there is no more).
    pub doc: String,
    /// Absolute URL of the documentation page, when the run was given a base for them
    /// (`--doc-base-url`); formats name the code without a link otherwise.
    pub help_uri: Option<String>,
}

/// How the formats that take options render: caps, the failure threshold, where paths are
/// relative to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderOptions {
    /// Cap the formats a person or a service with limits reads (`full`, `github`, `markdown`,
    /// `sarif`); `false` (`--no-cap`) renders every finding.
    pub cap: bool,
    /// The lowest severity that fails the run (`--fail-on`): JUnit fails exactly the test cases
    /// of findings at or above it.
    pub fail_on: Severity,
    /// The absolute directory relative input paths are relative to (the working directory),
    /// with `/` or `\` separators; SARIF names it `SRCROOT`. The renderers do no IO, so the
    /// caller gives it; `None` leaves relative paths without a base.
    pub base_dir: Option<String>,
}

impl Default for RenderOptions {
    /// Capped, failing on errors, no base directory.
    fn default() -> Self {
        RenderOptions { cap: true, fail_on: Severity::Error, base_dir: None }
    }
}

/// Finds the rule information for a code.
fn rule_info<'r>(rules: &'r [RuleInfo], code: &str) -> Option<(usize, &'r RuleInfo)> {
    rules.iter().enumerate().find(|(_, r)| r.code.id == code)
}

/// The display paths of a report's files as printed ([`text::path`]), each worked out once: a
/// path is repeated in every finding in its file, and shortening a long one hashes all of it,
/// so doing it per finding would cost the findings times the longest name.
struct Paths<'a> {
    sources: &'a SourceMap,
    shown: Vec<OnceCell<Cow<'a, str>>>,
}

impl<'a> Paths<'a> {
    fn new(sources: &'a SourceMap) -> Self {
        Paths { sources, shown: (0..sources.len()).map(|_| OnceCell::new()).collect() }
    }

    /// The display path of `id`, shortened when very long.
    ///
    /// # Panics
    /// If the id was not issued by the map, as [`SourceMap::get`] does.
    fn get(&self, id: SourceId) -> &str {
        self.shown[id.index()].get_or_init(|| text::path(&self.sources.get(id).path))
    }
}

/// A label resolved to file, line and column: what every text format prints.
#[derive(Clone, Debug, serde::Serialize)]
struct Position<'a> {
    /// Display path, shortened when very long ([`text::path`]); a tar member is
    /// `archive.tar!member.csv`.
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
    /// The label's caption, bounded ([`text::message`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Cow<'a, str>>,
}

impl<'a> Position<'a> {
    fn of(label: &'a Label, paths: &'a Paths<'_>) -> Self {
        let file = paths.sources.get(label.span.source);
        let (line, column) = file.line_col(label.span.start);
        let (end_line, end_column) = file.line_col(label.span.end);
        Position {
            file: paths.get(label.span.source),
            line,
            column,
            end_line,
            end_column,
            byte_start: label.span.start,
            byte_end: label.span.end,
            message: label.message.as_deref().map(text::message),
        }
    }
}

/// Stable identities of the diagnostics, in the same order: rule code and object key, plus
/// `#2`, `#3` … for further findings of one rule on one object.
///
/// They never contain line numbers, so a finding keeps its identity when a re-export moves
/// its row; SARIF consumers and the baseline use them to recognise findings across runs. A
/// very long object key is shortened as in every output ([`text::key`]).
pub fn fingerprints(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    diagnostics
        .iter()
        .map(|d| {
            let key = format!("{}/{}", d.code, text::key(&d.object.to_string()));
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

/// What a renderer wrote to a buffer, as a `String`: writing to memory cannot fail, and every
/// renderer writes UTF-8.
fn to_string(render: impl FnOnce(&mut dyn io::Write) -> io::Result<()>) -> String {
    let mut buffer = Vec::new();
    // A `Vec` never refuses a write.
    let _ = render(&mut buffer);
    String::from_utf8(buffer).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A count with thousands separators: `80,018`, as every output writes counts (the CLI's health
/// facts too).
pub fn count(n: usize) -> String {
    grouped(n as u128)
}

/// [`count`] for any unsigned count: `uclint route` writes pattern string counts, which
/// outgrow `usize`, the same way.
pub(crate) fn grouped(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `finding` or `findings` after a count.
pub(crate) fn findings(n: usize) -> &'static str {
    if n == 1 {
        "finding"
    } else {
        "findings"
    }
}

/// Splits a display path into the archive and the member, for `archive.tar!member.csv`.
fn split_member(path: &str) -> Option<(&str, &str)> {
    path.split_once('!')
}

/// Builders of many findings, for the tests of the caps.
#[cfg(test)]
pub(crate) mod many {
    use uclint_model::{Code, Diagnostic, Family, Label, ObjectKey, Severity, SourceFile, SourceMap, Span};

    /// A source map with one small file, `exports/phone.csv`, that spans point into.
    pub fn sources() -> SourceMap {
        let mut sources = SourceMap::new();
        sources.add(SourceFile::new("exports/phone.csv", "Device Name\nSEP1\n"));
        sources
    }

    /// A code `id` named `test-rule`, of the family its prefix names (`GEN` when none does),
    /// for tests: leaked, once per call.
    pub fn code(id: &'static str) -> &'static Code {
        let families = Family::RULES.into_iter().chain([Family::Input, Family::Config]);
        let family = families.filter(|f| id.starts_with(f.prefix())).max_by_key(|f| f.prefix().len());
        Box::leak(Box::new(Code {
            id,
            name: "test-rule",
            family: family.unwrap_or(Family::Gen),
            severity: Severity::Warning,
            status: uclint_model::Status::Stable,
            summary: "A test rule.",
        }))
    }

    /// A finding of `code` on phone `name` saying `message`, with `help`.
    pub fn finding(id: &'static str, severity: Severity, name: &str, message: &str, help: &str) -> Diagnostic {
        let span = Span::new(uclint_model::SourceId::new(0), 12, 16);
        Diagnostic::new(code(id), severity, ObjectKey::Phone(name.into()), message, Label::new(span, "here"))
            .with_help(help)
    }

    /// `n` characters that compress badly (a linear congruential sequence over letters and
    /// digits, a space every tenth so that [`crate::text::message`] keeps them all), different
    /// for each `seed`.
    pub fn noise(seed: u64, n: usize) -> String {
        const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (0..n)
            .map(|i| {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                if i % 10 == 9 {
                    ' '
                } else {
                    ALPHABET[(state >> 33) as usize % ALPHABET.len()] as char
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(super::count(0), "0");
        assert_eq!(super::count(999), "999");
        assert_eq!(super::count(1000), "1,000");
        assert_eq!(super::count(80_018), "80,018");
        assert_eq!(super::count(1_234_567), "1,234,567");
    }
}
