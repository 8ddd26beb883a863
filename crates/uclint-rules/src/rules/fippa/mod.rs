//! FIPPA: the Finesse IP Phone Agent application user (catalog §2).
//!
//! The FIPPA user is configured in Finesse, not in CUCM, so these rules need `fippa-user`.

pub(crate) mod agent_device_not_controlled_by_fippa;
pub(crate) mod fippa_user_without_group;
