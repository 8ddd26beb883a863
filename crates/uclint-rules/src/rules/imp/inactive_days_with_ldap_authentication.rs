//! IMP009: a credential policy with Inactive Days Allowed while LDAP authentication is on.

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That, when end users authenticate against LDAP (System > LDAP > LDAP Authentication >
    /// Use LDAP Authentication for End Users), no credential policy has Inactive Days Allowed
    /// above 0.
    ///
    /// Every credential policy in the export is checked: which credential type uses which
    /// policy (`credpolicydef.csv`) is not read. That is deliberate: Cisco also asks for
    /// Inactive Days Allowed 0 on the policy of CTI application users, whatever the
    /// authentication.
    ///
    /// ## What it leaves alone
    /// - Everything when LDAP authentication for end users is off: Unified CM then checks each
    ///   password itself and sees the account in use.
    /// - Policies whose Inactive Days Allowed is 0 or unset.
    ///
    /// ## Why it breaks
    /// With LDAP authentication the password is checked by the directory, so Unified CM does
    /// not see the credential being used, and Inactive Days Allowed can still lock the account
    /// as inactive (Cisco bug CSCtk62723). Jabber desk-phone control (CTI) and other
    /// credential-based logins then fail for users who sign in every day. Application users
    /// whose policy locks them become inactive and their CTI applications stop connecting.
    ///
    /// ## Example
    /// ```csv
    /// NAME,FAILED LOGON,INACTIVE DAYS ALLOWED,EXPIRY WARNING DAYS
    /// Default Credential Policy,3,90,0
    /// ```
    /// with `ldapauth.csv` `AUTHENTICATE WITH CORPORATE DIR` = `t`.
    ///
    /// The `credpolicy.csv` column names are inferred (the catalog names `INACTIVE DAYS
    /// ALLOWED`); the file gets an INPUT005 note. AXL `getCredentialPolicy`/
    /// `listCredentialPolicy` (`name`, `inactiveDaysAllowed`) is read too.
    ///
    /// ## How to fix
    /// User Management > User Settings > Credential Policy > the policy > Inactive Days
    /// Allowed = 0.
    ///
    /// ## Sources
    /// - Third-party report of Cisco bug CSCtk62723 (NETCRAFT).
    /// - CUCM administration guide, "Configure Credential Policies": set Inactive Days Allowed
    ///   to 0 for CTI application users.
    code: "IMP009",
    name: "inactive-days-with-ldap-authentication",
    family: Imp,
    severity: Warning,
    status: Stable,
    requires: [CredentialPolicies, LdapAuthentication],
    summary: "A credential policy has Inactive Days Allowed above 0 while LDAP authentication is on.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let enabled = ctx.cluster.ldap_authentication.iter().find_map(|a| a.enabled.as_ref().filter(|f| f.value));
    let Some(enabled) = enabled else { return Ok(()) };
    for policy in &ctx.cluster.credential_policies {
        let Some(days) = policy.inactive_days_allowed.as_ref().filter(|d| d.value > 0) else { continue };
        let message = format!(
            "With LDAP authentication, credential policy '{}' Inactive Days Allowed={} can lock CTI/desk-phone \
             control (CSCtk62723)",
            policy.name.value, days.value,
        );
        let help = format!(
            "User Management > User Settings > Credential Policy > {} > Inactive Days Allowed = 0",
            policy.name.value
        );
        sink.report(policy.key(), days.span, "Inactive Days Allowed", message)
            .label(enabled.span, "LDAP authentication for end users")
            .help(help);
    }
    Ok(())
}
