//! The cluster model: the objects of a CUCM/UCCX export that rules read.
//!
//! Only what some rule needs is modelled. Optional fields are `None` when the export does not
//! carry them (a column or element is absent) or they are unset (empty, `NULL`, `xsi:nil`).
//! Secrets are never stored: digest credentials are kept as present/absent only.
//!
//! The [`Cluster`]'s object lists are declared once, in [`cluster_lists!`], with how the records
//! of one object read from several files combine: the struct, its per-list functions and
//! ingest's merge are generated from that table, so that they cannot disagree on which lists
//! there are.

use std::collections::BTreeSet;

use crate::{DnKey, DnRef, ObjectKey, Span, Spanned, Text};

/// Kinds of data an export may or may not contain. Rules declare what they need, and a rule
/// whose data is absent is reported as skipped, never run on an empty set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DataSet {
    /// Phones with their lines.
    Phones,
    /// User device profiles with their lines.
    DeviceProfiles,
    /// End users with extensions and associations.
    EndUsers,
    /// Application users with controlled devices and groups.
    AppUsers,
    /// Common Device Configurations.
    CommonDeviceConfigs,
    /// Line groups with members.
    LineGroups,
    /// Service parameters.
    ServiceParameters,
    /// Enterprise parameters.
    EnterpriseParameters,
    /// LDAP authentication settings.
    LdapAuthentication,
    /// UCCX resources (agents and supervisors) from the UCCX `adminapi`.
    UccxResources,
    /// Directory numbers as objects of their own (AXL `getLine`, BAT `directorynumber.csv`).
    DirectoryNumbers,
    /// IP phone services (BAT `phoneservices.csv`, AXL `getIpPhoneServices`).
    PhoneServices,
    /// The LDAP system settings (BAT `ldapsystem.csv`).
    LdapSystem,
    /// LDAP directory synchronisation agreements (BAT `ldapdir.csv`).
    LdapDirectories,
    /// Intercom directory numbers (BAT `intercomdn.csv`) or the intercom line columns of
    /// `phone.csv`/`deviceprofile.csv`.
    Intercom,
    /// Phones' product-specific configuration (AXL `getPhone` `vendorConfig`).
    VendorConfig,
    /// UC services: voicemail, mailstore, CTI, directory … (BAT `ucservice.csv`, AXL `getUcService`).
    UcServices,
    /// Credential policies (BAT `credpolicy.csv`, AXL `getCredentialPolicy`).
    CredentialPolicies,
    /// EMCC remote clusters (BAT `remotecluster.csv`).
    RemoteClusters,
    /// EMCC intercluster service profiles (BAT `interclusterserviceprofile.csv`).
    InterclusterServiceProfiles,
    /// The line-level Hold Reversion Ring Duration (BAT `Hold Reversion Ring Duration N`, AXL
    /// `getLine` `hrDuration`), even where every value is empty.
    LineHoldReversion,
    /// Phone security profiles with their Device Security Mode (AXL `getPhoneSecurityProfile`,
    /// `listPhoneSecurityProfile`).
    PhoneSecurityProfiles,
    /// The per-line call forward destinations of `phone.csv` (`Forward All Destination N`, …),
    /// even where every value is empty: the forwards of the DNs on phones, without
    /// `directorynumber.csv`.
    LineForwards,
    /// The per-line call pickup group of `phone.csv` (`Call Pickup Group N`), even where every
    /// value is empty: the pickup groups of the DNs on phones, without `directorynumber.csv`.
    LinePickupGroups,
    /// Access control groups with the roles they carry (BAT `accesscntrlgrp.csv`; the
    /// `userRoles` of AXL `getUser`/`getAppUser` groups).
    AccessControlGroups,
    /// UC service profiles and which is the system default (BAT `serviceprofile.csv`).
    ServiceProfiles,
    /// Numbers that belong to objects other than lines: route and translation patterns, hunt
    /// pilots, Mobile Voice Access, meet-me, call park and pickup numbers, voicemail pilots, …
    OwnedNumbers,
    /// UCCX triggers (`adminapi/trigger`).
    UccxTriggers,
    /// UCCX call control groups with their ports per node (`adminapi/callControlGroup`).
    UccxCallControlGroups,
    /// Route partitions (BAT `partition.csv`, AXL `getRoutePartition`).
    Partitions,
    /// Calling search spaces with their partitions (BAT `css.csv`, AXL `getCss`).
    CallingSearchSpaces,
    /// Route patterns (BAT `routepattern.csv`, AXL `getRoutePattern`), with their settings.
    RoutePatterns,
    /// Translation patterns (BAT `translationpattern.csv`, AXL `getTransPattern`).
    TranslationPatterns,
    /// Hunt pilots (BAT `huntpilot.csv`, AXL `getHuntPilot`), with their hunt lists.
    HuntPilots,
    /// Hunt lists with their line groups (BAT `huntlist.csv`, AXL `getHuntList`).
    HuntLists,
    /// Route lists with their route groups (BAT `routelist.csv`, AXL `getRouteList`).
    RouteLists,
    /// Route groups with their devices (BAT `routegroup.csv`).
    RouteGroups,
    /// Trunk names (BAT `trunk.csv`, AXL `getSipTrunk`): what a route pattern may name directly.
    Trunks,
    /// The device calling search space of phones and profiles (BAT `CSS`, AXL
    /// `callingSearchSpaceName`), even where every value is empty.
    DeviceCss,
    /// The line calling search space of line appearances or directory numbers (BAT `Line CSS
    /// N`, AXL `getLine` `callingSearchSpaceName`), even where every value is empty.
    LineCss,
}

