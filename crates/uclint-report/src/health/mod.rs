//! The cluster health report: a self-contained HTML page (and a Markdown variant) that an
//! engineer hands to a customer or a change board.
//!
//! The CLI gathers the facts (agents and their blocking findings, Extension Mobility and
//! presence readiness, what the export says of itself) into a [`Health`]; these modules only
//! render it. Like every renderer here they see the model after ingest has masked secrets, so
//! secrets cannot appear, and they do no IO and read no clock: the page is a function of the
//! report and the facts, byte for byte.
//!
//! # What the page says, in what order
//!
//! A change board asks "can we go live?" first, so the first screen is the context (publisher,
//! version, export and report time, inputs read and not read, objects) and a verdict: blocking
//! errors per area ([`AREAS`]) and the top issues, ranked by severity and then by how many
//! objects they touch. Everything after it is in severity order (errors first): agents, the
//! UCCX call paths ([`CallPaths`]: whether UCCX's redirects reach the agents and ports), the
//! readiness facts, then the findings, one row per group of findings that say the same thing
//! ([`crate::group`]), families with errors first. Skipped rules, notes and the files not read
//! are an appendix.
//!
//! # Size
//!
//! A megacluster has 80,000 findings and more; a page with a row each weighs tens of megabytes
//! and a browser takes seconds per keystroke. The page therefore holds one row per group (at most
//! [`GROUPS_PER_FAMILY`] per family), names at most [`OBJECTS_IN_LIST`] objects of a group, and
//! carries every finding only in the CSV download, compressed ([`csv`]), from which a group's
//! "Show all" button lists its objects 100 at a time. docs/health-report.md has the numbers.
//!
//! # Modules
//!
//! This module holds what both variants say (order, areas, verdict, caps, wording); [`html`] and
//! [`markdown`] render it. The page's parts are below it: [`svg`] draws the charts, [`csv`] the
//! embedded findings, and [`escape`] is the leaf that every value from the input goes through.
//! The dependencies form a tree (no module imports one that imports it back), so each part can
//! be read and tested on its own.

mod csv;
mod escape;
mod html;
mod markdown;
mod svg;

pub use html::render_health_html;
pub use markdown::render_health_markdown;

use std::cmp::Reverse;
use std::fmt::Write as _;

use uclint_model::{Diagnostic, Family, NotReadClass, Severity};

use crate::group::{groups_of, Group};
use crate::Report;

/// Groups shown as rows in one family's table; the rest are counted (and are in the CSV).
pub(crate) const GROUPS_PER_FAMILY: usize = 40;
/// Objects of a group named in its row.
pub(crate) const OBJECTS_NAMED: usize = 3;
/// Objects of a group listed behind its disclosure (and printed); the rest are counted.
pub(crate) const OBJECTS_IN_LIST: usize = 20;
/// Issues on the first screen.
pub(crate) const TOP_ISSUES: usize = 8;
/// Agents listed (those not ready first); the rest are counted.
pub(crate) const AGENTS_LISTED: usize = 150;
/// Blocking findings listed per agent.
pub(crate) const BLOCKING_PER_AGENT: usize = 4;
/// Files not read listed by name in the appendix.
pub(crate) const FILES_LISTED: usize = 40;
/// Unreachable agents and triggers listed in the call-path section; the rest are counted.
pub(crate) const PATHS_LISTED: usize = 50;
/// Assumptions listed in the call-path section; the rest are counted.
pub(crate) const ASSUMPTIONS_LISTED: usize = 12;

/// A feature area of the verdict and the rule families whose errors block it.
///
/// Agent sign-in is UCCX (the agent's line and device), RMCM (the user UCCX monitors devices
/// with) and FIPPA (the agent's phone services); call paths are DIAL (the dial plan, and whether
/// UCCX's redirects reach the agents and ports: a call that cannot reach a signed-in agent blocks
/// a go-live as surely as a sign-in that fails); Extension Mobility is EM; presence is IMP;
/// security is SEC and LDAP (authentication and the directory). Any other family (GEN, INPUT,
/// CONFIG) is counted under "other", so the areas add up to every error.
pub(crate) struct Area {
    /// Name as the verdict shows it.
    pub name: &'static str,
    /// Families whose findings belong to the area.
    pub families: &'static [&'static str],
}

/// The areas of the verdict, in the order a go-live asks about them.
pub(crate) const AREAS: [Area; 5] = [
    Area { name: "Agent sign-in", families: &["UCCX", "RMCM", "FIPPA"] },
    Area { name: "Call paths", families: &["DIAL"] },
    Area { name: "Extension Mobility", families: &["EM"] },
    Area { name: "Presence", families: &["IMP"] },
    Area { name: "Security", families: &["SEC", "LDAP"] },
];

/// The index in [`AREAS`] of "Call paths", whose verdict says how many agents the CTI ports reach.
pub(crate) const CALL_PATHS_AREA: usize = 1;

/// Name of the area that takes every family no other area names.
pub(crate) const OTHER_AREA: &str = "Other";

/// One line of the verdict: an area and its findings by severity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AreaVerdict {
    /// Area name.
    pub name: &'static str,
    /// Families, comma-separated (`UCCX, RMCM, FIPPA`), or what "other" holds.
    pub families: String,
    /// Findings of the area, indexed by `Severity as usize`.
    pub counts: [usize; 3],
}

impl AreaVerdict {
    /// Errors: what blocks the area.
    pub fn errors(&self) -> usize {
        self.counts[Severity::Error as usize]
    }
}

