//! The BAT Import/Export layout: the members of `ucmdata_export_*.tar`, with the real header
//! spellings (formats.md §4b, §6, §7, §8, §9, §10, §11) and realistic row widths.

use crate::plan::{fake_hex, DeviceCss, DeviceOut, LineOut, Plan, CTI_PORT, MAX_LINES, PT, RMCM};
use crate::table::csv_bytes;
use crate::{Agent, Fault, Spec};

/// Device columns before the line groups, as in a CUCM 14 `phone.csv` (a realistic subset).
const PHONE_DEVICE: &[&str] = &[
    "Services Provisioning",
    "Device Name",
    "Description",
    "Device Pool",
    "Phone Button Template",
    "CSS",
    "AAR CSS",
    "Location",
    "Media Resource Group List",
    "User Hold MOH Audio Source",
    "Network Hold MOH Audio Source",
    "Device Mobility Mode",
    "Common Device Configuration",
    "Device Type",
    "Device Protocol",
    "Owner User ID",
    "Softkey Template",
    "Common Phone Profile",
    "Built in Bridge",
    "Privacy",
    "Extension Mobility",
    "Logout Profile",
    "Device User Locale",
    "Allow CTI Control Flag",
    "Digest User",
    "Device Security Profile",
    "SIP Profile",
    "User ID 1",
    "Application User 1",
    "Application User 2",
    "Application User 3",
];

/// Per-line columns; `{n}` is the button index.
const LINE: &[&str] = &[
    "Directory Number {n}",
    "Route Partition {n}",
    "Line CSS {n}",
    "AAR Group {n}",
    "Line Text Label {n}",
    "External Phone Number Mask {n}",
    "Maximum Number of Calls {n}",
    "Busy Trigger {n}",
    "Alerting Name {n}",
    "Line Description {n}",
    "Display {n}",
    "Ring Setting (Phone Idle) {n}",
    "Allow Control of Device from CTI {n}",
    "Log Missed Calls {n}",
];

const PROFILE_DEVICE: &[&str] = &[
    "Device Profile Name",
    "Description",
    "User Hold MOH Audio Source",
    "Device User Locale",
    "Phone Button Template",
    "Softkey Template",
    "Privacy",
    "Join Across Lines",
    "Single Button Barge",
    "Login User Id",
    "Device Type",
    "Device Presence Group",
    "Device Subscribe CSS",
    "Device Protocol",
    "Always Use Prime Line",
    "User ID 1",
    "Extension Mobility Cross Cluster CSS",
];

fn header(device: &[&str], per_line: &[&str]) -> Vec<String> {
    let mut header: Vec<String> = device.iter().map(|s| (*s).to_owned()).collect();
    for n in 1..=MAX_LINES {
        header.extend(per_line.iter().map(|c| c.replace("{n}", &n.to_string())));
    }
    header
}

/// The per-line cells; `css` is the dial plan's (`None`: `CSS_Internal` on every line).
fn line_cells(lines: &[LineOut], css: Option<&DeviceCss>, per_line: &[&str]) -> Vec<String> {
    let mut cells = vec![String::new(); MAX_LINES * per_line.len()];
    for line in lines {
        let base = (line.index - 1) * per_line.len();
        for (k, column) in per_line.iter().enumerate() {
            let column = column.trim_end_matches(" {n}");
            cells[base + k] = match column {
                "Directory Number" => line.dn.clone(),
                "Route Partition" => line.partition.unwrap_or(PT).to_owned(),
                "Line CSS" => css.map_or("CSS_Internal", |c| c.line.as_str()).to_owned(),
                "Line Text Label" | "Display" | "Alerting Name" | "Line Description" => format!("Line {}", line.dn),
                "Maximum Number of Calls" => line.max_calls.to_string(),
                "Busy Trigger" => line.busy_trigger.to_string(),
                "Ring Setting (Phone Idle)" => "Use System Default".to_owned(),
                "Allow Control of Device from CTI" | "Log Missed Calls" => "t".to_owned(),
                _ => String::new(),
            };
        }
    }
    cells
}

