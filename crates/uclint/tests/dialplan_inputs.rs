//! The dial-plan fixtures are read in full by `uclint check`:
//!
//! - `fixtures/dialplan`, a small dial plan as loose members of a BAT Import/Export tar: every CSV
//!   member but `intercomcss.csv` (intercom CSSs, the header of `css.csv`) is read, and no input
//!   diagnostic but the note on partitionless IPCC extensions comes up;
//! - `fixtures/axl/dialplan`, the same kind of plan as AXL `get*` responses (one file per
//!   response): every file is read, and each gives the record it holds.

use std::path::Path;

use assert_cmd::Command;

const BAT: &str = "fixtures/dialplan";
const AXL: &str = "fixtures/axl/dialplan";

/// `uclint check DIR --show-files --format concise -v` from the workspace root: (exit code,
/// standard output, standard error).
fn show_files(dir: &str) -> (Option<i32>, String, String) {
    let output = Command::cargo_bin("uclint")
        .unwrap()
        .current_dir("../..")
        .args(["check", dir, "--show-files", "--format", "concise", "-v"])
        .output()
        .unwrap();
    (output.status.code(), String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap())
}

#[test]
fn uclint_check_reads_the_bat_dial_plan_without_input_errors() {
    let (code, stdout, stderr) = show_files(BAT);
    assert_eq!(code, Some(0), "{stdout}\n{stderr}");
    // The file list and the summary go to standard output with the findings.
    let all = format!("{stdout}{stderr}");
    for member in [
        "partition.csv",
        "css.csv",
        "routepattern.csv",
        "translationpattern.csv",
        "huntpilot.csv",
        "huntlist.csv",
        "linegroup.csv",
        "routelist.csv",
        "routegroup.csv",
        "trunk.csv",
        "phone.csv",
        "ctiroutepoint.csv",
        "directorynumber.csv",
        "enduser.csv",
    ] {
        let line = format!("{BAT}/{member}: read as BAT {member}");
        assert!(all.lines().any(|l| l == line), "{line}\n{all}");
    }
    let not_read: Vec<&str> = all.lines().filter(|l| l.contains(": not read")).collect();
    assert_eq!(not_read.len(), 2, "{all}");
    assert!(not_read[0].starts_with(&format!("{BAT}/README.md: not read")), "{all}");
    assert!(not_read[1].starts_with(&format!("{BAT}/intercomcss.csv: not read (intercom calling search spaces")));
    let inputs: Vec<&str> = all.lines().filter(|l| l.contains("INPUT")).collect();
    assert!(inputs.iter().all(|l| l.contains("INPUT005")), "only the IPCC extension note: {inputs:#?}");
}

#[test]
fn uclint_check_reads_every_file_of_the_axl_dial_plan() {
    let (code, stdout, stderr) = show_files(AXL);
    assert_eq!(code, Some(0), "{stdout}\n{stderr}");
    assert!(!stdout.contains("not read") && !stderr.contains("not read"), "{stdout}\n{stderr}");
    assert!(!stdout.contains("INPUT") && !stderr.contains("INPUT"), "no input diagnostic: {stdout}\n{stderr}");
    let files = std::fs::read_dir(Path::new("../..").join(AXL)).unwrap().count();
    assert_eq!(files, 20);
    // --show-files lists every file on standard output, then the count.
    assert!(stdout.contains(&format!("\n{files} files, {files} read\n")), "{stdout}");
    let listed: Vec<_> = stdout.lines().filter(|l| l.starts_with(AXL)).collect();
    assert_eq!(listed.len(), files, "{stdout}");
    for line in listed {
        assert!(line.contains(": read as AXL 14.0 get"), "{line}");
    }
}

/// A file that is "read" may still hold no record uclint reads: each one, alone, must give some.
#[test]
fn every_file_of_the_axl_dial_plan_gives_records() {
    for entry in std::fs::read_dir(Path::new("../..").join(AXL)).unwrap() {
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
