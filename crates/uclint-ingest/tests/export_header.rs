//! What a BAT Import/Export tar's `header.txt` says of the export (`Time :`, `IP Address :`,
//! `CCM :`), kept in the cluster for the health report: read in any spacing and line ending,
//! absent when a line is, bounded and stripped of control characters, the first input's value
//! (inputs in path order, whatever the order they were given in) when several exports are read.

use std::path::{Path, PathBuf};

use uclint_model::ExportHeader;

/// The export header of `header.txt`s with the given texts, each loose in a directory of its
/// own (`export0`, `export1` …), given in that order.
fn header_of(texts: &[&str]) -> (ExportHeader, tempfile::TempDir) {
    header_given(texts, false)
}

/// As [`header_of`], the paths given in reverse order when `reversed`.
fn header_given(texts: &[&str], reversed: bool) -> (ExportHeader, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let export = dir.path().join(format!("export{i}"));
            std::fs::create_dir(&export).unwrap();
            std::fs::write(export.join("header.txt"), text).unwrap();
            export
        })
        .collect();
    let paths: Vec<PathBuf> = if reversed { paths.into_iter().rev().collect() } else { paths };
    (uclint_ingest::ingest(&paths).cluster.export_header, dir)
}

fn values(header: &ExportHeader) -> [Option<&str>; 3] {
    [&header.time, &header.publisher, &header.version].map(|v| v.as_ref().map(|v| v.value.as_str()))
}

#[test]
fn the_demo_tar_says_when_where_and_which_version() {
    let path = Path::new("../../fixtures/demo/ucmdata_export_demo.tar").to_path_buf();
    let ingested = uclint_ingest::ingest(&[path]);
    let header = &ingested.cluster.export_header;
    assert_eq!(
        values(header),
        [Some("Fri Nov 20 10:12:44 UTC 2026"), Some("10.1.10.11"), Some("master-14.0.1.10000-20.i386")]
    );
    // The span is the value's own bytes in header.txt.
    let version = header.version.as_ref().unwrap();
    assert_eq!(ingested.sources.get(version.span.source).slice(version.span), "master-14.0.1.10000-20.i386");
}

#[test]
fn odd_spacing_case_and_crlf_are_read() {
    let (header, _dir) = header_of(&[
        "  time:Jun 09, 2023 13:03:18 PM PDT\r\nIP   Address   :   10.1.1.10  \r\nCCM :\tmaster-14.0.1\r\nFile : phone\r\n",
    ]);
    assert_eq!(values(&header), [Some("Jun 09, 2023 13:03:18 PM PDT"), Some("10.1.1.10"), Some("master-14.0.1")]);
}

#[test]
fn missing_and_empty_lines_are_none_and_the_first_line_wins() {
    let (header, _dir) = header_of(&["CCM : 14.0\nTime :   \nFile : phone\nCCM : 15.0\n"]);
    assert_eq!(values(&header), [None, None, Some("14.0")]);
}

#[test]
fn control_characters_are_replaced_and_long_values_cut() {
    let long = "9".repeat(10_000);
    let (header, _dir) =
        header_of(&[&format!("Time : \u{1b}[31mnow\u{7}\u{1b}]0;title\u{7}\nIP Address : {long}\nFile : phone\n")]);
    let [time, publisher, _] = values(&header);
    let time = time.unwrap();
    assert!(!time.chars().any(char::is_control), "{time:?}");
    assert!(time.contains("now"), "{time:?}");
    assert_eq!(publisher.unwrap().len(), uclint_ingest::bat::MAX_HEADER_VALUE_CHARS);
}

#[test]
fn several_exports_give_the_first_inputs_values_in_any_argument_order() {
    let texts = ["CCM : 14.0\nFile : phone\n", "Time : later\nIP Address : 10.9.9.9\nCCM : 15.0\nFile : phone\n"];
    for reversed in [false, true] {
        let (header, _dir) = header_given(&texts, reversed);
        assert_eq!(values(&header), [Some("later"), Some("10.9.9.9"), Some("14.0")], "reversed: {reversed}");
    }
}
