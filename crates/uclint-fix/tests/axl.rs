//! The AXL request writer (`uclint_fix::axl`): what each request carries, what it declines, the
//! order it numbers them in, and, for every request these tests write, its structure against
//! the element names and order of the AXL 14.0 schema as `shared/domain/axl-updates.md` lists
//! them (read at test time, so the doc and the writer cannot drift apart unnoticed).

use std::collections::BTreeMap;

use quick_xml::events::Event;
use quick_xml::Reader;
use uclint_fix::axl::{requests, requests_with_codes, AxlRequest, AxlRequests};
use uclint_fix::{Chosen, SourceForm};
use uclint_model::{
    AppUser, Cluster, Code, Device, DeviceKind, DnKey, Edit, EndUser, Family, Field, IntercomLine, Line, List,
    ObjectKey, Severity, SourceId, Span, Spanned, Status, Text, Value,
};

// ---------------------------------------------------------------------------------------------
// Building clusters and fixes.

/// A source read from an AXL `get*` response.
fn get() -> SourceId {
    SourceId::new(0)
}
/// A source read from a `list*` response.
fn partial() -> SourceId {
    SourceId::new(1)
}
/// A UCCX export or a file that is not a CUCM export.
fn other() -> SourceId {
    SourceId::new(2)
}
/// A BAT CSV.
fn bat() -> SourceId {
    SourceId::new(3)
}

fn form_of(id: SourceId) -> SourceForm {
    match id.index() {
        0 => SourceForm::AxlGet,
        1 => SourceForm::AxlPartial,
        2 => SourceForm::Other,
        _ => SourceForm::BatCsv,
    }
}

fn at(source: SourceId) -> Span {
    Span::new(source, 0, 0)
}

fn text(value: &str) -> Spanned<Text> {
    Spanned::new(value.into(), at(get()))
}

fn texts(values: &[&str]) -> Vec<Spanned<Text>> {
    values.iter().map(|v| text(v)).collect()
}

/// A line on button `index` with DN `pattern@partition` (the model's normalised spelling).
fn line(index: u32, pattern: &str, partition: &str, max_calls: Option<u32>, busy: Option<u32>) -> Line {
    let mut line = Line::new(Spanned::new(index, at(get())), Spanned::new(DnKey::new(pattern, partition), at(get())));
    line.max_calls = max_calls.map(|n| Spanned::new(n, at(get())));
    line.busy_trigger = busy.map(|n| Spanned::new(n, at(get())));
    line
}

fn device(kind: DeviceKind, name: &str, source: SourceId, lines: Vec<Line>) -> Device {
    Device { lines, ..Device::new(kind, Spanned::new(name.into(), at(source)), at(source)) }
}

fn end_user(id: &str, source: SourceId, devices: &[&str], groups: &[&str]) -> EndUser {
    EndUser {
        controlled_devices: texts(devices),
        groups: texts(groups),
        ..EndUser::new(Spanned::new(id.into(), at(source)), at(source))
    }
}

fn app_user(name: &str, source: SourceId, devices: &[&str], profiles: &[&str], groups: &[&str]) -> AppUser {
    AppUser {
        name: Spanned::new(name.into(), at(source)),
        controlled_devices: texts(devices),
        controlled_profiles: texts(profiles),
        groups: texts(groups),
        span: at(source),
    }
}

fn set(object: ObjectKey, field: Field, before: &str, after: Value) -> Edit {
    Edit::Set { object, field, before: text(before), after }
}

fn add(object: ObjectKey, list: List, item: &str) -> Edit {
    Edit::Add { object, list, item: item.into() }
}

fn phone_key(name: &str) -> ObjectKey {
    ObjectKey::Phone(name.into())
}

/// The fixes of `edits`, the finding of each its position.
fn chosen(edits: &[Edit]) -> Vec<Chosen<'_>> {
    edits.iter().enumerate().map(|(finding, edit)| Chosen { finding, edit }).collect()
}

/// The requests for `edits`, each checked for structure against the doc.
fn write(cluster: &Cluster, edits: &[Edit]) -> AxlRequests {
    let written = requests(cluster, &chosen(edits), &form_of);
    for request in &written.requests {
        check_structure(request);
    }
    written
}

/// The one request of `written`.
fn only(written: &AxlRequests) -> &AxlRequest {
    assert_eq!(written.requests.len(), 1, "{written:#?}");
    &written.requests[0]
}

/// The reason each declined finding was given.
fn declined(written: &AxlRequests) -> BTreeMap<usize, String> {
    written.declined.iter().map(|d| (d.finding, d.reason.clone())).collect()
}

// ---------------------------------------------------------------------------------------------
// A small XML tree, as the requests parse.

