//! Codes of the diagnostics that ingest reports about the input itself.
//!
//! They sit beside the rule codes in output but are not rules: they cannot be selected or
//! ignored, because a file that was not read cannot be linted. An error-level input diagnostic
//! makes `uclint check` exit with 2 ("the export was not fully read"), after every other file
//! has still been linted.

use uclint_model::{Diagnostic, Label, ObjectKey, Severity, Span};

/// One input diagnostic kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InputCode {
    /// Stable code.
    pub code: &'static str,
    /// Kebab-case name.
    pub name: &'static str,
    /// Fixed severity.
    pub severity: Severity,
    /// One-line description, for `uclint rules` and the docs.
    pub summary: &'static str,
}

/// A file or archive member could not be read at all.
pub const UNREADABLE_FILE: InputCode = InputCode {
    code: "INPUT001",
    name: "unreadable-file",
    severity: Severity::Error,
    summary: "A file or archive member could not be read; nothing in it was linted.",
};

/// A file was read but part of it could not be parsed.
pub const MALFORMED_FILE: InputCode = InputCode {
    code: "INPUT002",
    name: "malformed-file",
    severity: Severity::Error,
    summary: "Part of a file could not be parsed; the rest of it and every other file were still linted.",
};

/// A CSV row has more or fewer fields than the header.
pub const RAGGED_ROW: InputCode = InputCode {
    code: "INPUT003",
    name: "ragged-row",
    severity: Severity::Warning,
    summary: "A CSV row has more or fewer fields than its header; its cells were read by position.",
};

/// A value a rule reads is not of the expected form.
pub const INVALID_VALUE: InputCode = InputCode {
    code: "INPUT004",
    name: "invalid-value",
    severity: Severity::Warning,
    summary: "A value that a rule reads is not of the expected form; it was treated as absent.",
};

/// The export uses a form that is only inferred, not confirmed from a real export.
pub const INFERRED_FORM: InputCode = InputCode {
    code: "INPUT005",
    name: "inferred-form",
    severity: Severity::Info,
    summary: "The export uses a form uclint knows only by inference; it was read as described.",
};

/// Two records of the same object give different values for one field.
pub const CONFLICTING_VALUES: InputCode = InputCode {
    code: "INPUT006",
    name: "conflicting-values",
    severity: Severity::Warning,
    summary: "Two records of the same object disagree on a field; the first value read was kept.",
};

/// An AXL `list*` response, which lacks the collections most rules need.
pub const LIST_RESPONSE: InputCode = InputCode {
    code: "INPUT007",
    name: "list-response-incomplete",
    severity: Severity::Warning,
    summary: "An AXL list* response was read; it lacks lines, associations or members that get* or SQL supply.",
};

/// A text file holds NUL bytes.
pub const UNEXPECTED_BYTES: InputCode = InputCode {
    code: "INPUT008",
    name: "unexpected-bytes",
    severity: Severity::Warning,
    summary: "A text file holds NUL bytes, a sign of corruption or a binary file; it was still read.",
};

/// An AXL response that holds no data: a SOAP fault, or a `get*` with an empty `<return/>`.
pub const AXL_ERROR_RESPONSE: InputCode = InputCode {
    code: "INPUT009",
    name: "axl-error-response",
    severity: Severity::Error,
    summary: "An AXL response holds a SOAP fault (named by axlcode and axlmessage) or an empty get* result \
              instead of data; nothing was read from it.",
};

/// Every input code, for listings and docs.
pub const ALL: &[InputCode] = &[
    UNREADABLE_FILE,
    MALFORMED_FILE,
    RAGGED_ROW,
    INVALID_VALUE,
    INFERRED_FORM,
    CONFLICTING_VALUES,
    LIST_RESPONSE,
    UNEXPECTED_BYTES,
    AXL_ERROR_RESPONSE,
];

impl InputCode {
    /// A diagnostic of this kind about the file `path`, pointing at `span`.
    pub fn at(self, path: &str, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(
            self.code,
            self.name,
            self.severity,
            ObjectKey::File(path.into()),
            message,
            Label { span, message: None },
        )
    }

    /// A diagnostic of this kind about an object of the model, pointing at `span`.
    pub fn about(self, object: ObjectKey, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.code, self.name, self.severity, object, message, Label { span, message: None })
    }
}
