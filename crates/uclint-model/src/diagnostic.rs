//! The one diagnostic model that rules and parsers produce and every reporter renders.

use std::fmt;

use crate::{ObjectKey, Span};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Advisory or hygiene.
    Info,
    /// Likely breakage, degraded behaviour or a real security risk.
    Warning,
    /// Unsupported by Cisco, or breaks login, registration or presence.
    Error,
}

impl Severity {
    /// Lower-case name, as written in configs and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `info`, `warning` or `error` (case-insensitive).
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A span with an optional caption.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What this place shows, e.g. "IPCC extension here".
    pub message: Option<String>,
}

impl Label {
    /// A label with a caption.
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Label { span, message: Some(message.into()) }
    }
}

/// One finding: from a rule, or from a parser about the input itself.
///
/// It answers three questions: what is wrong (`message`), why it breaks (`message`, second
/// sentence), and what to do (`help`, naming the admin page and field).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, e.g. `UCCX001` or `INPUT002`.
    pub code: &'static str,
    /// Kebab-case name that reads after "allow", e.g. `ipcc-extension-shared`.
    pub name: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// The object the finding is about.
    pub object: ObjectKey,
    /// What is wrong and why it breaks.
    pub message: String,
    /// The exact cell or element in the export.
    pub primary: Label,
    /// Other places that explain the finding (the other devices, the RMCM user …).
    pub secondary: Vec<Label>,
    /// How to fix it: admin page > field.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with no secondary labels and no help.
    pub fn new(
        code: &'static str,
        name: &'static str,
        severity: Severity,
        object: ObjectKey,
        message: impl Into<String>,
        primary: Label,
    ) -> Self {
        Diagnostic { code, name, severity, object, message: message.into(), primary, secondary: Vec::new(), help: None }
    }

    /// Adds a secondary label.
    pub fn with_label(mut self, span: crate::Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label::new(span, message));
        self
    }

    /// Sets the help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Sorts diagnostics into output order: by file, position, code, object and message.
///
/// Sources are numbered in input order, which does not depend on threads, so sorting by
/// source id and offset gives the same order for any thread count.
pub fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.primary.span, a.code, &a.object, &a.message).cmp(&(b.primary.span, b.code, &b.object, &b.message))
    });
}
