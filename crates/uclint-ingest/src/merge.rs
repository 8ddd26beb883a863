//! Combines the records of every file into one object per key.
//!
//! Users export what their access allows, so one object often arrives in pieces: a phone from
//! `getPhone` and its lines from SQL, a user from the BAT tar and again from `getUser`, one SQL
//! row per line or association. Records are merged by key (phone, device profile, application
//! user, Common Device Configuration and line group by name; end user by user ID; service
//! parameter by server, service and name; enterprise parameter by name; LDAP authentication is
//! one object, and so are the LDAP system settings; UCCX resource by user ID; directory number by
//! pattern and partition; phone service, LDAP directory agreement, UC service, credential policy
//! and phone security profile by name; intercom directory number by pattern and partition; access
//! control group by name, its roles joined) in input order, so the result never depends on thread
//! count.
//!
//! A field set in only one record is taken from it; lists are joined without repeats; lines are
//! matched by button index. When two records give different values for one field the first is
//! kept and INPUT006 points at both.

use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry;
use std::fmt::Display;
use std::hash::Hash;

use uclint_model::{
    AppUser, Cluster, CommonDeviceConfig, CredentialPolicy, Device, Diagnostic, DirectoryNumber, DnKey, DnRef, EndUser,
    EnterpriseParameter, IntercomNumber, LdapAuthentication, LdapDirectory, LdapServer, LdapSystem, Line, LineGroup,
    ObjectKey, PhoneSecurityProfile, PhoneService, PositionTable, ServiceParameter, Spanned, SubscribedService, Text,
    UcService, UccxResource,
};

use crate::codes;

/// Merges clusters one after the other, remembering where each key's object is.
#[derive(Default)]
pub struct Merger {
    cluster: Cluster,
    phones: PositionTable,
    device_profiles: PositionTable,
    end_users: PositionTable,
    app_users: FxHashMap<Text, usize>,
    common_device_configs: FxHashMap<Text, usize>,
    line_groups: FxHashMap<Text, usize>,
    service_parameters: FxHashMap<(Text, Text, Text), usize>,
    enterprise_parameters: FxHashMap<Text, usize>,
    uccx_resources: FxHashMap<Text, usize>,
    directory_numbers: FxHashMap<DnKey, usize>,
    phone_services: FxHashMap<Text, usize>,
    ldap_directories: FxHashMap<Text, usize>,
    intercom_numbers: FxHashMap<DnKey, usize>,
    uc_services: FxHashMap<Text, usize>,
    credential_policies: FxHashMap<Text, usize>,
    phone_security_profiles: FxHashMap<Text, usize>,
    access_control_groups: FxHashMap<Text, usize>,
    diagnostics: Vec<Diagnostic>,
}

impl Merger {
    /// Adds every record of `clusters`, in order, as [`Merger::add`] of each would. The three
    /// big lists (phones, device profiles, end users) are merged on their own threads across
    /// all the clusters at once, rather than file by file: an AXL export holds each kind in
    /// files of its own, so one file at a time would keep one thread busy.
    pub fn add_all(&mut self, clusters: Vec<Cluster>) {
        let count = clusters.len();
        let (mut phones, mut profiles, mut users) =
            (Vec::with_capacity(count), Vec::with_capacity(count), Vec::with_capacity(count));
        let mut rest = Vec::with_capacity(count);
        for mut cluster in clusters {
            phones.push(std::mem::take(&mut cluster.phones));
            profiles.push(std::mem::take(&mut cluster.device_profiles));
            users.push(std::mem::take(&mut cluster.end_users));
            rest.push(cluster);
        }
        self.absorb_big_lists(phones, profiles, users);
        for cluster in rest {
            self.add(cluster);
        }
    }

