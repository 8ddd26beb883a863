//! UCCX010: "Allow Control of Device from CTI" unchecked on an agent phone or profile.

use uclint_model::{Edit, Field, Fix, Value};

use crate::rule::declare_rule;
use crate::rules::uccx::{ambiguous_extension, check_box_cell};
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That "Allow Control of Device from CTI" is checked on every phone and device profile
    /// carrying an agent's IPCC extension (BAT `Allow CTI Control Flag`).
    ///
    /// ## What it leaves alone
    /// - Devices that carry no agent's IPCC extension, UCCX's CTI ports and route points among
    ///   them: they are not agent devices.
    /// - A device whose export does not give the flag.
    ///
    /// ## Why it breaks
    /// Without it, CTI applications may not control the device: UCCX marks it restricted
    /// (Finesse reason code 32754, DEVICE_RESTRICTED) and the agent cannot sign in.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Device Type,Allow CTI Control Flag,Directory Number 1,Route Partition 1
    /// SEP0011AABB0001,Cisco 8841,f,4001,PT_Internal
    /// ```
    ///
    /// ## How to fix
    /// Phone Configuration (or Device Profile Configuration) > Allow Control of Device from CTI:
    /// check it.
    ///
    /// `uclint fix` checks it. When the IPCC extension names no partition and its number is in
    /// several, no fix is offered: which device is the agent's is for the admin to say.
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, "Troubleshoot Agent Log in Issues", step 10 (A).
    /// - Finesse Desktop User Guide for UCCX 12.5, reason code 32754 DEVICE_RESTRICTED (FIN-RC).
    /// - CUCM End User and Device Profile field reference (EU-FIELDS).
    code: "UCCX010",
    name: "agent-device-cti-control-disabled",
    family: Uccx,
    severity: Error,
    status: Stable,
    requires: [EndUsers, Phones | DeviceProfiles],
    summary: "\"Allow Control of Device from CTI\" is unchecked on an agent phone or device profile.",
    check: check,
    fix: Safe("checks \"Allow Control of Device from CTI\" on the agent phone or device profile."),
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for agent_device in ctx.agent_devices() {
        let device = agent_device.device;
        let Some(flag) = device.allow_cti_control.as_ref().filter(|f| !f.value) else { continue };
        let message = format!(
            "CTI control is disabled on agent {} {}; UCCX flags it DEVICE_RESTRICTED (reason 32754) and agent \
             {} cannot sign in",
            device.kind.describe(),
            device.name.value,
            agent_device.agent.user.user_id.value,
        );
        let help = format!(
            "{} Configuration > {} > Allow Control of Device from CTI: check it",
            if device.kind == uclint_model::DeviceKind::Phone { "Phone" } else { "Device Profile" },
            device.name.value
        );
        sink.report(device.key(), flag.span, "Allow CTI Control Flag", message)
            .label(agent_device.line.dn.span, format!("IPCC extension of {}", agent_device.agent.user.user_id.value))
            .help(help)
            .fix(|| match ambiguous_extension(agent_device.agent) {
                Some(why) => Fix::NotOffered(why),
                None => Fix::Edit(Edit::Set {
                    object: device.key(),
                    field: Field::DeviceAllowCti,
                    before: check_box_cell(flag),
                    after: Value::Bool(true),
                }),
            });
    }
    Ok(())
}
