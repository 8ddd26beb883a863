//! UCCX001: an agent's IPCC extension on more than one device.

use uclint_model::Severity;

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every agent's IPCC extension (the DN and its partition) appears on exactly one phone
    /// or user device profile, counting phones and profiles together.
    ///
    /// ## What it leaves alone
    /// - Several agents with one extension on a single phone: that is one device, and UCCX017
    ///   judges the sharing.
    /// - Other shared lines, UCCX's CTI ports and route points among them (UCCX028): only an
    ///   agent's IPCC extension is counted.
    /// - Templates: set aside when the export is read, so a template's line is not a device.
    ///
    /// ## Why it breaks
    /// Unified CCX needs a 1:1 relationship between agent, device and extension. When the IPCC
    /// extension is a shared line, UCCX cannot tell which device the agent is on: Finesse
    /// refuses the sign-in ("the device associated with that extension is invalid") and CAD
    /// reports the same. UCCX 12.5(1)SU1 and later can allow it with Agent Device Selection;
    /// with `agent-device-selection` set this rule reports at info.
    ///
    /// ## Example
    /// `phone.csv` with 4001 in `PT_Internal` on a desk phone and a Jabber client:
    /// ```csv
    /// Device Name,Device Type,Directory Number 1,Route Partition 1
    /// SEP0011AABB0001,Cisco 8841,4001,PT_Internal
    /// CSFAGENT01,Cisco Unified Client Services Framework,4001,PT_Internal
    /// ```
    ///
    /// ## How to fix
    /// Remove the extra line appearances (Device > Phone, or Device > Device Settings > Device
    /// Profile > the line > Remove) so that the IPCC extension stays on one device. On UCCX
    /// 12.5(1)SU1 and later, Agent Device Selection (Unified CCX Administration > System >
    /// System Parameters) is the supported way to give an agent a choice of devices.
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, "Troubleshoot Agent Log in Issues", step 1.
    /// - UCCX 12.5(1)SU1 Release Notes, "Agent Device Selection".
    code: "UCCX001",
    name: "ipcc-extension-shared",
    family: Uccx,
    severity: Error,
    status: Stable,
    requires: [EndUsers, Phones | DeviceProfiles],
    summary: "An agent's IPCC extension appears on more than one phone or device profile.",
    check: check,
}

const HELP: &str = "remove the extra line appearances (Device > Phone or Device Profile > line > Remove), \
                    or enable Agent Device Selection (UCCX 12.5(1)SU1+, Unified CCX Administration > \
                    System > System Parameters)";

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for agent in &ctx.agents {
        let devices = agent.devices();
        if devices.len() < 2 {
            continue;
        }
        let names: Vec<&str> = devices.iter().map(|d| d.name.value.as_str()).collect();
        let message = format!(
            "IPCC extension {} of agent {} appears on {} devices ({}); Unified CCX requires a 1:1 \
             agent-device-extension relationship (shared lines are unsupported)",
            agent.extension_display(),
            agent.user.user_id.value,
            devices.len(),
            names.join(", "),
        );
        let mut finding = sink.report(agent.user.key(), agent.ipcc.span, "IPCC extension", message);
        if ctx.settings.agent_device_selection {
            finding = finding.severity(Severity::Info);
        }
        for appearance in &agent.appearances {
            let label = format!("on {} {}", appearance.device.kind.describe(), appearance.device.name.value);
            finding = finding.label(appearance.line.dn.span, label);
        }
        finding.help(HELP);
    }
    Ok(())
}
