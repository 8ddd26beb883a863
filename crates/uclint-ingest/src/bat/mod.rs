//! BAT CSV files: the members of the Import/Export tar (`phone.csv`, `enduser.csv`, …), also
//! accepted loose in a directory. A file named as a 14.0 member is what its name says
//! ([`members`]); any other CSV is recognised by its header ([`detect`]).

mod access_control_groups;
mod app_users;
mod columns;
mod credential_policies;
mod devices;
mod dial_plan;
mod directory_numbers;
mod emcc;
mod end_users;
mod intercom;
mod ldap;
mod ldap_directories;
mod line_groups;
pub mod members;
mod numbers;
mod parameters;
mod phone_services;
mod service_profiles;
mod uc_services;

use uclint_model::{DataGap, DataSet, PatternKind, Span};

pub use numbers::NumberMember;

use crate::table::{line_fields, normalise_header, read_header, read_rows, HeaderMap, Row, MAX_COLUMNS};
use crate::FileParse;

/// The BAT CSV kinds uclint reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BatKind {
    /// `phone.csv` or a BAT "Export Phones" file.
    Phone,
    /// `deviceprofile.csv` or a BAT "Export UDP" file.
    DeviceProfile,
    /// `enduser.csv` or a BAT "Export Users" file.
    EndUser,
    /// `appuser.csv`.
    AppUser,
    /// `commondeviceconfiguration.csv`.
    CommonDeviceConfig,
    /// `linegroup.csv`.
    LineGroup,
    /// `serviceparameter.csv`.
    ServiceParameter,
    /// `enterpriseparameter.csv`.
    EnterpriseParameter,
    /// `ldapauth.csv`.
    LdapAuthentication,
    /// `ldapsystem.csv`.
    LdapSystem,
    /// `ldapdir.csv`.
    LdapDirectory,
    /// `phoneservices.csv`.
    PhoneService,
    /// `directorynumber.csv`.
    DirectoryNumber,
    /// `intercomdn.csv`.
    IntercomNumber,
    /// `ucservice.csv`.
    UcService,
    /// `credpolicy.csv`.
    CredentialPolicy,
    /// `remotecluster.csv`.
    RemoteCluster,
    /// `interclusterserviceprofile.csv`.
    InterclusterServiceProfile,
    /// `accesscntrlgrp.csv`.
    AccessControlGroup,
    /// `ctiroutepoint.csv`: CTI route points (the file has no `Device Type` column).
    CtiRoutePoint,
    /// `serviceprofile.csv`.
    ServiceProfile,
    /// A member whose records own numbers without being lines (`routepattern.csv`, …).
    Numbers(&'static NumberMember),
    /// `rdp.csv`: remote destination profiles, known by name only.
    RemoteDestinationProfile,
    /// `partition.csv`: route partitions.
    Partition,
    /// `css.csv`: calling search spaces, known by name only (`intercomcss.csv` has its header).
    Css,
    /// `huntlist.csv`: hunt lists with their line groups.
    HuntList,
    /// `routelist.csv`: route lists with their route groups.
    RouteList,
    /// `routegroup.csv`: route groups with their devices.
    RouteGroup,
    /// `trunk.csv`: trunks, by name only.
    Trunk,
}

