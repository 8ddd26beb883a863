//! A realistic dial plan for the synthetic cluster (`--dial-plan`), for issue #21's benchmark: the
//! UCCX reachability and shadowing checks on the mega export with thousands of patterns and
//! translations and 50 calling search spaces.
//!
//! Ten sites, each with an internal partition (its hunt pilots), a PSTN partition (its route
//! patterns: NANP long distance and international with PreDot discard, `9.911` and `911` urgent,
//! premium numbers blocked, and 300 `9.1<NPA><NXX>XXXX` local exchanges routed explicitly) and a
//! translation partition (DID `\+1<NPA><NXX>dXXX` to the extension with the originator's CSS, and
//! ten-digit called numbers normalised to +E.164); shared partitions for the directory numbers
//! (`PT_Internal`), the agents' IPCC extensions (`PT_Agents`), UCCX's CTI ports and route points
//! (`PT_CTI`), abbreviated dialing (`8<site><block>XXX` masked to `2<site><block>XXX`, a thousand
//! translations), three class-of-service blocking partitions, and two partitions on a time
//! schedule (the operator `0`). Every site has a device CSS (ten partitions) and three line CSSs
//! (the blocking partitions, by class of service); UCCX has a CSS for its ports (which reaches
//! `PT_Agents`) and one for its triggers (which reaches `PT_CTI`). Route patterns name a route
//! list per site, whose route groups hold two SIP trunks each.
//!
//! UCCX: two nodes of 150 CTI ports each (`phone.csv` rows of Device Type `CTI Port`, named
//! `UCCX_<dn>`, DNs in `PT_CTI`, controlled by the node's `uccxjtapiuser_<n>`), 50 triggers
//! (`ctiroutepoint.csv`, DNs `5000`-`5049` in `PT_CTI`, controlled by both nodes' users), and the
//! adminapi exports uclint reads beside CUCM's, inside the tar (the loader recognises XML members
//! by content, formats.md §17): `uccx_trigger.xml` with `callingSearchSpaceForRedirect`, and
//! `uccx_callControlGroup.xml` whose port groups list the ports and redirect with the
//! `Redirect Party` (the port's) CSS.
//!
//! Deliberate faults, one each unless said ([`FAULTS`] lists those counted in
//! [`crate::Export::expected`]):
//! - `CSS_Legacy_Fax` names the partition `PT_Fax_Removed`, which does not exist (DIAL001);
//! - the first ordinary phone's device CSS is `CSS_<site>_Device_Old`, which does not exist (DIAL002);
//! - `PT_Unused` holds a translation (`3999`, the old fax server) but is in no CSS (DIAL003);
//! - agents 1 to 3 have their IPCC extension in `PT_Agents_Legacy`, which the ports' CSS lacks
//!   (DIAL004; not counted: how many findings depends on whether the rule reports per agent or per
//!   agent and port group);
//! - the translation `5049` in `PT_HQ_Internal` shadows trigger `5049` for `CSS_HQ_Device` (DIAL006;
//!   not counted: per trigger or per CSS);
//! - the translation `7777` in `PT_Xlate_Loop` translates to itself with a CSS that holds its own
//!   partition (DIAL007);
//! - hunt pilot `4999` names the hunt list `HL_Empty`, which has no line group (DIAL008);
//! - route pattern `9.1800XXXXXXX` names the route list `RL_Decommissioned`, which does not exist
//!   (DIAL009).
//!
//! Everything is a fixed function of the size: nothing is drawn from the random generator, so
//! the rest of the export is the same bytes as without the dial plan, apart from the columns the
//! dial plan fills (CSS, line CSS, the agents' partition) and the members it adds.

mod headers;

use std::collections::HashMap;
use std::fmt::Write;

use crate::plan::{DeviceCss, DeviceOut, LineOut, Plan, CTI_PORT, PT};
use crate::table::csv_bytes;
use crate::{Agent, Spec};

/// The sites: code, NPA and NXX of its DID range.
const SITES: [(&str, &str, &str); 10] = [
    ("HQ", "408", "555"),
    ("SJC", "408", "526"),
    ("NYC", "212", "555"),
    ("CHI", "312", "555"),
    ("DAL", "214", "555"),
    ("ATL", "404", "555"),
    ("SEA", "206", "555"),
    ("DEN", "303", "555"),
    ("BOS", "617", "555"),
    ("MIA", "305", "555"),
];
/// The classes of service of line CSSs.
const CLASSES: [&str; 3] = ["Internal", "National", "Intl"];
/// Local exchanges routed explicitly per site: `9.1<NPA><NXX>XXXX` for NXX 200 to 499.
const LOCAL_EXCHANGES: std::ops::Range<u32> = 200..500;

