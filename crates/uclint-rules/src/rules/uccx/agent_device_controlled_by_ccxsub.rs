//! UCCX033: an agent device associated with the `_ccxsub` RmCm user.

use rustc_hash::FxHashMap;

use uclint_model::{AppUser, Span};

use crate::rule::declare_rule;
use crate::{Context, Sink};

declare_rule! {
    /// ## What it checks
    /// That no agent device or device profile is controlled by an application user whose name
    /// ends in `_ccxsub`, read from the application user's devices and from the device's
    /// `Application User n` columns.
    ///
    /// ## Why it breaks
    /// With SRTP and high availability, UCCX creates a second RmCm user with the suffix
    /// `_ccxsub` for its own use. Agent devices must be associated only with the primary RmCm
    /// provider user; on the `_ccxsub` user they confuse UCCX's device monitoring.
    ///
    /// ## Example
    /// ```csv
    /// APPLICATION USER NAME,DIR GROUP NAME 1,DEVICE NAME 1,TYPE USER ASSOCIATION 1
    /// uccxrmcmuser_ccxsub,Standard CTI Enabled,SEP0011AABB0001,Cti Control In
    /// ```
    ///
    /// ## How to fix
    /// User Management > Application User > the `_ccxsub` user > Device Information: remove the
    /// device; make sure the primary RMCM user controls it (RMCM001).
    ///
    /// ## Sources
    /// - UCCX 12.5(1)SU3 and 12.5(1)SU1 Release Notes (RN125, RN125SU1).
    /// - UCCX Solution Design Guide, "SRTP Considerations" (DGSEC).
    code: "UCCX033",
    name: "agent-device-controlled-by-ccxsub-user",
    family: Uccx,
    severity: Warning,
    status: Stable,
    requires: [EndUsers, Phones | DeviceProfiles],
    summary: "An agent device is associated with the `_ccxsub` RmCm user instead of the primary one.",
    check: check,
}

fn is_ccxsub(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with("_ccxsub")
}

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    // Device name -> (`_ccxsub` user, its device cell), from the application users' side.
    let mut controlled: FxHashMap<&str, Vec<(&AppUser, Span)>> = FxHashMap::default();
    for user in ctx.cluster.app_users.iter().filter(|u| is_ccxsub(&u.name.value)) {
        for cell in user.controlled_devices.iter().chain(&user.controlled_profiles) {
            controlled.entry(cell.value.as_str()).or_default().push((user, cell.span));
        }
    }
    for agent_device in ctx.agent_devices() {
        let device = agent_device.device;
        let mut places: Vec<(&str, Span)> = controlled
            .get(device.name.value.as_str())
            .map(|v| v.iter().map(|(u, span)| (u.name.value.as_str(), *span)).collect())
            .unwrap_or_default();
        for cell in device.application_users.iter().filter(|a| is_ccxsub(&a.value)) {
            if !places.iter().any(|(name, _)| *name == cell.value) {
                places.push((cell.value.as_str(), cell.span));
            }
        }
        for (name, span) in places {
            let message = format!(
                "agent {} {} is associated with {name}; associate agent devices only with the primary RmCm provider \
                 user",
                device.kind.describe(),
                device.name.value,
            );
            let help = format!(
                "User Management > Application User > {name} > Device Information: remove {}; the primary RMCM user \
                 must control it",
                device.name.value
            );
            let finding = sink
                .finding(device.key(), span, &format!("controlled by {name}"), message)
                .with_label(
                    agent_device.line.dn.span,
                    format!("IPCC extension of {}", agent_device.agent.user.user_id.value),
                )
                .with_help(help);
            sink.push(finding);
        }
    }
}
