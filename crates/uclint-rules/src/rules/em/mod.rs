//! EM: Extension Mobility and EMCC (catalog §3).

pub(crate) mod em_proxy_logins_rejected;
pub(crate) mod em_service_url_malformed;
pub(crate) mod em_user_not_home_cluster;
pub(crate) mod em_user_without_device_profile;
pub(crate) mod logout_profile_missing;
pub(crate) mod logout_profile_without_extension_mobility;
pub(crate) mod multiple_logins_not_allowed;
pub(crate) mod primary_extension_shared_with_dn_login;
pub(crate) mod profile_line_max_calls_below_two;
pub(crate) mod profile_locale_differs_from_phone;
