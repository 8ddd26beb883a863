//! FIPPA006: a Finesse IP Phone Agent phone with Web Access disabled.

use super::{fippa_phone_settings, web_access_enabled};
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// When `fippa-user` is set in `uclint.toml` (or `--fippa-user`), that no phone the
    /// Finesse IP Phone Agent application user controls has Web Access disabled in its
    /// product-specific configuration: AXL `getPhone` `vendorConfig` element `webAccess` = `1`.
    ///
    /// The FIPPA phones are taken to be the phones the `fippa-user` application user controls
    /// (as FIPPA001 reads it), not the phones subscribed to the Finesse phone service, which
    /// this rule does not read. The element name `webAccess` is the one public AXL scripts
    /// send in `vendorConfig`; its encoding (`0` enabled, `1` disabled) is inferred [I] from
    /// public phone configuration files. A phone without a `webAccess` element follows its
    /// Common Phone Profile or the Enterprise Phone Configuration, which are not read, and is
    /// not judged. The catalog's second setting, HTTPS Server = HTTPS Only, is not checked: its
    /// element name in `vendorConfig` was not confirmed. Only `getPhone` responses carry
    /// `vendorConfig`. Skipped without `fippa-user`, or when no phone has `vendorConfig`.
    ///
    /// ## What it leaves alone
    /// - Phones the `fippa-user` does not control, and device profiles: FIPPA phones are known only
    ///   by that control.
    /// - Phones without a `webAccess` element, whose setting comes from a profile uclint does not
    ///   read, and values other than `0` and `1`.
    /// - Templates: set aside when the export is read.
    ///
    /// ## Why it breaks
    /// Finesse IP Phone Agent pushes its screens to the phone through the phone's web server
    /// (the Finesse server posts to the phone, authenticated as the FIPPA application user).
    /// With Web Access disabled the phone refuses those requests: the agent signs in, but the
    /// phone never shows the Finesse screens or call notifications.
    ///
    /// ## Example
    /// A `getPhone` response for a phone controlled by the FIPPA user:
    /// ```xml
    /// <phone><name>SEP0011AABB0001</name>
    ///   <vendorConfig><webAccess>1</webAccess></vendorConfig></phone>
    /// ```
    ///
    /// ## How to fix
    /// Device > Phone > the phone > Product Specific Configuration Layout > Web Access =
    /// Enabled (and HTTPS Server = HTTPS Only from Finesse 12.5(1), which uses HTTPS only).
    ///
    /// ## Sources
    /// - Cisco Finesse Administration Guide 12.5(1), "Manage Finesse IP Phone Agent" (FIN-ADM):
    ///   set up the application user, Web Access and HTTPS Server parameters. This conflicts with
    ///   hardening advice (SEC007), which is why the rule is scoped to FIPPA phones.
    code: "FIPPA006",
    name: "web-access-disabled-on-fippa-phone",
    family: Fippa,
    severity: Warning,
    status: Stable,
    requires: [AppUsers, Phones, VendorConfig],
    settings: [FippaUser],
    summary: "A Finesse IP Phone Agent phone has Web Access disabled in its product-specific configuration.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for (phone, setting, fippa_user) in fippa_phone_settings(ctx, "webAccess")? {
        if web_access_enabled(&setting.value) != Some(false) {
            continue;
        }
        let message = format!(
            "Web Access is disabled on Finesse IP Phone Agent phone {}; Finesse cannot push its screens to the \
             phone, so the agent sees no FIPPA screens",
            phone.name.value
        );
        let help = format!(
            "Device > Phone > {} > Product Specific Configuration Layout > Web Access = Enabled",
            phone.name.value
        );
        sink.report(phone.key(), setting.span, "webAccess (disabled)", message)
            .label(fippa_user, "FIPPA user")
            .help(help);
    }
    Ok(())
}
