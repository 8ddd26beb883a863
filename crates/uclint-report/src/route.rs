//! `uclint route`: one dialed string's way through the dial plan, as Cisco's Dialed Number
//! Analyzer shows it on a live cluster, rendered as text for a person or JSON for a script.
//!
//! The analysis itself is `uclint_dialplan`'s; this module only words it. Every name, pattern,
//! partition and assumption in an analysis is export text: the text form prints it through
//! [`text::terminal`] and [`text::message`], the JSON form bounds it as the check's JSON does.
//!
//! The JSON document (`schema_version` 1, documented in `docs/route.md`) has at least `result`
//! (one of `device`, `trigger`, `hunt-pilot`, `route-pattern`, `blocked`, `no-match`, `loop`,
//! `ambiguous`), `pattern`, `partition`, `devices` and `steps`, as issue #21 asks.

use std::fmt::Write as _;

use serde::Serialize;
use uclint_dialplan::{partition_display, Analysis, CssSource, Matched, Outcome, SearchedCss, Step};
use uclint_model::{DeviceKind, SourceMap, Span};

use crate::{grouped, text};

/// Version of the route JSON document's schema.
pub const ROUTE_SCHEMA_VERSION: u32 = 1;

/// What was asked: where the call comes from and what was dialed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RouteOrigin {
    /// A device and the line whose CSS is used (`--from DEVICE[:LINE]`).
    Device {
        /// The device or profile name.
        device: String,
        /// The line's button index, when there is a line.
        line: Option<u32>,
        /// The line's DN as `pattern@partition`, when there is a line.
        dn: Option<String>,
    },
    /// A calling search space by name (`--css NAME`).
    Css(String),
    /// A line CSS and a device CSS by name (`--line-css`, `--device-css`): an Extension Mobility
    /// login, or any pairing to try. Either may be absent.
    CssPair {
        /// The line CSS, searched first.
        line_css: Option<String>,
        /// The device CSS.
        device_css: Option<String>,
    },
}

/// One analysis with what it answers, ready to render.
#[derive(Debug)]
pub struct RouteReport<'a> {
    /// Where the call comes from.
    pub origin: &'a RouteOrigin,
    /// The digits as given.
    pub digits: &'a str,
    /// The analysis.
    pub analysis: &'a Analysis,
    /// The sources the spans point into.
    pub sources: &'a SourceMap,
}

/// The `result` word of an outcome.
fn result_word(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Device { .. } => "device",
        Outcome::Trigger { .. } => "trigger",
        Outcome::HuntPilot { .. } => "hunt-pilot",
        Outcome::RoutePattern { .. } => "route-pattern",
        Outcome::Blocked { .. } => "blocked",
        Outcome::NoMatch { .. } => "no-match",
        Outcome::Loop { .. } => "loop",
        Outcome::Ambiguous { .. } => "ambiguous",
    }
}

/// `file:line:column` of a span.
fn location(sources: &SourceMap, span: Span) -> String {
    let file = sources.get(span.source);
    let (line, column) = file.line_col(span.start);
    format!("{}:{line}:{column}", text::path(&file.path))
}

fn device_kind(kind: DeviceKind) -> &'static str {
    match kind {
        DeviceKind::Phone => "phone",
        DeviceKind::DeviceProfile => "device-profile",
    }
}

// ---------------------------------------------------------------------------------------------
// Text

/// Export text for the terminal: bounded and with controls made visible.
fn t(value: &str) -> String {
    text::terminal_message(value).into_owned()
}

/// The searched CSSs as `CSS_A (line), CSS_B (device)`.
fn css_list(css: &[SearchedCss]) -> String {
    if css.is_empty() {
        return "none".to_owned();
    }
    let named: Vec<String> = css
        .iter()
        .map(|c| {
            let missing = if c.found { "" } else { ", not in the export" };
            format!("{} ({}{missing})", t(&c.name), source_word(c.source))
        })
        .collect();
    named.join(", ")
}

fn source_word(source: CssSource) -> &'static str {
    match source {
        CssSource::Line => "line CSS",
        CssSource::Device => "device CSS",
        CssSource::Pattern => "translation pattern's CSS",
        CssSource::Originator => "originator's CSS",
        CssSource::Given => "given",
    }
}

