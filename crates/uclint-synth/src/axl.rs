//! The AXL form: `get*` SOAP responses as a script saves them (formats.md §3-§5), the same
//! cluster as the BAT tar. Each file holds up to [`PER_FILE`] responses of one operation, one
//! envelope after another, as a script that appends each response to one file per object type
//! writes them; the files go into a tar for transport.
//!
//! The responses carry what `getPhone`, `getDeviceProfile`, `getUser`, `getAppUser`,
//! `getCommonDeviceConfig`, `getLineGroup` and `getServiceParameter` return for the fields the
//! rules read. `services` is left out of the phones, as a `returnedTags` list without it does:
//! the BAT tar does not carry subscriptions either, so both forms yield the same findings.

use std::fmt::Write;

use crate::plan::{fake_hex, mix, DeviceOut, Plan, PT, RMCM};
use crate::{Agent, Fault, Spec};

/// Responses per file.
pub(crate) const PER_FILE: usize = 1_000;

const NS: &str = "http://www.cisco.com/AXL/API/14.0";

/// Wraps one record in a `<ns:{operation}Response>` envelope.
fn envelope(out: &mut String, operation: &str, record: &str) {
    let _ = write!(
        out,
        "<?xml version='1.0' encoding='UTF-8'?>\n<soapenv:Envelope \
         xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">\n  <soapenv:Body>\n    <ns:{operation}Response \
         xmlns:ns=\"{NS}\">\n      <return>\n{record}      </return>\n    </ns:{operation}Response>\n  \
         </soapenv:Body>\n</soapenv:Envelope>\n"
    );
}

/// A deterministic uuid for object `n` of a kind.
fn uuid(kind: u32, n: usize) -> String {
    let x = mix(n, u64::from(kind));
    format!("{{{:08X}-{:04X}-{:04X}-{:04X}-{:012X}}}", x >> 32, (x >> 16) & 0xFFFF, x & 0xFFFF, kind, n)
}

/// Kinds of object a uuid is made for (the record kinds use 3 to 8).
const DEVICE_POOL: u32 = 10;
const PARTITION: u32 = 11;
const DIRECTORY_NUMBER: u32 = 12;
const LINE: u32 = 13;
const PRESENCE_GROUP: u32 = 14;
const CSS: u32 = 15;
const SERVICE_PROFILE: u32 = 16;
const CDC: u32 = 7;

/// The ` uuid="{…}"` attribute of a reference (AXL `XFkType`): real exports carry one on
/// every reference to another object (formats.md §3), so each is an attribute to read.
fn fk(kind: u32, n: usize) -> String {
    format!(" uuid=\"{}\"", uuid(kind, n))
}

/// A number for a DN, for its uuid.
fn dn_number(dn: &str) -> usize {
    dn.bytes().filter(u8::is_ascii_digit).fold(0usize, |n, d| n.wrapping_mul(10).wrapping_add(usize::from(d - b'0')))
}

fn lines(out: &mut String, device: &DeviceOut, n: usize) {
    out.push_str("          <lines>\n");
    for line in &device.lines {
        let _ = write!(
            out,
            "            <line{}>\n              <index>{}</index>\n              <label>{}</label>\n              \
             <dirn{}>\n                <pattern>{}</pattern>\n                <routePartitionName{}>{PT}\
             </routePartitionName>\n              </dirn>\n              <maxNumCalls>{}</maxNumCalls>\n              \
             <busyTrigger>{}</busyTrigger>\n            </line>\n",
            fk(LINE, n * 8 + line.index),
            line.index,
            line.dn,
            fk(DIRECTORY_NUMBER, dn_number(&line.dn)),
            line.dn,
            fk(PARTITION, 0),
            line.max_calls,
            line.busy_trigger,
        );
    }
    out.push_str("          </lines>\n");
}

