//! Rule metadata, the declaration macro, the sink rules report into and the wording their
//! messages share ([`name_list`]).
//!
//! A rule is a `check` function beside its [`declare_rule!`] declaration. It reports each
//! finding with [`Sink::report`], which builds and records it in one call (secondary labels and
//! help are added to the returned [`Finding`]), and it says why it could not run by returning a
//! [`Skip`]: the helpers that find what a rule needs (the RMCM user, the FIPPA user, UCCX's
//! triggers) return `Result<_, String>`, so `?` turns their reason into a skip. Keeping the
//! mechanics here leaves each rule file with what it checks and nothing else.

use uclint_model::{Code, DataSet, Diagnostic, Fix, Label, ObjectKey, Safety, Severity, Span};

use crate::{Context, Setting};

/// Everything known about a rule, plus its check function.
pub struct RuleMeta {
    /// Its code: id, name, family, default severity, status and summary, as every code has.
    pub code: Code,
    /// Data the rule needs: every entry must be met, and an entry is met by any of its data sets.
    pub requires: &'static [&'static [DataSet]],
    /// Deployment facts the rule needs (`uclint.toml` keys): without one of them it is skipped,
    /// and its reason names the key.
    pub settings: &'static [Setting],
    /// The documentation: What it checks / What it leaves alone / Why it breaks / Example / How to
    /// fix / Sources.
    pub doc: &'static str,
    /// The check: findings go into the sink; `Err` says why the rule could not run.
    pub check: fn(&Context<'_>, &mut Sink) -> Result<(), Skip>,
    /// The rule's fix, when it has one (`uclint fix`).
    pub fix: Option<FixMeta>,
    /// The module that declares the rule (`module_path!()`), whose file is named after the rule.
    pub module: &'static str,
}

/// What a rule's fix does, for `uclint rules`, the rule's page and the plan of `uclint fix`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixMeta {
    /// Safe fixes are applied by `uclint fix`; unsafe ones only with `--unsafe-fixes`.
    pub safety: Safety,
    /// What the fix changes, as a sentence.
    pub summary: &'static str,
}

impl std::fmt::Debug for RuleMeta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleMeta").field("code", &self.code.id).field("name", &self.code.name).finish()
    }
}

/// Rules are identified by their code.
impl PartialEq for RuleMeta {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl RuleMeta {
    /// The doc comment as Markdown, with rustdoc's leading space removed from each line.
    pub fn doc_text(&self) -> String {
        self.doc.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect::<Vec<_>>().join("\n")
    }

    /// The "Fix" section of the rule's page.
    pub fn fix_text(&self) -> String {
        match self.fix {
            None => "None: `uclint fix` leaves this finding to the admin (see How to fix).".to_owned(),
            Some(FixMeta { safety: Safety::Safe, summary }) => {
                format!("Safe: `uclint fix` {summary} It changes only what the finding is about.")
            }
            Some(FixMeta { safety: Safety::Unsafe, summary }) => format!(
                "Unsafe: `uclint fix --unsafe-fixes` {summary} It needs judgement, so it is applied only when asked for."
            ),
        }
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
             {doc}\n\n\
             ## Fix\n\
             {fix}\n",
            code = self.code.id,
            name = self.code.name,
            summary = self.code.summary,
            family = self.code.family.prefix(),
            severity = self.code.severity,
            status = self.code.status.as_str(),
            needs = if needs.is_empty() { "no particular".to_owned() } else { needs.join("; ") },
            doc = self.doc_text().trim(),
            fix = self.fix_text(),
        )
    }
}

/// Declares a rule's `RULE` constant from its doc comment and metadata.
///
/// The doc comment is the single source of the rule's documentation: `uclint rule CODE` prints
/// it and `docs/rules/CODE.md` is generated from it. `settings` names the deployment facts the
/// rule cannot run without (omitted when there are none); the module path is recorded, so that a
/// test can hold each rule to a file of its own name in its family's directory.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        code: $code:literal,
        name: $name:literal,
        family: $family:ident,
        severity: $severity:ident,
        status: $status:ident,
        requires: [$($($data:ident)|+),* $(,)?],
        $(settings: [$($setting:ident),* $(,)?],)?
        summary: $summary:literal,
        check: $check:path
        $(, fix: $safety:ident($fix_summary:literal))? $(,)?
    ) => {
        $(#[doc = $doc])*
        pub(crate) const RULE: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
            code: uclint_model::Code {
                id: $code,
                name: $name,
                family: uclint_model::Family::$family,
                severity: uclint_model::Severity::$severity,
                status: uclint_model::Status::$status,
                summary: $summary,
            },
            requires: &[$(&[$(uclint_model::DataSet::$data),+]),*],
            settings: &[$($($crate::Setting::$setting),*)?],
            doc: concat!($($doc, "\n"),*),
            check: $check,
            fix: $crate::rule::fix_meta!($($safety, $fix_summary)?),
            module: module_path!(),
        };
    };
}
pub(crate) use declare_rule;

