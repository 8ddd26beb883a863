//! UCCX018: another line forwards calls to an agent's IPCC extension.

use rustc_hash::FxHashMap;

use uclint_model::normalise_pattern;

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That no directory number forwards calls (any Call Forward destination: All, Busy, No
    /// Answer, No Coverage, CTI Failure, Unregistered; from BAT `directorynumber.csv`, the
    /// per-line `Forward … Destination N` columns of `phone.csv`, or AXL `getLine`
    /// `callForward…/destination`) to an agent's IPCC extension, other than the IPCC line
    /// itself. Destinations are compared by pattern, since a forward destination carries no
    /// partition. Forwards are settings of the DN: every source is merged into one record per
    /// DN key, so a DN on several phones is reported once.
    ///
    /// ## What it leaves alone
    /// - A directory number with the same pattern as the agent extension it forwards to: that is
    ///   the IPCC line itself, not another line.
    /// - Forwards to voicemail without a destination, and the forward settings of other objects
    ///   (a hunt pilot's Forward Hunt No Answer and Busy), which are not read.
    /// - Universal Line Templates: not read as directory numbers.
    ///
    /// ## Why it breaks
    /// Unified CCX must be the only thing that sends calls to an agent's extension. A call that
    /// arrives there by forwarding from another line rings the agent outside UCCX's routing: the
    /// agent state goes out of step and UCCX may reserve the agent for a call it did not send.
    /// Cisco lists forwarding to a UCCX agent extension as unsupported.
    ///
    /// ## Example
    /// ```csv
    /// Directory Number,Route Partition,Description,Call Pickup Group,Forward All Destination,Forward Busy Internal Destination
    /// 2001,PT_Internal,Reception,NULL,NULL,4001
    /// ```
    /// or, in an AXL `getLine` response:
    /// ```xml
    /// <line><pattern>2002</pattern><routePartitionName>PT_Internal</routePartitionName>
    ///   <callForwardNoAnswerInt><forwardToVoiceMail>false</forwardToVoiceMail>
    ///     <destination>4001</destination></callForwardNoAnswerInt></line>
    /// ```
    ///
    /// ## How to fix
    /// Call Routing > Directory Number > the forwarding line > Call Forward and Call Pickup
    /// Settings: change the destination to a UCCX trigger or another number.
    ///
    /// ## Sources
    /// - UCCX 12.5(1)SU3 and 15.0 Solution Release Notes (RN125, RN150), unsupported
    ///   configurations; Unified CCX Administration and Operations Guide (AOG).
    code: "UCCX018",
    name: "line-forwards-to-ipcc-extension",
    family: Uccx,
    severity: Warning,
    status: Stable,
    requires: [EndUsers, DirectoryNumbers | LineForwards],
    summary: "A line forwards calls to an agent's IPCC extension.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let mut agents = FxHashMap::default();
    for agent in &ctx.agents {
        agents.entry(agent.ipcc.value.pattern.as_str()).or_insert(agent);
    }
    for number in &ctx.cluster.directory_numbers {
        for forward in &number.forwards {
            let destination = normalise_pattern(&forward.destination.value);
            let Some(agent) = agents.get(destination.as_str()) else { continue };
            if number.dn.value.pattern == agent.ipcc.value.pattern {
                continue;
            }
            let message = format!(
                "line {} forwards calls ({}) to agent extension {} (of {}); forwarding to a UCCX agent extension is \
                 unsupported",
                number.dn.value,
                forward.kind,
                agent.extension_display(),
                agent.user.user_id.value
            );
            let help = format!(
                "Call Routing > Directory Number > {} > Call Forward and Call Pickup Settings > {}: change the \
                 destination",
                number.dn.value, forward.kind
            );
            sink.report(number.key(), forward.destination.span, &format!("{} destination", forward.kind), message)
                .label(agent.ipcc.span, format!("IPCC extension of {}", agent.user.user_id.value))
                .help(help);
        }
    }
    Ok(())
}
