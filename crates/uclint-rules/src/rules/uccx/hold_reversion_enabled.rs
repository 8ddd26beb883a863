//! UCCX022: Hold Reversion enabled cluster-wide while UCCX agents exist.

use crate::context::service_parameter_key;
use crate::rule::declare_rule;
use crate::{Context, Sink};

declare_rule! {
    /// ## What it checks
    /// That the Cisco CallManager service parameter Hold Reversion Duration
    /// (`HoldReversionDuration`) is 0 when the export has UCCX agents (end users with an IPCC
    /// extension). The line-level Hold Reversion Ring Duration is not read yet, so hold reversion
    /// enabled on an agent line alone is not found. Skipped when the parameter is absent.
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
    ///
    /// ## How to fix
    /// System > Service Parameters > Cisco CallManager > Hold Reversion Duration = 0; and Hold
    /// Reversion Ring Duration empty or 0 on agent lines (Directory Number Configuration).
    ///
    /// ## Sources
    /// - UCCX 12.5(1)SU3 and 15.0 Solution Release Notes, unsupported configurations (RN125, RN150).
    /// - CUCM 15 Feature Configuration Guide, Extension Mobility restrictions (FCG15-MIRROR).
    code: "UCCX022",
    name: "hold-reversion-enabled-with-agents",
    family: Uccx,
    severity: Warning,
    status: Stable,
    requires: [EndUsers, ServiceParameters],
    summary: "Hold Reversion is enabled cluster-wide while the cluster has UCCX agents.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(agent) = ctx.agents.first() else { return };
    let rows = ctx.service_parameters("Cisco CallManager", "HoldReversionDuration");
    if rows.is_empty() {
        return sink.skip("no Cisco CallManager HoldReversionDuration service parameter in the export");
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
        let finding = sink
            .finding(service_parameter_key(parameter), parameter.value.span, "Hold Reversion Duration", message)
            .with_label(agent.ipcc.span, format!("{} is a UCCX agent", agent.user.user_id.value))
            .with_help(
                "System > Service Parameters > Cisco CallManager > Hold Reversion Duration = 0; clear Hold Reversion \
                 Ring Duration on agent lines",
            );
        sink.push(finding);
    }
}
