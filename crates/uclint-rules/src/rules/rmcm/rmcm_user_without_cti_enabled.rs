//! RMCM003: the RMCM user is in "Standard CTI Enabled".
//!
//! The check of the group is shared with the other RMCM group rules (`rmcm::check_group`);
//! this one alone has a fix.

use uclint_model::{Edit, Fix, List};

use crate::catalog::groups;
use crate::rule::declare_rule;
use crate::rules::rmcm::report_missing_group;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That the RMCM application user is in the access control group "Standard CTI
    /// Enabled" (BAT `appuser.csv` `DIR GROUP NAME n`; compared case-insensitively), or in
    /// a custom group that carries the role where the export says so (BAT
    /// `accesscntrlgrp.csv` `FUNCTION ROLE NAME n`, AXL `userGroup/userRoles`). The RMCM
    /// user is found as RMCM001 describes; without it the rule is skipped.
    ///
    /// ## What it leaves alone
    /// - The UCCX telephony (JTAPI) users and the `_ccxsub` user of SRTP high-availability
    ///   deployments: not checked yet (the RMCM heuristic never takes a `_ccxsub` user for
    ///   the RMCM user). Other application users, standard ones included, are not UCCX's.
    ///
    /// ## Why it breaks
    /// Without the "Standard CTI Enabled" role, CTIManager refuses the RMCM user's JTAPI
    /// provider: UCCX can monitor no agent device and no agent can sign in.
    ///
    /// ## Example
    /// ```csv
    /// APPLICATION USER NAME,DIR GROUP NAME 1,IS STANDARD 1,DIR GROUP NAME 2,IS STANDARD 2
    /// uccxrmcmuser,Standard CTI Allow Call Monitoring,t,Standard CTI Allow Call Recording,t
    /// ```
    ///
    /// ## How to fix
    /// User Management > Application User > the RMCM user > Permissions Information > Add to
    /// Access Control Group > Standard CTI Enabled. UCCX creates this user; prefer a UCCX
    /// resync over manual edits.
    ///
    /// `uclint fix` adds the RMCM user to the group.
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, "Troubleshoot Agent Log in Issues", step 7 (A).
    code: "RMCM003",
    name: "rmcm-user-without-cti-enabled",
    family: Rmcm,
    severity: Error,
    status: Stable,
    requires: [AppUsers],
    summary: "The RMCM user is not in \"Standard CTI Enabled\".",
    check: check,
    fix: Safe("adds the RMCM user to the access control group \"Standard CTI Enabled\"."),
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let why = "CTIManager refuses its JTAPI provider, so no agent can sign in";
    if let Some((finding, user)) = report_missing_group(ctx, sink, groups::CTI_ENABLED, why)? {
        finding
            .fix(|| Fix::Edit(Edit::Add { object: user.key(), list: List::Groups, item: groups::CTI_ENABLED.into() }));
    }
    Ok(())
}
