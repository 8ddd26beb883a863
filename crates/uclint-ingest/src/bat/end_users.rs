//! `enduser.csv` (tar) and the BAT "Export Users" CSV: end users, their extensions,
//! associations and groups.
//!
//! The two forms differ: the tar gives the IPCC extension as `PRIMARY EXTENSION n` with
//! `TYPE PATTERN USAGE n` = `ICD` and devices as `DEVICE NAME n` + `TYPE USER ASSOCIATION n`;
//! the user export has `IPCC EXTENSION` (`DN in PT`) and `CONTROLLED DEVICE n`.

use uclint_model::{is_placeholder_user, DnRef, EndUser, SetAside, SetAsideKind, Span, Spanned, Text};

use crate::codes;
use crate::table::{Col, HeaderMap, Row};
use crate::values::is_unset;
use crate::FileParse;

/// The columns of an end-user file, looked up once per file.
pub struct UserColumns {
    user_id: Option<usize>,
    ipcc_extension: Option<usize>,
    primary_extension: Option<usize>,
    /// `PRIMARY EXTENSION n` with its partition column (if any) and `TYPE PATTERN USAGE n`.
    extensions: Vec<ExtensionColumns>,
    /// `DEVICE NAME n` with `TYPE USER ASSOCIATION n`.
    associations: Vec<(usize, Option<usize>)>,
    controlled_devices: Vec<usize>,
    groups: Vec<usize>,
    digest_credentials: Option<usize>,
    user_locale: Option<usize>,
    enable_cti: Option<usize>,
    imp_enabled: Option<usize>,
    home_cluster: Option<usize>,
    subscribe_css: Option<usize>,
    enable_emcc: Option<usize>,
    default_profile: Option<usize>,
    uc_service_profile: Option<usize>,
    self_service_id: Option<usize>,
}

struct ExtensionColumns {
    pattern: usize,
    /// `None` when the file has no partition column for this extension.
    partition: Option<usize>,
    usage: Option<usize>,
}

impl UserColumns {
    /// Looks the columns up in a file's header.
    pub fn new(header: &HeaderMap) -> Self {
        let col = |name: &str| header.col(name);
        let group = |base: &str| -> Vec<(u32, usize)> {
            header.group_numbers(base).into_iter().filter_map(|n| Some((n, header.resolve(Col::n(base, n))?))).collect()
        };
        let extensions = group("primary extension")
            .into_iter()
            .map(|(n, pattern)| ExtensionColumns {
                pattern,
                partition: ["route partition", "route partition name", "partition"]
                    .iter()
                    .find_map(|base| header.resolve(Col::n(base, n))),
                usage: header.resolve(Col::n("type pattern usage", n)),
            })
            .collect();
        let associations = group("device name")
            .into_iter()
            .map(|(n, device)| (device, header.resolve(Col::n("type user association", n))))
            .collect();
        UserColumns {
            user_id: col("user id"),
            ipcc_extension: col("ipcc extension"),
            primary_extension: col("primary extension"),
            extensions,
            associations,
            controlled_devices: group("controlled device").into_iter().map(|(_, c)| c).collect(),
            groups: group("access control group").into_iter().map(|(_, c)| c).collect(),
            digest_credentials: col("digest credentials"),
            user_locale: col("user locale"),
            enable_cti: col("allow control of device from cti"),
            imp_enabled: col("enable user for unified cm im and presence"),
            home_cluster: col("home cluster"),
            subscribe_css: col("subscribe css").or_else(|| col("subscribe calling search space")),
            enable_emcc: col("enable emcc"),
            default_profile: col("default profile"),
            uc_service_profile: col("uc service profile"),
            self_service_id: col("self-service user id"),
        }
    }
}

