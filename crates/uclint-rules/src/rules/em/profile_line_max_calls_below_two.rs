//! EM011: a device profile line allows fewer than two calls.

use uclint_model::{Edit, Field, Fix, Spanned, Value};

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every line of every user device profile has Maximum Number of Calls of at least 2.
    /// (For agents' IPCC lines UCCX006 requires exactly 2.)
    ///
    /// ## What it leaves alone
    /// - Lines of phones, CTI ports and CTI route points: only user device profiles are judged (an
    ///   agent's IPCC line on a phone is UCCX006's).
    /// - Profile lines whose Maximum Number of Calls the export does not give.
    /// - Default device profiles (`defaultdeviceprofile.csv`) and templates: not read as live
    ///   objects.
    ///
    /// ## Why it breaks
    /// A line that allows one call cannot put a call on hold to start a consultation: transfer
    /// and conference fail for the user who logs in with the profile, on any phone.
    ///
    /// ## Example
    /// ```csv
    /// Device Profile Name,Login User Id,Device Type,Directory Number 1,Route Partition 1,Maximum Number of Calls 1,Busy Trigger 1
    /// UDP_jdoe,jdoe,Cisco 8841,2001,PT_Internal,1,1
    /// ```
    ///
    /// ## How to fix
    /// Device Profile > the line > Multiple Call/Call Waiting Settings on Device > Maximum Number
    /// of Calls = 2 or more.
    ///
    /// `uclint fix` sets it to 2: what an agent's IPCC line needs (UCCX006). Busy Trigger, which
    /// CUCM keeps at most Maximum Number of Calls, is below 2 already and stays as it is.
    ///
    /// ## Sources
    /// - Cisco Community, "Common problems in Extension Mobility" (B).
    code: "EM011",
    name: "profile-line-max-calls-below-two",
    family: Em,
    severity: Warning,
    status: Stable,
    requires: [DeviceProfiles],
    summary: "A device profile line has Maximum Number of Calls below 2.",
    check: check,
    fix: Safe("sets Maximum Number of Calls to 2 on the device profile's line."),
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for profile in &ctx.cluster.device_profiles {
        for line in &profile.lines {
            let Some(max_calls) = line.max_calls.as_ref().filter(|m| m.value < 2) else { continue };
            let message = format!(
                "device profile {} line {} allows {} call(s); transfer and conference need at least 2",
                profile.name.value, line.dn.value, max_calls.value,
            );
            sink.report(profile.key(), max_calls.span, "Maximum Number of Calls", message)
                .label(line.dn.span, format!("line {}", line.index.value))
                .help(
                    "Device Profile > the line > Multiple Call/Call Waiting Settings on Device > Maximum Number of \
                     Calls = 2 or more",
                )
                .fix(|| {
                    Fix::Edit(Edit::Set {
                        object: profile.key(),
                        field: Field::LineMaxCalls { line: line.index.value },
                        before: Spanned::new(max_calls.value.to_string().into(), max_calls.span),
                        after: Value::Number(2),
                    })
                });
        }
    }
    Ok(())
}
