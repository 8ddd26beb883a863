//! GEN005: a phone without an Owner User ID.

use crate::catalog::DeviceClass;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every physical phone has an Owner User ID (BAT `Owner User ID`, AXL
    /// `ownerUserName`), analog and third-party endpoints (ATA ports, third-party SIP devices)
    /// included.
    ///
    /// ## What it leaves alone
    /// - CTI ports and CTI route points (every row of `ctiroutepoint.csv` is one, although the
    ///   member has no `Device Type` column), and CTI remote devices: nobody's phone; UCCX and
    ///   other applications provision them without an owner.
    /// - Templates (Universal Device Templates, BAT phone templates, AXL `Phone Template`): set
    ///   aside when the export is read.
    /// - Jabber softphones: IMP007 reports a missing owner there, as a warning.
    /// - Device profiles: they have no Owner User ID.
    ///
    /// ## Why it breaks
    /// Nothing fails at once, but user-based licensing counts the phone as an extra device, and
    /// reports, self-care and tools that find a user's phone by owner miss it.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Device Type,Owner User ID,Directory Number 1,Route Partition 1
    /// SEP0011AABB00F1,Cisco 7841,,2000,PT_Internal
    /// ```
    ///
    /// ## How to fix
    /// Device > Phone > the phone > Owner User ID: choose the user (or mark a shared area phone
    /// as Anonymous (Public/Shared Space) where the release offers it).
    ///
    /// ## Sources
    /// - Cisco Jabber on-premises deployment guide, Owner User ID (JAB-DEP).
    code: "GEN005",
    name: "phone-without-owner",
    family: Gen,
    severity: Info,
    status: Stable,
    requires: [Phones],
    summary: "A physical phone has no Owner User ID.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for phone in &ctx.cluster.phones {
        let class = DeviceClass::of(phone);
        if phone.owner_user_id.is_some() || !matches!(class, DeviceClass::DeskPhone | DeviceClass::NoServices) {
            continue;
        }
        let message =
            format!("phone {} has no Owner User ID (needed for user-based licensing and reporting)", phone.name.value);
        let help = format!("Device > Phone > {} > Owner User ID: choose the user", phone.name.value);
        sink.report(phone.key(), phone.name.span, "no Owner User ID", message).help(help);
    }
    Ok(())
}
