//! AXL 14.0 update requests: one SOAP request per changed object, for an admin to review and
//! send (`uclint fix` writes them to `DIR/axl/`).
//!
//! uclint never talks to a cluster. What it writes must be right as it stands, since the admin
//! sends it with whatever tool they use (SoapUI, `curl`, a script), so:
//!
//! - **One request per object.** Every edit of a phone, device profile, end user or application
//!   user goes into one `update*` request, so that two findings about one phone cannot send two
//!   requests that each replace the line list the other changed.
//! - **The schema's names and order.** Each request is the element `ns:<operation>` in the
//!   namespace `http://www.cisco.com/AXL/API/14.0`, inside a SOAP 1.1 envelope, with unqualified
//!   children in the order of the operation's `xsd:sequence` (`UpdatePhoneReq`,
//!   `UpdateDeviceProfileReq`, `UpdateUserReq`, `UpdateAppUserReq` of the AXL 14.0 schema, as
//!   `shared/domain/axl-updates.md` lists them; the tests check every request against that list).
//!   Only the identifying element and the changed elements are sent.
//! - **Objects by name.** A phone or profile is named by `name`, a user by `userid`, never by
//!   `uuid`: an export (a BAT tar, a `list*` response) may not carry it.
//! - **Whole lists from whole data.** `lines`, `associatedDevices`, `associatedGroups` and
//!   `ctiControlledDeviceProfiles` replace the object's whole list, so the request carries every
//!   member the export shows plus the change, and the plan says so ([`AxlRequest::notes`]). When
//!   the record was read from an AXL `list*` response or `executeSQLQuery` rows
//!   ([`SourceForm::AxlPartial`]), or from a file that is not a CUCM export
//!   ([`SourceForm::Other`]), the list may not be whole: the edit is declined, never guessed.
//! - **A safe order.** Requests are numbered devices first (phones, then device profiles), then
//!   end users, then application users, each kind by name: a user's controlled devices are then
//!   configured before the user that names them. The order does not depend on the order of the
//!   fixes given.
//! - **Hostile text.** Names come from the export. Every value is escaped for XML; characters XML
//!   1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF) make the edit declined, since the
//!   request could not say the name the cluster has. Invisible and bidi-control characters are
//!   written as character references, so that what the reviewer sees is what is sent. The
//!   comments before the envelope hold only the operation and rule codes, never export text, and
//!   no request carries a password, PIN or digest credential: no edit sets one.
//!
//! The E.164 `+` of a directory number is sent escaped (`\+14085554019`), as CUCM stores it and
//! AXL `getLine` returns it; the "None" partition is an empty `routePartitionName` (formats.md,
//! "E.164 DNs" and "None partition").

use std::collections::{BTreeMap, HashMap};

use uclint_model::{
    AppUser, Cluster, Code, Device, DeviceKind, Edit, EndUser, Field, List, ObjectKey, SourceId, Span, Spanned, Text,
    Value,
};

use crate::{Chosen, Declined, SourceForm};

/// The AXL schema version of every request: its namespace and `SOAPAction`.
const AXL_VERSION: &str = "14.0";
/// The SOAP 1.1 envelope namespace.
const SOAP_ENV: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// The AXL 14.0 namespace.
const AXL_NS: &str = "http://www.cisco.com/AXL/API/14.0";
/// The most characters of an object's name in a request's file name.
const FILE_NAME_CHARS: usize = 60;

/// One AXL update request: a whole SOAP envelope that changes one object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AxlRequest {
    /// The file to write it to, e.g. `001-updatePhone-SEP001122334455.xml`: its number in the
    /// safe order, the operation and the object's name reduced to `[A-Za-z0-9._-]` (other
    /// characters become `_`; at most 60 of them). Unique among the requests of one call.
    pub file_name: String,
    /// The AXL operation, e.g. `updatePhone`.
    pub operation: &'static str,
    /// The object the request changes.
    pub object: ObjectKey,
    /// The indices ([`Chosen::finding`]) of the findings this request fixes, ascending.
    pub findings: Vec<usize>,
    /// The request: an XML declaration, comments giving the `SOAPAction` header and the findings
    /// fixed, and the SOAP 1.1 envelope.
    pub xml: String,
    /// What the plan should say of the request: which elements replace whole lists, what they
    /// carry and what they leave out. Plain sentences without export text.
    pub notes: Vec<String>,
}

/// The requests written for a set of fixes, and the fixes that could not be written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AxlRequests {
    /// The requests, in the safe order their file names number.
    pub requests: Vec<AxlRequest>,
    /// The fixes not written as requests, and why, by finding index.
    pub declined: Vec<Declined>,
}

