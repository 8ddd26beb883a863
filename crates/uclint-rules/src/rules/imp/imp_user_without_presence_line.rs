//! IMP010: an IM and Presence user with a desk phone but no line associated for presence.

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

use super::desk_phone_users;

declare_rule! {
    /// ## What it checks
    /// That every end user enabled for IM and Presence who controls a desk phone has either a
    /// line associated for presence (a line appearance association with `laapAssociate` = `t`)
    /// or a Primary Extension.
    ///
    /// The line appearance associations come only from AXL `getUser`
    /// (`lineAppearanceAssociationForPresences`): no BAT user export is known to carry them, so
    /// users read from BAT alone are not judged, and the rule is skipped when no user in the
    /// input has them.
    ///
    /// ## What it leaves alone
    /// - Users not enabled for IM and Presence, users who control no desk phone (Jabber in
    ///   softphone mode shows its own calls), and users whose record gives no line appearance
    ///   associations.
    /// - Controlled CTI ports, route points, remote devices and device profiles: they are not
    ///   desk phones. Templates and placeholder users are set aside when the export is read.
    ///
    /// ## Why it breaks
    /// IM and Presence derives the user's "on the phone" status from the lines associated with
    /// the user for presence, falling back to the Primary Extension. With neither, calls on the
    /// desk phone never change the user's presence: colleagues see them available while they
    /// are on a call.
    ///
    /// ## Example
    /// ```xml
    /// <user><userid>jdoe</userid>
    ///   <associatedDevices><device>SEP0011AABB2001</device></associatedDevices>
    ///   <imAndPresenceEnable>true</imAndPresenceEnable>
    ///   <lineAppearanceAssociationForPresences><lineAppearanceAssociationForPresence>
    ///     <laapAssociate>f</laapAssociate><laapDeviceName>SEP0011AABB2001</laapDeviceName>
    ///     <laapDirectory>2001</laapDirectory>
    ///   </lineAppearanceAssociationForPresence></lineAppearanceAssociationForPresences>
    /// </user>
    /// ```
    ///
    /// ## How to fix
    /// User Management > End User > the user > Directory Number Associations: set the Primary
    /// Extension; or Device > Phone > the line > Users Associated with Line: associate the
    /// user (which sets the line appearance association for presence).
    ///
    /// ## Sources
    /// - AXL `getUser` field names (`lineAppearanceAssociationForPresence{laapAssociate,
    ///   laapDeviceName, laapDirectory}`, `primaryExtension`), as public AXL scripts use them;
    ///   `laapAssociate` comes back as `t`/`f` (formats.md §1). Cisco text was not re-checked.
    code: "IMP010",
    name: "imp-user-without-presence-line",
    family: Imp,
    severity: Info,
    status: Stable,
    requires: [EndUsers, Phones],
    summary: "An IM and Presence user with a desk phone has no line associated for presence and no primary extension.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    if ctx.cluster.end_users.iter().all(|u| u.presence_lines.is_none()) {
        return Err(Skip::new(
            "no line appearance association for presence data (AXL getUser lineAppearanceAssociationForPresences; \
             BAT user exports do not carry it)",
        ));
    }
    for (user, phones) in desk_phone_users(ctx) {
        let Some(lines) = &user.presence_lines else { continue };
        if user.primary_extension.is_some() || lines.value.iter().any(|l| l.associate.as_ref().is_some_and(|a| a.value))
        {
            continue;
        }
        // Point at an association that is off where there is one, else at the (empty) list.
        let off = lines.value.iter().find_map(|l| l.associate.as_ref());
        let (span, label) = match off {
            Some(associate) => (associate.span, "not associated for presence"),
            None => (lines.span, "no line associated for presence"),
        };
        let message = format!(
            "{} has no line associated for presence and no primary extension; on-the-phone status will not show",
            user.user_id.value
        );
        let help = format!(
            "User Management > End User > {} > Directory Number Associations > Primary Extension; or associate the \
             user with the desk phone's line (Device > Phone > line > Users Associated with Line)",
            user.user_id.value
        );
        let phone = &phones[0];
        sink.report(user.key(), span, label, message)
            .label(phone.cell.span, format!("desk phone {}", phone.device.name.value))
            .help(help);
    }
    Ok(())
}
