//! The one diagnostic model that rules and parsers produce and every reporter renders.

use crate::{Code, ObjectKey, Severity, Span};

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
    /// The code, e.g. `UCCX001` or `INPUT002`, with its name and family.
    pub code: &'static Code,
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
    /// The change that removes it, when the run asked for fixes (`uclint fix`) and the rule
    /// has one; `None` in `check`, where it costs a pointer.
    pub fix: Option<Box<crate::Fix>>,
}

impl Diagnostic {
    /// A diagnostic with no secondary labels and no help.
    pub fn new(
        code: &'static Code,
        severity: Severity,
        object: ObjectKey,
        message: impl Into<String>,
        primary: Label,
    ) -> Self {
        Diagnostic {
            code,
            severity,
            object,
            message: message.into(),
            primary,
            secondary: Vec::new(),
            help: None,
            fix: None,
        }
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

/// Diagnostics of a code at its own severity: for input and configuration diagnostics, which
/// no configuration changes. (Here rather than in `code.rs`, which needs nothing of this module.)
impl Code {
    /// A diagnostic of this code about the file `path`, pointing at `span`.
    pub fn at(&'static self, path: &str, span: Span, message: impl Into<String>) -> Diagnostic {
        self.about(ObjectKey::File(path.into()), span, message)
    }

    /// A diagnostic of this code about `object`, pointing at `span`.
    pub fn about(&'static self, object: ObjectKey, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self, self.severity, object, message, Label { span, message: None })
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
