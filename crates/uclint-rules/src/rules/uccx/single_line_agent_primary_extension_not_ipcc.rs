//! UCCX016: a single-line agent whose Primary Extension is not the IPCC extension.

use uclint_model::DnRef;

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That an agent whose agent device has exactly one configured line has that line, the
    /// IPCC extension, as Primary Extension too. A missing Primary Extension counts as
    /// different. Partitions are compared only when the export gives both.
    ///
    /// ## What it leaves alone
    /// - Agents whose devices all have two or more configured lines: the Primary Extension may
    ///   then be another line.
    /// - Partitions the export does not give on both sides: the numbers alone are compared.
    ///
    /// ## Why it breaks
    /// The UCCX guide's steps for existing users set the Primary Extension to the IPCC
    /// extension. When they differ on a single-line device, features that follow the primary
    /// extension (presence, voicemail, directory) point at a number the agent does not have.
    ///
    /// ## Example
    /// ```csv
    /// USER ID,PRIMARY EXTENSION 1,TYPE PATTERN USAGE 1,PRIMARY EXTENSION 2,TYPE PATTERN USAGE 2
    /// agent01,4999,Primary,4001,ICD
    /// ```
    ///
    /// ## How to fix
    /// User Management > End User > the agent > Directory Number Associations > Primary
    /// Extension: choose the IPCC extension.
    ///
    /// ## Sources
    /// - UCCX Administration and Operations Guide, "Modify Existing Unified CM Users", step 10 (AOG).
    code: "UCCX016",
    name: "single-line-agent-primary-extension-not-ipcc",
    family: Uccx,
    severity: Info,
    status: Stable,
    requires: [EndUsers, Phones | DeviceProfiles],
    summary: "A single-line agent's Primary Extension differs from the IPCC extension.",
    check: check,
}

fn same_dn(a: &DnRef, b: &DnRef) -> bool {
    a.pattern == b.pattern
        && match (&a.partition, &b.partition) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        }
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for agent in &ctx.agents {
        let user = agent.user;
        if user.primary_extension.as_ref().is_some_and(|p| same_dn(&p.value, &agent.ipcc.value)) {
            continue;
        }
        let Some(device) = agent.devices().into_iter().find(|d| d.lines.len() == 1) else { continue };
        let primary = user.primary_extension.as_ref().map_or("none".to_owned(), |p| p.value.to_string());
        let message = format!(
            "{} has a single-line agent device ({}); Primary Extension ({primary}) should equal IPCC \
             Extension ({})",
            user.user_id.value,
            device.name.value,
            agent.extension_display(),
        );
        let (span, label) = match &user.primary_extension {
            Some(p) => (p.span, "Primary Extension"),
            None => (agent.ipcc.span, "IPCC extension (no Primary Extension)"),
        };
        let mut finding = sink.report(user.key(), span, label, message);
        if user.primary_extension.is_some() {
            finding = finding.label(agent.ipcc.span, "IPCC extension");
        }
        let help = format!(
            "User Management > End User > {} > Directory Number Associations > Primary Extension = {}",
            user.user_id.value,
            agent.extension_display()
        );
        finding.help(help);
    }
    Ok(())
}
