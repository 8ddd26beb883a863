//! `uclint diff OLD NEW` on the bundled pair (`fixtures/diff/old`, `fixtures/diff/new`): a fault
//! fixed, a fault added, a phone renamed, a field changed and a secret changed, each seen (the
//! secret as "changed", never its value) in every format; the exit codes; the SARIF log against
//! the 2.1.0 schema; and the Markdown comment's size on a diff of thousands of objects and
//! findings.

mod sarif_schema;

use std::path::Path;

use assert_cmd::Command;

const OLD: &str = "fixtures/diff/old";
const NEW: &str = "fixtures/diff/new";

/// Every secret value of the pair: the digest credentials, passwords and PINs of both sides.
const SECRETS: &[&str] = &[
    "OldDigestSecret4711",
    "OldPasswordSecret4711",
    "OldPinSecret4711",
    "NewDigestSecret4712",
    "NewPasswordSecret4712",
    "NewPinSecret4712",
    "Agent02DigestSecret0815",
    "Agent02PasswordSecret0815",
    "Agent02PinSecret0815",
];

fn uclint() -> Command {
    let mut cmd = Command::cargo_bin("uclint").unwrap();
    cmd.current_dir("../..");
    cmd
}

/// Runs `uclint diff` with `args`; its exit code, standard output and standard error.
fn diff(args: &[&str]) -> (Option<i32>, String, String) {
    let output = uclint().arg("diff").args(args).output().unwrap();
    (output.status.code(), String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap())
}

fn json(args: &[&str]) -> serde_json::Value {
    let (_, stdout, stderr) = diff(&[args, &["--format", "json"]].concat());
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}{stderr}"))
}

/// `code object` of each diagnostic of a list of the JSON document.
fn findings(list: &serde_json::Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {}", d["code"].as_str().unwrap(), d["object"].as_str().unwrap()))
        .collect()
}

#[test]
fn the_fixture_pair_shows_the_fault_fixed_the_fault_added_the_rename_and_the_changed_field() {
    let doc = json(&[OLD, NEW]);
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(findings(&doc["new"]), ["UCCX007 phone:SEP0011AABB0002", "GEN005 phone:SEP0011AABB0099"]);
    assert_eq!(findings(&doc["resolved"]), ["UCCX006 phone:SEP0011AABB0001", "GEN005 phone:SEP0011AABB0003"]);
    // The input note about each side's enduser.csv is one finding on one file, whichever
    // directory it is in; the renamed phone's line keeps its DN findings unchanged.
    let unchanged = findings(&doc["unchanged"]);
    assert!(unchanged.contains(&"INPUT005 file:fixtures/diff/new/enduser.csv".to_owned()), "{unchanged:?}");
    // Message and location come from the side that has the finding.
    assert_eq!(doc["new"][0]["primary"]["file"], "fixtures/diff/new/phone.csv");
    assert_eq!(doc["resolved"][0]["primary"]["file"], "fixtures/diff/old/phone.csv");
    assert!(doc["resolved"][0]["message"].as_str().unwrap().contains("Maximum Number of Calls is 4"));

    let objects = &doc["objects"];
    assert_eq!(objects["added"], serde_json::json!([{ "kind": "Phones", "key": "phone:SEP0011AABB0099" }]));
    assert_eq!(objects["removed"], serde_json::json!([{ "kind": "Phones", "key": "phone:SEP0011AABB0003" }]));
    let changed: Vec<String> = objects["changed"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| {
            o["fields"].as_array().unwrap().iter().map(move |f| {
                format!(
                    "{} {}: {} -> {}",
                    o["key"].as_str().unwrap(),
                    f["field"].as_str().unwrap(),
                    f["before"],
                    f["after"]
                )
            })
        })
        .collect();
    assert_eq!(
        changed,
        [
            "phone:SEP0011AABB0001 line 1 maximum number of calls: \"4\" -> \"2\"",
            "phone:SEP0011AABB0002 line 1 busy trigger: \"1\" -> \"2\"",
            "phone:SEP0011AABB0004 calling search space: \"CSS_Internal\" -> \"CSS_Lobby\"",
            // Told by fingerprints of the values taken in this run, never by the values.
            "user:agent01 secrets (password, PIN, digest credentials): \"set\" -> \"changed\"",
        ]
    );
    assert_eq!(
        doc["summary"],
        serde_json::json!({ "new": 2, "resolved": 2, "unchanged": 4,
                            "objects_added": 1, "objects_removed": 1, "objects_changed": 4 })
    );
}

#[test]
fn no_secret_value_of_either_side_appears_in_any_format() {
    // The fixture does hold them, so their absence below is the masking's doing.
    for side in [OLD, NEW] {
        let text = std::fs::read_to_string(Path::new("../..").join(side).join("enduser.csv")).unwrap();
        assert!(SECRETS.iter().filter(|s| text.contains(*s)).count() >= 3, "{side}");
    }
    for format in ["full", "json", "markdown", "sarif", "github"] {
        for pair in [[OLD, NEW], [NEW, OLD]] {
            let (_, stdout, stderr) = diff(&[pair[0], pair[1], "--format", format, "--no-cap"]);
            for secret in SECRETS {
                assert!(!stdout.contains(secret) && !stderr.contains(secret), "{secret} in {format}");
            }
        }
    }
}

