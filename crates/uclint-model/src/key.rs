//! Keys that name objects across exports: a directory number's (pattern, partition) pair and the
//! `kind:name` object keys that suppressions and baselines are keyed by.

use std::fmt;

use crate::Text;

/// How the "None" partition is written in keys and messages, as the CUCM GUI shows it.
pub const NONE_PARTITION: &str = "<None>";

/// A directory number's identity: its pattern and route partition.
///
/// The pattern is normalised (`\+` becomes `+`), and the "None" partition (empty, `NULL` or
/// absent in the export) is stored as the empty string.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DnKey {
    /// Normalised pattern, e.g. `4001` or `+14085554019`.
    pub pattern: Text,
    /// Partition name; empty for the "None" partition.
    pub partition: Text,
}

impl DnKey {
    /// Builds a key from raw export text, normalising the pattern and the partition.
    pub fn new(pattern: &str, partition: &str) -> Self {
        DnKey { pattern: normalise_pattern(pattern), partition: normalise_partition(partition) }
    }

    /// The partition as shown to users: its name, or `<None>`.
    pub fn partition_display(&self) -> &str {
        if self.partition.is_empty() {
            NONE_PARTITION
        } else {
            &self.partition
        }
    }
}

impl fmt::Display for DnKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.pattern, self.partition_display())
    }
}

/// A reference to a directory number whose partition the export may not state.
///
/// BAT `enduser.csv` gives an IPCC extension as a bare pattern; the partition is then resolved
/// against the DNs found on devices (see [`crate::ClusterIndex::resolve`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DnRef {
    /// Normalised pattern.
    pub pattern: Text,
    /// The partition if the export states it (empty string: the "None" partition).
    pub partition: Option<Text>,
}

impl DnRef {
    /// A reference with a known partition.
    pub fn with_partition(pattern: &str, partition: &str) -> Self {
        DnRef { pattern: normalise_pattern(pattern), partition: Some(normalise_partition(partition)) }
    }

    /// A reference whose partition the export does not give.
    pub fn pattern_only(pattern: &str) -> Self {
        DnRef { pattern: normalise_pattern(pattern), partition: None }
    }
}

impl fmt::Display for DnRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.partition {
            Some(p) if p.is_empty() => write!(f, "{}@{NONE_PARTITION}", self.pattern),
            Some(p) => write!(f, "{}@{p}", self.pattern),
            None => f.write_str(&self.pattern),
        }
    }
}

/// Removes the backslash CUCM writes before a leading `+` in patterns (`\+1408…`).
pub fn normalise_pattern(raw: &str) -> Text {
    let raw = raw.trim();
    if raw.contains("\\+") {
        Text::from(raw.replace("\\+", "+"))
    } else {
        Text::from(raw)
    }
}

fn normalise_partition(raw: &str) -> Text {
    let p = raw.trim();
    if p.eq_ignore_ascii_case("NULL") || p == NONE_PARTITION {
        Text::default()
    } else {
        Text::from(p)
    }
}

/// The object a diagnostic is about, written `kind:name` (`phone:SEP001122334455`,
/// `user:agent01`, `dn:4001@PT_Internal`).
///
/// Suppressions and baselines are keyed by rule code plus this key, never by line numbers,
/// because exports cannot carry comments and their lines move between exports. They store the
/// key as its text, so a key made of parts keeps them apart here and is written in one place,
/// [`ObjectKey`]'s `Display`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ObjectKey {
    /// A phone (any device in `phone.csv` or `getPhone`), by device name.
    Phone(Text),
    /// A user device profile, by name.
    DeviceProfile(Text),
    /// An end user, by user ID.
    User(Text),
    /// An application user, by user ID.
    AppUser(Text),
    /// A directory number.
    Dn(DnKey),
    /// A Common Device Configuration, by name.
    CommonDeviceConfig(Text),
    /// A line group, by name.
    LineGroup(Text),
    /// A service parameter, written `service/parameter`.
    ServiceParameter {
        /// The service, e.g. `Cisco Extension Mobility`.
        service: Text,
        /// The parameter's internal name, e.g. `multiDevHoteling`.
        parameter: Text,
    },
    /// An enterprise parameter, by internal name.
    EnterpriseParameter(Text),
    /// The LDAP authentication configuration (one per cluster).
    LdapAuthentication,
    /// A UCCX resource (agent or supervisor), by user ID.
    UccxResource(Text),
    /// An IP phone service, by name.
    PhoneService(Text),
    /// An LDAP directory synchronisation agreement, by name.
    LdapDirectory(Text),
    /// A phone security profile, by name.
    PhoneSecurityProfile(Text),
    /// A whole input file, by display path.
    File(Text),
    /// A UC service, by name.
    UcService(Text),
    /// A credential policy, by name.
    CredentialPolicy(Text),
    /// A cluster-wide feature or its configuration as a whole, e.g. `emcc`.
    Feature(Text),
    /// An export as a whole: a BAT tar by display path, or the AXL responses of one operation.
    Export(Text),
    /// A UCCX trigger (`adminapi/trigger`), by its directory number.
    UccxTrigger(DnRef),
    /// A route partition, by name.
    Partition(Text),
    /// A calling search space, by name.
    Css(Text),
    /// A route pattern, by pattern and partition.
    RoutePattern(DnKey),
    /// A translation pattern, by pattern and partition.
    TranslationPattern(DnKey),
    /// A hunt pilot, by pattern and partition.
    HuntPilot(DnKey),
    /// A hunt list, by name.
    HuntList(Text),
    /// A route list, by name.
    RouteList(Text),
}