impl DataSet {
    /// Human name used in "skipped: no … data" messages.
    pub fn describe(self) -> &'static str {
        match self {
            DataSet::Phones => "phone",
            DataSet::DeviceProfiles => "device profile",
            DataSet::EndUsers => "end user",
            DataSet::AppUsers => "application user",
            DataSet::CommonDeviceConfigs => "Common Device Configuration",
            DataSet::LineGroups => "line group",
            DataSet::ServiceParameters => "service parameter",
            DataSet::EnterpriseParameters => "enterprise parameter",
            DataSet::LdapAuthentication => "LDAP authentication",
            DataSet::UccxResources => "UCCX resource",
            DataSet::DirectoryNumbers => "directory number",
            DataSet::PhoneServices => "phone service",
            DataSet::LdapSystem => "LDAP system",
            DataSet::LdapDirectories => "LDAP directory",
            DataSet::Intercom => "intercom",
            DataSet::VendorConfig => "product-specific phone configuration (vendorConfig)",
            DataSet::UcServices => "UC service",
            DataSet::CredentialPolicies => "credential policy",
            DataSet::RemoteClusters => "remote cluster",
            DataSet::InterclusterServiceProfiles => "intercluster service profile",
            DataSet::LineHoldReversion => "line Hold Reversion Ring Duration",
            DataSet::PhoneSecurityProfiles => "phone security profile",
            DataSet::LineForwards => "line call forward",
            DataSet::LinePickupGroups => "line call pickup group",
            DataSet::AccessControlGroups => "access control group",
            DataSet::ServiceProfiles => "UC service profile",
            DataSet::OwnedNumbers => "route plan number (route pattern, hunt pilot, …)",
            DataSet::UccxTriggers => "UCCX trigger",
            DataSet::UccxCallControlGroups => "UCCX call control group",
            DataSet::Partitions => "route partition",
            DataSet::CallingSearchSpaces => "calling search space",
            DataSet::RoutePatterns => "route pattern",
            DataSet::TranslationPatterns => "translation pattern",
            DataSet::HuntPilots => "hunt pilot",
            DataSet::HuntLists => "hunt list",
            DataSet::RouteLists => "route list",
            DataSet::RouteGroups => "route group",
            DataSet::Trunks => "trunk",
            DataSet::DeviceCss => "device calling search space",
            DataSet::LineCss => "line calling search space",
        }
    }
}

/// The object lists of a [`Cluster`], declared once: `cluster_lists!(callback)` expands to
/// `callback! { … }` with one line per list, in the order of [`Cluster`]'s fields:
///
/// ```text
/// /// Its doc comment.
/// field: Vec<Record> => Policy, "Plural name";
/// ```
///
/// This module generates [`Cluster`]'s fields and [`Cluster::object_counts`] from it; ingest
/// generates its merge (`uclint_ingest`'s `merge` module). Adding an object list is one line
/// here, plus the merge of its record type when its policy merges records. The plural name is the kind's in the run summary and the health
/// report; a list without one holds no objects and is not counted.
///
/// The policy says how the records of one object, read from several files, combine:
///
/// - `ByName`: by name, merged field by field; a field two records set differently keeps the
///   first value and is reported (INPUT006). For the big lists, with a position table.
/// - `ByKey`: the same, by the record's key (a name, user ID, directory number, …).
/// - `One`: one object per cluster: every later record is merged into the first, as `ByKey`
///   merges.
/// - `Union`: names joined without repeats.
/// - `Append`: every record kept as read, in input order (kinds that come from one file in any
///   export uclint knows of, and lists that are not objects).
#[macro_export]
macro_rules! cluster_lists {
    ($callback:ident) => {
        $callback! {
            /// Phones, CSF/BOT/TCT/TAB clients, CTI ports and route points, remote devices.
            phones: Vec<$crate::Device> => ByName, "Phones";
            /// User device profiles (UDPs).
            device_profiles: Vec<$crate::Device> => ByName, "Device profiles";
            /// End users.
            end_users: Vec<$crate::EndUser> => ByName, "End users";
            /// Application users.
            app_users: Vec<$crate::AppUser> => ByKey, "Application users";
            /// Common Device Configurations.
            common_device_configs: Vec<$crate::CommonDeviceConfig> => ByKey, "Common Device Configurations";
            /// Line groups.
            line_groups: Vec<$crate::LineGroup> => ByKey, "Line groups";
            /// Service parameters.
            service_parameters: Vec<$crate::ServiceParameter> => ByKey, "Service parameters";
            /// Enterprise parameters.
            enterprise_parameters: Vec<$crate::EnterpriseParameter> => ByKey, "Enterprise parameters";
            /// LDAP authentication configuration (at most one per cluster, but exports may repeat it).
            ldap_authentication: Vec<$crate::LdapAuthentication> => One, "LDAP authentication";
            /// UCCX resources (agents and supervisors), as UCCX itself sees them.
            uccx_resources: Vec<$crate::UccxResource> => ByKey, "UCCX resources";
            /// Directory numbers read as objects of their own (AXL `getLine`), with the devices that
            /// share them. Line appearances on devices are in [`Device::lines`].
            directory_numbers: Vec<$crate::DirectoryNumber> => ByKey, "Directory numbers";
            /// IP phone services (Extension Mobility, Finesse IPPA, custom services).
            phone_services: Vec<$crate::PhoneService> => ByKey, "Phone services";
            /// LDAP system settings (at most one per cluster, but exports may repeat it).
            ldap_system: Vec<$crate::LdapSystem> => One, "LDAP system";
            /// LDAP directory synchronisation agreements.
            ldap_directories: Vec<$crate::LdapDirectory> => ByKey, "LDAP directories";
            /// Intercom directory numbers (Call Routing > Intercom > Intercom Directory Number).
            intercom_numbers: Vec<$crate::IntercomNumber> => ByKey, "Intercom directory numbers";
            /// UC services (User Management > User Settings > UC Service).
            uc_services: Vec<$crate::UcService> => ByKey, "UC services";
            /// Credential policies (User Management > User Settings > Credential Policy).
            credential_policies: Vec<$crate::CredentialPolicy> => ByKey, "Credential policies";
            /// EMCC remote clusters (Advanced Features > Cluster View), by Cluster ID.
            remote_clusters: Vec<$crate::Spanned<$crate::Text>> => Union, "Remote clusters";
            /// EMCC intercluster service profiles (Advanced Features > EMCC > EMCC Intercluster Service
            /// Profile): the span of each record.
            intercluster_service_profiles: Vec<$crate::Span> => Append, "Intercluster service profiles";
            /// Tables that held a header but no records, with the span of the header line: evidence
            /// that the export has none of that kind of object.
            empty_tables: Vec<($crate::DataSet, $crate::Span)> => Append;
            /// Where the input is known to lack data: BAT files missing from a tar's manifest, AXL
            /// `list*` responses that omit collections.
            data_gaps: Vec<$crate::DataGap> => Append;
            /// Phone security profiles (System > Security > Phone Security Profile).
            phone_security_profiles: Vec<$crate::PhoneSecurityProfile> => ByKey, "Phone security profiles";
            /// Access control groups with their roles, where the export gives them.
            access_control_groups: Vec<$crate::AccessControlGroup> => ByKey, "Access control groups";
            /// UC service profiles (BAT `serviceprofile.csv`).
            service_profiles: Vec<$crate::ServiceProfile> => Append, "UC service profiles";
            /// Numbers that belong to objects other than lines (route patterns, hunt pilots, …).
            owned_numbers: Vec<$crate::OwnedNumber> => Append, "Route plan numbers";
            /// UCCX triggers (`adminapi/trigger`).
            uccx_triggers: Vec<$crate::UccxTrigger> => Append, "UCCX triggers";
            /// UCCX call control groups (`adminapi/callControlGroup`).
            uccx_call_control_groups: Vec<$crate::UccxCallControlGroup> => Append, "UCCX call control groups";
            /// Route partitions.
            partitions: Vec<$crate::Partition> => ByKey, "Route partitions";
            /// Calling search spaces.
            calling_search_spaces: Vec<$crate::CallingSearchSpace> => ByKey, "Calling search spaces";
            /// Route patterns, translation patterns and hunt pilots.
            dial_patterns: Vec<$crate::DialPattern> => ByKey, "Route plan patterns";
            /// Hunt lists.
            hunt_lists: Vec<$crate::HuntList> => ByKey, "Hunt lists";
            /// Route lists.
            route_lists: Vec<$crate::RouteList> => ByKey, "Route lists";
            /// Route groups.
            route_groups: Vec<$crate::RouteGroup> => ByKey, "Route groups";
            /// Trunks, by name.
            trunks: Vec<$crate::Spanned<$crate::Text>> => Union, "Trunks";
            /// Records read but kept out of every list rules check: templates and placeholder users.
            set_aside: Vec<$crate::SetAside> => Append;
        }
    };
}