#[derive(Debug)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn child(&self, name: &str) -> &Element {
        self.children.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no <{name}> in {self:#?}"))
    }

    fn names(&self) -> Vec<&str> {
        self.children.iter().map(|c| c.name.as_str()).collect()
    }

    /// The text of each descendant at `path`, in document order.
    fn texts_at(&self, path: &[&str]) -> Vec<String> {
        match path.split_first() {
            None => vec![self.text.clone()],
            Some((first, rest)) => {
                self.children.iter().filter(|c| c.name == *first).flat_map(|c| c.texts_at(rest)).collect()
            }
        }
    }
}

/// The request's root element and its comments.
fn parse(xml: &str) -> (Element, Vec<String>) {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Element> = Vec::new();
    let mut root = None;
    let mut comments = Vec::new();
    let start = |e: &quick_xml::events::BytesStart<'_>| Element {
        name: String::from_utf8(e.name().as_ref().to_vec()).expect("UTF-8 name"),
        attributes: e
            .attributes()
            .map(|a| {
                let a = a.expect("attribute");
                (
                    String::from_utf8(a.key.as_ref().to_vec()).expect("UTF-8 key"),
                    a.unescape_value().expect("attribute value").into_owned(),
                )
            })
            .collect(),
        text: String::new(),
        children: Vec::new(),
    };
    loop {
        match reader.read_event().unwrap_or_else(|e| panic!("not well-formed: {e}\n{xml}")) {
            Event::Start(e) => stack.push(start(&e)),
            Event::Empty(e) => {
                let element = start(&e);
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => root = Some(element),
                }
            }
            Event::End(_) => {
                let element = stack.pop().expect("balanced");
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => root = Some(element),
                }
            }
            Event::Text(t) => {
                let value = t.unescape().expect("text");
                if let Some(current) = stack.last_mut() {
                    current.text.push_str(&value);
                } else {
                    assert!(value.trim().is_empty(), "text outside the envelope: {value:?}");
                }
            }
            Event::Comment(c) => comments.push(String::from_utf8(c.to_vec()).expect("UTF-8 comment")),
            Event::Decl(_) => {}
            Event::Eof => break,
            other => panic!("unexpected {other:?} in\n{xml}"),
        }
    }
    (root.expect("a root element"), comments)
}

/// The text of an element that has no children, whitespace of the indentation aside.
fn leaf_text(element: &Element) -> &str {
    if element.children.is_empty() {
        &element.text
    } else {
        ""
    }
}

// ---------------------------------------------------------------------------------------------
// The schema, as the doc lists it.

/// One element of an `xsd:sequence`, with the children the doc expands.
#[derive(Debug)]
struct Node {
    name: String,
    min: u32,
    many: bool,
    children: Vec<Node>,
}

/// `shared/domain/axl-updates.md`: each operation's children, nested by indentation.
fn schema() -> BTreeMap<String, Vec<Node>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/domain/axl-updates.md");
    let doc = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut operations = BTreeMap::new();
    let mut current: Option<(String, Vec<(usize, Node)>)> = None;
    let mut finish = |current: Option<(String, Vec<(usize, Node)>)>| {
        if let Some((operation, flat)) = current {
            operations.insert(operation, nest(flat));
        }
    };
    for line in doc.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            finish(current.take());
            let operation = heading.split_whitespace().next().expect("an operation").to_owned();
            current = Some((operation, Vec::new()));
            continue;
        }
        let Some((_, flat)) = current.as_mut() else { continue };
        let trimmed = line.trim_start();
        let Some(item) = trimmed.strip_prefix("- ") else { continue };
        let depth = (line.len() - trimmed.len()) / 2;
        let name = item.split_whitespace().next().expect("a name").to_owned();
        let bounds = item.split('[').nth(1).and_then(|b| b.split(']').next()).expect("[min..max]");
        let (min, max) = bounds.split_once("..").expect("min..max");
        flat.push((depth, Node { name, min: min.parse().expect("min"), many: max == "n", children: Vec::new() }));
    }
    finish(current.take());
    operations
}

/// Nodes listed with their depth, as a tree.
fn nest(flat: Vec<(usize, Node)>) -> Vec<Node> {
    fn take(flat: &mut std::iter::Peekable<std::vec::IntoIter<(usize, Node)>>, depth: usize) -> Vec<Node> {
        let mut nodes = Vec::new();
        while let Some((d, _)) = flat.peek() {
            if *d < depth {
                break;
            }
            let (d, mut node) = flat.next().expect("peeked");
            assert_eq!(d, depth, "the doc skips a level at {}", node.name);
            node.children = take(flat, depth + 1);
            nodes.push(node);
        }
        nodes
    }
    take(&mut flat.into_iter().peekable(), 0)
}

