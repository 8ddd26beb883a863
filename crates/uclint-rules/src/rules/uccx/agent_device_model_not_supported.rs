//! UCCX013: an agent device's model is not in the supported agent-phone list.

use uclint_model::Severity;

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That the model (BAT `Device Type`) of every phone and device profile carrying an agent's
    /// IPCC extension is in the supported agent-phone list. The list is `supported-agent-models`
    /// in `uclint.toml` (model names, case-insensitive, `*` at the end for a series:
    /// `"Cisco 88*"`). Without it, uclint's built-in list is used: the CTI-capable series of the
    /// CTI supported device matrix (78xx, 79xx, 88xx, 89xx, 99xx, 69xx, DX, Jabber CSF and the
    /// CTI remote device of Extend and Connect). Models the matrix marks as not CTI-capable
    /// (3905, 3911) are errors; any other unlisted model is a warning.
    ///
    /// ## What it leaves alone
    /// - Devices that carry no agent's IPCC extension, UCCX's CTI ports and route points among
    ///   them: they are nobody's phone.
    /// - A device whose export gives no model. CTI Remote Devices of Extend and Connect are in
    ///   the built-in list.
    ///
    /// ## Why it breaks
    /// UCCX monitors and controls agent phones through CTI. A phone CTI cannot control never
    /// lets the agent sign in; a model outside the UCCX compatibility list for the release may
    /// sign in but is unsupported, and features such as silent monitoring may fail on it. The
    /// built-in list is a necessary condition only: paste the UCCX compatibility list for your
    /// release into `supported-agent-models`.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Device Type,Directory Number 1,Route Partition 1
    /// SEP0011AABB0001,Cisco 3905,4001,PT_Internal
    /// ```
    ///
    /// ## How to fix
    /// Replace the phone (Device > Phone > the phone: a supported model with the agent's
    /// line), or confirm the model in the UCCX compatibility matrix and add it to
    /// `supported-agent-models`.
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, "Troubleshoot Agent Log in Issues", step 6 (A).
    /// - UCCX 12.5(1)SU3 Solution Release Notes, "Supported configurations for agent phones"
    ///   (RN125), which points to the UCCX compatibility information (UCCX-COMPAT).
    /// - CTI (TAPI/JTAPI) Supported Device Matrix (CTI-MATRIX).
    code: "UCCX013",
    name: "agent-device-model-not-supported",
    family: Uccx,
    severity: Warning,
    status: Stable,
    requires: [EndUsers, Phones | DeviceProfiles],
    summary: "An agent device's model is not in the supported agent-phone list (error when it is not CTI-capable).",
    check: check,
}

/// The built-in list: the CTI-capable agent-phone series (CTI-MATRIX), a necessary condition.
const DEFAULT_MODELS: &[&str] = &[
    "Cisco 78*",
    "Cisco 79*",
    "Cisco 88*",
    "Cisco 89*",
    "Cisco 99*",
    "Cisco 69*",
    "Cisco DX*",
    "Cisco Webex DX*",
    "Cisco Unified Client Services Framework",
    "Cisco Spark Remote Device",
    "CTI Remote Device",
];

/// Models the CTI supported device matrix marks as not CTI-capable.
const NOT_CTI_CAPABLE: &[&str] = &["Cisco 3905", "Cisco 3911"];

/// Whether `model` is one of `list`: equal ignoring case, or starting with an entry's text
/// before its trailing `*`.
fn listed<S: AsRef<str>>(list: &[S], model: &str) -> bool {
    let model = model.trim().to_ascii_lowercase();
    list.iter().any(|entry| {
        let entry = entry.as_ref().trim().to_ascii_lowercase();
        match entry.strip_suffix('*') {
            Some(prefix) => model.starts_with(prefix),
            None => model == entry,
        }
    })
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let configured = ctx.settings.supported_agent_models.as_deref();
    let supported = |model: &str| configured.map_or_else(|| listed(DEFAULT_MODELS, model), |m| listed(m, model));
    let list = match configured {
        Some(_) => "the supported-agent-models list",
        None => "uclint's built-in list of CTI-capable agent phones",
    };
    for agent_device in ctx.agent_devices() {
        let device = agent_device.device;
        let Some(model) = &device.model else { continue };
        if supported(&model.value) {
            continue;
        }
        let not_cti = listed(NOT_CTI_CAPABLE, &model.value);
        let why = if not_cti {
            "CTI cannot control this model, so the agent cannot sign in".to_owned()
        } else {
            "confirm it in the UCCX compatibility matrix for your release".to_owned()
        };
        let message = format!(
            "agent {} {} of {} is a {}, which is not in {list}; {why}",
            device.kind.describe(),
            device.name.value,
            agent_device.agent.user.user_id.value,
            model.value,
        );
        let mut finding = sink
            .report(device.key(), model.span, "Device Type", message)
            .label(agent_device.line.dn.span, format!("IPCC extension of {}", agent_device.agent.user.user_id.value))
            .help(
                "Device > Phone > the phone: replace it with a supported model, or add the model to \
                 supported-agent-models in uclint.toml once the UCCX compatibility matrix lists it",
            );
        if not_cti {
            finding = finding.severity(Severity::Error);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_match_whole_names_or_series() {
        assert!(listed(DEFAULT_MODELS, "Cisco 8845"));
        assert!(listed(DEFAULT_MODELS, "cisco unified client services framework"));
        assert!(listed(DEFAULT_MODELS, "Cisco Webex DX80"));
        assert!(!listed(DEFAULT_MODELS, "Cisco 3905"));
        assert!(!listed(DEFAULT_MODELS, "Cisco 7"));
        assert!(listed(&["Cisco 8845"], "Cisco 8845 "));
        assert!(!listed(&["Cisco 8845"], "Cisco 88451"));
        assert!(listed(NOT_CTI_CAPABLE, "Cisco 3911"));
    }
}
