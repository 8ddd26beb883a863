//! `accesscntrlgrp.csv`: access control groups with the roles they carry (UPPER CASE headers:
//! `DIR GROUP NAME`, `IS STANDARD DIR GROUP`, `FUNCTION ROLE NAME n`, `APPLICATION USER n`,
//! `END USER n`; formats.md §8). Only the group's name and roles are read: users and
//! application users give their own groups.

use uclint_model::AccessControlGroup;

use crate::table::{HeaderMap, Row};
use crate::FileParse;

/// One `accesscntrlgrp.csv` row.
pub fn access_control_group(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(name) = row.value(header, "dir group name") else { return };
    let roles = row.group_values(header, "function role name");
    parse.cluster.access_control_groups.push(AccessControlGroup { name, roles, span: row.span });
}
