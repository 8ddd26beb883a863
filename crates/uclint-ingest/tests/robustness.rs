//! Parsers never panic on input: every XML and JSON fixture, cut off at many points and with
//! bytes flipped, is read into records plus diagnostics.

use std::path::Path;

use uclint_ingest::{parse, RawInput};

fn fixture_files() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for dir in ["families/axl-get", "families/sql", "axl/list", "uccx", "merge/mixed"] {
        let dir = Path::new("../../fixtures").join(dir);
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            files.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    files.sort();
    files
}

fn parse_bytes(path: &str, bytes: Vec<u8>) -> uclint_ingest::Ingested {
    parse(vec![RawInput { path: path.to_owned(), bytes, error: None }])
}

#[test]
fn truncated_files_are_read_up_to_the_cut() {
    for (path, bytes) in fixture_files() {
        let step = (bytes.len() / 61).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            let ingested = parse_bytes(&path, bytes[..cut].to_vec());
            let text = &ingested.sources.get(uclint_model::SourceId::new(0)).text;
            assert!(!text.contains("a5d14d48"), "{path} cut at {cut}: a digest reached the source map");
        }
    }
}

#[test]
fn files_with_flipped_bytes_do_not_panic() {
    for (path, bytes) in fixture_files() {
        let step = (bytes.len() / 31).max(1);
        for (n, at) in (0..bytes.len()).step_by(step).enumerate() {
            let mut damaged = bytes.clone();
            damaged[at] = [b'<', b'>', b'"', b'&', 0xFF, b'/'][n % 6];
            parse_bytes(&path, damaged);
        }
    }
}
