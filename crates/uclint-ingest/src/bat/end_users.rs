//! `enduser.csv` (tar) and the BAT "Export Users" CSV: end users, their extensions,
//! associations and groups.
//!
//! The two forms differ: the tar gives the IPCC extension as `PRIMARY EXTENSION n` with
//! `TYPE PATTERN USAGE n` = `ICD` and devices as `DEVICE NAME n` + `TYPE USER ASSOCIATION n`;
//! the user export has `IPCC EXTENSION` (`DN in PT`) and `CONTROLLED DEVICE n`.

use uclint_model::{DnRef, EndUser, Span, Spanned, Text};

use crate::codes;
use crate::table::{Col, HeaderMap, Row};
use crate::values::is_unset;
use crate::FileParse;

/// One end-user row.
pub fn end_user(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(user_id) = row.value(header, "user id") else { return };
    let (mut ipcc_extension, mut primary_extension) = numbered_extensions(parse, header, row);
    if let Some(ipcc) = row.value(header, "ipcc extension") {
        ipcc_extension = Some(dn_in_pt(ipcc));
    }
    if let Some(primary) = row.value(header, "primary extension") {
        primary_extension = Some(dn_in_pt(primary));
    }
    let (mut controlled_devices, controlled_profiles) = associations(parse, header, row);
    controlled_devices.extend(row.group_values(header, "controlled device"));
    // Only presence is kept: the hash itself must never reach any output.
    let digest_credentials = header.col("digest credentials").map(|_| {
        let cell = row.value(header, "digest credentials");
        let span = cell.as_ref().map_or(row.span, |c| c.span);
        Spanned::new(cell.is_some_and(|c| !is_unset(&c.value)), span)
    });
    let user = EndUser {
        user_id,
        ipcc_extension,
        primary_extension,
        controlled_devices,
        controlled_profiles,
        groups: row.group_values(header, "access control group"),
        digest_credentials,
        user_locale: row.value(header, "user locale"),
        enable_cti: row.flag(parse, header, "allow control of device from cti"),
        imp_enabled: row.flag(parse, header, "enable user for unified cm im and presence"),
        home_cluster: row.flag(parse, header, "home cluster"),
        subscribe_css: subscribe_css(header, row),
        // No BAT user export is known to carry line appearance associations for presence.
        presence_lines: None,
        enable_emcc: row.flag(parse, header, "enable emcc"),
        // The user export's single DEFAULT PROFILE names the profile; the tar's numbered
        // DEFAULT PROFILE n is a t/f flag per association and is not read.
        default_profile: row.value(header, "default profile"),
        uc_service_profile: is_set(header, row, "uc service profile"),
        self_service_id: is_set(header, row, "self-service user id"),
        span: row.span,
    };
    parse.cluster.end_users.push(user);
}

/// Whether the SUBSCRIBE CSS is set (`SUBSCRIBE CSS` in the tar, `SUBSCRIBE CALLING SEARCH
/// SPACE` in the user export); `None` when neither column is there.
fn subscribe_css(header: &HeaderMap, row: &Row<'_>) -> Option<Spanned<bool>> {
    let column = ["subscribe css", "subscribe calling search space"].into_iter().find(|c| header.has(c))?;
    Some(row.value(header, column).map_or(Spanned::new(false, row.span), |v| Spanned::new(true, v.span)))
}

/// Whether an optional setting's column holds a value: `true` at the value, `false` at the
/// empty or `NULL` cell; `None` when the file has no such column.
fn is_set(header: &HeaderMap, row: &Row<'_>, column: &str) -> Option<Spanned<bool>> {
    let cell = row.cell_span(header, column)?;
    Some(row.value(header, column).map_or(Spanned::new(false, cell), |v| Spanned::new(true, v.span)))
}

type Extensions = (Option<Spanned<DnRef>>, Option<Spanned<DnRef>>);

/// `PRIMARY EXTENSION n` groups, split by `TYPE PATTERN USAGE n` into (IPCC, primary).
fn numbered_extensions(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) -> Extensions {
    let (mut ipcc, mut primary) = (None, None);
    for n in header.group_numbers("primary extension") {
        let Some(pattern) = row.value(header, Col::n("primary extension", n)) else { continue };
        let partition = ["route partition", "route partition name", "partition"]
            .iter()
            .find(|base| header.resolve(Col::n(base, n)).is_some())
            .map(|base| row.value(header, Col::n(base, n)).map(|p| p.value).unwrap_or_default());
        let dn = match partition {
            Some(pt) => Spanned::new(DnRef::with_partition(&pattern.value, &pt), pattern.span),
            None => dn_in_pt(pattern),
        };
        let usage = row.value(header, Col::n("type pattern usage", n));
        if usage.as_ref().is_some_and(|u| u.value.eq_ignore_ascii_case("ICD")) {
            if dn.value.partition.is_none() {
                note_partitionless_ipcc(parse, dn.span);
            }
            ipcc.get_or_insert(dn);
        } else if usage.is_none_or(|u| u.value.eq_ignore_ascii_case("Primary")) {
            primary.get_or_insert(dn);
        }
    }
    (ipcc, primary)
}

fn note_partitionless_ipcc(parse: &mut FileParse<'_>, span: Span) {
    if parse.first_time("partitionless-ipcc") {
        let message = "IPCC extensions here carry no partition column; uclint matches each \
                       one by pattern against the lines of phones and device profiles";
        parse.report(codes::INFERRED_FORM.at(parse.path, span, message));
    }
}

/// `DEVICE NAME n` + `TYPE USER ASSOCIATION n`, split into (devices, profiles).
fn associations(
    parse: &mut FileParse<'_>,
    header: &HeaderMap,
    row: &Row<'_>,
) -> (Vec<Spanned<Text>>, Vec<Spanned<Text>>) {
    let (mut devices, mut profiles) = (Vec::new(), Vec::new());
    for n in header.group_numbers("device name") {
        let Some(device) = row.value(header, Col::n("device name", n)) else { continue };
        match row.value(header, Col::n("type user association", n)) {
            Some(a) if a.value.eq_ignore_ascii_case("Profile Available") => profiles.push(device),
            Some(a) if a.value.eq_ignore_ascii_case("Cti Control In") => devices.push(device),
            other => {
                if let Some(a) = other {
                    let message = format!(
                        "unrecognised TYPE USER ASSOCIATION `{}`; the device is treated as a controlled device",
                        a.value
                    );
                    parse.report(codes::INFERRED_FORM.at(parse.path, a.span, message));
                }
                devices.push(device);
            }
        }
    }
    (devices, profiles)
}

/// A DN written `pattern in partition` (BAT user export), or a bare pattern. The span is
/// narrowed to the pattern, which is what findings about the extension point at.
fn dn_in_pt(cell: Spanned<Text>) -> Spanned<DnRef> {
    let mut span = cell.span;
    let value = match cell.value.split_once(" in ") {
        Some((pattern, partition)) => {
            // The cell text is trimmed; a cell padded on the left keeps its whole span.
            if span.len() == cell.value.len() {
                span.end = span.start + pattern.trim_end().len() as u32;
            }
            DnRef::with_partition(pattern, partition)
        }
        None => DnRef::pattern_only(&cell.value),
    };
    Spanned::new(value, span)
}
