//! The bundled demo export: its tar is built from the CSVs in `fixtures/demo-src`, so that
//! changes diff; this test fails when the tar is stale, and `UCLINT_UPDATE_FIXTURES=1` rebuilds it.

mod common;

#[test]
fn demo_tar_is_built_from_its_sources() {
    common::assert_tar_fresh(
        "../../fixtures/demo-src/ucmdata_export_demo",
        "../../fixtures/demo/ucmdata_export_demo.tar",
        "demo",
    );
}
