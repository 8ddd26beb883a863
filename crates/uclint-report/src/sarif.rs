//! `sarif`: SARIF 2.1.0, the format code-scanning services ingest (GitHub code scanning, Azure
//! DevOps, GitLab), written from the plain structs of [`log`].
//!
//! Streamed: each result is built and written one at a time and dropped, so a log of 80,000
//! results takes no more memory than one.
//!
//! Choices a consumer relies on:
//! - Each result carries `partialFingerprints["uclint/v1"]`, the rule code plus the object key
//!   (see [`crate::fingerprints`]), never a line number, so an alert survives a re-export that
//!   moves its row.
//! - `logicalLocations` name the object key, the identity suppressions and baselines use too.
//! - A tar member `export.tar!phone.csv` is an artifact of its own, nested in the tar through
//!   `parentIndex`; its URI keeps the `!` form every other format prints (a `!` is a valid
//!   character of a URI path), because the member has no path of its own in the repository.
//! - URIs are what SARIF validators accept (SARIF1004): a path under the base directory the
//!   caller gives ([`RenderOptions::base_dir`], the working directory for the CLI), or any
//!   relative path, is a relative URI with `uriBaseId: "SRCROOT"`, and the run's
//!   `originalUriBaseIds.SRCROOT` is that directory as a `file:` URI ending in `/`; an absolute
//!   path outside it is an absolute `file:` URI. Characters a URI cannot hold, non-ASCII
//!   included, are percent-encoded, and so is `:` in a relative URI, where it would read as a
//!   scheme. The renderer does no IO: it never asks for the working directory itself.
//! - `tool.driver.rules` lists only the rules that have a result in the log, in the order the
//!   caller gives them (code order), as ruff does: the log does not grow with the rules that
//!   found nothing, and adding a rule changes no log it has no result in. `ruleIndex` is a
//!   result's rule's place in that list.
//! - `helpUri` is given only when the run has a base for documentation links
//!   (`--doc-base-url`): SARIF wants an absolute URI there, and the full documentation is in
//!   `help` anyway.
//! - By default ([`RenderOptions::cap`]) the log is what GitHub code scanning accepts: at most
//!   [`SARIF_MAX_RESULTS`] results and 10 MB gzipped. The most severe are kept (errors, then
//!   warnings, then notes, in output order within a level) while the results' gzipped size,
//!   measured by compressing them as they are chosen, stays under [`SARIF_GZIP_BUDGET`]; the
//!   kept ones are written in output order. When any is left out, `invocations[0]` carries a
//!   `toolExecutionNotifications` entry (level `warning`) with how many of each level, and that
//!   `--no-cap` gives them all. `--no-cap` writes every result.
//! - `uclint diff`'s log ([`write_sarif_with_states`]) gives each result a `baselineState`:
//!   `new`, `unchanged`, or `absent` for a finding the change resolved (located in the old
//!   export's files, which are artifacts of the run like the new one's). `check`'s has none.
//! - Columns count Unicode characters (`columnKind: unicodeCodePoints`) and end columns are
//!   exclusive, as SARIF defines them.
//! - Text is bounded as in every format ([`crate::text`]): paths and object keys longer than 200
//!   characters are shortened around a hash (so are URIs, fingerprints and logical locations),
//!   long values in messages are elided; JSON escaping is left to the serialiser.

mod log;

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use flate2::write::GzEncoder;
use flate2::Compression;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::{Serialize, Serializer};
use uclint_model::{Diagnostic, Label, Severity, SourceId};

use self::log::{
    Artifact, ArtifactLocation, Fingerprints, Invocation, Location, Log, LogicalLocation, Message, MultiformatMessage,
    Notification, PhysicalLocation, Region, ReportingConfiguration, ReportingDescriptor, Run, SarifResult, Tool,
    ToolComponent,
};
use crate::{count, fingerprints, split_member, text, Paths, Position, RenderOptions, Report, RuleInfo};