impl BatKind {
    /// Every kind, in the order of the tar manifests uclint has seen.
    pub const ALL: &'static [BatKind] = &[
        BatKind::Phone,
        BatKind::DeviceProfile,
        BatKind::EndUser,
        BatKind::AppUser,
        BatKind::CommonDeviceConfig,
        BatKind::LineGroup,
        BatKind::ServiceParameter,
        BatKind::EnterpriseParameter,
        BatKind::LdapAuthentication,
        BatKind::LdapSystem,
        BatKind::LdapDirectory,
        BatKind::PhoneService,
        BatKind::DirectoryNumber,
        BatKind::UcService,
        BatKind::CredentialPolicy,
        BatKind::RemoteCluster,
        BatKind::InterclusterServiceProfile,
    ];

    /// The tar member name this kind has in a BAT Import/Export tar.
    pub fn tar_name(self) -> &'static str {
        match self {
            BatKind::Phone => "phone.csv",
            BatKind::DeviceProfile => "deviceprofile.csv",
            BatKind::EndUser => "enduser.csv",
            BatKind::AppUser => "appuser.csv",
            BatKind::CommonDeviceConfig => "commondeviceconfiguration.csv",
            BatKind::LineGroup => "linegroup.csv",
            BatKind::ServiceParameter => "serviceparameter.csv",
            BatKind::EnterpriseParameter => "enterpriseparameter.csv",
            BatKind::LdapAuthentication => "ldapauth.csv",
            BatKind::LdapSystem => "ldapsystem.csv",
            BatKind::LdapDirectory => "ldapdir.csv",
            BatKind::PhoneService => "phoneservices.csv",
            BatKind::DirectoryNumber => "directorynumber.csv",
            BatKind::IntercomNumber => "intercomdn.csv",
            BatKind::UcService => "ucservice.csv",
            BatKind::CredentialPolicy => "credpolicy.csv",
            BatKind::RemoteCluster => "remotecluster.csv",
            BatKind::InterclusterServiceProfile => "interclusterserviceprofile.csv",
            BatKind::AccessControlGroup => "accesscntrlgrp.csv",
            BatKind::CtiRoutePoint => "ctiroutepoint.csv",
            BatKind::ServiceProfile => "serviceprofile.csv",
            BatKind::Numbers(member) => member.file,
            BatKind::RemoteDestinationProfile => "rdp.csv",
            BatKind::Partition => "partition.csv",
            BatKind::Css => "css.csv",
            BatKind::HuntList => "huntlist.csv",
            BatKind::RouteList => "routelist.csv",
            BatKind::RouteGroup => "routegroup.csv",
            BatKind::Trunk => "trunk.csv",
        }
    }

    /// The kinds of data the member fills; none for one whose records are only known by name.
    /// A route pattern, translation pattern or hunt pilot file fills two: the numbers its rows
    /// own and the patterns themselves.
    fn data_sets(self) -> &'static [DataSet] {
        match self {
            BatKind::Phone => &[DataSet::Phones],
            BatKind::DeviceProfile => &[DataSet::DeviceProfiles],
            BatKind::EndUser => &[DataSet::EndUsers],
            BatKind::AppUser => &[DataSet::AppUsers],
            BatKind::CommonDeviceConfig => &[DataSet::CommonDeviceConfigs],
            BatKind::LineGroup => &[DataSet::LineGroups],
            BatKind::ServiceParameter => &[DataSet::ServiceParameters],
            BatKind::EnterpriseParameter => &[DataSet::EnterpriseParameters],
            BatKind::LdapAuthentication => &[DataSet::LdapAuthentication],
            BatKind::LdapSystem => &[DataSet::LdapSystem],
            BatKind::LdapDirectory => &[DataSet::LdapDirectories],
            BatKind::PhoneService => &[DataSet::PhoneServices],
            BatKind::DirectoryNumber => &[DataSet::DirectoryNumbers],
            BatKind::IntercomNumber => &[DataSet::Intercom],
            BatKind::UcService => &[DataSet::UcServices],
            BatKind::CredentialPolicy => &[DataSet::CredentialPolicies],
            BatKind::RemoteCluster => &[DataSet::RemoteClusters],
            BatKind::InterclusterServiceProfile => &[DataSet::InterclusterServiceProfiles],
            BatKind::AccessControlGroup => &[DataSet::AccessControlGroups],
            BatKind::CtiRoutePoint => &[DataSet::Phones],
            BatKind::ServiceProfile => &[DataSet::ServiceProfiles],
            BatKind::Numbers(member) => match member.dial {
                None => &[DataSet::OwnedNumbers],
                Some(PatternKind::RoutePattern) => &[DataSet::OwnedNumbers, DataSet::RoutePatterns],
                Some(PatternKind::TranslationPattern) => &[DataSet::OwnedNumbers, DataSet::TranslationPatterns],
                Some(PatternKind::HuntPilot) => &[DataSet::OwnedNumbers, DataSet::HuntPilots],
            },
            // Only their names are kept (set aside): they fill no data set of their own.
            BatKind::RemoteDestinationProfile => &[],
            BatKind::Partition => &[DataSet::Partitions],
            BatKind::Css => &[DataSet::CallingSearchSpaces],
            BatKind::HuntList => &[DataSet::HuntLists],
            BatKind::RouteList => &[DataSet::RouteLists],
            BatKind::RouteGroup => &[DataSet::RouteGroups],
            BatKind::Trunk => &[DataSet::Trunks],
        }
    }
}

