//! RMCM010: an application user controls more devices than one CTI provider may open.

use uclint_model::ServiceParameter;

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That no application user controls more devices and device profiles than the Cisco
    /// CTIManager service parameter `MaxDevicesPerProvider` allows. When nodes carry different
    /// values the smallest is used. The rule is skipped when the export has no such parameter.
    /// Every application user is counted, standard ones (`CCMSysUser`, …) and UCCX's own
    /// alike: the limit applies to any provider.
    ///
    /// ## What it leaves alone
    /// - The node-wide limit `MaxDevicesPerNode`: how the providers' devices spread over
    ///   CTIManager nodes is not in the export.
    /// - Devices an application reaches through "Standard CTI Allow Control of All Devices"
    ///   without listing them: which ones it opens is not in the export.
    /// - End users: the CTI connection of Jabber or another client controls the user's few
    ///   devices.
    ///
    /// ## Why it breaks
    /// A JTAPI provider (the UCCX RMCM user, a recording or CTI application) that opens more
    /// devices than the limit is refused the excess: the devices beyond it are not monitored,
    /// so agents on them cannot sign in or calls on them are not recorded.
    ///
    /// ## Example
    /// `serviceparameter.csv`:
    /// ```csv
    /// SERVER,PARAM NAME,PARAM VALUE,PARAM TYPE,SERVICE TYPE
    /// cucm-pub.example.com,MaxDevicesPerProvider,2000,long,Cisco CTIManager
    /// ```
    ///
    /// ## How to fix
    /// Spread the devices over several application users (for UCCX: stay within the UCCX sizing
    /// for agents), or raise System > Service Parameters > Cisco CTIManager > Maximum Devices Per
    /// Provider within Cisco's sizing guidance.
    ///
    /// ## Sources
    /// - formats.md §11: CTIManager parameters observed in a real CUCM 14 export (2000 per provider,
    ///   800 per node). The meaning follows from the parameter names; Cisco sizing text was not re-checked.
    code: "RMCM010",
    name: "cti-application-user-above-max-devices-per-provider",
    family: Rmcm,
    severity: Warning,
    status: Stable,
    requires: [AppUsers, ServiceParameters],
    summary: "An application user controls more devices than CTIManager MaxDevicesPerProvider.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let limit: Option<(u64, &ServiceParameter)> = ctx
        .service_parameters("Cisco CTIManager", "MaxDevicesPerProvider")
        .into_iter()
        .filter_map(|p| Some((p.value.value.trim().parse::<u64>().ok()?, p)))
        .min_by_key(|(limit, _)| *limit);
    let Some((limit, parameter)) = limit else {
        return Err(Skip::new("no Cisco CTIManager MaxDevicesPerProvider service parameter in the export"));
    };
    for user in &ctx.cluster.app_users {
        let count = (user.controlled_devices.len() + user.controlled_profiles.len()) as u64;
        if count <= limit {
            continue;
        }
        let message = format!(
            "{} controls {count} devices and profiles, above CTIManager MaxDevicesPerProvider={limit}; the devices \
             beyond the limit cannot be monitored",
            user.name.value,
        );
        sink.report(user.key(), user.name.span, &format!("{count} controlled devices"), message)
            .label(parameter.value.span, format!("MaxDevicesPerProvider on {}", parameter.server.value))
            .help(
                "spread the devices over several application users, or raise System > Service Parameters > Cisco \
                 CTIManager > Maximum Devices Per Provider",
            );
    }
    Ok(())
}