/// `3 errors, 2 warnings, 1 info` (info has no plural), from counts indexed by `Severity as usize`.
pub(crate) fn severity_counts(counts: [usize; 3]) -> String {
    format!(
        "{}, {}, {} info",
        plural(counts[2], "error", "errors"),
        plural(counts[1], "warning", "warnings"),
        crate::count(counts[0])
    )
}

/// The blocked areas with their errors, as the verdict line names them: `agent sign-in 6, security 1`.
pub(crate) fn blocked_areas(areas: &[AreaVerdict]) -> String {
    let blocked: Vec<String> = areas
        .iter()
        .filter(|a| a.errors() > 0)
        .map(|a| format!("{} {}", a.name.to_lowercase(), crate::count(a.errors())))
        .collect();
    blocked.join(", ")
}

/// The area a family belongs to: an index into [`AREAS`], or `AREAS.len()` for "other".
pub(crate) fn area_of(family: &str) -> usize {
    AREAS.iter().position(|a| a.families.contains(&family)).unwrap_or(AREAS.len())
}

/// The verdict per area: those of [`AREAS`], then "other" (families seen in the findings).
pub(crate) fn verdict(diagnostics: &[Diagnostic]) -> Vec<AreaVerdict> {
    let mut lines: Vec<AreaVerdict> =
        AREAS.iter().map(|a| AreaVerdict { name: a.name, families: a.families.join(", "), counts: [0; 3] }).collect();
    lines.push(AreaVerdict { name: OTHER_AREA, families: String::new(), counts: [0; 3] });
    let mut other: Vec<&str> = Vec::new();
    for d in diagnostics {
        let family = d.code.family.prefix();
        let area = area_of(family);
        if area == AREAS.len() && !other.contains(&family) {
            other.push(family);
        }
        lines[area].counts[d.severity as usize] += 1;
    }
    other.sort_unstable();
    lines[AREAS.len()].families = if other.is_empty() { "GEN, INPUT, CONFIG".to_owned() } else { other.join(", ") };
    lines
}

/// Groups of findings ([`crate::group`]) ranked for a reader: by severity (errors first), then
/// by how many objects they touch, then in output order. Deterministic: the ranking depends on
/// the sorted findings alone.
pub(crate) fn ranked_groups(diagnostics: &[Diagnostic]) -> Vec<Group> {
    let mut order: Vec<usize> = (0..diagnostics.len()).collect();
    order.sort_by_key(|&i| Reverse(diagnostics[i].severity));
    let mut groups = groups_of(diagnostics, order);
    groups.sort_by(|a, b| {
        let severity = |g: &Group| diagnostics[g.first()].severity;
        severity(b).cmp(&severity(a)).then(b.len().cmp(&a.len())).then(a.first().cmp(&b.first()))
    });
    groups
}

/// One family's groups, in rank order, with its counts.
pub(crate) struct FamilyGroups {
    /// The family.
    pub family: Family,
    /// Its groups, as indices into the ranked groups (so, in rank order).
    pub groups: Vec<usize>,
    /// Its findings, indexed by `Severity as usize`.
    pub counts: [usize; 3],
}

impl FamilyGroups {
    /// The family's prefix (`UCCX`), as headings name it.
    pub fn name(&self) -> &'static str {
        self.family.prefix()
    }

    /// Findings of the family.
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }
}

/// The ranked groups by family, families with the most errors first (then warnings, then info,
/// then by name).
pub(crate) fn by_family(diagnostics: &[Diagnostic], groups: &[Group]) -> Vec<FamilyGroups> {
    let mut families: Vec<FamilyGroups> = Vec::new();
    for (rank, g) in groups.iter().enumerate() {
        let d = &diagnostics[g.first()];
        let family = d.code.family;
        let at = match families.iter().position(|f| f.family == family) {
            Some(at) => at,
            None => {
                families.push(FamilyGroups { family, groups: Vec::new(), counts: [0; 3] });
                families.len() - 1
            }
        };
        families[at].groups.push(rank);
        families[at].counts[d.severity as usize] += g.len();
    }
    families.sort_by(|a, b| {
        let rank = |f: &FamilyGroups| Reverse((f.counts[2], f.counts[1], f.counts[0]));
        rank(a).cmp(&rank(b)).then(a.name().cmp(b.name()))
    });
    families
}

/// What a family's findings are about, for its heading.
pub(crate) fn family_title(family: Family) -> &'static str {
    match family {
        Family::Uccx => "Unified CCX agents",
        Family::Rmcm => "the RmCm user",
        Family::Fippa => "Finesse IP Phone Agent",
        Family::Em => "Extension Mobility",
        Family::Imp => "IM and Presence",
        Family::Sec => "security",
        Family::Ldap => "LDAP and authentication",
        Family::Gen => "general",
        Family::Dial => "the dial plan and call paths",
        Family::Input => "the input files",
        Family::Config => "the configuration",
    }
}

/// `1 finding`, `2 findings`, `80,018 findings`: a count with thousands separators and the
/// noun in the right number.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", crate::count(n), if n == 1 { one } else { many })
}

/// A display path ([`crate::text::path`], already bounded) in its compact form: the member of
/// an archive (`phone.csv` for `export.tar!phone.csv`) or the file name (`phone.csv` for
/// `exports/phone.csv`). The page shows the whole path on hover.
pub(crate) fn compact_path(path: &str) -> &str {
    let member = path.rsplit_once('!').map_or(path, |(_, m)| m);
    let name = member.rsplit(['/', '\\']).next().unwrap_or(member);
    if name.is_empty() {
        member
    } else {
        name
    }
}

