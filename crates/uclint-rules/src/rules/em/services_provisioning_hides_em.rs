//! EM012: an EM-enabled Cisco 8945 whose Services Provisioning is neither Default nor Internal.

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That an EM-enabled Cisco 8945 (BAT `phone.csv` `Device Type` containing `8945`,
    /// `Extension Mobility` = `t`) has Services Provisioning (`phone.csv` first column,
    /// `Services Provisioning`) set to `Default` or `Internal`, not `External URL` or `Both`.
    /// The source names the 8945 only, so only that model is checked. Services Provisioning is
    /// read from BAT `phone.csv`; AXL exports are not read for it, and the rule is skipped when
    /// no EM-enabled 8945 has the value.
    ///
    /// ## What it leaves alone
    /// Models other than the Cisco 8945 (the only one the source names), 8945s with Extension
    /// Mobility unchecked, and phones read only from AXL, which does not give Services
    /// Provisioning. Templates are set aside when the export is read.
    ///
    /// ## Why it breaks
    /// Services Provisioning decides where the phone takes its services from. On the 8945,
    /// provisioning from an external URL (or both) can leave the Extension Mobility service off
    /// the Services menu, so users cannot log in there although EM is enabled.
    ///
    /// ## Example
    /// ```csv
    /// Services Provisioning,Device Name,Device Type,Extension Mobility
    /// External URL,SEP0011AABB1201,Cisco 8945,t
    /// ```
    ///
    /// ## How to fix
    /// Device > Phone > the phone > Services Provisioning = Default (or Internal).
    ///
    /// ## Sources
    /// - Cisco Community, "Common problems in Extension Mobility" (B): 8945 services
    ///   provisioning.
    code: "EM012",
    name: "services-provisioning-hides-em",
    family: Em,
    severity: Warning,
    status: Stable,
    requires: [Phones],
    summary: "An EM-enabled Cisco 8945 has Services Provisioning other than Default or Internal.",
    check: check,
}

/// Models the source names.
const MODELS: &[&str] = &["8945"];

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let (mut known, mut unknown) = (0, 0);
    for phone in &ctx.cluster.phones {
        let Some(model) = phone.model.as_ref().filter(|m| MODELS.iter().any(|n| m.value.contains(n))) else {
            continue;
        };
        if !phone.extension_mobility.as_ref().is_some_and(|f| f.value) {
            continue;
        }
        let Some(provisioning) = &phone.services_provisioning else {
            unknown += 1;
            continue;
        };
        known += 1;
        let value = provisioning.value.trim();
        if ["Default", "Internal"].iter().any(|ok| value.eq_ignore_ascii_case(ok)) {
            continue;
        }
        let message = format!(
            "{} ({}) has Services Provisioning = {value}; the Extension Mobility service may not appear on it",
            phone.name.value, model.value
        );
        let help = format!("Device > Phone > {} > Services Provisioning = Default (or Internal)", phone.name.value);
        sink.report(phone.key(), provisioning.span, "Services Provisioning", message)
            .label(model.span, "Device Type")
            .help(help);
    }
    if known == 0 && unknown > 0 {
        return Err(Skip::new(
            "no Services Provisioning for the EM-enabled 8945 phones (read from BAT phone.csv only)",
        ));
    }
    Ok(())
}
