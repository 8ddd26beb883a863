//! `directorynumber.csv`: directory numbers as objects of their own (Title Case headers; the
//! none partition is `NULL`). The file has no device list (formats.md §5).
//!
//! `Directory Number`, `Route Partition`, `Calling Search Space` (the line CSS) and `Call Pickup
//! Group` are confirmed from a real export (`../shared/domain/bat-export-14.0.md`). The call
//! forward destination columns are inferred: the spellings of `phone.csv`'s per-line columns
//! (confirmed from a real "All Details" export) without the line number (`Forward All
//! Destination`) and a `Call Forward …` variant are accepted, with one INPUT005 note per file.

use uclint_model::{DataSet, DirectoryNumber, Forward, FORWARD_ALL};

use super::columns::{note_inferred, pick};
use crate::table::{HeaderMap, Row};
use crate::FileParse;

/// Each forward, as the admin page names it, with its accepted column spellings; the first is
/// the `phone.csv` per-line spelling without its line number.
pub(super) const FORWARDS: &[(&str, &[&str])] = &[
    (FORWARD_ALL, &["forward all destination", "call forward all destination", "cfa destination"]),
    ("Forward Busy Internal", &["forward busy internal destination", "call forward busy internal destination"]),
    ("Forward Busy External", &["forward busy external destination", "call forward busy external destination"]),
    (
        "Forward No Answer Internal",
        &["forward no answer internal destination", "call forward no answer internal destination"],
    ),
    (
        "Forward No Answer External",
        &["forward no answer external destination", "call forward no answer external destination"],
    ),
    ("Forward No Coverage Internal", &["forward no coverage internal destination"]),
    ("Forward No Coverage External", &["forward no coverage external destination"]),
    ("Forward on CTI Failure", &["forward on cti failure destination", "call forward on cti failure destination"]),
    ("Forward Unregistered Internal", &["forward unregistered internal destination"]),
    ("Forward Unregistered External", &["forward unregistered external destination"]),
];

/// One `directorynumber.csv` row.
pub fn directory_number(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(dn) = row.dn(header, "directory number", "route partition") else { return };
    let mut forwards = Vec::new();
    for (kind, variants) in FORWARDS {
        let Some(destination) = pick(header, variants).and_then(|c| row.value(header, c)) else { continue };
        note_inferred(
            parse,
            "dn-forward-columns",
            destination.span,
            "the call forward destination columns of directorynumber.csv (Forward All Destination, …) are known only \
             by inference",
        );
        forwards.push(Forward { kind, destination });
    }
    // The file says what each DN's CSS is, even where the cell is empty.
    let css_col = header.col("calling search space");
    if css_col.is_some() {
        parse.cluster.present.insert(DataSet::LineCss);
    }
    parse.cluster.directory_numbers.push(DirectoryNumber {
        css: row.value_at(css_col),
        dn,
        associated_devices: Vec::new(),
        allow_cti_control: None,
        call_pickup_group: row.value(header, "call pickup group"),
        forwards,
        hold_reversion_ring_duration: None,
        auto_answer: None,
        span: row.span,
    });
}