#[test]
fn exit_codes_follow_new_findings_and_input_errors() {
    // A new error (UCCX007): 1; with --exit-zero, 0.
    assert_eq!(diff(&[OLD, NEW, "-q"]).0, Some(1));
    assert_eq!(diff(&[OLD, NEW, "-q", "--exit-zero"]).0, Some(0));
    // Back again: UCCX006 is new and UCCX007 resolved.
    assert_eq!(diff(&[NEW, OLD, "-q"]).0, Some(1));
    // Nothing changed: nothing new, whatever the export holds.
    let (code, stdout, _) = diff(&[OLD, OLD, "--format", "json", "-q"]);
    assert_eq!(code, Some(0));
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["new"].as_array().unwrap().len(), 0);
    assert!(!doc["unchanged"].as_array().unwrap().is_empty());
    // Only an info finding new (GEN005 on the renamed phone) once the error rules are ignored:
    // 0 at the default threshold, 1 at --fail-on info.
    assert_eq!(diff(&[OLD, NEW, "-q", "--ignore", "UCCX"]).0, Some(0));
    assert_eq!(diff(&[OLD, NEW, "-q", "--ignore", "UCCX", "--fail-on", "info"]).0, Some(1));
    // A side nothing is read from, on either side: 2, with the path named.
    let (code, _, stderr) = diff(&[OLD, "fixtures/diff/does-not-exist", "-q"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("nothing was read from fixtures/diff/does-not-exist"), "{stderr}");
    assert_eq!(diff(&["fixtures/diff/does-not-exist", NEW, "-q"]).0, Some(2));
    // Two outputs to standard output, an unknown format, an unknown rule: usage errors.
    assert_eq!(diff(&[OLD, NEW, "--format", "json", "--format", "markdown"]).0, Some(2));
    assert_eq!(diff(&[OLD, NEW, "--format", "junit"]).0, Some(2));
    assert_eq!(diff(&[OLD, NEW, "--select", "NOPE001"]).0, Some(2));
}

#[test]
fn outputs_go_to_their_files_and_the_headline_to_standard_error() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("diff.md");
    let sarif = dir.path().join("diff.sarif");
    let (code, stdout, stderr) = diff(&[
        OLD,
        NEW,
        "--format",
        &format!("markdown={}", md.display()),
        "--format",
        &format!("sarif={}", sarif.display()),
        "--format",
        "github",
    ]);
    assert_eq!(code, Some(1));
    let md = std::fs::read_to_string(md).unwrap();
    assert!(md.starts_with("## uclint diff\n\n| | Count |\n|---|---:|\n| New findings | 2 |"), "{md}");
    assert!(std::fs::metadata(sarif).unwrap().len() > 0);
    // GitHub annotates the new findings alone.
    assert_eq!(stdout.lines().filter(|l| l.starts_with("::")).count(), 2, "{stdout}");
    assert!(stdout.contains("UCCX007") && !stdout.contains("UCCX006"), "{stdout}");
    assert!(stderr.contains("findings: 2 new (1 at or above error), 2 resolved, 4 unchanged"), "{stderr}");
}

#[test]
fn the_sarif_log_is_valid_sarif_2_1_0_with_a_baseline_state_per_result() {
    let (_, stdout, _) = diff(&[OLD, NEW, "--format", "sarif", "-q"]);
    let sarif: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let validator = sarif_schema::validator();
    let errors: Vec<String> = validator.iter_errors(&sarif).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let state_of = |rule: &str, object: &str| {
        results
            .iter()
            .find(|r| r["ruleId"] == rule && r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == object)
            .map(|r| r["baselineState"].as_str().unwrap().to_owned())
    };
    assert_eq!(state_of("UCCX007", "phone:SEP0011AABB0002").as_deref(), Some("new"));
    assert_eq!(state_of("UCCX006", "phone:SEP0011AABB0001").as_deref(), Some("absent"));
    assert_eq!(results.len(), 8);
    assert_eq!(results.iter().filter(|r| r["baselineState"] == "unchanged").count(), 4);
    // A resolved result points into OLD's file, which the log lists as an artifact.
    let absent = results.iter().find(|r| r["baselineState"] == "absent").unwrap();
    let index = absent["locations"][0]["physicalLocation"]["artifactLocation"]["index"].as_u64().unwrap();
    let uri = sarif["runs"][0]["artifacts"][index as usize]["location"]["uri"].as_str().unwrap();
    assert_eq!(uri, "fixtures/diff/old/phone.csv");
    // The validator does reject a state SARIF does not have, so a pass above means something.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["baselineState"] = "resolved".into();
    assert!(!validator.is_valid(&broken));
}

