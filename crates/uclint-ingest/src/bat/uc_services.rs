//! `ucservice.csv`: UC services (User Management > User Settings > UC Service), which tell
//! Jabber where voicemail, the mail store, CTI and the directory are. The file writes `NULL` for
//! unset values (formats.md §1).
//!
//! The column spellings are inferred: formats.md names `SERVICE TYPE`, `PORT` and `PROTOCOL`,
//! and the rest follows the AXL `ucService` fields (`productType`, `name`, `hostnameorip`), so
//! the usual variants of each are accepted and the file gets one INPUT005 note.

use uclint_model::UcService;

use super::columns::{note_inferred, pick};
use crate::table::{HeaderMap, Row};
use crate::FileParse;

/// Accepted spellings of each column, normalised, the expected one first.
const NAME: &[&str] = &["name", "uc service name", "service name"];
pub(super) const SERVICE_TYPE: &[&str] = &["service type", "uc service type", "type uc service"];
const PRODUCT_TYPE: &[&str] = &["product type", "type uc product"];
const HOST: &[&str] = &[
    "host name/ip address",
    "hostname/ip address",
    "host name or ip address",
    "hostnameorip",
    "host name",
    "hostname",
];
const PORT: &[&str] = &["port", "port number"];
const PROTOCOL: &[&str] = &["protocol", "type connect protocol"];

/// One `ucservice.csv` row.
pub fn uc_service(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(name) = pick(header, NAME).and_then(|c| row.value(header, c)) else { return };
    note_inferred(
        parse,
        "uc-service-columns",
        name.span,
        "the UC service columns (NAME, SERVICE TYPE, PRODUCT TYPE, HOST NAME/IP ADDRESS, PORT, PROTOCOL) are known \
         only by inference; common variants of each are accepted",
    );
    let value = |variants: &[&'static str]| pick(header, variants).and_then(|c| row.value(header, c));
    let (service_type, product_type, host, protocol) =
        (value(SERVICE_TYPE), value(PRODUCT_TYPE), value(HOST), value(PROTOCOL));
    let port = pick(header, PORT).and_then(|c| row.number(parse, header, c));
    parse.cluster.uc_services.push(UcService {
        name,
        service_type,
        product_type,
        host,
        port,
        protocol,
        span: row.span,
    });
}
