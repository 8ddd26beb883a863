//! The one type of every code uclint reports: rules (`UCCX001`), diagnostics about the input
//! (`INPUT001`) and diagnostics about the configuration (`CONFIG001`).
//!
//! A [`Code`] says everything a listing, a selection or a renderer needs: its family, its
//! default severity and its status. Each code is a `static`, and a [`Diagnostic`](crate::Diagnostic)
//! holds a reference to its code, so what a finding is can always be asked of the finding itself
//! (`diagnostic.code.family`) and never parsed back out of the string. Codes are never reused: a
//! rule that goes keeps its code with [`Status::Removed`], and a renamed code leaves a
//! [`Redirect`] from its old spelling.

use std::fmt;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Advisory or hygiene.
    Info,
    /// Likely breakage, degraded behaviour or a real security risk.
    Warning,
    /// Unsupported by Cisco, or breaks login, registration or presence.
    Error,
}

impl Severity {
    /// Lower-case name, as written in configs and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `info`, `warning` or `error` (case-insensitive).
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a code is about: one of the rule families, the input, or the configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// UCCX agent device and line (`UCCX`).
    Uccx,
    /// RMCM / JTAPI application users (`RMCM`).
    Rmcm,
    /// Finesse IP Phone Agent application user (`FIPPA`).
    Fippa,
    /// Extension Mobility and EMCC (`EM`).
    Em,
    /// IM and Presence, Jabber desk-phone control (`IMP`).
    Imp,
    /// LDAP directory and authentication (`LDAP`).
    Ldap,
    /// Security posture (`SEC`).
    Sec,
    /// General hygiene (`GEN`).
    Gen,
    /// The dial plan and call paths: partitions, calling search spaces, patterns, and whether
    /// calls reach where they must (`DIAL`).
    Dial,
    /// The input itself: files that could not be read, or read only in part (`INPUT`).
    Input,
    /// The configuration file and the suppressions in it (`CONFIG`).
    Config,
}

impl Family {
    /// The families of rules, in the order listings show them.
    pub const RULES: [Family; 9] = [
        Family::Uccx,
        Family::Rmcm,
        Family::Fippa,
        Family::Em,
        Family::Imp,
        Family::Ldap,
        Family::Sec,
        Family::Gen,
        Family::Dial,
    ];

    /// The code prefix.
    pub fn prefix(self) -> &'static str {
        match self {
            Family::Uccx => "UCCX",
            Family::Rmcm => "RMCM",
            Family::Fippa => "FIPPA",
            Family::Em => "EM",
            Family::Imp => "IMP",
            Family::Ldap => "LDAP",
            Family::Sec => "SEC",
            Family::Gen => "GEN",
            Family::Dial => "DIAL",
            Family::Input => "INPUT",
            Family::Config => "CONFIG",
        }
    }

    /// What the family covers.
    pub fn describe(self) -> &'static str {
        match self {
            Family::Uccx => "UCCX agent device and line",
            Family::Rmcm => "RMCM and JTAPI application users",
            Family::Fippa => "Finesse IP Phone Agent application user",
            Family::Em => "Extension Mobility and EMCC",
            Family::Imp => "IM and Presence and Jabber desk-phone control",
            Family::Ldap => "LDAP directory and authentication",
            Family::Sec => "security posture",
            Family::Gen => "general hygiene",
            Family::Dial => "dial plan and call paths",
            Family::Input => "the input itself",
            Family::Config => "the configuration",
        }
    }

    /// Whether codes of this family are rules, which can be selected and ignored; input and
    /// configuration diagnostics are always on.
    pub fn is_rule(self) -> bool {
        !matches!(self, Family::Input | Family::Config)
    }
}

/// Whether a code is reported, and when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// A rule that runs by default.
    Stable,
    /// A weakly sourced rule (catalog confidence L): runs only when selected explicitly.
    Disabled,
    /// An input or configuration diagnostic: reported whenever it applies; it cannot be selected
    /// or ignored.
    AlwaysOn,
    /// A rule that was removed: its code is kept out of circulation, and selecting it says why.
    Removed {
        /// Why it was removed, and what replaces it if anything.
        reason: &'static str,
    },
}

impl Status {
    /// The status as listings show it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Stable => "stable",
            Status::Disabled => "disabled",
            Status::AlwaysOn => "-",
            Status::Removed { .. } => "removed",
        }
    }
}

/// One code uclint reports.
#[derive(Debug)]
pub struct Code {
    /// The code, e.g. `UCCX001`: its family's prefix and three digits.
    pub id: &'static str,
    /// Kebab-case name that reads after "allow", e.g. `ipcc-extension-shared`.
    pub name: &'static str,
    /// What the code is about.
    pub family: Family,
    /// Severity unless the configuration says otherwise (only rules' can be changed).
    pub severity: Severity,
    /// Whether it is reported, and when.
    pub status: Status,
    /// One line, for listings.
    pub summary: &'static str,
}

impl Code {
    /// The code, e.g. `UCCX001`.
    pub fn as_str(&self) -> &'static str {
        self.id
    }
}

/// Codes are identified by their `id`: two codes with one id are one code.
impl PartialEq for Code {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Code {}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Code {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.id.cmp(other.id)
    }
}

impl std::hash::Hash for Code {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.id == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.id == *other
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id)
    }
}

/// An old spelling of a renamed code, and the code it became: selections, severities and
/// suppressions that name the old one keep working.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Redirect {
    /// The old code or name.
    pub from: &'static str,
    /// The code it became.
    pub to: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    static SHARED: Code = Code {
        id: "UCCX001",
        name: "ipcc-extension-shared",
        family: Family::Uccx,
        severity: Severity::Error,
        status: Status::Stable,
        summary: "",
    };

    #[test]
    fn a_code_is_its_id() {
        assert_eq!(SHARED, *"UCCX001");
        assert_eq!(&SHARED, &"UCCX001");
        assert_eq!(SHARED.to_string(), "UCCX001");
        assert_eq!(serde_json::to_string(&SHARED).unwrap(), "\"UCCX001\"");
    }

    #[test]
    fn only_rule_families_are_rules() {
        assert!(Family::RULES.iter().all(|f| f.is_rule()));
        assert!(!Family::Input.is_rule() && !Family::Config.is_rule());
        let prefixes: Vec<&str> = Family::RULES.iter().map(|f| f.prefix()).collect();
        assert_eq!(prefixes, ["UCCX", "RMCM", "FIPPA", "EM", "IMP", "LDAP", "SEC", "GEN", "DIAL"]);
    }
}
