//! `sarif`: SARIF 2.1.0, the format code-scanning services ingest (GitHub code scanning, Azure
//! DevOps, GitLab), built with the `serde-sarif` types.
//!
//! Streamed: each result is built and written one at a time and dropped, so a log of 80,000
//! results takes no more memory than one (the log and the run around them mirror `serde-sarif`'s
//! `Sarif` and `Run` member for member, so the document is what serialising those would give).
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
//! - Columns count Unicode characters (`columnKind: unicodeCodePoints`) and end columns are
//!   exclusive, as SARIF defines them.
//! - Text is bounded as in every format ([`crate::text`]): paths and object keys longer than 200
//!   characters are shortened around a hash (so are URIs, fingerprints and logical locations),
//!   long values in messages are elided; JSON escaping is left to the serialiser.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use flate2::write::GzEncoder;
use flate2::Compression;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::{Serialize, Serializer};
use serde_sarif::sarif::{
    Artifact, ArtifactLocation, Invocation, Location, LogicalLocation, Message, MultiformatMessageString, Notification,
    PhysicalLocation, Region, ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Tool,
    ToolComponent,
};
use uclint_model::{Diagnostic, Label, Severity, SourceId};

use crate::{count, fingerprints, rule_info, split_member, text, Paths, Position, RenderOptions, Report, RuleInfo};

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
/// accepts unless `options.cap` is off.
///
/// Streamed: the results are built one at a time as they are written, inside a log and a run
/// that serialise as `serde-sarif`'s `Sarif` and `Run` do.
pub fn write_sarif(
    report: &Report<'_>,
    rules: &[RuleInfo],
    options: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let paths = Paths::new(report.sources);
    let base = options.base_dir.as_deref().map(Base::new);
    let artifacts = Artifacts::new(report, &paths, base.as_ref());
    let fingerprints = fingerprints(report.diagnostics);
    let build = |i: usize| result(&report.diagnostics[i], fingerprints[i].clone(), &paths, &artifacts, rules);
    let (kept, left_out) = if options.cap {
        let (kept, left_out) = capped(report.diagnostics, &build)?;
        (Some(kept), left_out)
    } else {
        (None, [0; 3])
    };
    let mut driver = ToolComponent::builder()
        .name("uclint")
        .version(env!("CARGO_PKG_VERSION"))
        .rules(rules.iter().map(descriptor).collect::<Vec<_>>())
        .build();
    driver.information_uri = None;
    let invocations = left_out.iter().any(|&n| n > 0).then(|| {
        vec![Invocation::builder()
            .execution_successful(true)
            .tool_execution_notifications(vec![left_out_notification(left_out, report.diagnostics.len())])
            .build()]
    });
    let original_uri_base_ids = base
        .as_ref()
        .map(|base| BTreeMap::from([(SRCROOT, ArtifactLocation::builder().uri(base.uri.as_str()).build())]));
    let results: Box<dyn Iterator<Item = SarifResult> + '_> = match kept {
        Some(kept) => Box::new(kept.into_iter().map(build)),
        None => Box::new((0..report.diagnostics.len()).map(build)),
    };
    let run = RunOf {
        artifacts: &artifacts.list,
        column_kind: "unicodeCodePoints",
        invocations,
        original_uri_base_ids,
        results: Streamed(Cell::new(Some(results))),
        tool: Tool::builder().driver(driver).build(),
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

/// The SARIF log as `serde-sarif`'s `Sarif` serialises it (the same members in the same order),
/// holding a run whose results are streamed.
#[derive(Serialize)]
struct Log<'a, R> {
    #[serde(rename = "$schema")]
    schema: &'a str,
    runs: [R; 1],
    version: &'a str,
}

/// The run as `serde-sarif`'s `Run` serialises it, with only the members uclint writes (in the
/// order `Run` writes them: alphabetical), and its results written as they are built.
#[derive(Serialize)]
struct RunOf<'a> {
    artifacts: &'a [Artifact],
    #[serde(rename = "columnKind")]
    column_kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    invocations: Option<Vec<Invocation>>,
    #[serde(rename = "originalUriBaseIds", skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<BTreeMap<&'a str, ArtifactLocation>>,
    results: Streamed<Box<dyn Iterator<Item = SarifResult> + 'a>>,
    tool: Tool,
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
fn capped(diagnostics: &[Diagnostic], build: &dyn Fn(usize) -> SarifResult) -> io::Result<(Vec<usize>, [usize; 3])> {
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
    Notification::builder().level(serde_json::json!("warning")).message(Message::builder().text(text).build()).build()
}

fn descriptor(rule: &RuleInfo) -> ReportingDescriptor {
    let mut descriptor = ReportingDescriptor::builder()
        .id(rule.code)
        .name(rule.name)
        .short_description(MultiformatMessageString::builder().text(rule.summary).build())
        .full_description(MultiformatMessageString::builder().text(rule.summary).build())
        .help(MultiformatMessageString::builder().text(rule.doc.as_str()).markdown(rule.doc.as_str()).build())
        .default_configuration(
            ReportingConfiguration::builder().level(serde_json::json!(level(rule.default_severity))).build(),
        )
        .build();
    descriptor.help_uri = rule.help_uri.clone();
    descriptor
}

