//! LDAP005: an LDAPS server given as an IP address.

use std::net::IpAddr;

use uclint_model::ObjectKey;

use super::enabled;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That an LDAP authentication server with SSL enabled is named by host name, not by IP
    /// address. Disabled by default (catalog confidence L: an inference, to be verified against
    /// the CUCM 12.5+ security guide).
    ///
    /// ## What it leaves alone
    /// Servers without SSL, servers named by host name, sync agreements' servers, and LDAP
    /// Authentication with Use LDAP Authentication for End Users unchecked.
    ///
    /// ## Why it breaks
    /// Directory certificates name the server's host name. With certificate host-name
    /// verification (enterprise parameter `HostnameVerificationPolicy`), a TLS connection to an
    /// IP address is likely to fail the check, and so does every LDAP authentication.
    ///
    /// ## Example
    /// ```csv
    /// LDAP DN,USER BASE,AUTHENTICATE WITH CORPORATE DIR,TYPE LDAP PROTOCOL 1,HOST NAME 1,PRIORITY 1,SSL ENABLED 1,PORT NUMBER 1
    /// "CN=svc-cucm,OU=Service,DC=example,DC=com","OU=Users,DC=example,DC=com",t,ldap_AD,10.1.30.10,1,t,636
    /// ```
    ///
    /// ## How to fix
    /// System > LDAP > LDAP Authentication > LDAP Server Information: use the server's fully
    /// qualified host name, as its certificate names it.
    ///
    /// ## Sources
    /// - Inference from certificate host-name validation; enterprise parameter
    ///   `HostnameVerificationPolicy` seen in a real CUCM 14 export (formats.md).
    code: "LDAP005",
    name: "ldaps-server-ip-literal",
    family: Ldap,
    severity: Info,
    status: Disabled,
    requires: [LdapAuthentication],
    summary: "An LDAP server with SSL is given as an IP address (certificate name check likely fails).",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for auth in enabled(ctx) {
        for server in &auth.servers {
            if !server.ssl.as_ref().is_some_and(|s| s.value) || server.host.value.parse::<IpAddr>().is_err() {
                continue;
            }
            let message = format!(
                "LDAPS server {} is given as an IP address; its certificate names a host, so host-name verification \
                 is likely to fail",
                server.host.value
            );
            sink.report(ObjectKey::LdapAuthentication, server.host.span, "IP address", message)
                .help("System > LDAP > LDAP Authentication: use the server's fully qualified host name");
        }
    }
    Ok(())
}
