//! SEC007: phone web access enabled outside the Finesse IP Phone Agent phones.

use uclint_model::DeviceKind;

use crate::catalog::Controls;
use crate::rule::declare_rule;
use crate::rules::fippa::web_access_enabled;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That phones have Web Access disabled in their product-specific configuration: AXL
    /// `getPhone` `vendorConfig` element `webAccess` = `0` (enabled) is reported. Phones
    /// without a `webAccess` element follow their Common Phone Profile or the Enterprise Phone
    /// Configuration, which are not read, and are not judged.
    ///
    /// Finesse IP Phone Agent needs web access on its phones (FIPPA006), so when `fippa-user`
    /// is set, the phones that application user controls are left out; without it every phone
    /// is checked. The element name `webAccess` is the one public AXL scripts send in
    /// `vendorConfig`; its encoding (`0` enabled, `1` disabled) is inferred [I] from public
    /// phone configuration files. The rule is weakly sourced (catalog confidence L) and ships
    /// disabled: select it explicitly (`--select SEC007`).
    ///
    /// ## What it leaves alone
    /// - Phones without a `webAccess` element: they follow profiles uclint does not read.
    /// - The phones the FIPPA user controls, when `fippa-user` is set (FIPPA006 wants web
    ///   access on). Templates are set aside when the export is read.
    ///
    /// ## Why it breaks
    /// A phone's web server shows its network configuration, device logs and status to anyone
    /// who can reach the phone, and some models accept configuration through it. Hardening
    /// guides disable it where nothing needs it.
    ///
    /// ## Example
    /// ```xml
    /// <phone><name>SEP0011AABB0077</name>
    ///   <vendorConfig><webAccess>0</webAccess></vendorConfig></phone>
    /// ```
    ///
    /// ## How to fix
    /// Device > Phone > the phone > Product Specific Configuration Layout > Web Access =
    /// Disabled (for many phones: in the Common Phone Profile or Enterprise Phone
    /// Configuration, with the phone left at its default).
    ///
    /// ## Sources
    /// - Catalog SEC007 (hardening advice, confidence L); FIPPA's need for web access: Cisco
    ///   Finesse Administration Guide 12.5(1), "Manage Finesse IP Phone Agent" (FIN-ADM).
    code: "SEC007",
    name: "phone-web-access-enabled",
    family: Sec,
    severity: Info,
    status: Disabled,
    requires: [Phones, VendorConfig],
    summary: "A phone that is not a Finesse IP Phone Agent phone has Web Access enabled.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let fippa = match ctx.settings.fippa_user.as_deref() {
        None => None,
        Some(name) => Some(Controls::new(ctx.named_app_user(Some(name), "FIPPA user", "fippa-user")?)),
    };
    for phone in &ctx.cluster.phones {
        if phone.kind != DeviceKind::Phone || fippa.as_ref().is_some_and(|f| f.span(phone).is_some()) {
            continue;
        }
        let Some(setting) = phone.vendor_config.as_ref().and_then(|c| c.get("webAccess")) else { continue };
        if web_access_enabled(&setting.value) != Some(true) {
            continue;
        }
        let message = format!(
            "Web Access is enabled on phone {}; its web server shows the phone's configuration and logs to anyone \
             who can reach it",
            phone.name.value
        );
        let help = format!(
            "Device > Phone > {} > Product Specific Configuration Layout > Web Access = Disabled, unless a service \
             such as Finesse IP Phone Agent needs it",
            phone.name.value
        );
        sink.report(phone.key(), setting.span, "webAccess (enabled)", message).help(help);
    }
    Ok(())
}
