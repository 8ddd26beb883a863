//! UCCX037: the IPCC extension is on no phone or device profile.

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every agent's IPCC extension is on a line of at least one phone or user device
    /// profile in the export.
    ///
    /// ## What it leaves alone
    /// - Which kind of device carries the extension: any phone (desk phone, Jabber, CTI Remote
    ///   Device) or device profile will do. A template will not: templates are set aside when the
    ///   export is read.
    /// - End users without an IPCC extension: they are not agents.
    ///
    /// ## Why it breaks
    /// An IPCC extension that no device carries (an unassigned DN, a DN that was deleted, or a
    /// typo on the End User page) gives UCCX nothing to monitor: Finesse reports that the device
    /// associated with the extension is invalid, and a changed extension logs the agent out
    /// (reason code 32750, AGT_IPCC_EXT_CHANGED).
    ///
    /// ## Example
    /// `enduser.csv` naming 4099 as IPCC extension while no phone or profile has a line 4099:
    /// ```csv
    /// USER ID,PRIMARY EXTENSION 1,TYPE PATTERN USAGE 1
    /// agent01,4099,ICD
    /// ```
    ///
    /// ## How to fix
    /// Add the DN to the agent's phone or device profile, or correct the IPCC Extension on the
    /// End User page (User Management > End User > IPCC Extension).
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, "Troubleshoot Agent Log in Issues" (A).
    /// - Finesse Desktop User Guide for UCCX 12.5, reason code 32750 AGT_IPCC_EXT_CHANGED (FIN-RC).
    code: "UCCX037",
    name: "ipcc-extension-on-no-device",
    family: Uccx,
    severity: Error,
    status: Stable,
    requires: [EndUsers, Phones, DeviceProfiles],
    summary: "An agent's IPCC extension is not configured on any phone or device profile.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for agent in ctx.agents.iter().filter(|a| a.appearances.is_empty()) {
        let user = agent.user;
        let message = format!(
            "IPCC extension {} of {} is not configured on any device or profile; UCCX has nothing to monitor, so \
             the agent cannot sign in",
            agent.ipcc.value, user.user_id.value,
        );
        let help = format!(
            "add {} to the agent's phone or device profile, or correct User Management > End User > {} > IPCC \
             Extension",
            agent.ipcc.value, user.user_id.value
        );
        sink.report(user.key(), agent.ipcc.span, "IPCC extension", message).help(help);
    }
    Ok(())
}
