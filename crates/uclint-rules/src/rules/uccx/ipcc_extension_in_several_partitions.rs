//! UCCX002: the IPCC extension's number also exists in another partition.

use uclint_model::DnKey;

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That the number (normalised pattern) of every agent's IPCC extension exists as a directory
    /// number in one partition only, counting the lines of every phone and device profile.
    /// When the export gives the IPCC extension without its partition (the BAT tar does), the
    /// rule fires as soon as the number is found in two partitions.
    ///
    /// ## What it leaves alone
    /// - Numbers that no phone or device profile carries: a `directorynumber.csv` record alone,
    ///   route and translation patterns, hunt pilots, intercom numbers, and the patterns CUCM
    ///   keeps in its own partitions (`E911`, the ILS `Global Learned …` partitions). JTAPI sees
    ///   lines on devices, so only those count.
    /// - Templates (Universal Device Templates, BAT phone templates): set aside when the export is
    ///   read, so a template's line is not a second partition.
    ///
    /// ## Why it breaks
    /// UCCX and JTAPI treat directory numbers with the same digits in different partitions as a
    /// shared line. Unified CCX does not support shared IPCC extensions, so the agent cannot
    /// sign in ("the device associated with that extension is invalid").
    ///
    /// ## Example
    /// `phone.csv` with 4001 in `PT_Internal` on the agent's phone and in `PT_Lab` on a lab phone:
    /// ```csv
    /// Device Name,Device Type,Directory Number 1,Route Partition 1
    /// SEP0011AABB0001,Cisco 8841,4001,PT_Internal
    /// SEP0011AABB00F1,Cisco 7841,4001,PT_Lab
    /// ```
    ///
    /// ## How to fix
    /// Renumber or delete the duplicate DN (Call Routing > Directory Number; Call Routing > Route
    /// Plan Report lists every DN with that number).
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, "Troubleshoot Agent Log in Issues", step 2 note (A).
    /// - UCCX 12.5(1)SU3 Solution Release Notes, "Unsupported configurations for agent phones" (RN125).
    /// - Cisco TechNote 117777, "UCCE Integration with CM Configuration Example" (TN117777).
    code: "UCCX002",
    name: "ipcc-extension-in-several-partitions",
    family: Uccx,
    severity: Error,
    status: Stable,
    requires: [EndUsers, Phones | DeviceProfiles],
    summary: "The IPCC extension's number also exists as a DN in another partition.",
    check: check,
}

const HELP: &str = "renumber or delete the duplicate DN (Call Routing > Directory Number; see Call Routing > \
                    Route Plan Report)";

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for agent in &ctx.agents {
        let all = ctx.index.keys_with_pattern(&agent.ipcc.value.pattern);
        // With a known partition, the others are the duplicates; without one, any second
        // partition makes the number ambiguous.
        let others: Vec<&DnKey> = match &agent.ipcc.value.partition {
            Some(partition) => all.iter().copied().filter(|k| k.partition != *partition).collect(),
            None if all.len() >= 2 => all.to_vec(),
            None => Vec::new(),
        };
        if others.is_empty() {
            continue;
        }
        let partitions: Vec<&str> = others.iter().map(|k| k.partition_display()).collect();
        let message = format!(
            "IPCC extension {} of {} also exists in partition(s) {}; UCCX/JTAPI treats same-number DNs in \
             different partitions as shared lines, so the agent cannot sign in",
            agent.ipcc.value,
            agent.user.user_id.value,
            partitions.join(", "),
        );
        let mut finding = sink.report(agent.user.key(), agent.ipcc.span, "IPCC extension", message);
        for key in others {
            if let Some(first) = ctx.index.appearances(key).first() {
                finding = finding.label(first.line.dn.span, format!("{key} on {}", first.device.name.value));
            }
        }
        finding.help(HELP);
    }
    Ok(())
}
