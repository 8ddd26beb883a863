//! FIPPA001: an agent phone or profile is not controlled by the FIPPA application user.

use crate::catalog::{Controls, DeviceClass};
use crate::context::AgentDevice;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};
use uclint_model::DeviceKind;

declare_rule! {
    /// ## What it checks
    /// When `fippa-user` is set in `uclint.toml` (or `--fippa-user`), that every IP phone and
    /// device profile carrying an agent's IPCC extension is a controlled device (for profiles:
    /// a CTI controlled device profile) of that application user. Skipped without the setting,
    /// or when the export does not have the user. The phone-service subscriptions that say which
    /// phones use Finesse IP Phone Agent are not read, so every agent IP phone is checked: set
    /// `fippa-user` when agents sign in through FIPPA, and suppress the agents who never do.
    ///
    /// ## What it leaves alone
    /// - Jabber clients (CSF, BOT, TCT, TAB), CTI ports, CTI route points and CTI remote devices
    ///   (Extend and Connect) that carry an IPCC extension: they have no IP phone Services menu,
    ///   so Finesse IP Phone Agent never runs on them, and its user need not control them.
    /// - Phones and profiles that carry no agent's IPCC extension, whoever controls them.
    /// - Templates: set aside when the export is read.
    ///
    /// ## Why it breaks
    /// Finesse IP Phone Agent controls the agent's phone through CTI as this application user.
    /// A phone it does not control shows no agent state and the agent cannot sign in from it;
    /// from Finesse 11.0(1), an Extension Mobility agent's device profile must be associated
    /// too.
    ///
    /// ## Example
    /// ```csv
    /// APPLICATION USER NAME,DEVICE NAME 1,TYPE USER ASSOCIATION 1
    /// finesseippa,SEP0011AABB0001,Cti Control In
    /// ```
    /// with an agent on `SEP0011AABB0002`.
    ///
    /// ## How to fix
    /// User Management > Application User > the FIPPA user > Device Information: add the phone
    /// to Controlled Devices (a device profile to CTI Controlled Device Profiles).
    ///
    /// ## Sources
    /// - Cisco Finesse Administration Guide 12.5(1), "Manage Finesse IP Phone Agent" (FIN-ADM).
    /// - Cisco TechNote 212115, "Configure and Troubleshoot Finesse IP Phone Agent" (TN212115).
    code: "FIPPA001",
    name: "agent-device-not-controlled-by-fippa",
    family: Fippa,
    severity: Error,
    status: Stable,
    requires: [EndUsers, AppUsers, Phones | DeviceProfiles],
    settings: [FippaUser],
    summary: "An agent phone or device profile is not controlled by the Finesse IP Phone Agent user.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let fippa = Controls::new(ctx.named_app_user(ctx.settings.fippa_user.as_deref(), "FIPPA user", "fippa-user")?);
    let name = &fippa.user.name.value;
    for AgentDevice { device, agent, line } in ctx.agent_devices() {
        // Only IP phones and device profiles run the Finesse IPPA phone service.
        let ip_phone = matches!(DeviceClass::of(device), DeviceClass::DeskPhone | DeviceClass::Profile);
        if !ip_phone || fippa.span(device).is_some() {
            continue;
        }
        let list = match device.kind {
            DeviceKind::Phone => "Controlled Devices",
            DeviceKind::DeviceProfile => "CTI Controlled Device Profiles",
        };
        let message = format!(
            "agent {} {} ({}) is not a controlled device of Finesse IP Phone Agent user {name}; agent {} cannot \
             use FIPPA on it",
            device.kind.describe(),
            device.name.value,
            line.dn.value,
            agent.user.user_id.value,
        );
        let help = format!(
            "User Management > Application User > {name} > Device Information: add {} to {list}",
            device.name.value
        );
        sink.report(device.key(), device.name.span, "agent device", message)
            .label(fippa.user.name.span, "FIPPA user")
            .help(help);
    }
    Ok(())
}
