//! `getCommonDeviceConfig`, `getLineGroup`, `getServiceParameter`, `getLdapAuthentication`,
//! `getLine`, `getIpPhoneServices`, `getUcService`, `getCredentialPolicy` and
//! `getPhoneSecurityProfile` records (formats.md §5, §9, §10, §11, §14; `ucService` per the AXL
//! schema's `RUcService`; `credentialPolicy` as public AXL scripts name its fields).
//! `ldapPassword` was masked before the text was read and is never looked at.

use uclint_model::{
    CommonDeviceConfig, CredentialPolicy, DataSet, DirectoryNumber, Forward, LdapAuthentication, LdapServer, LineGroup,
    PhoneSecurityProfile, PhoneService, ServiceParameter, Spanned, Text, UcService, FORWARD_ALL,
};

use crate::secrets::named_value;
use crate::xml::read::{dn, flag, number, texts};
use crate::xml::Element;
use crate::FileParse;

/// One `<commonDeviceConfig>`.
pub fn common_device_config(parse: &mut FileParse<'_>, cdc: Element<'_>) {
    let Some(name) = cdc.text_at(&["name"]) else { return };
    let ip_addressing_mode = cdc.text_at(&["ipAddressingMode"]);
    parse.cluster.common_device_configs.push(CommonDeviceConfig { name, ip_addressing_mode, span: cdc.span() });
}

/// One `<lineGroup>`: `members/member/directoryNumber`, in `lineSelectionOrder`.
pub fn line_group(parse: &mut FileParse<'_>, group: Element<'_>) {
    let Some(name) = group.text_at(&["name"]) else { return };
    let mut members = Vec::new();
    if let Some(list) = group.child("members") {
        for (position, member) in list.children_named("member").enumerate() {
            let Some(dn) = member.child("directoryNumber").and_then(|d| dn(d, "pattern", "routePartitionName")) else {
                continue;
            };
            let order = number(parse, member, &["lineSelectionOrder"]).map_or(position as u32 + 1, |o| o.value);
            members.push((order, dn));
        }
    }
    members.sort_by_key(|(order, _)| *order);
    let members = members.into_iter().map(|(_, dn)| dn).collect();
    parse.cluster.line_groups.push(LineGroup { name, members, span: group.span() });
}

/// One `<serviceParameter>`: `processNodeName`, `service`, `name`, `value`.
pub fn service_parameter(parse: &mut FileParse<'_>, parameter: Element<'_>) {
    let (Some(name), Some(service)) = (parameter.text_at(&["name"]), parameter.text_at(&["service"])) else {
        return;
    };
    let value = parameter.text_at(&["value"]).unwrap_or_else(|| Spanned::new(Text::default(), name.span));
    // A parameter that holds a password is quoted by no rule as it stands.
    let value = named_value(&name.value, value);
    let server = parameter.text_at(&["processNodeName"]).unwrap_or_else(|| Spanned::new(Text::default(), name.span));
    parse.cluster.service_parameters.push(ServiceParameter { server, service, name, value, span: parameter.span() });
}

/// One `<ldapAuthentication>` with up to three `servers/server`.
pub fn ldap_authentication(parse: &mut FileParse<'_>, auth: Element<'_>) {
    let mut servers = Vec::new();
    for server in auth.child("servers").into_iter().flat_map(|s| s.children_named("server")) {
        let Some(host) = server.text_at(&["hostName"]) else { continue };
        servers.push(LdapServer {
            host,
            port: number(parse, server, &["ldapPortNumber"]),
            ssl: flag(parse, server, &["sslEnabled"]),
        });
    }
    let enabled = flag(parse, auth, &["authenticateEndUsers"]);
    let user_search_base = auth.text_at(&["userSearchBase"]);
    parse.cluster.ldap_authentication.push(LdapAuthentication {
        enabled,
        user_search_base,
        servers,
        span: auth.span(),
    });
}

/// The call forward blocks of `getLine` (XLine), in schema order, each with the name the admin
/// page and the BAT export give it (`callForwardBusy` is Forward Busy External). The block's
/// `destination` is the number; `forwardToVoiceMail` is not read.
const FORWARDS: &[(&str, &str)] = &[
    ("callForwardAll", FORWARD_ALL),
    ("callForwardBusy", "Forward Busy External"),
    ("callForwardBusyInt", "Forward Busy Internal"),
    ("callForwardNoAnswer", "Forward No Answer External"),
    ("callForwardNoAnswerInt", "Forward No Answer Internal"),
    ("callForwardNoCoverage", "Forward No Coverage External"),
    ("callForwardNoCoverageInt", "Forward No Coverage Internal"),
    ("callForwardOnFailure", "Forward on CTI Failure"),
    ("callForwardNotRegistered", "Forward Unregistered External"),
    ("callForwardNotRegisteredInt", "Forward Unregistered Internal"),
];

