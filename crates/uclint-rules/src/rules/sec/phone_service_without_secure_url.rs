//! SEC005: a custom phone service reachable over HTTP only.

use crate::catalog::ServiceUrl;
use crate::rule::declare_rule;
use crate::rules::fippa::is_fippa;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// Every enabled custom phone service (BAT `phoneservices.csv`) whose Service URL is
    /// `http://…` and which has no Secure-Service URL.
    ///
    /// ## What it leaves alone
    /// - Cisco's built-in services (`Application:Cisco/…` URLs): they are not custom, and the
    ///   phone resolves them itself.
    /// - Finesse IP Phone Agent services: FIPPA003 checks them, as errors.
    /// - Disabled services, and services whose Service URL is not `http://…`.
    ///
    /// ## Why it breaks
    /// Without a Secure-Service URL the phone talks to the service over plain HTTP, so whatever
    /// the user types into it (the Extension Mobility PIN, a changed credential) crosses the
    /// network in clear text.
    ///
    /// ## Example
    /// ```csv
    /// SERVICE NAME,SERVICE DESCRIPTION,SERVICE URL,SECURE SERVICES URL,SERVICE CATEGORY,SERVICE TYPE,ENABLE,ENTERPRISE SUBSCRIPTION
    /// Extension Mobility,EM,http://cucm1.example.com:8080/emapp/EMAppServlet?device=#DEVICENAME#,,XML Service,Standard IP Phone Service,t,f
    /// ```
    ///
    /// ## How to fix
    /// Device > Device Settings > Phone Services > the service > Secure-Service URL: the HTTPS
    /// form of the service (for Extension Mobility
    /// `https://<host>:8443/emapp/EMAppServlet?device=#DEVICENAME#`).
    ///
    /// ## Sources
    /// - CUCM Feature Configuration Guides, "Extension Mobility" and "Extension Mobility Cross
    ///   Cluster" (FCG-EM, FCG-EMCC): secure URL formats on 8443.
    /// - Cisco Finesse Administration Guide (FIN-ADM).
    code: "SEC005",
    name: "phone-service-without-secure-url",
    family: Sec,
    severity: Info,
    status: Stable,
    requires: [PhoneServices],
    summary: "A custom phone service has no Secure-Service URL (its traffic, PINs included, is sent over HTTP).",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for service in &ctx.cluster.phone_services {
        if service.secure_url.is_some() || service.enabled.as_ref().is_some_and(|e| !e.value) || is_fippa(service) {
            continue;
        }
        let Some(url) = &service.url else { continue };
        if !ServiceUrl::parse(&url.value).is_some_and(|u| u.scheme.eq_ignore_ascii_case("http")) {
            continue;
        }
        let name = &service.name.value;
        let message = format!(
            "phone service '{name}' has no Secure-Service URL; what users enter in it (for example the EM PIN) is sent \
             over HTTP"
        );
        let help = format!(
            "Device > Device Settings > Phone Services > {name} > Secure-Service URL: the HTTPS form of the URL"
        );
        sink.report(service.key(), url.span, "HTTP only", message).help(help);
    }
    Ok(())
}
