//! The part of the SARIF 2.1.0 object model uclint writes, as plain serde structs (as ruff and
//! cargo-deny write theirs): a generated binding of the whole schema (`serde-sarif`) cost a
//! build-time code generator and a second `syn` for the dozen objects used here.
//!
//! Why they look as they do:
//! - Members are declared in alphabetical order of their names, which is the order the logs
//!   uclint wrote with `serde-sarif` had, so that a log is byte for byte what it was; a test
//!   ([`super`]'s `members_are_in_alphabetical_order`) holds every struct to it.
//! - An absent member is left out, never written `null`; so is an empty `relatedLocations`.
//! - Strings are borrowed where the report already holds them (codes, rule documentation,
//!   artifact URIs): a result of a streamed log allocates only its message and fingerprint.

use std::collections::BTreeMap;

use serde::Serialize;

/// The log: one run.
#[derive(Serialize)]
pub(super) struct Log<'a, R> {
    #[serde(rename = "$schema")]
    pub schema: &'a str,
    pub runs: [R; 1],
    pub version: &'a str,
}

/// A run, with the members uclint writes; `R` is how the results are written (streamed).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Run<'a, R> {
    pub artifacts: Vec<Artifact<'a>>,
    pub column_kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invocations: Option<[Invocation; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_uri_base_ids: Option<BTreeMap<&'a str, ArtifactLocation<'a>>>,
    pub results: R,
    pub tool: Tool<'a>,
}

/// A file results point into; a tar member names its tar as its parent.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Artifact<'a> {
    pub location: ArtifactLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_index: Option<usize>,
}

/// A URI, relative to a base id when it has one, and the artifact's index in the run.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ArtifactLocation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
    pub uri: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri_base_id: Option<&'a str>,
}

/// The invocation, written only to carry the notification of results left out.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Invocation {
    pub execution_successful: bool,
    pub tool_execution_notifications: [Notification; 1],
}

/// A message from the tool about the run.
#[derive(Serialize)]
pub(super) struct Notification {
    pub level: &'static str,
    pub message: Message,
}

/// Plain text.
#[derive(Serialize)]
pub(super) struct Message {
    pub text: String,
}

/// The tool: uclint, and the rules its results name.
#[derive(Serialize)]
pub(super) struct Tool<'a> {
    pub driver: ToolComponent<'a>,
}

/// The driver.
#[derive(Serialize)]
pub(super) struct ToolComponent<'a> {
    pub name: &'a str,
    pub rules: Vec<ReportingDescriptor<'a>>,
    pub version: &'a str,
}

/// A rule, with its documentation.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ReportingDescriptor<'a> {
    pub default_configuration: ReportingConfiguration,
    pub full_description: MultiformatMessage<'a>,
    pub help: MultiformatMessage<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help_uri: Option<&'a str>,
    pub id: &'a str,
    pub name: &'a str,
    pub short_description: MultiformatMessage<'a>,
}

/// A rule's default level.
#[derive(Serialize)]
pub(super) struct ReportingConfiguration {
    pub level: &'static str,
}

/// Text, with a Markdown form when there is one.
#[derive(Serialize)]
pub(super) struct MultiformatMessage<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub markdown: Option<&'a str>,
    pub text: &'a str,
}

/// A finding.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SarifResult<'a> {
    /// `new`, `unchanged` or `absent` in `uclint diff`'s log; not written by `check`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_state: Option<&'static str>,
    pub level: &'static str,
    pub locations: [Location<'a>; 1],
    pub message: Message,
    pub partial_fingerprints: Fingerprints,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_locations: Vec<Location<'a>>,
    pub rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule_index: Option<usize>,
}

/// `partialFingerprints`: uclint's one fingerprint, rule and object key.
#[derive(Serialize)]
pub(super) struct Fingerprints {
    #[serde(rename = "uclint/v1")]
    pub v1: String,
}

/// Where a finding is: the primary location (with the object key as a logical location) or a
/// related one (numbered, with its caption).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logical_locations: Option<[LogicalLocation; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Message>,
    pub physical_location: PhysicalLocation<'a>,
}

/// The object a finding is about.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct LogicalLocation {
    pub fully_qualified_name: String,
    pub kind: &'static str,
}

/// A region of an artifact.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PhysicalLocation<'a> {
    pub artifact_location: ArtifactLocation<'a>,
    pub region: Region,
}

/// Lines and columns, 1-based; the end column is exclusive.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Region {
    pub end_column: usize,
    pub end_line: usize,
    pub start_column: usize,
    pub start_line: usize,
}
