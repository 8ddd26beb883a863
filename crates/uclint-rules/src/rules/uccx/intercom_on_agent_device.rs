//! UCCX021: intercom configured on an agent device.

use rustc_hash::{FxHashMap, FxHashSet};
use uclint_model::{DnKey, Span, Spanned, Text};

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That no agent phone or device profile (a device carrying an agent's IPCC extension) has
    /// an intercom line, or is the Default Activated Device of an intercom directory number.
    /// Three places are read:
    /// - the device's intercom lines: `phone.csv`/`deviceprofile.csv` `Intercom Directory
    ///   Number N` with `Intercom Route Partition N` (column names seen in a public script over
    ///   the Import/Export tar's `phone.csv`);
    /// - any other line of the device whose partition is an intercom partition, that is, the
    ///   partition of an intercom directory number of the export (for exports that list
    ///   intercom lines among the device's ordinary lines, as AXL `getPhone` and SQL may [I]);
    /// - the Default Activated Device of each intercom directory number: `Intercom Default
    ///   Activated Device N` on devices, and `intercomdn.csv`. The header of `intercomdn.csv`
    ///   is inferred [I] (no real export was seen): `INTERCOM DIRECTORY NUMBER`, `INTERCOM ROUTE
    ///   PARTITION` and `INTERCOM DEFAULT ACTIVATED DEVICE` and their shorter forms are
    ///   accepted, and the file gets an INPUT005 note.
    ///
    /// Skipped when the export has no intercom data: neither `intercomdn.csv` nor the intercom
    /// columns of `phone.csv`/`deviceprofile.csv`.
    ///
    /// ## What it leaves alone
    /// - Intercom on devices that carry no agent's IPCC extension (an assistant's or a
    ///   non-agent supervisor's phone): the restriction is one of agent phones.
    /// - A Default Activated Device that names no agent device.
    ///
    /// ## Why it breaks
    /// The Unified CM Intercom feature is unsupported on Unified CCX agent phones. An intercom
    /// call is a whisper or talkback call that UCCX neither routes nor sees; it interrupts the
    /// agent's ACD calls and leaves the agent's state and reporting wrong.
    ///
    /// ## Example
    /// `phone.csv` with an intercom line on the phone of agent01:
    /// ```csv
    /// Device Name,Device Type,Directory Number 1,Route Partition 1,Intercom Directory Number 1,Intercom Route Partition 1
    /// SEP0011AABB0001,Cisco 8841,4001,PT_Internal,9901,PT_Intercom
    /// ```
    ///
    /// ## How to fix
    /// Remove the intercom line from the agent device (Device > Phone > the intercom button, or
    /// Call Routing > Intercom > Intercom Directory Number > Default Activated Device), and give
    /// agents a phone button template without intercom.
    ///
    /// ## Sources
    /// - UCCX 12.5(1)SU3 and 15.0 Solution Release Notes, "Unsupported configurations and
    ///   scenarios" (RN125, RN150): Intercom is unsupported on agent phones.
    code: "UCCX021",
    name: "intercom-on-agent-device",
    family: Uccx,
    severity: Warning,
    status: Stable,
    requires: [EndUsers, Phones | DeviceProfiles, Intercom],
    summary: "An agent phone or device profile has an intercom line or is an intercom Default Activated Device.",
    check: check,
}

const WHY: &str = "the Unified CM Intercom feature is unsupported on Unified CCX agent phones";

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let cluster = ctx.cluster;
    // Intercom DNs with their Default Activated Device cell, from both sources.
    let device_lines = cluster.phones.iter().chain(&cluster.device_profiles).flat_map(|d| &d.intercom_lines);
    let numbers = cluster.intercom_numbers.iter().map(|n| (&n.dn, n.default_activated_device.as_ref()));
    let intercom: Vec<(&Spanned<DnKey>, Option<&Spanned<Text>>)> =
        numbers.chain(device_lines.map(|l| (&l.dn, l.default_activated_device.as_ref()))).collect();
    let partitions: FxHashSet<&str> =
        intercom.iter().map(|(dn, _)| dn.value.partition.as_str()).filter(|p| !p.is_empty()).collect();
    let mut activated: FxHashMap<&str, (&Spanned<DnKey>, Span)> = FxHashMap::default();
    for (dn, device) in &intercom {
        if let Some(device) = device {
            activated.entry(device.value.as_str()).or_insert((dn, device.span));
        }
    }
    for agent_device in ctx.agent_devices() {
        let device = agent_device.device;
        let name = &device.name.value;
        let kind = device.kind.describe();
        let agent = &agent_device.agent.user.user_id.value;
        let (span, label, message) = if let Some(line) = device.intercom_lines.first() {
            let message = format!("Agent {kind} {name} of {agent} has intercom line {}; {WHY}", line.dn.value);
            (line.dn.span, "intercom line", message)
        } else if let Some(line) = device.lines.iter().find(|l| partitions.contains(l.dn.value.partition.as_str())) {
            let message = format!(
                "Agent {kind} {name} of {agent} has intercom line {} (button {}, in an intercom partition); {WHY}",
                line.dn.value, line.index.value
            );
            (line.dn.span, "line in an intercom partition", message)
        } else if let Some((dn, cell)) = activated.get(name.as_str()) {
            let message = format!(
                "Agent {kind} {name} of {agent} is the Default Activated Device of intercom line {}, so it shows the \
                 line; {WHY}",
                dn.value
            );
            (*cell, "Default Activated Device", message)
        } else {
            continue;
        };
        let help = format!(
            "remove the intercom line from {name} (Call Routing > Intercom > Intercom Directory Number > Default \
             Activated Device, and the intercom button of the phone button template)"
        );
        sink.report(device.key(), span, label, message).help(help);
    }
    Ok(())
}
