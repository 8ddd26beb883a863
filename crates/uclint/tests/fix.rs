//! `uclint fix` end to end: every fixable rule's fail fixture, fixed, behaves as its pass fixture;
//! the fix is proved by the re-check it runs; fixing a fixed export writes nothing (also as a
//! property over generated exports); DIR is refused when not empty, and replaced whole with
//! --force.

use std::path::Path;

use assert_cmd::Command;
use proptest::prelude::*;
use serde_json::Value;

/// The rules with a fix, as `uclint rules` lists them.
const FIXABLE: &[&str] =
    &["EM011", "IMP003", "RMCM001", "RMCM003", "UCCX006", "UCCX007", "UCCX008", "UCCX010", "UCCX012", "UCCX023"];

/// Runs `uclint` from the workspace root; (exit code, stdout, stderr).
fn uclint(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::cargo_bin("uclint").unwrap().current_dir("../..").args(args).output().unwrap();
    (output.status.code(), String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap())
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// How many findings of `code` `uclint check` gives on `dir`.
fn count(dir: &str, code: &str) -> usize {
    let (status, stdout, stderr) = uclint(&["check", dir, "--select", code, "--format", "json", "--exit-zero", "-q"]);
    assert_eq!(status, Some(0), "{stderr}");
    let json: Value = serde_json::from_str(&stdout).unwrap();
    json["diagnostics"].as_array().unwrap().iter().filter(|d| d["code"] == code).count()
}

#[test]
fn every_fixable_rules_fail_fixture_fixed_behaves_as_its_pass_fixture() {
    // `uclint rules` lists exactly these with a fix (its FIX column, the sixth).
    let (_, listing, _) = uclint(&["rules"]);
    let mut listed: Vec<&str> = listing
        .lines()
        .filter(|row| row.split_whitespace().nth(5).is_some_and(|fix| fix == "safe" || fix == "unsafe"))
        .filter_map(|row| row.split_whitespace().next())
        .collect();
    listed.sort_unstable();
    assert_eq!(listed, FIXABLE, "a rule gained or lost its fix: add its case here");
    for code in FIXABLE {
        let fail = format!("fixtures/rules/{code}/fail");
        let pass = format!("fixtures/rules/{code}/pass");
        assert!(count(&fail, code) > 0, "{code}: the fail fixture finds nothing");
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let (status, stdout, stderr) = uclint(&["fix", &fail, "--out", path(&out), "--select", code, "--unsafe-fixes"]);
        assert_eq!(status, Some(0), "{code}:\n{stdout}\n{stderr}");
        let last = stdout.lines().last().unwrap_or_default();
        assert!(last.starts_with("re-check of fixed/: ") && last.contains("nothing new"), "{code}: {stdout}");
        let fixed = out.join("fixed/fail");
        let plan: Value = serde_json::from_str(&std::fs::read_to_string(out.join("plan.json")).unwrap()).unwrap();
        // Every change is written into the export's own files (the plan names them); a finding
        // whose fix they cannot carry is not fixed, stays in fixed/, and the plan says why.
        let changes: Vec<&Value> =
            plan["objects"].as_array().unwrap().iter().flat_map(|o| o["changes"].as_array().unwrap()).collect();
        assert!(
            !changes.is_empty() && changes.iter().all(|c| !c["files"].as_array().unwrap().is_empty()),
            "{code}: {plan}"
        );
        let not_fixed = plan["not_fixed"].as_array().unwrap().iter().filter(|n| n["code"] == *code).count();
        assert_eq!(count(path(&fixed), code), count(&pass, code) + not_fixed, "{code}: fixed export still finds");
        for file in ["plan.md", "plan.json"] {
            let text = std::fs::read_to_string(out.join(file)).unwrap();
            assert!(
                text.trim_end().ends_with(last) || file == "plan.json",
                "{code}: {file} does not end with the verdict"
            );
        }
        assert_eq!(plan["verdict"], last, "{code}");
        assert!(!plan["objects"].as_array().unwrap().is_empty(), "{code}: no object in the plan");
        // The BAT tar, unless each change's row carries a secret (the plan says so).
        let plan_md = std::fs::read_to_string(out.join("plan.md")).unwrap();
        assert!(
            out.join("bat/uclint-fix-import.tar").is_file() || plan_md.contains("not in the BAT tar: the row of"),
            "{code}: no BAT tar and no reason"
        );
        // Idempotent: the fixed export has nothing to fix, and nothing is written.
        let again = tmp.path().join("again");
        let (status, _, stderr) =
            uclint(&["fix", path(&fixed), "--out", path(&again), "--select", code, "--unsafe-fixes"]);
        assert_eq!(status, Some(0), "{code}: {stderr}");
        assert!(stderr.contains("nothing to fix"), "{code}: {stderr}");
        assert!(!again.exists(), "{code}: fixing the fixed export wrote {}", again.display());
    }
}

#[test]
fn an_unsafe_fix_is_applied_only_when_asked_for() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let fail = "fixtures/rules/UCCX008/fail";
    let (status, stdout, stderr) = uclint(&["fix", fail, "--out", path(&out), "--select", "UCCX008"]);
    assert_eq!(status, Some(0), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("nothing to fix") && stderr.contains("2 have an unsafe fix: give --unsafe-fixes"),
        "{stderr}"
    );
    assert!(!out.exists());
    let (status, stdout, stderr) = uclint(&["fix", fail, "--out", path(&out), "--select", "UCCX008", "--unsafe-fixes"]);
    assert_eq!(status, Some(0), "{stdout}\n{stderr}");
    let plan: Value = serde_json::from_str(&std::fs::read_to_string(out.join("plan.json")).unwrap()).unwrap();
    let safety: Vec<&str> = plan["objects"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| o["changes"].as_array().unwrap())
        .map(|c| c["safety"].as_str().unwrap())
        .collect();
    assert_eq!(safety, ["unsafe", "unsafe"]);
    let xml = std::fs::read_to_string(out.join("axl/001-updatePhone-SEP0011AABB0001.xml")).unwrap();
    assert!(xml.contains("<commonDeviceConfigName>common-device-configuration-ipv4</commonDeviceConfigName>"), "{xml}");
}