/// One end-user row.
pub fn end_user(parse: &mut FileParse<'_>, cols: &UserColumns, row: &Row<'_>) {
    let Some(user_id) = row.value_at(cols.user_id) else { return };
    if is_placeholder_user(&user_id.value) {
        // CUCM's placeholder for templates (`Token_User_<uuid>`): not a user of its own.
        parse.cluster.set_aside.push(SetAside { kind: SetAsideKind::PlaceholderUser, name: user_id });
        return;
    }
    let (mut ipcc_extension, mut primary_extension) = numbered_extensions(parse, cols, row);
    if let Some(ipcc) = row.value_at(cols.ipcc_extension) {
        ipcc_extension = Some(dn_in_pt(ipcc));
    }
    if let Some(primary) = row.value_at(cols.primary_extension) {
        primary_extension = Some(dn_in_pt(primary));
    }
    let (mut controlled_devices, controlled_profiles) = associations(parse, cols, row);
    controlled_devices.extend(row.values_at(&cols.controlled_devices));
    // Only presence is kept: the hash itself must never reach any output.
    let digest_credentials = cols.digest_credentials.map(|_| {
        let cell = row.value_at(cols.digest_credentials);
        let span = cell.as_ref().map_or(row.span, |c| c.span);
        Spanned::new(cell.is_some_and(|c| !is_unset(&c.value)), span)
    });
    let user = EndUser {
        user_id,
        ipcc_extension,
        primary_extension,
        controlled_devices,
        controlled_profiles,
        groups: row.values_at(&cols.groups),
        digest_credentials,
        user_locale: row.value_at(cols.user_locale),
        enable_cti: row.flag_at(parse, cols.enable_cti, "allow control of device from cti".into()),
        imp_enabled: row.flag_at(parse, cols.imp_enabled, "enable user for unified cm im and presence".into()),
        home_cluster: row.flag_at(parse, cols.home_cluster, "home cluster".into()),
        subscribe_css: subscribe_css(cols.subscribe_css, row),
        // No BAT user export is known to carry line appearance associations for presence.
        presence_lines: None,
        enable_emcc: row.flag_at(parse, cols.enable_emcc, "enable emcc".into()),
        // The user export's single DEFAULT PROFILE names the profile; the tar's numbered
        // DEFAULT PROFILE n is a t/f flag per association and is not read.
        default_profile: row.value_at(cols.default_profile),
        uc_service_profile: is_set(cols.uc_service_profile, row),
        self_service_id: is_set(cols.self_service_id, row),
        span: row.span,
    };
    parse.cluster.end_users.push(user);
}

/// Whether the SUBSCRIBE CSS is set (`SUBSCRIBE CSS` in the tar, `SUBSCRIBE CALLING SEARCH
/// SPACE` in the user export); `None` when neither column is there.
fn subscribe_css(col: Option<usize>, row: &Row<'_>) -> Option<Spanned<bool>> {
    col?;
    Some(row.value_at(col).map_or(Spanned::new(false, row.span), |v| Spanned::new(true, v.span)))
}

/// Whether an optional setting's column holds a value: `true` at the value, `false` at the
/// empty or `NULL` cell; `None` when the file has no such column.
fn is_set(col: Option<usize>, row: &Row<'_>) -> Option<Spanned<bool>> {
    let cell = row.cell_span_at(col)?;
    Some(row.value_at(col).map_or(Spanned::new(false, cell), |v| Spanned::new(true, v.span)))
}

type Extensions = (Option<Spanned<DnRef>>, Option<Spanned<DnRef>>);

/// `PRIMARY EXTENSION n` groups, split by `TYPE PATTERN USAGE n` into (IPCC, primary).
fn numbered_extensions(parse: &mut FileParse<'_>, cols: &UserColumns, row: &Row<'_>) -> Extensions {
    let (mut ipcc, mut primary) = (None, None);
    for extension in &cols.extensions {
        let Some(pattern) = row.value_at(Some(extension.pattern)) else { continue };
        let partition = extension.partition.map(|col| row.value_at(Some(col)).map(|p| p.value).unwrap_or_default());
        let dn = match partition {
            Some(pt) => Spanned::new(DnRef::with_partition(&pattern.value, &pt), pattern.span),
            None => dn_in_pt(pattern),
        };
        let usage = row.value_at(extension.usage);
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
    let message = "IPCC extensions here carry no partition column; uclint matches each \
                   one by pattern against the lines of phones and device profiles";
    parse.note_once("partitionless-ipcc", span, message);
}

/// `DEVICE NAME n` + `TYPE USER ASSOCIATION n`, split into (devices, profiles).
fn associations(
    parse: &mut FileParse<'_>,
    cols: &UserColumns,
    row: &Row<'_>,
) -> (Vec<Spanned<Text>>, Vec<Spanned<Text>>) {
    let (mut devices, mut profiles) = (Vec::new(), Vec::new());
    for &(device_col, type_col) in &cols.associations {
        let Some(device) = row.value_at(Some(device_col)) else { continue };
        match row.value_at(type_col) {
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
