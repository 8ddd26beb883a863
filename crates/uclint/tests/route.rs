//! `uclint route` against the hand-derived answers of `fixtures/dialplan/README.md`: each case of
//! its table is dialed through the command and the JSON result compared with the README's
//! answer. The text form of one case is a snapshot; origins the export lacks are usage errors.

use assert_cmd::Command;
use serde_json::Value;

const DIR: &str = "fixtures/dialplan";

/// Runs `uclint route` from the workspace root; (exit code, stdout, stderr).
fn route(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::cargo_bin("uclint").unwrap().current_dir("../..").arg("route").args(args).output().unwrap();
    (output.status.code(), String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap())
}

fn json(from: &str, digits: &str, extra: &[&str]) -> Value {
    let mut args = vec![DIR, "--from", from, "--digits", digits, "--format", "json"];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = route(&args);
    assert_eq!(code, Some(0), "{stdout}\n{stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

const PHONE_A: &str = "SEP0011AA000001";
const PHONE_B: &str = "SEP0011AA000002";
const PHONE_C: &str = "SEP0011AA000003";
const AGENT01: &str = "SEP0011AA000011";

/// One row of the README's table: (case, caller, digits, result, pattern, partition).
type Case = (u32, &'static str, &'static str, &'static str, Option<&'static str>, Option<&'static str>);

const CASES: &[Case] = &[
    (1, PHONE_A, "914085551234", "route-pattern", Some("9.1408[2-9]XXXXXX"), Some("PT_PSTN")),
    (2, PHONE_A, "912125551234", "route-pattern", Some("9.1[2-9]XX[2-9]XXXXXX"), Some("PT_PSTN")),
    (3, PHONE_A, "919005551234", "route-pattern", Some("9.1[2-9]XX[2-9]XXXXXX"), Some("PT_PSTN")),
    (4, PHONE_B, "919005551234", "blocked", Some("9.1900XXXXXXX"), Some("PT_Block")),
    (5, PHONE_B, "9011441234567", "blocked", Some("9.011!"), Some("PT_Block")),
    (6, PHONE_A, "9011441234567", "route-pattern", Some("9.011!"), Some("PT_PSTN")),
    (7, PHONE_B, "9911", "route-pattern", Some("9.911"), Some("PT_PSTN")),
    (8, PHONE_A, "4001", "route-pattern", Some("\\+!"), Some("PT_PSTN")),
    (9, PHONE_C, "4001", "no-match", None, None),
    (10, PHONE_A, "7000", "hunt-pilot", Some("7000"), Some("PT_Internal")),
    (11, PHONE_A, "0", "hunt-pilot", Some("7000"), Some("PT_Internal")),
    (12, PHONE_B, "1001", "no-match", None, None),
    (13, PHONE_C, "914085551234", "no-match", None, None),
    (14, PHONE_A, "5000", "trigger", Some("5000"), Some("PT_CTI")),
    (15, PHONE_A, "6001", "no-match", None, None),
    (16, AGENT01, "6002", "device", Some("6002"), Some("PT_Agents")),
    (17, "CXBA_P1", "6001", "device", Some("6001"), Some("PT_Agents")),
    (18, AGENT01, "4001", "no-match", None, None),
];

#[test]
fn every_hand_derived_answer_of_the_fixture_readme_holds() {
    for &(case, from, digits, result, pattern, partition) in CASES {
        let got = json(from, digits, &[]);
        let context = format!("README case {case}: {from} dials {digits}: {got:#}");
        assert_eq!(got["result"], result, "{context}");
        assert_eq!(got["pattern"].as_str(), pattern, "{context}");
        assert_eq!(got["partition"].as_str(), partition, "{context}");
    }
}

#[test]
fn the_details_of_the_answers_are_those_the_readme_derives() {
    // Case 1: the called number after PreDot, and the trunk named directly.
    let one = json(PHONE_A, "914085551234", &[]);
    assert_eq!(one["called"], "14085551234");
    assert_eq!(one["destination"], "SIP_Trunk_PSTN");
    assert_eq!(one["steps"][0]["alternates"][0]["pattern"], "9.1[2-9]XX[2-9]XXXXXX");
    // Case 8: translated, then analysed again with the originator's CSS.
    let eight = json(PHONE_A, "4001", &[]);
    assert_eq!(eight["steps"].as_array().unwrap().len(), 2, "{eight:#}");
    assert_eq!(eight["steps"][0]["transformation"]["after"], "+14085554001");
    assert_eq!(eight["steps"][1]["css"][0]["source"], "originator");
    assert_eq!(eight["called"], "+14085554001");
    // Case 11: the time schedule is an assumption, said, not hidden.
    let eleven = json(PHONE_A, "0", &[]);
    let assumptions = eleven["assumptions"].to_string();
    assert!(assumptions.contains("TS_AfterHours") && assumptions.contains("assumed active"), "{assumptions}");
    // Case 16: every device a DN is on.
    let sixteen = json(AGENT01, "6002", &[]);
    assert_eq!(sixteen["devices"][0]["name"], "SEP0011AA000012");
    // A line chosen by button index or by number gives the same origin.
    assert_eq!(
        json(&format!("{PHONE_A}:1"), "7000", &[])["origin"],
        json(&format!("{PHONE_A}:1001"), "7000", &[])["origin"]
    );
}

#[test]
fn the_text_form_reads_like_dialed_number_analyzer() {
    let (code, stdout, _) = route(&[DIR, "--from", PHONE_A, "--digits", "4001"]);
    assert_eq!(code, Some(0));
    insta::assert_snapshot!(stdout);
}

#[test]
fn an_origin_the_export_lacks_is_a_usage_error_with_the_nearest_name() {
    let (code, stdout, stderr) = route(&[DIR, "--from", "SEP0011AA00001", "--digits", "1001"]);
    assert_eq!(code, Some(2), "{stdout}");
    assert!(stderr.contains("no device or device profile named `SEP0011AA00001`"), "{stderr}");
    assert!(stderr.contains("did you mean"), "{stderr}");
    let (code, _, stderr) = route(&[DIR, "--from", "SEP0011AA000001:9", "--digits", "1001"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("has no line `9`"), "{stderr}");
    let (code, _, stderr) = route(&[DIR, "--css", "CSS_Internl", "--digits", "1001"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("did you mean `CSS_Internal`"), "{stderr}");
    let (code, _, stderr) = route(&[DIR, "--css", "CSS_Internal", "--digits", "10;01"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("--digits must be dialable digits"), "{stderr}");
}

#[test]
fn export_text_in_an_origin_is_escaped() {
    let (code, _, stderr) = route(&[DIR, "--from", "SEP\u{1b}[31m", "--digits", "1001"]);
    assert_eq!(code, Some(2));
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}

/// `--line-css` and `--device-css` stand for a caller the export does not hold as one device (an
/// Extension Mobility login: the profile line's CSS and the phone's device CSS): Phone B's two
/// CSSs given by name give Phone B's answer (README case 4), each searched as what it is.
#[test]
fn a_line_css_and_a_device_css_given_by_name_answer_as_the_device_would() {
    let args = [DIR, "--line-css", "CSS_Line_Block", "--device-css", "CSS_PSTN", "--digits", "919005551234"];
    let (code, stdout, stderr) = route(&[&args[..], &["--format", "json"]].concat());
    assert_eq!(code, Some(0), "{stdout}\n{stderr}");
    let got: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        got["origin"],
        serde_json::json!({"kind": "css-pair", "line_css": "CSS_Line_Block", "device_css": "CSS_PSTN"})
    );
    assert_eq!((got["result"].as_str(), got["pattern"].as_str()), (Some("blocked"), Some("9.1900XXXXXXX")));
    assert_eq!(got["steps"][0]["css"][0]["source"], "line");
    assert_eq!(got["steps"][0]["css"][1]["source"], "device");
    assert_eq!(got["result"], json(PHONE_B, "919005551234", &[])["result"]);
    let (code, stdout, _) = route(&args);
    assert_eq!(code, Some(0));
    assert!(stdout.starts_with("Dialed 919005551234 from line CSS CSS_Line_Block and device CSS CSS_PSTN"), "{stdout}");
    // A name the export lacks is a usage error with the nearest name; an origin is one kind.
    let (code, _, stderr) = route(&[DIR, "--line-css", "CSS_Line_Blok", "--digits", "1001"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("did you mean `CSS_Line_Block`"), "{stderr}");
    let (code, _, stderr) = route(&[DIR, "--from", PHONE_A, "--device-css", "CSS_PSTN", "--digits", "1001"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("cannot be used with"), "{stderr}");
}
