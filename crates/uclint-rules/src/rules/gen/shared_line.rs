//! GEN002: a shared line (one DN key on several devices).

use uclint_model::ObjectKey;

use super::shared_lines;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// Lists every directory number (pattern and partition) that appears on two or more phones
    /// or device profiles, with each appearance's Maximum Number of Calls and Busy Trigger.
    /// Hygiene information, not an error.
    ///
    /// ## What it leaves alone
    /// - Agents' IPCC extensions: UCCX001 and UCCX017 report them, as errors.
    /// - The DNs of UCCX's CTI ports and route points (controlled by a UCCX telephony user, or
    ///   named by UCCX's trigger and call control group exports): UCCX028 reports them, as
    ///   errors, and UCCX's devices are not to be edited in CUCM.
    /// - Numbers in line groups, hunt pilots or route patterns: membership is not a line
    ///   appearance. Templates are set aside when the export is read.
    ///
    /// ## Why it breaks
    /// Shared lines are legitimate, but they change call behaviour: all devices ring, a call on
    /// one shows as remote-in-use on the others, and with N devices sharing a line each needs
    /// Maximum Number of Calls and Busy Trigger of at least N to take a call (GEN003). Knowing
    /// where they are is the start of most CTI and "phone does not ring" investigations.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Device Type,Directory Number 1,Route Partition 1,Maximum Number of Calls 1,Busy Trigger 1
    /// SEP0011AABB00A1,Cisco 8851,2001,PT_Internal,4,2
    /// CSFJDOE,Cisco Unified Client Services Framework,2001,PT_Internal,4,2
    /// ```
    ///
    /// ## How to fix
    /// Nothing if the sharing is intended. Otherwise remove the extra appearance (Device > Phone
    /// > the line > Remove from Device).
    ///
    /// ## Sources
    /// - Cisco CallManager System Guide, "Shared Line Restrictions" (CM-SYS).
    code: "GEN002",
    name: "shared-line",
    family: Gen,
    severity: Info,
    status: Stable,
    requires: [Phones | DeviceProfiles],
    summary: "A directory number appears on several devices (shared line).",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for shared in shared_lines(ctx) {
        let details: Vec<String> = shared
            .appearances
            .iter()
            .map(|a| {
                let show = |v: Option<u32>| v.map_or("unset".to_owned(), |v| v.to_string());
                format!(
                    "{}: max calls {}, busy trigger {}",
                    a.device.name.value,
                    show(a.line.max_calls.as_ref().map(|m| m.value)),
                    show(a.line.busy_trigger.as_ref().map(|b| b.value)),
                )
            })
            .collect();
        let message =
            format!("DN {} is a shared line on {} devices ({})", shared.key, shared.devices, details.join("; "),);
        let (first, rest) = shared.appearances.split_first().expect("a shared line has appearances");
        let mut finding = sink.report(
            ObjectKey::Dn(shared.key.clone()),
            first.line.dn.span,
            &format!("on {}", first.device.name.value),
            message,
        );
        for a in rest {
            finding = finding.label(a.line.dn.span, format!("on {}", a.device.name.value));
        }
        let help = format!(
            "nothing if intended; with {n} devices sharing a line set Maximum Number of Calls and Busy Trigger to at \
             least {n} on each (Directory Number Configuration > Multiple Call/Call Waiting Settings)",
            n = shared.devices
        );
        finding.help(help);
    }
    Ok(())
}