fn phone(device: &DeviceOut, n: usize) -> String {
    let mut out = format!(
        "        <phone uuid=\"{}\">\n          <name>{}</name>\n          <description>{} {}</description>\n          \
         <product>{}</product>\n          <model>{}</model>\n          <class>Phone</class>\n          \
         <protocol>SIP</protocol>\n          <devicePoolName{}>DP_HQ</devicePoolName>\n          \
         <commonDeviceConfigName{}>common-device-configuration-ipv4</commonDeviceConfigName>\n",
        uuid(3, n),
        device.name,
        device.owner,
        device.model,
        device.model,
        device.model,
        fk(DEVICE_POOL, 0),
        fk(CDC, 0),
    );
    lines(&mut out, device, n);
    let _ = write!(
        out,
        "          <userLocale>English United States</userLocale>\n          <defaultProfileName/>\n          \
         <enableExtensionMobility>true</enableExtensionMobility>\n          <ownerUserName>{}</ownerUserName>\n          \
         <allowCtiControlFlag>true</allowCtiControlFlag>\n          \
         <builtInBridgeStatus>Default</builtInBridgeStatus>\n          <deviceMobilityMode>Default</deviceMobilityMode>\n        \
         </phone>\n",
        device.owner
    );
    out
}

fn device_profile(device: &DeviceOut, n: usize) -> String {
    let mut out = format!(
        "        <deviceProfile uuid=\"{}\">\n          <name>{}</name>\n          <description>EM profile of {}</description>\n          \
         <product>{}</product>\n          <model>{}</model>\n          <class>Device Profile</class>\n          \
         <protocol>SIP</protocol>\n",
        uuid(4, n),
        device.name,
        device.owner,
        device.model,
        device.model,
    );
    lines(&mut out, device, n);
    let _ = write!(
        out,
        "          <userLocale>English United States</userLocale>\n          <joinAcrossLines>Off</joinAcrossLines>\n          \
         <singleButtonBarge>Off</singleButtonBarge>\n          <loginUserId>{}</loginUserId>\n        </deviceProfile>\n",
        device.owner
    );
    out
}

fn user(spec: &Spec, agents: &[Agent], i: usize) -> String {
    let agent = agents.get(i);
    let user = agent.map_or_else(|| format!("user{i:06}"), |a| a.user.clone());
    let (mut devices, mut profiles) = (Vec::new(), Vec::new());
    match agent {
        Some(a) if a.profile => profiles.push(a.device.clone()),
        Some(a) => devices.push(a.device.clone()),
        None if i - agents.len() < spec.size.device_profiles => profiles.push(format!("UDP_user{i:06}")),
        None => {}
    }
    if agent.is_some_and(|a| a.faults.contains(&Fault::SharedExtension)) {
        devices.push(format!("CSF{}", user.to_uppercase()));
    }
    if agent.is_none() && spec.systematic() {
        devices.extend(crate::plan::owned_phone(spec, agents.len(), i));
    }
    let mut groups = vec!["Standard CCM End Users"];
    // The systematic fault: nobody is in it (IMP003 for whoever controls a desk phone).
    if !spec.systematic() {
        groups.push("Standard CTI Enabled");
    }
    if agent.is_some() || spec.systematic() {
        // Agents control 78xx/88xx desk phones, which need the Connected Xfer group; so does
        // every user with the systematic fault, who controls the phone they own.
        groups.push("Standard CTI Allow Control of Phones supporting Connected Xfer and conf");
    }
    let digest = fake_hex(i, 1, 64);
    let mut out = format!(
        "        <user uuid=\"{}\">\n          <firstName>First{i}</firstName>\n          <lastName>Last{i}</lastName>\n          \
         <userid>{user}</userid>\n          <password/>\n          <pin/>\n          <mailid>{user}@example.com</mailid>\n          \
         <department>Operations</department>\n          <userLocale/>\n          <associatedDevices>\n",
        uuid(5, i)
    );
    for device in &devices {
        let _ = writeln!(out, "            <device>{device}</device>");
    }
    out.push_str("          </associatedDevices>\n          <associatedGroups>\n");
    for group in groups {
        let _ = writeln!(out, "            <userGroup>\n              <name>{group}</name>\n            </userGroup>");
    }
    let _ = write!(
        out,
        "          </associatedGroups>\n          <enableCti>true</enableCti>\n          \
         <digestCredentials>{digest}</digestCredentials>\n          <phoneProfiles>\n"
    );
    for profile in &profiles {
        let _ = writeln!(out, "            <profileName{}>{profile}</profileName>", fk(4, i));
    }
    out.push_str("          </phoneProfiles>\n          <defaultProfile/>\n");
    let _ = write!(
        out,
        "          <presenceGroupName{}>Standard Presence group</presenceGroupName>\n          \
         <subscribeCallingSearchSpaceName{}>CSS_Subscribe</subscribeCallingSearchSpaceName>\n          \
         <enableMobility>false</enableMobility>\n          <homeCluster>true</homeCluster>\n          \
         <imAndPresenceEnable>true</imAndPresenceEnable>\n          <serviceProfile{}>SP_Jabber</serviceProfile>\n          \
         <enableEmcc>false</enableEmcc>\n",
        fk(PRESENCE_GROUP, 0),
        fk(CSS, 0),
        fk(SERVICE_PROFILE, 0),
    );
    match agent {
        Some(a) => {
            let _ = write!(
                out,
                "          <primaryExtension>\n            <pattern>{ext}</pattern>\n            \
                 <routePartitionName>{PT}</routePartitionName>\n          </primaryExtension>\n          \
                 <ipccExtension{uuid}>{ext}</ipccExtension>\n          <ipccRoutePartition>{PT}</ipccRoutePartition>\n",
                ext = a.extension,
                uuid = fk(DIRECTORY_NUMBER, dn_number(&a.extension)),
            );
        }
        None => out.push_str("          <primaryExtension/>\n          <ipccExtension/>\n"),
    }
    out.push_str("        </user>\n");
    out
}

