//! EM004: a user's device profile that is not subscribed to the Extension Mobility service.

use rustc_hash::FxHashMap;
use uclint_model::{Spanned, Text};

use crate::rule::declare_rule;
use crate::rules::em::unsubscribed;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every user device profile that an end user controls (AXL `getUser`
    /// `phoneProfiles`, BAT `TYPE USER ASSOCIATION n` = `Profile Available`) subscribes to an
    /// Extension Mobility service: a phone service whose URL contains `/emapp/EMAppServlet`
    /// (compared case-insensitively), recognised by the subscription's URL or by the phone
    /// service it names. Nothing is reported when an EM service has Enterprise Subscription
    /// checked.
    ///
    /// Subscriptions come from AXL `getDeviceProfile` (`services/service`); an empty
    /// `<services/>` means none. The BAT `deviceprofile.csv` has no subscription list, so
    /// profiles read only from BAT are not checked, and the rule is skipped when no such
    /// profile has its subscriptions in the export. It is also skipped without phone services
    /// (BAT `phoneservices.csv` or AXL `getIpPhoneServices`), or when an EM service does not say
    /// whether it is an enterprise subscription.
    ///
    /// ## What it leaves alone
    /// - Device profiles that no end user controls, logout profiles among them: nobody logs in with
    ///   them.
    /// - Every profile when an EM service is an enterprise subscription.
    /// - Default device profiles (`defaultdeviceprofile.csv`): not read as device profiles.
    ///
    /// ## Why it breaks
    /// At login the phone takes the profile's subscriptions. A profile without the EM service
    /// leaves the logged-in user with no Extension Mobility entry under Services, so they cannot
    /// log out from the phone, and the services they expect are missing.
    ///
    /// ## Example
    /// ```xml
    /// <deviceProfile><name>UDP_jdoe</name><services/>
    ///   <loginUserId>jdoe</loginUserId></deviceProfile>
    /// ```
    ///
    /// ## How to fix
    /// Device > Device Settings > Device Profile > the profile > Related Links:
    /// Subscribe/Unsubscribe Services > Extension Mobility; or Phone Services > the EM service >
    /// Enterprise Subscription.
    ///
    /// ## Sources
    /// - Cisco Community, "Common problems in Extension Mobility" (B).
    /// - CUCM Feature Configuration Guide, "Extension Mobility" (FCG-EM): "Phone Services
    ///   Unavailable After Login".
    /// - AXL schema: `RDeviceProfile/services/service` (`RSubscribedService`) and
    ///   `RIpPhoneServices/enterpriseSubscription`.
    code: "EM004",
    name: "profile-not-subscribed-to-em",
    family: Em,
    severity: Warning,
    status: Stable,
    requires: [DeviceProfiles, EndUsers, PhoneServices],
    summary: "A user's device profile is not subscribed to the Extension Mobility service.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    // The first user (and cell) that controls each profile.
    let mut owners: FxHashMap<&str, (&str, &Spanned<Text>)> = FxHashMap::default();
    for user in &ctx.cluster.end_users {
        for profile in &user.controlled_profiles {
            owners.entry(profile.value.as_str()).or_insert((user.user_id.value.as_str(), profile));
        }
    }
    let controlled = ctx.cluster.device_profiles.iter().filter_map(|p| Some((p, *owners.get(p.name.value.as_str())?)));
    let no_subscriptions = "no phone-service subscriptions for the users' device profiles (the BAT \
                            deviceprofile.csv has none); export getDeviceProfile with its services";
    for (profile, (user, cell), services) in unsubscribed(ctx, controlled, no_subscriptions)? {
        let message = format!(
            "device profile {} (user {user}) is not subscribed to Extension Mobility; after login the user has no \
             services and cannot log out from the Services menu",
            profile.name.value
        );
        let help = format!(
            "Device > Device Settings > Device Profile > {} > Related Links: Subscribe/Unsubscribe Services > \
             Extension Mobility",
            profile.name.value
        );
        sink.report(profile.key(), services, "no Extension Mobility subscription", message)
            .label(cell.span, "controlled profile of the user")
            .help(help);
    }
    Ok(())
}
