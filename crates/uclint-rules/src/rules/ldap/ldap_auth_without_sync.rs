//! LDAP006: LDAP authentication without directory synchronisation, or the reverse.

use uclint_model::{ObjectKey, Severity};

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That LDAP Authentication for end users (BAT `ldapauth.csv` `AUTHENTICATE WITH CORPORATE
    /// DIR`) and LDAP synchronisation (`ldapsystem.csv` `SYNC ENABLED`) are on together. It
    /// fires as a warning when authentication is on and synchronisation off, and as info when
    /// synchronisation is on and authentication off.
    ///
    /// ## What it leaves alone
    /// Exports that do not give both flags. Only the first LDAP System and the first LDAP
    /// Authentication that give their flag are read; the sync agreements themselves are not.
    ///
    /// ## Why it breaks
    /// LDAP authentication checks the passwords of users synchronised from the directory; with
    /// synchronisation off there are no such users, so directory logins do not work as intended.
    /// The reverse is allowed but unusual: users come from the directory while their passwords
    /// stay in CUCM, out of step with the directory's.
    ///
    /// ## Example
    /// `ldapsystem.csv` with synchronisation off while `ldapauth.csv` has
    /// `AUTHENTICATE WITH CORPORATE DIR` = `t`:
    /// ```csv
    /// USERID ATTRIBUTE NAME,TYPE LDAP SERVER,SYNC ENABLED
    /// sAMAccountName,Microsoft Active Directory,f
    /// ```
    ///
    /// ## How to fix
    /// System > LDAP > LDAP System > Enable Synchronizing from LDAP Server, with an LDAP
    /// Directory agreement; or System > LDAP > LDAP Authentication > Use LDAP Authentication for
    /// End Users, to match.
    ///
    /// ## Sources
    /// - CUCM 9.0 Administration Guide, "LDAP authentication setup" (CM-LDAPAUTH): user accounts
    ///   must be synchronised to use LDAP authentication.
    code: "LDAP006",
    name: "ldap-auth-without-sync",
    family: Ldap,
    severity: Warning,
    status: Stable,
    requires: [LdapAuthentication, LdapSystem],
    summary: "LDAP authentication is on while synchronisation is off (or, as info, the reverse).",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let Some(sync) = ctx.cluster.ldap_system.iter().find_map(|s| s.sync_enabled.as_ref()) else { return Ok(()) };
    let Some(auth) = ctx.cluster.ldap_authentication.iter().find_map(|a| a.enabled.as_ref()) else { return Ok(()) };
    let (message, help, severity) = match (auth.value, sync.value) {
        (true, false) => (
            "LDAP authentication for end users is on, but synchronisation from LDAP is off; LDAP authentication \
             needs users synchronised from the directory",
            "System > LDAP > LDAP System > Enable Synchronizing from LDAP Server (with an LDAP Directory agreement), or \
             turn LDAP Authentication off",
            None,
        ),
        (false, true) => (
            "users are synchronised from LDAP, but LDAP authentication for end users is off; their passwords are kept \
             in CUCM, apart from the directory's",
            "System > LDAP > LDAP Authentication > Use LDAP Authentication for End Users, if directory passwords should \
             apply",
            Some(Severity::Info),
        ),
        _ => return Ok(()),
    };
    let finding = sink
        .report(ObjectKey::LdapAuthentication, auth.span, "Use LDAP Authentication for End Users", message)
        .label(sync.span, "Enable Synchronizing from LDAP Server")
        .help(help);
    if let Some(severity) = severity {
        finding.severity(severity);
    }
    Ok(())
}
