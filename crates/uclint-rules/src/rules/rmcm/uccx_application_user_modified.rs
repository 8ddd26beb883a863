//! RMCM011: the UCCX-created RMCM user has groups UCCX does not give it.

use crate::context::groups;
use crate::rule::declare_rule;
use crate::{Context, Sink};

declare_rule! {
    /// ## What it checks
    /// That the RMCM application user is in no access control group beyond those UCCX itself
    /// provisions: Standard CTI Enabled, Allow Call Monitoring, Allow Call Recording, the
    /// Connected Xfer and Rollover Mode groups, Allow Control of All Devices (which TechNote
    /// 210485 lists), and the SRTP groups (Allow Reception of SRTP Key Material, Secure
    /// Connection). The UCCX telephony (JTAPI) users are not checked yet: their names are not
    /// known to uclint. The RMCM user is found as RMCM001 describes; without it the rule is
    /// skipped.
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
    /// ```
    ///
    /// ## How to fix
    /// User Management > Application User > the RMCM user > Permissions Information: remove the
    /// extra group, and give the other application its own application user.
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, step 1 note (A): changes to this user from CUCM are not supported.
    /// - UCCX 12.5(1)SU3 Solution Release Notes (RN125).
    code: "RMCM011",
    name: "uccx-application-user-modified",
    family: Rmcm,
    severity: Info,
    status: Stable,
    requires: [AppUsers],
    summary: "The UCCX-created RMCM user has access control groups UCCX does not provision.",
    check: check,
}

/// Groups UCCX gives its RMCM user (or that other rules ask for).
const UCCX_GROUPS: [&str; 8] = [
    groups::CTI_ENABLED,
    "Standard CTI Allow Call Monitoring",
    "Standard CTI Allow Call Recording",
    groups::CONNECTED_XFER,
    groups::ROLLOVER,
    groups::ALL_DEVICES,
    "Standard CTI Allow Reception of SRTP Key Material",
    groups::SECURE_CONNECTION,
];

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let user = match ctx.rmcm_app_user() {
        Ok(user) => user,
        Err(reason) => return sink.skip(reason),
    };
    for group in &user.groups {
        if UCCX_GROUPS.iter().any(|g| g.eq_ignore_ascii_case(group.value.trim())) {
            continue;
        }
        let message = format!(
            "UCCX-created user {} has extra group '{}'; Cisco does not support changing UCCX application users from \
             CUCM",
            user.name.value, group.value,
        );
        let help = format!(
            "User Management > Application User > {} > Permissions Information: remove {} and give the other \
             application its own application user",
            user.name.value, group.value
        );
        sink.push(sink.finding(user.key(), group.span, "access control group", message).with_help(help));
    }
}
