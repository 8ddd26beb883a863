//! EM002: a phone with a logout profile but "Enable Extension Mobility" unchecked (error 22).

use crate::rule::declare_rule;
use crate::{Context, Sink};

declare_rule! {
    /// ## What it checks
    /// That a phone with a Log Out Profile (BAT `Logout Profile`) has "Enable Extension
    /// Mobility" checked (BAT `Extension Mobility` = `t`). Phone service subscriptions are not
    /// read yet, so a phone that offers the EM service without a logout profile is not checked.
    ///
    /// ## Why it breaks
    /// A logout profile only makes sense on an EM phone: it says someone means users to log in
    /// there. With EM disabled on the device, every login is refused with "Error 22 Dev Logon
    /// Disabled".
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Device Type,Extension Mobility,Logout Profile
    /// SEP0011AABB00E1,Cisco 8841,f,UDP_Logout
    /// ```
    ///
    /// ## How to fix
    /// Device > Phone > Extension Information > Enable Extension Mobility: check it (and keep the
    /// Log Out Profile); or clear the Log Out Profile if the phone is not for EM.
    ///
    /// ## Sources
    /// - Cisco Community, "Common problems in Extension Mobility" (B).
    /// - CUCM Feature Configuration Guide, "Extension Mobility" (FCG-EM).
    /// - Extension Mobility API response codes 5 and 22 (EM-API).
    code: "EM002",
    name: "logout-profile-without-extension-mobility",
    family: Em,
    severity: Error,
    status: Stable,
    requires: [Phones],
    summary: "A phone has a Log Out Profile but \"Enable Extension Mobility\" is unchecked (error 22).",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for phone in &ctx.cluster.phones {
        let Some(profile) = &phone.logout_profile else { continue };
        let Some(flag) = phone.extension_mobility.as_ref().filter(|f| !f.value) else { continue };
        let message = format!(
            "phone {} offers Extension Mobility (Log Out Profile {}) but 'Enable Extension Mobility' is unchecked; \
             logins fail with 'Error 22 Dev Logon Disabled'",
            phone.name.value, profile.value,
        );
        let help = format!(
            "Device > Phone > {} > Extension Information > Enable Extension Mobility: check it",
            phone.name.value
        );
        let finding = sink
            .finding(phone.key(), flag.span, "Extension Mobility", message)
            .with_label(profile.span, "Logout Profile")
            .with_help(help);
        sink.push(finding);
    }
}
