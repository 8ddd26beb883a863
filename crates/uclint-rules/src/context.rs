//! What every rule sees: the cluster, its indexes, the settings, and the shared definitions of
//! the catalog's §0.2 (agents, agent devices, the RMCM user), resolved once per run.

use uclint_model::{AppUser, Cluster, ClusterIndex, Device, DnKey, DnRef, EndUser, LineAppearance, Spanned};

use crate::Settings;

/// A UCCX agent: an end user with an IPCC extension, and where that extension appears.
#[derive(Debug)]
pub struct Agent<'a> {
    /// The end user.
    pub user: &'a EndUser,
    /// The IPCC extension as the export gives it.
    pub ipcc: &'a Spanned<DnRef>,
    /// The DN keys it resolves to (several when the export gives no partition and the pattern
    /// exists in several partitions).
    pub keys: Vec<DnKey>,
    /// Every line appearance of those keys on phones and device profiles: the agent devices.
    pub appearances: Vec<LineAppearance<'a>>,
}

impl<'a> Agent<'a> {
    /// The distinct devices carrying the IPCC extension, in cluster order.
    pub fn devices(&self) -> Vec<&'a Device> {
        let mut devices: Vec<&'a Device> = Vec::new();
        for a in &self.appearances {
            if !devices.iter().any(|d| std::ptr::eq(*d, a.device)) {
                devices.push(a.device);
            }
        }
        devices
    }

    /// The IPCC extension for messages: the resolved key if there is exactly one.
    pub fn extension_display(&self) -> String {
        match self.keys.as_slice() {
            [key] => key.to_string(),
            _ => self.ipcc.value.to_string(),
        }
    }
}

/// How the RMCM application user was found.
#[derive(Debug)]
pub enum RmcmUser<'a> {
    /// Named in the settings (and present, or not, in the export's application users).
    Configured {
        /// The name.
        name: String,
        /// The application user, if the export has it.
        user: Option<&'a AppUser>,
    },
    /// Found by the catalog's fallback heuristic: the only application user whose name
    /// contains `rmcm`.
    Heuristic(&'a AppUser),
    /// Not found; the string says why.
    Unknown(String),
}

/// The read-only view a rule checks.
pub struct Context<'a> {
    /// The cluster.
    pub cluster: &'a Cluster,
    /// Lookup tables over it.
    pub index: ClusterIndex<'a>,
    /// Deployment settings.
    pub settings: &'a Settings,
    /// Every agent, in end-user order.
    pub agents: Vec<Agent<'a>>,
    /// The RMCM user.
    pub rmcm: RmcmUser<'a>,
}

impl<'a> Context<'a> {
    /// Resolves agents and application-user roles once for all rules.
    pub fn new(cluster: &'a Cluster, settings: &'a Settings) -> Self {
        let index = ClusterIndex::new(cluster);
        let agents = cluster
            .end_users
            .iter()
            .filter_map(|user| {
                let ipcc = user.ipcc_extension.as_ref()?;
                let keys = index.resolve(&ipcc.value);
                let appearances = keys.iter().flat_map(|k| index.appearances(k).iter().copied()).collect();
                Some(Agent { user, ipcc, keys, appearances })
            })
            .collect();
        let rmcm = resolve_rmcm(cluster, &index, settings);
        Context { cluster, index, settings, agents, rmcm }
    }

    /// Notes for the run summary about how shared definitions were resolved.
    pub fn notes(&self) -> Vec<String> {
        match &self.rmcm {
            RmcmUser::Heuristic(user) => vec![format!(
                "RMCM user taken to be `{}`, the only application user whose name contains \"rmcm\"; \
                 name it with --rmcm-user to be sure",
                user.name.value
            )],
            RmcmUser::Configured { name, user: None } if self.cluster.has(uclint_model::DataSet::AppUsers) => {
                vec![format!("RMCM user `{name}` (from --rmcm-user) is not among the export's application users")]
            }
            _ => Vec::new(),
        }
    }
}

fn resolve_rmcm<'a>(cluster: &'a Cluster, index: &ClusterIndex<'a>, settings: &Settings) -> RmcmUser<'a> {
    if let Some(name) = &settings.rmcm_user {
        return RmcmUser::Configured { name: name.clone(), user: index.app_user(name) };
    }
    // The `_ccxsub` user of SRTP HA deployments is not the provider (UCCX033).
    let candidates: Vec<&AppUser> = cluster
        .app_users
        .iter()
        .filter(|u| {
            let name = u.name.value.to_ascii_lowercase();
            name.contains("rmcm") && !name.ends_with("_ccxsub")
        })
        .collect();
    match candidates.as_slice() {
        [one] => RmcmUser::Heuristic(one),
        [] => RmcmUser::Unknown("no RMCM user: no application user's name contains \"rmcm\"; set --rmcm-user".into()),
        many => RmcmUser::Unknown(format!(
            "no RMCM user: several application users could be it ({}); set --rmcm-user",
            many.iter().map(|u| u.name.value.as_str()).collect::<Vec<_>>().join(", ")
        )),
    }
}