/// The members of the tar, in tar order.
pub(crate) fn files(spec: &Spec, agents: &[Agent], plan: &Plan) -> Vec<(String, Vec<u8>)> {
    let (phones, profiles, line_group_members) = (&plan.phones, &plan.profiles, &plan.line_group_members);
    // The dial plan's members come after the others, so an export without it is unchanged.
    let dial_plan = if spec.dial_plan { crate::dialplan::bat_files(spec, plan) } else { Vec::new() };
    let dial_plan_members: Vec<&str> =
        dial_plan.iter().map(|(name, _)| name.as_str()).filter(|name| name.ends_with(".csv")).collect();
    let mut files = vec![
        ("header.txt".to_owned(), header_txt(&dial_plan_members)),
        ("phone.csv".to_owned(), phone_csv(phones)),
        ("deviceprofile.csv".to_owned(), profile_csv(profiles)),
        ("enduser.csv".to_owned(), enduser_csv(spec, agents)),
        ("appuser.csv".to_owned(), appuser_csv(phones, profiles, spec.dial_plan)),
        ("commondeviceconfiguration.csv".to_owned(), cdc_csv()),
        ("linegroup.csv".to_owned(), linegroup_csv(spec.size.line_groups, line_group_members)),
        ("serviceparameter.csv".to_owned(), serviceparameter_csv()),
        ("enterpriseparameter.csv".to_owned(), enterpriseparameter_csv()),
        ("accesscntrlgrp.csv".to_owned(), accesscntrlgrp_csv()),
    ]
    .into_iter()
    .chain(EMPTY_TABLES.iter().map(|(name, header)| ((*name).to_owned(), format!("{header}\n").into_bytes())))
    .collect::<Vec<_>>();
    files.extend(dial_plan);
    files
}

/// Tables a real export carries even when the cluster has none of their objects: just the
/// header line. Without them the export would be partial (GEN010).
const EMPTY_TABLES: &[(&str, &str)] = &[
    (
        "ldapauth.csv",
        "LDAP DN,LDAP PASSWORD,USER BASE,AUTHENTICATE WITH CORPORATE DIR,TYPE LDAP PROTOCOL 1,HOST NAME 1,PRIORITY \
         1,SSL ENABLED 1,PORT NUMBER 1",
    ),
    ("ldapsystem.csv", "USERID ATTRIBUTE NAME,TYPE LDAP SERVER,SYNC ENABLED"),
    (
        "ldapdir.csv",
        "LDAP DN,LDAP PASSWORD,NAME,USER SEARCH BASE,LDAP FILTER,SYNC INTERVAL,SCHEDULED UNIT,ACCESS CONTROL GROUP \
         1,HOST NAME 1,PRIORITY 1,SSL ENABLED 1,LDAP PORT NUMBER 1",
    ),
    (
        "phoneservices.csv",
        "SERVICE NAME,SERVICE DESCRIPTION,SERVICE URL,SECURE SERVICES URL,SERVICE CATEGORY,SERVICE TYPE,SERVICE \
         VENDOR,SERVICE VERSION,ENABLE,ENTERPRISE SUBSCRIPTION",
    ),
    (
        "directorynumber.csv",
        "Directory Number,Route Partition,Description,Alerting Name,ASCII Alerting Name,Voice Mail Profile,Calling \
         Search Space,Presence Group,Active,Call Pickup Group,Forward All Destination",
    ),
    ("ucservice.csv", "NAME,DESCRIPTION,SERVICE TYPE,PRODUCT TYPE,HOST NAME/IP ADDRESS,PORT,PROTOCOL"),
    (
        "credpolicy.csv",
        "NAME,FAILED LOGON,RESET FAILED LOGON ATTEMPTS EVERY,LOCKOUT DURATION,CREDENTIAL EXPIRES AFTER,MINIMUM \
         CREDENTIAL LENGTH,INACTIVE DAYS ALLOWED,EXPIRY WARNING DAYS",
    ),
];

