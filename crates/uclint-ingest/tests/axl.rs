//! AXL `get*` and `list*` responses: every value a rule reads spans its element text, secrets
//! never reach the source map, and malformed or partial responses are reported, not fatal.

use std::path::Path;

use uclint_ingest::{parse, FileStatus, Ingested, RawInput};
use uclint_model::{DnKey, DnRef, NotReadClass, Span};

/// Parses one in-memory file as if it had been read from `path`.
fn ingest_text(path: &str, text: &str) -> Ingested {
    parse(vec![RawInput { path: path.into(), bytes: text.as_bytes().to_vec(), error: None }])
}

fn slice(ingested: &Ingested, span: Span) -> &str {
    ingested.sources.get(span.source).slice(span)
}

fn envelope(operation: &str, version: &str, record: &str) -> String {
    format!(
        "<?xml version='1.0' encoding='UTF-8'?>\n\
         <soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>\n\
         <ns:{operation}Response xmlns:ns=\"http://www.cisco.com/AXL/API/{version}\"><return>\n{record}\n\
         </return></ns:{operation}Response></soapenv:Body></soapenv:Envelope>\n"
    )
}

const PHONE: &str = r#"<phone ctiid="7" uuid="{A}"><name>SEP0011AABB0001</name><model>Cisco 8841</model>
  <commonDeviceConfigName uuid=""/>
  <lines><line uuid="{L}"><index>2</index>
    <dirn uuid="{D}"><pattern>\+14085554001</pattern><routePartitionName uuid="{P}">PT_Internal</routePartitionName></dirn>
    <maxNumCalls> 4 </maxNumCalls><busyTrigger>2</busyTrigger></line></lines>
  <enableExtensionMobility>F</enableExtensionMobility><defaultProfileName/>
  <allowCtiControlFlag>t</allowCtiControlFlag>
  <emccCallingSearchSpaceName xsi:nil="true" uuid="" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>
</phone>"#;

#[test]
fn get_phone_lines_span_their_element_text() {
    let ingested = ingest_text("getPhone.xml", &envelope("getPhone", "14.0", PHONE));
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    assert_eq!(ingested.files[0].status, FileStatus::Read("AXL 14.0 getPhone".into()));
    let phone = &ingested.cluster.phones[0];
    assert_eq!(slice(&ingested, phone.name.span), "SEP0011AABB0001");
    assert!(phone.common_device_config.is_none(), "an empty element is unset");
    assert_eq!(phone.extension_mobility.as_ref().map(|f| f.value), Some(false));
    assert_eq!(phone.allow_cti_control.as_ref().map(|f| f.value), Some(true));
    let line = &phone.lines[0];
    assert_eq!(line.index.value, 2);
    assert_eq!(line.dn.value, DnKey::new("+14085554001", "PT_Internal"));
    assert_eq!(slice(&ingested, line.dn.span), r"\+14085554001");
    let max_calls = line.max_calls.as_ref().unwrap();
    assert_eq!((max_calls.value, slice(&ingested, max_calls.span)), (4, "4"));
    assert_eq!(slice(&ingested, line.busy_trigger.as_ref().unwrap().span), "2");
}

