//! UCCX005: the IPCC extension is not among the first four configured lines.

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That on every agent device the IPCC extension is one of the first four *configured*
    /// lines: its position among the device's lines in button order, not its button number.
    /// A DN on button 6 with buttons 3 to 5 empty is configured line 3 and passes.
    ///
    /// ## What it leaves alone
    /// - Empty buttons: a line's place among the configured lines counts, not its button number.
    /// - The device's other lines: only the IPCC extension must be among the first four.
    /// - Users without an IPCC extension: they are not agents.
    ///
    /// ## Why it breaks
    /// Unified CCX (through JTAPI) monitors only the first four configured lines of an agent
    /// device. An IPCC extension further down is never monitored, so the agent cannot sign in.
    ///
    /// ## Example
    /// `phone.csv` with the IPCC extension 4003 on button 5 and buttons 1 to 4 all in use:
    /// ```csv
    /// Device Name,Directory Number 1,…,Directory Number 4,Route Partition 4,Directory Number 5,Route Partition 5
    /// SEP0011AABB0003,4103,…,4403,PT_Internal,4003,PT_Internal
    /// ```
    ///
    /// ## How to fix
    /// Phone Configuration (or Device Profile Configuration) > Association: move the IPCC
    /// extension to button 1 to 4. Buttons 1 to 4 are the safest choice: the Design Guide speaks
    /// of button positions, the TechNote of configured lines.
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, "Troubleshoot Agent Log in Issues", step 5 (with the worked example).
    /// - UCCX Solution Design Guide 12.5(1)SU1, "Multiline support".
    /// - UCCX Administration and Operations Guide, "Guidelines for Agent Phone Configuration".
    code: "UCCX005",
    name: "ipcc-extension-beyond-fourth-line",
    family: Uccx,
    severity: Error,
    status: Stable,
    requires: [EndUsers, Phones | DeviceProfiles],
    summary: "The IPCC extension is not within the first four configured lines of the agent device.",
    check: check,
}

const HELP: &str = "move the IPCC extension to button 1-4 (Phone or Device Profile Configuration > Association)";

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for agent in &ctx.agents {
        for appearance in &agent.appearances {
            let (device, line) = (appearance.device, appearance.line);
            let ordinal = device.configured_ordinal(line.index.value);
            if ordinal <= 4 {
                continue;
            }
            let message = format!(
                "IPCC extension {} is configured line #{ordinal} (button {}) on {}; UCCX monitors only \
                 the first four configured lines, so agent {} cannot sign in",
                line.dn.value, line.index.value, device.name.value, agent.user.user_id.value,
            );
            sink.report(device.key(), line.dn.span, &format!("configured line #{ordinal}"), message)
                .label(agent.ipcc.span, format!("IPCC extension of {}", agent.user.user_id.value))
                .help(HELP);
        }
    }
    Ok(())
}
