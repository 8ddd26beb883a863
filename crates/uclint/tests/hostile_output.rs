//! Output that an attacker who writes the export cannot turn against its reader: one test per
//! format on a tar whose member names and cell values carry terminal escapes (OSC `ESC ]0;`,
//! BEL, ANSI colours), a lone carriage return, a newline followed by a forged `::error`
//! workflow command, Markdown and HTML (`![x](https://evil)`, `<img src=x>`, `<details>`) and a
//! bidi override; and output whose size follows the findings, not the longest name or cell.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// Everything an attacker may put in a value: a title-setting OSC sequence ended by BEL, a CR,
/// a line that would be a workflow command, an image, a link, raw HTML, a bidi override, a
/// non-character XML forbids, and a C1 CSI.
const HOSTILE: &str = "40\x1b]0;pwned\x07\r\n::error file=x::forged ![x](https://evil) [link](https://evil) \
                       <img src=x> <details> \u{202e}gpj.exe \u{ffff}\u{9b}2J\rX";
/// A user ID (it reaches messages and object keys) that turns the terminal red.
const HOSTILE_USER: &str = "agent\x1b[31mred";
/// A tar member name that retitles the terminal and forges a command on a line of its own.
const HOSTILE_MEMBER: &str = "\x1b]0;title\x07enduser\n::error file=y::forged-name\u{202e}.csv";

/// The header and one agent row (whose IPCC extension is not numeric: UCCX014) of a BAT
/// `enduser.csv`.
fn enduser_csv(user: &str, extension: &str, rows: usize) -> String {
    let fixture = std::fs::read_to_string("../../fixtures/rules/UCCX014/fail/enduser.csv").unwrap();
    let mut lines = fixture.lines();
    let header = lines.next().unwrap();
    let agent: Vec<&str> = lines.next().unwrap().split(',').collect();
    let quote = |v: &str| format!("\"{}\"", v.replace('"', "\"\""));
    let mut csv = format!("{header}\n");
    for i in 0..rows {
        let mut row: Vec<String> = agent.iter().map(|c| (*c).to_owned()).collect();
        let n = row.len();
        row[4] = quote(&if rows == 1 { user.to_owned() } else { format!("{user}{i}") });
        row[n - 2] = quote(extension);
        row[n - 4] = quote(extension);
        csv.push_str(&row.join(","));
        csv.push('\n');
    }
    csv
}