/// The AXL update requests for `chosen`: one per changed object, numbered in the safe order.
///
/// `form_of` says how the source a record was read from was read: list edits of a record from
/// a source that may not hold its lists whole are declined. The comment before each envelope
/// names the findings by their index; [`requests_with_codes`] names them by rule code too.
pub fn requests(cluster: &Cluster, chosen: &[Chosen<'_>], form_of: &dyn Fn(SourceId) -> SourceForm) -> AxlRequests {
    requests_with_codes(cluster, chosen, form_of, &|_| None)
}

/// [`requests`], with the code of each finding (`code_of(finding)`) named in the comment before
/// the envelope, e.g. `Fixes: UCCX006 (finding 3)`.
pub fn requests_with_codes(
    cluster: &Cluster,
    chosen: &[Chosen<'_>],
    form_of: &dyn Fn(SourceId) -> SourceForm,
    code_of: &dyn Fn(usize) -> Option<&'static Code>,
) -> AxlRequests {
    // The edits of each object, each object's in a fixed order: the finding, then the edit.
    let mut by_object: BTreeMap<(Kind, &str), Vec<Chosen<'_>>> = BTreeMap::new();
    let mut declined = Vec::new();
    for choice in chosen {
        match Kind::of(choice.edit.object()) {
            Some(key) => by_object.entry(key).or_default().push(*choice),
            None => declined.push(Declined {
                finding: choice.finding,
                reason: "uclint writes AXL requests for phones, device profiles, end users and application users \
                         only; this object is none of them"
                    .to_owned(),
            }),
        }
    }
    let lookup = Lookup::new(cluster, by_object.keys().map(|(kind, _)| *kind));
    let mut bodies = Vec::new();
    for ((kind, name), mut edits) in by_object {
        edits.sort_by_cached_key(|c| (c.finding, format!("{:?}", c.edit)));
        let Some(target) = lookup.find(kind, name) else {
            let reason = format!("the {} is not in the export that was read, so no request names it", kind.describe());
            declined.extend(edits.iter().map(|c| Declined { finding: c.finding, reason: reason.clone() }));
            continue;
        };
        let Some(id) = escape(name).filter(|_| !name.trim().is_empty()) else {
            let reason = format!(
                "the {}'s name is empty or holds characters XML 1.0 cannot carry, so no request can name it",
                kind.describe()
            );
            declined.extend(edits.iter().map(|c| Declined { finding: c.finding, reason: reason.clone() }));
            continue;
        };
        let whole = !matches!(form_of(target.span().source), SourceForm::AxlPartial | SourceForm::Other);
        let (body, refused) = Body::plan(kind, &target, &edits, whole);
        declined.extend(refused);
        if let Some(body) = body {
            bodies.push((kind, name, id, body));
        }
    }
    declined.sort_by(|a, b| (a.finding, &a.reason).cmp(&(b.finding, &b.reason)));

    let width = bodies.len().to_string().len().max(3);
    let requests = bodies
        .into_iter()
        .enumerate()
        .map(|(i, (kind, name, id, body))| {
            let operation = kind.operation();
            AxlRequest {
                file_name: format!("{:0width$}-{operation}-{}.xml", i + 1, file_stem(name)),
                operation,
                object: kind.key(name),
                findings: body.findings(),
                xml: body.render(kind, &id, code_of),
                notes: body.notes(kind),
            }
        })
        .collect();
    AxlRequests { requests, declined }
}

/// The kinds of object a request changes, in the safe order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Kind {
    Phone,
    DeviceProfile,
    User,
    AppUser,
}

impl Kind {
    /// The kind and name of an object a request can change.
    fn of(key: &ObjectKey) -> Option<(Kind, &str)> {
        match key {
            ObjectKey::Phone(name) => Some((Kind::Phone, name)),
            ObjectKey::DeviceProfile(name) => Some((Kind::DeviceProfile, name)),
            ObjectKey::User(name) => Some((Kind::User, name)),
            ObjectKey::AppUser(name) => Some((Kind::AppUser, name)),
            _ => None,
        }
    }

    fn key(self, name: &str) -> ObjectKey {
        match self {
            Kind::Phone => ObjectKey::Phone(name.into()),
            Kind::DeviceProfile => ObjectKey::DeviceProfile(name.into()),
            Kind::User => ObjectKey::User(name.into()),
            Kind::AppUser => ObjectKey::AppUser(name.into()),
        }
    }

    fn operation(self) -> &'static str {
        match self {
            Kind::Phone => "updatePhone",
            Kind::DeviceProfile => "updateDeviceProfile",
            Kind::User => "updateUser",
            Kind::AppUser => "updateAppUser",
        }
    }

    /// The element that names the object (the schema's alternative to `uuid`).
    fn id_element(self) -> &'static str {
        match self {
            Kind::Phone | Kind::DeviceProfile => "name",
            Kind::User | Kind::AppUser => "userid",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Kind::Phone => "phone",
            Kind::DeviceProfile => "device profile",
            Kind::User => "end user",
            Kind::AppUser => "application user",
        }
    }
}