/// What the health report shows beyond the diagnostics.
#[derive(Clone, Debug, Default)]
pub struct Health {
    /// What the export says of itself (a BAT tar's `header.txt`); empty when it says nothing.
    pub export: ExportInfo,
    /// When the report was made, RFC 3339 in UTC (`2026-12-07T18:02:56Z`); the renderer has no
    /// clock, so the CLI gives it (`SOURCE_DATE_EPOCH` when set, for reproducible pages).
    pub generated_at: Option<String>,
    /// The inputs the report was made from, as given.
    pub inputs: Vec<String>,
    /// Objects read, by kind: ("Phones", 11).
    pub objects: Vec<(String, usize)>,
    /// Every UCCX agent, in end-user order.
    pub agents: Vec<AgentReadiness>,
    /// Extension Mobility readiness.
    pub extension_mobility: ReadinessSummary,
    /// IM and Presence readiness.
    pub presence: ReadinessSummary,
    /// The UCCX call paths: whether UCCX's redirects reach the agents and the CTI ports.
    pub call_paths: CallPaths,
}

/// The UCCX call paths (issue #21): whether the two redirects UCCX makes reach where they go,
/// judged by digit analysis on the export's dial plan (`uclint-dialplan`, dialplan.md §8): a CTI
/// port redirects a call to the agent's IPCC extension, and a trigger (CTI route point)
/// redirects it to a CTI port.
///
/// Everything here is gathered by the CLI; every string may hold export text and is escaped
/// when rendered. The lists are complete: the renderers list the first 50 of each and count
/// the rest.
#[derive(Clone, Debug, Default)]
pub struct CallPaths {
    /// Whether the page has the section: false (and everything else empty) when the export
    /// has neither a dial plan nor any UCCX agent, CTI port or trigger.
    pub shown: bool,
    /// Why the paths were not judged at all (the export has no calling search spaces, or no
    /// UCCX objects): the one line the section then says.
    pub not_judged: Option<String>,
    /// Port to agent: the calling search spaces judged, one per distinct search list of the
    /// ports and reason it was chosen.
    pub port_css: Vec<RedirectCss>,
    /// Port to agent: the agents.
    pub agents: PathCounts,
    /// Port to agent: every agent some judged port CSS does not reach, in agent order.
    pub unreachable_agents: Vec<UnreachablePath>,
    /// Trigger to port: the calling search spaces judged.
    pub trigger_css: Vec<RedirectCss>,
    /// Trigger to port: the triggers.
    pub triggers: PathCounts,
    /// Trigger to port: every trigger whose redirect does not reach all of its ports, in
    /// trigger order.
    pub unreachable_triggers: Vec<UnreachablePath>,
    /// What was assumed, and what could not be judged and why, each once, in the order met.
    pub assumptions: Vec<String>,
}

/// How many objects a call path was judged for, and with what result.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PathCounts {
    /// Every object (agent, trigger).
    pub total: usize,
    /// Judged and reached.
    pub reachable: usize,
    /// Not judged (no CSS known for the redirect, or a number that cannot be dialed).
    pub not_judged: usize,
}

impl PathCounts {
    /// Judged and not reached.
    pub fn unreachable(&self) -> usize {
        self.total.saturating_sub(self.reachable + self.not_judged)
    }
}

/// A calling search space a redirect was judged with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RedirectCss {
    /// The search list: `CSS_Agents`, or `line CSS A, then device CSS B`.
    pub css: String,
    /// How many objects redirect with it (CTI ports, triggers).
    pub count: usize,
    /// The first few of them, by name.
    pub examples: Vec<String>,
    /// Why this CSS: the setting it comes from, or the assumption made.
    pub basis: String,
}

/// An agent or trigger a redirect does not reach.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnreachablePath {
    /// The agent's user ID, or the trigger (`route point CXBA_RP`).
    pub name: String,
    /// The number redirected to: the IPCC extension (`6001@PT_Agents`), or the trigger's DN.
    pub extension: String,
    /// The search list that does not reach it.
    pub css: String,
    /// Why: `no match`, `lands on …`, `blocked by …`; for a trigger, which ports are missed.
    pub why: String,
}

/// What an export says of the cluster it came from: a BAT Import/Export tar's `header.txt`
/// (`Time :`, `IP Address :`, `CCM :`). Each is `None` when no input says it, and holds the
/// export's own words (bounded and escaped when rendered, as every value from an export).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportInfo {
    /// When the export was taken, as `header.txt` writes it.
    pub exported_at: Option<String>,
    /// The publisher the export was taken from (`IP Address :`).
    pub publisher: Option<String>,
    /// The Unified CM version (`CCM :`).
    pub version: Option<String>,
}

/// One agent's sign-in readiness.
#[derive(Clone, Debug, Default)]
pub struct AgentReadiness {
    /// User ID.
    pub user: String,
    /// IPCC extension, `pattern@partition`.
    pub extension: String,
    /// Devices and profiles that carry the extension.
    pub devices: Vec<String>,
    /// Error-level findings on the agent or their devices; empty means ready.
    pub blocking: Vec<BlockingFinding>,
}

impl AgentReadiness {
    /// Whether nothing blocks the agent's sign-in.
    pub fn is_ready(&self) -> bool {
        self.blocking.is_empty()
    }
}

