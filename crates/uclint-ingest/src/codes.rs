//! Codes of the diagnostics that ingest reports about the input itself.
//!
//! They sit beside the rule codes in output but are not rules: they cannot be selected or
//! ignored, because a file that was not read cannot be linted. An error-level input diagnostic
//! makes `uclint check` exit with 2 ("the export was not fully read"), after every other file
//! has still been linted.

use uclint_model::{Code, Family, Severity, Status};

/// A file or archive member could not be read at all.
pub static UNREADABLE_FILE: Code = Code {
    id: "INPUT001",
    name: "unreadable-file",
    family: Family::Input,
    severity: Severity::Error,
    status: Status::AlwaysOn,
    summary: "A file or archive member could not be read; nothing in it was linted.",
};

/// A file was read but part of it could not be parsed.
pub static MALFORMED_FILE: Code = Code {
    id: "INPUT002",
    name: "malformed-file",
    family: Family::Input,
    severity: Severity::Error,
    status: Status::AlwaysOn,
    summary: "Part of a file could not be parsed; the rest of it and every other file were still linted.",
};

/// A CSV row has more or fewer fields than the header.
pub static RAGGED_ROW: Code = Code {
    id: "INPUT003",
    name: "ragged-row",
    family: Family::Input,
    severity: Severity::Warning,
    status: Status::AlwaysOn,
    summary: "A CSV row has more or fewer fields than its header; its cells were read by position.",
};

/// A value a rule reads is not of the expected form.
pub static INVALID_VALUE: Code = Code {
    id: "INPUT004",
    name: "invalid-value",
    family: Family::Input,
    severity: Severity::Warning,
    status: Status::AlwaysOn,
    summary: "A value that a rule reads is not of the expected form; it was treated as absent.",
};

/// The export uses a form that is only inferred, not confirmed from a real export.
pub static INFERRED_FORM: Code = Code {
    id: "INPUT005",
    name: "inferred-form",
    family: Family::Input,
    severity: Severity::Info,
    status: Status::AlwaysOn,
    summary: "The export uses a form uclint knows only by inference; it was read as described.",
};

/// Two records of the same object give different values for one field.
pub static CONFLICTING_VALUES: Code = Code {
    id: "INPUT006",
    name: "conflicting-values",
    family: Family::Input,
    severity: Severity::Warning,
    status: Status::AlwaysOn,
    summary: "Two records of the same object disagree on a field; the first value read was kept.",
};

/// An AXL `list*` response, which lacks the collections most rules need.
pub static LIST_RESPONSE: Code = Code {
    id: "INPUT007",
    name: "list-response-incomplete",
    family: Family::Input,
    severity: Severity::Warning,
    status: Status::AlwaysOn,
    summary: "An AXL list* response was read; it lacks lines, associations or members that get* or SQL supply.",
};

/// A text file holds NUL bytes.
pub static UNEXPECTED_BYTES: Code = Code {
    id: "INPUT008",
    name: "unexpected-bytes",
    family: Family::Input,
    severity: Severity::Warning,
    status: Status::AlwaysOn,
    summary: "A text file holds NUL bytes, a sign of corruption or a binary file; it was still read.",
};

/// An AXL response that holds no data: a SOAP fault, or a `get*` with an empty `<return/>`.
pub static AXL_ERROR_RESPONSE: Code = Code {
    id: "INPUT009",
    name: "axl-error-response",
    family: Family::Input,
    severity: Severity::Error,
    status: Status::AlwaysOn,
    summary: "An AXL response holds a SOAP fault (named by axlcode and axlmessage) or an empty get* result \
              instead of data; nothing was read from it.",
};

/// Every input code, for listings and docs.
pub static ALL: &[&Code] = &[
    &UNREADABLE_FILE,
    &MALFORMED_FILE,
    &RAGGED_ROW,
    &INVALID_VALUE,
    &INFERRED_FORM,
    &CONFLICTING_VALUES,
    &LIST_RESPONSE,
    &UNEXPECTED_BYTES,
    &AXL_ERROR_RESPONSE,
];
