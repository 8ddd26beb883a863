//! Every output format on the demo export, snapshotted, and the SARIF output validated against
//! the SARIF 2.1.0 JSON schema (OASIS's `sarif-schema-2.1.0.json`, vendored).
//!
//! The snapshots leave out how many rules ran and were skipped ([`rule_counts`]), so that a new
//! rule changes only [`the_default_rules_are_the_stable_rules`], where that number is written.

mod sarif_schema;

use assert_cmd::Command;

mod rule_counts;

fn uclint() -> Command {
    let mut cmd = Command::cargo_bin("uclint").unwrap();
    cmd.current_dir("../..").env_remove("NO_COLOR");
    cmd
}

/// Runs `uclint check fixtures/demo --format FORMAT` and returns its standard output.
fn demo(format: &str) -> String {
    let output = uclint().args(["check", "fixtures/demo", "--format", format]).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn every_format_on_the_demo_export() {
    for format in ["json", "sarif", "junit", "github", "markdown"] {
        rule_counts::redacted(|| insta::assert_snapshot!(format!("demo_{format}"), without_root(&demo(format))));
    }
}

/// The repository's absolute path, as the working directory of the runs above, and `text`
/// with its `file:` URI (SARIF's `SRCROOT`) written `file:///ROOT/`, as it differs from
/// checkout to checkout.
fn without_root(text: &str) -> String {
    let root = std::fs::canonicalize("../..").unwrap();
    text.replace(&format!("file://{}/", root.display()), "file:///ROOT/")
}

/// The one place the number of default rules is written: update it when a rule is added,
/// removed or made stable. Every default rule either runs or is skipped on the demo export, and
/// the formats count them all.
#[test]
fn the_default_rules_are_the_stable_rules() {
    let stable =
        uclint_rules::registry::RULES.iter().filter(|rule| rule.code.status == uclint_rules::Status::Stable).count();
    assert_eq!(stable, 114, "default (stable) rules");
    let json: serde_json::Value = serde_json::from_str(&demo("json")).unwrap();
    let summary = &json["summary"];
    let (run, skipped) = (summary["rules_run"].as_u64().unwrap(), summary["skipped"].as_array().unwrap().len());
    assert_eq!((run, skipped), (70, 44));
    assert_eq!(run as usize + skipped, stable);
    let junit = demo("junit");
    let cases = junit.matches("<testcase ").count();
    assert!(junit.contains(&format!("<testsuites name=\"uclint\" tests=\"{cases}\" skipped=\"{skipped}\"")), "{junit}");
    for rule in uclint_rules::registry::RULES.iter().filter(|rule| rule.code.status == uclint_rules::Status::Stable) {
        assert!(junit.contains(&format!("<testsuite name=\"{} {}\"", rule.code, rule.code.name)), "{}", rule.code);
    }
}

/// JUnit's suites of a rule that ran and found nothing and of a rule that was skipped, which
/// the snapshot leaves out ([`rule_counts`]).
#[test]
fn junit_suites_of_rules_without_findings() {
    let junit = demo("junit");
    for suite in [
        "    <testsuite name=\"EM001 em-user-without-device-profile\" tests=\"1\" skipped=\"0\" errors=\"0\" failures=\"0\">\n        \
         <testcase name=\"no findings\" classname=\"EM001\"/>\n    </testsuite>\n",
        "    <testsuite name=\"EM003 em-phone-not-subscribed\" tests=\"1\" skipped=\"1\" errors=\"0\" failures=\"0\">\n        \
         <testcase name=\"skipped\" classname=\"EM003\">\n            <skipped message=\"no phone service data\"/>\n        \
         </testcase>\n    </testsuite>\n",
    ] {
        assert!(junit.contains(suite), "{suite}");
    }
}

#[test]
fn sarif_uris_are_valid_for_absolute_inputs_inside_and_outside_the_working_directory() {
    let validator = sarif_schema::validator();
    let root = std::fs::canonicalize("../..").unwrap();
    // A copy of the demo outside the working directory, under a name that needs escaping.
    // (The target directory is inside the repository: the system's temporary directory is not.)
    let outside = std::env::temp_dir().canonicalize().unwrap().join(format!("uclint absolute #{}", std::process::id()));
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::copy(root.join("fixtures/demo/ucmdata_export_demo.tar"), outside.join("démo.tar")).unwrap();
    let output = uclint()
        .arg("check")
        .arg(root.join("fixtures/demo"))
        .arg(&outside)
        .args(["--format", "sarif"])
        .output()
        .unwrap();
    std::fs::remove_dir_all(&outside).unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(&sarif).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let run = &sarif["runs"][0];
    let base = run["originalUriBaseIds"]["SRCROOT"]["uri"].as_str().unwrap();
    assert_eq!(base, format!("file://{}/", root.display()));
    // SARIF1004: a URI is absolute, or relative with a base id; never an absolute path.
    let mut uris = Vec::new();
    for artifact in run["artifacts"].as_array().unwrap() {
        let location = &artifact["location"];
        let uri = location["uri"].as_str().unwrap();
        match location["uriBaseId"].as_str() {
            Some(id) => assert!(id == "SRCROOT" && !uri.starts_with('/') && !uri.contains(':'), "{location}"),
            None => assert!(uri.starts_with("file:///"), "{location}"),
        }
        uris.push(uri.to_owned());
    }
    assert!(uris.contains(&"fixtures/demo/ucmdata_export_demo.tar!enduser.csv".to_owned()), "{uris:?}");
    let outside_uri = format!(
        "file://{}/uclint%20absolute%20%23{}/d%C3%A9mo.tar!enduser.csv",
        outside.parent().unwrap().display(),
        std::process::id()
    );
    assert!(uris.contains(&outside_uri), "{outside_uri} not in {uris:?}");
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let validator = sarif_schema::validator();
    // The demo, a configuration error (uclint.toml as the artifact), suppressions and an
    // unreadable input (an empty artifact).
    let runs: [&[&str]; 4] = [
        &["fixtures/demo"],
        &["fixtures/demo", "--config", "fixtures/config/invalid.toml"],
        &["fixtures/demo", "--config", "fixtures/config/suppress.toml"],
        &["fixtures/does-not-exist"],
    ];
    for args in runs {
        let output = uclint().arg("check").args(args).args(["--format", "sarif"]).output().unwrap();
        let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&sarif).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "SARIF output of {args:?} does not match the schema:\n{}", errors.join("\n"));
        assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty(), "{args:?}");
    }
    // The validator does reject what SARIF forbids, so a pass above means something.
    let mut broken: serde_json::Value = serde_json::from_str(&demo("sarif")).unwrap();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn sarif_fingerprints_name_rule_and_object_not_lines() {
    let sarif: serde_json::Value = serde_json::from_str(&demo("sarif")).unwrap();
    let fingerprints: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["partialFingerprints"]["uclint/v1"].as_str().unwrap())
        .collect();
    assert!(fingerprints.contains(&"UCCX001/user:agent02"), "{fingerprints:?}");
    assert!(fingerprints.contains(&"UCCX007/phone:SEP0011AABB0004"), "{fingerprints:?}");
}

