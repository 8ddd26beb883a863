//! LDAP004: LDAP authentication with a single server.

use uclint_model::ObjectKey;

use super::{enabled, sync_agreements};
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That enabled LDAP Authentication (BAT `ldapauth.csv`) lists more than one server (up to
    /// three are supported), and so does each LDAP Directory synchronisation agreement
    /// (`ldapdir.csv`), unless LDAP System (`ldapsystem.csv`) has synchronisation off.
    ///
    /// ## What it leaves alone
    /// - LDAP Authentication with Use LDAP Authentication for End Users unchecked, sync agreements
    ///   when LDAP System has synchronisation off, and configurations whose export lists no server
    ///   at all.
    /// - The directory number alias lookup and sync servers (`dnalookupandsync.csv`) and the LDAP
    ///   search settings (`ldapsearch.csv`): not read.
    ///
    /// ## Why it breaks
    /// CUCM tries the servers in order. With one server, every end-user login (Jabber, self-care,
    /// Extension Mobility with password) fails while that directory server is down or rebooting;
    /// a sync agreement with one server cannot synchronise users meanwhile.
    ///
    /// ## Example
    /// ```csv
    /// LDAP DN,USER BASE,AUTHENTICATE WITH CORPORATE DIR,TYPE LDAP PROTOCOL 1,HOST NAME 1,PRIORITY 1,SSL ENABLED 1,PORT NUMBER 1
    /// "CN=svc-cucm,OU=Service,DC=example,DC=com","OU=Users,DC=example,DC=com",t,ldap_AD,dc1.example.com,1,t,636
    /// ```
    ///
    /// ## How to fix
    /// System > LDAP > LDAP Authentication (or LDAP Directory > the agreement): add a second (and
    /// third) directory server.
    ///
    /// ## Sources
    /// - formats.md §11: up to three servers in the AXL `getLdapAuthentication` schema.
    code: "LDAP004",
    name: "single-ldap-server",
    family: Ldap,
    severity: Info,
    status: Stable,
    requires: [LdapAuthentication | LdapDirectories],
    summary: "LDAP authentication has only one server.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for auth in enabled(ctx) {
        let [server] = auth.servers.as_slice() else { continue };
        let message = format!(
            "only one LDAP authentication server ({}) is configured; end-user logins fail while it is down",
            server.host.value
        );
        sink.report(ObjectKey::LdapAuthentication, server.host.span, "the only LDAP server", message)
            .help("System > LDAP > LDAP Authentication: add a second (and third) directory server");
    }
    for agreement in sync_agreements(ctx) {
        let [server] = agreement.servers.as_slice() else { continue };
        let message = format!(
            "only one LDAP sync server ({}) is configured in agreement {}; synchronisation fails while it is down",
            server.host.value, agreement.name.value
        );
        let help = format!(
            "System > LDAP > LDAP Directory > {}: add a second (and third) directory server",
            agreement.name.value
        );
        sink.report(agreement.key(), server.host.span, "the only LDAP server", message).help(help);
    }
    Ok(())
}
