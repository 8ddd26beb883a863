//! Intercom data: `intercomdn.csv` (header inferred, so it gets an INPUT005 note) and the
//! `Intercom Directory Number N` columns of `phone.csv`, read from UCCX021's failing fixture.

use std::path::Path;

use uclint_model::{DataSet, DnKey};

#[test]
fn intercom_numbers_and_intercom_lines_are_read_with_spans() {
    let ingested = uclint_ingest::ingest(&[Path::new("../../fixtures/rules/UCCX021/fail").to_path_buf()]);
    // One note for the inferred header, beside enduser.csv's note on IPCC extensions without a
    // partition.
    let notes = ingested.diagnostics.iter().filter(|d| d.message.contains("intercomdn.csv")).count();
    assert_eq!(notes, 1, "{:#?}", ingested.diagnostics);
    let cluster = &ingested.cluster;
    assert!(cluster.has(DataSet::Intercom));

    let numbers: Vec<_> = cluster.intercom_numbers.iter().map(|n| n.dn.value.clone()).collect();
    assert_eq!(numbers[1], DnKey::new("9903", "PT_Intercom"));
    let device = cluster.intercom_numbers[1].default_activated_device.as_ref().unwrap();
    assert_eq!(ingested.sources.get(device.span.source).slice(device.span), "SEP0011AABB0003");

    let phone = cluster.phones.iter().find(|p| p.name.value == "SEP0011AABB0001").unwrap();
    let line = &phone.intercom_lines[0];
    assert_eq!(line.dn.value, DnKey::new("9901", "PT_Intercom"));
    assert_eq!(line.default_activated_device.as_ref().unwrap().value, "SEP0011AABB0001");
    assert_eq!(phone.lines.len(), 1, "an intercom line is not one of the device's lines");
}
