//! GEN004: auto-answer on a shared line.

use uclint_model::{Line, ObjectKey};

use super::shared_lines;
use crate::rule::declare_rule;
use crate::{Context, Sink};

declare_rule! {
    /// ## What it checks
    /// That no appearance of a shared line (one DN key on two or more phones or profiles) has
    /// Auto Answer set to anything but `Auto Answer Off`. Agents' IPCC extensions are left to
    /// UCCX001, which forbids sharing them at all.
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

/// Whether a line answers by itself.
pub(crate) fn auto_answers(line: &Line) -> bool {
    line.auto_answer.as_ref().is_some_and(|a| !a.value.trim().eq_ignore_ascii_case("Auto Answer Off"))
}

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for shared in shared_lines(ctx) {
        let answering: Vec<_> = shared.appearances.iter().filter(|a| auto_answers(a.line)).collect();
        let [first, rest @ ..] = answering.as_slice() else { continue };
        let Some(setting) = &first.line.auto_answer else { continue };
        let names: Vec<&str> = answering.iter().map(|a| a.device.name.value.as_str()).collect();
        let message = format!(
            "Auto-answer is enabled on shared line {} ({} on {}); Cisco advises not to use auto-answer on shared \
             line appearances: that device seizes every call",
            shared.key,
            setting.value.trim(),
            names.join(", "),
        );
        let mut finding =
            sink.finding(ObjectKey::Dn(shared.key.clone()), setting.span, &format!("on {}", names[0]), message);
        for a in rest {
            if let Some(other) = &a.line.auto_answer {
                finding = finding.with_label(other.span, format!("on {}", a.device.name.value));
            }
        }
        let help = format!(
            "Directory Number Configuration > {} (each shared appearance) > Auto Answer = Auto Answer Off",
            shared.key
        );
        sink.push(finding.with_help(help));
    }
}
