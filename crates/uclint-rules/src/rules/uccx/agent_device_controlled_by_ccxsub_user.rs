//! UCCX033: an agent device associated with the `_ccxsub` RmCm user.

use rustc_hash::FxHashMap;

use uclint_model::{AppUser, Device, Span};

use crate::context::Rmcm;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every agent device or device profile that an application user whose name ends in
    /// `_ccxsub` controls is also controlled by the primary RmCm provider user, read from the
    /// application users' devices and from the device's `Application User n` columns. The
    /// primary user is the RMCM user (`--rmcm-user`, or the only application user named like
    /// `rmcm`), or else the user whose name the `_ccxsub` user extends (`uccxrmcmuser` for
    /// `uccxrmcmuser_ccxsub`).
    ///
    /// ## What it leaves alone
    /// - Agent devices that both the `_ccxsub` user and the primary RmCm user control: UCCX's
    ///   data synchronisation gives the `_ccxsub` user the primary user's devices itself, so
    ///   that is how a clean SRTP HA cluster looks.
    /// - Devices that carry no agent's IPCC extension, such as CTI ports and route points: they
    ///   are not agent devices (RMCM008 checks that a UCCX telephony user controls UCCX's).
    ///
    /// ## Why it breaks
    /// With SRTP and high availability, UCCX creates a second RmCm user with the suffix
    /// `_ccxsub` for its subscriber node and keeps its devices in step with the primary RmCm
    /// user's. Agent devices must be associated with the primary RmCm provider user: a device
    /// associated only with the `_ccxsub` user is not monitored through the primary provider,
    /// and UCCX's next data synchronisation removes it from the `_ccxsub` user.
    ///
    /// ## Example
    /// ```csv
    /// APPLICATION USER NAME,DIR GROUP NAME 1,DEVICE NAME 1,TYPE USER ASSOCIATION 1
    /// uccxrmcmuser_ccxsub,Standard CTI Enabled,SEP0011AABB0001,Cti Control In
    /// ```
    /// while `uccxrmcmuser` does not control `SEP0011AABB0001`.
    ///
    /// ## How to fix
    /// User Management > Application User > the primary RmCm user > Device Information: add the
    /// device (RMCM001); leave the `_ccxsub` user to UCCX, which keeps its devices in step.
    ///
    /// ## Sources
    /// - UCCX 12.5(1)SU3 and 12.5(1)SU1 Release Notes (RN125, RN125SU1).
    /// - UCCX Administration and Operations Guide 12.5(1)SU1, "System Menu" > "System
    ///   Parameters" > SRTP: devices associated only with the system-generated RmCm user are
    ///   removed and synchronised with those of the primary RmCm user.
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

/// The suffix of the RmCm user UCCX generates for its subscriber node.
const SUFFIX: &str = "_ccxsub";

fn is_ccxsub(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(SUFFIX)
}

/// Whether `device` is controlled by the primary RmCm user of the `_ccxsub` user `name`: the
/// RMCM user, or the application user whose name `name` extends.
fn controlled_by_primary(ctx: &Context<'_>, rmcm: Option<&Rmcm<'_>>, device: &Device, name: &str) -> bool {
    if rmcm.is_some_and(|r| r.control_span(device).is_some()) {
        return true;
    }
    // The suffix is ASCII, so the cut falls on a character boundary.
    let primary = &name[..name.len() - SUFFIX.len()];
    ctx.index.app_user(primary).is_some_and(|u| u.controls(&device.name.value))
        || device.application_users.iter().any(|a| a.value == primary)
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let rmcm = ctx.rmcm_user().ok();
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
        // UCCX gives the `_ccxsub` user the primary user's devices itself.
        places.retain(|(name, _)| !controlled_by_primary(ctx, rmcm.as_ref(), device, name));
        for (name, span) in places {
            let primary = rmcm.as_ref().map_or(&name[..name.len() - SUFFIX.len()], |r| r.name);
            let message = format!(
                "agent {} {} is associated with {name} but not with the primary RmCm provider user {primary}; \
                 associate agent devices with the primary RmCm user",
                device.kind.describe(),
                device.name.value,
            );
            let help = format!(
                "User Management > Application User > {primary} > Device Information: add {}; UCCX keeps {name} in \
                 step with {primary} itself",
                device.name.value
            );
            sink.report(device.key(), span, &format!("controlled by {name}"), message)
                .label(
                    agent_device.line.dn.span,
                    format!("IPCC extension of {}", agent_device.agent.user.user_id.value),
                )
                .help(help);
        }
    }
    Ok(())
}
