//! IMP008: a user controls more than one softphone of the same type.

use rustc_hash::FxHashMap;

use uclint_model::{Spanned, Text};

use crate::catalog::DeviceClass;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That no end user controls two or more Jabber softphones of the same type (CSF, BOT,
    /// TCT or TAB; by `Device Type`, or by name prefix when the model is absent).
    ///
    /// ## What it leaves alone
    /// - Softphones of different types (a CSF and a BOT), and the user's other devices: desk
    ///   phones, CTI remote devices, device profiles.
    /// - Controlled devices missing from the export: they are not counted. Templates and
    ///   placeholder users (`Token_User_…`) are set aside when the export is read.
    ///
    /// ## Why it breaks
    /// Jabber supports one softphone per device type and user. With two, the client picks one
    /// unpredictably: calls ring on a device the user is not on, or softphone mode fails.
    ///
    /// ## Example
    /// ```csv
    /// USER ID,DEVICE NAME 1,TYPE USER ASSOCIATION 1,DEVICE NAME 2,TYPE USER ASSOCIATION 2
    /// jdoe,CSFJDOE,Cti Control In,CSFJDOE2,Cti Control In
    /// ```
    ///
    /// ## How to fix
    /// Delete the extra softphone (Device > Phone) or remove it from the user (User Management >
    /// End User > Device Information).
    ///
    /// ## Sources
    /// - Cisco Jabber on-premises deployment guide (JAB-DEP): one softphone per device type.
    code: "IMP008",
    name: "several-softphones-of-one-type",
    family: Imp,
    severity: Warning,
    status: Stable,
    requires: [EndUsers, Phones],
    summary: "A user controls more than one Jabber softphone of the same type.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for user in &ctx.cluster.end_users {
        let mut by_kind: FxHashMap<&str, Vec<&Spanned<Text>>> = FxHashMap::default();
        let mut order = Vec::new();
        for cell in &user.controlled_devices {
            let Some(device) = ctx.index.device(&cell.value) else { continue };
            let DeviceClass::Softphone(kind) = DeviceClass::of(device) else { continue };
            let cells = by_kind.entry(kind).or_default();
            if cells.is_empty() {
                order.push(kind);
            }
            cells.push(cell);
        }
        for kind in order {
            let cells = &by_kind[kind];
            if cells.len() < 2 {
                continue;
            }
            let names: Vec<&str> = cells.iter().map(|c| c.value.as_str()).collect();
            let message = format!(
                "{} has {} {kind} devices ({}); Jabber supports one softphone per device type",
                user.user_id.value,
                cells.len(),
                names.join(", "),
            );
            let mut finding = sink.report(user.key(), cells[1].span, &format!("second {kind}"), message);
            finding = finding.label(cells[0].span, format!("first {kind}"));
            let help = format!(
                "delete the extra softphone (Device > Phone) or remove it from User Management > End User > {} > \
                 Device Information",
                user.user_id.value
            );
            finding.help(help);
        }
    }
    Ok(())
}
