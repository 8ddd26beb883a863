//! UCCX019: an agent's IPCC line forwards to a UCCX trigger.

use rustc_hash::FxHashMap;
use uclint_model::normalise_pattern;

use crate::rule::declare_rule;
use crate::rules::uccx::agent_directory_numbers;
use crate::Trigger;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That no call forward destination (all, busy, no answer, unregistered: whichever the
    /// export carries) on an agent's IPCC line is the DN of a UCCX trigger. Forwards are read from BAT `directorynumber.csv`
    /// (`… Destination` columns), the per-line `Forward … Destination N` columns of `phone.csv`
    /// and AXL `getLine` (`callForward…/destination`), merged into one record per DN key, so a
    /// DN on several phones is reported once; a forward to voicemail (no destination) is not
    /// read. Triggers are compared by pattern.
    /// UCCX triggers are the lines of the CTI route points that are UCCX's (controlled by a UCCX
    /// telephony (JTAPI) user, `jtapi-users` in `uclint.toml` or else the application users named
    /// like `uccxjtapiuser_1`, or named by UCCX's `adminapi/trigger` export; every row of
    /// `ctiroutepoint.csv` is a route point), and the triggers of UCCX's export whose route
    /// point CUCM's export does not show. Skipped when neither the JTAPI users nor UCCX's
    /// exports are found.
    ///
    /// ## What it leaves alone
    /// - Forwards of lines that are not an agent's IPCC extension (UCCX018 covers forwards to
    ///   an agent).
    /// - Forwards to route points that are not UCCX's.
    ///
    /// ## Why it breaks
    /// An unanswered or busy ACD call forwarded from the agent's line back into a UCCX trigger
    /// re-enters the script as a new contact while UCCX still tracks the first one: Cisco lists
    /// it as unsupported, and in practice it loops calls and corrupts agent state and reports.
    ///
    /// ## Example
    /// `directorynumber.csv` forwarding the agent line 4001 on no answer to the trigger 5000:
    /// ```csv
    /// Directory Number,Route Partition,Forward No Answer Internal Destination
    /// 4001,PT_Internal,5000
    /// ```
    ///
    /// ## How to fix
    /// Directory Number Configuration (the IPCC line) > Call Forward and Call Pickup Settings:
    /// clear or change the destination.
    ///
    /// ## Sources
    /// - UCCX 12.5(1)SU3 and 15.0 Solution Release Notes, "Unsupported configurations for agent
    ///   phones" (RN125, RN150); UCCX Administration and Operations Guide (AOG).
    code: "UCCX019",
    name: "ipcc-line-forwards-to-trigger",
    family: Uccx,
    severity: Error,
    status: Stable,
    requires: [EndUsers, DirectoryNumbers | LineForwards, Phones, AppUsers | UccxTriggers],
    summary: "An agent's IPCC line forwards to a UCCX trigger (CTI route point).",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let triggers = ctx.uccx_triggers()?;
    let by_pattern: FxHashMap<&str, &Trigger<'_>> = triggers.iter().map(|t| (t.dn.pattern.as_str(), t)).collect();
    for (agent, number) in agent_directory_numbers(ctx) {
        for forward in &number.forwards {
            let destination = normalise_pattern(&forward.destination.value);
            let Some(trigger) = by_pattern.get(destination.as_str()) else { continue };
            let message = format!(
                "agent extension {} (of {}) forwards ({}) to UCCX trigger {} on {}; forwarding an agent line to a \
                 trigger is unsupported",
                number.dn.value,
                agent.user.user_id.value,
                forward.kind,
                trigger.dn,
                trigger.describe(),
            );
            let help = format!(
                "Call Routing > Directory Number > {} > Call Forward and Call Pickup Settings > {}: clear or change \
                 the destination",
                number.dn.value, forward.kind
            );
            sink.report(number.key(), forward.destination.span, "forward destination", message)
                .label(trigger.dn_span, format!("UCCX trigger, {}", trigger.describe()))
                .help(help);
        }
    }
    Ok(())
}
