//! The HTML health report in a real browser: headless Chromium renders the demo report, takes a
//! screenshot, and the page must load without console errors and show the expected agent counts.
//!
//! Chromium comes from Debian's `chromium` package; `.ci/run` installs it. Outside CI the test is
//! skipped (with a message) when no Chromium is found; in CI (`CI` set) a missing browser fails.

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("UCLINT_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    ["chromium", "chromium-browser", "google-chrome"].iter().find_map(|name| {
        std::env::var_os("PATH")?.to_str()?.split(':').map(|dir| Path::new(dir).join(name)).find(|p| p.is_file())
    })
}

/// What the browser saw: the DOM after scripts ran, and console errors.
struct Loaded {
    dom: String,
    console_errors: Vec<String>,
}

/// Loads a page headless, with the flags this machine needs (no sandbox as root, no GPU, no
/// background networking on a closed network), optionally taking a screenshot.
fn load(browser: &Path, page: &Path, profile: &Path, screenshot: Option<&Path>) -> Loaded {
    let url = format!("file://{}", page.display());
    let mut command = Command::new(browser);
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--enable-logging=stderr",
        "--v=0",
        "--window-size=1280,2400",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    match screenshot {
        Some(path) => command.arg(format!("--screenshot={}", path.display())),
        None => command.arg("--dump-dom"),
    };
    let output = command.arg(&url).output().expect("chromium runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let console_errors = stderr
        .lines()
        .filter(|l| l.contains("CONSOLE") && (l.contains("Uncaught") || l.contains("Error")))
        .map(str::to_owned)
        .collect();
    Loaded { dom: String::from_utf8_lossy(&output.stdout).into_owned(), console_errors }
}

fn browser_or_skip() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(std::env::var_os("CI").is_none(), "CI must provide Chromium (.ci/run installs Debian's `chromium`)");
        eprintln!("skipped: no Chromium found (install Debian's `chromium` or set UCLINT_CHROMIUM)");
    }
    found
}

#[test]
fn demo_report_renders_in_headless_chromium() {
    let Some(browser) = browser_or_skip() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let status = Command::new(env!("CARGO_BIN_EXE_uclint"))
        .current_dir("../..")
        .args(["report", "fixtures/demo", "-o"])
        .arg(&page)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0), "a report is not a gate: 0 once written (docs/exit-codes.md)");

    let shot = dir.path().join("report.png");
    let loaded = load(&browser, &page, &dir.path().join("profile-shot"), Some(&shot));
    assert!(loaded.console_errors.is_empty(), "console errors: {:?}", loaded.console_errors);
    let png = std::fs::read(&shot).expect("a screenshot was taken");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "screenshot looks empty ({} bytes)", png.len());

    let loaded = load(&browser, &page, &dir.path().join("profile-dom"), None);
    assert!(loaded.console_errors.is_empty(), "console errors: {:?}", loaded.console_errors);
    assert!(loaded.dom.contains("data-loaded=\"true\""), "the page script did not finish");
    assert!(loaded.dom.contains("data-agents-total=\"7\""), "expected 7 agents");
    assert!(loaded.dom.contains("data-agents-ready=\"3\""), "expected 3 ready agents");
    assert!(loaded.dom.contains("3 / 7"));
}

/// The harness itself must be able to fail: a page whose script throws is caught.
#[test]
fn a_script_error_is_detected() {
    let Some(browser) = browser_or_skip() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("broken.html");
    std::fs::write(&page, "<!DOCTYPE html><html><body><script>null.boom();</script></body></html>").unwrap();
    let loaded = load(&browser, &page, &dir.path().join("profile"), None);
    assert!(!loaded.console_errors.is_empty(), "a throwing script went unnoticed");
    assert!(!loaded.dom.contains("data-loaded"));
}