/// Recognises a BAT CSV whose name says nothing by the columns of its first line. It never
/// picks a member that only looks like a live object's file (a default device profile, the
/// Mobile Voice Access number, a CAPF profile, a SIP realm, DN alias lookup servers): those are
/// known by columns of their own. Templates share their header with live objects exactly, so
/// they are known only by name ([`members`]).
///
/// A first line longer than [`MAX_HEADER_LINE`] or of more than `MAX_COLUMNS` fields is no
/// BAT header: it is not read, so that recognising a file costs a bounded amount of memory
/// (a copy of a 100 MB line, and a string per field, cost 6 times its size).
pub fn detect(text: &str) -> Option<BatKind> {
    let first_line = text.lines().next()?;
    if first_line.len() > MAX_HEADER_LINE || memchr::memchr_iter(b',', first_line.as_bytes()).count() >= MAX_COLUMNS {
        return None;
    }
    let headers: Vec<String> = line_fields(first_line)?.iter().map(|field| normalise_header(field)).collect();
    let has = |name: &str| headers.iter().any(|h| h == name);
    if is_look_alike(&headers, has) {
        return None;
    }
    let kind = if has("trunk type") && has("device name") {
        // trunk.csv: before CTI route points, whose telling column it has too.
        BatKind::Trunk
    } else if has("device profile name") {
        BatKind::DeviceProfile
    } else if has("device name") && !has("device type") && has("use device pool calling party transformation css") {
        // ctiroutepoint.csv: no Device Type, and a column no phone export has.
        BatKind::CtiRoutePoint
    } else if has("device name") && (has("device type") || has("directory number 1")) {
        BatKind::Phone
    } else if intercom::is_intercom_header(has) {
        BatKind::IntercomNumber
    } else if has("dir group name") && has("function role name 1") {
        BatKind::AccessControlGroup
    } else if has("application user name") {
        BatKind::AppUser
    } else if has("user id") {
        BatKind::EndUser
    } else if has("ip addressing mode") && has("name") {
        BatKind::CommonDeviceConfig
    } else if has("type distribution algorithm") || (has("name") && has("dn or pattern 1")) {
        BatKind::LineGroup
    } else if has("param name") && has("service type") {
        BatKind::ServiceParameter
    } else if has("param name") && has("param value") {
        BatKind::EnterpriseParameter
    } else if has("authenticate with corporate dir") {
        BatKind::LdapAuthentication
    } else if has("sync enabled") && has("type ldap server") {
        BatKind::LdapSystem
    } else if has("name") && (has("ldap port number 1") || (has("ldap dn") && has("host name 1"))) {
        BatKind::LdapDirectory
    } else if emcc::is_remote_cluster(&headers) {
        BatKind::RemoteCluster
    } else if emcc::is_intercluster_service_profile(&headers) {
        BatKind::InterclusterServiceProfile
    } else if credential_policies::INACTIVE_DAYS.iter().any(|c| has(c)) {
        BatKind::CredentialPolicy
    } else if has("protocol") && has("port") && uc_services::SERVICE_TYPE.iter().any(|c| has(c)) {
        BatKind::UcService
    } else if has("service url") || (has("service name") && has("url")) {
        BatKind::PhoneService
    } else if has("directory number") && has("route partition") && headers.iter().filter(|h| !h.is_empty()).count() > 2
    {
        BatKind::DirectoryNumber
    } else {
        dial_plan_kind(has)?
    };
    Some(kind)
}

