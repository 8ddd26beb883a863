//! IMP004: a desk-phone-control user lacks the CTI group the phone's model needs.

use crate::catalog::{add_to_group_help, model_cti_group};
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

use super::desk_phone_users;

declare_rule! {
    /// ## What it checks
    /// That a desk-phone-control user (as IMP003 defines it) is in the model-specific CTI group
    /// each controlled desk phone needs: "Standard CTI Allow Control of Phones supporting
    /// Connected Xfer and conf" for the 78xx, 88xx, 89xx, 99xx and DX series, "Standard CTI
    /// Allow Control of Phones supporting Rollover Mode" for the 69xx series. A custom group
    /// that carries the role counts where the export says so (BAT `accesscntrlgrp.csv`
    /// `FUNCTION ROLE NAME n`, AXL `userGroup/userRoles/userRole`). One finding per user and
    /// group.
    ///
    /// ## What it leaves alone
    /// - Users not enabled for IM and Presence, and application users.
    /// - Controlled devices that are not desk phones: Jabber softphones (softphone mode needs
    ///   no desk-phone control); CTI ports, CTI route points (UCCX provisions its own) and
    ///   remote devices, which are nobody's phone; device profiles; devices missing from the
    ///   export.
    /// - Desk phones whose model needs no extra group, or whose export gives no model.
    /// - Templates and placeholder users (`Token_User_…`): set aside when the export is read.
    ///
    /// ## Why it breaks
    /// CTIManager lets a user control these phones only with the extra role: Jabber's desk-phone
    /// mode cannot select the phone although "Standard CTI Enabled" is present.
    ///
    /// ## Example
    /// ```csv
    /// USER ID,ENABLE USER FOR UNIFIED CM IM AND PRESENCE,ACCESS CONTROL GROUP 1,ACCESS CONTROL GROUP 2,DEVICE NAME 1,TYPE USER ASSOCIATION 1
    /// jdoe,t,Standard CCM End Users,Standard CTI Enabled,SEP0011AABB00A1,Cti Control In
    /// ```
    /// where `SEP0011AABB00A1` is a Cisco 8851.
    ///
    /// ## How to fix
    /// User Management > End User > the user > Permissions Information > Add to Access Control
    /// Group > the group named in the finding.
    ///
    /// ## Sources
    /// - Cisco Jabber on-premises deployment guide, "Configure User Associations" (JAB-DEP).
    /// - Jabber role table (JAB-ROLES); Webex App with Unified CM troubleshooting (WEBEX-UCM).
    code: "IMP004",
    name: "desk-phone-control-without-model-cti-group",
    family: Imp,
    severity: Error,
    status: Stable,
    requires: [EndUsers, Phones],
    summary: "A desk-phone-control user lacks the CTI group the phone's model needs (Connected Xfer or Rollover).",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for (user, phones) in desk_phone_users(ctx) {
        let mut reported: Vec<&str> = Vec::new();
        for phone in &phones {
            let Some(model) = &phone.device.model else { continue };
            let Some(group) = model_cti_group(&model.value) else { continue };
            if reported.contains(&group) || ctx.granting(&user.groups, group).is_some() {
                continue;
            }
            reported.push(group);
            let message = format!(
                "{} cannot control desk phone {} ({}): missing access control group '{group}'",
                user.user_id.value, phone.device.name.value, model.value,
            );
            let help = add_to_group_help("End User", &user.user_id.value, group);
            sink.report(user.key(), phone.cell.span, "controlled desk phone", message)
                .label(model.span, "Device Type")
                .help(help);
        }
    }
    Ok(())
}
