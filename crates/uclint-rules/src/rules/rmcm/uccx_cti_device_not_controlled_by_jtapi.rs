//! RMCM008: a UCCX trigger missing from a UCCX node's telephony (JTAPI) user, or a UCCX CTI
//! port that no node's telephony user controls.

use uclint_model::Span;

use crate::catalog::{Controls, CtiKind};
use crate::rule::declare_rule;
use crate::rule::name_list;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// UCCX registers its CTI devices through one telephony (JTAPI) application user per UCCX
    /// node, named `<prefix>_<node id>` (`uccxjtapiuser_1`, `uccxjtapiuser_2`), and provisions
    /// them itself:
    /// - a **trigger** (CTI route point) is controlled by every node's telephony user: one that
    ///   a node's user does not control is an error (an HA mismatch: the trigger fails when that
    ///   node is master);
    /// - a **CTI port** belongs to one node's port group and is controlled by that node's user
    ///   only: a port that no node's telephony user controls is an error.
    ///
    /// A CTI port or route point is UCCX's when a telephony user or the RMCM user controls it,
    /// or when UCCX's own exports name it (the `deviceName` of an `adminapi/trigger`, a port in
    /// an `adminapi/callControlGroup` port group). Control is read from the application user's
    /// devices or the device's `Application User n` columns (`ctiroutepoint.csv`,
    /// `phone.csv`). The telephony users are `jtapi-users` in `uclint.toml`, or else the
    /// application users named `<prefix>_<node id>` with `jtapi` in the prefix; the rule is
    /// skipped when none is found.
    ///
    /// ## What it leaves alone
    /// - CTI ports split between the nodes' telephony users (ports 00/01 on `uccxjtapiuser_1`,
    ///   02/03 on `uccxjtapiuser_2`): that is how UCCX provisions a call control group, one port
    ///   group per node.
    /// - CTI ports and route points that neither a UCCX user controls nor UCCX's exports name:
    ///   they belong to other applications (recorders, IVRs, Jabber CTI).
    /// - Which node a port belongs to: the export does not say which telephony user is which
    ///   `hostName`, so a port on the "wrong" node's user is not judged.
    ///
    /// ## Why it breaks
    /// A trigger or port missing from the telephony user cannot be registered by that node: the
    /// Unified CM Telephony subsystem goes PARTIAL_SERVICE (`MIVR-SS_TEL-1-ModuleRunTimeFailure`)
    /// and calls to the trigger fail, on every node or only after a failover.
    ///
    /// ## Example
    /// ```csv
    /// APPLICATION USER NAME,DEVICE NAME 1,TYPE USER ASSOCIATION 1,DEVICE NAME 2,TYPE USER ASSOCIATION 2
    /// uccxjtapiuser_1,CXBA_RP,Cti Control In,CXBA_6000,Cti Control In
    /// uccxjtapiuser_2,CXBA_6001,Cti Control In,,
    /// ```
    /// The trigger `CXBA_RP` is missing from `uccxjtapiuser_2`; the ports are as UCCX makes them.
    ///
    /// ## How to fix
    /// Unified CCX Administration > Subsystems > Cisco Unified CM Telephony > Data Resync, which
    /// re-associates the devices with the telephony users. Do not add or change UCCX CTI ports,
    /// route points or application users from CUCM.
    ///
    /// ## Sources
    /// - UCCX troubleshooting, `MIVR-SS_TEL-1-ModuleRunTimeFailure`: CTI ports and route points
    ///   not associated with the JTAPI user (UCCX-TS).
    /// - UCCX Call Control Group REST API (`portGroupConfiguration` per `hostName`): ports are
    ///   provisioned per node.
    /// - UCCX 12.5(1)SU3 Solution Release Notes, "Unsupported configurations and scenarios"
    ///   (RN125): do not change UCCX devices or users from CUCM.
    code: "RMCM008",
    name: "uccx-cti-device-not-controlled-by-jtapi",
    family: Rmcm,
    severity: Error,
    status: Stable,
    requires: [AppUsers, Phones],
    summary: "A UCCX trigger is missing from a node's telephony user, or a UCCX CTI port from every node's.",
    check: check,
}

const HELP: &str = "Unified CCX Administration > Subsystems > Cisco Unified CM Telephony > Data Resync; do not \
                    edit UCCX-created devices or application users in CUCM";

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let jtapi: Vec<Controls<'_>> = ctx.jtapi_users()?.iter().map(|u| Controls::new(u)).collect();
    let rmcm = ctx.rmcm_user().ok();
    let named = ctx.uccx_named_devices();
    for device in &ctx.cluster.phones {
        let Some(kind) = CtiKind::of(device) else { continue };
        let (with, without): (Vec<&Controls<'_>>, Vec<&Controls<'_>>) =
            jtapi.iter().partition(|c| c.span(device).is_some());
        let missing: Vec<&str> = without.iter().map(|c| c.user.name.value.as_str()).collect();
        let fault = match kind {
            CtiKind::RoutePoint => !missing.is_empty(),
            CtiKind::Port => with.is_empty(),
        };
        if !fault {
            continue;
        }
        // Why the device is taken to be UCCX's, when no telephony user says so.
        let evidence: Option<(Span, &str)> = if with.is_empty() {
            let by_rmcm = rmcm.and_then(|r| Some((r.control_span(device)?, "controlled by the RMCM user")));
            let by_uccx = named
                .get(&device.name.value.trim().to_lowercase())
                .map(|&span| (span, "named in UCCX's trigger or call control group export"));
            match by_rmcm.or(by_uccx) {
                Some(label) => Some(label),
                None => continue,
            }
        } else {
            None
        };
        let message = match kind {
            CtiKind::RoutePoint if with.is_empty() => format!(
                "UCCX trigger route point {} is controlled by no UCCX telephony user ({}): no node can register \
                 it, so calls to the trigger fail",
                device.name.value,
                name_list(&missing),
            ),
            CtiKind::RoutePoint => format!(
                "UCCX trigger route point {} is controlled by {} but not by {}: every UCCX node registers the \
                 triggers through its own telephony user, so calls to it fail when that node is master",
                device.name.value,
                name_list(&with.iter().map(|c| c.user.name.value.as_str()).collect::<Vec<_>>()),
                name_list(&missing),
            ),
            CtiKind::Port => format!(
                "UCCX CTI port {} is controlled by no UCCX telephony user ({}): no node can register it, and its \
                 call control group runs short of ports",
                device.name.value,
                name_list(&missing),
            ),
        };
        let mut finding = sink.report(device.key(), device.name.span, kind.describe(), message);
        for control in &with {
            if let Some(span) = control.span(device) {
                finding = finding.label(span, format!("controlled by {}", control.user.name.value));
            }
        }
        if let Some((span, caption)) = evidence {
            finding = finding.label(span, caption);
        }
        finding.help(HELP);
    }
    Ok(())
}
