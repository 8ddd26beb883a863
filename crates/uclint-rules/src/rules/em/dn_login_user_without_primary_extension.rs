//! EM015: login by primary extension or self-service ID for an EM user who has none.

use super::{dn_login, login_by};
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every Extension Mobility user (an end user with a controlled device profile) has the
    /// field an EM service's login type looks the user up by:
    /// - when a service logs in by primary extension (`loginType=DN`), a Primary Extension;
    /// - when a service logs in by self-service ID (`loginType=SP`), a Self-Service User ID
    ///   (BAT `SELF-SERVICE USER ID`, `NULL` when unset; AXL `getUser` `selfService`).
    ///
    /// ## What it leaves alone
    /// - Users with no controlled device profile: they are not EM users.
    /// - Users whose export does not carry Self-Service User ID (for `loginType=SP`), and every
    ///   user when no EM service logs in by DN or SP.
    /// - Templates and CUCM's placeholder users (`Token_User_<uuid>`): set aside when the export is
    ///   read.
    ///
    /// ## Why it breaks
    /// With `loginType=DN` or `loginType=SP` Unified CM finds the user by the number typed in:
    /// the primary extension or the self-service user ID. A user without one cannot be found and
    /// the login fails with "Login is unavailable (23)".
    ///
    /// ## Example
    /// An EM service with `loginType=DN`, and `enduser.csv` where `jdoe` has a profile but no
    /// `Primary` extension, and one with `loginType=SP` where `asmith` has no self-service ID:
    /// ```csv
    /// USER ID,SELF-SERVICE USER ID,DEVICE NAME 1,TYPE USER ASSOCIATION 1,PRIMARY EXTENSION 1,TYPE PATTERN USAGE 1
    /// jdoe,14085554001,UDP_jdoe,Profile Available,,
    /// asmith,NULL,UDP_asmith,Profile Available,4002,Primary
    /// ```
    ///
    /// ## How to fix
    /// User Management > End User > Directory Number Associations > Primary Extension: choose
    /// the user's line (`loginType=DN`); or User Management > End User > Self-Service User ID:
    /// set it (`loginType=SP`); or log in by user ID (`loginType=UID`).
    ///
    /// ## Sources
    /// - TechNote 212083, "CUCM 12.X EM and EMCC Log in service URL" (TN212083).
    code: "EM015",
    name: "dn-login-user-without-primary-extension",
    family: Em,
    severity: Warning,
    status: Stable,
    requires: [EndUsers, PhoneServices],
    summary: "An EM service logs in by primary extension or self-service ID (loginType=DN/SP) but an EM user has none.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    if let Some((service, url)) = dn_login(&ctx.cluster.phone_services) {
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
            sink.report(user.key(), user.user_id.span, "EM user without Primary Extension", message)
                .label(url.span, "logs in by DN")
                .help(help);
        }
    }
    if let Some((service, url)) = login_by(&ctx.cluster.phone_services, "SP") {
        for user in &ctx.cluster.end_users {
            if user.controlled_profiles.is_empty() {
                continue;
            }
            let Some(id) = user.self_service_id.as_ref().filter(|id| !id.value) else { continue };
            let message = format!(
                "{} has no Self-Service User ID; EM service '{}' logs in by self-service ID (loginType=SP), which \
                 returns 'Login is unavailable (23)' for this user",
                user.user_id.value, service.name.value,
            );
            let help = format!(
                "User Management > End User > {} > Self-Service User ID: set it, or log in by user ID \
                 (loginType=UID)",
                user.user_id.value
            );
            sink.report(user.key(), id.span, "no Self-Service User ID", message)
                .label(url.span, "logs in by self-service ID")
                .help(help);
        }
    }
    Ok(())
}
