//! `--dial-plan`: without it the export is what it always was; with it the tar gains the dial
//! plan's members in the real 14.0 layout, and its objects refer to each other consistently,
//! except for the deliberate faults the generator documents.

use std::collections::{BTreeMap, BTreeSet};

use uclint_synth::{generate, Export, Faults, Form, Spec, SMALL};

fn spec(dial_plan: bool) -> Spec {
    Spec { size: SMALL, seed: 1, fault_rate: 0.05, faults: Faults::Random, dial_plan }
}

fn names(export: &Export) -> Vec<&str> {
    export.files.iter().map(|(name, _)| name.as_str()).collect()
}

fn member<'e>(export: &'e Export, name: &str) -> &'e [u8] {
    let found = export.files.iter().find(|(n, _)| n == name);
    found.unwrap_or_else(|| panic!("no {name} in {:?}", names(export))).1.as_slice()
}

/// A CSV member as (header, rows).
fn table(export: &Export, name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(member(export, name));
    let header = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

/// The values of column `column` (exact header name) of a CSV member.
fn column(export: &Export, name: &str, column: &str) -> Vec<String> {
    let (header, rows) = table(export, name);
    let at = header.iter().position(|c| c == column).unwrap_or_else(|| panic!("no {column} in {name}"));
    rows.into_iter().map(|mut r| std::mem::take(&mut r[at])).collect()
}

/// The non-empty values of the columns `base 1`, `base 2`, … of each row, keyed by `key`.
fn groups(export: &Export, name: &str, key: &str, base: &str) -> BTreeMap<String, Vec<String>> {
    let (header, rows) = table(export, name);
    let key_at = header.iter().position(|c| c == key).unwrap();
    let at: Vec<usize> = (1..).map_while(|n| header.iter().position(|c| *c == format!("{base} {n}"))).collect();
    assert!(!at.is_empty(), "no {base} n in {name}");
    rows.iter()
        .map(|r| (r[key_at].clone(), at.iter().map(|&i| r[i].clone()).filter(|v| !v.is_empty()).collect()))
        .collect()
}

#[test]
fn without_the_dial_plan_the_export_is_unchanged() {
    let export = generate(&spec(false), Form::Bat);
    assert_eq!(export.to_tar().unwrap(), generate(&spec(false), Form::Bat).to_tar().unwrap());
    assert_eq!(
        names(&export),
        [
            "header.txt",
            "phone.csv",
            "deviceprofile.csv",
            "enduser.csv",
            "appuser.csv",
            "commondeviceconfiguration.csv",
            "linegroup.csv",
            "serviceparameter.csv",
            "enterpriseparameter.csv",
            "accesscntrlgrp.csv",
            "ldapauth.csv",
            "ldapsystem.csv",
            "ldapdir.csv",
            "phoneservices.csv",
            "directorynumber.csv",
            "ucservice.csv",
            "credpolicy.csv",
        ]
    );
    // Every device and line keeps the one CSS and partition of the export without a dial plan.
    assert!(column(&export, "phone.csv", "CSS").iter().all(|css| css == "CSS_Internal"));
    for n in 1..=6 {
        let partitions = column(&export, "phone.csv", &format!("Route Partition {n}"));
        assert!(partitions.iter().all(|p| p.is_empty() || p == "PT_Internal"), "Route Partition {n}");
        let line_css = column(&export, "deviceprofile.csv", &format!("Line CSS {n}"));
        assert!(line_css.iter().all(|p| p.is_empty() || p == "CSS_Internal"), "Line CSS {n}");
    }
    assert!(!column(&export, "phone.csv", "Device Type").iter().any(|t| t == "CTI Port"));
    assert_eq!(column(&export, "appuser.csv", "APPLICATION USER NAME"), ["uccxrmcmuser", "uccxjtapiuser_1"]);
    assert!(export.expected.iter().all(|(code, _)| !code.starts_with("DIAL")), "{:?}", export.expected);
    // The AXL form does not carry the dial plan: the option changes nothing there.
    let axl = |dial_plan| generate(&spec(dial_plan), Form::Axl).to_tar().unwrap();
    assert_eq!(axl(true), axl(false));
}

#[test]
fn with_the_dial_plan_the_same_seed_gives_the_same_bytes() {
    assert_eq!(generate(&spec(true), Form::Bat).to_tar().unwrap(), generate(&spec(true), Form::Bat).to_tar().unwrap());
}

#[test]
fn the_dial_plan_members_carry_the_real_headers() {
    let export = generate(&spec(true), Form::Bat);
    let listed: BTreeSet<String> = String::from_utf8_lossy(member(&export, "header.txt"))
        .lines()
        .filter_map(|l| l.strip_prefix("File : ").map(str::to_owned))
        .collect();
    for (name, real) in REAL_HEADERS {
        let (header, _) = table(&export, name);
        let real: Vec<&str> = real.split(',').collect();
        // Members with `n`-numbered groups are as wide as their longest object: the real header
        // (whose groups are numbered 1), then the same group numbered 2, 3, ….
        assert_eq!(header[..real.len()], real[..], "{name}");
        let group: Vec<&str> = real.iter().filter_map(|c| c.strip_suffix(" 1")).collect();
        for (k, extra) in header[real.len()..].iter().enumerate() {
            let (n, base) = (k / group.len().max(1) + 2, group.get(k % group.len().max(1)));
            assert_eq!(Some(extra.clone()), base.map(|b| format!("{b} {n}")), "{name} column {}", real.len() + k);
        }
        assert!(listed.contains(*name), "header.txt does not list {name}");
    }
    for xml in ["uccx_trigger.xml", "uccx_callControlGroup.xml"] {
        assert!(member(&export, xml).starts_with(b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"));
    }
}

#[test]
fn the_dial_plan_is_the_promised_size() {
    let export = generate(&spec(true), Form::Bat);
    let partitions = column(&export, "partition.csv", "NAME");
    assert!((38..=45).contains(&partitions.len()), "{} partitions", partitions.len());
    assert!(column(&export, "partition.csv", "TIME SCHEDULE").iter().filter(|s| !s.is_empty()).count() >= 2);
    let spaces = groups(&export, "css.csv", "NAME", "ROUTE PARTITION");
    assert_eq!(spaces.len(), 50);
    assert!(spaces.values().all(|p| (3..=12).contains(&p.len())), "{spaces:?}");
    assert!(column(&export, "routepattern.csv", "ROUTE PATTERN").len() >= 3_000);
    assert!(column(&export, "translationpattern.csv", "TRANSLATION PATTERN").len() >= 1_000);
    assert!(column(&export, "translationpattern.csv", "CALLING SEARCH SPACE").iter().all(|c| !c.is_empty()));
    let types = column(&export, "phone.csv", "Device Type");
    assert_eq!(types.iter().filter(|t| *t == "CTI Port").count(), 300);
    assert_eq!(column(&export, "ctiroutepoint.csv", "DEVICE NAME").len(), 50);
    assert_eq!(column(&export, "huntpilot.csv", "HUNT PILOT").len(), SMALL.line_groups + 1);
}

#[test]
fn every_reference_resolves_except_the_deliberate_faults() {
    let export = generate(&spec(true), Form::Bat);
    let partitions: BTreeSet<String> = column(&export, "partition.csv", "NAME").into_iter().collect();
    let spaces = groups(&export, "css.csv", "NAME", "ROUTE PARTITION");
    let missing: Vec<(&str, &str)> = spaces
        .iter()
        .flat_map(|(css, members)| members.iter().map(move |p| (css.as_str(), p.as_str())))
        .filter(|(_, p)| !partitions.contains(*p))
        .collect();
    assert_eq!(missing, [("CSS_Legacy_Fax", "PT_Fax_Removed")]);
    let listed: BTreeSet<&String> = spaces.values().flatten().collect();
    let orphans: Vec<&String> = partitions.iter().filter(|p| !listed.contains(p)).collect();
    assert_eq!(orphans, ["PT_Unused"]);

    // Device and line CSSs exist, but for one phone's device CSS.
    let mut unknown_css: Vec<String> = column(&export, "phone.csv", "CSS")
        .into_iter()
        .chain((1..=6).flat_map(|n| column(&export, "phone.csv", &format!("Line CSS {n}"))))
        .chain((1..=6).flat_map(|n| column(&export, "deviceprofile.csv", &format!("Line CSS {n}"))))
        .chain(column(&export, "translationpattern.csv", "CALLING SEARCH SPACE"))
        .chain(column(&export, "trunk.csv", "CALLING SEARCH SPACE"))
        .chain(column(&export, "ctiroutepoint.csv", "CSS"))
        .filter(|css| !css.is_empty() && !spaces.contains_key(css))
        .collect();
    unknown_css.dedup();
    assert_eq!(unknown_css.len(), 1, "{unknown_css:?}");
    assert!(unknown_css[0].ends_with("_Device_Old"), "{unknown_css:?}");

    // Patterns are in existing partitions; route patterns name existing route lists, but one.
    for (file, col) in [
        ("routepattern.csv", "ROUTE PARTITION"),
        ("translationpattern.csv", "ROUTE PARTITION"),
        ("huntpilot.csv", "ROUTE PARTITION"),
        ("ctiroutepoint.csv", "ROUTE PARTITION 1"),
    ] {
        assert!(column(&export, file, col).iter().all(|p| partitions.contains(p)), "{file}");
    }
    let route_lists = groups(&export, "routelist.csv", "NAME", "ROUTE GROUP");
    let unrouted: BTreeSet<String> = column(&export, "routepattern.csv", "GATEWAY/ROUTE LIST")
        .into_iter()
        .filter(|rl| !route_lists.contains_key(rl))
        .collect();
    assert_eq!(unrouted.into_iter().collect::<Vec<_>>(), ["RL_Decommissioned"]);
    let route_groups = groups(&export, "routegroup.csv", "NAME", "DEVICE NAME");
    assert!(route_lists.values().flatten().all(|rg| route_groups.contains_key(rg)));
    let trunks: BTreeSet<String> = column(&export, "trunk.csv", "DEVICE NAME").into_iter().collect();
    assert!(route_groups.values().flatten().all(|d| trunks.contains(d)));

    // Hunt pilots name existing hunt lists, whose line groups exist; one hunt list is empty.
    let hunt_lists = groups(&export, "huntlist.csv", "NAME", "LINE GROUP");
    assert!(column(&export, "huntpilot.csv", "HUNT LIST 1").iter().all(|hl| hunt_lists.contains_key(hl)));
    let line_groups: BTreeSet<String> = column(&export, "linegroup.csv", "NAME").into_iter().collect();
    assert!(hunt_lists.values().flatten().all(|lg| line_groups.contains(lg)));
    let empty: Vec<&String> = hunt_lists.iter().filter(|(_, lgs)| lgs.is_empty()).map(|(hl, _)| hl).collect();
    assert_eq!(empty, ["HL_Empty"]);
}

#[test]
fn uccx_ports_triggers_and_agents_are_laid_out_as_uccx_provisions_them() {
    let export = generate(&spec(true), Form::Bat);
    let (header, rows) = table(&export, "phone.csv");
    let col = |name: &str| header.iter().position(|c| c == name).unwrap();
    let (name, kind, dn, partition, app) = (
        col("Device Name"),
        col("Device Type"),
        col("Directory Number 1"),
        col("Route Partition 1"),
        col("Application User 1"),
    );
    let ports: Vec<&Vec<String>> = rows.iter().filter(|r| r[kind] == "CTI Port").collect();
    assert!(ports.iter().all(|r| r[partition] == "PT_CTI" && r[name] == format!("UCCX_{}", r[dn])));
    // Each node's user controls its own node's ports, as the call control group lists them.
    let xml = String::from_utf8(member(&export, "uccx_callControlGroup.xml").to_vec()).unwrap();
    for (node, user) in ["uccxjtapiuser_1", "uccxjtapiuser_2"].iter().enumerate() {
        let mine: Vec<&str> = ports.iter().filter(|r| r[app] == *user).map(|r| r[name].as_str()).collect();
        assert_eq!(mine.len(), 150, "{user}");
        let list = format!("<listOfCTIPorts>{}</listOfCTIPorts>", mine.join(","));
        assert!(xml.contains(&list), "node {node}");
    }
    assert_eq!(xml.matches("<redirectCallingSearchSpace>Redirect Party</redirectCallingSearchSpace>").count(), 2);
    // Every trigger is a route point in PT_CTI.
    let triggers = String::from_utf8(member(&export, "uccx_trigger.xml").to_vec()).unwrap();
    let route_points = column(&export, "ctiroutepoint.csv", "DIRECTORY NUMBER 1");
    assert_eq!(triggers.matches("<trigger>").count(), route_points.len());
    for dn in &route_points {
        assert!(triggers.contains(&format!("<directoryNumber>{dn}</directoryNumber>")), "{dn}");
    }
    assert_eq!(triggers.matches("<callingSearchSpaceForRedirect>CSS_UCCX_Trigger<").count(), route_points.len());
    // The agents' IPCC extensions are in PT_Agents, three in PT_Agents_Legacy (the DIAL004 fault).
    let agent_partitions: BTreeMap<String, usize> =
        rows.iter().filter(|r| r[dn].len() == 6).fold(BTreeMap::new(), |mut counts, r| {
            *counts.entry(r[partition].clone()).or_default() += 1;
            counts
        });
    assert_eq!(agent_partitions.keys().collect::<Vec<_>>(), ["PT_Agents", "PT_Agents_Legacy"]);
    assert!(agent_partitions["PT_Agents_Legacy"] >= 1 && agent_partitions["PT_Agents_Legacy"] <= 3);
}
/// The dial-plan members' headers in a real CUCM 14.0(1) Import/Export export, copied from
/// `bat-export-14.0.md` (the domain reference of real exports), with their `n`-numbered groups
/// as the real file has them (numbered 1).
const REAL_HEADERS: &[(&str, &str)] = &[
    ("partition.csv", "NAME,DESCRIPTION,TIME SCHEDULE,SPECIFIC TIME ZONE,ORIGINATING DEVICE"),
    ("css.csv", "NAME,DESCRIPTION,TYPE OF PARTITION USAGE,ROUTE PARTITION 1"),
    (
        "routepattern.csv",
        "ROUTE PATTERN,ROUTE PARTITION,DESCRIPTION,NUMBERING PLAN,ROUTE FILTER,MLPP PRECEDENCE,\
        RESOURCE PRIORITY NAMESPACE NETWORK DOMAIN,ROUTE OPTION,TYPE OF RELEASE CAUSE VALUE,CALL CLASSIFICATION,\
        ALLOW DEVICE OVERRIDE,PROVIDE OUTSIDE DIAL TONE,ALLOW OVERLAP SENDING,URGENT PRIORITY,\
        REQUIRE FORCED AUTHORIZATION CODE,AUTHORIZATION LEVEL,REQUIRE CLIENT MATTER CODE,\
        USE CALLING PARTYS EXTERNAL PHONE NUMBER MASK,CALLING PARTY TRANSFORM MASK,PREFIX_DIGITS_CALLING_PARTY,\
        CALLING LINE ID PRESENTATION,CALLING NAME PRESENTATION,CALLING PARTY NUMBER TYPE,\
        CALLING PARTY NUMBERING PLAN,CONNECTED LINE ID PRESENTATION,CONNECTED NAME PRESENTATION,DISCARD DIGITS,\
        CALLED PARTY TRANSFORM MASK,PREFIX_DIGITS_CALLED_PARTY,CALLED PARTY NUMBER TYPE,CALLED PARTY NUMBERING PLAN,\
        ROUTE CLASS,IS AN EMERGENCY SERVICES NUMBER,EXTERNAL CALL CONTROL PROFILE,GATEWAY/ROUTE LIST,\
        NETWORK SERVICE PROTOCOL,CARRIER IDENTIFICATION CODE,NETWORK SERVICE,SERVICE PARAMETER VALUE,\
        APPLY CALL BLOCKING PERCENTAGE,APPLY CALL BLOCKING PERCENTAGE VALUE",
    ),
    (
        "translationpattern.csv",
        "TRANSLATION PATTERN,ROUTE PARTITION,DESCRIPTION,NUMBERING PLAN,ROUTE FILTER,MLPP PRECEDENCE,\
        CALLING SEARCH SPACE,ROUTE OPTION,OUTSIDE DIAL TONE,URGENT PRIORITY,CALLING PARTY TRANSFORMATION MASK,\
        CALLING PARTY PREFIX DIGITS (OUTGOING CALLS),CALLING LINE ID PRESENTATION,CALLING NAME PRESENTATION,\
        CONNECTED LINE ID PRESENTATION,CONNECTED NAME PRESENTATION,DISCARD DIGITS,CALLED PARTY TRANSFORM MASK,\
        CALLED PARTY PREFIX DIGITS (OUTGOING CALLS),BLOCK THIS PATTERN OPTION,CALLING PARTY IE NUMBER TYPE,\
        CALLING PARTY NUMBERING PLAN,CALLED PARTY IE NUMBER TYPE,CALLED PARTY NUMBERING PLAN,\
        USE CALLING PARTYS EXTERNAL PHONE NUMBER MASK,RESOURCE PRIORITY NAMESPACE NETWORK DOMAIN,ROUTE CLASS,\
        ROUTE NEXT HOP BY CALLING PARTY NUMBER,EXTERNAL CALL CONTROL PROFILE,USE ORIGINATOR'S CALLING SEARCH SPACE,\
        DO NOT WAIT FOR INTERDIGIT TIMEOUT ON SUBSEQUENT HOPS,IS AN EMERGENCY SERVICES NUMBER",
    ),
    (
        "huntpilot.csv",
        "HUNT PILOT,ROUTE PARTITION,DESCRIPTION,NUMBERING PLAN,ROUTE FILTER,MLPP PRECEDENCE,ROUTETHIS PATTERN,\
        BLOCKTHIS PATTERN,PROVIDE OUTSIDE DIAL TONE,URGENT PRIORITY,FORWARD HUNT NO ANSWER CSS,FORWARD HUNT BUSY CSS,\
        MAXIMUM HUNT TIMER,FORWARD HUNT NO ANSWER DESTINATION,FORWARD HUNT BUSY DESTINATION,\
        USE FORWARD SETTINGS OF LINE GROUP MEMBER ,USE FORWARD SETTINGS OF LINE GROUP MEMBER ,\
        USE CALLING PARTY EXTERNAL PHONE NUMBER MASK,CALLING PARTY TRANSFORM MASK,CALLING PARTY PREFIX DIGITS ,\
        CALLING LINE ID PRESENTATION,CALLING NAME PRESENTATION,CALLING PARTY IE NUMBER TYPE,\
        CALLING PARTY NUMBERING PLAN,CONNECTED LINE ID PRESENTATION,CONNECTED NAME PRESENTATION,DISCARD DIGITS,\
        CALLED PARTY TRANSFORM MASK,CALLED PARTY PREFIX DIGITS ,CALLED PARTY IE NUMBER TYPE,\
        CALLED PARTY NUMBERING PLAN,AAR GROUP,PARK MONITOR FORWARD NO RETRIEVE DESTINATION,\
        PARK MONITOR FORWARD NO RETRIEVE CSS,ALERTING NAME,ASCII ALERTING NAME,\
        DISPLAY LINE GROUP MEMBER DN AS CONNECTED PARTY,HUNT LIST 1,EXTERNAL NUMBER MASK 1,\
        MAXIMUM NUMBER OF CALLERS IN QUEUE 1,DESTINATION WHEN QUEUE IS FULL 1,FULL QUEUE CALLING SEARCH SPACE 1,\
        MAXIMUM WAIT TIME IN QUEUE 1,DESTINATION WHEN MAXIMUM WAIT TIME IS MET 1,\
        MAXIMUM WAIT TIME CALLING SEARCH SPACE 1,DESTINATION WHEN THERE ARE NO AGENTS LOGGED IN OR REGISTERED 1,\
        NO AGENTS LOGGED IN OR REGISTERED CALLING SEARCH SPACE 1,NETWORK HOLD MOH SOURCE & ANNOUNCEMENTS 1,\
        CALL PICKUP GROUP 1",
    ),
    (
        "huntlist.csv",
        "NAME,DESCRIPTION,TYPE DEVICE PROTOCOL,TYPE PRODUCT,ROUTE LIST ENABLED,CALLMANAGER GROUP,TYPE PREEMPTION,\
        TYPE QSIG,HUNTLIST FOR VM,SELECTION ORDER 1,LINE GROUP 1",
    ),
    (
        "routelist.csv",
        "NAME,DESCRIPTION,TYPE DEVICE PROTOCOL,TYPE PRODUCT,ENABLE THIS ROUTE LIST,\
        CISCO UNIFIED COMMUNICATIONS MANAGER GROUP,TYPE PREEMPTION,TYPE QSIG,RUN ON ALL ACTIVE UNIFIED CM NODES,\
        CALLED PARTY TRANSFORM MASK 1,SELECTION ORDER 1,CALLING PARTY TRANSFORM MASK 1,CALLING PARTY PREFIX DIGITS 1,\
        USE CALLING PARTY'S EXTERNAL PHONE NUMBER MASK 1,CALLED PARTY PREFIX DIGITS 1,ROUTE GROUP 1,\
        CALLING PARTY NUMBERING PLAN 1,CALLING PARTY NUMBER TYPE 1,CALLED PARTY NUMBERING PLAN 1,\
        CALLED PARTY NUMBER TYPE 1,DISCARD DIGITS 1",
    ),
    (
        "routegroup.csv",
        "NAME,ROUTE GROUP DIALPLAN WIZARDGENID,TYPE DISTRIBUTE ALGORITHM,TYPE QSIG,DEVICE NAME 1,PORT 1,\
        DEVICE SELECTION ORDER 1,DIALPLAN WIZARDGENID 1",
    ),
    (
        "trunk.csv",
        "TRUNK TYPE,DEVICE PROTOCOL,DEVICE NAME,DESCRIPTION,DEVICE POOL,COMMON DEVICE CONFIGURATION,\
        CALL CLASSIFICATION,MEDIA RESOURCE GROUP LIST,LOCATION,AAR GROUP,PACKET CAPTURE MODE,PACKET CAPTURE DURATION,\
        MEDIA TERMINATION POINT REQUIRED,RETRY VIDEO CALL AS AUDIO,TRANSMIT UTF-8 FOR CALLING PARTY NAME,\
        UNATTENDED PORT,SRTP ALLOWED,USE TRUSTED RELAY POINT,INCOMING CALLING PARTY NATIONAL NUMBER PREFIX,\
        INCOMING CALLING PARTY INTERNATIONAL NUMBER PREFIX,INCOMING CALLING PARTY UNKNOWN NUMBER PREFIX,\
        INCOMING CALLING PARTY SUBSCRIBER NUMBER PREFIX,MLPP DOMAIN,MLPP INDICATION,REMOTE-PARTY-ID,\
        ASSERTED-IDENTITY,ASSERTED-TYPE,SIP PRIVACY,CALLING SEARCH SPACE,AAR CALLING SEARCH SPACE,\
        CALLED PARTY TRANSFORMATION CSS,USE DEVICE POOL CALLED PARTY TRANSFORMATION CSS,\
        CALLING PARTY TRANSFORMATION CSS,USE DEVICE POOL CALLING PARTY TRANSFORMATION CSS,PRESENCE GROUP,\
        SIP TRUNK SECURITY PROFILE,REROUTING CALLING SEARCH SPACE,OUT-OF-DIALOG REFER CALLING SEARCH SPACE,\
        SUBSCRIBE CALLING SEARCH SPACE,SIP PROFILE,DTMF SIGNALING METHOD,GEO LOCATION,GEO LOCATION FILTER,\
        SEND GEO LOCATION INFORMATION,INCOMING CALLINGPARTYNATIONALNUM DIGITSTOSTRIP,\
        INCOMING CALLINGPARTYINTERNATIONALNUMDIGITSTOSTRIP,INCOMING CALLINGPARTYUNKNOWNNUM DIGITSTOSTRIP,\
        INCOMING CALLINGPARTYSUBSCRIBERNUM DIGITSTOSTRIP,CALLINGPARTYTRANSFORMATIONCSS FOR NATIONALNUM,\
        CALLINGPARTYTRANSFORMATIONCSS FOR INTERNATIONALNUM,CALLINGPARTYTRANSFORMATIONCSS FOR UNKNOWNNUM,\
        CALLINGPARTYTRANSFORMATIONCSS FOR SUBSCRIBERNUM,USE DEVPOOL CALLINGPARTYTRANSFORMCSS NATIONAL,\
        USE DEVPOOL CALLINGPARTYTRANSFORMCSS INTNATIONAL,USE DEVPOOL CALLINGPARTYTRANSFORMCSS UNKNOWN,\
        USE DEVPOOL CALLINGPARTYTRANSFORMCSS SUBSCRIBE,PSTN ACCESS,E.164 TRANSFORMATION PROFILE,\
        INCOMING CALLED PARTY NATIONAL PREFIX,INCOMING CALLED PARTY INTERNATIONAL PREFIX,\
        INCOMING CALLED PARTY UNKNOWN PREFIX,INCOMING CALLED PARTY SUBSCRIBER PREFIX,\
        INCOMING CALLED PARTY NATIONAL STRIP DIGITS,INCOMING CALLED PARTY INTERNATIONAL STRIP DIGITS,\
        INCOMING CALLED PARTY UNKNOWN STRIP DIGITS,INCOMING CALLED PARTY SUBSCRIBER STRIP DIGITS,\
        INCOMING CALLED PARTY TRANS CSS NATIONAL NUM,INCOMING CALLED PARTY TRANS CSS INTERNATIONAL NUM,\
        INCOMING CALLED PARTY TRANS CSS UNKNOWN NUM,INCOMING CALLED PARTY TRANS CSS SUBSCRIBER NUM,\
        RUN ON ALL ACTIVE UNIFIED CM NODES,USE DEVICE POOL REDIRECTING PARTY TRANSFORMATION CSS,\
        REDIRECTING PARTY TRANSFORMATION CSS,USE DEVPOOL CALLEDPARTYTRANSFORMCSS UNKNOWN,\
        ENABLE CISCO RECORDING QSIG TUNNELING,ALLOW THIS TRUNK TO USE REMOTE GATEWAYS FOR RECORDING,\
        CONFIDENTIAL ACCESS MODE,CONFIDENTIAL ACCESS LEVEL,TRUST RECEIVED IDENTITY,TUNNELED PROTOCOL(H323DEVICE),\
        WAIT FOR FAR END H.245 TERMINAL CAPABILITY SET,PATH REPLACEMENT SUPPORT(H323DEVICE),\
        SIGNIFICANT DIGITS(H323DEVICE),PREFIX DN,REDIRECTING NUMBER IE DELIVERY-INBOUND(H323DEVICE),\
        ENABLE INBOUND FASTSTART,CALLING PARTY SELECTION(H323DEVICE),CALLING LINE ID PRESENTATION,\
        CALLED PARTY IE NUMBER TYPE UNKNOWN,CALLING PARTY IE NUMBER TYPE UNKNOWN,CALLED NUMBERING PLAN,\
        CALLING NUMBERING PLAN,CALLER ID DN(H323DEVICE),DISPLAY IE DELIVERY,REDIRECTING NUMBER IE DELIVERY-OUTBOUND,\
        ENABLE OUTBOUND FASTSTART,CODEC FOR OUTBOUND FASTSTART,GATEKEEPER NAME,TERMINAL TYPE,TECHNOLOGY PREFIX,ZONE,\
        PASSING PRECEDENCE LEVEL THROUGH UUIE,SECURITY ACCESS LEVEL,ENABLE SAF,QSIG VARIANT(H323DEVICE),\
        ASN.1 ROSE OID ENCODING(H323DEVICE),USE DEVICE POOL CONNECTED PARTY TRANSFORMATION CSS(H323 DEVICE),\
        CONNECTED PARTY TRANSFORMATION CSS(H323 DEVICE),CONNECT INBOUND CALL BEFORE PLAYING ANNOUNCEMENT,\
        SIGNIFICANT DIGITS(SIPDEVICE),REDIRECTING NUMBER IE DELIVERY-INBOUND(SIPDEVICE),\
        CONNECTED LINE ID PRESENTATION,CONNECTED NAME PRESENTATION,REDIRECTING DIVERSION HEADER DELIVERY-INBOUND,\
        CALLING PARTY SELECTION(SIPDEVICE),CALLER ID DN(SIPDEVICE),CALLING NAME PRESENTATION,CALLER NAME,\
        REDIRECTING DIVERSION HEADER DELIVERY-OUTBOUND,MTP PREFERRED ORIGINATING CODEC,ROUTE CLASS SIGNALING ENABLED,\
        TRUNK SERVICE TYPE,USE INTERCOMPANY MEDIA SERVICE PUBLIC IP/PORT,PREFIX DN(SIPDEVICE),\
        CALLING LINE ID PRESENTATION(SIPDEVICE),USE DEVICE POOL CONNECTEDPARTYTRANSFORMATIONCSS,\
        CONNECTED PARTY TRANSFORMATION CSS,ASN.1 ROSE OID ENCODING(SIPDEVICE),QSIG VARIANT(SIPDEVICE),\
        TUNNELED PROTOCOL(SIPDEVICE),PATH REPLACEMENT SUPPORT(SIPDEVICE),NORMALIZATION SCRIPT NAME,\
        NORMALIZATION SCRIPT PARAMETERS,NORMALIZATION SCRIPT TRACE,TRANSMIT UTF-8 NAMES IN QSIG APDU(SIPDEVICE),\
        CONSIDER TRAFFIC ON THIS TRUNK SECURE,SERVICE,PARAMETER LABEL,ORIGINATING PARAMETER VALUE,\
        TERMINATING PARAMETER VALUE,OUTBOUND URI ROUTING INSTRUCTIONS,REQUEST URI DOMAIN NAME,\
        MAINTAIN ORIGINAL CALLER ID DN AND CALLER NAME IN IDENTITY HEADERS,ISANONYMOUS,\
        USE ORIGINAL CALLING LINE ID PRESENTATION FOR DIVERTED CALLS,DESTINATION ADDRESS 1,\
        DESTINATION ADDRESS IPV6 1,DESTINATION PORT 1,SERVER IP ADDRESS/HOST NAME 1",
    ),
    (
        "ctiroutepoint.csv",
        "DEVICE NAME,DESCRIPTION,DEVICE POOL,COMMON DEVICE CONFIGURATION,CSS,LOCATION,USER LOCALE,\
        MEDIA RESOURCE GROUP LIST,NETWORK HOLD MOH AUDIO SOURCE,USER HOLD MOH AUDIO SOURCE,APPLICATION USER 1,\
        APPLICATION USER 2,USE TRUSTED RELAY POINT,CALLING PARTY TRANSFORMATION CSS,GEO LOCATION,\
        USE DEVICE POOL CALLING PARTY TRANSFORMATION CSS,DIRECTORY NUMBER 1,ROUTE PARTITION 1,LINE DESCRIPTION 1,\
        ALERTING NAME 1,ASCII ALERTING NAME 1,VOICE MAIL PROFILE 1,LINE CSS 1,PRESENCE GROUP 1,\
        LINE USER HOLD MOH AUDIO SOURCE 1,LINE NETWORK HOLD MOH AUDIO SOURCE 1,AAR VOICE MAIL 1,\
        AAR DESTINATION MASK 1,AAR GROUP 1,AAR KEEP CALL HISTORY 1,CALLING SEARCH SPACE ACTIVATION POLICY 1,\
        FORWARD BUSY INTERNAL VOICEMAIL 1,FORWARD BUSY EXTERNAL VOICEMAIL 1,FORWARD NO ANSWER INTERNAL VOICEMAIL 1,\
        FORWARD NO ANSWER EXTERNAL VOICEMAIL 1,FORWARD NO COVERAGE INTERNAL VOICEMAIL 1,\
        FORWARD NO COVERAGE EXTERNAL VOICEMAIL 1,FORWARD ON CTI FAILURE VOICEMAIL 1,\
        FORWARD UNREGISTERED INTERNAL VOICEMAIL 1,FORWARD UNREGISTERED EXTERNAL VOICEMAIL 1,\
        FORWARD BUSY INTERNAL DESTINATION 1,FORWARD BUSY EXTERNAL DESTINATION 1,\
        FORWARD NO ANSWER INTERNAL DESTINATION 1,FORWARD NO ANSWER EXTERNAL DESTINATION 1,\
        FORWARD NO COVERAGE INTERNAL DESTINATION 1,FORWARD NO COVERAGE EXTERNAL DESTINATION 1,\
        FORWARD ON CTI FAILURE DESTINATION 1,FORWARD UNREGISTERED INTERNAL DESTINATION 1,\
        FORWARD UNREGISTERED EXTERNAL DESTINATION 1,FORWARD BUSY INTERNAL CSS 1,FORWARD BUSY EXTERNAL CSS 1,\
        FORWARD NO ANSWER INTERNAL CSS 1,FORWARD NO ANSWER EXTERNAL CSS 1,FORWARD NO COVERAGE INTERNAL CSS 1,\
        FORWARD NO COVERAGE EXTERNAL CSS 1,FORWARD ON CTI FAILURE CSS 1,FORWARD UNREGISTERED INTERNAL CSS 1,\
        FORWARD UNREGISTERED EXTERNAL CSS 1,NO ANSWER RING DURATION (SECONDS) 1,TARGET (DESTINATION) 1,MLPP CSS 1,\
        MLPP NO ANSWER RING DURATION (SECONDS) 1,HOLD REVERSION RING DURATION (SECONDS) 1,\
        HOLD REVERSION NOTIFICATION INTERVAL (SECONDS) 1,DISPLAY 1,DISPLAY ASCII 1,EXTERNAL PHONE NUMBER MASK 1,\
        MAXIMUM NUMBER OF CALLS 1,BUSY TRIGGER 1,CALL INFO DISPLAY MASK 1,FORWARD ALL VOICEMAIL 1,\
        FORWARD ALL DESTINATION 1,FORWARD ALL CSS 1,SECONDARY CALLING SEARCH SPACE FOR FORWARD ALL  1,\
        CALL PICKUP GROUP 1,PARTY ENTRANCE TONE 1,PARK MONITOR FORWARD NO RETRIEVE INT VOICE MAIL 1,\
        PARK MONITOR FORWARD NO RETRIEVE EXT VOICE MAIL 1,PARK MONITOR FORWARD NO RETRIEVE EXT CSS 1,\
        PARK MONITOR FORWARD NO RETRIEVE INT CSS 1,PARK MONITORING REVERSION TIMER 1,\
        PARK MONITOR FORWARD NO RETRIEVE EXT DESTINATION 1,PARK MONITOR FORWARD NO RETRIEVE INT DESTINATION 1,\
        ENTERPRISE NUMBER MASK 1,ENTERPRISE ADD TO LOCAL ROUTE PARTITION 1,ENTERPRISE ROUTE PARTITION 1,\
        ENTERPRISE IS URGENT 1,ENTERPRISE ADVERTISE GLOBALLY VIA ILS 1,+E.164 NUMBER MASK 1,\
        +E.164 ADD TO LOCAL ROUTE PARTITION 1,+E.164 ROUTE PARTITION 1,+E.164 IS URGENT 1,\
        +E.164 ADVERTISE GLOBALLY VIA ILS 1,END USER 1",
    ),
    ("timeschedule.csv", "TIME SCHEDULE NAME,DESCRIPTION,OWNER ID,TIME PERIOD 1"),
    (
        "timeperiod.csv",
        "NAME,TIME OF DAY START,TIME OF DAY END,DAY OF MONTH,MONTH OF YEAR,DAY OF WEEK START,DAY OF WEEK END,\
        DESCRIPTION,OWNER ID,DAY OF MONTH END,MONTH OF YEAR END",
    ),
];