/// UCCX's telephony users, one per node (formats.md §17).
pub(crate) const JTAPI_USERS: [&str; 2] = ["uccxjtapiuser_1", "uccxjtapiuser_2"];
/// The UCCX nodes' host names.
const UCCX_NODES: [&str; 2] = ["uccx-a", "uccx-b"];
/// CTI ports per node.
const PORTS_PER_NODE: usize = 150;
/// The first CTI port DN.
const FIRST_PORT_DN: usize = 6000;
/// The call control group's device name prefix: ports are `UCCX_<dn>`.
const PORT_PREFIX: &str = "UCCX";
/// The call control group.
const CALL_CONTROL_GROUP: &str = "CCG_Inbound";
/// Triggers (CTI route points).
const TRIGGERS: usize = 50;
/// The first trigger DN.
const FIRST_TRIGGER_DN: usize = 5000;

const PT_AGENTS: &str = "PT_Agents";
const PT_AGENTS_LEGACY: &str = "PT_Agents_Legacy";
const PT_CTI: &str = "PT_CTI";
const CSS_PORTS: &str = "CSS_UCCX_Ports";
const CSS_TRIGGER: &str = "CSS_UCCX_Trigger";
const CSS_XLATE: &str = "CSS_Xlate_Internal";
/// Agents (by index) whose IPCC extension is in [`PT_AGENTS_LEGACY`].
const LEGACY_AGENTS: std::ops::Range<usize> = 1..4;

/// The dial-plan faults counted in [`crate::Export::expected`]: (rule, findings).
pub(crate) const FAULTS: [(&str, usize); 6] =
    [("DIAL001", 1), ("DIAL002", 1), ("DIAL003", 1), ("DIAL007", 1), ("DIAL008", 1), ("DIAL009", 1)];

/// Sets the devices' CSSs and the agents' partitions, and adds the CTI ports, in `plan`.
pub(crate) fn assign(spec: &Spec, agents: &[Agent], plan: &mut Plan) {
    let agent_partitions: HashMap<&str, &'static str> = agents
        .iter()
        .enumerate()
        .map(|(i, a)| (a.extension.as_str(), if LEGACY_AGENTS.contains(&i) { PT_AGENTS_LEGACY } else { PT_AGENTS }))
        .collect();
    let first_ordinary = plan.phones.len().saturating_sub(spec.size.phones);
    for (i, device) in plan.phones.iter_mut().chain(plan.profiles.iter_mut()).enumerate() {
        let (site, _, _) = SITES[i % SITES.len()];
        let class = CLASSES[i % CLASSES.len()];
        let device_css =
            if i == first_ordinary { format!("CSS_{site}_Device_Old") } else { format!("CSS_{site}_Device") };
        device.css = Some(DeviceCss { device: device_css, line: format!("CSS_{site}_Line_{class}"), app_user: None });
        for line in &mut device.lines {
            if let Some(&partition) = agent_partitions.get(line.dn.as_str()) {
                line.partition = Some(partition);
            }
        }
    }
    for (node, user) in JTAPI_USERS.iter().enumerate() {
        for k in 0..PORTS_PER_NODE {
            let dn = (FIRST_PORT_DN + node * PORTS_PER_NODE + k).to_string();
            plan.phones.push(DeviceOut {
                name: format!("{PORT_PREFIX}_{dn}"),
                model: CTI_PORT,
                owner: String::new(),
                rmcm: false,
                lines: vec![LineOut { index: 1, dn, max_calls: 2, busy_trigger: 1, partition: Some(PT_CTI) }],
                css: Some(DeviceCss { device: CSS_PORTS.to_owned(), line: CSS_PORTS.to_owned(), app_user: Some(user) }),
            });
        }
    }
}

/// The devices `user` (a UCCX telephony user) controls: its node's CTI ports and every trigger's
/// route point. None without the dial plan.
pub(crate) fn controlled_by(user: &str, phones: &[DeviceOut], dial_plan: bool) -> Vec<String> {
    if !dial_plan {
        return Vec::new();
    }
    let ports = phones.iter().filter(|p| p.css.as_ref().and_then(|c| c.app_user) == Some(user));
    ports.map(|p| p.name.clone()).chain(triggers().map(|(_, device)| device)).collect()
}

/// The triggers: (DN, route point name).
fn triggers() -> impl Iterator<Item = (String, String)> {
    (FIRST_TRIGGER_DN..FIRST_TRIGGER_DN + TRIGGERS).map(|dn| (dn.to_string(), format!("RP_Trigger_{dn}")))
}

/// The dial plan's members of the BAT tar, then the UCCX exports, in tar order.
pub(crate) fn bat_files(spec: &Spec, plan: &Plan) -> Vec<(String, Vec<u8>)> {
    vec![
        ("partition.csv".to_owned(), partition_csv()),
        ("css.csv".to_owned(), css_csv()),
        ("routepattern.csv".to_owned(), route_pattern_csv()),
        ("translationpattern.csv".to_owned(), translation_pattern_csv()),
        ("huntpilot.csv".to_owned(), hunt_pilot_csv(spec.size.line_groups)),
        ("huntlist.csv".to_owned(), hunt_list_csv(spec.size.line_groups)),
        ("routelist.csv".to_owned(), route_list_csv()),
        ("routegroup.csv".to_owned(), route_group_csv()),
        ("trunk.csv".to_owned(), trunk_csv()),
        ("ctiroutepoint.csv".to_owned(), cti_route_point_csv()),
        ("timeschedule.csv".to_owned(), time_schedule_csv()),
        ("timeperiod.csv".to_owned(), time_period_csv()),
        ("uccx_trigger.xml".to_owned(), triggers_xml()),
        ("uccx_callControlGroup.xml".to_owned(), call_control_groups_xml(plan)),
    ]
}

