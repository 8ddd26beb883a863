//! FIPPA: Finesse IP Phone Agent: its application user and its phone services (catalog §2).
//!
//! The FIPPA user is configured in Finesse, not in CUCM, so the user rules need `fippa-user`.

pub(crate) mod agent_device_not_controlled_by_fippa;
pub(crate) mod enterprise_fippa_with_sign_in_parameters;
pub(crate) mod fippa_service_url_malformed;
pub(crate) mod fippa_user_without_group;
pub(crate) mod no_secondary_fippa_service;
pub(crate) mod web_access_disabled_on_fippa_phone;

use uclint_model::{Device, DeviceKind, PhoneService, Span, Spanned, Text};

use crate::catalog::Controls;
use crate::{Context, Skip};

/// A FIPPA phone, one of its product-specific settings, and the FIPPA user's name cell.
pub(crate) type FippaPhoneSetting<'a> = (&'a Device, &'a Spanned<Text>, Span);

/// One product-specific setting of each FIPPA phone (a phone the `fippa-user` controls) that
/// has it: the phone, the setting, and the FIPPA user's name cell; a skip when the FIPPA user is
/// not known.
pub(crate) fn fippa_phone_settings<'a>(ctx: &Context<'a>, setting: &str) -> Result<Vec<FippaPhoneSetting<'a>>, Skip> {
    let fippa = Controls::new(ctx.named_app_user(ctx.settings.fippa_user.as_deref(), "FIPPA user", "fippa-user")?);
    Ok(ctx
        .cluster
        .phones
        .iter()
        .filter(|phone| phone.kind == DeviceKind::Phone && fippa.span(phone).is_some())
        .filter_map(|phone| Some((phone, phone.vendor_config.as_ref()?.get(setting)?, fippa.user.name.span)))
        .collect())
}

/// Whether a phone service is a Finesse IPPA service: one of its URLs has a `/fippa/` path.
pub(crate) fn is_fippa(service: &PhoneService) -> bool {
    [&service.url, &service.secure_url].into_iter().flatten().any(|u| u.value.to_ascii_lowercase().contains("/fippa/"))
}

/// What a phone's product-specific `webAccess` setting says: `Some(true)` for `0` (enabled),
/// `Some(false)` for `1` (disabled), `None` for anything else. The encoding is inferred from
/// public phone configuration files, where `<webAccess>0</webAccess>` is commented as enabled.
pub(crate) fn web_access_enabled(value: &str) -> Option<bool> {
    match value.trim() {
        "0" => Some(true),
        "1" => Some(false),
        _ => None,
    }
}
