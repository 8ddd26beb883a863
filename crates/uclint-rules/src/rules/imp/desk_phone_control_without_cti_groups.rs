//! IMP003: a desk-phone-control user lacks "Standard CTI Enabled" or "Standard CCM End Users".

use uclint_model::{Edit, Fix, List};

use crate::catalog::{add_to_group_help, groups};
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

use super::desk_phone_users;

declare_rule! {
    /// ## What it checks
    /// That every desk-phone-control user has the roles "Standard CTI Enabled" and "Standard
    /// CCM End Users": through the standard groups of those names (BAT `ACCESS CONTROL GROUP
    /// n`, AXL `associatedGroups/userGroup/name`, compared case-insensitively), or through a
    /// custom group that carries the role where the export says so (BAT `accesscntrlgrp.csv`
    /// `FUNCTION ROLE NAME n`, AXL `userGroup/userRoles/userRole`). A desk-phone-control user
    /// is an end user enabled for IM and Presence who controls a physical phone (not a Jabber
    /// softphone, CTI port, route point, remote device or template).
    ///
    /// ## What it leaves alone
    /// - Users not enabled for IM and Presence, and application users.
    /// - Controlled devices that are not desk phones: Jabber softphones (softphone mode needs
    ///   no desk-phone control); CTI ports, CTI route points (UCCX provisions its own) and
    ///   remote devices, which are nobody's phone; device profiles; devices missing from the
    ///   export.
    /// - Templates and placeholder users (`Token_User_…`): set aside when the export is read.
    ///
    /// ## Why it breaks
    /// Jabber (or CUPC) controls the desk phone through CTI as the end user. Without "Standard
    /// CTI Enabled" CTIManager refuses the connection; without "Standard CCM End Users" the user
    /// cannot authenticate to the services the client needs. Desk-phone mode then fails.
    ///
    /// ## Example
    /// ```csv
    /// USER ID,ENABLE USER FOR UNIFIED CM IM AND PRESENCE,ACCESS CONTROL GROUP 1,DEVICE NAME 1,TYPE USER ASSOCIATION 1
    /// jdoe,t,Standard CCM End Users,SEP0011AABB00A1,Cti Control In
    /// ```
    ///
    /// ## How to fix
    /// User Management > End User > the user > Permissions Information > Add to Access Control
    /// Group > the missing group.
    ///
    /// `uclint fix` adds the user to the standard group the finding names (one finding for each
    /// missing role), rather than to a custom group that carries the role.
    ///
    /// ## Sources
    /// - Cisco Jabber on-premises deployment guide, "Configure User Associations" (JAB-DEP): at a
    ///   minimum Standard CCM End Users and Standard CTI Enabled.
    code: "IMP003",
    name: "desk-phone-control-without-cti-groups",
    family: Imp,
    severity: Error,
    status: Stable,
    requires: [EndUsers, Phones],
    summary: "A desk-phone-control user is not in \"Standard CTI Enabled\" or \"Standard CCM End Users\".",
    check: check,
    fix: Safe("adds the user to the standard access control group the finding names (\"Standard CTI \
               Enabled\" or \"Standard CCM End Users\")."),
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for (user, phones) in desk_phone_users(ctx) {
        for group in [groups::CTI_ENABLED, groups::CCM_END_USERS] {
            if ctx.granting(&user.groups, group).is_some() {
                continue;
            }
            let phone = &phones[0];
            let message = format!(
                "{} cannot control desk phone {}: missing access control group '{group}'",
                user.user_id.value, phone.device.name.value,
            );
            let help = add_to_group_help("End User", &user.user_id.value, group);
            sink.report(user.key(), user.user_id.span, "desk-phone-control user", message)
                .label(phone.cell.span, "controlled desk phone")
                .help(help)
                .fix(|| Fix::Edit(Edit::Add { object: user.key(), list: List::Groups, item: group.into() }));
        }
    }
    Ok(())
}
