//! EM019: a phone's logout profile or a user's default profile names a device profile that does
//! not exist.

use rustc_hash::FxHashSet;

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That the Log Out Profile of every phone (BAT `Logout Profile`, AXL `defaultProfileName`)
    /// and the Default Profile of every end user (AXL `defaultProfile`, BAT user export `DEFAULT
    /// PROFILE`) name a user device profile in the export.
    ///
    /// ## What it leaves alone
    /// - Phones without a Log Out Profile, and users without a Default Profile.
    /// - Templates and CUCM's placeholder users (`Token_User_<uuid>`): set aside when the export is
    ///   read.
    ///
    /// ## Why it breaks
    /// After an EM logout the phone loads its logout profile. A missing one leaves the phone
    /// without the intended lines and services, and the reference shows a profile was deleted
    /// or renamed without updating the phones.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Device Type,Extension Mobility,Logout Profile
    /// SEP0011AABB00E1,Cisco 8841,t,UDP_Lobby_Old
    /// ```
    ///
    /// ## How to fix
    /// Device > Phone > Extension Information > Log Out Profile: choose an existing profile (or
    /// Use Current Device Settings). For a user: User Management > End User > Extension Mobility
    /// > Default Profile.
    ///
    /// ## Sources
    /// - CUCM Feature Configuration Guide, "Extension Mobility" (FCG-EM); AXL `defaultProfileName`.
    code: "EM019",
    name: "logout-profile-missing",
    family: Em,
    severity: Error,
    status: Stable,
    requires: [Phones | EndUsers, DeviceProfiles],
    summary: "A phone's Log Out Profile or a user's Default Profile names a device profile that is not in the export.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let profiles: FxHashSet<&str> = ctx.cluster.device_profiles.iter().map(|p| p.name.value.as_str()).collect();
    for phone in &ctx.cluster.phones {
        let Some(profile) = &phone.logout_profile else { continue };
        if profiles.contains(profile.value.as_str()) {
            continue;
        }
        let message = format!(
            "phone {} references device profile '{}' as Log Out Profile, which does not exist",
            phone.name.value, profile.value,
        );
        let help = format!(
            "Device > Phone > {} > Extension Information > Log Out Profile: choose an existing profile",
            phone.name.value
        );
        sink.report(phone.key(), profile.span, "Logout Profile", message).help(help);
    }
    for user in &ctx.cluster.end_users {
        let Some(profile) = &user.default_profile else { continue };
        if profiles.contains(profile.value.as_str()) {
            continue;
        }
        let message = format!(
            "user {} references device profile '{}' as Default Profile, which does not exist",
            user.user_id.value, profile.value,
        );
        let help = format!(
            "User Management > End User > {} > Extension Mobility > Default Profile: choose one of the user's \
             controlled profiles",
            user.user_id.value
        );
        sink.report(user.key(), profile.span, "Default Profile", message).help(help);
    }
    Ok(())
}
