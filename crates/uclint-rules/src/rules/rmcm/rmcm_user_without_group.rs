//! RMCM003, RMCM005 and RMCM006: access control groups the RMCM user should have.
//!
//! Each rule checks groups on the RMCM application user; they differ only in the groups, the
//! severity, when they apply and the sources.

use uclint_model::AppUser;

use crate::context::{add_to_group_help, groups};
use crate::{Context, Sink};

/// Reports when the RMCM user is not in `group`; `why` finishes the message.
fn check_group(ctx: &Context<'_>, sink: &mut Sink<'_>, group: &str, why: &str) {
    let user: &AppUser = match ctx.rmcm_app_user() {
        Ok(user) => user,
        Err(reason) => return sink.skip(reason),
    };
    if ctx.granting(&user.groups, group).is_some() {
        return;
    }
    let message = format!("RmCm user {} lacks access control group '{group}'; {why}", user.name.value);
    let help = format!(
        "{} (prefer a UCCX resync over manual edits)",
        add_to_group_help("Application User", &user.name.value, group)
    );
    sink.push(sink.finding(user.key(), user.name.span, "RMCM user", message).with_help(help));
}

/// RMCM003.
pub(crate) mod cti_enabled {
    use super::*;
    use crate::rule::declare_rule;

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
    }

    fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
        check_group(ctx, sink, groups::CTI_ENABLED, "CTIManager refuses its JTAPI provider, so no agent can sign in");
    }
}

/// RMCM005.
pub(crate) mod control_all_devices {
    use super::*;
    use crate::rule::declare_rule;

    declare_rule! {
        /// ## What it checks
        /// That the RMCM application user is in "Standard CTI Allow Control of All Devices",
        /// as TechNote 210485 lists. Disabled by default (catalog confidence L): the RMCM user
        /// that UCCX provisions itself does not have this group, and TechNote 117777 advises
        /// against it for contact-center provider users. Select it explicitly to check the
        /// TechNote's list.
        ///
        /// ## What it leaves alone
        /// - Every application user but the RMCM user, and every end user: SEC003 reports end
        ///   users who hold the group, since it lets them control every phone.
        ///
        /// ## Why it breaks
        /// According to TechNote 210485, missing CTI roles on the RMCM user stop UCCX from
        /// controlling agent devices. Field data says the group is not needed when every agent
        /// device is a controlled device of the RMCM user (RMCM001).
        ///
        /// ## Example
        /// ```csv
        /// APPLICATION USER NAME,DIR GROUP NAME 1,IS STANDARD 1,DIR GROUP NAME 2,IS STANDARD 2
        /// uccxrmcmuser,Standard CTI Enabled,t,Standard CTI Allow Call Monitoring,t
        /// ```
        ///
        /// ## How to fix
        /// Usually nothing: make sure RMCM001 passes instead. If you follow the TechNote:
        /// Application User > the RMCM user > Add to Access Control Group > Standard CTI Allow
        /// Control of All Devices.
        ///
        /// ## Sources
        /// - Cisco TechNote 210485, "Troubleshoot Agent Log in Issues", step 7 (A).
        /// - Cisco TechNote 117777, "UCCE Integration with CM Configuration Example" (TN117777).
        /// - A real CUCM 14 UCCX lab export (LAB): the provisioned RMCM user lacks the group.
        code: "RMCM005",
        name: "rmcm-user-without-control-of-all-devices",
        family: Rmcm,
        severity: Info,
        status: Disabled,
        requires: [AppUsers],
        summary: "The RMCM user is not in \"Standard CTI Allow Control of All Devices\" (TechNote 210485).",
        check: check,
    }

    fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
        check_group(ctx, sink, groups::ALL_DEVICES, "TechNote 210485 lists it among the RMCM user's roles");
    }
}

/// RMCM006.
pub(crate) mod monitoring_recording {
    use super::*;
    use crate::rule::declare_rule;

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
        summary: "Monitoring or recording is declared and the RMCM user lacks the call monitoring or recording group.",
        check: check,
    }

    fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
        if !ctx.settings.monitoring_recording {
            return sink.skip(
                "monitoring and recording not declared: set monitoring-recording = true in uclint.toml when \
                 supervisors monitor or record agents",
            );
        }
        let why = "Finesse supervisor monitoring and recording will fail";
        check_group(ctx, sink, groups::CALL_MONITORING, why);
        check_group(ctx, sink, groups::CALL_RECORDING, why);
    }
}
