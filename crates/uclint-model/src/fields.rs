//! The fields of each kind of object, as `(name, value)` pairs: what `uclint diff` compares
//! between two exports of one cluster, and the one place that says which fields those are.
//!
//! Each record kind has one lister that writes the fields the model holds, in a fixed order,
//! into a buffer the caller reuses (a megacluster has half a million objects to list on each
//! side). A field the export does not carry (`None`) is not listed: [`changes`] reads a field
//! listed on one side only as set on that side and "not set" on the other. Values borrow the
//! record's text; numbers and flags are compared as they are and formatted only when shown.
//!
//! Secrets are not in the model (ingest masks them before any value reaches it; `EndUser`
//! keeps only whether digest credentials are set), so no lister can list one: the digest
//! credentials are a [`FieldValue::Secret`], shown as "set" or "not set" and never more. A
//! secret whose value changed while it stayed set is told apart outside the model, by the
//! keyed fingerprints ingest takes for `uclint diff` (`uclint_ingest::secrets::fingerprint`). The URL of a
//! phone's service subscription may carry parameter values (the rules never print it either):
//! it is not listed, only the services subscribed to.
//!
//! Which objects are compared is [`KINDS`]: the kinds `diff` reports, each with the data set
//! that must have been read on both sides for its objects to be compared (an export that lacks
//! a file says nothing about the objects in it). [`compare`] matches them by
//! [`Record::identity`] and tells an unchanged object by [`Record::digest`], the same listers
//! hashing each field in place: on the mega export with 1 % changed, the comparison takes
//! 0.15 s on two cores, against 0.21 s when both sides were sorted by identity and each old
//! listing compared field by field with its new record (docs/performance.md). Only the
//! objects whose digests differ are listed and compared field by field.

use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};

use crate::{
    AccessControlGroup, AppUser, CallingSearchSpace, Cluster, CommonDeviceConfig, CredentialPolicy, DataSet, Device,
    DialPattern, DirectoryNumber, DnKey, DnRef, EndUser, EnterpriseParameter, HuntList, LineGroup, Partition,
    PatternKind, PhoneSecurityProfile, PhoneService, RouteGroup, RouteList, ServiceParameter, Spanned, Text, UcService,
    UccxResource,
};

/// Where in its object a field is: on the object itself, on one of its lines, …
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope<'a> {
    /// The object itself.
    Object,
    /// The line on this button (a phone's or profile's `Directory Number N`).
    Line(u32),
    /// The intercom line at this 1-based position.
    Intercom(usize),
    /// A product-specific setting (AXL `vendorConfig`), by element name.
    Setting(&'a str),
}

/// A field's name: where it is and what it is called there.
#[derive(Clone, Copy, Debug, Eq, Hash, PartialOrd, Ord)]
pub struct FieldName<'a> {
    /// Where the field is.
    pub scope: Scope<'a>,
    /// What it is called, as the admin page names it (lower case).
    pub name: &'static str,
}

impl PartialEq for FieldName<'_> {
    fn eq(&self, other: &Self) -> bool {
        // Both listings name a field with the same `&'static str`: the same pointer, nearly
        // always, which spares comparing the text (half a million times per megacluster side).
        self.scope == other.scope && (std::ptr::eq(self.name, other.name) || self.name == other.name)
    }
}

impl fmt::Display for FieldName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.scope {
            Scope::Object => f.write_str(self.name),
            Scope::Line(index) => write!(f, "line {index} {}", self.name),
            Scope::Intercom(position) => write!(f, "intercom line {position} {}", self.name),
            Scope::Setting(setting) => write!(f, "{} {setting}", self.name),
        }
    }
}

