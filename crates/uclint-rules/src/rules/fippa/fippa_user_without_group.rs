//! FIPPA002: the FIPPA application user lacks a group it needs.

use crate::catalog::{add_to_group_help, groups};
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// When `fippa-user` is set in `uclint.toml` (or `--fippa-user`), that this application user
    /// is in "Standard CTI Enabled" and "Standard CTI Allow Control of All Devices" (BAT
    /// `appuser.csv` `DIR GROUP NAME n`; compared case-insensitively; a custom group counts
    /// when the export gives its roles: `accesscntrlgrp.csv`, AXL `userRoles`). One finding per
    /// missing group. Skipped without the setting, or when the export does not have the user.
    ///
    /// ## What it leaves alone
    /// Every application user but the one `fippa-user` names: the FIPPA user is set in Finesse and
    /// cannot be told from the export, so the standard application users (CCMSysUser, …) and UCCX's
    /// own (`uccx…`) are never judged here. Groups beyond the two are not asked for.
    ///
    /// ## Why it breaks
    /// Finesse IP Phone Agent signs in to CTIManager as this user and controls the agents'
    /// phones. Without the roles, CTIManager refuses the provider or the phones, and no agent
    /// can sign in through the phone service.
    ///
    /// ## Example
    /// ```csv
    /// APPLICATION USER NAME,DIR GROUP NAME 1,IS STANDARD 1
    /// finesseippa,Standard CTI Enabled,t
    /// ```
    ///
    /// ## How to fix
    /// User Management > Application User > the FIPPA user > Permissions Information > Add to
    /// Access Control Group > the group named in the finding.
    ///
    /// ## Sources
    /// - Cisco Finesse Administration Guide 12.5(1), "Manage Finesse IP Phone Agent" (FIN-ADM).
    /// - Cisco TechNote 212115, "Configure and Troubleshoot Finesse IP Phone Agent" (TN212115).
    code: "FIPPA002",
    name: "fippa-user-without-group",
    family: Fippa,
    severity: Error,
    status: Stable,
    requires: [AppUsers],
    settings: [FippaUser],
    summary: "The Finesse IP Phone Agent user lacks \"Standard CTI Enabled\" or \"Allow Control of All Devices\".",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let user = ctx.named_app_user(ctx.settings.fippa_user.as_deref(), "FIPPA user", "fippa-user")?;
    for group in [groups::CTI_ENABLED, groups::ALL_DEVICES] {
        if ctx.granting(&user.groups, group).is_some() {
            continue;
        }
        let message = format!(
            "Finesse IP Phone Agent user {} lacks access control group '{group}'; FIPPA cannot control the agents' \
             phones",
            user.name.value
        );
        sink.report(user.key(), user.name.span, "FIPPA user", message).help(add_to_group_help(
            "Application User",
            &user.name.value,
            group,
        ));
    }
    Ok(())
}
