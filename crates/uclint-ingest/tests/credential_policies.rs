//! Credential policies from AXL `getCredentialPolicy` and from BAT `credpolicy.csv` (inferred
//! column names).

use std::path::Path;

use uclint_model::DataSet;

#[test]
fn get_credential_policy_is_read_with_spans() {
    let ingested = uclint_ingest::ingest(&[Path::new("../../fixtures/axl/credential-policy").to_path_buf()]);
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    assert!(ingested.cluster.has(DataSet::CredentialPolicies));
    let policy = &ingested.cluster.credential_policies[0];
    assert_eq!(policy.name.value, "Jabber Users Policy");
    let days = policy.inactive_days_allowed.as_ref().unwrap();
    assert_eq!(days.value, 90);
    assert_eq!(ingested.sources.get(days.span.source).slice(days.span), "90");
}

#[test]
fn credpolicy_csv_is_recognised_by_its_inactive_days_column() {
    let ingested = uclint_ingest::ingest(&[Path::new("../../fixtures/rules/IMP009/fail/credpolicy.csv").to_path_buf()]);
    let codes: Vec<_> = ingested.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["INPUT005"], "one note for the inferred column names");
    let days: Vec<_> = ingested
        .cluster
        .credential_policies
        .iter()
        .map(|p| (p.name.value.as_str(), p.inactive_days_allowed.as_ref().map(|d| d.value)))
        .collect();
    assert_eq!(days, [("Default Credential Policy", Some(0)), ("Jabber Users Policy", Some(90))]);
}
