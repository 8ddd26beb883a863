//! LDAP: directory and authentication (catalog §5).

pub(crate) mod ldap_auth_not_global_catalog;
pub(crate) mod ldap_auth_without_sync;
pub(crate) mod ldap_server_without_tls;
pub(crate) mod ldap_ssl_port_mismatch;
pub(crate) mod ldaps_server_ip_literal;
pub(crate) mod single_ldap_server;

use uclint_model::{LdapAuthentication, LdapDirectory, LdapServer};

use crate::Context;

/// The LDAP authentication configurations in use: all but those with authentication for end
/// users explicitly off.
pub(crate) fn enabled<'a>(ctx: &Context<'a>) -> impl Iterator<Item = &'a LdapAuthentication> {
    ctx.cluster.ldap_authentication.iter().filter(|a| a.enabled.as_ref().is_none_or(|f| f.value))
}

/// The LDAP directory synchronisation agreements in use: all of them unless the LDAP System
/// settings say synchronisation is off.
pub(crate) fn sync_agreements<'a>(ctx: &Context<'a>) -> impl Iterator<Item = &'a LdapDirectory> {
    let sync_off = ctx.cluster.ldap_system.iter().any(|s| s.sync_enabled.as_ref().is_some_and(|f| !f.value));
    ctx.cluster.ldap_directories.iter().filter(move |_| !sync_off)
}

/// `host:port` (or just the host when the port is unset), for messages.
pub(crate) fn address(server: &LdapServer) -> String {
    match &server.port {
        Some(port) => format!("{}:{}", server.host.value, port.value),
        None => server.host.value.to_string(),
    }
}
