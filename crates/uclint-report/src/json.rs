//! `json`: the whole report as one versioned JSON document, for scripts and dashboards.
//!
//! The schema is documented in `docs/json-format.md`. [`JSON_SCHEMA_VERSION`] changes only when
//! a field is removed or changes meaning; new fields may appear without a bump.
//!
//! Text is written as it is, escaped only as JSON requires (controls as `\u001b`), but bounded
//! like every other format's ([`crate::text`]): display paths and object keys longer than 200
//! characters are shortened around a hash, and long values in messages are elided.
//!
//! The findings are serialised one at a time as the document is written, never collected: a
//! megacluster's report of 80,000 findings would otherwise hold a second copy of every finding
//! (its object key, positions and bounded texts) beside the first until the last byte is out.

use std::borrow::Cow;
use std::io;

use serde::{Serialize, Serializer};
use uclint_model::{Diagnostic, Severity};

use crate::statistics::{statistics, CodeCount};
use crate::summary::counts;
use crate::{text, BaselineEntry, Paths, Position, Report};

/// Version of the JSON document's schema (`schema_version`).
pub const JSON_SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a, 'p> {
    schema_version: u32,
    tool: Tool,
    diagnostics: Diagnostics<'a, 'p>,
    summary: JsonSummary<'a>,
}

/// The `diagnostics` array, each element made as it is written.
struct Diagnostics<'a, 'p> {
    diagnostics: &'a [Diagnostic],
    paths: &'a Paths<'p>,
}

impl Serialize for Diagnostics<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.diagnostics.iter().map(|d| diagnostic(d, self.paths)))
    }
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
pub(crate) struct JsonDiagnostic<'a> {
    code: &'static str,
    name: &'static str,
    severity: Severity,
    object: String,
    message: Cow<'a, str>,
    help: Option<Cow<'a, str>>,
    primary: Position<'a>,
    secondary: Vec<Position<'a>>,
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    findings: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    by_code: Vec<CodeCount>,
    objects: usize,
    files_read: Vec<FileRead<'a>>,
    files_not_read: Vec<FileNotRead<'a>>,
    rules_run: usize,
    skipped: Vec<Skipped<'a>>,
    notes: Vec<Cow<'a, str>>,
    suppressed: usize,
    baselined: usize,
    stale_baseline: &'a [BaselineEntry],
}

#[derive(Serialize)]
struct FileRead<'a> {
    path: Cow<'a, str>,
    format: Cow<'a, str>,
}

#[derive(Serialize)]
struct FileNotRead<'a> {
    path: Cow<'a, str>,
    reason: Cow<'a, str>,
}

#[derive(Serialize)]
struct Skipped<'a> {
    code: &'a str,
    reason: Cow<'a, str>,
}

/// Writes the report to `out` as a pretty-printed JSON document followed by a newline.
pub fn write_json(report: &Report<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    let summary = report.summary;
    let paths = Paths::new(report.sources);
    let [infos, warnings, errors] = counts(report.diagnostics);
    let document = Document {
        schema_version: JSON_SCHEMA_VERSION,
        tool: Tool { name: "uclint", version: env!("CARGO_PKG_VERSION") },
        diagnostics: Diagnostics { diagnostics: report.diagnostics, paths: &paths },
        summary: JsonSummary {
            findings: report.diagnostics.len(),
            errors,
            warnings,
            infos,
            by_code: statistics(report.diagnostics),
            objects: summary.objects,
            files_read: summary
                .files_read
                .iter()
                .map(|(path, format)| FileRead { path: text::path(path), format: text::message(format) })
                .collect(),
            files_not_read: summary
                .files_not_read
                .iter()
                .map(|(path, reason, _)| FileNotRead { path: text::path(path), reason: text::message(reason) })
                .collect(),
            rules_run: summary.rules_run,
            skipped: summary
                .skipped
                .iter()
                .map(|(code, reason)| Skipped { code, reason: text::message(reason) })
                .collect(),
            notes: summary.notes.iter().map(|note| text::message(note)).collect(),
            suppressed: summary.suppressed,
            baselined: summary.baselined,
            stale_baseline: &summary.stale_baseline,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")
}

/// Renders the report as a pretty-printed JSON document followed by a newline.
pub fn render_json(report: &Report<'_>) -> String {
    crate::to_string(|out| write_json(report, out))
}

pub(crate) fn diagnostic<'a>(d: &'a Diagnostic, paths: &'a Paths<'_>) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        code: d.code.id,
        name: d.code.name,
        severity: d.severity,
        object: text::key(&d.object.to_string()).into_owned(),
        message: text::message(&d.message),
        help: d.help.as_deref().map(text::message),
        primary: Position::of(&d.primary, paths),
        secondary: d.secondary.iter().map(|l| Position::of(l, paths)).collect(),
    }
}
