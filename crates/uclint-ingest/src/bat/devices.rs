//! `phone.csv` and `deviceprofile.csv`: devices with their numbered line groups.
//!
//! The calling search spaces digit analysis starts from are read where the file has them: the
//! device's `CSS` (`phone.csv`, `ctiroutepoint.csv`) and each line's `Line CSS n` (both, and
//! an "Export UDP" file that has the column; the 14.0 tar's `deviceprofile.csv` has neither,
//! and a device profile has no device CSS of its own: the phone's stays, `dialplan.md` §3.3).

use uclint_model::{
    is_template_type, DataSet, Device, DeviceKind, DirectoryNumber, Forward, IntercomLine, Line, SetAside,
    SetAsideKind, Spanned, Text,
};

use super::directory_numbers::FORWARDS;
use crate::table::{Col, HeaderMap, Row};
use crate::FileParse;

/// The columns of a `phone.csv`, `ctiroutepoint.csv` or `deviceprofile.csv`, looked up once
/// per file.
pub struct DeviceColumns {
    name: Option<usize>,
    profile_name: Option<usize>,
    model: Option<usize>,
    common_device_config: Option<usize>,
    allow_cti_control: Option<usize>,
    extension_mobility: Option<usize>,
    logout_profile: Option<usize>,
    services_provisioning: Option<usize>,
    user_locale: Option<usize>,
    owner_user_id: Option<usize>,
    login_user_id: Option<usize>,
    built_in_bridge: Option<usize>,
    join_across_lines: Option<usize>,
    single_button_barge: Option<usize>,
    device_mobility_mode: Option<usize>,
    security_profile: Option<usize>,
    emcc_css: Option<usize>,
    /// The device calling search space, `CSS`.
    css: Option<usize>,
    application_users: Vec<usize>,
    lines: Vec<LineColumns>,
    intercom_lines: Vec<IntercomColumns>,
    /// The file has per-line forward destinations, pickup groups, hold reversion durations.
    has_forwards: bool,
    has_pickup: bool,
    has_hold_reversion: bool,
    /// The file has per-line calling search spaces (`Line CSS n`).
    has_line_css: bool,
}

/// The columns of line `n` (`Directory Number n`, `Route Partition n`, …).
struct LineColumns {
    n: u32,
    dn: Option<usize>,
    partition: Option<usize>,
    max_calls: Option<usize>,
    busy_trigger: Option<usize>,
    allow_cti_control: Option<usize>,
    auto_answer: Option<usize>,
    hold_reversion_ring_duration: Option<usize>,
    css: Option<usize>,
    /// Each forward kind with its `… Destination n` column.
    forwards: Vec<(&'static str, usize)>,
    call_pickup_group: Option<usize>,
}

struct IntercomColumns {
    dn: Option<usize>,
    partition: Option<usize>,
    default_activated_device: Option<usize>,
}

impl DeviceColumns {
    /// Looks the columns up in a file's header.
    pub fn new(header: &HeaderMap) -> Self {
        let col = |name: &str| header.col(name);
        let numbered = |base: &str, n: u32| header.resolve(Col::n(base, n));
        let lines = header
            .group_numbers("directory number")
            .into_iter()
            .map(|n| LineColumns {
                n,
                dn: numbered("directory number", n),
                partition: numbered("route partition", n),
                max_calls: numbered("maximum number of calls", n),
                busy_trigger: numbered("busy trigger", n),
                allow_cti_control: numbered("allow control of device from cti", n),
                auto_answer: numbered("auto answer", n),
                hold_reversion_ring_duration: numbered("hold reversion ring duration", n),
                css: numbered("line css", n),
                forwards: FORWARDS
                    .iter()
                    .filter_map(|(kind, spellings)| Some((*kind, numbered(spellings[0], n)?)))
                    .collect(),
                call_pickup_group: numbered("call pickup group", n),
            })
            .collect();
        let intercom_lines = header
            .group_numbers("intercom directory number")
            .into_iter()
            .map(|n| IntercomColumns {
                dn: numbered("intercom directory number", n),
                partition: numbered("intercom route partition", n),
                default_activated_device: numbered("intercom default activated device", n),
            })
            .collect();
        let application_users = header
            .group_numbers("application user")
            .into_iter()
            .filter_map(|n| numbered("application user", n))
            .collect();
        DeviceColumns {
            name: col("device name"),
            profile_name: col("device profile name"),
            model: col("device type"),
            common_device_config: col("common device configuration"),
            allow_cti_control: col("allow cti control flag"),
            extension_mobility: col("extension mobility"),
            logout_profile: col("logout profile"),
            services_provisioning: col("services provisioning"),
            user_locale: col("device user locale"),
            owner_user_id: col("owner user id"),
            login_user_id: col("login user id"),
            built_in_bridge: col("built in bridge"),
            join_across_lines: col("join across lines"),
            single_button_barge: col("single button barge"),
            device_mobility_mode: col("device mobility mode"),
            security_profile: col("device security profile"),
            emcc_css: col("extension mobility cross cluster css"),
            css: col("css"),
            application_users,
            lines,
            intercom_lines,
            has_forwards: FORWARDS.iter().any(|(_, spellings)| numbered(spellings[0], 1).is_some()),
            has_pickup: numbered("call pickup group", 1).is_some(),
            has_hold_reversion: numbered("hold reversion ring duration", 1).is_some(),
            has_line_css: header.has_group("line css"),
        }
    }