/// A header's column names.
fn columns(header: &str) -> Vec<String> {
    header.split(',').map(str::to_owned).collect()
}

/// `header` with its `n`-numbered group (the columns ending in ` 1` from `group_start` on)
/// repeated for `n` = 1 to `count`: a real member is as wide as its longest object.
fn numbered(header: &str, group_start: usize, count: usize) -> Vec<String> {
    let all = columns(header);
    let (fixed, group) = all.split_at(group_start.min(all.len()));
    let mut out = fixed.to_vec();
    for n in 1..=count.max(1) {
        out.extend(group.iter().map(|c| format!("{} {n}", c.strip_suffix(" 1").unwrap_or(c))));
    }
    out
}

/// One row: `value(column)` for each column of `header`, trimmed names.
fn row(header: &[String], value: impl Fn(&str) -> String) -> Vec<String> {
    header.iter().map(|c| value(c.trim())).collect()
}

/// The partitions: (name, description, time schedule).
fn partitions() -> Vec<(String, String, &'static str)> {
    let mut out: Vec<(String, String, &'static str)> = vec![
        (PT.to_owned(), "Directory numbers".to_owned(), ""),
        (PT_AGENTS.to_owned(), "UCCX agents' IPCC extensions".to_owned(), ""),
        (PT_AGENTS_LEGACY.to_owned(), "IPCC extensions not yet moved to PT_Agents".to_owned(), ""),
        (PT_CTI.to_owned(), "UCCX CTI ports and triggers".to_owned(), ""),
    ];
    for (site, _, _) in SITES {
        out.push((format!("PT_{site}_Internal"), format!("{site} hunt pilots"), ""));
        out.push((format!("PT_{site}_PSTN"), format!("{site} PSTN access"), ""));
        out.push((format!("PT_{site}_Xlate"), format!("{site} DID and +E.164 normalisation"), ""));
    }
    for (name, what) in [("LD", "long distance"), ("Intl", "international"), ("Premium", "premium numbers")] {
        out.push((format!("PT_Block_{name}"), format!("Blocks {what}"), ""));
    }
    out.extend([
        ("PT_Xlate_OnNet".to_owned(), "Abbreviated dialing: 8 + site + extension".to_owned(), ""),
        ("PT_Xlate_Loop".to_owned(), "Legacy voicemail redirect".to_owned(), ""),
        ("PT_BusinessHours".to_owned(), "Operator, business hours".to_owned(), "TS_BusinessHours"),
        ("PT_AfterHours".to_owned(), "Operator, after hours".to_owned(), "TS_AfterHours"),
        ("PT_Unused".to_owned(), "Old fax partition".to_owned(), ""),
    ]);
    out
}

fn partition_csv() -> Vec<u8> {
    let header = columns(headers::PARTITION);
    let rows = partitions().into_iter().map(|(name, description, schedule)| {
        row(&header, |c| match c {
            "NAME" => name.clone(),
            "DESCRIPTION" => description.clone(),
            "TIME SCHEDULE" => schedule.to_owned(),
            "ORIGINATING DEVICE" => "t".to_owned(),
            _ => String::new(),
        })
    });
    csv_bytes(&header, rows)
}

