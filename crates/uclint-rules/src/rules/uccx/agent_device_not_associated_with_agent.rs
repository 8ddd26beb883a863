//! UCCX015: no device carrying the IPCC extension is associated with the agent end user.

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That at least one phone or device profile carrying an agent's IPCC extension is among
    /// the agent's controlled devices or controlled profiles (BAT `DEVICE NAME n` with `TYPE
    /// USER ASSOCIATION n` = `Cti Control In` or `Profile Available`).
    ///
    /// ## What it leaves alone
    /// - Agents whose extension is on no device: UCCX037 reports them.
    /// - The other devices of an extension on several devices, once the agent controls one of
    ///   them: the sharing is UCCX001's finding, and a CTI Remote Device the agent does not
    ///   control is UCCX027's.
    /// - Control by the RMCM application user: RMCM001 checks it.
    ///
    /// ## Why it breaks
    /// Unified CCX devices must be associated with both the application user (RMCM001) and the
    /// end user. When the agent's own user does not control the device, UCCX cannot tie the
    /// extension to the agent and the sign-in fails.
    ///
    /// ## Example
    /// `enduser.csv` associating a different phone than the one with 4001:
    /// ```csv
    /// USER ID,DEVICE NAME 1,TYPE USER ASSOCIATION 1,PRIMARY EXTENSION 1,TYPE PATTERN USAGE 1
    /// agent01,SEP0011AABB00FF,Cti Control In,4001,ICD
    /// ```
    ///
    /// ## How to fix
    /// User Management > End User > the agent > Device Information > Device Association (for an
    /// EM agent: Extension Mobility > Controlled Profiles).
    ///
    /// ## Sources
    /// - UCCX Administration and Operations Guide, "Provision Unified CM for Unified CCX" (AOG).
    code: "UCCX015",
    name: "agent-device-not-associated-with-agent",
    family: Uccx,
    severity: Error,
    status: Stable,
    requires: [EndUsers, Phones | DeviceProfiles],
    summary: "No device carrying the IPCC extension is a controlled device or profile of the agent.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for agent in &ctx.agents {
        let user = agent.user;
        // No device at all is UCCX037's finding.
        let devices = agent.devices();
        if devices.is_empty() || devices.iter().any(|d| user.controls(&d.name.value)) {
            continue;
        }
        let names: Vec<&str> = devices.iter().map(|d| d.name.value.as_str()).collect();
        let message = format!(
            "no device carrying IPCC extension {} ({}) is in the controlled devices or profiles of {}; UCCX \
             cannot tie the extension to the agent",
            agent.extension_display(),
            names.join(", "),
            user.user_id.value,
        );
        let mut finding = sink.report(user.key(), agent.ipcc.span, "IPCC extension", message);
        for appearance in &agent.appearances {
            finding = finding.label(appearance.line.dn.span, format!("on {}", appearance.device.name.value));
        }
        let help = format!(
            "User Management > End User > {} > Device Information > Device Association: add {} (for a device \
             profile: Extension Mobility > Controlled Profiles)",
            user.user_id.value, names[0]
        );
        finding.help(help);
    }
    Ok(())
}