#[test]
fn get_user_reads_the_ipcc_extension_with_its_partition_and_masks_secrets() {
    let user = r#"<user uuid="{U}"><userid>agent01</userid><password>Secr3tPass</password><pin>1234</pin>
      <associatedDevices><device>SEP0011AABB0001</device><device>CSFAGENT01</device></associatedDevices>
      <primaryExtension><pattern>4001</pattern><routePartitionName/></primaryExtension>
      <associatedGroups><userGroup><name>Standard CTI Enabled</name><userRoles><userRole>Standard CTI Enabled</userRole></userRoles></userGroup></associatedGroups>
      <enableCti>1</enableCti><digestCredentials>d1g3stV4lue</digestCredentials>
      <phoneProfiles><profileName uuid="{P}">UDP_agent01</profileName></phoneProfiles>
      <homeCluster>TRUE</homeCluster><imAndPresenceEnable>false</imAndPresenceEnable>
      <ipccExtension uuid="{E}">4001</ipccExtension><ipccRoutePartition uuid="{R}">PT_Internal</ipccRoutePartition></user>"#;
    let ingested = ingest_text("getUser.xml", &envelope("getUser", "12.5", user));
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    let text = &ingested.sources.get(uclint_model::SourceId::new(0)).text;
    for secret in ["Secr3tPass", "1234", "d1g3stV4lue"] {
        assert!(!text.contains(secret), "{secret} reached the source map");
    }
    assert!(text.contains("<password>**********</password><pin>****</pin>"));

    let user = &ingested.cluster.end_users[0];
    let ipcc = user.ipcc_extension.as_ref().unwrap();
    assert_eq!(ipcc.value, DnRef::with_partition("4001", "PT_Internal"));
    assert_eq!(slice(&ingested, ipcc.span), "4001");
    assert_eq!(user.primary_extension.as_ref().unwrap().value, DnRef::with_partition("4001", ""));
    let devices: Vec<_> = user.controlled_devices.iter().map(|d| d.value.as_str()).collect();
    assert_eq!(devices, ["SEP0011AABB0001", "CSFAGENT01"]);
    assert_eq!(user.controlled_profiles[0].value, "UDP_agent01");
    assert_eq!(user.groups[0].value, "Standard CTI Enabled");
    let digest = user.digest_credentials.as_ref().unwrap();
    assert!(digest.value, "digest credentials are present");
    assert_eq!(slice(&ingested, digest.span), "***********");
    assert_eq!(user.enable_cti.as_ref().map(|f| f.value), Some(true));
    assert_eq!(user.home_cluster.as_ref().map(|f| f.value), Some(true));
    assert_eq!(user.imp_enabled.as_ref().map(|f| f.value), Some(false));
}

#[test]
fn get_user_before_12_0_has_no_ipcc_partition_and_says_so() {
    let user = "<user><userid>agent01</userid><ipccExtension>4001</ipccExtension></user>";
    let ingested = ingest_text("getUser.xml", &envelope("getUser", "11.5", user));
    assert_eq!(ingested.cluster.end_users[0].ipcc_extension.as_ref().unwrap().value, DnRef::pattern_only("4001"));
    let codes: Vec<_> = ingested.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["INPUT005"]);
}

#[test]
fn several_responses_in_one_file_are_all_read() {
    let app_user = "<appUser><userid>uccxrmcmuser</userid><associatedDevices><device>SEP0011AABB0001</device>\
                    </associatedDevices><ctiControlledDeviceProfiles><deviceProfile>UDP_agent01</deviceProfile>\
                    </ctiControlledDeviceProfiles></appUser>";
    let text = envelope("getPhone", "14.0", PHONE) + &envelope("getAppUser", "14.0", app_user);
    let ingested = ingest_text("responses.xml", &text);
    assert_eq!(ingested.files[0].status, FileStatus::Read("AXL 14.0 getPhone, getAppUser".into()));
    assert_eq!(ingested.cluster.phones.len(), 1);
    let rmcm = &ingested.cluster.app_users[0];
    assert!(rmcm.controls("SEP0011AABB0001") && rmcm.controls("UDP_agent01"));
}

#[test]
fn malformed_xml_is_reported_where_it_breaks_and_earlier_records_stay() {
    let text = envelope("getPhone", "14.0", PHONE) + &envelope("getPhone", "14.0", "<phone><name>SEP2</name></phon>");
    let ingested = ingest_text("broken.xml", &text);
    assert_eq!(ingested.cluster.phones.len(), 2, "the first phone and the name of the second are kept");
    let errors: Vec<_> = ingested.diagnostics.iter().filter(|d| d.code == "INPUT002").collect();
    assert_eq!(errors.len(), 1, "{:#?}", ingested.diagnostics);
    assert!(slice(&ingested, Span { end: errors[0].primary.span.start + 7, ..errors[0].primary.span }) == "</phon>");
}