fn app_users(plan: &Plan) -> Vec<String> {
    let rmcm_devices = plan.phones.iter().filter(|d| d.rmcm);
    let rmcm_profiles = plan.profiles.iter().filter(|d| d.rmcm);
    let mut rmcm = format!(
        "        <appUser uuid=\"{}\">\n          <userid>{RMCM}</userid>\n          <password/>\n",
        uuid(6, 0)
    );
    rmcm.push_str("          <digestCredentials/>\n          <presenceGroupName>Standard Presence group</presenceGroupName>\n          <associatedDevices>\n");
    for device in rmcm_devices {
        let _ = writeln!(rmcm, "            <device>{}</device>", device.name);
    }
    rmcm.push_str("          </associatedDevices>\n          <associatedGroups>\n");
    for group in [
        "Standard CTI Allow Call Recording",
        "Standard CTI Enabled",
        "Standard CTI Allow Call Monitoring",
        "Standard CTI Allow Control of Phones supporting Connected Xfer and conf",
    ] {
        let _ = writeln!(rmcm, "            <userGroup>\n              <name>{group}</name>\n            </userGroup>");
    }
    rmcm.push_str("          </associatedGroups>\n          <ctiControlledDeviceProfiles>\n");
    for profile in rmcm_profiles {
        let _ = writeln!(rmcm, "            <deviceProfile>{}</deviceProfile>", profile.name);
    }
    rmcm.push_str("          </ctiControlledDeviceProfiles>\n        </appUser>\n");
    let jtapi = format!(
        "        <appUser uuid=\"{}\">\n          <userid>uccxjtapiuser_1</userid>\n          <password/>\n          \
         <digestCredentials/>\n          <presenceGroupName>Standard Presence group</presenceGroupName>\n          \
         <associatedDevices/>\n          <associatedGroups>\n            <userGroup>\n              <name>Standard CTI \
         Enabled</name>\n            </userGroup>\n          </associatedGroups>\n          <ctiControlledDeviceProfiles/>\n        \
         </appUser>\n",
        uuid(6, 1)
    );
    vec![rmcm, jtapi]
}

