//! RMCM004: the RMCM user lacks the CTI group an agent device's model needs.

use crate::catalog::{add_to_group_help, model_cti_group};
use crate::context::AgentDevice;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That the RMCM application user is in the model-specific CTI group that each agent
    /// device's model needs: "Standard CTI Allow Control of Phones supporting Connected Xfer
    /// and conf" for the 88xx, 89xx, 99xx and DX series (and the 78xx series, by the same
    /// role table), and "Standard CTI Allow Control of Phones supporting Rollover Mode" for
    /// the 69xx series. The model is BAT `Device Type`. A custom group counts when the export
    /// gives its roles (`accesscntrlgrp.csv`, AXL `userRoles`). The RMCM user is found as
    /// RMCM001 describes; without it the rule is skipped.
    ///
    /// ## What it leaves alone
    /// - Agent devices whose model needs no extra group (other series, Jabber softphones, CTI
    ///   remote devices) or whose export gives no model.
    /// - The JTAPI users and other application users: only the RMCM user controls agent
    ///   devices.
    ///
    /// ## Why it breaks
    /// CTIManager lets an application control these phones only with the extra role. Without
    /// it, the RMCM provider cannot control the agent's phone and the agent cannot sign in,
    /// although "Standard CTI Enabled" is present.
    ///
    /// ## Example
    /// An agent on a Cisco 8845 while the RMCM user has only "Standard CTI Enabled":
    /// ```csv
    /// APPLICATION USER NAME,DIR GROUP NAME 1,IS STANDARD 1,DEVICE NAME 1,TYPE USER ASSOCIATION 1
    /// uccxrmcmuser,Standard CTI Enabled,t,SEP0011AABB0004,Cti Control In
    /// ```
    ///
    /// ## How to fix
    /// User Management > Application User > the RMCM user > Permissions Information > Add to
    /// Access Control Group > the group named in the finding.
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, "Troubleshoot Agent Log in Issues", step 7 (A).
    /// - UCCX Administration and Operations Guide (AOG): 9900/8900/6900 need the connected
    ///   transfer and conference option.
    /// - Cisco Jabber deployment guide and role table (JAB-DEP, JAB-ROLES); TechNote 117777 (TN117777).
    code: "RMCM004",
    name: "rmcm-user-without-model-cti-group",
    family: Rmcm,
    severity: Error,
    status: Stable,
    requires: [EndUsers, AppUsers, Phones | DeviceProfiles],
    summary: "The RMCM user lacks the CTI group an agent phone's model needs (Connected Xfer or Rollover).",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let user = ctx.rmcm_app_user()?;
    for AgentDevice { device, .. } in ctx.agent_devices() {
        let Some(model) = &device.model else { continue };
        let Some(group) = model_cti_group(&model.value) else { continue };
        if ctx.granting(&user.groups, group).is_some() {
            continue;
        }
        let message = format!(
            "agent {} {} ({}) needs group '{group}' on RmCm user {}; without it UCCX cannot control the phone",
            device.kind.describe(),
            device.name.value,
            model.value,
            user.name.value,
        );
        let help = add_to_group_help("Application User", &user.name.value, group);
        sink.report(device.key(), model.span, "Device Type", message).label(user.name.span, "RMCM user").help(help);
    }
    Ok(())
}
