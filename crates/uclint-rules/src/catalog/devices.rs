//! Devices: what kind of endpoint a device is ([`DeviceClass`], [`CtiKind`], CTI Remote Devices),
//! which access control group its model needs before it can be controlled through CTI, and where
//! the export records that an application user controls it ([`Controls`]).
//!
//! CUCM gives a device's kind only as its model (BAT `Device Type`, AXL `model`) and, for Jabber,
//! its name's prefix; these are the catalog's readings of them, the same for every run.

use rustc_hash::FxHashMap;
use uclint_model::{AppUser, Device, DeviceKind, Span};

use super::groups;

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

#[cfg(test)]
mod tests {
    use uclint_model::{SourceId, Spanned};

    use super::*;

    fn device(kind: DeviceKind, name: &str, model: &str) -> Device {
        let span = Span::file_start(SourceId::new(0));
        let model = (!model.is_empty()).then(|| Spanned::new(model.into(), span));
        Device { model, ..Device::new(kind, Spanned::new(name.into(), span), span) }
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
    fn cti_ports_and_route_points_are_told_apart() {
        let phone = DeviceKind::Phone;
        assert_eq!(CtiKind::of(&device(phone, "CXBA_RP", "CTI Route Point")), Some(CtiKind::RoutePoint));
        assert_eq!(CtiKind::of(&device(phone, "CXBA_1", "cti port")), Some(CtiKind::Port));
        assert_eq!(CtiKind::of(&device(phone, "SEP001122334455", "Cisco 8841")), None);
        assert_eq!(CtiKind::of(&device(phone, "CXBA_2", "")), None);
    }
}
