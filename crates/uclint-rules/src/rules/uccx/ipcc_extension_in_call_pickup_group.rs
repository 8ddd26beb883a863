//! UCCX025: an IPCC extension in a call pickup group.

use crate::rule::declare_rule;
use crate::rules::uccx::agent_directory_numbers;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That no agent's IPCC extension belongs to a call pickup group (BAT `directorynumber.csv`
    /// `Call Pickup Group`, the per-line `Call Pickup Group N` of an "All Details" `phone.csv`,
    /// AXL `getLine` `callPickupGroupName`). A DN on several phones is reported once.
    ///
    /// ## What it leaves alone
    /// - The other lines of an agent device: a non-ACD line may be in a pickup group.
    /// - Directory numbers that are no agent's IPCC extension.
    ///
    /// ## Why it breaks
    /// Call pickup (and call park) are not supported on extensions that a contact center
    /// monitors: a colleague who picks up a UCCX call ringing on the agent's line takes it away
    /// from the agent behind UCCX's back, so the agent state and the reporting go wrong.
    ///
    /// ## Example
    /// ```csv
    /// Directory Number,Route Partition,Description,Alerting Name,Call Pickup Group
    /// 4001,PT_Internal,Agent 1,Agent 1,CPG_Floor1
    /// ```
    ///
    /// ## How to fix
    /// Call Routing > Directory Number > the agent's extension > Call Forward and Call Pickup
    /// Settings > Call Pickup Group = None.
    ///
    /// ## Sources
    /// - Cisco TechNote 117777 (TN117777): call pickup and call park are not supported with
    ///   UCCE/UCCX monitored extensions.
    /// - UCCX 12.5(1)SU3 Solution Release Notes (RN125): Pickup, GPickup and Park softkeys.
    code: "UCCX025",
    name: "ipcc-extension-in-call-pickup-group",
    family: Uccx,
    severity: Warning,
    status: Stable,
    requires: [EndUsers, DirectoryNumbers | LinePickupGroups],
    summary: "An agent's IPCC extension belongs to a call pickup group.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for (agent, number) in agent_directory_numbers(ctx) {
        let Some(group) = &number.call_pickup_group else { continue };
        let message = format!(
            "agent extension {} (of {}) is in call pickup group {}; call pickup and park are not supported on \
             contact-center monitored extensions",
            number.dn.value, agent.user.user_id.value, group.value
        );
        let help = format!("Call Routing > Directory Number > {} > Call Pickup Group = None", number.dn.value);
        sink.report(number.key(), group.span, "Call Pickup Group", message)
            .label(agent.ipcc.span, format!("IPCC extension of {}", agent.user.user_id.value))
            .help(help);
    }
    Ok(())
}
