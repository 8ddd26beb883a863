//! The HTML health report in a real browser (issue #19): headless Chromium loads, prints and
//! audits the demo report and an 80,000-finding report generated here, and the test asserts what
//! does not depend on the machine's speed: no console error, the page's size and DOM bounded,
//! every family's text in the page printed to PDF (`pdftotext`) on a reasonable number of pages
//! (`pdfinfo`), and no serious or critical accessibility violation by axe-core run in the page.
//! The times (load, filter per keystroke) are measured by `scripts/bench-report.sh` instead:
//! they would make a test flaky on a busy machine.
//!
//! Tools: Chromium (Debian's `chromium`, or `UCLINT_CHROMIUM`), `pdftotext` and `pdfinfo`
//! (Debian's `poppler-utils`), and axe-core's `axe.min.js` from the npm registry (`UCLINT_AXE`,
//! else `target/axe/node_modules/axe-core/axe.min.js`, where `.ci/run` installs it). In CI (`CI`
//! set) a test whose tool is missing fails. Outside CI it returns early and libtest counts it as
//! passed (libtest has no way to ignore a test once it runs), so it says so where `cargo test`
//! shows it: a `SKIPPED: the browser tests that need <tool> pass without running: none found
//! (how to get it)` line per missing tool, written to the process's standard error, which
//! libtest does not capture (an `eprintln!` it would hide unless the test failed).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

/// Findings of the big report: one GEN005 per phone without an owner.
const BIG_FINDINGS: usize = 80_000;

/// `name` in a directory of `PATH`.
fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|dir| Path::new(dir).join(name)).find(|p| p.is_file())
}

/// Returns `found`, or skips (outside CI, with a line `cargo test` shows, once per tool) or
/// fails (in CI) saying how to get it.
fn required(found: Option<PathBuf>, what: &str, how: &str) -> Option<PathBuf> {
    static REPORTED: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
    if found.is_none() {
        assert!(std::env::var_os("CI").is_none(), "CI must provide {what} ({how}; .ci/run installs it)");
        if REPORTED.lock().unwrap_or_else(|e| e.into_inner()).insert(what.to_owned()) {
            // Straight to the standard error stream: libtest captures `eprintln!`, and would
            // show it only for a test that fails. One write, on a line of its own.
            let line = format!(
                "\nSKIPPED: the browser tests that need {what} pass without running: none found ({how}); \
                 with CI set they fail\n"
            );
            let _ = std::io::stderr().lock().write_all(line.as_bytes());
        }
    }
    found
}

fn chromium() -> Option<PathBuf> {
    let found = match std::env::var_os("UCLINT_CHROMIUM") {
        Some(path) => Some(PathBuf::from(path)),
        None => ["chromium", "chromium-browser", "google-chrome"].iter().find_map(|name| on_path(name)),
    };
    required(found, "Chromium", "install Debian's `chromium` or set UCLINT_CHROMIUM")
}

/// `pdftotext` and `pdfinfo`.
fn poppler() -> Option<(PathBuf, PathBuf)> {
    let found = on_path("pdftotext").zip(on_path("pdfinfo"));
    let how = "install Debian's `poppler-utils`";
    required(found.as_ref().map(|(text, _)| text.clone()), "pdftotext and pdfinfo", how)?;
    found
}

/// axe-core's `axe.min.js`.
fn axe() -> Option<PathBuf> {
    let found = match std::env::var_os("UCLINT_AXE") {
        Some(path) => Some(PathBuf::from(path)).filter(|p| p.is_file()),
        None => {
            let target =
                std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("../../target"), PathBuf::from);
            Some(target.join("axe/node_modules/axe-core/axe.min.js")).filter(|p| p.is_file())
        }
    };
    required(found, "axe-core", "`npm install --prefix target/axe axe-core@4` or set UCLINT_AXE to axe.min.js")
}

/// What the browser saw: the DOM after scripts ran, and console errors.
struct Loaded {
    dom: String,
    console_errors: Vec<String>,
}

