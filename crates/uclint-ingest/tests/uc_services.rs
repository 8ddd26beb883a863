//! UC services from AXL `getUcService` and from BAT `ucservice.csv` (inferred column names).

use std::path::Path;

use uclint_model::DataSet;

#[test]
fn get_uc_service_is_read_with_spans() {
    let ingested = uclint_ingest::ingest(&[Path::new("../../fixtures/axl/uc-service").to_path_buf()]);
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    assert!(ingested.cluster.has(DataSet::UcServices));
    let service = &ingested.cluster.uc_services[0];
    assert_eq!(service.name.value, "Exchange_Mailstore");
    assert_eq!(service.service_type.as_ref().unwrap().value, "MailStore");
    assert_eq!(service.product_type.as_ref().unwrap().value, "Exchange");
    assert_eq!(service.host.as_ref().unwrap().value, "mail.example.com");
    let port = service.port.as_ref().unwrap();
    assert_eq!(port.value, 143);
    assert_eq!(ingested.sources.get(port.span.source).slice(port.span), "143");
    assert_eq!(service.protocol.as_ref().unwrap().value, "TCP");
}

#[test]
fn ucservice_csv_is_recognised_and_its_null_cells_are_unset() {
    let ingested = uclint_ingest::ingest(&[Path::new("../../fixtures/rules/IMP011/fail").to_path_buf()]);
    let codes: Vec<_> = ingested.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["INPUT005"], "one note for the inferred column names");
    let names: Vec<_> = ingested.cluster.uc_services.iter().map(|s| s.name.value.as_str()).collect();
    assert_eq!(names, ["Exchange_Mailstore", "Unity_Voicemail", "CTI_Primary"]);
    assert!(ingested.cluster.uc_services[2].protocol.is_none(), "NULL is unset");
}
