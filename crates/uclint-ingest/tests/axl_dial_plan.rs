//! The dial plan from AXL responses (`getRoutePartition`, `getCss`, `getRoutePattern`,
//! `getTransPattern`, `getHuntPilot`, `getHuntList`, `getRouteList`, `getSipTrunk`) and the
//! device and line calling search spaces of `getPhone` and `getLine`: values, spans at the
//! element text, member order, the "None" partition, and partial or hostile records.

use std::path::Path;

use uclint_ingest::{parse, FileStatus, Ingested, RawInput};
use uclint_model::{DataSet, DialPattern, PatternKind, Span, Spanned, Text};

fn ingest_text(path: &str, text: &str) -> Ingested {
    parse(vec![RawInput { path: path.into(), bytes: text.as_bytes().to_vec(), error: None }])
}

fn slice(ingested: &Ingested, span: Span) -> &str {
    ingested.sources.get(span.source).slice(span)
}

fn envelope(operation: &str, record: &str) -> String {
    format!(
        "<?xml version='1.0' encoding='UTF-8'?>\n\
         <soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>\n\
         <ns:{operation}Response xmlns:ns=\"http://www.cisco.com/AXL/API/14.0\"><return>\n{record}\n\
         </return></ns:{operation}Response></soapenv:Body></soapenv:Envelope>\n"
    )
}

fn fixture() -> Ingested {
    uclint_ingest::ingest(&[Path::new("../../fixtures/axl/dialplan").to_path_buf()])
}

fn values(texts: &[Spanned<Text>]) -> Vec<&str> {
    texts.iter().map(|t| t.value.as_str()).collect()
}

/// The value and the text its span covers.
fn both<'a>(ingested: &'a Ingested, text: &'a Option<Spanned<Text>>) -> Option<(&'a str, &'a str)> {
    text.as_ref().map(|t| (t.value.as_str(), slice(ingested, t.span)))
}

fn pattern<'a>(ingested: &'a Ingested, kind: PatternKind, pattern: &str) -> &'a DialPattern {
    ingested.cluster.dial_patterns.iter().find(|p| p.kind == kind && p.pattern.value == pattern).unwrap()
}

#[test]
fn the_dial_plan_fixture_is_read_in_full() {
    let ingested = fixture();
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    assert_eq!(ingested.files.len(), 20);
    for file in &ingested.files {
        assert!(matches!(file.status, FileStatus::Read(_)), "{} was not read", file.path);
    }
    let cluster = &ingested.cluster;
    let mut partitions: Vec<_> = cluster.partitions.iter().map(|p| p.name.value.as_str()).collect();
    partitions.sort_unstable();
    assert_eq!(partitions, ["PT_Agents", "PT_Block", "PT_CTI", "PT_Internal", "PT_PSTN", "PT_Xlate"]);
    assert!(cluster.partitions.iter().all(|p| p.time_schedule.is_none()), "an empty timeScheduleIdName is unset");
    assert_eq!(cluster.calling_search_spaces.len(), 4);
    assert_eq!(cluster.dial_patterns.len(), 5);
    assert_eq!((cluster.hunt_lists.len(), cluster.route_lists.len()), (1, 1));
    assert_eq!(values(&cluster.trunks), ["SIP_PSTN"]);
    for data in [
        DataSet::Partitions,
        DataSet::CallingSearchSpaces,
        DataSet::RoutePatterns,
        DataSet::TranslationPatterns,
        DataSet::HuntPilots,
        DataSet::HuntLists,
        DataSet::RouteLists,
        DataSet::Trunks,
        DataSet::DeviceCss,
        DataSet::LineCss,
    ] {
        assert!(cluster.present.contains(&data), "{data:?} is not present");
    }
    assert!(!cluster.present.contains(&DataSet::RouteGroups), "no getRouteGroup was read");
}

#[test]
fn css_members_are_in_index_order_and_span_their_text() {
    let ingested = fixture();
    let css = |name: &str| ingested.cluster.calling_search_spaces.iter().find(|c| c.name.value == name).unwrap();
    assert_eq!(values(&css("CSS_Internal").partitions), ["PT_Internal", "PT_CTI", "PT_Xlate"]);
    // Written in the file as PT_Xlate (3), PT_Agents (1), PT_Internal (2).
    let agents = css("CSS_Agents");
    assert_eq!(values(&agents.partitions), ["PT_Agents", "PT_Internal", "PT_Xlate"]);
    assert!(agents.partitions.iter().all(|p| slice(&ingested, p.span) == p.value.as_str()));
    assert_eq!(slice(&ingested, agents.name.span), "CSS_Agents");
    assert!(
        slice(&ingested, agents.span).starts_with("<css uuid=") && slice(&ingested, agents.span).ends_with("</css>")
    );
}