#[test]
fn several_formats_in_one_run_go_to_their_files() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("several_formats");
    std::fs::create_dir_all(&dir).unwrap();
    let sarif = dir.join("out.sarif");
    let junit = dir.join("out.xml");
    let output = uclint()
        .args(["check", "fixtures/demo", "--format", "concise"])
        .arg(format!("--format=sarif={}", sarif.display()))
        .arg(format!("--format=junit={}", junit.display()))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8(output.stdout).unwrap().contains("UCCX001 [error]"));
    assert_eq!(std::fs::read_to_string(&sarif).unwrap(), demo("sarif"));
    assert_eq!(std::fs::read_to_string(&junit).unwrap(), demo("junit"));
}

#[test]
fn two_formats_on_standard_output_are_a_usage_error() {
    uclint().args(["check", "fixtures/demo", "--format", "json", "--format", "sarif"]).assert().code(2);
}

#[test]
fn output_is_identical_run_to_run() {
    for format in ["json", "sarif", "junit", "markdown"] {
        assert_eq!(demo(format), demo(format), "{format}");
    }
}

#[test]
fn documentation_links_only_under_doc_base_url() {
    for format in ["full", "concise", "json", "sarif", "junit", "github", "markdown"] {
        let out = demo(format);
        assert!(!out.contains("example.invalid"), "{format}");
        assert!(!out.contains("helpUri") && !out.contains("](http"), "{format}");
    }
    let linked = |format: &str| {
        let output = uclint()
            .args(["check", "fixtures/demo", "--doc-base-url", "https://docs.example.org/uclint/", "--format", format])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    let sarif: serde_json::Value = serde_json::from_str(&linked("sarif")).unwrap();
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let uccx001 = rules.iter().find(|r| r["id"] == "UCCX001").unwrap();
    assert_eq!(uccx001["helpUri"], "https://docs.example.org/uclint/rules/UCCX001.md");
    assert!(linked("markdown")
        .contains("| [UCCX001](https://docs.example.org/uclint/rules/UCCX001.md) `ipcc-extension-shared` |"));
    for bad in ["docs", "file:///x", "https://a b"] {
        uclint().args(["check", "fixtures/demo", "--doc-base-url", bad]).assert().code(2);
    }
}