/// A dial plan member by the columns only it has among the 14.0 members (a trunk is known
/// earlier). `css.csv` is not among them: `intercomcss.csv` has its header exactly.
fn dial_plan_kind(has: impl Fn(&str) -> bool) -> Option<BatKind> {
    Some(if has("route pattern") && has("route partition") && has("gateway/route list") {
        BatKind::Numbers(&numbers::ROUTE_PATTERN)
    } else if has("translation pattern") && has("route partition") {
        BatKind::Numbers(&numbers::TRANSLATION_PATTERN)
    } else if has("hunt pilot") && has("route partition") {
        BatKind::Numbers(&numbers::HUNT_PILOT)
    } else if has("name") && has("time schedule") && has("specific time zone") {
        // intercomroutepartition.csv and ccdpartition.csv have `TIME ZONE` instead.
        BatKind::Partition
    } else if has("name") && (has("huntlist for vm") || has("line group 1")) {
        BatKind::HuntList
    } else if has("name") && (has("enable this route list") || has("route group 1")) {
        BatKind::RouteList
    } else if has("name") && (has("type distribute algorithm") || has("device selection order 1")) {
        BatKind::RouteGroup
    } else {
        return None;
    })
}

/// The longest first line [`detect`] reads as a header: 1 MiB. A real header is a few kilobytes
/// (`phone.csv` of 14.0, 273 columns, is under 8 KiB), a few hundred for thousands of columns.
pub const MAX_HEADER_LINE: usize = 1 << 20;

/// Whether a header is that of a 14.0 member that looks like a live object's file but is not
/// one (`../shared/domain/bat-export-14.0.md`), by the columns only it has.
fn is_look_alike(headers: &[String], has: impl Fn(&str) -> bool) -> bool {
    // siprealm.csv: REALM NAME,USER ID,PASSWORD REVERSE.
    has("realm name")
        // endusercapfprofile.csv, appusercapfprofile.csv: CAPF enrolment of a user.
        || has("instance id") && has("authentication string")
        // dnalookupandsync.csv: LDAP DN alias lookup servers, with a sync agreement's columns.
        || has("ldap directory server usage")
        || headers.iter().any(|h| h.starts_with("record cache"))
        // defaultdeviceprofile.csv: `User Locale` where a device profile has `Device User
        // Locale`, and no login user or lines.
        || has("device profile name") && has("user locale") && !has("device user locale") && !has("login user id")
}

/// Parses a BAT CSV of a known kind into `parse.cluster`.
pub fn parse(kind: BatKind, parse: &mut FileParse<'_>) {
    parse.cluster.present.extend(kind.data_sets().iter().copied());
    let Some(header) = read_header(parse) else {
        return empty_table(kind, parse);
    };
    let each = row_parser(kind, &header.map);
    reserve(kind, parse, header.rows_start..parse.text.len());
    // One file is read on one thread, the others' files on the other cores (`schedule.rs`).
    let mut rows = 0;
    read_rows(parse, &header, &mut |parse, header, row| {
        rows += 1;
        each(parse, header, row);
    });
    if rows == 0 {
        empty_table(kind, parse);
    }
}

/// Parses one row of a file into `parse.cluster`, given the file's header.
type RowParser = Box<dyn Fn(&mut FileParse<'_>, &HeaderMap, &Row<'_>) + Sync>;

