//! Bytes as a tar archive, unpacked in memory as `uclint check` does.
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::lint(uclint_ingest::expand("fuzz.tar".to_owned(), data.to_vec()));
});
