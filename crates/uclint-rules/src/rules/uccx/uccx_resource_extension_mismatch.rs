//! UCCX040: the UCCX resource's extension disagrees with the CUCM IPCC extension.

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every UCCX resource in an `adminapi/resource` export (XML or JSON) matches a CUCM
    /// end user with the same user ID whose IPCC extension has the same pattern. The resource
    /// carries no partition, so only the pattern is compared.
    ///
    /// ## What it leaves alone
    /// - Resources without an extension in UCCX's export.
    /// - CUCM agents that UCCX's export does not list: the export may hold only some resources.
    /// - Partitions: UCCX's resource carries none.
    ///
    /// ## Why it breaks
    /// UCCX takes its resources from CUCM: the agent's extension in UCCX is the IPCC extension
    /// of the end user, synchronised at resync. When the two differ (the end user was changed
    /// and UCCX not resynchronised, or the IPCC extension was removed), the agent signs in with
    /// an extension UCCX does not associate with their device, and Finesse logs them out with
    /// reason code 32750 (AGT_IPCC_EXT_CHANGED) or refuses the sign-in.
    ///
    /// ## Example
    /// `adminapi/resource` says 4005 while `enduser.csv` gives agent05 the IPCC extension 4055:
    /// ```xml
    /// <resource><userID>agent05</userID><extension>4005</extension><type>1</type></resource>
    /// ```
    /// ```csv
    /// USER ID,PRIMARY EXTENSION 1,TYPE PATTERN USAGE 1
    /// agent05,4055,ICD
    /// ```
    ///
    /// ## How to fix
    /// Correct the end user (User Management > End User > IPCC Extension) or the agent's line,
    /// then resynchronise UCCX (Unified CCX Administration > Subsystems > RmCm > Resources, or
    /// the data resync under System > Cisco Unified CM Configuration).
    ///
    /// ## Sources
    /// - UCCX Administration and Operations Guide, "Provision Unified CM for Unified CCX" (AOG):
    ///   resource data is synchronised from Unified CM.
    /// - Finesse Desktop User Guide for UCCX 12.5, reason code 32750 AGT_IPCC_EXT_CHANGED (FIN-RC).
    code: "UCCX040",
    name: "uccx-resource-extension-mismatch",
    family: Uccx,
    severity: Warning,
    status: Stable,
    requires: [UccxResources, EndUsers],
    summary: "A UCCX resource's extension differs from the CUCM end user's IPCC extension, or has none there.",
    check: check,
}

const HELP: &str = "correct User Management > End User > IPCC Extension (or the UCCX resource), then resync UCCX \
                    with Unified CM";

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for resource in &ctx.cluster.uccx_resources {
        let Some(extension) = &resource.extension else { continue };
        let user_id = &resource.user_id.value;
        let (message, finding) = match ctx.index.user(user_id) {
            None => (
                format!(
                    "UCCX resource {user_id} has extension {} but the CUCM export has no end user {user_id}; UCCX \
                     holds a resource CUCM no longer knows",
                    extension.value.pattern
                ),
                None,
            ),
            Some(user) => match &user.ipcc_extension {
                None => (
                    format!(
                        "UCCX resource {user_id} has extension {} but CUCM end user {user_id} has no IPCC extension; \
                         resync or fix the end user",
                        extension.value.pattern
                    ),
                    Some((user.user_id.span, "end user without IPCC extension".to_owned())),
                ),
                Some(ipcc) if ipcc.value.pattern != extension.value.pattern => (
                    format!(
                        "UCCX resource {user_id} has extension {} but CUCM IPCC extension is {}; resync or fix the \
                         end user",
                        extension.value.pattern, ipcc.value
                    ),
                    Some((ipcc.span, "CUCM IPCC extension".to_owned())),
                ),
                Some(_) => continue,
            },
        };
        let mut diagnostic = sink.report(resource.key(), extension.span, "UCCX resource extension", message);
        if let Some((span, label)) = finding {
            diagnostic = diagnostic.label(span, label);
        }
        diagnostic.help(HELP);
    }
    Ok(())
}
