//! UCCX009: an Extension Mobility agent whose IPCC extension is not on their device profile.

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That an agent who logs in with Extension Mobility (the end user has at least one
    /// controlled device profile) has the IPCC extension on one of those profiles. It fires
    /// when the extension is only on other devices, typically a physical phone.
    ///
    /// ## What it leaves alone
    /// - Agents with no controlled device profile: they do not log in with Extension Mobility,
    ///   so their phone is their agent device.
    /// - Agents whose extension is on no device at all: UCCX037 reports them.
    ///
    /// ## Why it breaks
    /// For an EM agent, UCCX monitors the device profile: that is where the IPCC extension must
    /// live (and the profile must be controlled by the RMCM user, RMCM001). With the extension
    /// on the phone, the agent's login moves the profile onto the phone and the extension goes
    /// away, so UCCX reports an invalid device or extension.
    ///
    /// ## Example
    /// `enduser.csv` with a controlled profile, while 4006 sits on a phone:
    /// ```csv
    /// USER ID,DEVICE NAME 1,TYPE USER ASSOCIATION 1,PRIMARY EXTENSION 1,TYPE PATTERN USAGE 1
    /// agent06,UDP_agent06,Profile Available,4006,ICD
    /// ```
    ///
    /// ## How to fix
    /// Move the IPCC extension to the agent's device profile (Device > Device Settings > Device
    /// Profile > the profile > Association) and associate that profile with the RMCM user.
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, "Troubleshoot Agent Log in Issues", step 3 (A).
    code: "UCCX009",
    name: "em-agent-ipcc-extension-not-on-profile",
    family: Uccx,
    severity: Error,
    status: Stable,
    requires: [EndUsers, Phones, DeviceProfiles],
    summary: "An Extension Mobility agent's IPCC extension is not on any of their device profiles.",
    check: check,
}

const HELP: &str = "move the IPCC extension to the agent's device profile (Device > Device Settings > Device \
                    Profile > Association), then associate the profile with the RMCM user";

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for agent in &ctx.agents {
        let user = agent.user;
        // No device at all is UCCX037's finding.
        let Some(profile) = user.controlled_profiles.first() else { continue };
        if agent.appearances.is_empty()
            || agent.appearances.iter().any(|a| user.controlled_profiles.iter().any(|p| p.value == a.device.name.value))
        {
            continue;
        }
        let devices: Vec<&str> = agent.devices().iter().map(|d| d.name.value.as_str()).collect();
        let message = format!(
            "agent {} logs in with Extension Mobility (controlled profile {}) but IPCC extension {} is on {} \
             instead of the user device profile",
            user.user_id.value,
            profile.value,
            agent.extension_display(),
            devices.join(", "),
        );
        let mut finding = sink
            .report(user.key(), agent.ipcc.span, "IPCC extension", message)
            .label(profile.span, "controlled device profile");
        for appearance in &agent.appearances {
            finding = finding.label(appearance.line.dn.span, format!("on {}", appearance.device.name.value));
        }
        finding.help(HELP);
    }
    Ok(())
}
