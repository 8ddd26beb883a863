//! UCCX008: the agent phone's Common Device Configuration is not "IPv4 Only".

use rustc_hash::FxHashSet;

use uclint_model::{CommonDeviceConfig, Device, DeviceKind, Edit, EnterpriseParameter, Field, Fix, Severity, Value};

use crate::catalog::{is_cti_remote_device, param_flag};
use crate::rule::declare_rule;
use crate::rule::name_list;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every agent phone uses a Common Device Configuration (CDC) whose IP Addressing Mode
    /// is `IPv4 Only`. A user device profile has no CDC of its own (neither AXL nor
    /// `deviceprofile.csv` carries one): an Extension Mobility agent gets the CDC of the phone
    /// they log in to, so when any agent's IPCC extension is on a device profile, every phone
    /// with Extension Mobility enabled is checked too, naming the EM agents.
    ///
    /// A phone with no CDC takes the system default; it is reported as a warning when the
    /// enterprise parameter `EnableIPV6` is `T`.
    ///
    /// ## What it leaves alone
    /// - CTI Remote Devices (Extend and Connect): they never register, so no IP addressing
    ///   mode applies to them; the agent's media is at the remote destination.
    /// - Phones with no CDC unless `EnableIPV6` is `T`: with IPv6 off the system default is
    ///   IPv4, and without the parameter the export does not say.
    /// - A CDC the export does not have (GEN008 reports the reference), or one without an IP
    ///   Addressing Mode.
    /// - Phones that carry no IPCC extension, CTI ports and route points among them, except
    ///   Extension Mobility phones when some agent's extension is on a device profile.
    ///
    /// ## Why it breaks
    /// Unified CCX supports agent phones on IPv4 only. With an IPv6 or dual-stack CDC, the agent
    /// cannot sign in (TechNote 210485, step 4).
    ///
    /// ## Example
    /// `phone.csv` and `commondeviceconfiguration.csv`:
    /// ```csv
    /// Device Name,Common Device Configuration,Device Type,Directory Number 1,Route Partition 1
    /// SEP0011AABB0001,EMCCDeviceConf,Cisco 8841,4001,PT_Internal
    ///
    /// NAME,ALLOW IPV6 AUTO CONFIG FOR PHONES,IP ADDRESSING MODE,IP ADDRESSING MODE PREFERENCE FOR SIGNALING
    /// EMCCDeviceConf,Default,IPv4 and IPv6,Use System Default
    /// ```
    ///
    /// ## How to fix
    /// Device > Device Settings > Common Device Configuration: create or pick a CDC with IP
    /// Addressing Mode = IPv4 Only; then Phone Configuration > Common Device Configuration.
    ///
    /// `uclint fix --unsafe-fixes` moves the phone to the export's one IPv4 Only CDC. It is
    /// unsafe because a CDC carries more than its IP Addressing Mode (VPN, IPv6 and other
    /// device settings), so the admin compares the two first. No fix is offered when the export
    /// has no IPv4 Only CDC or several (which one is the admin's choice), nor for a phone with no
    /// CDC at all (there is no cell to rewrite in the export).
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, "Troubleshoot Agent Log in Issues", step 4 (A).
    code: "UCCX008",
    name: "agent-device-cdc-not-ipv4-only",
    family: Uccx,
    severity: Error,
    status: Stable,
    requires: [EndUsers, Phones, CommonDeviceConfigs],
    summary: "An agent phone (or an Extension Mobility phone EM agents log in to) is not IPv4 Only.",
    check: check,
    fix: Unsafe("moves the phone to the export's one Common Device Configuration whose IP Addressing Mode is IPv4 Only."),
}

const HELP: &str = "Device > Device Settings > Common Device Configuration: use a CDC with IP Addressing Mode = \
                    IPv4 Only (Phone Configuration > Common Device Configuration)";

