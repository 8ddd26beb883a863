//! UCCX029: a UCCX route point's directory number is a line-group member.

use uclint_model::LineGroupMember;

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That no UCCX trigger is a member of a line group (BAT `linegroup.csv` `DN OR PATTERN n`
    /// with `ROUTE PARTITION n`, AXL `getLineGroup`, compared by DN key).
    /// UCCX triggers are the lines of the CTI route points that are UCCX's (controlled by a UCCX
    /// telephony (JTAPI) user, `jtapi-users` in `uclint.toml` or else the application users named
    /// like `uccxjtapiuser_1`, or named by UCCX's `adminapi/trigger` export; every row of
    /// `ctiroutepoint.csv` is a route point), and the triggers of UCCX's export whose route
    /// point CUCM's export does not show. Skipped when neither the JTAPI users nor UCCX's
    /// exports are found.
    ///
    /// ## What it leaves alone
    /// Route points that are not UCCX's, and CTI ports (UCCX028 covers their lines).
    ///
    /// ## Why it breaks
    /// Route points in line groups, hunt lists and hunt pilots are unsupported with UCCX: the
    /// hunt logic offers calls to the trigger outside UCCX's control, and calls are lost or
    /// routed twice.
    ///
    /// ## Example
    /// ```csv
    /// NAME,LINE SELECTION ORDER 1,DN OR PATTERN 1,ROUTE PARTITION 1
    /// LG_Sales,1,5000,PT_Internal
    /// ```
    ///
    /// ## How to fix
    /// Call Routing > Route/Hunt > Line Group > the group: remove the trigger's DN, and route
    /// calls to the trigger directly.
    ///
    /// ## Sources
    /// - UCCX 12.5(1)SU3 and 15.0 Solution Release Notes, "Unsupported configurations and
    ///   scenarios" (RN125, RN150).
    code: "UCCX029",
    name: "uccx-trigger-in-line-group",
    family: Uccx,
    severity: Error,
    status: Stable,
    requires: [Phones | UccxTriggers, LineGroups],
    summary: "A UCCX route point (trigger) DN is a line-group member.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let triggers = ctx.uccx_triggers()?;
    for trigger in triggers {
        for &LineGroupMember { group, member } in ctx.index.line_groups_with(&trigger.dn) {
            let message = format!(
                "UCCX trigger {} ({}) is a member of line group {}; route points in line groups and hunt lists are \
                 unsupported",
                trigger.dn,
                trigger.describe(),
                group.name.value,
            );
            let help = format!(
                "Call Routing > Route/Hunt > Line Group > {}: remove {} from the members and route to the trigger \
                 directly",
                group.name.value, trigger.dn
            );
            sink.report(trigger.key(), member.span, &format!("member of {}", group.name.value), message)
                .label(trigger.dn_span, format!("UCCX trigger, {}", trigger.describe()))
                .help(help);
        }
    }
    Ok(())
}
