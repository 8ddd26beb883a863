//! RMCM: the UCCX Resource Manager application user (catalog §2).

pub(crate) mod agent_device_not_controlled;
