//! `getPhone` / `listPhone` `<phone>` and `getDeviceProfile` / `listDeviceProfile`
//! `<deviceProfile>` records, with their `lines/line` (formats.md §4a, §6).
//!
//! The device calling search space is `callingSearchSpaceName` (formats.md §4a). When the record
//! has the element, even empty, [`DataSet::DeviceCss`] is marked present, so that rules can tell
//! "no CSS" from "not exported"; a `list*` record that carries it counts the same. The line CSS
//! is not here: `lines/line` (`RPhoneLine`) has no calling search space, which belongs to the
//! directory number (`getLine`, `config.rs`). \[I\] `getDeviceProfile` is read the same way,
//! should its record carry `callingSearchSpaceName`.

use uclint_model::{
    is_template_type, DataSet, Device, DeviceKind, Line, SetAside, SetAsideKind, Spanned, SubscribedService, Text,
    VendorConfig, VendorSetting,
};

use crate::codes;
use crate::xml::read::{dn, flag, number};
use crate::xml::Element;
use crate::FileParse;

/// One `<phone>`. Fields the schema does not give a phone (`loginUserId`, the BAT-only
/// `Services Provisioning`, application users, intercom lines) stay unset. A template (`class`
/// `Phone Template`, or a template model such as `Universal Device Template`) is set aside,
/// never checked as a phone.
pub fn phone(parse: &mut FileParse<'_>, phone: Element<'_>) {
    let Some(name) = phone.text_at(&["name"]) else { return };
    let is_template = |path: &[&str]| phone.text_at(path).is_some_and(|t| is_template_type(&t.value));
    if is_template(&["class"]) || is_template(&["model"]) || is_template(&["product"]) {
        parse.cluster.set_aside.push(SetAside { kind: SetAsideKind::DeviceTemplate, name });
        return;
    }
    let device = Device {
        model: phone.text_at(&["model"]).or_else(|| phone.text_at(&["product"])),
        common_device_config: phone.text_at(&["commonDeviceConfigName"]),
        allow_cti_control: flag(parse, phone, &["allowCtiControlFlag"]),
        extension_mobility: flag(parse, phone, &["enableExtensionMobility"]),
        logout_profile: phone.text_at(&["defaultProfileName"]),
        subscriptions: subscriptions(phone).map(Box::new),
        user_locale: phone.text_at(&["userLocale"]),
        owner_user_id: phone.text_at(&["ownerUserName"]),
        built_in_bridge: phone.text_at(&["builtInBridgeStatus"]),
        join_across_lines: phone.text_at(&["joinAcrossLines"]),
        single_button_barge: phone.text_at(&["singleButtonBarge"]),
        device_mobility_mode: phone.text_at(&["deviceMobilityMode"]),
        security_profile: phone.text_at(&["securityProfileName"]),
        css: device_css(parse, phone),
        vendor_config: vendor_config(parse, phone).map(Box::new),
        lines: lines(parse, phone),
        ..Device::new(DeviceKind::Phone, name, phone.span())
    };
    parse.cluster.phones.push(device);
}

/// One `<deviceProfile>`. The schema element for a profile's EMCC CSS is not confirmed, so only
/// the BAT column gives it.
pub fn device_profile(parse: &mut FileParse<'_>, profile: Element<'_>) {
    let Some(name) = profile.text_at(&["name"]) else { return };
    let device = Device {
        model: profile.text_at(&["model"]).or_else(|| profile.text_at(&["product"])),
        allow_cti_control: flag(parse, profile, &["allowCtiControlFlag"]),
        subscriptions: subscriptions(profile).map(Box::new),
        user_locale: profile.text_at(&["userLocale"]),
        login_user_id: profile.text_at(&["loginUserId"]),
        join_across_lines: profile.text_at(&["joinAcrossLines"]),
        single_button_barge: profile.text_at(&["singleButtonBarge"]),
        css: device_css(parse, profile),
        lines: lines(parse, profile),
        ..Device::new(DeviceKind::DeviceProfile, name, profile.span())
    };
    parse.cluster.device_profiles.push(device);
}