/// A field's value, as the model holds it.
#[derive(Clone, Debug)]
pub enum FieldValue<'a> {
    /// Text as exported.
    Text(&'a str),
    /// A number.
    Number(u32),
    /// A checkbox.
    Bool(bool),
    /// Whether something is set whose value the model does not keep (a SUBSCRIBE CSS, a UC
    /// service profile).
    IsSet(bool),
    /// Whether a secret is set: its value is never held, so never shown.
    Secret(bool),
    /// A directory number.
    Dn(&'a DnKey),
    /// A directory number whose partition the export may not give.
    DnRef(&'a DnRef),
    /// Names the record holds: `ordered` when their order matters (a CSS's partitions), else
    /// compared and shown sorted (a user's groups). Borrowed, so that listing the fields of a
    /// megacluster's users allocates nothing for them.
    Names {
        /// The names, as the record holds them.
        items: &'a [Spanned<Text>],
        /// Whether their order matters.
        ordered: bool,
    },
    /// Names made for the listing, in the order that matters or sorted.
    List(Vec<Cow<'a, str>>),
}

impl PartialEq for FieldValue<'_> {
    fn eq(&self, other: &Self) -> bool {
        use FieldValue::*;
        match (self, other) {
            (Text(a), Text(b)) => a == b,
            (Number(a), Number(b)) => a == b,
            (Bool(a), Bool(b)) | (IsSet(a), IsSet(b)) | (Secret(a), Secret(b)) => a == b,
            (Dn(a), Dn(b)) => a == b,
            (DnRef(a), DnRef(b)) => a == b,
            (List(a), List(b)) => a == b,
            (Names { items: a, ordered: x }, Names { items: b, ordered: y }) => {
                let same_order = a.len() == b.len() && a.iter().zip(b.iter()).all(|(a, b)| a.value == b.value);
                x == y && (same_order || (!x && a.len() == b.len() && sorted(a) == sorted(b)))
            }
            _ => false,
        }
    }
}

impl Eq for FieldValue<'_> {}

impl FieldValue<'_> {
    /// Hashes the value as [`PartialEq`] compares it: unordered names by the sum of their
    /// hashes, which does not depend on their order.
    fn digest(&self, hasher: &mut FxHasher) {
        std::mem::discriminant(self).hash(hasher);
        match self {
            FieldValue::Text(text) => text.hash(hasher),
            FieldValue::Number(n) => n.hash(hasher),
            FieldValue::Bool(b) | FieldValue::IsSet(b) | FieldValue::Secret(b) => b.hash(hasher),
            FieldValue::Dn(dn) => dn.hash(hasher),
            FieldValue::DnRef(dn) => dn.hash(hasher),
            FieldValue::Names { items, ordered: true } => {
                items.len().hash(hasher);
                items.iter().for_each(|i| i.value.as_str().hash(hasher));
            }
            FieldValue::Names { items, ordered: false } => {
                let one = |name: &str| {
                    let mut h = FxHasher::default();
                    name.hash(&mut h);
                    h.finish()
                };
                items.len().hash(hasher);
                items.iter().map(|i| one(&i.value)).fold(0u64, u64::wrapping_add).hash(hasher);
            }
            FieldValue::List(items) => items.hash(hasher),
        }
    }
}

/// The names, sorted.
fn sorted(items: &[Spanned<Text>]) -> Vec<&str> {
    let mut names: Vec<&str> = items.iter().map(|i| i.value.as_str()).collect();
    names.sort_unstable();
    names
}

/// Writes `names` separated by commas, `(none)` when there is none.
fn write_names<'n>(f: &mut fmt::Formatter<'_>, names: impl ExactSizeIterator<Item = &'n str>) -> fmt::Result {
    if names.len() == 0 {
        return f.write_str("(none)");
    }
    for (i, name) in names.enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        f.write_str(name)?;
    }
    Ok(())
}

impl FieldValue<'_> {
    /// Whether the value is a secret's, which is shown as "set" or "not set" only.
    pub fn is_secret(&self) -> bool {
        matches!(self, FieldValue::Secret(_))
    }
}

impl fmt::Display for FieldValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::Text(text) => f.write_str(text),
            FieldValue::Number(n) => write!(f, "{n}"),
            FieldValue::Bool(b) => f.write_str(if *b { "true" } else { "false" }),
            FieldValue::IsSet(set) | FieldValue::Secret(set) => f.write_str(if *set { "set" } else { "not set" }),
            FieldValue::Dn(dn) => write!(f, "{dn}"),
            FieldValue::DnRef(dn) => write!(f, "{dn}"),
            FieldValue::Names { items, ordered: true } => write_names(f, items.iter().map(|i| i.value.as_str())),
            FieldValue::Names { items, ordered: false } => write_names(f, sorted(items).into_iter()),
            FieldValue::List(items) => write_names(f, items.iter().map(|i| i.as_ref())),
        }
    }
}

/// One field of an object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field<'a> {
    /// Its name.
    pub name: FieldName<'a>,
    /// Its value.
    pub value: FieldValue<'a>,
}

/// One field that differs between two listings of an object: its value before and after,
/// `None` where that side does not list it (not set, or not carried by that export).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange<'a> {
    /// The field.
    pub name: FieldName<'a>,
    /// Its value in the old listing.
    pub before: Option<FieldValue<'a>>,
    /// Its value in the new listing.
    pub after: Option<FieldValue<'a>>,
}

/// The fields that differ between two listings of one object: in the new listing's order, then
/// those only the old one lists, in its order. Empty when the listings are equal.
pub fn changes<'a>(old: &[Field<'a>], new: &[Field<'a>]) -> Vec<FieldChange<'a>> {
    if old == new {
        return Vec::new();
    }
    let mut old_by_name: std::collections::HashMap<FieldName<'a>, &FieldValue<'a>> =
        old.iter().map(|f| (f.name, &f.value)).collect();
    let mut out = Vec::new();
    for field in new {
        match old_by_name.remove(&field.name) {
            Some(before) if *before == field.value => {}
            before => {
                out.push(FieldChange { name: field.name, before: before.cloned(), after: Some(field.value.clone()) })
            }
        }
    }
    for field in old {
        if old_by_name.remove(&field.name).is_some() {
            out.push(FieldChange { name: field.name, before: Some(field.value.clone()), after: None });
        }
    }
    out
}

/// What objects of one kind are matched by ([`Record::identity`]): up to three parts.
pub type Identity<'a> = [Cow<'a, str>; 3];