/// One `<line>` of `getLine`: the DN, `associatedDevices` (the devices that share it), the
/// call forward destinations that are set, `callPickupGroupName` (empty when the line is in
/// no call pickup group), `hrDuration`, the Hold Reversion Ring Duration, `autoAnswer` and
/// `callingSearchSpaceName`, the line CSS (elements of the line, `XLine` in the AXL schema, not
/// of the phone's line appearance `XPhoneLine`: a captured `getLine` response has them, a
/// captured `getPhone` does not). Rules apply them to every appearance of the DN. The line CSS
/// element, even empty, marks [`DataSet::LineCss`] present.
pub fn directory_number(parse: &mut FileParse<'_>, line: Element<'_>) {
    let Some(dn) = dn(line, "pattern", "routePartitionName") else { return };
    let allow_cti_control = flag(parse, line, &["allowCtiControlFlag"]);
    let associated_devices = texts(line, "associatedDevices", "device");
    if line.child("hrDuration").is_some() {
        parse.cluster.present.insert(DataSet::LineHoldReversion);
    }
    let hold_reversion_ring_duration = number(parse, line, &["hrDuration"]);
    let forwards = FORWARDS
        .iter()
        .filter_map(|(element, kind)| Some(Forward { kind, destination: line.text_at(&[element, "destination"])? }))
        .collect();
    // The line CSS: present when the element is, even empty ("no CSS", not "not exported").
    let css = line.child("callingSearchSpaceName").and_then(|element| {
        parse.cluster.present.insert(DataSet::LineCss);
        element.value()
    });
    parse.cluster.directory_numbers.push(DirectoryNumber {
        css,
        dn,
        associated_devices,
        allow_cti_control,
        call_pickup_group: line.text_at(&["callPickupGroupName"]),
        forwards,
        hold_reversion_ring_duration,
        auto_answer: line.text_at(&["autoAnswer"]),
        span: line.span(),
    });
}

/// One `<ipPhoneServices>` of `getIpPhoneServices` (`RIpPhoneServices` in the AXL schema):
/// `serviceName`, `serviceUrl`, `secureServiceUrl`, `serviceCategory`, `serviceType`, `enabled`,
/// `enterpriseSubscription` and the names of `parameters/parameter`. A record without
/// `parameters` leaves them unknown, as the BAT file does.
pub fn phone_service(parse: &mut FileParse<'_>, service: Element<'_>) {
    let Some(name) = service.text_at(&["serviceName"]) else { return };
    let parameters = service
        .child("parameters")
        .map(|list| list.children_named("parameter").filter_map(|parameter| parameter.text_at(&["name"])).collect());
    let enabled = flag(parse, service, &["enabled"]);
    let enterprise_subscription = flag(parse, service, &["enterpriseSubscription"]);
    parse.cluster.phone_services.push(PhoneService {
        name,
        url: service.text_at(&["serviceUrl"]),
        secure_url: service.text_at(&["secureServiceUrl"]),
        category: service.text_at(&["serviceCategory"]),
        service_type: service.text_at(&["serviceType"]),
        enabled,
        enterprise_subscription,
        parameters,
        span: service.span(),
    });
}

/// One `<ucService>` of `getUcService`/`listUcService`: `serviceType`, `productType`, `name`,
/// `hostnameorip`, `port`, `protocol` (the AXL schema's `RUcService`).
pub fn uc_service(parse: &mut FileParse<'_>, service: Element<'_>) {
    let Some(name) = service.text_at(&["name"]) else { return };
    let port = number(parse, service, &["port"]);
    parse.cluster.uc_services.push(UcService {
        service_type: service.text_at(&["serviceType"]),
        product_type: service.text_at(&["productType"]),
        host: service.text_at(&["hostnameorip"]),
        port,
        protocol: service.text_at(&["protocol"]),
        span: service.span(),
        name,
    });
}

/// One `<credentialPolicy>` of `getCredentialPolicy`/`listCredentialPolicy`: `name` and
/// `inactiveDaysAllowed`.
pub fn credential_policy(parse: &mut FileParse<'_>, policy: Element<'_>) {
    let Some(name) = policy.text_at(&["name"]) else { return };
    let inactive_days_allowed = number(parse, policy, &["inactiveDaysAllowed"]);
    parse.cluster.credential_policies.push(CredentialPolicy { name, inactive_days_allowed, span: policy.span() });
}

/// One `<phoneSecurityProfile>` of `getPhoneSecurityProfile` or `listPhoneSecurityProfile`
/// (`RPhoneSecurityProfile`/`LPhoneSecurityProfile` in the AXL schema; both have `name` and
/// `deviceSecurityMode`).
pub fn phone_security_profile(parse: &mut FileParse<'_>, profile: Element<'_>) {
    let Some(name) = profile.text_at(&["name"]) else { return };
    let security_mode = profile.text_at(&["deviceSecurityMode"]);
    parse.cluster.phone_security_profiles.push(PhoneSecurityProfile { name, security_mode, span: profile.span() });
}
