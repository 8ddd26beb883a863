//! What every rule sees: the cluster, its indexes, the settings, and the shared definitions of
//! the catalog's §0.2 (agents, agent devices, the RMCM user), resolved once per run.

use rustc_hash::{FxHashMap, FxHashSet};

use uclint_model::{
    AccessControlGroup, AppUser, Cluster, ClusterIndex, Device, DeviceKind, DnKey, DnRef, EndUser, EnterpriseParameter,
    Line, LineAppearance, ObjectKey, ServiceParameter, Span, Spanned, Text,
};

use crate::{RuleMeta, Settings, Sink, Skip};

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
    pub selected: Vec<&'a RuleMeta>,
    /// The rules that run when nothing is selected explicitly, which GEN010 judges when it runs
    /// alone; empty when the caller did not say.
    pub default_rules: Vec<&'a RuleMeta>,
    /// The roles each access control group carries, where the export gives them.
    pub group_roles: GroupRoles,
    /// What UCCX provisions in CUCM (`provisioned.rs`), found the first time a rule asks.
    pub(crate) uccx: std::sync::OnceLock<crate::provisioned::Provisioned<'a>>,
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
        }
    }

    /// The cell of the first of `groups` that grants `role`: a group of that name, or a custom
    /// group whose roles, as the export gives them, include it (see [`GroupRoles`]).
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
        if !self.jtapi.missing.is_empty() && self.cluster.has(uclint_model::DataSet::AppUsers) {
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

/// Which devices and profiles an application user controls, by name, built once so that a
/// rule asks about each device in constant time.
#[derive(Debug)]
pub struct Controls<'a> {
    /// The application user.
    pub user: &'a AppUser,
    cells: FxHashMap<&'a str, Span>,
}

impl<'a> Controls<'a> {
    /// Indexes the user's controlled devices and profiles.
    pub fn new(user: &'a AppUser) -> Self {
        let mut cells = FxHashMap::default();
        // A device listed twice is found at its first cell.
        for cell in user.controlled_devices.iter().chain(&user.controlled_profiles) {
            cells.entry(cell.value.as_str()).or_insert(cell.span);
        }
        Controls { user, cells }
    }

    /// The user's device or profile cell that names `device`, if any.
    pub fn cell(&self, device: &str) -> Option<Span> {
        self.cells.get(device).copied()
    }

    /// Where the export records that the user controls `device`: the application user's device
    /// or profile cell, else the device's `Application User n` cell. `None`: it does not.
    pub fn span(&self, device: &Device) -> Option<Span> {
        self.cell(&device.name.value)
            .or_else(|| device.application_users.iter().find(|a| a.value == self.user.name.value).map(|a| a.span))
    }
}

/// SEC006 and UCCX034: reports `message` on `ClusterSecurityMode` when `srtp` is declared and
/// the cluster is not in mixed mode, and skips when that cannot be told.
pub fn check_mixed_mode(ctx: &Context<'_>, sink: &mut Sink<'_>, message: &str, help: &str) -> Result<(), Skip> {
    let Some(mode) = ctx.non_secure_cluster_mode()? else { return Ok(()) };
    let object = ObjectKey::EnterpriseParameter(mode.name.value.clone());
    sink.report(object, mode.value.span, "ClusterSecurityMode", message).help(help);
    Ok(())
}