/// The parser of the rows of a file of this kind. The big files' parsers look their columns up
/// here, once per file, rather than by name in every row.
fn row_parser(kind: BatKind, header: &HeaderMap) -> RowParser {
    match kind {
        BatKind::Phone => {
            let cols = devices::DeviceColumns::new(header);
            Box::new(move |parse: &mut FileParse<'_>, _: &HeaderMap, row: &Row<'_>| devices::phone(parse, &cols, row))
        }
        BatKind::DeviceProfile => {
            let cols = devices::DeviceColumns::new(header);
            Box::new(move |parse: &mut FileParse<'_>, _: &HeaderMap, row: &Row<'_>| {
                devices::device_profile(parse, &cols, row)
            })
        }
        BatKind::EndUser => {
            let cols = end_users::UserColumns::new(header);
            Box::new(move |parse: &mut FileParse<'_>, _: &HeaderMap, row: &Row<'_>| {
                end_users::end_user(parse, &cols, row)
            })
        }
        BatKind::AppUser => Box::new(app_users::app_user),
        BatKind::CommonDeviceConfig => Box::new(parameters::common_device_config),
        BatKind::LineGroup => Box::new(line_groups::line_group),
        BatKind::ServiceParameter => Box::new(parameters::service_parameter),
        BatKind::EnterpriseParameter => Box::new(parameters::enterprise_parameter),
        BatKind::LdapAuthentication => Box::new(ldap::ldap_authentication),
        BatKind::LdapSystem => Box::new(ldap_directories::ldap_system),
        BatKind::LdapDirectory => Box::new(ldap_directories::ldap_directory),
        BatKind::PhoneService => Box::new(phone_services::phone_service),
        BatKind::DirectoryNumber => Box::new(directory_numbers::directory_number),
        BatKind::IntercomNumber => Box::new(intercom::intercom_number),
        BatKind::UcService => Box::new(uc_services::uc_service),
        BatKind::CredentialPolicy => Box::new(credential_policies::credential_policy),
        BatKind::RemoteCluster => Box::new(emcc::remote_cluster),
        BatKind::InterclusterServiceProfile => Box::new(emcc::intercluster_service_profile),
        BatKind::AccessControlGroup => Box::new(access_control_groups::access_control_group),
        BatKind::CtiRoutePoint => {
            let cols = devices::DeviceColumns::new(header);
            Box::new(move |parse: &mut FileParse<'_>, _: &HeaderMap, row: &Row<'_>| {
                devices::cti_route_point(parse, &cols, row)
            })
        }
        BatKind::ServiceProfile => Box::new(service_profiles::service_profile),
        BatKind::Numbers(member) => {
            let patterns = member.dial.map(|kind| dial_plan::PatternColumns::new(header, member, kind));
            Box::new(move |parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>| {
                numbers::owned_number(parse, header, row, member);
                if let Some(cols) = &patterns {
                    dial_plan::dial_pattern(parse, cols, row);
                }
            })
        }
        BatKind::RemoteDestinationProfile => Box::new(devices::remote_destination_profile),
        BatKind::Partition => Box::new(dial_plan::partition),
        BatKind::Css => Box::new(dial_plan::css),
        BatKind::HuntList => Box::new(dial_plan::hunt_list),
        BatKind::RouteList => Box::new(dial_plan::route_list),
        BatKind::RouteGroup => Box::new(dial_plan::route_group),
        BatKind::Trunk => Box::new(dial_plan::trunk),
    }
}

/// A file with only its header says the cluster has none of these objects.
fn empty_table(kind: BatKind, parse: &mut FileParse<'_>) {
    let header_line = parse.text.lines().next().map_or(0, str::len);
    let span = uclint_model::Span::new(parse.source, 0, header_line);
    for &data in kind.data_sets() {
        parse.cluster.empty_tables.push((data, span));
    }
}

