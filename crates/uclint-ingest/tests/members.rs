//! Members of a real 14.0 Import/Export tar that look like live objects' files (templates with
//! the exact header of `phone.csv` and `directorynumber.csv`, the default device profiles, the
//! Mobile Voice Access number, CAPF profiles, SIP realms, DN alias lookup servers) are never
//! read as phones, DNs, profiles, users or LDAP agreements: by their member name in a tar or a
//! directory, and by their header when their name says nothing. `ctiroutepoint.csv` rows are
//! CTI route points. Headers are copied from `../shared/domain/bat-export-14.0.md`.

use std::io::Write;

use uclint_ingest::{parse, FileStatus, Ingested, RawInput};
use uclint_model::{Cluster, DnKey, NotReadClass, SetAsideKind};

/// A member's text: its real header and one row with `values` in the first cells.
fn member(header: &str, values: &[&str]) -> String {
    let columns = header.split(',').count();
    let mut cells: Vec<&str> = values.to_vec();
    cells.resize(columns, "");
    format!("{header}\n{}\n", cells.join(","))
}

fn read(files: &[(&str, String)]) -> Ingested {
    parse(
        files
            .iter()
            .map(|(path, text)| RawInput { path: (*path).into(), bytes: text.clone().into_bytes(), error: None })
            .collect(),
    )
}

/// Nothing live was read from the cluster.
fn assert_nothing_live(cluster: &Cluster, what: &str) {
    assert!(cluster.phones.is_empty(), "{what}: phones {:?}", cluster.phones);
    assert!(cluster.device_profiles.is_empty(), "{what}: device profiles");
    assert!(cluster.end_users.is_empty(), "{what}: end users");
    assert!(cluster.app_users.is_empty(), "{what}: application users");
    assert!(cluster.directory_numbers.is_empty(), "{what}: DNs");
    assert!(cluster.ldap_directories.is_empty(), "{what}: LDAP agreements");
}

/// The six look-alikes and both templates, each with a row that would be a live object.
fn look_alikes() -> Vec<(&'static str, String)> {
    vec![
        (
            "universallinetemplate.csv",
            member(UNIVERSALLINETEMPLATE, &["Sample Line Template with TAG usage examples", "PT_Internal"]),
        ),
        (
            "universaldevicetemplate.csv",
            member(UNIVERSALDEVICETEMPLATE, &["", "Sample Device Template with TAG usage examples"]),
        ),
        ("defaultdeviceprofile.csv", member(DEFAULTDEVICEPROFILE, &["Cisco 8841"])),
        ("mobilevoiceaccess.csv", member(MOBILEVOICEACCESS, &["8005559000", "PT_Internal"])),
        ("siprealm.csv", member(SIPREALM, &["cucm.lab.example", "agent01", "8d6f0a"])),
        (
            "endusercapfprofile.csv",
            member(ENDUSERCAPFPROFILE, &["", "", "", "", "", "", "", "", "", "agent01", "CAPF-1"]),
        ),
        (
            "appusercapfprofile.csv",
            member(APPUSERCAPFPROFILE, &["", "", "", "", "", "", "", "", "", "uccxrmcmuser", "CAPF-2"]),
        ),
        ("dnalookupandsync.csv", member(DNALOOKUPANDSYNC, &["", "", "", "", "", "", "", "", "", "DN_Lookup"])),
    ]
}

#[test]
fn look_alike_members_are_never_read_as_live_objects_by_name() {
    let files = look_alikes();
    let ingested = read(&files);
    assert_nothing_live(&ingested.cluster, "loose files");
    assert_eq!(ingested.files.len(), files.len());
    for file in &ingested.files {
        let path = file.path.as_str();
        match (&file.status, path) {
            (FileStatus::Read(what), "mobilevoiceaccess.csv") => assert_eq!(what, "BAT mobilevoiceaccess.csv"),
            // Every one looks like live objects: counted as a look-alike, never as a member no
            // rule reads, nor listed as unrecognised.
            (FileStatus::NotRead { reason, class }, _) => {
                assert!(reason.contains("not checked"), "{path}: {reason}");
                assert_eq!(*class, NotReadClass::LookAlike, "{path}");
            }
            (status, _) => panic!("{path}: {status:?}"),
        }
    }
    let mva = &ingested.cluster.owned_numbers[0];
    assert_eq!(
        (mva.dn.value.clone(), mva.owner),
        (DnKey::new("8005559000", "PT_Internal"), "Mobile Voice Access number")
    );
}

