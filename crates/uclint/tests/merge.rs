//! Records of one object from several files merge into one object; a field the files disagree
//! on is INPUT006 with both places labelled. It renders and runs the rules on what ingest reads,
//! so it lives in the crate above ingest, rules and report.

use std::path::Path;

use uclint_report::{render_full, FullOptions, Report, Summary};

#[test]
fn one_phone_from_two_files_merges_and_reports_the_conflict() {
    let ingested = uclint_ingest::ingest(&[Path::new("../../fixtures/merge/conflict").to_path_buf()]);
    let cluster = &ingested.cluster;
    assert_eq!(cluster.phones.len(), 1, "the two records of SEP0011AABB0001 are one phone");
    let phone = &cluster.phones[0];
    let lines: Vec<_> = phone.lines_by_index().iter().map(|l| l.dn.value.to_string()).collect();
    assert_eq!(lines, ["4001@PT_Internal", "5001@PT_Internal"], "line 2 comes from the second file");

    let conflicts: Vec<_> = ingested.diagnostics.iter().filter(|d| d.code == "INPUT006").collect();
    assert_eq!(conflicts.len(), 1, "{:#?}", ingested.diagnostics);
    let conflict = conflicts[0];
    assert_eq!(conflict.object.to_string(), "phone:SEP0011AABB0001");
    // Files are read in name order: export-phones.csv (4) before phone.csv (2).
    let slice = |span: uclint_model::Span| ingested.sources.get(span.source).slice(span).to_owned();
    assert_eq!(slice(conflict.primary.span), "2", "primary label: the later value");
    assert_eq!(slice(conflict.secondary[0].span), "4", "secondary label: the earlier value");

    let summary = Summary::default();
    let diagnostics = [conflict.clone()];
    let report = Report { diagnostics: &diagnostics, sources: &ingested.sources, summary: &summary };
    insta::assert_snapshot!(render_full(&report, FullOptions::default()));
}

#[test]
fn a_phone_and_a_user_pieced_together_from_four_families() {
    // getPhone (no lines) + SQL lines; enduser.csv (IPCC extension without partition, digest
    // hash) + getUser (partition, empty digestCredentials, one more group).
    let ingested = uclint_ingest::ingest(&[Path::new("../../fixtures/merge/mixed").to_path_buf()]);
    let codes: Vec<_> = ingested.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["INPUT005"], "only the tar's partition-less IPCC note: {:#?}", ingested.diagnostics);
    let cluster = &ingested.cluster;
    let phone = &cluster.phones[..];
    assert_eq!(phone.len(), 1);
    assert_eq!(phone[0].model.as_ref().unwrap().value, "Cisco 8841", "from getPhone");
    assert_eq!(phone[0].lines.len(), 2, "from SQL");

    let user = &cluster.end_users[..];
    assert_eq!(user.len(), 1);
    let ipcc = user[0].ipcc_extension.as_ref().unwrap();
    assert_eq!(ipcc.value, uclint_model::DnRef::with_partition("4001", "PT_Internal"), "completed by getUser");
    assert_eq!(ingested.sources.get(ipcc.span.source).path, "../../fixtures/merge/mixed/getUser.xml");
    assert_eq!(
        user[0].digest_credentials.as_ref().map(|d| d.value),
        Some(true),
        "the tar's hash wins over AXL's empty"
    );
    let groups: Vec<_> = user[0].groups.iter().map(|g| g.value.as_str()).collect();
    assert_eq!(groups, ["Standard CCM End Users", "Standard CTI Enabled", "Standard CTI Allow Control of All Devices"]);

    let settings = uclint_rules::Settings::default();
    let result = uclint_rules::run(cluster, &settings, &uclint_rules::registry::default_rules());
    let findings: Vec<_> = result.diagnostics.iter().map(|d| format!("{} {}", d.code, d.object)).collect();
    // The line limits come from SQL and the groups from getUser: each rule sees the merged object.
    assert_eq!(
        findings,
        [
            "UCCX006 phone:SEP0011AABB0001",
            "UCCX007 phone:SEP0011AABB0001",
            "IMP004 user:agent01",
            "SEC003 user:agent01"
        ]
    );
}
