//! EM001: an Extension Mobility user with no device profile (error 205).

use rustc_hash::FxHashSet;

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every end user named as `Login User Id` of a user device profile has at least one
    /// controlled device profile (BAT `enduser.csv` `TYPE USER ASSOCIATION n` = `Profile
    /// Available`); and that a user's Default Profile (AXL `defaultProfile`, BAT user export
    /// `DEFAULT PROFILE`) is among the profiles the user controls. A default profile that is not
    /// in the export at all is EM019's finding, not this rule's. The tar's numbered `DEFAULT
    /// PROFILE n` is a flag on each association, not a profile name, and is not read.
    ///
    /// ## What it leaves alone
    /// - Users who are no device profile's Login User Id and have no Default Profile: nothing in
    ///   the export says they log in with Extension Mobility.
    /// - A Login User Id that is not among the export's end users, and a Default Profile that is
    ///   not in the export at all (EM019 reports that).
    /// - Templates and CUCM's placeholder users (`Token_User_<uuid>`): set aside when the export is
    ///   read.
    ///
    /// ## Why it breaks
    /// At login the EM service looks for the user's controlled profiles. With none, the phone
    /// shows "Error 205 User Profile Absent" and the user cannot log in.
    ///
    /// ## Example
    /// `deviceprofile.csv` naming agent06 as login user while agent06 controls no profile:
    /// ```csv
    /// Device Profile Name,Description,Device User Locale,Login User Id,Device Type
    /// UDP_agent06,EM profile of agent06,English United States,agent06,Cisco 8841
    /// ```
    ///
    /// A default profile the user does not control, in `getUser`:
    /// ```xml
    /// <phoneProfiles><profileName>UDP_bsmith_desk</profileName></phoneProfiles>
    /// <defaultProfile>UDP_bsmith_mobile</defaultProfile>
    /// ```
    ///
    /// ## How to fix
    /// User Management > End User > the user > Extension Mobility: move the device profile from
    /// Available Profiles to Controlled Profiles (or choose a controlled one as Default
    /// Profile).
    ///
    /// ## Sources
    /// - Cisco Community, "Common problems in Extension Mobility" (B).
    /// - CUCM Feature Configuration Guide, "Extension Mobility": troubleshooting and "Associate a
    ///   Device Profile to a User" (FCG-EM).
    code: "EM001",
    name: "em-user-without-device-profile",
    family: Em,
    severity: Error,
    status: Stable,
    requires: [EndUsers, DeviceProfiles],
    summary: "A user who logs in with Extension Mobility has no controlled device profile, or a default profile they do not control (error 205).",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let mut reported = FxHashSet::default();
    login_users_without_profile(ctx, sink, &mut reported);
    default_profiles_not_controlled(ctx, sink, &reported);
    Ok(())
}

/// Login users of a profile who control no profile at all.
fn login_users_without_profile<'a>(ctx: &Context<'a>, sink: &mut Sink, reported: &mut FxHashSet<&'a str>) {
    for profile in &ctx.cluster.device_profiles {
        let Some(login) = &profile.login_user_id else { continue };
        let Some(user) = ctx.index.user(&login.value) else { continue };
        if !user.controlled_profiles.is_empty() || !reported.insert(user.user_id.value.as_str()) {
            continue;
        }
        let message = format!(
            "user {} has no user device profile associated (it is the login user of {}); EM login fails with \
             'Error 205 User Profile Absent'",
            user.user_id.value, profile.name.value,
        );
        let help = format!(
            "User Management > End User > {} > Extension Mobility: move {} from Available Profiles to Controlled \
             Profiles",
            user.user_id.value, profile.name.value
        );
        sink.report(user.key(), user.user_id.span, "no controlled profile", message)
            .label(login.span, format!("Login User Id of {}", profile.name.value))
            .help(help);
    }
}

/// Users whose Default Profile is a profile of the export that they do not control.
fn default_profiles_not_controlled(ctx: &Context<'_>, sink: &mut Sink, reported: &FxHashSet<&str>) {
    let profiles: FxHashSet<&str> = ctx.cluster.device_profiles.iter().map(|p| p.name.value.as_str()).collect();
    for user in &ctx.cluster.end_users {
        let Some(default) = &user.default_profile else { continue };
        let name = default.value.as_str();
        if !profiles.contains(name) || user.controls(name) || reported.contains(user.user_id.value.as_str()) {
            continue;
        }
        let message = format!(
            "user {} has default profile '{name}' which is not among their controlled profiles; EM login fails with \
             'Error 205 User Profile Absent'",
            user.user_id.value,
        );
        let help = format!(
            "User Management > End User > {} > Extension Mobility: move {name} from Available Profiles to Controlled \
             Profiles, or choose a controlled profile as Default Profile",
            user.user_id.value
        );
        sink.report(user.key(), default.span, "Default Profile", message).help(help);
    }
}
