//! UCCX028: a UCCX CTI port or route point shares its directory number with another device.

use crate::rule::declare_rule;
use crate::rule::name_list;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That the DN key (pattern and partition) of every line of a UCCX CTI port or route point
    /// appears on no other phone or device profile. UCCX CTI ports and route points are the
    /// devices of `Device Type` `CTI Port` or `CTI Route Point` (every row of
    /// `ctiroutepoint.csv`) that a UCCX telephony (JTAPI) user controls (`jtapi-users` in
    /// `uclint.toml`, or else the application users named `<prefix>_<node id>` with `jtapi` in
    /// the prefix, `uccxjtapiuser_1`), or that UCCX's trigger or call control group export
    /// names. Skipped when neither the JTAPI users nor UCCX's exports are found.
    ///
    /// ## What it leaves alone
    /// - CTI ports and route points that are not UCCX's (recorders, IVRs, Jabber CTI): they
    ///   may share lines as their applications need.
    /// - Directory numbers alone (`directorynumber.csv`): only line appearances count.
    ///
    /// ## Why it breaks
    /// Shared lines on UCCX CTI ports and route points are unsupported: the other device answers
    /// or steals calls that UCCX should handle, and UCCX loses track of the call.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Device Type,Application User 1,Directory Number 1,Route Partition 1
    /// CXBA_RP,CTI Route Point,uccxjtapiuser_1,5000,PT_Internal
    /// SEP0011AABB00F1,Cisco 8841,,5000,PT_Internal
    /// ```
    ///
    /// ## How to fix
    /// Remove the other line appearance (Device > Phone > the other device > the line > Remove).
    /// Manage UCCX CTI ports and route points from UCCX only.
    ///
    /// ## Sources
    /// - UCCX 12.5(1)SU3 and 15.0 Solution Release Notes, "Unsupported configurations and
    ///   scenarios" (RN125, RN150).
    /// - Cisco TechNote 117777, "UCCE Integration with CM Configuration Example" (TN117777).
    code: "UCCX028",
    name: "uccx-cti-device-line-shared",
    family: Uccx,
    severity: Error,
    status: Stable,
    requires: [Phones, AppUsers | UccxTriggers | UccxCallControlGroups],
    summary: "The DN of a UCCX CTI port or route point also appears on another device.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let devices = ctx.uccx_cti_devices()?;
    for &(device, kind) in devices {
        for line in &device.lines {
            let others: Vec<_> =
                ctx.index.appearances(&line.dn.value).iter().filter(|a| !std::ptr::eq(a.device, device)).collect();
            if others.is_empty() {
                continue;
            }
            let names: Vec<&str> = others.iter().map(|a| a.device.name.value.as_str()).collect();
            let message = format!(
                "UCCX {} {} DN {} also appears on {}; shared lines on CTI ports and route points are unsupported",
                kind.describe(),
                device.name.value,
                line.dn.value,
                name_list(&names),
            );
            let mut finding = sink.report(device.key(), line.dn.span, kind.describe(), message);
            for other in others {
                finding = finding.label(
                    other.line.dn.span,
                    format!("on {} {}", other.device.kind.describe(), other.device.name.value),
                );
            }
            finding.help(
                "Device > Phone > the other device > the line > Remove; manage UCCX CTI ports and route points \
                 from UCCX only",
            );
        }
    }
    Ok(())
}
