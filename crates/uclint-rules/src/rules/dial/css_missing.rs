//! DIAL002: a device, line, directory number or translation pattern names a calling search space
//! that is not among the export's calling search spaces.

use rustc_hash::FxHashSet;

use uclint_model::{DeviceKind, ObjectKey, PatternKind, Spanned, Text};

use crate::catalog::dial::{fold, names_nothing, Names};
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every calling search space named where digit analysis starts or continues is among
    /// the export's calling search spaces (BAT `css.csv` `NAME`, AXL `getCss`):
    /// - a phone's or device profile's device CSS (BAT `phone.csv`/`deviceprofile.csv` `CSS`,
    ///   AXL `callingSearchSpaceName`);
    /// - a line's CSS (BAT `Line CSS N`, `directorynumber.csv` `Calling Search Space`, AXL
    ///   `getLine` `callingSearchSpaceName`): a setting of the directory number, reported once
    ///   per directory number and name, however many devices share it;
    /// - a translation pattern's CSS (BAT `translationpattern.csv` `CALLING SEARCH SPACE`, AXL
    ///   `callingSearchSpaceName`).
    ///
    /// One finding per object, field and name. Names are compared trimmed and without regard to
    /// case.
    ///
    /// ## What it leaves alone
    /// - Unset fields (empty, `NULL`, `<None>`): no CSS is a valid choice.
    /// - The other CSS fields (forward, AAR, subscribe, reroute, …): the export's columns for
    ///   them are not read.
    /// - An export whose calling search space table is empty while these fields name CSSs: an
    ///   export of part of the cluster. The rule is skipped and says why.
    ///
    /// ## Why it breaks
    /// The device and line CSSs decide which partitions a caller's digits are matched in (the
    /// line CSS's partitions first, then the device CSS's, `dialplan.md` §3.2), and a
    /// translation pattern's CSS decides where the translated number is looked up again (§5). A
    /// CSS that does not exist searches nothing: calls from the device or line, or through the
    /// pattern, reach only what the `<None>` partition holds. A live CUCM keeps this reference
    /// whole, so in an export it means the CSS was renamed or deleted between the exports read
    /// together, or a BAT file prepared for import names a CSS that is not there; the import then
    /// fails on that record.
    ///
    /// ## Example
    /// ```csv
    /// Device Name,CSS,Device Type,Directory Number 1,Route Partition 1,Line CSS 1
    /// SEP0011AABB0001,CSS_Lobby,Cisco 8841,4001,PT_Internal,CSS_Internal
    /// ```
    /// while `css.csv` has no `CSS_Lobby`.
    ///
    /// ## How to fix
    /// Choose an existing calling search space in the field named (Device > Phone > Calling
    /// Search Space; Call Routing > Directory Number > Calling Search Space; Call Routing >
    /// Translation Pattern > Calling Search Space), or create the CSS (Call Routing > Class of
    /// Control > Calling Search Space).
    ///
    /// ## Sources
    /// - Cisco CallManager System Guide, "Partitions and Calling Search Spaces" (line and device
    ///   CSS); Cisco, System Configuration Guide for CUCM 12.5(1)SU3, "Configure Call Routing"
    ///   (translation patterns); `dialplan.md` §3.2, §5 (R1, R3).
    code: "DIAL002",
    name: "css-missing",
    family: Dial,
    severity: Error,
    status: Stable,
    requires: [CallingSearchSpaces],
    summary: "A device, line or translation pattern names a calling search space that is not in the export.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let cluster = ctx.cluster;
    let known = Names::new(cluster.calling_search_spaces.iter().map(|c| &c.name));
    if cluster.calling_search_spaces.is_empty() && names_any_css(ctx) {
        // A cluster always has calling search spaces once something names one: an empty table is
        // an export of part of the cluster, not evidence that they are gone.
        return Err(Skip::new("the export's calling search space table is empty"));
    }
    let mut reported: FxHashSet<(ObjectKey, &'static str, String)> = FxHashSet::default();
    let mut report = |sink: &mut Sink, object: ObjectKey, field: &'static str, cell: &Spanned<Text>, help: String| {
        if !reported.insert((object.clone(), field, fold(&cell.value))) {
            return;
        }
        let message = format!(
            "{object} names calling search space '{}' as its {field}, which is not among the export's calling search \
             spaces: it searches no partition, so calls that start or continue with it reach only the <None> \
             partition",
            cell.value.trim(),
        );
        sink.report(object, cell.span, "not a calling search space in the export", message).help(help);
    };
    for device in cluster.phones.iter().chain(&cluster.device_profiles) {
        if let Some(cell) = missing(&known, &device.css) {
            let page = match device.kind {
                DeviceKind::Phone => "Device > Phone",
                DeviceKind::DeviceProfile => "Device > Device Settings > Device Profile",
            };
            let help = format!(
                "{page} > {} > Calling Search Space: choose an existing calling search space",
                device.name.value
            );
            report(sink, device.key(), "device CSS", cell, help);
        }
        for line in &device.lines {
            if let Some(cell) = missing(&known, &line.css) {
                report(sink, ObjectKey::Dn(line.dn.value.clone()), "line CSS", cell, line_help(&line.dn.value));
            }
        }
    }
    for dn in &cluster.directory_numbers {
        if let Some(cell) = missing(&known, &dn.css) {
            report(sink, dn.key(), "line CSS", cell, line_help(&dn.dn.value));
        }
    }
    for pattern in cluster.dial_patterns.iter().filter(|p| p.kind == PatternKind::TranslationPattern) {
        if let Some(cell) = missing(&known, &pattern.css) {
            let help = format!(
                "Call Routing > Translation Pattern > {} in {}: choose an existing Calling Search Space",
                pattern.pattern.value,
                pattern.dn_key().partition_display(),
            );
            report(sink, pattern.key(), "translation pattern CSS", cell, help);
        }
    }
    Ok(())
}

/// Whether any field this rule reads names a calling search space.
fn names_any_css(ctx: &Context<'_>) -> bool {
    let cluster = ctx.cluster;
    let named = |cell: &Option<Spanned<Text>>| cell.as_ref().is_some_and(|c| !names_nothing(&c.value));
    let devices = cluster.phones.iter().chain(&cluster.device_profiles);
    devices.clone().any(|d| named(&d.css))
        || devices.flat_map(|d| &d.lines).any(|l| named(&l.css))
        || cluster.directory_numbers.iter().any(|d| named(&d.css))
        || cluster.dial_patterns.iter().any(|p| p.kind == PatternKind::TranslationPattern && named(&p.css))
}

/// The cell of a CSS field that names a calling search space `known` does not have.
fn missing<'c>(known: &Names<'_>, cell: &'c Option<Spanned<Text>>) -> Option<&'c Spanned<Text>> {
    cell.as_ref().filter(|c| !names_nothing(&c.value) && !known.contains(&c.value))
}

/// The fix for a line's CSS, a setting of its directory number.
fn line_help(dn: &uclint_model::DnKey) -> String {
    format!(
        "Call Routing > Directory Number > {} in {} > Calling Search Space: choose an existing calling search space",
        dn.pattern,
        dn.partition_display()
    )
}