/// Runs Chromium headless on `page` with the flags this machine needs (no sandbox as root, no
/// GPU, no background networking on a closed network) and `extra`, in a fresh profile.
fn chromium_run(browser: &Path, page: &Path, extra: &[String]) -> Loaded {
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(browser)
        .args([
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
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let console_errors = stderr
        .lines()
        .filter(|l| l.contains("CONSOLE") && (l.contains("Uncaught") || l.contains("Error")))
        .map(str::to_owned)
        .collect();
    Loaded { dom: String::from_utf8_lossy(&output.stdout).into_owned(), console_errors }
}

/// The DOM after the page's scripts ran.
fn dump_dom(browser: &Path, page: &Path) -> Loaded {
    chromium_run(browser, page, &["--dump-dom".into()])
}

/// Elements and table rows in a dumped DOM.
fn element_counts(dom: &str) -> (usize, usize) {
    let bytes = dom.as_bytes();
    let elements = bytes.windows(2).filter(|w| w[0] == b'<' && w[1].is_ascii_alphabetic()).count();
    (elements, dom.matches("<tr").count())
}

/// The page printed to PDF (A4 or Letter as Chromium defaults, no header or footer): its page
/// count and text.
fn print_to_pdf(browser: &Path, page: &Path, (pdftotext, pdfinfo): &(PathBuf, PathBuf)) -> (usize, String) {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("report.pdf");
    let printed =
        chromium_run(browser, page, &[format!("--print-to-pdf={}", pdf.display()), "--no-pdf-header-footer".into()]);
    assert!(printed.console_errors.is_empty(), "console errors while printing: {:?}", printed.console_errors);
    assert!(pdf.is_file(), "Chromium wrote no PDF");
    let info = Command::new(pdfinfo).arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo gave no page count: {info}"));
    let text = Command::new(pdftotext).args(["-layout"]).arg(&pdf).arg("-").output().unwrap();
    (pages, String::from_utf8_lossy(&text.stdout).into_owned())
}

/// The serious and critical violations axe-core finds in `page`, run in a copy of the page
/// (with any Content-Security-Policy removed, so that the injected script may run) which
/// writes the result into the DOM.
fn axe_violations(browser: &Path, page: &Path, axe: &Path) -> Vec<String> {
    let html = std::fs::read_to_string(page).unwrap();
    let html = without_csp(&html);
    let runner = "<script>axe.run(document, {resultTypes: ['violations']}).then(function (r) {\
        var out = document.createElement('pre'); out.id = 'axe-result';\
        out.textContent = r.violations.map(function (v) { return 'AXE ' + v.impact + ' ' + v.id + ' (' + \
        v.nodes.length + ' nodes): ' + v.help + ' ' + v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); }).join(', '); }).join('\\n') + '\\nAXE DONE';\
        document.body.appendChild(out); });</script>";
    let script = format!("<script>{}</script>{runner}", std::fs::read_to_string(axe).unwrap());
    let injected = match html.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &html[..at], &html[at..]),
        None => format!("{html}{script}"),
    };
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("axe.html");
    std::fs::write(&copy, injected).unwrap();
    let loaded = chromium_run(browser, &copy, &["--dump-dom".into(), "--virtual-time-budget=10000".into()]);
    assert!(loaded.console_errors.is_empty(), "console errors under axe: {:?}", loaded.console_errors);
    // The result, not the runner's source (which holds the same words).
    let result = loaded.dom.split("<pre id=\"axe-result\">").nth(1).and_then(|r| r.split("</pre>").next());
    let result = result.filter(|r| r.trim_end().ends_with("AXE DONE"));
    let result = result.unwrap_or_else(|| panic!("axe-core did not finish: {}", tail(&loaded.dom)));
    result
        .lines()
        .filter_map(|l| l.strip_prefix("AXE "))
        .filter(|l| l.starts_with("serious ") || l.starts_with("critical "))
        .map(str::to_owned)
        .collect()
}

/// `html` without its `<meta http-equiv="Content-Security-Policy" …>` tags.
fn without_csp(html: &str) -> String {
    let mut out = html.to_owned();
    while let Some(at) = out.to_ascii_lowercase().find("http-equiv=\"content-security-policy\"") {
        let start = out[..at].rfind('<').unwrap_or(at);
        let end = out[at..].find('>').map_or(out.len(), |e| at + e + 1);
        out.replace_range(start..end, "");
    }
    out
}

