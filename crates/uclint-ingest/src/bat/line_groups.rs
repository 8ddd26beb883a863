//! `linegroup.csv`: line groups with their numbered member DNs.

use uclint_model::LineGroup;

use crate::table::{Col, HeaderMap, Row};
use crate::FileParse;

/// One `linegroup.csv` row.
pub fn line_group(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(name) = row.value(header, "name") else { return };
    let mut members = Vec::new();
    for n in row.group_numbers(header, "dn or pattern") {
        let Some(dn) = row.dn(header, Col::n("dn or pattern", n), Col::n("route partition", n)) else {
            continue;
        };
        let order = row.number(parse, header, Col::n("line selection order", n)).map_or(n, |o| o.value);
        members.push((order, dn));
    }
    members.sort_by_key(|(order, _)| *order);
    parse.cluster.line_groups.push(LineGroup {
        name,
        members: members.into_iter().map(|(_, dn)| dn).collect(),
        span: row.span,
    });
}