/// Declares [`Cluster`] and its per-list functions from [`cluster_lists!`].
macro_rules! declare_cluster {
    ($($(#[$doc:meta])* $field:ident: Vec<$record:ty> => $policy:ident $(, $kind:literal)?;)*) => {
        /// Everything read from one or more exports of one cluster: the object lists declared in
        /// [`cluster_lists!`], and what the export says of itself.
        #[derive(Debug, Default)]
        pub struct Cluster {
            $($(#[$doc])* pub $field: Vec<$record>,)*
            /// Which kinds of data the export contained (even if a file held only its header).
            pub present: BTreeSet<DataSet>,
            /// What the export says of itself (a BAT Import/Export tar's `header.txt`): when it was
            /// taken, from which publisher, of which version. Not an object: not counted, not checked.
            pub export_header: ExportHeader,
        }

        impl Cluster {
            /// How many kinds of object [`Cluster::object_counts`] lists.
            pub const OBJECT_KINDS: usize = 0 $($(+ { let _ = $kind; 1 })?)*;

            /// Objects read, by kind, as plural English names ("Phones", 11), in a fixed order;
            /// kinds with none are listed too. The one definition of "objects read": templates and
            /// placeholder users set aside, empty tables, gaps and the export header are not
            /// objects.
            pub fn object_counts(&self) -> [(&'static str, usize); Self::OBJECT_KINDS] {
                [$($(($kind, self.$field.len()),)?)*]
            }
        }
    };
}

cluster_lists!(declare_cluster);

/// What a BAT Import/Export tar's `header.txt` says of the export (`Time :`, `IP Address :`,
/// `CCM :`), in the export's own words: each is `None` when no input says it. The values are
/// hostile text, bounded by ingest and escaped by every renderer. When several exports are read,
/// each field is the first input's that gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportHeader {
    /// When the export was taken (`Time : Jun 09, 2023 13:03:18 PM PDT`).
    pub time: Option<Spanned<Text>>,
    /// The publisher the export was taken from (`IP Address : 10.1.1.10`).
    pub publisher: Option<Spanned<Text>>,
    /// The Unified CM version (`CCM : master-14.0.1.10000-20.i386`).
    pub version: Option<Spanned<Text>>,
}

impl ExportHeader {
    /// Takes each field `other` gives that this header lacks: the first input's value wins.
    pub fn fill_from(&mut self, other: ExportHeader) {
        let ExportHeader { time, publisher, version } = other;
        if self.time.is_none() {
            self.time = time;
        }
        if self.publisher.is_none() {
            self.publisher = publisher;
        }
        if self.version.is_none() {
            self.version = version;
        }
    }
}

impl Cluster {
    /// Whether the export contained the given kind of data.
    pub fn has(&self, data: DataSet) -> bool {
        self.present.contains(&data)
    }

    /// Number of objects read, for the run summary: the sum of [`Cluster::object_counts`], so
    /// that the summary and the health report's per-kind list cannot disagree.
    pub fn object_count(&self) -> usize {
        self.object_counts().iter().map(|(_, n)| n).sum()
    }
}

/// Whether a [`Device`] is a phone or a user device profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeviceKind {
    /// A phone or any other device in the phone table.
    Phone,
    /// A user device profile (Extension Mobility).
    DeviceProfile,
}

impl DeviceKind {
    /// "phone" or "device profile", for messages.
    pub fn describe(self) -> &'static str {
        match self {
            DeviceKind::Phone => "phone",
            DeviceKind::DeviceProfile => "device profile",
        }
    }
}

/// A phone or user device profile.
#[derive(Clone, Debug)]
pub struct Device {
    /// Phone or device profile.
    pub kind: DeviceKind,
    /// Device name (`SEP…`, `CSF…`) or profile name.
    pub name: Spanned<Text>,
    /// Model / product, e.g. `Cisco 8841` (BAT `Device Type`).
    pub model: Option<Spanned<Text>>,
    /// Common Device Configuration name (phones only).
    pub common_device_config: Option<Spanned<Text>>,
    /// Device-level "Allow Control of Device from CTI".
    pub allow_cti_control: Option<Spanned<bool>>,
    /// "Enable Extension Mobility" (phones only).
    pub extension_mobility: Option<Spanned<bool>>,
    /// Extension Mobility logout profile (phones only).
    pub logout_profile: Option<Spanned<Text>>,
    /// Subscribed IP phone services (AXL `services/service`), spanning the `services` start tag.
    /// `None` when the export does not say: the BAT tar `phone.csv` carries no subscriptions,
    /// and an AXL record without `services` may have left them out. An empty `<services/>` is
    /// `Some` with no entries: known to subscribe to nothing. Boxed, as only AXL gives it: an
    /// empty field costs every device of a megacluster 8 bytes rather than 40.
    pub subscriptions: Option<Box<Spanned<Vec<SubscribedService>>>>,
    /// Services Provisioning (phones, BAT `phone.csv`): `Default`, `Internal`, `External URL` or
    /// `Both`.
    pub services_provisioning: Option<Spanned<Text>>,
    /// Device user locale.
    pub user_locale: Option<Spanned<Text>>,
    /// Owner User ID.
    pub owner_user_id: Option<Spanned<Text>>,
    /// Login User Id (device profiles).
    pub login_user_id: Option<Spanned<Text>>,
    /// Built In Bridge: `On`, `Off` or `Default` (phones only).
    pub built_in_bridge: Option<Spanned<Text>>,
    /// Join Across Lines: `On`, `Off` or `Default`.
    pub join_across_lines: Option<Spanned<Text>>,
    /// Single Button Barge: `Off`, `Barge`, `CBarge` or `Default`.
    pub single_button_barge: Option<Spanned<Text>>,
    /// Device Mobility Mode: `On`, `Off` or `Default` (phones only).
    pub device_mobility_mode: Option<Spanned<Text>>,
    /// Device Calling Search Space (BAT `CSS`, AXL `callingSearchSpaceName`).
    pub css: Option<Spanned<Text>>,
    /// Device Security Profile: the phone security profile's name (phones only; BAT `Device
    /// Security Profile`, AXL `securityProfileName`).
    pub security_profile: Option<Spanned<Text>>,
    /// Product-specific configuration (AXL `getPhone` `vendorConfig`); `None` when the export
    /// does not carry it. Boxed, as `subscriptions` is.
    pub vendor_config: Option<Box<VendorConfig>>,
    /// Application users that list this device as controlled (BAT `Application User n`).
    pub application_users: Vec<Spanned<Text>>,
    /// Intercom lines (BAT `Intercom Directory Number N`).
    pub intercom_lines: Vec<IntercomLine>,
    /// Whether an Extension Mobility Cross Cluster CSS is set (device profiles); `None` when the
    /// export does not say.
    pub emcc_css: Option<Spanned<bool>>,
    /// Configured lines, in the order read; see [`Device::lines_by_index`].
    pub lines: Vec<Line>,
    /// The whole record (CSV row or XML element).
    pub span: Span,
}

impl Device {
    /// A device with nothing known but its kind and name: the start of a record that a parser
    /// fills in, or that another file's record of the same device completes in the merge.
    pub fn new(kind: DeviceKind, name: Spanned<Text>, span: Span) -> Self {
        Device {
            kind,
            name,
            model: None,
            common_device_config: None,
            allow_cti_control: None,
            extension_mobility: None,
            logout_profile: None,
            subscriptions: None,
            services_provisioning: None,
            user_locale: None,
            owner_user_id: None,
            login_user_id: None,
            built_in_bridge: None,
            join_across_lines: None,
            single_button_barge: None,
            device_mobility_mode: None,
            css: None,
            security_profile: None,
            vendor_config: None,
            application_users: Vec::new(),
            intercom_lines: Vec::new(),
            emcc_css: None,
            lines: Vec::new(),
            span,
        }
    }

    /// The object key of this device.
    pub fn key(&self) -> ObjectKey {
        match self.kind {
            DeviceKind::Phone => ObjectKey::Phone(self.name.value.clone()),
            DeviceKind::DeviceProfile => ObjectKey::DeviceProfile(self.name.value.clone()),
        }
    }

    /// Configured lines sorted by button index.
    pub fn lines_by_index(&self) -> Vec<&Line> {
        let mut lines: Vec<&Line> = self.lines.iter().collect();
        lines.sort_by_key(|l| l.index.value);
        lines
    }

    /// The 1-based position of the line with button `index` among the configured lines.
    ///
    /// UCCX/JTAPI monitors the first four *configured* lines, so a DN on button 6 with buttons
    /// 3 to 5 empty is configured line 3 (TechNote 210485 step 5).
    pub fn configured_ordinal(&self, index: u32) -> usize {
        self.lines.iter().filter(|l| l.index.value < index).count() + 1
    }
}

/// One subscription of a phone or device profile to an IP phone service (AXL
/// `RSubscribedService`).
#[derive(Clone, Debug)]
pub struct SubscribedService {
    /// The IP phone service subscribed to (`telecasterServiceName`): a Phone Services name.
    pub service: Option<Spanned<Text>>,
    /// The subscription's own name (`name`).
    pub name: Option<Spanned<Text>>,
    /// The URL the device calls (`url`). It may hold parameter values, so rules do not print it.
    pub url: Option<Spanned<Text>>,
}

/// One line appearance on a phone or profile.
#[derive(Clone, Debug)]
pub struct Line {
    /// Button index (BAT: the `N` of `Directory Number N`).
    pub index: Spanned<u32>,
    /// The directory number on this button.
    pub dn: Spanned<DnKey>,
    /// Maximum Number of Calls.
    pub max_calls: Option<Spanned<u32>>,
    /// Busy Trigger.
    pub busy_trigger: Option<Spanned<u32>>,
    /// Line-level "Allow Control of Device from CTI".
    pub allow_cti_control: Option<Spanned<bool>>,
    /// Auto Answer: `Auto Answer Off`, `Auto Answer with Headset`, `Auto Answer with Speakerphone`
    /// (BAT `Auto Answer N`). A setting of the directory number, not of the appearance: AXL
    /// gives it on `getLine` ([`DirectoryNumber::auto_answer`]); rules read both through
    /// `Context::line_auto_answer`.
    pub auto_answer: Option<Spanned<Text>>,
    /// Hold Reversion Ring Duration in seconds (0 or unset: off; BAT `Hold Reversion Ring
    /// Duration N`). Also a setting of the directory number: AXL gives it on `getLine`
    /// ([`DirectoryNumber::hold_reversion_ring_duration`]); rules read both through
    /// `Context::line_hold_reversion`.
    pub hold_reversion_ring_duration: Option<Spanned<u32>>,
    /// Line Calling Search Space (BAT `Line CSS N`). A setting of the directory number, not of
    /// the appearance: AXL gives it on `getLine` ([`DirectoryNumber::css`]).
    pub css: Option<Spanned<Text>>,
}

impl Line {
    /// A line with only its button and DN known; every other field unset.
    pub fn new(index: Spanned<u32>, dn: Spanned<DnKey>) -> Self {
        Line {
            index,
            dn,
            max_calls: None,
            busy_trigger: None,
            allow_cti_control: None,
            auto_answer: None,
            hold_reversion_ring_duration: None,
            css: None,
        }
    }
}

/// A phone's product-specific configuration (Phone Configuration > Product Specific
/// Configuration Layout), as AXL `getPhone` returns it in `vendorConfig`.
#[derive(Clone, Debug)]
pub struct VendorConfig {
    /// Every element with text, by local name, in document order; elements inside a section
    /// (`<desktopClient><extendAndConnectCapability>`) are listed by their own name.
    pub settings: Vec<VendorSetting>,
    /// The `vendorConfig` element.
    pub span: Span,
}

impl VendorConfig {
    /// The first setting with this element name.
    pub fn get(&self, name: &str) -> Option<&Spanned<Text>> {
        self.settings.iter().find(|s| s.name == name).map(|s| &s.value)
    }
}

/// One product-specific setting: its element name and value, e.g. `webAccess` = `0`.
#[derive(Clone, Debug)]
pub struct VendorSetting {
    /// The element's local name.
    pub name: Text,
    /// Its text.
    pub value: Spanned<Text>,
}

/// An intercom line on a phone or profile (BAT `Intercom Directory Number N`).
#[derive(Clone, Debug)]
pub struct IntercomLine {
    /// The intercom directory number and its intercom partition.
    pub dn: Spanned<DnKey>,
    /// Default Activated Device: the device that shows the line (`Intercom Default Activated
    /// Device N`).
    pub default_activated_device: Option<Spanned<Text>>,
}

/// An intercom directory number (Call Routing > Intercom > Intercom Directory Number).
#[derive(Clone, Debug)]
pub struct IntercomNumber {
    /// The intercom directory number and its intercom partition.
    pub dn: Spanned<DnKey>,
    /// Default Activated Device: the device that shows the line.
    pub default_activated_device: Option<Spanned<Text>>,
    /// The whole record.
    pub span: Span,
}

/// A phone security profile (System > Security > Phone Security Profile).
#[derive(Clone, Debug)]
pub struct PhoneSecurityProfile {
    /// Name, as phones name it in their Device Security Profile.
    pub name: Spanned<Text>,
    /// Device Security Mode: `Non Secure`, `Authenticated` or `Encrypted`.
    pub security_mode: Option<Spanned<Text>>,
    /// The whole record.
    pub span: Span,
}

/// An access control group (User Management > User Settings > Access Control Group) and the
/// roles it carries. Each standard group carries the role of the same name; a custom group
/// carries whatever roles the administrator assigned.
#[derive(Clone, Debug)]
pub struct AccessControlGroup {
    /// Group name, as users and application users name it.
    pub name: Spanned<Text>,
    /// Role names (BAT `FUNCTION ROLE NAME n`, AXL `userRoles/userRole`).
    pub roles: Vec<Spanned<Text>>,
    /// The whole record.
    pub span: Span,
}

/// An end user.
#[derive(Clone, Debug)]
pub struct EndUser {
    /// User ID.
    pub user_id: Spanned<Text>,
    /// IPCC extension; a user with one is a UCCX agent.
    pub ipcc_extension: Option<Spanned<DnRef>>,
    /// Primary extension.
    pub primary_extension: Option<Spanned<DnRef>>,
    /// Controlled devices (phones).
    pub controlled_devices: Vec<Spanned<Text>>,
    /// Controlled device profiles (Extension Mobility).
    pub controlled_profiles: Vec<Spanned<Text>>,
    /// Access control groups.
    pub groups: Vec<Spanned<Text>>,
    /// Whether digest credentials are set. The value itself is never kept.
    pub digest_credentials: Option<Spanned<bool>>,
    /// User locale.
    pub user_locale: Option<Spanned<Text>>,
    /// "Allow Control of Device from CTI" on the End User page.
    pub enable_cti: Option<Spanned<bool>>,
    /// "Enable User for Unified CM IM and Presence".
    pub imp_enabled: Option<Spanned<bool>>,
    /// Home Cluster.
    pub home_cluster: Option<Spanned<bool>>,
    /// Whether a SUBSCRIBE Calling Search Space is set; `None` when the export does not say.
    pub subscribe_css: Option<Spanned<bool>>,
    /// Line appearances associated with the user for presence (AXL
    /// `lineAppearanceAssociationForPresences`), spanning the list element; `None` when the export
    /// does not carry them (the BAT exports do not). Boxed, as only AXL gives it.
    pub presence_lines: Option<Box<Spanned<Vec<PresenceLine>>>>,
    /// "Enable Extension Mobility Cross Cluster".
    pub enable_emcc: Option<Spanned<bool>>,
    /// The Extension Mobility Default Profile (AXL `defaultProfile`, BAT user export `DEFAULT
    /// PROFILE`).
    pub default_profile: Option<Spanned<Text>>,
    /// Whether a UC Service Profile is set (BAT `UC SERVICE PROFILE`, AXL `serviceProfile`);
    /// `None` when the export does not say.
    pub uc_service_profile: Option<Spanned<bool>>,
    /// Whether a Self-Service User ID is set (BAT `SELF-SERVICE USER ID`, AXL `selfService`);
    /// `None` when the export does not say.
    pub self_service_id: Option<Spanned<bool>>,
    /// The whole record.
    pub span: Span,
}

/// One line appearance association for presence (LAAP) of an end user.
#[derive(Clone, Debug)]
pub struct PresenceLine {
    /// `laapDeviceName`.
    pub device: Option<Spanned<Text>>,
    /// `laapDirectory`: the DN pattern.
    pub directory: Option<Spanned<Text>>,
    /// `laapAssociate`: whether the line's on-the-phone status feeds the user's presence.
    pub associate: Option<Spanned<bool>>,
    /// The whole element.
    pub span: Span,
}

impl EndUser {
    /// One of the user's lists, as a fix names it.
    pub fn list(&self, list: crate::List) -> &[Spanned<Text>] {
        match list {
            crate::List::ControlledDevices => &self.controlled_devices,
            crate::List::ControlledProfiles => &self.controlled_profiles,
            crate::List::Groups => &self.groups,
        }
    }

    /// An end user with nothing known but the user ID.
    pub fn new(user_id: Spanned<Text>, span: Span) -> Self {
        EndUser {
            user_id,
            ipcc_extension: None,
            primary_extension: None,
            controlled_devices: Vec::new(),
            controlled_profiles: Vec::new(),
            groups: Vec::new(),
            digest_credentials: None,
            user_locale: None,
            enable_cti: None,
            imp_enabled: None,
            home_cluster: None,
            subscribe_css: None,
            presence_lines: None,
            enable_emcc: None,
            default_profile: None,
            uc_service_profile: None,
            self_service_id: None,
            span,
        }
    }

    /// The object key of this user.
    pub fn key(&self) -> ObjectKey {
        ObjectKey::User(self.user_id.value.clone())
    }

    /// Whether `name` is one of the user's controlled devices or profiles.
    pub fn controls(&self, name: &str) -> bool {
        self.controlled_devices.iter().chain(&self.controlled_profiles).any(|d| d.value == name)
    }
}

/// An application user (RMCM, FIPPA, JTAPI, AXL …).
#[derive(Clone, Debug)]
pub struct AppUser {
    /// Application user name.
    pub name: Spanned<Text>,
    /// Controlled devices.
    pub controlled_devices: Vec<Spanned<Text>>,
    /// CTI controlled device profiles.
    pub controlled_profiles: Vec<Spanned<Text>>,
    /// Access control groups.
    pub groups: Vec<Spanned<Text>>,
    /// The whole record.
    pub span: Span,
}

impl AppUser {
    /// The object key of this application user.
    pub fn key(&self) -> ObjectKey {
        ObjectKey::AppUser(self.name.value.clone())
    }

    /// One of the user's lists, as a fix names it.
    pub fn list(&self, list: crate::List) -> &[Spanned<Text>] {
        match list {
            crate::List::ControlledDevices => &self.controlled_devices,
            crate::List::ControlledProfiles => &self.controlled_profiles,
            crate::List::Groups => &self.groups,
        }
    }

    /// Whether `name` is one of the user's controlled devices or profiles.
    pub fn controls(&self, name: &str) -> bool {
        self.controlled_devices.iter().chain(&self.controlled_profiles).any(|d| d.value == name)
    }
}

/// A Common Device Configuration.
#[derive(Clone, Debug)]
pub struct CommonDeviceConfig {
    /// Name.
    pub name: Spanned<Text>,
    /// IP Addressing Mode: `IPv4 Only`, `IPv6 Only` or `IPv4 and IPv6`.
    pub ip_addressing_mode: Option<Spanned<Text>>,
    /// The whole record.
    pub span: Span,
}

/// A line group and its members.
#[derive(Clone, Debug)]
pub struct LineGroup {
    /// Name.
    pub name: Spanned<Text>,
    /// Member directory numbers, in line selection order.
    pub members: Vec<Spanned<DnKey>>,
    /// The whole record.
    pub span: Span,
}

/// A service parameter.
#[derive(Clone, Debug)]
pub struct ServiceParameter {
    /// `EnterpriseWideData` for cluster-wide parameters, else the node.
    pub server: Spanned<Text>,
    /// Service, e.g. `Cisco Extension Mobility`.
    pub service: Spanned<Text>,
    /// Internal parameter name, e.g. `multiDevHoteling`.
    pub name: Spanned<Text>,
    /// Value as exported.
    pub value: Spanned<Text>,
    /// The whole record.
    pub span: Span,
}

impl ServiceParameter {
    /// The object key of this parameter: `serviceparam:<service>/<name>`, for any server.
    pub fn key(&self) -> ObjectKey {
        ObjectKey::ServiceParameter { service: self.service.value.clone(), parameter: self.name.value.clone() }
    }
}

/// An enterprise parameter.
#[derive(Clone, Debug)]
pub struct EnterpriseParameter {
    /// Internal parameter name, e.g. `EnableIPV6`.
    pub name: Spanned<Text>,
    /// Value as exported.
    pub value: Spanned<Text>,
    /// The whole record.
    pub span: Span,
}

/// LDAP authentication settings.
#[derive(Clone, Debug)]
pub struct LdapAuthentication {
    /// "Use LDAP Authentication for End Users".
    pub enabled: Option<Spanned<bool>>,
    /// LDAP user search base.
    pub user_search_base: Option<Spanned<Text>>,
    /// Up to three servers.
    pub servers: Vec<LdapServer>,
    /// The whole record.
    pub span: Span,
}

/// One LDAP authentication server.
#[derive(Clone, Debug)]
pub struct LdapServer {
    /// Host name or IP address.
    pub host: Spanned<Text>,
    /// Port.
    pub port: Option<Spanned<u32>>,
    /// Whether SSL/TLS is enabled.
    pub ssl: Option<Spanned<bool>>,
}

/// A UCCX resource (agent or supervisor) from `adminapi/resource`, in XML or JSON.
///
/// UCCX copies the extension from the user's IPCC extension in CUCM, without a partition.
#[derive(Clone, Debug)]
pub struct UccxResource {
    /// User ID, the same as the CUCM end user's.
    pub user_id: Spanned<Text>,
    /// The IPCC extension as UCCX knows it (pattern only).
    pub extension: Option<Spanned<DnRef>>,
    /// Resource type as exported: `1` is an agent; other values are taken to be supervisors.
    pub resource_type: Option<Spanned<Text>>,
    /// Team name (the `name` attribute of `team`, `@name` in JSON).
    pub team: Option<Spanned<Text>>,
    /// The whole record.
    pub span: Span,
}

impl UccxResource {
    /// The object key of this resource.
    pub fn key(&self) -> ObjectKey {
        ObjectKey::UccxResource(self.user_id.value.clone())
    }
}

/// A directory number as an object of its own (AXL `getLine`, BAT `directorynumber.csv`), or
/// the DN settings a BAT `phone.csv` line gives (its call forwards), merged by DN key.
#[derive(Clone, Debug)]
pub struct DirectoryNumber {
    /// Pattern and partition.
    pub dn: Spanned<DnKey>,
    /// The devices that have this DN on a line (`associatedDevices`): shared-line evidence even
    /// when the devices themselves were not exported.
    pub associated_devices: Vec<Spanned<Text>>,
    /// Line-level "Allow Control of Device from CTI".
    pub allow_cti_control: Option<Spanned<bool>>,
    /// Call Pickup Group (BAT `directorynumber.csv` `Call Pickup Group`, AXL `getLine`
    /// `callPickupGroupName`).
    pub call_pickup_group: Option<Spanned<Text>>,
    /// Call forward destinations that are set, in column order (BAT `directorynumber.csv`, or
    /// `phone.csv` `Forward … Destination N` for the DN of line N) or schema order (AXL `getLine`
    /// `callForward*/destination`).
    pub forwards: Vec<Forward>,
    /// Hold Reversion Ring Duration in seconds (AXL `getLine` `hrDuration`; 0 or unset: off).
    pub hold_reversion_ring_duration: Option<Spanned<u32>>,
    /// Auto Answer (AXL `getLine` `autoAnswer`, an `XAutoAnswer` such as `Auto Answer Off`). Not
    /// read from `directorynumber.csv`: BAT gives it per line in `phone.csv`/`deviceprofile.csv`.
    pub auto_answer: Option<Spanned<Text>>,
    /// Calling Search Space of the directory number (the line CSS: BAT `directorynumber.csv`
    /// `Calling Search Space`, AXL `getLine` `callingSearchSpaceName`).
    pub css: Option<Spanned<Text>>,
    /// The whole record.
    pub span: Span,
}

/// One call forward destination of a directory number.
#[derive(Clone, Debug)]
pub struct Forward {
    /// Which forward, as the admin page names it: `Forward All`, `Forward Busy Internal`, ….
    pub kind: &'static str,
    /// The destination as exported.
    pub destination: Spanned<Text>,
}

impl Forward {
    /// Whether this is Call Forward All.
    pub fn is_forward_all(&self) -> bool {
        self.kind == FORWARD_ALL
    }
}

/// The [`Forward::kind`] of Call Forward All.
pub const FORWARD_ALL: &str = "Forward All";

impl DirectoryNumber {
    /// The object key of this directory number.
    pub fn key(&self) -> ObjectKey {
        ObjectKey::Dn(self.dn.value.clone())
    }
}

/// An IP phone service (Device > Device Settings > Phone Services).
#[derive(Clone, Debug)]
pub struct PhoneService {
    /// Service Name.
    pub name: Spanned<Text>,
    /// Service URL.
    pub url: Option<Spanned<Text>>,
    /// Secure-Service URL.
    pub secure_url: Option<Spanned<Text>>,
    /// Service Category, e.g. `XML Service`.
    pub category: Option<Spanned<Text>>,
    /// Service Type, e.g. `Standard IP Phone Service`.
    pub service_type: Option<Spanned<Text>>,
    /// Enable.
    pub enabled: Option<Spanned<bool>>,
    /// Enterprise Subscription.
    pub enterprise_subscription: Option<Spanned<bool>>,
    /// The names of the service's parameters (AXL `parameters/parameter/name`); `None` when
    /// the export does not say (BAT `phoneservices.csv` has no parameter columns).
    pub parameters: Option<Vec<Spanned<Text>>>,
    /// The whole record.
    pub span: Span,
}

impl PhoneService {
    /// The object key of this service.
    pub fn key(&self) -> ObjectKey {
        ObjectKey::PhoneService(self.name.value.clone())
    }
}

/// The LDAP system settings (System > LDAP > LDAP System).
#[derive(Clone, Debug)]
pub struct LdapSystem {
    /// "Enable Synchronizing from LDAP Server".
    pub sync_enabled: Option<Spanned<bool>>,
    /// LDAP Server Type, e.g. `Microsoft Active Directory`.
    pub server_type: Option<Spanned<Text>>,
    /// LDAP Attribute for User ID, e.g. `sAMAccountName`.
    pub user_id_attribute: Option<Spanned<Text>>,
    /// The whole record.
    pub span: Span,
}

/// An LDAP directory synchronisation agreement (System > LDAP > LDAP Directory).
#[derive(Clone, Debug)]
pub struct LdapDirectory {
    /// LDAP Configuration Name.
    pub name: Spanned<Text>,
    /// LDAP User Search Base.
    pub user_search_base: Option<Spanned<Text>>,
    /// Up to three servers.
    pub servers: Vec<LdapServer>,
    /// The whole record.
    pub span: Span,
}

impl LdapDirectory {
    /// The object key of this agreement.
    pub fn key(&self) -> ObjectKey {
        ObjectKey::LdapDirectory(self.name.value.clone())
    }
}

/// A UC service (User Management > User Settings > UC Service): where Jabber finds voicemail,
/// the mail store, CTI, the directory and so on.
#[derive(Clone, Debug)]
pub struct UcService {
    /// Name.
    pub name: Spanned<Text>,
    /// UC Service Type, e.g. `MailStore`, `Voicemail`, `CTI`, `Directory`.
    pub service_type: Option<Spanned<Text>>,
    /// Product Type, e.g. `Exchange`, `Unity Connection`.
    pub product_type: Option<Spanned<Text>>,
    /// Host Name/IP Address.
    pub host: Option<Spanned<Text>>,
    /// Port.
    pub port: Option<Spanned<u32>>,
    /// Protocol, e.g. `TCP`, `TLS`, `HTTP`, `HTTPS`.
    pub protocol: Option<Spanned<Text>>,
    /// The whole record.
    pub span: Span,
}

impl UcService {
    /// The object key of this UC service.
    pub fn key(&self) -> ObjectKey {
        ObjectKey::UcService(self.name.value.clone())
    }
}

/// A credential policy (User Management > User Settings > Credential Policy).
#[derive(Clone, Debug)]
pub struct CredentialPolicy {
    /// Display name, e.g. `Default Credential Policy`.
    pub name: Spanned<Text>,
    /// Inactive Days Allowed: days a credential may go unused before the account is locked
    /// (0, the default, never locks).
    pub inactive_days_allowed: Option<Spanned<u32>>,
    /// The whole record.
    pub span: Span,
}

impl CredentialPolicy {
    /// The object key of this credential policy.
    pub fn key(&self) -> ObjectKey {
        ObjectKey::CredentialPolicy(self.name.value.clone())
    }
}

/// A UC service profile (BAT `serviceprofile.csv`).
#[derive(Clone, Debug)]
pub struct ServiceProfile {
    /// Name.
    pub name: Spanned<Text>,
    /// `MAKE THIS THE DEFAULT SERVICE PROFILE FOR THE SYSTEM`: a user with no UC service
    /// profile of their own gets this one.
    pub system_default: Option<Spanned<bool>>,
    /// The whole record.
    pub span: Span,
}

/// A number that belongs to an object other than a line: a route pattern, hunt pilot, Mobile
/// Voice Access number, meet-me number, … (each its own BAT member). Such a number is not an
/// unassigned directory number, whatever `directorynumber.csv` says of it.
#[derive(Clone, Debug)]
pub struct OwnedNumber {
    /// Pattern and partition.
    pub dn: Spanned<DnKey>,
    /// What owns it, for messages: `route pattern`, `hunt pilot`, ….
    pub owner: &'static str,
}

/// Why a record was kept out of the lists rules check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetAsideKind {
    /// A phone template: a device whose type is a template (`Universal Device Template`, BAT
    /// phone templates) or an AXL `getPhone` of class `Phone Template`.
    DeviceTemplate,
    /// A placeholder user CUCM writes into templates (`Token_User_<uuid>`).
    PlaceholderUser,
    /// A remote destination profile (BAT `rdp.csv`): a device users control (Single Number
    /// Reach, Jabber mobile) that no rule checks, known so that a reference to it is not
    /// dangling.
    RemoteDestinationProfile,
}

impl SetAsideKind {
    /// For the run summary.
    pub fn describe(self) -> &'static str {
        match self {
            SetAsideKind::DeviceTemplate => "device template",
            SetAsideKind::PlaceholderUser => "placeholder user",
            SetAsideKind::RemoteDestinationProfile => "remote destination profile",
        }
    }
}