/// The 50 calling search spaces: (name, description, partitions in search order).
fn calling_search_spaces() -> Vec<(String, String, Vec<String>)> {
    let names = |list: &[&str]| list.iter().map(|p| (*p).to_owned()).collect::<Vec<_>>();
    let mut out = Vec::new();
    for (site, _, _) in SITES {
        let own = |what: &str| format!("PT_{site}_{what}");
        let mut device = vec![own("Internal")];
        device.extend(names(&[PT, PT_AGENTS, PT_AGENTS_LEGACY, PT_CTI, "PT_Xlate_OnNet"]));
        device.push(own("Xlate"));
        device.extend(names(&["PT_BusinessHours", "PT_AfterHours"]));
        device.push(own("PSTN"));
        out.push((format!("CSS_{site}_Device"), format!("{site} phones"), device));
        let blocking = [
            names(&["PT_Block_LD", "PT_Block_Intl", "PT_Block_Premium"]),
            vec!["PT_Block_Intl".to_owned(), "PT_Block_Premium".to_owned(), own("Internal")],
            vec!["PT_Block_Premium".to_owned(), own("Internal"), PT.to_owned()],
        ];
        for (class, partitions) in CLASSES.iter().zip(blocking) {
            out.push((format!("CSS_{site}_Line_{class}"), format!("{site} lines, class {class}"), partitions));
        }
    }
    let mut inbound: Vec<String> = SITES.iter().map(|(site, _, _)| format!("PT_{site}_Xlate")).collect();
    inbound.push(PT_CTI.to_owned());
    out.extend([
        (
            CSS_PORTS.to_owned(),
            "UCCX CTI ports: reaches the agents".to_owned(),
            names(&[PT_AGENTS, PT_CTI, PT, "PT_Xlate_OnNet"]),
        ),
        (CSS_TRIGGER.to_owned(), "UCCX triggers: reaches the ports".to_owned(), names(&[PT_CTI, PT_AGENTS, PT])),
        (
            CSS_XLATE.to_owned(),
            "Translations to internal numbers".to_owned(),
            names(&[PT, PT_AGENTS, PT_AGENTS_LEGACY, PT_CTI, "PT_Xlate_Loop", "PT_HQ_Internal"]),
        ),
        ("CSS_PSTN_Inbound".to_owned(), "Calls from the PSTN trunks".to_owned(), inbound),
        ("CSS_Subscribe".to_owned(), "Presence subscriptions".to_owned(), names(&[PT, PT_AGENTS, PT_CTI])),
        ("CSS_Internal".to_owned(), "Internal only".to_owned(), names(&[PT, PT_AGENTS, PT_CTI, "PT_Xlate_OnNet"])),
        (
            "CSS_Lobby".to_owned(),
            "Lobby phones".to_owned(),
            names(&["PT_Block_LD", "PT_Block_Intl", "PT_Block_Premium", "PT_HQ_Internal", PT, "PT_HQ_PSTN"]),
        ),
        (
            "CSS_Emergency_Only".to_owned(),
            "Emergency calls only".to_owned(),
            names(&["PT_Block_LD", "PT_Block_Intl", "PT_Block_Premium", "PT_HQ_PSTN"]),
        ),
        ("CSS_Voicemail".to_owned(), "Voicemail ports".to_owned(), names(&[PT, PT_AGENTS, PT_CTI, "PT_HQ_Internal"])),
        // The fault: PT_Fax_Removed does not exist (DIAL001).
        ("CSS_Legacy_Fax".to_owned(), "Fax servers".to_owned(), names(&[PT, "PT_Fax_Removed", "PT_HQ_PSTN"])),
    ]);
    out
}

fn css_csv() -> Vec<u8> {
    let spaces = calling_search_spaces();
    let longest = spaces.iter().map(|(_, _, p)| p.len()).max().unwrap_or(1);
    let header = numbered(headers::CSS, 3, longest);
    let rows = spaces.into_iter().map(|(name, description, partitions)| {
        let mut cells = vec![name, description, "General".to_owned()];
        cells.extend(partitions);
        cells.resize(header.len(), String::new());
        cells
    });
    csv_bytes(&header, rows)
}

/// One route pattern.
struct RoutePattern {
    pattern: String,
    partition: String,
    description: String,
    blocked: bool,
    urgent: bool,
    emergency: bool,
    route_list: String,
}

fn route_patterns() -> Vec<RoutePattern> {
    let mut out = Vec::new();
    let mut add = |pattern: &str, partition: &str, description: &str, route_list: &str, flags: (bool, bool, bool)| {
        out.push(RoutePattern {
            pattern: pattern.to_owned(),
            partition: partition.to_owned(),
            description: description.to_owned(),
            blocked: flags.0,
            urgent: flags.1,
            emergency: flags.2,
            route_list: route_list.to_owned(),
        });
    };
    const ROUTE: (bool, bool, bool) = (false, false, false);
    const BLOCK: (bool, bool, bool) = (true, false, false);
    const EMERGENCY: (bool, bool, bool) = (false, true, true);
    for (site, npa, _) in SITES {
        let (partition, route_list) = (format!("PT_{site}_PSTN"), format!("RL_{site}_PSTN"));
        add("9.1[2-9]XX[2-9]XXXXXX", &partition, "Long distance", &route_list, ROUTE);
        add("9.011!", &partition, "International", &route_list, ROUTE);
        add("9.011!#", &partition, "International, en bloc", &route_list, ROUTE);
        add("9.911", &partition, "Emergency", &route_list, EMERGENCY);
        add("911", &partition, "Emergency", &route_list, EMERGENCY);
        add("9.1900XXXXXXX", &partition, "Premium, blocked", &route_list, BLOCK);
        add("9.1976XXXXXXX", &partition, "Premium, blocked", &route_list, BLOCK);
        for nxx in LOCAL_EXCHANGES {
            add(&format!("9.1{npa}{nxx}XXXX"), &partition, "Local exchange", &route_list, ROUTE);
        }
    }
    let hq = "RL_HQ_PSTN";
    add("9.1[2-9]XX[2-9]XXXXXX", "PT_Block_LD", "Class of service: no long distance", hq, BLOCK);
    add("9.011!", "PT_Block_Intl", "Class of service: no international", hq, BLOCK);
    add("9.011!#", "PT_Block_Intl", "Class of service: no international", hq, BLOCK);
    add("9.1900XXXXXXX", "PT_Block_Premium", "Class of service: no premium", hq, BLOCK);
    add("9.1976XXXXXXX", "PT_Block_Premium", "Class of service: no premium", hq, BLOCK);
    // The fault: a route list that no longer exists (DIAL009).
    add("9.1800XXXXXXX", "PT_HQ_PSTN", "Toll free, old carrier", "RL_Decommissioned", ROUTE);
    out
}

