//! What every rule sees: the cluster, its indexes, the settings, and the shared definitions of
//! the catalog's §0.2 (agents, agent devices, the RMCM user), resolved once per run.

use rustc_hash::FxHashSet;

use uclint_model::{
    AppUser, Cluster, ClusterIndex, Device, DeviceKind, DnKey, DnRef, EndUser, EnterpriseParameter, Line,
    LineAppearance, ObjectKey, ServiceParameter, Span, Spanned,
};

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

/// An agent device, once, with the first agent and line that make it one.
#[derive(Clone, Copy, Debug)]
pub struct AgentDevice<'c, 'a> {
    /// The phone or device profile.
    pub device: &'a Device,
    /// The first agent whose IPCC extension it carries.
    pub agent: &'c Agent<'a>,
    /// The line carrying that IPCC extension.
    pub line: &'a Line,
}

impl<'a> Context<'a> {
    /// Every agent device once, in agent order, with the first agent and IPCC line found on it.
    pub fn agent_devices(&self) -> Vec<AgentDevice<'_, 'a>> {
        let mut seen = FxHashSet::default();
        let mut out = Vec::new();
        for agent in &self.agents {
            for a in &agent.appearances {
                if seen.insert(std::ptr::from_ref(a.device)) {
                    out.push(AgentDevice { device: a.device, agent, line: a.line });
                }
            }
        }
        out
    }

    /// Every DN key that is some agent's IPCC extension.
    pub fn ipcc_keys(&self) -> FxHashSet<&DnKey> {
        self.agents.iter().flat_map(|a| &a.keys).collect()
    }

    /// The RMCM user, or why it is not known (the reason a rule gives when it skips).
    pub fn rmcm_user(&self) -> Result<Rmcm<'_>, String> {
        match &self.rmcm {
            RmcmUser::Configured { name, user } => Ok(Rmcm { name, user: *user }),
            RmcmUser::Heuristic(user) => Ok(Rmcm { name: &user.name.value, user: Some(*user) }),
            RmcmUser::Unknown(reason) => Err(reason.clone()),
        }
    }

    /// The RMCM application user's record, for rules about its groups or device count.
    pub fn rmcm_app_user(&self) -> Result<&'a AppUser, String> {
        match &self.rmcm {
            RmcmUser::Configured { user: Some(user), .. } | RmcmUser::Heuristic(user) => Ok(user),
            RmcmUser::Configured { name, user: None } => {
                Err(format!("RMCM user `{name}` is not among the export's application users"))
            }
            RmcmUser::Unknown(reason) => Err(reason.clone()),
        }
    }

    /// A service parameter by service and internal name: the cluster-wide
    /// (`EnterpriseWideData`) row if there is one, else the first node's.
    pub fn service_parameter(&self, service: &str, name: &str) -> Option<&'a ServiceParameter> {
        let mut rows = self.service_parameters(service, name);
        let first = rows.first().copied();
        rows.retain(|p| p.server.value == "EnterpriseWideData");
        rows.first().copied().or(first)
    }

    /// Every row of a service parameter (one per node for node-level parameters).
    pub fn service_parameters(&self, service: &str, name: &str) -> Vec<&'a ServiceParameter> {
        self.cluster
            .service_parameters
            .iter()
            .filter(|p| p.service.value.eq_ignore_ascii_case(service) && p.name.value.eq_ignore_ascii_case(name))
            .collect()
    }

    /// An enterprise parameter by internal name.
    pub fn enterprise_parameter(&self, name: &str) -> Option<&'a EnterpriseParameter> {
        self.cluster.enterprise_parameters.iter().find(|p| p.name.value.eq_ignore_ascii_case(name))
    }
}

/// The RMCM user as rules see it: its name and, if the export has it, its record.
#[derive(Clone, Copy, Debug)]
pub struct Rmcm<'c> {
    /// The application user name.
    pub name: &'c str,
    /// The application user, if the export has it.
    pub user: Option<&'c AppUser>,
}

