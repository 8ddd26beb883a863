//! `fixtures/axl/dialplan`, a small dial plan as AXL `get*` responses (one file per response),
//! is read in full: `uclint check` reads every file, and every file gives the records it holds.

use std::path::Path;

use assert_cmd::Command;

const DIR: &str = "fixtures/axl/dialplan";

#[test]
fn uclint_check_reads_every_file_of_the_axl_dial_plan() {
    let output = Command::cargo_bin("uclint")
        .unwrap()
        .current_dir("../..")
        .args(["check", DIR, "--show-files", "--format", "concise", "-v"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(!stdout.contains("not read") && !stderr.contains("not read"), "{stdout}\n{stderr}");
    assert!(!stdout.contains("INPUT") && !stderr.contains("INPUT"), "no input diagnostic: {stdout}\n{stderr}");
    let files = std::fs::read_dir(Path::new("../..").join(DIR)).unwrap().count();
    assert_eq!(files, 20);
    // --show-files lists every file on standard output, then the count.
    assert!(stdout.contains(&format!("\n{files} files, {files} read\n")), "{stdout}");
    let listed: Vec<_> = stdout.lines().filter(|l| l.starts_with(DIR)).collect();
    assert_eq!(listed.len(), files, "{stdout}");
    for line in listed {
        assert!(line.contains(": read as AXL 14.0 get"), "{line}");
    }
}

/// A file that is "read" may still hold no record uclint reads: each one, alone, must give some.
#[test]
fn every_file_of_the_axl_dial_plan_gives_records() {
    for entry in std::fs::read_dir(Path::new("../..").join(DIR)).unwrap() {
        let path = entry.unwrap().path();
        let ingested = uclint_ingest::ingest(std::slice::from_ref(&path));
        assert!(ingested.diagnostics.is_empty(), "{}: {:#?}", path.display(), ingested.diagnostics);
        let c = &ingested.cluster;
        let records = c.partitions.len()
            + c.calling_search_spaces.len()
            + c.dial_patterns.len()
            + c.hunt_lists.len()
            + c.route_lists.len()
            + c.trunks.len()
            + c.phones.len()
            + c.directory_numbers.len();
        assert_eq!(records, 1, "{}: one record per file", path.display());
    }
}