    /// Merges the phones, device profiles and end users of one file or more (one list per file,
    /// in input order), each kind on its own thread and into its own diagnostics, which are
    /// appended in a fixed order (and sorted before rendering in any case).
    fn absorb_big_lists(&mut self, phones: Vec<Vec<Device>>, profiles: Vec<Vec<Device>>, users: Vec<Vec<EndUser>>) {
        let (phone_list, phone_index) = (&mut self.cluster.phones, &mut self.phones);
        let (profile_list, profile_index) = (&mut self.cluster.device_profiles, &mut self.device_profiles);
        let (user_list, user_index) = (&mut self.cluster.end_users, &mut self.end_users);
        let devices = |list: &mut Vec<Device>, index: &mut PositionTable, files: Vec<Vec<Device>>| {
            let mut out = Vec::new();
            for records in files {
                absorb_named(list, index, records, device_name, |kept, new| merge_device(kept, new, &mut out));
            }
            out
        };
        let ((mut phone_out, mut profile_out), mut user_out) = rayon::join(
            || {
                rayon::join(
                    || devices(phone_list, phone_index, phones),
                    || devices(profile_list, profile_index, profiles),
                )
            },
            || {
                let mut out = Vec::new();
                for records in users {
                    absorb_named(user_list, user_index, records, user_id, |kept, new| merge_user(kept, new, &mut out));
                }
                out
            },
        );
        self.diagnostics.append(&mut phone_out);
        self.diagnostics.append(&mut profile_out);
        self.diagnostics.append(&mut user_out);
    }