#[test]
fn look_alike_members_are_never_read_as_live_objects_in_a_tar() {
    let mut builder = tar::Builder::new(Vec::new());
    for (name, text) in look_alikes() {
        let mut header = tar::Header::new_ustar();
        header.set_size(text.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append_data(&mut header, name, text.as_bytes()).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ucmdata_export_1.tar");
    std::fs::File::create(&path).unwrap().write_all(&builder.into_inner().unwrap()).unwrap();
    let ingested = uclint_ingest::ingest(&[path]);
    assert_eq!(ingested.files.len(), 8);
    assert_nothing_live(&ingested.cluster, "tar members");
    assert_eq!(ingested.cluster.owned_numbers.len(), 1);
}

#[test]
fn look_alikes_renamed_are_not_read_as_live_objects_by_their_header() {
    // Templates share their header with live objects exactly: only their name tells them apart.
    let renamed: Vec<(&str, String)> = look_alikes()
        .into_iter()
        .filter(|(name, _)| !name.starts_with("universal"))
        .map(|(name, text)| (name.strip_suffix(".csv").unwrap(), text))
        .collect();
    let ingested = read(&renamed);
    assert_nothing_live(&ingested.cluster, "renamed files");
    assert!(ingested.cluster.owned_numbers.is_empty(), "the MVA number is known only by name");
}

#[test]
fn templates_and_placeholder_users_in_live_members_are_set_aside() {
    let phones = "Device Name,Device Type,Owner User ID,Directory Number 1,Route Partition 1\n\
                  UDT_Sample,Universal Device Template,Token_User_3f1c2a9e-5b7d-4e2a-9c1f-0a1b2c3d4e5f,4001,PT\n\
                  SEP001122334455,Cisco 8841,agent01,4002,PT\n";
    let users = "USER ID,LAST NAME\nToken_User_3f1c2a9e-5b7d-4e2a-9c1f-0a1b2c3d4e5f,Token\nagent01,Agent\n";
    let ingested = read(&[("phone.csv", phones.into()), ("enduser.csv", users.into())]);
    let cluster = &ingested.cluster;
    assert_eq!(cluster.phones.iter().map(|p| p.name.value.as_str()).collect::<Vec<_>>(), ["SEP001122334455"]);
    assert_eq!(cluster.end_users.iter().map(|u| u.user_id.value.as_str()).collect::<Vec<_>>(), ["agent01"]);
    let set_aside: Vec<_> = cluster.set_aside.iter().map(|s| (s.kind, s.name.value.as_str())).collect();
    assert_eq!(
        set_aside,
        [
            (SetAsideKind::PlaceholderUser, "Token_User_3f1c2a9e-5b7d-4e2a-9c1f-0a1b2c3d4e5f"),
            (SetAsideKind::DeviceTemplate, "UDT_Sample"),
        ]
    );
}

#[test]
fn cti_route_points_are_route_points_by_name_and_by_header() {
    let mut values = vec!["CXBA_RP", "UCCX trigger", "DP_UCCX_A", "", "CSS_Internal", "", "", "", "", ""];
    values.extend(["uccxjtapiuser_1", "uccxjtapiuser_2", "", "", "", "", "5000", "PT_Internal"]);
    let text = member(CTIROUTEPOINT, &values);
    for path in ["ctiroutepoint.csv", "export.tar!ctiroutepoint.csv", "route-points.csv"] {
        let ingested = read(&[(path, text.clone())]);
        let [device] = ingested.cluster.phones.as_slice() else { panic!("{path}: {:?}", ingested.cluster.phones) };
        assert_eq!(device.model.as_ref().map(|m| m.value.as_str()), Some("CTI Route Point"), "{path}");
        let model_span = device.model.as_ref().unwrap().span;
        assert_eq!(ingested.sources.get(model_span.source).slice(model_span), "CXBA_RP", "points at the device name");
        let users: Vec<_> = device.application_users.iter().map(|u| u.value.as_str()).collect();
        assert_eq!(users, ["uccxjtapiuser_1", "uccxjtapiuser_2"], "{path}");
        assert_eq!(device.lines[0].dn.value, DnKey::new("5000", "PT_Internal"));
    }
}

#[test]
fn a_member_whose_header_says_otherwise_is_read_as_its_name_says_with_a_note() {
    let ingested = read(&[("enduser.csv", "Device Name,Device Type\nSEP1,Cisco 8841\n".into())]);
    assert!(ingested.cluster.phones.is_empty());
    assert_eq!(ingested.diagnostics.len(), 1, "{:#?}", ingested.diagnostics);
    assert!(ingested.diagnostics[0].message.contains("named enduser.csv"), "{}", ingested.diagnostics[0].message);
}

/// `universallinetemplate.csv` as a real 14.0 export writes it.
const UNIVERSALLINETEMPLATE: &str = "Directory Number,Route Partition,Description,Alerting Name,ASCII Alerting Name,Voice Mail Profile,Calling Search Space,Presence Group,User Hold MOH Audio Source,Network Hold MOH Audio Source,AAR Voice Mail,AAR Destination Mask,AAR Group,Retain this destination in the call forwarding history,Calling Search Space Activation Policy,Forward Busy Internal Voice Mail,Forward Busy Internal Destination,Forward Busy Internal Calling Search Space,Forward Busy External Voice Mail,Forward Busy External Destination,Forward Busy External Calling Search Space,Forward No Answer Internal Voice Mail,Forward No Answer Internal Destination,Forward No Answer Internal Calling Search Space,Forward No Answer External Voice Mail,Forward No Answer External Destination,Forward No Answer External Calling Search Space,Forward No Coverage Internal Voice Mail,Forward No Coverage Internal Destination,Forward No Coverage Internal Calling Search Space,Forward No Coverage External Voice Mail,Forward No Coverage External Destination,Forward No Coverage External Calling Search Space,Forward on CTI Failure Voice Mail,Forward on CTI Failure Destination,Forward on CTI Failure Calling Search Space,Forward Unregistered Internal Voice Mail,Forward Unregistered Internal Destination,Forward Unregistered Internal Calling Search Space,Forward Unregistered External Voice Mail,Forward Unregistered External Destination,Forward Unregistered External Calling Search Space,No Answer Ring Duration (seconds),Target (Destination),MLPP Calling Search Space,MLPP No Answer Ring Duration (seconds),Hold Reversion Ring Duration (seconds),Hold Reversion Notification Interval (seconds),Active,Party Entrance Tone,Park Monitor Forward No Retrieve Ext Destination,Park Monitor Forward No Retrieve Int Destination,Park Monitor Forward No Retrieve Int Voice Mail,Park Monitor Forward No Retrieve Ext Voice Mail,Park Monitor Forward No Retrieve Ext CSS,Park Monitor Forward No Retrieve Int CSS,Park Monitoring Reversion Timer,Reject Anonymous Calls,Urgent Priority,Confidential Access Mode,Confidential Access Level,Call Control Agent Profile ID,External Call Control Profile,ExternalPresentationNumber,ExternalPresentationName,IsAnonymous,Calling Line ID Presentation When Diverted,Forward All Voice Mail,Forward All Destination,Forward All Calling Search Space,Secondary Calling Search Space for Forward All,Call Pickup Group,URI 1 on Directory Number,URI 1 Route Partition on Directory Number,URI 1 Is Primary on Directory Number,URI 1 Advertise Globally via ILS,URI 2 on Directory Number,URI 2 Route Partition on Directory Number,URI 2 Is Primary on Directory Number,URI 2 Advertise Globally via ILS,URI 3 on Directory Number,URI 3 Route Partition on Directory Number,URI 3 Is Primary on Directory Number,URI 3 Advertise Globally via ILS,URI 4 on Directory Number,URI 4 Route Partition on Directory Number,URI 4 Is Primary on Directory Number,URI 4 Advertise Globally via ILS,URI 5 on Directory Number,URI 5 Route Partition on Directory Number,URI 5 Is Primary on Directory Number,URI 5 Advertise Globally via ILS,Enterprise Is Urgent,Enterprise Advertise via globally,Enterprise Add to Local Route Partition,Enterprise Route Partition,Enterprise Number Mask,IsEnterprise Advertised Failover Number,E.164 Is Urgent,E.164 Advertise via globally,E.164 Add to Local Route Partition,E.164 Route Partition,E.164 Number Mask,IsE.164 Advertised Failover Number";
/// `universaldevicetemplate.csv` as a real 14.0 export writes it.
const UNIVERSALDEVICETEMPLATE: &str = "Services Provisioning,Device Name,Description,Device Pool,Phone Button Template,CSS,AAR CSS,Location,Extension Mobility,Network Locale,Media Resource Group List,User Hold MOH Audio Source,Network Hold MOH Audio Source,Device User Locale,Packet Capture Mode,Packet Capture Duration,Built in Bridge,Privacy,Retry Video Call as Audio,Ignore Presentation Indicators,Softkey Template,Module 1,Module 2,Phone Load Name,Module 1 Load Name,Module 2 Load Name,Information,Directory,Messages,Services,Authentication Server,Proxy Server,Idle,Idle Timer,MLPP Indication,MLPP Preemption,MLPP Domain,User ID 1,Owner User ID,MTP Required,Digest User,Device Type,Common Phone Profile,Allow CTI Control Flag,Device Presence Group,Device Security Profile,Device Subscribe CSS,Unattended Port,Require DTMF Reception,RFC2833 Disabled,Certificate Operation,Authentication String,Operation Completes By,Device Protocol,Secure Shell User,Secure Shell Password,XML,Dial Rules,CSS Reroute,Rerouting Calling Search Space,DTMF Signalling,Default DTMF Capability,SIP Profile,MTP Preferred Originating Codec,Logout Profile,Signaling Port,Outgoing Caller ID Pattern,Calling Party Selection,Calling Party Presentation,Display IE Delivery,Redirecting Number IE Delivery Outbound,Redirecting Number IE Delivery Inbound,Gatekeeper Name,E.164,Technology Prefix,Zone,Motorola WSM Connection,Subscriber Cellular Number,Follow me only when caller has dialed cellular num,Disable Application Dial Rules,AAR Group,Logged Into Hunt Group,Remote Device,Device Mobility Mode,Common Device Configuration,Mobility User ID,DND Option,DND Incoming Call Alert,Do Not Disturb,BLF Audible Alert Setting (Phone Busy),BLF Audible Alert Setting (Phone Idle),Protected Device,Join Across Lines,Single Button Barge,Application User 1,Application User 2,Application User 3,Geo Location,Always Use Prime Line,Always Use Prime Line for Voice Message,Use Trusted Relay Point,Outbound Call Rollover,Phone Personalization,Primary Phone,Hotline Device,Secure Authentication URL,Secure Directory URL,Secure Idle URL,Secure Information URL,Secure Messages URL,Secure Services URL,SRTP Allowed,Feature Control Policy,Module 3,Module 3 Load Name,Device Trust Mode,Allow presentation sharing using BFCP,Early Offer support for voice and video calls (insert MTP if needed),Caller ID Calling Party Transformation CSS,Caller ID Use Device Pool Calling Party Transformation CSS,Remote Number Calling party Transformation CSS ,Remote Number Use Device Pool Calling Party Transformation CSS,Allow iX Applicable Media,Require off-premise location,Confidential Access Mode,Confidential Access Level,Route calls to all remote destinations when client is not connected,Wireless LAN Profile Group,WiFi Hotspot Profile,Emergency Location (ELIN) Group,Third-party Registration Required,Block Incoming Calls while Roaming,Home Network ID,Mobility Identity Name,Mobility Identity Destination Number,Mobility Identity Answer Too Soon Timer,Mobility Identity Answer Too Late Timer,Mobility Identity Delay Before Ringing Cell,Mobility Identity Time Zone,Mobility Identity Is Mobile Phone,Mobility Identity Enable Mobile Connect,Mobility Identity Mobility Profile,Time Zone 1,Remote Destination Name 1,Remote Destination Number 1,Is Mobile Phone 1,Answer Too Soon Timer 1,Answer Too Late Timer 1,Delay Before Ringing Timer 1,Enable Mobile Connect 1,Directory Number 1,Route Partition 1,Voice Mail Profile 1,Line CSS 1,AAR Group(Line) 1,Line User Hold MOH Audio Source 1,Line Network Hold MOH Audio Source 1,Auto Answer 1,Forward All Voice Mail 1,Forward All Destination 1,Forward All CSS 1,Forward Busy Internal Voice Mail 1,Forward Busy Internal Destination 1,Forward Busy Internal CSS 1,Forward Busy External Voice Mail 1,Forward Busy External Destination 1,Forward Busy External CSS 1,Forward No Answer Internal Voice Mail 1,Forward No Answer Internal Destination 1,Forward No Answer Internal CSS 1,Forward No Answer External Voice Mail 1,Forward No Answer External Destination 1,Forward No Answer External CSS 1,Forward No Coverage Internal Voice Mail 1,Forward No Coverage Internal Destination 1,Forward No Coverage Internal CSS 1,Forward No Coverage External Voice Mail 1,Forward No Coverage External Destination 1,Forward No Coverage External CSS 1,Forward No Answer Ring Duration 1,Call Pickup Group 1,MLPP Target 1,MLPP CSS 1,MLPP No Answer Ring Duration 1,Line Text Label 1,External Phone Number Mask 1,Maximum Number of Calls 1,Busy Trigger 1,Visual Message Waiting Indicator Policy 1,Ring setting (Phone Idle) 1,Ring Setting (Phone Active) 1,Caller Name 1,Caller Number 1,Redirected Number 1,Dialed Number 1,Alerting Name 1,Line Description 1,ASCII Alerting Name 1,Line Presence Group 1,Secondary CSS for Forward All 1,Display 1,ASCII Display 1,Forward on CTI Failure Voice Mail 1,Forward on CTI Failure Destination 1,Forward on CTI Failure CSS 1,AAR Destination Mask 1,AAR Voice Mail 1,Forward Unregistered Internal Voice Mail 1,Forward Unregistered Internal Destination 1,Forward Unregistered Internal CSS 1,Forward Unregistered External Voice Mail 1,Forward Unregistered External Destination 1,Forward Unregistered External CSS 1,Hold Reversion Ring Duration 1,Hold Reversion Notification Interval 1,Retain this destination in call forwarding history 1,Audible Message Waiting Indicator Policy 1,Recording Option 1,Recording Profile 1,Monitoring Calling Search Space 1,Calling Search Space Activation Policy 1,CPG Audio Alert Setting(Phone Idle) 1,CPG Audio Alert Setting(Phone Active) 1,Park Monitor Forward No Retrieve Ext Destination 1,Park Monitor Forward No Retrieve Int Destination 1,Park Monitor Forward No Retrieve Int Voice Mail 1,Park Monitor Forward No Retrieve Ext Voice Mail 1,Park Monitor Forward No Retrieve Ext CSS 1,Park Monitoring Reversion Timer 1,Park Monitor Forward No Retrieve Int CSS 1,Party Entrance Tone 1,Log Missed Calls 1,Allow Control of Device from CTI 1,URI 1 on Directory Number 1,URI 1 Route Partition on Directory Number 1,URI 1 Is Primary on Directory Number 1,URI 2 on Directory Number 1,URI 2 Route Partition on Directory Number 1,URI 2 Is Primary on Directory Number 1,URI 3 on Directory Number 1,URI 3 Route Partition on Directory Number 1,URI 3 Is Primary on Directory Number 1,URI 4 on Directory Number 1,URI 4 Route Partition on Directory Number 1,URI 4 Is Primary on Directory Number 1,URI 5 on Directory Number 1,URI 5 Route Partition on Directory Number 1,URI 5 Is Primary on Directory Number 1,Reject Anonymous Calls 1,Urgent Priority 1,Recording Media Source 1,Enterprise Is Urgent 1,Enterprise Advertise via globally 1,Enterprise Add to Local Route Partition 1,Enterprise Route Partition 1,Enterprise Number Mask 1,E.164 Is Urgent 1,E.164 Advertise via globally 1,E.164 Add to Local Route Partition 1,E.164 Route Partition 1,E.164 Number Mask 1,Line Confidential Access Mode 1,Line Confidential Access Level 1,External Call Control Profile 1,Call Control Agent Profile 1,IsEnterprise Advertised Failover Number 1,IsE.164 Advertised Failover Number 1,URI 1 Advertise Globally via ILS 1,URI 2 Advertise Globally via ILS 1,URI 3 Advertise Globally via ILS 1,URI 4 Advertise Globally via ILS 1,URI 5 Advertise Globally via ILS 1,Calling Line ID Presentation When Diverted 1";
/// `defaultdeviceprofile.csv` as a real 14.0 export writes it.
const DEFAULTDEVICEPROFILE: &str = "Device Profile Name,Description,User Hold MOH Audio Source,User Locale,Phone Button Template,Softkey Template,Privacy,Join Across Lines,Single Button Barge,Always Use Prime Line,Always Use Prime Line for Voice Message,Feature Control Policy,Ignore Presentation Indicators,Do Not Disturb,DND Option,DND Incoming Call Alert,Extension Mobility Cross Cluster CSS,MLPP Domain,MLPP Indication,MLPP Preemption,Module 1,Module 2,Device Type,Device Protocol";
/// `mobilevoiceaccess.csv` as a real 14.0 export writes it.
const MOBILEVOICEACCESS: &str = "DIRECTORY NUMBER,ROUTE PARTITION,";
/// `siprealm.csv` as a real 14.0 export writes it.
const SIPREALM: &str = "REALM NAME,USER ID,PASSWORD REVERSE";
/// `endusercapfprofile.csv` as a real 14.0 export writes it.
const ENDUSERCAPFPROFILE: &str = "PACKET CAPTURE MODE TYPE,PACKET CAPTURE DURATION,AUTHENTICATION STRING,CERTIFICATE STATUS TYPE,UPGRADE FINISH TIME,AUTHENTICATION MODE TYPE,KEY SIZE TYPE,CERTIFICATE TYPE,CERTIFICATE OPERATION TYPE,USER ID,INSTANCE ID,SUBJECT NAME";
/// `appusercapfprofile.csv` as a real 14.0 export writes it.
const APPUSERCAPFPROFILE: &str = "TYPE PACKET CAPTURE MODE,PACKET CAPTURE DURATION,AUTHENTICATION STRING,TYPE CERTIFICATE STATUS,UPGRADE FINISH TIME,TYPE AUTHENTICATION MODE,TYPE KEY SIZE,TYPE CERTIFICATE,TYPE CERTIFICATE OPERATION,APPLICATION USER NAME,INSTANCE ID,SUBJECT NAME";
/// `dnalookupandsync.csv` as a real 14.0 export writes it.
const DNALOOKUPANDSYNC: &str = "LDAP DIRECTORY SERVER USAGE,LDAP CUSTOM FILTER,CONNECTED LDAP HOST,FULL SYNC STATUS,INVOCATION ID,HIGHEST COMMITTED USN,IN SYNC STATUS,LDAP SYNCHRONIZATION BASE,LDAP DN,NAME,SYNC NOW,LDAP PASSWORD,AGREEMENT STATUS,LDAP PORT NUMBER 1,HOST NAME 1,PRIORITY 1,SSL ENABLED 1,RECORD CACHE AGE FOR DIRECTORY NUMBER ALIAS LOOKUP IN HOURS 1,RECORD CACHE SIZE FOR DIRECTORY NUMBER ALIAS LOOKUP 1,ENABLE CACHING OF RECORDS FOR DIRECTORY NUMBER ALIAS LOOKUP 1,KEEPALIVE TIME INTERVAL IN MINUTES 1,KEEPALIVE SEARCH USER DISTINGUISHED NAME 1";
/// `ctiroutepoint.csv` as a real 14.0 export writes it.
const CTIROUTEPOINT: &str = "DEVICE NAME,DESCRIPTION,DEVICE POOL,COMMON DEVICE CONFIGURATION,CSS,LOCATION,USER LOCALE,MEDIA RESOURCE GROUP LIST,NETWORK HOLD MOH AUDIO SOURCE,USER HOLD MOH AUDIO SOURCE,APPLICATION USER 1,APPLICATION USER 2,USE TRUSTED RELAY POINT,CALLING PARTY TRANSFORMATION CSS,GEO LOCATION,USE DEVICE POOL CALLING PARTY TRANSFORMATION CSS,DIRECTORY NUMBER 1,ROUTE PARTITION 1,LINE DESCRIPTION 1,ALERTING NAME 1,ASCII ALERTING NAME 1,VOICE MAIL PROFILE 1,LINE CSS 1,PRESENCE GROUP 1,LINE USER HOLD MOH AUDIO SOURCE 1,LINE NETWORK HOLD MOH AUDIO SOURCE 1,AAR VOICE MAIL 1,AAR DESTINATION MASK 1,AAR GROUP 1,AAR KEEP CALL HISTORY 1,CALLING SEARCH SPACE ACTIVATION POLICY 1,FORWARD BUSY INTERNAL VOICEMAIL 1,FORWARD BUSY EXTERNAL VOICEMAIL 1,FORWARD NO ANSWER INTERNAL VOICEMAIL 1,FORWARD NO ANSWER EXTERNAL VOICEMAIL 1,FORWARD NO COVERAGE INTERNAL VOICEMAIL 1,FORWARD NO COVERAGE EXTERNAL VOICEMAIL 1,FORWARD ON CTI FAILURE VOICEMAIL 1,FORWARD UNREGISTERED INTERNAL VOICEMAIL 1,FORWARD UNREGISTERED EXTERNAL VOICEMAIL 1,FORWARD BUSY INTERNAL DESTINATION 1,FORWARD BUSY EXTERNAL DESTINATION 1,FORWARD NO ANSWER INTERNAL DESTINATION 1,FORWARD NO ANSWER EXTERNAL DESTINATION 1,FORWARD NO COVERAGE INTERNAL DESTINATION 1,FORWARD NO COVERAGE EXTERNAL DESTINATION 1,FORWARD ON CTI FAILURE DESTINATION 1,FORWARD UNREGISTERED INTERNAL DESTINATION 1,FORWARD UNREGISTERED EXTERNAL DESTINATION 1,FORWARD BUSY INTERNAL CSS 1,FORWARD BUSY EXTERNAL CSS 1,FORWARD NO ANSWER INTERNAL CSS 1,FORWARD NO ANSWER EXTERNAL CSS 1,FORWARD NO COVERAGE INTERNAL CSS 1,FORWARD NO COVERAGE EXTERNAL CSS 1,FORWARD ON CTI FAILURE CSS 1,FORWARD UNREGISTERED INTERNAL CSS 1,FORWARD UNREGISTERED EXTERNAL CSS 1,NO ANSWER RING DURATION (SECONDS) 1,TARGET (DESTINATION) 1,MLPP CSS 1,MLPP NO ANSWER RING DURATION (SECONDS) 1,HOLD REVERSION RING DURATION (SECONDS) 1,HOLD REVERSION NOTIFICATION INTERVAL (SECONDS) 1,DISPLAY 1,DISPLAY ASCII 1,EXTERNAL PHONE NUMBER MASK 1,MAXIMUM NUMBER OF CALLS 1,BUSY TRIGGER 1,CALL INFO DISPLAY MASK 1,FORWARD ALL VOICEMAIL 1,FORWARD ALL DESTINATION 1,FORWARD ALL CSS 1,SECONDARY CALLING SEARCH SPACE FOR FORWARD ALL  1,CALL PICKUP GROUP 1,PARTY ENTRANCE TONE 1,PARK MONITOR FORWARD NO RETRIEVE INT VOICE MAIL 1,PARK MONITOR FORWARD NO RETRIEVE EXT VOICE MAIL 1,PARK MONITOR FORWARD NO RETRIEVE EXT CSS 1,PARK MONITOR FORWARD NO RETRIEVE INT CSS 1,PARK MONITORING REVERSION TIMER 1,PARK MONITOR FORWARD NO RETRIEVE EXT DESTINATION 1,PARK MONITOR FORWARD NO RETRIEVE INT DESTINATION 1,ENTERPRISE NUMBER MASK 1,ENTERPRISE ADD TO LOCAL ROUTE PARTITION 1,ENTERPRISE ROUTE PARTITION 1,ENTERPRISE IS URGENT 1,ENTERPRISE ADVERTISE GLOBALLY VIA ILS 1,+E.164 NUMBER MASK 1,+E.164 ADD TO LOCAL ROUTE PARTITION 1,+E.164 ROUTE PARTITION 1,+E.164 IS URGENT 1,+E.164 ADVERTISE GLOBALLY VIA ILS 1,END USER 1";

#[test]
fn files_not_read_carry_the_class_a_summary_counts_them_by() {
    let files = [
        ("region.csv", "NAME,DESCRIPTION\nR_HQ,Headquarters\n".to_owned()),
        ("universaldevicetemplate.csv", member(UNIVERSALDEVICETEMPLATE, &["", "Sample"])),
        ("ldapfilter.csv", String::new()),
        ("notes.txt", "hello\n".to_owned()),
    ];
    let ingested = read(&files);
    let classes: Vec<(&str, Option<NotReadClass>)> = ingested
        .files
        .iter()
        .map(|f| match &f.status {
            FileStatus::NotRead { class, .. } => (f.path.as_str(), Some(*class)),
            _ => (f.path.as_str(), None),
        })
        .collect();
    assert_eq!(
        classes,
        [
            ("ldapfilter.csv", Some(NotReadClass::Empty)),
            ("notes.txt", Some(NotReadClass::Other)),
            ("region.csv", Some(NotReadClass::NoRuleReads)),
            ("universaldevicetemplate.csv", Some(NotReadClass::LookAlike)),
        ]
    );
}
