//! SEC001: the IM and Presence SIP Proxy Authentication Module is off.

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// The Cisco SIP Proxy service parameter `Authentication` (IM and Presence "Authentication
    /// Module"), which the CUCM BAT export carries in `serviceparameter.csv`. It fires when the
    /// value is `Off`. Skipped when the export has no such parameter.
    ///
    /// ## What it leaves alone
    /// - Any value but `Off`, and the IM and Presence incoming ACL, which the CUCM export does
    ///   not carry.
    ///
    /// ## Why it breaks
    /// With the module off, the IM and Presence SIP proxy challenges no SIP request: any host
    /// can publish or subscribe as any user. It is the least secure of the workarounds for
    /// CUPC's "invalid credential" error; the real fix is the users' digest credentials.
    ///
    /// ## Example
    /// ```csv
    /// SERVER,PARAM NAME,PARAM VALUE,PARAM TYPE,SERVICE TYPE
    /// EnterpriseWideData,Authentication,Off,string,Cisco SIP Proxy
    /// ```
    ///
    /// ## How to fix
    /// IM and Presence Administration > System > Service Parameters > Cisco SIP Proxy >
    /// Authentication Module = On; fix the users' digest credentials instead (IMP001).
    ///
    /// ## Sources
    /// - "Mysterious Invalid Credentials on CUPC", blog of a Cisco TAC engineer (C): ranked least secure.
    /// - formats.md §11: the parameter as a real CUCM 14 export carries it.
    code: "SEC001",
    name: "sip-proxy-authentication-off",
    family: Sec,
    severity: Error,
    status: Stable,
    requires: [ServiceParameters],
    summary: "The IM and Presence SIP Proxy Authentication Module is Off.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let Some(parameter) = ctx.service_parameter("Cisco SIP Proxy", "Authentication") else {
        return Err(Skip::new("no Cisco SIP Proxy Authentication service parameter in the export"));
    };
    if !parameter.value.value.trim().eq_ignore_ascii_case("Off") {
        return Ok(());
    }
    let message = "IM and Presence SIP Proxy Authentication Module is Off: SIP requests are not challenged, so any \
                   host can act as any user (the least secure workaround for 'invalid credential')";
    let object = parameter.key();
    sink.report(object, parameter.value.span, "Authentication Module", message).help(
        "IM and Presence Administration > System > Service Parameters > Cisco SIP Proxy > Authentication Module = \
         On; fix users' digest credentials instead (IMP001)",
    );
    Ok(())
}