/// The record an edit changes.
enum Target<'c> {
    Device(&'c Device),
    User(&'c EndUser),
    AppUser(&'c AppUser),
}

impl Target<'_> {
    fn span(&self) -> Span {
        match self {
            Target::Device(d) => d.span,
            Target::User(u) => u.span,
            Target::AppUser(a) => a.span,
        }
    }
}

/// The records of the kinds some edit changes, by name (the first record of a name wins, as
/// the merge keeps it).
struct Lookup<'c> {
    phones: HashMap<&'c str, &'c Device>,
    profiles: HashMap<&'c str, &'c Device>,
    users: HashMap<&'c str, &'c EndUser>,
    app_users: HashMap<&'c str, &'c AppUser>,
}

impl<'c> Lookup<'c> {
    fn new(cluster: &'c Cluster, kinds: impl Iterator<Item = Kind>) -> Self {
        let mut lookup = Lookup {
            phones: HashMap::new(),
            profiles: HashMap::new(),
            users: HashMap::new(),
            app_users: HashMap::new(),
        };
        let mut kinds: Vec<Kind> = kinds.collect();
        kinds.dedup();
        let devices = |list: &'c [Device], kind: DeviceKind| {
            let mut map = HashMap::new();
            for device in list.iter().filter(|d| d.kind == kind) {
                map.entry(device.name.value.as_str()).or_insert(device);
            }
            map
        };
        for kind in kinds {
            match kind {
                Kind::Phone => lookup.phones = devices(&cluster.phones, DeviceKind::Phone),
                Kind::DeviceProfile => lookup.profiles = devices(&cluster.device_profiles, DeviceKind::DeviceProfile),
                Kind::User => {
                    for user in &cluster.end_users {
                        lookup.users.entry(user.user_id.value.as_str()).or_insert(user);
                    }
                }
                Kind::AppUser => {
                    for user in &cluster.app_users {
                        lookup.app_users.entry(user.name.value.as_str()).or_insert(user);
                    }
                }
            }
        }
        lookup
    }

    fn find(&self, kind: Kind, name: &str) -> Option<Target<'c>> {
        match kind {
            Kind::Phone => self.phones.get(name).map(|d| Target::Device(d)),
            Kind::DeviceProfile => self.profiles.get(name).map(|d| Target::Device(d)),
            Kind::User => self.users.get(name).map(|u| Target::User(u)),
            Kind::AppUser => self.app_users.get(name).map(|a| Target::AppUser(a)),
        }
    }
}

/// A field a request sets, as one edit names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    LineMaxCalls(u32),
    LineBusyTrigger(u32),
    AllowCti,
    JoinAcrossLines,
    EnableCti,
    CommonDeviceConfig,
}

impl Slot {
    fn is_line(self) -> bool {
        matches!(self, Slot::LineMaxCalls(_) | Slot::LineBusyTrigger(_))
    }
}

/// The value a slot gets and the findings that ask for it.
struct Setting {
    value: SetValue,
    findings: Vec<usize>,
    /// Another edit asked for a different value.
    conflict: bool,
}

