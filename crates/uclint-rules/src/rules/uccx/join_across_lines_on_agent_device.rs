//! UCCX023: Join Across Lines enabled on an agent device.

use uclint_model::{Edit, Field, Fix, Value};

use crate::catalog::param_flag;
use crate::rule::declare_rule;
use crate::rules::uccx::ambiguous_extension;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That Join Across Lines is not enabled on any agent phone or device profile: the device
    /// says `On`, or says `Default` while the Cisco CallManager service parameter
    /// `JoinAcrossLinesPolicy` is on. When the export has no service parameters, only devices
    /// set to `On` are reported.
    ///
    /// ## What it leaves alone
    /// - Devices set to `Default` when the export has no `JoinAcrossLinesPolicy`, and devices set
    ///   to `Off`.
    /// - Devices that carry no agent's IPCC extension.
    ///
    /// ## Why it breaks
    /// Unified CCX does not support Direct Transfer Across Lines or Join Across Lines: joining
    /// the ACD call with a call on another line takes it out of UCCX's view, and the agent's
    /// state and reporting go wrong.
    ///
    /// ## Example
    /// ```csv
    /// Device Profile Name,Join Across Lines,Directory Number 1,Route Partition 1
    /// UDP_agent06,On,4006,PT_Internal
    /// ```
    ///
    /// ## How to fix
    /// Phone Configuration (or Device Profile Configuration) > Join Across Lines = Off.
    ///
    /// `uclint fix` sets it to `Off` on the device (a device set to `Default` too: the cluster
    /// policy, which other devices follow, is left alone). When the IPCC extension names no
    /// partition and its number is in several, no fix is offered: which device is the agent's
    /// is for the admin to say.
    ///
    /// ## Sources
    /// - UCCX Solution Design Guide 12.5(1)SU1, "Solution Design Considerations" (DG): DTAL and
    ///   JAL are not supported. Older CTI documentation says JAL is supported from 8.0, hence
    ///   warning rather than error.
    code: "UCCX023",
    name: "join-across-lines-on-agent-device",
    family: Uccx,
    severity: Warning,
    status: Stable,
    requires: [EndUsers, Phones | DeviceProfiles],
    summary: "Join Across Lines is enabled on an agent phone or device profile.",
    check: check,
    fix: Safe("sets Join Across Lines to Off on the agent phone or device profile."),
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let policy = ctx.service_parameter("Cisco CallManager", "JoinAcrossLinesPolicy");
    let policy_on = policy.is_some_and(|p| {
        let value = p.value.value.trim();
        param_flag(value).unwrap_or(false) || value.eq_ignore_ascii_case("On")
    });
    for agent_device in ctx.agent_devices() {
        let device = agent_device.device;
        let Some(setting) = &device.join_across_lines else { continue };
        let value = setting.value.trim();
        let effective = if value.eq_ignore_ascii_case("On") {
            "On"
        } else if value.eq_ignore_ascii_case("Default") && policy_on {
            "Default, and the cluster policy JoinAcrossLinesPolicy is on"
        } else {
            continue;
        };
        let message = format!(
            "Join Across Lines is enabled on agent {} {} ({effective}); DTAL/JAL are not supported by Unified CCX",
            device.kind.describe(),
            device.name.value,
        );
        let mut finding = sink.report(device.key(), setting.span, "Join Across Lines", message).help(format!(
            "{} Configuration > {} > Join Across Lines = Off",
            if device.kind == uclint_model::DeviceKind::Phone { "Phone" } else { "Device Profile" },
            device.name.value
        ));
        finding = finding.fix(|| match ambiguous_extension(agent_device.agent) {
            Some(why) => Fix::NotOffered(why),
            None => Fix::Edit(Edit::Set {
                object: device.key(),
                field: Field::DeviceJoinAcrossLines,
                before: setting.clone(),
                after: Value::Status("Off"),
            }),
        });
        if let Some(policy) = policy.filter(|_| effective != "On") {
            finding = finding.label(policy.value.span, "cluster policy");
        }
    }
    Ok(())
}