#[test]
fn invalid_numbers_and_booleans_are_input004_at_their_text() {
    let phone = "<phone><name>SEP1</name><allowCtiControlFlag>yes</allowCtiControlFlag><lines><line><index>1</index>\
                 <dirn><pattern>4001</pattern><routePartitionName/></dirn><maxNumCalls>two</maxNumCalls></line></lines></phone>";
    let ingested = ingest_text("getPhone.xml", &envelope("getPhone", "14.0", phone));
    let found: Vec<_> = ingested.diagnostics.iter().map(|d| (d.code.id, slice(&ingested, d.primary.span))).collect();
    assert_eq!(found, [("INPUT004", "yes"), ("INPUT004", "two")]);
    assert_eq!(ingested.cluster.phones[0].lines[0].dn.value, DnKey::new("4001", ""));
}

#[test]
fn list_responses_are_read_and_name_what_they_lack() {
    let ingested = uclint_ingest::ingest(&[Path::new("../../fixtures/axl/list").to_path_buf()]);
    assert_eq!(ingested.cluster.phones.len(), 2);
    assert_eq!(ingested.cluster.end_users.len(), 1);
    let warnings: Vec<_> = ingested
        .diagnostics
        .iter()
        .map(|d| format!("{} {} at `{}`: {}", d.code, d.severity, slice(&ingested, d.primary.span), d.message))
        .collect();
    insta::assert_snapshot!(warnings.join("\n"));
}

#[test]
fn configuration_objects_and_lines_are_read_and_the_ldap_password_masked() {
    let records = [
        envelope(
            "getServiceParameter",
            "14.0",
            "<serviceParameter><processNodeName>EnterpriseWideData</processNodeName><name>multiDevHoteling</name>\
             <service>Cisco Extension Mobility</service><value>noLogin</value><valueType>String</valueType></serviceParameter>",
        ),
        envelope(
            "getLdapAuthentication",
            "14.0",
            "<ldapAuthentication><authenticateEndUsers>true</authenticateEndUsers>\
             <distinguishedName>ldap_AD</distinguishedName><ldapPassword>hunter2</ldapPassword>\
             <userSearchBase>OU=Users,DC=example,DC=com</userSearchBase><servers><server><hostName>10.1.30.10</hostName>\
             <ldapPortNumber>389</ldapPortNumber><sslEnabled>false</sslEnabled></server></servers></ldapAuthentication>",
        ),
        envelope(
            "getCommonDeviceConfig",
            "14.0",
            "<commonDeviceConfig><name>CDC_v6</name><ipAddressingMode>IPv4 and IPv6</ipAddressingMode></commonDeviceConfig>",
        ),
        envelope(
            "getLineGroup",
            "14.0",
            "<lineGroup><members>\
             <member><lineSelectionOrder>2</lineSelectionOrder><directoryNumber><pattern>4002</pattern><routePartitionName/></directoryNumber></member>\
             <member><lineSelectionOrder>1</lineSelectionOrder><directoryNumber><pattern>4001</pattern><routePartitionName>PT_Internal</routePartitionName></directoryNumber></member>\
             </members><name>LG_Agents</name></lineGroup>",
        ),
        envelope(
            "getLine",
            "14.0",
            "<line><pattern>4004</pattern><routePartitionName>PT_Internal</routePartitionName>\
             <associatedDevices><device>SEP0011AABB0004</device><device>CSFAGENT04</device></associatedDevices></line>",
        ),
    ];
    let ingested = ingest_text("config.xml", &records.concat());
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    assert!(!ingested.sources.get(uclint_model::SourceId::new(0)).text.contains("hunter2"));
    let cluster = &ingested.cluster;
    let parameter = &cluster.service_parameters[0];
    assert_eq!(
        (parameter.server.value.as_str(), parameter.service.value.as_str(), parameter.name.value.as_str()),
        ("EnterpriseWideData", "Cisco Extension Mobility", "multiDevHoteling")
    );
    assert_eq!(slice(&ingested, parameter.value.span), "noLogin");
    let ldap = &cluster.ldap_authentication[0];
    assert_eq!(ldap.enabled.as_ref().map(|e| e.value), Some(true));
    assert_eq!(slice(&ingested, ldap.servers[0].port.as_ref().unwrap().span), "389");
    assert_eq!(ldap.servers[0].ssl.as_ref().map(|s| s.value), Some(false));
    assert_eq!(
        slice(&ingested, cluster.common_device_configs[0].ip_addressing_mode.as_ref().unwrap().span),
        "IPv4 and IPv6"
    );
    let members: Vec<_> = cluster.line_groups[0].members.iter().map(|m| m.value.to_string()).collect();
    assert_eq!(members, ["4001@PT_Internal", "4002@<None>"], "in line selection order");
    let number = &cluster.directory_numbers[0];
    assert_eq!(number.dn.value, DnKey::new("4004", "PT_Internal"));
    let shared: Vec<_> = number.associated_devices.iter().map(|d| slice(&ingested, d.span)).collect();
    assert_eq!(shared, ["SEP0011AABB0004", "CSFAGENT04"], "getLine's associatedDevices: shared-line evidence");
}

