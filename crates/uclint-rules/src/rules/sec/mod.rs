//! SEC: security posture (catalog §6).

pub(crate) mod axl_user_is_super_user;
pub(crate) mod cluster_not_in_mixed_mode;
pub(crate) mod em_ip_validation_off;
pub(crate) mod end_user_over_privileged;
pub(crate) mod phone_service_without_secure_url;
pub(crate) mod phone_web_access_enabled;
pub(crate) mod sip_proxy_authentication_off;
