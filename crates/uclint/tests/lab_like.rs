//! The lab-like export (`fixtures/lab-like`): every member of a real CUCM 14.0 Import/Export tar
//! with its real header, a clean UCCX HA pair provisioned as UCCX provisions it (CTI ports per
//! node, the trigger on both nodes' telephony users), templates with placeholder owners, a
//! system default UC service profile and CUCM's auto-created E911 objects, with UCCX's own
//! trigger, call control group and resource exports. uclint must find nothing at warning or
//! error level in it, and exactly the faults planted in a copy.
//!
//! The tar is built from `fixtures/lab-like-src`, so that changes diff; a test fails when it is
//! stale (`UCLINT_UPDATE_FIXTURES=1` rebuilds it).

mod common;

use std::path::Path;

use assert_cmd::Command;

const SOURCES: &str = "../../fixtures/lab-like-src/ucmdata_export_lab";
const TAR: &str = "../../fixtures/lab-like/cucm/ucmdata_export_lab.tar";

/// `(code, severity, object)` of every finding at warning or error level of
/// `uclint check PATHS --config fixtures/lab-like/uclint.toml`, sorted, with the exit code.
fn findings(paths: &[&Path]) -> (Vec<(String, String, String)>, i32) {
    findings_with(paths, Some("fixtures/lab-like/uclint.toml"))
}

/// [`findings`] with the given configuration file, or with none (the repository has no
/// `uclint.toml` above `fixtures/`).
fn findings_with(paths: &[&Path], config: Option<&str>) -> (Vec<(String, String, String)>, i32) {
    let mut cmd = Command::cargo_bin("uclint").unwrap();
    cmd.current_dir("../..").arg("check").args(paths);
    if let Some(config) = config {
        cmd.args(["--config", config]);
    }
    cmd.args(["--format", "json", "--fail-on", "warning"]);
    let output = cmd.output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
    let field = |d: &serde_json::Value, key: &str| d[key].as_str().unwrap_or_default().to_owned();
    let mut found: Vec<_> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] != "info")
        .map(|d| (field(d, "code"), field(d, "severity"), field(d, "object")))
        .collect();
    found.sort();
    (found, output.status.code().unwrap())
}

#[test]
fn lab_like_tar_is_built_from_its_sources() {
    common::assert_tar_fresh(SOURCES, TAR, "lab_like");
}

#[test]
fn the_lab_like_export_has_every_real_member() {
    let mut members: Vec<String> =
        std::fs::read_dir(SOURCES).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    members.sort();
    let known: Vec<&str> = uclint_ingest::bat::members::MEMBERS.iter().map(|(name, _)| *name).collect();
    assert_eq!(members, known, "fixtures/lab-like carries exactly the members uclint gives a role");
}

#[test]
fn a_clean_lab_like_export_gives_no_warning_or_error() {
    // With its deployment facts (the rules that need them run too), and without any.
    for config in [Some("fixtures/lab-like/uclint.toml"), None] {
        let (found, code) = findings_with(&[Path::new("fixtures/lab-like")], config);
        assert_eq!(found, [] as [(String, String, String); 0], "config {config:?}");
        assert_eq!(code, 0, "config {config:?}");
    }
}

/// Sets a cell of a CSV without quoted fields (the lab-like members it is used on have none):
/// the row whose `key_column` is `key`, column `column` (the first of that name).
fn set_cell(dir: &Path, file: &str, (key_column, key): (&str, &str), column: &str, value: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let at = |name: &str| header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("{file}: no {name}"));
    let (key_at, column_at) = (at(key_column), at(column));
    let row = lines.iter().position(|l| l.split(',').nth(key_at) == Some(key)).expect("the row");
    let mut cells: Vec<&str> = lines[row].split(',').collect();
    cells[column_at] = value;
    lines[row] = cells.join(",");
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

#[test]
fn planted_faults_are_found_and_nothing_else() {
    let work = tempfile::tempdir().unwrap();
    let src = work.path().join("src");
    std::fs::create_dir(&src).unwrap();
    for entry in std::fs::read_dir(SOURCES).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), src.join(entry.file_name())).unwrap();
    }
    let device = |name: &'static str| ("Device Name", name);
    // UCCX007: agent03's IPCC line has Busy Trigger 2.
    set_cell(&src, "phone.csv", device("SEP0011AABB0003"), "Busy Trigger 1", "2");
    // RMCM008: the trigger is missing from node 2's telephony user (both records of it).
    set_cell(&src, "ctiroutepoint.csv", ("DEVICE NAME", "CXBA_RP"), "APPLICATION USER 2", "");
    set_cell(&src, "appuser.csv", ("APPLICATION USER NAME", "uccxjtapiuser_2"), "DEVICE NAME 1", "");
    // RMCM008: a port of node 2 is controlled by no telephony user.
    set_cell(&src, "phone.csv", device("CXBA_6003"), "Application User 1", "");
    set_cell(&src, "appuser.csv", ("APPLICATION USER NAME", "uccxjtapiuser_2"), "DEVICE NAME 3", "");
    // IMP002: agent02 is enabled for IM and Presence but not homed here.
    set_cell(&src, "enduser.csv", ("USER ID", "agent02"), "HOME CLUSTER", "f");
    // UCCX008: the agents' Common Device Configuration is no longer IPv4 Only (one finding a device).
    set_cell(&src, "commondeviceconfiguration.csv", ("NAME", "CDC_IPv4"), "IP ADDRESSING MODE", "IPv4 and IPv6");

    let export = work.path().join("export");
    std::fs::create_dir_all(export.join("cucm")).unwrap();
    std::fs::write(export.join("cucm/ucmdata_export_lab.tar"), common::build_tar(&src)).unwrap();
    let uccx = Path::new("../../fixtures/lab-like/uccx");
    std::fs::create_dir(export.join("uccx")).unwrap();
    for entry in std::fs::read_dir(uccx).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), export.join("uccx").join(entry.file_name())).unwrap();
    }
    let (found, code) = findings(&[&export]);
    let expected = [
        ("IMP002", "error", "user:agent02"),
        ("RMCM008", "error", "phone:CXBA_6003"),
        ("RMCM008", "error", "phone:CXBA_RP"),
        ("UCCX007", "error", "phone:SEP0011AABB0003"),
        ("UCCX008", "error", "phone:CSFAGENT01"),
        ("UCCX008", "error", "phone:CSFAGENT02"),
        ("UCCX008", "error", "phone:SEP0011AABB0003"),
        ("UCCX008", "error", "phone:SEP0011AABB0004"),
    ];
    let expected: Vec<_> = expected.iter().map(|(c, s, o)| (c.to_string(), s.to_string(), o.to_string())).collect();
    assert_eq!(found, expected);
    assert_eq!(code, 1);
}