/// A slot's value, in the spelling of its element.
#[derive(Clone, Debug, PartialEq, Eq)]
enum SetValue {
    Number(u32),
    Bool(bool),
    Status(&'static str),
    /// A name, escaped.
    Name(String),
}

/// One line as a `lines` list sends it: text already escaped.
struct LineOut {
    index: u32,
    pattern: String,
    partition: String,
    max_calls: Option<u32>,
    busy_trigger: Option<u32>,
}

/// A whole list as a request sends it: the members the export shows, then the ones added.
struct ListOut {
    /// Escaped items, without repeats.
    items: Vec<String>,
    /// How many of them the export showed.
    had: usize,
    /// The findings whose items were added.
    findings: Vec<usize>,
}

/// What one request sends, validated and escaped: rendering cannot fail.
#[derive(Default)]
struct Body {
    common_device_config: Option<(String, Vec<usize>)>,
    lines: Option<(Vec<LineOut>, Vec<usize>)>,
    join_across_lines: Option<(&'static str, Vec<usize>)>,
    allow_cti: Option<(bool, Vec<usize>)>,
    enable_cti: Option<(bool, Vec<usize>)>,
    devices: Option<ListOut>,
    groups: Option<ListOut>,
    profiles: Option<ListOut>,
}

/// A decline of one finding.
fn decline(finding: usize, reason: impl Into<String>) -> Declined {
    Declined { finding, reason: reason.into() }
}

impl Body {
    /// What the request for `target` sends for `edits`, and the edits it cannot send; `None` when
    /// nothing is left to send. `whole`: whether the record's lists are whole.
    fn plan(kind: Kind, target: &Target<'_>, edits: &[Chosen<'_>], whole: bool) -> (Option<Body>, Vec<Declined>) {
        let mut declined = Vec::new();
        let mut settings: BTreeMap<Slot, Setting> = BTreeMap::new();
        let mut adds: BTreeMap<List, Vec<(&str, usize)>> = BTreeMap::new();
        for choice in edits {
            let finding = choice.finding;
            match choice.edit {
                Edit::Set { field, after, .. } => match slot(kind, *field, after) {
                    Ok((slot, value)) => {
                        let setting = settings.entry(slot).or_insert_with(|| Setting {
                            value: value.clone(),
                            findings: Vec::new(),
                            conflict: false,
                        });
                        setting.conflict |= setting.value != value;
                        setting.findings.push(finding);
                    }
                    Err(reason) => declined.push(decline(finding, reason)),
                },
                Edit::Add { list, item, .. } => match list_element(kind, *list) {
                    Ok(_) if item.trim().is_empty() => declined.push(decline(finding, "the item to add is empty")),
                    Ok(_) => adds.entry(*list).or_default().push((item.as_str(), finding)),
                    Err(reason) => declined.push(decline(finding, reason)),
                },
            }
        }

        let mut body = Body::default();
        let mut line_settings: Vec<(Slot, Setting)> = Vec::new();
        for (slot, setting) in settings {
            if setting.conflict {
                let reason = "another fix sets the same field of this object to a different value; neither is written";
                declined.extend(setting.findings.iter().map(|&f| decline(f, reason)));
                continue;
            }
            match (slot, setting.value.clone()) {
                (Slot::JoinAcrossLines, SetValue::Status(s)) => body.join_across_lines = Some((s, setting.findings)),
                (Slot::AllowCti, SetValue::Bool(b)) => body.allow_cti = Some((b, setting.findings)),
                (Slot::EnableCti, SetValue::Bool(b)) => body.enable_cti = Some((b, setting.findings)),
                (Slot::CommonDeviceConfig, SetValue::Name(name)) => {
                    body.common_device_config = Some((name, setting.findings));
                }
                (slot, _) if slot.is_line() => line_settings.push((slot, setting)),
                // `slot` pairs each slot with its kind of value.
                _ => declined.extend(setting.findings.iter().map(|&f| decline(f, "internal: value of the wrong kind"))),
            }
        }
        if !line_settings.is_empty() {
            let findings = || line_settings.iter().flat_map(|(_, s)| s.findings.iter().copied());
            match (target, whole) {
                (_, false) => declined.extend(findings().map(|f| decline(f, PARTIAL_LINES))),
                (Target::Device(device), true) => match lines_out(device, &line_settings) {
                    Ok(lines) => body.lines = Some((lines, findings().collect())),
                    Err(reason) => declined.extend(findings().map(|f| decline(f, reason.clone()))),
                },
                _ => declined.extend(findings().map(|f| decline(f, "this object has no lines"))),
            }
        }
        for (list, items) in adds {
            if !whole {
                declined.extend(items.iter().map(|&(_, f)| decline(f, PARTIAL_LIST)));
                continue;
            }
            let existing: &[Spanned<Text>] = match (target, list) {
                (Target::User(u), List::ControlledDevices | List::Groups) => u.list(list),
                (Target::AppUser(a), _) => a.list(list),
                _ => {
                    // `list_element` let through only the lists above.
                    declined.extend(items.iter().map(|&(_, f)| decline(f, "internal: list of another kind of object")));
                    continue;
                }
            };
            match list_out(existing.iter().map(|s| s.value.as_str()), &items) {
                Ok((out, unchanged)) => {
                    declined.extend(unchanged.into_iter().map(|f| {
                        decline(f, "the item is already in the list as the export shows it: there is nothing to change")
                    }));
                    if out.findings.is_empty() {
                        continue;
                    }
                    match list {
                        List::ControlledDevices => body.devices = Some(out),
                        List::ControlledProfiles => body.profiles = Some(out),
                        List::Groups => body.groups = Some(out),
                    }
                }
                Err(reason) => declined.extend(items.iter().map(|&(_, f)| decline(f, reason))),
            }
        }
        let empty = body.common_device_config.is_none()
            && body.lines.is_none()
            && body.join_across_lines.is_none()
            && body.allow_cti.is_none()
            && body.enable_cti.is_none()
            && body.devices.is_none()
            && body.groups.is_none()
            && body.profiles.is_none();
        (if empty { None } else { Some(body) }, declined)
    }