    /// Adds every record of `other`, merging those whose key was seen before.
    pub fn add(&mut self, other: Cluster) {
        let Cluster {
            phones,
            device_profiles,
            end_users,
            app_users,
            common_device_configs,
            line_groups,
            service_parameters,
            enterprise_parameters,
            ldap_authentication,
            uccx_resources,
            directory_numbers,
            phone_services,
            ldap_system,
            ldap_directories,
            intercom_numbers,
            uc_services,
            credential_policies,
            remote_clusters,
            intercluster_service_profiles,
            empty_tables,
            data_gaps,
            phone_security_profiles,
            access_control_groups,
            service_profiles,
            owned_numbers,
            uccx_triggers,
            uccx_call_control_groups,
            set_aside,
            present,
            export_header,
        } = other;
        // Reserving once per file keeps the lists from doubling their way up: on a large export
        // the slack of a grown `Vec<Device>` alone is tens of megabytes.
        reserve(&mut self.cluster.app_users, &mut self.app_users, app_users.len());
        reserve(&mut self.cluster.directory_numbers, &mut self.directory_numbers, directory_numbers.len());
        self.absorb_big_lists(vec![phones], vec![device_profiles], vec![end_users]);
        let out = &mut self.diagnostics;
        for user in app_users {
            let key = user.name.value.clone();
            let (list, index) = (&mut self.cluster.app_users, &mut self.app_users);
            upsert(list, index, key, user, merge_app_user);
        }
        for cdc in common_device_configs {
            let key = cdc.name.value.clone();
            let (list, index) = (&mut self.cluster.common_device_configs, &mut self.common_device_configs);
            upsert(list, index, key, cdc, |kept, new| merge_cdc(kept, new, out));
        }
        for group in line_groups {
            let key = group.name.value.clone();
            let (list, index) = (&mut self.cluster.line_groups, &mut self.line_groups);
            upsert(list, index, key, group, merge_line_group);
        }
        for parameter in service_parameters {
            let key = (parameter.server.value.clone(), parameter.service.value.clone(), parameter.name.value.clone());
            let (list, index) = (&mut self.cluster.service_parameters, &mut self.service_parameters);
            upsert(list, index, key, parameter, |kept, new| merge_service_parameter(kept, new, out));
        }
        for parameter in enterprise_parameters {
            let key = parameter.name.value.clone();
            let (list, index) = (&mut self.cluster.enterprise_parameters, &mut self.enterprise_parameters);
            upsert(list, index, key, parameter, |kept, new| merge_enterprise_parameter(kept, new, out));
        }
        for auth in ldap_authentication {
            match self.cluster.ldap_authentication.first_mut() {
                Some(kept) => merge_ldap(kept, auth, out),
                None => self.cluster.ldap_authentication.push(auth),
            }
        }
        for resource in uccx_resources {
            let key = resource.user_id.value.clone();
            let (list, index) = (&mut self.cluster.uccx_resources, &mut self.uccx_resources);
            upsert(list, index, key, resource, |kept, new| merge_uccx_resource(kept, new, out));
        }
        for number in directory_numbers {
            let key = number.dn.value.clone();
            let (list, index) = (&mut self.cluster.directory_numbers, &mut self.directory_numbers);
            upsert(list, index, key, number, |kept, new| merge_directory_number(kept, new, out));
        }
        for service in phone_services {
            let key = service.name.value.clone();
            let (list, index) = (&mut self.cluster.phone_services, &mut self.phone_services);
            upsert(list, index, key, service, |kept, new| merge_phone_service(kept, new, out));
        }
        for system in ldap_system {
            match self.cluster.ldap_system.first_mut() {
                Some(kept) => merge_ldap_system(kept, system, out),
                None => self.cluster.ldap_system.push(system),
            }
        }
        for directory in ldap_directories {
            let key = directory.name.value.clone();
            let (list, index) = (&mut self.cluster.ldap_directories, &mut self.ldap_directories);
            upsert(list, index, key, directory, |kept, new| merge_ldap_directory(kept, new, out));
        }
        for number in intercom_numbers {
            let key = number.dn.value.clone();
            let (list, index) = (&mut self.cluster.intercom_numbers, &mut self.intercom_numbers);
            upsert(list, index, key, number, |kept, new| merge_intercom_number(kept, new, out));
        }
        for service in uc_services {
            let key = service.name.value.clone();
            let (list, index) = (&mut self.cluster.uc_services, &mut self.uc_services);
            upsert(list, index, key, service, |kept, new| merge_uc_service(kept, new, out));
        }
        for policy in credential_policies {
            let key = policy.name.value.clone();
            let (list, index) = (&mut self.cluster.credential_policies, &mut self.credential_policies);
            upsert(list, index, key, policy, |kept, new| merge_credential_policy(kept, new, out));
        }
        union(&mut self.cluster.remote_clusters, remote_clusters);
        self.cluster.intercluster_service_profiles.extend(intercluster_service_profiles);
        self.cluster.empty_tables.extend(empty_tables);
        self.cluster.data_gaps.extend(data_gaps);
        for profile in phone_security_profiles {
            let key = profile.name.value.clone();
            let (list, index) = (&mut self.cluster.phone_security_profiles, &mut self.phone_security_profiles);
            upsert(list, index, key, profile, |kept, new| merge_phone_security_profile(kept, new, out));
        }
        for group in access_control_groups {
            let key = group.name.value.clone();
            let (list, index) = (&mut self.cluster.access_control_groups, &mut self.access_control_groups);
            upsert(list, index, key, group, |kept, new| union(&mut kept.roles, new.roles));
        }
        // Records of these kinds come from one file each in any export uclint knows of: they
        // are kept as read, in input order.
        self.cluster.service_profiles.extend(service_profiles);
        self.cluster.owned_numbers.extend(owned_numbers);
        self.cluster.uccx_triggers.extend(uccx_triggers);
        self.cluster.uccx_call_control_groups.extend(uccx_call_control_groups);
        self.cluster.set_aside.extend(set_aside);
        self.cluster.present.extend(present);
        // What each export says of itself: the first input's value of each field, so that the
        // report names the export given first (inputs are in a fixed order). Two exports taken
        // at different times are not a conflict worth a finding.
        self.cluster.export_header.fill_from(export_header);
    }

    /// The merged cluster and the conflicts found, in input order.
    pub fn finish(self) -> (Cluster, Vec<Diagnostic>) {
        (self.cluster, self.diagnostics)
    }
}

/// Makes room for `additional` more records. The list grows by doubling rather than by exactly
/// each file's records: an AXL export holds one kind in a hundred files or more, and each exact
/// growth of a megacluster's list had glibc move the whole mapping (`mremap`); capacity past the
/// end is address space that is never touched, not memory.
fn reserve<K: Hash + Eq, T>(list: &mut Vec<T>, index: &mut FxHashMap<K, usize>, additional: usize) {
    list.reserve(additional);
    index.reserve(additional);
}

fn device_name(device: &Device) -> &str {
    &device.name.value
}

fn user_id(user: &EndUser) -> &str {
    &user.user_id.value
}

