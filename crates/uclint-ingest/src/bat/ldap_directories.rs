//! `ldapsystem.csv` (LDAP System) and `ldapdir.csv` (LDAP Directory, the synchronisation
//! agreements). `LDAP PASSWORD` is never read.
//!
//! `ldapdir.csv` repeats some header names in real exports; the first column of a name is read.
//! Its server port is `LDAP PORT NUMBER n` (`PORT NUMBER n` in `ldapauth.csv`, also accepted).
//! The user search base column name is inferred; variants are accepted with an INPUT005 note.

use uclint_model::{LdapDirectory, LdapSystem};

use super::columns::{note_inferred, pick};
use crate::table::{HeaderMap, Row};
use crate::FileParse;

const SEARCH_BASE: &[&str] = &["user search base", "ldap user search base", "user base", "search base"];

/// One `ldapsystem.csv` row: `USERID ATTRIBUTE NAME,TYPE LDAP SERVER,SYNC ENABLED`.
pub fn ldap_system(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let system = LdapSystem {
        sync_enabled: row.flag(parse, header, "sync enabled"),
        server_type: row.value(header, "type ldap server"),
        user_id_attribute: row.value(header, "userid attribute name"),
        span: row.span,
    };
    parse.cluster.ldap_system.push(system);
}

/// One `ldapdir.csv` row: a synchronisation agreement with up to three servers.
pub fn ldap_directory(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(name) = row.value(header, "name") else { return };
    let port_base = if header.has_group("ldap port number") { "ldap port number" } else { "port number" };
    let servers = super::ldap::servers(parse, header, row, port_base);
    let user_search_base = pick(header, SEARCH_BASE).and_then(|c| row.value(header, c));
    if let Some(base) = &user_search_base {
        note_inferred(
            parse,
            "ldap-search-base-column",
            base.span,
            "the user search base column of ldapdir.csv is known only by inference (USER SEARCH BASE, LDAP USER \
             SEARCH BASE or USER BASE are accepted)",
        );
    }
    parse.cluster.ldap_directories.push(LdapDirectory { name, user_search_base, servers, span: row.span });
}
