//! UCCX020: Call Forward All on an agent's IPCC line.

use rustc_hash::FxHashSet;

use uclint_model::normalise_pattern;

use crate::rule::declare_rule;
use crate::rules::uccx::agent_directory_numbers;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That no agent's IPCC line has a Call Forward All destination (BAT `directorynumber.csv`
    /// `Forward All Destination` or `phone.csv` `Forward All Destination N`, AXL `getLine`
    /// `callForwardAll/destination`; merged into one record per DN key), unless the
    /// destination is a line on an agent device, which Unified CCX monitors. Call Forward All
    /// to voicemail without a destination is not read. This is a static export: a CFA an agent
    /// sets from the phone shows only if the export caught it.
    ///
    /// ## What it leaves alone
    /// - Forwards other than Call Forward All (Busy, No Answer, No Coverage, Unregistered, CTI
    ///   Failure): Cisco's restriction is on Call Forward All.
    /// - A destination that is a line on an agent device, which UCCX monitors; and Call Forward
    ///   All to voicemail without a destination, which is not read.
    ///
    /// ## Why it breaks
    /// Unified CCX routes a call to the agent it has reserved. If the agent's line forwards all
    /// calls to a number UCCX does not control, the call leaves the contact center while UCCX
    /// still counts it as offered to the agent; Cisco lists Call Forward All to such extensions
    /// as unsupported.
    ///
    /// ## Example
    /// ```csv
    /// Directory Number,Route Partition,Description,Call Pickup Group,Forward All Destination
    /// 4001,PT_Internal,Agent 1,NULL,+14085550100
    /// ```
    ///
    /// ## How to fix
    /// Call Routing > Directory Number > the agent's extension > Call Forward and Call Pickup
    /// Settings > Forward All: clear the destination; give the line a Forward All Calling Search
    /// Space that keeps agents from setting it themselves.
    ///
    /// ## Sources
    /// - UCCX 12.5(1)SU3 and 15.0 Solution Release Notes (RN125, RN150): "Call Forward All to
    ///   extensions which Unified CCX doesn't have control over" is unsupported.
    code: "UCCX020",
    name: "ipcc-line-forwards-all",
    family: Uccx,
    severity: Warning,
    status: Stable,
    requires: [EndUsers, DirectoryNumbers | LineForwards],
    summary: "An agent's IPCC line has Call Forward All to a destination UCCX does not control.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let monitored: FxHashSet<&str> =
        ctx.agent_devices().iter().flat_map(|a| &a.device.lines).map(|l| l.dn.value.pattern.as_str()).collect();
    for (agent, number) in agent_directory_numbers(ctx) {
        for forward in number.forwards.iter().filter(|f| f.is_forward_all()) {
            if monitored.contains(normalise_pattern(&forward.destination.value).as_str()) {
                continue;
            }
            let message = format!(
                "agent extension {} (of {}) has Call Forward All to {}; Call Forward All to destinations outside \
                 Unified CCX control is unsupported",
                number.dn.value, agent.user.user_id.value, forward.destination.value
            );
            let help = format!(
                "Call Routing > Directory Number > {} > Call Forward and Call Pickup Settings > Forward All: clear the \
                 destination",
                number.dn.value
            );
            sink.report(number.key(), forward.destination.span, "Forward All destination", message)
                .label(agent.ipcc.span, format!("IPCC extension of {}", agent.user.user_id.value))
                .help(help);
        }
    }
    Ok(())
}
