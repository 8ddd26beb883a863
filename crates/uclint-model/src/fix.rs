//! Fixes: the change that removes a finding, as the rule that found it proposes it.
//!
//! A rule that knows the remedy attaches a [`Fix`] to its finding when the run asks for fixes
//! (`uclint fix`); `check` never builds them. A fix names the object, the field and the value,
//! in the model's vocabulary; the writers of `uclint-fix` turn it into an AXL request, a BAT row
//! and a byte edit of the export, each in its own wire format.

use crate::{ObjectKey, Spanned, Text};

/// Whether a fix may be applied without judgement (as ruff says it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Safety {
    /// Changes only what the finding is about, to the value the finding names.
    Safe,
    /// Needs a decision the export cannot make (which button, which CDC): applied only with
    /// `--unsafe-fixes`.
    Unsafe,
}

impl Safety {
    /// `safe` or `unsafe`.
    pub fn as_str(self) -> &'static str {
        match self {
            Safety::Safe => "safe",
            Safety::Unsafe => "unsafe",
        }
    }
}

/// What a rule proposes for one finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fix {
    /// The change that removes the finding.
    Edit(Edit),
    /// The rule has a fix, but not for this finding, and says why (for the plan).
    NotOffered(String),
}

/// One change to one object of the export.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Edit {
    /// Sets a field that the export shows to a new value. `before` is the value as read, with
    /// the span of its cell or element, which the fixed export rewrites.
    Set {
        /// The object changed.
        object: ObjectKey,
        /// The field.
        field: Field,
        /// The value as the export shows it.
        before: Spanned<Text>,
        /// The value it gets.
        after: Value,
    },
    /// Adds an item to a list of the object.
    Add {
        /// The object changed.
        object: ObjectKey,
        /// The list.
        list: List,
        /// The item added (a device, profile or group name).
        item: Text,
    },
}

impl Edit {
    /// The object the edit changes.
    pub fn object(&self) -> &ObjectKey {
        match self {
            Edit::Set { object, .. } | Edit::Add { object, .. } => object,
        }
    }

    /// The field or list changed, as the admin pages name it.
    pub fn field_name(&self) -> String {
        match self {
            Edit::Set { field, .. } => field.describe(),
            Edit::Add { list, .. } => list.describe().to_owned(),
        }
    }

    /// `before -> after`, as the plan shows it.
    pub fn change(&self) -> String {
        match self {
            Edit::Set { before, after, .. } => format!("{} -> {}", before.value, after.describe()),
            Edit::Add { item, .. } => format!("+ {item}"),
        }
    }
}

/// A field a fix can set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// Maximum Number of Calls of the line appearance at button `line` of a phone or device
    /// profile (AXL `lines/line/maxNumCalls`, BAT `MAXIMUM NUMBER OF CALLS n`).
    LineMaxCalls {
        /// The line's index (button), as the export numbers it.
        line: u32,
    },
    /// Busy Trigger of the line appearance at button `line` (AXL `busyTrigger`, BAT `BUSY TRIGGER n`).
    LineBusyTrigger {
        /// The line's index.
        line: u32,
    },
    /// "Allow Control of Device from CTI" of a phone (AXL `allowCtiControlFlag`).
    DeviceAllowCti,
    /// Join Across Lines of a phone or device profile (AXL `joinAcrossLines`).
    DeviceJoinAcrossLines,
    /// The Common Device Configuration of a phone (AXL `commonDeviceConfigName`).
    DeviceCommonDeviceConfig,
    /// "Allow Control of Device from CTI" of an end user (AXL `enableCti`).
    UserEnableCti,
}

