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