    /// Every finding the request carries, ascending, without repeats.
    fn findings(&self) -> Vec<usize> {
        let mut all: Vec<usize> = Vec::new();
        let mut take = |findings: &[usize]| all.extend_from_slice(findings);
        if let Some((_, f)) = &self.common_device_config {
            take(f);
        }
        if let Some((_, f)) = &self.lines {
            take(f);
        }
        if let Some((_, f)) = &self.join_across_lines {
            take(f);
        }
        if let Some((_, f)) = &self.allow_cti {
            take(f);
        }
        if let Some((_, f)) = &self.enable_cti {
            take(f);
        }
        for list in [&self.devices, &self.groups, &self.profiles].into_iter().flatten() {
            take(&list.findings);
        }
        all.sort_unstable();
        all.dedup();
        all
    }

    /// The notes for the plan: what the whole lists carry and leave out.
    fn notes(&self, kind: Kind) -> Vec<String> {
        let mut notes = Vec::new();
        let what = kind.describe();
        if self.common_device_config.is_some() {
            notes.push(format!(
                "`commonDeviceConfigName` moves the {what} to another Common Device Configuration, which brings \
                 all of that CDC's settings (not only its IP Addressing Mode): compare the two CDCs before \
                 applying."
            ));
        }
        if let Some((lines, _)) = &self.lines {
            let mut sent = vec!["index", "dirn (pattern, routePartitionName)"];
            if lines.iter().any(|l| l.max_calls.is_some()) {
                sent.push("maxNumCalls");
            }
            if lines.iter().any(|l| l.busy_trigger.is_some()) {
                sent.push("busyTrigger");
            }
            notes.push(format!(
                "`lines` replaces the {what}'s whole line list: this request sends the {} line{} the export \
                 shows, each with {} where the export gives it. Line settings uclint does not read (label, \
                 display, ring settings, e164Mask, recording, associatedEndusers, ...) are not sent, and CUCM may \
                 reset them: review the request before applying it, or apply the BAT file instead.",
                lines.len(),
                plural(lines.len()),
                sent.join(", ")
            ));
        }
        let list_note = |element: &str, noun: &str, list: &ListOut| {
            let added = list.items.len() - list.had;
            format!(
                "`{element}` replaces the {what}'s whole list of {noun}: this request sends the {} the export shows \
                 and {added} added.",
                list.had
            )
        };
        if let Some(list) = &self.devices {
            notes.push(list_note("associatedDevices", "controlled devices", list));
        }
        if let Some(list) = &self.groups {
            notes.push(list_note("associatedGroups", "access control groups", list));
            notes.push(
                "Each group is sent by name, without `userRoles`: the request changes membership only.".to_owned(),
            );
        }
        if let Some(list) = &self.profiles {
            notes.push(list_note("ctiControlledDeviceProfiles", "CTI controlled device profiles", list));
        }
        notes
    }