impl Field {
    /// The field as the admin page names it.
    pub fn describe(&self) -> String {
        match self {
            Field::LineMaxCalls { line } => format!("Maximum Number of Calls (line {line})"),
            Field::LineBusyTrigger { line } => format!("Busy Trigger (line {line})"),
            Field::DeviceAllowCti => "Allow Control of Device from CTI".to_owned(),
            Field::DeviceJoinAcrossLines => "Join Across Lines".to_owned(),
            Field::DeviceCommonDeviceConfig => "Common Device Configuration".to_owned(),
            Field::UserEnableCti => "Allow Control of Device from CTI (end user)".to_owned(),
        }
    }
}

/// A list a fix can add to. AXL replaces these lists whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum List {
    /// Controlled devices (AXL `associatedDevices`).
    ControlledDevices,
    /// CTI controlled device profiles (AXL `ctiControlledDeviceProfiles`).
    ControlledProfiles,
    /// Access control groups (AXL `associatedGroups`).
    Groups,
}

impl List {
    /// The list as the admin page names it.
    pub fn describe(&self) -> &'static str {
        match self {
            List::ControlledDevices => "Controlled Devices",
            List::ControlledProfiles => "CTI Controlled Device Profiles",
            List::Groups => "Access Control Groups",
        }
    }
}

/// A value a fix sets. Each writer spells it in its format (`t`/`true`, `2`, `Off`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Value {
    /// A number.
    Number(u32),
    /// A check box.
    Bool(bool),
    /// One of CUCM's On/Off/Default settings (AXL `XStatus`): `Off` or `On`.
    Status(&'static str),
    /// The name of another object (a Common Device Configuration), as the export spells it.
    Name(Text),
}

impl Value {
    /// The value as the admin page shows it.
    pub fn describe(&self) -> String {
        match self {
            Value::Number(n) => n.to_string(),
            Value::Bool(true) => "checked".to_owned(),
            Value::Bool(false) => "unchecked".to_owned(),
            Value::Status(s) => (*s).to_owned(),
            Value::Name(name) => name.to_string(),
        }
    }

    /// The value spelled as `before` spells its kind: a BAT `t`/`f`, an AXL `true`/`false`, a
    /// `1`/`0`, keeping its case; numbers and statuses as they are.
    pub fn spelled_like(&self, before: &str) -> String {
        match *self {
            Value::Number(n) => n.to_string(),
            Value::Status(s) => s.to_owned(),
            Value::Name(ref name) => name.to_string(),
            Value::Bool(b) => {
                let lower = before.trim().to_ascii_lowercase();
                let word = match lower.as_str() {
                    "t" | "f" => {
                        if b {
                            "t"
                        } else {
                            "f"
                        }
                    }
                    "1" | "0" => {
                        if b {
                            "1"
                        } else {
                            "0"
                        }
                    }
                    "y" | "n" => {
                        if b {
                            "y"
                        } else {
                            "n"
                        }
                    }
                    "yes" | "no" => {
                        if b {
                            "yes"
                        } else {
                            "no"
                        }
                    }
                    _ => {
                        if b {
                            "true"
                        } else {
                            "false"
                        }
                    }
                };
                let upper = before.trim().chars().next().is_some_and(|c| c.is_ascii_uppercase());
                let all_upper = before.trim().len() > 1 && before.trim().chars().all(|c| c.is_ascii_uppercase());
                if all_upper {
                    word.to_ascii_uppercase()
                } else if upper {
                    let mut chars = word.chars();
                    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
                } else {
                    word.to_owned()
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_are_spelled_as_the_export_spells_them() {
        let yes = Value::Bool(true);
        assert_eq!(yes.spelled_like("f"), "t");
        assert_eq!(yes.spelled_like("false"), "true");
        assert_eq!(yes.spelled_like("False"), "True");
        assert_eq!(yes.spelled_like("FALSE"), "TRUE");
        assert_eq!(yes.spelled_like("0"), "1");
        assert_eq!(Value::Bool(false).spelled_like("t"), "f");
        assert_eq!(Value::Number(2).spelled_like("4"), "2");
        assert_eq!(Value::Status("Off").spelled_like("On"), "Off");
    }
}