#[test]
fn route_patterns_translation_patterns_and_hunt_pilots_keep_their_settings() {
    let ingested = fixture();
    let nanp = pattern(&ingested, PatternKind::RoutePattern, "9.1[2-9]XX[2-9]XXXXXX");
    assert_eq!(slice(&ingested, nanp.pattern.span), "9.1[2-9]XX[2-9]XXXXXX");
    assert_eq!((nanp.partition.value.as_str(), slice(&ingested, nanp.partition.span)), ("PT_PSTN", "PT_PSTN"));
    assert_eq!(both(&ingested, &nanp.called.discard), Some(("PreDot", "PreDot")));
    assert_eq!(both(&ingested, &nanp.destination), Some(("RL_PSTN", "RL_PSTN")));
    assert!(!nanp.is_blocked() && !nanp.is_urgent());
    assert_eq!(nanp.blocked.as_ref().map(|b| slice(&ingested, b.span)), Some("false"));
    assert!(nanp.called.mask.is_none() && nanp.called.prefix.is_none() && nanp.route_filter.is_none());

    let emergency = pattern(&ingested, PatternKind::RoutePattern, "9.911");
    assert!(emergency.is_urgent() && !emergency.is_blocked());
    assert_eq!(slice(&ingested, emergency.urgent.as_ref().unwrap().span), "true");

    let blocked = pattern(&ingested, PatternKind::RoutePattern, "9.1900XXXXXXX");
    assert!(blocked.is_blocked());
    assert_eq!(blocked.partition.value, "PT_Block");
    assert!(blocked.destination.is_none(), "an empty routeListName is no destination");

    let translation = pattern(&ingested, PatternKind::TranslationPattern, "4XXX");
    assert_eq!(translation.partition.value, "PT_Xlate");
    assert_eq!(both(&ingested, &translation.called.mask), Some(("+1408555XXXX", "+1408555XXXX")));
    assert_eq!(translation.use_originator_css.as_ref().map(|f| f.value), Some(true));
    assert_eq!(translation.dont_wait_for_idt.as_ref().map(|f| f.value), Some(false));
    assert_eq!(translation.route_next_hop_by_calling.as_ref().map(|f| f.value), Some(false));
    assert!(translation.css.is_none() && translation.destination.is_none());

    let pilot = pattern(&ingested, PatternKind::HuntPilot, "7000");
    assert_eq!(pilot.partition.value, "PT_Internal");
    assert_eq!(both(&ingested, &pilot.destination), Some(("HL_Sales", "HL_Sales")));
    assert!(pilot.css.is_none() && pilot.use_originator_css.is_none());
}

#[test]
fn hunt_and_route_list_members_are_in_selection_order() {
    let ingested = fixture();
    let hunt_list = &ingested.cluster.hunt_lists[0];
    assert_eq!(hunt_list.name.value, "HL_Sales");
    // Written in the file as LG_Sales_Overflow (2), LG_Sales (1).
    assert_eq!(values(&hunt_list.line_groups), ["LG_Sales", "LG_Sales_Overflow"]);
    assert_eq!(slice(&ingested, hunt_list.line_groups[1].span), "LG_Sales_Overflow");
    let route_list = &ingested.cluster.route_lists[0];
    assert_eq!((route_list.name.value.as_str(), values(&route_list.route_groups)), ("RL_PSTN", vec!["RG_PSTN"]));
}

#[test]
fn the_device_css_is_the_phones_and_the_line_css_the_directory_numbers() {
    let ingested = fixture();
    let phone = &ingested.cluster.phones[0];
    assert_eq!(both(&ingested, &phone.css), Some(("CSS_PSTN", "CSS_PSTN")));
    assert!(phone.lines[0].css.is_none(), "getPhone lines/line carries no CSS");
    let dn = &ingested.cluster.directory_numbers[0];
    assert_eq!(both(&ingested, &dn.css), Some(("CSS_Line_Block", "CSS_Line_Block")));
}