    /// Records which optional data sets the file's columns carry; `device_css` for a file whose
    /// `CSS` column is the device's (not a device profile's file).
    fn mark_present(&self, parse: &mut FileParse<'_>, device_css: bool) {
        for (has, data) in [
            (device_css && self.css.is_some(), DataSet::DeviceCss),
            (self.has_line_css, DataSet::LineCss),
            (self.has_forwards, DataSet::LineForwards),
            (self.has_pickup, DataSet::LinePickupGroups),
            (self.has_hold_reversion, DataSet::LineHoldReversion),
            (!self.intercom_lines.is_empty(), DataSet::Intercom),
        ] {
            if has {
                parse.cluster.present.insert(data);
            }
        }
    }
}

/// One `phone.csv` row. A template (a `Device Type` such as `Universal Device Template`) is
/// set aside, never checked as a phone.
pub fn phone(parse: &mut FileParse<'_>, cols: &DeviceColumns, row: &Row<'_>) {
    let Some(name) = row.value_at(cols.name) else { return };
    let model = row.value_at(cols.model);
    if model.as_ref().is_some_and(|m| is_template_type(&m.value)) {
        parse.cluster.set_aside.push(SetAside { kind: SetAsideKind::DeviceTemplate, name });
        return;
    }
    push_phone(parse, cols, row, name, model);
}

/// One `ctiroutepoint.csv` row: a CTI route point. The member has no `Device Type` column, so
/// the device type is the member's: it points at the device name's cell.
pub fn cti_route_point(parse: &mut FileParse<'_>, cols: &DeviceColumns, row: &Row<'_>) {
    let Some(name) = row.value_at(cols.name) else { return };
    let model = row.value_at(cols.model).or_else(|| Some(Spanned::new(CTI_ROUTE_POINT.into(), name.span)));
    push_phone(parse, cols, row, name, model);
}

/// One `rdp.csv` row: a remote destination profile, set aside by name (a user may control it;
/// no rule checks it).
pub fn remote_destination_profile(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(name) = row.value(header, "remote destination profile name") else { return };
    parse.cluster.set_aside.push(SetAside { kind: SetAsideKind::RemoteDestinationProfile, name });
}

/// The `Device Type` of every row of `ctiroutepoint.csv`.
pub const CTI_ROUTE_POINT: &str = "CTI Route Point";

fn push_phone(
    parse: &mut FileParse<'_>,
    cols: &DeviceColumns,
    row: &Row<'_>,
    name: Spanned<Text>,
    model: Option<Spanned<Text>>,
) {
    cols.mark_present(parse, true);
    let device = Device {
        css: row.value_at(cols.css),
        kind: DeviceKind::Phone,
        name,
        model,
        common_device_config: row.value_at(cols.common_device_config),
        allow_cti_control: row.flag_at(parse, cols.allow_cti_control, "allow cti control flag".into()),
        extension_mobility: row.flag_at(parse, cols.extension_mobility, "extension mobility".into()),
        logout_profile: row.value_at(cols.logout_profile),
        subscriptions: None,
        services_provisioning: row.value_at(cols.services_provisioning),
        user_locale: row.value_at(cols.user_locale),
        owner_user_id: row.value_at(cols.owner_user_id),
        login_user_id: None,
        built_in_bridge: row.value_at(cols.built_in_bridge),
        join_across_lines: row.value_at(cols.join_across_lines),
        single_button_barge: row.value_at(cols.single_button_barge),
        device_mobility_mode: row.value_at(cols.device_mobility_mode),
        security_profile: row.value_at(cols.security_profile),
        vendor_config: None,
        application_users: row.values_at(&cols.application_users),
        intercom_lines: intercom_lines(cols, row),
        emcc_css: None,
        lines: lines(parse, cols, row),
        span: row.span,
    };
    line_dn_settings(parse, cols, row, &device.lines);
    parse.cluster.phones.push(device);
}

/// The DN settings that a real "All Details" `phone.csv` header repeats per line: the call
/// forward destinations (`Forward All Destination N`, `Forward Busy Internal Destination N`, …)
/// and the call pickup group (`Call Pickup Group N`), as a directory-number record of the
/// line's DN. They are settings of the DN, so the merge joins them by DN key with the same
/// DN's other lines and its `directorynumber.csv` or `getLine` record, and rules report each
/// DN once. A file with these columns says, for each line, whether it forwards or is in a
/// pickup group, even where the cells are empty.
fn line_dn_settings(parse: &mut FileParse<'_>, cols: &DeviceColumns, row: &Row<'_>, lines: &[Line]) {
    if !cols.has_forwards && !cols.has_pickup {
        return;
    }
    for line in lines {
        // By number (the columns are in number order): a search through them for every line
        // would cost the square of the lines on a phone of many.
        let at = cols.lines.partition_point(|c| {
            crate::work::add(1);
            c.n < line.index.value
        });
        let Some(line_cols) = cols.lines.get(at).filter(|c| c.n == line.index.value) else { continue };
        let forwards: Vec<Forward> = line_cols
            .forwards
            .iter()
            .filter_map(|&(kind, col)| Some(Forward { kind, destination: row.value_at(Some(col))? }))
            .collect();
        let call_pickup_group = row.value_at(line_cols.call_pickup_group);
        if forwards.is_empty() && call_pickup_group.is_none() {
            continue;
        }
        parse.cluster.directory_numbers.push(DirectoryNumber {
            css: None,
            dn: line.dn.clone(),
            associated_devices: Vec::new(),
            allow_cti_control: None,
            call_pickup_group,
            forwards,
            hold_reversion_ring_duration: None,
            auto_answer: None,
            span: row.span,
        });
    }
}

/// One `deviceprofile.csv` row.
pub fn device_profile(parse: &mut FileParse<'_>, cols: &DeviceColumns, row: &Row<'_>) {
    let Some(name) = row.value_at(cols.profile_name) else { return };
    cols.mark_present(parse, false);
    let device = Device {
        css: None,
        kind: DeviceKind::DeviceProfile,
        name,
        model: row.value_at(cols.model),
        common_device_config: None,
        allow_cti_control: row.flag_at(parse, cols.allow_cti_control, "allow cti control flag".into()),
        extension_mobility: None,
        logout_profile: None,
        subscriptions: None,
        services_provisioning: None,
        user_locale: row.value_at(cols.user_locale),
        owner_user_id: None,
        login_user_id: row.value_at(cols.login_user_id),
        built_in_bridge: None,
        join_across_lines: row.value_at(cols.join_across_lines),
        single_button_barge: row.value_at(cols.single_button_barge),
        device_mobility_mode: None,
        security_profile: None,
        vendor_config: None,
        application_users: row.values_at(&cols.application_users),
        intercom_lines: intercom_lines(cols, row),
        emcc_css: is_set(cols.emcc_css, row),
        lines: lines(parse, cols, row),
        span: row.span,
    };
    parse.cluster.device_profiles.push(device);
}

/// Whether a column holds a value, pointing at its cell; `None` when the file has no such column.
fn is_set(col: Option<usize>, row: &Row<'_>) -> Option<Spanned<bool>> {
    col?;
    Some(match row.value_at(col) {
        Some(value) => Spanned::new(true, value.span),
        None => Spanned::new(false, row.cell_span_at(col).unwrap_or(row.span)),
    })
}

/// The configured lines: every `Directory Number N` with a value, N being the button index.
/// A file with `Hold Reversion Ring Duration N` columns (real "All Details" phone exports have
/// them) says whether each line has hold reversion, even where the cells are empty.
fn lines(parse: &mut FileParse<'_>, cols: &DeviceColumns, row: &Row<'_>) -> Vec<Line> {
    // Counted first, so that the vector is allocated once at its size: grown from four lines to
    // eight and shrunk back, each device would allocate two or three times.
    let mut lines = Vec::with_capacity(cols.lines.iter().filter(|line| row.is_set_at(line.dn)).count());
    for line in &cols.lines {
        let Some(dn) = row.dn_at(line.dn, line.partition) else { continue };
        let n = line.n;
        lines.push(Line {
            css: row.value_at(line.css),
            index: Spanned::new(n, dn.span),
            max_calls: row.number_at(parse, line.max_calls, Col::n("maximum number of calls", n)),
            busy_trigger: row.number_at(parse, line.busy_trigger, Col::n("busy trigger", n)),
            allow_cti_control: row.flag_at(
                parse,
                line.allow_cti_control,
                Col::n("allow control of device from cti", n),
            ),
            auto_answer: row.value_at(line.auto_answer),
            hold_reversion_ring_duration: row.number_at(
                parse,
                line.hold_reversion_ring_duration,
                Col::n("hold reversion ring duration", n),
            ),
            dn,
        });
    }
    lines
}

/// The intercom lines: every `Intercom Directory Number N` with a value. The columns are named
/// in a public script over the Import/Export tar's `phone.csv`; a file that has them says
/// whether the device has intercom lines, so it counts as intercom data.
fn intercom_lines(cols: &DeviceColumns, row: &Row<'_>) -> Vec<IntercomLine> {
    cols.intercom_lines
        .iter()
        .filter_map(|line| {
            let dn = row.dn_at(line.dn, line.partition)?;
            Some(IntercomLine { dn, default_activated_device: row.value_at(line.default_activated_device) })
        })
        .collect()
}
