//! No output format ever contains a secret from an AXL input: `fixtures/secrets/` holds
//! `<password>`, `<pin>`, `<digestCredentials>` and `<ldapPassword>` values that are distinctive
//! strings, each on the same line as a value that gets a finding, so every snippet of that line
//! would show it; some are split by a comment, a CDATA section or a processing instruction,
//! which the XML reader joins back together.

use assert_cmd::Command;

const FORMATS: &[&str] =
    &["full", "concise", "json", "sarif", "junit", "github", "markdown", "html", "health-markdown"];

/// Every secret value in the fixture, and every piece of the split ones.
const SECRETS: &[&str] = &[
    "LEAK",
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

#[test]
fn no_output_format_contains_a_secret_from_axl_xml() {
    for format in FORMATS {
        let output = Command::cargo_bin("uclint")
            .unwrap()
            .current_dir("../..")
            .args(["check", "fixtures/secrets", "--color", "never", "--statistics", "--format", format])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        // The lines beside the secrets have findings, so a leak would show here.
        assert!(stdout.contains("enableCti") || stdout.contains("INPUT004"), "{format}: no finding shown\n{stdout}");
        for secret in SECRETS {
            assert!(!stdout.contains(secret), "{format}: stdout contains {secret}\n{stdout}");
            assert!(!stderr.contains(secret), "{format}: stderr contains {secret}\n{stderr}");
        }
    }
}

#[test]
fn the_full_format_shows_the_masked_secret_beside_the_finding() {
    // Proves the secrets are in the snippet windows, so the test above would catch a leak.
    let output = Command::cargo_bin("uclint")
        .unwrap()
        .current_dir("../..")
        .args(["check", "fixtures/secrets", "--color", "never", "--format", "full"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("<enableCti>maybe</enableCti><password>****"), "{stdout}");
    assert!(stdout.contains("<authenticateEndUsers>maybe</authenticateEndUsers><ldapPassword>****"), "{stdout}");
}