/// `header.txt`: the export's manifest, listing `extra` (the dial plan's members) last.
fn header_txt(extra: &[&str]) -> Vec<u8> {
    let files = [
        "phone.csv",
        "deviceprofile.csv",
        "enduser.csv",
        "appuser.csv",
        "commondeviceconfiguration.csv",
        "linegroup.csv",
        "serviceparameter.csv",
        "enterpriseparameter.csv",
        "accesscntrlgrp.csv",
    ]
    .into_iter()
    .chain(EMPTY_TABLES.iter().map(|(name, _)| *name))
    .chain(extra.iter().copied());
    let mut text = String::from(
        "Time : Fri Nov 20 10:12:44 UTC 2026\nIP Address : 10.1.10.11\nCCM : master-14.0.1.10000-20.i386\n",
    );
    for f in files {
        text.push_str(&format!("File : {f}\n"));
    }
    text.into_bytes()
}

fn phone_csv(phones: &[DeviceOut]) -> Vec<u8> {
    let header = header(PHONE_DEVICE, LINE);
    let rows = phones.iter().map(|p| {
        let mut row: Vec<String> = PHONE_DEVICE
            .iter()
            .map(|c| match *c {
                "Services Provisioning" => "Default".to_owned(),
                "Device Name" => p.name.clone(),
                "Description" if p.model == CTI_PORT => format!("UCCX CTI port {}", p.name),
                "Description" => format!("{} {}", p.owner, p.model),
                "Device Pool" => "DP_HQ".to_owned(),
                "Phone Button Template" if p.model == CTI_PORT => "Standard CTI Port".to_owned(),
                "Phone Button Template" => format!("Standard {} SIP", p.model.trim_start_matches("Cisco ")),
                "CSS" => p.css.as_ref().map_or("CSS_Internal", |c| c.device.as_str()).to_owned(),
                "Location" => "Hub_None".to_owned(),
                "Device Mobility Mode" | "Built in Bridge" | "Privacy" => "Default".to_owned(),
                "Common Device Configuration" => "common-device-configuration-ipv4".to_owned(),
                "Device Type" => p.model.to_owned(),
                "Device Protocol" if p.model == CTI_PORT => "SCCP".to_owned(),
                "Device Protocol" => "SIP".to_owned(),
                "Owner User ID" | "User ID 1" => p.owner.clone(),
                "Softkey Template" => "Standard User".to_owned(),
                "Common Phone Profile" => "Standard Common Phone Profile".to_owned(),
                "Extension Mobility" => "t".to_owned(),
                "Device User Locale" => "English United States".to_owned(),
                "Allow CTI Control Flag" => "t".to_owned(),
                "Device Security Profile" if p.model == CTI_PORT => String::new(),
                "Device Security Profile" => format!("{} - Standard SIP Non-Secure Profile", p.model),
                "SIP Profile" if p.model == CTI_PORT => String::new(),
                "SIP Profile" => "Standard SIP Profile".to_owned(),
                "Application User 1" if p.rmcm => RMCM.to_owned(),
                "Application User 1" => p.css.as_ref().and_then(|c| c.app_user).unwrap_or_default().to_owned(),
                _ => String::new(),
            })
            .collect();
        row.extend(line_cells(&p.lines, p.css.as_ref(), LINE));
        row
    });
    csv_bytes(&header, rows)
}

fn profile_csv(profiles: &[DeviceOut]) -> Vec<u8> {
    let header = header(PROFILE_DEVICE, LINE);
    let rows = profiles.iter().map(|p| {
        let mut row: Vec<String> = PROFILE_DEVICE
            .iter()
            .map(|c| match *c {
                "Device Profile Name" => p.name.clone(),
                "Description" => format!("EM profile of {}", p.owner),
                "Device User Locale" => "English United States".to_owned(),
                "Phone Button Template" => "Standard 8841 SIP".to_owned(),
                "Privacy" | "Always Use Prime Line" => "Default".to_owned(),
                "Join Across Lines" | "Single Button Barge" => "Off".to_owned(),
                "Login User Id" | "User ID 1" => p.owner.clone(),
                "Device Type" => p.model.to_owned(),
                "Device Presence Group" => "Standard Presence group".to_owned(),
                "Device Protocol" => "SIP".to_owned(),
                _ => String::new(),
            })
            .collect();
        row.extend(line_cells(&p.lines, p.css.as_ref(), LINE));
        row
    });
    csv_bytes(&header, rows)
}