/// Results written at most when capped: GitHub code scanning rejects a run with more.
pub const SARIF_MAX_RESULTS: usize = 25_000;
/// Gzipped bytes of the results written at most when capped, counting what the compressor
/// still holds as written. GitHub code scanning rejects a file of more than 10 MB gzipped; the
/// rest of the log (the rule descriptions with their documentation, the artifacts) fits in what
/// is left.
pub const SARIF_GZIP_BUDGET: usize = 9 * 1024 * 1024;
/// What the compressor may hold before it writes it out: counted as written, so the measure
/// never falls short of the true size.
const GZIP_PENDING: usize = 256 * 1024;
/// The base id of relative URIs.
const SRCROOT: &str = "SRCROOT";

/// The published location of the SARIF 2.1.0 schema, for the `$schema` property.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Characters escaped in artifact URIs: controls, space and the few that would end or change
/// a URI reference (`#`, `?`, `%`) or are not allowed in one. `/` and `!` stay readable.
const URI_ESCAPES: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// [`URI_ESCAPES`] plus `:`, which in the first segment of a relative URI would read as the end
/// of a scheme.
const SEGMENT_ESCAPES: &AsciiSet = &URI_ESCAPES.add(b':');

/// Writes the report to `out` as one SARIF log with one run: capped to what GitHub code scanning
/// accepts unless `options.cap` is off. `rules` describes the codes results may have, in code
/// order; the log lists those that have a result in it.
///
/// Streamed: the results are built one at a time as they are written.
pub fn write_sarif(
    report: &Report<'_>,
    rules: &[RuleInfo],
    options: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    write_log(report, None, rules, options, out)
}

/// [`write_sarif`] with each result's `baselineState` (`new`, `unchanged`, `absent`), one per
/// diagnostic: `uclint diff`'s log, in which code scanning shows the new results alone.
pub(crate) fn write_sarif_with_states(
    report: &Report<'_>,
    states: &[&'static str],
    rules: &[RuleInfo],
    options: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    write_log(report, Some(states), rules, options, out)
}

fn write_log(
    report: &Report<'_>,
    states: Option<&[&'static str]>,
    rules: &[RuleInfo],
    options: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let diagnostics = report.diagnostics;
    let state = |i: usize| states.and_then(|states| states.get(i).copied());
    let paths = Paths::new(report.sources);
    let base = options.base_dir.as_deref().map(Base::new);
    let artifacts = Artifacts::new(report, &paths, base.as_ref());
    let fingerprints = fingerprints(diagnostics);
    let every = Listed::new(rules, diagnostics.iter().map(|d| d.code.id));
    let (kept, left_out) = if options.cap {
        // Measured with the rules of every finding listed: a result's `ruleIndex` then differs
        // from the one written by a digit at most.
        let build = |i: usize| result(&diagnostics[i], fingerprints[i].clone(), state(i), &paths, &artifacts, &every);
        let (kept, left_out) = capped(diagnostics, &build)?;
        (Some(kept), left_out)
    } else {
        (None, [0; 3])
    };
    let listed = match &kept {
        Some(kept) if kept.len() < diagnostics.len() => {
            Listed::new(rules, kept.iter().map(|&i| diagnostics[i].code.id))
        }
        _ => every,
    };
    let build = |i: usize| result(&diagnostics[i], fingerprints[i].clone(), state(i), &paths, &artifacts, &listed);
    let results: Box<dyn Iterator<Item = SarifResult<'_>> + '_> = match kept {
        Some(kept) => Box::new(kept.into_iter().map(build)),
        None => Box::new((0..diagnostics.len()).map(build)),
    };
    let invocations = left_out.iter().any(|&n| n > 0).then(|| {
        [Invocation {
            execution_successful: true,
            tool_execution_notifications: [left_out_notification(left_out, diagnostics.len())],
        }]
    });
    let original_uri_base_ids = base
        .as_ref()
        .map(|base| BTreeMap::from([(SRCROOT, ArtifactLocation { index: None, uri: &base.uri, uri_base_id: None })]));
    let driver = ToolComponent {
        name: "uclint",
        rules: listed.rules.iter().map(|rule| descriptor(rule)).collect(),
        version: env!("CARGO_PKG_VERSION"),
    };
    let run = Run {
        artifacts: artifacts.list(),
        column_kind: "unicodeCodePoints",
        invocations,
        original_uri_base_ids,
        results: Streamed(Cell::new(Some(results))),
        tool: Tool { driver },
    };
    let log = Log { schema: SCHEMA, runs: [run], version: "2.1.0" };
    // The serialiser makes many small writes (indentation, punctuation): into a buffer it can
    // call directly rather than through `dyn Write` each time.
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut buffered, &log)?;
    buffered.write_all(b"\n")?;
    buffered.into_inner().map_err(io::IntoInnerError::into_error)?;
    Ok(())
}

/// Renders the report as one SARIF log with one run, capped ([`RenderOptions::default`]).
pub fn render_sarif(report: &Report<'_>, rules: &[RuleInfo]) -> String {
    crate::to_string(|out| write_sarif(report, rules, &RenderOptions::default(), out))
}

/// The rules a log lists (`tool.driver.rules`): those of the given codes, in the order of the
/// catalog, each once, with its place among them (a result's `ruleIndex`).
struct Listed<'r> {
    rules: Vec<&'r RuleInfo>,
    index: BTreeMap<&'r str, usize>,
}

