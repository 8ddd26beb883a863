//! Combines the records of every file into one object per key.
//!
//! Users export what their access allows, so one object often arrives in pieces: a phone from
//! `getPhone` and its lines from SQL, a user from the BAT tar and again from `getUser`, one SQL
//! row per line or association. Each list of the [`Cluster`] names how its records combine where
//! the lists are declared ([`uclint_model::cluster_lists`]), and the merge is generated from that
//! declaration: by name (phone, device profile, end user), by key (application user, Common
//! Device Configuration, line group, LDAP directory agreement, UC service, credential policy,
//! phone security profile and access control group by name; service parameter by server,
//! service and name; UCCX resource by user ID; directory and intercom numbers by pattern and
//! partition; see `Keyed`), as one object (LDAP authentication, LDAP system settings), as a
//! union of names (remote clusters), or appended as read. Each list is merged across all the
//! files at once, on a task of its own, in input order, so the result never depends on thread
//! count.
//!
//! A field set in only one record is taken from it; lists are joined without repeats; lines are
//! matched by button index. When two records give different values for one field the first is
//! kept and INPUT006 points at both (`Merge` says how each kind's fields combine).

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry;
use std::fmt::Display;
use std::hash::Hash;
use std::marker::PhantomData;

use uclint_model::{
    AccessControlGroup, AppUser, CallingSearchSpace, Cluster, CommonDeviceConfig, CredentialPolicy, Device, Diagnostic,
    DialPattern, DirectoryNumber, DnKey, DnRef, EndUser, EnterpriseParameter, HuntList, IntercomNumber,
    LdapAuthentication, LdapDirectory, LdapServer, LdapSystem, Line, LineGroup, ObjectKey, Partition, PatternKind,
    PhoneSecurityProfile, PhoneService, PositionTable, RouteGroup, RouteList, ServiceParameter, Spanned,
    SubscribedService, Text, UcService, UccxResource,
};

use crate::codes;

/// Merges clusters one after the other, remembering where each key's object is.
#[derive(Default)]
pub struct Merger {
    cluster: Cluster,
    policies: Policies,
    diagnostics: Vec<Diagnostic>,
}

/// A task that merges one list's records from every file, giving the conflicts it found.
type ListTask<'a> = Box<dyn FnOnce() -> Vec<Diagnostic> + Send + 'a>;

