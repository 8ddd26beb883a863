//! IMP001: an IM and Presence user without digest credentials.

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every end user enabled for IM and Presence (BAT `ENABLE USER FOR UNIFIED CM IM AND
    /// PRESENCE` = `t`) has digest credentials set (BAT `DIGEST CREDENTIALS` is a hash, not empty
    /// or `NULL`). Only presence is tested; the hash is never read into uclint. The finding
    /// points at the user ID, since an empty cell has nothing to point at.
    ///
    /// ## What it leaves alone
    /// - Users not enabled for IM and Presence, and application users.
    /// - Users whose export does not say: AXL `getUser` can return an empty
    ///   `digestCredentials` for users who have them, and some user exports drop the column.
    /// - Placeholder users (`Token_User_…`) of templates: set aside when the export is read.
    ///
    /// ## Why it breaks
    /// SIP-based presence clients (CUPC, third-party SIP clients) authenticate to the IM and
    /// Presence SIP proxy with the user's digest credentials. With none set, the client
    /// reports "invalid credential" and presence does not work. Jabber in XMPP mode does not
    /// use them, which is why this is a warning.
    ///
    /// ## Example
    /// ```csv
    /// USER ID,DIGEST CREDENTIALS,ENABLE USER FOR UNIFIED CM IM AND PRESENCE,HOME CLUSTER
    /// jdoe,NULL,t,t
    /// ```
    ///
    /// ## How to fix
    /// User Management > End User > the user > Digest Credentials: set and confirm them, then
    /// save (IM and Presence synchronises them). Turning off the SIP proxy's authentication or
    /// widening its incoming ACL also "fixes" it but lowers security (SEC001, SEC002).
    ///
    /// ## Sources
    /// - "Mysterious Invalid Credentials on CUPC", blog of a Cisco TAC engineer (C).
    /// - CUCM 12.5 Security Guide, "Digest Authentication for SIP Phones Setup" (DIGEST).
    code: "IMP001",
    name: "imp-user-without-digest-credentials",
    family: Imp,
    severity: Warning,
    status: Stable,
    requires: [EndUsers],
    summary: "A user enabled for IM and Presence has no digest credentials.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for user in &ctx.cluster.end_users {
        let Some(imp) = user.imp_enabled.as_ref().filter(|f| f.value) else { continue };
        if user.digest_credentials.as_ref().is_none_or(|d| d.value) {
            continue;
        }
        let message = format!(
            "{} is enabled for IM and Presence but has no digest credentials; SIP-based presence clients report \
             'invalid credential'",
            user.user_id.value,
        );
        let help = format!(
            "User Management > End User > {} > Digest Credentials: set and confirm them, then save",
            user.user_id.value
        );
        sink.report(user.key(), user.user_id.span, "no Digest Credentials", message)
            .label(imp.span, "enabled for IM and Presence")
            .help(help);
    }
    Ok(())
}
