//! EM006: an Extension Mobility service URL whose host is not a node of the cluster.

use std::net::IpAddr;

use uclint_model::{PhoneService, Severity, Spanned, Text};

use crate::catalog::ServiceUrl;
use crate::rule::declare_rule;
use crate::rule::name_list;
use crate::rules::em::is_em_url;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That the host of every Extension Mobility service URL (a phone service whose Service URL
    /// or Secure-Service URL contains `/emapp/EMAppServlet`, compared case-insensitively) is a
    /// node of the cluster. An IPv6 literal host is reported at info: the Feature Configuration
    /// Guide asks for an IPv4 address there, although it also shows an IPv6 example.
    ///
    /// The node names come from the `SERVER` column of BAT `serviceparameter.csv` (AXL
    /// `getServiceParameter` `processNodeName`): every value other than `EnterpriseWideData` is
    /// a node, as CUCM names it under System > Server. That column is confirmed in a real
    /// export; taking its values as the complete node list is an inference (a node with no
    /// node-level service parameter would be missed), and no `server.csv` or `callmanager.csv`
    /// header has been confirmed, so those files are not read. Names are compared
    /// case-insensitively, and a short host name matches the node's fully qualified name
    /// (`cucm1` and `cucm1.example.com`). A host name is compared only with node names and an
    /// IP address only with nodes named by address, since uclint resolves nothing; a URL that
    /// cannot be compared is not reported. Skipped when no node name can be derived.
    ///
    /// ## What it leaves alone
    /// - Phone services that are not EM services: Corporate Directory and the other
    ///   `Application:Cisco/…` services CUCM creates, Finesse IPPA, any other XML service.
    /// - A URL that is not an `http://` or `https://` URL (EM005 reports it), an empty host, an
    ///   IPv4 address when no node is named by address, and a host name when every node is: uclint
    ///   resolves no names, so it cannot compare them.
    ///
    /// ## Why it breaks
    /// The phone sends the login to the host in the URL. A host that is not a CUCM node running
    /// Cisco Extension Mobility answers "Host Not Found" or HTTP 503, and no one can log in on
    /// phones subscribed to that service until the URL is fixed and the subscriptions updated.
    ///
    /// ## Example
    /// ```csv
    /// SERVICE NAME,SERVICE URL,SECURE SERVICES URL,SERVICE CATEGORY,SERVICE TYPE,ENABLE,ENTERPRISE SUBSCRIPTION
    /// Extension Mobility,http://oldcucm.example.com:8080/emapp/EMAppServlet?device=#DEVICENAME#,,XML Service,Standard IP Phone Service,t,f
    /// ```
    ///
    /// ## How to fix
    /// Device > Device Settings > Phone Services > the service > Service URL (and Secure-Service
    /// URL): the name of a CUCM node that runs Cisco Extension Mobility; then Update
    /// Subscriptions.
    ///
    /// ## Sources
    /// - Cisco Community, "Common problems in Extension Mobility" (B): "Host not found" (fix the
    ///   address, then Update Subscriptions).
    /// - CUCM Feature Configuration Guide, "Extension Mobility" (FCG-EM): the service URL and
    ///   its IPv4 address.
    code: "EM006",
    name: "em-service-host-not-a-node",
    family: Em,
    severity: Warning,
    status: Stable,
    requires: [PhoneServices, ServiceParameters],
    summary: "An Extension Mobility service URL names a host that is not a node of the cluster.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let mut nodes: Vec<&str> = Vec::new();
    for parameter in &ctx.cluster.service_parameters {
        let server = parameter.server.value.trim();
        if !server.is_empty() && !server.eq_ignore_ascii_case("EnterpriseWideData") && !nodes.contains(&server) {
            nodes.push(server);
        }
    }
    if nodes.is_empty() {
        return Err(Skip::new(
            "no CUCM node names in the export: they are taken from the SERVER column of serviceparameter.csv \
             (node-level rows)",
        ));
    }
    let (addresses, names): (Vec<&str>, Vec<&str>) = nodes.iter().partition(|n| n.parse::<IpAddr>().is_ok());
    for service in &ctx.cluster.phone_services {
        for (url, which) in [(&service.url, "Service URL"), (&service.secure_url, "Secure-Service URL")] {
            let Some(url) = url.as_ref().filter(|u| is_em_url(&u.value)) else { continue };
            check_url(service, url, which, (&names, &addresses), sink);
        }
    }
    Ok(())
}

fn check_url(
    service: &PhoneService,
    url: &Spanned<Text>,
    which: &str,
    (names, addresses): (&[&str], &[&str]),
    sink: &mut Sink,
) {
    let Some(parsed) = ServiceUrl::parse(url.value.trim()) else { return };
    let host = parsed.host.trim_start_matches('[').trim_end_matches(']');
    let help = format!(
        "Device > Device Settings > Phone Services > {} > {which}: a CUCM node that runs Cisco Extension Mobility, \
         then Update Subscriptions",
        service.name.value
    );
    let known = match host.parse::<IpAddr>() {
        Ok(IpAddr::V6(_)) => {
            let message = format!(
                "EM service '{}' {which} host {host} is an IPv6 literal; the Extension Mobility documentation asks \
                 for an IPv4 address there",
                service.name.value
            );
            sink.report(service.key(), url.span, which, message).help(help).severity(Severity::Info);
            return;
        }
        Ok(address) if !addresses.is_empty() => {
            addresses.iter().any(|a| a.parse::<IpAddr>().is_ok_and(|node| node == address))
        }
        Ok(_) => return,
        Err(_) if !names.is_empty() => names.iter().any(|node| same_host(host, node)),
        Err(_) => return,
    };
    if known || host.is_empty() {
        return;
    }
    let nodes: Vec<&str> = names.iter().chain(addresses).copied().collect();
    let message = format!(
        "EM service '{}' {which} host {host} is not a node of this cluster ('Host Not Found' / HTTP 503 risk); the \
         export names the nodes {}",
        service.name.value,
        name_list(&nodes)
    );
    sink.report(service.key(), url.span, which, message).help(help);
}

/// Whether two host names are the same node: equal, or one is the other's first label
/// (`cucm1` and `cucm1.example.com`), case-insensitively.
fn same_host(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    let short = |long: &str, short: &str| long.strip_prefix(short).is_some_and(|rest| rest.starts_with('.'));
    a == b || short(&a, &b) || short(&b, &a)
}

#[cfg(test)]
mod tests {
    use super::same_host;

    #[test]
    fn short_names_match_their_fully_qualified_node() {
        assert!(same_host("CUCM1.example.com", "cucm1.example.com"));
        assert!(same_host("cucm1", "cucm1.example.com"));
        assert!(same_host("cucm1.example.com", "cucm1"));
        assert!(!same_host("cucm10.example.com", "cucm1"));
        assert!(!same_host("cucm1.example.com", "cucm1.example.org"));
    }
}
