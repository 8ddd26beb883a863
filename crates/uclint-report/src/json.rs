//! `json`: the whole report as one versioned JSON document, for scripts and dashboards.
//!
//! The schema is documented in `docs/json-format.md`. [`JSON_SCHEMA_VERSION`] changes only when
//! a field is removed or changes meaning; new fields may appear without a bump.

use serde::Serialize;
use uclint_model::{Diagnostic, ObjectKey, Severity};

use crate::statistics::{statistics, CodeCount};
use crate::summary::counts;
use crate::{BaselineEntry, Position, Report};

/// Version of the JSON document's schema (`schema_version`).
pub const JSON_SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    tool: Tool,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: JsonSummary<'a>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    name: &'static str,
    severity: Severity,
    object: &'a ObjectKey,
    message: &'a str,
    help: Option<&'a str>,
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
    notes: &'a [String],
    suppressed: usize,
    baselined: usize,
    stale_baseline: &'a [BaselineEntry],
}

#[derive(Serialize)]
struct FileRead<'a> {
    path: &'a str,
    format: &'a str,
}

#[derive(Serialize)]
struct FileNotRead<'a> {
    path: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct Skipped<'a> {
    code: &'a str,
    reason: &'a str,
}

/// Renders the report as a pretty-printed JSON document followed by a newline.
pub fn render_json(report: &Report<'_>) -> String {
    let summary = report.summary;
    let [infos, warnings, errors] = counts(report.diagnostics);
    let document = Document {
        schema_version: JSON_SCHEMA_VERSION,
        tool: Tool { name: "uclint", version: env!("CARGO_PKG_VERSION") },
        diagnostics: report.diagnostics.iter().map(|d| diagnostic(d, report)).collect(),
        summary: JsonSummary {
            findings: report.diagnostics.len(),
            errors,
            warnings,
            infos,
            by_code: statistics(report.diagnostics),
            objects: summary.objects,
            files_read: summary.files_read.iter().map(|(path, format)| FileRead { path, format }).collect(),
            files_not_read: summary.files_not_read.iter().map(|(path, reason)| FileNotRead { path, reason }).collect(),
            rules_run: summary.rules_run,
            skipped: summary.skipped.iter().map(|(code, reason)| Skipped { code, reason }).collect(),
            notes: &summary.notes,
            suppressed: summary.suppressed,
            baselined: summary.baselined,
            stale_baseline: &summary.stale_baseline,
        },
    };
    // Serialising plain structs of strings and numbers cannot fail.
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}

fn diagnostic<'a>(d: &'a Diagnostic, report: &Report<'a>) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        code: d.code,
        name: d.name,
        severity: d.severity,
        object: &d.object,
        message: &d.message,
        help: d.help.as_deref(),
        primary: Position::of(&d.primary, report.sources),
        secondary: d.secondary.iter().map(|l| Position::of(l, report.sources)).collect(),
    }
}