/// A GNU tar (long names as `././@LongLink` entries) of `members`, written to a fresh
/// directory; returns the directory (kept alive by the caller) and the tar's path.
fn write_tar(members: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
    let mut builder = tar::Builder::new(Vec::new());
    for (name, data) in members {
        let mut header = tar::Header::new_gnu();
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(1_763_633_564);
        header.set_cksum();
        builder.append_data(&mut header, name, *data).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.tar");
    std::fs::write(&path, builder.into_inner().unwrap()).unwrap();
    (dir, path)
}

/// The hostile export: one agent whose user ID and IPCC extension are hostile, in a member
/// with a hostile name, beside a member uclint does not read (its name reaches the
/// `not read:` line on standard error).
fn hostile_tar() -> (tempfile::TempDir, PathBuf) {
    let csv = enduser_csv(HOSTILE_USER, HOSTILE, 1);
    write_tar(&[(HOSTILE_MEMBER, csv.as_bytes()), ("notes\x1b[2J\u{202e}.txt", b"hello\n")])
}

/// `uclint check TAR ARGS`, without colour unless `ARGS` asks for it.
fn check(tar: &Path, args: &[&str]) -> Output {
    let color = if args.contains(&"--color") { &[][..] } else { &["--color", "never"][..] };
    Command::cargo_bin("uclint")
        .unwrap()
        .arg("check")
        .arg(tar)
        .args(color)
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

/// The characters that act on a terminal or reorder text: C0 controls but the line feed that
/// ends each line, DEL, C1 controls, bidi controls, line and paragraph separators.
fn acting(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .collect()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// Lines that the Actions runner would take for a workflow command.
fn commands(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.trim_start().starts_with("::")).collect()
}

#[test]
fn full_output_and_standard_error_show_every_control_as_an_escape() {
    let (_dir, tar) = hostile_tar();
    let output = check(&tar, &["--format", "full", "--statistics"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let (out, err) = (stdout(&output), stderr(&output));
    assert!(out.contains("IPCC extension '40\\x1b]0;pwned\\x07\\r\\n::error file=x::forged"), "{out}");
    assert!(out.contains("agent\\x1b[31mred"), "{out}");
    assert!(out.contains("enduser\\n::error file=y::forged-name\\u{202e}.csv:"), "{out}");
    assert!(err.contains("not read: "), "{err}");
    assert!(err.contains("notes\\x1b[2J\\u{202e}.txt (not a format uclint reads)"), "{err}");
    assert_eq!(acting(&out), [], "{out}");
    assert_eq!(acting(&err), [], "{err}");
    assert_eq!(commands(&out), Vec::<&str>::new());
}

#[test]
fn full_output_in_colour_has_only_its_own_colour_sequences() {
    let (_dir, tar) = hostile_tar();
    let output = check(&tar, &["--format", "full", "--color", "always"]);
    let out = stdout(&output);
    let escapes = out.matches('\x1b').count();
    assert!(escapes > 0, "colour was asked for");
    // miette's colours are SGR sequences, `ESC [ digits and semicolons m`; nothing else starts
    // with ESC, so no sequence from the input got through.
    let sgr = out.split('\x1b').skip(1).filter(|rest| {
        rest.strip_prefix('[')
            .and_then(|r| r.split_once('m'))
            .is_some_and(|(params, _)| params.chars().all(|c| c.is_ascii_digit() || c == ';'))
    });
    assert_eq!(sgr.count(), escapes, "{out:?}");
    assert!(!out.contains('\x07') && !out.contains('\r') && !out.contains('\u{202e}'), "{out:?}");
}

#[test]
fn concise_output_is_one_line_per_finding_with_controls_escaped() {
    let (_dir, tar) = hostile_tar();
    let output = check(&tar, &["--format", "concise"]);
    let (out, err) = (stdout(&output), stderr(&output));
    // INPUT005 and UCCX014, one line each.
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.lines().all(|l| l.contains("export.tar!\\x1b]0;title\\x07enduser\\n::error file=y::")), "{out}");
    assert_eq!(commands(&out), Vec::<&str>::new(), "a forged workflow command");
    assert_eq!(acting(&out), [], "{out}");
    assert_eq!(acting(&err), [], "{err}");
}

#[test]
fn github_annotations_are_one_command_each_and_forge_none() {
    let (_dir, tar) = hostile_tar();
    let out = stdout(&check(&tar, &["--format", "github"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("::notice file=") && lines[1].starts_with("::error file="), "{out}");
    assert!(lines.iter().all(|l| !l.starts_with("::error file=x") && !l.starts_with("::error file=y")));
    // The message shows the value's controls as text; the runner's own escapes stay for the
    // line breaks this format puts before `help:` and `object:`.
    assert!(lines[1].contains("'40\\x1b]0;pwned\\x07\\r\\n::error file=x::forged"), "{out}");
    assert!(lines[1].contains("%0Ahelp: ") && lines[1].contains("%0Aobject: user:agent\\x1b[31mred"), "{out}");
    assert_eq!(acting(&out), [], "{out}");
}

/// The Markdown text that a renderer interprets: what is left once code spans (shown as they
/// are) and backslash escapes (shown as the character) are taken out.
fn interpreted(md: &str) -> String {
    let chars: Vec<char> = md.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '`' => {
                let run = chars[i..].iter().take_while(|&&c| c == '`').count();
                let mut j = i + run;
                // The span ends at the next run of exactly as many backticks.
                loop {
                    if j >= chars.len() {
                        panic!("an unclosed code span in:\n{md}");
                    }
                    let closing = chars[j..].iter().take_while(|&&c| c == '`').count();
                    if closing == run {
                        break;
                    }
                    j += closing.max(1);
                }
                i = j + run;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// What must never reach a rendered Markdown comment from the input.
fn assert_inert_markdown(md: &str) {
    let active = interpreted(md);
    for pattern in ["![", "[link", "](https://evil)", "<", "&#", "\r"] {
        assert!(!active.contains(pattern), "{pattern:?} got through:\n{md}");
    }
    assert_eq!(acting(md), [], "{md}");
    // Every table row is still one row: it starts and ends with a pipe.
    for row in md.lines().filter(|l| l.starts_with('|')) {
        assert!(row.ends_with('|'), "a broken row: {row}");
    }
}

#[test]
fn markdown_lets_no_image_link_tag_or_line_break_through() {
    let (_dir, tar) = hostile_tar();
    let md = stdout(&check(&tar, &["--format", "markdown"]));
    assert!(md.contains("IPCC extension '40\\\\x1b\\]0;pwned\\\\x07\\\\r\\\\n::error"), "{md}");
    assert!(md.contains("\\!\\[x\\](https://evil)") && md.contains("\\<img src=x>"), "{md}");
    assert_eq!(md.lines().filter(|l| l.starts_with("| error ") || l.starts_with("| info ")).count(), 2, "{md}");
    assert_inert_markdown(&md);
}

#[test]
fn the_health_report_in_markdown_is_inert_too() {
    let (_dir, tar) = hostile_tar();
    let md = stdout(&check(&tar, &["--format", "health-markdown"]));
    assert!(md.contains("agent\\\\x1b\\[31mred"), "the agent is listed:\n{md}");
    assert_inert_markdown(&md);
}

#[test]
fn the_html_report_escapes_every_value() {
    let (_dir, tar) = hostile_tar();
    let html = stdout(&check(&tar, &["--format", "html"]));
    assert!(html.contains("&lt;img src=x&gt; &lt;details&gt; \\u{202e}gpj.exe"), "{html}");
    for active in ["<img", "<details>", "\u{202e}", "\x1b", "\x07", "\r"] {
        assert!(!html.contains(active), "{active:?} got through");
    }
    assert_eq!(acting(&html), [], "{html}");
}

#[test]
fn junit_holds_only_characters_xml_allows() {
    let (_dir, tar) = hostile_tar();
    let xml = stdout(&check(&tar, &["--format", "junit"]));
    assert!(xml.contains("40\\x1b]0;pwned\\x07\\r\\n::error file=x::forged"), "{xml}");
    assert!(xml.contains("&lt;img src=x&gt;"), "{xml}");
    assert!(xml.contains("\\u{ffff}"), "{xml}");
    // XML 1.0 `Char`: tab, line feed, carriage return, and U+0020 up, less U+FFFE and U+FFFF.
    let invalid: Vec<char> = xml
        .chars()
        .filter(|&c| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}'))
        .collect();
    assert_eq!(invalid, [], "{xml}");
    assert_eq!(acting(&xml), [], "{xml}");
}

#[test]
fn json_and_sarif_carry_the_value_as_it_is_in_json_strings() {
    let (_dir, tar) = hostile_tar();
    let json: serde_json::Value = serde_json::from_slice(&check(&tar, &["--format", "json"]).stdout).unwrap();
    let finding = json["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "UCCX014").unwrap();
    assert!(finding["message"].as_str().unwrap().contains(HOSTILE), "{finding}");
    assert_eq!(finding["object"], format!("user:{HOSTILE_USER}"));
    assert!(finding["primary"]["file"].as_str().unwrap().ends_with(&format!("export.tar!{HOSTILE_MEMBER}")));
    let raw = check(&tar, &["--format", "sarif"]).stdout;
    // JSON escapes controls; the document is one valid JSON text.
    assert!(!raw.iter().any(|&b| b < b' ' && b != b'\n'), "a raw control byte in SARIF");
    let sarif: serde_json::Value = serde_json::from_slice(&raw).unwrap();
    let result = &sarif["runs"][0]["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == "UCCX014").unwrap();
    assert!(result["message"]["text"].as_str().unwrap().contains(HOSTILE), "{result}");
}

/// An export of `agents` agents, each with a finding, in a member whose name is `name_len`
/// bytes long and whose IPCC extension cells are `value_len` bytes long.
fn big_names_tar(agents: usize, name_len: usize, value_len: usize) -> (tempfile::TempDir, PathBuf) {
    let name = format!("{}enduser.csv", "n".repeat(name_len));
    let value = format!("X{}", "9".repeat(value_len));
    let csv = enduser_csv("agent", &value, agents);
    write_tar(&[(&name, csv.as_bytes())])
}

#[test]
fn output_grows_with_the_findings_not_with_a_long_member_name_or_value() {
    // A 1 MB member name and 10 KB values in 20 findings: before, every finding printed both
    // whole (over 20 MB in most formats); now each is shortened to a couple of hundred
    // characters, with a hash of the whole. One run writes every format.
    const AGENTS: usize = 20;
    let (dir, tar) = big_names_tar(AGENTS, 1 << 20, 10_000);
    let formats = ["json", "sarif", "junit", "github", "markdown", "html", "health-markdown", "concise"];
    let mut args: Vec<String> =
        formats.iter().map(|f| format!("--format={f}={}", dir.path().join(f).display())).collect();
    args.extend(["--format".into(), "full".into()]);
    let output = check(&tar, &args.iter().map(String::as_str).collect::<Vec<_>>());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.len() < 20_000, "{} bytes on standard error", err.len());
    let mut outputs: Vec<(&str, String)> =
        formats.iter().map(|f| (*f, std::fs::read_to_string(dir.path().join(f)).unwrap())).collect();
    outputs.push(("full", stdout(&output)));
    for (format, out) in outputs {
        // A few KB a finding at most (SARIF carries the rule catalogue, a fixed 400 KB).
        let budget = AGENTS * 5_000 + if format == "sarif" { 1_000_000 } else { 0 };
        assert!(out.len() < budget, "{format}: {} bytes for {AGENTS} findings", out.len());
        assert!(out.contains(&format!("{}…#", "n".repeat(40))), "{format}: the name is shortened with its hash");
    }
}

#[test]
fn a_stray_quote_in_a_large_file_gives_a_small_snippet() {
    // The quote opens a cell that runs to the end of the file: its span is the whole rest of
    // the file, and the snippet used to print all of it.
    let mut csv = enduser_csv("agent", "X1", 1);
    csv.push_str("\"\n");
    for i in 0..5_000 {
        csv.push_str(&format!("NULL,First,NULL,Last,user{i},NULL,Dept,+1408555{i:04},NULL,user{i}@example.com\n"));
    }
    let (_dir, tar) = write_tar(&[("enduser.csv", csv.as_bytes())]);
    let output = check(&tar, &["--format", "full"]);
    let out = stdout(&output);
    assert!(out.contains("INPUT"), "the broken row is reported:\n{out}");
    assert!(!out.contains("user100@"), "the snippet stays on the span's first line:\n{out}");
    assert!(out.len() < 20_000, "{} bytes for a {} byte file:\n{out}", out.len(), csv.len());
}

#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_to_standard_output_exits_2_with_a_message() {
    for format in ["full", "concise", "json", "sarif", "junit", "github", "markdown", "html"] {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("uclint"))
            .current_dir("../..")
            .args(["check", "fixtures/demo", "--format", format])
            .stdout(full)
            .output()
            .unwrap();
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{format}: {err}");
        assert!(err.contains("error: could not write to standard output: No space left on device"), "{format}: {err}");
    }
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("uclint")).arg("rules").stdout(full).output();
    assert_eq!(output.unwrap().status.code(), Some(2), "uclint rules > /dev/full");
}

#[test]
fn a_closed_pipe_on_standard_output_is_not_an_error() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("uclint"))
        .current_dir("../..")
        .args(["check", "fixtures/demo", "--format", "concise"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before uclint has read the export, let alone written.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "the findings decide, as with a reader: {err}");
    assert!(!err.contains("could not write"), "{err}");
}
