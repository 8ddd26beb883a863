//! Access control groups: the names of the standard groups CUCM ships, the admin page that adds a
//! user to one, and which of the export's groups grant a role.
//!
//! A user holds a role through a group: a standard group carries the role of the same name, and
//! a custom group carries the roles the export lists for it (BAT `accesscntrlgrp.csv`, AXL
//! `userGroup/userRoles`). [`GroupRoles`] indexes the latter once, so that a rule asks of each
//! user in constant time whether any of their groups grants a role.

use rustc_hash::FxHashMap;
use uclint_model::{AccessControlGroup, Cluster, Spanned, Text};

/// Lets a user or application control devices through CTI.
pub const CTI_ENABLED: &str = "Standard CTI Enabled";
/// Needed to control 88xx/89xx/99xx/DX (and 78xx) phones through CTI.
pub const CONNECTED_XFER: &str = "Standard CTI Allow Control of Phones supporting Connected Xfer and conf";
/// Needed to control 69xx phones through CTI.
pub const ROLLOVER: &str = "Standard CTI Allow Control of Phones supporting Rollover Mode";
/// Lets the holder control every device in the cluster.
pub const ALL_DEVICES: &str = "Standard CTI Allow Control of All Devices";
/// The minimum group for end users.
pub const CCM_END_USERS: &str = "Standard CCM End Users";
/// Lets a CTI application silently monitor calls.
pub const CALL_MONITORING: &str = "Standard CTI Allow Call Monitoring";
/// Lets a CTI application record calls.
pub const CALL_RECORDING: &str = "Standard CTI Allow Call Recording";
/// Lets a CTI application receive SRTP keys.
pub const SRTP_KEY_MATERIAL: &str = "Standard CTI Allow Reception of SRTP Key Material";
/// Secure (TLS) CTI connections.
pub const SECURE_CONNECTION: &str = "Standard CTI Secure Connection";
/// Full CUCM administration.
pub const SUPER_USERS: &str = "Standard CCM Super Users";
/// AXL API access.
pub const AXL_API: &str = "Standard AXL API Access";

/// Help text for adding a user to an access control group; `page` is `End User` or
/// `Application User`.
pub fn add_to_group_help(page: &str, user: &str, group: &str) -> String {
    format!("User Management > {page} > {user} > Permissions Information > Add to Access Control Group > {group}")
}

/// The roles of the export's access control groups (BAT `accesscntrlgrp.csv`, AXL
/// `userGroup/userRoles`), built once per rule run: for each role, the groups that carry it.
///
/// Rules ask whether each of 160,000 users holds a role, through each of the user's groups; the
/// role is looked up once per question, and each group's name compared with the few that carry
/// it, rather than each group looked up by its lower-cased name.
pub struct GroupRoles {
    /// Role (trimmed, ASCII lower case) → the names (trimmed, lower case) of the groups that
    /// carry it.
    holders: FxHashMap<String, Vec<String>>,
}

impl GroupRoles {
    /// Indexes the cluster's access control groups. Of groups whose names differ only in case,
    /// the last one's roles count.
    pub fn new(cluster: &Cluster) -> Self {
        let by_name: FxHashMap<String, &AccessControlGroup> =
            cluster.access_control_groups.iter().map(|g| (g.name.value.trim().to_lowercase(), g)).collect();
        let mut holders: FxHashMap<String, Vec<String>> = FxHashMap::default();
        for (name, group) in by_name {
            for role in &group.roles {
                let names = holders.entry(role.value.trim().to_ascii_lowercase()).or_default();
                if !names.contains(&name) {
                    names.push(name.clone());
                }
            }
        }
        GroupRoles { holders }
    }

