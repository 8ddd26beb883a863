//! RMCM002: the RMCM user controls several devices carrying the same IPCC extension.

use rustc_hash::FxHashSet;

use uclint_model::{Device, ObjectKey, Span};

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That among the devices and profiles the RMCM user controls, at most one carries any given
    /// IPCC extension (DN and partition). Both places an export records control are read, as
    /// in RMCM001. The RMCM user is found as RMCM001 describes; without it the rule is skipped.
    ///
    /// ## What it leaves alone
    /// - Devices with the extension that the RMCM user does not control: UCCX001 reports the
    ///   shared extension itself.
    /// - Numbers that are no agent's IPCC extension, and the devices other application users
    ///   control (the FIPPA user's are not compared yet).
    ///
    /// ## Why it breaks
    /// TechNote 210485 says a shared extension on one RMCM-controlled device "typically" works,
    /// but two RMCM-controlled devices with the agent's extension cause sign-in failures: UCCX
    /// sees two terminals for one agent line and cannot tell which one the agent uses.
    ///
    /// ## Example
    /// `appuser.csv` whose RMCM user controls both devices that carry 4002:
    /// ```csv
    /// APPLICATION USER NAME,DIR GROUP NAME 1,DEVICE NAME 1,TYPE USER ASSOCIATION 1,DEVICE NAME 2,TYPE USER ASSOCIATION 2
    /// uccxrmcmuser,Standard CTI Enabled,SEP0011AABB0002,Cti Control In,CSFAGENT02,Cti Control In
    /// ```
    ///
    /// ## How to fix
    /// User Management > Application User > the RMCM user > Device Information: remove every
    /// device but the agent's own from Controlled Devices; then remove the shared line (UCCX001).
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, "Troubleshoot Agent Log in Issues", step 1 (A).
    code: "RMCM002",
    name: "rmcm-controls-several-devices-with-one-extension",
    family: Rmcm,
    severity: Error,
    status: Stable,
    requires: [EndUsers, AppUsers, Phones | DeviceProfiles],
    summary: "The RMCM user controls more than one device carrying the same IPCC extension.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let rmcm = ctx.rmcm_user()?;
    let mut seen = FxHashSet::default();
    for key in ctx.agents.iter().flat_map(|a| &a.keys) {
        if !seen.insert(key) {
            continue;
        }
        let mut controlled: Vec<(&Device, Span)> = Vec::new();
        for appearance in ctx.index.appearances(key) {
            let device = appearance.device;
            if controlled.iter().any(|(d, _)| std::ptr::eq(*d, device)) {
                continue;
            }
            if let Some(span) = rmcm.control_span(device) {
                controlled.push((device, span));
            }
        }
        if controlled.len() < 2 {
            continue;
        }
        let names: Vec<&str> = controlled.iter().map(|(d, _)| d.name.value.as_str()).collect();
        let message = format!(
            "RmCm user {} controls {} devices with IPCC extension {key} ({}); UCCX cannot tell which one the agent \
             uses, so sign-in fails",
            rmcm.name,
            controlled.len(),
            names.join(", "),
        );
        let (_, primary) = controlled[1];
        let mut finding = sink.report(ObjectKey::Dn(key.clone()), primary, &format!("controls {}", names[1]), message);
        for (device, span) in controlled.iter().filter(|(_, s)| *s != primary) {
            finding = finding.label(*span, format!("controls {}", device.name.value));
        }
        let help = format!(
            "User Management > Application User > {} > Device Information: keep only the agent's device in \
             Controlled Devices, and remove the shared line (UCCX001)",
            rmcm.name
        );
        finding.help(help);
    }
    Ok(())
}
