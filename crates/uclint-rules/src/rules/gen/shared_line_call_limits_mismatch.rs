//! GEN003: a shared line whose appearances have different or too low call limits.

use uclint_model::{Line, ObjectKey, Span, Spanned};

use super::shared_lines;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// For every shared line (a DN on two or more phones or device profiles): that all its
    /// appearances have the same Maximum Number of Calls and the same Busy Trigger, and that
    /// neither is lower than the number of devices sharing the line.
    ///
    /// ## What it leaves alone
    /// - Unset values: an appearance without them is not compared.
    /// - Agents' IPCC extensions (UCCX001, UCCX017; UCCX006 and UCCX007 want 2 and 1 there) and
    ///   the DNs of UCCX's CTI ports and route points (UCCX028): those rules report them, as
    ///   errors.
    /// - Templates, which are set aside when the export is read.
    ///
    /// ## Why it breaks
    /// Unified CM counts calls per line appearance. With N devices on a line, an appearance
    /// whose limits are below N turns callers away (busy or forwarded) while other devices are
    /// still free, and mismatched limits make the behaviour depend on which device answered.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,Device Type,Directory Number 1,Route Partition 1,Maximum Number of Calls 1,Busy Trigger 1
    /// SEP0011AABB00A1,Cisco 8851,2001,PT_Internal,4,2
    /// CSFJDOE,Cisco Unified Client Services Framework,2001,PT_Internal,2,1
    /// ```
    ///
    /// ## How to fix
    /// Directory Number Configuration (device-specific section of each appearance) > Multiple
    /// Call/Call Waiting Settings: give every appearance the same Maximum Number of Calls and
    /// Busy Trigger, each at least the number of sharing devices.
    ///
    /// ## Sources
    /// - Cisco CallManager System Guide, "Shared Line Restrictions" (CM-SYS).
    code: "GEN003",
    name: "shared-line-call-limits-mismatch",
    family: Gen,
    severity: Info,
    status: Stable,
    requires: [Phones | DeviceProfiles],
    summary: "A shared line's appearances have different call limits, or limits below the number of devices.",
    check: check,
}

type Field = (&'static str, fn(&Line) -> Option<&Spanned<u32>>);

const FIELDS: [Field; 2] =
    [("Maximum Number of Calls", |l| l.max_calls.as_ref()), ("Busy Trigger", |l| l.busy_trigger.as_ref())];

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for shared in shared_lines(ctx) {
        let n = u32::try_from(shared.devices).unwrap_or(u32::MAX);
        let mut problems = Vec::new();
        let mut primary: Option<(Span, &str)> = None;
        for (what, get) in FIELDS {
            let values: Vec<_> = shared.appearances.iter().filter_map(|a| Some((a, get(a.line)?))).collect();
            let Some((first, first_value)) = values.first() else { continue };
            if let Some((a, v)) = values.iter().find(|(_, v)| v.value != first_value.value) {
                problems.push(format!(
                    "{what} is {} on {} but {} on {}",
                    first_value.value, first.device.name.value, v.value, a.device.name.value
                ));
                primary.get_or_insert((v.span, what));
            }
            if let Some((a, v)) = values.iter().find(|(_, v)| v.value < n) {
                problems.push(format!(
                    "{what} is {} on {}, below the {n} devices sharing the line",
                    v.value, a.device.name.value
                ));
                primary.get_or_insert((v.span, what));
            }
        }
        let Some((span, label)) = primary else { continue };
        let message = format!(
            "shared line {} ({} devices): {}; callers get busy or forwarded while devices are free",
            shared.key,
            shared.devices,
            problems.join("; "),
        );
        let mut finding = sink.report(ObjectKey::Dn(shared.key.clone()), span, label, message);
        for a in shared.appearances {
            finding = finding.label(a.line.dn.span, format!("on {}", a.device.name.value));
        }
        let help = format!(
            "Directory Number Configuration > Multiple Call/Call Waiting Settings on each appearance: the same Maximum \
             Number of Calls and Busy Trigger, each at least {n}"
        );
        finding.help(help);
    }
    Ok(())
}