impl<'r> Listed<'r> {
    fn new<'c>(catalog: &'r [RuleInfo], codes: impl Iterator<Item = &'c str>) -> Self {
        let mut used: BTreeSet<&str> = codes.collect();
        // `remove`: a code the catalog repeats is listed once, as its first entry.
        let rules: Vec<&RuleInfo> = catalog.iter().filter(|rule| used.remove(rule.code.id)).collect();
        let index = rules.iter().enumerate().map(|(i, rule)| (rule.code.id, i)).collect();
        Listed { rules, index }
    }
}

/// An iterator serialised as a sequence, one item at a time, each dropped once written. It can
/// be serialised once: serialising it again is an error.
struct Streamed<I>(Cell<Option<I>>);

impl<I> Serialize for Streamed<I>
where
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.take() {
            Some(items) => serializer.collect_seq(items),
            None => Err(serde::ser::Error::custom("streamed results serialised twice")),
        }
    }
}

/// Which results GitHub code scanning accepts, as indices in output order, and how many of each
/// level (error, warning, note) were left out: the most severe first, while there are fewer than
/// [`SARIF_MAX_RESULTS`] and their gzipped size stays under [`SARIF_GZIP_BUDGET`]. Each result
/// is built to be measured and dropped: only the indices are kept, and the kept ones are built
/// again as they are written.
fn capped<'a>(
    diagnostics: &[Diagnostic],
    build: &dyn Fn(usize) -> SarifResult<'a>,
) -> io::Result<(Vec<usize>, [usize; 3])> {
    let levels = [Severity::Error, Severity::Warning, Severity::Info];
    let mut order: Vec<usize> = (0..diagnostics.len()).collect();
    // Stable: output order within a level.
    order.sort_by_key(|&i| std::cmp::Reverse(diagnostics[i].severity));
    let mut gzip = GzEncoder::new(Counter(0), Compression::fast());
    let mut buffer = Vec::new();
    let mut kept: Vec<usize> = Vec::new();
    let mut left_out = [0usize; 3];
    let mut full = false;
    for i in order {
        if !full {
            buffer.clear();
            serde_json::to_writer(&mut buffer, &build(i))?;
            // Counted before it is known to fit: a result that does not fit ends the choice.
            gzip.write_all(&buffer)?;
            full = kept.len() == SARIF_MAX_RESULTS || gzip.get_ref().0 + GZIP_PENDING > SARIF_GZIP_BUDGET;
            if !full {
                kept.push(i);
                continue;
            }
        }
        let level = levels.iter().position(|&s| s == diagnostics[i].severity).unwrap_or(2);
        left_out[level] += 1;
    }
    kept.sort_unstable();
    Ok((kept, left_out))
}

