//! LDAP002: an LDAP authentication server without TLS.

use uclint_model::ObjectKey;

use super::{address, enabled, sync_agreements};
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every server of LDAP Authentication for end users (BAT `ldapauth.csv` `SSL ENABLED
    /// n`) uses SSL/TLS, when LDAP authentication is enabled; and every server of each LDAP
    /// Directory synchronisation agreement (`ldapdir.csv`), unless LDAP System
    /// (`ldapsystem.csv`) has synchronisation off.
    ///
    /// ## What it leaves alone
    /// - LDAP Authentication with Use LDAP Authentication for End Users unchecked, and sync
    ///   agreements when LDAP System has synchronisation off.
    /// - Servers whose export does not say whether SSL is enabled.
    /// - The directory number alias lookup and sync servers (`dnalookupandsync.csv`) and the LDAP
    ///   search settings (`ldapsearch.csv`): not read.
    ///
    /// ## Why it breaks
    /// With LDAP authentication, CUCM validates every end-user password (Jabber, self-care, EM
    /// with password) by binding to the directory with it. Without TLS those binds cross the
    /// network in clear text on port 389 or 3268. A sync agreement without TLS sends the
    /// directory account's bind and every user's directory data in clear text.
    ///
    /// ## Example
    /// ```csv
    /// LDAP DN,USER BASE,AUTHENTICATE WITH CORPORATE DIR,TYPE LDAP PROTOCOL 1,HOST NAME 1,PRIORITY 1,SSL ENABLED 1,PORT NUMBER 1
    /// "CN=svc-cucm,OU=Service,DC=example,DC=com","OU=Users,DC=example,DC=com",t,ldap_AD,10.1.30.10,1,f,389
    /// ```
    ///
    /// ## How to fix
    /// System > LDAP > LDAP Authentication (or LDAP Directory > the agreement): check Use TLS,
    /// use port 636 (3269 for the Global Catalog) and upload the directory's CA certificate to
    /// tomcat-trust.
    ///
    /// ## Sources
    /// - Standard LDAP security practice (MS-REF port table); CUCM 9.0 Administration Guide, "LDAP
    ///   authentication setup" (CM-LDAPAUTH): with LDAP authentication, passwords are validated
    ///   against the directory. No Cisco "must" statement was found.
    code: "LDAP002",
    name: "ldap-server-without-tls",
    family: Ldap,
    severity: Warning,
    status: Stable,
    requires: [LdapAuthentication | LdapDirectories],
    summary: "An LDAP authentication server does not use SSL/TLS (passwords in clear text).",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for auth in enabled(ctx) {
        for server in &auth.servers {
            let Some(ssl) = server.ssl.as_ref().filter(|s| !s.value) else { continue };
            let message = format!(
                "LDAP authentication server {} is not using SSL/TLS; end-user passwords cross the network in clear text",
                address(server),
            );
            sink.report(ObjectKey::LdapAuthentication, ssl.span, "SSL Enabled", message)
                .label(server.host.span, "LDAP server")
                .help(
                    "System > LDAP > LDAP Authentication: check Use TLS, use port 636 (3269 for a Global Catalog) and \
                     upload the directory CA certificate to tomcat-trust",
                );
        }
    }
    for agreement in sync_agreements(ctx) {
        for server in &agreement.servers {
            let Some(ssl) = server.ssl.as_ref().filter(|s| !s.value) else { continue };
            let message = format!(
                "LDAP sync server {} of agreement {} is not using SSL/TLS; the directory bind and user data cross the \
                 network in clear text",
                address(server),
                agreement.name.value,
            );
            let help = format!(
                "System > LDAP > LDAP Directory > {}: check Use TLS, use port 636 (3269 for a Global Catalog) and \
                 upload the directory CA certificate to tomcat-trust",
                agreement.name.value
            );
            sink.report(agreement.key(), ssl.span, "SSL Enabled", message)
                .label(server.host.span, "LDAP server")
                .help(help);
        }
    }
    Ok(())
}