/// Checks `element`'s children against `schema`: each a listed element, in the listed order,
/// repeated only where the list allows it, the required ones present; and so on down every
/// list the doc expands.
fn check_children(element: &Element, schema: &[Node], path: &str, top: bool) {
    let mut last: Option<usize> = None;
    for child in &element.children {
        let position = schema
            .iter()
            .position(|n| n.name == child.name)
            .unwrap_or_else(|| panic!("<{}> is not a child of {path} in the AXL 14.0 schema", child.name));
        if let Some(last) = last {
            assert!(
                position > last || (position == last && schema[position].many),
                "<{}> is out of the schema's order in {path}: {:?}",
                child.name,
                element.names()
            );
        }
        last = Some(position);
        if !schema[position].children.is_empty() {
            check_children(child, &schema[position].children, &format!("{path}/{}", child.name), false);
        } else {
            assert!(child.children.is_empty(), "{path}/{} is a leaf in the schema", child.name);
        }
    }
    // The identifying element and `uuid` at the top are a choice (checked by the caller), and so
    // are `line` and `lineIdentifier` in `lines`.
    if schema.iter().any(|n| n.name == "lineIdentifier") {
        assert!(!element.children.is_empty(), "{path} is empty");
        return;
    }
    for node in schema.iter().filter(|n| n.min > 0 && !top) {
        assert!(element.children.iter().any(|c| c.name == node.name), "{path} lacks its required <{}>", node.name);
    }
}

/// The request is one SOAP 1.1 envelope with one `ns:<operation>` whose children follow the
/// doc's list for the operation, identified by name or user ID and never by `uuid`.
fn check_structure(request: &AxlRequest) {
    let schema = schema();
    let operation = request.operation;
    let children = schema.get(operation).unwrap_or_else(|| panic!("{operation} is not in axl-updates.md"));
    let (envelope, comments) = parse(&request.xml);
    assert_eq!(envelope.name, "soapenv:Envelope");
    assert!(envelope
        .attributes
        .contains(&("xmlns:soapenv".to_owned(), "http://schemas.xmlsoap.org/soap/envelope/".to_owned())));
    assert_eq!(envelope.names(), ["soapenv:Header", "soapenv:Body"]);
    assert!(envelope.child("soapenv:Header").children.is_empty());
    let body = envelope.child("soapenv:Body");
    assert_eq!(body.names(), [format!("ns:{operation}")]);
    let request_element = &body.children[0];
    assert_eq!(request_element.attributes, [("xmlns:ns".to_owned(), "http://www.cisco.com/AXL/API/14.0".to_owned())]);
    check_children(request_element, children, operation, true);
    let id = match operation {
        "updatePhone" | "updateDeviceProfile" => "name",
        _ => "userid",
    };
    assert_eq!(request_element.children.first().map(|c| c.name.as_str()), Some(id));
    assert!(request_element.children.iter().all(|c| c.name != "uuid"));
    assert!(request_element.children.len() > 1, "a request that changes nothing");
    // The comments say how to send it, and hold nothing that could end a comment early.
    assert!(comments.iter().any(|c| c.contains(&format!("SOAPAction: \"CUCM:DB ver=14.0 {operation}\""))));
    assert!(comments.iter().all(|c| !c.contains("--") && !c.ends_with('-')));
    assert!(request.xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
}

// ---------------------------------------------------------------------------------------------
// The tests.

#[test]
fn the_doc_lists_what_the_writer_sends() {
    // The structure test is only as good as its reading of the doc: the lists it checks against.
    let schema = schema();
    let names = |nodes: &[Node]| nodes.iter().map(|n| n.name.clone()).collect::<Vec<_>>();
    let phone = &schema["updatePhone"];
    let lines = phone.iter().position(|n| n.name == "lines").expect("lines");
    let join = phone.iter().position(|n| n.name == "joinAcrossLines").expect("joinAcrossLines");
    let cti = phone.iter().position(|n| n.name == "allowCtiControlFlag").expect("allowCtiControlFlag");
    assert!(lines < join && join < cti);
    let line = &phone[lines].children[0];
    assert_eq!(line.name, "line");
    assert!(line.many);
    assert_eq!(names(&line.children)[..4], ["index", "label", "display", "dirn"]);
    assert_eq!(names(&line.children[3].children), ["pattern", "routePartitionName"]);
    assert!(schema["updateDeviceProfile"].iter().all(|n| n.name != "allowCtiControlFlag"));
    assert_eq!(names(&schema["updateAppUser"][..2]), ["uuid", "userid"]);
}

#[test]
fn a_line_edit_sends_every_line_of_the_device_with_the_change_in_schema_order() {
    let mut cluster = Cluster::default();
    // Read out of button order, with an E.164 DN in the None partition on button 2.
    cluster.phones.push(device(
        DeviceKind::Phone,
        "SEP001122334455",
        get(),
        vec![line(2, "\\+14085554019", "", Some(4), Some(2)), line(1, "4001", "PT_Internal", Some(4), None)],
    ));
    let edits = [set(phone_key("SEP001122334455"), Field::LineMaxCalls { line: 2 }, "4", Value::Number(2))];
    let written = write(&cluster, &edits);
    assert!(written.declined.is_empty(), "{:?}", written.declined);
    let request = only(&written);
    assert_eq!(request.file_name, "001-updatePhone-SEP001122334455.xml");
    assert_eq!(request.operation, "updatePhone");
    assert_eq!(request.object, phone_key("SEP001122334455"));
    assert_eq!(request.findings, [0]);

    let (envelope, _) = parse(&request.xml);
    let update = &envelope.child("soapenv:Body").children[0];
    assert_eq!(update.names(), ["name", "lines"]);
    assert_eq!(leaf_text(update.child("name")), "SEP001122334455");
    let lines = &update.child("lines").children;
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].names(), ["index", "dirn", "maxNumCalls"]);
    assert_eq!(lines[1].names(), ["index", "dirn", "maxNumCalls", "busyTrigger"]);
    assert_eq!(update.texts_at(&["lines", "line", "index"]), ["1", "2"]);
    assert_eq!(update.texts_at(&["lines", "line", "dirn", "pattern"]), ["4001", "\\+14085554019"]);
    assert_eq!(update.texts_at(&["lines", "line", "dirn", "routePartitionName"]), ["PT_Internal", ""]);
    // Line 1 as the export shows it, line 2 changed.
    assert_eq!(update.texts_at(&["lines", "line", "maxNumCalls"]), ["4", "2"]);
    assert_eq!(update.texts_at(&["lines", "line", "busyTrigger"]), ["2"]);
    assert!(request.xml.contains("<routePartitionName/>"));

    assert_eq!(request.notes.len(), 1);
    let note = &request.notes[0];
    assert!(note.contains("`lines` replaces the phone's whole line list"), "{note}");
    assert!(note.contains("sends the 2 lines the export shows"), "{note}");
    assert!(note.contains("index, dirn (pattern, routePartitionName), maxNumCalls, busyTrigger"), "{note}");
    assert!(note.contains("BAT file"), "{note}");
}