/// A record read but kept out of every list rules check ([`Cluster::set_aside`]).
#[derive(Clone, Debug)]
pub struct SetAside {
    /// What it is.
    pub kind: SetAsideKind,
    /// Its name, where it was read.
    pub name: Spanned<Text>,
}

/// Whether a user ID is a placeholder CUCM writes into templates (`Token_User_<uuid>`), never a
/// user of its own: no rule treats it as one, and a reference to it is not dangling.
pub fn is_placeholder_user(user_id: &str) -> bool {
    user_id.trim().get(..11).is_some_and(|p| p.eq_ignore_ascii_case("Token_User_"))
}

/// Whether a partition is one CUCM creates itself: `E911` (the "Auto created E911 Partition",
/// with its `911` number and route pattern) and the `Global Learned …` partitions of ILS. Their
/// numbers are CUCM's, not an administrator's to assign or clean up.
pub fn is_system_partition(partition: &str) -> bool {
    let partition = partition.trim();
    partition.eq_ignore_ascii_case("E911")
        || partition.get(..14).is_some_and(|p| p.eq_ignore_ascii_case("Global Learned"))
}

/// Whether a device type (BAT `Device Type`, AXL `product`/`class`) names a template rather
/// than a device: `Universal Device Template`, `Phone Template`, a BAT phone template.
pub fn is_template_type(device_type: &str) -> bool {
    // Asked of every phone row: compared in place, not lower-cased into a new string.
    device_type.as_bytes().windows(8).any(|w| w.eq_ignore_ascii_case(b"template"))
}

