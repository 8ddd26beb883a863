//! UCCX027: an Extend and Connect agent's CTI Remote Device is not associated with the RMCM
//! user or with the agent.

use crate::catalog::is_cti_remote_device;
use crate::context::AgentDevice;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every CTI Remote Device (`Device Type` `Cisco Spark Remote Device` or `CTI Remote
    /// Device`) carrying an agent's IPCC extension, the device of an Extend and Connect agent,
    /// is a controlled device of the UCCX RMCM application user and of the agent's end user.
    /// RMCM control is read as RMCM001 reads it (`appuser.csv` `DEVICE NAME n`, AXL
    /// `associatedDevices`, or the phone's `Application User n`); the end user's from
    /// `enduser.csv` `DEVICE NAME n` or AXL `getUser` `associatedDevices`.
    ///
    /// Each defect is reported once: RMCM001 leaves CTI Remote Devices to this rule, and the
    /// end-user association is reported here only when the agent controls some other device
    /// of the extension (when it controls none, UCCX015 reports the agent). The RMCM user is
    /// found as for RMCM001 (`--rmcm-user`, or the only application user named like `rmcm`);
    /// without it the rule is skipped.
    ///
    /// ## What it leaves alone
    /// - CTI Remote Devices that carry no agent's IPCC extension (Jabber's own remote devices):
    ///   they are not UCCX's.
    /// - The end-user association when the agent controls none of the extension's devices:
    ///   UCCX015 reports the agent.
    ///
    /// ## Why it breaks
    /// With Extend and Connect, UCCX controls the agent's calls through the CTI Remote Device,
    /// which rings the agent's remote destination. UCCX reaches it only through the RMCM user's
    /// JTAPI provider, and the agent's desktop only when the end user controls it: a device
    /// missing from either list leaves the agent unable to sign in, or signed in without calls.
    ///
    /// ## Example
    /// `phone.csv` with the remote device of agent02 and no RMCM user in `Application User 1`:
    /// ```csv
    /// Device Name,Device Type,Owner User ID,Application User 1,Directory Number 1,Route Partition 1
    /// RDAGENT02,Cisco Spark Remote Device,agent02,,4002,PT_Internal
    /// ```
    ///
    /// ## How to fix
    /// User Management > Application User > the RMCM user > Device Information: add the CTI
    /// Remote Device to Controlled Devices; then User Management > End User > the agent >
    /// Device Information > Device Association: add it there too.
    ///
    /// ## Sources
    /// - UCCX Administration and Operations Guide, "Extend and Connect" (AOG-EC): the CTI
    ///   Remote Device is associated with the RmCm application user and with the agent.
    code: "UCCX027",
    name: "remote-device-not-set-up-for-uccx",
    family: Uccx,
    severity: Error,
    status: Stable,
    requires: [EndUsers, AppUsers, Phones],
    summary: "An Extend and Connect agent's CTI Remote Device is not controlled by the RMCM user or the agent.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let rmcm = ctx.rmcm_user()?;
    for AgentDevice { device, agent, line } in ctx.agent_devices() {
        if !is_cti_remote_device(device) {
            continue;
        }
        let user = agent.user;
        let user_id = &user.user_id.value;
        let by_rmcm = rmcm.control_span(device).is_some();
        // When the agent controls none of the extension's devices, UCCX015 reports the agent.
        let by_agent =
            user.controls(&device.name.value) || !agent.devices().iter().any(|d| user.controls(&d.name.value));
        let missing = match (by_rmcm, by_agent) {
            (true, true) => continue,
            (false, true) => format!("is not associated with the RmCm user {}", rmcm.name),
            (true, false) => format!("is not associated with agent {user_id}"),
            (false, false) => {
                format!("is associated neither with the RmCm user {} nor with agent {user_id}", rmcm.name)
            }
        };
        let message = format!(
            "CTI Remote Device {} of agent {user_id} ({}) {missing}; UCCX cannot control the agent's Extend and \
             Connect calls",
            device.name.value, line.dn.value,
        );
        let mut finding = sink.report(device.key(), device.name.span, "CTI Remote Device", message);
        if !by_rmcm {
            if let Some(app_user) = rmcm.user {
                finding = finding.label(app_user.name.span, "RMCM user");
            }
        }
        if !by_agent {
            finding = finding.label(user.user_id.span, "agent");
        }
        let mut steps = Vec::new();
        if !by_rmcm {
            steps.push(format!(
                "User Management > Application User > {} > Device Information: add {} to Controlled Devices",
                rmcm.name, device.name.value
            ));
        }
        if !by_agent {
            steps.push(format!(
                "User Management > End User > {user_id} > Device Information > Device Association: add {}",
                device.name.value
            ));
        }
        finding.help(steps.join("; then "));
    }
    Ok(())
}
