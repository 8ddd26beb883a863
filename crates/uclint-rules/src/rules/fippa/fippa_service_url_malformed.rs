//! FIPPA003: a Finesse IP Phone Agent service that phones cannot use as configured.

use uclint_model::{PhoneService, Severity, Span, Spanned, Text};

use super::is_fippa;
use crate::catalog::ServiceUrl;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// Every phone service with `/fippa/` in its URL (BAT `phoneservices.csv`): the Service URL
    /// must be `http://<host>:8082/fippa/#DEVICENAME#`; the Secure-Service URL must be set and be
    /// `https://<host>:8445/fippa/#DEVICENAME#`; the category must be `XML Service` and the type
    /// `Standard IP Phone Service`; and the service must be enabled. A host given as an IP
    /// address rather than a fully qualified name is reported as a warning.
    ///
    /// ## What it leaves alone
    /// Phone services with no `/fippa/` in either URL: Extension Mobility, Corporate Directory and
    /// the other `Application:Cisco/…` services CUCM creates, and any other XML service.
    ///
    /// ## Why it breaks
    /// Finesse IPPA agents sign in through this service. From Finesse 12.5(1) HTTP is disabled, so
    /// phones use the Secure-Service URL, which must then exist; Finesse expects the fixed ports
    /// and path, and the phone must substitute its own name for `#DEVICENAME#`. The Finesse
    /// certificate names the server by FQDN, so an IP address fails certificate validation. A
    /// disabled service or a wrong category or type never reaches the phone's Services menu.
    ///
    /// ## Example
    /// ```csv
    /// SERVICE NAME,SERVICE DESCRIPTION,SERVICE URL,SECURE SERVICES URL,SERVICE CATEGORY,SERVICE TYPE,ENABLE,ENTERPRISE SUBSCRIPTION
    /// Finesse,Finesse IPPA,http://10.1.40.21:8082/fippa/#DEVICENAME#,,XML Service,Standard IP Phone Service,t,f
    /// ```
    ///
    /// ## How to fix
    /// Device > Device Settings > Phone Services > the service: Service URL
    /// `http://<finesse-fqdn>:8082/fippa/#DEVICENAME#`, Secure-Service URL
    /// `https://<finesse-fqdn>:8445/fippa/#DEVICENAME#`, Service Category XML Service, Service Type
    /// Standard IP Phone Service, Enable checked.
    ///
    /// ## Sources
    /// - Cisco Finesse Administration Guide, "Finesse IP Phone Agent" (FIN-ADM): URL formats, the
    ///   FQDN requirement, HTTP disabled from 12.5(1).
    code: "FIPPA003",
    name: "fippa-service-url-malformed",
    family: Fippa,
    severity: Error,
    status: Stable,
    requires: [PhoneServices],
    summary: "A Finesse IPPA phone service has a malformed or missing URL, a wrong category or type, or is disabled.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for service in ctx.cluster.phone_services.iter().filter(|s| is_fippa(s)) {
        let name = &service.name.value;
        if let Some(url) = &service.url {
            check_url(service, url, ("Service URL", "http", "8082"), sink);
        }
        match &service.secure_url {
            Some(url) => check_url(service, url, ("Secure-Service URL", "https", "8445"), sink),
            None => {
                let span = service.url.as_ref().map_or(service.name.span, |u| u.span);
                let problem =
                    "it has no Secure-Service URL, which is mandatory from Finesse 12.5(1) (HTTP is disabled)";
                let help = format!(
                    "Device > Device Settings > Phone Services > {name} > Secure-Service URL: \
                     https://<finesse-fqdn>:8445/fippa/#DEVICENAME#"
                );
                report(service, span, "no Secure-Service URL", problem, help, None, sink);
            }
        }
        for (value, expected, field) in [
            (&service.category, "XML Service", "Service Category"),
            (&service.service_type, "Standard IP Phone Service", "Service Type"),
        ] {
            let Some(value) = value.as_ref().filter(|v| !v.value.eq_ignore_ascii_case(expected)) else { continue };
            let problem = format!("the {field} is `{}`, not `{expected}`", value.value);
            let help = format!("Device > Device Settings > Phone Services > {name} > {field} = {expected}");
            report(service, value.span, field, &problem, help, None, sink);
        }
        if let Some(enabled) = service.enabled.as_ref().filter(|e| !e.value) {
            let help = format!("Device > Device Settings > Phone Services > {name}: check Enable");
            report(service, enabled.span, "Enable", "it is disabled", help, None, sink);
        }
    }
    Ok(())
}

/// Checks one URL against `scheme://<host>:port/fippa/#DEVICENAME#`.
fn check_url(service: &PhoneService, url: &Spanned<Text>, (which, scheme, port): (&str, &str, &str), sink: &mut Sink) {
    let name = &service.name.value;
    let expected = format!("{scheme}://<finesse-fqdn>:{port}/fippa/#DEVICENAME#");
    let help = format!("Device > Device Settings > Phone Services > {name} > {which}: {expected}");
    let parsed = ServiceUrl::parse(&url.value);
    let well_formed = parsed.as_ref().is_some_and(|p| {
        p.scheme.eq_ignore_ascii_case(scheme)
            && p.port == Some(port)
            && p.path == "/fippa/#DEVICENAME#"
            && p.query.is_empty()
    });
    if !well_formed {
        let problem = format!("the {which} `{}` is not of the form {expected}", url.value);
        report(service, url.span, which, &problem, help.clone(), None, sink);
    }
    if let Some(parsed) = parsed.filter(|p| p.host_is_ip_literal()) {
        let problem = format!(
            "the {which} names the host by IP address ({}); Finesse requires the fully qualified domain name, which its \
             certificate carries",
            parsed.host
        );
        report(service, url.span, which, &problem, help, Some(Severity::Warning), sink);
    }
}

fn report(
    service: &PhoneService,
    span: Span,
    label: &str,
    problem: &str,
    help: String,
    severity: Option<Severity>,
    sink: &mut Sink,
) {
    let message = format!("Finesse IPPA service '{}': {problem}", service.name.value);
    let finding = sink.report(service.key(), span, label, message).help(help);
    if let Some(severity) = severity {
        finding.severity(severity);
    }
}
