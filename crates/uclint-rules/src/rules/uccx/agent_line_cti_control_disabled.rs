//! UCCX011: "Allow Control of Device from CTI" unchecked on the IPCC line or a monitored line.

use uclint_model::Severity;

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That the line-level "Allow Control of Device from CTI" (BAT `Allow Control of Device from
    /// CTI N`) is checked on the line carrying an agent's IPCC extension (error), and on the
    /// other lines among the first four configured lines of an agent device, which UCCX also
    /// monitors (warning).
    ///
    /// ## What it leaves alone
    /// - Lines of an agent device from the fifth configured line on, other than the IPCC line:
    ///   UCCX does not monitor them.
    /// - Devices that carry no agent's IPCC extension, UCCX's CTI ports and route points among
    ///   them, and lines whose export does not give the flag.
    ///
    /// ## Why it breaks
    /// A line that CTI may not control is restricted for UCCX (Finesse reason code 32753,
    /// LINE_RESTRICTED): on the IPCC line the agent cannot sign in; on another monitored line
    /// UCCX cannot follow the agent's calls there.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Directory Number 1,Route Partition 1,Maximum Number of Calls 1,Busy Trigger 1,Allow Control of Device from CTI 1
    /// SEP0011AABB0001,4001,PT_Internal,2,1,f
    /// ```
    ///
    /// ## How to fix
    /// Directory Number Configuration > Allow Control of Device from CTI: check it.
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, "Troubleshoot Agent Log in Issues", step 10 (A).
    /// - Finesse Desktop User Guide for UCCX 12.5, reason code 32753 LINE_RESTRICTED (FIN-RC).
    code: "UCCX011",
    name: "agent-line-cti-control-disabled",
    family: Uccx,
    severity: Error,
    status: Stable,
    requires: [EndUsers, Phones | DeviceProfiles],
    summary: "\"Allow Control of Device from CTI\" is unchecked on an IPCC line (or a monitored line).",
    check: check,
}

const HELP: &str = "Directory Number Configuration > Allow Control of Device from CTI: check it";

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let ipcc_keys = ctx.ipcc_keys();
    for agent_device in ctx.agent_devices() {
        let device = agent_device.device;
        for line in &device.lines {
            let Some(flag) = line.allow_cti_control.as_ref().filter(|f| !f.value) else { continue };
            let ipcc = ipcc_keys.contains(&line.dn.value);
            let ordinal = device.configured_ordinal(line.index.value);
            if !ipcc && ordinal > 4 {
                continue;
            }
            let (what, label) = if ipcc {
                (format!("IPCC line {}", line.dn.value), "IPCC line".to_owned())
            } else {
                (
                    format!("line {} (configured line #{ordinal}, monitored by UCCX)", line.dn.value),
                    format!("configured line #{ordinal}"),
                )
            };
            let message = format!(
                "CTI control is disabled on {what} of {} (LINE_RESTRICTED, reason 32753); UCCX cannot control it",
                device.name.value,
            );
            let mut finding = sink
                .report(device.key(), flag.span, "Allow Control of Device from CTI", message)
                .label(line.dn.span, label)
                .help(HELP);
            if !ipcc {
                finding = finding.severity(Severity::Warning);
            }
        }
    }
    Ok(())
}