/// Sizes the big lists for the rows in `range`: one record per line (quoted line breaks make
/// this an upper bound), so that they are allocated once instead of doubling their way up,
/// which would leave up to half of a large file's records as slack.
fn reserve(kind: BatKind, parse: &mut FileParse<'_>, range: std::ops::Range<usize>) {
    let records = || memchr::memchr_iter(b'\n', &parse.text.as_bytes()[range.clone()]).count() + 1;
    match kind {
        BatKind::Phone => parse.cluster.phones.reserve_exact(records()),
        BatKind::DeviceProfile => parse.cluster.device_profiles.reserve_exact(records()),
        BatKind::EndUser => parse.cluster.end_users.reserve_exact(records()),
        _ => {}
    }
}

/// The most characters of a `header.txt` value kept: an export time, an address or a version
/// string is a few dozen; anything longer is cut, so that a hostile header cannot fill a page.
pub const MAX_HEADER_VALUE_CHARS: usize = 128;

/// `header.txt` of a BAT Import/Export tar: keeps what it says of the export (`Time :`,
/// `IP Address :`, `CCM :`, the first of each) in the cluster's
/// [`ExportHeader`](uclint_model::ExportHeader), and records each file uclint reads that its
/// `File :` lines do not list as a [`DataGap`] of the tar, pointing at those lines, so that
/// GEN010 can say which data the export lacks.
pub fn manifest(parse: &mut FileParse<'_>) {
    let mut listed = Vec::new();
    let (mut start, mut end) = (None, 0);
    let mut offset = 0;
    for line in parse.text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\r', '\n']);
        header_value(parse, content, offset);
        if let Some(name) =
            content.trim_start().strip_prefix("File :").or_else(|| content.trim_start().strip_prefix("File:"))
        {
            listed.push(name.trim().to_ascii_lowercase());
            start.get_or_insert(offset);
            end = offset + content.len();
        }
        offset += line.len();
    }
    let Some(start) = start else { return };
    let span = Span::new(parse.source, start, end);
    // The tar's own path (members are named `archive.tar!member`), or the directory of a loose
    // `header.txt` beside its CSVs.
    let export = match parse.path.rsplit_once('!') {
        Some((tar, _)) => tar,
        None => parse.path.rsplit_once(['/', '\\']).map_or(parse.path, |(dir, _)| dir),
    }
    .to_owned();
    for kind in BatKind::ALL {
        if !listed.iter().any(|name| name == kind.tar_name()) {
            let missing = kind.tar_name().to_owned();
            for &data in kind.data_sets() {
                let gap = DataGap { export: export.clone(), missing: missing.clone(), data, incomplete: false, span };
                parse.cluster.data_gaps.push(gap);
            }
        }
    }
}

/// Takes a `Time :`, `IP Address :` or `CCM :` line (the name in any case and spacing) at
/// `offset` into the export header, unless an earlier line gave it. The value is trimmed, its
/// control characters replaced by spaces and cut at [`MAX_HEADER_VALUE_CHARS`]; an empty one is
/// no value.
fn header_value(parse: &mut FileParse<'_>, line: &str, offset: usize) {
    let Some((name, value)) = line.split_once(':') else { return };
    let name: String = name.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase();
    let header = &mut parse.cluster.export_header;
    let slot = match name.as_str() {
        "time" => &mut header.time,
        "ip address" => &mut header.publisher,
        "ccm" => &mut header.version,
        _ => return,
    };
    if slot.is_some() {
        return;
    }
    let trimmed = value.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    if trimmed.is_empty() {
        return;
    }
    // `trimmed` is a slice of `line`: where it starts in the line is where the value starts.
    let value_start = offset + (trimmed.as_ptr() as usize - line.as_ptr() as usize);
    let kept: String =
        trimmed.chars().take(MAX_HEADER_VALUE_CHARS).map(|c| if c.is_control() { ' ' } else { c }).collect();
    let kept_bytes = trimmed.chars().take(MAX_HEADER_VALUE_CHARS).map(char::len_utf8).sum::<usize>();
    let span = Span::new(parse.source, value_start, value_start + kept_bytes);
    *slot = Some(uclint_model::Spanned::new(kept.into(), span));
}