/// A finding that stops an agent from signing in.
#[derive(Clone, Debug, Default)]
pub struct BlockingFinding {
    /// Rule code.
    pub code: String,
    /// The finding's message.
    pub message: String,
}

/// Facts and the count of related findings for one feature area.
#[derive(Clone, Debug, Default)]
pub struct ReadinessSummary {
    /// ("EM-enabled phones", "12").
    pub facts: Vec<(String, String)>,
    /// Rule families whose findings belong to this area, e.g. `["EM"]`.
    pub families: Vec<String>,
}

/// Files not read, by class: `[no rule reads, look-alikes, empty, other]`.
pub(crate) fn not_read_counts(report: &Report<'_>) -> [usize; 4] {
    let mut counts = [0; 4];
    for (_, _, class) in &report.summary.files_not_read {
        counts[match class {
            NotReadClass::NoRuleReads => 0,
            NotReadClass::LookAlike => 1,
            NotReadClass::Empty => 2,
            NotReadClass::Other => 3,
        }] += 1;
    }
    counts
}

/// What the classes of files not read are called, in the order of [`not_read_counts`].
pub(crate) const NOT_READ_WORDS: [&str; 4] =
    ["of kinds no rule reads", "templates and look-alikes", "empty", "not recognised"];

/// `17 files read; 120 not read (98 of kinds no rule reads, …)`.
pub(crate) fn inputs_line(report: &Report<'_>) -> String {
    let summary = report.summary;
    let mut line = format!("{} read", plural(summary.files_read.len(), "file", "files"));
    if !summary.files_not_read.is_empty() {
        let parts: Vec<String> = not_read_counts(report)
            .iter()
            .zip(NOT_READ_WORDS)
            .filter(|(n, _)| **n > 0)
            .map(|(n, words)| format!("{} {words}", crate::count(*n)))
            .collect();
        let _ = write!(line, "; {} not read ({})", crate::count(summary.files_not_read.len()), parts.join(", "));
    }
    line
}

/// What the agent sign-in area says of the agents: `4 of 7 agents not ready`, `all 4 agents ready`.
pub(crate) fn agents_verdict(total: usize, ready: usize) -> String {
    match (total.saturating_sub(ready), total) {
        (0, 1) => ": the agent is ready".to_owned(),
        (0, _) => format!(": all {} ready", plural(total, "agent", "agents")),
        (not_ready, _) => format!(": {} of {} not ready", crate::count(not_ready), plural(total, "agent", "agents")),
    }
}

/// Whether the call-path section found an agent or a trigger the redirects cannot reach: the
/// area is then blocked whatever the findings say, so that the verdict never reads "nothing
/// blocking" above a section that lists unreachable agents (the section may judge CTI ports the
/// DIAL rules leave alone, when the run cannot tell UCCX's ports from other applications').
pub(crate) fn call_paths_blocked(paths: &CallPaths) -> bool {
    paths.shown && (paths.agents.unreachable() > 0 || paths.triggers.unreachable() > 0)
}

/// What the call-paths area says of the agents when they were judged: `: 1,997 of 2,000 agents
/// reachable`.
pub(crate) fn call_paths_verdict(paths: &CallPaths) -> Option<String> {
    let agents = paths.agents;
    (paths.shown && paths.not_judged.is_none() && agents.total > agents.not_judged).then(|| {
        format!(": {} of {} reachable", crate::count(agents.reachable), plural(agents.total, "agent", "agents"))
    })
}

/// A call path's counts as a sentence, counts first: `1,997 of 2,000 agents reachable from the CTI
/// ports; 3 not reachable; 1 not judged.`, `4 agents: not judged.` or `No agents.`. `(one, many)` name the objects,
/// `(yes, no)` say the result.
pub(crate) fn path_counts(counts: PathCounts, (one, many): (&str, &str), (yes, no): (&str, &str)) -> String {
    if counts.total == 0 {
        return format!("No {many}.");
    }
    if counts.not_judged == counts.total {
        return format!("{}: not judged.", plural(counts.total, one, many));
    }
    let mut line = format!("{} of {} {yes}", crate::count(counts.reachable), plural(counts.total, one, many));
    if counts.unreachable() > 0 {
        let _ = write!(line, "; {} {no}", crate::count(counts.unreachable()));
    }
    if counts.not_judged > 0 {
        let _ = write!(line, "; {} not judged", crate::count(counts.not_judged));
    }
    line.push('.');
    line
}

/// What [`path_counts`] says of the agents.
pub(crate) const AGENT_WORDS: ((&str, &str), (&str, &str)) =
    (("agent", "agents"), ("reachable from the CTI ports", "not reachable"));
/// What [`path_counts`] says of the triggers.
pub(crate) const TRIGGER_WORDS: ((&str, &str), (&str, &str)) =
    (("trigger", "triggers"), ("reaching every CTI port", "missing some"));

/// A redirect CSS's objects: `2 CTI ports (CXBA_P1, CXBA_P2)`, `300 CTI ports (UCCX_6000, …)`.
pub(crate) fn redirect_objects(css: &RedirectCss, one: &str, many: &str) -> String {
    let mut line = plural(css.count, one, many);
    if !css.examples.is_empty() {
        let more = if css.count > css.examples.len() { ", …" } else { "" };
        let _ = write!(line, " ({}{more})", css.examples.join(", "));
    }
    line
}

/// Findings of the given families.
pub(crate) fn count_in(diagnostics: &[Diagnostic], families: &[String]) -> usize {
    diagnostics.iter().filter(|d| families.iter().any(|f| f == d.code.family.prefix())).count()
}