fn common_device_configs() -> Vec<String> {
    [("common-device-configuration-ipv4", "IPv4 Only", "IPv4"), ("common-device-configuration-ipv6", "IPv6 Only", "IPv6")]
        .iter()
        .enumerate()
        .map(|(n, (name, mode, preference))| {
            format!(
                "        <commonDeviceConfig uuid=\"{}\">\n          <name>{name}</name>\n          <userLocale/>\n          \
                 <ipAddressingMode>{mode}</ipAddressingMode>\n          \
                 <ipAddressingModePreferenceControl>{preference}</ipAddressingModePreferenceControl>\n        \
                 </commonDeviceConfig>\n",
                uuid(7, n)
            )
        })
        .collect()
}

fn line_groups(count: usize, members: &[String]) -> Vec<String> {
    (0..count)
        .map(|g| {
            let mut out = format!(
                "        <lineGroup uuid=\"{}\">\n          <name>LG_{g:03}</name>\n          \
                 <distributionAlgorithm>Top Down</distributionAlgorithm>\n          <members>\n",
                uuid(8, g)
            );
            for (n, dn) in members.iter().skip(g * 10).take(10).enumerate() {
                let _ = write!(
                    out,
                    "            <member>\n              <lineSelectionOrder>{}</lineSelectionOrder>\n              \
                     <directoryNumber>\n                <pattern>{dn}</pattern>\n                \
                     <routePartitionName>{PT}</routePartitionName>\n              </directoryNumber>\n            \
                     </member>\n",
                    n + 1
                );
            }
            out.push_str("          </members>\n        </lineGroup>\n");
            out
        })
        .collect()
}

fn service_parameters() -> Vec<String> {
    [
        ("EnterpriseWideData", "multiDevHoteling", "noLogin", "Cisco Extension Mobility"),
        ("EnterpriseWideData", "Authentication", "On", "Cisco SIP Proxy"),
        ("cucm-pub.example.com", "MaxDevicesPerProvider", "2000", "Cisco CTIManager"),
    ]
    .iter()
    .map(|(node, name, value, service)| {
        format!(
            "        <serviceParameter>\n          <processNodeName>{node}</processNodeName>\n          \
             <name>{name}</name>\n          <service>{service}</service>\n          <value>{value}</value>\n        \
             </serviceParameter>\n"
        )
    })
    .collect()
}

/// Groups records into files of [`PER_FILE`] envelopes: `getPhone-0001.xml`, ….
fn files_of(operation: &str, records: impl Iterator<Item = String>, out: &mut Vec<(String, Vec<u8>)>) {
    let mut text = String::new();
    let mut count = 0;
    let mut file = 0;
    let mut flush = |text: &mut String, out: &mut Vec<(String, Vec<u8>)>| {
        file += 1;
        out.push((format!("{operation}-{file:04}.xml"), std::mem::take(text).into_bytes()));
    };
    for record in records {
        envelope(&mut text, operation, &record);
        count += 1;
        if count % PER_FILE == 0 {
            flush(&mut text, out);
        }
    }
    if !text.is_empty() {
        flush(&mut text, out);
    }
}

/// The files of the AXL form, in tar order.
pub(crate) fn files(spec: &Spec, agents: &[Agent], plan: &Plan) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    files_of("getPhone", plan.phones.iter().enumerate().map(|(n, d)| phone(d, n)), &mut out);
    files_of("getDeviceProfile", plan.profiles.iter().enumerate().map(|(n, d)| device_profile(d, n)), &mut out);
    files_of("getUser", (0..spec.size.users).map(|i| user(spec, agents, i)), &mut out);
    files_of("getAppUser", app_users(plan).into_iter(), &mut out);
    files_of("getCommonDeviceConfig", common_device_configs().into_iter(), &mut out);
    files_of("getLineGroup", line_groups(spec.size.line_groups, &plan.line_group_members).into_iter(), &mut out);
    files_of("getServiceParameter", service_parameters().into_iter(), &mut out);
    out
}
