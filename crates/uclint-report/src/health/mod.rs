//! The cluster health report: a self-contained HTML page (and a Markdown variant) that an
//! engineer hands to a customer or a change board.
//!
//! The CLI gathers the facts (agents and their blocking findings, Extension Mobility and
//! presence readiness) into a [`Health`]; these modules only render it. Like every renderer
//! here they see the model after ingest has masked secrets, so secrets cannot appear.

mod html;
mod markdown;
mod svg;

pub use html::render_health_html;
pub use markdown::render_health_markdown;

use uclint_model::{Diagnostic, Severity};

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

/// The family prefix of a code: the letters before the digits (`UCCX001` → `UCCX`).
pub(crate) fn family_of(code: &str) -> &str {
    code.trim_end_matches(|c: char| c.is_ascii_digit())
}

/// Diagnostics grouped by family, families in first-seen (sorted) order.
pub(crate) fn by_family(diagnostics: &[Diagnostic]) -> Vec<(&str, Vec<&Diagnostic>)> {
    let mut groups: Vec<(&str, Vec<&Diagnostic>)> = Vec::new();
    for d in diagnostics {
        let family = family_of(d.code);
        match groups.iter_mut().find(|(f, _)| *f == family) {
            Some((_, list)) => list.push(d),
            None => groups.push((family, vec![d])),
        }
    }
    groups.sort_by(|a, b| a.0.cmp(b.0));
    groups
}

/// Counts per severity: [info, warning, error].
pub(crate) fn severity_counts(diagnostics: &[Diagnostic]) -> [usize; 3] {
    let mut counts = [0; 3];
    for d in diagnostics {
        counts[d.severity as usize] += 1;
    }
    counts
}

/// Findings of the given families.
pub(crate) fn count_in(diagnostics: &[Diagnostic], families: &[String]) -> usize {
    diagnostics.iter().filter(|d| families.iter().any(|f| f == family_of(d.code))).count()
}

/// Severity as a word for tables.
pub(crate) fn severity_word(severity: Severity) -> &'static str {
    severity.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_is_the_letter_prefix() {
        assert_eq!(family_of("UCCX001"), "UCCX");
        assert_eq!(family_of("INPUT005"), "INPUT");
    }
}