fn tail(text: &str) -> &str {
    let mut at = text.len().saturating_sub(2_000);
    while !text.is_char_boundary(at) {
        at += 1;
    }
    &text[at..]
}

/// Runs `uclint report INPUT -o OUTPUT` (from the workspace root) at a fixed report time.
fn report(input: &Path, output: &Path) {
    let result = Command::new(env!("CARGO_BIN_EXE_uclint"))
        .current_dir("../..")
        .env("SOURCE_DATE_EPOCH", "1796666576")
        .arg("report")
        .arg(input)
        .arg("-o")
        .arg(output)
        .output()
        .unwrap();
    assert_eq!(
        result.status.code(),
        Some(0),
        "a report is not a gate: 0 once written (docs/exit-codes.md): {}",
        String::from_utf8_lossy(&result.stderr)
    );
}

/// The rule families of the findings `check` gives on `input` (the letters of each code).
fn families(input: &Path) -> Vec<String> {
    let output = Command::new(env!("CARGO_BIN_EXE_uclint"))
        .current_dir("../..")
        .arg("check")
        .arg(input)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("check --format json");
    let mut families: Vec<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().trim_end_matches(|c: char| c.is_ascii_digit()).to_owned())
        .collect();
    families.sort();
    families.dedup();
    families
}

/// The demo report, written once.
fn demo_page() -> &'static Path {
    static PAGE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &PAGE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let page = dir.path().join("report.html");
            report(Path::new("fixtures/demo"), &page);
            (dir, page)
        })
        .1
}

/// The report of `fixtures/health/call-paths` (a judged call-path section with an agent not
/// reached and a DIAL finding), written once.
fn call_paths_page() -> &'static Path {
    static PAGE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &PAGE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let page = dir.path().join("report.html");
            report(Path::new("fixtures/health/call-paths"), &page);
            (dir, page)
        })
        .1
}

/// A directory holding `exports/phone.csv` with [`BIG_FINDINGS`] phones without an owner (one
/// GEN005 each), and the report made of it, written once.
fn big_page() -> &'static Path {
    static PAGE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &PAGE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            std::fs::create_dir(dir.path().join("exports")).unwrap();
            let mut csv = String::from(
                "Device Name,Description,Device Pool,Device Type,Device Protocol,Owner User ID,Directory Number \
                 1,Route Partition 1\n",
            );
            for i in 0..BIG_FINDINGS {
                let name = format!("SEP{:012X}", 0x1000 + i);
                csv.push_str(&format!("{name},{name},DP_HQ,Cisco 7841,SIP,,{},PT_Internal\n", 100_000 + i));
            }
            std::fs::write(dir.path().join("exports/phone.csv"), csv).unwrap();
            let page = dir.path().join("report.html");
            report(&dir.path().join("exports"), &page);
            (dir, page)
        })
        .1
}

/// Width in CSS pixels of an A4 page (210 mm at 96 pixels per inch), the width a printed
/// report is laid out in before the printer's margins.
const A4_WIDTH: u32 = 794;

