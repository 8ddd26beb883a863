//! RMCM007: UCCX SRTP is declared and a UCCX application user lacks an SRTP group.

use uclint_model::AppUser;

use crate::catalog::{add_to_group_help, groups};
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// When `srtp = true` in `uclint.toml`, that the RMCM user and every UCCX telephony (JTAPI)
    /// user are in "Standard CTI Allow Reception of SRTP Key Material" and "Standard CTI Secure
    /// Connection" (BAT `appuser.csv` `DIR GROUP NAME n`; compared case-insensitively; a
    /// custom group counts when the export gives its roles: `accesscntrlgrp.csv`, AXL
    /// `userRoles`). One finding per user and missing group. The RMCM user is found as RMCM001 describes; the
    /// JTAPI users are `jtapi-users`, or else the application users named `<prefix>_<node id>`
    /// with `jtapi` in the prefix (`uccxjtapiuser_1`). Users that cannot be found are left out;
    /// the rule is skipped when SRTP is not declared or no user is found.
    ///
    /// ## What it leaves alone
    /// - Other application users, standard ones (`CCMSysUser`, …) included, and end users:
    ///   they are not UCCX's providers. UCCX's `_ccxsub` user of SRTP high-availability
    ///   deployments is not checked yet.
    ///
    /// ## Why it breaks
    /// With SRTP, UCCX connects to CTIManager over TLS and needs the media keys of the calls it
    /// handles and records. A user without these roles cannot open the secure CTI connection or
    /// receive the keys: the telephony or RMCM subsystem goes out of service, or encrypted calls
    /// cannot be answered or recorded.
    ///
    /// ## Example
    /// ```csv
    /// APPLICATION USER NAME,DIR GROUP NAME 1,IS STANDARD 1,DIR GROUP NAME 2,IS STANDARD 2
    /// uccxjtapiuser_1,Standard CTI Enabled,t,Standard CTI Secure Connection,t
    /// ```
    ///
    /// ## How to fix
    /// User Management > Application User > the user > Permissions Information > Add to Access
    /// Control Group > the group named in the finding (Standard CTI Allow Reception of SRTP Key
    /// Material, Standard CTI Secure Connection).
    ///
    /// ## Sources
    /// - UCCX Solution Design Guide 12.5(1)SU1, "Solution Security", SRTP considerations (DGSEC).
    code: "RMCM007",
    name: "uccx-user-without-srtp-groups",
    family: Rmcm,
    severity: Warning,
    status: Stable,
    requires: [AppUsers],
    settings: [Srtp],
    summary: "UCCX SRTP is declared and the RMCM or a JTAPI user lacks an SRTP group.",
    check: check,
}

const SRTP_GROUPS: [&str; 2] = [groups::SRTP_KEY_MATERIAL, groups::SECURE_CONNECTION];

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    if !ctx.settings.srtp {
        return Err(Skip::new("UCCX SRTP not declared: set srtp = true in uclint.toml when UCCX uses SRTP"));
    }
    let rmcm = ctx.rmcm_app_user();
    let jtapi = ctx.jtapi_users();
    let mut users: Vec<(&AppUser, &str)> = Vec::new();
    if let Ok(user) = &rmcm {
        users.push((user, "RMCM user"));
    }
    if let Ok(jtapi) = &jtapi {
        users.extend(jtapi.iter().map(|u| (*u, "JTAPI user")));
    }
    if users.is_empty() {
        let reasons: Vec<String> = [rmcm.err(), jtapi.err()].into_iter().flatten().collect();
        return Err(Skip::new(reasons.join("; ")));
    }
    for (user, role) in users {
        for group in SRTP_GROUPS {
            if ctx.granting(&user.groups, group).is_some() {
                continue;
            }
            let message =
                format!("with UCCX SRTP, application user {} needs access control group '{group}'", user.name.value);
            sink.report(user.key(), user.name.span, role, message).help(add_to_group_help(
                "Application User",
                &user.name.value,
                group,
            ));
        }
    }
    Ok(())
}