#[test]
fn an_empty_css_element_is_no_css_and_a_missing_one_is_not_exported() {
    let empty = "<phone><name>SEP1</name><callingSearchSpaceName uuid=\"\"/></phone>";
    let ingested = ingest_text("getPhone.xml", &envelope("getPhone", empty));
    assert!(ingested.cluster.phones[0].css.is_none());
    assert!(ingested.cluster.present.contains(&DataSet::DeviceCss), "the element was exported");

    let nil = "<line><pattern>4001</pattern><routePartitionName/><callingSearchSpaceName xsi:nil=\"true\" \
               xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">CSS_X</callingSearchSpaceName></line>";
    let ingested = ingest_text("getLine.xml", &envelope("getLine", nil));
    assert!(ingested.cluster.directory_numbers[0].css.is_none(), "xsi:nil is unset");
    assert!(ingested.cluster.present.contains(&DataSet::LineCss));

    let profile = "<deviceProfile><name>UDP1</name><callingSearchSpaceName>CSS_A</callingSearchSpaceName>\
                   </deviceProfile>";
    let ingested = ingest_text("getDeviceProfile.xml", &envelope("getDeviceProfile", profile));
    assert_eq!(ingested.cluster.device_profiles[0].css.as_ref().map(|c| c.value.as_str()), Some("CSS_A"));
    assert!(ingested.cluster.present.contains(&DataSet::DeviceCss));

    let neither = envelope("getPhone", "<phone><name>SEP1</name></phone>")
        + &envelope("getLine", "<line><pattern>4001</pattern></line>");
    let ingested = ingest_text("responses.xml", &neither);
    assert!(ingested.cluster.phones[0].css.is_none() && ingested.cluster.directory_numbers[0].css.is_none());
    let present = &ingested.cluster.present;
    assert!(!present.contains(&DataSet::DeviceCss) && !present.contains(&DataSet::LineCss), "{present:?}");
}

#[test]
fn an_empty_or_missing_partition_is_the_none_partition() {
    let text = envelope(
        "getRoutePattern",
        "<routePattern><pattern>\\+1!</pattern><routePartitionName uuid=\"\"/></routePattern>",
    ) + &envelope("getHuntPilot", "<huntPilot><pattern>7001</pattern></huntPilot>")
        + &envelope(
            "getTransPattern",
            "<transPattern><pattern>5XXX</pattern><routePartitionName xsi:nil=\"true\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">PT_Nil</routePartitionName></transPattern>",
        );
    let ingested = ingest_text("patterns.xml", &text);
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    let [route, pilot, translation] = &ingested.cluster.dial_patterns[..] else { panic!("three patterns") };
    assert_eq!((route.pattern.value.as_str(), route.partition.value.as_str()), ("\\+1!", ""));
    assert_eq!(slice(&ingested, route.partition.span), "<routePartitionName uuid=\"\"/>");
    assert_eq!(route.dn_key(), uclint_model::DnKey::new("+1!", ""));
    assert_eq!(pilot.partition.value, "");
    assert_eq!(slice(&ingested, pilot.partition.span), "7001", "no element: the pattern is pointed at");
    assert_eq!(translation.partition.value, "", "xsi:nil is the None partition");
}

#[test]
fn missing_elements_are_tolerated_and_records_without_a_name_are_skipped() {
    let text = envelope("getRoutePattern", "<routePattern><pattern>9.XXX</pattern></routePattern>")
        + &envelope("getRoutePattern", "<routePattern><routePartitionName>PT</routePartitionName></routePattern>")
        + &envelope("getCss", "<css><name>CSS_Empty</name></css><css><members/></css>")
        + &envelope(
            "getCss",
            "<css><name>CSS_Partial</name><members><member><index>1</index></member>\
             <member><routePartitionName>PT_B</routePartitionName></member>\
             <member><routePartitionName>PT_A</routePartitionName><index>1</index></member></members></css>",
        )
        + &envelope("getRoutePartition", "<routePartition><description>no name</description></routePartition>")
        + &envelope(
            "getRoutePartition",
            "<routePartition><name>PT_T</name><timeScheduleName>TS</timeScheduleName></routePartition>",
        )
        + &envelope("getHuntList", "<huntList><name>HL</name><members><member/></members></huntList>")
        + &envelope("getRouteList", "<routeList><name>RL</name></routeList>")
        + &envelope("getSipTrunk", "<sipTrunk><description>no name</description></sipTrunk>");
    let ingested = ingest_text("partial.xml", &text);
    assert!(ingested.diagnostics.is_empty(), "{:#?}", ingested.diagnostics);
    let cluster = &ingested.cluster;
    let [route] = &cluster.dial_patterns[..] else { panic!("one pattern: the one without `pattern` is skipped") };
    assert!(route.blocked.is_none() && route.urgent.is_none() && route.destination.is_none());
    assert!(route.called.discard.is_none() && route.css.is_none());
    let css: Vec<_> =
        cluster.calling_search_spaces.iter().map(|c| (c.name.value.as_str(), values(&c.partitions))).collect();
    // A member without a partition is none; PT_B has no index, so it keeps its position (2).
    assert_eq!(css, [("CSS_Empty", vec![]), ("CSS_Partial", vec!["PT_A", "PT_B"])]);
    let [partition] = &cluster.partitions[..] else { panic!("one partition") };
    assert_eq!(partition.time_schedule.as_ref().map(|t| t.value.as_str()), Some("TS"));
    assert!(cluster.hunt_lists[0].line_groups.is_empty() && cluster.route_lists[0].route_groups.is_empty());
    assert!(cluster.trunks.is_empty());
}

