//! `ldapauth.csv`: LDAP authentication with up to three servers. `LDAP PASSWORD` is never read.

use uclint_model::{LdapAuthentication, LdapServer};

use crate::table::{Col, HeaderMap, Row};
use crate::FileParse;

/// One `ldapauth.csv` row.
pub fn ldap_authentication(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let servers = servers(parse, header, row, "port number");
    let auth = LdapAuthentication {
        enabled: row.flag(parse, header, "authenticate with corporate dir"),
        user_search_base: row.value(header, "user base"),
        servers,
        span: row.span,
    };
    parse.cluster.ldap_authentication.push(auth);
}

/// The numbered server groups of an LDAP file: `HOST NAME n`, `{port} n`, `SSL ENABLED n`.
pub(super) fn servers(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>, port: &str) -> Vec<LdapServer> {
    let mut servers = Vec::new();
    for n in row.group_numbers(header, "host name") {
        let Some(host) = row.value(header, Col::n("host name", n)) else { continue };
        servers.push(LdapServer {
            host,
            port: row.number(parse, header, Col::n(port, n)),
            ssl: row.flag(parse, header, Col::n("ssl enabled", n)),
        });
    }
    servers
}
