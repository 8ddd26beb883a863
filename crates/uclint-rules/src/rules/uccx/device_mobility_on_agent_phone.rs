//! UCCX036: Device Mobility on an agent phone (a placeholder: no Cisco source states the
//! restriction).

use uclint_model::DeviceKind;

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That no agent phone (a phone carrying an agent's IPCC extension) has Device Mobility
    /// Mode `On`: BAT `phone.csv` `Device Mobility Mode` (a column named in a public script
    /// over the Import/Export tar's `phone.csv`), AXL `getPhone` `deviceMobilityMode`. A phone
    /// set to `Default` follows the Cisco CallManager service parameter Device Mobility Mode,
    /// which is not read, and is not reported.
    ///
    /// No Cisco document found states that Device Mobility is unsupported on Unified CCX
    /// agent phones, so this rule is a placeholder (catalog confidence L) and ships disabled:
    /// select it explicitly (`--select UCCX036`) when the deployment wants agent phones kept
    /// out of Device Mobility.
    ///
    /// ## What it leaves alone
    /// - Phones set to `Off`, and phones set to `Default`, which follow a service parameter that
    ///   is not read.
    /// - Device profiles: Device Mobility is a setting of the phone.
    /// - Phones that carry no agent's IPCC extension.
    ///
    /// ## Why it breaks
    /// With Device Mobility on, a phone that registers from another subnet takes the roaming
    /// device pool's settings (location, region, media resources, AAR and device CSS) for
    /// that site. For an agent phone that changes call admission control and the media
    /// resources used for UCCX calls, so a roaming agent's calls can behave unlike the site's
    /// tested configuration.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Device Type,Device Mobility Mode,Directory Number 1,Route Partition 1
    /// SEP0011AABB0001,Cisco 8841,On,4001,PT_Internal
    /// ```
    ///
    /// ## How to fix
    /// Device > Phone > the phone > Device Mobility Mode = Off (or Default, with the Cisco
    /// CallManager service parameter Device Mobility Mode = Off).
    ///
    /// ## Sources
    /// - Catalog UCCX036 (candidate; no Cisco source states a restriction, confidence L).
    code: "UCCX036",
    name: "device-mobility-on-agent-phone",
    family: Uccx,
    severity: Info,
    status: Disabled,
    requires: [EndUsers, Phones],
    summary: "Device Mobility Mode is On for an agent phone (placeholder, disabled by default).",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for agent_device in ctx.agent_devices() {
        let device = agent_device.device;
        if device.kind != DeviceKind::Phone {
            continue;
        }
        let Some(mode) = device.device_mobility_mode.as_ref().filter(|m| m.value.trim().eq_ignore_ascii_case("On"))
        else {
            continue;
        };
        let message = format!(
            "Device Mobility Mode is On for agent phone {} of {}; away from its home subnet it takes the roaming \
             device pool's location, region and media resources",
            device.name.value, agent_device.agent.user.user_id.value,
        );
        let help = format!("Device > Phone > {} > Device Mobility Mode = Off", device.name.value);
        sink.report(device.key(), mode.span, "Device Mobility Mode", message).help(help);
    }
    Ok(())
}