/// Adds a file's records to a big list (phones, device profiles, end users), by name, with
/// `positions` holding where each name's record is. The first file's records are taken as they
/// are, without moving them, when their names are unique (the common case: one `phone.csv`);
/// otherwise, and for every later file, each record is appended, or merged into the record
/// already stored under its name.
fn absorb_named<T>(
    list: &mut Vec<T>,
    positions: &mut PositionTable,
    records: Vec<T>,
    name: impl Fn(&T) -> &str,
    mut merge: impl FnMut(&mut T, T),
) {
    if list.is_empty() {
        positions.clear();
        positions.reserve(records.len(), |p| name(&records[p as usize]));
        let unique = (0..records.len() as u32)
            .all(|i| positions.insert(name(&records[i as usize]), i, |p| name(&records[p as usize])) == i);
        if unique {
            *list = records;
            return;
        }
        positions.clear();
    }
    list.reserve(records.len());
    positions.reserve(records.len(), |p| name(&list[p as usize]));
    for record in records {
        let next = list.len() as u32;
        match positions.insert(name(&record), next, |p| name(&list[p as usize])) {
            held if held == next => list.push(record),
            held => merge(&mut list[held as usize], record),
        }
    }
}

/// Appends `record`, or merges it into the object already stored under `key`.
fn upsert<K: Hash + Eq, T>(
    list: &mut Vec<T>,
    index: &mut FxHashMap<K, usize>,
    key: K,
    record: T,
    mut merge: impl FnMut(&mut T, T),
) {
    match index.entry(key) {
        Entry::Occupied(at) => merge(&mut list[*at.get()], record),
        Entry::Vacant(slot) => {
            slot.insert(list.len());
            list.push(record);
        }
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

fn merge_device(kept: &mut Device, new: Device, out: &mut Vec<Diagnostic>) {
    let object = kept.key();
    field(&mut kept.model, new.model, "The model", &object, out);
    field(&mut kept.common_device_config, new.common_device_config, "The Common Device Configuration", &object, out);
    field(&mut kept.allow_cti_control, new.allow_cti_control, "Allow Control of Device from CTI", &object, out);
    field(&mut kept.extension_mobility, new.extension_mobility, "Enable Extension Mobility", &object, out);
    field(&mut kept.logout_profile, new.logout_profile, "The logout profile", &object, out);
    merge_subscriptions(&mut kept.subscriptions, new.subscriptions);
    field(&mut kept.services_provisioning, new.services_provisioning, "Services Provisioning", &object, out);
    field(&mut kept.user_locale, new.user_locale, "The device user locale", &object, out);
    field(&mut kept.owner_user_id, new.owner_user_id, "The owner user ID", &object, out);
    field(&mut kept.login_user_id, new.login_user_id, "The login user ID", &object, out);
    field(&mut kept.built_in_bridge, new.built_in_bridge, "Built In Bridge", &object, out);
    field(&mut kept.join_across_lines, new.join_across_lines, "Join Across Lines", &object, out);
    field(&mut kept.single_button_barge, new.single_button_barge, "Single Button Barge", &object, out);
    field(&mut kept.device_mobility_mode, new.device_mobility_mode, "Device Mobility Mode", &object, out);
    field(&mut kept.security_profile, new.security_profile, "The Device Security Profile", &object, out);
    // Product-specific settings come only from getPhone; a second copy adds nothing.
    if kept.vendor_config.is_none() {
        kept.vendor_config = new.vendor_config;
    }
    union(&mut kept.application_users, new.application_users);
    for line in new.intercom_lines {
        if !kept.intercom_lines.iter().any(|l| l.dn.value == line.dn.value) {
            kept.intercom_lines.push(line);
        }
    }
    field(&mut kept.emcc_css, new.emcc_css, "Whether an EMCC CSS is set", &object, out);
    for line in new.lines {
        match kept.lines.iter_mut().find(|l| l.index.value == line.index.value) {
            Some(existing) => merge_line(existing, line, &object, out),
            None => kept.lines.push(line),
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
}

fn merge_user(kept: &mut EndUser, new: EndUser, out: &mut Vec<Diagnostic>) {
    let object = kept.key();
    dn_ref(&mut kept.ipcc_extension, new.ipcc_extension, "The IPCC extension", &object, out);
    dn_ref(&mut kept.primary_extension, new.primary_extension, "The primary extension", &object, out);
    union(&mut kept.controlled_devices, new.controlled_devices);
    union(&mut kept.controlled_profiles, new.controlled_profiles);
    union(&mut kept.groups, new.groups);
    // AXL getUser has been seen returning an empty digestCredentials for users whose tar row
    // holds a hash (formats.md §7), so "set" anywhere wins over "empty" without a conflict.
    match (&kept.digest_credentials, new.digest_credentials) {
        (None, new) => kept.digest_credentials = new,
        (Some(k), Some(n)) if !k.value && n.value => kept.digest_credentials = Some(n),
        _ => {}
    }
    field(&mut kept.user_locale, new.user_locale, "The user locale", &object, out);
    field(&mut kept.enable_cti, new.enable_cti, "Allow Control of Device from CTI", &object, out);
    field(&mut kept.imp_enabled, new.imp_enabled, "Enable User for Unified CM IM and Presence", &object, out);
    field(&mut kept.home_cluster, new.home_cluster, "Home Cluster", &object, out);
    field(&mut kept.subscribe_css, new.subscribe_css, "Whether a SUBSCRIBE CSS is set", &object, out);
    if kept.presence_lines.is_none() {
        kept.presence_lines = new.presence_lines;
    }
    field(&mut kept.enable_emcc, new.enable_emcc, "Enable Extension Mobility Cross Cluster", &object, out);
    field(&mut kept.default_profile, new.default_profile, "The default profile", &object, out);
    let what = "Whether a UC Service Profile is set";
    field(&mut kept.uc_service_profile, new.uc_service_profile, what, &object, out);
    let what = "Whether a Self-Service User ID is set";
    field(&mut kept.self_service_id, new.self_service_id, what, &object, out);
}

fn merge_app_user(kept: &mut AppUser, new: AppUser) {
    union(&mut kept.controlled_devices, new.controlled_devices);
    union(&mut kept.controlled_profiles, new.controlled_profiles);
    union(&mut kept.groups, new.groups);
}

fn merge_cdc(kept: &mut CommonDeviceConfig, new: CommonDeviceConfig, out: &mut Vec<Diagnostic>) {
    let object = ObjectKey::CommonDeviceConfig(kept.name.value.clone());
    field(&mut kept.ip_addressing_mode, new.ip_addressing_mode, "The IP addressing mode", &object, out);
}

fn merge_line_group(kept: &mut LineGroup, new: LineGroup) {
    for member in new.members {
        if !kept.members.iter().any(|m| m.value == member.value) {
            kept.members.push(member);
        }
    }
}

fn merge_service_parameter(kept: &mut ServiceParameter, new: ServiceParameter, out: &mut Vec<Diagnostic>) {
    if kept.value.value != new.value.value {
        let object = ObjectKey::ServiceParameter(format!("{}/{}", kept.service.value, kept.name.value).into());
        out.push(conflict(&object, "The value", &kept.value, &new.value));
    }
}

fn merge_enterprise_parameter(kept: &mut EnterpriseParameter, new: EnterpriseParameter, out: &mut Vec<Diagnostic>) {
    if kept.value.value != new.value.value {
        let object = ObjectKey::EnterpriseParameter(kept.name.value.clone());
        out.push(conflict(&object, "The value", &kept.value, &new.value));
    }
}

fn merge_ldap(kept: &mut LdapAuthentication, new: LdapAuthentication, out: &mut Vec<Diagnostic>) {
    let object = ObjectKey::LdapAuthentication;
    field(&mut kept.enabled, new.enabled, "Use LDAP Authentication for End Users", &object, out);
    field(&mut kept.user_search_base, new.user_search_base, "The LDAP user search base", &object, out);
    merge_ldap_servers(&mut kept.servers, new.servers, &object, out);
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

fn merge_ldap_system(kept: &mut LdapSystem, new: LdapSystem, out: &mut Vec<Diagnostic>) {
    let object = ObjectKey::LdapAuthentication;
    field(&mut kept.sync_enabled, new.sync_enabled, "Enable Synchronizing from LDAP Server", &object, out);
    field(&mut kept.server_type, new.server_type, "The LDAP server type", &object, out);
    field(&mut kept.user_id_attribute, new.user_id_attribute, "The LDAP attribute for user ID", &object, out);
}

fn merge_ldap_directory(kept: &mut LdapDirectory, new: LdapDirectory, out: &mut Vec<Diagnostic>) {
    let object = kept.key();
    field(&mut kept.user_search_base, new.user_search_base, "The LDAP user search base", &object, out);
    merge_ldap_servers(&mut kept.servers, new.servers, &object, out);
}

fn merge_uc_service(kept: &mut UcService, new: UcService, out: &mut Vec<Diagnostic>) {
    let object = kept.key();
    field(&mut kept.service_type, new.service_type, "The UC service type", &object, out);
    field(&mut kept.product_type, new.product_type, "The product type", &object, out);
    field(&mut kept.host, new.host, "The host name or IP address", &object, out);
    field(&mut kept.port, new.port, "The port", &object, out);
    field(&mut kept.protocol, new.protocol, "The protocol", &object, out);
}

fn merge_credential_policy(kept: &mut CredentialPolicy, new: CredentialPolicy, out: &mut Vec<Diagnostic>) {
    let object = kept.key();
    field(&mut kept.inactive_days_allowed, new.inactive_days_allowed, "Inactive Days Allowed", &object, out);
}

fn merge_phone_service(kept: &mut PhoneService, new: PhoneService, out: &mut Vec<Diagnostic>) {
    let object = kept.key();
    field(&mut kept.url, new.url, "The service URL", &object, out);
    field(&mut kept.secure_url, new.secure_url, "The secure service URL", &object, out);
    field(&mut kept.category, new.category, "The service category", &object, out);
    field(&mut kept.service_type, new.service_type, "The service type", &object, out);
    field(&mut kept.enabled, new.enabled, "Enable", &object, out);
    field(&mut kept.enterprise_subscription, new.enterprise_subscription, "Enterprise Subscription", &object, out);
    if kept.parameters.is_none() {
        kept.parameters = new.parameters;
    }
}

fn merge_uccx_resource(kept: &mut UccxResource, new: UccxResource, out: &mut Vec<Diagnostic>) {
    let object = kept.key();
    dn_ref(&mut kept.extension, new.extension, "The extension", &object, out);
    field(&mut kept.resource_type, new.resource_type, "The resource type", &object, out);
    field(&mut kept.team, new.team, "The team", &object, out);
}

fn merge_directory_number(kept: &mut DirectoryNumber, new: DirectoryNumber, out: &mut Vec<Diagnostic>) {
    let object = kept.key();
    union(&mut kept.associated_devices, new.associated_devices);
    field(&mut kept.allow_cti_control, new.allow_cti_control, "Allow Control of Device from CTI", &object, out);
    field(&mut kept.call_pickup_group, new.call_pickup_group, "The call pickup group", &object, out);
    let what = "The Hold Reversion Ring Duration";
    field(&mut kept.hold_reversion_ring_duration, new.hold_reversion_ring_duration, what, &object, out);
    field(&mut kept.auto_answer, new.auto_answer, "Auto Answer", &object, out);
    for forward in new.forwards {
        match kept.forwards.iter_mut().find(|f| f.kind == forward.kind) {
            Some(existing) if existing.destination.value != forward.destination.value => {
                let what = format!("The {} destination", existing.kind);
                out.push(conflict(&object, &what, &existing.destination, &forward.destination));
            }
            Some(_) => {}
            None => kept.forwards.push(forward),
        }
    }
}

fn merge_phone_security_profile(kept: &mut PhoneSecurityProfile, new: PhoneSecurityProfile, out: &mut Vec<Diagnostic>) {
    let object = ObjectKey::PhoneSecurityProfile(kept.name.value.clone());
    field(&mut kept.security_mode, new.security_mode, "The Device Security Mode", &object, out);
}

fn merge_intercom_number(kept: &mut IntercomNumber, new: IntercomNumber, out: &mut Vec<Diagnostic>) {
    let object = ObjectKey::Dn(kept.dn.value.clone());
    let what = "The intercom Default Activated Device";
    field(&mut kept.default_activated_device, new.default_activated_device, what, &object, out);
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