/// One object of a kind [`KINDS`] lists.
#[derive(Clone, Copy, Debug)]
pub enum Record<'a> {
    /// A phone or device profile.
    Device(&'a Device),
    /// An end user.
    EndUser(&'a EndUser),
    /// An application user.
    AppUser(&'a AppUser),
    /// A Common Device Configuration.
    CommonDeviceConfig(&'a CommonDeviceConfig),
    /// A line group.
    LineGroup(&'a LineGroup),
    /// A service parameter.
    ServiceParameter(&'a ServiceParameter),
    /// An enterprise parameter.
    EnterpriseParameter(&'a EnterpriseParameter),
    /// A directory number.
    DirectoryNumber(&'a DirectoryNumber),
    /// A route partition.
    Partition(&'a Partition),
    /// A calling search space.
    Css(&'a CallingSearchSpace),
    /// A route pattern, translation pattern or hunt pilot.
    DialPattern(&'a DialPattern),
    /// A hunt list.
    HuntList(&'a HuntList),
    /// A route list.
    RouteList(&'a RouteList),
    /// A route group.
    RouteGroup(&'a RouteGroup),
    /// A trunk, by name: the model holds nothing else of it.
    Trunk(&'a Spanned<Text>),
    /// A UCCX resource.
    UccxResource(&'a UccxResource),
    /// An IP phone service.
    PhoneService(&'a PhoneService),
    /// A UC service.
    UcService(&'a UcService),
    /// A credential policy.
    CredentialPolicy(&'a CredentialPolicy),
    /// A phone security profile.
    PhoneSecurityProfile(&'a PhoneSecurityProfile),
    /// An access control group.
    AccessControlGroup(&'a AccessControlGroup),
}

impl<'a> Record<'a> {
    /// The key two exports' objects are matched by: the object key (`phone:SEP…`), and for a
    /// service parameter the server too, as one parameter may be set per node.
    pub fn key(&self) -> String {
        match self {
            Record::Device(d) => d.key().to_string(),
            Record::EndUser(u) => u.key().to_string(),
            Record::AppUser(u) => u.key().to_string(),
            Record::CommonDeviceConfig(c) => format!("cdc:{}", c.name.value),
            Record::LineGroup(g) => format!("linegroup:{}", g.name.value),
            Record::ServiceParameter(p) => format!("{} on {}", p.key(), p.server.value),
            Record::EnterpriseParameter(p) => format!("enterpriseparam:{}", p.name.value),
            Record::DirectoryNumber(dn) => dn.key().to_string(),
            Record::Partition(p) => p.key().to_string(),
            Record::Css(c) => c.key().to_string(),
            Record::DialPattern(p) => p.key().to_string(),
            Record::HuntList(h) => h.key().to_string(),
            Record::RouteList(r) => r.key().to_string(),
            Record::RouteGroup(r) => format!("routegroup:{}", r.name.value),
            Record::Trunk(t) => format!("trunk:{}", t.value),
            Record::UccxResource(r) => r.key().to_string(),
            Record::PhoneService(s) => s.key().to_string(),
            Record::UcService(s) => s.key().to_string(),
            Record::CredentialPolicy(p) => p.key().to_string(),
            Record::PhoneSecurityProfile(p) => format!("phonesecurityprofile:{}", p.name.value),
            Record::AccessControlGroup(g) => format!("accesscontrolgroup:{}", g.name.value),
        }
    }

    /// What two exports' objects of one kind are matched by, borrowed from the record: the
    /// parts of [`Record::key`] without its kind (equal identities, equal keys), so that the
    /// objects of a megacluster are sorted and matched without a key made for each.
    pub fn identity(&self) -> Identity<'a> {
        let name = |text: &'a Text| [Cow::Borrowed(text.as_str()), Cow::Borrowed(""), Cow::Borrowed("")];
        match *self {
            Record::Device(d) => name(&d.name.value),
            Record::EndUser(u) => name(&u.user_id.value),
            Record::AppUser(u) => name(&u.name.value),
            Record::CommonDeviceConfig(c) => name(&c.name.value),
            Record::LineGroup(g) => name(&g.name.value),
            Record::ServiceParameter(p) => [
                Cow::Borrowed(p.service.value.as_str()),
                Cow::Borrowed(p.name.value.as_str()),
                Cow::Borrowed(p.server.value.as_str()),
            ],
            Record::EnterpriseParameter(p) => name(&p.name.value),
            Record::DirectoryNumber(dn) => [
                Cow::Borrowed(dn.dn.value.pattern.as_str()),
                Cow::Borrowed(dn.dn.value.partition.as_str()),
                Cow::Borrowed(""),
            ],
            Record::Partition(p) => name(&p.name.value),
            Record::Css(c) => name(&c.name.value),
            // Normalised as its key is (`\+`, a `NULL` partition): a few thousand per cluster.
            Record::DialPattern(p) => [Cow::Owned(p.dn_key().to_string()), Cow::Borrowed(""), Cow::Borrowed("")],
            Record::HuntList(h) => name(&h.name.value),
            Record::RouteList(r) => name(&r.name.value),
            Record::RouteGroup(r) => name(&r.name.value),
            Record::Trunk(t) => name(&t.value),
            Record::UccxResource(r) => name(&r.user_id.value),
            Record::PhoneService(s) => name(&s.name.value),
            Record::UcService(s) => name(&s.name.value),
            Record::CredentialPolicy(p) => name(&p.name.value),
            Record::PhoneSecurityProfile(p) => name(&p.name.value),
            Record::AccessControlGroup(g) => name(&g.name.value),
        }
    }

    /// Clears `out` and writes the object's fields into it, in a fixed order.
    pub fn fields(&self, out: &mut Vec<Field<'a>>) {
        out.clear();
        self.list(&mut Writer { sink: Sink::Write(out), scope: Scope::Object });
    }

    /// A 64-bit digest of the object's fields, without listing them: two objects whose digests
    /// are equal have, but for a chance of one in 2^64, equal fields; how a megacluster's
    /// unchanged objects are told unchanged, each field hashed where it is rather than copied
    /// into a listing and compared. The model holds no secret, so no digest is of one.
    pub fn digest(&self) -> u64 {
        let mut w = Writer { sink: Sink::Digest(FxHasher::default()), scope: Scope::Object };
        self.list(&mut w);
        match w.sink {
            Sink::Digest(hasher) => hasher.finish(),
            Sink::Write(_) => 0,
        }
    }

    fn list(&self, w: &mut Writer<'_, 'a>) {
        match *self {
            Record::Device(d) => device(d, w),
            Record::EndUser(u) => end_user(u, w),
            Record::AppUser(u) => {
                w.list("controlled devices", &u.controlled_devices, true);
                w.list("controlled profiles", &u.controlled_profiles, true);
                w.list("groups", &u.groups, true);
            }
            Record::CommonDeviceConfig(c) => w.text("IP addressing mode", &c.ip_addressing_mode),
            Record::LineGroup(g) => {
                let members = g.members.iter().map(|m| Cow::Owned(m.value.to_string())).collect();
                w.push("members", FieldValue::List(members));
            }
            Record::ServiceParameter(p) => w.push("value", FieldValue::Text(&p.value.value)),
            Record::EnterpriseParameter(p) => w.push("value", FieldValue::Text(&p.value.value)),
            Record::DirectoryNumber(dn) => directory_number(dn, w),
            Record::Partition(p) => w.text("time schedule", &p.time_schedule),
            Record::Css(c) => w.list("partitions", &c.partitions, false),
            Record::DialPattern(p) => dial_pattern(p, w),
            Record::HuntList(h) => w.list("line groups", &h.line_groups, false),
            Record::RouteList(r) => w.list("route groups", &r.route_groups, false),
            Record::RouteGroup(r) => w.list("devices", &r.devices, false),
            Record::Trunk(_) => {}
            Record::UccxResource(r) => {
                w.dn_ref("extension", &r.extension);
                w.text("resource type", &r.resource_type);
                w.text("team", &r.team);
            }
            Record::PhoneService(s) => {
                w.text("service URL", &s.url);
                w.text("secure service URL", &s.secure_url);
                w.text("service category", &s.category);
                w.text("service type", &s.service_type);
                w.flag("enable", &s.enabled);
                w.flag("enterprise subscription", &s.enterprise_subscription);
                if let Some(parameters) = &s.parameters {
                    w.list("parameters", parameters, true);
                }
            }
            Record::UcService(s) => {
                w.text("UC service type", &s.service_type);
                w.text("product type", &s.product_type);
                w.text("host name/IP address", &s.host);
                w.number("port", &s.port);
                w.text("protocol", &s.protocol);
            }
            Record::CredentialPolicy(p) => w.number("inactive days allowed", &p.inactive_days_allowed),
            Record::PhoneSecurityProfile(p) => w.text("device security mode", &p.security_mode),
            Record::AccessControlGroup(g) => w.list("roles", &g.roles, true),
        }
    }
}

/// A kind of object `diff` compares: its plural name, the data set both exports must hold for
/// its objects to be compared, and its objects in a cluster.
#[derive(Clone, Copy)]
pub struct ObjectKind {
    /// Plural name, as the run summary writes it ("Phones").
    pub name: &'static str,
    /// The data both sides must have read.
    pub data: DataSet,
    /// Its objects in a cluster.
    pub records: for<'a> fn(&'a Cluster) -> Vec<Record<'a>>,
}

impl fmt::Debug for ObjectKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ObjectKind").field("name", &self.name).field("data", &self.data).finish()
    }
}

/// The dial patterns of one kind.
fn patterns(cluster: &Cluster, kind: PatternKind) -> Vec<Record<'_>> {
    cluster.dial_patterns.iter().filter(|p| p.kind == kind).map(Record::DialPattern).collect()
}

/// Every kind `diff` compares, in the order it reports them.
pub const KINDS: &[ObjectKind] = &[
    ObjectKind { name: "Phones", data: DataSet::Phones, records: |c| c.phones.iter().map(Record::Device).collect() },
    ObjectKind {
        name: "Device profiles",
        data: DataSet::DeviceProfiles,
        records: |c| c.device_profiles.iter().map(Record::Device).collect(),
    },
    ObjectKind {
        name: "End users",
        data: DataSet::EndUsers,
        records: |c| c.end_users.iter().map(Record::EndUser).collect(),
    },
    ObjectKind {
        name: "Application users",
        data: DataSet::AppUsers,
        records: |c| c.app_users.iter().map(Record::AppUser).collect(),
    },
    ObjectKind {
        name: "Directory numbers",
        data: DataSet::DirectoryNumbers,
        records: |c| c.directory_numbers.iter().map(Record::DirectoryNumber).collect(),
    },
    ObjectKind {
        name: "Common Device Configurations",
        data: DataSet::CommonDeviceConfigs,
        records: |c| c.common_device_configs.iter().map(Record::CommonDeviceConfig).collect(),
    },
    ObjectKind {
        name: "Line groups",
        data: DataSet::LineGroups,
        records: |c| c.line_groups.iter().map(Record::LineGroup).collect(),
    },
    ObjectKind {
        name: "Service parameters",
        data: DataSet::ServiceParameters,
        records: |c| c.service_parameters.iter().map(Record::ServiceParameter).collect(),
    },
    ObjectKind {
        name: "Enterprise parameters",
        data: DataSet::EnterpriseParameters,
        records: |c| c.enterprise_parameters.iter().map(Record::EnterpriseParameter).collect(),
    },
    ObjectKind {
        name: "Route partitions",
        data: DataSet::Partitions,
        records: |c| c.partitions.iter().map(Record::Partition).collect(),
    },
    ObjectKind {
        name: "Calling search spaces",
        data: DataSet::CallingSearchSpaces,
        records: |c| c.calling_search_spaces.iter().map(Record::Css).collect(),
    },
    ObjectKind {
        name: "Route patterns",
        data: DataSet::RoutePatterns,
        records: |c| patterns(c, PatternKind::RoutePattern),
    },
    ObjectKind {
        name: "Translation patterns",
        data: DataSet::TranslationPatterns,
        records: |c| patterns(c, PatternKind::TranslationPattern),
    },
    ObjectKind { name: "Hunt pilots", data: DataSet::HuntPilots, records: |c| patterns(c, PatternKind::HuntPilot) },
    ObjectKind {
        name: "Hunt lists",
        data: DataSet::HuntLists,
        records: |c| c.hunt_lists.iter().map(Record::HuntList).collect(),
    },
    ObjectKind {
        name: "Route lists",
        data: DataSet::RouteLists,
        records: |c| c.route_lists.iter().map(Record::RouteList).collect(),
    },
    ObjectKind {
        name: "Route groups",
        data: DataSet::RouteGroups,
        records: |c| c.route_groups.iter().map(Record::RouteGroup).collect(),
    },
    ObjectKind { name: "Trunks", data: DataSet::Trunks, records: |c| c.trunks.iter().map(Record::Trunk).collect() },
    ObjectKind {
        name: "UCCX resources",
        data: DataSet::UccxResources,
        records: |c| c.uccx_resources.iter().map(Record::UccxResource).collect(),
    },
    ObjectKind {
        name: "Phone services",
        data: DataSet::PhoneServices,
        records: |c| c.phone_services.iter().map(Record::PhoneService).collect(),
    },
    ObjectKind {
        name: "UC services",
        data: DataSet::UcServices,
        records: |c| c.uc_services.iter().map(Record::UcService).collect(),
    },
    ObjectKind {
        name: "Credential policies",
        data: DataSet::CredentialPolicies,
        records: |c| c.credential_policies.iter().map(Record::CredentialPolicy).collect(),
    },
    ObjectKind {
        name: "Phone security profiles",
        data: DataSet::PhoneSecurityProfiles,
        records: |c| c.phone_security_profiles.iter().map(Record::PhoneSecurityProfile).collect(),
    },
    ObjectKind {
        name: "Access control groups",
        data: DataSet::AccessControlGroups,
        records: |c| c.access_control_groups.iter().map(Record::AccessControlGroup).collect(),
    },
];

/// One kind's comparison of two clusters.
#[derive(Debug)]
pub struct KindChanges<'a> {
    /// The kind.
    pub kind: &'static ObjectKind,
    /// Whether the old and the new cluster read the kind's data: its objects are compared only
    /// when both did, and the lists below are empty otherwise.
    pub read: [bool; 2],
    /// Keys of the objects only the new cluster has, sorted.
    pub added: Vec<String>,
    /// Keys of the objects only the old cluster has, sorted.
    pub removed: Vec<String>,
    /// Keys of the objects both have whose fields differ, sorted, with the fields that do.
    pub changed: Vec<(String, Vec<FieldChange<'a>>)>,
}

/// Compares two clusters kind by kind ([`KINDS`], in its order): objects are matched by
/// [`Record::identity`], and records of one identity (lists that keep every record) pair in
/// input order.
///
/// A megacluster has some 320,000 objects on each side: they are matched by a hash join on
/// their borrowed identities, and the matched objects' fields compared on every core; only the
/// few objects a change touched get a key, and the lists are sorted by it (so the result does
/// not depend on the number of cores, or on the order of the records).
pub fn compare<'a>(old: &'a Cluster, new: &'a Cluster) -> Vec<KindChanges<'a>> {
    KINDS.iter().map(|kind| compare_kind(kind, old, new)).collect()
}

fn compare_kind<'a>(kind: &'static ObjectKind, old: &'a Cluster, new: &'a Cluster) -> KindChanges<'a> {
    let read = [old.has(kind.data), new.has(kind.data)];
    let mut result = KindChanges { kind, read, added: Vec::new(), removed: Vec::new(), changed: Vec::new() };
    if read != [true, true] {
        return result;
    }
    let (before, after): (Vec<Record<'a>>, Vec<Record<'a>>) =
        rayon::join(|| (kind.records)(old), || (kind.records)(new));
    let (before_ids, after_ids): (Vec<Identity<'a>>, Vec<Identity<'a>>) = rayon::join(
        || before.par_iter().map(Record::identity).collect(),
        || after.par_iter().map(Record::identity).collect(),
    );
    // A hash join: each old record's identity once into a map, each new one looked up (sorting
    // both sides by identity compared each name some 17 times). Records of one identity
    // are chained in input order, and pair in that order.
    const NONE: usize = usize::MAX;
    let mut next = vec![NONE; before.len()];
    let mut first: FxHashMap<&Identity<'a>, usize> = FxHashMap::default();
    first.reserve(before.len());
    for (i, id) in before_ids.iter().enumerate().rev() {
        next[i] = first.insert(id, i).unwrap_or(NONE);
    }
    // Looked up on every core. A lookup reads the old record's name, a cache miss, so an
    // identity of one old record is compared with it there and then, while the record is at
    // hand: equal digests, an unchanged object. Then paired in input order: an identity of one
    // record pairs with it, one of several with the first of them not yet paired.
    let looked: Vec<(usize, bool)> = after_ids
        .par_iter()
        .zip(&after)
        .map(|(id, record)| match first.get(id) {
            Some(&i) if next[i] == NONE => (i, before[i].digest() == record.digest()),
            Some(&i) => (i, false),
            None => (NONE, false),
        })
        .collect();
    let mut matched = vec![false; before.len()];
    let mut differ = Vec::new();
    for (j, (head, same)) in looked.into_iter().enumerate() {
        let mut i = head;
        while i != NONE && matched[i] {
            i = next[i];
        }
        if i == NONE {
            result.added.push(after[j].key());
            continue;
        }
        matched[i] = true;
        // `same` was worked out against `head`, which is `i` unless an earlier record took it.
        if !(same && i == head) {
            differ.push((i, j));
        }
    }
    result.removed = before.iter().zip(&matched).filter(|(_, m)| !**m).map(|(r, _)| r.key()).collect();
    result.changed = differ
        .par_iter()
        .map_init(
            || (Vec::new(), Vec::new()),
            |(a, b), &(i, j)| {
                before[i].fields(a);
                after[j].fields(b);
                let fields = changes(a, b);
                (!fields.is_empty()).then(|| (after[j].key(), fields))
            },
        )
        .flatten()
        .collect();
    // Sorted by key for the reader: these are the few objects a change touched.
    result.added.sort_unstable();
    result.removed.sort_unstable();
    result.changed.sort_by(|x, y| x.0.cmp(&y.0));
    result
}

/// Writes fields in one scope.
struct Writer<'o, 'a> {
    sink: Sink<'o, 'a>,
    scope: Scope<'a>,
}

/// Where a [`Writer`]'s fields go.
enum Sink<'o, 'a> {
    /// Into a listing.
    Write(&'o mut Vec<Field<'a>>),
    /// Into a digest ([`Record::digest`]).
    Digest(FxHasher),
}

impl<'a> Writer<'_, 'a> {
    fn push(&mut self, name: &'static str, value: FieldValue<'a>) {
        let name = FieldName { scope: self.scope, name };
        match &mut self.sink {
            Sink::Write(out) => out.push(Field { name, value }),
            Sink::Digest(hasher) => {
                // A field is named by the same literal of the same lister on both sides: its
                // address stands for its text within a run.
                name.scope.hash(hasher);
                hasher.write_usize(name.name.as_ptr() as usize);
                value.digest(hasher);
            }
        }
    }

    fn text(&mut self, name: &'static str, value: &'a Option<Spanned<Text>>) {
        if let Some(v) = value {
            self.push(name, FieldValue::Text(&v.value));
        }
    }

    fn flag(&mut self, name: &'static str, value: &Option<Spanned<bool>>) {
        if let Some(v) = value {
            self.push(name, FieldValue::Bool(v.value));
        }
    }

    fn is_set(&mut self, name: &'static str, value: &Option<Spanned<bool>>) {
        if let Some(v) = value {
            self.push(name, FieldValue::IsSet(v.value));
        }
    }

    fn number(&mut self, name: &'static str, value: &Option<Spanned<u32>>) {
        if let Some(v) = value {
            self.push(name, FieldValue::Number(v.value));
        }
    }

    fn dn_ref(&mut self, name: &'static str, value: &'a Option<Spanned<DnRef>>) {
        if let Some(v) = value {
            self.push(name, FieldValue::DnRef(&v.value));
        }
    }

    /// A list of names; `unordered` when its order means nothing (it is then compared and
    /// shown sorted). An empty list is not listed: the exports do not tell an empty list from
    /// one not carried.
    fn list(&mut self, name: &'static str, items: &'a [Spanned<Text>], unordered: bool) {
        if !items.is_empty() {
            self.push(name, FieldValue::Names { items, ordered: !unordered });
        }
    }
}

fn device<'a>(d: &'a Device, w: &mut Writer<'_, 'a>) {
    w.text("device type", &d.model);
    w.text("common device configuration", &d.common_device_config);
    w.text("device security profile", &d.security_profile);
    w.text("calling search space", &d.css);
    w.flag("allow control of device from CTI", &d.allow_cti_control);
    w.flag("enable extension mobility", &d.extension_mobility);
    w.text("log out profile", &d.logout_profile);
    w.text("services provisioning", &d.services_provisioning);
    w.text("user locale", &d.user_locale);
    w.text("owner user ID", &d.owner_user_id);
    w.text("login user ID", &d.login_user_id);
    w.text("built in bridge", &d.built_in_bridge);
    w.text("join across lines", &d.join_across_lines);
    w.text("single button barge", &d.single_button_barge);
    w.text("device mobility mode", &d.device_mobility_mode);
    w.is_set("EMCC calling search space", &d.emcc_css);
    w.list("application users", &d.application_users, true);
    if let Some(subscriptions) = &d.subscriptions {
        // The services, never the subscription URLs (which may carry parameter values).
        let mut services: Vec<Cow<'a, str>> = subscriptions
            .value
            .iter()
            .filter_map(|s| s.service.as_ref().or(s.name.as_ref()))
            .map(|s| Cow::Borrowed(s.value.as_str()))
            .collect();
        services.sort_unstable();
        w.push("subscribed services", FieldValue::List(services));
    }
    // By button: the order they are read in, nearly always (sorted only when it is not, which
    // spares every device of a megacluster a vector).
    let sorted;
    let lines: &mut dyn Iterator<Item = &'a crate::Line> = if d.lines.is_sorted_by_key(|l| l.index.value) {
        &mut d.lines.iter()
    } else {
        sorted = d.lines_by_index();
        &mut sorted.into_iter()
    };
    for line in lines {
        w.scope = Scope::Line(line.index.value);
        w.push("directory number", FieldValue::Dn(&line.dn.value));
        w.number("maximum number of calls", &line.max_calls);
        w.number("busy trigger", &line.busy_trigger);
        w.flag("allow control of device from CTI", &line.allow_cti_control);
        w.text("auto answer", &line.auto_answer);
        w.number("hold reversion ring duration", &line.hold_reversion_ring_duration);
        w.text("calling search space", &line.css);
    }
    for (i, line) in d.intercom_lines.iter().enumerate() {
        w.scope = Scope::Intercom(i + 1);
        w.push("directory number", FieldValue::Dn(&line.dn.value));
        w.text("default activated device", &line.default_activated_device);
    }
    if let Some(vendor) = &d.vendor_config {
        for setting in &vendor.settings {
            w.scope = Scope::Setting(&setting.name);
            w.push("product-specific", FieldValue::Text(&setting.value.value));
        }
    }
    w.scope = Scope::Object;
}

fn end_user<'a>(u: &'a EndUser, w: &mut Writer<'_, 'a>) {
    w.dn_ref("IPCC extension", &u.ipcc_extension);
    w.dn_ref("primary extension", &u.primary_extension);
    w.list("controlled devices", &u.controlled_devices, true);
    w.list("controlled profiles", &u.controlled_profiles, true);
    w.list("groups", &u.groups, true);
    if let Some(set) = &u.digest_credentials {
        w.push("digest credentials", FieldValue::Secret(set.value));
    }
    w.text("user locale", &u.user_locale);
    w.flag("allow control of device from CTI", &u.enable_cti);
    w.flag("enable user for IM and Presence", &u.imp_enabled);
    w.flag("home cluster", &u.home_cluster);
    w.is_set("SUBSCRIBE calling search space", &u.subscribe_css);
    w.flag("enable extension mobility cross cluster", &u.enable_emcc);
    w.text("default profile", &u.default_profile);
    w.is_set("UC service profile", &u.uc_service_profile);
    w.is_set("self-service user ID", &u.self_service_id);
    if let Some(lines) = &u.presence_lines {
        let mut directories: Vec<Cow<'a, str>> = lines
            .value
            .iter()
            .filter(|l| l.associate.as_ref().is_none_or(|a| a.value))
            .filter_map(|l| l.directory.as_ref().map(|d| Cow::Borrowed(d.value.as_str())))
            .collect();
        directories.sort_unstable();
        w.push("lines associated for presence", FieldValue::List(directories));
    }
}

fn directory_number<'a>(dn: &'a DirectoryNumber, w: &mut Writer<'_, 'a>) {
    w.list("associated devices", &dn.associated_devices, true);
    w.flag("allow control of device from CTI", &dn.allow_cti_control);
    w.text("call pickup group", &dn.call_pickup_group);
    for forward in &dn.forwards {
        w.push(forward.kind, FieldValue::Text(&forward.destination.value));
    }
    w.number("hold reversion ring duration", &dn.hold_reversion_ring_duration);
    w.text("auto answer", &dn.auto_answer);
    w.text("calling search space", &dn.css);
}

fn dial_pattern<'a>(p: &'a DialPattern, w: &mut Writer<'_, 'a>) {
    w.flag("block this pattern", &p.blocked);
    w.flag("urgent priority", &p.urgent);
    w.text("route filter", &p.route_filter);
    w.text("discard digits", &p.called.discard);
    w.text("called party transform mask", &p.called.mask);
    w.text("called party prefix digits", &p.called.prefix);
    w.text("destination", &p.destination);
    w.text("calling search space", &p.css);
    w.flag("use originator's calling search space", &p.use_originator_css);
    w.flag("do not wait for interdigit timeout on subsequent hops", &p.dont_wait_for_idt);
    w.flag("route next hop by calling party number", &p.route_next_hop_by_calling);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DeviceKind, Line, SourceId, Span};

    fn spanned<T>(value: T) -> Spanned<T> {
        Spanned::new(value, Span::new(SourceId::new(0), 0, 1))
    }

    fn phone(max_calls: u32) -> Device {
        let mut d = Device::new(DeviceKind::Phone, spanned("SEP1".into()), Span::new(SourceId::new(0), 0, 1));
        d.model = Some(spanned("Cisco 8841".into()));
        let mut line = Line::new(spanned(1), spanned(DnKey::new("4001", "PT")));
        line.max_calls = Some(spanned(max_calls));
        d.lines.push(line);
        d
    }

    #[test]
    fn a_changed_line_setting_is_one_change_named_after_its_line() {
        let (old, new) = (phone(4), phone(2));
        let (mut a, mut b) = (Vec::new(), Vec::new());
        Record::Device(&old).fields(&mut a);
        Record::Device(&new).fields(&mut b);
        let changes = changes(&a, &b);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].name.to_string(), "line 1 maximum number of calls");
        assert_eq!(changes[0].before, Some(FieldValue::Number(4)));
        assert_eq!(changes[0].after, Some(FieldValue::Number(2)));
        Record::Device(&old).fields(&mut b);
        assert!(super::changes(&a, &b).is_empty());
        assert_eq!(Record::Device(&old).digest(), Record::Device(&phone(4)).digest());
        assert_ne!(Record::Device(&old).digest(), Record::Device(&new).digest());
    }

    #[test]
    fn a_field_on_one_side_only_is_set_on_that_side() {
        let old = phone(2);
        let mut new = phone(2);
        new.model = None;
        new.css = Some(spanned("CSS_A".into()));
        let (mut a, mut b) = (Vec::new(), Vec::new());
        Record::Device(&old).fields(&mut a);
        Record::Device(&new).fields(&mut b);
        let changes: Vec<String> = changes(&a, &b)
            .iter()
            .map(|c| format!("{}: {:?} -> {:?}", c.name, c.before.as_ref().map(|v| v.to_string()), c.after))
            .collect();
        assert_eq!(
            changes,
            ["calling search space: None -> Some(Text(\"CSS_A\"))", "device type: Some(\"Cisco 8841\") -> None",]
        );
    }

    #[test]
    fn unordered_names_compare_and_show_sorted_and_ordered_ones_as_they_are() {
        let names = |names: &[&str]| names.iter().map(|n| spanned(Text::from(*n))).collect::<Vec<_>>();
        let (ab, ba) = (names(&["b", "a"]), names(&["a", "b"]));
        let unordered = |items| FieldValue::Names { items, ordered: false };
        let ordered = |items| FieldValue::Names { items, ordered: true };
        assert_eq!(unordered(&ab), unordered(&ba));
        assert_eq!(unordered(&ab).to_string(), "a, b");
        assert_ne!(ordered(&ab), ordered(&ba));
        assert_eq!(ordered(&ab).to_string(), "b, a");
        let (ac, a) = (names(&["a", "c"]), names(&["a"]));
        assert_ne!(unordered(&ab), unordered(&ac));
        assert_ne!(unordered(&ab), unordered(&a));
        let digest = |value: FieldValue<'_>| {
            let mut h = FxHasher::default();
            value.digest(&mut h);
            h.finish()
        };
        assert_eq!(digest(unordered(&ab)), digest(unordered(&ba)), "equal values, equal digests");
        assert_ne!(digest(ordered(&ab)), digest(ordered(&ba)));
        assert_ne!(digest(unordered(&ab)), digest(unordered(&ac)));
    }

    #[test]
    fn digest_credentials_are_only_ever_set_or_not_set() {
        let mut user = EndUser::new(spanned("agent01".into()), Span::new(SourceId::new(0), 0, 1));
        user.digest_credentials = Some(spanned(true));
        let mut fields = Vec::new();
        Record::EndUser(&user).fields(&mut fields);
        let digest = fields.iter().find(|f| f.name.name == "digest credentials").map(|f| &f.value);
        assert_eq!(digest, Some(&FieldValue::Secret(true)));
        assert!(digest.is_some_and(FieldValue::is_secret));
        assert_eq!(digest.map(ToString::to_string).as_deref(), Some("set"));
    }
}
