//! The pipeline every fuzz target drives: ingest, every rule, every renderer. A panic anywhere
//! is a finding.

// Each target uses part of this module.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use uclint_ingest::{Ingested, RawInput};
use uclint_model::{sort_diagnostics, Diagnostic};
use uclint_report::{
    render_concise, render_full, render_github, render_health_html, render_health_markdown, render_json, render_junit,
    render_markdown, render_sarif, render_statistics, render_summary, FullOptions, Health, Report, RuleInfo, Summary,
};
use uclint_rules::{registry, Settings};

/// Ingests inputs given in memory and runs every rule with the default settings over them, then
/// renders every format.
pub fn lint(inputs: Vec<RawInput>) {
    let ingested = uclint_ingest::parse(inputs);
    let settings = Settings::default();
    let rules: Vec<_> = registry::RULES.to_vec();
    let result = uclint_rules::run(&ingested.cluster, &settings, &rules);
    let mut diagnostics = ingested.diagnostics;
    diagnostics.extend(result.diagnostics);
    sort_diagnostics(&mut diagnostics);
    let summary = Summary::default();
    let health = health(&ingested.cluster, &settings, &diagnostics, &[]);
    let report = Report { diagnostics: &diagnostics, sources: &ingested.sources, summary: &summary };
    render_all(&report, &health);
}

pub fn raw(path: &str, bytes: Vec<u8>) -> RawInput {
    RawInput { path: path.to_owned(), bytes, error: None }
}

/// One rendered output: what `uclint check` writes for one `--format`, or one of the blocks it
/// writes to standard error.
pub struct Rendered {
    /// The format's `--format` name, or `summary`/`statistics` for the standard error blocks.
    pub format: &'static str,
    /// Whether it is read on a terminal or in a CI log, where control characters act.
    pub terminal: bool,
    pub text: String,
}

/// What [`check`] produced.
pub struct Checked {
    /// The diagnostics reported, after sorting.
    pub diagnostics: Vec<Diagnostic>,
    /// Every format, rendered.
    pub outputs: Vec<Rendered>,
}

/// Runs `paths` through the pipeline as `uclint check --statistics` does: ingest with the texts
/// released once parsed, every rule (stable or not) with `settings`, the sort, the files read
/// and not read in the summary, the health report gathered, the model let go and the texts the
/// findings point into read back; then every format is rendered.
pub fn check(paths: &[PathBuf], settings: &Settings) -> Checked {
    let options = uclint_ingest::Options { release_text: true, ..Default::default() };
    let mut ingested = uclint_ingest::ingest_with(paths, options);
    let rules: Vec<_> = registry::RULES.to_vec();
    let result = uclint_rules::run(&ingested.cluster, settings, &rules);
    let mut diagnostics = std::mem::take(&mut ingested.diagnostics);
    diagnostics.extend(result.diagnostics);
    sort_diagnostics(&mut diagnostics);
    let checked = uclint::summary::checked(&rules, &result.skipped);
    let files = std::mem::take(&mut ingested.files);
    let objects = ingested.cluster.object_count();
    let summary = uclint::summary::summary(objects, checked, &result.skipped, result.notes, files);
    let health = health(&ingested.cluster, settings, &diagnostics, paths);
    restore_shown(&mut ingested, &diagnostics);
    let report = Report { diagnostics: &diagnostics, sources: &ingested.sources, summary: &summary };
    let outputs = render_all(&report, &health);
    Checked { diagnostics, outputs }
}

/// Lets the model go and reads back the texts the diagnostics point into, as `uclint check`
/// does before a `full` report.
fn restore_shown(ingested: &mut Ingested, diagnostics: &[Diagnostic]) {
    drop(std::mem::take(&mut ingested.cluster));
    let shown = diagnostics.iter().flat_map(|d| std::iter::once(&d.primary).chain(&d.secondary)).map(|l| l.span.source);
    ingested.restore_text(shown);
}

/// Every format `uclint check` and `uclint report` write, plus the summary and statistics blocks
/// written to standard error.
///
/// The SARIF, JUnit and Markdown formats are given the catalog of the codes reported only: the
/// rest is the rules' own documentation, the same text on every run, and serialising all of it
/// took most of the small targets' time.
pub fn render_all(report: &Report<'_>, health: &Health) -> Vec<Rendered> {
    let reported: Vec<RuleInfo> =
        rule_catalog().iter().filter(|r| report.diagnostics.iter().any(|d| d.code == r.code)).cloned().collect();
    let rules = &reported[..];
    let out = |format, terminal, text| Rendered { format, terminal, text };
    vec![
        out("full", true, render_full(report, FullOptions::default())),
        out("concise", true, render_concise(report)),
        out("github", true, render_github(report)),
        out("json", false, render_json(report)),
        out("sarif", false, render_sarif(report, rules)),
        out("junit", false, render_junit(report, rules)),
        out("markdown", false, render_markdown(report, rules)),
        out("html", false, render_health_html(report, health)),
        out("health-markdown", false, render_health_markdown(report, health)),
        out("summary", true, render_summary(report.summary, report.diagnostics)),
        out("statistics", true, render_statistics(report.diagnostics)),
    ]
}

/// Every code uclint can report, described as the SARIF, JUnit and Markdown formats describe
/// it: the binary's own catalog, built once per process.
pub fn rule_catalog() -> &'static [RuleInfo] {
    static CATALOG: OnceLock<Vec<RuleInfo>> = OnceLock::new();
    CATALOG.get_or_init(uclint::catalog::rule_catalog)
}

pub use uclint::health::health;

/// The head of a real AXL SOAP response (formats.md §3): envelope, body and the response
/// element of `operation`, up to the open `<return>`. The fuzz bytes follow it, so they land
/// where the record mapping reads.
pub fn axl_response_head(operation: &str) -> String {
    format!(
        "<?xml version='1.0' encoding='UTF-8'?>\n<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">\
         <soapenv:Body><ns:{operation}Response xmlns:ns=\"http://www.cisco.com/AXL/API/14.0\"><return>"
    )
}

/// The head of a SOAP envelope alone, for inputs that bring their own response element.
pub const SOAP_HEAD: &str = "<?xml version='1.0' encoding='UTF-8'?>\n<soapenv:Envelope \
    xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>";

/// An AXL input built from fuzz bytes. A whole document (the fixture seeds, and the mutations
/// that keep their leading `<`) goes inside a SOAP body as it is, so the seeds' own response
/// elements are found; any other input picks one of `operations` with its first byte and is
/// written after that response's `<return>`.
pub fn axl_input(operations: &[&str], data: &[u8]) -> Vec<u8> {
    match data.split_first() {
        Some((b'<', _)) | None => [SOAP_HEAD.as_bytes(), data].concat(),
        Some((&which, body)) => {
            let head = axl_response_head(operations[which as usize % operations.len()]);
            [head.as_bytes(), body].concat()
        }
    }
}