/// Counts the bytes written to it and keeps none.
struct Counter(usize);

impl io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The run-level notification that says what was left out and how to get it.
fn left_out_notification(left_out: [usize; 3], total: usize) -> Notification {
    let n: usize = left_out.iter().sum();
    let parts: Vec<String> = ["error", "warning", "note"]
        .iter()
        .zip(left_out)
        .filter(|(_, n)| *n > 0)
        .map(|(level, n)| format!("{} {level}{}", count(n), if n == 1 { "" } else { "s" }))
        .collect();
    let text = format!(
        "{} of {} results were left out ({}) to stay within what GitHub code scanning accepts \
         ({} results and 10 MB gzipped per run); the most severe were kept. Run with --no-cap for \
         every result, or see --format json.",
        count(n),
        count(total),
        parts.join(", "),
        count(SARIF_MAX_RESULTS),
    );
    Notification { level: "warning", message: Message { text } }
}

fn descriptor(rule: &RuleInfo) -> ReportingDescriptor<'_> {
    let summary = || MultiformatMessage { markdown: None, text: rule.code.summary };
    ReportingDescriptor {
        default_configuration: ReportingConfiguration { level: level(rule.code.severity) },
        full_description: summary(),
        help: MultiformatMessage { markdown: Some(&rule.doc), text: &rule.doc },
        help_uri: rule.help_uri.as_deref(),
        id: rule.code.id,
        name: rule.code.name,
        short_description: summary(),
    }
}

/// SARIF's name of a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result<'a>(
    d: &'a Diagnostic,
    fingerprint: String,
    baseline_state: Option<&'static str>,
    paths: &Paths<'_>,
    artifacts: &'a Artifacts,
    listed: &Listed<'_>,
) -> SarifResult<'a> {
    let mut message = text::message(&d.message).into_owned();
    if let Some(help) = &d.help {
        message.push_str("\nHow to fix: ");
        message.push_str(&text::message(help));
    }
    let logical =
        LogicalLocation { fully_qualified_name: text::key(&d.object.to_string()).into_owned(), kind: d.object.kind() };
    let primary = Location {
        id: None,
        logical_locations: Some([logical]),
        message: None,
        physical_location: physical(&d.primary, paths, artifacts),
    };
    let related = d
        .secondary
        .iter()
        .enumerate()
        .map(|(i, label)| Location {
            id: Some(i),
            logical_locations: None,
            message: label.message.as_ref().map(|m| Message { text: text::message(m).into_owned() }),
            physical_location: physical(label, paths, artifacts),
        })
        .collect();
    SarifResult {
        baseline_state,
        level: level(d.severity),
        locations: [primary],
        message: Message { text: message },
        partial_fingerprints: Fingerprints { v1: fingerprint },
        related_locations: related,
        rule_id: d.code.id,
        rule_index: listed.index.get(d.code.id).copied(),
    }
}

fn physical<'a>(label: &Label, paths: &Paths<'_>, artifacts: &'a Artifacts) -> PhysicalLocation<'a> {
    let at = Position::of(label, paths);
    let region =
        Region { end_column: at.end_column, end_line: at.end_line, start_column: at.column, start_line: at.line };
    PhysicalLocation { artifact_location: artifacts.location(label.span.source), region }
}

/// The run's artifacts: every file a result points into, each tar member after its tar.
struct Artifacts {
    list: Vec<Entry>,
    /// Source id → index in `list`.
    by_source: BTreeMap<SourceId, usize>,
}

/// An artifact: its URI, the base id that URI is relative to, and its tar's index.
struct Entry {
    uri: String,
    base: Option<&'static str>,
    parent: Option<usize>,
}

