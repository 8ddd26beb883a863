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