    /// The whole request: declaration, comments and envelope.
    fn render(&self, kind: Kind, id: &str, code_of: &dyn Fn(usize) -> Option<&'static Code>) -> String {
        let operation = kind.operation();
        let fixes: Vec<String> = self
            .findings()
            .into_iter()
            .map(|f| match code_of(f).map(|c| comment_safe(c.id)) {
                Some(code) if !code.is_empty() => format!("{code} (finding {f})"),
                _ => format!("finding {f}"),
            })
            .collect();
        let mut x = Xml::default();
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.raw(&format!(
            "<!-- uclint fix: AXL {AXL_VERSION} {operation}. Send with the HTTP header \
             SOAPAction: \"CUCM:DB ver={AXL_VERSION} {operation}\" -->\n"
        ));
        x.raw(&format!("<!-- Fixes: {} -->\n", fixes.join(", ")));
        x.open(&format!("soapenv:Envelope xmlns:soapenv=\"{SOAP_ENV}\""));
        x.raw_line("<soapenv:Header/>");
        x.open("soapenv:Body");
        x.open(&format!("ns:{operation} xmlns:ns=\"{AXL_NS}\""));
        x.leaf(kind.id_element(), id);
        // Each kind's children, in its request's schema order (axl-updates.md).
        match kind {
            Kind::Phone | Kind::DeviceProfile => {
                if let Some((name, _)) = &self.common_device_config {
                    x.leaf("commonDeviceConfigName", name);
                }
                if let Some((lines, _)) = &self.lines {
                    x.open("lines");
                    for line in lines {
                        x.open("line");
                        x.leaf("index", &line.index.to_string());
                        x.open("dirn");
                        x.leaf("pattern", &line.pattern);
                        x.leaf("routePartitionName", &line.partition);
                        x.close("dirn");
                        if let Some(n) = line.max_calls {
                            x.leaf("maxNumCalls", &n.to_string());
                        }
                        if let Some(n) = line.busy_trigger {
                            x.leaf("busyTrigger", &n.to_string());
                        }
                        x.close("line");
                    }
                    x.close("lines");
                }
                if let Some((status, _)) = self.join_across_lines {
                    x.leaf("joinAcrossLines", status);
                }
                if let Some((flag, _)) = self.allow_cti {
                    x.leaf("allowCtiControlFlag", &flag.to_string());
                }
            }
            Kind::User | Kind::AppUser => {
                if let Some(list) = &self.devices {
                    x.list("associatedDevices", &["device"], list);
                }
                if let Some(list) = &self.groups {
                    x.list("associatedGroups", &["userGroup", "name"], list);
                }
                if let Some(flag) = self.enable_cti.as_ref().map(|(flag, _)| *flag) {
                    x.leaf("enableCti", &flag.to_string());
                }
                if let Some(list) = &self.profiles {
                    x.list("ctiControlledDeviceProfiles", &["deviceProfile"], list);
                }
            }
        }
        x.close(&format!("ns:{operation}"));
        x.close("soapenv:Body");
        x.close("soapenv:Envelope");
        x.out
    }
}

/// Why a list edit of a record read from a partial source is declined.
const PARTIAL_LIST: &str = "the export shows this list from a list response, which may not hold it whole; AXL would \
                            replace the list with it";
/// Why a line edit of a record read from a partial source is declined (`lines` is a whole list).
const PARTIAL_LINES: &str = "the export shows this device's lines from a list response, which may not hold them \
                             whole; AXL would replace the line list with them";

/// The slot a `Set` edit fills in a request for `kind`, with its value, or why it cannot.
fn slot(kind: Kind, field: Field, after: &Value) -> Result<(Slot, SetValue), String> {
    let device = matches!(kind, Kind::Phone | Kind::DeviceProfile);
    let (slot, element) = match field {
        Field::LineMaxCalls { line } if device => (Slot::LineMaxCalls(line), "maxNumCalls"),
        Field::LineBusyTrigger { line } if device => (Slot::LineBusyTrigger(line), "busyTrigger"),
        Field::DeviceAllowCti if kind == Kind::Phone => (Slot::AllowCti, "allowCtiControlFlag"),
        Field::DeviceAllowCti if kind == Kind::DeviceProfile => {
            return Err("updateDeviceProfile has no allowCtiControlFlag in the AXL 14.0 schema: set \"Allow \
                        Control of Device from CTI\" on the device profile page, or apply the BAT file"
                .to_owned())
        }
        Field::DeviceJoinAcrossLines if device => (Slot::JoinAcrossLines, "joinAcrossLines"),
        Field::DeviceCommonDeviceConfig if kind == Kind::Phone => (Slot::CommonDeviceConfig, "commonDeviceConfigName"),
        Field::UserEnableCti if kind == Kind::User => (Slot::EnableCti, "enableCti"),
        _ => {
            return Err(format!(
                "{} has no element for {}, which is not a field of the {}",
                kind.operation(),
                field.describe(),
                kind.describe()
            ))
        }
    };
    let value = match (slot, after) {
        (Slot::LineMaxCalls(_) | Slot::LineBusyTrigger(_), Value::Number(n)) => SetValue::Number(*n),
        (Slot::AllowCti | Slot::EnableCti, Value::Bool(b)) => SetValue::Bool(*b),
        (Slot::CommonDeviceConfig, Value::Name(name)) => match escape(name) {
            Some(name) if !name.trim().is_empty() => SetValue::Name(name),
            _ => return Err(format!("{element} would be empty or hold characters XML 1.0 cannot carry")),
        },
        (Slot::JoinAcrossLines, Value::Status(s)) => match ["On", "Off", "Default"].into_iter().find(|v| v == s) {
            Some(status) => SetValue::Status(status),
            None => return Err(format!("{element} takes On, Off or Default, not the value this fix gives")),
        },
        _ => return Err(format!("the fix gives {element} a value of the wrong kind ({})", after.describe())),
    };
    Ok((slot, value))
}

/// The element a list edit of `kind` fills, or why it cannot.
fn list_element(kind: Kind, list: List) -> Result<&'static str, String> {
    match (kind, list) {
        (Kind::User | Kind::AppUser, List::ControlledDevices) => Ok("associatedDevices"),
        (Kind::User | Kind::AppUser, List::Groups) => Ok("associatedGroups"),
        (Kind::AppUser, List::ControlledProfiles) => Ok("ctiControlledDeviceProfiles"),
        (Kind::User, List::ControlledProfiles) => Err("uclint reads an end user's Controlled Profiles \
             (phoneProfiles), not its CTI Controlled Device Profiles, so it cannot send that whole list"
            .to_owned()),
        _ => Err(format!("{} has no list of {}", kind.operation(), list.describe())),
    }
}

