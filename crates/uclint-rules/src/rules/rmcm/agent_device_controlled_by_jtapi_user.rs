//! RMCM009: an agent device controlled by a UCCX telephony (JTAPI) user.

use crate::catalog::Controls;
use crate::context::AgentDevice;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That no phone or device profile carrying an agent's IPCC extension is a controlled device
    /// of a UCCX telephony (JTAPI) user. The JTAPI users are `jtapi-users` in `uclint.toml`, or
    /// else the application users named `<prefix>_<node id>` with `jtapi` in the prefix
    /// (`uccxjtapiuser_1`); the rule is skipped when none is found. A hygiene hint (catalog
    /// confidence L): Cisco documents which users need agent devices, not this prohibition.
    ///
    /// ## What it leaves alone
    /// - CTI ports and CTI route points that carry an agent's extension (the same DN, or the
    ///   same number in another partition when the export gives the IPCC extension no
    ///   partition): UCCX provisions them on its telephony users, where they belong. UCCX001,
    ///   UCCX002 and UCCX028 report the number.
    /// - Agent devices controlled by the RMCM user or any other application user: only the
    ///   JTAPI users are compared.
    /// - Phones and profiles that carry no agent's IPCC extension. Templates and placeholder
    ///   users (`Token_User_…`) are set aside when the export is read.
    ///
    /// ## Why it breaks
    /// Only the RMCM user (and the Finesse IP Phone Agent user) need agent devices. A JTAPI user
    /// that also controls them opens CTI monitors UCCX does not use, counts them against the
    /// CTI provider's device limit (RMCM010) and hides which user really controls the phone.
    ///
    /// ## Example
    /// ```csv
    /// APPLICATION USER NAME,DEVICE NAME 1,TYPE USER ASSOCIATION 1,DEVICE NAME 2,TYPE USER ASSOCIATION 2
    /// uccxjtapiuser_1,CXBA_RP,Cti Control In,CSFAGENT01,Cti Control In
    /// ```
    ///
    /// ## How to fix
    /// User Management > Application User > the JTAPI user > Device Information: move the agent
    /// device out of Controlled Devices (keep it on the RMCM user).
    ///
    /// ## Sources
    /// - A real CUCM 14 UCCX lab export (LAB): the JTAPI users control CSF agent devices.
    /// - UCCX Administration and Operations Guide (AOG), "Provision Unified CM for Unified CCX":
    ///   agent devices are associated with the RMCM user.
    code: "RMCM009",
    name: "agent-device-controlled-by-jtapi-user",
    family: Rmcm,
    severity: Info,
    status: Stable,
    requires: [EndUsers, AppUsers, Phones | DeviceProfiles],
    summary: "An agent device is a controlled device of a UCCX telephony (JTAPI) user.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let jtapi: Vec<Controls<'_>> = ctx.jtapi_users()?.iter().map(|u| Controls::new(u)).collect();
    // A CTI port or route point is never an agent device (`Context::new` leaves them out), so
    // UCCX's own, which belong on its telephony users, are not judged here.
    for AgentDevice { device, agent, line } in ctx.agent_devices() {
        for control in &jtapi {
            let Some(span) = control.span(device) else { continue };
            let user = &control.user.name.value;
            let message = format!(
                "agent {} {} of {} is also a controlled device of UCCX telephony user {user}; only the RmCm \
                 (and FIPPA) users need agent devices",
                device.kind.describe(),
                device.name.value,
                agent.user.user_id.value,
            );
            let help = format!(
                "User Management > Application User > {user} > Device Information: remove {} from Controlled \
                 Devices",
                device.name.value
            );
            sink.report(device.key(), span, &format!("controlled by {user}"), message)
                .label(line.dn.span, format!("IPCC extension of {}", agent.user.user_id.value))
                .help(help);
        }
    }
    Ok(())
}
