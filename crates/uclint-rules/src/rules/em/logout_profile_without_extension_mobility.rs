//! EM002: a phone that offers Extension Mobility (a logout profile, an EM subscription or an
//! enterprise-subscribed EM service) with "Enable Extension Mobility" unchecked (error 22).

use uclint_model::{Device, Span, Spanned, SubscribedService};

use crate::catalog::DeviceClass;
use crate::rule::declare_rule;
use crate::rules::em::{EmServices, EmSubscription};
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That a phone which offers Extension Mobility has "Enable Extension Mobility" checked (BAT
    /// `Extension Mobility` = `t`, AXL `enableExtensionMobility`). A phone offers EM when it has
    /// a Log Out Profile (BAT `Logout Profile`, AXL `defaultProfileName`), when it subscribes to
    /// an EM service (a phone service whose URL contains `/emapp/EMAppServlet`, compared
    /// case-insensitively; AXL `getPhone` `services/service`), or, for desk phones, when an EM
    /// service has Enterprise Subscription checked (BAT `phoneservices.csv` `ENTERPRISE
    /// SUBSCRIPTION`, AXL `getIpPhoneServices` `enterpriseSubscription`), which puts it on every
    /// phone's Services menu.
    ///
    /// Subscriptions are known only from AXL `getPhone`: the BAT tar's `phone.csv` has none, so
    /// for BAT-only phones the subscription case is not checked.
    ///
    /// ## What it leaves alone
    /// - Phones with neither a Log Out Profile nor an EM subscription while no EM service is an
    ///   enterprise subscription: nothing invites a login there.
    /// - For the enterprise subscription, every device but a desk phone: Jabber clients (CSF, BOT,
    ///   TCT, TAB), CTI ports and CTI route points (UCCX's among them), remote devices, and analog
    ///   or third-party endpoints (Cisco ATA ports, analog phones, third-party SIP devices) have
    ///   no Services menu to offer EM on.
    /// - Templates: set aside when the export is read.
    ///
    /// ## Why it breaks
    /// A logout profile, an EM subscription or an enterprise-subscribed EM service says users
    /// are meant to log in there. With EM disabled on the device, every login is refused with
    /// "Error 22 Dev Logon Disabled".
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Device Type,Extension Mobility,Logout Profile
    /// SEP0011AABB00E1,Cisco 8841,f,UDP_Logout
    /// ```
    ///
    /// ## How to fix
    /// Device > Phone > Extension Information > Enable Extension Mobility: check it (and set the
    /// Log Out Profile); or, if the phone is not for EM, clear the Log Out Profile and
    /// unsubscribe it from the EM service.
    ///
    /// ## Sources
    /// - Cisco Community, "Common problems in Extension Mobility" (B).
    /// - CUCM Feature Configuration Guide, "Extension Mobility" (FCG-EM).
    /// - Extension Mobility API response codes 5 and 22 (EM-API).
    /// - AXL schema: `RPhone/services/service` (`RSubscribedService`) and
    ///   `RIpPhoneServices/enterpriseSubscription`.
    code: "EM002",
    name: "logout-profile-without-extension-mobility",
    family: Em,
    severity: Error,
    status: Stable,
    requires: [Phones],
    summary: "A phone offers Extension Mobility but \"Enable Extension Mobility\" is unchecked (error 22).",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let em = EmServices::new(ctx.cluster);
    let enterprise = em.enterprise();
    for phone in &ctx.cluster.phones {
        let Some(flag) = phone.extension_mobility.as_ref().filter(|f| !f.value) else { continue };
        let (offer, span, label) = if let Some(profile) = &phone.logout_profile {
            (format!("Log Out Profile {}", profile.value), profile.span, "Logout Profile")
        } else if let EmSubscription::Subscribed(subscription) = em.subscription(phone) {
            let Some(span) = subscription_span(subscription) else { continue };
            ("a subscription to the Extension Mobility service".to_owned(), span, "EM service subscription")
        } else if let Some((service, cell)) = enterprise.filter(|_| DeviceClass::of(phone) == DeviceClass::DeskPhone) {
            let offer = format!("the enterprise subscription of EM service '{}'", service.name.value);
            (offer, cell.span, "Enterprise Subscription")
        } else {
            continue;
        };
        report(phone, flag, &offer, span, label, sink);
    }
    Ok(())
}

/// Where a subscription names its service: the service, else its own name, else its URL.
fn subscription_span(subscription: &SubscribedService) -> Option<Span> {
    [&subscription.service, &subscription.name, &subscription.url].into_iter().flatten().next().map(|s| s.span)
}

fn report(phone: &Device, flag: &Spanned<bool>, offer: &str, span: Span, label: &str, sink: &mut Sink) {
    let message = format!(
        "phone {} offers Extension Mobility ({offer}) but 'Enable Extension Mobility' is unchecked; logins fail \
         with 'Error 22 Dev Logon Disabled'",
        phone.name.value,
    );
    let help =
        format!("Device > Phone > {} > Extension Information > Enable Extension Mobility: check it", phone.name.value);
    sink.report(phone.key(), flag.span, "Extension Mobility", message).label(span, label).help(help);
}
