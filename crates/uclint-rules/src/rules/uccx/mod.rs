//! UCCX: the agent's device and line (catalog §1).

pub(crate) mod busy_trigger_not_one;
pub(crate) mod ipcc_extension_beyond_fourth_line;
pub(crate) mod ipcc_extension_shared;
pub(crate) mod max_calls_not_two;