#[cfg(test)]
mod tests {
    use uclint_model::{Diagnostic, NotReadClass, Severity, SourceMap};

    use super::*;
    use crate::many::{finding, noise, sources};
    use crate::{Report, Summary};

    fn page(diagnostics: &[Diagnostic], summary: &Summary, health: &Health) -> String {
        let sources: SourceMap = sources();
        render_health_html(&Report { diagnostics, sources: &sources, summary }, health)
    }

    fn markdown(diagnostics: &[Diagnostic], summary: &Summary, health: &Health) -> String {
        let sources: SourceMap = sources();
        render_health_markdown(&Report { diagnostics, sources: &sources, summary }, health)
    }

    /// The JSON data the page embeds for its download, parsed.
    fn embedded(page: &str) -> serde_json::Value {
        let start = page.find("id=\"findings-data\">").unwrap() + "id=\"findings-data\">".len();
        let end = start + page[start..].find("</script>").unwrap();
        serde_json::from_str(&page[start..end]).unwrap()
    }

    /// 82,340 findings as a megacluster's systematic faults make them: a dozen rules, each
    /// finding naming its own phone and extension, a few fixes per rule.
    fn megacluster() -> Vec<Diagnostic> {
        let codes = ["UCCX001", "UCCX005", "UCCX006", "RMCM001", "RMCM002", "EM002", "IMP001", "SEC002", "GEN005"];
        (0..82_340)
            .map(|i| {
                let code = codes[i % codes.len()];
                let severity = if i % 41 == 0 { Severity::Warning } else { Severity::Error };
                let name = format!("SEPA{i:011}");
                finding(
                    code,
                    severity,
                    &name,
                    &format!("IPCC extension {}@PT_Internal on {name} is wrong in way {}", 100_000 + i, i % 3),
                    &format!("Device > Phone > {name} > Line {}: fix it", i % 2),
                )
            })
            .collect()
    }

    #[test]
    fn hostile_values_are_escaped_in_every_context() {
        let evil = "</script><script>alert(1)</script><img src=x onerror=alert(2)>\"'&\u{202e}";
        let diagnostics = [finding("UCCX001", Severity::Error, evil, evil, evil)];
        let summary = Summary {
            skipped: vec![("EM003".into(), evil.into())],
            notes: vec![evil.into()],
            files_not_read: vec![(evil.into(), evil.into(), NotReadClass::Other)],
            ..Summary::default()
        };
        let health = Health {
            export: ExportInfo {
                exported_at: Some(evil.into()),
                publisher: Some(evil.into()),
                version: Some(evil.into()),
            },
            generated_at: Some(evil.into()),
            inputs: vec![evil.into()],
            objects: vec![(evil.into(), 1)],
            agents: vec![AgentReadiness {
                user: evil.into(),
                extension: evil.into(),
                devices: vec![evil.into()],
                blocking: vec![BlockingFinding { code: evil.into(), message: evil.into() }],
            }],
            extension_mobility: ReadinessSummary { facts: vec![(evil.into(), evil.into())], families: vec![] },
            presence: ReadinessSummary::default(),
            call_paths: CallPaths {
                shown: true,
                port_css: vec![RedirectCss {
                    css: evil.into(),
                    count: 2,
                    examples: vec![evil.into()],
                    basis: evil.into(),
                }],
                agents: PathCounts { total: 2, reachable: 1, not_judged: 0 },
                unreachable_agents: vec![UnreachablePath {
                    name: evil.into(),
                    extension: evil.into(),
                    css: evil.into(),
                    why: evil.into(),
                }],
                assumptions: vec![evil.into()],
                ..CallPaths::default()
            },
        };
        let html = page(&diagnostics, &summary, &health);
        assert!(html.contains("id=\"unreachable-agents\""), "the call paths are on the page");
        // Text, attributes (title) and the SVG: the only elements are the page's own.
        assert_eq!(html.matches("<script").count(), 2, "only the page's data and code scripts");
        assert_eq!(html.matches("</script>").count(), 2);
        assert!(!html.contains("<img"), "markup from the input went through");
        assert!(!html.contains('\u{202e}'), "a bidi override went through");
        assert!(html.contains("title=\"&lt;/script&gt;"), "a hostile path in a title attribute is escaped");
        // The script blob reads back as the input said it, formula guard and all.
        let data = embedded(&html);
        let csv = data["data"].as_str().unwrap();
        assert_eq!(data["encoding"], "text");
        assert!(csv.contains("alert(1)</script><img src=x"), "{csv}");
        assert!(!csv.contains('\u{202e}'));
        // Markdown: outside code spans (where nothing is markup) every `<` is escaped, and
        // controls are visible.
        let md = markdown(&diagnostics, &summary, &health);
        assert!(!md.contains('\u{202e}'));
        for (i, text) in md.split('`').enumerate().filter(|(i, _)| i % 2 == 0) {
            for (at, _) in text.match_indices('<').filter(|(at, _)| !text[..*at].ends_with('\\')) {
                assert!(text[at..].starts_with("<br>"), "an unescaped tag in segment {i}: {}", &text[at..]);
            }
        }
    }

