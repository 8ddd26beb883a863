//! RMCM: the UCCX Resource Manager and other CTI application users (catalog §2).

pub(crate) mod agent_device_controlled_by_jtapi_user;
pub(crate) mod agent_device_not_controlled;
pub(crate) mod cti_provider_above_max_devices;
pub(crate) mod rmcm_controls_several_devices_with_one_extension;
pub(crate) mod rmcm_user_without_group;
pub(crate) mod rmcm_user_without_model_cti_group;
pub(crate) mod uccx_application_user_modified;
pub(crate) mod uccx_cti_device_not_controlled_by_jtapi;
pub(crate) mod uccx_users_without_srtp_groups;
