//! GEN006: a device profile nobody can use.

use rustc_hash::FxHashSet;

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every user device profile is a controlled profile of some end user, or the logout
    /// profile of some phone, or controlled by some application user (on the application user's
    /// record or in the profile's own `Application User n` columns).
    ///
    /// ## What it leaves alone
    /// - Profiles any application user controls: an Extension Mobility agent's profile is on
    ///   the RMCM user, and a CTI application's profiles are in use even without an end user.
    /// - Default device profiles (`defaultdeviceprofile.csv`), the per-model profiles CUCM
    ///   falls back to: they are not read as user device profiles. Templates are set aside
    ///   when the export is read.
    ///
    /// ## Why it breaks
    /// Extension Mobility only logs a user in with a profile the user controls. A profile that
    /// nobody controls is dead configuration; for the user it was meant for, login fails with
    /// "Error 205 User Profile Absent".
    ///
    /// ## Example
    /// `deviceprofile.csv` with a profile no `enduser.csv` row lists as `Profile Available`:
    /// ```csv
    /// Device Profile Name,Description,Device User Locale,Login User Id,Device Type
    /// UDP_leaver,EM profile of a leaver,English United States,,Cisco 8841
    /// ```
    ///
    /// ## How to fix
    /// Associate the profile with its user (User Management > End User > Extension Mobility >
    /// Controlled Profiles), or delete it (Device > Device Settings > Device Profile).
    ///
    /// ## Sources
    /// - CUCM Feature Configuration Guide, "Extension Mobility" (FCG-EM); Cisco Community, "Common
    ///   problems in Extension Mobility" (B), error 205.
    code: "GEN006",
    name: "orphaned-device-profile",
    family: Gen,
    severity: Warning,
    status: Stable,
    requires: [DeviceProfiles, EndUsers],
    summary: "A device profile is controlled by no user, no application user and is no phone's logout profile.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let cluster = ctx.cluster;
    let mut used: FxHashSet<&str> = FxHashSet::default();
    for user in &cluster.end_users {
        used.extend(user.controlled_profiles.iter().chain(&user.controlled_devices).map(|p| p.value.as_str()));
    }
    for user in &cluster.app_users {
        used.extend(user.controlled_profiles.iter().chain(&user.controlled_devices).map(|p| p.value.as_str()));
    }
    used.extend(cluster.phones.iter().filter_map(|p| p.logout_profile.as_ref()).map(|p| p.value.as_str()));
    for profile in &cluster.device_profiles {
        if used.contains(profile.name.value.as_str()) || !profile.application_users.is_empty() {
            continue;
        }
        let message = format!(
            "device profile {} is not associated with any user; nobody can log in with it (error 205 for its \
             intended owner)",
            profile.name.value
        );
        let help = format!(
            "User Management > End User > the owner > Extension Mobility > Controlled Profiles: add {}; or delete the \
             profile",
            profile.name.value
        );
        sink.report(profile.key(), profile.name.span, "device profile", message).help(help);
    }
    Ok(())
}
