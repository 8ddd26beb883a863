//! What the rules need to know about the deployment that the export does not say.

/// Deployment facts and choices that change what the rules check.
///
/// Each field comes from one `uclint.toml` key (the CLI maps them in `config::settings`). A rule
/// that needs a fact that is not set is skipped, and its reason names the key to set.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Name of the UCCX RMCM (Resource Manager) provider application user. When unset, the one
    /// application user whose name contains `rmcm` is taken, and the output says so.
    pub rmcm_user: Option<String>,
    /// UCCX 12.5(1)SU1+ Agent Device Selection is enabled: shared IPCC extensions are allowed,
    /// and UCCX001 drops to info.
    pub agent_device_selection: bool,
    /// Name of the Finesse IP Phone Agent (FIPPA) application user (`fippa-user`). It is set
    /// in Finesse, not in CUCM, so it cannot be guessed: the FIPPA rules are skipped without it.
    pub fippa_user: Option<String>,
    /// Names of the UCCX telephony (JTAPI) application users, one per UCCX node
    /// (`jtapi-users`). When empty, the application users named `<prefix>_<node id>` whose
    /// prefix contains `jtapi` (`uccxjtapiuser_1`) are taken, and the output says so.
    pub jtapi_users: Vec<String>,
    /// Name of the application user UCCX uses for AXL (`axl-user`).
    pub axl_user: Option<String>,
    /// Phone models supported as agent devices (`supported-agent-models`): BAT `Device Type`
    /// spellings, compared case-insensitively; a trailing `*` matches any ending (`Cisco 88*`).
    /// When unset, UCCX013 uses its built-in list of CTI-capable models.
    pub supported_agent_models: Option<Vec<String>>,
    /// Finesse supervisors silently monitor or record agents (`monitoring-recording`).
    pub monitoring_recording: bool,
    /// UCCX SRTP (encrypted media) is in use (`srtp`).
    pub srtp: bool,
    /// Extension Mobility logins go through a proxy or server (`em-proxy-logins`), so the EM
    /// service must accept requests that do not come from the phone itself.
    pub em_proxy_logins: bool,
    /// How many Finesse nodes the UCCX deployment has (`finesse-nodes`): 2 for a high
    /// availability pair, whose agents need a Finesse IPPA service per node.
    pub finesse_nodes: Option<u32>,
    /// Extension Mobility Cross Cluster is in use (`emcc`): EM017 checks its prerequisites.
    /// An EM service URL with `EMCC=#EMCC#` says so too.
    pub emcc: bool,
}

/// A deployment fact a rule can need, named as in `declare_rule!` (`settings: [Srtp]`).
///
/// A rule that declares one is skipped when it is not set, with a reason naming its
/// [`key`](Setting::key); the rules' fixture test runs each such rule without its fixture's
/// `uclint.toml` to hold it to that.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Setting {
    /// [`Settings::rmcm_user`].
    RmcmUser,
    /// [`Settings::agent_device_selection`].
    AgentDeviceSelection,
    /// [`Settings::fippa_user`].
    FippaUser,
    /// [`Settings::jtapi_users`].
    JtapiUsers,
    /// [`Settings::axl_user`].
    AxlUser,
    /// [`Settings::supported_agent_models`].
    SupportedAgentModels,
    /// [`Settings::monitoring_recording`].
    MonitoringRecording,
    /// [`Settings::srtp`].
    Srtp,
    /// [`Settings::em_proxy_logins`].
    EmProxyLogins,
    /// [`Settings::finesse_nodes`].
    FinesseNodes,
    /// [`Settings::emcc`].
    Emcc,
}

impl Setting {
    /// Every setting, in the order of [`Settings`]' fields.
    pub const ALL: [Setting; 11] = [
        Setting::RmcmUser,
        Setting::AgentDeviceSelection,
        Setting::FippaUser,
        Setting::JtapiUsers,
        Setting::AxlUser,
        Setting::SupportedAgentModels,
        Setting::MonitoringRecording,
        Setting::Srtp,
        Setting::EmProxyLogins,
        Setting::FinesseNodes,
        Setting::Emcc,
    ];

    /// Its key in `uclint.toml`.
    pub fn key(self) -> &'static str {
        match self {
            Setting::RmcmUser => "rmcm-user",
            Setting::AgentDeviceSelection => "agent-device-selection",
            Setting::FippaUser => "fippa-user",
            Setting::JtapiUsers => "jtapi-users",
            Setting::AxlUser => "axl-user",
            Setting::SupportedAgentModels => "supported-agent-models",
            Setting::MonitoringRecording => "monitoring-recording",
            Setting::Srtp => "srtp",
            Setting::EmProxyLogins => "em-proxy-logins",
            Setting::FinesseNodes => "finesse-nodes",
            Setting::Emcc => "emcc",
        }
    }
}

/// Why the rules that judge monitoring and recording (RMCM006, UCCX026) are skipped without
/// `monitoring-recording`, said once for both.
pub(crate) const MONITORING_RECORDING_NOT_DECLARED: &str =
    "monitoring and recording not declared: set monitoring-recording = true in uclint.toml when supervisors \
     monitor or record agents";
