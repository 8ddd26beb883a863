//! Remediation writers: what `uclint fix` writes for an admin to review and apply.
//!
//! The rules propose fixes in the model's vocabulary ([`uclint_model::Edit`]: set this field of
//! this object to this value, add this item to this list). This crate turns them into files, one
//! module per form, beside the renderers of `uclint-report` and like them pure: the CLI reads the
//! export's original bytes and writes what these functions return.
//!
//! - [`axl`]: one AXL 14.0 update request per changed object (`updatePhone`, `updateUser`, ...),
//!   whole lists carried where AXL replaces them whole.
//! - [`export`]: byte edits of the export's own files (a CSV cell, an XML element), so that the
//!   fixed export keeps the form it was read in; and the archive rewrite.
//! - [`bat`]: the changed rows of the changed members as an Import/Export tar.
//!
//! A fix a writer cannot express faithfully is *declined* with the reason, never guessed: the
//! plan lists it among the findings not fixed.

pub mod axl;
pub mod bat;
pub mod export;

use uclint_model::{Edit, SourceId};

/// A fix chosen for writing: the index of its finding in the run's diagnostics, and the edit.
#[derive(Clone, Copy, Debug)]
pub struct Chosen<'a> {
    /// Index of the finding in the diagnostics the fixes were taken from.
    pub finding: usize,
    /// The change.
    pub edit: &'a Edit,
}

/// A fix a writer could not express, and why (for the plan).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declined {
    /// Index of the finding.
    pub finding: usize,
    /// Why, as a sentence for the plan.
    pub reason: String,
}

/// How an export file was read, as far as the writers need it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceForm {
    /// A BAT CSV; `complete` lists (every list of a record is in its row).
    BatCsv,
    /// An AXL `get*` response: each record's lists are whole.
    AxlGet,
    /// An AXL `list*` response or `executeSQLQuery` rows: lists may be partial, so no list
    /// fix is offered from it.
    AxlPartial,
    /// Anything else (UCCX adminapi XML, a file not read).
    Other,
}

/// What the writers know of one source file: how it was read and its original bytes.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// The source's id in the run's source map.
    pub id: SourceId,
    /// Its display path (for the plan and file names; hostile, escape before printing).
    pub path: &'a str,
    /// How it was read.
    pub form: SourceForm,
    /// The file's bytes as exported (not masked): what the fixed export rewrites.
    pub bytes: &'a [u8],
}
