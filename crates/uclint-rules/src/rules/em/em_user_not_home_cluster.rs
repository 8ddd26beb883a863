//! EM016: an Extension Mobility user not marked Home Cluster.

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every end user with a controlled device profile has Home Cluster checked (BAT
    /// `HOME CLUSTER` = `t`).
    ///
    /// ## What it leaves alone
    /// - Users with no controlled device profile (they are not EM users), and users whose export
    ///   does not give Home Cluster.
    /// - Templates and CUCM's placeholder users (`Token_User_<uuid>`): set aside when the export is
    ///   read.
    ///
    /// ## Why it breaks
    /// The Feature Configuration Guide's steps for associating a device profile to a user
    /// include checking Home Cluster. A user whose home cluster is elsewhere is treated as a
    /// remote (EMCC) user, so a local EM login does not behave as intended.
    ///
    /// ## Example
    /// ```csv
    /// USER ID,HOME CLUSTER,DEVICE NAME 1,TYPE USER ASSOCIATION 1
    /// agent06,f,UDP_agent06,Profile Available
    /// ```
    ///
    /// ## How to fix
    /// User Management > End User > the user > Service Settings > Home Cluster: check it (on the
    /// one cluster that is the user's home).
    ///
    /// ## Sources
    /// - CUCM Feature Configuration Guide, "Extension Mobility", "Associate a Device Profile to a
    ///   User" (FCG-EM).
    code: "EM016",
    name: "em-user-not-home-cluster",
    family: Em,
    severity: Warning,
    status: Stable,
    requires: [EndUsers],
    summary: "A user with a controlled device profile is not marked Home Cluster.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for user in &ctx.cluster.end_users {
        let Some(profile) = user.controlled_profiles.first() else { continue };
        let Some(flag) = user.home_cluster.as_ref().filter(|f| !f.value) else { continue };
        let message = format!(
            "EM user {} (controlled profile {}) is not marked Home Cluster on this cluster",
            user.user_id.value, profile.value,
        );
        let help =
            format!("User Management > End User > {} > Service Settings > Home Cluster: check it", user.user_id.value);
        sink.report(user.key(), flag.span, "Home Cluster", message)
            .label(profile.span, "controlled profile")
            .help(help);
    }
    Ok(())
}