/// The object key of a service parameter: `serviceparam:<service>/<name>`.
pub fn service_parameter_key(parameter: &ServiceParameter) -> ObjectKey {
    parameter.key()
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
    /// Lets a CTI application silently monitor calls.
    pub const CALL_MONITORING: &str = "Standard CTI Allow Call Monitoring";
    /// Lets a CTI application record calls.
    pub const CALL_RECORDING: &str = "Standard CTI Allow Call Recording";
    /// Lets a CTI application receive SRTP keys.
    pub const SRTP_KEY_MATERIAL: &str = "Standard CTI Allow Reception of SRTP Key Material";
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

/// The roles of the export's access control groups (BAT `accesscntrlgrp.csv`, AXL
/// `userGroup/userRoles`), built once per rule run: for each role, the groups that carry it.
///
/// Rules ask whether each of 160,000 users holds a role, through each of the user's groups; the
/// role is looked up once per question, and each group's name compared with the few that carry
/// it, rather than each group looked up by its lower-cased name.
pub struct GroupRoles {
    /// Role (trimmed, ASCII lower case) → the names (trimmed, lower case) of the groups that
    /// carry it.
    holders: FxHashMap<String, Vec<String>>,
}

impl GroupRoles {
    /// Indexes the cluster's access control groups. Of groups whose names differ only in case,
    /// the last one's roles count.
    pub fn new(cluster: &Cluster) -> Self {
        let by_name: FxHashMap<String, &AccessControlGroup> =
            cluster.access_control_groups.iter().map(|g| (g.name.value.trim().to_lowercase(), g)).collect();
        let mut holders: FxHashMap<String, Vec<String>> = FxHashMap::default();
        for (name, group) in by_name {
            for role in &group.roles {
                let names = holders.entry(role.value.trim().to_ascii_lowercase()).or_default();
                if !names.contains(&name) {
                    names.push(name.clone());
                }
            }
        }
        GroupRoles { holders }
    }

    /// The cell of the first of `groups` that grants `role` ([`Role::granting`]).
    pub fn granting<'g>(&self, groups: &'g [Spanned<Text>], role: &str) -> Option<&'g Spanned<Text>> {
        self.role(role).granting(groups)
    }

    /// `role` with the groups that carry it.
    pub fn role<'r>(&'r self, role: &'r str) -> Role<'r> {
        // Most exports give no roles: then only the names count, with no lookup at all.
        let holders = if self.holders.is_empty() { None } else { self.holders(role) };
        Role { name: role, holders: holders.map_or(&[], Vec::as_slice) }
    }

    /// The groups that carry `role`, which is lower-cased on the stack when it is short (role
    /// names are), not allocated.
    fn holders(&self, role: &str) -> Option<&Vec<String>> {
        let mut buffer = [0u8; 128];
        match buffer.get_mut(..role.len()) {
            Some(lower) => {
                lower.copy_from_slice(role.as_bytes());
                lower.make_ascii_lowercase();
                self.holders.get(std::str::from_utf8(lower).ok()?)
            }
            None => self.holders.get(&role.to_ascii_lowercase()),
        }
    }
}

/// A role and the groups (trimmed, lower case) that carry it as the export gives roles, from
/// [`Context::role`].
#[derive(Clone, Copy, Debug)]
pub struct Role<'r> {
    name: &'r str,
    holders: &'r [String],
}

impl Role<'_> {
    /// The cell of the first of `groups` that grants the role: a group of its name (each
    /// standard group carries the role of the same name), or a group whose roles, as the export
    /// gives them, include it. Compared case-insensitively.
    pub fn granting<'g>(&self, groups: &'g [Spanned<Text>]) -> Option<&'g Spanned<Text>> {
        let same = |name: &str| name.trim().eq_ignore_ascii_case(self.name);
        groups.iter().find(|g| same(&g.value)).or_else(|| {
            if self.holders.is_empty() {
                return None;
            }
            groups.iter().find(|g| {
                let name = g.value.trim();
                self.holders.iter().any(|holder| {
                    if name.is_ascii() {
                        holder.eq_ignore_ascii_case(name)
                    } else {
                        *holder == name.to_lowercase()
                    }
                })
            })
        })
    }
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

/// A CTI port or a CTI route point, by `Device Type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CtiKind {
    /// `CTI Port`: a UCCX call-control-group port.
    Port,
    /// `CTI Route Point`: a UCCX trigger.
    RoutePoint,
}

impl CtiKind {
    /// The kind of a device, if it is a CTI port or route point.
    pub fn of(device: &Device) -> Option<Self> {
        let model = device.model.as_ref()?.value.trim();
        if model.eq_ignore_ascii_case("CTI Port") {
            Some(CtiKind::Port)
        } else if model.eq_ignore_ascii_case("CTI Route Point") {
            Some(CtiKind::RoutePoint)
        } else {
            None
        }
    }

    /// "CTI port" or "CTI route point", for messages.
    pub fn describe(self) -> &'static str {
        match self {
            CtiKind::Port => "CTI port",
            CtiKind::RoutePoint => "CTI route point",
        }
    }
}