const USER_COLUMNS: &[&str] = &[
    "FIRST NAME",
    "MIDDLE NAME",
    "LAST NAME",
    "USER ID",
    "MANAGER",
    "DEPARTMENT",
    "TELEPHONE NUMBER",
    "USER LOCALE",
    "MAIL ID",
    "STATUS",
    "DIGEST CREDENTIALS",
    "PRESENCE GROUP",
    "SUBSCRIBE CSS",
    "ALLOW CONTROL OF DEVICE FROM CTI",
    "ENABLE MOBILITY",
    "ENABLE USER FOR UNIFIED CM IM AND PRESENCE",
    "ENABLE EMCC",
    "USER PKID",
    "HOME CLUSTER",
    "UC SERVICE PROFILE",
    "PASSWORD 1",
    "PIN 1",
    "ACCESS CONTROL GROUP 1",
    "ACCESS CONTROL GROUP 2",
    "ACCESS CONTROL GROUP 3",
    "DEVICE NAME 1",
    "DEFAULT PROFILE 1",
    "DESCRIPTION 1",
    "TYPE USER ASSOCIATION 1",
    "DEVICE NAME 2",
    "DEFAULT PROFILE 2",
    "DESCRIPTION 2",
    "TYPE USER ASSOCIATION 2",
    "PRIMARY EXTENSION 1",
    "TYPE PATTERN USAGE 1",
    "PRIMARY EXTENSION 2",
    "TYPE PATTERN USAGE 2",
];

fn enduser_csv(spec: &Spec, agents: &[Agent]) -> Vec<u8> {
    let header: Vec<String> = USER_COLUMNS.iter().map(|s| (*s).to_owned()).collect();
    let size = spec.size;
    let rows = (0..size.users).map(|i| {
        let agent = agents.get(i);
        let user = agent.map_or_else(|| format!("user{i:06}"), |a| a.user.clone());
        let mut devices: Vec<(String, &str)> = Vec::new();
        if let Some(a) = agent {
            devices.push((a.device.clone(), if a.profile { "Profile Available" } else { "Cti Control In" }));
            if a.faults.contains(&Fault::SharedExtension) {
                devices.push((format!("CSF{}", a.user.to_uppercase()), "Cti Control In"));
            }
        } else if i - agents.len() < size.device_profiles {
            devices.push((format!("UDP_user{i:06}"), "Profile Available"));
        }
        if agent.is_none() && spec.systematic() {
            devices.extend(crate::plan::owned_phone(spec, agents.len(), i).map(|phone| (phone, "Cti Control In")));
        }
        let hash = |salt: u64, len: usize| fake_hex(i, salt, len);
        USER_COLUMNS
            .iter()
            .map(|c| match *c {
                "FIRST NAME" => format!("First{i}"),
                "LAST NAME" => format!("Last{i}"),
                "USER ID" => user.clone(),
                "DEPARTMENT" => "Operations".to_owned(),
                "TELEPHONE NUMBER" => format!("+1408555{:04}", i % 10_000),
                "MAIL ID" => format!("{user}@example.com"),
                "STATUS" => "1".to_owned(),
                "DIGEST CREDENTIALS" => hash(1, 64),
                "PRESENCE GROUP" => "Standard Presence group".to_owned(),
                "SUBSCRIBE CSS" => "CSS_Subscribe".to_owned(),
                "ALLOW CONTROL OF DEVICE FROM CTI" | "ENABLE USER FOR UNIFIED CM IM AND PRESENCE" | "HOME CLUSTER" => {
                    "t".to_owned()
                }
                "ENABLE MOBILITY" | "ENABLE EMCC" | "DEFAULT PROFILE 1" | "DEFAULT PROFILE 2" => "f".to_owned(),
                "USER PKID" => format!("{}-{}", hash(2, 8), hash(3, 12)),
                "UC SERVICE PROFILE" => "SP_Jabber".to_owned(),
                "PASSWORD 1" => hash(4, 128),
                "PIN 1" => hash(5, 40),
                "ACCESS CONTROL GROUP 1" => "Standard CCM End Users".to_owned(),
                // The systematic fault: nobody is in it (IMP003 for whoever controls a desk phone).
                "ACCESS CONTROL GROUP 2" if spec.systematic() => String::new(),
                "ACCESS CONTROL GROUP 2" => "Standard CTI Enabled".to_owned(),
                // Agents control 78xx/88xx desk phones, which need the Connected Xfer group; so
                // does every user with the systematic fault, who controls the phone they own.
                "ACCESS CONTROL GROUP 3" if agent.is_some() || spec.systematic() => {
                    "Standard CTI Allow Control of Phones supporting Connected Xfer and conf".to_owned()
                }
                "ACCESS CONTROL GROUP 3" => String::new(),
                "DEVICE NAME 1" | "DESCRIPTION 1" => devices.first().map(|d| d.0.clone()).unwrap_or_default(),
                "TYPE USER ASSOCIATION 1" => devices.first().map(|d| d.1.to_owned()).unwrap_or_default(),
                "DEVICE NAME 2" | "DESCRIPTION 2" => devices.get(1).map(|d| d.0.clone()).unwrap_or_default(),
                "TYPE USER ASSOCIATION 2" => devices.get(1).map(|d| d.1.to_owned()).unwrap_or_default(),
                "PRIMARY EXTENSION 1" => agent.map(|a| a.extension.clone()).unwrap_or_default(),
                "TYPE PATTERN USAGE 1" => agent.map(|_| "Primary".to_owned()).unwrap_or_default(),
                "PRIMARY EXTENSION 2" => agent.map(|a| a.extension.clone()).unwrap_or_default(),
                "TYPE PATTERN USAGE 2" => agent.map(|_| "ICD".to_owned()).unwrap_or_default(),
                _ => "NULL".to_owned(),
            })
            .collect()
    });
    csv_bytes(&header, rows)
}

