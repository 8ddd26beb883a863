//! RMCM006: the RMCM user is in the call monitoring and recording groups.
//!
//! The check of the group is shared with the other RMCM group rules (`rmcm::check_group`).

use crate::catalog::groups;
use crate::rule::declare_rule;
use crate::rules::rmcm::check_group;
use crate::settings::MONITORING_RECORDING_NOT_DECLARED;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// When `monitoring-recording = true` in `uclint.toml` (Finesse supervisors silently
    /// monitor or record agents), that the RMCM application user is in "Standard CTI Allow
    /// Call Monitoring" and "Standard CTI Allow Call Recording" (BAT `appuser.csv`
    /// `DIR GROUP NAME n`; compared case-insensitively; a custom group counts when the
    /// export gives its roles: `accesscntrlgrp.csv`, AXL `userRoles`). One finding per
    /// missing group.
    /// Skipped when monitoring and recording are not declared, or the RMCM user is not
    /// known (see RMCM001).
    ///
    /// ## What it leaves alone
    /// - The UCCX telephony (JTAPI) users and every other application user: UCCX monitors
    ///   and records agents' calls as the RMCM user only.
    ///
    /// ## Why it breaks
    /// UCCX asks CTIManager to monitor or record the agent's call as the RMCM user. Without
    /// the roles, CTIManager refuses: the supervisor's Silent Monitor or Start Recording
    /// fails in Finesse while everything else works.
    ///
    /// ## Example
    /// ```csv
    /// APPLICATION USER NAME,DIR GROUP NAME 1,IS STANDARD 1,DIR GROUP NAME 2,IS STANDARD 2
    /// uccxrmcmuser,Standard CTI Enabled,t,Standard CTI Allow Call Monitoring,t
    /// ```
    ///
    /// ## How to fix
    /// User Management > Application User > the RMCM user > Permissions Information > Add to
    /// Access Control Group > Standard CTI Allow Call Monitoring and Standard CTI Allow Call
    /// Recording. UCCX creates this user; prefer a UCCX resync over manual edits.
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, "Troubleshoot Agent Log in Issues", step 7 (A).
    /// - A real CUCM 14 UCCX lab export (LAB): the provisioned RMCM user has both groups.
    code: "RMCM006",
    name: "rmcm-user-without-monitoring-recording",
    family: Rmcm,
    severity: Warning,
    status: Stable,
    requires: [AppUsers],
    settings: [MonitoringRecording],
    summary: "Monitoring or recording is declared and the RMCM user lacks the call monitoring or recording group.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    if !ctx.settings.monitoring_recording {
        return Err(Skip::new(MONITORING_RECORDING_NOT_DECLARED));
    }
    let why = "Finesse supervisor monitoring and recording will fail";
    check_group(ctx, sink, groups::CALL_MONITORING, why)?;
    check_group(ctx, sink, groups::CALL_RECORDING, why)
}