fn route_pattern_csv() -> Vec<u8> {
    let header = columns(headers::ROUTE_PATTERN);
    let flag = |b: bool| if b { "t" } else { "f" }.to_owned();
    let rows = route_patterns().into_iter().map(|p| {
        row(&header, |c| match c {
            "ROUTE PATTERN" => p.pattern.clone(),
            "ROUTE PARTITION" => p.partition.clone(),
            "DESCRIPTION" => p.description.clone(),
            "NUMBERING PLAN" => "NANP".to_owned(),
            "MLPP PRECEDENCE" => "Default".to_owned(),
            "ROUTE OPTION" => flag(p.blocked),
            "TYPE OF RELEASE CAUSE VALUE" => "No Error".to_owned(),
            "CALL CLASSIFICATION" => "OffNet".to_owned(),
            "ALLOW DEVICE OVERRIDE" | "ALLOW OVERLAP SENDING" | "REQUIRE FORCED AUTHORIZATION CODE" => flag(false),
            "REQUIRE CLIENT MATTER CODE" | "APPLY CALL BLOCKING PERCENTAGE" => flag(false),
            "PROVIDE OUTSIDE DIAL TONE" => flag(p.pattern.contains('.')),
            "URGENT PRIORITY" => flag(p.urgent),
            "IS AN EMERGENCY SERVICES NUMBER" => flag(p.emergency),
            "AUTHORIZATION LEVEL" => "0".to_owned(),
            "USE CALLING PARTYS EXTERNAL PHONE NUMBER MASK" => "Default".to_owned(),
            "CALLING LINE ID PRESENTATION"
            | "CALLING NAME PRESENTATION"
            | "CONNECTED LINE ID PRESENTATION"
            | "CONNECTED NAME PRESENTATION" => "Default".to_owned(),
            "CALLING PARTY NUMBER TYPE" | "CALLED PARTY NUMBER TYPE" => "Cisco CallManager".to_owned(),
            "CALLING PARTY NUMBERING PLAN" | "CALLED PARTY NUMBERING PLAN" => "Cisco CallManager".to_owned(),
            "DISCARD DIGITS" if p.pattern.contains('.') => "PreDot".to_owned(),
            "ROUTE CLASS" => "Default".to_owned(),
            "GATEWAY/ROUTE LIST" => p.route_list.clone(),
            _ => String::new(),
        })
    });
    csv_bytes(&header, rows)
}

/// One translation pattern.
struct Translation {
    pattern: String,
    partition: String,
    description: String,
    mask: String,
    prefix: String,
    use_originator_css: bool,
}

fn translations() -> Vec<Translation> {
    let mut out = Vec::new();
    let mut add = |pattern: String, partition: &str, description: &str, mask: String, prefix: &str, originator| {
        out.push(Translation {
            pattern,
            partition: partition.to_owned(),
            description: description.to_owned(),
            mask,
            prefix: prefix.to_owned(),
            use_originator_css: originator,
        });
    };
    for (s, (site, npa, nxx)) in SITES.iter().enumerate() {
        for block in 0..100 {
            let (pattern, mask) = (format!("8{s}{block:02}XXX"), format!("2{s}{block:02}XXX"));
            add(pattern, "PT_Xlate_OnNet", &format!("Abbreviated dialing to {site}"), mask, "", false);
        }
        let partition = format!("PT_{site}_Xlate");
        for d in 0..10 {
            let (pattern, mask) = (format!("\\+1{npa}{nxx}{d}XXX"), format!("2{s}0{d}XXX"));
            add(pattern, &partition, &format!("{site} DID range {d}"), mask, "", true);
        }
        add(format!("{npa}{nxx}XXXX"), &partition, "Ten digits to +E.164", String::new(), "+1", true);
    }
    add("0".to_owned(), "PT_BusinessHours", "Operator (business hours)", "4000".to_owned(), "", false);
    add("0".to_owned(), "PT_AfterHours", "Operator (after hours)", "4000".to_owned(), "", false);
    // The fault: the trigger 5049's number, left from the old IVR, earlier in CSS_HQ_Device (DIAL006).
    add("5049".to_owned(), "PT_HQ_Internal", "Old IVR number", "2000049".to_owned(), "", false);
    // The fault: a partition that holds a pattern but is in no CSS (DIAL003).
    add("3999".to_owned(), "PT_Unused", "Old fax server", "2000399".to_owned(), "", false);
    // The fault: translates to itself, with a CSS that holds its own partition (DIAL007).
    add("7777".to_owned(), "PT_Xlate_Loop", "Legacy voicemail redirect", "7777".to_owned(), "", false);
    out
}