impl ObjectKey {
    /// The kind prefix written before the colon.
    pub fn kind(&self) -> &'static str {
        match self {
            ObjectKey::Phone(_) => "phone",
            ObjectKey::DeviceProfile(_) => "udp",
            ObjectKey::User(_) => "user",
            ObjectKey::AppUser(_) => "appuser",
            ObjectKey::Dn(_) => "dn",
            ObjectKey::CommonDeviceConfig(_) => "cdc",
            ObjectKey::LineGroup(_) => "linegroup",
            ObjectKey::ServiceParameter { .. } => "serviceparam",
            ObjectKey::EnterpriseParameter(_) => "enterpriseparam",
            ObjectKey::LdapAuthentication => "ldapauth",
            ObjectKey::UccxResource(_) => "uccxresource",
            ObjectKey::PhoneService(_) => "phoneservice",
            ObjectKey::LdapDirectory(_) => "ldapdir",
            ObjectKey::PhoneSecurityProfile(_) => "phonesecurityprofile",
            ObjectKey::File(_) => "file",
            ObjectKey::UcService(_) => "ucservice",
            ObjectKey::CredentialPolicy(_) => "credpolicy",
            ObjectKey::Feature(_) => "feature",
            ObjectKey::Export(_) => "export",
            ObjectKey::UccxTrigger(_) => "uccxtrigger",
            ObjectKey::Partition(_) => "partition",
            ObjectKey::Css(_) => "css",
            ObjectKey::RoutePattern(_) => "routepattern",
            ObjectKey::TranslationPattern(_) => "transpattern",
            ObjectKey::HuntPilot(_) => "huntpilot",
            ObjectKey::HuntList(_) => "huntlist",
            ObjectKey::RouteList(_) => "routelist",
        }
    }
}

impl fmt::Display for ObjectKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = self.kind();
        match self {
            ObjectKey::Phone(n)
            | ObjectKey::DeviceProfile(n)
            | ObjectKey::User(n)
            | ObjectKey::AppUser(n)
            | ObjectKey::CommonDeviceConfig(n)
            | ObjectKey::LineGroup(n)
            | ObjectKey::EnterpriseParameter(n)
            | ObjectKey::UccxResource(n)
            | ObjectKey::PhoneService(n)
            | ObjectKey::LdapDirectory(n)
            | ObjectKey::File(n)
            | ObjectKey::UcService(n)
            | ObjectKey::CredentialPolicy(n)
            | ObjectKey::Feature(n)
            | ObjectKey::PhoneSecurityProfile(n)
            | ObjectKey::Export(n)
            | ObjectKey::Partition(n)
            | ObjectKey::Css(n)
            | ObjectKey::HuntList(n)
            | ObjectKey::RouteList(n) => write!(f, "{kind}:{n}"),
            ObjectKey::Dn(dn)
            | ObjectKey::RoutePattern(dn)
            | ObjectKey::TranslationPattern(dn)
            | ObjectKey::HuntPilot(dn) => write!(f, "{kind}:{dn}"),
            ObjectKey::UccxTrigger(dn) => write!(f, "{kind}:{dn}"),
            ObjectKey::ServiceParameter { service, parameter } => write!(f, "{kind}:{service}/{parameter}"),
            ObjectKey::LdapAuthentication => write!(f, "{kind}:cluster"),
        }
    }
}

impl serde::Serialize for ObjectKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_plus_and_null_partition_normalise() {
        let a = DnKey::new("\\+14922010004", "NULL");
        let b = DnKey::new("+14922010004", "");
        assert_eq!(a, b);
        assert_eq!(a.to_string(), "+14922010004@<None>");
    }

    #[test]
    fn object_keys_read_kind_colon_name() {
        assert_eq!(ObjectKey::Phone("SEP001122334455".into()).to_string(), "phone:SEP001122334455");
        assert_eq!(ObjectKey::Dn(DnKey::new("4001", "PT_Internal")).to_string(), "dn:4001@PT_Internal");
    }

    #[test]
    fn keys_made_of_parts_read_as_they_always_did() {
        // Baselines store keys as text: these are the texts of keys that were once formatted
        // strings.
        let parameter = ObjectKey::ServiceParameter {
            service: "Cisco Extension Mobility".into(),
            parameter: "multiDevHoteling".into(),
        };
        assert_eq!(parameter.to_string(), "serviceparam:Cisco Extension Mobility/multiDevHoteling");
        let trigger = ObjectKey::UccxTrigger(DnRef::with_partition("\\+18005550100", "NULL"));
        assert_eq!(trigger.to_string(), "uccxtrigger:+18005550100@<None>");
        assert_eq!(ObjectKey::UccxTrigger(DnRef::pattern_only("5000")).to_string(), "uccxtrigger:5000");
    }
}
