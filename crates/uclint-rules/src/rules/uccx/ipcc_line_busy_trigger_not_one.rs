//! UCCX007: Busy Trigger on the IPCC line is not 1.

use uclint_model::{Edit, Field, Fix, Spanned, Value};

use crate::rule::declare_rule;
use crate::rules::uccx::ambiguous_extension;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That the line carrying an agent's IPCC extension has Busy Trigger = 1, on every phone
    /// and device profile that carries it.
    ///
    /// ## What it leaves alone
    /// - The other lines of an agent device, which UCCX does not route calls to.
    /// - A line whose export does not give Busy Trigger.
    /// - UCCX's CTI ports and route points: they carry no IPCC extension, and UCCX provisions
    ///   their lines itself.
    ///
    /// ## Why it breaks
    /// With Busy Trigger above 1, Unified CM offers a second ACD call to an agent who is
    /// already on one, which Unified CCX does not support: the agent's state goes out of step
    /// and sign-in is refused. New 78xx/88xx lines default to 2.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Device Type,Directory Number 1,Route Partition 1,Maximum Number of Calls 1,Busy Trigger 1
    /// SEP0011AABB0004,Cisco 8845,4004,PT_Internal,4,2
    /// ```
    ///
    /// ## How to fix
    /// Directory Number Configuration (the device-specific section) > Multiple Call/Call
    /// Waiting Settings on Device > Busy Trigger = 1.
    ///
    /// `uclint fix` sets it, on the line appearance the finding names (1 is within any Maximum
    /// Number of Calls). When the IPCC extension names no partition and its number is in
    /// several, no fix is offered: which line is the agent's is for the admin to say.
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, "Troubleshoot Agent Log in Issues", step 8.
    /// - UCCX 12.5(1)SU3 and 15.0 Solution Release Notes, "Unsupported configurations for agent phones".
    /// - Cisco TechNote 117777, "UCCE Integration with CM Configuration Example".
    code: "UCCX007",
    name: "ipcc-line-busy-trigger-not-one",
    family: Uccx,
    severity: Error,
    status: Stable,
    requires: [EndUsers, Phones | DeviceProfiles],
    summary: "Busy Trigger on the IPCC extension's line is not 1.",
    check: check,
    fix: Safe("sets Busy Trigger to 1 on the IPCC extension's line appearance."),
}

const HELP: &str = "Directory Number Configuration (device-specific section) > Multiple Call/Call \
                    Waiting Settings > Busy Trigger = 1";

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for agent in &ctx.agents {
        for appearance in &agent.appearances {
            let (device, line) = (appearance.device, appearance.line);
            let Some(busy) = &line.busy_trigger else { continue };
            if busy.value == 1 {
                continue;
            }
            let message = format!(
                "Busy Trigger is {} on IPCC line {} of {}; Unified CCX requires 1",
                busy.value, line.dn.value, device.name.value,
            );
            sink.report(device.key(), busy.span, "Busy Trigger", message)
                .label(line.dn.span, format!("IPCC extension of {}", agent.user.user_id.value))
                .help(HELP)
                .fix(|| match ambiguous_extension(agent) {
                    Some(why) => Fix::NotOffered(why),
                    None => Fix::Edit(Edit::Set {
                        object: device.key(),
                        field: Field::LineBusyTrigger { line: line.index.value },
                        before: Spanned::new(busy.value.to_string().into(), busy.span),
                        after: Value::Number(1),
                    }),
                });
        }
    }
    Ok(())
}