fn translation_pattern_csv() -> Vec<u8> {
    let header = columns(headers::TRANSLATION_PATTERN);
    let flag = |b: bool| if b { "t" } else { "f" }.to_owned();
    let rows = translations().into_iter().map(|t| {
        row(&header, |c| match c {
            "TRANSLATION PATTERN" => t.pattern.clone(),
            "ROUTE PARTITION" => t.partition.clone(),
            "DESCRIPTION" => t.description.clone(),
            "MLPP PRECEDENCE" => "Default".to_owned(),
            "CALLING SEARCH SPACE" => CSS_XLATE.to_owned(),
            "ROUTE OPTION" | "OUTSIDE DIAL TONE" | "URGENT PRIORITY" => flag(false),
            "CALLING LINE ID PRESENTATION"
            | "CALLING NAME PRESENTATION"
            | "CONNECTED LINE ID PRESENTATION"
            | "CONNECTED NAME PRESENTATION" => "Default".to_owned(),
            "CALLED PARTY TRANSFORM MASK" => t.mask.clone(),
            "CALLED PARTY PREFIX DIGITS (OUTGOING CALLS)" => t.prefix.clone(),
            "BLOCK THIS PATTERN OPTION" => "No Error".to_owned(),
            "CALLING PARTY IE NUMBER TYPE" | "CALLED PARTY IE NUMBER TYPE" => "Cisco CallManager".to_owned(),
            "CALLING PARTY NUMBERING PLAN" | "CALLED PARTY NUMBERING PLAN" => "Cisco CallManager".to_owned(),
            "USE CALLING PARTYS EXTERNAL PHONE NUMBER MASK" => "Default".to_owned(),
            "ROUTE CLASS" => "Default".to_owned(),
            "ROUTE NEXT HOP BY CALLING PARTY NUMBER" => flag(false),
            "USE ORIGINATOR'S CALLING SEARCH SPACE" => flag(t.use_originator_css),
            "DO NOT WAIT FOR INTERDIGIT TIMEOUT ON SUBSEQUENT HOPS" | "IS AN EMERGENCY SERVICES NUMBER" => flag(false),
            _ => String::new(),
        })
    });
    csv_bytes(&header, rows)
}

/// The hunt pilots: one per line group, `4<group>` in its site's internal partition, and the
/// fault `4999` (DIAL008). (pilot, partition, hunt list).
fn hunt_pilots(line_groups: usize) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = (0..line_groups)
        .map(|g| {
            let (site, _, _) = SITES[g % SITES.len()];
            (format!("4{g:03}"), format!("PT_{site}_Internal"), format!("HL_{g:03}"))
        })
        .collect();
    out.push(("4999".to_owned(), "PT_HQ_Internal".to_owned(), "HL_Empty".to_owned()));
    out
}

fn hunt_pilot_csv(line_groups: usize) -> Vec<u8> {
    let header = columns(headers::HUNT_PILOT);
    let rows = hunt_pilots(line_groups).into_iter().map(|(pilot, partition, list)| {
        row(&header, |c| match c {
            "HUNT PILOT" => pilot.clone(),
            "ROUTE PARTITION" => partition.clone(),
            "DESCRIPTION" => format!("Hunt pilot {pilot}"),
            "MLPP PRECEDENCE" => "Default".to_owned(),
            "ROUTETHIS PATTERN" | "PROVIDE OUTSIDE DIAL TONE" | "URGENT PRIORITY" => "f".to_owned(),
            "BLOCKTHIS PATTERN" => "No Error".to_owned(),
            "USE FORWARD SETTINGS OF LINE GROUP MEMBER" | "USE CALLING PARTY EXTERNAL PHONE NUMBER MASK" => {
                "f".to_owned()
            }
            "MAXIMUM HUNT TIMER" => "1800".to_owned(),
            "HUNT LIST 1" => list.clone(),
            _ => String::new(),
        })
    });
    csv_bytes(&header, rows)
}

fn hunt_list_csv(line_groups: usize) -> Vec<u8> {
    let header = columns(headers::HUNT_LIST);
    let lists = (0..line_groups).map(|g| (format!("HL_{g:03}"), format!("LG_{g:03}")));
    // The fault: a hunt list with no line group (DIAL008).
    let rows = lists.chain([("HL_Empty".to_owned(), String::new())]).map(|(name, group)| {
        row(&header, |c| match c {
            "NAME" => name.clone(),
            "DESCRIPTION" => format!("Hunt list {name}"),
            "ROUTE LIST ENABLED" => "t".to_owned(),
            "CALLMANAGER GROUP" => "Default".to_owned(),
            "HUNTLIST FOR VM" => "f".to_owned(),
            "SELECTION ORDER 1" if !group.is_empty() => "1".to_owned(),
            "LINE GROUP 1" => group.clone(),
            _ => String::new(),
        })
    });
    csv_bytes(&header, rows)
}

/// The route lists: per site, its route group, then HQ's as a backup.
fn route_lists() -> Vec<(String, Vec<String>)> {
    SITES
        .iter()
        .map(|(site, _, _)| {
            let mut groups = vec![format!("RG_{site}_PSTN")];
            if *site != "HQ" {
                groups.push("RG_HQ_PSTN".to_owned());
            }
            (format!("RL_{site}_PSTN"), groups)
        })
        .collect()
}

