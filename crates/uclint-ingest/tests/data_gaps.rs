//! Where the input is known to lack data: the tar manifest's file list and AXL `list*`
//! responses (read for GEN010).

use std::path::Path;

use uclint_model::DataSet;

#[test]
fn the_tar_manifest_names_the_files_the_export_lacks() {
    let ingested = uclint_ingest::ingest(&[Path::new("../../fixtures/demo/ucmdata_export_demo.tar").to_path_buf()]);
    let gaps = &ingested.cluster.data_gaps;
    let missing: Vec<&str> = gaps.iter().map(|g| g.missing.as_str()).collect();
    assert!(missing.contains(&"ldapsystem.csv") && missing.contains(&"phoneservices.csv"), "{missing:?}");
    assert!(!missing.contains(&"phone.csv") && !missing.contains(&"linegroup.csv"), "listed files are not gaps");
    let gap = gaps.iter().find(|g| g.missing == "ldapsystem.csv").unwrap();
    assert_eq!(
        (gap.export.as_str(), gap.data, gap.incomplete),
        ("../../fixtures/demo/ucmdata_export_demo.tar", DataSet::LdapSystem, false)
    );
    let text = ingested.sources.get(gap.span.source).slice(gap.span);
    assert!(text.starts_with("File : phone.csv") && text.ends_with("File : ldapauth.csv"), "{text}");
}

#[test]
fn a_list_response_is_a_gap_of_its_operation() {
    let ingested = uclint_ingest::ingest(&[Path::new("../../fixtures/axl/list").to_path_buf()]);
    let gaps: Vec<_> = ingested.cluster.data_gaps.iter().map(|g| (g.export.as_str(), g.data, g.incomplete)).collect();
    assert_eq!(gaps, [("listPhone", DataSet::Phones, true), ("listUser", DataSet::EndUsers, true)]);
}