/// The device's whole line list with the settings applied, escaped, by button; or why it
/// cannot be sent.
fn lines_out(device: &Device, settings: &[(Slot, Setting)]) -> Result<Vec<LineOut>, String> {
    if !device.intercom_lines.is_empty() {
        // BAT gives intercom lines in columns of their own; whether AXL's `lines` holds them too
        // is not established here, so a `lines` list without them could remove them.
        return Err("this device has intercom lines, which uclint does not send in `lines`: the request could \
                    remove them; apply the BAT file instead"
            .to_owned());
    }
    let lines = device.lines_by_index();
    if lines.windows(2).any(|w| w[0].index.value == w[1].index.value) {
        return Err("the export shows two lines on one button of this device, so uclint cannot say its whole line \
                    list"
            .to_owned());
    }
    let mut out = Vec::with_capacity(lines.len());
    for line in &lines {
        let pattern = &line.dn.value.pattern;
        // The model keeps a pattern with `\+` as `+`. A DN's `+` is its leading E.164 escape; a
        // `+` elsewhere could have been either, so the pattern cannot be said for sure.
        let (escape_plus, rest) = match pattern.strip_prefix('+') {
            Some(rest) => ("\\+", rest),
            None => ("", pattern.as_str()),
        };
        if rest.contains('+') {
            return Err("a directory number of this device holds a '+' that is not its leading escape, so \
                        uclint cannot say the pattern CUCM stores"
                .to_owned());
        }
        if rest.trim().is_empty() {
            return Err("a line of this device has an empty directory number".to_owned());
        }
        let (Some(pattern), Some(partition)) =
            (escape(&format!("{escape_plus}{rest}")), escape(&line.dn.value.partition))
        else {
            return Err(
                "a directory number or partition of this device holds characters XML 1.0 cannot carry".to_owned()
            );
        };
        out.push(LineOut {
            index: line.index.value,
            pattern,
            partition,
            max_calls: line.max_calls.as_ref().map(|n| n.value),
            busy_trigger: line.busy_trigger.as_ref().map(|n| n.value),
        });
    }
    for (slot, setting) in settings {
        let (Slot::LineMaxCalls(index) | Slot::LineBusyTrigger(index)) = *slot else { continue };
        let Some(line) = out.iter_mut().find(|l| l.index == index) else {
            return Err(format!("the export shows no line {index} on this device"));
        };
        let SetValue::Number(n) = setting.value else { continue };
        match slot {
            Slot::LineMaxCalls(_) => line.max_calls = Some(n),
            _ => line.busy_trigger = Some(n),
        }
    }
    // CUCM refuses a Busy Trigger above the Maximum Number of Calls: a request that leaves one
    // would fail, so it is not written (the fix of the other field is needed too).
    for (slot, _) in settings {
        let (Slot::LineMaxCalls(index) | Slot::LineBusyTrigger(index)) = *slot else { continue };
        let over = out.iter().find(|l| l.index == index).and_then(|l| Some(l.busy_trigger? > l.max_calls?));
        if over == Some(true) {
            return Err(format!(
                "line {index} would have a Busy Trigger above its Maximum Number of Calls, which CUCM refuses; \
                 the request is written when the fix of the other field is applied with it"
            ));
        }
    }
    Ok(out)
}