/// `appuser.csv`: the RMCM user, and UCCX's telephony user; with the dial plan, one telephony user
/// per UCCX node, each controlling its node's CTI ports and every trigger's route point.
fn appuser_csv(phones: &[DeviceOut], profiles: &[DeviceOut], dial_plan: bool) -> Vec<u8> {
    let controlled: Vec<&str> = phones.iter().chain(profiles).filter(|d| d.rmcm).map(|d| d.name.as_str()).collect();
    let jtapi_users: &[&str] = if dial_plan { &crate::dialplan::JTAPI_USERS } else { &["uccxjtapiuser_1"] };
    let jtapi_devices: Vec<Vec<String>> =
        jtapi_users.iter().map(|user| crate::dialplan::controlled_by(user, phones, dial_plan)).collect();
    let groups = [
        "Standard CTI Allow Call Recording",
        "Standard CTI Enabled",
        "Standard CTI Allow Call Monitoring",
        "Standard CTI Allow Control of Phones supporting Connected Xfer and conf",
    ];
    let mut header: Vec<String> =
        ["APPLICATION USER NAME", "IS STANDARD APPLICATION USER", "PRESENCE GROUP NAME"].map(String::from).to_vec();
    for n in 1..=groups.len() {
        header.push(format!("DIR GROUP NAME {n}"));
    }
    let most = jtapi_devices.iter().map(Vec::len).chain([controlled.len(), 1]).max().unwrap_or(1);
    for n in 1..=most {
        header.extend([format!("DEVICE NAME {n}"), format!("TYPE USER ASSOCIATION {n}")]);
    }
    let width = header.len();
    let mut rmcm = vec![RMCM.to_owned(), "f".to_owned(), "Standard Presence group".to_owned()];
    rmcm.extend(groups.iter().map(|g| (*g).to_owned()));
    for name in &controlled {
        rmcm.extend([(*name).to_owned(), "Cti Control In".to_owned()]);
    }
    rmcm.resize(width, String::new());
    let jtapi = jtapi_users.iter().zip(jtapi_devices).map(|(user, devices)| {
        let mut jtapi = vec![(*user).to_owned(), "f".to_owned(), "Standard Presence group".to_owned()];
        jtapi.push("Standard CTI Enabled".to_owned());
        jtapi.resize(3 + groups.len(), String::new());
        for device in devices {
            jtapi.extend([device, "Cti Control In".to_owned()]);
        }
        jtapi.resize(width, String::new());
        jtapi
    });
    csv_bytes(&header, [rmcm].into_iter().chain(jtapi))
}

