//! EM003: an EM-enabled phone that is not subscribed to the Extension Mobility service.

use crate::rule::declare_rule;
use crate::rules::em::unsubscribed;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every phone with "Enable Extension Mobility" checked subscribes to an Extension
    /// Mobility service: a phone service whose URL contains `/emapp/EMAppServlet` (compared
    /// case-insensitively). A subscription is recognised by its own URL or by the phone service
    /// it names (`telecasterServiceName`). Nothing is reported when an EM service has Enterprise
    /// Subscription checked, since every phone then offers it.
    ///
    /// Subscriptions come from AXL `getPhone` (`services/service`); an empty `<services/>` means
    /// none. The BAT Import/Export tar's `phone.csv` has no subscription list, so phones read
    /// only from BAT are not checked, and the rule is skipped when no EM-enabled phone has its
    /// subscriptions in the export. It is also skipped without phone services (BAT
    /// `phoneservices.csv` or AXL `getIpPhoneServices`), or when an EM service does not say
    /// whether it is an enterprise subscription, because either would make the finding a guess.
    ///
    /// ## What it leaves alone
    /// - Phones with Enable Extension Mobility unchecked, CTI ports and route points among them
    ///   (EM002 judges those that offer EM all the same), and every phone when an EM service is an
    ///   enterprise subscription.
    /// - Templates: set aside when the export is read.
    ///
    /// ## Why it breaks
    /// Extension Mobility is a phone service: a phone offers the login only through a
    /// subscription (or an enterprise subscription). Without one the user finds no Extension
    /// Mobility entry under Services, cannot log in, and after a logout the phone shows no
    /// services at all.
    ///
    /// ## Example
    /// ```xml
    /// <phone><name>SEP0011AABB0301</name><services/>
    ///   <enableExtensionMobility>true</enableExtensionMobility></phone>
    /// ```
    ///
    /// ## How to fix
    /// Device > Phone > the phone > Related Links: Subscribe/Unsubscribe Services > Extension
    /// Mobility; or Device > Device Settings > Phone Services > the EM service > Enterprise
    /// Subscription, for every phone at once.
    ///
    /// ## Sources
    /// - Cisco Community, "Common problems in Extension Mobility" (B): services missing after
    ///   logout.
    /// - CUCM Feature Configuration Guide, "Extension Mobility" (FCG-EM): "Subscribe to
    ///   Extension Mobility", "Phone Services Unavailable After Logout".
    /// - AXL schema: `RPhone/services/service` (`RSubscribedService`: `telecasterServiceName`,
    ///   `name`, `url`) and `RIpPhoneServices/enterpriseSubscription`.
    code: "EM003",
    name: "em-phone-not-subscribed",
    family: Em,
    severity: Error,
    status: Stable,
    requires: [Phones, PhoneServices],
    summary: "An EM-enabled phone is not subscribed to the Extension Mobility service.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let enabled =
        ctx.cluster.phones.iter().filter_map(|p| Some((p, p.extension_mobility.as_ref().filter(|f| f.value)?)));
    let no_subscriptions = "no phone-service subscriptions for the EM-enabled phones (the BAT phone.csv has none); \
                            export getPhone with its services";
    for (phone, flag, services) in unsubscribed(ctx, enabled, no_subscriptions)? {
        let message = format!(
            "phone {} is EM-enabled but not subscribed to the Extension Mobility service; users cannot log in, \
             and services disappear after logout",
            phone.name.value
        );
        let help = format!(
            "Device > Phone > {} > Related Links: Subscribe/Unsubscribe Services > Extension Mobility; or Phone \
             Services > the EM service > Enterprise Subscription",
            phone.name.value
        );
        sink.report(phone.key(), services, "no Extension Mobility subscription", message)
            .label(flag.span, "Enable Extension Mobility")
            .help(help);
    }
    Ok(())
}