#[test]
fn the_edits_of_one_object_merge_into_one_request() {
    let mut cluster = Cluster::default();
    cluster.phones.push(device(
        DeviceKind::Phone,
        "SEPAAAA00000001",
        bat(),
        vec![line(1, "4001", "PT", Some(4), Some(2)), line(2, "4002", "PT", None, None)],
    ));
    let key = phone_key("SEPAAAA00000001");
    let edits = [
        set(key.clone(), Field::DeviceAllowCti, "f", Value::Bool(true)),
        set(key.clone(), Field::LineMaxCalls { line: 1 }, "4", Value::Number(2)),
        set(key.clone(), Field::LineBusyTrigger { line: 1 }, "2", Value::Number(1)),
        set(key.clone(), Field::DeviceJoinAcrossLines, "On", Value::Status("Off")),
        // A second finding asking for the same change rides along.
        set(key.clone(), Field::LineMaxCalls { line: 1 }, "4", Value::Number(2)),
        set(key.clone(), Field::DeviceCommonDeviceConfig, "CDC_Dual", Value::Name("CDC_<v4>".into())),
    ];
    let written = write(&cluster, &edits);
    assert!(written.declined.is_empty(), "{:?}", written.declined);
    let request = only(&written);
    assert_eq!(request.findings, [0, 1, 2, 3, 4, 5]);
    let (envelope, _) = parse(&request.xml);
    let update = &envelope.child("soapenv:Body").children[0];
    assert_eq!(update.names(), ["name", "commonDeviceConfigName", "lines", "joinAcrossLines", "allowCtiControlFlag"]);
    assert_eq!(update.texts_at(&["commonDeviceConfigName"]), ["CDC_<v4>"]);
    assert!(request.xml.contains("<commonDeviceConfigName>CDC_&lt;v4&gt;</commonDeviceConfigName>"));
    assert_eq!(update.texts_at(&["lines", "line", "maxNumCalls"]), ["2"]);
    assert_eq!(update.texts_at(&["lines", "line", "busyTrigger"]), ["1"]);
    assert_eq!(update.texts_at(&["joinAcrossLines"]), ["Off"]);
    assert_eq!(update.texts_at(&["allowCtiControlFlag"]), ["true"]);
    // Line 2 has neither setting in the export, and gets none.
    assert_eq!(update.child("lines").children[1].names(), ["index", "dirn"]);
    // Only the changed lines' settings are named in the note; moving to another CDC has its own.
    assert!(request.notes.iter().any(|n| n.contains("maxNumCalls, busyTrigger where")), "{:?}", request.notes);
    assert!(request.notes.iter().any(|n| n.contains("all of that CDC's settings")), "{:?}", request.notes);
}

