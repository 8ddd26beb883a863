//! LDAP001: LDAP authentication against Active Directory on a domain port where referrals are
//! likely.

use std::collections::BTreeSet;

use uclint_model::ObjectKey;

use super::{address, enabled};
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// LDAP Authentication for end users against Microsoft Active Directory (BAT `ldapsystem.csv`
    /// `TYPE LDAP SERVER`) on the domain ports 389 or 636 (`ldapauth.csv` `PORT NUMBER n`), when
    /// users are likely to live in several domains: the synchronisation agreements
    /// (`ldapdir.csv`) search bases in two or more different `DC=` suffixes, or the user ID
    /// attribute is `userPrincipalName`. It is a heuristic, hence a warning.
    ///
    /// ## What it leaves alone
    /// - Directories other than Microsoft Active Directory, and LDAP Authentication with Use LDAP
    ///   Authentication for End Users unchecked.
    /// - Servers on ports other than 389 and 636: the Global Catalog's 3268 and 3269, or a custom
    ///   port.
    /// - Users in one domain by every sign the export gives: sync agreements in at most one `DC=`
    ///   suffix and a user ID attribute other than `userPrincipalName`.
    /// - LDAP System settings after the first.
    ///
    /// ## Why it breaks
    /// A domain controller on 389/636 knows only its own domain. A user from another domain is
    /// answered with a referral, which CUCM does not chase reliably, so their login fails with
    /// "invalid credentials" (Jabber, desk-phone control, self-care). The Global Catalog on
    /// 3268 (3269 with TLS) answers for the whole forest.
    ///
    /// ## Example
    /// `ldapauth.csv` on port 389 while `ldapdir.csv` synchronises `DC=emea,DC=example,DC=com`
    /// and `DC=amer,DC=example,DC=com`:
    /// ```csv
    /// LDAP DN,USER BASE,AUTHENTICATE WITH CORPORATE DIR,TYPE LDAP PROTOCOL 1,HOST NAME 1,PRIORITY 1,SSL ENABLED 1,PORT NUMBER 1
    /// "CN=svc-cucm,OU=Service,DC=example,DC=com","DC=example,DC=com",t,ldap_AD,dc1.example.com,1,f,389
    /// ```
    ///
    /// ## How to fix
    /// System > LDAP > LDAP Authentication: point the servers at Global Catalog servers and set
    /// the port to 3268 (3269 with TLS).
    ///
    /// ## Sources
    /// - Cisco Community, "Jabber invalid credentials with LDAP authentication" (C): referrals,
    ///   fixed by the Global Catalog port 3268.
    /// - Microsoft, "Referrals and the Global Catalog" (MS-REF): the Global Catalog is the
    ///   recommended alternative to referral chasing.
    /// - CUCM Feature Configuration Guide, multi-forest LDAP (CM-FOREST): authentication across
    ///   several trees needs `userPrincipalName`.
    code: "LDAP001",
    name: "ldap-auth-not-global-catalog",
    family: Ldap,
    severity: Warning,
    status: Stable,
    requires: [LdapAuthentication, LdapSystem],
    summary: "LDAP authentication to Active Directory uses 389/636 where users span domains (use the Global Catalog).",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let Some(system) = ctx.cluster.ldap_system.first() else { return Ok(()) };
    let Some(kind) = system.server_type.as_ref().filter(|t| t.value.eq_ignore_ascii_case("Microsoft Active Directory"))
    else {
        return Ok(());
    };
    let upn = system.user_id_attribute.as_ref().filter(|a| a.value.eq_ignore_ascii_case("userPrincipalName"));
    let domains: BTreeSet<String> = ctx
        .cluster
        .ldap_directories
        .iter()
        .filter_map(|d| d.user_search_base.as_ref())
        .map(|b| dc_suffix(&b.value))
        .filter(|s| !s.is_empty())
        .collect();
    let reason = match (upn, domains.len()) {
        (Some(_), _) => "the user ID attribute is userPrincipalName".to_owned(),
        (None, n) if n >= 2 => format!("the sync agreements search {n} different domains"),
        _ => return Ok(()),
    };
    for auth in enabled(ctx) {
        for server in &auth.servers {
            let Some(port) = server.port.as_ref().filter(|p| matches!(p.value, 389 | 636)) else { continue };
            let gc = if port.value == 636 { 3269 } else { 3268 };
            let message = format!(
                "LDAP authentication uses {} while {reason}; referrals to other domains are not chased reliably \
                 ('invalid credentials' in Jabber and for desk-phone control). Use the Global Catalog on {gc}",
                address(server)
            );
            let help = format!(
                "System > LDAP > LDAP Authentication: point {} at a Global Catalog server and set LDAP Port = {gc}",
                server.host.value
            );
            let mut finding = sink
                .report(ObjectKey::LdapAuthentication, port.span, "domain port", message)
                .label(kind.span, "LDAP Server Type")
                .help(help);
            if let Some(upn) = upn {
                finding = finding.label(upn.span, "LDAP Attribute for User ID");
            }
        }
    }
    Ok(())
}

/// The `DC=` components of a distinguished name, lower-cased and joined: the domain it is in.
fn dc_suffix(dn: &str) -> String {
    let parts: Vec<String> = dn
        .split(',')
        .map(str::trim)
        .filter_map(|p| {
            p.get(..3).filter(|h| h.eq_ignore_ascii_case("dc=")).map(|_| p[3..].trim().to_ascii_lowercase())
        })
        .filter(|p| !p.is_empty())
        .collect();
    parts.join(".")
}

#[cfg(test)]
mod tests {
    use super::dc_suffix;

    #[test]
    fn dc_components_name_the_domain() {
        assert_eq!(dc_suffix("OU=Users, DC=EMEA,DC=example,dc=com"), "emea.example.com");
        assert_eq!(dc_suffix("OU=Users"), "");
        assert_eq!(dc_suffix("é,DC=,Dc=x"), "x");
    }
}
