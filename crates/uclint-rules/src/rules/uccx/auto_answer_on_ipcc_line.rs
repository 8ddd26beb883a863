//! UCCX035: Unified CM Auto Answer on the IPCC line.

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That the line carrying an agent's IPCC extension does not have Unified CM Auto Answer set
    /// (anything but `Auto Answer Off`). Disabled by default: the catalog rates it L.
    ///
    /// Auto Answer is a setting of the directory number. Each agent device line's value is its
    /// own (BAT `phone.csv`/`deviceprofile.csv` `Auto Answer N`), else the AXL `getLine`
    /// `autoAnswer` of the IPCC directory number, which holds for every device carrying it
    /// (one finding per agent device line either way).
    ///
    /// ## What it leaves alone
    /// - The other lines of an agent device, and lines set to `Auto Answer Off`.
    /// - Auto-answer configured on the UCCX Team, which is not in the CUCM export.
    ///
    /// ## Why it breaks
    /// No Cisco document forbids line auto-answer on agent lines, but since UCCX 12.5(1)SU1
    /// auto-answer belongs to the UCCX Team, where the agent state machine knows about it; a
    /// line-level auto-answer answers calls UCCX did not route to a Ready agent in the same way.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Directory Number 1,Route Partition 1,Auto Answer 1
    /// SEP0011AABB0004,4004,PT_Internal,Auto Answer with Headset
    /// ```
    ///
    /// ## How to fix
    /// Directory Number Configuration > Auto Answer = Auto Answer Off; configure Auto Answer in
    /// Unified CCX Administration > Resources > Teams instead.
    ///
    /// ## Sources
    /// - UCCX 12.5(1)SU1 Release Notes, "Auto Answer" (RN125SU1). See GEN004 for shared lines.
    code: "UCCX035",
    name: "auto-answer-on-ipcc-line",
    family: Uccx,
    severity: Info,
    status: Disabled,
    requires: [EndUsers, Phones | DeviceProfiles],
    summary: "Unified CM Auto Answer is set on an agent's IPCC line (prefer UCCX Team auto-answer).",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for agent in &ctx.agents {
        for appearance in &agent.appearances {
            let Some(setting) = ctx.line_answers_by_itself(appearance.line) else { continue };
            let message = format!(
                "Unified CM Auto Answer ({}) is set on IPCC line {} of {}; prefer UCCX Team-level Auto Answer",
                setting.value.trim(),
                appearance.line.dn.value,
                appearance.device.name.value,
            );
            let help = "Directory Number Configuration > Auto Answer = Auto Answer Off; configure Auto Answer on the \
                        agent's Team in Unified CCX Administration";
            sink.report(appearance.device.key(), setting.span, "Auto Answer", message).help(help);
        }
    }
    Ok(())
}