/// What sticks out of the viewport when `page` is shown `width` pixels wide: the document's own
/// scroll width when it is wider, and each table, figure or block whose right edge passes the
/// viewport's. Measured by a script in a copy of the page (without its Content-Security-Policy,
/// as for axe-core) that writes its result into the DOM.
fn horizontal_overflow(browser: &Path, page: &Path, width: u32) -> Vec<String> {
    let html = without_csp(&std::fs::read_to_string(page).unwrap());
    let probe = "<script>window.addEventListener('load', function () {\
        var w = document.documentElement.clientWidth, out = [];\
        if (document.documentElement.scrollWidth > w) { out.push('document ' + document.documentElement.scrollWidth); }\
        document.querySelectorAll('table, svg, pre, dl, details, .tools').forEach(function (e) {\
        var r = e.getBoundingClientRect(); if (r.right > w + 1) { out.push(e.tagName.toLowerCase() + \
        (e.id ? '#' + e.id : '') + ' ' + Math.round(r.right)); } });\
        var p = document.createElement('pre'); p.id = 'overflow-result';\
        p.textContent = 'WIDTH ' + w + '\\n' + out.join('\\n') + '\\nOVERFLOW DONE'; document.body.appendChild(p); });</script>";
    let injected = match html.rfind("</body>") {
        Some(at) => format!("{}{probe}{}", &html[..at], &html[at..]),
        None => format!("{html}{probe}"),
    };
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("overflow.html");
    std::fs::write(&copy, injected).unwrap();
    // The later `--window-size` overrides the default one.
    let size = format!("--window-size={width},2400");
    let loaded = chromium_run(browser, &copy, &["--dump-dom".into(), size]);
    assert!(loaded.console_errors.is_empty(), "console errors: {:?}", loaded.console_errors);
    let result = loaded.dom.split("<pre id=\"overflow-result\">").nth(1).and_then(|r| r.split("</pre>").next());
    let result = result.filter(|r| r.trim_end().ends_with("OVERFLOW DONE"));
    let result = result.unwrap_or_else(|| panic!("the overflow probe did not finish: {}", tail(&loaded.dom)));
    let mut lines = result.lines();
    let measured = lines.next().and_then(|l| l.strip_prefix("WIDTH ")).and_then(|w| w.trim().parse::<u32>().ok());
    // A scroll bar may take a few pixels of the window; the page must have been laid out at
    // about the width asked for, or the probe measured nothing useful.
    assert!(measured.is_some_and(|w| w + 40 >= width && w <= width), "laid out at {measured:?}, asked {width}");
    lines.filter(|l| !l.trim().is_empty() && !l.starts_with("OVERFLOW DONE")).map(str::to_owned).collect()
}

#[test]
fn demo_and_big_reports_fit_the_screen_and_an_a4_page_without_horizontal_overflow() {
    let Some(browser) = chromium() else { return };
    for (name, page) in [("demo", demo_page()), ("80,000 findings", big_page())] {
        for width in [1280, A4_WIDTH] {
            let overflow = horizontal_overflow(&browser, page, width);
            assert!(overflow.is_empty(), "{name} at {width} px: {overflow:?}");
        }
    }
}

#[test]
fn overflow_is_detected() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("wide.html");
    std::fs::write(&page, "<!DOCTYPE html><html lang=\"en\"><body><table id=\"wide\" style=\"width:3000px\"><tr><td>x</td></tr></table></body></html>").unwrap();
    let overflow = horizontal_overflow(&browser, &page, 1280);
    assert!(overflow.iter().any(|l| l.starts_with("table#wide")), "{overflow:?}");
}

#[test]
fn demo_report_renders_in_headless_chromium() {
    let Some(browser) = chromium() else { return };
    let page = demo_page();
    let dir = tempfile::tempdir().unwrap();
    let shot = dir.path().join("report.png");
    let loaded = chromium_run(&browser, page, &[format!("--screenshot={}", shot.display())]);
    assert!(loaded.console_errors.is_empty(), "console errors: {:?}", loaded.console_errors);
    let png = std::fs::read(&shot).expect("a screenshot was taken");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "screenshot looks empty ({} bytes)", png.len());

    let loaded = dump_dom(&browser, page);
    assert!(loaded.console_errors.is_empty(), "console errors: {:?}", loaded.console_errors);
    assert!(loaded.dom.contains("data-loaded=\"true\""), "the page script did not finish");
    assert!(loaded.dom.contains("data-agents-total=\"7\""), "expected 7 agents");
    assert!(loaded.dom.contains("data-agents-ready=\"3\""), "expected 3 ready agents");
    // What the export's header.txt says of itself, in the export's own words.
    // When the report was made: SOURCE_DATE_EPOCH, for a reproducible page.
    for fact in ["10.1.10.11", "master-14.0.1.10000-20.i386", "Fri Nov 20 10:12:44 UTC 2026", "2026-12-07T18:02:56Z"] {
        assert!(loaded.dom.contains(fact), "the page does not show {fact}");
    }
    let (elements, rows) = element_counts(&loaded.dom);
    assert!(elements < 5_000 && rows < 1_000, "{elements} elements, {rows} rows");
}

