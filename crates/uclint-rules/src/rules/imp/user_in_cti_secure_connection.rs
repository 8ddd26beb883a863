//! IMP006: a Jabber or desk-phone-control user in "Standard CTI Secure Connection".

use crate::catalog::{groups, DeviceClass};
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That no Jabber user (an end user enabled for IM and Presence, or one who controls a
    /// Jabber softphone) is in the access control group "Standard CTI Secure Connection", or in
    /// a custom group that carries that role where the export gives the roles
    /// (`accesscntrlgrp.csv`, AXL `userRoles`). A deployment that has secure CTI fully
    /// configured can ignore the rule (`--ignore IMP006`); there is no setting for it yet.
    ///
    /// ## What it leaves alone
    /// - Application users: UCCX's RMCM and JTAPI users need the group when UCCX uses SRTP
    ///   (RMCM007), and other CTI applications may use secure CTI.
    /// - End users who are neither enabled for IM and Presence nor control a Jabber
    ///   softphone: they are not Jabber users. Placeholder users (`Token_User_…`) are set aside
    ///   when the export is read.
    ///
    /// ## Why it breaks
    /// The group makes CTIManager require a TLS (CAPF-certificate) CTI connection from the
    /// user. Jabber's desk-phone control does not set that up by default, so its CTI
    /// connection is refused and desk-phone mode fails.
    ///
    /// ## Example
    /// ```csv
    /// USER ID,ENABLE USER FOR UNIFIED CM IM AND PRESENCE,ACCESS CONTROL GROUP 1,ACCESS CONTROL GROUP 2,ACCESS CONTROL GROUP 3
    /// jdoe,t,Standard CCM End Users,Standard CTI Enabled,Standard CTI Secure Connection
    /// ```
    ///
    /// ## How to fix
    /// User Management > End User > the user > Permissions Information: remove "Standard CTI
    /// Secure Connection", unless secure CTI is fully configured for Jabber.
    ///
    /// ## Sources
    /// - Cisco Jabber on-premises deployment guide, "Configure User Associations" (JAB-DEP): do not
    ///   assign users to the Standard CTI Secure Connection group.
    code: "IMP006",
    name: "user-in-cti-secure-connection",
    family: Imp,
    severity: Warning,
    status: Stable,
    requires: [EndUsers],
    summary: "A Jabber user is in \"Standard CTI Secure Connection\" (desk-phone control fails).",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let secure_connection = ctx.role(groups::SECURE_CONNECTION);
    for user in &ctx.cluster.end_users {
        let Some(group) = secure_connection.granting(&user.groups) else { continue };
        let imp = user.imp_enabled.as_ref().is_some_and(|f| f.value);
        let softphone = || {
            user.controlled_devices.iter().any(|d| {
                ctx.index.device(&d.value).is_some_and(|d| matches!(DeviceClass::of(d), DeviceClass::Softphone(_)))
            })
        };
        if !imp && !softphone() {
            continue;
        }
        let message = format!(
            "{} is in 'Standard CTI Secure Connection'; Jabber desk-phone control fails unless secure CTI is fully \
             configured",
            user.user_id.value,
        );
        let help = format!(
            "User Management > End User > {} > Permissions Information: remove Standard CTI Secure Connection",
            user.user_id.value
        );
        sink.report(user.key(), group.span, "access control group", message).help(help);
    }
    Ok(())
}
