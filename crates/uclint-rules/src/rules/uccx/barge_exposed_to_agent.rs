//! UCCX024: Barge or cBarge exposed to agents through Single Button Barge.

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That Single Button Barge is not effectively on for any agent phone or device profile: the
    /// device says `Barge` or `CBarge` (BAT `phone.csv`/`deviceprofile.csv` `Single Button
    /// Barge`, AXL `singleButtonBarge`), or says `Default` while the Cisco CallManager service
    /// parameter `SingleButtonBargeCBargePolicy` is on. The parameter's value encoding is not
    /// confirmed from a real export [I]: `Barge`/`CBarge` (any case), `1`/`2` and `T` are taken
    /// as on, `Off`, `0` and `F` as off, and any other value is not judged. Without service
    /// parameters, only devices set to `Barge` or `CBarge` are reported.
    ///
    /// The catalog's other half, the softkeys of the agent device's softkey template (Barge,
    /// cBarge, DND, GPickup, iDivert, Conference Now, Park, Pickup in `softkeytemplate.csv`), is
    /// not checked: the layout of that file's softkey columns and the spelling of its values
    /// were not confirmed from a real export.
    ///
    /// ## What it leaves alone
    /// - Softkey templates (Barge, cBarge, DND, GPickup, iDivert, Conference Now, Park, Pickup):
    ///   not read, as said above.
    /// - Devices set to `Default` when the cluster policy is off, absent or in an unknown form.
    /// - Devices that carry no agent's IPCC extension.
    ///
    /// ## Why it breaks
    /// The Unified CCX release notes list Barge, cBarge, DND, Pickup, Park, iDivert and
    /// Conference Now among the actions that agents must not use: a shared-line barge into an
    /// ACD call, or a call parked or picked up away from the agent's line, takes the call out of
    /// the state UCCX tracks, and the agent's state and reporting go wrong.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Device Type,Single Button Barge,Directory Number 1,Route Partition 1
    /// SEP0011AABB0001,Cisco 8841,Barge,4001,PT_Internal
    /// ```
    ///
    /// ## How to fix
    /// Phone Configuration (or Device Profile Configuration) > Single Button Barge = Off; and
    /// assign agents a softkey template without Barge, cBarge, DND, GPickup, iDivert,
    /// Conference Now, Park and Pickup (Device > Device Settings > Softkey Template).
    ///
    /// ## Sources
    /// - UCCX 12.5(1)SU3 and 15.0 Solution Release Notes, "Unsupported actions for Unified
    ///   CCX agents" (RN125, RN150).
    code: "UCCX024",
    name: "barge-exposed-to-agent",
    family: Uccx,
    severity: Info,
    status: Stable,
    requires: [EndUsers, Phones | DeviceProfiles],
    summary: "Single Button Barge (Barge or cBarge) is effectively on for an agent phone or device profile.",
    check: check,
}

/// What the cluster policy says, if its value is one uclint can read.
fn policy_feature(value: &str) -> Option<Option<&'static str>> {
    match value.trim().to_ascii_lowercase().as_str() {
        "barge" | "1" => Some(Some("Barge")),
        "cbarge" | "2" => Some(Some("cBarge")),
        "t" | "true" => Some(Some("Barge or cBarge")),
        "off" | "0" | "f" | "false" => Some(None),
        _ => None,
    }
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let policy = ctx.service_parameter("Cisco CallManager", "SingleButtonBargeCBargePolicy");
    let cluster_feature = policy.and_then(|p| policy_feature(&p.value.value).flatten());
    for agent_device in ctx.agent_devices() {
        let device = agent_device.device;
        let Some(setting) = &device.single_button_barge else { continue };
        let value = setting.value.trim();
        let (feature, by_policy) = if value.eq_ignore_ascii_case("Barge") {
            ("Barge", false)
        } else if value.eq_ignore_ascii_case("CBarge") {
            ("cBarge", false)
        } else if let (true, Some(feature)) = (value.eq_ignore_ascii_case("Default"), cluster_feature) {
            (feature, true)
        } else {
            continue;
        };
        let how = if by_policy {
            "Default, and the cluster policy SingleButtonBargeCBargePolicy is on".to_owned()
        } else {
            format!("Single Button Barge = {value}")
        };
        let message = format!(
            "Agent {} {} exposes {feature} ({how}); use of Barge and cBarge by Unified CCX agents is unsupported",
            device.kind.describe(),
            device.name.value,
        );
        let page = if device.kind == uclint_model::DeviceKind::Phone { "Phone" } else { "Device Profile" };
        let help = format!(
            "{page} Configuration > {} > Single Button Barge = Off; give agents a softkey template without Barge, \
             cBarge, DND, GPickup, iDivert, Conference Now, Park and Pickup",
            device.name.value
        );
        let mut finding = sink.report(device.key(), setting.span, "Single Button Barge", message).help(help);
        if let Some(policy) = policy.filter(|_| by_policy) {
            finding = finding.label(policy.value.span, "cluster policy");
        }
    }
    Ok(())
}
