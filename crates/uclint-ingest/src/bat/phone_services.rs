//! `phoneservices.csv`: IP phone services (Device > Device Settings > Phone Services).
//!
//! The column spellings are inferred, not confirmed from a real export (formats.md §14), so the
//! usual variants are accepted (`SECURE SERVICE URL`, `SECURE-SERVICE URL`, `ENABLED`, …) and the
//! file gets one INPUT005 note.

use uclint_model::PhoneService;

use super::columns::{note_inferred, pick};
use crate::table::{HeaderMap, Row};
use crate::FileParse;

/// Accepted spellings of each column, normalised, the expected one first.
const NAME: &[&str] = &["service name", "name"];
const URL: &[&str] = &["service url", "url"];
const SECURE_URL: &[&str] = &["secure services url", "secure service url", "secure-service url", "secure url"];
const CATEGORY: &[&str] = &["service category", "category"];
const TYPE: &[&str] = &["service type", "type"];
const ENABLE: &[&str] = &["enable", "enabled"];
const ENTERPRISE: &[&str] = &["enterprise subscription", "enterprise subscribe"];

/// One `phoneservices.csv` row.
pub fn phone_service(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(name) = pick(header, NAME).and_then(|c| row.value(header, c)) else { return };
    note_inferred(
        parse,
        "phone-service-columns",
        name.span,
        "the phone service columns (SERVICE NAME, SERVICE URL, SECURE SERVICES URL, SERVICE CATEGORY, SERVICE TYPE, \
         ENABLE, ENTERPRISE SUBSCRIPTION) are known only by inference; common variants of each are accepted",
    );
    let value = |variants: &[&'static str]| pick(header, variants).and_then(|c| row.value(header, c));
    let (url, secure_url, category, service_type) = (value(URL), value(SECURE_URL), value(CATEGORY), value(TYPE));
    let enabled = pick(header, ENABLE).and_then(|c| row.flag(parse, header, c));
    let enterprise_subscription = pick(header, ENTERPRISE).and_then(|c| row.flag(parse, header, c));
    parse.cluster.phone_services.push(PhoneService {
        name,
        url,
        secure_url,
        category,
        service_type,
        enabled,
        enterprise_subscription,
        parameters: None,
        span: row.span,
    });
}