/// Generates, from the declaration of the cluster's lists, each list's merge state
/// ([`Policies`]), the files' records by list ([`Files`]) and [`Merger::add_all`].
macro_rules! merge_lists {
    ($($(#[$doc:meta])* $field:ident: Vec<$record:ty> => $policy:ident $(, $kind:literal)?;)*) => {
        /// Each list's merge state, of the policy its declaration names.
        #[derive(Default)]
        struct Policies {
            $($field: $policy<$record>,)*
        }

        /// Each list's records, one `Vec` per file, in input order.
        #[derive(Default)]
        struct Files {
            $($field: Vec<Vec<$record>>,)*
        }

        impl Merger {
            /// Adds every record of `clusters`, in order, as [`Merger::add`] of each would. Each
            /// list is merged across all the clusters at once, on a task of its own, rather than
            /// file by file: an AXL export holds each kind in files of its own, so one file at a
            /// time would keep one thread busy. The conflicts are appended in the lists' order.
            pub fn add_all(&mut self, clusters: Vec<Cluster>) {
                let mut files = Files::default();
                for cluster in clusters {
                    let Cluster { $($field,)* present, export_header } = cluster;
                    $(files.$field.push($field);)*
                    self.cluster.present.extend(present);
                    // What each export says of itself: the first input's value of each field, so
                    // that the report names the export given first (inputs are in a fixed order).
                    // Two exports taken at different times are not a conflict worth a finding.
                    self.cluster.export_header.fill_from(export_header);
                }
                let mut tasks: Vec<ListTask<'_>> = Vec::new();
                $(
                    let (list, policy, by_file) = (&mut self.cluster.$field, &mut self.policies.$field, files.$field);
                    tasks.push(Box::new(move || {
                        let mut out = Vec::new();
                        for records in by_file {
                            policy.add(list, records, &mut out);
                        }
                        out
                    }));
                )*
                let conflicts: Vec<Vec<Diagnostic>> = tasks.into_par_iter().with_max_len(1).map(|task| task()).collect();
                self.diagnostics.extend(conflicts.into_iter().flatten());
            }
        }
    };
}

uclint_model::cluster_lists!(merge_lists);

impl Merger {
    /// Adds every record of `other`, merging those whose key was seen before.
    pub fn add(&mut self, other: Cluster) {
        self.add_all(vec![other]);
    }

    /// The merged cluster and the conflicts found: list by list, in the order the lists are
    /// declared, each list's in input order.
    pub fn finish(self) -> (Cluster, Vec<Diagnostic>) {
        (self.cluster, self.diagnostics)
    }
}

/// How one list's records combine, file after file: the policy a list names in the
/// declaration of the cluster's lists.
trait Policy: Default {
    /// What the list holds.
    type Record;

    /// Adds one file's records to the list, merging those of an object already in it.
    fn add(&mut self, list: &mut Vec<Self::Record>, records: Vec<Self::Record>, out: &mut Vec<Diagnostic>);
}

/// How two records of one object combine into the first: a field set in only one is taken from
/// it, lists are joined, and a field the two set differently keeps the first value and is
/// reported (INPUT006) in `out`.
trait Merge {
    /// Merges `new` into this record.
    fn merge(&mut self, new: Self, out: &mut Vec<Diagnostic>);
}

/// What records of one object share, for [`ByKey`].
trait Keyed {
    /// The key: a name, a user ID, a directory number, ….
    type Key: Hash + Eq;

    /// This record's key.
    fn merge_key(&self) -> Self::Key;
}

/// What records of one object share, for [`ByName`].
trait Named {
    /// The name.
    fn name(&self) -> &str;
}

/// Every record kept as read, in input order.
struct Append<T>(PhantomData<fn() -> T>);

impl<T> Default for Append<T> {
    fn default() -> Self {
        Append(PhantomData)
    }
}

impl<T> Policy for Append<T> {
    type Record = T;

    fn add(&mut self, list: &mut Vec<T>, mut records: Vec<T>, _: &mut Vec<Diagnostic>) {
        list.append(&mut records);
    }
}

/// Names joined without repeats, each with its first span.
struct Union<T>(PhantomData<fn() -> T>);

impl<T> Default for Union<T> {
    fn default() -> Self {
        Union(PhantomData)
    }
}

impl Policy for Union<Spanned<Text>> {
    type Record = Spanned<Text>;

    fn add(&mut self, list: &mut Vec<Spanned<Text>>, records: Vec<Spanned<Text>>, _: &mut Vec<Diagnostic>) {
        union(list, records);
    }
}

/// One object per cluster: every later record is merged into the first.
struct One<T>(PhantomData<fn() -> T>);

impl<T> Default for One<T> {
    fn default() -> Self {
        One(PhantomData)
    }
}

impl<T: Merge> Policy for One<T> {
    type Record = T;

    fn add(&mut self, list: &mut Vec<T>, records: Vec<T>, out: &mut Vec<Diagnostic>) {
        for record in records {
            match list.first_mut() {
                Some(kept) => kept.merge(record, out),
                None => list.push(record),
            }
        }
    }
}

/// By [`Keyed::merge_key`], remembering where each key's object is.
struct ByKey<T: Keyed>(FxHashMap<T::Key, usize>);

impl<T: Keyed> Default for ByKey<T> {
    fn default() -> Self {
        ByKey(FxHashMap::default())
    }
}

impl<T: Keyed + Merge> Policy for ByKey<T> {
    type Record = T;

    /// Makes room for the file's records once: the list grows by doubling rather than by exactly
    /// each file's records, since an AXL export holds one kind in a hundred files or more, and
    /// each exact growth of a megacluster's list had glibc move the whole mapping (`mremap`);
    /// capacity past the end is address space that is never touched, not memory.
    fn add(&mut self, list: &mut Vec<T>, records: Vec<T>, out: &mut Vec<Diagnostic>) {
        let ByKey(index) = self;
        list.reserve(records.len());
        index.reserve(records.len());
        for record in records {
            match index.entry(record.merge_key()) {
                Entry::Occupied(at) => list[*at.get()].merge(record, out),
                Entry::Vacant(slot) => {
                    slot.insert(list.len());
                    list.push(record);
                }
            }
        }
    }
}

/// By [`Named::name`], for the big lists (phones, device profiles, end users), with a position
/// table holding where each name's record is rather than a map holding a copy of each name.
struct ByName<T>(PositionTable, PhantomData<fn() -> T>);

impl<T> Default for ByName<T> {
    fn default() -> Self {
        ByName(PositionTable::default(), PhantomData)
    }
}

impl<T: Named + Merge> Policy for ByName<T> {
    type Record = T;

    /// The first file's records are taken as they are, without moving them, when their names are
    /// unique (the common case: one `phone.csv`); otherwise, and for every later file, each record
    /// is appended, or merged into the record already stored under its name.
    fn add(&mut self, list: &mut Vec<T>, records: Vec<T>, out: &mut Vec<Diagnostic>) {
        let ByName(positions, _) = self;
        if list.is_empty() {
            positions.clear();
            positions.reserve(records.len(), |p| records[p as usize].name());
            let unique = (0..records.len() as u32)
                .all(|i| positions.insert(records[i as usize].name(), i, |p| records[p as usize].name()) == i);
            if unique {
                *list = records;
                return;
            }
            positions.clear();
        }
        list.reserve(records.len());
        positions.reserve(records.len(), |p| list[p as usize].name());
        for record in records {
            let next = list.len() as u32;
            match positions.insert(record.name(), next, |p| list[p as usize].name()) {
                held if held == next => list.push(record),
                held => list[held as usize].merge(record, out),
            }
        }
    }
}

impl Named for Device {
    fn name(&self) -> &str {
        &self.name.value
    }
}

impl Named for EndUser {
    fn name(&self) -> &str {
        &self.user_id.value
    }
}

/// Keys records by a field that is a `Spanned` value.
macro_rules! keyed_by {
    ($($record:ty => $field:ident: $key:ty;)*) => {$(
        impl Keyed for $record {
            type Key = $key;

            fn merge_key(&self) -> $key {
                self.$field.value.clone()
            }
        }
    )*};
}

keyed_by! {
    AppUser => name: Text;
    CommonDeviceConfig => name: Text;
    LineGroup => name: Text;
    EnterpriseParameter => name: Text;
    UccxResource => user_id: Text;
    DirectoryNumber => dn: DnKey;
    PhoneService => name: Text;
    LdapDirectory => name: Text;
    IntercomNumber => dn: DnKey;
    UcService => name: Text;
    CredentialPolicy => name: Text;
    PhoneSecurityProfile => name: Text;
    AccessControlGroup => name: Text;
    Partition => name: Text;
    CallingSearchSpace => name: Text;
    HuntList => name: Text;
    RouteList => name: Text;
    RouteGroup => name: Text;
}

impl Keyed for DialPattern {
    /// A pattern is unique by kind, pattern and partition (CUCM allows the same pattern in one
    /// partition only with a different route filter; dialplan.md §2.4).
    type Key = (PatternKind, DnKey, Option<Text>);

    fn merge_key(&self) -> Self::Key {
        (self.kind, self.dn_key(), self.route_filter.as_ref().map(|f| f.value.clone()))
    }
}

impl Keyed for ServiceParameter {
    /// A parameter is set per server: the same parameter on two nodes is two objects.
    type Key = (Text, Text, Text);

    fn merge_key(&self) -> Self::Key {
        (self.server.value.clone(), self.service.value.clone(), self.name.value.clone())
    }
}

/// Takes `new` into an unset `kept`, or reports a conflict when both are set and differ.
fn field<T: PartialEq + Display>(
    kept: &mut Option<Spanned<T>>,
    new: Option<Spanned<T>>,
    what: &str,
    object: &ObjectKey,
    out: &mut Vec<Diagnostic>,
) {
    match (kept.as_ref(), new) {
        (None, new) => *kept = new,
        (Some(k), Some(n)) if k.value != n.value => out.push(conflict(object, what, k, &n)),
        _ => {}
    }
}

fn conflict<T: Display>(object: &ObjectKey, what: &str, kept: &Spanned<T>, new: &Spanned<T>) -> Diagnostic {
    let message = format!(
        "{what} of {object} is `{}` here but `{}` in an earlier record; the earlier value is kept",
        new.value, kept.value
    );
    codes::CONFLICTING_VALUES
        .about(object.clone(), new.span, message)
        .with_label(kept.span, "earlier value")
        .with_help("Use exports taken at the same time, or drop the older one from the input")
}

/// Joins two lists of names, keeping the first span of each name.
fn union(kept: &mut Vec<Spanned<Text>>, new: Vec<Spanned<Text>>) {
    for item in new {
        if !kept.iter().any(|k| k.value == item.value) {
            kept.push(item);
        }
    }
}

/// A DN reference without a partition (BAT tar, AXL before 12.0) is completed, not contradicted,
/// by the same pattern with a partition.
fn dn_ref(
    kept: &mut Option<Spanned<DnRef>>,
    new: Option<Spanned<DnRef>>,
    what: &str,
    object: &ObjectKey,
    out: &mut Vec<Diagnostic>,
) {
    if let (Some(k), Some(n)) = (kept.as_ref(), new.as_ref()) {
        if k.value.pattern == n.value.pattern && (k.value.partition.is_none() || n.value.partition.is_none()) {
            if k.value.partition.is_none() {
                *kept = new;
            }
            return;
        }
    }
    field(kept, new, what, object, out);
}

impl Merge for Device {
    fn merge(&mut self, new: Device, out: &mut Vec<Diagnostic>) {
        let object = self.key();
        field(&mut self.model, new.model, "The model", &object, out);
        field(
            &mut self.common_device_config,
            new.common_device_config,
            "The Common Device Configuration",
            &object,
            out,
        );
        field(&mut self.allow_cti_control, new.allow_cti_control, "Allow Control of Device from CTI", &object, out);
        field(&mut self.extension_mobility, new.extension_mobility, "Enable Extension Mobility", &object, out);
        field(&mut self.logout_profile, new.logout_profile, "The logout profile", &object, out);
        merge_subscriptions(&mut self.subscriptions, new.subscriptions);
        field(&mut self.services_provisioning, new.services_provisioning, "Services Provisioning", &object, out);
        field(&mut self.user_locale, new.user_locale, "The device user locale", &object, out);
        field(&mut self.owner_user_id, new.owner_user_id, "The owner user ID", &object, out);
        field(&mut self.login_user_id, new.login_user_id, "The login user ID", &object, out);
        field(&mut self.built_in_bridge, new.built_in_bridge, "Built In Bridge", &object, out);
        field(&mut self.join_across_lines, new.join_across_lines, "Join Across Lines", &object, out);
        field(&mut self.single_button_barge, new.single_button_barge, "Single Button Barge", &object, out);
        field(&mut self.device_mobility_mode, new.device_mobility_mode, "Device Mobility Mode", &object, out);
        field(&mut self.security_profile, new.security_profile, "The Device Security Profile", &object, out);
        field(&mut self.css, new.css, "The device calling search space", &object, out);
        // Product-specific settings come only from getPhone; a second copy adds nothing.
        if self.vendor_config.is_none() {
            self.vendor_config = new.vendor_config;
        }
        union(&mut self.application_users, new.application_users);
        for line in new.intercom_lines {
            if !self.intercom_lines.iter().any(|l| l.dn.value == line.dn.value) {
                self.intercom_lines.push(line);
            }
        }
        field(&mut self.emcc_css, new.emcc_css, "Whether an EMCC CSS is set", &object, out);
        for line in new.lines {
            match self.lines.iter_mut().find(|l| l.index.value == line.index.value) {
                Some(existing) => merge_line(existing, line, &object, out),
                None => self.lines.push(line),
            }
        }
    }
}

/// Subscriptions known from one record complete a record that did not give them; two lists are
/// joined without repeating a subscription (same service, name and URL).
fn merge_subscriptions(
    kept: &mut Option<Box<Spanned<Vec<SubscribedService>>>>,
    new: Option<Box<Spanned<Vec<SubscribedService>>>>,
) {
    let Some(new) = new else { return };
    let Some(kept) = kept.as_mut() else { return *kept = Some(new) };
    let key = |s: &SubscribedService| {
        let text = |v: &Option<Spanned<Text>>| v.as_ref().map(|v| v.value.clone());
        (text(&s.service), text(&s.name), text(&s.url))
    };
    for service in new.value {
        if !kept.value.iter().any(|k| key(k) == key(&service)) {
            kept.value.push(service);
        }
    }
}

fn merge_line(kept: &mut Line, new: Line, object: &ObjectKey, out: &mut Vec<Diagnostic>) {
    let n = kept.index.value;
    if kept.dn.value != new.dn.value {
        out.push(conflict(object, &format!("The directory number on line {n}"), &kept.dn, &new.dn));
        return;
    }
    field(&mut kept.max_calls, new.max_calls, &format!("Maximum Number of Calls on line {n}"), object, out);
    field(&mut kept.busy_trigger, new.busy_trigger, &format!("Busy Trigger on line {n}"), object, out);
    let what = format!("Allow Control of Device from CTI on line {n}");
    field(&mut kept.allow_cti_control, new.allow_cti_control, &what, object, out);
    field(&mut kept.auto_answer, new.auto_answer, &format!("Auto Answer on line {n}"), object, out);
    let what = format!("Hold Reversion Ring Duration on line {n}");
    field(&mut kept.hold_reversion_ring_duration, new.hold_reversion_ring_duration, &what, object, out);
    field(&mut kept.css, new.css, &format!("The line calling search space on line {n}"), object, out);
}

impl Merge for EndUser {
    fn merge(&mut self, new: EndUser, out: &mut Vec<Diagnostic>) {
        let object = self.key();
        dn_ref(&mut self.ipcc_extension, new.ipcc_extension, "The IPCC extension", &object, out);
        dn_ref(&mut self.primary_extension, new.primary_extension, "The primary extension", &object, out);
        union(&mut self.controlled_devices, new.controlled_devices);
        union(&mut self.controlled_profiles, new.controlled_profiles);
        union(&mut self.groups, new.groups);
        // AXL getUser has been seen returning an empty digestCredentials for users whose tar row
        // holds a hash (formats.md §7), so "set" anywhere wins over "empty" without a conflict.
        match (&self.digest_credentials, new.digest_credentials) {
            (None, new) => self.digest_credentials = new,
            (Some(k), Some(n)) if !k.value && n.value => self.digest_credentials = Some(n),
            _ => {}
        }
        field(&mut self.user_locale, new.user_locale, "The user locale", &object, out);
        field(&mut self.enable_cti, new.enable_cti, "Allow Control of Device from CTI", &object, out);
        field(&mut self.imp_enabled, new.imp_enabled, "Enable User for Unified CM IM and Presence", &object, out);
        field(&mut self.home_cluster, new.home_cluster, "Home Cluster", &object, out);
        field(&mut self.subscribe_css, new.subscribe_css, "Whether a SUBSCRIBE CSS is set", &object, out);
        if self.presence_lines.is_none() {
            self.presence_lines = new.presence_lines;
        }
        field(&mut self.enable_emcc, new.enable_emcc, "Enable Extension Mobility Cross Cluster", &object, out);
        field(&mut self.default_profile, new.default_profile, "The default profile", &object, out);
        let what = "Whether a UC Service Profile is set";
        field(&mut self.uc_service_profile, new.uc_service_profile, what, &object, out);
        let what = "Whether a Self-Service User ID is set";
        field(&mut self.self_service_id, new.self_service_id, what, &object, out);
    }
}

impl Merge for AppUser {
    fn merge(&mut self, new: AppUser, _: &mut Vec<Diagnostic>) {
        union(&mut self.controlled_devices, new.controlled_devices);
        union(&mut self.controlled_profiles, new.controlled_profiles);
        union(&mut self.groups, new.groups);
    }
}

impl Merge for CommonDeviceConfig {
    fn merge(&mut self, new: CommonDeviceConfig, out: &mut Vec<Diagnostic>) {
        let object = ObjectKey::CommonDeviceConfig(self.name.value.clone());
        field(&mut self.ip_addressing_mode, new.ip_addressing_mode, "The IP addressing mode", &object, out);
    }
}

impl Merge for LineGroup {
    fn merge(&mut self, new: LineGroup, _: &mut Vec<Diagnostic>) {
        for member in new.members {
            if !self.members.iter().any(|m| m.value == member.value) {
                self.members.push(member);
            }
        }
    }
}

impl Merge for ServiceParameter {
    fn merge(&mut self, new: ServiceParameter, out: &mut Vec<Diagnostic>) {
        if self.value.value != new.value.value {
            let object = self.key();
            out.push(conflict(&object, "The value", &self.value, &new.value));
        }
    }
}

impl Merge for EnterpriseParameter {
    fn merge(&mut self, new: EnterpriseParameter, out: &mut Vec<Diagnostic>) {
        if self.value.value != new.value.value {
            let object = ObjectKey::EnterpriseParameter(self.name.value.clone());
            out.push(conflict(&object, "The value", &self.value, &new.value));
        }
    }
}

impl Merge for LdapAuthentication {
    fn merge(&mut self, new: LdapAuthentication, out: &mut Vec<Diagnostic>) {
        let object = ObjectKey::LdapAuthentication;
        field(&mut self.enabled, new.enabled, "Use LDAP Authentication for End Users", &object, out);
        field(&mut self.user_search_base, new.user_search_base, "The LDAP user search base", &object, out);
        merge_ldap_servers(&mut self.servers, new.servers, &object, out);
    }
}

fn merge_ldap_servers(kept: &mut Vec<LdapServer>, new: Vec<LdapServer>, object: &ObjectKey, out: &mut Vec<Diagnostic>) {
    for server in new {
        match kept.iter_mut().find(|s| s.host.value == server.host.value) {
            Some(existing) => {
                let host = existing.host.value.clone();
                field(&mut existing.port, server.port, &format!("The port of LDAP server {host}"), object, out);
                field(&mut existing.ssl, server.ssl, &format!("SSL on LDAP server {host}"), object, out);
            }
            None => kept.push(server),
        }
    }
}

impl Merge for LdapSystem {
    fn merge(&mut self, new: LdapSystem, out: &mut Vec<Diagnostic>) {
        let object = ObjectKey::LdapAuthentication;
        field(&mut self.sync_enabled, new.sync_enabled, "Enable Synchronizing from LDAP Server", &object, out);
        field(&mut self.server_type, new.server_type, "The LDAP server type", &object, out);
        field(&mut self.user_id_attribute, new.user_id_attribute, "The LDAP attribute for user ID", &object, out);
    }
}

impl Merge for LdapDirectory {
    fn merge(&mut self, new: LdapDirectory, out: &mut Vec<Diagnostic>) {
        let object = self.key();
        field(&mut self.user_search_base, new.user_search_base, "The LDAP user search base", &object, out);
        merge_ldap_servers(&mut self.servers, new.servers, &object, out);
    }
}

impl Merge for UcService {
    fn merge(&mut self, new: UcService, out: &mut Vec<Diagnostic>) {
        let object = self.key();
        field(&mut self.service_type, new.service_type, "The UC service type", &object, out);
        field(&mut self.product_type, new.product_type, "The product type", &object, out);
        field(&mut self.host, new.host, "The host name or IP address", &object, out);
        field(&mut self.port, new.port, "The port", &object, out);
        field(&mut self.protocol, new.protocol, "The protocol", &object, out);
    }
}

impl Merge for CredentialPolicy {
    fn merge(&mut self, new: CredentialPolicy, out: &mut Vec<Diagnostic>) {
        let object = self.key();
        field(&mut self.inactive_days_allowed, new.inactive_days_allowed, "Inactive Days Allowed", &object, out);
    }
}

impl Merge for PhoneService {
    fn merge(&mut self, new: PhoneService, out: &mut Vec<Diagnostic>) {
        let object = self.key();
        field(&mut self.url, new.url, "The service URL", &object, out);
        field(&mut self.secure_url, new.secure_url, "The secure service URL", &object, out);
        field(&mut self.category, new.category, "The service category", &object, out);
        field(&mut self.service_type, new.service_type, "The service type", &object, out);
        field(&mut self.enabled, new.enabled, "Enable", &object, out);
        field(&mut self.enterprise_subscription, new.enterprise_subscription, "Enterprise Subscription", &object, out);
        if self.parameters.is_none() {
            self.parameters = new.parameters;
        }
    }
}

impl Merge for UccxResource {
    fn merge(&mut self, new: UccxResource, out: &mut Vec<Diagnostic>) {
        let object = self.key();
        dn_ref(&mut self.extension, new.extension, "The extension", &object, out);
        field(&mut self.resource_type, new.resource_type, "The resource type", &object, out);
        field(&mut self.team, new.team, "The team", &object, out);
    }
}

impl Merge for DirectoryNumber {
    fn merge(&mut self, new: DirectoryNumber, out: &mut Vec<Diagnostic>) {
        let object = self.key();
        union(&mut self.associated_devices, new.associated_devices);
        field(&mut self.allow_cti_control, new.allow_cti_control, "Allow Control of Device from CTI", &object, out);
        field(&mut self.call_pickup_group, new.call_pickup_group, "The call pickup group", &object, out);
        let what = "The Hold Reversion Ring Duration";
        field(&mut self.hold_reversion_ring_duration, new.hold_reversion_ring_duration, what, &object, out);
        field(&mut self.auto_answer, new.auto_answer, "Auto Answer", &object, out);
        field(&mut self.css, new.css, "The calling search space", &object, out);
        for forward in new.forwards {
            match self.forwards.iter_mut().find(|f| f.kind == forward.kind) {
                Some(existing) if existing.destination.value != forward.destination.value => {
                    let what = format!("The {} destination", existing.kind);
                    out.push(conflict(&object, &what, &existing.destination, &forward.destination));
                }
                Some(_) => {}
                None => self.forwards.push(forward),
            }
        }
    }
}

impl Merge for PhoneSecurityProfile {
    fn merge(&mut self, new: PhoneSecurityProfile, out: &mut Vec<Diagnostic>) {
        let object = ObjectKey::PhoneSecurityProfile(self.name.value.clone());
        field(&mut self.security_mode, new.security_mode, "The Device Security Mode", &object, out);
    }
}

impl Merge for IntercomNumber {
    fn merge(&mut self, new: IntercomNumber, out: &mut Vec<Diagnostic>) {
        let object = ObjectKey::Dn(self.dn.value.clone());
        let what = "The intercom Default Activated Device";
        field(&mut self.default_activated_device, new.default_activated_device, what, &object, out);
    }
}

impl Merge for Partition {
    fn merge(&mut self, new: Partition, out: &mut Vec<Diagnostic>) {
        let object = self.key();
        field(&mut self.time_schedule, new.time_schedule, "The time schedule", &object, out);
    }
}

impl Merge for CallingSearchSpace {
    /// The member list is the whole CSS in order: the first record that gives one keeps it.
    fn merge(&mut self, new: CallingSearchSpace, _: &mut Vec<Diagnostic>) {
        if self.partitions.is_empty() {
            self.partitions = new.partitions;
        }
    }
}

impl Merge for DialPattern {
    fn merge(&mut self, new: DialPattern, out: &mut Vec<Diagnostic>) {
        let object = self.key();
        field(&mut self.blocked, new.blocked, "Blocking", &object, out);
        field(&mut self.urgent, new.urgent, "Urgent Priority", &object, out);
        field(&mut self.called.discard, new.called.discard, "Discard Digits", &object, out);
        field(&mut self.called.mask, new.called.mask, "The called party transform mask", &object, out);
        field(&mut self.called.prefix, new.called.prefix, "The called party prefix digits", &object, out);
        field(&mut self.destination, new.destination, "The destination", &object, out);
        field(&mut self.css, new.css, "The calling search space", &object, out);
        field(
            &mut self.use_originator_css,
            new.use_originator_css,
            "Use Originator's Calling Search Space",
            &object,
            out,
        );
        field(&mut self.dont_wait_for_idt, new.dont_wait_for_idt, "Do Not Wait For Interdigit Timeout", &object, out);
        let what = "Route Next Hop By Calling Party Number";
        field(&mut self.route_next_hop_by_calling, new.route_next_hop_by_calling, what, &object, out);
    }
}

impl Merge for HuntList {
    fn merge(&mut self, new: HuntList, _: &mut Vec<Diagnostic>) {
        union(&mut self.line_groups, new.line_groups);
    }
}

impl Merge for RouteList {
    fn merge(&mut self, new: RouteList, _: &mut Vec<Diagnostic>) {
        union(&mut self.route_groups, new.route_groups);
    }
}

impl Merge for RouteGroup {
    fn merge(&mut self, new: RouteGroup, _: &mut Vec<Diagnostic>) {
        union(&mut self.devices, new.devices);
    }
}

impl Merge for AccessControlGroup {
    fn merge(&mut self, new: AccessControlGroup, _: &mut Vec<Diagnostic>) {
        union(&mut self.roles, new.roles);
    }
}

#[cfg(test)]
mod tests {
    use uclint_model::{SourceId, Span};

    use super::*;

    fn at(offset: usize) -> Span {
        Span::new(SourceId::new(0), offset, offset + 1)
    }

    fn user(ipcc: DnRef, digest: bool, offset: usize) -> EndUser {
        EndUser {
            ipcc_extension: Some(Spanned::new(ipcc, at(offset + 1))),
            controlled_devices: vec![Spanned::new(format!("SEP{offset}").into(), at(offset + 2))],
            digest_credentials: Some(Spanned::new(digest, at(offset + 3))),
            ..EndUser::new(Spanned::new("agent01".into(), at(offset)), at(offset))
        }
    }

    fn merged(records: Vec<EndUser>) -> (EndUser, Vec<Diagnostic>) {
        let mut merger = Merger::default();
        for record in records {
            merger.add(Cluster { end_users: vec![record], ..Cluster::default() });
        }
        let (mut cluster, diagnostics) = merger.finish();
        assert_eq!(cluster.end_users.len(), 1);
        (cluster.end_users.remove(0), diagnostics)
    }

    #[test]
    fn a_partition_completes_a_pattern_in_either_order() {
        let with = DnRef::with_partition("4001", "PT_Internal");
        let without = DnRef::pattern_only("4001");
        for records in [
            vec![user(without.clone(), true, 0), user(with.clone(), false, 10)],
            vec![user(with.clone(), false, 0), user(without.clone(), true, 10)],
        ] {
            let (user, diagnostics) = merged(records);
            assert!(diagnostics.is_empty(), "{diagnostics:#?}");
            assert_eq!(user.ipcc_extension.unwrap().value, with);
            assert_eq!(user.digest_credentials.map(|d| d.value), Some(true), "set wins over empty");
            assert_eq!(user.controlled_devices.len(), 2, "devices are joined");
        }
    }

    #[test]
    fn subscriptions_known_in_one_record_complete_one_without_them() {
        let service = |name: &str, offset| SubscribedService {
            service: Some(Spanned::new(name.into(), at(offset))),
            name: None,
            url: None,
        };
        let phone = |subscriptions: Option<Vec<SubscribedService>>, offset| Device {
            subscriptions: subscriptions.map(|s| Box::new(Spanned::new(s, at(offset)))),
            ..Device::new(uclint_model::DeviceKind::Phone, Spanned::new("SEP1".into(), at(offset)), at(offset))
        };
        let mut merger = Merger::default();
        for record in [phone(None, 0), phone(Some(vec![service("EM", 11)]), 10), phone(Some(vec![]), 20)] {
            merger.add(Cluster { phones: vec![record], ..Cluster::default() });
        }
        merger.add(Cluster {
            phones: vec![phone(Some(vec![service("EM", 31), service("Dir", 32)]), 30)],
            ..Cluster::default()
        });
        let (cluster, diagnostics) = merger.finish();
        assert!(diagnostics.is_empty(), "{diagnostics:#?}");
        let subscriptions = cluster.phones[0].subscriptions.as_ref().expect("known from the second record");
        assert_eq!(subscriptions.span, at(10));
        let names: Vec<_> = subscriptions.value.iter().map(|s| s.service.as_ref().unwrap().value.as_str()).collect();
        assert_eq!(names, ["EM", "Dir"], "joined without repeats");
    }

    #[test]
    fn a_first_file_naming_a_device_twice_is_merged_record_by_record() {
        let device = |name: &str, model: &str, offset| Device {
            model: Some(Spanned::new(model.into(), at(offset + 1))),
            ..Device::new(uclint_model::DeviceKind::Phone, Spanned::new(name.into(), at(offset)), at(offset))
        };
        let phones =
            vec![device("SEP1", "Cisco 8841", 0), device("SEP2", "Cisco 8851", 10), device("SEP1", "Cisco 8865", 20)];
        let mut merger = Merger::default();
        merger.add(Cluster { phones, ..Cluster::default() });
        merger.add(Cluster { phones: vec![device("SEP2", "Cisco 8851", 30)], ..Cluster::default() });
        let (cluster, diagnostics) = merger.finish();
        let got: Vec<(&str, &str)> =
            cluster.phones.iter().map(|d| (d.name.value.as_str(), d.model.as_ref().unwrap().value.as_str())).collect();
        assert_eq!(got, [("SEP1", "Cisco 8841"), ("SEP2", "Cisco 8851")], "the first of each name kept, in order");
        assert_eq!(diagnostics.len(), 1, "SEP1's models conflict: {diagnostics:#?}");
    }

    #[test]
    fn merging_all_at_once_is_merging_one_cluster_after_another() {
        let device = |kind, name: &str, model: &str, offset| Device {
            model: Some(Spanned::new(model.into(), at(offset + 1))),
            ..Device::new(kind, Spanned::new(name.into(), at(offset)), at(offset))
        };
        let (phone, profile) = (uclint_model::DeviceKind::Phone, uclint_model::DeviceKind::DeviceProfile);
        let clusters = || {
            vec![
                Cluster { phones: vec![device(phone, "SEP1", "Cisco 8841", 0)], ..Cluster::default() },
                Cluster {
                    end_users: vec![user(DnRef::with_partition("4001", "PT_A"), true, 10)],
                    device_profiles: vec![device(profile, "UDP1", "Cisco 8841", 20)],
                    common_device_configs: vec![CommonDeviceConfig {
                        name: Spanned::new("CDC".into(), at(25)),
                        ip_addressing_mode: None,
                        span: at(25),
                    }],
                    ..Cluster::default()
                },
                Cluster {
                    phones: vec![device(phone, "SEP1", "Cisco 8865", 30), device(phone, "SEP2", "Cisco 8841", 40)],
                    end_users: vec![user(DnRef::with_partition("4009", "PT_A"), false, 50)],
                    ..Cluster::default()
                },
                Cluster { device_profiles: vec![device(profile, "UDP1", "Cisco 8851", 60)], ..Cluster::default() },
            ]
        };
        let mut one_by_one = Merger::default();
        for cluster in clusters() {
            one_by_one.add(cluster);
        }
        let mut all = Merger::default();
        all.add_all(clusters());
        let (expected, mut expected_diagnostics) = one_by_one.finish();
        let (got, mut diagnostics) = all.finish();
        let names = |devices: &[Device]| -> Vec<(String, String)> {
            devices.iter().map(|d| (d.name.value.to_string(), d.model.as_ref().unwrap().value.to_string())).collect()
        };
        assert_eq!(names(&got.phones), names(&expected.phones));
        assert_eq!(names(&got.phones), [("SEP1".into(), "Cisco 8841".into()), ("SEP2".into(), "Cisco 8841".into())]);
        assert_eq!(names(&got.device_profiles), names(&expected.device_profiles));
        let ipcc = |c: &Cluster| c.end_users[0].ipcc_extension.as_ref().unwrap().value.pattern.to_string();
        assert_eq!((got.end_users.len(), ipcc(&got)), (1, ipcc(&expected)));
        assert_eq!(got.common_device_configs.len(), 1);
        assert_eq!(diagnostics.len(), 3, "the phone, the profile and the user conflict: {diagnostics:#?}");
        uclint_model::sort_diagnostics(&mut diagnostics);
        uclint_model::sort_diagnostics(&mut expected_diagnostics);
        let texts = |d: &[Diagnostic]| d.iter().map(|d| (d.primary.span, d.message.clone())).collect::<Vec<_>>();
        assert_eq!(texts(&diagnostics), texts(&expected_diagnostics));
    }

    #[test]
    fn each_list_combines_as_its_declaration_says() {
        let text = |value: &str, offset| Spanned::new(Text::from(value), at(offset));
        let file = |offset: usize, mode: &str, value: &str| Cluster {
            ldap_authentication: vec![LdapAuthentication {
                enabled: Some(Spanned::new(true, at(offset))),
                user_search_base: Some(text(mode, offset + 1)),
                servers: Vec::new(),
                span: at(offset),
            }],
            service_parameters: vec![ServiceParameter {
                server: text("EnterpriseWideData", offset + 2),
                service: text("Cisco Extension Mobility", offset + 3),
                name: text("multiDevHoteling", offset + 4),
                value: text(value, offset + 5),
                span: at(offset + 2),
            }],
            remote_clusters: vec![text("CLUSTER-B", offset + 6)],
            service_profiles: vec![uclint_model::ServiceProfile {
                name: text("Default", offset + 7),
                system_default: None,
                span: at(offset + 7),
            }],
            ..Cluster::default()
        };
        let mut merger = Merger::default();
        merger.add_all(vec![file(0, "ou=a", "T"), file(10, "ou=a", "F")]);
        let (cluster, diagnostics) = merger.finish();
        assert_eq!(cluster.ldap_authentication.len(), 1, "One: later records merge into the first");
        assert_eq!(cluster.service_parameters.len(), 1, "ByKey: one parameter per server, service and name");
        assert_eq!(cluster.service_parameters[0].value.value, "T", "the first value is kept");
        assert_eq!(cluster.remote_clusters.len(), 1, "Union: names without repeats");
        assert_eq!(cluster.service_profiles.len(), 2, "Append: kept as read");
        let objects: Vec<String> = diagnostics.iter().map(|d| d.object.to_string()).collect();
        assert_eq!(objects, ["serviceparam:Cisco Extension Mobility/multiDevHoteling"], "{diagnostics:#?}");
        assert_eq!(diagnostics[0].object, cluster.service_parameters[0].key(), "the key rules give the parameter");
    }

    #[test]
    fn different_patterns_conflict_and_the_first_is_kept() {
        let records = vec![
            user(DnRef::with_partition("4001", "PT_Internal"), true, 0),
            user(DnRef::with_partition("4009", "PT_Internal"), true, 10),
        ];
        let (user, diagnostics) = merged(records);
        assert_eq!(user.ipcc_extension.unwrap().value.pattern, "4001");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!((diagnostics[0].primary.span, diagnostics[0].secondary[0].span), (at(11), at(1)));
        assert_eq!(diagnostics[0].object, ObjectKey::User("agent01".into()));
    }

    #[test]
    fn one_file_with_a_repeated_key_is_merged_like_two_files() {
        // The first file's records are taken whole only when their keys are unique.
        let mut merger = Merger::default();
        merger.add(Cluster {
            end_users: vec![
                user(DnRef::with_partition("4001", "PT_Internal"), true, 0),
                user(DnRef::with_partition("4009", "PT_Internal"), true, 10),
            ],
            ..Cluster::default()
        });
        let (cluster, diagnostics) = merger.finish();
        assert_eq!(cluster.end_users.len(), 1, "one user, not two");
        assert_eq!(diagnostics.len(), 1, "the conflicting IPCC extension is reported");
    }

    #[test]
    fn a_first_file_with_unique_keys_is_taken_whole_and_later_files_merge_into_it() {
        let mut merger = Merger::default();
        let mut second = user(DnRef::pattern_only("4001"), true, 20);
        second.user_id = Spanned::new("agent02".into(), at(20));
        merger
            .add(Cluster { end_users: vec![user(DnRef::pattern_only("4001"), true, 0), second], ..Cluster::default() });
        merger.add(Cluster {
            end_users: vec![user(DnRef::with_partition("4001", "PT_Internal"), true, 30)],
            ..Cluster::default()
        });
        let (cluster, diagnostics) = merger.finish();
        assert!(diagnostics.is_empty(), "{diagnostics:#?}");
        let ids: Vec<_> = cluster.end_users.iter().map(|u| u.user_id.value.as_str()).collect();
        assert_eq!(ids, ["agent01", "agent02"]);
        assert_eq!(cluster.end_users[0].controlled_devices.len(), 2, "the later record merged into the first");
    }
}
