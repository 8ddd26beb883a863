//! GEN009: a user's Primary Extension is on none of the user's devices.

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every end user's Primary Extension is on a line of at least one phone or device
    /// profile the user controls. When the export gives the extension without a partition, any
    /// partition in which the number appears on a device counts.
    ///
    /// ## What it leaves alone
    /// - Users without a Primary Extension, and application users (they have none).
    /// - Placeholder users (`Token_User_…`) of templates: they are set aside when the export is
    ///   read.
    ///
    /// ## Why it breaks
    /// Features keyed on the primary extension (presence line status, Jabber's "on the phone",
    /// voicemail, directory dialing, login by DN) look for the user on that number. If none of
    /// the user's devices has it, they show the wrong status or reach the wrong phone.
    ///
    /// ## Example
    /// ```csv
    /// USER ID,DEVICE NAME 1,TYPE USER ASSOCIATION 1,PRIMARY EXTENSION 1,TYPE PATTERN USAGE 1
    /// jdoe,SEP0011AABB00A1,Cti Control In,2999,Primary
    /// ```
    /// while `SEP0011AABB00A1` has line 2001.
    ///
    /// ## How to fix
    /// User Management > End User > the user > Directory Number Associations > Primary Extension:
    /// choose a line of the user's device; or associate the device that has it.
    ///
    /// ## Sources
    /// - Catalog rule GEN009 (hygiene, confidence M).
    code: "GEN009",
    name: "primary-extension-not-on-user-device",
    family: Gen,
    severity: Warning,
    status: Stable,
    requires: [EndUsers, Phones, DeviceProfiles],
    summary: "A user's Primary Extension is not on any device or profile the user controls.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for user in &ctx.cluster.end_users {
        let Some(primary) = &user.primary_extension else { continue };
        let keys = ctx.index.resolve(&primary.value);
        let on_own_device =
            keys.iter().flat_map(|k| ctx.index.appearances(k)).any(|a| user.controls(&a.device.name.value));
        if on_own_device {
            continue;
        }
        let message = format!(
            "Primary extension {} of {} is not on any device the user controls; presence and features that follow \
             the primary extension point elsewhere",
            primary.value, user.user_id.value,
        );
        let help = format!(
            "User Management > End User > {} > Directory Number Associations > Primary Extension: choose a line of \
             the user's device",
            user.user_id.value
        );
        sink.report(user.key(), primary.span, "Primary Extension", message).help(help);
    }
    Ok(())
}
