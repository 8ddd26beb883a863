//! `phone.csv` and `deviceprofile.csv`: devices with their numbered line groups.

use uclint_model::{DataSet, Device, DeviceKind, DirectoryNumber, Forward, IntercomLine, Line, Spanned};

use super::directory_numbers::FORWARDS;
use crate::table::{Col, HeaderMap, Row};
use crate::FileParse;

/// One `phone.csv` row.
pub fn phone(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(name) = row.value(header, "device name") else { return };
    let device = Device {
        kind: DeviceKind::Phone,
        name,
        model: row.value(header, "device type"),
        common_device_config: row.value(header, "common device configuration"),
        allow_cti_control: row.flag(parse, header, "allow cti control flag"),
        extension_mobility: row.flag(parse, header, "extension mobility"),
        logout_profile: row.value(header, "logout profile"),
        subscriptions: None,
        services_provisioning: row.value(header, "services provisioning"),
        user_locale: row.value(header, "device user locale"),
        owner_user_id: row.value(header, "owner user id"),
        login_user_id: None,
        built_in_bridge: row.value(header, "built in bridge"),
        join_across_lines: row.value(header, "join across lines"),
        single_button_barge: row.value(header, "single button barge"),
        device_mobility_mode: row.value(header, "device mobility mode"),
        security_profile: row.value(header, "device security profile"),
        vendor_config: None,
        application_users: row.group_values(header, "application user"),
        intercom_lines: intercom_lines(parse, header, row),
        emcc_css: None,
        lines: lines(parse, header, row),
        span: row.span,
    };
    line_dn_settings(parse, header, row, &device.lines);
    parse.cluster.phones.push(device);
}

/// The DN settings that a real "All Details" `phone.csv` header repeats per line: the call
/// forward destinations (`Forward All Destination N`, `Forward Busy Internal Destination N`, …)
/// and the call pickup group (`Call Pickup Group N`), as a directory-number record of the
/// line's DN. They are settings of the DN, so the merge joins them by DN key with the same
/// DN's other lines and its `directorynumber.csv` or `getLine` record, and rules report each
/// DN once. A file with these columns says, for each line, whether it forwards or is in a
/// pickup group, even where the cells are empty.
fn line_dn_settings(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>, lines: &[Line]) {
    let has_forwards = FORWARDS.iter().any(|(_, spellings)| header.resolve(Col::n(spellings[0], 1)).is_some());
    let has_pickup = header.resolve(Col::n("call pickup group", 1)).is_some();
    if has_forwards {
        parse.cluster.present.insert(DataSet::LineForwards);
    }
    if has_pickup {
        parse.cluster.present.insert(DataSet::LinePickupGroups);
    }
    if !has_forwards && !has_pickup {
        return;
    }
    for line in lines {
        let n = line.index.value;
        let forwards: Vec<Forward> = FORWARDS
            .iter()
            .filter_map(|(kind, spellings)| {
                Some(Forward { kind, destination: row.value(header, Col::n(spellings[0], n))? })
            })
            .collect();
        let call_pickup_group = row.value(header, Col::n("call pickup group", n));
        if forwards.is_empty() && call_pickup_group.is_none() {
            continue;
        }
        parse.cluster.directory_numbers.push(DirectoryNumber {
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
pub fn device_profile(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(name) = row.value(header, "device profile name") else { return };
    let device = Device {
        kind: DeviceKind::DeviceProfile,
        name,
        model: row.value(header, "device type"),
        common_device_config: None,
        allow_cti_control: row.flag(parse, header, "allow cti control flag"),
        extension_mobility: None,
        logout_profile: None,
        subscriptions: None,
        services_provisioning: None,
        user_locale: row.value(header, "device user locale"),
        owner_user_id: None,
        login_user_id: row.value(header, "login user id"),
        built_in_bridge: None,
        join_across_lines: row.value(header, "join across lines"),
        single_button_barge: row.value(header, "single button barge"),
        device_mobility_mode: None,
        security_profile: None,
        vendor_config: None,
        application_users: row.group_values(header, "application user"),
        intercom_lines: intercom_lines(parse, header, row),
        emcc_css: is_set(header, row, "extension mobility cross cluster css"),
        lines: lines(parse, header, row),
        span: row.span,
    };
    parse.cluster.device_profiles.push(device);
}

/// Whether a column holds a value, pointing at its cell; `None` when the file has no such column.
fn is_set(header: &HeaderMap, row: &Row<'_>, column: &str) -> Option<Spanned<bool>> {
    header.col(column)?;
    Some(match row.value(header, column) {
        Some(value) => Spanned::new(true, value.span),
        None => Spanned::new(false, row.cell_span(header, column).unwrap_or(row.span)),
    })
}

/// The configured lines: every `Directory Number N` with a value, N being the button index.
/// A file with `Hold Reversion Ring Duration N` columns (real "All Details" phone exports have
/// them) says whether each line has hold reversion, even where the cells are empty.
fn lines(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) -> Vec<Line> {
    if header.resolve(Col::n("hold reversion ring duration", 1)).is_some() {
        parse.cluster.present.insert(DataSet::LineHoldReversion);
    }
    let mut lines = Vec::new();
    for n in header.group_numbers("directory number") {
        let Some(dn) = row.dn(header, Col::n("directory number", n), Col::n("route partition", n)) else {
            continue;
        };
        lines.push(Line {
            index: Spanned::new(n, dn.span),
            max_calls: row.number(parse, header, Col::n("maximum number of calls", n)),
            busy_trigger: row.number(parse, header, Col::n("busy trigger", n)),
            allow_cti_control: row.flag(parse, header, Col::n("allow control of device from cti", n)),
            auto_answer: row.value(header, Col::n("auto answer", n)),
            hold_reversion_ring_duration: row.number(parse, header, Col::n("hold reversion ring duration", n)),
            dn,
        });
    }
    // Most devices have fewer lines than the vector grew to hold; on a megacluster the slack
    // would be tens of megabytes.
    lines.shrink_to_fit();
    lines
}

/// The intercom lines: every `Intercom Directory Number N` with a value. The columns are named
/// in a public script over the Import/Export tar's `phone.csv`; a file that has them says
/// whether the device has intercom lines, so it counts as intercom data.
fn intercom_lines(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) -> Vec<IntercomLine> {
    let numbers = header.group_numbers("intercom directory number");
    if !numbers.is_empty() {
        parse.cluster.present.insert(DataSet::Intercom);
    }
    let mut lines = Vec::new();
    for n in numbers {
        let Some(dn) = row.dn(header, Col::n("intercom directory number", n), Col::n("intercom route partition", n))
        else {
            continue;
        };
        let default_activated_device = row.value(header, Col::n("intercom default activated device", n));
        lines.push(IntercomLine { dn, default_activated_device });
    }
    lines
}
