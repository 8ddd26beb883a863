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
mod sql;
mod users;

use uclint_model::DataSet;

use crate::codes;
use crate::xml::{Document, Element};
use crate::FileParse;

/// The namespace prefix of every AXL version's schema.
pub const AXL_NAMESPACE: &str = "http://www.cisco.com/AXL/API/";

/// The AXL response elements in a document, in document order: each `*Response` element in an
/// AXL namespace, wherever it stands (in a SOAP `Body`, at the top level, or in a wrapper).
pub fn responses(doc: &Document) -> Vec<&Element> {
    let mut found = Vec::new();
    let mut stack: Vec<&Element> = doc.roots.iter().rev().collect();
    while let Some(element) = stack.pop() {
        let in_axl = element.namespace.as_deref().is_some_and(|ns| ns.starts_with(AXL_NAMESPACE));
        if in_axl && element.name.ends_with("Response") {
            found.push(element);
        } else {
            stack.extend(element.children.iter().rev());
        }
    }
    found
}

/// The `faultstring` of a SOAP fault in the document, if it holds one.
pub fn fault(doc: &Document) -> Option<String> {
    let mut stack: Vec<&Element> = doc.roots.iter().collect();
    while let Some(element) = stack.pop() {
        if element.name == "Fault" {
            return Some(element.text_at(&["faultstring"]).map_or_else(String::new, |s| s.value));
        }
        stack.extend(element.children.iter());
    }
    None
}

/// Reads every response into `parse.cluster` and describes what was read, for the file list:
/// the schema versions from the namespaces, then the operations, e.g. `14.0 getPhone` or
/// `14.0 executeSQLQuery (device lines)`.
pub fn read(parse: &mut FileParse<'_>, responses: &[&Element]) -> String {
    let mut versions: Vec<&str> = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    for response in responses {
        let version = response.namespace.as_deref().and_then(|ns| ns.strip_prefix(AXL_NAMESPACE)).unwrap_or("");
        if !version.is_empty() && !versions.contains(&version) {
            versions.push(version);
        }
        let operation = response.name.trim_end_matches("Response");
        let label = read_response(parse, operation, response);
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    format!("{} {}", versions.join("/"), labels.join(", ")).trim_start().to_owned()
}

fn read_response(parse: &mut FileParse<'_>, operation: &str, response: &Element) -> String {
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
    for record in &records.children {
        match record.name.as_str() {
            "phone" => devices::phone(parse, record),
            "deviceProfile" => devices::device_profile(parse, record),
            "user" => users::end_user(parse, record),
            "appUser" => users::app_user(parse, record),
            "commonDeviceConfig" => config::common_device_config(parse, record),
            "lineGroup" => config::line_group(parse, record),
            "serviceParameter" => config::service_parameter(parse, record),
            "ldapAuthentication" => config::ldap_authentication(parse, record),
            "line" => config::directory_number(parse, record),
            _ => {}
        }
    }
    if let Some(message) = list_warning(operation) {
        parse.report(codes::LIST_RESPONSE.at(parse.path, response.tag, message));
    }
    operation.to_owned()
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
        _ => return None,
    })
}

/// What a `list*` response leaves out (formats.md §3, checked in the 11.0 to 15.0 schemas) and
/// which call or query supplies it.
pub fn list_warning(operation: &str) -> Option<String> {
    let object = operation.strip_prefix("list")?;
    let (missing, instead) = match object {
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
        _ => ("the fields only get responses return", "the matching get call for each object"),
    };
    Some(format!(
        "{operation} returns summary records without {missing}, so rules that need them find nothing \
         in this file; export {instead}"
    ))
}