/// Whether a device is a CTI Remote Device (`Device Type` `Cisco Spark Remote Device` or
/// `CTI Remote Device`): the device an Extend and Connect agent's IPCC extension lives on.
pub fn is_cti_remote_device(device: &Device) -> bool {
    device.kind == DeviceKind::Phone && device.model.as_ref().is_some_and(|m| m.value.contains("Remote Device"))
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
    /// An analog or third-party endpoint (a Cisco ATA or VG port, an analog phone, a third-party
    /// SIP device): somebody's phone, but with no Services menu and no CTI control, so no
    /// Extension Mobility, IP phone service or desk-phone control rule applies to it.
    NoServices,
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
        let no_services = ["Cisco ATA", "Analog Phone", "VGC Phone", "Third-party SIP Device", "Third-party AS-SIP"];
        if no_services.iter().any(|m| model.contains(m)) {
            return DeviceClass::NoServices;
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
    use uclint_model::{SourceId, Span};

    use super::*;

    fn device(kind: DeviceKind, name: &str, model: &str) -> Device {
        let span = Span::file_start(SourceId::new(0));
        let model = (!model.is_empty()).then(|| Spanned::new(model.into(), span));
        Device { model, ..Device::new(kind, Spanned::new(name.into(), span), span) }
    }

    #[test]
    fn a_role_is_granted_by_its_name_or_by_a_group_that_carries_it_in_any_case() {
        let span = Span::file_start(SourceId::new(0));
        let text = |s: &str| Spanned::new(Text::from(s), span);
        let group = |name: &str, roles: &[&str]| AccessControlGroup {
            name: text(name),
            roles: roles.iter().map(|r| text(r)).collect(),
            span,
        };
        let cluster = Cluster {
            access_control_groups: vec![
                group("UCCX Admins", &[" standard cti enabled ", "Standard CTI Allow Call Monitoring"]),
                group("Équipe CTI", &["Standard CTI Allow Call Recording"]),
                group("No Roles", &[]),
            ],
            ..Cluster::default()
        };
        let roles = GroupRoles::new(&cluster);
        let groups = |names: &[&str]| names.iter().map(|n| text(n)).collect::<Vec<_>>();
        let granted = |names: &[&str], role: &str| roles.granting(&groups(names), role).map(|g| g.value.to_string());
        let (enabled, recording) = ("Standard CTI Enabled", "Standard CTI Allow Call Recording");
        assert_eq!(granted(&["No Roles", "standard CTI enabled"], enabled).as_deref(), Some("standard CTI enabled"));
        assert_eq!(granted(&["No Roles", " uccx ADMINS "], enabled).as_deref(), Some(" uccx ADMINS "));
        assert_eq!(granted(&["UCCX Admins", "Standard CTI Enabled"], enabled).as_deref(), Some("Standard CTI Enabled"));
        assert_eq!(granted(&["équipe cti"], recording).as_deref(), Some("équipe cti"), "non-ASCII names lower-cased");
        assert_eq!(granted(&["No Roles", "Other"], enabled), None);
        assert_eq!(granted(&["UCCX Admins"], recording), None);
        let none = Cluster::default();
        assert_eq!(GroupRoles::new(&none).granting(&groups(&["UCCX Admins"]), enabled), None);
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
        assert_eq!(DeviceClass::of(&device(phone, "ATA0011AABB0001", "Cisco ATA 191")), DeviceClass::NoServices);
        let sip = device(phone, "FAX_LOBBY", "Third-party SIP Device (Basic)");
        assert_eq!(DeviceClass::of(&sip), DeviceClass::NoServices);
        let udp = device(DeviceKind::DeviceProfile, "UDP_jdoe", "Cisco 8841");
        assert_eq!(DeviceClass::of(&udp), DeviceClass::Profile);
    }

    #[test]
    fn jtapi_users_are_named_prefix_underscore_node() {
        assert!(is_jtapi_name("uccxjtapiuser_1"));
        assert!(is_jtapi_name("CCX_JTAPI_12"));
        assert!(!is_jtapi_name("uccxjtapiuser"));
        assert!(!is_jtapi_name("uccxjtapiuser_"));
        assert!(!is_jtapi_name("uccxrmcmuser_1"));
        assert!(!is_jtapi_name("jtapi_ccxsub"));
    }

    #[test]
    fn cti_ports_and_route_points_are_told_apart() {
        let phone = DeviceKind::Phone;
        assert_eq!(CtiKind::of(&device(phone, "CXBA_RP", "CTI Route Point")), Some(CtiKind::RoutePoint));
        assert_eq!(CtiKind::of(&device(phone, "CXBA_1", "cti port")), Some(CtiKind::Port));
        assert_eq!(CtiKind::of(&device(phone, "SEP001122334455", "Cisco 8841")), None);
        assert_eq!(CtiKind::of(&device(phone, "CXBA_2", "")), None);
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