#[test]
fn axl_requests_are_whole_envelopes_named_in_a_safe_order() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (status, stdout, stderr) = uclint(&["fix", "fixtures/rules/UCCX006/fail", "--out", path(&out)]);
    assert_eq!(status, Some(0), "{stdout}\n{stderr}");
    let mut names: Vec<String> =
        std::fs::read_dir(out.join("axl")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert!(names[0].starts_with("001-updatePhone-SEP0011AABB0004"), "{names:?}");
    let xml = std::fs::read_to_string(out.join("axl").join(&names[0])).unwrap();
    assert!(xml.contains("http://www.cisco.com/AXL/API/14.0") && xml.contains("<maxNumCalls>2</maxNumCalls>"), "{xml}");
}

#[test]
fn a_directory_that_is_not_empty_is_refused_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("keep.txt"), "mine").unwrap();
    let fail = "fixtures/rules/UCCX007/fail";
    let (status, _, stderr) = uclint(&["fix", fail, "--out", path(&out)]);
    assert_eq!(status, Some(2), "{stderr}");
    assert!(stderr.contains("exists and is not empty") && stderr.contains("--force"), "{stderr}");
    assert!(out.join("keep.txt").is_file());
    let (status, _, stderr) = uclint(&["fix", fail, "--out", path(&out), "--force"]);
    assert_eq!(status, Some(0), "{stderr}");
    assert!(!out.join("keep.txt").exists() && out.join("plan.md").is_file());
    // Nothing is left beside DIR: the temporary directory was renamed.
    let beside: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(beside, ["out"]);
}

