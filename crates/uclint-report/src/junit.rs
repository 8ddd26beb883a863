//! `junit`: JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure DevOps).
//!
//! Each code is a test suite and each finding a test case named by its object key, so the CI's
//! test view groups findings by rule. A test case fails exactly when its finding is at or above
//! `--fail-on` ([`RenderOptions::fail_on`]), so the test view agrees with the exit code: a
//! finding below the threshold is a passing case that carries the finding in `system-out`.
//! `--exit-zero` changes the exit code only: the cases of findings at or above `--fail-on`
//! still fail, as the report describes the findings and not how the run was told to exit. A
//! rule that ran and found nothing is a suite with one passing case, so a clean run still shows
//! what was checked; a rule that was skipped is a suite with one `<skipped>` case whose message
//! says why.
//!
//! Streamed: a first pass only counts (the `tests`, `failures` and `skipped` attributes of
//! `testsuites` and of each `testsuite` come before their cases), then each suite and each case
//! is written as it is made, with `quick-xml`'s writer, so memory does not grow with the
//! findings. The document is the one `quick-junit` wrote before (same elements, attributes,
//! attribute order and indentation), which CI systems already read.
//!
//! XML 1.0 cannot hold most control characters at all, not even as character references; text
//! from the input has them made visible first ([`xml_text`]), so the document stays well-formed
//! and a CI page shows what the export held. `quick-xml` escapes `<`, `>`, `&`, `'` and `"` in
//! text and attribute values alike.

use std::collections::BTreeMap;
use std::io;

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use uclint_model::Diagnostic;

use crate::{rule_info, text, Paths, Position, RenderOptions, Report, RuleInfo};

/// Writes the report to `out` as a JUnit XML document. Never capped.
pub fn write_junit(
    report: &Report<'_>,
    rules: &[RuleInfo],
    options: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let skipped: BTreeMap<&str, &str> =
        report.summary.skipped.iter().map(|(code, reason)| (code.as_str(), reason.as_str())).collect();
    let mut codes: Vec<&str> = report.summary.checked.iter().map(String::as_str).collect();
    codes.extend(report.diagnostics.iter().map(|d| d.code.id));
    codes.extend(skipped.keys());
    codes.sort_unstable();
    codes.dedup();

    let mut by_code: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, d) in report.diagnostics.iter().enumerate() {
        by_code.entry(d.code.id).or_default().push(i);
    }
    let fails = |d: &Diagnostic| d.severity >= options.fail_on;
    // The counting pass: each suite's counts, and the document's.
    let suites: Vec<(&str, &[usize], Counts)> = codes
        .iter()
        .map(|&code| {
            let found = by_code.get(code).map_or(&[][..], Vec::as_slice);
            let counts = if found.is_empty() {
                Counts { tests: 1, failures: 0, skipped: usize::from(skipped.contains_key(code)) }
            } else {
                let failures = found.iter().filter(|&&i| fails(&report.diagnostics[i])).count();
                Counts { tests: found.len(), failures, skipped: 0 }
            };
            (code, found, counts)
        })
        .collect();
    let total = suites.iter().fold(Counts::default(), |total, (_, _, counts)| Counts {
        tests: total.tests + counts.tests,
        failures: total.failures + counts.failures,
        skipped: total.skipped + counts.skipped,
    });

    let paths = Paths::new(report.sources);
    let mut writer = Writer::new_with_indent(out, b' ', 4);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut root = BytesStart::new("testsuites");
    root.push_attribute(("name", "uclint"));
    root.extend_attributes([
        ("tests", total.tests.to_string().as_str()),
        ("skipped", total.skipped.to_string().as_str()),
        ("failures", total.failures.to_string().as_str()),
        ("errors", "0"),
    ]);
    writer.write_event(Event::Start(root))?;
    for (code, found, counts) in suites {
        let name = match rule_info(rules, code) {
            Some((_, rule)) => format!("{code} {}", rule.code.name),
            None => code.to_owned(),
        };
        let mut suite = BytesStart::new("testsuite");
        suite.extend_attributes([
            ("name", name.as_str()),
            ("tests", counts.tests.to_string().as_str()),
            ("skipped", counts.skipped.to_string().as_str()),
            ("errors", "0"),
            ("failures", counts.failures.to_string().as_str()),
        ]);
        writer.write_event(Event::Start(suite))?;
        for d in found.iter().map(|&i| &report.diagnostics[i]) {
            let at = Position::of(&d.primary, &paths);
            let message = xml_text(&text::message(&d.message));
            let mut description = format!("{}:{}:{}: {message}", xml_text(at.file), at.line, at.column);
            if let Some(help) = &d.help {
                description.push_str("\nhelp: ");
                description.push_str(&xml_text(&text::message(help)));
            }
            writer.write_event(Event::Start(case(&xml_text(&text::key(&d.object.to_string())), code)))?;
            if fails(d) {
                let mut failure = BytesStart::new("failure");
                failure.extend_attributes([("message", message.as_str()), ("type", d.severity.as_str())]);
                element(&mut writer, failure, &description)?;
            } else {
                element(&mut writer, BytesStart::new("system-out"), &format!("{}: {description}", d.severity))?;
            }
            writer.write_event(Event::End(BytesEnd::new("testcase")))?;
        }
        if found.is_empty() {
            match skipped.get(code) {
                Some(reason) => {
                    writer.write_event(Event::Start(case("skipped", code)))?;
                    let mut status = BytesStart::new("skipped");
                    status.push_attribute(("message", xml_text(&text::message(reason)).as_str()));
                    writer.write_event(Event::Empty(status))?;
                    writer.write_event(Event::End(BytesEnd::new("testcase")))?;
                }
                None => writer.write_event(Event::Empty(case("no findings", code)))?,
            }
        }
        writer.write_event(Event::End(BytesEnd::new("testsuite")))?;
    }
    writer.write_event(Event::End(BytesEnd::new("testsuites")))?;
    // A trailing newline.
    writer.write_indent()
}

