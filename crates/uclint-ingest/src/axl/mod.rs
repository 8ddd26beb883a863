//! AXL SOAP responses saved by a script (zeep, Postman, curl): `get*`, `list*` and
//! `executeSQLQuery` (formats.md §3, §12).
//!
//! A response is recognised by content: an element whose local name ends in `Response` and whose
//! namespace is `http://www.cisco.com/AXL/API/<version>`, inside a SOAP envelope or on its own.
//! A file may hold several. Children are unqualified and matched by local name; an empty or
//! `xsi:nil` element means unset; `uuid` attributes are ignored (objects are keyed by name).
//!
//! `get*` and `list*` responses share the object readers: a `list*` response simply lacks the
//! collections the rules need, which [`list_warning`] names along with the call that has them.

mod config;
mod devices;
mod dial_plan;
mod sql;
mod users;

use uclint_model::{DataGap, DataSet, Text};

use crate::codes;
use crate::xml::{Document, Element};
use crate::FileParse;

/// The namespace prefix of every AXL version's schema.
pub const AXL_NAMESPACE: &str = "http://www.cisco.com/AXL/API/";

/// The AXL response elements in a document, in document order: each `*Response` element in an
/// AXL namespace, wherever it stands (in a SOAP `Body`, at the top level, or in a wrapper).
pub fn responses(doc: &Document) -> Vec<Element<'_>> {
    let mut found = Vec::new();
    let mut stack: Vec<Element<'_>> = doc.roots().collect();
    stack.reverse();
    while let Some(element) = stack.pop() {
        let in_axl = element.namespace().is_some_and(|ns| ns.starts_with(AXL_NAMESPACE));
        if in_axl && element.name().ends_with("Response") {
            found.push(element);
        } else {
            let at = stack.len();
            stack.extend(element.children());
            stack[at..].reverse();
        }
    }
    found
}

/// A SOAP fault: what AXL sends back instead of data when a request fails (formats.md §3), e.g.
/// axlcode 5007 "Item not valid" for a `getPhone` of a device that does not exist.
#[derive(Debug)]
pub struct Fault {
    /// `faultcode`, e.g. `soapenv:Server`.
    pub faultcode: Option<Text>,
    /// `faultstring`: the human-readable summary.
    pub faultstring: Option<Text>,
    /// `detail/axlError/axlcode`, AXL's own error number.
    pub axlcode: Option<Text>,
    /// `detail/axlError/axlmessage`, AXL's own message.
    pub axlmessage: Option<Text>,
    /// The span to report: the `axlmessage` text when there is one, else the `Fault` start tag.
    pub span: uclint_model::Span,
}

impl std::fmt::Display for Fault {
    /// `axlcode 5007, axlmessage "Item not valid…" (faultcode soapenv:Server, faultstring "…")`,
    /// leaving out the parts the fault does not have.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut main = Vec::new();
        if let Some(code) = &self.axlcode {
            main.push(format!("axlcode {code}"));
        }
        if let Some(message) = &self.axlmessage {
            main.push(format!("axlmessage \"{message}\""));
        }
        let mut soap = Vec::new();
        if let Some(code) = &self.faultcode {
            soap.push(format!("faultcode {code}"));
        }
        // The faultstring usually repeats the axlmessage; say it only when it adds something.
        if let Some(string) = self.faultstring.as_ref().filter(|s| Some(*s) != self.axlmessage.as_ref()) {
            soap.push(format!("faultstring \"{string}\""));
        }
        match (main.is_empty(), soap.is_empty()) {
            (true, true) => write!(f, "a fault with no code or message"),
            (true, false) => write!(f, "{}", soap.join(", ")),
            (false, true) => write!(f, "{}", main.join(", ")),
            (false, false) => write!(f, "{} ({})", main.join(", "), soap.join(", ")),
        }
    }
}

/// The first SOAP fault in the document, if it holds one. `faultcode` and `faultstring` are
/// unqualified in SOAP 1.1; the AXL detail is `detail/axlError/{axlcode, axlmessage}`.
pub fn fault(doc: &Document) -> Option<Fault> {
    let mut stack: Vec<Element<'_>> = doc.roots().collect();
    stack.reverse();
    while let Some(element) = stack.pop() {
        if element.name() == "Fault" {
            let text = |path: &[&str]| element.text_at(path).map(|s| s.value);
            let message = element.text_at(&["detail", "axlError", "axlmessage"]);
            return Some(Fault {
                faultcode: text(&["faultcode"]),
                faultstring: text(&["faultstring"]),
                axlcode: text(&["detail", "axlError", "axlcode"]),
                span: message.as_ref().map_or(element.tag(), |m| m.span),
                axlmessage: message.map(|m| m.value),
            });
        }
        let at = stack.len();
        stack.extend(element.children());
        stack[at..].reverse();
    }
    None
}

