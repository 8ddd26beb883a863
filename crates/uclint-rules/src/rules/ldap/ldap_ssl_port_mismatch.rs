//! LDAP003: an LDAP server's SSL flag and port disagree.

use uclint_model::ObjectKey;

use super::enabled;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That each LDAP authentication server's SSL flag matches its port: with SSL the port must
    /// not be 389 or 3268 (the plain LDAP and Global Catalog ports), without SSL it must not be
    /// 636 or 3269 (their TLS ports). Other ports are not judged.
    ///
    /// ## What it leaves alone
    /// - Ports other than 389, 636, 3268 and 3269, and servers whose export gives no SSL flag or no
    ///   port.
    /// - Sync agreements' servers, and LDAP Authentication with Use LDAP Authentication for End
    ///   Users unchecked.
    /// - The directory number alias lookup and sync servers (`dnalookupandsync.csv`) and the LDAP
    ///   search settings (`ldapsearch.csv`): not read.
    ///
    /// ## Why it breaks
    /// A TLS handshake to a plain-text port, or plain LDAP to a TLS port, fails: every LDAP
    /// authentication against that server fails and end users cannot log in to Jabber,
    /// self-care or Extension Mobility.
    ///
    /// ## Example
    /// ```csv
    /// LDAP DN,USER BASE,AUTHENTICATE WITH CORPORATE DIR,TYPE LDAP PROTOCOL 1,HOST NAME 1,PRIORITY 1,SSL ENABLED 1,PORT NUMBER 1
    /// "CN=svc-cucm,OU=Service,DC=example,DC=com","OU=Users,DC=example,DC=com",t,ldap_AD,dc1.example.com,1,t,389
    /// ```
    ///
    /// ## How to fix
    /// System > LDAP > LDAP Authentication: use 636 (or 3269) with Use TLS, 389 (or 3268) without.
    ///
    /// ## Sources
    /// - Standard Active Directory port assignments (MS-REF; Shibboleth wiki, "LdapServerIssues").
    code: "LDAP003",
    name: "ldap-ssl-port-mismatch",
    family: Ldap,
    severity: Error,
    status: Stable,
    requires: [LdapAuthentication],
    summary: "An LDAP authentication server's SSL flag and port disagree (SSL on 389/3268, plain on 636/3269).",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for auth in enabled(ctx) {
        for server in &auth.servers {
            let (Some(ssl), Some(port)) = (&server.ssl, &server.port) else { continue };
            let expected = match (ssl.value, port.value) {
                (true, 389) => "636",
                (true, 3268) => "3269",
                (false, 636) => "389",
                (false, 3269) => "3268",
                _ => continue,
            };
            let message = format!(
                "LDAP server {}: SSL={} but port {}; use 636/3269 with SSL and 389/3268 without, so every \
                 authentication against it fails",
                server.host.value,
                if ssl.value { "on" } else { "off" },
                port.value,
            );
            let help = format!(
                "System > LDAP > LDAP Authentication > {}: set the port to {expected}, or change Use TLS",
                server.host.value
            );
            sink.report(ObjectKey::LdapAuthentication, port.span, "Port Number", message)
                .label(ssl.span, "SSL Enabled")
                .help(help);
        }
    }
    Ok(())
}
