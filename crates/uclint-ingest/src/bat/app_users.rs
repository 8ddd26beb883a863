//! `appuser.csv`: application users with their controlled devices and groups.

use uclint_model::AppUser;

use crate::table::{Col, HeaderMap, Row};
use crate::FileParse;

/// One `appuser.csv` row.
pub fn app_user(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(name) = row.value(header, "application user name") else { return };
    let mut controlled_devices = Vec::new();
    let mut controlled_profiles = Vec::new();
    for n in row.group_numbers(header, "device name") {
        let Some(device) = row.value(header, Col::n("device name", n)) else { continue };
        let association = row.value(header, Col::n("type user association", n));
        // [I] formats.md §8 shows `Cti Control In` for devices; a profile association is
        // assumed to say "Profile" as it does in enduser.csv.
        match association {
            Some(a) if a.value.to_ascii_lowercase().contains("profile") => controlled_profiles.push(device),
            _ => controlled_devices.push(device),
        }
    }
    parse.cluster.app_users.push(AppUser {
        name,
        controlled_devices,
        controlled_profiles,
        groups: row.group_values(header, "dir group name"),
        span: row.span,
    });
}