/// Whether the children of `parent` (a `return` in `response`) are records that
/// [`read_record`] reads one by one, as the XML reader finishes each: those of every AXL
/// response but `executeSQLQuery`, whose rows are read together.
pub fn holds_records(response: Element<'_>, parent: Element<'_>) -> bool {
    parent.name() == "return"
        && response.name().ends_with("Response")
        && response.name() != "executeSQLQueryResponse"
        && response.namespace().is_some_and(|ns| ns.starts_with(AXL_NAMESPACE))
}

/// Records already read from each response as the file was read ([`holds_records`]), by the
/// start of the response's start tag.
pub type ReadRecords = rustc_hash::FxHashMap<u32, usize>;

/// Reads every response into `parse.cluster` and describes what was read, for the file list:
/// the schema versions from the namespaces, then the operations, e.g. `14.0 getPhone` or
/// `14.0 executeSQLQuery (device lines)`. `read_records` says how many records of each
/// response [`read_record`] has read already.
pub fn read(parse: &mut FileParse<'_>, responses: &[Element<'_>], read_records: &ReadRecords) -> String {
    let mut versions: Vec<&str> = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    for &response in responses {
        let version = response.namespace().and_then(|ns| ns.strip_prefix(AXL_NAMESPACE)).unwrap_or("");
        if !version.is_empty() && !versions.contains(&version) {
            versions.push(version);
        }
        let operation = response.name().trim_end_matches("Response");
        let already = read_records.get(&response.tag().start).copied().unwrap_or(0);
        let label = read_response(parse, operation, response, already);
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    format!("{} {}", versions.join("/"), labels.join(", ")).trim_start().to_owned()
}

fn read_response(parse: &mut FileParse<'_>, operation: &str, response: Element<'_>, already: usize) -> String {
    let records = response.child("return").filter(|r| already > 0 || r.has_children());
    if operation.starts_with("get") && records.is_none() {
        // A get* names one object and AXL answers a missing one with a fault, so an empty
        // result means the script saved nothing; the object is not in the export. The data set
        // is not marked present, so rules that need it are skipped rather than run on nothing.
        let message = format!(
            "this {operation} response has an empty <return/>: it holds no {object}, so nothing was read \
             from this file; export it again",
            object = operation.trim_start_matches("get"),
        );
        let span = response.child("return").map_or(response.tag(), |r| r.tag());
        parse.report(codes::AXL_ERROR_RESPONSE.at(parse.path, span, message));
        return operation.to_owned();
    }
    let Some(records) = response.child("return") else { return operation.to_owned() };
    if operation == "executeSQLQuery" {
        let kinds = sql::read(parse, records);
        if kinds.is_empty() {
            return operation.to_owned();
        }
        return format!("{operation} ({})", kinds.join(", "));
    }
    if let Some(data) = data_set(operation) {
        parse.cluster.present.insert(data);
    }
    for record in records.children() {
        read_record(parse, record);
    }
    if let Some(message) = list_warning(operation) {
        parse.report(codes::LIST_RESPONSE.at(parse.path, response.tag(), message));
        if let (Some(data), Some((missing, _))) = (data_set(operation), list_gap(operation)) {
            let export = operation.to_owned();
            let gap = DataGap { export, missing: missing.to_owned(), data, incomplete: true, span: response.tag() };
            parse.cluster.data_gaps.push(gap);
        }
    }
    operation.to_owned()
}

/// Reads one record of a `get*` or `list*` response (a child of its `return`) into
/// `parse.cluster`, by its element name; other elements are not records uclint reads.
pub fn read_record(parse: &mut FileParse<'_>, record: Element<'_>) {
    match record.name().as_str() {
        "phone" => devices::phone(parse, record),
        "deviceProfile" => devices::device_profile(parse, record),
        "user" => users::end_user(parse, record),
        "appUser" => users::app_user(parse, record),
        "commonDeviceConfig" => config::common_device_config(parse, record),
        "lineGroup" => config::line_group(parse, record),
        "serviceParameter" => config::service_parameter(parse, record),
        "ldapAuthentication" => config::ldap_authentication(parse, record),
        "line" => config::directory_number(parse, record),
        "ipPhoneServices" => config::phone_service(parse, record),
        "ucService" => config::uc_service(parse, record),
        "credentialPolicy" => config::credential_policy(parse, record),
        "phoneSecurityProfile" => config::phone_security_profile(parse, record),
        "routePartition" => dial_plan::route_partition(parse, record),
        "css" => dial_plan::css(parse, record),
        "routePattern" => dial_plan::route_pattern(parse, record),
        "transPattern" => dial_plan::trans_pattern(parse, record),
        "huntPilot" => dial_plan::hunt_pilot(parse, record),
        "huntList" => dial_plan::hunt_list(parse, record),
        "routeList" => dial_plan::route_list(parse, record),
        "sipTrunk" => dial_plan::sip_trunk(parse, record),
        _ => {}
    }
}

/// The kind of data an operation returns, for the operations uclint reads.
fn data_set(operation: &str) -> Option<DataSet> {
    let object = operation.strip_prefix("get").or_else(|| operation.strip_prefix("list"))?;
    Some(match object {
        "Phone" => DataSet::Phones,
        "DeviceProfile" => DataSet::DeviceProfiles,
        "User" => DataSet::EndUsers,
        "AppUser" => DataSet::AppUsers,
        "CommonDeviceConfig" => DataSet::CommonDeviceConfigs,
        "LineGroup" => DataSet::LineGroups,
        "ServiceParameter" => DataSet::ServiceParameters,
        "LdapAuthentication" => DataSet::LdapAuthentication,
        "Line" => DataSet::DirectoryNumbers,
        "IpPhoneServices" => DataSet::PhoneServices,
        "UcService" => DataSet::UcServices,
        "CredentialPolicy" => DataSet::CredentialPolicies,
        "PhoneSecurityProfile" => DataSet::PhoneSecurityProfiles,
        "RoutePartition" => DataSet::Partitions,
        "Css" => DataSet::CallingSearchSpaces,
        "RoutePattern" => DataSet::RoutePatterns,
        "TransPattern" => DataSet::TranslationPatterns,
        "HuntPilot" => DataSet::HuntPilots,
        "HuntList" => DataSet::HuntLists,
        "RouteList" => DataSet::RouteLists,
        "SipTrunk" => DataSet::Trunks,
        _ => return None,
    })
}

/// What a `list*` response leaves out (formats.md §3, checked in the 11.0 to 15.0 schemas) and
/// which call or query supplies it.
pub fn list_warning(operation: &str) -> Option<String> {
    let (missing, instead) = list_gap(operation)?;
    Some(format!(
        "{operation} returns summary records without {missing}, so rules that need them find nothing \
         in this file; export {instead}"
    ))
}

/// What a `list*` response leaves out and which call or query supplies it; `None` for
/// operations that are not `list*` or whose summary records hold everything uclint reads.
fn list_gap(operation: &str) -> Option<(&'static str, &'static str)> {
    let object = operation.strip_prefix("list")?;
    Some(match object {
        "Phone" => (
            "lines",
            "getPhone for each device, or executeSQLQuery over devicenumplanmap joined with numplan and routepartition",
        ),
        "DeviceProfile" => (
            "lines",
            "getDeviceProfile for each profile, or executeSQLQuery over devicenumplanmap joined with numplan and routepartition",
        ),
        "User" => (
            "associatedDevices, ipccExtension and digestCredentials",
            "getUser for each user, or executeSQLQuery over endusernumplanmap (tkdnusage 2) and enduserdevicemap",
        ),
        "AppUser" => (
            "associatedDevices, ctiControlledDeviceProfiles and associatedGroups",
            "getAppUser for each application user, or executeSQLQuery over applicationuserdevicemap",
        ),
        "Line" => ("associatedDevices", "getLine for each directory number"),
        "LineGroup" => ("members", "getLineGroup for each line group"),
        // [I] Not checked in the schemas: taken to lack their members, as `LLineGroup` does.
        "Css" => ("members", "getCss for each calling search space"),
        "HuntList" => ("members", "getHuntList for each hunt list"),
        "RouteList" => ("members", "getRouteList for each route list"),
        // The trunk's name is all uclint reads of it.
        "SipTrunk" => return None,
        // listUcService returns the fields uclint reads (type, host, port, protocol).
        "UcService" => return None,
        // listCredentialPolicy returns inactiveDaysAllowed, the one field uclint reads.
        "CredentialPolicy" => return None,
        // LPhoneSecurityProfile has the name and Device Security Mode the rules read.
        "PhoneSecurityProfile" => return None,
        _ => ("the fields only get responses return", "the matching get call for each object"),
    })
}
