//! The dial plan read from BAT members: `partition.csv`, `css.csv`, `routepattern.csv`,
//! `translationpattern.csv`, `huntpilot.csv`, `huntlist.csv`, `routelist.csv`, `routegroup.csv`,
//! `trunk.csv`, and the device and line calling search spaces of `phone.csv`,
//! `ctiroutepoint.csv` and `directorynumber.csv`. Most cases read `fixtures/dialplan`, whose
//! members carry the exact 14.0 headers; the others build members from the headers of
//! `tests/data/bat-14.0-headers.txt`.

use std::path::Path;

use uclint_ingest::{parse, FileStatus, Ingested, RawInput};
use uclint_model::{DataSet, DialPattern, DnKey, PatternKind, Span, Spanned, Text};

fn fixture() -> Ingested {
    uclint_ingest::ingest(&[Path::new("../../fixtures/dialplan").to_path_buf()])
}

fn read(files: &[(&str, String)]) -> Ingested {
    parse(
        files
            .iter()
            .map(|(path, text)| RawInput { path: (*path).into(), bytes: text.clone().into_bytes(), error: None })
            .collect(),
    )
}

/// The real 14.0 header of `member`.
fn header(member: &str) -> &'static str {
    include_str!("data/bat-14.0-headers.txt")
        .lines()
        .find_map(|line| line.strip_prefix(member)?.strip_prefix('\t'))
        .unwrap_or_else(|| panic!("no header for {member}"))
}

/// A row for `header` with `values` in the named columns (matched as written, trimmed).
fn row(header: &str, values: &[(&str, &str)]) -> String {
    let columns: Vec<&str> = header.split(',').collect();
    let mut cells = vec![String::new(); columns.len()];
    for (name, value) in values {
        let at = columns.iter().position(|c| c.trim() == *name).unwrap_or_else(|| panic!("no column {name}"));
        cells[at] = (*value).to_owned();
    }
    cells.join(",")
}

fn slice(ingested: &Ingested, span: Span) -> &str {
    ingested.sources.get(span.source).slice(span)
}

fn texts(values: &[Spanned<Text>]) -> Vec<&str> {
    values.iter().map(|v| v.value.as_str()).collect()
}

fn pattern<'c>(ingested: &'c Ingested, kind: PatternKind, pattern: &str, partition: &str) -> &'c DialPattern {
    ingested
        .cluster
        .dial_patterns
        .iter()
        .find(|p| p.kind == kind && p.pattern.value == pattern && p.partition.value == partition)
        .unwrap_or_else(|| panic!("no {pattern}@{partition}"))
}

fn flag(value: &Option<Spanned<bool>>) -> Option<bool> {
    value.as_ref().map(|v| v.value)
}

#[test]
fn the_fixture_is_read_without_input_errors_and_every_dial_plan_set_is_present() {
    let ingested = fixture();
    let codes: Vec<(&str, &str)> = ingested.diagnostics.iter().map(|d| (d.code.id, d.message.as_str())).collect();
    assert!(codes.iter().all(|(code, _)| *code == "INPUT005"), "{codes:#?}");
    for data in [
        DataSet::Partitions,
        DataSet::CallingSearchSpaces,
        DataSet::RoutePatterns,
        DataSet::TranslationPatterns,
        DataSet::HuntPilots,
        DataSet::HuntLists,
        DataSet::RouteLists,
        DataSet::RouteGroups,
        DataSet::Trunks,
        DataSet::DeviceCss,
        DataSet::LineCss,
        DataSet::OwnedNumbers,
    ] {
        assert!(ingested.cluster.has(data), "{data:?}");
    }
    for file in &ingested.files {
        let name = file.path.rsplit('/').next().unwrap();
        match (&file.status, name) {
            (FileStatus::NotRead { reason, .. }, "intercomcss.csv") => assert!(reason.contains("intercom"), "{reason}"),
            (FileStatus::NotRead { class, .. }, "README.md") => assert_eq!(*class, uclint_model::NotReadClass::Other),
            (FileStatus::Read(what), _) => assert_eq!(what, &format!("BAT {name}")),
            (status, _) => panic!("{name}: {status:?}"),
        }
    }
}

