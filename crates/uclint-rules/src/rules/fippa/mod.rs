//! FIPPA: Finesse IP Phone Agent (catalog §2).

pub(crate) mod fippa_service_url_malformed;

use uclint_model::PhoneService;

/// Whether a phone service is a Finesse IPPA service: one of its URLs has a `/fippa/` path.
pub(crate) fn is_fippa(service: &PhoneService) -> bool {
    [&service.url, &service.secure_url].into_iter().flatten().any(|u| u.value.to_ascii_lowercase().contains("/fippa/"))
}