    #[test]
    fn a_hostile_device_name_is_escaped_wherever_the_page_names_it() {
        // Quotes to leave an attribute, a tag to open a script, a bidi override: as a phone's
        // name in 25 findings (named in the row, listed behind the disclosure, in titles) and as
        // an agent's device.
        let name = "SEP\"><script>alert(1)</script>'\u{202e}";
        let escaped = "SEP&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39;\\u{202e}";
        let diagnostics: Vec<Diagnostic> =
            (0..25).map(|_| finding("UCCX001", Severity::Error, name, "is wrong", "fix it")).collect();
        let health = Health {
            agents: vec![AgentReadiness {
                user: "agent".into(),
                extension: "1000@PT".into(),
                devices: vec![name.into()],
                blocking: vec![],
            }],
            ..Health::default()
        };
        let html = page(&diagnostics, &Summary::default(), &health);
        assert_eq!(html.matches("<script").count(), 2, "only the page's data and code scripts");
        // Every place that names the phone (3 in the row, 20 in the list, the agent's devices)
        // escapes it the one way: entities for markup and quotes, the override made visible.
        let shown = &html[..html.find("id=\"findings-data\"").unwrap()];
        assert_eq!(shown.matches("SEP").count(), 24, "{shown}");
        assert_eq!(shown.matches(escaped).count(), 24, "{shown}");
    }

    #[test]
    fn a_formula_in_the_export_stays_text_in_the_csv() {
        let diagnostics = [finding("GEN005", Severity::Info, "=cmd|'/c calc'!A1", "@SUM(1)", "+1")];
        let html = page(&diagnostics, &Summary::default(), &Health::default());
        let data = embedded(&html);
        let csv = data["data"].as_str().unwrap();
        let row = csv.lines().nth(1).unwrap();
        // The key starts with its kind, so no spreadsheet reads it as a formula: left as it is.
        assert!(row.contains(",\"phone:=cmd|'/c calc'!A1\","), "{row}");
        assert!(row.contains("\"'@SUM(1)\"") && row.contains("\"'+1\""), "{row}");
        // The group column comes last, a bare number: the escaped cells are as they were.
        assert!(row.ends_with(",\"'+1\",0"), "{row}");
    }

    #[test]
    fn data_rows_name_their_group_and_only_big_groups_can_show_all() {
        // Interleaved, least severe first: the group numbers are the page's ranks, not the order.
        let mut diagnostics = vec![finding("EM002", Severity::Info, "p0", "p0 is odd", "fix p0")];
        for i in 1..=21 {
            diagnostics.push(finding("UCCX001", Severity::Error, &format!("u{i}"), &format!("u{i} fails"), "y"));
            if i <= 20 {
                diagnostics.push(finding("IMP001", Severity::Warning, &format!("w{i}"), &format!("w{i} warns"), "x"));
            }
        }
        let html = page(&diagnostics, &Summary::default(), &Health::default());
        let data = embedded(&html);
        let csv = data["data"].as_str().unwrap();
        let mut lines = csv.split("\r\n").filter(|l| !l.is_empty());
        assert!(lines.next().unwrap().ends_with(",fix,group"));
        let mut seen = [0; 3];
        let mut first_of_group0 = None;
        for line in lines {
            let group: usize = line.rsplit(',').next().unwrap().parse().unwrap();
            let expected = match &line[line.find(',').unwrap() + 1..line.find(',').unwrap() + 9] {
                "\"UCCX001" => 0,
                "\"IMP001\"" => 1,
                "\"EM002\"," => 2,
                other => panic!("{other}"),
            };
            assert_eq!(group, expected, "{line}");
            seen[group] += 1;
            if group == 0 && first_of_group0.is_none() {
                first_of_group0 = Some(line.to_owned());
            }
        }
        assert_eq!(seen, [21, 20, 1]);
        // A group's rows in the data are in the order of its list in the page.
        assert!(first_of_group0.unwrap().contains(",\"phone:u1\","));
        for rank in 0..3 {
            assert!(html.contains(&format!("<tr id=\"g{rank}\" data-group=\"{rank}\">")), "row {rank}");
        }
        assert!(html.contains("<details data-group=\"0\">") && html.contains("<details data-group=\"1\">"));
        // 21 objects: one more than the list, so the button; 20 fit the list, so none.
        assert_eq!(html.matches("class=\"show-all\"").count(), 1, "{html}");
        assert!(html.contains("class=\"show-all\" data-group=\"0\" data-total=\"21\">Show all 21 objects</button>"));
    }

    #[test]
    fn groups_rank_by_severity_then_size_and_count_every_finding() {
        let mut diagnostics = vec![finding("EM002", Severity::Info, "p0", "p0 is odd", "fix p0")];
        for i in 1..=3 {
            diagnostics.push(finding("IMP001", Severity::Warning, &format!("p{i}"), &format!("p{i} warns"), "x"));
        }
        for i in 4..=5 {
            diagnostics.push(finding("UCCX001", Severity::Error, &format!("p{i}"), &format!("p{i} fails"), "y"));
        }
        diagnostics.push(finding("UCCX005", Severity::Error, "p6", "p6 fails otherwise", "z"));
        let groups = ranked_groups(&diagnostics);
        let codes: Vec<&str> = groups.iter().map(|g| diagnostics[g.first()].code.id).collect();
        assert_eq!(codes, ["UCCX001", "UCCX005", "IMP001", "EM002"]);
        assert_eq!(groups.iter().map(Group::len).sum::<usize>(), diagnostics.len());
        let families = by_family(&diagnostics, &groups);
        assert_eq!(families.iter().map(FamilyGroups::name).collect::<Vec<_>>(), ["UCCX", "IMP", "EM"]);
        assert_eq!(families[0].counts, [0, 0, 3]);
        let html = page(&diagnostics, &Summary { objects: 1_090, ..Summary::default() }, &Health::default());
        assert!(html.contains("<b>2 findings</b>") && html.contains("<b>3 findings</b>"), "one row per group");
        assert!(html.contains("<dt>Objects read</dt><dd>1,090</dd>"), "the objects check counts");
        assert!(html.contains("7 findings: 3 errors, 3 warnings, 1 info"));
        let top = html.find("id=\"top-issues\"").unwrap();
        let findings = html.find("id=\"findings\"").unwrap();
        let appendix = html.find("id=\"appendix\"").unwrap();
        assert!(top < findings && findings < appendix);
        assert!(html.find("UCCX: ").unwrap() < html.find("IMP: ").unwrap(), "families with errors first");
    }