/// The standard access control groups the users and application users are in, and a few
/// more, each carrying its same-named role as in a real export (formats.md §8). With the table
/// present, rules look up the roles of every group a user is in, as they do on a real export.
fn accesscntrlgrp_csv() -> Vec<u8> {
    let groups = [
        "Standard CCM End Users",
        "Standard CCM Admin Users",
        "Standard CCM Super Users",
        "Standard CTI Enabled",
        "Standard CTI Allow Call Monitoring",
        "Standard CTI Allow Call Recording",
        "Standard CTI Allow Control of All Devices",
        "Standard CTI Allow Control of Phones supporting Connected Xfer and conf",
        "Standard CTI Secure Connection",
    ];
    let header = ["DIR GROUP NAME", "IS STANDARD DIR GROUP", "FUNCTION ROLE NAME 1"].map(String::from);
    csv_bytes(&header, groups.iter().map(|g| vec![(*g).to_owned(), "t".to_owned(), (*g).to_owned()]))
}

fn cdc_csv() -> Vec<u8> {
    let header = ["NAME", "IP ADDRESSING MODE", "IP ADDRESSING MODE PREFERENCE FOR SIGNALING"].map(String::from);
    let rows = [
        ["common-device-configuration-ipv4", "IPv4 Only", "IPv4"],
        ["common-device-configuration-ipv6", "IPv6 Only", "IPv6"],
    ];
    csv_bytes(&header, rows.iter().map(|r| r.map(String::from).to_vec()))
}

fn linegroup_csv(count: usize, members: &[String]) -> Vec<u8> {
    let per_group = 10;
    let mut header = ["NAME", "TYPE DISTRIBUTION ALGORITHM"].map(String::from).to_vec();
    for n in 1..=per_group {
        header.extend([
            format!("LINE SELECTION ORDER {n}"),
            format!("DN OR PATTERN {n}"),
            format!("ROUTE PARTITION {n}"),
        ]);
    }
    let rows = (0..count).map(|g| {
        let mut row = vec![format!("LG_{g:03}"), "Top Down".to_owned()];
        for (n, dn) in members.iter().skip(g * per_group).take(per_group).enumerate() {
            row.extend([(n + 1).to_string(), dn.clone(), PT.to_owned()]);
        }
        row.resize(header.len(), String::new());
        row
    });
    csv_bytes(&header, rows)
}

fn serviceparameter_csv() -> Vec<u8> {
    let header = ["SERVER", "PARAM NAME", "PARAM VALUE", "PARAM TYPE", "SERVICE TYPE"].map(String::from);
    let rows = [
        ["EnterpriseWideData", "multiDevHoteling", "noLogin", "string", "Cisco Extension Mobility"],
        ["EnterpriseWideData", "Authentication", "On", "string", "Cisco SIP Proxy"],
        ["cucm-pub.example.com", "MaxDevicesPerProvider", "2000", "long", "Cisco CTIManager"],
    ];
    csv_bytes(&header, rows.iter().map(|r| r.map(String::from).to_vec()))
}

fn enterpriseparameter_csv() -> Vec<u8> {
    let header = ["PARAM NAME", "PARAM VALUE"].map(String::from);
    let rows = [["EnableIPV6", "T"], ["ClusterSecurityMode", "0"]];
    csv_bytes(&header, rows.iter().map(|r| r.map(String::from).to_vec()))
}
