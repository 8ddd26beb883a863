//! `sarif`: SARIF 2.1.0, the format code-scanning services ingest (GitHub code scanning, Azure
//! DevOps, GitLab), built with the `serde-sarif` types.
//!
//! Choices a consumer relies on:
//! - Each result carries `partialFingerprints["uclint/v1"]`, the rule code plus the object key
//!   (see [`crate::fingerprints`]), never a line number, so an alert survives a re-export that
//!   moves its row.
//! - `logicalLocations` name the object key, the identity suppressions and baselines use too.
//! - A tar member `export.tar!phone.csv` is an artifact of its own, nested in the tar through
//!   `parentIndex`; its URI keeps the `!` form every other format prints, because the member
//!   has no path of its own in the repository.
//! - Columns count Unicode characters (`columnKind: unicodeCodePoints`) and end columns are
//!   exclusive, as SARIF defines them.
//! - Text is bounded as in every format ([`crate::text`]): paths and object keys longer than 200
//!   characters are shortened around a hash (so are URIs, fingerprints and logical locations),
//!   long values in messages are elided; JSON escaping is left to the serialiser.

use std::collections::{BTreeMap, BTreeSet};
use std::io;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_sarif::sarif::{
    Artifact, ArtifactLocation, Location, LogicalLocation, Message, MultiformatMessageString, PhysicalLocation, Region,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif, Tool, ToolComponent,
};
use uclint_model::{Diagnostic, Label, Severity, SourceId};

use crate::{fingerprints, rule_info, split_member, text, Paths, Position, Report, RuleInfo};

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

/// Writes the report to `out` as one SARIF log with one run.
pub fn write_sarif(report: &Report<'_>, rules: &[RuleInfo], out: &mut dyn io::Write) -> io::Result<()> {
    let paths = Paths::new(report.sources);
    let artifacts = Artifacts::new(report, &paths);
    let fingerprints = fingerprints(report.diagnostics);
    let results: Vec<SarifResult> = report
        .diagnostics
        .iter()
        .zip(fingerprints)
        .map(|(d, fingerprint)| result(d, fingerprint, &paths, &artifacts, rules))
        .collect();
    let driver = ToolComponent::builder()
        .name("uclint")
        .version(env!("CARGO_PKG_VERSION"))
        .information_uri(env!("CARGO_PKG_REPOSITORY"))
        .rules(rules.iter().map(descriptor).collect::<Vec<_>>())
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .artifacts(artifacts.list)
        .column_kind(serde_json::json!("unicodeCodePoints"))
        .results(results)
        .build();
    let log = Sarif::builder().schema(SCHEMA).version(serde_json::json!("2.1.0")).runs(vec![run]).build();
    serde_json::to_writer_pretty(&mut *out, &log)?;
    out.write_all(b"\n")
}

/// Renders the report as one SARIF log with one run.
pub fn render_sarif(report: &Report<'_>, rules: &[RuleInfo]) -> String {
    crate::to_string(|out| write_sarif(report, rules, out))
}

fn descriptor(rule: &RuleInfo) -> ReportingDescriptor {
    ReportingDescriptor::builder()
        .id(rule.code)
        .name(rule.name)
        .short_description(MultiformatMessageString::builder().text(rule.summary).build())
        .full_description(MultiformatMessageString::builder().text(rule.summary).build())
        .help(MultiformatMessageString::builder().text(rule.doc.as_str()).markdown(rule.doc.as_str()).build())
        .help_uri(rule.help_uri.as_str())
        .default_configuration(
            ReportingConfiguration::builder().level(serde_json::json!(level(rule.default_severity))).build(),
        )
        .build()
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
    /// Source id → (index in `list`, URI).
    by_source: BTreeMap<SourceId, (usize, String)>,
}

impl Artifacts {
    fn new(report: &Report<'_>, paths: &Paths<'_>) -> Self {
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
            let uri = uri(path);
            let mut artifact =
                Artifact::builder().location(ArtifactLocation::builder().uri(uri.as_str()).build()).build();
            if let Some((archive, _)) = split_member(path) {
                let parent = *archives.entry(archive.to_owned()).or_insert_with(|| {
                    artifacts.list.push(
                        Artifact::builder()
                            .location(ArtifactLocation::builder().uri(self::uri(archive)).build())
                            .build(),
                    );
                    artifacts.list.len() - 1
                });
                artifact.parent_index = Some(parent as i64);
            }
            artifacts.list.push(artifact);
            artifacts.by_source.insert(id, (artifacts.list.len() - 1, uri));
        }
        artifacts
    }

    fn location(&self, source: SourceId) -> ArtifactLocation {
        let (index, uri) = &self.by_source[&source];
        ArtifactLocation::builder().uri(uri.as_str()).index(*index as i64).build()
    }
}

/// A display path as a relative URI reference: forward slashes, unsafe characters escaped.
fn uri(path: &str) -> String {
    utf8_percent_encode(&path.replace('\\', "/"), URI_ESCAPES).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_escape_spaces_and_keep_member_separators() {
        assert_eq!(uri("exports\\site a\\x.tar!phone.csv"), "exports/site%20a/x.tar!phone.csv");
        assert_eq!(uri("a#b?.csv"), "a%23b%3F.csv");
    }
}
