//! The one `check` helper of the broken-input corpora (`broken_inputs.rs`, `broken_xml.rs`): a
//! broken file parsed beside a good one, its diagnostics rendered as `--format concise` writes
//! them. These tests read with `uclint-ingest` and render with `uclint-report`, so they live in
//! the crate above both: `uclint-ingest` dev-depends on neither (no cycle between crates).

use uclint_ingest::{parse, FileStatus, Ingested, RawInput};
use uclint_model::sort_diagnostics;
use uclint_report::{render_concise, Report, Summary};

const GOOD_PHONES: &str = "../../fixtures/rules/UCCX006/fail/phone.csv";

fn raw(path: &str, bytes: Vec<u8>) -> RawInput {
    RawInput { path: path.to_owned(), bytes, error: None }
}

/// Parses the broken file beside a good `phone.csv`, checks that the good file was read in
/// full, and returns the ingest with its diagnostics rendered concisely, followed by the files
/// that were not read and why.
pub fn check(name: &str, bytes: Vec<u8>) -> (Ingested, String) {
    let good = std::fs::read(GOOD_PHONES).unwrap();
    let mut ingested = parse(vec![raw(&format!("broken/{name}"), bytes), raw("good/phone.csv", good)]);
    sort_diagnostics(&mut ingested.diagnostics);
    assert!(
        ingested.cluster.phones.iter().any(|p| p.name.value == "SEP0011AABB0004"),
        "{name}: the good file beside it was not read"
    );
    let summary = Summary::default();
    let report = Report { diagnostics: &ingested.diagnostics, sources: &ingested.sources, summary: &summary };
    let mut rendered = render_concise(&report);
    for file in &ingested.files {
        if let FileStatus::NotRead { reason, .. } = &file.status {
            rendered.push_str(&format!("not read: {} ({reason})\n", file.path));
        }
    }
    (ingested, rendered)
}
