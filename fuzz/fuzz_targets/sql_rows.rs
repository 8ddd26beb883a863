//! AXL `executeSQLQuery` responses: fuzz bytes as the rows of a real response, so the fuzzer
//! reaches row recognition by columns and the merge of one device's or user's rows. Seeds:
//! `fixtures/families/sql`.
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::lint(vec![common::raw("fuzz.xml", common::axl_input(&["executeSQLQuery"], data))]);
});
