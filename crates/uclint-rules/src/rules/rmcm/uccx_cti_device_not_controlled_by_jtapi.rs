//! RMCM008: a UCCX CTI port or route point not controlled by (every) UCCX JTAPI user.

use uclint_model::{AppUser, Severity};

use crate::context::{name_list, Controls, CtiKind};
use crate::rule::declare_rule;
use crate::{Context, Sink};

declare_rule! {
    /// ## What it checks
    /// Every phone whose `Device Type` is `CTI Port` or `CTI Route Point`:
    /// - one that the RMCM user controls but no UCCX telephony (JTAPI) user does is an error;
    /// - one that some JTAPI users control but not all of them is a warning: with one JTAPI user
    ///   per UCCX node, the nodes disagree (an HA mismatch).
    ///
    /// The JTAPI users are `jtapi-users` in `uclint.toml`, or else the application users named
    /// `<prefix>_<node id>` with `jtapi` in the prefix (`uccxjtapiuser_1`); the rule is skipped
    /// when none is found. Control is read from the application user's devices or the device's
    /// `Application User n` columns. CTI ports and route points that no UCCX user controls are
    /// not UCCX's and are left alone (UCCX device naming is site-specific).
    ///
    /// ## Why it breaks
    /// UCCX registers its call control group ports and triggers through the JTAPI user of each
    /// node. A port or trigger missing from that user cannot be registered: the Unified CM
    /// Telephony subsystem goes PARTIAL_SERVICE (`MIVR-SS_TEL-1-ModuleRunTimeFailure`) and calls
    /// to the trigger fail, on every node or only after a failover.
    ///
    /// ## Example
    /// ```csv
    /// APPLICATION USER NAME,DEVICE NAME 1,TYPE USER ASSOCIATION 1,DEVICE NAME 2,TYPE USER ASSOCIATION 2
    /// uccxjtapiuser_1,CXBA_RP,Cti Control In,CXBA_1000,Cti Control In
    /// uccxjtapiuser_2,CXBA_RP,Cti Control In,,
    /// ```
    ///
    /// ## How to fix
    /// Unified CCX Administration > Subsystems > Cisco Unified CM Telephony > Data Resync, which
    /// re-associates the devices with the JTAPI users. Do not add or change UCCX CTI ports, route
    /// points or application users from CUCM.
    ///
    /// ## Sources
    /// - UCCX troubleshooting, `MIVR-SS_TEL-1-ModuleRunTimeFailure`: CTI ports and route points
    ///   not associated with the JTAPI user (UCCX-TS).
    /// - UCCX 12.5(1)SU3 Solution Release Notes, "Unsupported configurations and scenarios"
    ///   (RN125): do not change UCCX devices or users from CUCM.
    code: "RMCM008",
    name: "uccx-cti-device-not-controlled-by-jtapi",
    family: Rmcm,
    severity: Error,
    status: Stable,
    requires: [AppUsers, Phones],
    summary: "A UCCX CTI port or route point is not controlled by the UCCX JTAPI user(s).",
    check: check,
}

const HELP: &str = "Unified CCX Administration > Subsystems > Cisco Unified CM Telephony > Data Resync; do not \
                    edit UCCX-created devices or application users in CUCM";

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let jtapi: Vec<Controls<'_>> = match ctx.jtapi_users() {
        Ok(users) => users.iter().map(|u| Controls::new(u)).collect(),
        Err(reason) => return sink.skip(reason),
    };
    let rmcm = ctx.rmcm_user().ok();
    for device in &ctx.cluster.phones {
        let Some(kind) = CtiKind::of(device) else { continue };
        let (with, without): (Vec<&Controls<'_>>, Vec<&Controls<'_>>) =
            jtapi.iter().partition(|c| c.span(device).is_some());
        let missing: Vec<&str> = without.iter().map(|c| c.user.name.value.as_str()).collect();
        let finding = if with.is_empty() {
            let Some((rmcm, span)) = rmcm.and_then(|r| Some((r, r.control_span(device)?))) else { continue };
            let message = format!(
                "UCCX {} {} is controlled by RmCm user {} but by no JTAPI user ({}); the UCCX telephony \
                 subsystem goes PARTIAL_SERVICE",
                kind.describe(),
                device.name.value,
                rmcm.name,
                name_list(&missing),
            );
            sink.finding(device.key(), device.name.span, kind.describe(), message)
                .with_label(span, "controlled by the RMCM user")
        } else if !without.is_empty() {
            let users: Vec<&AppUser> = with.iter().map(|c| c.user).collect();
            let names: Vec<&str> = users.iter().map(|u| u.name.value.as_str()).collect();
            let message = format!(
                "UCCX {} {} is controlled by JTAPI user(s) {} but not by {}; the UCCX nodes disagree, so it \
                 may fail after a failover to the other node",
                kind.describe(),
                device.name.value,
                name_list(&names),
                name_list(&missing),
            );
            let mut finding = sink.finding(device.key(), device.name.span, kind.describe(), message);
            finding.severity = Severity::Warning;
            for control in &with {
                if let Some(span) = control.span(device) {
                    finding = finding.with_label(span, format!("controlled by {}", control.user.name.value));
                }
            }
            finding
        } else {
            continue;
        };
        sink.push(finding.with_help(HELP));
    }
}
