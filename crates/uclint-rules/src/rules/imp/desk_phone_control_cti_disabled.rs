//! IMP005: CTI control disabled on a desk-phone-control user's phone, line or user.

use rustc_hash::FxHashSet;

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

use super::desk_phone_users;

declare_rule! {
    /// ## What it checks
    /// For every desk-phone-control user (as IMP003 defines it): that "Allow Control of Device
    /// from CTI" is checked on the End User page (BAT `ALLOW CONTROL OF DEVICE FROM CTI`), on each
    /// controlled desk phone (`Allow CTI Control Flag`) and on each of its lines (`Allow Control
    /// of Device from CTI N`). A phone is reported once even if several users control it.
    ///
    /// ## What it leaves alone
    /// - Users not enabled for IM and Presence, and application users.
    /// - Controlled devices that are not desk phones: Jabber softphones (softphone mode needs
    ///   no desk-phone control); CTI ports, CTI route points (UCCX provisions its own) and
    ///   remote devices, which are nobody's phone; device profiles; devices missing from the
    ///   export.
    /// - Flags the export leaves unset: they are not judged.
    /// - Templates and placeholder users (`Token_User_…`): set aside when the export is read.
    ///
    /// ## Why it breaks
    /// CTI control must be allowed at all three levels. If any is unchecked, Jabber's
    /// desk-phone mode cannot control the phone or that line.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Device Type,Allow CTI Control Flag,Directory Number 1,Route Partition 1,Allow Control of Device from CTI 1
    /// SEP0011AABB00A1,Cisco 8851,f,2001,PT_Internal,t
    /// ```
    ///
    /// ## How to fix
    /// Check Allow Control of Device from CTI on User Management > End User, Device > Phone, and
    /// the line's Directory Number Configuration, whichever the finding names.
    ///
    /// ## Sources
    /// - Cisco Jabber on-premises deployment guide, "Enable Device for CTI" (JAB-DEP).
    /// - Cisco TechNote 210485, step 10 (A).
    code: "IMP005",
    name: "desk-phone-control-cti-disabled",
    family: Imp,
    severity: Error,
    status: Stable,
    requires: [EndUsers, Phones],
    summary: "CTI control is disabled on a desk-phone-control user's phone, line or End User page.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let mut phones_seen = FxHashSet::default();
    for (user, phones) in desk_phone_users(ctx) {
        let who = &user.user_id.value;
        if let Some(flag) = user.enable_cti.as_ref().filter(|f| !f.value) {
            let message = format!(
                "desk-phone control for {who} on {} will fail: CTI control disabled on the End User page",
                phones[0].device.name.value,
            );
            let help = format!("User Management > End User > {who} > Allow Control of Device from CTI: check it");
            sink.report(user.key(), flag.span, "Allow Control of Device from CTI", message)
                .label(phones[0].cell.span, "controlled desk phone")
                .help(help);
        }
        for phone in phones {
            let device = phone.device;
            if !phones_seen.insert(std::ptr::from_ref(device)) {
                continue;
            }
            if let Some(flag) = device.allow_cti_control.as_ref().filter(|f| !f.value) {
                let message = format!(
                    "desk-phone control for {who} on {} will fail: CTI control disabled on the phone",
                    device.name.value,
                );
                let help =
                    format!("Device > Phone > {} > Allow Control of Device from CTI: check it", device.name.value);
                sink.report(device.key(), flag.span, "Allow CTI Control Flag", message).help(help);
            }
            for line in &device.lines {
                let Some(flag) = line.allow_cti_control.as_ref().filter(|f| !f.value) else { continue };
                let message = format!(
                    "desk-phone control for {who} on {} will fail: CTI control disabled on line {}",
                    device.name.value, line.dn.value,
                );
                sink.report(device.key(), flag.span, "Allow Control of Device from CTI", message)
                    .label(line.dn.span, format!("line {}", line.index.value))
                    .help("Directory Number Configuration > Allow Control of Device from CTI: check it");
            }
        }
    }
    Ok(())
}