#[test]
fn partitions_with_their_time_schedules() {
    let ingested = fixture();
    let partitions = &ingested.cluster.partitions;
    let names: Vec<&str> = partitions.iter().map(|p| p.name.value.as_str()).collect();
    assert_eq!(names.len(), 7);
    for name in ["PT_Internal", "PT_Agents", "PT_CTI", "PT_PSTN", "PT_Block", "PT_Xlate", "PT_AfterHours"] {
        assert!(names.contains(&name), "{name}");
    }
    let scheduled: Vec<_> =
        partitions.iter().filter_map(|p| Some((p.name.value.as_str(), p.time_schedule.as_ref()?))).collect();
    assert_eq!(scheduled.len(), 1);
    assert_eq!(scheduled[0].0, "PT_AfterHours");
    assert_eq!(slice(&ingested, scheduled[0].1.span), "TS_AfterHours");
}

#[test]
fn calling_search_spaces_keep_their_partitions_in_search_order_and_intercom_ones_are_not_read() {
    let ingested = fixture();
    let css = |name: &str| {
        let css = ingested.cluster.calling_search_spaces.iter().find(|c| c.name.value == name);
        css.unwrap_or_else(|| panic!("no {name}"))
    };
    assert_eq!(texts(&css("CSS_Internal").partitions), ["PT_Internal", "PT_CTI", "PT_Xlate", "PT_AfterHours"]);
    assert_eq!(texts(&css("CSS_Agents").partitions), ["PT_Agents", "PT_Internal", "PT_CTI"]);
    assert_eq!(texts(&css("CSS_Line_Block").partitions), ["PT_Block"]);
    let agents = &css("CSS_Agents").partitions[0];
    assert_eq!(slice(&ingested, agents.span), "PT_Agents");
    assert_eq!(ingested.cluster.calling_search_spaces.len(), 4, "CSS_Intercom is not a calling search space");
}