#[test]
fn subscriptions_are_known_only_where_the_record_has_services() {
    let phones = [
        // Subscribed to EM; the subscription URL carries a One Button Sign In password.
        r#"<phone><name>SEP0011AABB0001</name><services><service uuid="{S}">
             <telecasterServiceName uuid="{T}">Extension Mobility</telecasterServiceName><name>EM</name>
             <url>https://f1:8445/fippa/#DEVICENAME#?id=agent01&amp;password=s3cret</url></service></services></phone>"#,
        // Known to subscribe to nothing.
        "<phone><name>SEP0011AABB0002</name><services/></phone>",
        // Not exported (returnedTags left services out).
        "<phone><name>SEP0011AABB0003</name></phone>",
    ];
    let service = "<ipPhoneServices uuid=\"{T}\"><serviceName>Finesse IPPA</serviceName>\
                   <serviceUrl>http://f1:8082/fippa/#DEVICENAME#</serviceUrl><enabled>true</enabled>\
                   <enterpriseSubscription>true</enterpriseSubscription><parameters><parameter><name>id</name>\
                   <displayName>ID</displayName><paramPassword>false</paramPassword></parameter></parameters></ipPhoneServices>";
    let text =
        [envelope("getPhone", "14.0", &phones.concat()), envelope("getIpPhoneServices", "14.0", service)].concat();
    let ingested = ingest_text("services.xml", &text);
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    assert!(!ingested.sources.get(uclint_model::SourceId::new(0)).text.contains("s3cret"));
    let phones = &ingested.cluster.phones;
    let subscribed = phones[0].subscriptions.as_ref().unwrap();
    assert_eq!(subscribed.value.len(), 1);
    assert_eq!(slice(&ingested, subscribed.value[0].service.as_ref().unwrap().span), "Extension Mobility");
    assert!(slice(&ingested, subscribed.value[0].url.as_ref().unwrap().span).ends_with("password=******"));
    let none = phones[1].subscriptions.as_ref().unwrap();
    assert!(none.value.is_empty());
    assert_eq!(slice(&ingested, none.span), "<services/>");
    assert!(phones[2].subscriptions.is_none(), "no services element: unknown");
    let service = &ingested.cluster.phone_services[0];
    assert_eq!(service.enterprise_subscription.as_ref().map(|e| e.value), Some(true));
    let parameters: Vec<_> = service.parameters.iter().flatten().map(|p| slice(&ingested, p.span)).collect();
    assert_eq!(parameters, ["id"]);
    assert!(ingested.cluster.has(uclint_model::DataSet::PhoneServices));
}

