//! Bytes as one file given to `uclint check`, listed and read from disk as the binary reads a
//! path: a zip, a gzip stream (a `.tar.gz`, a compressed CSV), a tar, another compression or
//! anything else goes through the archive readers, their limits on the decompressed bytes and
//! their member naming, then every rule and every format. Terminal outputs must stay free of
//! raw control bytes, whatever the member names hold. Seeds: the demo export as a zip, a
//! `.tar.gz` and a gzip-compressed CSV, which `.ci/run` makes (docs/fuzzing.md).
#![no_main]

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use uclint_rules::Settings;

/// The file the input is written to, in a directory of this process's own.
fn input_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("uclint-fuzz-compressed-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("creating the fuzz directory");
        dir.join("export")
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let path = input_path();
    std::fs::write(path, data).expect("writing the fuzz input");
    let checked = common::check(std::slice::from_ref(path), &Settings::default());
    for output in checked.outputs.iter().filter(|o| o.terminal) {
        if let Some(at) = output.text.bytes().position(|b| b == 0x1b || b == 0x07) {
            let around = &output.text.as_bytes()[at.saturating_sub(60)..(at + 20).min(output.text.len())];
            panic!("`{}` output has a raw control byte: {:?}", output.format, String::from_utf8_lossy(around));
        }
    }
});
