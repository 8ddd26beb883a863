//! The same small cluster exported in every family under `fixtures/families/` (BAT tar members,
//! AXL `get*`, `executeSQLQuery`, BAT "Export Phones/Users/UDP") must give the same findings:
//! ingest, not the rules, absorbs the differences between export forms. It runs the rules on what
//! ingest reads, so it lives in the crate above both (no crate dev-depends on one above it).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use uclint_model::Severity;
use uclint_rules::{registry, Settings};

const FAMILIES: &[&str] = &["tar", "axl-get", "sql", "bat-export"];

fn family(name: &str) -> PathBuf {
    Path::new("../../fixtures/families").join(name)
}

/// The rules whose data every family carries: lines with their DN keys and call limits, IPCC
/// extensions, and the application users' devices. (The SQL family has no owners, groups, line
/// groups or Common Device Configurations, so rules reading those legitimately differ.)
const COMMON_RULES: &[&str] = &[
    "UCCX001", "UCCX002", "UCCX003", "UCCX005", "UCCX006", "UCCX007", "UCCX014", "UCCX017", "UCCX037", "RMCM001",
    "RMCM002",
];

/// The common rules over one family: the (rule code, object key) pairs they report.
fn findings(name: &str) -> BTreeSet<String> {
    let ingested = uclint_ingest::ingest(&[family(name)]);
    for d in &ingested.diagnostics {
        assert!(d.severity < Severity::Warning, "{name}: unexpected input diagnostic {} {}", d.code, d.message);
    }
    for file in &ingested.files {
        assert!(matches!(file.status, uclint_ingest::FileStatus::Read(_)), "{name}: {} was not read", file.path);
    }
    let rules: Vec<_> = COMMON_RULES.iter().map(|code| registry::find(code).expect("a registered rule")).collect();
    let result = uclint_rules::run(&ingested.cluster, &Settings::default(), &rules);
    assert!(result.skipped.is_empty(), "{name}: rules skipped: {:?}", result.skipped);
    result.diagnostics.iter().map(|d| format!("{} {}", d.code, d.object)).collect()
}

#[test]
fn every_family_yields_the_same_findings() {
    let reference = findings(FAMILIES[0]);
    insta::assert_snapshot!(reference.iter().cloned().collect::<Vec<_>>().join("\n"));
    for name in &FAMILIES[1..] {
        assert_eq!(findings(name), reference, "{name} differs from {}", FAMILIES[0]);
    }
}

#[test]
fn every_family_file_is_recognised_by_content() {
    let mut statuses = Vec::new();
    for name in FAMILIES {
        for file in uclint_ingest::ingest(&[family(name)]).files {
            let path = file.path.strip_prefix("../../fixtures/families/").unwrap_or(&file.path).to_owned();
            statuses.push(format!("{path}: {:?}", file.status));
        }
    }
    insta::assert_snapshot!(statuses.join("\n"));
}
