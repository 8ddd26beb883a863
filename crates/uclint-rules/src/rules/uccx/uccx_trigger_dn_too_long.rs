//! UCCX031: a UCCX trigger DN longer than 13 characters.

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That the directory number of every UCCX trigger has at most 13 characters, counting a
    /// leading `+`.
    /// UCCX triggers are the lines of the CTI route points that are UCCX's (controlled by a UCCX
    /// telephony (JTAPI) user, `jtapi-users` in `uclint.toml` or else the application users named
    /// like `uccxjtapiuser_1`, or named by UCCX's `adminapi/trigger` export; every row of
    /// `ctiroutepoint.csv` is a route point), and the triggers of UCCX's export whose route
    /// point CUCM's export does not show. Skipped when neither the JTAPI users nor UCCX's
    /// exports are found.
    ///
    /// ## What it leaves alone
    /// CTI route points that are not UCCX's (no UCCX user controls them and UCCX's exports do
    /// not name them): other applications' route points may have longer numbers.
    ///
    /// ## Why it breaks
    /// UCCX names the route point it creates for a trigger from a prefix, `_` and the DN, and
    /// CUCM limits CTI route point names to 15 characters: a longer trigger DN is unsupported.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Device Type,Application User 1,Directory Number 1,Route Partition 1
    /// CXBA_RP,CTI Route Point,uccxjtapiuser_1,+140855550000,PT_Internal
    /// ```
    ///
    /// ## How to fix
    /// Use a shorter trigger DN (Unified CCX Administration > Applications > Application
    /// Management > the application > Add New Trigger) and a translation pattern from the long
    /// number to it.
    ///
    /// ## Sources
    /// - UCCX 12.5(1)SU3 and 15.0 Solution Release Notes, "Unsupported configurations and
    ///   scenarios" (RN125, RN150).
    code: "UCCX031",
    name: "uccx-trigger-dn-too-long",
    family: Uccx,
    severity: Warning,
    status: Stable,
    requires: [Phones | UccxTriggers, AppUsers | UccxTriggers],
    summary: "A UCCX trigger DN is longer than 13 characters.",
    check: check,
}

/// The longest trigger DN UCCX supports.
const MAX_LEN: usize = 13;

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let triggers = ctx.uccx_triggers()?;
    for trigger in triggers {
        let len = trigger.dn.pattern.chars().count();
        if len <= MAX_LEN {
            continue;
        }
        let message = format!(
            "UCCX trigger DN {} on {} has {len} characters; UCCX supports at most {MAX_LEN} (the route point name is \
             limited to 15)",
            trigger.dn.pattern,
            trigger.describe(),
        );
        sink.report(trigger.key(), trigger.dn_span, "trigger DN", message).help(
            "Unified CCX Administration > Applications > Application Management > the application: use a trigger \
             DN of at most 13 characters, with a translation pattern to it",
        );
    }
    Ok(())
}