fn level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

fn result(
    d: &Diagnostic,
    fingerprint: String,
    paths: &Paths<'_>,
    artifacts: &Artifacts,
    rules: &[RuleInfo],
) -> SarifResult {
    let mut message = text::message(&d.message).into_owned();
    if let Some(help) = &d.help {
        message.push_str("\nHow to fix: ");
        message.push_str(&text::message(help));
    }
    let logical = LogicalLocation::builder()
        .fully_qualified_name(text::key(&d.object.to_string()).into_owned())
        .kind(d.object.kind())
        .build();
    let primary = Location::builder()
        .physical_location(physical(&d.primary, paths, artifacts))
        .logical_locations(vec![logical])
        .build();
    let related: Vec<Location> = d
        .secondary
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let location = Location::builder().id(i as i64).physical_location(physical(label, paths, artifacts));
            match &label.message {
                Some(m) => location.message(Message::builder().text(text::message(m).into_owned()).build()).build(),
                None => location.build(),
            }
        })
        .collect();
    let mut result = SarifResult::builder()
        .rule_id(d.code)
        .level(level(d.severity))
        .message(Message::builder().text(message).build())
        .locations(vec![primary])
        .partial_fingerprints(BTreeMap::from([("uclint/v1".to_owned(), fingerprint)]))
        .build();
    if !related.is_empty() {
        result.related_locations = Some(related);
    }
    result.rule_index = rule_info(rules, d.code).map(|(index, _)| index as i64);
    result
}

fn physical(label: &Label, paths: &Paths<'_>, artifacts: &Artifacts) -> PhysicalLocation {
    let at = Position::of(label, paths);
    let region = Region::builder()
        .start_line(at.line as i64)
        .start_column(at.column as i64)
        .end_line(at.end_line as i64)
        .end_column(at.end_column as i64)
        .build();
    PhysicalLocation::builder().artifact_location(artifacts.location(label.span.source)).region(region).build()
}

/// The run's artifacts: every file a result points into, each tar member after its tar.
struct Artifacts {
    list: Vec<Artifact>,
    /// Source id → (index in `list`, URI, its base id).
    by_source: BTreeMap<SourceId, (usize, String, Option<&'static str>)>,
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
            let (uri, base_id) = uri(path, base);
            let mut artifact = Artifact::builder().location(location(&uri, base_id)).build();
            if let Some((archive, _)) = split_member(path) {
                let parent = *archives.entry(archive.to_owned()).or_insert_with(|| {
                    let (uri, base_id) = self::uri(archive, base);
                    artifacts.list.push(Artifact::builder().location(location(&uri, base_id)).build());
                    artifacts.list.len() - 1
                });
                artifact.parent_index = Some(parent as i64);
            }
            artifacts.list.push(artifact);
            artifacts.by_source.insert(id, (artifacts.list.len() - 1, uri, base_id));
        }
        artifacts
    }

    fn location(&self, source: SourceId) -> ArtifactLocation {
        let (index, uri, base) = &self.by_source[&source];
        let mut location = location(uri, *base);
        location.index = Some(*index as i64);
        location
    }
}

/// An artifact location of `uri`, relative to `base` when there is one.
fn location(uri: &str, base: Option<&'static str>) -> ArtifactLocation {
    let mut location = ArtifactLocation::builder().uri(uri).build();
    location.uri_base_id = base.map(str::to_owned);
    location
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

    /// The streamed log is byte for byte what `serde-sarif`'s `Sarif` serialises to: the log
    /// and the run written by hand keep its members, their order and its pretty-printing.
    #[test]
    fn the_streamed_log_is_what_serde_sarif_writes() {
        let sources = crate::many::sources();
        // One over the cap, so that the run has invocations, and a base, so that it has
        // originalUriBaseIds: every member uclint writes.
        let diagnostics: Vec<Diagnostic> = (0..=SARIF_MAX_RESULTS)
            .map(|i| crate::many::finding("T1", Severity::Warning, &format!("SEP{i:06}"), "wrong", "fix it"))
            .collect();
        let summary = crate::Summary::default();
        let report = Report { diagnostics: &diagnostics, sources: &sources, summary: &summary };
        for (cap, diagnostics) in [(true, &diagnostics[..]), (false, &diagnostics[..3]), (true, &[][..])] {
            let report = Report { diagnostics, ..report };
            let options = RenderOptions { cap, base_dir: Some("/work".into()), ..RenderOptions::default() };
            let out = crate::to_string(|out| write_sarif(&report, &[], &options, out));
            let log: serde_sarif::sarif::Sarif = serde_json::from_str(&out).unwrap();
            let run = &log.runs[0];
            assert_eq!(run.results.as_ref().map(Vec::len), Some(diagnostics.len().min(SARIF_MAX_RESULTS)));
            assert_eq!(run.invocations.is_some(), diagnostics.len() > SARIF_MAX_RESULTS);
            assert!(run.original_uri_base_ids.is_some());
            let again = serde_json::to_string_pretty(&log).unwrap() + "\n";
            assert!(again == out, "differs from serde-sarif's:\n{}", &out[..out.len().min(2_000)]);
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