/// A BAT `phone.csv` and `enduser.csv` of `n` agents, each with one phone whose line has
/// `max_calls` and `busy_trigger`, named `prefix` + number.
fn agents(dir: &Path, prefix: &str, n: usize, max_calls: u32, busy_trigger: u32) {
    std::fs::create_dir_all(dir).unwrap();
    let mut phones = String::from(
        "Device Name,Device Type,Owner User ID,CSS,Directory Number 1,Route Partition 1,\
         Maximum Number of Calls 1,Busy Trigger 1,Allow Control of Device from CTI 1\n",
    );
    let mut users = String::from(
        "USER ID,ALLOW CONTROL OF DEVICE FROM CTI,DEVICE NAME 1,TYPE USER ASSOCIATION 1,PRIMARY EXTENSION 1,\
         TYPE PATTERN USAGE 1\n",
    );
    for i in 0..n {
        let (device, dn, user) = (format!("{prefix}{i:06}"), 100_000 + i, format!("agent{i:06}"));
        phones.push_str(&format!("{device},Cisco 8845,{user},CSS_{i},{dn},PT,{max_calls},{busy_trigger},t\n"));
        users.push_str(&format!("{user},t,{device},Cti Control In,{dn},ICD\n"));
    }
    std::fs::write(dir.join("phone.csv"), phones).unwrap();
    std::fs::write(dir.join("enduser.csv"), users).unwrap();
}

#[test]
fn the_markdown_comment_stays_under_65536_characters_on_a_large_diff() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    // 3,000 agents: every line fixed (UCCX006 resolved) and broken anew (UCCX007 new), and
    // as many phones renamed as changed.
    agents(&old, "SEPAA", 3_000, 4, 1);
    agents(&new, "SEPAA", 1_500, 2, 2);
    agents(&dir.path().join("renamed"), "SEPBB", 3_000, 2, 2);
    // The second half of NEW's phones renamed: its phone.csv and enduser.csv are the
    // renamed ones' rows 1,500 on.
    for file in ["phone.csv", "enduser.csv"] {
        let kept = std::fs::read_to_string(new.join(file)).unwrap();
        let renamed = std::fs::read_to_string(dir.path().join("renamed").join(file)).unwrap();
        let tail: Vec<&str> = renamed.lines().skip(1 + 1_500).collect();
        std::fs::write(new.join(file), format!("{kept}{}\n", tail.join("\n"))).unwrap();
    }
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let doc = json(&[old, new, "-q"]);
    let count = |list: &serde_json::Value| list.as_array().unwrap().len();
    assert!(count(&doc["new"]) >= 3_000, "{}", count(&doc["new"]));
    assert!(count(&doc["resolved"]) >= 3_000);
    assert_eq!(count(&doc["objects"]["added"]), 1_500, "the renamed phones");
    assert_eq!(count(&doc["objects"]["removed"]), 1_500);
    assert!(count(&doc["objects"]["changed"]) >= 1_500);
    for cap in [&[][..], &["--no-cap"][..]] {
        let (_, md, stderr) = diff(&[&[old, new, "--format", "markdown"][..], cap].concat());
        assert!(md.chars().count() < 65_536, "{} characters with {cap:?}: {stderr}", md.chars().count());
        assert!(md.starts_with("## uclint diff\n\n| | Count |"), "the summary table first");
        assert!(md.contains("... and "), "what was left out is said");
        assert!(md.contains("### Objects changed"), "every section has its place");
    }
}

#[test]
fn the_output_does_not_depend_on_the_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    agents(&old, "SEPAA", 2_000, 4, 1);
    agents(&new, "SEPAB", 2_000, 2, 1);
    // Half the phones keep their names (changed), half are renamed (removed and added).
    let kept = agents_text(&old, 1_000);
    std::fs::write(new.join("phone.csv"), format!("{}{}", kept, rows_from(&new.join("phone.csv"), 1_000))).unwrap();
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    for format in ["json", "sarif", "markdown", "full"] {
        let run = |threads: &str| {
            let output = uclint()
                .args(["diff", old, new, "--format", format, "--no-cap", "-q"])
                .env("RAYON_NUM_THREADS", threads)
                .output()
                .unwrap();
            output.stdout
        };
        let reference = run("1");
        assert!(reference.len() > 10_000, "{format}: a diff with something in it");
        for threads in ["2", "8"] {
            assert!(run(threads) == reference, "{format} with {threads} threads");
        }
    }
}

/// The header and the first `n` rows of `dir`'s `phone.csv`, with the maximum number of calls
/// of each row set to 3 (a changed field).
fn agents_text(dir: &Path, n: usize) -> String {
    let text = std::fs::read_to_string(dir.join("phone.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().take(n + 1).map(str::to_owned).collect();
    for line in lines.iter_mut().skip(1) {
        *line = line.replace(",PT,4,", ",PT,3,");
    }
    lines.join("\n") + "\n"
}

/// The rows of `file` from the `n`th on, without its header.
fn rows_from(file: &Path, n: usize) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines().skip(1 + n).map(|l| format!("{l}\n")).collect()
}
