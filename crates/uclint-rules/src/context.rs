//! What every rule sees: the cluster, its indexes, the settings, and the shared definitions of
//! the rule catalog's §0.2 (agents, agent devices, the RMCM and JTAPI users, the devices they
//! control, what UCCX provisions), resolved once per run, with the lookups rules make of the
//! run's data (parameters, a line's settings on its directory number).
//!
//! This is the view of one run. What holds for every run (group names, device classes, how a
//! parameter value is spelled) is in [`crate::catalog`], which the view builds on and which knows
//! nothing of it; the view in turn names no rule, so the rules' own types (`RuleMeta`, `Sink`)
//! sit above it.

use rustc_hash::{FxHashMap, FxHashSet};

use uclint_model::{
    AppUser, Cluster, ClusterIndex, DataSet, Device, DnKey, DnRef, EndUser, EnterpriseParameter, Line, LineAppearance,
    ServiceParameter, Span, Spanned, Text,
};

use uclint_dialplan::DialPlan;

use crate::catalog::{Controls, CtiKind, GroupRoles, Role};
use crate::provisioned::{Provisioned, Trigger};
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
    /// Every line appearance of those keys on phones and device profiles, CTI ports and route
    /// points aside: the agent devices.
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
    /// The devices the RMCM user's record says it controls, by name, when the export has it.
    rmcm_controls: Option<Controls<'a>>,
    /// The UCCX telephony (JTAPI) users.
    pub jtapi: JtapiUsers<'a>,
    /// The rules selected for this run, for rules about the run itself (GEN010); empty when the
    /// caller did not say.
    pub selected: Vec<RuleNeeds>,
    /// The rules that run when nothing is selected explicitly, which GEN010 judges when it runs
    /// alone; empty when the caller did not say.
    pub default_rules: Vec<RuleNeeds>,
    /// The roles each access control group carries, where the export gives them.
    pub group_roles: GroupRoles,
    /// What UCCX provisions in CUCM (`provisioned.rs`), found the first time a rule asks.
    uccx: std::sync::OnceLock<Provisioned<'a>>,
    /// The digit-analysis engine over the cluster's dial plan, built the first time a rule asks.
    dial_plan: std::sync::OnceLock<DialPlan<'a>>,
}

/// A rule of the run as rules about the run itself (GEN010) see it: its code and the data it
/// needs. The view keeps these rather than the rules' metadata, whose check functions take the
/// view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleNeeds {
    /// The rule's code, e.g. `UCCX001`.
    pub code: &'static str,
    /// The data it needs: every entry must be met, and an entry is met by any of its data sets.
    pub requires: &'static [&'static [DataSet]],
}

