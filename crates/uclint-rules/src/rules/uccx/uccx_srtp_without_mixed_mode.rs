//! UCCX034: UCCX SRTP is declared and the cluster is not in mixed mode, or an agent phone's
//! security profile is not encrypted.

use rustc_hash::FxHashMap;
use uclint_model::{DataSet, DeviceKind, ObjectKey, PhoneSecurityProfile};

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// When `srtp = true` in `uclint.toml` (UCCX SRTP is on):
    /// - that the enterprise parameter `ClusterSecurityMode` is not `0` (non-secure);
    /// - that every agent phone (a phone carrying an agent's IPCC extension; UCCX supervisors
    ///   are agents too) uses a phone security profile whose Device Security Mode is
    ///   `Encrypted`. The phone names its profile in BAT `phone.csv` `Device Security Profile`
    ///   or AXL `getPhone` `securityProfileName`; the profile's mode is known only from AXL
    ///   `getPhoneSecurityProfile` or `listPhoneSecurityProfile` (`deviceSecurityMode`: `Non
    ///   Secure`, `Authenticated` or `Encrypted`, per the AXL schema): the BAT tar has no
    ///   known form for it. A phone whose profile is not in the export is not judged.
    ///
    /// Skipped when SRTP is not declared, or when the export has neither the parameter nor
    /// any phone security profile.
    ///
    /// ## What it leaves alone
    /// - Device profiles: the security profile is a setting of the phone.
    /// - A phone whose security profile is not in the export, or that names none: not judged.
    /// - Phones that carry no agent's IPCC extension, UCCX's CTI ports among them.
    ///
    /// ## Why it breaks
    /// UCCX SRTP needs CUCM in mixed mode and secure agent and supervisor phones. Without mixed
    /// mode, or with a phone whose profile is not encrypted, the phones cannot negotiate SRTP:
    /// agent calls stay unencrypted, or fail where encryption is required, and recording of
    /// encrypted calls fails.
    ///
    /// ## Example
    /// ```csv
    /// PARAM NAME,PARAM VALUE
    /// ClusterSecurityMode,0
    /// ```
    /// or an agent phone on a non-secure profile:
    /// ```xml
    /// <phoneSecurityProfile><name>Cisco 8841 - Standard SIP Non-Secure Profile</name>
    ///   <deviceSecurityMode>Non Secure</deviceSecurityMode></phoneSecurityProfile>
    /// ```
    ///
    /// ## How to fix
    /// Enable mixed mode with `utils ctl set-cluster mixed-mode` on the publisher CLI, then give
    /// agent and supervisor phones an encrypted phone security profile (Device > Phone > the
    /// phone > Device Security Profile; System > Security > Phone Security Profile > Device
    /// Security Mode = Encrypted).
    ///
    /// ## Sources
    /// - UCCX Solution Design Guide 12.5(1)SU1, "Solution Security", SRTP considerations (DGSEC).
    code: "UCCX034",
    name: "uccx-srtp-without-mixed-mode",
    family: Uccx,
    severity: Warning,
    status: Stable,
    requires: [EnterpriseParameters | PhoneSecurityProfiles],
    settings: [Srtp],
    summary: "UCCX SRTP is declared and the cluster is not in mixed mode or an agent phone's security profile is not encrypted.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let profiles_known = ctx.cluster.has(DataSet::PhoneSecurityProfiles);
    match ctx.non_secure_cluster_mode() {
        Ok(Some(mode)) => {
            let message = "UCCX SRTP requires Cluster Security Mode = Mixed and secure agent and supervisor phones; \
                           the cluster is non-secure (ClusterSecurityMode = 0)";
            let help = "publisher CLI: utils ctl set-cluster mixed-mode; then Device > Phone > each agent and \
                        supervisor phone > Device Security Profile: an encrypted profile";
            let object = ObjectKey::EnterpriseParameter(mode.name.value.clone());
            sink.report(object, mode.value.span, "ClusterSecurityMode", message).help(help);
        }
        Ok(None) => {}
        // SRTP not declared, or no ClusterSecurityMode and nothing else to check.
        Err(reason) if !ctx.settings.srtp || !profiles_known => return Err(Skip::new(reason)),
        Err(_) => {}
    }
    if profiles_known {
        check_agent_phones(ctx, sink);
    }
    Ok(())
}

/// Each agent phone whose security profile is in the export and is not `Encrypted`.
fn check_agent_phones(ctx: &Context<'_>, sink: &mut Sink) {
    let profiles: FxHashMap<&str, &PhoneSecurityProfile> =
        ctx.cluster.phone_security_profiles.iter().map(|p| (p.name.value.trim(), p)).collect();
    for agent_device in ctx.agent_devices() {
        let phone = agent_device.device;
        if phone.kind != DeviceKind::Phone {
            continue;
        }
        let Some(name) = &phone.security_profile else { continue };
        let Some(profile) = profiles.get(name.value.trim()) else { continue };
        let Some(mode) = &profile.security_mode else { continue };
        if mode.value.trim().eq_ignore_ascii_case("Encrypted") {
            continue;
        }
        let message = format!(
            "UCCX SRTP requires encrypted agent and supervisor phones; {} (agent {}) uses phone security profile \
             '{}', whose Device Security Mode is {}",
            phone.name.value,
            agent_device.agent.user.user_id.value,
            name.value.trim(),
            mode.value.trim(),
        );
        let help = format!(
            "Device > Phone > {} > Device Security Profile: a profile with Device Security Mode = Encrypted \
             (System > Security > Phone Security Profile)",
            phone.name.value
        );
        sink.report(phone.key(), name.span, "Device Security Profile", message)
            .label(mode.span, "Device Security Mode")
            .help(help);
    }
}