/// A whole list: the export's members without repeats, then the items added that it lacks;
/// with the findings whose item was already there. Or why it cannot be sent.
fn list_out<'a>(
    existing: impl Iterator<Item = &'a str>,
    adds: &[(&str, usize)],
) -> Result<(ListOut, Vec<usize>), &'static str> {
    let mut raw: Vec<&str> = Vec::new();
    for item in existing {
        if !raw.contains(&item) {
            raw.push(item);
        }
    }
    let had = raw.len();
    let mut findings = Vec::new();
    let mut unchanged = Vec::new();
    for &(item, finding) in adds {
        if raw[..had].contains(&item) {
            unchanged.push(finding);
            continue;
        }
        if !raw.contains(&item) {
            raw.push(item);
        }
        findings.push(finding);
    }
    let items = raw.iter().map(|item| escape(item)).collect::<Option<Vec<String>>>().ok_or(
        "a member of this list, as the export shows it or as the fix adds it, holds characters XML 1.0 cannot carry",
    )?;
    Ok((ListOut { items, had, findings }, unchanged))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Text for XML content: markup characters as entities, tab, newline and carriage return as
/// character references (so that a parser keeps them as they are), and invisible or bidi-control
/// characters as character references (so that the reviewer sees them); `None` when it holds a
/// character XML 1.0 cannot carry at all.
fn escape(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push_str(&format!("&#{};", u32::from(c))),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => return None,
            '\u{7f}'..='\u{9f}'
            | '\u{ad}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2069}'
            | '\u{feff}' => out.push_str(&format!("&#x{:X};", u32::from(c))),
            c => out.push(c),
        }
    }
    Some(out)
}

/// Text for an XML comment: only what a rule code or word holds.
fn comment_safe(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
}

/// An object's name as a file name part: `[A-Za-z0-9._-]`, others `_`, at most 60 characters.
fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .take(FILE_NAME_CHARS)
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') { c } else { '_' })
        .collect();
    if stem.is_empty() {
        "_".to_owned()
    } else {
        stem
    }
}

/// An indented XML writer for text already escaped.
#[derive(Default)]
struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    fn raw(&mut self, text: &str) {
        self.out.push_str(text);
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn raw_line(&mut self, text: &str) {
        self.indent();
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// Opens an element; `tag` is its name and any attributes.
    fn open(&mut self, tag: &str) {
        self.raw_line(&format!("<{tag}>"));
        self.depth += 1;
    }

    fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.raw_line(&format!("</{name}>"));
    }

    /// An element holding escaped `text`; empty text gives an empty element.
    fn leaf(&mut self, name: &str, text: &str) {
        if text.is_empty() {
            self.raw_line(&format!("<{name}/>"));
        } else {
            self.raw_line(&format!("<{name}>{text}</{name}>"));
        }
    }

    /// A whole list: `element`, then each item in the nested elements `path`.
    fn list(&mut self, element: &str, path: &[&str], list: &ListOut) {
        self.open(element);
        for item in &list.items {
            if let Some((leaf, outer)) = path.split_last() {
                for name in outer {
                    self.open(name);
                }
                self.leaf(leaf, item);
                for name in outer.iter().rev() {
                    self.close(name);
                }
            }
        }
        self.close(element);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_what_xml_can_carry_and_refuses_the_rest() {
        assert_eq!(escape("a&b<c>\"d'").as_deref(), Some("a&amp;b&lt;c&gt;&quot;d&apos;"));
        assert_eq!(escape("a\tb\r\n").as_deref(), Some("a&#9;b&#13;&#10;"));
        assert_eq!(escape("evil\u{202e}txt").as_deref(), Some("evil&#x202E;txt"));
        assert_eq!(escape("bell\x07"), None);
        assert_eq!(escape("\u{ffff}"), None);
        assert_eq!(escape("Ünïcödé 電話").as_deref(), Some("Ünïcödé 電話"));
    }

    #[test]
    fn file_stems_hold_only_safe_characters() {
        assert_eq!(file_stem("SEP001122334455"), "SEP001122334455");
        assert_eq!(file_stem("../../etc/passwd"), ".._.._etc_passwd");
        assert_eq!(file_stem("a b\u{202e}c"), "a_b_c");
        assert_eq!(file_stem(""), "_");
        assert_eq!(file_stem(&"x".repeat(200)).len(), FILE_NAME_CHARS);
    }

    #[test]
    fn comments_hold_only_code_characters() {
        assert_eq!(comment_safe("UCCX006"), "UCCX006");
        assert_eq!(comment_safe("A--B>"), "AB");
    }
}
