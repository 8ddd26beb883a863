//! GEN007: a directory number assigned to no device and no line group.

use crate::rule::declare_rule;
use crate::{Context, Sink};

declare_rule! {
    /// ## What it checks
    /// Every directory number read as an object of its own (BAT `directorynumber.csv`, AXL
    /// `getLine`) that appears on no phone or device profile line, has no associated devices
    /// (`getLine`) and is no line group member. A DN used only by something uclint does not read
    /// (intercom DNs; CTI route points when their file is not recognised as a device file) is
    /// reported too; hence info.
    ///
    /// ## Why it breaks
    /// An unassigned DN still exists in the dial plan: it keeps its forward settings, voicemail
    /// profile and partition, can catch calls meant for a reused number, and blocks the number
    /// when someone tries to give it to a new phone. It is the Route Plan Report's "unassigned
    /// DN".
    ///
    /// ## Example
    /// ```csv
    /// Directory Number,Route Partition,Description,Call Pickup Group
    /// 4099,PT_Internal,Former agent,NULL
    /// ```
    ///
    /// ## How to fix
    /// Call Routing > Route Plan Report: filter Unassigned DN, then delete the number or assign
    /// it to a device.
    ///
    /// ## Sources
    /// - CUCM Administration Guide, "Route Plan Report" (Cisco's manual equivalent of this
    ///   check); catalog peers.md.
    code: "GEN007",
    name: "unassigned-directory-number",
    family: Gen,
    severity: Info,
    status: Stable,
    requires: [DirectoryNumbers, Phones, DeviceProfiles],
    summary: "A directory number is on no phone, device profile or line group.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for number in &ctx.cluster.directory_numbers {
        let key = &number.dn.value;
        if !number.associated_devices.is_empty()
            || !ctx.index.appearances(key).is_empty()
            || !ctx.index.line_groups_with(key).is_empty()
        {
            continue;
        }
        let message = format!(
            "DN {} in {} is not assigned to any device or line group (Route Plan Report 'unassigned DN')",
            key.pattern,
            key.partition_display()
        );
        let finding = sink
            .finding(number.key(), number.dn.span, "unassigned", message)
            .with_help("Call Routing > Route Plan Report > Unassigned DN: delete the number or assign it to a device");
        sink.push(finding);
    }
}