#[test]
fn css_columns_past_sixteen_are_read_in_number_order() {
    // A real multi-site export carries up to ROUTE PARTITION 17 (formats.md §17); columns are
    // placed here out of number order, and a CSS shorter than the widest leaves cells empty.
    let mut header = String::from("NAME,DESCRIPTION,TYPE OF PARTITION USAGE");
    for n in (1..=17).rev() {
        header.push_str(&format!(",ROUTE PARTITION {n}"));
    }
    let long: Vec<String> = (1..=17).rev().map(|n| format!("PT_{n}")).collect();
    let text =
        format!("{header}\nCSS_Long,,General,{}\nCSS_Short,,General,{}PT_B , PT_A\n", long.join(","), ",".repeat(15));
    let ingested = read(&[("css.csv", text)]);
    let spaces = &ingested.cluster.calling_search_spaces;
    let expected: Vec<String> = (1..=17).map(|n| format!("PT_{n}")).collect();
    assert_eq!(texts(&spaces[0].partitions), expected.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(texts(&spaces[1].partitions), ["PT_A", "PT_B"], "trimmed, in number order");
}

#[test]
fn route_patterns_with_padded_partitions_blocking_urgency_and_destinations() {
    let ingested = fixture();
    let national = pattern(&ingested, PatternKind::RoutePattern, "9.1[2-9]XX[2-9]XXXXXX", "PT_PSTN");
    // The real export pads ROUTE PARTITION with spaces: the value is trimmed, the span is the cell.
    assert_eq!(slice(&ingested, national.partition.span), "  PT_PSTN");
    assert_eq!(slice(&ingested, national.pattern.span), "9.1[2-9]XX[2-9]XXXXXX");
    assert_eq!(flag(&national.blocked), Some(false));
    assert_eq!(flag(&national.urgent), Some(false));
    assert_eq!(national.called.discard.as_ref().unwrap().value, "PreDot");
    assert_eq!(national.destination.as_ref().unwrap().value, "RL_PSTN");
    assert!(national.css.is_none() && national.use_originator_css.is_none());

    let emergency = pattern(&ingested, PatternKind::RoutePattern, "9.911", "PT_PSTN");
    assert_eq!(flag(&emergency.urgent), Some(true));
    let blocked = pattern(&ingested, PatternKind::RoutePattern, "9.1900XXXXXXX", "PT_Block");
    assert_eq!(flag(&blocked.blocked), Some(true));
    assert!(blocked.destination.is_none());
    assert_eq!(slice(&ingested, blocked.blocked.as_ref().unwrap().span), "t");
    let e164 = pattern(&ingested, PatternKind::RoutePattern, "\\+!", "PT_PSTN");
    assert_eq!(e164.dn_key(), DnKey::new("+!", "PT_PSTN"), "the escape is kept in the pattern, not in the key");
    assert!(e164.called.discard.is_none());
    let direct = pattern(&ingested, PatternKind::RoutePattern, "9.1408[2-9]XXXXXX", "PT_PSTN");
    assert_eq!(direct.destination.as_ref().unwrap().value, "SIP_Trunk_PSTN");

    // The same rows still own their numbers (GEN007).
    let owned: Vec<&DnKey> = ingested.cluster.owned_numbers.iter().map(|o| &o.dn.value).collect();
    assert!(owned.contains(&&DnKey::new("9.1900XXXXXXX", "PT_Block")));
    assert!(owned.contains(&&DnKey::new("7000", "PT_Internal")));
    assert!(owned.contains(&&DnKey::new("4XXX", "PT_Xlate")));
}

#[test]
fn translation_patterns_with_their_css_mask_and_hop_settings() {
    let ingested = fixture();
    let tp = pattern(&ingested, PatternKind::TranslationPattern, "4XXX", "PT_Xlate");
    assert_eq!(tp.called.mask.as_ref().unwrap().value, "+1408555XXXX");
    assert_eq!(slice(&ingested, tp.called.mask.as_ref().unwrap().span), "+1408555XXXX");
    assert_eq!(tp.css.as_ref().unwrap().value, "CSS_Internal");
    assert_eq!(flag(&tp.use_originator_css), Some(true));
    assert_eq!(flag(&tp.dont_wait_for_idt), Some(false));
    assert_eq!(flag(&tp.route_next_hop_by_calling), Some(false));
    assert_eq!(flag(&tp.urgent), Some(true));
    // ROUTE OPTION is the flag; BLOCK THIS PATTERN OPTION (`No Error`) is a release cause.
    assert_eq!(flag(&tp.blocked), Some(false));
    assert!(tp.destination.is_none());
    let after_hours = pattern(&ingested, PatternKind::TranslationPattern, "0", "PT_AfterHours");
    assert_eq!(flag(&after_hours.use_originator_css), Some(false));
    assert_eq!(after_hours.called.mask.as_ref().unwrap().value, "7000");
}

#[test]
fn hunt_pilots_hunt_lists_by_selection_order_route_lists_route_groups_and_trunks() {
    let ingested = fixture();
    let cluster = &ingested.cluster;
    let pilot = pattern(&ingested, PatternKind::HuntPilot, "7000", "PT_Internal");
    assert_eq!(pilot.destination.as_ref().unwrap().value, "HL_Support");
    assert_eq!(flag(&pilot.blocked), Some(false), "ROUTETHIS PATTERN = f routes");
    assert_eq!(slice(&ingested, pilot.blocked.as_ref().unwrap().span), "f");
    assert_eq!(flag(&pilot.urgent), Some(false));

    let list = cluster.hunt_lists.iter().find(|l| l.name.value == "HL_Support").unwrap();
    assert_eq!(texts(&list.line_groups), ["LG_Support", "LG_Overflow"], "by SELECTION ORDER, not by column");
    assert_eq!(slice(&ingested, list.line_groups[0].span), "LG_Support");
    let route_list = cluster.route_lists.iter().find(|l| l.name.value == "RL_PSTN").unwrap();
    assert_eq!(texts(&route_list.route_groups), ["RG_PSTN", "RG_Backup"]);
    let group = cluster.route_groups.iter().find(|g| g.name.value == "RG_PSTN").unwrap();
    assert_eq!(texts(&group.devices), ["SIP_Trunk_PSTN"]);
    let mut trunks = texts(&cluster.trunks);
    trunks.sort_unstable();
    assert_eq!(trunks, ["SIP_Trunk_Backup", "SIP_Trunk_PSTN"]);
}

#[test]
fn device_line_and_directory_number_calling_search_spaces() {
    let ingested = fixture();
    let cluster = &ingested.cluster;
    let phone = |name: &str| cluster.phones.iter().find(|p| p.name.value == name).unwrap();
    let a = phone("SEP0011AA000001");
    assert_eq!(a.css.as_ref().unwrap().value, "CSS_PSTN");
    assert_eq!(slice(&ingested, a.css.as_ref().unwrap().span), "CSS_PSTN");
    assert_eq!(a.lines[0].css.as_ref().unwrap().value, "CSS_Internal");
    assert_eq!(phone("SEP0011AA000002").lines[0].css.as_ref().unwrap().value, "CSS_Line_Block");
    let lobby = phone("SEP0011AA000003");
    assert_eq!(lobby.css.as_ref().unwrap().value, "CSS_Internal");
    assert!(lobby.lines[0].css.is_none(), "no line CSS");
    let route_point = phone("CXBA_RP");
    assert_eq!(route_point.css.as_ref().unwrap().value, "CSS_Internal");
    assert!(route_point.lines[0].css.is_none());

    let dn = |pattern: &str, partition: &str| {
        let key = DnKey::new(pattern, partition);
        cluster.directory_numbers.iter().find(|d| d.dn.value == key).unwrap()
    };
    assert_eq!(dn("6001", "PT_Agents").css.as_ref().unwrap().value, "CSS_Agents");
    assert!(dn("1003", "PT_Internal").css.is_none(), "NULL is no CSS");
}

#[test]
fn files_without_css_columns_do_not_claim_css_data() {
    let phones = "Device Name,Device Type,Directory Number 1,Route Partition 1\nSEP1,Cisco 8841,1001,PT\n";
    let dns = "Directory Number,Route Partition\n1001,PT\n";
    let ingested = read(&[("phone.csv", phones.into()), ("directorynumber.csv", dns.into())]);
    assert!(!ingested.cluster.has(DataSet::DeviceCss));
    assert!(!ingested.cluster.has(DataSet::LineCss));
    assert!(ingested.cluster.phones[0].css.is_none());

    // With the columns, even empty cells say "no CSS set", not "not exported".
    let phones =
        "Device Name,Device Type,CSS,Directory Number 1,Route Partition 1,Line CSS 1\nSEP1,Cisco 8841,,1001,PT,\n";
    let ingested = read(&[("phone.csv", phones.into())]);
    assert!(ingested.cluster.has(DataSet::DeviceCss) && ingested.cluster.has(DataSet::LineCss));
    assert!(ingested.cluster.phones[0].css.is_none() && ingested.cluster.phones[0].lines[0].css.is_none());

    // A device profile has no device CSS of its own.
    let profiles = "Device Profile Name,Device Type,CSS,Directory Number 1,Route Partition 1,Line CSS 1\n\
                    UDP1,Cisco 8841,CSS_X,1001,PT,CSS_L\n";
    let ingested = read(&[("deviceprofile.csv", profiles.into())]);
    let profile = &ingested.cluster.device_profiles[0];
    assert!(profile.css.is_none());
    assert_eq!(profile.lines[0].css.as_ref().unwrap().value, "CSS_L");
    assert!(!ingested.cluster.has(DataSet::DeviceCss) && ingested.cluster.has(DataSet::LineCss));
}

#[test]
fn none_and_null_partitions_are_the_empty_partition() {
    let h = header("routepattern.csv");
    let text = format!(
        "{h}\n{}\n{}\n{}\n",
        row(h, &[("ROUTE PATTERN", "9.@"), ("ROUTE PARTITION", "NULL"), ("ROUTE OPTION", "f")]),
        row(h, &[("ROUTE PATTERN", "8XXX"), ("ROUTE PARTITION", " <None> ")]),
        row(h, &[("ROUTE PATTERN", "7XXX"), ("ROUTE FILTER", "NULL"), ("GATEWAY/ROUTE LIST", "NULL")]),
    );
    let ingested = read(&[("routepattern.csv", text)]);
    let patterns = &ingested.cluster.dial_patterns;
    assert_eq!(patterns.len(), 3);
    for p in patterns {
        assert_eq!(p.partition.value, "", "{}", p.pattern.value);
        assert!(p.route_filter.is_none() && p.destination.is_none());
    }
    assert_eq!(slice(&ingested, patterns[0].partition.span), "NULL");
    assert_eq!(slice(&ingested, patterns[2].partition.span), "", "an empty partition spans its empty cell");
    assert!(patterns[1].blocked.is_none(), "no ROUTE OPTION value: not known");
}

#[test]
fn a_hunt_pilot_release_cause_is_not_a_flag_and_duplicate_headers_are_tolerated() {
    let h = header("huntpilot.csv");
    assert_eq!(h.matches("USE FORWARD SETTINGS OF LINE GROUP MEMBER ,").count(), 2, "the real header repeats a name");
    let text = format!(
        "{h}\n{}\n{}\n",
        row(
            h,
            &[
                ("HUNT PILOT", "7001"),
                ("ROUTE PARTITION", "PT"),
                ("ROUTETHIS PATTERN", "t"),
                ("BLOCKTHIS PATTERN", "Call Rejected")
            ]
        ),
        row(
            h,
            &[
                ("HUNT PILOT", "7002"),
                ("ROUTE PARTITION", "PT"),
                ("ROUTETHIS PATTERN", "f"),
                ("BLOCKTHIS PATTERN", "No Error"),
                ("HUNT LIST 1", "HL"),
                ("CALLED PARTY PREFIX DIGITS", "55")
            ]
        ),
    );
    let ingested = read(&[("huntpilot.csv", text)]);
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    let p = &ingested.cluster.dial_patterns;
    assert_eq!((flag(&p[0].blocked), flag(&p[1].blocked)), (Some(true), Some(false)));
    assert_eq!(p[1].destination.as_ref().unwrap().value, "HL");
    assert_eq!(p[1].called.prefix.as_ref().unwrap().value, "55", "`CALLED PARTY PREFIX DIGITS ` (trailing space)");

    // Without ROUTETHIS PATTERN, a BLOCKTHIS PATTERN that holds a flag is the flag.
    let text = "HUNT PILOT,ROUTE PARTITION,BLOCKTHIS PATTERN,HUNT LIST 1\n7003,PT,t,HL\n7004,PT,No Error,HL\n";
    let ingested = read(&[("huntpilot.csv", text.into())]);
    let p = &ingested.cluster.dial_patterns;
    assert_eq!((flag(&p[0].blocked), flag(&p[1].blocked)), (Some(true), None));
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
}

#[test]
fn a_route_option_that_is_no_flag_is_reported() {
    let h = header("translationpattern.csv");
    let text = format!("{h}\n{}\n", row(h, &[("TRANSLATION PATTERN", "4XXX"), ("ROUTE OPTION", "maybe")]));
    let ingested = read(&[("translationpattern.csv", text)]);
    assert_eq!(ingested.diagnostics.len(), 1);
    assert_eq!(ingested.diagnostics[0].code.id, "INPUT004", "{}", ingested.diagnostics[0].message);
    assert!(ingested.cluster.dial_patterns[0].blocked.is_none());
}

#[test]
fn members_are_ordered_by_selection_order_with_bad_orders_reported() {
    let text = "NAME,SELECTION ORDER 1,ROUTE GROUP 1,SELECTION ORDER 2,ROUTE GROUP 2,SELECTION ORDER 3,ROUTE GROUP 3\n\
                RL,3,RG_C,x,RG_B,1,RG_A\n\
                RL_Gap,,,2,RG_Y,1,RG_X\n";
    let ingested = read(&[("routelist.csv", text.into())]);
    let lists = &ingested.cluster.route_lists;
    // An order that is no number is reported, and the member keeps its column's place (2).
    assert_eq!(texts(&lists[0].route_groups), ["RG_A", "RG_B", "RG_C"]);
    assert_eq!(texts(&lists[1].route_groups), ["RG_X", "RG_Y"], "an empty member is no member");
    let codes: Vec<&str> = ingested.diagnostics.iter().map(|d| d.code.id).collect();
    assert_eq!(codes, ["INPUT004"]);

    let text = "NAME,TYPE DISTRIBUTE ALGORITHM,DEVICE NAME 1,DEVICE SELECTION ORDER 1,\
                DEVICE NAME 2,DEVICE SELECTION ORDER 2\n\
                RG,Top Down,GW_2,2,GW_1,1\n";
    let ingested = read(&[("routegroup.csv", text.into())]);
    assert_eq!(texts(&ingested.cluster.route_groups[0].devices), ["GW_1", "GW_2"]);
}

#[test]
fn header_only_members_say_the_cluster_has_none() {
    let members = [
        "partition.csv",
        "css.csv",
        "huntlist.csv",
        "routelist.csv",
        "routegroup.csv",
        "trunk.csv",
        "routepattern.csv",
    ];
    let files: Vec<(&str, String)> = members.iter().map(|m| (*m, format!("{}\n", header(m)))).collect();
    let ingested = read(&files);
    let empty: Vec<DataSet> = ingested.cluster.empty_tables.iter().map(|(data, _)| *data).collect();
    for data in [
        DataSet::Partitions,
        DataSet::CallingSearchSpaces,
        DataSet::HuntLists,
        DataSet::RouteLists,
        DataSet::RouteGroups,
        DataSet::Trunks,
        DataSet::RoutePatterns,
        DataSet::OwnedNumbers,
    ] {
        assert!(empty.contains(&data), "{data:?}");
        assert!(ingested.cluster.has(data), "{data:?}");
    }
}

#[test]
fn dial_plan_members_are_known_by_header_under_other_names_but_css_is_not() {
    let cases = [
        ("partition.csv", "NAME", "PT_X", DataSet::Partitions),
        ("huntlist.csv", "NAME", "HL_X", DataSet::HuntLists),
        ("routelist.csv", "NAME", "RL_X", DataSet::RouteLists),
        ("routegroup.csv", "NAME", "RG_X", DataSet::RouteGroups),
        ("routepattern.csv", "ROUTE PATTERN", "9.XXX", DataSet::RoutePatterns),
        ("translationpattern.csv", "TRANSLATION PATTERN", "4XXX", DataSet::TranslationPatterns),
        ("huntpilot.csv", "HUNT PILOT", "7000", DataSet::HuntPilots),
    ];
    for (member, column, value, data) in cases {
        let h = header(member);
        let text = format!("{h}\n{}\n", row(h, &[(column, value)]));
        let ingested = read(&[("export-renamed.csv", text)]);
        assert!(ingested.cluster.has(data), "{member}: {:?}", ingested.files[0].status);
        assert!(ingested.diagnostics.is_empty(), "{member}: {:#?}", ingested.diagnostics);
    }
    // trunk.csv has the column that tells ctiroutepoint.csv: it is a trunk file, not route points.
    let h = header("trunk.csv");
    let text = format!("{h}\n{}\n", row(h, &[("DEVICE NAME", "SIP_X"), ("TRUNK TYPE", "SIP Trunk")]));
    for path in ["trunk.csv", "trunks-renamed.csv"] {
        let ingested = read(&[(path, text.clone())]);
        assert_eq!(texts(&ingested.cluster.trunks), ["SIP_X"], "{path}");
        assert!(ingested.cluster.phones.is_empty(), "{path}");
        assert!(ingested.diagnostics.is_empty(), "{path}: {:#?}", ingested.diagnostics);
    }
    // css.csv and intercomcss.csv share their header: neither is read under another name.
    let h = header("css.csv");
    let text = format!("{h}\nCSS_X,,General,PT_X\n");
    let ingested = read(&[("calling-search-spaces.csv", text.clone()), ("intercomcss.csv", text)]);
    assert!(ingested.cluster.calling_search_spaces.is_empty());
    assert!(ingested.files.iter().all(|f| matches!(f.status, FileStatus::NotRead { .. })));
}

#[test]
fn no_other_14_0_member_is_taken_for_a_dial_plan_member_by_its_header() {
    // Every 14.0 member's header, under a name that says nothing: only the dial plan members
    // themselves fill dial plan data.
    let dial_plan = [
        DataSet::Partitions,
        DataSet::CallingSearchSpaces,
        DataSet::RoutePatterns,
        DataSet::TranslationPatterns,
        DataSet::HuntPilots,
        DataSet::HuntLists,
        DataSet::RouteLists,
        DataSet::RouteGroups,
        DataSet::Trunks,
    ];
    let own = [
        "partition.csv",
        "routepattern.csv",
        "translationpattern.csv",
        "huntpilot.csv",
        "huntlist.csv",
        "routelist.csv",
        "routegroup.csv",
        "trunk.csv",
    ];
    for line in include_str!("data/bat-14.0-headers.txt").lines().filter(|l| !l.starts_with('#')) {
        let Some((member, h)) = line.split_once('\t') else { continue };
        if own.contains(&member) {
            continue;
        }
        let ingested = read(&[("renamed.csv", format!("{h}\n"))]);
        for data in dial_plan {
            assert!(!ingested.cluster.has(data), "{member} read as {data:?}");
        }
    }
}