/// A place where the input is known to lack data that rules read.
#[derive(Clone, Debug)]
pub struct DataGap {
    /// The export it concerns: a BAT tar's display path, or an AXL operation (`listPhone`).
    pub export: String,
    /// What is missing, for messages: a file (`linegroup.csv`) or the collections a `list*`
    /// response omits (`lines`).
    pub missing: String,
    /// The kind of data it leaves absent or incomplete.
    pub data: DataSet,
    /// True for data that was read without some of its fields (a `list*` response), false for
    /// data that is absent (a file missing from the tar).
    pub incomplete: bool,
    /// Where to point: the tar manifest's `File :` lines, or the `list*` response element.
    pub span: Span,
}
/// A megacluster holds 160,000 devices, 160,000 users and half a million lines: every 8 bytes
/// on a record is 1-4 MiB of peak memory. Growing a record should be a decision; this makes it
/// one. (Sizes hold for 64-bit little-endian targets, where a [`Text`] is 16 bytes.)
#[cfg(all(test, target_pointer_width = "64", target_endian = "little"))]
mod record_sizes {
    use std::mem::size_of;

    use super::*;

    #[test]
    fn an_optional_spanned_value_costs_no_more_than_the_value() {
        assert_eq!(size_of::<Text>(), 16);
        assert_eq!(size_of::<Spanned<Text>>(), 32);
        assert_eq!(size_of::<Option<Spanned<Text>>>(), 32, "`SourceId` gives `Span` a niche");
        assert_eq!(size_of::<Option<Spanned<u32>>>(), 16);
    }

    #[test]
    fn records_stay_within_their_budgets() {
        // Device and Line grew by 32 bytes each in issue #21: the device and line calling search
        // spaces that digit analysis starts from (about 15 MiB on a megacluster).
        assert!(size_of::<Device>() <= 600, "Device is {} bytes", size_of::<Device>());
        assert!(size_of::<EndUser>() <= 432, "EndUser is {} bytes", size_of::<EndUser>());
        assert!(size_of::<Line>() <= 192, "Line is {} bytes", size_of::<Line>());
    }
}
