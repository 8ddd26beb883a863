//! RMCM011: a UCCX-created application user has groups UCCX does not give it.

use uclint_model::AppUser;

use crate::catalog::groups;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That the application users UCCX creates are in no access control group beyond those
    /// UCCX itself provisions (compared by name, case-insensitively; one finding per extra
    /// group):
    /// - the RMCM user, and the `_ccxsub` user of SRTP high-availability deployments (a second
    ///   RMCM user): Standard CTI Enabled, Allow Call Monitoring, Allow Call Recording, the
    ///   Connected Xfer and Rollover Mode groups, Allow Control of All Devices (which TechNote
    ///   210485 lists), and the SRTP groups (Allow Reception of SRTP Key Material, Secure
    ///   Connection);
    /// - the UCCX telephony (JTAPI) users: Standard CTI Enabled and the two SRTP groups.
    ///
    /// The RMCM user is found as RMCM001 describes; the JTAPI users are `jtapi-users`, or else
    /// the application users named `<prefix>_<node id>` with `jtapi` in the prefix
    /// (`uccxjtapiuser_1`). Users that cannot be found are left out; the rule is skipped when
    /// none is found.
    ///
    /// ## What it leaves alone
    /// - Application users UCCX does not create, even when their name starts with `uccx`: the
    ///   UCCX AXL user, which the administrator creates (SEC008 judges it), standard
    ///   application users (`CCMSysUser`, …) and those of other applications.
    /// - End users (SEC003 reports the over-privileged ones).
    ///
    /// ## Why it breaks
    /// UCCX creates and maintains its application users; Cisco does not support changing them
    /// from CUCM. Extra groups such as Standard CCM Super Users or Standard AXL API Access show
    /// the account has been reused for something else, and a UCCX resync or password change
    /// then breaks that other use (or the other use breaks UCCX).
    ///
    /// ## Example
    /// ```csv
    /// APPLICATION USER NAME,DIR GROUP NAME 1,IS STANDARD 1,DIR GROUP NAME 2,IS STANDARD 2
    /// uccxrmcmuser,Standard CTI Enabled,t,Standard CCM Super Users,t
    /// uccxjtapiuser_1,Standard CTI Enabled,t,Standard AXL API Access,t
    /// ```
    ///
    /// ## How to fix
    /// User Management > Application User > the user > Permissions Information: remove the
    /// extra group, and give the other application its own application user.
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, step 1 note (A): changes to this user from CUCM are not supported.
    /// - UCCX 12.5(1)SU3 Solution Release Notes (RN125).
    /// - A real CUCM 14 UCCX lab export (LAB): the JTAPI users have only Standard CTI Enabled.
    code: "RMCM011",
    name: "uccx-application-user-modified",
    family: Rmcm,
    severity: Info,
    status: Stable,
    requires: [AppUsers],
    summary: "A UCCX-created application user (RMCM or JTAPI) has access control groups UCCX does not provision.",
    check: check,
}

/// Groups UCCX gives its RMCM user (or that other rules ask for).
const RMCM_GROUPS: [&str; 8] = [
    groups::CTI_ENABLED,
    groups::CALL_MONITORING,
    groups::CALL_RECORDING,
    groups::CONNECTED_XFER,
    groups::ROLLOVER,
    groups::ALL_DEVICES,
    groups::SRTP_KEY_MATERIAL,
    groups::SECURE_CONNECTION,
];

/// Groups UCCX gives its telephony (JTAPI) users (the SRTP ones when SRTP is on, RMCM007).
const JTAPI_GROUPS: [&str; 3] = [groups::CTI_ENABLED, groups::SRTP_KEY_MATERIAL, groups::SECURE_CONNECTION];

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let rmcm = ctx.rmcm_app_user();
    let jtapi = ctx.jtapi_users();
    let mut users: Vec<(&AppUser, &[&str])> = Vec::new();
    if let Ok(user) = &rmcm {
        users.push((user, &RMCM_GROUPS));
    }
    // The `_ccxsub` user is a second RMCM user (UCCX033); the heuristic never takes it for the
    // RMCM user itself.
    let ccxsub = ctx.cluster.app_users.iter().filter(|u| u.name.value.trim().to_ascii_lowercase().ends_with("_ccxsub"));
    for user in ccxsub {
        if !users.iter().any(|(u, _)| std::ptr::eq(*u, user)) {
            users.push((user, &RMCM_GROUPS));
        }
    }
    if let Ok(jtapi) = &jtapi {
        for user in jtapi.iter() {
            if !users.iter().any(|(u, _)| std::ptr::eq(*u, *user)) {
                users.push((user, &JTAPI_GROUPS));
            }
        }
    }
    if users.is_empty() {
        let reasons: Vec<String> = [rmcm.err(), jtapi.err()].into_iter().flatten().collect();
        return Err(Skip::new(reasons.join("; ")));
    }
    for (user, allowed) in users {
        for group in &user.groups {
            if allowed.iter().any(|g| g.eq_ignore_ascii_case(group.value.trim())) {
                continue;
            }
            let message = format!(
                "UCCX-created user {} has extra group '{}'; Cisco does not support changing UCCX application users \
                 from CUCM",
                user.name.value, group.value,
            );
            let help = format!(
                "User Management > Application User > {} > Permissions Information: remove {} and give the other \
                 application its own application user",
                user.name.value, group.value
            );
            sink.report(user.key(), group.span, "access control group", message).help(help);
        }
    }
    Ok(())
}
