//! `intercomdn.csv`: intercom directory numbers (Call Routing > Intercom > Intercom Directory
//! Number) with their Default Activated Device.
//!
//! No real export of this file was seen, so its header is inferred from the admin page's field
//! names and the intercom columns of `phone.csv` (`Intercom Directory Number N`, `Intercom
//! Route Partition N`, `Intercom Default Activated Device N`): those spellings without the
//! number, and the shorter `DIRECTORY NUMBER` / `ROUTE PARTITION` / `DEFAULT ACTIVATED DEVICE`,
//! are accepted, with one INPUT005 note per file.

use uclint_model::IntercomNumber;

use super::columns::{note_inferred, pick};
use crate::table::{HeaderMap, Row};
use crate::FileParse;

/// Accepted spellings of each column, normalised, the expected one first.
const NUMBER: &[&str] = &["intercom directory number", "directory number", "intercom dn", "dn or pattern"];
const PARTITION: &[&str] = &["intercom route partition", "route partition", "intercom partition", "partition"];
const DEFAULT_DEVICE: &[&str] = &["intercom default activated device", "default activated device"];

/// Whether a header is that of `intercomdn.csv`.
pub fn is_intercom_header(has: impl Fn(&str) -> bool) -> bool {
    has("intercom directory number") || DEFAULT_DEVICE.iter().any(|c| has(c))
}

/// One `intercomdn.csv` row.
pub fn intercom_number(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(number) = pick(header, NUMBER) else { return };
    let partition = pick(header, PARTITION).unwrap_or("intercom route partition");
    let Some(dn) = row.dn(header, number, partition) else { return };
    note_inferred(
        parse,
        "intercom-columns",
        dn.span,
        "the intercomdn.csv columns (INTERCOM DIRECTORY NUMBER, INTERCOM ROUTE PARTITION, INTERCOM DEFAULT ACTIVATED \
         DEVICE) are known only by inference; shorter variants are accepted",
    );
    let default_activated_device = pick(header, DEFAULT_DEVICE).and_then(|c| row.value(header, c));
    parse.cluster.intercom_numbers.push(IntercomNumber { dn, default_activated_device, span: row.span });
}