fn route_list_csv() -> Vec<u8> {
    let header = numbered(headers::ROUTE_LIST, 9, 2);
    let rows = route_lists().into_iter().map(|(name, groups)| {
        let mut cells = row(&header[..9], |c| match c {
            "NAME" => name.clone(),
            "DESCRIPTION" => format!("Route list {name}"),
            "ENABLE THIS ROUTE LIST" | "RUN ON ALL ACTIVE UNIFIED CM NODES" => "t".to_owned(),
            "CISCO UNIFIED COMMUNICATIONS MANAGER GROUP" => "Default".to_owned(),
            _ => String::new(),
        });
        for (n, group) in groups.iter().enumerate() {
            let n = n + 1;
            cells.extend(row(&header[9..21], |c| match c.trim_end_matches(" 1") {
                "SELECTION ORDER" => n.to_string(),
                "ROUTE GROUP" => group.clone(),
                "DISCARD DIGITS" => "< None >".to_owned(),
                "USE CALLING PARTY'S EXTERNAL PHONE NUMBER MASK" => "Default".to_owned(),
                _ => String::new(),
            }));
        }
        cells.resize(header.len(), String::new());
        cells
    });
    csv_bytes(&header, rows)
}

fn route_group_csv() -> Vec<u8> {
    let header = numbered(headers::ROUTE_GROUP, 4, 2);
    let rows = SITES.iter().map(|(site, _, _)| {
        let mut cells = vec![format!("RG_{site}_PSTN"), String::new(), "Circular".to_owned(), "No Changes".to_owned()];
        for k in 1..=2 {
            cells.extend([format!("SIP_{site}_CUBE{k}"), "0".to_owned(), k.to_string(), String::new()]);
        }
        cells
    });
    csv_bytes(&header, rows)
}

fn trunk_csv() -> Vec<u8> {
    let header = columns(headers::TRUNK);
    let rows = SITES.iter().enumerate().flat_map(|(s, (site, _, _))| {
        let header = &header;
        (1..=2).map(move |k| {
            row(header, |c| match c {
                "TRUNK TYPE" => "SIP Trunk".to_owned(),
                "DEVICE PROTOCOL" => "SIP".to_owned(),
                "DEVICE NAME" => format!("SIP_{site}_CUBE{k}"),
                "DESCRIPTION" => format!("{site} CUBE {k}"),
                "DEVICE POOL" => format!("DP_{site}"),
                "COMMON DEVICE CONFIGURATION" => "common-device-configuration-ipv4".to_owned(),
                "CALL CLASSIFICATION" => "OffNet".to_owned(),
                "LOCATION" => "Hub_None".to_owned(),
                "CALLING SEARCH SPACE" => "CSS_PSTN_Inbound".to_owned(),
                "SIP TRUNK SECURITY PROFILE" => "Non Secure SIP Trunk Profile".to_owned(),
                "SIP PROFILE" => "Standard SIP Profile".to_owned(),
                "DTMF SIGNALING METHOD" => "No Preference".to_owned(),
                "RUN ON ALL ACTIVE UNIFIED CM NODES" => "t".to_owned(),
                "DESTINATION ADDRESS 1" => format!("10.{}.1.{k}", s + 1),
                "DESTINATION PORT 1" => "5060".to_owned(),
                _ => String::new(),
            })
        })
    });
    csv_bytes(&header, rows)
}

fn cti_route_point_csv() -> Vec<u8> {
    let header = columns(headers::CTI_ROUTE_POINT);
    let rows = triggers().map(|(dn, device)| {
        row(&header, |c| match c {
            "DEVICE NAME" => device.clone(),
            "DESCRIPTION" => format!("UCCX trigger {dn}"),
            "DEVICE POOL" => "DP_HQ".to_owned(),
            "COMMON DEVICE CONFIGURATION" => "common-device-configuration-ipv4".to_owned(),
            "CSS" => CSS_TRIGGER.to_owned(),
            "LOCATION" => "Hub_None".to_owned(),
            "APPLICATION USER 1" => JTAPI_USERS[0].to_owned(),
            "APPLICATION USER 2" => JTAPI_USERS[1].to_owned(),
            "DIRECTORY NUMBER 1" => dn.clone(),
            "ROUTE PARTITION 1" => PT_CTI.to_owned(),
            "LINE DESCRIPTION 1" | "ALERTING NAME 1" | "DISPLAY 1" => format!("Trigger {dn}"),
            "MAXIMUM NUMBER OF CALLS 1" | "BUSY TRIGGER 1" => "10000".to_owned(),
            _ => String::new(),
        })
    });
    csv_bytes(&header, rows)
}

fn time_schedule_csv() -> Vec<u8> {
    let header = columns(headers::TIME_SCHEDULE);
    let rows = [("TS_BusinessHours", "TP_Weekdays_Day"), ("TS_AfterHours", "TP_Weekdays_Night")]
        .map(|(name, period)| vec![name.to_owned(), format!("{name} schedule"), String::new(), period.to_owned()]);
    csv_bytes(&header, rows.into_iter())
}