#[test]
fn a_tar_stays_a_tar_and_only_its_fixed_cells_change() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (status, stdout, stderr) = uclint(&["fix", "fixtures/demo/ucmdata_export_demo.tar", "--out", path(&out)]);
    assert!(matches!(status, Some(0)), "{stdout}\n{stderr}");
    let fixed = out.join("fixed/ucmdata_export_demo.tar");
    let original = std::fs::read("../../fixtures/demo/ucmdata_export_demo.tar").unwrap();
    let rewritten = std::fs::read(&fixed).unwrap();
    let members = |bytes: &[u8]| -> Vec<(String, Vec<u8>)> {
        let mut archive = tar::Archive::new(bytes);
        archive
            .entries()
            .unwrap()
            .map(|e| {
                let mut e = e.unwrap();
                let name = e.path().unwrap().to_string_lossy().into_owned();
                let mut content = Vec::new();
                std::io::Read::read_to_end(&mut e, &mut content).unwrap();
                (name, content)
            })
            .collect()
    };
    let (before, after) = (members(&original), members(&rewritten));
    assert_eq!(before.iter().map(|m| &m.0).collect::<Vec<_>>(), after.iter().map(|m| &m.0).collect::<Vec<_>>());
    let changed: Vec<&str> = before.iter().zip(&after).filter(|(b, a)| b.1 != a.1).map(|(b, _)| b.0.as_str()).collect();
    assert!(!changed.is_empty(), "nothing changed in the demo export");
    for (b, a) in before.iter().zip(&after).filter(|(b, a)| b.1 != a.1) {
        // Same rows, same header: cells changed in place.
        assert_eq!(b.1.iter().filter(|&&c| c == b'\n').count(), a.1.iter().filter(|&&c| c == b'\n').count(), "{}", b.0);
    }
}

#[test]
fn a_gzip_compressed_tar_stays_one_and_a_zip_is_left_as_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let demo = std::fs::read("../../fixtures/demo/ucmdata_export_demo.tar").unwrap();
    let gz = tmp.path().join("export.tar.gz");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut encoder, &demo).unwrap();
    std::fs::write(&gz, encoder.finish().unwrap()).unwrap();
    let out = tmp.path().join("out");
    let (status, stdout, stderr) = uclint(&["fix", path(&gz), "--out", path(&out)]);
    assert_eq!(status, Some(0), "{stdout}\n{stderr}");
    assert!(
        stdout.lines().last().unwrap().starts_with("re-check of fixed/: 3 fixed findings gone, nothing new"),
        "{stdout}"
    );
    let mut inflated = Vec::new();
    let fixed = std::fs::File::open(out.join("fixed/export.tar.gz")).unwrap();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(fixed), &mut inflated).unwrap();
    assert!(inflated.get(257..262) == Some(b"ustar".as_slice()) && inflated != demo);

    let zip_path = tmp.path().join("export.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    zip.start_file("phone.csv", zip::write::SimpleFileOptions::default()).unwrap();
    std::io::Write::write_all(&mut zip, &std::fs::read("../../fixtures/rules/UCCX006/fail/phone.csv").unwrap())
        .unwrap();
    zip.start_file("enduser.csv", zip::write::SimpleFileOptions::default()).unwrap();
    std::io::Write::write_all(&mut zip, &std::fs::read("../../fixtures/rules/UCCX006/fail/enduser.csv").unwrap())
        .unwrap();
    zip.finish().unwrap();
    let out = tmp.path().join("out-zip");
    let (status, stdout, stderr) = uclint(&["fix", path(&zip_path), "--out", path(&out)]);
    assert_eq!(status, Some(1), "{stdout}\n{stderr}");
    let last = stdout.lines().last().unwrap();
    assert!(last.starts_with("re-check of fixed/ not run: ") && last.contains("zip"), "{stdout}");
    assert!(out.join("axl").is_dir() && out.join("plan.md").is_file());
}

/// One generated agent: (max calls, busy trigger, phone CTI flag, user CTI flag, RMCM controls it).
type Agent = (u32, u32, bool, bool, bool);