    #[test]
    fn the_verdict_counts_errors_per_area() {
        let diagnostics = [
            finding("UCCX001", Severity::Error, "a", "a", ""),
            finding("FIPPA002", Severity::Error, "b", "b", ""),
            finding("EM002", Severity::Warning, "c", "c", ""),
            finding("LDAP001", Severity::Error, "d", "d", ""),
            finding("INPUT003", Severity::Error, "e", "e", ""),
        ];
        let areas = verdict(&diagnostics);
        let errors: Vec<(&str, usize)> = areas.iter().map(|a| (a.name, a.errors())).collect();
        assert_eq!(
            errors,
            [
                ("Agent sign-in", 2),
                ("Call paths", 0),
                ("Extension Mobility", 0),
                ("Presence", 0),
                ("Security", 1),
                ("Other", 1)
            ]
        );
        assert_eq!(areas[2].counts[Severity::Warning as usize], 1);
        assert_eq!(areas[5].families, "INPUT");
        let html = page(&diagnostics, &Summary::default(), &Health::default());
        assert!(
            html.contains("Not ready: 4 blocking errors</strong> (agent sign-in 2, security 1, other 1)"),
            "{html}"
        );
        let clean = page(&[], &Summary { rules_run: 1, ..Summary::default() }, &Health::default());
        assert!(clean.contains("<strong>No blocking error</strong> found by the 1 rule that ran"));
    }

    /// A DIAL error blocks the call-paths area, not "other".
    #[test]
    fn dial_errors_block_call_paths() {
        let diagnostics = [finding("DIAL001", Severity::Error, "a", "a", "")];
        let areas = verdict(&diagnostics);
        assert_eq!((areas[CALL_PATHS_AREA].name, areas[CALL_PATHS_AREA].errors()), ("Call paths", 1));
        assert_eq!(areas[AREAS.len()].errors(), 0);
        let html = page(&diagnostics, &Summary::default(), &Health::default());
        assert!(html.contains("Not ready: 1 blocking error</strong> (call paths 1)"), "{html}");
    }

    /// Call paths of a megacluster: 2,000 agents of whom 120 are not reached, 50 triggers of
    /// which 2 miss ports.
    fn call_paths() -> CallPaths {
        CallPaths {
            shown: true,
            port_css: vec![RedirectCss {
                css: "CSS_UCCX_Ports".into(),
                count: 300,
                examples: vec!["UCCX_6000".into(), "UCCX_6001".into(), "UCCX_6002".into()],
                basis: "call control group CCG_Inbound: Redirect Party (the port's CSS)".into(),
            }],
            agents: PathCounts { total: 2_000, reachable: 1_875, not_judged: 5 },
            unreachable_agents: (0..120)
                .map(|i| UnreachablePath {
                    name: format!("agent{i:05}"),
                    extension: format!("{}@PT_Agents_Legacy", 100_000 + i),
                    css: "CSS_UCCX_Ports".into(),
                    why: format!("blocked by route pattern {i} in PT_Block"),
                })
                .collect(),
            triggers: PathCounts { total: 50, reachable: 48, not_judged: 0 },
            unreachable_triggers: vec![UnreachablePath {
                name: "route point RP_5049".into(),
                extension: "5049@PT_CTI".into(),
                css: "CSS_UCCX_Trigger".into(),
                why: "1 of 300 ports not reached".into(),
            }],
            assumptions: (0..20).map(|i| format!("assumption {i}")).collect(),
            ..CallPaths::default()
        }
    }

    #[test]
    fn call_paths_say_counts_first_then_the_unreachable_capped() {
        let health = Health { call_paths: call_paths(), ..Health::default() };
        let html = page(&[], &Summary::default(), &health);
        let section =
            &html[html.find("id=\"call-paths\"").unwrap()..html.find("Extension Mobility readiness").unwrap()];
        let counts =
            section.find("1,875 of 2,000 agents reachable from the CTI ports; 120 not reachable; 5 not judged.");
        let table = section.find("id=\"unreachable-agents\"");
        assert!(counts.is_some() && table.is_some() && counts < table, "{section}");
        assert!(section.contains("300 CTI ports (UCCX_6000, UCCX_6001, UCCX_6002, …)"), "{section}");
        assert!(section.contains("48 of 50 triggers reaching every CTI port; 2 missing some."), "{section}");
        // 50 of the 120 listed, the rest counted; the trigger's row besides.
        assert!(section.contains("agent00049") && !section.contains("agent00050"), "{section}");
        assert!(section.contains("… and 70 agents more not listed."), "{section}");
        assert_eq!(section.matches("<tr><td>").count(), 1 + 50 + 1, "{section}");
        assert!(section.contains("<li>… and 8 more</li>"), "assumptions are capped too");
        assert!(section.contains("Dial-plan findings (DIAL): 0."));
        // The verdict's call-paths area says how many agents are reached, and is blocked by the
        // 120 the section found unreachable even without a finding.
        assert!(html.contains("Blocked</span>: 1,875 of 2,000 agents reachable"), "{html}");
        let md = markdown(&[], &Summary::default(), &health);
        let section = &md[md.find("## UCCX call paths").unwrap()..md.find("## Extension Mobility").unwrap()];
        assert!(section.contains("1,875 of 2,000 agents reachable from the CTI ports; 120 not reachable"));
        assert!(section.contains("| agent00049 |") && !section.contains("agent00050"), "{section}");
        assert!(section.contains("… and 70 agents more not listed."), "{section}");
        assert!(md.contains("| Call paths | DIAL | 0 | 0 | ✖ **Blocked**: 1,875 of 2,000 agents reachable |"));
    }