fn time_period_csv() -> Vec<u8> {
    let header = columns(headers::TIME_PERIOD);
    let rows =
        [("TP_Weekdays_Day", "08:00", "18:00"), ("TP_Weekdays_Night", "18:00", "24:00")].map(|(name, start, end)| {
            row(&header, |c| match c {
                "NAME" => name.to_owned(),
                "TIME OF DAY START" => start.to_owned(),
                "TIME OF DAY END" => end.to_owned(),
                "DAY OF WEEK START" => "Mon".to_owned(),
                "DAY OF WEEK END" => "Fri".to_owned(),
                "DESCRIPTION" => format!("Weekdays {start}-{end}"),
                _ => String::new(),
            })
        });
    csv_bytes(&header, rows.into_iter())
}

/// `GET /adminapi/trigger` as UCCX returns it: one line after an XML declaration (formats.md §17).
fn triggers_xml() -> Vec<u8> {
    let host = "https://uccx-a.example.com/adminapi";
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><triggers>");
    for (n, (dn, device)) in triggers().enumerate() {
        let app = format!("App_{:02}", n % 10);
        let _ = write!(
            out,
            "<trigger><self type=\"trigger\" href=\"{host}/trigger/{dn}\" rel=\"self\"/><directoryNumber>{dn}\
             </directoryNumber><locale>en_US</locale><application name=\"{app}\"><refURL>{host}/application/{app}\
             </refURL></application><deviceName>{device}</deviceName><description>Trigger {dn}</description>\
             <callControlGroup name=\"{CALL_CONTROL_GROUP}\"><refURL>{host}/callControlGroup/1</refURL>\
             </callControlGroup><triggerEnabled>true</triggerEnabled><maxNumOfSessions>10</maxNumOfSessions>\
             <idleTimeout>5000</idleTimeout><overrideMediaTermination><dialogGroup>false</dialogGroup>\
             </overrideMediaTermination><alertingNameAscii></alertingNameAscii><devicePool>DP_HQ</devicePool>\
             <location>Hub_None</location><partition>{PT_CTI}</partition><voiceMailProfile>None</voiceMailProfile>\
             <callingSearchSpace>{CSS_TRIGGER}</callingSearchSpace><callingSearchSpaceForRedirect>{CSS_TRIGGER}\
             </callingSearchSpaceForRedirect><presenceGroup>Standard Presence group</presenceGroup><forwardBusy>\
             <forwardBusyVoiceMail>false</forwardBusyVoiceMail><forwardBusyDestination></forwardBusyDestination>\
             <forwardBusyCallingSearchSpace>None</forwardBusyCallingSearchSpace></forwardBusy><display></display>\
             <externalPhoneMaskNumber></externalPhoneMaskNumber></trigger>"
        );
    }
    out.push_str("</triggers>");
    out.into_bytes()
}

/// `GET /adminapi/callControlGroup`: one group with a port group per UCCX node, listing the
/// node's ports and redirecting to agents with the port's CSS (`Redirect Party`).
fn call_control_groups_xml(plan: &Plan) -> Vec<u8> {
    let host = "https://uccx-a.example.com/adminapi";
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><callControlGroups><callControlGroup><self \
         type=\"callControlGroup\" href=\"{host}/callControlGroup/1\" rel=\"self\"/><id>1</id><outboundGroup>false\
         </outboundGroup><description>{CALL_CONTROL_GROUP}</description><deviceNamePrefix>{PORT_PREFIX}\
         </deviceNamePrefix><numOfCTIPorts>{}</numOfCTIPorts><mediaTerminationSupport>false\
         </mediaTerminationSupport>",
        PORTS_PER_NODE * UCCX_NODES.len()
    );
    for (node, (host_name, user)) in UCCX_NODES.iter().zip(JTAPI_USERS).enumerate() {
        let ports: Vec<&str> = plan
            .phones
            .iter()
            .filter(|p| p.css.as_ref().and_then(|c| c.app_user) == Some(user))
            .map(|p| p.name.as_str())
            .collect();
        let _ = write!(
            out,
            "<portGroupConfiguration><hostName>{host_name}</hostName><listOfCTIPorts>{}</listOfCTIPorts>\
             <startingDirectoryNumber>{}</startingDirectoryNumber><devicePool>DP_HQ</devicePool>\
             <dnCallingSearchSpace>{CSS_PORTS}</dnCallingSearchSpace><location>Hub_None</location><partition>{PT_CTI}\
             </partition><mediaResourceGroupList>None</mediaResourceGroupList><voiceMailProfile>None\
             </voiceMailProfile><presenceGroup>Standard Presence group</presenceGroup><AARGroup>None</AARGroup>\
             <userHoldAudioSource>None</userHoldAudioSource><networkHoldAudioSource>None</networkHoldAudioSource>\
             <redirectCallingSearchSpace>Redirect Party</redirectCallingSearchSpace><requireDTMFReception>false\
             </requireDTMFReception></portGroupConfiguration>",
            ports.join(","),
            FIRST_PORT_DN + node * PORTS_PER_NODE,
        );
    }
    out.push_str("</callControlGroup></callControlGroups>");
    out.into_bytes()
}
