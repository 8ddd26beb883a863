//! EM008: Multiple Login Behavior is "Multiple Logins Not Allowed" (explains error 25).

use uclint_model::Severity;

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// The Cisco Extension Mobility service parameter Multiple Login Behavior (internal name
    /// `multiDevHoteling`). It reports, at info, when the value is `noLogin` ("Multiple Logins
    /// Not Allowed", the default), and at warning when some user controls two or more device
    /// profiles, since such a user is likely to log in twice. Other values are not reported;
    /// their internal spellings have not been seen in a real export. Skipped when the export
    /// has no such parameter.
    ///
    /// ## What it leaves alone
    /// - Multiple Login Behavior set to Multiple Logins Allowed or Auto Logout.
    /// - Node-level rows of the parameter: the cluster-wide (`EnterpriseWideData`) row is read,
    ///   else the first node's.
    ///
    /// ## Why it breaks
    /// With multiple logins not allowed, a user already logged in on one phone who logs in on
    /// another gets "Error 25 User Logged in Elsewhere". That is by design, but it is the most
    /// frequent EM ticket, so the effective value is worth knowing.
    ///
    /// ## Example
    /// ```csv
    /// SERVER,PARAM NAME,PARAM VALUE,PARAM TYPE,SERVICE TYPE
    /// EnterpriseWideData,multiDevHoteling,noLogin,string,Cisco Extension Mobility
    /// ```
    ///
    /// ## How to fix
    /// Nothing, if single logins are intended. Otherwise System > Service Parameters > Cisco
    /// Extension Mobility > Multiple Login Behavior = Multiple Logins Allowed or Auto Logout.
    ///
    /// ## Sources
    /// - Cisco Community, "Common problems in Extension Mobility" (B).
    /// - CUCM Feature Configuration Guide, "Extension Mobility", service parameter table (FCG-EM).
    code: "EM008",
    name: "multiple-logins-not-allowed",
    family: Em,
    severity: Info,
    status: Stable,
    requires: [ServiceParameters],
    summary: "EM Multiple Login Behavior is \"Multiple Logins Not Allowed\" (error 25 on a second login).",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let Some(parameter) = ctx.service_parameter("Cisco Extension Mobility", "multiDevHoteling") else {
        return Err(Skip::new(
            "no Cisco Extension Mobility multiDevHoteling (Multiple Login Behavior) parameter in the export",
        ));
    };
    let value = parameter.value.value.trim();
    if !(value.eq_ignore_ascii_case("noLogin") || value.eq_ignore_ascii_case("Multiple Logins Not Allowed")) {
        return Ok(());
    }
    let many = ctx.cluster.end_users.iter().find(|u| u.controlled_profiles.len() >= 2);
    let mut message = "Multiple Login Behavior = Multiple Logins Not Allowed: a second login returns 'Error 25 User \
                       Logged in Elsewhere'"
        .to_owned();
    if let Some(user) = many {
        message.push_str(&format!(
            "; user {} controls {} device profiles, so it is likely to happen",
            user.user_id.value,
            user.controlled_profiles.len()
        ));
    }
    let object = parameter.key();
    let finding = sink.report(object, parameter.value.span, "Multiple Login Behavior", message).help(
        "System > Service Parameters > Cisco Extension Mobility > Multiple Login Behavior (Multiple Logins Allowed \
         or Auto Logout), if users should log in on several phones",
    );
    if let Some(user) = many {
        finding.label(user.controlled_profiles[1].span, "second controlled profile").severity(Severity::Warning);
    }
    Ok(())
}
