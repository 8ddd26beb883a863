//! AXL `get*`/`list*` SOAP responses: fuzz bytes inside a real envelope, after the `<return>` of
//! a response uclint maps, so the fuzzer spends its time in the record mapping (phones, lines,
//! users, groups, parameters) rather than in format detection. Seeds: `fixtures/families/axl-get`.
#![no_main]

mod common;

const OPERATIONS: &[&str] = &[
    "getPhone",
    "getDeviceProfile",
    "getUser",
    "getAppUser",
    "getCommonDeviceConfig",
    "getLineGroup",
    "getServiceParameter",
    "getLdapAuthentication",
    "getLine",
    "listPhone",
    "listUser",
    "listLineGroup",
];

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::lint(vec![common::raw("fuzz.xml", common::axl_input(OPERATIONS, data))]);
});
