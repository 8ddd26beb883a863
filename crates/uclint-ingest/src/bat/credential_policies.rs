//! `credpolicy.csv`: credential policies (User Management > User Settings > Credential Policy).
//!
//! Only the name and `INACTIVE DAYS ALLOWED` are read. The column spellings are inferred (the
//! catalog names `INACTIVE DAYS ALLOWED`; the name column follows the other UPPER CASE tar
//! files), so the usual variants are accepted and the file gets one INPUT005 note.
//! `credpolicydef.csv`, which says which credential type (end user password or PIN,
//! application user password) uses which policy, is not read.

use uclint_model::CredentialPolicy;

use super::columns::{note_inferred, pick};
use crate::table::{HeaderMap, Row};
use crate::FileParse;

/// Accepted spellings of each column, normalised, the expected one first.
const NAME: &[&str] = &["name", "display name", "credential policy name", "credential policy"];
pub(super) const INACTIVE_DAYS: &[&str] = &["inactive days allowed", "inactivedaysallowed", "inactive days"];

/// One `credpolicy.csv` row.
pub fn credential_policy(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(name) = pick(header, NAME).and_then(|c| row.value(header, c)) else { return };
    note_inferred(
        parse,
        "credential-policy-columns",
        name.span,
        "the credential policy columns (NAME, INACTIVE DAYS ALLOWED) are known only by inference; common variants of \
         each are accepted",
    );
    let inactive_days_allowed = pick(header, INACTIVE_DAYS).and_then(|c| row.number(parse, header, c));
    parse.cluster.credential_policies.push(CredentialPolicy { name, inactive_days_allowed, span: row.span });
}