#[test]
fn two_fixes_that_disagree_are_both_declined() {
    let mut cluster = Cluster::default();
    cluster.device_profiles.push(device(
        DeviceKind::DeviceProfile,
        "UDP_agent01",
        get(),
        vec![line(1, "4001", "PT", Some(4), Some(2))],
    ));
    let key = ObjectKey::DeviceProfile("UDP_agent01".into());
    let edits = [
        set(key.clone(), Field::LineMaxCalls { line: 1 }, "4", Value::Number(2)),
        set(key.clone(), Field::LineMaxCalls { line: 1 }, "4", Value::Number(3)),
        set(key.clone(), Field::LineBusyTrigger { line: 1 }, "2", Value::Number(1)),
    ];
    let written = write(&cluster, &edits);
    let reasons = declined(&written);
    assert_eq!(reasons.keys().copied().collect::<Vec<_>>(), [0, 1]);
    assert!(reasons[&0].contains("different value"), "{reasons:?}");
    let request = only(&written);
    assert_eq!(request.operation, "updateDeviceProfile");
    assert_eq!(request.findings, [2]);
    let (envelope, _) = parse(&request.xml);
    let update = &envelope.child("soapenv:Body").children[0];
    assert_eq!(update.texts_at(&["lines", "line", "maxNumCalls"]), ["4"]);
    assert_eq!(update.texts_at(&["lines", "line", "busyTrigger"]), ["1"]);
}

#[test]
fn list_adds_send_the_whole_list_once() {
    let mut cluster = Cluster::default();
    cluster.app_users.push(app_user("rmcm", get(), &["SEP1", "SEP2", "SEP1"], &["UDP1"], &["Standard CTI Enabled"]));
    cluster.end_users.push(end_user("agent01", bat(), &["SEP1"], &["Standard CCM End Users"]));
    let rmcm = ObjectKey::AppUser("rmcm".into());
    let agent = ObjectKey::User("agent01".into());
    let edits = [
        add(rmcm.clone(), List::ControlledDevices, "SEP3"),
        add(rmcm.clone(), List::ControlledDevices, "SEP3"),
        add(rmcm.clone(), List::ControlledProfiles, "UDP2"),
        add(rmcm.clone(), List::Groups, "Standard CTI Allow Control of Phones supporting Connected Xfer and conf"),
        // Already there: nothing to change.
        add(rmcm.clone(), List::ControlledDevices, "SEP2"),
        add(agent.clone(), List::Groups, "Standard CTI Enabled"),
        set(agent.clone(), Field::UserEnableCti, "f", Value::Bool(true)),
        add(rmcm.clone(), List::ControlledDevices, "SEP0"),
    ];
    let written = write(&cluster, &edits);
    // Items are added in the order of their findings, whatever the order of the fixes given.
    let mut backward = chosen(&edits);
    backward.reverse();
    assert_eq!(written, requests(&cluster, &backward, &form_of));
    let reasons = declined(&written);
    assert_eq!(reasons.keys().copied().collect::<Vec<_>>(), [4]);
    assert!(reasons[&4].contains("already in the list"), "{reasons:?}");
    assert_eq!(written.requests.len(), 2);

    let user = &written.requests[0];
    assert_eq!(user.file_name, "001-updateUser-agent01.xml");
    assert_eq!(user.findings, [5, 6]);
    let (envelope, _) = parse(&user.xml);
    let update = &envelope.child("soapenv:Body").children[0];
    assert_eq!(update.names(), ["userid", "associatedGroups", "enableCti"]);
    assert_eq!(
        update.texts_at(&["associatedGroups", "userGroup", "name"]),
        ["Standard CCM End Users", "Standard CTI Enabled"]
    );
    assert_eq!(update.texts_at(&["enableCti"]), ["true"]);
    assert!(user.notes.iter().any(|n| n.contains("`associatedGroups` replaces") && n.contains("sends the 1")));
    assert!(user.notes.iter().any(|n| n.contains("without `userRoles`")));

    let app = &written.requests[1];
    assert_eq!(app.file_name, "002-updateAppUser-rmcm.xml");
    assert_eq!(app.findings, [0, 1, 2, 3, 7]);
    let (envelope, _) = parse(&app.xml);
    let update = &envelope.child("soapenv:Body").children[0];
    assert_eq!(update.names(), ["userid", "associatedDevices", "associatedGroups", "ctiControlledDeviceProfiles"]);
    assert_eq!(update.texts_at(&["associatedDevices", "device"]), ["SEP1", "SEP2", "SEP3", "SEP0"]);
    assert_eq!(update.texts_at(&["ctiControlledDeviceProfiles", "deviceProfile"]), ["UDP1", "UDP2"]);
    assert_eq!(update.texts_at(&["associatedGroups", "userGroup", "name"]).len(), 2);
    assert!(app
        .notes
        .iter()
        .any(|n| n.contains("`associatedDevices` replaces") && n.contains("the 2 the export shows and 2 added")));
}

