//! No output format ever contains a secret, whatever rule quotes what. `fixtures/secrets/`
//! holds one export in each form, each secret a distinctive string (`LEAK…`, or a hash that
//! starts `feedface`) on or beside a line that gets a finding, so that every snippet of that
//! line and every message quoting a value would show it:
//!
//! - `axl/`: `<password>`, `<pin>`, `<digestCredentials>`, `<ldapPassword>`, `<sshPwd>` and
//!   vendor `adminPassword` values (some split by a comment, a CDATA section or a processing
//!   instruction, which the XML reader joins), a `<password>` commented out, an attribute and
//!   service URLs with `password=`, `pass&#119;ord=`, `password&#61;` and `p%69n=`;
//! - `bat/`: the demo export with the secret columns of the real 14.0 layout filled in
//!   (`PASSWORD 1`, `PIN 1`, `DIGEST CREDENTIALS`, `APPLICATION USER PASSWORD REVERSE`, `LDAP
//!   PASSWORD`, `Secure Shell Password`, `Authentication String`, …), phone services whose
//!   URLs carry PINs and passwords (in a quoted cell with a comma too), a URL with a
//!   `user:password@`, vendor XML in a cell, parameters named like passwords, and members
//!   uclint does not read (`siprealm.csv`, and `conferencebridge.csv` with a NUL byte);
//! - `bat-broken/`: a user export with a stray `,` and a stray `"` (which swallows every later
//!   row into one cell), and the conference bridge with its NUL byte.
//!
//! Every rule of the registry runs, with the deployment facts that let the rules needing them
//! run too, and every format's output and the run's standard output and error are searched.

use std::path::Path;

use assert_cmd::Command;

const FORMATS: &[&str] =
    &["full", "concise", "json", "sarif", "junit", "github", "markdown", "html", "health-markdown"];

/// The exports under `fixtures/secrets/`.
const FORMS: &[&str] = &["axl", "bat", "bat-broken"];

/// Every secret planted, or a piece of it that nothing else contains: the plain ones start
/// `LEAK`, the hashes `feedface`, and the pieces of the split AXL ones are listed.
const SECRETS: &[&str] = &[
    "LEAK",
    "feedface",
    "7f3a9",
    "58213",
    "c0ffee",
    "b4dc0de",
    "e1e1e1",
    "d2d2d2",
    "after-comment-4411",
    "after-cdata-9902",
    "after-pi-3307",
];

/// A configuration that selects every rule of the registry and sets every deployment fact a
/// rule waits for.
fn config(dir: &Path) -> std::path::PathBuf {
    let codes: Vec<String> = uclint_rules::registry::RULES.iter().map(|rule| format!("\"{}\"", rule.code)).collect();
    let text = format!(
        "select = [{}]\nfippa-user = \"finesseippa\"\naxl-user = \"uccxaxl\"\nmonitoring-recording = true\n\
         srtp = true\nemcc = true\nem-proxy-logins = true\nsip-presence-clients = true\nfinesse-nodes = 2\n",
        codes.join(", ")
    );
    let path = dir.join("uclint.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// Checks `form` with every format at once (`full` on standard output, the others to files):
/// the text of each output, named, and the run's summary from the JSON output.
fn run_every_format(form: &str, dir: &Path) -> (Vec<(String, String)>, serde_json::Value) {
    let config = config(dir);
    let mut command = Command::cargo_bin("uclint").unwrap();
    command.current_dir("../..").args(["check", &format!("fixtures/secrets/{form}"), "--color", "never"]);
    command.arg("--statistics").arg("--config").arg(&config);
    for format in FORMATS {
        match *format {
            "full" => command.args(["--format", "full"]),
            _ => command.arg("--format").arg(format!("{format}={}", dir.join(format).display())),
        };
    }
    let output = command.output().unwrap();
    let mut outputs = vec![
        ("stdout (full)".to_owned(), String::from_utf8_lossy(&output.stdout).into_owned()),
        ("stderr".to_owned(), String::from_utf8_lossy(&output.stderr).into_owned()),
    ];
    for format in FORMATS.iter().filter(|f| **f != "full") {
        let text =
            std::fs::read_to_string(dir.join(format)).unwrap_or_else(|e| panic!("{form}: no {format} output: {e}"));
        outputs.push(((*format).to_owned(), text));
    }
    let json = serde_json::from_str(&outputs.iter().find(|(name, _)| name == "json").unwrap().1).unwrap();
    (outputs, json)
}

#[test]
fn no_output_format_contains_a_secret_whatever_rule_runs() {
    for form in FORMS {
        let dir = tempfile::tempdir().unwrap();
        let (outputs, json) = run_every_format(form, dir.path());
        let summary = &json["summary"];
        let (run, skipped) = (summary["rules_run"].as_u64().unwrap(), summary["skipped"].as_array().unwrap().len());
        assert_eq!(run as usize + skipped, uclint_rules::registry::RULES.len(), "{form}: every rule is selected");
        assert!(summary["findings"].as_u64().unwrap() >= 5, "{form}: findings to show the secrets beside\n{json}");
        for (name, text) in &outputs {
            for secret in SECRETS {
                assert!(!text.contains(secret), "{form}, {name}: contains {secret}\n{text}");
            }
        }
    }
}

#[test]
fn the_full_format_shows_masked_secrets_beside_the_findings() {
    // Proves that the secrets are in the snippet windows and the messages, so the test above
    // would catch a leak.
    let shown = [
        ("axl", "<enableCti>maybe</enableCti><password>****"),
        ("axl", "<authenticateEndUsers>maybe</authenticateEndUsers><ldapPassword>****"),
        ("axl", "<!-- <password>*******"),
        ("axl", "?id=agent01&password=****&p%69n=****`"),
        ("bat", "?id=agent01&password=****`"),
        ("bat", "?pin=****` is not of the form"),
        ("bat", "ICD,*************,***********"),
        ("bat-broken", "agent02@example.com,*,****************************************************************,"),
    ];
    for form in FORMS {
        let output = Command::cargo_bin("uclint")
            .unwrap()
            .current_dir("../..")
            .args(["check", &format!("fixtures/secrets/{form}"), "--color", "never", "--format", "full"])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        for (_, expected) in shown.iter().filter(|(f, _)| f == form) {
            assert!(stdout.contains(expected), "{form}: no {expected}\n{stdout}");
        }
    }
}