/// Why a phone is checked, for the message.
enum Why<'a> {
    /// It carries this agent's IPCC extension.
    Agent(&'a str),
    /// EM is enabled on it and these EM agents may log in there.
    Em(&'a [&'a str]),
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let ipv6 = ctx.enterprise_parameter("EnableIPV6").filter(|p| param_flag(&p.value.value) == Some(true));
    let mut checked = FxHashSet::default();
    let mut em_agents = Vec::new();
    for agent_device in ctx.agent_devices() {
        match agent_device.device.kind {
            // A CTI Remote Device does not register: it has no IP addressing mode.
            DeviceKind::Phone if is_cti_remote_device(agent_device.device) => {}
            DeviceKind::Phone => {
                checked.insert(std::ptr::from_ref(agent_device.device));
                let why = Why::Agent(&agent_device.agent.user.user_id.value);
                check_phone(ctx, sink, agent_device.device, &why, ipv6);
            }
            DeviceKind::DeviceProfile => em_agents.push(agent_device.agent.user.user_id.value.as_str()),
        }
    }
    if em_agents.is_empty() {
        return Ok(());
    }
    em_agents.sort_unstable();
    em_agents.dedup();
    for phone in &ctx.cluster.phones {
        let em_enabled = phone.extension_mobility.as_ref().is_some_and(|f| f.value);
        if em_enabled && !checked.contains(&std::ptr::from_ref(phone)) {
            check_phone(ctx, sink, phone, &Why::Em(&em_agents), ipv6);
        }
    }
    Ok(())
}

fn check_phone(ctx: &Context<'_>, sink: &mut Sink, phone: &Device, why: &Why<'_>, ipv6: Option<&EnterpriseParameter>) {
    // Named only when there is a finding: most phones have none.
    let subject = || match why {
        Why::Agent(user) => format!("agent device {} (agent {user})", phone.name.value),
        Why::Em(users) => format!(
            "Extension Mobility phone {} (EM agents who may log in there: {})",
            phone.name.value,
            name_list(users)
        ),
    };
    let Some(cdc_name) = &phone.common_device_config else {
        let Some(ipv6) = ipv6 else { return };
        let message = format!(
            "{} has no Common Device Configuration, so it takes the system default while EnableIPV6 \
             is T; UCCX agent phones must be IPv4 Only",
            subject()
        );
        sink.report(phone.key(), phone.name.span, "no Common Device Configuration", message)
            .label(ipv6.value.span, "EnableIPV6")
            .help(HELP)
            .severity(Severity::Warning)
            .fix(|| {
                Fix::NotOffered(
                    "the phone has no Common Device Configuration in the export, so there is no value to rewrite: \
                     pick one on the phone page"
                        .to_owned(),
                )
            });
        return;
    };
    // A CDC missing from the export is GEN008's finding; an unset mode says nothing.
    let Some(cdc) = ctx.index.common_device_config(&cdc_name.value) else { return };
    let Some(mode) = &cdc.ip_addressing_mode else { return };
    if mode.value.eq_ignore_ascii_case("IPv4 Only") {
        return;
    }
    let message = format!(
        "{} uses Common Device Configuration {} with IP addressing mode '{}'; UCCX agent phones \
         must be IPv4 Only",
        subject(),
        cdc_name.value,
        mode.value,
    );
    sink.report(phone.key(), cdc_name.span, "Common Device Configuration", message)
        .label(mode.span, format!("IP Addressing Mode of {}", cdc_name.value))
        .help(HELP)
        .fix(|| match ipv4_only(ctx).as_slice() {
            [only] => Fix::Edit(Edit::Set {
                object: phone.key(),
                field: Field::DeviceCommonDeviceConfig,
                before: cdc_name.clone(),
                after: Value::Name(only.name.value.clone()),
            }),
            [] => Fix::NotOffered(
                "the export has no Common Device Configuration whose IP Addressing Mode is IPv4 Only: create one"
                    .to_owned(),
            ),
            several => Fix::NotOffered(format!(
                "{} Common Device Configurations are IPv4 Only ({}): which one this phone takes is the admin's \
                 choice",
                several.len(),
                name_list(&several.iter().map(|c| c.name.value.as_str()).collect::<Vec<_>>())
            )),
        });
}

/// The export's Common Device Configurations whose IP Addressing Mode is IPv4 Only.
fn ipv4_only<'a>(ctx: &Context<'a>) -> Vec<&'a CommonDeviceConfig> {
    let ipv4 = |c: &&CommonDeviceConfig| {
        c.ip_addressing_mode.as_ref().is_some_and(|m| m.value.eq_ignore_ascii_case("IPv4 Only"))
    };
    ctx.cluster.common_device_configs.iter().filter(ipv4).collect()
}
