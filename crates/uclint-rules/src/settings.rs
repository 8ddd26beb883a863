//! What the rules need to know about the deployment that the export does not say.

/// Deployment facts and choices that change what the rules check.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Name of the UCCX RMCM (Resource Manager) provider application user. When unset, the one
    /// application user whose name contains `rmcm` is taken, and the output says so.
    pub rmcm_user: Option<String>,
    /// UCCX 12.5(1)SU1+ Agent Device Selection is enabled: shared IPCC extensions are allowed,
    /// and UCCX001 drops to info.
    pub agent_device_selection: bool,
}