/// How many cases a suite (or the document) has, and how many of them fail or were skipped.
/// Errors are always 0: a finding is a failure.
#[derive(Clone, Copy, Default)]
struct Counts {
    tests: usize,
    failures: usize,
    skipped: usize,
}

/// The start of a `testcase` named `name` in class `code`.
fn case<'a>(name: &'a str, code: &'a str) -> BytesStart<'a> {
    let mut case = BytesStart::new("testcase");
    case.extend_attributes([("name", name), ("classname", code)]);
    case
}

/// Writes `start`, then `content` as escaped text, then the matching end tag, on one line.
fn element(writer: &mut Writer<impl io::Write>, start: BytesStart<'_>, content: &str) -> io::Result<()> {
    let end = start.to_end().into_owned();
    writer.write_event(Event::Start(start))?;
    writer.write_event(Event::Text(BytesText::new(content)))?;
    writer.write_event(Event::End(end))
}

/// Renders the report as a JUnit XML document, failing on errors ([`RenderOptions::default`]).
pub fn render_junit(report: &Report<'_>, rules: &[RuleInfo]) -> String {
    crate::to_string(|out| write_junit(report, rules, &RenderOptions::default(), out))
}

/// Text that XML 1.0 can hold and a CI page shows as it was: controls and bidi characters as
/// visible escapes ([`text::terminal`]), and the two non-characters XML forbids too.
fn xml_text(value: &str) -> String {
    let visible = text::terminal(value);
    if !visible.contains(['\u{fffe}', '\u{ffff}']) {
        return visible.into_owned();
    }
    visible.replace('\u{fffe}', "\\u{fffe}").replace('\u{ffff}', "\\u{ffff}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_xml_cannot_hold_are_escaped() {
        assert_eq!(xml_text("a\x1b\x07\u{ffff}\u{202e}"), "a\\x1b\\x07\\u{ffff}\\u{202e}");
    }

    /// Markup, a CDATA end, quotes, an escape sequence and a non-character, as an export could
    /// hold them.
    const HOSTILE: &str = "a<b>&c\"d'e]]>\x1b[31mred\u{fffe}";
    /// [`HOSTILE`] as the document shows it, once unescaped.
    const VISIBLE: &str = "a<b>&c\"d'e]]>\\x1b[31mred\\u{fffe}";

    #[test]
    fn hostile_text_leaves_the_document_well_formed_and_visible() {
        use quick_xml::events::attributes::Attribute;
        use uclint_model::{Label, ObjectKey, Severity, SourceFile, SourceId, SourceMap, Span};

        let mut sources = SourceMap::new();
        sources.add(SourceFile::new(format!("exports/{HOSTILE}.csv"), "Device Name\nSEP1\n"));
        let finding = |severity| {
            let label = Label::new(Span::new(SourceId::new(0), 12, 16), "here");
            Diagnostic::new(crate::many::code("T1"), severity, ObjectKey::Phone(HOSTILE.into()), HOSTILE, label)
                .with_help(HOSTILE)
        };
        // One failing case, one passing case with its finding in `system-out`, one suite with
        // no findings and one skipped.
        let diagnostics = [finding(Severity::Error), finding(Severity::Info)];
        let summary = crate::Summary {
            checked: vec!["T1".into(), "T2".into()],
            skipped: vec![("T3".into(), HOSTILE.into())],
            ..crate::Summary::default()
        };
        let report = Report { diagnostics: &diagnostics, sources: &sources, summary: &summary };
        let xml = render_junit(&report, &[]);

        // XML 1.0 `Char`: tab, line feed, carriage return, and U+0020 up, less U+FFFE and U+FFFF.
        let invalid: Vec<char> = xml
            .chars()
            .filter(|&c| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}'))
            .collect();
        assert_eq!(invalid, [] as [char; 0], "{xml}");

        // Every element, attribute value and text, unescaped, as a parser reads them.
        let mut reader = quick_xml::Reader::from_str(&xml);
        let mut depth = 0usize;
        let mut read: Vec<(String, String)> = Vec::new();
        loop {
            let event = reader.read_event().unwrap_or_else(|e| panic!("{e} in\n{xml}"));
            let start = match &event {
                Event::Eof => break,
                Event::Start(start) | Event::Empty(start) => start,
                Event::End(_) => {
                    depth -= 1;
                    continue;
                }
                Event::Text(text) => {
                    let text = text.unescape().unwrap();
                    if !text.trim().is_empty() {
                        read.push(("text".into(), text.into_owned()));
                    }
                    continue;
                }
                _ => continue,
            };
            if matches!(event, Event::Start(_)) {
                depth += 1;
            }
            let element = String::from_utf8(start.name().as_ref().to_vec()).unwrap();
            for attribute in start.attributes() {
                let attribute: Attribute<'_> = attribute.unwrap();
                let key = String::from_utf8(attribute.key.as_ref().to_vec()).unwrap();
                read.push((format!("{element}@{key}"), attribute.unescape_value().unwrap().into_owned()));
            }
        }
        assert_eq!(depth, 0, "{xml}");
        let values = |name: &str| -> Vec<&str> {
            read.iter().filter(|(n, _)| n == name).map(|(_, value)| value.as_str()).collect()
        };
        assert_eq!(values("testsuites@tests"), ["4"]);
        assert_eq!(values("testsuites@failures"), ["1"]);
        assert_eq!(values("testsuites@skipped"), ["1"]);
        assert_eq!(values("testsuite@name"), ["T1", "T2", "T3"]);
        assert_eq!(values("testsuite@tests"), ["2", "1", "1"]);
        assert_eq!(values("testsuite@failures"), ["1", "0", "0"]);
        assert_eq!(values("testsuite@skipped"), ["0", "0", "1"]);
        let key = format!("phone:{VISIBLE}");
        assert_eq!(values("testcase@name"), [key.as_str(), &key, "no findings", "skipped"]);
        assert_eq!(values("failure@message"), [VISIBLE]);
        assert_eq!(values("skipped@message"), [VISIBLE]);
        let location = format!("exports/{VISIBLE}.csv:2:1: {VISIBLE}\nhelp: {VISIBLE}");
        assert_eq!(values("text"), [location.clone(), format!("info: {location}")]);
    }
}