#[test]
fn faults_and_foreign_xml_are_not_read_and_broken_axl_is_reported() {
    let fault = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>\
                 <soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>Item not valid: The specified SEP9 was not found</faultstring>\
                 </soapenv:Fault></soapenv:Body></soapenv:Envelope>";
    let ingested = ingest_text("fault.xml", fault);
    assert_eq!(
        ingested.files[0].status,
        FileStatus::not_read(
            "AXL error response (SOAP fault): faultcode soapenv:Client, faultstring \"Item not valid: The \
             specified SEP9 was not found\"",
            NotReadClass::Other,
        )
    );
    let codes: Vec<_> = ingested.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["INPUT009"], "a fault is an error: the export lacks what it was meant to hold");
    let ingested = ingest_text("pom.xml", "<project><modelVersion>4.0.0</modelVersion></project>");
    assert!(matches!(ingested.files[0].status, FileStatus::NotRead { .. }));
    assert!(ingested.diagnostics.is_empty());

    let broken = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" \
                  xmlns:ns=\"http://www.cisco.com/AXL/API/14.0\"><soapenv:Body></soapenv:Bod>";
    let ingested = ingest_text("broken.xml", broken);
    let codes: Vec<_> = ingested.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["INPUT002"]);
}

#[test]
fn get_line_reads_the_hold_reversion_ring_duration_and_marks_it_present() {
    let line = "<line><pattern>4003</pattern><routePartitionName>PT_Internal</routePartitionName>\
                <hrDuration>45</hrDuration><hrInterval/></line>";
    let ingested = ingest_text("getLine.xml", &envelope("getLine", "14.0", line));
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    assert!(ingested.cluster.has(uclint_model::DataSet::LineHoldReversion));
    let duration = ingested.cluster.directory_numbers[0].hold_reversion_ring_duration.as_ref().unwrap();
    assert_eq!((duration.value, slice(&ingested, duration.span)), (45, "45"));

    let unset = "<line><pattern>4003</pattern><routePartitionName/><hrDuration/></line>";
    let ingested = ingest_text("getLine.xml", &envelope("getLine", "14.0", unset));
    assert!(ingested.cluster.has(uclint_model::DataSet::LineHoldReversion), "an empty element says: off");
    assert!(ingested.cluster.directory_numbers[0].hold_reversion_ring_duration.is_none());

    let without = "<line><pattern>4003</pattern><routePartitionName/></line>";
    let ingested = ingest_text("getLine.xml", &envelope("getLine", "14.0", without));
    assert!(!ingested.cluster.has(uclint_model::DataSet::LineHoldReversion), "returnedTags left it out");
}

#[test]
fn get_line_reads_auto_answer_as_a_setting_of_the_directory_number() {
    let line = "<line><pattern>4005</pattern><routePartitionName>PT_Internal</routePartitionName>\
                <autoAnswer>Auto Answer with Headset</autoAnswer></line>";
    let ingested = ingest_text("getLine.xml", &envelope("getLine", "14.0", line));
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    let setting = ingested.cluster.directory_numbers[0].auto_answer.as_ref().unwrap();
    assert_eq!(slice(&ingested, setting.span), "Auto Answer with Headset");

    let unset = "<line><pattern>4005</pattern><routePartitionName/><autoAnswer/></line>";
    let ingested = ingest_text("getLine.xml", &envelope("getLine", "14.0", unset));
    assert!(ingested.cluster.directory_numbers[0].auto_answer.is_none());
}

#[test]
fn get_line_reads_the_call_pickup_group() {
    let line = r#"<line><pattern>4006</pattern><routePartitionName>PT_Internal</routePartitionName>
                  <callPickupGroupName uuid="{4C5D}">CPG_Floor1</callPickupGroupName></line>"#;
    let ingested = ingest_text("getLine.xml", &envelope("getLine", "14.0", line));
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    let group = ingested.cluster.directory_numbers[0].call_pickup_group.as_ref().unwrap();
    assert_eq!(slice(&ingested, group.span), "CPG_Floor1");

    let none = r#"<line><pattern>4006</pattern><routePartitionName/><callPickupGroupName uuid=""/></line>"#;
    let ingested = ingest_text("getLine.xml", &envelope("getLine", "14.0", none));
    assert!(ingested.cluster.directory_numbers[0].call_pickup_group.is_none());
}

