//! FIPPA005: an enterprise-subscribed Finesse IPPA service with One Button Sign In parameters.

use super::is_fippa;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// A Finesse IP Phone Agent service (a phone service with a `/fippa/` URL) that has
    /// Enterprise Subscription checked and defines any of the One Button Sign In service
    /// parameters `id`, `extension` or `password` (names compared case-insensitively).
    ///
    /// The parameters are read from AXL `getIpPhoneServices` (`parameters/parameter/name`,
    /// with `enterpriseSubscription`). The BAT `phoneservices.csv` has no parameter columns that
    /// a real export has been seen to carry, so a service known only from BAT is not checked,
    /// and the rule is skipped when no enterprise-subscribed Finesse IPPA service has its
    /// parameters in the export.
    ///
    /// ## What it leaves alone
    /// Finesse IPPA services without Enterprise Subscription (One Button Sign In works there, from
    /// each phone's subscription), and services whose export does not give their parameters;
    /// parameters other than `id`, `extension` and `password`.
    ///
    /// ## Why it breaks
    /// One Button Sign In takes each agent's ID, extension and password from the parameters of
    /// the phone's own subscription to the service. Finesse does not support it when the service
    /// is an enterprise subscription, which has no per-phone subscription to hold the values:
    /// agents are not signed in with one button as the parameters suggest.
    ///
    /// ## Example
    /// ```xml
    /// <ipPhoneServices><serviceName>Finesse IPPA</serviceName>
    ///   <serviceUrl>http://finesse1.example.com:8082/fippa/#DEVICENAME#</serviceUrl>
    ///   <enterpriseSubscription>true</enterpriseSubscription>
    ///   <parameters><parameter><name>id</name></parameter></parameters></ipPhoneServices>
    /// ```
    ///
    /// ## How to fix
    /// Device > Device Settings > Phone Services > the service: uncheck Enterprise Subscription
    /// and subscribe the agent phones one by one (for One Button Sign In), or delete the `id`,
    /// `extension` and `password` parameters (without One Button Sign In).
    ///
    /// ## Sources
    /// - Cisco Finesse Administration Guide 12.5(1), "Manage Finesse IP Phone Agent", "One
    ///   Button Sign In" (FIN-ADM).
    /// - AXL schema: `RIpPhoneServices` (`enterpriseSubscription`,
    ///   `parameters/parameter/name`).
    code: "FIPPA005",
    name: "enterprise-fippa-with-sign-in-parameters",
    family: Fippa,
    severity: Warning,
    status: Stable,
    requires: [PhoneServices],
    summary: "An enterprise-subscribed Finesse IPPA service defines One Button Sign In parameters.",
    check: check,
}

/// The One Button Sign In service parameters.
const SIGN_IN: [&str; 3] = ["id", "extension", "password"];

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let (mut known, mut unknown) = (0, 0);
    for service in ctx.cluster.phone_services.iter().filter(|s| is_fippa(s)) {
        let Some(enterprise) = service.enterprise_subscription.as_ref() else {
            unknown += 1;
            continue;
        };
        if !enterprise.value {
            known += 1;
            continue;
        }
        let Some(parameters) = &service.parameters else {
            unknown += 1;
            continue;
        };
        known += 1;
        let found: Vec<_> =
            parameters.iter().filter(|p| SIGN_IN.iter().any(|s| p.value.trim().eq_ignore_ascii_case(s))).collect();
        if found.is_empty() {
            continue;
        }
        let names: Vec<&str> = found.iter().map(|p| p.value.trim()).collect();
        let message = format!(
            "One Button Sign In is not supported with an enterprise-subscribed Finesse service: '{}' has Enterprise \
             Subscription checked and defines the parameter(s) {}",
            service.name.value,
            names.join(", ")
        );
        let help = format!(
            "Device > Device Settings > Phone Services > {}: uncheck Enterprise Subscription and subscribe agent \
             phones one by one, or delete the id, extension and password parameters",
            service.name.value
        );
        let mut finding = sink.report(service.key(), enterprise.span, "Enterprise Subscription", message);
        for parameter in found {
            finding = finding.label(parameter.span, "One Button Sign In parameter");
        }
        finding.help(help);
    }
    if known == 0 && unknown > 0 {
        return Err(Skip::new(
            "no parameters for the enterprise-subscribed Finesse IPPA services (the BAT phoneservices.csv has none); \
             export getIpPhoneServices",
        ));
    }
    Ok(())
}
