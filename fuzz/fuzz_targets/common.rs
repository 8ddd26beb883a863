//! The pipeline every fuzz target drives: ingest, every rule, every renderer. A panic anywhere
//! is a finding.

// Each target uses part of this module.
#![allow(dead_code)]

use uclint_ingest::RawInput;
use uclint_model::sort_diagnostics;
use uclint_report::{render_concise, render_full, FullOptions, Report, Summary};
use uclint_rules::{registry, Settings};

pub fn lint(inputs: Vec<RawInput>) {
    let ingested = uclint_ingest::parse(inputs);
    let rules: Vec<_> = registry::RULES.to_vec();
    let result = uclint_rules::run(&ingested.cluster, &Settings::default(), &rules);
    let mut diagnostics = ingested.diagnostics;
    diagnostics.extend(result.diagnostics);
    sort_diagnostics(&mut diagnostics);
    let summary = Summary::default();
    let report = Report { diagnostics: &diagnostics, sources: &ingested.sources, summary: &summary };
    render_full(&report, FullOptions::default());
    render_concise(&report);
}

pub fn raw(path: &str, bytes: Vec<u8>) -> RawInput {
    RawInput { path: path.to_owned(), bytes, error: None }
}