    /// The cell of the first of `groups` that grants `role` ([`Role::granting`]).
    pub fn granting<'g>(&self, groups: &'g [Spanned<Text>], role: &str) -> Option<&'g Spanned<Text>> {
        self.role(role).granting(groups)
    }

    /// `role` with the groups that carry it.
    pub fn role<'r>(&'r self, role: &'r str) -> Role<'r> {
        // Most exports give no roles: then only the names count, with no lookup at all.
        let holders = if self.holders.is_empty() { None } else { self.holders(role) };
        Role { name: role, holders: holders.map_or(&[], Vec::as_slice) }
    }

    /// The groups that carry `role`, which is lower-cased on the stack when it is short (role
    /// names are), not allocated.
    fn holders(&self, role: &str) -> Option<&Vec<String>> {
        let mut buffer = [0u8; 128];
        match buffer.get_mut(..role.len()) {
            Some(lower) => {
                lower.copy_from_slice(role.as_bytes());
                lower.make_ascii_lowercase();
                self.holders.get(std::str::from_utf8(lower).ok()?)
            }
            None => self.holders.get(&role.to_ascii_lowercase()),
        }
    }
}

/// A role and the groups (trimmed, lower case) that carry it as the export gives roles, from
/// [`Context::role`](crate::Context::role).
#[derive(Clone, Copy, Debug)]
pub struct Role<'r> {
    name: &'r str,
    holders: &'r [String],
}

impl Role<'_> {
    /// The cell of the first of `groups` that grants the role: a group of its name (each
    /// standard group carries the role of the same name), or a group whose roles, as the export
    /// gives them, include it. Compared case-insensitively.
    pub fn granting<'g>(&self, groups: &'g [Spanned<Text>]) -> Option<&'g Spanned<Text>> {
        let same = |name: &str| name.trim().eq_ignore_ascii_case(self.name);
        groups.iter().find(|g| same(&g.value)).or_else(|| {
            if self.holders.is_empty() {
                return None;
            }
            groups.iter().find(|g| {
                let name = g.value.trim();
                self.holders.iter().any(|holder| {
                    if name.is_ascii() {
                        holder.eq_ignore_ascii_case(name)
                    } else {
                        *holder == name.to_lowercase()
                    }
                })
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use uclint_model::{SourceId, Span};

    use super::*;

    #[test]
    fn a_role_is_granted_by_its_name_or_by_a_group_that_carries_it_in_any_case() {
        let span = Span::file_start(SourceId::new(0));
        let text = |s: &str| Spanned::new(Text::from(s), span);
        let group = |name: &str, roles: &[&str]| AccessControlGroup {
            name: text(name),
            roles: roles.iter().map(|r| text(r)).collect(),
            span,
        };
        let cluster = Cluster {
            access_control_groups: vec![
                group("UCCX Admins", &[" standard cti enabled ", "Standard CTI Allow Call Monitoring"]),
                group("Équipe CTI", &["Standard CTI Allow Call Recording"]),
                group("No Roles", &[]),
            ],
            ..Cluster::default()
        };
        let roles = GroupRoles::new(&cluster);
        let groups = |names: &[&str]| names.iter().map(|n| text(n)).collect::<Vec<_>>();
        let granted = |names: &[&str], role: &str| roles.granting(&groups(names), role).map(|g| g.value.to_string());
        let (enabled, recording) = ("Standard CTI Enabled", "Standard CTI Allow Call Recording");
        assert_eq!(granted(&["No Roles", "standard CTI enabled"], enabled).as_deref(), Some("standard CTI enabled"));
        assert_eq!(granted(&["No Roles", " uccx ADMINS "], enabled).as_deref(), Some(" uccx ADMINS "));
        assert_eq!(granted(&["UCCX Admins", "Standard CTI Enabled"], enabled).as_deref(), Some("Standard CTI Enabled"));
        assert_eq!(granted(&["équipe cti"], recording).as_deref(), Some("équipe cti"), "non-ASCII names lower-cased");
        assert_eq!(granted(&["No Roles", "Other"], enabled), None);
        assert_eq!(granted(&["UCCX Admins"], recording), None);
        let none = Cluster::default();
        assert_eq!(GroupRoles::new(&none).granting(&groups(&["UCCX Admins"]), enabled), None);
    }
}
