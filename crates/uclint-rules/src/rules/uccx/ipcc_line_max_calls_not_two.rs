//! UCCX006: Maximum Number of Calls on the IPCC line is not 2.

use uclint_model::{Edit, Field, Fix, Spanned, Value};

use crate::rule::declare_rule;
use crate::rules::uccx::ambiguous_extension;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That the line carrying an agent's IPCC extension has Maximum Number of Calls = 2, on
    /// every phone and device profile that carries it.
    ///
    /// ## What it leaves alone
    /// - The other lines of an agent device, which UCCX does not route calls to.
    /// - A line whose export does not give Maximum Number of Calls.
    /// - UCCX's CTI ports and route points: they carry no IPCC extension, and UCCX provisions
    ///   their lines itself.
    ///
    /// ## Why it breaks
    /// Unified CCX supports exactly 2 calls on the agent line: one for the customer call and
    /// one for a consult transfer or conference. Any other value is unsupported; Finesse and
    /// CAD refuse the sign-in or mis-track the agent's state. New 78xx/88xx lines default to
    /// 4, so this is one of the most common go-live failures.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Device Type,Directory Number 1,Route Partition 1,Maximum Number of Calls 1,Busy Trigger 1
    /// SEP0011AABB0004,Cisco 8845,4004,PT_Internal,4,2
    /// ```
    ///
    /// ## How to fix
    /// Directory Number Configuration (the device-specific section, reached from the phone's
    /// line) > Multiple Call/Call Waiting Settings on Device > Maximum Number of Calls = 2.
    ///
    /// `uclint fix` sets it, on the line appearance the finding names. CUCM refuses a Busy
    /// Trigger above Maximum Number of Calls, so when the line's Busy Trigger is above 2 the fix
    /// is offered only with UCCX007 in the run (which sets Busy Trigger to 1 in the same
    /// change), and not when the export does not give the Busy Trigger. When the IPCC extension
    /// names no partition and its number is in several, no fix is offered: which line is the
    /// agent's is for the admin to say.
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, "Troubleshoot Agent Log in Issues", step 8.
    /// - UCCX 12.5(1)SU3 and 15.0 Solution Release Notes, "Unsupported configurations for agent
    ///   phones". Older Administration Guide text allowed 3 on 8961/9951/9971; the release notes
    ///   supersede it.
    /// - Cisco Community, "busy signal after second OUTCOMING call on cucm" (for the fix):
    ///   Maximum Number of Calls must be at least Busy Trigger.
    code: "UCCX006",
    name: "ipcc-line-max-calls-not-two",
    family: Uccx,
    severity: Error,
    status: Stable,
    requires: [EndUsers, Phones | DeviceProfiles],
    summary: "Maximum Number of Calls on the IPCC extension's line is not 2.",
    check: check,
    fix: Safe("sets Maximum Number of Calls to 2 on the IPCC extension's line appearance."),
}

const HELP: &str = "Directory Number Configuration (device-specific section) > Multiple Call/Call \
                    Waiting Settings > Maximum Number of Calls = 2";

/// Models for which old UCCX guides allowed 3 calls.
const FORMERLY_THREE: &[&str] = &["8961", "9951", "9971"];

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for agent in &ctx.agents {
        for appearance in &agent.appearances {
            let (device, line) = (appearance.device, appearance.line);
            let Some(max_calls) = &line.max_calls else { continue };
            if max_calls.value == 2 {
                continue;
            }
            let mut message = format!(
                "Maximum Number of Calls is {} on IPCC line {} of {}; Unified CCX requires 2",
                max_calls.value, line.dn.value, device.name.value,
            );
            let model = device.model.as_ref().map_or("", |m| m.value.as_str());
            if max_calls.value == 3 && FORMERLY_THREE.iter().any(|m| model.contains(m)) {
                message.push_str(" (older UCCX guides allowed 3 on this model; current release notes require 2)");
            }
            sink.report(device.key(), max_calls.span, "Maximum Number of Calls", message)
                .label(line.dn.span, format!("IPCC extension of {}", agent.user.user_id.value))
                .help(HELP)
                .fix(|| {
                    if let Some(why) = ambiguous_extension(agent) {
                        return Fix::NotOffered(why);
                    }
                    if let Some(why) = busy_trigger_in_the_way(ctx, line.busy_trigger.as_ref()) {
                        return Fix::NotOffered(why);
                    }
                    Fix::Edit(Edit::Set {
                        object: device.key(),
                        field: Field::LineMaxCalls { line: line.index.value },
                        before: Spanned::new(max_calls.value.to_string().into(), max_calls.span),
                        after: Value::Number(2),
                    })
                });
        }
    }
    Ok(())
}

/// Why Maximum Number of Calls cannot be set to 2 alone: CUCM takes no Busy Trigger above
/// Maximum Number of Calls (the Community answer in the rule's sources), so a Busy Trigger above
/// 2 must change too, which UCCX007's fix does when it runs; and a Busy Trigger the export does
/// not give may be above 2.
fn busy_trigger_in_the_way(ctx: &Context<'_>, busy: Option<&Spanned<u32>>) -> Option<String> {
    let busy_trigger_fixed = ctx.selected.iter().any(|r| r.code == "UCCX007");
    match busy {
        Some(busy) if busy.value <= 2 || busy_trigger_fixed => None,
        Some(busy) => Some(format!(
            "Busy Trigger is {}, above 2, and CUCM refuses a Busy Trigger above Maximum Number of Calls: \
             select UCCX007 too, whose fix sets Busy Trigger to 1",
            busy.value
        )),
        None => Some(
            "the export does not give the line's Busy Trigger, which CUCM requires to be at most Maximum \
             Number of Calls"
                .to_owned(),
        ),
    }
}