#[test]
fn demo_report_prints_every_family() {
    let Some(browser) = chromium() else { return };
    let Some(poppler) = poppler() else { return };
    let (pages, text) = print_to_pdf(&browser, demo_page(), &poppler);
    assert!((1..=20).contains(&pages), "{pages} pages");
    let families = families(Path::new("fixtures/demo"));
    assert!(families.len() >= 5, "{families:?}");
    let missing: Vec<_> = families.iter().filter(|f| !text.contains(f.as_str())).collect();
    assert!(missing.is_empty(), "families not in the printed page: {missing:?}");
}

#[test]
fn demo_report_has_no_serious_accessibility_violation() {
    let Some(browser) = chromium() else { return };
    let Some(axe) = axe() else { return };
    let violations = axe_violations(&browser, demo_page(), &axe);
    assert!(violations.is_empty(), "axe-core: {violations:#?}");
}

/// The call-path section's tables: accessible, loaded without a script error, within an A4
/// page's width.
#[test]
fn call_paths_report_is_accessible_and_fits() {
    let Some(browser) = chromium() else { return };
    let page = call_paths_page();
    let loaded = dump_dom(&browser, page);
    assert!(loaded.console_errors.is_empty(), "console errors: {:?}", loaded.console_errors);
    assert!(loaded.dom.contains("id=\"unreachable-agents\""), "the section is on the page");
    for width in [1280, A4_WIDTH] {
        let overflow = horizontal_overflow(&browser, page, width);
        assert!(overflow.is_empty(), "at {width} px: {overflow:?}");
    }
    let Some(axe) = axe() else { return };
    let violations = axe_violations(&browser, page, &axe);
    assert!(violations.is_empty(), "axe-core: {violations:#?}");
}

#[test]
fn eighty_thousand_findings_stay_small_in_the_browser() {
    let Some(browser) = chromium() else { return };
    let page = big_page();
    let size = std::fs::metadata(page).unwrap().len();
    assert!(size < 5_000_000, "the page is {size} bytes");
    let loaded = dump_dom(&browser, page);
    assert!(loaded.console_errors.is_empty(), "console errors: {:?}", loaded.console_errors);
    assert!(loaded.dom.contains("data-loaded=\"true\""), "the page script did not finish");
    assert!(loaded.dom.contains("80,000"), "the count of findings is not on the page");
    let (elements, rows) = element_counts(&loaded.dom);
    assert!(elements < 10_000 && rows < 1_000, "{elements} elements, {rows} rows");
}

#[test]
fn eighty_thousand_findings_print_on_a_bounded_number_of_pages() {
    let Some(browser) = chromium() else { return };
    let Some(poppler) = poppler() else { return };
    let page = big_page();
    let (pages, text) = print_to_pdf(&browser, page, &poppler);
    // Every group expanded up to a cap: not one row per finding (80,000 rows are 2,000 pages).
    assert!((1..=60).contains(&pages), "{pages} pages");
    let families = families(&page.parent().unwrap().join("exports"));
    assert_eq!(families, ["GEN"]);
    assert!(text.contains("GEN005"), "the rule is not in the printed page");
}

#[test]
fn eighty_thousand_findings_have_no_serious_accessibility_violation() {
    let Some(browser) = chromium() else { return };
    let Some(axe) = axe() else { return };
    let violations = axe_violations(&browser, big_page(), &axe);
    assert!(violations.is_empty(), "axe-core: {violations:#?}");
}

/// The harness itself must be able to fail: a page whose script throws is caught.
#[test]
fn a_script_error_is_detected() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("broken.html");
    std::fs::write(&page, "<!DOCTYPE html><html><body><script>null.boom();</script></body></html>").unwrap();
    let loaded = dump_dom(&browser, &page);
    assert!(!loaded.console_errors.is_empty(), "a throwing script went unnoticed");
    assert!(!loaded.dom.contains("data-loaded"));
}

