//! UCCX039: a supervisor whose IPCC extension is on a CTI Remote Device (Extend and Connect).

use rustc_hash::FxHashMap;

use crate::rule::declare_rule;
use crate::{Agent, Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That no UCCX supervisor (an `adminapi/resource` whose `type` is not `1`, agent) has the
    /// IPCC extension on a CTI Remote Device (`Cisco Spark Remote Device` / CTI Remote Device):
    /// that is, uses Extend and Connect.
    ///
    /// ## What it leaves alone
    /// - Resources of type `1` (agents): Extend and Connect is supported for them (UCCX027
    ///   checks their remote devices), and resources without a type.
    /// - Team primary and secondary supervisors named only in team records: teams are not read.
    /// - Supervisors whose end user has no IPCC extension in the CUCM export (UCCX040).
    ///
    /// ## Why it breaks
    /// Extend and Connect lets agents work from any phone, but Unified CCX does not support
    /// silent monitoring by a supervisor who uses it: the supervisor can sign in, yet monitoring
    /// agents from that desktop fails.
    ///
    /// ## Example
    /// `adminapi/resource` with `super01` as type 2, and `phone.csv` with 4090 on a remote device:
    /// ```xml
    /// <resource><userID>super01</userID><extension>4090</extension><type>2</type></resource>
    /// ```
    /// ```csv
    /// Device Name,Device Type,Directory Number 1,Route Partition 1
    /// RDSUPER01,Cisco Spark Remote Device,4090,PT_Internal
    /// ```
    ///
    /// ## How to fix
    /// Give the supervisor a physical phone or Jabber softphone for the IPCC extension (Device >
    /// Phone > the line), and keep Extend and Connect for agents who are not supervisors.
    ///
    /// ## Sources
    /// - UCCX 12.5(1)SU3 and 15.0 Solution Release Notes, "Unsupported configurations and
    ///   scenarios" (RN125, RN150).
    code: "UCCX039",
    name: "supervisor-on-extend-and-connect",
    family: Uccx,
    severity: Info,
    status: Stable,
    requires: [UccxResources, EndUsers, Phones],
    summary: "A UCCX supervisor's IPCC extension is on a CTI Remote Device (Extend and Connect).",
    check: check,
}

const HELP: &str = "move the supervisor's IPCC extension to a physical phone or Jabber softphone (Device > Phone > \
                    line); keep Extend and Connect for agents";

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let agents: FxHashMap<&str, &Agent<'_>> = ctx.agents.iter().map(|a| (a.user.user_id.value.as_str(), a)).collect();
    for resource in &ctx.cluster.uccx_resources {
        let Some(kind) = &resource.resource_type else { continue };
        if kind.value.trim() == "1" {
            continue;
        }
        let Some(agent) = agents.get(resource.user_id.value.as_str()) else { continue };
        for appearance in &agent.appearances {
            let device = appearance.device;
            let model = device.model.as_ref().map_or("", |m| m.value.as_str());
            if !model.contains("Remote Device") {
                continue;
            }
            let message = format!(
                "Supervisor {} uses Extend and Connect: IPCC extension {} is on {} ({model}); silent monitoring by \
                 such supervisors is unsupported",
                resource.user_id.value, appearance.line.dn.value, device.name.value,
            );
            sink.report(resource.key(), appearance.line.dn.span, "on a CTI Remote Device", message)
                .label(kind.span, format!("resource type {} (supervisor)", kind.value.trim()))
                .help(HELP);
        }
    }
    Ok(())
}
