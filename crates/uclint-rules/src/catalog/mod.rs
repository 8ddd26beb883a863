//! The domain facts rules share, the same for every run: what CUCM and UCCX mean by the values an
//! export holds.
//!
//! The standard access control groups and the roles a group grants ([`groups`]), what kind of
//! endpoint a device is, which CTI group its model needs and who controls it ([`devices`]), how
//! the dial plan's objects name one another ([`dial`]), how a parameter value is spelled
//! ([`parameters`]) and how a phone-service URL is put together ([`service_url`]). Most are the
//! shared definitions of the rule catalog (§0.2), written once here rather than in each family
//! that uses them.
//!
//! Nothing here depends on a run's settings or on what is resolved from the whole cluster (the
//! agents, the RMCM and JTAPI users, what UCCX provisions): that is the view's,
//! [`Context`](crate::Context), which builds on these facts. This module names nothing else of the
//! crate, so a fact can be read, tested and reused without the view or the rules.

pub mod call_path;
pub mod devices;
pub mod dial;
pub mod groups;
pub mod parameters;
pub(crate) mod service_url;

pub use devices::{is_cti_remote_device, model_cti_group, Controls, CtiKind, DeviceClass};
pub use groups::{add_to_group_help, GroupRoles, Role};
pub use parameters::param_flag;
pub(crate) use service_url::ServiceUrl;
