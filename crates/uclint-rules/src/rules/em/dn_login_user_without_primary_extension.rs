//! EM015: login by primary extension for an EM user who has none.

use super::dn_login;
use crate::rule::declare_rule;
use crate::{Context, Sink};

declare_rule! {
    /// ## What it checks
    /// When an Extension Mobility service logs users in by primary extension (`loginType=DN`),
    /// that every Extension Mobility user (an end user with a controlled device profile) has a
    /// Primary Extension. The catalog's second case, `loginType=SP` without a Self-Service User
    /// ID, is not checked: the export's self-service IDs are not read yet.
    ///
    /// ## Why it breaks
    /// With `loginType=DN` Unified CM finds the user by the number typed in. A user without a
    /// Primary Extension cannot be found and the login fails with "Login is unavailable (23)".
    ///
    /// ## Example
    /// An EM service with `loginType=DN`, and `enduser.csv` where `jdoe` has a profile but no
    /// `Primary` extension:
    /// ```csv
    /// USER ID,DEVICE NAME 1,TYPE USER ASSOCIATION 1,PRIMARY EXTENSION 1,TYPE PATTERN USAGE 1
    /// jdoe,UDP_jdoe,Profile Available,,
    /// ```
    ///
    /// ## How to fix
    /// User Management > End User > Directory Number Associations > Primary Extension: choose
    /// the user's line; or log in by user ID (`loginType=UID`).
    ///
    /// ## Sources
    /// - TechNote 212083, "CUCM 12.X EM and EMCC Log in service URL" (TN212083).
    code: "EM015",
    name: "dn-login-user-without-primary-extension",
    family: Em,
    severity: Warning,
    status: Stable,
    requires: [EndUsers, PhoneServices],
    summary: "An EM service logs in by primary extension (loginType=DN) but an EM user has no Primary Extension.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some((service, url)) = dn_login(&ctx.cluster.phone_services) else { return };
    for user in &ctx.cluster.end_users {
        if user.controlled_profiles.is_empty() || user.primary_extension.is_some() {
            continue;
        }
        let message = format!(
            "{} has no Primary Extension; EM service '{}' logs in by DN (loginType=DN), which returns 'Login is \
             unavailable (23)' for this user",
            user.user_id.value, service.name.value,
        );
        let help = format!(
            "User Management > End User > {} > Directory Number Associations > Primary Extension: choose the \
             user's line, or log in by user ID (loginType=UID)",
            user.user_id.value
        );
        let finding = sink
            .finding(user.key(), user.user_id.span, "EM user without Primary Extension", message)
            .with_label(url.span, "logs in by DN")
            .with_help(help);
        sink.push(finding);
    }
}
