//! SEC003: an end user holds a group that controls every phone or administers the cluster.

use crate::catalog::groups;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That no end user is in "Standard CTI Allow Control of All Devices", "Standard CCM Super
    /// Users" or "Standard AXL API Access" (BAT `ACCESS CONTROL GROUP n`, compared
    /// case-insensitively; a custom group counts when the export gives its roles:
    /// `accesscntrlgrp.csv`, AXL `userRoles`). One finding per group.
    ///
    /// ## What it leaves alone
    /// - Application users: applications may need these groups, and no person signs in with
    ///   them. The standard ones (`CCMSysUser`, …) are CUCM's own; UCCX's RMCM and JTAPI users
    ///   are judged by RMCM011, the UCCX AXL user by SEC008.
    /// - Other groups, such as Standard CCM Admin Users. Placeholder users (`Token_User_…`) of
    ///   templates are set aside when the export is read.
    ///
    /// ## Why it breaks
    /// These groups let a person's account control every phone in the cluster (listen in,
    /// place calls as anyone) or administer the cluster through the GUI or AXL. A phished or
    /// shared end-user password then compromises the whole cluster.
    ///
    /// ## Example
    /// ```csv
    /// USER ID,ACCESS CONTROL GROUP 1,ACCESS CONTROL GROUP 2,ACCESS CONTROL GROUP 3
    /// jdoe,Standard CCM End Users,Standard CTI Enabled,Standard CTI Allow Control of All Devices
    /// ```
    ///
    /// ## How to fix
    /// User Management > End User > the user > Permissions Information: remove the group; give
    /// applications their own application user, and administrators a separate admin account.
    ///
    /// ## Sources
    /// - Cisco TechNote 117777 (TN117777): avoid "Allow Control of All Devices".
    /// - Least-privilege practice.
    code: "SEC003",
    name: "end-user-over-privileged",
    family: Sec,
    severity: Warning,
    status: Stable,
    requires: [EndUsers],
    summary: "An end user holds Control of All Devices, CCM Super Users or AXL API Access.",
    check: check,
}

const GROUPS: [(&str, &str); 3] = [
    (groups::ALL_DEVICES, "control every phone in the cluster"),
    (groups::SUPER_USERS, "administer the whole cluster"),
    (groups::AXL_API, "read and change the whole configuration through AXL"),
];

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let roles = GROUPS.map(|(group, power)| (group, power, ctx.role(group)));
    for user in &ctx.cluster.end_users {
        for (group, power, role) in &roles {
            let Some(cell) = role.granting(&user.groups) else { continue };
            let message = format!("end user {} holds '{group}'; this lets the account {power}", user.user_id.value);
            let help = format!(
                "User Management > End User > {} > Permissions Information: remove {group} (use an application user \
                 or a separate admin account)",
                user.user_id.value
            );
            sink.report(user.key(), cell.span, "access control group", message).help(help);
        }
    }
    Ok(())
}