/// … and so must the accessibility check: a button without a name and a form field without a
/// label (critical violations) behind a CSP that forbids inline scripts, which the check removes.
#[test]
fn an_inaccessible_page_is_detected() {
    let Some(browser) = chromium() else { return };
    let Some(axe) = axe() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("inaccessible.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html lang=\"en\"><head><meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'\">\
         <title>x</title></head><body><main><button></button><input type=\"text\"></main></body></html>",
    )
    .unwrap();
    let violations = axe_violations(&browser, &page, &axe);
    assert!(violations.iter().any(|v| v.starts_with("critical button-name ")), "{violations:?}");
    assert!(violations.iter().any(|v| v.starts_with("critical label ")), "{violations:?}");
}

/// … and the element count counts elements, not text.
#[test]
fn elements_and_rows_are_counted() {
    assert_eq!(element_counts("<html><body><table><tr><td>a < b</td></tr><tr></tr></table></body></html>"), (6, 2));
}

/// A group's full object list, in the page (issue #19): on the 80,000-finding report, a script
/// injected into a copy of the page (its Content-Security-Policy kept: the page's own inline
/// script must work under it) opens the big group, presses "Show all", waits for the first page,
/// presses "Next" and writes what it saw into the DOM.
#[test]
fn a_big_group_lists_every_object_a_page_at_a_time() {
    let Some(browser) = chromium() else { return };
    let html = std::fs::read_to_string(big_page()).unwrap();
    let runner = "<script>(function () {\
        var out = document.createElement('pre'); out.id = 'pager-result';\
        function done(s) { out.textContent = s + '\\nPAGER DONE'; document.body.appendChild(out); }\
        var button = document.querySelector('button.show-all');\
        if (!button) { done('NO BUTTON'); return; }\
        var details = button.closest('details'); details.open = true;\
        new MutationObserver(function (m, observer) {\
          var pager = details.querySelector('.pager'); if (!pager) { return; } observer.disconnect();\
          var first = pager.querySelector('[role=status]').textContent;\
          pager.querySelectorAll('button')[1].click();\
          var items = pager.querySelectorAll('ol li');\
          done('FIRST PAGE ' + first + '\\nROWS ' + items.length + '\\nRANGE ' +\
            pager.querySelector('[role=status]').textContent + '\\nOBJECT ' + items[0].querySelector('code').textContent +\
            '\\nSTART ' + pager.querySelector('ol').start + '\\nITEMS IN THE DOM ' + document.querySelectorAll('.pager li').length);\
        }).observe(details, { childList: true, subtree: true });\
        button.click();\
        })();</script>";
    let at = html.rfind("</body>").expect("the page ends its body");
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("pager.html");
    std::fs::write(&copy, format!("{}{runner}{}", &html[..at], &html[at..])).unwrap();
    let loaded = chromium_run(&browser, &copy, &["--dump-dom".into(), "--virtual-time-budget=30000".into()]);
    assert!(loaded.console_errors.is_empty(), "console errors: {:?}", loaded.console_errors);
    let result = loaded.dom.split("<pre id=\"pager-result\">").nth(1).and_then(|r| r.split("</pre>").next());
    let result = result.filter(|r| r.trim_end().ends_with("PAGER DONE"));
    let result = result.unwrap_or_else(|| panic!("the pager did not show: {}", tail(&loaded.dom)));
    let line = |key: &str| result.lines().find_map(|l| l.strip_prefix(key)).unwrap_or_default().trim().to_owned();
    assert_eq!(line("FIRST PAGE"), "objects 1-100 of 80,000", "{result}");
    assert_eq!(line("ROWS"), "100", "{result}");
    assert_eq!(line("RANGE"), "objects 101-200 of 80,000", "{result}");
    assert_eq!(line("START"), "101", "{result}");
    assert_eq!(line("ITEMS IN THE DOM"), "100", "only the current page is in the DOM: {result}");
    // The 101st phone of the export (SEP000000001000 is the first), as the data has it.
    assert!(line("OBJECT").contains(&format!("SEP{:012X}", 0x1000 + 100)), "{result}");
}
