//! SEC008: the UCCX AXL application user is a full CUCM administrator.

use crate::catalog::groups;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// When `axl-user` is set in `uclint.toml`, that this application user (the account UCCX
    /// uses for AXL) is not in "Standard CCM Super Users" (compared case-insensitively; a
    /// custom group counts when the export gives its roles: `accesscntrlgrp.csv`, AXL
    /// `userRoles`).
    /// Skipped without the setting, or when the export does not have the user.
    ///
    /// ## What it leaves alone
    /// - Every other application user: standard ones (`CCMSysUser`, …) are CUCM's own, UCCX's
    ///   RMCM and JTAPI users are judged by RMCM011, and the AXL accounts of other applications
    ///   are not UCCX's.
    /// - End users (SEC003 reports those in Standard CCM Super Users).
    ///
    /// ## Why it breaks
    /// A super user can change anything in the cluster, so its password in UCCX is a full
    /// administrator credential. A shared administrator account also gets locked out or
    /// changed by people, and each lockout breaks UCCX provisioning and agent synchronisation.
    ///
    /// ## Example
    /// ```csv
    /// APPLICATION USER NAME,DIR GROUP NAME 1,IS STANDARD 1,DIR GROUP NAME 2,IS STANDARD 2
    /// uccxaxl,Standard AXL API Access,t,Standard CCM Super Users,t
    /// ```
    ///
    /// ## How to fix
    /// Create a dedicated application user with only "Standard AXL API Access" (User Management
    /// > Application User > Add New), set it in Unified CCX Administration > System > Cisco
    /// Unified CM Configuration > AXL Service Provider Configuration, and remove "Standard CCM
    /// Super Users" from the account UCCX uses.
    ///
    /// ## Sources
    /// - UCCX Administration and Operations Guide (AOG): the best practice is AXL-specific
    ///   administrator credentials.
    code: "SEC008",
    name: "axl-user-is-super-user",
    family: Sec,
    severity: Info,
    status: Stable,
    requires: [AppUsers],
    settings: [AxlUser],
    summary: "The UCCX AXL application user is in \"Standard CCM Super Users\".",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let user = ctx.named_app_user(ctx.settings.axl_user.as_deref(), "UCCX AXL user", "axl-user")?;
    let Some(group) = ctx.granting(&user.groups, groups::SUPER_USERS) else { return Ok(()) };
    let message = format!(
        "UCCX AXL user {} is a CUCM super user; use a dedicated AXL-only account (lockouts of a shared \
         administrator break UCCX provisioning)",
        user.name.value
    );
    let help = format!(
        "User Management > Application User > {}: remove '{}' and keep '{}' (or give UCCX a dedicated AXL-only user)",
        user.name.value,
        groups::SUPER_USERS,
        groups::AXL_API
    );
    sink.report(user.key(), group.span, "access control group", message).help(help);
    Ok(())
}
