//! EM: Extension Mobility and EMCC (catalog §3).

pub(crate) mod dn_login_user_without_primary_extension;
pub(crate) mod em_proxy_logins_rejected;
pub(crate) mod em_service_url_malformed;
pub(crate) mod em_user_not_home_cluster;
pub(crate) mod em_user_without_device_profile;
pub(crate) mod em_user_without_subscribe_css;
pub(crate) mod emcc_prerequisites_missing;
pub(crate) mod hold_reversion_on_profile;
pub(crate) mod logout_profile_missing;
pub(crate) mod logout_profile_without_extension_mobility;
pub(crate) mod multiple_logins_not_allowed;
pub(crate) mod primary_extension_shared_with_dn_login;
pub(crate) mod profile_line_max_calls_below_two;
pub(crate) mod profile_locale_differs_from_phone;

use uclint_model::{PhoneService, Spanned};

use crate::service_url::ServiceUrl;

/// The first Extension Mobility service URL that logs in by DN.
pub(crate) fn dn_login(services: &[PhoneService]) -> Option<(&PhoneService, &Spanned<String>)> {
    services.iter().find_map(|service| {
        let urls = [&service.url, &service.secure_url];
        let url = urls.into_iter().flatten().find(|url| {
            let Some(parsed) = ServiceUrl::parse(url.value.trim()) else { return false };
            parsed.path.to_ascii_lowercase().contains("emapp")
                && parsed.parameters().any(|(k, v)| k.eq_ignore_ascii_case("loginType") && v.eq_ignore_ascii_case("DN"))
        })?;
        Some((service, url))
    })
}
