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

use uclint_model::{Device, EndUser, Spanned, Text};

use crate::catalog::DeviceClass;
use crate::Context;

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
