//! EM018: hold reversion on a user device profile line.

use uclint_model::DeviceKind;

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That no line of a user device profile has a Hold Reversion Ring Duration above 0.
    ///
    /// Hold Reversion Ring Duration is a setting of the directory number. Each profile line's
    /// value is its own (BAT `deviceprofile.csv` `Hold Reversion Ring Duration N`), else the AXL
    /// `getLine` `hrDuration` of the DN, which holds for every profile carrying it (AXL
    /// `getDeviceProfile` lines do not carry it).
    ///
    /// ## What it leaves alone
    /// - Lines of phones, CTI ports and CTI route points: only user device profiles are judged
    ///   (hold reversion on an agent's phone is UCCX022's).
    /// - Profile lines whose Hold Reversion Ring Duration is empty or 0.
    /// - Default device profiles (`defaultdeviceprofile.csv`) and templates: not read as live
    ///   objects.
    ///
    /// ## Why it breaks
    /// Extension Mobility does not support the hold reversion feature: a call left on hold on a
    /// profile line does not revert to the user as configured, so the setting promises something
    /// the logged-in phone will not do.
    ///
    /// ## Example
    /// ```csv
    /// Device Profile Name,Directory Number 1,Route Partition 1,Hold Reversion Ring Duration 1
    /// UDP_jdoe,2001,PT_Internal,30
    /// ```
    ///
    /// ## How to fix
    /// Device > Device Settings > Device Profile > the line > Hold Reversion Ring Duration: empty
    /// or 0.
    ///
    /// ## Sources
    /// - CUCM 15 Feature Configuration Guide, Extension Mobility restrictions (FCG15-MIRROR: read
    ///   from a third-party mirror, hence M).
    code: "EM018",
    name: "hold-reversion-on-profile",
    family: Em,
    severity: Info,
    status: Stable,
    requires: [DeviceProfiles],
    summary: "A device profile line has Hold Reversion enabled, which Extension Mobility does not support.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for profile in ctx.cluster.device_profiles.iter().filter(|d| d.kind == DeviceKind::DeviceProfile) {
        for line in &profile.lines {
            let Some(duration) = ctx.line_hold_reversion(line).filter(|d| d.value > 0) else { continue };
            let message = format!(
                "Device profile {} line {} has Hold Reversion Ring Duration {} s; Extension Mobility does not \
                 support hold reversion",
                profile.name.value, line.dn.value, duration.value,
            );
            let help = format!(
                "Device > Device Settings > Device Profile > {} > line {} > Hold Reversion Ring Duration: empty or 0",
                profile.name.value, line.index.value
            );
            sink.report(profile.key(), duration.span, "Hold Reversion Ring Duration", message).help(help);
        }
    }
    Ok(())
}
