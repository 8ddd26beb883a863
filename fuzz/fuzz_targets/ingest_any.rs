//! Any bytes as one input file: format detection and whichever parser claims it.
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::lint(vec![common::raw("fuzz", data.to_vec())]);
});