fn matched_text(m: &Matched, sources: &SourceMap) -> String {
    let urgent = if m.urgent { ", urgent" } else { "" };
    format!(
        "{} {} in {} ({} string{} of this length{urgent}) at {}",
        m.kind,
        t(&m.pattern),
        t(partition_display(&m.partition)),
        grouped(m.count),
        if m.count == 1 { "" } else { "s" },
        text::terminal(&location(sources, m.span)),
    )
}

fn write_step(out: &mut String, number: usize, step: &Step, sources: &SourceMap) {
    let _ = writeln!(out, "Step {number}: analyse {}", t(&step.digits));
    let _ = writeln!(out, "  calling search spaces: {}", css_list(&step.css));
    let partitions: Vec<String> = step.partitions.iter().map(|p| t(partition_display(p))).collect();
    let _ = writeln!(out, "  partitions searched, in order: {}", partitions.join(", "));
    match &step.matched {
        Some(m) => {
            let _ = writeln!(out, "  matched: {}", matched_text(m, sources));
        }
        None => out.push_str("  matched: nothing\n"),
    }
    if step.ambiguous {
        out.push_str("  ambiguous: equally close patterns in one partition; CUCM's choice is undocumented\n");
    }
    for alternate in &step.alternates {
        let _ = writeln!(out, "  alternate: {}", matched_text(alternate, sources));
    }
    if let Some(after) = step.routed_after {
        let _ = writeln!(out, "  routed after digit {after} (urgent priority)");
    }
    if step.interdigit_wait {
        out.push_str(
            "  waits for the interdigit timeout (T302) here: a longer number could still match, the pattern is \
             not urgent and no Do Not Wait For Interdigit Timeout applies\n",
        );
    }
    if let Some(change) = &step.transformation {
        let _ = writeln!(out, "  called number: {} -> {}", t(&change.before), t(&change.after));
    }
    if !step.next_css.is_empty() {
        let _ = writeln!(out, "  next: analyse again with {}", css_list(&step.next_css));
    }
}

fn origin_text(origin: &RouteOrigin) -> String {
    match origin {
        RouteOrigin::Device { device, line: Some(line), dn: Some(dn) } => {
            format!("device {} line {line} ({})", t(device), t(dn))
        }
        RouteOrigin::Device { device, .. } => format!("device {} (no line)", t(device)),
        RouteOrigin::Css(css) => format!("calling search space {}", t(css)),
        RouteOrigin::CssPair { line_css, device_css } => {
            let named = |css: &Option<String>| css.as_deref().map_or("none".to_owned(), t);
            format!("line CSS {} and device CSS {}", named(line_css), named(device_css))
        }
    }
}

fn outcome_text(outcome: &Outcome) -> String {
    let devices = |devices: &[uclint_dialplan::DeviceRef]| {
        if devices.is_empty() {
            "on no exported device".to_owned()
        } else {
            let names: Vec<String> = devices.iter().map(|d| t(&d.name)).collect();
            format!("on {}", names.join(", "))
        }
    };
    match outcome {
        Outcome::Device { dn, devices: on } => format!("directory number {} rings {}", t(&dn.to_string()), devices(on)),
        Outcome::Trigger { dn, devices: on } => format!(
            "directory number {} of a CTI route point or UCCX trigger ({}): the application takes the call",
            t(&dn.to_string()),
            devices(on)
        ),
        Outcome::HuntPilot { pattern, partition, hunt_list, line_groups } => {
            let list = match (hunt_list, line_groups) {
                (Some(list), Some(groups)) => {
                    let groups: Vec<String> = groups.iter().map(|g| t(g)).collect();
                    format!(
                        "hunt list {} (line groups: {})",
                        t(list),
                        if groups.is_empty() { "none".to_owned() } else { groups.join(", ") }
                    )
                }
                (Some(list), None) => format!("hunt list {} (not in the export)", t(list)),
                (None, _) => "no hunt list".to_owned(),
            };
            format!("hunt pilot {} in {} -> {list}", t(pattern), t(partition_display(partition)))
        }
        Outcome::RoutePattern { pattern, partition, destination, route_groups, called } => {
            let to = match (destination, route_groups) {
                (Some(d), Some(groups)) => {
                    let groups: Vec<String> = groups.iter().map(|g| t(g)).collect();
                    format!(
                        "route list {} (route groups: {})",
                        t(d),
                        if groups.is_empty() { "none".to_owned() } else { groups.join(", ") }
                    )
                }
                (Some(d), None) => format!("{} (gateway or trunk)", t(d)),
                (None, _) => "no destination".to_owned(),
            };
            format!(
                "route pattern {} in {} -> {to}; called number {}",
                t(pattern),
                t(partition_display(partition)),
                t(called)
            )
        }
        Outcome::Blocked { kind, pattern, partition } => {
            format!("blocked by {kind} {} in {}", t(pattern), t(partition_display(partition)))
        }
        Outcome::NoMatch { digits } => format!("no pattern matches {} (the caller hears reorder)", t(digits)),
        Outcome::Loop { chain } => {
            let hops: Vec<String> = chain.iter().map(|(digits, _)| t(digits)).collect();
            format!("translation loop: {}", hops.join(" -> "))
        }
        Outcome::Ambiguous { candidates } => {
            let names: Vec<String> = candidates
                .iter()
                .map(|m| format!("{} in {}", t(&m.pattern), t(partition_display(&m.partition))))
                .collect();
            format!("ambiguous: {} match equally closely in one partition", names.join(" and "))
        }
    }
}

