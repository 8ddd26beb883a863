//! Rule metadata, the declaration macro and the sink rules report into.

use uclint_model::{DataSet, Diagnostic, Label, ObjectKey, Severity, Span};

use crate::Context;

/// Rule families, by code prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// UCCX agent device and line (`UCCX`).
    Uccx,
    /// RMCM / JTAPI application users (`RMCM`).
    Rmcm,
    /// Finesse IP Phone Agent application user (`FIPPA`).
    Fippa,
    /// Extension Mobility and EMCC (`EM`).
    Em,
    /// IM and Presence, Jabber desk-phone control (`IMP`).
    Imp,
    /// LDAP directory and authentication (`LDAP`).
    Ldap,
    /// Security posture (`SEC`).
    Sec,
    /// General hygiene (`GEN`).
    Gen,
}

impl Family {
    /// The code prefix.
    pub fn prefix(self) -> &'static str {
        match self {
            Family::Uccx => "UCCX",
            Family::Rmcm => "RMCM",
            Family::Fippa => "FIPPA",
            Family::Em => "EM",
            Family::Imp => "IMP",
            Family::Ldap => "LDAP",
            Family::Sec => "SEC",
            Family::Gen => "GEN",
        }
    }

    /// What the family covers.
    pub fn describe(self) -> &'static str {
        match self {
            Family::Uccx => "UCCX agent device and line",
            Family::Rmcm => "RMCM and JTAPI application users",
            Family::Fippa => "Finesse IP Phone Agent application user",
            Family::Em => "Extension Mobility and EMCC",
            Family::Imp => "IM and Presence and Jabber desk-phone control",
            Family::Ldap => "LDAP directory and authentication",
            Family::Sec => "security posture",
            Family::Gen => "general hygiene",
        }
    }
}

/// Whether a rule runs by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Runs by default.
    Stable,
    /// Weakly sourced (catalog confidence L): runs only when selected explicitly.
    Disabled,
}

impl Status {
    /// Lower-case name for listings.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Stable => "stable",
            Status::Disabled => "disabled",
        }
    }
}

/// Everything known about a rule, plus its check function.
pub struct RuleMeta {
    /// Stable code, e.g. `UCCX001`.
    pub code: &'static str,
    /// Kebab-case name that reads after "allow".
    pub name: &'static str,
    /// Family.
    pub family: Family,
    /// Severity unless configured otherwise.
    pub default_severity: Severity,
    /// Whether it runs by default.
    pub status: Status,
    /// Data the rule needs: every entry must be met, and an entry is met by any of its data sets.
    pub requires: &'static [&'static [DataSet]],
    /// One line, for listings.
    pub summary: &'static str,
    /// The documentation: What it checks / What it leaves alone / Why it breaks / Example / How to
    /// fix / Sources.
    pub doc: &'static str,
    /// The check.
    pub check: fn(&Context<'_>, &mut Sink<'_>),
}

impl std::fmt::Debug for RuleMeta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleMeta").field("code", &self.code).field("name", &self.name).finish()
    }
}

impl RuleMeta {
    /// The doc comment as Markdown, with rustdoc's leading space removed from each line.
    pub fn doc_text(&self) -> String {
        self.doc.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect::<Vec<_>>().join("\n")
    }

    /// The first requirement the cluster does not meet, described for a "skipped" line.
    pub fn missing_data(&self, present: &dyn Fn(DataSet) -> bool) -> Option<String> {
        let unmet = self.requires.iter().find(|any| !any.iter().any(|d| present(*d)))?;
        let names: Vec<&str> = unmet.iter().map(|d| d.describe()).collect();
        Some(format!("no {} data", names.join(" or ")))
    }

    /// The documentation page for `docs/rules/<CODE>.md`.
    pub fn doc_page(&self) -> String {
        let needs: Vec<String> =
            self.requires.iter().map(|any| any.iter().map(|d| d.describe()).collect::<Vec<_>>().join(" or ")).collect();
        format!(
            "<!-- Generated from the rule's doc comment by `UCLINT_UPDATE_DOCS=1 cargo test -p uclint-rules --test docs`. Do not edit. -->\n\
             # {code} `{name}`\n\n\
             {summary}\n\n\
             | Family | Default severity | Status | Needs |\n\
             |---|---|---|---|\n\
             | {family} | {severity} | {status} | {needs} data |\n\n\
             {doc}\n",
            code = self.code,
            name = self.name,
            summary = self.summary,
            family = self.family.prefix(),
            severity = self.default_severity,
            status = self.status.as_str(),
            needs = if needs.is_empty() { "no particular".to_owned() } else { needs.join("; ") },
            doc = self.doc_text().trim(),
        )
    }
}

/// Declares a rule's `RULE` constant from its doc comment and metadata.
///
/// The doc comment is the single source of the rule's documentation: `uclint rule CODE` prints
/// it and `docs/rules/CODE.md` is generated from it.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        code: $code:literal,
        name: $name:literal,
        family: $family:ident,
        severity: $severity:ident,
        status: $status:ident,
        requires: [$($($data:ident)|+),* $(,)?],
        summary: $summary:literal,
        check: $check:path $(,)?
    ) => {
        $(#[doc = $doc])*
        pub(crate) const RULE: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
            code: $code,
            name: $name,
            family: $crate::rule::Family::$family,
            default_severity: uclint_model::Severity::$severity,
            status: $crate::rule::Status::$status,
            requires: &[$(&[$(uclint_model::DataSet::$data),+]),*],
            summary: $summary,
            doc: concat!($($doc, "\n"),*),
            check: $check,
        };
    };
}
pub(crate) use declare_rule;

/// Where a rule reports its findings, or says why it could not run.
pub struct Sink<'r> {
    rule: &'r RuleMeta,
    severity: Severity,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) skipped: Option<String>,
    pub(crate) notes: Vec<String>,
}

impl<'r> Sink<'r> {
    pub(crate) fn new(rule: &'r RuleMeta, severity: Severity) -> Self {
        Sink { rule, severity, diagnostics: Vec::new(), skipped: None, notes: Vec::new() }
    }

    /// A finding of this rule, at its configured severity, ready for labels and help.
    pub fn finding(&self, object: ObjectKey, span: Span, label: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.rule.code, self.rule.name, self.severity, object, message, Label::new(span, label))
    }

    /// Records a finding.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Declares that the rule could not run, and why; it is listed as skipped in the summary.
    pub fn skip(&mut self, reason: impl Into<String>) {
        self.skipped = Some(reason.into());
    }

    /// A note for the run summary, prefixed with the rule's code: for a rule that ran but could
    /// not make some of its checks (their data is absent), to say which.
    pub fn note(&mut self, note: impl AsRef<str>) {
        self.notes.push(format!("{}: {}", self.rule.code, note.as_ref()));
    }
}