#[test]
fn hostile_names_are_escaped_and_names_xml_cannot_carry_are_declined() {
    let hostile = "SEP<a&b>\"c'--d]]>\u{202e}e\t";
    let bell = "SEP\x07BELL";
    let mut cluster = Cluster::default();
    cluster.phones.push(device(DeviceKind::Phone, hostile, get(), Vec::new()));
    cluster.phones.push(device(DeviceKind::Phone, bell, get(), Vec::new()));
    cluster.app_users.push(app_user("rmcm&<x>", get(), &["a<b"], &[], &[]));
    cluster.app_users.push(app_user("rmcm2", get(), &["SEP\x01"], &[], &[]));
    let edits = [
        set(phone_key(hostile), Field::DeviceAllowCti, "false", Value::Bool(true)),
        set(phone_key(bell), Field::DeviceAllowCti, "false", Value::Bool(true)),
        add(ObjectKey::AppUser("rmcm&<x>".into()), List::ControlledDevices, "--><!-- x&y"),
        // The export's list holds a name XML cannot carry: the list cannot be sent whole.
        add(ObjectKey::AppUser("rmcm2".into()), List::ControlledDevices, "SEP2"),
        add(ObjectKey::AppUser("rmcm&<x>".into()), List::Groups, "G\u{ffff}"),
    ];
    let written = write(&cluster, &edits);
    let reasons = declined(&written);
    assert_eq!(reasons.keys().copied().collect::<Vec<_>>(), [1, 3, 4]);
    assert!(reasons.values().all(|r| r.contains("XML 1.0 cannot carry")), "{reasons:?}");
    // No reason repeats export text.
    assert!(reasons.values().all(|r| !r.contains("BELL") && !r.contains("SEP2")), "{reasons:?}");
    assert_eq!(written.requests.len(), 2);

    let phone = &written.requests[0];
    assert_eq!(phone.file_name, "001-updatePhone-SEP_a_b__c_--d____e_.xml");
    let (envelope, comments) = parse(&phone.xml);
    assert_eq!(leaf_text(envelope.child("soapenv:Body").children[0].child("name")), hostile);
    assert!(phone.xml.contains("&#x202E;") && phone.xml.contains("&#9;"), "{}", phone.xml);
    assert!(comments.iter().all(|c| !c.contains("SEP")));

    let app = &written.requests[1];
    assert_eq!(app.file_name, "002-updateAppUser-rmcm__x_.xml");
    let (envelope, comments) = parse(&app.xml);
    let update = &envelope.child("soapenv:Body").children[0];
    assert_eq!(leaf_text(update.child("userid")), "rmcm&<x>");
    assert_eq!(update.texts_at(&["associatedDevices", "device"]), ["a<b", "--><!-- x&y"]);
    assert_eq!(comments.len(), 2, "{comments:?}");
}