    #[test]
    fn call_paths_not_judged_say_one_line_and_none_say_nothing() {
        let not_judged =
            CallPaths { shown: true, not_judged: Some("the export has no dial plan".into()), ..CallPaths::default() };
        let health = Health { call_paths: not_judged, ..Health::default() };
        let html = page(&[], &Summary::default(), &health);
        let section =
            &html[html.find("id=\"call-paths\"").unwrap()..html.find("Extension Mobility readiness").unwrap()];
        assert!(section.contains("<p>Not judged: the export has no dial plan.</p>"), "{section}");
        assert!(!section.contains("<table") && !section.contains("<h3"), "{section}");
        assert!(!html.contains("Nothing blocking</span>: "), "no agent count in the verdict when not judged");
        let md = markdown(&[], &Summary::default(), &health);
        assert!(md.contains("## UCCX call paths\n\nNot judged: the export has no dial plan.\n"), "{md}");
        // No dial plan and no UCCX: no section at all.
        for absent in
            [page(&[], &Summary::default(), &Health::default()), markdown(&[], &Summary::default(), &Health::default())]
        {
            assert!(!absent.contains("UCCX call paths") && !absent.contains("id=\"call-paths\""));
        }
    }

    #[test]
    fn singular_and_plural_and_thousands() {
        let one = [finding("UCCX001", Severity::Error, "a", "a", "")];
        let html = page(&one, &Summary::default(), &Health::default());
        assert!(html.contains("1 finding: 1 error, 0 warnings, 0 info"), "{html}");
        assert!(html.contains("Not ready: 1 blocking error</strong>"));
        assert!(!html.contains("1 findings") && !html.contains("1 errors"));
        let md = markdown(&one, &Summary::default(), &Health::default());
        assert!(md.contains("1 finding: 1 error") && !md.contains("1 findings"), "{md}");
        assert_eq!(plural(12_345, "agent", "agents"), "12,345 agents");
    }

    #[test]
    fn compact_paths_name_the_member_or_the_file() {
        assert_eq!(compact_path("exports/x.tar!phone.csv"), "phone.csv");
        assert_eq!(compact_path("a/b/enduser.csv"), "enduser.csv");
        assert_eq!(compact_path("C:\\exports\\axl.xml"), "axl.xml");
        assert_eq!(compact_path("dir/"), "dir/");
    }

    #[test]
    fn eighty_thousand_findings_make_a_small_page() {
        let diagnostics = megacluster();
        let summary = Summary { objects: 322_204, ..Summary::default() };
        let html = page(&diagnostics, &summary, &Health::default());
        assert!(html.len() < 5_000_000, "page is {} bytes", html.len());
        let rows = html.matches("<tr").count();
        assert!(rows < 200, "{rows} table rows");
        assert!(html.matches("<li>").count() < 2_000);
        let data = embedded(&html);
        assert_eq!(data["encoding"], "gzip-base64");
        assert_eq!(data["rows"], 82_340, "every finding is in the download");
        for href in html.split("href=\"").skip(1).chain(html.split("src=\"").skip(1)) {
            assert!(!href.starts_with("http:") && !href.starts_with("https:") && !href.starts_with("//"), "{href}");
        }
        assert!(!html.contains("http://") && !html.contains("https://"));
        let md = markdown(&diagnostics, &summary, &Health::default());
        assert!(md.len() < 1024 * 1024, "markdown is {} bytes", md.len());
    }

    #[test]
    fn data_that_does_not_compress_is_cut_to_the_budget() {
        let diagnostics: Vec<Diagnostic> = (0..20_000)
            .map(|i| finding("GEN005", Severity::Info, &format!("p{i}"), &noise(i, 400), &noise(i + 1, 400)))
            .collect();
        let html = page(&diagnostics, &Summary::default(), &Health::default());
        assert!(html.len() < 5_000_000, "page is {} bytes", html.len());
        let data = embedded(&html);
        let kept = data["rows"].as_u64().unwrap();
        assert!(kept > 1_000 && kept < 20_000, "{kept}");
    }

    #[test]
    fn markdown_stays_under_a_mebibyte() {
        // Every finding its own group, each as long as a message may be.
        let diagnostics: Vec<Diagnostic> = (0..20_000)
            .map(|i| finding(["UCCX001", "EM002", "GEN005"][i % 3], Severity::Error, "p", &noise(i as u64, 2_000), "x"))
            .collect();
        let md = markdown(&diagnostics, &Summary::default(), &Health::default());
        assert!(md.len() < 1024 * 1024, "markdown is {} bytes", md.len());
        assert!(md.contains("not in the table"), "says what it left out");
    }
}