fn export(dir: &Path, agents: &[Agent]) {
    let flag = |b: bool| if b { "t" } else { "f" };
    let mut users = String::from(
        "FIRST NAME,LAST NAME,USER ID,ALLOW CONTROL OF DEVICE FROM CTI,ENABLE USER FOR UNIFIED CM IM AND PRESENCE,\
         ACCESS CONTROL GROUP 1,ACCESS CONTROL GROUP 2,ACCESS CONTROL GROUP 3,DEVICE NAME 1,PRIMARY EXTENSION 1,\
         TYPE PATTERN USAGE 1\n",
    );
    let mut phones = String::from(
        "Device Name,Description,Device Type,Device Protocol,Owner User ID,Allow CTI Control Flag,Directory Number 1,\
         Route Partition 1,Maximum Number of Calls 1,Busy Trigger 1,Allow Control of Device from CTI 1\n",
    );
    let mut controlled = Vec::new();
    for (i, &(max, busy, phone_cti, user_cti, rmcm)) in agents.iter().enumerate() {
        let device = format!("SEP0011AABB{i:04}");
        let dn = format!("40{i:02}");
        users.push_str(&format!(
            "Agent,{i},agent{i:02},{},f,Standard CCM End Users,Standard CTI Enabled,,{device},{dn},ICD\n",
            flag(user_cti)
        ));
        phones.push_str(&format!(
            "{device},{device},Cisco 8845,SIP,agent{i:02},{},{dn},PT_Internal,{max},{busy},t\n",
            flag(phone_cti)
        ));
        if rmcm {
            controlled.push(device);
        }
    }
    let mut app = String::from("APPLICATION USER NAME,DIR GROUP NAME 1,DIR GROUP NAME 2,DIR GROUP NAME 3");
    let slots = agents.len().max(1);
    for n in 1..=slots {
        app.push_str(&format!(",DEVICE NAME {n}"));
    }
    app.push_str("\nuccxrmcmuser,Standard CTI Enabled,Standard CTI Allow Control of All Devices,");
    for n in 0..slots {
        app.push(',');
        app.push_str(controlled.get(n).map(String::as_str).unwrap_or_default());
    }
    app.push('\n');
    std::fs::write(dir.join("enduser.csv"), users).unwrap();
    std::fs::write(dir.join("phone.csv"), phones).unwrap();
    std::fs::write(dir.join("appuser.csv"), app).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Whatever the agents' settings, `fix` proves what it writes (exit 0, verdict without
    /// failure), and fixing the fixed export writes nothing.
    #[test]
    fn fixing_is_idempotent(agents in prop::collection::vec((1u32..6, 1u32..4, any::<bool>(), any::<bool>(), any::<bool>()), 1..5)) {
        let tmp = tempfile::tempdir().unwrap();
        let export_dir = tmp.path().join("export");
        std::fs::create_dir(&export_dir).unwrap();
        export(&export_dir, &agents);
        let out = tmp.path().join("out");
        let (status, stdout, stderr) = uclint(&["fix", path(&export_dir), "--out", path(&out), "--select", "UCCX,RMCM"]);
        prop_assert!(status == Some(0), "{}\n{}", stdout, stderr);
        // An agent line whose Maximum Number of Calls is not 2 is always fixed (UCCX006).
        prop_assert!(out.exists() || agents.iter().all(|a| a.0 == 2), "nothing fixed: {}", stderr);
        let fixed = if out.exists() { out.join("fixed/export") } else { export_dir.clone() };
        let again = tmp.path().join("again");
        let (status, _, stderr) = uclint(&["fix", path(&fixed), "--out", path(&again), "--select", "UCCX,RMCM"]);
        prop_assert!(status == Some(0), "{}", stderr);
        prop_assert!(stderr.contains("nothing to fix"), "{}", stderr);
        prop_assert!(!again.exists());
    }
}
