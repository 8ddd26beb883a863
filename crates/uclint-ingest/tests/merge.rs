//! Records of one object from several files merge into one object; a field the files disagree
//! on is INPUT006 with both places labelled.

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