impl Rmcm<'_> {
    /// Where the export records that the RMCM user controls `device`: the application user's
    /// device or profile cell, else the device's `Application User n` cell. `None`: it does not.
    pub fn control_span(&self, device: &Device) -> Option<Span> {
        let on_user = self.user.and_then(|u| {
            u.controlled_devices.iter().chain(&u.controlled_profiles).find(|d| d.value == device.name.value)
        });
        on_user.or_else(|| device.application_users.iter().find(|a| a.value == self.name)).map(|s| s.span)
    }
}

/// The object key of a service parameter: `serviceparam:<service>/<name>`.
pub fn service_parameter_key(parameter: &ServiceParameter) -> ObjectKey {
    ObjectKey::ServiceParameter(format!("{}/{}", parameter.service.value, parameter.name.value))
}

/// A boolean parameter value: `T`/`F` in parameter files, or any CUCM boolean spelling.
pub fn param_flag(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "t" | "true" | "1" => Some(true),
        "f" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// Names for a message: all of them up to three, else the first three and a count.
pub fn name_list(names: &[&str]) -> String {
    match names.len() {
        0..=3 => names.join(", "),
        n => format!("{} and {} more", names[..3].join(", "), n - 3),
    }
}

/// Access control group names as CUCM ships them (compared case-insensitively).
pub mod groups {
    /// Lets a user or application control devices through CTI.
    pub const CTI_ENABLED: &str = "Standard CTI Enabled";
    /// Needed to control 88xx/89xx/99xx/DX (and 78xx) phones through CTI.
    pub const CONNECTED_XFER: &str = "Standard CTI Allow Control of Phones supporting Connected Xfer and conf";
    /// Needed to control 69xx phones through CTI.
    pub const ROLLOVER: &str = "Standard CTI Allow Control of Phones supporting Rollover Mode";
    /// Lets the holder control every device in the cluster.
    pub const ALL_DEVICES: &str = "Standard CTI Allow Control of All Devices";
    /// The minimum group for end users.
    pub const CCM_END_USERS: &str = "Standard CCM End Users";
    /// Secure (TLS) CTI connections.
    pub const SECURE_CONNECTION: &str = "Standard CTI Secure Connection";
    /// Full CUCM administration.
    pub const SUPER_USERS: &str = "Standard CCM Super Users";
    /// AXL API access.
    pub const AXL_API: &str = "Standard AXL API Access";
}

/// Help text for adding a user to an access control group; `page` is `End User` or
/// `Application User`.
pub fn add_to_group_help(page: &str, user: &str, group: &str) -> String {
    format!("User Management > {page} > {user} > Permissions Information > Add to Access Control Group > {group}")
}

/// The cell naming `group` among `groups`, compared case-insensitively.
pub fn find_group<'g>(groups: &'g [Spanned<String>], group: &str) -> Option<&'g Spanned<String>> {
    groups.iter().find(|g| g.value.trim().eq_ignore_ascii_case(group))
}

/// The model-specific CTI group a device model needs before an application or user can
/// control it: Connected Xfer for the 78xx/88xx/89xx/99xx and DX series, Rollover Mode for 69xx.
pub fn model_cti_group(model: &str) -> Option<&'static str> {
    if model.split_whitespace().any(|w| w.len() > 2 && w.starts_with("DX")) {
        return Some(groups::CONNECTED_XFER);
    }
    let digits: String = model.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    match &digits[..2] {
        "78" | "88" | "89" | "99" => Some(groups::CONNECTED_XFER),
        "69" => Some(groups::ROLLOVER),
        _ => None,
    }
}

/// What kind of endpoint a device is, by model (BAT `Device Type`) and, for Jabber, name prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceClass {
    /// A physical phone.
    DeskPhone,
    /// A Jabber softphone: `CSF`, `BOT`, `TCT` or `TAB`.
    Softphone(&'static str),
    /// A CTI port, CTI route point, remote device or device template: nobody's phone.
    Infrastructure,
    /// A user device profile.
    Profile,
}

