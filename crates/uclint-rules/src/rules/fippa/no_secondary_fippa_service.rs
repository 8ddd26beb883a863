//! FIPPA004: a two-node Finesse deployment with Finesse IPPA services for only one node.

use uclint_model::{PhoneService, Span, Spanned, Text};

use super::is_fippa;
use crate::catalog::ServiceUrl;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// When `finesse-nodes` in `uclint.toml` declares two (or more) Finesse nodes, that the
    /// Finesse IP Phone Agent services (phone services with a `/fippa/` URL, from BAT
    /// `phoneservices.csv` or AXL `getIpPhoneServices`) point to at least two different hosts.
    /// The hosts are taken from the Service URL and Secure-Service URL, compared
    /// case-insensitively; a URL that cannot be read is left to FIPPA003. Skipped without
    /// `finesse-nodes`; with `finesse-nodes = 1` there is nothing to check. Nothing is reported
    /// when the export has no Finesse IPPA service at all.
    ///
    /// ## What it leaves alone
    /// Deployments not declared with two or more Finesse nodes; URLs that are not `http://` or
    /// `https://` URLs or name no host (FIPPA003's); phone services with no `/fippa/` URL.
    ///
    /// ## Why it breaks
    /// A phone service names one Finesse server. When that node fails, Finesse IPPA does not
    /// fail over on its own: agents on IP phones stay signed out until they pick a service for
    /// the other node, which must exist and be subscribed.
    ///
    /// ## Example
    /// ```csv
    /// SERVICE NAME,SERVICE URL,SECURE SERVICES URL,SERVICE CATEGORY,SERVICE TYPE,ENABLE,ENTERPRISE SUBSCRIPTION
    /// Finesse IPPA,http://finesse1.example.com:8082/fippa/#DEVICENAME#,https://finesse1.example.com:8445/fippa/#DEVICENAME#,XML Service,Standard IP Phone Service,t,f
    /// ```
    ///
    /// ## How to fix
    /// Device > Device Settings > Phone Services > Add New: a second Finesse IPPA service with
    /// the other Finesse node's URLs (`http://<finesse2-fqdn>:8082/fippa/#DEVICENAME#`,
    /// `https://<finesse2-fqdn>:8445/fippa/#DEVICENAME#`), and subscribe the agent phones to both.
    ///
    /// ## Sources
    /// - Cisco Finesse Administration Guide 12.5(1), "Manage Finesse IP Phone Agent", "Failure
    ///   Behavior" (FIN-ADM).
    code: "FIPPA004",
    name: "no-secondary-fippa-service",
    family: Fippa,
    severity: Warning,
    status: Stable,
    requires: [PhoneServices],
    settings: [FinesseNodes],
    summary: "A two-node Finesse deployment has Finesse IPPA phone services for only one Finesse host.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let Some(nodes) = ctx.settings.finesse_nodes else {
        return Err(Skip::new(
            "no Finesse node count declared: set finesse-nodes in uclint.toml (2 for a high-availability pair)",
        ));
    };
    if nodes < 2 {
        return Ok(());
    }
    // Every Finesse IPPA URL with its host, in cluster order.
    let mut urls: Vec<(&PhoneService, &Spanned<Text>, String)> = Vec::new();
    for service in ctx.cluster.phone_services.iter().filter(|s| is_fippa(s)) {
        for url in [&service.url, &service.secure_url].into_iter().flatten() {
            let Some(parsed) = ServiceUrl::parse(url.value.trim()) else { continue };
            if !parsed.host.is_empty() {
                urls.push((service, url, parsed.host.to_ascii_lowercase()));
            }
        }
    }
    let Some((first, first_url, host)) = urls.first() else { return Ok(()) };
    if urls.iter().any(|(_, _, h)| h != host) {
        return Ok(());
    }
    let services: Vec<&PhoneService> = urls.iter().fold(Vec::new(), |mut seen, (s, _, _)| {
        if !seen.iter().any(|k| std::ptr::eq(*k, *s)) {
            seen.push(s);
        }
        seen
    });
    let message = if services.len() == 1 {
        format!(
            "only one Finesse IPPA phone service ('{}', host {host}) for {nodes} Finesse nodes; FIPPA does not fail \
             over automatically. Create a second service for the other Finesse node",
            first.name.value
        )
    } else {
        format!(
            "all {} Finesse IPPA phone services point to host {host}, for {nodes} Finesse nodes; FIPPA does not fail \
             over automatically. Point one at the other Finesse node",
            services.len()
        )
    };
    let mut finding = sink.report(first.key(), first_url.span, "the only Finesse host", message).help(
        "Device > Device Settings > Phone Services > Add New: a Finesse IPPA service with the other node's URLs \
         (http://<finesse2-fqdn>:8082/fippa/#DEVICENAME#, https://<finesse2-fqdn>:8445/fippa/#DEVICENAME#)",
    );
    let others: Vec<Span> =
        urls.iter().filter(|(s, _, _)| !std::ptr::eq(*s, *first)).map(|(_, url, _)| url.span).collect();
    for span in others {
        finding = finding.label(span, "same host");
    }
    Ok(())
}
