//! RMCM001: an agent device or profile is not controlled by the RMCM user.

use uclint_model::{Device, DeviceKind, Edit, Fix, List};

use crate::catalog::is_cti_remote_device;
use crate::context::AgentDevice;
use crate::rule::declare_rule;
use crate::rules::uccx::ambiguous_extension;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every phone and user device profile carrying an agent's IPCC extension is a
    /// controlled device (for profiles: a CTI controlled device profile) of the UCCX RMCM
    /// application user. Both places an export records this are read: the application user's
    /// devices (`appuser.csv` `DEVICE NAME n`, AXL `associatedDevices`) and the phone's
    /// `Application User n` columns.
    ///
    /// The RMCM user is the one named by `--rmcm-user` (or `rmcm-user` in `uclint.toml`).
    /// Without it, uclint takes the only application user whose name contains `rmcm` and says
    /// so in the summary; if there is none, or several, the rule is skipped.
    ///
    /// ## What it leaves alone
    /// - CTI Remote Devices (`Cisco Spark Remote Device`, `CTI Remote Device`: Extend and
    ///   Connect): UCCX027 checks them against both the RMCM user and the agent, so that one
    ///   missing association is reported once.
    /// - CTI ports and CTI route points that carry the extension (the same DN, or the same
    ///   number in another partition when the export gives the IPCC extension no partition):
    ///   they are never agent devices, UCCX provisions them on its telephony users, and adding
    ///   one to the RMCM user would be wrong. UCCX001, UCCX002 and UCCX028 report the number.
    /// - Phones and profiles that carry no agent's IPCC extension. Templates and placeholder
    ///   users (`Token_User_…`) are set aside when the export is read.
    ///
    /// ## Why it breaks
    /// UCCX monitors agent devices through the RMCM user's JTAPI provider. A device the RMCM
    /// user does not control is invisible to UCCX: the agent cannot sign in ("device not
    /// associated" / "invalid device"). For an Extension Mobility agent it is the device
    /// profile that must be controlled, not the phone the agent logs in to.
    ///
    /// ## Example
    /// `appuser.csv` whose RMCM user controls one agent phone but not `SEP0011AABB0005`:
    /// ```csv
    /// APPLICATION USER NAME,DIR GROUP NAME 1,DEVICE NAME 1,TYPE USER ASSOCIATION 1
    /// uccxrmcmuser,Standard CTI Enabled,SEP0011AABB0001,Cti Control In
    /// ```
    ///
    /// ## How to fix
    /// User Management > Application User > the RMCM user > Device Information: move the device
    /// into Controlled Devices (for a device profile: CTI Controlled Device Profiles). UCCX
    /// normally maintains this list itself; after the change, check it survives a UCCX resync.
    ///
    /// `uclint fix` adds the device to the RMCM user's list (the change is to the application
    /// user, not to the device). It offers no fix when the RMCM user named by `rmcm-user` is not
    /// in the export (its list is not known), nor when the IPCC extension names no partition and
    /// its number is in several (which device is the agent's is for the admin to say).
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, "Troubleshoot Agent Log in Issues", steps 3 and 5.
    /// - UCCX Administration and Operations Guide, "Provision Unified CM for Unified CCX".
    code: "RMCM001",
    name: "agent-device-not-controlled-by-rmcm",
    family: Rmcm,
    severity: Error,
    status: Stable,
    requires: [EndUsers, AppUsers, Phones | DeviceProfiles],
    summary: "An agent phone or device profile is not controlled by the RMCM application user.",
    check: check,
    fix: Safe("adds the agent phone to the RMCM user's Controlled Devices (a device profile: to its CTI \
               Controlled Device Profiles)."),
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let rmcm = ctx.rmcm_user()?;
    let (name, user) = (rmcm.name, rmcm.user);
    let controls = |device: &Device| rmcm.control_span(device).is_some();
    for AgentDevice { device, agent, line } in ctx.agent_devices() {
        // Extend and Connect remote devices are UCCX027's. (A CTI port or route point is never an
        // agent device: `Context::new` leaves them out of every agent's appearances.)
        if controls(device) || is_cti_remote_device(device) {
            continue;
        }
        let list = match device.kind {
            DeviceKind::Phone => List::ControlledDevices,
            DeviceKind::DeviceProfile => List::ControlledProfiles,
        };
        let message = format!(
            "agent {} {} ({}) is not a controlled device of RmCm user {name}; UCCX cannot monitor \
             it, so agent {} cannot sign in",
            device.kind.describe(),
            device.name.value,
            line.dn.value,
            agent.user.user_id.value,
        );
        let mut finding = sink.report(device.key(), device.name.span, "agent device", message);
        if let Some(user) = user {
            finding = finding.label(user.name.span, "RMCM user");
        }
        let help = format!(
            "User Management > Application User > {name} > Device Information: add {} to {}",
            device.name.value,
            list.describe(),
        );
        finding.help(help).fix(|| match (user, ambiguous_extension(agent)) {
            (_, Some(why)) => Fix::NotOffered(why),
            (None, None) => Fix::NotOffered(format!(
                "RMCM user {name} is not among the export's application users, so its {} are not known",
                list.describe()
            )),
            (Some(user), None) => Fix::Edit(Edit::Add { object: user.key(), list, item: device.name.value.clone() }),
        });
    }
    Ok(())
}
