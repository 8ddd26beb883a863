//! IMP007: a Jabber softphone not controlled by its owner, or without an owner.

use uclint_model::Severity;

use crate::catalog::DeviceClass;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// For every Jabber softphone (CSF, BOT, TCT, TAB; by `Device Type`, or by name prefix when
    /// the model is absent): that its Owner User ID is set (warning) and that the owner has it
    /// among their controlled devices (error).
    ///
    /// ## What it leaves alone
    /// - Devices that are not Jabber softphones: desk phones (GEN005 reports a missing owner
    ///   there), CTI ports, route points and remote devices (nobody's phone).
    /// - Softphones whose owner is missing from the export: GEN008 reports the reference.
    /// - Templates and their placeholder owners (`Token_User_…`): set aside when the export is
    ///   read.
    ///
    /// ## Why it breaks
    /// Jabber finds its softphone through the user's controlled devices: a softphone the user
    /// does not control is "No Controlled Devices" for the client, and softphone mode fails.
    /// The Owner User ID is how older Jabber releases fetch the service profile and how
    /// licensing counts the device.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Device Type,Owner User ID,Directory Number 1,Route Partition 1
    /// CSFJDOE,Cisco Unified Client Services Framework,jdoe,2001,PT_Internal
    /// ```
    /// while `enduser.csv` does not list `CSFJDOE` among jdoe's devices.
    ///
    /// ## How to fix
    /// User Management > End User > the owner > Device Information > Device Association: add the
    /// softphone; Device > Phone > the softphone > Owner User ID: set the user.
    ///
    /// ## Sources
    /// - Cisco Jabber on-premises deployment guide (JAB-DEP): owner and user association.
    /// - Webex App with Unified CM troubleshooting, "No Controlled Devices" (WEBEX-UCM).
    code: "IMP007",
    name: "softphone-not-associated-with-owner",
    family: Imp,
    severity: Error,
    status: Stable,
    requires: [EndUsers, Phones],
    summary: "A Jabber softphone is not a controlled device of its owner, or has no Owner User ID.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for phone in &ctx.cluster.phones {
        let DeviceClass::Softphone(kind) = DeviceClass::of(phone) else { continue };
        let Some(owner) = &phone.owner_user_id else {
            let message = format!(
                "softphone {} ({kind}) has no Owner User ID; Jabber service profiles and user-based licensing need it",
                phone.name.value
            );
            let help = format!("Device > Phone > {} > Owner User ID: set the user", phone.name.value);
            sink.report(phone.key(), phone.name.span, "no Owner User ID", message)
                .help(help)
                .severity(Severity::Warning);
            continue;
        };
        let Some(user) = ctx.index.user(&owner.value) else { continue };
        if user.controls(&phone.name.value) {
            continue;
        }
        let message = format!(
            "softphone {} ({kind}) is owned by {} but is not among that user's controlled devices; Jabber cannot \
             use it",
            phone.name.value, user.user_id.value,
        );
        let help = format!(
            "User Management > End User > {} > Device Information > Device Association: add {}",
            user.user_id.value, phone.name.value
        );
        sink.report(phone.key(), owner.span, "Owner User ID", message).label(user.user_id.span, "owner").help(help);
    }
    Ok(())
}