/// The analysis as text, in the order Dialed Number Analyzer shows it: what was asked, each
/// step, the result, then what was assumed.
pub fn render_route_text(report: &RouteReport<'_>) -> String {
    let analysis = report.analysis;
    let mut out = String::new();
    let _ = writeln!(out, "Dialed {} from {} ({})\n", t(report.digits), origin_text(report.origin), analysis.mode);
    for (i, step) in analysis.steps.iter().enumerate() {
        write_step(&mut out, i + 1, step, report.sources);
        out.push('\n');
    }
    let _ = writeln!(out, "Result: {}", outcome_text(&analysis.outcome));
    if !analysis.assumptions.is_empty() {
        out.push_str("\nAssumptions:\n");
        for assumption in &analysis.assumptions {
            let _ = writeln!(out, "  - {}", t(assumption));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// JSON

#[derive(Serialize)]
struct Document {
    schema_version: u32,
    origin: JsonOrigin,
    digits: String,
    mode: &'static str,
    result: &'static str,
    pattern: Option<String>,
    partition: Option<String>,
    devices: Vec<JsonDevice>,
    destination: Option<String>,
    called: Option<String>,
    steps: Vec<JsonStep>,
    assumptions: Vec<String>,
    depends_on_cti_css_order: bool,
    depends_on_originator_css_reading: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    candidates: Option<Vec<JsonMatch>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    chain: Option<Vec<JsonHop>>,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
enum JsonOrigin {
    Device { device: String, line: Option<u32>, dn: Option<String> },
    Css { css: String },
    CssPair { line_css: Option<String>, device_css: Option<String> },
}

#[derive(Serialize)]
struct JsonDevice {
    name: String,
    kind: &'static str,
}

#[derive(Serialize)]
struct JsonCss {
    name: String,
    source: String,
    found: bool,
}

#[derive(Serialize)]
struct JsonMatch {
    kind: String,
    pattern: String,
    partition: String,
    strings: String,
    urgent: bool,
    file: String,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct JsonStep {
    digits: String,
    css: Vec<JsonCss>,
    partitions: Vec<String>,
    matched: Option<JsonMatch>,
    alternates: Vec<JsonMatch>,
    ambiguous: bool,
    routed_after: Option<usize>,
    interdigit_wait: bool,
    transformation: Option<JsonTransformation>,
    next_css: Vec<JsonCss>,
}

#[derive(Serialize)]
struct JsonTransformation {
    before: String,
    after: String,
}

#[derive(Serialize)]
struct JsonHop {
    digits: String,
    css: Vec<String>,
}

/// Export text for JSON: bounded, escaped by the serialiser.
fn j(value: &str) -> String {
    text::message(value).into_owned()
}

fn json_css(css: &[SearchedCss]) -> Vec<JsonCss> {
    css.iter().map(|c| JsonCss { name: j(&c.name), source: c.source.to_string(), found: c.found }).collect()
}

fn json_match(m: &Matched, sources: &SourceMap) -> JsonMatch {
    let file = sources.get(m.span.source);
    let (line, column) = file.line_col(m.span.start);
    JsonMatch {
        kind: m.kind.to_string(),
        pattern: j(&m.pattern),
        partition: j(partition_display(&m.partition)),
        // A count can exceed what a JSON number keeps exactly (u128): a string.
        strings: m.count.to_string(),
        urgent: m.urgent,
        file: text::path(&file.path).into_owned(),
        line,
        column,
    }
}

fn json_step(step: &Step, sources: &SourceMap) -> JsonStep {
    JsonStep {
        digits: j(&step.digits),
        css: json_css(&step.css),
        partitions: step.partitions.iter().map(|p| j(partition_display(p))).collect(),
        matched: step.matched.as_ref().map(|m| json_match(m, sources)),
        alternates: step.alternates.iter().map(|m| json_match(m, sources)).collect(),
        ambiguous: step.ambiguous,
        routed_after: step.routed_after,
        interdigit_wait: step.interdigit_wait,
        transformation: step
            .transformation
            .as_ref()
            .map(|c| JsonTransformation { before: j(&c.before), after: j(&c.after) }),
        next_css: json_css(&step.next_css),
    }
}

/// The analysis as one JSON document.
pub fn render_route_json(report: &RouteReport<'_>) -> String {
    let analysis = report.analysis;
    let devices = |on: &[uclint_dialplan::DeviceRef]| {
        on.iter().map(|d| JsonDevice { name: j(&d.name), kind: device_kind(d.kind) }).collect()
    };
    let mut document = Document {
        schema_version: ROUTE_SCHEMA_VERSION,
        origin: match report.origin {
            RouteOrigin::Device { device, line, dn } => {
                JsonOrigin::Device { device: j(device), line: *line, dn: dn.as_deref().map(j) }
            }
            RouteOrigin::Css(css) => JsonOrigin::Css { css: j(css) },
            RouteOrigin::CssPair { line_css, device_css } => {
                JsonOrigin::CssPair { line_css: line_css.as_deref().map(j), device_css: device_css.as_deref().map(j) }
            }
        },
        digits: j(report.digits),
        mode: match analysis.mode {
            uclint_dialplan::Mode::EnBloc => "en-bloc",
            uclint_dialplan::Mode::DigitByDigit => "digit-by-digit",
        },
        result: result_word(&analysis.outcome),
        pattern: None,
        partition: None,
        devices: Vec::new(),
        destination: None,
        called: None,
        steps: analysis.steps.iter().map(|s| json_step(s, report.sources)).collect(),
        assumptions: analysis.assumptions.iter().map(|a| j(a)).collect(),
        depends_on_cti_css_order: analysis.depends_on_cti_order,
        depends_on_originator_css_reading: analysis.depends_on_originator_css,
        candidates: None,
        chain: None,
    };
    match &analysis.outcome {
        Outcome::Device { dn, devices: on } | Outcome::Trigger { dn, devices: on } => {
            document.pattern = Some(j(&dn.pattern));
            document.partition = Some(j(dn.partition_display()));
            document.devices = devices(on);
        }
        Outcome::HuntPilot { pattern, partition, hunt_list, .. } => {
            document.pattern = Some(j(pattern));
            document.partition = Some(j(partition_display(partition)));
            document.destination = hunt_list.as_deref().map(j);
        }
        Outcome::RoutePattern { pattern, partition, destination, called, .. } => {
            document.pattern = Some(j(pattern));
            document.partition = Some(j(partition_display(partition)));
            document.destination = destination.as_deref().map(j);
            document.called = Some(j(called));
        }
        Outcome::Blocked { pattern, partition, .. } => {
            document.pattern = Some(j(pattern));
            document.partition = Some(j(partition_display(partition)));
        }
        Outcome::NoMatch { digits } => document.called = Some(j(digits)),
        Outcome::Loop { chain } => {
            document.chain = Some(
                chain
                    .iter()
                    .map(|(digits, css)| JsonHop { digits: j(digits), css: css.iter().map(|c| j(c)).collect() })
                    .collect(),
            );
        }
        Outcome::Ambiguous { candidates } => {
            document.candidates = Some(candidates.iter().map(|m| json_match(m, report.sources)).collect());
        }
    }
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_in_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(6_400_000_000), "6,400,000,000");
        assert_eq!(grouped(u128::MAX).len(), 39 + 12);
    }
}