impl DeviceClass {
    /// Classifies a device.
    pub fn of(device: &Device) -> Self {
        if device.kind == DeviceKind::DeviceProfile {
            return DeviceClass::Profile;
        }
        let model = device.model.as_ref().map_or("", |m| m.value.as_str());
        const SOFTPHONES: [(&str, &str); 4] = [
            ("Client Services Framework", "CSF"),
            ("Dual Mode for Android", "BOT"),
            ("Dual Mode for iPhone", "TCT"),
            ("Jabber for Tablet", "TAB"),
        ];
        if let Some((_, kind)) = SOFTPHONES.iter().find(|(m, _)| model.contains(m)) {
            return DeviceClass::Softphone(kind);
        }
        let infrastructure = ["CTI Port", "CTI Route Point", "Remote Device", "Template"];
        if infrastructure.iter().any(|m| model.contains(m)) {
            return DeviceClass::Infrastructure;
        }
        // Without a model, Jabber's naming convention is the only clue.
        let name = device.name.value.to_ascii_uppercase();
        match SOFTPHONES.iter().find(|(_, prefix)| name.starts_with(prefix)) {
            Some((_, kind)) if model.is_empty() => DeviceClass::Softphone(kind),
            _ => DeviceClass::DeskPhone,
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

#[cfg(test)]
mod tests {
    use uclint_model::{SourceId, Span};

    use super::*;

    fn device(kind: DeviceKind, name: &str, model: &str) -> Device {
        let span = Span::file_start(SourceId(0));
        Device {
            kind,
            name: Spanned::new(name.to_owned(), span),
            model: (!model.is_empty()).then(|| Spanned::new(model.to_owned(), span)),
            common_device_config: None,
            allow_cti_control: None,
            extension_mobility: None,
            logout_profile: None,
            user_locale: None,
            owner_user_id: None,
            login_user_id: None,
            application_users: Vec::new(),
            lines: Vec::new(),
            span,
        }
    }

    #[test]
    fn model_groups_follow_the_series() {
        assert_eq!(model_cti_group("Cisco 8845"), Some(groups::CONNECTED_XFER));
        assert_eq!(model_cti_group("Cisco 7821"), Some(groups::CONNECTED_XFER));
        assert_eq!(model_cti_group("Cisco 9971"), Some(groups::CONNECTED_XFER));
        assert_eq!(model_cti_group("Cisco Webex DX80"), Some(groups::CONNECTED_XFER));
        assert_eq!(model_cti_group("Cisco 6941"), Some(groups::ROLLOVER));
        assert_eq!(model_cti_group("Cisco 7962"), None);
        assert_eq!(model_cti_group("Cisco Unified Client Services Framework"), None);
    }

    #[test]
    fn devices_are_classified_by_model_then_name() {
        let phone = DeviceKind::Phone;
        assert_eq!(DeviceClass::of(&device(phone, "SEP001122334455", "Cisco 8841")), DeviceClass::DeskPhone);
        let csf = device(phone, "CSFJDOE", "Cisco Unified Client Services Framework");
        assert_eq!(DeviceClass::of(&csf), DeviceClass::Softphone("CSF"));
        assert_eq!(DeviceClass::of(&device(phone, "BOTJDOE", "")), DeviceClass::Softphone("BOT"));
        assert_eq!(DeviceClass::of(&device(phone, "CXBA_RP", "CTI Route Point")), DeviceClass::Infrastructure);
        assert_eq!(DeviceClass::of(&device(phone, "RDJDOE", "Cisco Spark Remote Device")), DeviceClass::Infrastructure);
        let udp = device(DeviceKind::DeviceProfile, "UDP_jdoe", "Cisco 8841");
        assert_eq!(DeviceClass::of(&udp), DeviceClass::Profile);
    }

    #[test]
    fn parameter_flags_and_name_lists() {
        assert_eq!(param_flag("T"), Some(true));
        assert_eq!(param_flag("f"), Some(false));
        assert_eq!(param_flag("On"), None);
        assert_eq!(name_list(&["a", "b"]), "a, b");
        assert_eq!(name_list(&["a", "b", "c", "d", "e"]), "a, b, c and 2 more");
    }
}
