//! UCCX017: one IPCC extension for several agents.

use rustc_hash::FxHashMap;

use uclint_model::{Device, DeviceKind, DnKey, ObjectKey, Severity};

use crate::rule::declare_rule;
use crate::{Agent, Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That no two agents have the same IPCC extension (DN and partition). Cisco supports one
    /// case: the extension is on a single physical phone that all those agents use, one at a
    /// time; that case is reported at info. On a device profile, or on several devices, it is
    /// an error.
    ///
    /// ## What it leaves alone
    /// - An extension that no device carries: UCCX037 reports each agent.
    /// - Extensions that only one agent has, whatever else shares the line (UCCX001), and end
    ///   users who share a number that is not an IPCC extension.
    ///
    /// ## Why it breaks
    /// Only one agent can be signed in on an extension at a time (Finesse reason 32741,
    /// ICD_EXTENSION_CONFLICT). A device profile moves with its user, so an extension shared
    /// through a profile puts several agents on one extension on different phones, which UCCX
    /// does not support.
    ///
    /// ## Example
    /// `enduser.csv` giving agent01 and agent02 the same IPCC extension, which lives on a
    /// device profile:
    /// ```csv
    /// USER ID,DEVICE NAME 1,TYPE USER ASSOCIATION 1,PRIMARY EXTENSION 1,TYPE PATTERN USAGE 1
    /// agent01,UDP_shared,Profile Available,4010,ICD
    /// agent02,UDP_shared,Profile Available,4010,ICD
    /// ```
    ///
    /// ## How to fix
    /// Give each Extension Mobility agent their own DN (End User > IPCC Extension), or move the
    /// shared DN to a single phone associated with all the agents.
    ///
    /// ## Sources
    /// - UCCX 12.5(1)SU3 Solution Release Notes, "Supported configurations for agent phones" (RN125).
    /// - Finesse Desktop User Guide for UCCX 12.5, reason code 32741 ICD_EXTENSION_CONFLICT (FIN-RC).
    code: "UCCX017",
    name: "ipcc-extension-shared-by-agents",
    family: Uccx,
    severity: Error,
    status: Stable,
    requires: [EndUsers, Phones | DeviceProfiles],
    summary: "Several agents have the same IPCC extension (supported only on one physical phone).",
    check: check,
}

const HELP: &str = "give each Extension Mobility agent their own DN (End User > IPCC Extension), or move the \
                    shared DN to a single phone associated with all the agents";

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let mut by_key: FxHashMap<&DnKey, Vec<&Agent<'_>>> = FxHashMap::default();
    let mut order: Vec<&DnKey> = Vec::new();
    for agent in &ctx.agents {
        for key in &agent.keys {
            let agents = by_key.entry(key).or_default();
            if agents.is_empty() {
                order.push(key);
            }
            agents.push(agent);
        }
    }
    for key in order {
        let agents = &by_key[key];
        if agents.len() < 2 {
            continue;
        }
        let mut devices: Vec<&Device> = Vec::new();
        for appearance in ctx.index.appearances(key) {
            if !devices.iter().any(|d| std::ptr::eq(*d, appearance.device)) {
                devices.push(appearance.device);
            }
        }
        let users: Vec<&str> = agents.iter().map(|a| a.user.user_id.value.as_str()).collect();
        let profile = devices.iter().find(|d| d.kind == DeviceKind::DeviceProfile);
        let (message, info) = match (profile, devices.as_slice()) {
            // No device at all is UCCX037's finding.
            (_, []) => continue,
            (Some(udp), _) => (
                format!(
                    "IPCC extension {key} is the IPCC extension of {} agents ({}) and lives on device profile {}; \
                     sharing is supported only on a single physical phone",
                    agents.len(),
                    users.join(", "),
                    udp.name.value
                ),
                false,
            ),
            (None, [phone]) => (
                format!(
                    "IPCC extension {key} is shared by agents {} on phone {}; only one of them can be signed in \
                     at a time",
                    users.join(", "),
                    phone.name.value
                ),
                true,
            ),
            (None, many) => (
                format!(
                    "IPCC extension {key} is shared by agents {} and appears on {} phones ({}); several agents may \
                     share an IPCC extension only on a single physical phone",
                    users.join(", "),
                    many.len(),
                    many.iter().map(|d| d.name.value.as_str()).collect::<Vec<_>>().join(", ")
                ),
                false,
            ),
        };
        let mut finding = sink.report(ObjectKey::Dn(key.clone()), agents[1].ipcc.span, "IPCC extension", message);
        for agent in agents.iter().filter(|a| !std::ptr::eq(a.ipcc, agents[1].ipcc)) {
            finding = finding.label(agent.ipcc.span, format!("IPCC extension of {}", agent.user.user_id.value));
        }
        if info {
            finding = finding.severity(Severity::Info);
        }
        finding.help(HELP);
    }
    Ok(())
}
