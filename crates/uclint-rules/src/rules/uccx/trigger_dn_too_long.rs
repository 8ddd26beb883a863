//! UCCX031: a UCCX trigger DN longer than 13 characters.

use crate::rule::declare_rule;
use crate::{Context, Sink};

declare_rule! {
    /// ## What it checks
    /// That the directory number of every UCCX route point (trigger) has at most 13 characters,
    /// counting a leading `+`. UCCX route points are the phones of `Device Type`
    /// `CTI Route Point` that a UCCX telephony (JTAPI) user controls: `jtapi-users` in
    /// `uclint.toml`, or else the application users named like `uccxjtapiuser_1`. Skipped when
    /// no JTAPI user is found.
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
    requires: [Phones | UccxTriggers],
    summary: "A UCCX trigger DN is longer than 13 characters.",
    check: check,
}

/// The longest trigger DN UCCX supports.
const MAX_LEN: usize = 13;

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let triggers = match ctx.uccx_triggers() {
        Ok(triggers) => triggers,
        Err(reason) => return sink.skip(reason),
    };
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
        let finding = sink.finding(trigger.key(), trigger.dn_span, "trigger DN", message).with_help(
            "Unified CCX Administration > Applications > Application Management > the application: use a trigger \
             DN of at most 13 characters, with a translation pattern to it",
        );
        sink.push(finding);
    }
}