/// The UCCX telephony (JTAPI) application users, one per UCCX node, and how they were found.
#[derive(Debug)]
pub struct JtapiUsers<'a> {
    /// The users the export has, in the settings' or the cluster's order.
    pub users: Vec<&'a AppUser>,
    /// Names from `jtapi-users` that the export does not have.
    pub missing: Vec<String>,
    /// Found by the catalog's fallback heuristic (`<prefix>_<node id>` names), not named.
    pub heuristic: bool,
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
                // A CTI port or route point is never an agent device: UCCX provisions them, and a
                // BAT IPCC extension without a partition would otherwise match a port of the
                // same number in another partition (UCCX028 reports a true clash of DN keys).
                let appearances = keys
                    .iter()
                    .flat_map(|k| index.appearances(k).iter().copied())
                    .filter(|a| CtiKind::of(a.device).is_none())
                    .collect();
                Some(Agent { user, ipcc, keys, appearances })
            })
            .collect();
        let rmcm = resolve_rmcm(cluster, &index, settings);
        let rmcm_controls = match &rmcm {
            RmcmUser::Configured { user: Some(user), .. } | RmcmUser::Heuristic(user) => Some(Controls::new(user)),
            RmcmUser::Configured { user: None, .. } | RmcmUser::Unknown(_) => None,
        };
        let jtapi = resolve_jtapi(cluster, &index, settings);
        let group_roles = GroupRoles::new(cluster);
        Context {
            cluster,
            index,
            settings,
            agents,
            rmcm,
            rmcm_controls,
            jtapi,
            selected: Vec::new(),
            default_rules: Vec::new(),
            group_roles,
            uccx: std::sync::OnceLock::new(),
            dial_plan: std::sync::OnceLock::new(),
        }
    }

    /// The cell of the first of `groups` that grants `role`: a group of that name, or a custom
    /// group whose roles, as the export gives them, include it (see `GroupRoles`).
    pub fn granting<'g>(&self, groups: &'g [Spanned<Text>], role: &str) -> Option<&'g Spanned<Text>> {
        self.group_roles.granting(groups, role)
    }

    /// `role` with the groups that carry it, looked up once: for a rule that asks of every
    /// user whether their groups grant the same role ([`Role::granting`]).
    pub fn role<'r>(&'r self, role: &'r str) -> Role<'r> {
        self.group_roles.role(role)
    }

    /// Notes for the run summary about how shared definitions were resolved.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = self.rmcm_notes();
        let names: Vec<&str> = self.jtapi.users.iter().map(|u| u.name.value.as_str()).collect();
        if self.jtapi.heuristic && !names.is_empty() {
            notes.push(format!(
                "UCCX JTAPI users taken to be {}, the application users named like uccxjtapiuser_1; \
                 name them with jtapi-users in uclint.toml to be sure",
                names.join(", ")
            ));
        }
        if !self.jtapi.missing.is_empty() && self.cluster.has(DataSet::AppUsers) {
            notes.push(format!(
                "JTAPI user(s) {} (from jtapi-users) not among the export's application users",
                self.jtapi.missing.join(", ")
            ));
        }
        notes
    }

    fn rmcm_notes(&self) -> Vec<String> {
        match &self.rmcm {
            RmcmUser::Heuristic(user) => vec![format!(
                "RMCM user taken to be `{}`, the only application user whose name contains \"rmcm\"; \
                 name it with --rmcm-user to be sure",
                user.name.value
            )],
            RmcmUser::Configured { name, user: None } if self.cluster.has(DataSet::AppUsers) => {
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
            RmcmUser::Configured { name, user } => {
                Ok(Rmcm { name, user: *user, controls: self.rmcm_controls.as_ref() })
            }
            RmcmUser::Heuristic(user) => {
                Ok(Rmcm { name: &user.name.value, user: Some(*user), controls: self.rmcm_controls.as_ref() })
            }
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

    /// The UCCX telephony (JTAPI) users, or why none is known (the reason a rule gives when it
    /// skips).
    pub fn jtapi_users(&self) -> Result<&[&'a AppUser], String> {
        match (self.jtapi.users.as_slice(), self.settings.jtapi_users.is_empty()) {
            ([], true) => Err("no UCCX JTAPI user: no application user is named like uccxjtapiuser_1; \
                              set jtapi-users in uclint.toml"
                .into()),
            ([], false) => Err(format!(
                "no UCCX JTAPI user: {} (jtapi-users) not among the export's application users",
                self.settings.jtapi_users.join(", ")
            )),
            (users, _) => Ok(users),
        }
    }

    /// The application user a setting names (`fippa-user`, `axl-user`), or why it is not known:
    /// `role` describes it ("FIPPA user") and `key` is the `uclint.toml` key that names it.
    pub fn named_app_user(&self, name: Option<&str>, role: &str, key: &str) -> Result<&'a AppUser, String> {
        let Some(name) = name else {
            return Err(format!("no {role}: set {key} in uclint.toml"));
        };
        self.index
            .app_user(name)
            .ok_or_else(|| format!("{role} `{name}` (from {key}) is not among the export's application users"))
    }

    /// When secure media is declared (`srtp`), the `ClusterSecurityMode` enterprise parameter if
    /// it says the cluster is not in mixed mode (`0`); `Err` (a skip reason) when `srtp` is not
    /// declared or the export lacks the parameter.
    pub fn non_secure_cluster_mode(&self) -> Result<Option<&'a EnterpriseParameter>, String> {
        if !self.settings.srtp {
            return Err("no secure media declared: set srtp = true in uclint.toml when UCCX or phones use SRTP".into());
        }
        let mode = self
            .enterprise_parameter("ClusterSecurityMode")
            .ok_or("no ClusterSecurityMode enterprise parameter in the export")?;
        Ok((mode.value.value.trim() == "0").then_some(mode))
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

    /// A line appearance's Auto Answer, with the cell or element that sets it: the appearance's
    /// own value (BAT `Auto Answer N`), else the `autoAnswer` of its DN's own record (AXL
    /// `getLine`). Auto Answer is a setting of the directory number, so the DN record's value
    /// holds for every appearance of that DN key. One index lookup per line.
    pub fn line_auto_answer(&self, line: &'a Line) -> Option<&'a Spanned<Text>> {
        line.auto_answer.as_ref().or_else(|| self.index.directory_number(&line.dn.value)?.auto_answer.as_ref())
    }

    /// A line appearance's Auto Answer when it answers by itself (anything but `Auto Answer
    /// Off`), as [`Context::line_auto_answer`] finds it.
    pub fn line_answers_by_itself(&self, line: &'a Line) -> Option<&'a Spanned<Text>> {
        self.line_auto_answer(line).filter(|a| !a.value.trim().eq_ignore_ascii_case("Auto Answer Off"))
    }

    /// A line appearance's Hold Reversion Ring Duration in seconds, with the cell or element
    /// that sets it: the appearance's own value (BAT `Hold Reversion Ring Duration N`), else the
    /// `hrDuration` of its DN's own record (AXL `getLine`), which holds for every appearance of
    /// that DN key. One index lookup per line.
    pub fn line_hold_reversion(&self, line: &'a Line) -> Option<&'a Spanned<u32>> {
        line.hold_reversion_ring_duration
            .as_ref()
            .or_else(|| self.index.directory_number(&line.dn.value)?.hold_reversion_ring_duration.as_ref())
    }
}

impl<'a> Context<'a> {
    /// What UCCX provisions, found once per run and kept: several rules ask.
    fn uccx(&self) -> &Provisioned<'a> {
        self.uccx.get_or_init(|| Provisioned::find(self.cluster, self.jtapi_users()))
    }

    /// The device names UCCX's own exports give (trigger route points and call control group
    /// ports), lower-cased (CUCM device names are case-insensitive), each with where UCCX's
    /// export first names it.
    pub(crate) fn uccx_named_devices(&self) -> &FxHashMap<String, Span> {
        self.uccx().named_devices()
    }

    /// The UCCX CTI ports and route points (catalog §0.2): phones whose `Device Type` is
    /// `CTI Port` or `CTI Route Point` and that a UCCX telephony (JTAPI) user controls (on the
    /// application user or in the device's `Application User n`), or that UCCX's trigger or
    /// call control group export names, in cluster order. `Err` (a skip reason) when neither the
    /// JTAPI users nor UCCX's exports are known.
    pub fn uccx_cti_devices(&self) -> Result<&[(&'a Device, CtiKind)], String> {
        self.uccx().cti_devices()
    }

    /// The dial plan as digit analysis sees it (`uclint_dialplan`), built once per run with the
    /// default settings, the first time a rule asks: building indexes every pattern and DN of
    /// the cluster, and the call-path rules (DIAL004-007) all analyse against the same plan.
    pub fn dial_plan(&self) -> &DialPlan<'a> {
        self.dial_plan.get_or_init(|| DialPlan::new(self.cluster, uclint_dialplan::Settings::default()))
    }

    /// The UCCX triggers: every line of a UCCX route point ([`Context::uccx_cti_devices`]),
    /// joined with UCCX's record of it by device name, then UCCX's triggers whose route point
    /// CUCM's export does not show, in cluster order.
    pub fn uccx_triggers(&self) -> Result<Vec<Trigger<'a>>, String> {
        self.uccx().triggers(self.cluster, &self.index)
    }
}

/// The RMCM user as rules see it: its name and, if the export has it, its record.
#[derive(Clone, Copy, Debug)]
pub struct Rmcm<'c> {
    /// The application user name.
    pub name: &'c str,
    /// The application user, if the export has it.
    pub user: Option<&'c AppUser>,
    /// The devices its record says it controls, by name (built once per run: a rule asks about
    /// every agent's device).
    controls: Option<&'c Controls<'c>>,
}

impl Rmcm<'_> {
    /// Where the export records that the RMCM user controls `device`: the application user's
    /// device or profile cell, else the device's `Application User n` cell. `None`: it does not.
    pub fn control_span(&self, device: &Device) -> Option<Span> {
        let on_user = self.controls.and_then(|controls| controls.cell(&device.name.value));
        on_user.or_else(|| device.application_users.iter().find(|a| a.value == self.name).map(|s| s.span))
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

fn resolve_jtapi<'a>(cluster: &'a Cluster, index: &ClusterIndex<'a>, settings: &Settings) -> JtapiUsers<'a> {
    if !settings.jtapi_users.is_empty() {
        let (found, missing): (Vec<_>, Vec<_>) =
            settings.jtapi_users.iter().map(|name| (name, index.app_user(name))).partition(|(_, u)| u.is_some());
        return JtapiUsers {
            users: found.into_iter().filter_map(|(_, u)| u).collect(),
            missing: missing.into_iter().map(|(name, _)| name.clone()).collect(),
            heuristic: false,
        };
    }
    let users = cluster.app_users.iter().filter(|u| is_jtapi_name(&u.name.value)).collect();
    JtapiUsers { users, missing: Vec::new(), heuristic: true }
}

/// The catalog's JTAPI user naming, `<prefix>_<node id>`, with a prefix that says `jtapi`.
fn is_jtapi_name(name: &str) -> bool {
    let Some((prefix, node)) = name.rsplit_once('_') else { return false };
    !node.is_empty() && node.chars().all(|c| c.is_ascii_digit()) && prefix.to_ascii_lowercase().contains("jtapi")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jtapi_users_are_named_prefix_underscore_node() {
        assert!(is_jtapi_name("uccxjtapiuser_1"));
        assert!(is_jtapi_name("CCX_JTAPI_12"));
        assert!(!is_jtapi_name("uccxjtapiuser"));
        assert!(!is_jtapi_name("uccxjtapiuser_"));
        assert!(!is_jtapi_name("uccxrmcmuser_1"));
        assert!(!is_jtapi_name("jtapi_ccxsub"));
    }
}