#[test]
fn bad_orders_and_booleans_are_input004_at_their_text() {
    let text = envelope(
        "getHuntList",
        "<huntList><name>HL</name><members>\
         <member><lineGroupName>LG_C</lineGroupName><selectionOrder>99999999999</selectionOrder></member>\
         <member><lineGroupName>LG_B</lineGroupName><selectionOrder>first</selectionOrder></member>\
         <member><lineGroupName>LG_A</lineGroupName><selectionOrder>1</selectionOrder></member>\
         </members></huntList>",
    ) + &envelope(
        "getTransPattern",
        "<transPattern><pattern>4XXX</pattern><useOriginatorCss>yes</useOriginatorCss>\
         <blockEnable>maybe</blockEnable></transPattern>",
    );
    let ingested = ingest_text("bad.xml", &text);
    let found: Vec<_> = ingested.diagnostics.iter().map(|d| (d.code.id, slice(&ingested, d.primary.span))).collect();
    assert_eq!(found, [("INPUT004", "99999999999"), ("INPUT004", "first"), ("INPUT004", "maybe"), ("INPUT004", "yes")]);
    // LG_C at position 1, LG_B at position 2, LG_A at order 1: ties keep document order.
    assert_eq!(values(&ingested.cluster.hunt_lists[0].line_groups), ["LG_C", "LG_A", "LG_B"]);
    let translation = &ingested.cluster.dial_patterns[0];
    assert!(translation.use_originator_css.is_none() && translation.blocked.is_none());
}

#[test]
fn list_responses_name_the_members_they_lack_and_trunk_lists_are_whole() {
    let text = envelope("listCss", "<css><name>CSS_A</name></css>")
        + &envelope("listSipTrunk", "<sipTrunk><name>SIP_A</name></sipTrunk>");
    let ingested = ingest_text("lists.xml", &text);
    let found: Vec<_> = ingested.diagnostics.iter().map(|d| (d.code.id, d.message.as_str())).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "INPUT007");
    assert!(found[0].1.contains("without members") && found[0].1.contains("getCss"), "{}", found[0].1);
    let gaps: Vec<_> =
        ingested.cluster.data_gaps.iter().map(|g| (g.export.as_str(), g.data, g.missing.as_str())).collect();
    assert_eq!(gaps, [("listCss", DataSet::CallingSearchSpaces, "members")]);
    assert_eq!(values(&ingested.cluster.trunks), ["SIP_A"]);
    assert_eq!(ingested.files[0].status, FileStatus::Read("AXL 14.0 listCss, listSipTrunk".into()));
}

#[test]
fn hostile_records_are_kept_as_written_and_cut_files_do_not_panic() {
    // Names with markup-like text, escapes and control characters are values like any other:
    // kept as written (printing escapes them), spanning the escaped text.
    let css = "<css><name>CSS_&lt;b&gt;&#x1b;[31m</name><members>\
               <member><routePartitionName>PT_&#x7;</routePartitionName><index>1</index></member></members></css>";
    let ingested = ingest_text("hostile.xml", &envelope("getCss", css));
    let css = &ingested.cluster.calling_search_spaces[0];
    assert_eq!(css.name.value, "CSS_<b>\u{1b}[31m");
    assert_eq!(slice(&ingested, css.name.span), "CSS_&lt;b&gt;&#x1b;[31m");
    assert_eq!(values(&css.partitions), ["PT_\u{7}"]);

    // Many members, in reverse order: one pass and one sort, whatever the order given.
    let members: String = (1..=20_000u32)
        .rev()
        .map(|i| format!("<member><routePartitionName>PT_{i}</routePartitionName><index>{i}</index></member>"))
        .collect();
    let css = format!("<css><name>CSS_Big</name><members>{members}</members></css>");
    let ingested = ingest_text("big.xml", &envelope("getCss", &css));
    let partitions = &ingested.cluster.calling_search_spaces[0].partitions;
    assert_eq!(partitions.len(), 20_000);
    assert_eq!((partitions[0].value.as_str(), partitions[19_999].value.as_str()), ("PT_1", "PT_20000"));

    // Every fixture file cut short anywhere: read what is whole, report the rest, never panic,
    // and never keep a value whose span does not cover its text.
    for entry in std::fs::read_dir("../../fixtures/axl/dialplan").unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for cut in (0..text.len()).step_by(11) {
            let ingested = ingest_text("cut.xml", &text[..cut]);
            for pattern in &ingested.cluster.dial_patterns {
                assert_eq!(slice(&ingested, pattern.pattern.span), pattern.pattern.value.as_str());
            }
            for css in &ingested.cluster.calling_search_spaces {
                assert!(css.partitions.iter().all(|p| slice(&ingested, p.span) == p.value.as_str()));
            }
        }
    }
}
