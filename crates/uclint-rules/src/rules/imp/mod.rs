//! IMP: IM and Presence, Jabber and desk-phone control (catalog §4).

pub(crate) mod desk_phone_control_cti_disabled;
pub(crate) mod desk_phone_control_without_cti_groups;
pub(crate) mod desk_phone_control_without_model_cti_group;
pub(crate) mod imp_user_not_home_cluster;
pub(crate) mod imp_user_without_digest_credentials;
pub(crate) mod imp_user_without_presence_line;
pub(crate) mod inactive_days_with_ldap_authentication;
pub(crate) mod several_softphones_of_one_type;
pub(crate) mod softphone_not_associated_with_owner;
pub(crate) mod uc_service_plaintext_imap;
pub(crate) mod user_in_cti_secure_connection;

use rustc_hash::FxHashMap;
use uclint_model::{AccessControlGroup, Cluster, Device, EndUser, Spanned, Text};

use crate::context::DeviceClass;
use crate::Context;

/// The roles of the export's access control groups (BAT `accesscntrlgrp.csv`, AXL
/// `userGroup/userRoles`), by lower-case group name, built once per rule run.
pub(crate) struct GroupRoles<'a> {
    by_name: FxHashMap<String, &'a AccessControlGroup>,
}

impl<'a> GroupRoles<'a> {
    /// Indexes the cluster's access control groups.
    pub fn new(cluster: &'a Cluster) -> Self {
        let by_name = cluster.access_control_groups.iter().map(|g| (g.name.value.trim().to_lowercase(), g)).collect();
        GroupRoles { by_name }
    }

    /// The cell of the first of `groups` that grants `role`: a group of that name (each
    /// standard group carries the role of the same name), or a group whose roles, as the export
    /// gives them, include it. Compared case-insensitively.
    pub fn granting<'g>(&self, groups: &'g [Spanned<Text>], role: &str) -> Option<&'g Spanned<Text>> {
        let same = |name: &str| name.trim().eq_ignore_ascii_case(role);
        groups.iter().find(|g| same(&g.value)).or_else(|| {
            groups.iter().find(|g| {
                self.by_name
                    .get(&g.value.trim().to_lowercase())
                    .is_some_and(|group| group.roles.iter().any(|r| same(&r.value)))
            })
        })
    }
}

/// A desk phone that a desk-phone-control user controls.
pub(crate) struct DeskPhone<'a> {
    /// The phone.
    pub device: &'a Device,
    /// The user's association cell naming it.
    pub cell: &'a Spanned<Text>,
}

/// Desk-phone-control users, in end-user order: users enabled for IM and Presence with their
/// controlled devices that are physical phones in the export. Users without one are left out.
pub(crate) fn desk_phone_users<'a>(ctx: &Context<'a>) -> Vec<(&'a EndUser, Vec<DeskPhone<'a>>)> {
    ctx.cluster
        .end_users
        .iter()
        .filter(|u| u.imp_enabled.as_ref().is_some_and(|f| f.value))
        .filter_map(|user| {
            let phones: Vec<DeskPhone<'a>> = user
                .controlled_devices
                .iter()
                .filter_map(|cell| {
                    let device = ctx.index.device(&cell.value)?;
                    (DeviceClass::of(device) == DeviceClass::DeskPhone).then_some(DeskPhone { device, cell })
                })
                .collect();
            (!phones.is_empty()).then_some((user, phones))
        })
        .collect()
}