impl Artifacts {
    /// The artifacts of `report`, their URIs relative to `base` where they can be.
    fn new(report: &Report<'_>, paths: &Paths<'_>, base: Option<&Base>) -> Self {
        let used: BTreeSet<SourceId> = report
            .diagnostics
            .iter()
            .flat_map(|d| std::iter::once(&d.primary).chain(&d.secondary))
            .map(|l| l.span.source)
            .collect();
        let mut artifacts = Artifacts { list: Vec::new(), by_source: BTreeMap::new() };
        let mut archives = BTreeMap::<String, usize>::new();
        for id in used {
            let path = paths.get(id);
            let parent = split_member(path).map(|(archive, _)| {
                *archives.entry(archive.to_owned()).or_insert_with(|| {
                    let (uri, base) = uri(archive, base);
                    artifacts.list.push(Entry { uri, base, parent: None });
                    artifacts.list.len() - 1
                })
            });
            let (uri, base) = uri(path, base);
            artifacts.list.push(Entry { uri, base, parent });
            artifacts.by_source.insert(id, artifacts.list.len() - 1);
        }
        artifacts
    }

    /// The run's `artifacts`.
    fn list(&self) -> Vec<Artifact<'_>> {
        self.list
            .iter()
            .map(|entry| Artifact {
                location: ArtifactLocation { index: None, uri: &entry.uri, uri_base_id: entry.base },
                parent_index: entry.parent,
            })
            .collect()
    }

    /// Where a result points into `source`: its artifact's URI and index.
    fn location(&self, source: SourceId) -> ArtifactLocation<'_> {
        let index = self.by_source[&source];
        let entry = &self.list[index];
        ArtifactLocation { index: Some(index), uri: &entry.uri, uri_base_id: entry.base }
    }
}

/// A path with forward slashes, and whether it is absolute (`/x`, `//server/share`, `C:/x`).
fn slashed(path: &str) -> (String, bool) {
    let path = path.replace('\\', "/");
    let absolute = path.starts_with('/') || drive(&path).is_some();
    (path, absolute)
}

/// The drive of a Windows path (`C:` of `C:/x`).
fn drive(path: &str) -> Option<&str> {
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    (drive && (bytes.len() == 2 || bytes[2] == b'/')).then(|| &path[..2])
}

/// An absolute path (forward slashes) as a `file:` URI.
fn file_uri(path: &str) -> String {
    match drive(path) {
        Some(drive) => format!("file:///{drive}{}", utf8_percent_encode(&path[2..], SEGMENT_ESCAPES)),
        // `//server/share/x` is `file://server/share/x`.
        None => format!(
            "file:{}{}",
            if path.starts_with("//") { "" } else { "//" },
            utf8_percent_encode(path, SEGMENT_ESCAPES)
        ),
    }
}

/// The directory `SRCROOT` names.
struct Base {
    /// Its path with forward slashes, ending in `/`.
    dir: String,
    /// Its URI: absolute, ending in `/`.
    uri: String,
}

impl Base {
    /// The base of `dir`, an absolute directory. A relative one (which the CLI never gives)
    /// is taken as it is, as a relative URI.
    fn new(dir: &str) -> Self {
        let (mut dir, absolute) = slashed(dir);
        if !dir.ends_with('/') {
            dir.push('/');
        }
        let uri = if absolute { file_uri(&dir) } else { utf8_percent_encode(&dir, SEGMENT_ESCAPES).to_string() };
        Base { dir, uri }
    }
}

