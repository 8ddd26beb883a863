//! `fixtures/dialplan`, a small dial plan as loose members of a BAT Import/Export tar, is read in
//! full by `uclint check`: every CSV member but `intercomcss.csv` (intercom CSSs, the header of
//! `css.csv`) is read, and no input diagnostic but the note on partitionless IPCC extensions
//! comes up.

use assert_cmd::Command;

const DIR: &str = "fixtures/dialplan";

#[test]
fn uclint_check_reads_the_bat_dial_plan_without_input_errors() {
    let output = Command::cargo_bin("uclint")
        .unwrap()
        .current_dir("../..")
        .args(["check", DIR, "--show-files", "--format", "concise", "-v"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
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
        let line = format!("{DIR}/{member}: read as BAT {member}");
        assert!(all.lines().any(|l| l == line), "{line}\n{all}");
    }
    let not_read: Vec<&str> = all.lines().filter(|l| l.contains(": not read")).collect();
    assert_eq!(not_read.len(), 2, "{all}");
    assert!(not_read[0].starts_with(&format!("{DIR}/README.md: not read")), "{all}");
    assert!(not_read[1].starts_with(&format!("{DIR}/intercomcss.csv: not read (intercom calling search spaces")));
    let inputs: Vec<&str> = all.lines().filter(|l| l.contains("INPUT")).collect();
    assert!(inputs.iter().all(|l| l.contains("INPUT005")), "only the IPCC extension note: {inputs:#?}");
}
