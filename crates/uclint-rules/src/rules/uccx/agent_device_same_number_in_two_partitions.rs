//! UCCX003: the same number twice on one agent device, in different partitions.

use rustc_hash::FxHashMap;

use uclint_model::Line;

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That no agent device (a phone or device profile carrying an IPCC extension) has two
    /// lines with the same number in different partitions.
    ///
    /// ## What it leaves alone
    /// - Devices that carry no agent's IPCC extension, UCCX's CTI ports and route points among
    ///   them: the restriction is one of agent phones.
    /// - The same number on two different devices: UCCX002 and UCCX001 judge that.
    ///
    /// ## Why it breaks
    /// Cisco lists "two lines on an agent phone that have the same extension but exist in
    /// different partitions" among the unsupported configurations: JTAPI cannot tell the lines
    /// apart, and UCCX mis-tracks the agent's calls or refuses the sign-in.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Device Type,Directory Number 1,Route Partition 1,Directory Number 2,Route Partition 2
    /// SEP0011AABB0001,Cisco 8841,4001,PT_Internal,4001,PT_Lab
    /// ```
    ///
    /// ## How to fix
    /// Phone (or Device Profile) Configuration > Association: remove one of the two line
    /// appearances.
    ///
    /// ## Sources
    /// - UCCX 12.5(1)SU3 and 15.0 Solution Release Notes, "Unsupported configurations for agent
    ///   phones" (RN125, RN150).
    /// - UCCX Administration and Operations Guide, "Guidelines for Agent Phone Configuration" (AOG).
    code: "UCCX003",
    name: "agent-device-same-number-in-two-partitions",
    family: Uccx,
    severity: Error,
    status: Stable,
    requires: [EndUsers, Phones | DeviceProfiles],
    summary: "An agent device has two lines with the same number in different partitions.",
    check: check,
}

const HELP: &str = "remove one of the two line appearances (Phone or Device Profile Configuration > Association)";

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for agent_device in ctx.agent_devices() {
        let device = agent_device.device;
        let mut first_by_pattern: FxHashMap<&str, &Line> = FxHashMap::default();
        for line in device.lines_by_index() {
            let first = *first_by_pattern.entry(line.dn.value.pattern.as_str()).or_insert(line);
            if first.dn.value.partition == line.dn.value.partition {
                continue;
            }
            let message = format!(
                "agent device {} has extension {} on lines {} and {} in different partitions ({} and {}); \
                 this is unsupported for Unified CCX agent phones",
                device.name.value,
                line.dn.value.pattern,
                first.index.value,
                line.index.value,
                first.dn.value.partition_display(),
                line.dn.value.partition_display(),
            );
            sink.report(device.key(), line.dn.span, &line.dn.value.to_string(), message)
                .label(first.dn.span, format!("{} on line {}", first.dn.value, first.index.value))
                .help(HELP);
        }
    }
    Ok(())
}