/// `callingSearchSpaceName`, marking [`DataSet::DeviceCss`] present when the element is there.
fn device_css(parse: &mut FileParse<'_>, device: Element<'_>) -> Option<Spanned<Text>> {
    let element = device.child("callingSearchSpaceName")?;
    parse.cluster.present.insert(DataSet::DeviceCss);
    element.value()
}

/// `services/service` (`RSubscribedService`): `None` when the record has no `services`
/// element (a `list*` record, or `returnedTags` that left it out), so that rules can tell "no
/// subscriptions" from "not exported".
fn subscriptions(device: Element<'_>) -> Option<Spanned<Vec<SubscribedService>>> {
    let list = device.child("services")?;
    let services = list
        .children_named("service")
        .map(|service| SubscribedService {
            service: service.text_at(&["telecasterServiceName"]),
            name: service.text_at(&["name"]),
            url: service.text_at(&["url"]),
        })
        .collect();
    Some(Spanned::new(services, list.tag()))
}

/// `vendorConfig`: the product-specific settings, an `xsd:any` block of elements named after
/// the setting (`<webAccess>0</webAccess>`), some grouped in a section element. Every element
/// with text is kept by its local name, except anything named like a secret.
fn vendor_config(parse: &mut FileParse<'_>, phone: Element<'_>) -> Option<VendorConfig> {
    fn leaves(element: Element<'_>, out: &mut Vec<VendorSetting>) {
        for child in element.children() {
            if !child.has_children() {
                let Some(value) = child.value() else { continue };
                if !crate::secrets::is_secret_name(child.name()) {
                    out.push(VendorSetting { name: child.name().clone(), value });
                }
            } else {
                leaves(child, out);
            }
        }
    }
    let element = phone.child("vendorConfig")?;
    parse.cluster.present.insert(DataSet::VendorConfig);
    let mut settings = Vec::new();
    leaves(element, &mut settings);
    Some(VendorConfig { settings, span: element.span() })
}

/// `lines/line` (with `index`), or the `lines/lineIdentifier` choice, which has no index.
fn lines(parse: &mut FileParse<'_>, device: Element<'_>) -> Vec<Line> {
    let Some(list) = device.child("lines") else { return Vec::new() };
    // One line per child, at most: sized once, so that no device keeps the slack of a grown
    // vector (tens of megabytes over a megacluster's lines).
    let mut lines = Vec::with_capacity(list.children().count());
    for line in list.children_named("line") {
        if line.child("hrDuration").is_some() {
            parse.cluster.present.insert(DataSet::LineHoldReversion);
        }
        let Some(dn) = line.child("dirn").and_then(|d| dn(d, "pattern", "routePartitionName")) else { continue };
        let Some(index) = number(parse, line, &["index"]) else {
            let message = "this line has no `index`, so its button position is unknown; it was not read";
            parse.report(codes::INVALID_VALUE.at(parse.path, dn.span, message));
            continue;
        };
        lines.push(Line {
            css: None,
            index,
            max_calls: number(parse, line, &["maxNumCalls"]),
            busy_trigger: number(parse, line, &["busyTrigger"]),
            allow_cti_control: None,
            auto_answer: line.text_at(&["autoAnswer"]),
            hold_reversion_ring_duration: number(parse, line, &["hrDuration"]),
            dn,
        });
    }
    for (position, identifier) in list.children_named("lineIdentifier").enumerate() {
        let Some(dn) = dn(identifier, "directoryNumber", "routePartitionName") else { continue };
        let message = "lines are given as lineIdentifier, which has no index; each one is taken to be \
                       on the button of its position in the list";
        parse.note_once("line-identifier", dn.span, message);
        lines.push(Line::new(Spanned::new(position as u32 + 1, dn.span), dn));
    }
    lines.shrink_to_fit();
    lines
}
