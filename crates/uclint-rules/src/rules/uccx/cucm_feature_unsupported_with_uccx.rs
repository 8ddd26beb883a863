//! UCCX032: Unified CM service parameters that must stay off with UCCX.

use crate::catalog::param_flag;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// When the export has UCCX agents, that these Cisco CallManager service parameters are not
    /// `T`: `BlockOffNetToOffNetTransfer` (Block OffNet to OffNet Transfer),
    /// `AdvanceAdhocConference` (Advanced Ad Hoc Conference Enabled),
    /// `PathReplacementEnabledFlag` and `PathReplaceTrombonedCallsFlag` (QSIG path replacement).
    /// Not checked yet: Drop Ad Hoc Conference (the internal value for "Never" is unverified),
    /// MLPP and FAC/CMC on route patterns (not read into the model).
    ///
    /// ## What it leaves alone
    /// - Clusters without agents: the restriction concerns clusters that serve UCCX.
    /// - Parameters at `F` or not in the export, and the parameters of other services.
    ///
    /// ## Why it breaks
    /// Cisco lists these Unified CM features as unsupported with Unified CCX: they transfer,
    /// conference or re-route calls in ways the UCCX call model does not follow, so calls are
    /// dropped, blocked or lose their tracking.
    ///
    /// ## Example
    /// ```csv
    /// SERVER,PARAM NAME,PARAM VALUE,PARAM TYPE,SERVICE TYPE
    /// EnterpriseWideData,PathReplaceTrombonedCallsFlag,T,boolean,Cisco CallManager
    /// ```
    ///
    /// ## How to fix
    /// System > Service Parameters > Cisco CallManager > the parameter = False.
    ///
    /// ## Sources
    /// - UCCX 12.5(1)SU3 and 15.0 Solution Release Notes, "Unsupported features in Unified
    ///   Communications Manager and Cisco Business Edition 6000" (RN125, RN150).
    code: "UCCX032",
    name: "cucm-feature-unsupported-with-uccx",
    family: Uccx,
    severity: Warning,
    status: Stable,
    requires: [EndUsers, ServiceParameters],
    summary: "A Unified CM feature Cisco lists as unsupported with UCCX is enabled (service parameter).",
    check: check,
}

/// Internal name and GUI label of each parameter that must not be `T`.
const PARAMETERS: [(&str, &str); 4] = [
    ("BlockOffNetToOffNetTransfer", "Block OffNet to OffNet Transfer"),
    ("AdvanceAdhocConference", "Advanced Ad Hoc Conference Enabled"),
    ("PathReplacementEnabledFlag", "Path Replacement Enabled"),
    ("PathReplaceTrombonedCallsFlag", "Path Replacement for Tromboned Calls"),
];

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    if ctx.agents.is_empty() {
        return Ok(());
    }
    for (name, label) in PARAMETERS {
        for parameter in ctx.service_parameters("Cisco CallManager", name) {
            if param_flag(&parameter.value.value) != Some(true) {
                continue;
            }
            let message = format!(
                "Unified CM setting '{label}' ({name}) = {} is not supported with Unified CCX",
                parameter.value.value
            );
            let help = format!("System > Service Parameters > Cisco CallManager > {label} = False");
            let finding = sink.report(parameter.key(), parameter.value.span, label, message);
            finding.help(help);
        }
    }
    Ok(())
}
