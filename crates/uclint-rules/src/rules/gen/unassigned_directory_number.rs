//! GEN007: a directory number assigned to no device and no line group.

use rustc_hash::FxHashSet;
use uclint_model::{is_system_partition, DnKey};

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// Every directory number read as an object of its own (BAT `directorynumber.csv`, AXL
    /// `getLine`) that appears on no phone, CTI port, CTI route point (`ctiroutepoint.csv`) or
    /// device profile line, has no associated devices (`getLine`) and is no line group member.
    /// A DN used only by something uclint does not read is reported too; hence info.
    ///
    /// ## What it leaves alone
    /// - Numbers another object owns: route and translation patterns, hunt pilots, the Mobile
    ///   Voice Access number, meet-me, call park, directed call park, call pickup group, message
    ///   waiting, Conference Now, handoff and enterprise feature access numbers (each read from
    ///   its own member of the Import/Export tar), and intercom numbers.
    /// - Numbers in the partitions CUCM creates itself: `E911` (the "Auto created E911
    ///   Partition", whose `911` is also a route pattern) and the ILS `Global Learned …`
    ///   partitions.
    /// - Universal Line Templates: `universallinetemplate.csv` has the header of
    ///   `directorynumber.csv` but holds templates; it is never read as DNs.
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

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let owned: FxHashSet<&DnKey> = ctx.cluster.owned_numbers.iter().map(|n| &n.dn.value).collect();
    let intercom: FxHashSet<&DnKey> = ctx.cluster.intercom_numbers.iter().map(|n| &n.dn.value).collect();
    for number in &ctx.cluster.directory_numbers {
        let key = &number.dn.value;
        if is_system_partition(&key.partition) || owned.contains(key) || intercom.contains(key) {
            continue;
        }
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
        sink.report(number.key(), number.dn.span, "unassigned", message)
            .help("Call Routing > Route Plan Report > Unassigned DN: delete the number or assign it to a device");
    }
    Ok(())
}
