//! UCCX022: Hold Reversion enabled cluster-wide, or on an agent's IPCC line, while UCCX agents
//! exist.

use rustc_hash::FxHashSet;
use uclint_model::DataSet;

use crate::rule::declare_rule;
use crate::rules::uccx::agent_directory_numbers;
use crate::{Agent, Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// When the export has UCCX agents (end users with an IPCC extension), that Hold Reversion
    /// is off both cluster-wide and on the agents' lines:
    /// - the Cisco CallManager service parameter Hold Reversion Duration
    ///   (`HoldReversionDuration`) is 0;
    /// - no line carrying an agent's IPCC extension has a Hold Reversion Ring Duration above 0:
    ///   BAT `phone.csv`/`deviceprofile.csv` `Hold Reversion Ring Duration N` (one finding per
    ///   agent device line), or AXL `getLine` `hrDuration` for the IPCC directory number (one
    ///   finding per directory number, unless a device line already reported it).
    ///
    /// Either part runs when its data is in the export; the rule is skipped only when neither
    /// the parameter nor any line Hold Reversion Ring Duration is there.
    ///
    /// ## What it leaves alone
    /// - Clusters without agents: the restriction is one of agent phones.
    /// - Lines that are not an agent's IPCC extension, an agent device's other lines among them.
    /// - A duration of 0 or empty (off), and a parameter value that is not a number.
    ///
    /// ## Why it breaks
    /// Hold Reversion rings the phone again when a held call waits too long. Cisco lists it as
    /// unsupported on Unified CCX agent phones (and Extension Mobility does not support it):
    /// the reverting call is not an ACD call UCCX can track, so the agent's state goes wrong.
    ///
    /// ## Example
    /// ```csv
    /// SERVER,PARAM NAME,PARAM VALUE,PARAM TYPE,SERVICE TYPE
    /// EnterpriseWideData,HoldReversionDuration,60,long,Cisco CallManager
    /// ```
    /// or an agent line in `phone.csv`:
    /// ```csv
    /// Device Name,Directory Number 1,Route Partition 1,Hold Reversion Ring Duration 1
    /// SEP0011AABB0002,4002,PT_Internal,30
    /// ```
    ///
    /// ## How to fix
    /// System > Service Parameters > Cisco CallManager > Hold Reversion Duration = 0; and on
    /// each agent line, Call Routing > Directory Number > the IPCC extension > Line Settings
    /// for All Devices > Hold Reversion Ring Duration: empty or 0.
    ///
    /// ## Sources
    /// - UCCX 12.5(1)SU3 and 15.0 Solution Release Notes, unsupported configurations (RN125, RN150).
    /// - CUCM 15 Feature Configuration Guide, Extension Mobility restrictions (FCG15-MIRROR).
    code: "UCCX022",
    name: "hold-reversion-enabled-with-agents",
    family: Uccx,
    severity: Warning,
    status: Stable,
    requires: [EndUsers, ServiceParameters | LineHoldReversion],
    summary: "Hold Reversion is enabled cluster-wide or on an agent's IPCC line while the cluster has UCCX agents.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let Some(first_agent) = ctx.agents.first() else { return Ok(()) };
    let rows = ctx.service_parameters("Cisco CallManager", "HoldReversionDuration");
    if rows.is_empty() && !ctx.cluster.has(DataSet::LineHoldReversion) {
        return Err(Skip::new(
            "no Cisco CallManager HoldReversionDuration service parameter and no line Hold Reversion Ring Duration \
             in the export",
        ));
    }
    for parameter in rows {
        let Ok(seconds) = parameter.value.value.trim().parse::<u64>() else { continue };
        if seconds == 0 {
            continue;
        }
        let scope = match parameter.server.value.as_str() {
            "EnterpriseWideData" => "cluster-wide".to_owned(),
            node => format!("on {node}"),
        };
        let message = format!(
            "Hold Reversion is enabled (Hold Reversion Duration = {seconds}, {scope}); Hold Reversion is unsupported \
             with Unified CCX agent phones (and with Extension Mobility)"
        );
        sink.report(parameter.key(), parameter.value.span, "Hold Reversion Duration", message)
            .label(first_agent.ipcc.span, format!("{} is a UCCX agent", first_agent.user.user_id.value))
            .help(
                "System > Service Parameters > Cisco CallManager > Hold Reversion Duration = 0; clear Hold Reversion \
                 Ring Duration on agent lines",
            );
    }
    check_lines(ctx, sink);
    Ok(())
}

/// The agents' IPCC lines: each device line appearance, then each directory-number record
/// (AXL `getLine`) that no device line reported.
fn check_lines(ctx: &Context<'_>, sink: &mut Sink) {
    let mut reported = FxHashSet::default();
    for agent in &ctx.agents {
        for appearance in &agent.appearances {
            let line = appearance.line;
            let Some(duration) = line.hold_reversion_ring_duration.as_ref().filter(|d| d.value > 0) else { continue };
            reported.insert(&line.dn.value);
            let scope = format!(
                "Hold Reversion Ring Duration = {} s on IPCC line {} of {}",
                duration.value, line.dn.value, appearance.device.name.value
            );
            sink.report(appearance.device.key(), duration.span, "Hold Reversion Ring Duration", message(&scope))
                .label(agent.ipcc.span, ipcc_label(agent))
                .help(help(&line.dn.value.to_string()));
        }
    }
    for (agent, number) in agent_directory_numbers(ctx) {
        let Some(duration) = number.hold_reversion_ring_duration.as_ref().filter(|d| d.value > 0) else { continue };
        if !reported.insert(&number.dn.value) {
            continue;
        }
        let scope = format!("Hold Reversion Ring Duration = {} s on IPCC line {}", duration.value, number.dn.value);
        sink.report(number.key(), duration.span, "Hold Reversion Ring Duration", message(&scope))
            .label(agent.ipcc.span, ipcc_label(agent))
            .help(help(&number.dn.value.to_string()));
    }
}

fn message(scope: &str) -> String {
    format!(
        "Hold Reversion is enabled ({scope}); Hold Reversion is unsupported with Unified CCX agent phones (and with \
         Extension Mobility)"
    )
}

fn ipcc_label(agent: &Agent<'_>) -> String {
    format!("IPCC extension of {}", agent.user.user_id.value)
}

fn help(dn: &str) -> String {
    format!(
        "Call Routing > Directory Number > {dn} > Line Settings for All Devices > Hold Reversion Ring Duration: empty \
         or 0"
    )
}
