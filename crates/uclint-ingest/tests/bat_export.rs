//! The BAT "Export Phones/Users/UDP" CSVs (not the tar): UPPER CASE headers with double spaces,
//! `IPCC EXTENSION` written `DN in PT`, `CONTROLLED DEVICE n`.

use std::path::Path;

use uclint_ingest::Ingested;
use uclint_model::{DnKey, DnRef, Span};

fn slice(ingested: &Ingested, span: Span) -> &str {
    ingested.sources.get(span.source).slice(span)
}

#[test]
fn export_csvs_read_lines_extensions_and_controlled_devices_with_spans() {
    let ingested = uclint_ingest::ingest(&[Path::new("../../fixtures/families/bat-export").to_path_buf()]);
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    let cluster = &ingested.cluster;

    let phone = cluster.phones.iter().find(|p| p.name.value == "SEP0011AABB0002").unwrap();
    let line = &phone.lines[0];
    assert_eq!(line.dn.value, DnKey::new("4002", "PT_Internal"));
    assert_eq!(slice(&ingested, line.dn.span), "4002");
    assert_eq!(slice(&ingested, line.max_calls.as_ref().unwrap().span), "4");
    assert_eq!(phone.application_users[0].value, "uccxrmcmuser");
    assert_eq!(cluster.device_profiles[0].lines[0].dn.value, DnKey::new("4006", "PT_Internal"));

    let user = cluster.end_users.iter().find(|u| u.user_id.value == "agent04").unwrap();
    let ipcc = user.ipcc_extension.as_ref().unwrap();
    assert_eq!(ipcc.value, DnRef::with_partition("4004", "PT_Internal"));
    assert_eq!(slice(&ingested, ipcc.span), "4004");
    let primary = user.primary_extension.as_ref().unwrap();
    assert_eq!(primary.value, DnRef::with_partition("+14085554004", "PT_E164"));
    let devices: Vec<_> = user.controlled_devices.iter().map(|d| d.value.as_str()).collect();
    assert_eq!(devices, ["SEP0011AABB0004", "CSFAGENT04"]);
    assert_eq!(user.digest_credentials.as_ref().map(|d| d.value), Some(true));
    let text = &ingested.sources.get(user.user_id.span.source).text;
    assert!(!text.contains("a5d14d48"), "digest hashes are masked");
}