macro_rules! fix_meta {
    () => {
        None
    };
    ($safety:ident, $summary:literal) => {
        Some($crate::rule::FixMeta { safety: uclint_model::Safety::$safety, summary: $summary })
    };
}
pub(crate) use fix_meta;

/// Why a rule could not run, for the "skipped" line of the summary, e.g. "no FIPPA user: set
/// fippa-user in uclint.toml".
///
/// A rule returns it from `check`, usually with `?` on a helper that could not find what the
/// rule needs; findings it reported before are kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skip(pub(crate) String);

impl Skip {
    /// A skip with this reason.
    pub fn new(reason: impl Into<String>) -> Self {
        Skip(reason.into())
    }

    /// The reason.
    pub fn reason(&self) -> &str {
        &self.0
    }
}

impl From<String> for Skip {
    fn from(reason: String) -> Self {
        Skip(reason)
    }
}

impl From<&str> for Skip {
    fn from(reason: &str) -> Self {
        Skip(reason.to_owned())
    }
}

/// Where a rule reports its findings and notes.
pub struct Sink {
    rule: &'static RuleMeta,
    severity: Severity,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) notes: Vec<String>,
    /// Whether the run asks for fixes (`uclint fix`); [`Finding::fix`] builds none otherwise.
    pub(crate) fixing: bool,
}

impl Sink {
    pub(crate) fn new(rule: &'static RuleMeta, severity: Severity) -> Self {
        Sink { rule, severity, diagnostics: Vec::new(), notes: Vec::new(), fixing: false }
    }

    /// Reports a finding of this rule, at its configured severity, about `object`: `message` says
    /// what is wrong and why it breaks, and `label` captions the primary `span`. Secondary labels
    /// and help are added to the returned [`Finding`], which is recorded already.
    pub fn report(&mut self, object: ObjectKey, span: Span, label: &str, message: impl Into<String>) -> Finding<'_> {
        let diagnostic = Diagnostic::new(&self.rule.code, self.severity, object, message, Label::new(span, label));
        let index = self.diagnostics.len();
        self.diagnostics.push(diagnostic);
        Finding(&mut self.diagnostics[index], self.fixing)
    }

    /// A note for the run summary, prefixed with the rule's code: for a rule that ran but could
    /// not make some of its checks (their data is absent), to say which.
    pub fn note(&mut self, note: impl AsRef<str>) {
        self.notes.push(format!("{}: {}", self.rule.code.id, note.as_ref()));
    }
}

/// A finding just reported with [`Sink::report`], for its secondary labels and help.
#[derive(Debug)]
pub struct Finding<'s>(&'s mut Diagnostic, bool);

impl Finding<'_> {
    /// Adds a secondary label: another place that explains the finding, with its caption.
    pub fn label(self, span: Span, caption: impl Into<String>) -> Self {
        self.0.secondary.push(Label::new(span, caption));
        self
    }

    /// Sets the help: how to fix it, naming the admin page and field.
    pub fn help(self, help: impl Into<String>) -> Self {
        self.0.help = Some(help.into());
        self
    }

    /// Attaches the fix that removes this finding, built only when the run asks for fixes.
    pub fn fix(self, fix: impl FnOnce() -> Fix) -> Self {
        if self.1 {
            self.0.fix = Some(Box::new(fix()));
        }
        self
    }

    /// Reports this finding at `severity` instead of the rule's: for a case the rule knows to be
    /// milder or graver than its usual one.
    pub fn severity(self, severity: Severity) -> Self {
        self.0.severity = severity;
        self
    }
}

/// Names for a message: all of them up to three, else the first three and a count.
pub fn name_list(names: &[&str]) -> String {
    match names.len() {
        0..=3 => names.join(", "),
        n => format!("{} and {} more", names[..3].join(", "), n - 3),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_lists() {
        assert_eq!(name_list(&["a", "b"]), "a, b");
        assert_eq!(name_list(&["a", "b", "c", "d", "e"]), "a, b, c and 2 more");
    }
}
