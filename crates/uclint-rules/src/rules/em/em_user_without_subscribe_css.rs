//! EM020: an Extension Mobility user with presence but no SUBSCRIBE CSS.

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every Extension Mobility user (an end user with a controlled device profile) who is
    /// enabled for IM and Presence has a SUBSCRIBE Calling Search Space on the End User page.
    ///
    /// ## What it leaves alone
    /// - Users with no controlled device profile (not EM users), users not enabled for IM and
    ///   Presence, and users whose export does not carry SUBSCRIBE CSS.
    /// - Templates and CUCM's placeholder users (`Token_User_<uuid>`): set aside when the export is
    ///   read.
    ///
    /// ## Why it breaks
    /// When a user logs in with Extension Mobility, presence and BLF subscriptions from the
    /// profile use the user's SUBSCRIBE CSS. Without one they cannot reach the watched DNs:
    /// busy-lamp fields stay dark and on-the-phone status is missing.
    ///
    /// ## Example
    /// ```csv
    /// USER ID,SUBSCRIBE CSS,ENABLE USER FOR UNIFIED CM IM AND PRESENCE,DEVICE NAME 1,TYPE USER ASSOCIATION 1
    /// jdoe,NULL,t,UDP_jdoe,Profile Available
    /// ```
    ///
    /// ## How to fix
    /// User Management > End User > the user > SUBSCRIBE Calling Search Space: choose the CSS
    /// that reaches the presence entities.
    ///
    /// ## Sources
    /// - Webex App with Unified CM troubleshooting, "Missing SUBSCRIBE Calling Search Space for
    ///   Extension Mobility users" (WEBEX-UCM); CUCM End User field reference (EU-FIELDS).
    code: "EM020",
    name: "em-user-without-subscribe-css",
    family: Em,
    severity: Info,
    status: Stable,
    requires: [EndUsers],
    summary: "An Extension Mobility user with IM and Presence has no SUBSCRIBE CSS.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for user in &ctx.cluster.end_users {
        let presence = user.imp_enabled.as_ref().is_some_and(|f| f.value);
        let Some(css) = user.subscribe_css.as_ref().filter(|c| !c.value) else { continue };
        if user.controlled_profiles.is_empty() || !presence {
            continue;
        }
        let message = format!(
            "EM user {} has no SUBSCRIBE CSS; presence and BLF subscriptions from their profile may fail",
            user.user_id.value
        );
        let help = format!(
            "User Management > End User > {} > SUBSCRIBE Calling Search Space: choose the CSS that reaches the \
             presence entities",
            user.user_id.value
        );
        sink.report(user.key(), css.span, "no SUBSCRIBE CSS", message).help(help);
    }
    Ok(())
}
