//! UCCX004: an IPCC extension, or one of an agent device's first four lines, in a line group.

use uclint_model::LineGroupMember;

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That no line group has as a member an agent's IPCC extension, or any of the first four
    /// configured lines of an agent device (the lines UCCX monitors). A single-line agent
    /// device may therefore not be in any line group at all.
    ///
    /// ## What it leaves alone
    /// - Lines of an agent device from the fifth configured line on, other than the IPCC
    ///   extension: UCCX does not monitor them, so they may be hunt-group members.
    /// - Line groups whose members are on no agent device. A UCCX trigger in a line group is
    ///   UCCX029's finding.
    ///
    /// ## Why it breaks
    /// Unified CCX must be the only thing that routes calls to the lines it monitors. A hunt
    /// group (line group in a hunt list) offers calls to those lines behind UCCX's back: the
    /// agent's state goes out of step and UCCX refuses the sign-in or reserves the agent for
    /// calls it did not send. Cisco lists hunt groups on "any of the first four configured
    /// lines" of an agent phone as unsupported.
    ///
    /// ## Example
    /// `linegroup.csv` with the agent's IPCC extension 4001 as a member:
    /// ```csv
    /// RNA REVERSION TIMEOUT,NAME,TYPE DISTRIBUTION ALGORITHM,LINE SELECTION ORDER 1,DN OR PATTERN 1,ROUTE PARTITION 1
    /// 10,LG_Helpdesk,Top Down,1,4001,PT_Internal
    /// ```
    ///
    /// ## How to fix
    /// Call Routing > Route/Hunt > Line Group > the group: remove the member; or move a line that
    /// is not the IPCC extension below the fourth configured line of the agent device.
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, "Troubleshoot Agent Log in Issues", step 2 (A).
    /// - UCCX 12.5(1)SU3 and 15.0 Solution Release Notes, "Unsupported configurations for agent
    ///   phones" (RN125, RN150).
    /// - Cisco TechNote 117777 (TN117777).
    code: "UCCX004",
    name: "agent-line-in-line-group",
    family: Uccx,
    severity: Error,
    status: Stable,
    requires: [EndUsers, Phones | DeviceProfiles, LineGroups],
    summary: "An IPCC extension, or one of the first four lines of an agent device, is a line-group member.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let ipcc_keys = ctx.ipcc_keys();
    for agent_device in ctx.agent_devices() {
        let device = agent_device.device;
        for line in &device.lines {
            let ordinal = device.configured_ordinal(line.index.value);
            let (what, label) = if ipcc_keys.contains(&line.dn.value) {
                ("the IPCC extension".to_owned(), format!("IPCC extension on {}", device.name.value))
            } else if ordinal <= 4 {
                (
                    format!("configured line #{ordinal}, which UCCX monitors"),
                    format!("configured line #{ordinal} on {}", device.name.value),
                )
            } else {
                continue;
            };
            for &LineGroupMember { group, member } in ctx.index.line_groups_with(&line.dn.value) {
                let message = format!(
                    "line {} on agent device {} ({what}) is a member of line group {}; agent extensions and \
                     the first four monitored lines must not be in hunt groups or hunt lists",
                    line.dn.value, device.name.value, group.name.value,
                );
                let help = format!(
                    "Call Routing > Route/Hunt > Line Group > {}: remove {} from the members",
                    group.name.value, line.dn.value
                );
                sink.report(device.key(), member.span, &format!("member of {}", group.name.value), message)
                    .label(line.dn.span, label.clone())
                    .help(help);
            }
        }
    }
    Ok(())
}