#[test]
fn fixes_that_cannot_be_written_are_declined_with_the_reason() {
    let mut cluster = Cluster::default();
    cluster.phones.push(device(DeviceKind::Phone, "SEPLIST", partial(), vec![line(1, "4001", "PT", Some(4), None)]));
    cluster.phones.push(device(DeviceKind::Phone, "SEPONE", get(), vec![line(1, "4001", "PT", Some(4), None)]));
    cluster.phones.push(device(
        DeviceKind::Phone,
        "SEPTWICE",
        get(),
        vec![line(1, "4001", "PT", Some(4), None), line(1, "4002", "PT", Some(4), None)],
    ));
    cluster.phones.push(device(DeviceKind::Phone, "SEPBUSY", get(), vec![line(1, "4001", "PT", Some(4), Some(3))]));
    let mut intercom = device(DeviceKind::Phone, "SEPICOM", bat(), vec![line(1, "4001", "PT", Some(4), None)]);
    intercom.intercom_lines.push(IntercomLine {
        dn: Spanned::new(DnKey::new("8001", "PT_Intercom"), at(bat())),
        default_activated_device: None,
    });
    cluster.phones.push(intercom);
    cluster.device_profiles.push(device(DeviceKind::DeviceProfile, "UDP1", get(), Vec::new()));
    cluster.app_users.push(app_user("rmcm_list", partial(), &["SEP1"], &[], &[]));
    cluster.app_users.push(app_user("uccx_only", other(), &["SEP1"], &[], &[]));
    cluster.end_users.push(end_user("agent01", get(), &[], &[]));
    let edits = [
        // 0: not in the export.
        set(phone_key("SEPGONE"), Field::DeviceAllowCti, "f", Value::Bool(true)),
        // 1: updateDeviceProfile has no allowCtiControlFlag.
        set(ObjectKey::DeviceProfile("UDP1".into()), Field::DeviceAllowCti, "f", Value::Bool(true)),
        // 2: the lines of a list response.
        set(phone_key("SEPLIST"), Field::LineMaxCalls { line: 1 }, "4", Value::Number(2)),
        // 3, 4: the lists of a list response and of a file that is not a CUCM export.
        add(ObjectKey::AppUser("rmcm_list".into()), List::ControlledDevices, "SEP2"),
        add(ObjectKey::AppUser("uccx_only".into()), List::ControlledDevices, "SEP2"),
        // 5: no line 3.
        set(phone_key("SEPONE"), Field::LineMaxCalls { line: 3 }, "4", Value::Number(2)),
        // 6: two lines on one button.
        set(phone_key("SEPTWICE"), Field::LineMaxCalls { line: 1 }, "4", Value::Number(2)),
        // 7: an end user's profiles are not its CTI controlled profiles.
        add(ObjectKey::User("agent01".into()), List::ControlledProfiles, "UDP1"),
        // 8: a field of another kind of object.
        set(ObjectKey::User("agent01".into()), Field::DeviceJoinAcrossLines, "On", Value::Status("Off")),
        // 9: not an object AXL update requests are written for here.
        set(ObjectKey::Dn(DnKey::new("4001", "PT")), Field::DeviceAllowCti, "f", Value::Bool(true)),
        // 10: a value of the wrong kind.
        set(phone_key("SEPONE"), Field::DeviceAllowCti, "f", Value::Number(1)),
        // 11: a status CUCM does not have.
        set(phone_key("SEPONE"), Field::DeviceJoinAcrossLines, "On", Value::Status("Maybe")),
        // 12: an empty item.
        add(ObjectKey::User("agent01".into()), List::Groups, " "),
        // 13: Maximum Number of Calls 2 under a Busy Trigger of 3.
        set(phone_key("SEPBUSY"), Field::LineMaxCalls { line: 1 }, "4", Value::Number(2)),
        // 14: a device with intercom lines, which `lines` would not carry.
        set(phone_key("SEPICOM"), Field::LineMaxCalls { line: 1 }, "4", Value::Number(2)),
    ];
    let written = write(&cluster, &edits);
    assert!(written.requests.is_empty(), "{:#?}", written.requests);
    let reasons = declined(&written);
    assert_eq!(reasons.len(), edits.len(), "{reasons:#?}");
    let expect = [
        (0, "not in the export"),
        (1, "updateDeviceProfile has no allowCtiControlFlag"),
        (2, "replace the line list"),
        (3, "AXL would replace the list with it"),
        (4, "AXL would replace the list with it"),
        (5, "no line 3"),
        (6, "two lines on one button"),
        (7, "Controlled Profiles (phoneProfiles)"),
        (8, "updateUser has no element for Join Across Lines"),
        (9, "phones, device profiles, end users and application users only"),
        (10, "wrong kind"),
        (11, "On, Off or Default"),
        (12, "empty"),
        (13, "Busy Trigger above its Maximum Number of Calls"),
        (14, "intercom lines"),
    ];
    for (finding, words) in expect {
        assert!(reasons[&finding].contains(words), "finding {finding}: {:?}", reasons[&finding]);
    }
    // Declined in finding order.
    assert!(written.declined.windows(2).all(|w| w[0].finding <= w[1].finding));
}