/// A display path as a URI, with the base id it is relative to: a relative path, and an
/// absolute one under the base, are relative to [`SRCROOT`] when there is a base; any other
/// absolute path is a `file:` URI.
fn uri(path: &str, base: Option<&Base>) -> (String, Option<&'static str>) {
    let (path, absolute) = slashed(path);
    let relative = match base {
        Some(base) if absolute => path.strip_prefix(base.dir.as_str()),
        _ if absolute => None,
        _ => Some(path.as_str()),
    };
    match relative {
        Some(relative) => (utf8_percent_encode(relative, SEGMENT_ESCAPES).to_string(), base.map(|_| SRCROOT)),
        None => (file_uri(&path), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uclint_model::Code;

    fn base(dir: &str) -> Base {
        Base::new(dir)
    }

    #[test]
    fn uris_escape_spaces_and_keep_member_separators() {
        assert_eq!(uri("exports\\site a\\x.tar!phone.csv", None).0, "exports/site%20a/x.tar!phone.csv");
        assert_eq!(uri("a#b?.csv", None).0, "a%23b%3F.csv");
        // A colon would make the first segment read as a scheme.
        assert_eq!(uri("c:x.csv", None).0, "c%3Ax.csv");
    }

    #[test]
    fn paths_under_the_base_are_relative_to_srcroot_and_others_absolute() {
        let cwd = base("/work/repo");
        assert_eq!(cwd.uri, "file:///work/repo/");
        assert_eq!(
            uri("/work/repo/exports/a.tar!phone.csv", Some(&cwd)),
            ("exports/a.tar!phone.csv".into(), Some(SRCROOT))
        );
        assert_eq!(uri("exports/b.csv", Some(&cwd)), ("exports/b.csv".into(), Some(SRCROOT)));
        assert_eq!(uri("/work/repository/x.csv", Some(&cwd)), ("file:///work/repository/x.csv".into(), None));
        assert_eq!(uri("/tmp/ü x.csv", Some(&cwd)), ("file:///tmp/%C3%BC%20x.csv".into(), None));
        assert_eq!(uri("/tmp/x.csv", None), ("file:///tmp/x.csv".into(), None));
        let windows = base("C:\\Users\\me");
        assert_eq!(windows.uri, "file:///C:/Users/me/");
        assert_eq!(uri("C:\\Users\\me\\a.csv", Some(&windows)), ("a.csv".into(), Some(SRCROOT)));
        assert_eq!(uri("D:\\x.csv", Some(&windows)), ("file:///D:/x.csv".into(), None));
        assert_eq!(uri("\\\\server\\share\\x.csv", None), ("file://server/share/x.csv".into(), None));
    }

    /// The SARIF log of `report`, parsed, and its size gzipped.
    fn parse(report: &Report<'_>, cap: bool) -> (serde_json::Value, usize) {
        let options = RenderOptions { cap, ..RenderOptions::default() };
        let out = crate::to_string(|out| write_sarif(report, &[], &options, out));
        let mut gzip = GzEncoder::new(Counter(0), Compression::default());
        gzip.write_all(out.as_bytes()).unwrap();
        let gzipped = gzip.finish().unwrap().0;
        (serde_json::from_str(&out).unwrap(), gzipped)
    }

    fn notification(sarif: &serde_json::Value) -> Option<&str> {
        sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"].as_str()
    }

    #[test]
    fn at_most_25000_results_the_errors_first_in_output_order() {
        let sources = crate::many::sources();
        // Every seventh an error, the rest notes: 30,000 in all.
        let diagnostics: Vec<Diagnostic> = (0..30_000)
            .map(|i| {
                let severity = if i % 7 == 0 { Severity::Error } else { Severity::Info };
                crate::many::finding(
                    "T1",
                    severity,
                    &format!("SEP{i:06}"),
                    &format!("phone SEP{i:06} is wrong"),
                    "fix it",
                )
            })
            .collect();
        let summary = crate::Summary::default();
        let report = Report { diagnostics: &diagnostics, sources: &sources, summary: &summary };
        let (sarif, _) = parse(&report, true);
        let results = sarif["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), SARIF_MAX_RESULTS);
        let errors = results.iter().filter(|r| r["level"] == "error").count();
        assert_eq!(errors, 30_000_usize.div_ceil(7), "every error is kept");
        let names: Vec<&str> = results
            .iter()
            .map(|r| r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].as_str().unwrap())
            .collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]), "output order");
        assert_eq!(
            notification(&sarif),
            Some(
                "5,000 of 30,000 results were left out (5,000 notes) to stay within what GitHub code scanning accepts \
                 (25,000 results and 10 MB gzipped per run); the most severe were kept. Run with --no-cap for every \
                 result, or see --format json."
            )
        );
        assert_eq!(sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["level"], "warning");

        let (all, _) = parse(&report, false);
        assert_eq!(all["runs"][0]["results"].as_array().unwrap().len(), 30_000);
        assert_eq!(notification(&all), None);
    }

    /// A catalog of rules `T0` to `T3`, each documented and linked.
    fn catalog() -> Vec<RuleInfo> {
        static CODES: [Code; 4] = [test_code("T0"), test_code("T1"), test_code("T2"), test_code("T3")];
        CODES
            .iter()
            .map(|code| RuleInfo {
                code,
                doc: format!("{code}: a test rule."),
                help_uri: Some(format!("https://docs.example.org/{code}.md")),
            })
            .collect()
    }

    const fn test_code(id: &'static str) -> Code {
        Code {
            id,
            name: "test-rule",
            family: uclint_model::Family::Gen,
            severity: Severity::Warning,
            status: uclint_model::Status::Stable,
            summary: "A test rule.",
        }
    }

    /// The SARIF log of `diagnostics` against [`catalog`], with a base directory.
    fn log_of(diagnostics: &[Diagnostic], cap: bool) -> String {
        let sources = crate::many::sources();
        let summary = crate::Summary::default();
        let report = Report { diagnostics, sources: &sources, summary: &summary };
        let options = RenderOptions { cap, base_dir: Some("/work".into()), ..RenderOptions::default() };
        crate::to_string(|out| write_sarif(&report, &catalog(), &options, out))
    }

    fn rule_ids(sarif: &serde_json::Value) -> Vec<&str> {
        let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
        rules.iter().map(|rule| rule["id"].as_str().unwrap()).collect()
    }

    #[test]
    fn the_rules_listed_are_those_with_a_result_in_the_log() {
        let finding = |code, severity| crate::many::finding(code, severity, "SEP1", "wrong", "fix it");
        let diagnostics =
            [finding("T3", Severity::Error), finding("T1", Severity::Warning), finding("INPUT9", Severity::Info)];
        let sarif: serde_json::Value = serde_json::from_str(&log_of(&diagnostics, false)).unwrap();
        // In catalog order, each once; a code the catalog does not describe has no index.
        assert_eq!(rule_ids(&sarif), ["T1", "T3"]);
        let results = sarif["runs"][0]["results"].as_array().unwrap();
        let indices: Vec<_> =
            results.iter().map(|r| (r["ruleId"].as_str().unwrap(), r["ruleIndex"].as_u64())).collect();
        assert_eq!(indices, [("T3", Some(1)), ("T1", Some(0)), ("INPUT9", None)]);
        assert_eq!(sarif["runs"][0]["tool"]["driver"]["rules"][1]["helpUri"], "https://docs.example.org/T3.md");

        // Capped: the note of T2 is left out, and so is T2.
        let mut over: Vec<Diagnostic> =
            (0..SARIF_MAX_RESULTS).map(|i| finding(if i == 5 { "T3" } else { "T1" }, Severity::Error)).collect();
        over.insert(3, finding("T2", Severity::Info));
        let sarif: serde_json::Value = serde_json::from_str(&log_of(&over, true)).unwrap();
        assert_eq!(rule_ids(&sarif), ["T1", "T3"]);
        let results = sarif["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), SARIF_MAX_RESULTS);
        assert!(results.iter().all(|r| r["ruleIndex"] == if r["ruleId"] == "T3" { 1 } else { 0 }));
        // No result, no rule.
        let sarif: serde_json::Value = serde_json::from_str(&log_of(&[], true)).unwrap();
        assert_eq!(rule_ids(&sarif), Vec::<&str>::new());
    }

    /// Every object's members are in alphabetical order, the order of the logs uclint wrote
    /// with `serde-sarif` (so that the structs in [`log`] keep them byte for byte), in a log
    /// that has every member uclint writes: invocations (one over the cap), a base, related
    /// locations with captions, rules with links.
    #[test]
    fn members_are_in_alphabetical_order() {
        let diagnostics: Vec<Diagnostic> = (0..=SARIF_MAX_RESULTS)
            .map(|i| {
                crate::many::finding("T1", Severity::Warning, &format!("SEP{i:06}"), "wrong", "fix it")
                    .with_label(uclint_model::Span::new(SourceId::new(0), 0, 6), "there")
            })
            .collect();
        let out = log_of(&diagnostics, true);
        let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
        let run = &sarif["runs"][0];
        for member in ["invocations", "originalUriBaseIds", "artifacts", "results", "tool"] {
            assert!(!run[member].is_null(), "{member}");
        }
        assert!(run["results"][0]["relatedLocations"][0]["message"]["text"] == "there");
        assert!(run["tool"]["driver"]["rules"][0]["helpUri"].is_string());
        if let Err(e) = serde_json::from_str::<Ordered>(&out) {
            panic!("{e}");
        }
        // The check does find members out of order.
        assert!(serde_json::from_str::<Ordered>(r#"{"a": {"c": 1, "b": 2}}"#).is_err());
    }

    /// JSON whose objects, at every depth, have their members in alphabetical order: parsing
    /// fails at the first that does not.
    struct Ordered;

    impl<'de> serde::Deserialize<'de> for Ordered {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(Ordered)
        }
    }

    impl<'de> serde::de::Visitor<'de> for Ordered {
        type Value = Ordered;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("JSON")
        }

        fn visit_bool<E>(self, _: bool) -> Result<Ordered, E> {
            Ok(Ordered)
        }

        fn visit_u64<E>(self, _: u64) -> Result<Ordered, E> {
            Ok(Ordered)
        }

        fn visit_i64<E>(self, _: i64) -> Result<Ordered, E> {
            Ok(Ordered)
        }

        fn visit_f64<E>(self, _: f64) -> Result<Ordered, E> {
            Ok(Ordered)
        }

        fn visit_str<E>(self, _: &str) -> Result<Ordered, E> {
            Ok(Ordered)
        }

        fn visit_unit<E>(self) -> Result<Ordered, E> {
            Ok(Ordered)
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Ordered, A::Error> {
            while seq.next_element::<Ordered>()?.is_some() {}
            Ok(Ordered)
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
            let mut previous: Option<String> = None;
            while let Some(key) = map.next_key::<String>()? {
                if let Some(previous) = previous.as_ref().filter(|previous| **previous >= key) {
                    return Err(serde::de::Error::custom(format!("member {key:?} after {previous:?}")));
                }
                map.next_value::<Ordered>()?;
                previous = Some(key);
            }
            Ok(Ordered)
        }
    }

    #[test]
    fn big_results_stop_under_10_mb_gzipped() {
        let sources = crate::many::sources();
        // Messages and fixes of 2,000 characters that hardly compress: 5,000 of them would be
        // about 15 MB gzipped.
        let diagnostics: Vec<Diagnostic> = (0..5_000u64)
            .map(|i| {
                crate::many::finding(
                    "T1",
                    Severity::Warning,
                    &crate::many::noise(i, 200),
                    &crate::many::noise(i + 1_000_000, 2_000),
                    &crate::many::noise(i + 2_000_000, 2_000),
                )
            })
            .collect();
        let summary = crate::Summary::default();
        let report = Report { diagnostics: &diagnostics, sources: &sources, summary: &summary };
        let (sarif, gzipped) = parse(&report, true);
        let kept = sarif["runs"][0]["results"].as_array().unwrap().len();
        assert!(gzipped < 10_000_000, "{gzipped} bytes gzipped");
        // The budget is used, not wasted: at least 8 MB of it.
        assert!(gzipped > 8_000_000, "{gzipped} bytes gzipped");
        assert!(kept < 5_000, "{kept}");
        let left_out = count(5_000 - kept);
        let text = notification(&sarif).unwrap();
        assert!(
            text.starts_with(&format!("{left_out} of 5,000 results were left out ({left_out} warnings)")),
            "{text}"
        );
    }
}
