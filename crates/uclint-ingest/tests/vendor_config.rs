//! AXL `getPhone` `vendorConfig`: product-specific settings by element name, sections flattened,
//! read from UCCX038's failing fixture.

use std::path::Path;

use uclint_model::DataSet;

#[test]
fn vendor_config_settings_are_read_by_name_with_spans() {
    let ingested = uclint_ingest::ingest(&[Path::new("../../fixtures/rules/UCCX038/fail").to_path_buf()]);
    let cluster = &ingested.cluster;
    assert!(cluster.has(DataSet::VendorConfig));
    let phone = |name: &str| cluster.phones.iter().find(|p| p.name.value == name).unwrap();

    let config = phone("SEP0011AABB0001").vendor_config.as_ref().unwrap();
    let names: Vec<_> = config.settings.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["webAccess", "sshAccess", "simplifiedNewCall", "actionableAlert"]);
    let setting = config.get("simplifiedNewCall").unwrap();
    assert_eq!(ingested.sources.get(setting.span.source).slice(setting.span), "1");

    let client = phone("CSFSTAFF77").vendor_config.as_ref().unwrap();
    assert_eq!(client.get("extendAndConnectCapability").map(|s| s.value.as_str()), Some("0"), "sections are flattened");
    assert!(client.get("sshPassword").is_none(), "nothing named like a password is kept");
}