#[test]
fn requests_are_numbered_devices_first_then_users_then_application_users_by_name() {
    let mut cluster = Cluster::default();
    for name in ["SEPB", "SEPA"] {
        cluster.phones.push(device(DeviceKind::Phone, name, get(), Vec::new()));
    }
    cluster.device_profiles.push(device(DeviceKind::DeviceProfile, "AAA_profile", get(), Vec::new()));
    cluster.end_users.push(end_user("aaa_user", get(), &[], &[]));
    cluster.app_users.push(app_user("AAA_app", get(), &[], &[], &[]));
    let edits = [
        add(ObjectKey::AppUser("AAA_app".into()), List::ControlledDevices, "SEPA"),
        set(ObjectKey::User("aaa_user".into()), Field::UserEnableCti, "f", Value::Bool(true)),
        set(ObjectKey::DeviceProfile("AAA_profile".into()), Field::DeviceJoinAcrossLines, "On", Value::Status("Off")),
        set(phone_key("SEPB"), Field::DeviceAllowCti, "f", Value::Bool(true)),
        set(phone_key("SEPA"), Field::DeviceAllowCti, "f", Value::Bool(true)),
    ];
    let forward = chosen(&edits);
    let mut backward = forward.clone();
    backward.reverse();
    let written = requests(&cluster, &forward, &form_of);
    let names: Vec<&str> = written.requests.iter().map(|r| r.file_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "001-updatePhone-SEPA.xml",
            "002-updatePhone-SEPB.xml",
            "003-updateDeviceProfile-AAA_profile.xml",
            "004-updateUser-aaa_user.xml",
            "005-updateAppUser-AAA_app.xml",
        ]
    );
    assert_eq!(written, requests(&cluster, &backward, &form_of), "the order of the fixes given changed the output");
    for request in &written.requests {
        check_structure(request);
    }
}

#[test]
fn numbers_widen_past_999_requests_and_names_stay_unique() {
    let mut cluster = Cluster::default();
    let names: Vec<String> = (0..1000).map(|i| format!("SEP{i:012}")).collect();
    // Two names that reduce to the same file name part.
    let clash = ["SEP a", "SEP_a"];
    for name in names.iter().map(String::as_str).chain(clash) {
        cluster.phones.push(device(DeviceKind::Phone, name, get(), Vec::new()));
    }
    let edits: Vec<Edit> = names
        .iter()
        .map(String::as_str)
        .chain(clash)
        .map(|name| set(phone_key(name), Field::DeviceAllowCti, "f", Value::Bool(true)))
        .collect();
    let written = requests(&cluster, &chosen(&edits), &form_of);
    assert_eq!(written.requests.len(), 1002);
    // By name: a space sorts before the digits, an underscore after them.
    assert_eq!(written.requests[0].file_name, "0001-updatePhone-SEP_a.xml");
    assert_eq!(written.requests[1].file_name, "0002-updatePhone-SEP000000000000.xml");
    assert_eq!(written.requests[1001].file_name, "1002-updatePhone-SEP_a.xml");
    let mut files: Vec<&str> = written.requests.iter().map(|r| r.file_name.as_str()).collect();
    files.sort_unstable();
    files.dedup();
    assert_eq!(files.len(), 1002);
}

#[test]
fn the_comment_names_the_codes_of_the_findings_fixed() {
    static UCCX006: Code = Code {
        id: "UCCX006",
        name: "ipcc-line-max-calls-not-two",
        family: Family::Uccx,
        severity: Severity::Warning,
        status: Status::Stable,
        summary: "",
    };
    let mut cluster = Cluster::default();
    cluster.phones.push(device(DeviceKind::Phone, "SEP1", get(), vec![line(1, "4001", "", Some(4), None)]));
    let edits = [set(phone_key("SEP1"), Field::LineMaxCalls { line: 1 }, "4", Value::Number(2))];
    let written = requests_with_codes(&cluster, &chosen(&edits), &form_of, &|f| (f == 0).then_some(&UCCX006));
    let request = only(&written);
    check_structure(request);
    let (_, comments) = parse(&request.xml);
    assert!(comments.iter().any(|c| c.contains("Fixes: UCCX006 (finding 0)")), "{comments:?}");
    let (_, comments) = parse(&only(&write(&cluster, &edits)).xml);
    assert!(comments.iter().any(|c| c.contains("Fixes: finding 0")), "{comments:?}");
}

#[test]
fn no_request_carries_a_secret() {
    // The only elements written are the ones the fixes name; none of them is a credential, and
    // a user whose export has digest credentials gets none in the request.
    let mut cluster = Cluster::default();
    let mut user = end_user("agent01", get(), &["SEP1"], &[]);
    user.digest_credentials = Some(Spanned::new(true, at(get())));
    cluster.end_users.push(user);
    let edits = [
        add(ObjectKey::User("agent01".into()), List::ControlledDevices, "SEP2"),
        set(ObjectKey::User("agent01".into()), Field::UserEnableCti, "f", Value::Bool(true)),
    ];
    let request = only(&write(&cluster, &edits)).clone();
    for secret in ["password", "pin", "digest", "Credentials"] {
        assert!(!request.xml.to_ascii_lowercase().contains(&secret.to_ascii_lowercase()), "{}", request.xml);
    }
}
