//! GEN004: auto-answer on a shared line.

use rustc_hash::FxHashMap;
use uclint_model::{ObjectKey, Span};

use super::shared_lines;
use crate::rule::declare_rule;
use crate::rule::name_list;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That no appearance of a shared line (one DN key on two or more phones or profiles) has
    /// Auto Answer set to anything but `Auto Answer Off`.
    ///
    /// Auto Answer is a setting of the directory number. Each appearance's value is its own
    /// (BAT `phone.csv`/`deviceprofile.csv` `Auto Answer N`), else the AXL `getLine`
    /// `autoAnswer` of the DN, which holds for every appearance of it (AXL `getPhone` and
    /// `getDeviceProfile` lines do not carry it).
    ///
    /// ## What it leaves alone
    /// - DNs on a single device, and appearances whose Auto Answer is unset.
    /// - Agents' IPCC extensions: UCCX001 forbids sharing them at all (and UCCX035 reports auto
    ///   answer on them).
    /// - The DNs of UCCX's CTI ports and route points: UCCX028 forbids sharing them.
    /// - Templates, which are set aside when the export is read.
    ///
    /// ## Why it breaks
    /// A call to a shared line rings every appearance at once; with auto-answer on one of them,
    /// that device seizes every call, often in an empty room, and the other users never get to
    /// answer. Cisco advises against auto-answer on shared line appearances.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Directory Number 1,Route Partition 1,Auto Answer 1
    /// SEP0011AABB0100,2001,PT_Internal,Auto Answer with Speakerphone
    /// SEP0011AABB0101,2001,PT_Internal,Auto Answer Off
    /// ```
    ///
    /// ## How to fix
    /// Directory Number Configuration (device-specific section of the shared line) > Auto Answer =
    /// Auto Answer Off on every appearance, or stop sharing the line.
    ///
    /// ## Sources
    /// - Cisco CallManager System Guide, "Shared Line Restrictions" (CM-SYS; an old release read
    ///   from a third-party mirror, so confidence is M).
    code: "GEN004",
    name: "auto-answer-on-shared-line",
    family: Gen,
    severity: Warning,
    status: Stable,
    requires: [Phones | DeviceProfiles],
    summary: "Auto Answer is enabled on an appearance of a shared line.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for shared in shared_lines(ctx) {
        let answering: Vec<_> =
            shared.appearances.iter().filter_map(|a| Some((a, ctx.line_answers_by_itself(a.line)?))).collect();
        let Some((_, setting)) = answering.first() else { continue };
        let names: Vec<&str> = answering.iter().map(|(a, _)| a.device.name.value.as_str()).collect();
        let message = format!(
            "Auto-answer is enabled on shared line {} ({} on {}); Cisco advises not to use auto-answer on shared \
             line appearances: that device seizes every call",
            shared.key,
            setting.value.trim(),
            names.join(", "),
        );
        // A value from the DN's own record (AXL `getLine`) is one element for every appearance:
        // each setting is labelled once, with every device it holds for.
        let mut labels: Vec<(Span, Vec<&str>)> = Vec::new();
        let mut by_span = FxHashMap::default();
        for (a, other) in &answering {
            let slot = *by_span.entry(other.span).or_insert_with(|| {
                labels.push((other.span, Vec::new()));
                labels.len() - 1
            });
            let devices = &mut labels[slot].1;
            if devices.last() != Some(&a.device.name.value.as_str()) {
                devices.push(a.device.name.value.as_str());
            }
        }
        let mut labels = labels.into_iter().map(|(span, devices)| (span, format!("on {}", name_list(&devices))));
        let Some((_, first_label)) = labels.next() else { continue };
        let mut finding = sink.report(ObjectKey::Dn(shared.key.clone()), setting.span, &first_label, message);
        for (span, label) in labels {
            finding = finding.label(span, label);
        }
        let help = format!(
            "Directory Number Configuration > {} (each shared appearance) > Auto Answer = Auto Answer Off",
            shared.key
        );
        finding.help(help);
    }
    Ok(())
}
