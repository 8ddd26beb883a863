//! UCCX026: Built-in Bridge off on an agent phone where monitoring or recording is used.

use uclint_model::DeviceKind;

use crate::catalog::is_cti_remote_device;
use crate::rule::declare_rule;
use crate::settings::MONITORING_RECORDING_NOT_DECLARED;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// When `monitoring-recording = true` is declared in `uclint.toml`, that every agent phone
    /// has Built In Bridge on. A phone set to `Default` follows the Cisco CallManager service
    /// parameter "Builtin Bridge Enable", whose internal name is not confirmed in exports, so
    /// only phones set to `Off` are reported. Without the declaration the rule is skipped.
    ///
    /// ## What it leaves alone
    /// - Phones set to `Default` or `On`.
    /// - Device profiles: Built In Bridge is a setting of the phone, and the phones Extension
    ///   Mobility agents log in to are not checked.
    /// - CTI Remote Devices (Extend and Connect): they have no bridge of their own; the
    ///   agent's media is at the remote destination.
    /// - Phones that carry no agent's IPCC extension, CTI ports and route points among them.
    ///
    /// ## Why it breaks
    /// Unified CM-based silent monitoring and recording with Finesse use the phone's built-in
    /// bridge to fork the agent's media. With BIB off the supervisor hears nothing and no
    /// recording is made.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Device Type,Built in Bridge,Directory Number 1,Route Partition 1
    /// SEP0011AABB0004,Cisco 8845,Off,4004,PT_Internal
    /// ```
    ///
    /// ## How to fix
    /// Phone Configuration > Built In Bridge = On (or Default, with the Cisco CallManager service
    /// parameter Builtin Bridge Enable = On).
    ///
    /// ## Sources
    /// - UCCX Solution Design Guide 12.5(1)SU1, "Solution Design Considerations" (DG): the agent
    ///   phone must have built-in bridge support enabled for monitoring and recording.
    code: "UCCX026",
    name: "built-in-bridge-off-on-agent-phone",
    family: Uccx,
    severity: Warning,
    status: Stable,
    requires: [EndUsers, Phones],
    settings: [MonitoringRecording],
    summary: "Monitoring or recording is declared and an agent phone has Built In Bridge off.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    if !ctx.settings.monitoring_recording {
        return Err(Skip::new(MONITORING_RECORDING_NOT_DECLARED));
    }
    for agent_device in ctx.agent_devices() {
        let device = agent_device.device;
        // A CTI Remote Device has no built-in bridge: the media is at the remote destination.
        if device.kind != DeviceKind::Phone || is_cti_remote_device(device) {
            continue;
        }
        let Some(bib) = device.built_in_bridge.as_ref().filter(|b| b.value.trim().eq_ignore_ascii_case("Off")) else {
            continue;
        };
        let message = format!(
            "Built In Bridge is off on agent phone {}; Unified CM-based silent monitoring and recording with Finesse \
             need the phone's built-in bridge",
            device.name.value
        );
        let help = format!("Device > Phone > {} > Built In Bridge = On", device.name.value);
        sink.report(device.key(), bib.span, "Built In Bridge", message).help(help);
    }
    Ok(())
}