#[test]
fn get_user_says_whether_a_uc_service_profile_is_set() {
    let set = r#"<user><userid>jli</userid><serviceProfile uuid="{5F67}">UC Service Profile</serviceProfile></user>"#;
    let unset = r#"<user><userid>asmith</userid><serviceProfile uuid=""/></user>"#;
    let absent = "<user><userid>bwong</userid></user>";
    let ingested = ingest_text("getUser.xml", &[set, unset, absent].map(|u| envelope("getUser", "12.5", u)).concat());
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    let profiles: Vec<_> = ingested
        .cluster
        .end_users
        .iter()
        .map(|u| u.uc_service_profile.as_ref().map(|p| (p.value, slice(&ingested, p.span))))
        .collect();
    assert_eq!(
        profiles,
        [Some((true, "UC Service Profile")), Some((false, r#"<serviceProfile uuid=""/>"#)), None],
        "an empty element is unset, a missing one unknown"
    );
}

#[test]
fn get_user_says_whether_a_self_service_user_id_is_set() {
    let set = "<user><userid>jli</userid><selfService>19725554019</selfService></user>";
    let unset = "<user><userid>asmith</userid><selfService/></user>";
    let absent = "<user><userid>bwong</userid></user>";
    let ingested = ingest_text("getUser.xml", &[set, unset, absent].map(|u| envelope("getUser", "12.5", u)).concat());
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    let ids: Vec<_> = ingested
        .cluster
        .end_users
        .iter()
        .map(|u| u.self_service_id.as_ref().map(|p| (p.value, slice(&ingested, p.span))))
        .collect();
    assert_eq!(ids, [Some((true, "19725554019")), Some((false, "<selfService/>")), None]);
}

#[test]
fn get_line_reads_the_call_forward_destinations_that_are_set() {
    let line = r#"<line><pattern>2002</pattern><routePartitionName>PT_Internal</routePartitionName>
      <callForwardAll><forwardToVoiceMail>false</forwardToVoiceMail><callingSearchSpaceName xsi:nil="true" uuid="" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/><destination/></callForwardAll>
      <callForwardBusy><forwardToVoiceMail>true</forwardToVoiceMail><destination/></callForwardBusy>
      <callForwardBusyInt><destination>8000</destination></callForwardBusyInt>
      <callForwardNoAnswerInt><destination>4001</destination><duration>12</duration></callForwardNoAnswerInt>
      <callForwardAlternateParty><destination>9999</destination><duration/></callForwardAlternateParty>
      <callForwardNotRegistered><destination>\+14085550100</destination></callForwardNotRegistered></line>"#;
    let ingested = ingest_text("getLine.xml", &envelope("getLine", "10.5", line));
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    let number = &ingested.cluster.directory_numbers[0];
    let forwards: Vec<_> = number.forwards.iter().map(|f| (f.kind, slice(&ingested, f.destination.span))).collect();
    assert_eq!(
        forwards,
        [
            ("Forward Busy Internal", "8000"),
            ("Forward No Answer Internal", "4001"),
            ("Forward Unregistered External", r"\+14085550100"),
        ],
        "empty destinations are unset; callForwardAlternateParty is not read"
    );
}

#[test]
fn phone_security_profiles_and_a_phones_profile_name_are_read() {
    let profiles = "<phoneSecurityProfile><name>Cisco 8841 - Standard SIP Non-Secure Profile</name>\
                    <deviceSecurityMode>Non Secure</deviceSecurityMode></phoneSecurityProfile>\
                    <phoneSecurityProfile><name>Encrypted_8841</name><deviceSecurityMode>Encrypted</deviceSecurityMode>\
                    </phoneSecurityProfile>";
    let phone = "<phone><name>SEP0011AABB0001</name>\
                 <securityProfileName uuid=\"{S}\">Cisco 8841 - Standard SIP Non-Secure Profile</securityProfileName></phone>";
    let text = [envelope("listPhoneSecurityProfile", "14.0", profiles), envelope("getPhone", "14.0", phone)].concat();
    let ingested = ingest_text("security.xml", &text);
    assert!(ingested.diagnostics.is_empty(), "a list of profiles has what the rules read: {:#?}", ingested.diagnostics);
    assert!(ingested.cluster.has(uclint_model::DataSet::PhoneSecurityProfiles));
    let modes: Vec<_> = ingested
        .cluster
        .phone_security_profiles
        .iter()
        .map(|p| (p.name.value.as_str(), slice(&ingested, p.security_mode.as_ref().unwrap().span)))
        .collect();
    assert_eq!(
        modes,
        [("Cisco 8841 - Standard SIP Non-Secure Profile", "Non Secure"), ("Encrypted_8841", "Encrypted")]
    );
    let name = ingested.cluster.phones[0].security_profile.as_ref().unwrap();
    assert_eq!(slice(&ingested, name.span), "Cisco 8841 - Standard SIP Non-Secure Profile");
}

#[test]
fn user_groups_given_with_their_roles_are_access_control_groups_too() {
    let user = |id: &str, roles: &str| {
        format!(
            "<user><userid>{id}</userid><associatedGroups>\
             <userGroup><name>Desk Phone Users</name><userRoles>{roles}</userRoles></userGroup>\
             <userGroup><name>Standard CCM End Users</name></userGroup></associatedGroups></user>"
        )
    };
    let text = [
        envelope("getUser", "12.5", &user("ann", "<userRole>Standard CCM End Users</userRole>")),
        envelope("getUser", "12.5", &user("bob", "<userRole>Standard CTI Enabled</userRole>")),
    ]
    .concat();
    let ingested = ingest_text("getUser.xml", &text);
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    let groups = &ingested.cluster.access_control_groups;
    assert_eq!(groups.len(), 1, "a group without userRoles says nothing of its roles; one group per name");
    let roles: Vec<_> = groups[0].roles.iter().map(|r| r.value.as_str()).collect();
    assert_eq!(
        (groups[0].name.value.as_str(), roles),
        ("Desk Phone Users", vec!["Standard CCM End Users", "Standard CTI Enabled"])
    );
    let names: Vec<_> = ingested.cluster.end_users[0].groups.iter().map(|g| g.value.as_str()).collect();
    assert_eq!(names, ["Desk Phone Users", "Standard CCM End Users"]);
}

#[test]
fn a_response_in_the_default_namespace_is_read_and_one_outside_axl_is_not() {
    let default = envelope("getPhone", "14.0", PHONE)
        .replace("<ns:getPhoneResponse xmlns:ns=", "<getPhoneResponse xmlns=")
        .replace("</ns:getPhoneResponse>", "</getPhoneResponse>");
    let ingested = ingest_text("getPhone.xml", &default);
    assert_eq!(ingested.files[0].status, FileStatus::Read("AXL 14.0 getPhone".into()));
    assert_eq!(ingested.cluster.phones.len(), 1);

    // The same response bound to another namespace is not AXL, and none of its records are read.
    let other = envelope("getPhone", "14.0", PHONE).replace("http://www.cisco.com/AXL/API/14.0", "urn:not-axl");
    let ingested = ingest_text("getPhone.xml", &other);
    assert!(matches!(ingested.files[0].status, FileStatus::NotRead { .. }), "{:?}", ingested.files[0].status);
    assert!(ingested.cluster.phones.is_empty());
}

#[test]
fn phone_templates_and_placeholder_users_are_set_aside() {
    let template = r#"<phone uuid="{T}"><name>BAT8841Template</name><product>Cisco 8841</product>
      <class>Phone Template</class><ownerUserName>Token_User_3f1c2a9e-5b7d-4e2a-9c1f-0a1b2c3d4e5f</ownerUserName>
      <lines><line><index>1</index><dirn><pattern>4001</pattern><routePartitionName>PT_Internal</routePartitionName></dirn></line></lines></phone>"#;
    let user = "<user uuid=\"{U}\"><userid>Token_User_3f1c2a9e-5b7d-4e2a-9c1f-0a1b2c3d4e5f</userid></user>";
    let phone = ingest_text("getPhone-template.xml", &envelope("getPhone", "14.0", template));
    assert!(phone.cluster.phones.is_empty(), "a Phone Template is not a phone");
    assert_eq!(phone.cluster.set_aside[0].name.value, "BAT8841Template");
    let user = ingest_text("getUser-token.xml", &envelope("getUser", "14.0", user));
    assert!(user.cluster.end_users.is_empty(), "a placeholder user is not a user");
    assert_eq!(user.cluster.set_aside.len(), 1);
}
