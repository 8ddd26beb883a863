//! Never panic on input: arbitrary bytes, and real fixtures with random damage, go through
//! ingest, every rule and every renderer. Any panic fails the property.

use proptest::prelude::*;
use uclint_ingest::{parse, RawInput};
use uclint_model::sort_diagnostics;
use uclint_report::{render_concise, render_full, FullOptions, Report, Summary};
use uclint_rules::{registry, Settings};

const FIXTURES: &[&str] = &[
    "../../fixtures/demo-src/ucmdata_export_demo/phone.csv",
    "../../fixtures/demo-src/ucmdata_export_demo/enduser.csv",
    "../../fixtures/demo-src/ucmdata_export_demo/appuser.csv",
    "../../fixtures/demo-src/ucmdata_export_demo/deviceprofile.csv",
    "../../fixtures/demo-src/ucmdata_export_demo/linegroup.csv",
    "../../fixtures/demo-src/ucmdata_export_demo/ldapauth.csv",
];

/// Runs the whole pipeline on these files; panics are the failure.
fn lint(files: Vec<(String, Vec<u8>)>) {
    let inputs = files.into_iter().map(|(path, bytes)| RawInput { path, bytes, error: None }).collect();
    let ingested = parse(inputs);
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

fn fixtures() -> Vec<(String, Vec<u8>)> {
    FIXTURES.iter().map(|p| ((*p).to_owned(), std::fs::read(p).unwrap())).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        lint(vec![("fuzz.csv".to_owned(), bytes)]);
    }

    #[test]
    fn damaged_fixtures_never_panic(
        file in 0..FIXTURES.len(),
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), 0u8..3), 1..24),
    ) {
        let mut files = fixtures();
        let bytes = &mut files[file].1;
        for (at, byte, kind) in edits {
            let at = at % (bytes.len() + 1);
            match kind {
                0 => bytes.insert(at, byte),
                1 if at < bytes.len() => { bytes.remove(at); }
                _ if at < bytes.len() => bytes[at] = byte,
                _ => bytes.push(byte),
            }
        }
        lint(files);
    }

    #[test]
    fn truncated_fixtures_never_panic(file in 0..FIXTURES.len(), keep in 0.0f64..1.0) {
        let mut files = fixtures();
        let bytes = &mut files[file].1;
        let len = (bytes.len() as f64 * keep) as usize;
        bytes.truncate(len);
        lint(files);
    }
}
