//! UCCX038: a Finesse IP Phone Agent phone with the Simplified New Call UI enabled.

use crate::rule::declare_rule;
use crate::rules::fippa::fippa_phone_settings;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// When `fippa-user` is set in `uclint.toml` (or `--fippa-user`), that no phone the
    /// Finesse IP Phone Agent application user controls has the Simplified New Call UI enabled
    /// in its product-specific configuration: AXL `getPhone` `vendorConfig` element
    /// `simplifiedNewCall` = `1`.
    ///
    /// The FIPPA phones are taken to be the phones the `fippa-user` application user controls
    /// (as FIPPA001 reads it), not the phones subscribed to the Finesse phone service, which
    /// this rule does not read. The element name is seen in the `vendorConfig` block of public
    /// phone configuration files; its encoding (`0` off, `1` on) is inferred [I]. Only
    /// `getPhone` responses carry `vendorConfig`; the BAT tar's product-specific `XML` column is
    /// not read. Skipped without `fippa-user`, or when no phone has `vendorConfig`.
    ///
    /// ## What it leaves alone
    /// - Phones the FIPPA user does not control, and phones whose export has no `vendorConfig`
    ///   (every phone of a BAT tar).
    /// - Any value of `simplifiedNewCall` other than `1`.
    ///
    /// ## Why it breaks
    /// None of the Cisco IP Phones that run Finesse IP Phone Agent support the Simplified New
    /// Call UI: with it on, the FIPPA service and the call screens do not work together and the
    /// agent cannot handle calls from the phone's Finesse screens.
    ///
    /// ## Example
    /// A `getPhone` response for a phone controlled by the FIPPA user:
    /// ```xml
    /// <phone><name>SEP0011AABB0001</name>
    ///   <vendorConfig><simplifiedNewCall>1</simplifiedNewCall></vendorConfig></phone>
    /// ```
    ///
    /// ## How to fix
    /// Device > Phone > the phone > Product Specific Configuration Layout > Simplified New Call
    /// UI = Disabled (or set it in Enterprise or Common Phone Profile configuration).
    ///
    /// ## Sources
    /// - UCCX 12.5(1)SU3 and 15.0 Solution Release Notes (RN125, RN150): the Cisco IP Phones for
    ///   Cisco Finesse IP Phone Agent do not support the Simplified New Call UI.
    code: "UCCX038",
    name: "fippa-phone-simplified-new-call-ui",
    family: Uccx,
    severity: Info,
    status: Stable,
    requires: [AppUsers, Phones, VendorConfig],
    settings: [FippaUser],
    summary: "A Finesse IP Phone Agent phone has the Simplified New Call UI enabled.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for (phone, setting, fippa_user) in fippa_phone_settings(ctx, "simplifiedNewCall")? {
        if setting.value.trim() != "1" {
            continue;
        }
        let message = format!(
            "Finesse IP Phone Agent phone {} has the Simplified New Call UI enabled; the FIPPA phones do not support \
             it",
            phone.name.value
        );
        let help = format!(
            "Device > Phone > {} > Product Specific Configuration Layout > Simplified New Call UI = Disabled",
            phone.name.value
        );
        sink.report(phone.key(), setting.span, "simplifiedNewCall", message).label(fippa_user, "FIPPA user").help(help);
    }
    Ok(())
}
