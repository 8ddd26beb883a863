//! BAT CSV files: the members of the Import/Export tar (`phone.csv`, `enduser.csv`, …), also
//! accepted loose in a directory. Each kind is recognised by its header, not its file name.

mod access_control_groups;
mod app_users;
mod columns;
mod credential_policies;
mod devices;
mod directory_numbers;
mod emcc;
mod end_users;
mod intercom;
mod ldap;
mod ldap_directories;
mod line_groups;
mod parameters;
mod phone_services;
mod uc_services;

use csv::ReaderBuilder;
use uclint_model::{DataGap, DataSet, Span};

use crate::table::{normalise_header, read_table, HeaderMap};
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
        }
    }

    fn data_set(self) -> DataSet {
        match self {
            BatKind::Phone => DataSet::Phones,
            BatKind::DeviceProfile => DataSet::DeviceProfiles,
            BatKind::EndUser => DataSet::EndUsers,
            BatKind::AppUser => DataSet::AppUsers,
            BatKind::CommonDeviceConfig => DataSet::CommonDeviceConfigs,
            BatKind::LineGroup => DataSet::LineGroups,
            BatKind::ServiceParameter => DataSet::ServiceParameters,
            BatKind::EnterpriseParameter => DataSet::EnterpriseParameters,
            BatKind::LdapAuthentication => DataSet::LdapAuthentication,
            BatKind::LdapSystem => DataSet::LdapSystem,
            BatKind::LdapDirectory => DataSet::LdapDirectories,
            BatKind::PhoneService => DataSet::PhoneServices,
            BatKind::DirectoryNumber => DataSet::DirectoryNumbers,
            BatKind::IntercomNumber => DataSet::Intercom,
            BatKind::UcService => DataSet::UcServices,
            BatKind::CredentialPolicy => DataSet::CredentialPolicies,
            BatKind::RemoteCluster => DataSet::RemoteClusters,
            BatKind::InterclusterServiceProfile => DataSet::InterclusterServiceProfiles,
            BatKind::AccessControlGroup => DataSet::AccessControlGroups,
        }
    }
}

/// Recognises a BAT CSV by the columns of its first line.
pub fn detect(text: &str) -> Option<BatKind> {
    let first_line = text.lines().next()?;
    let mut reader = ReaderBuilder::new().has_headers(false).flexible(true).from_reader(first_line.as_bytes());
    let record = reader.records().next()?.ok()?;
    let headers: Vec<String> = record.iter().map(normalise_header).collect();
    let has = |name: &str| headers.iter().any(|h| h == name);
    let kind = if has("device profile name") {
        BatKind::DeviceProfile
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
    } else if has("directory number") && has("route partition") {
        BatKind::DirectoryNumber
    } else {
        return None;
    };
    Some(kind)
}

/// Parses a BAT CSV of a known kind into `parse.cluster`.
pub fn parse(kind: BatKind, parse: &mut FileParse<'_>) {
    parse.cluster.present.insert(kind.data_set());
    let each: fn(&mut FileParse<'_>, &HeaderMap, &crate::table::Row<'_>) = match kind {
        BatKind::Phone => devices::phone,
        BatKind::DeviceProfile => devices::device_profile,
        BatKind::EndUser => end_users::end_user,
        BatKind::AppUser => app_users::app_user,
        BatKind::CommonDeviceConfig => parameters::common_device_config,
        BatKind::LineGroup => line_groups::line_group,
        BatKind::ServiceParameter => parameters::service_parameter,
        BatKind::EnterpriseParameter => parameters::enterprise_parameter,
        BatKind::LdapAuthentication => ldap::ldap_authentication,
        BatKind::LdapSystem => ldap_directories::ldap_system,
        BatKind::LdapDirectory => ldap_directories::ldap_directory,
        BatKind::PhoneService => phone_services::phone_service,
        BatKind::DirectoryNumber => directory_numbers::directory_number,
        BatKind::IntercomNumber => intercom::intercom_number,
        BatKind::UcService => uc_services::uc_service,
        BatKind::CredentialPolicy => credential_policies::credential_policy,
        BatKind::RemoteCluster => emcc::remote_cluster,
        BatKind::InterclusterServiceProfile => emcc::intercluster_service_profile,
        BatKind::AccessControlGroup => access_control_groups::access_control_group,
    };
    // One record per line, less the header (quoted line breaks make this an upper bound): the
    // big lists are sized once instead of doubling their way up, which would leave up to half
    // of a large file's records as slack.
    let records = || memchr::memchr_iter(b'\n', parse.text.as_bytes()).count();
    match kind {
        BatKind::Phone => parse.cluster.phones.reserve_exact(records()),
        BatKind::DeviceProfile => parse.cluster.device_profiles.reserve_exact(records()),
        BatKind::EndUser => parse.cluster.end_users.reserve_exact(records()),
        _ => {}
    }
    let mut rows = 0;
    read_table(parse, |parse, header, row| {
        rows += 1;
        each(parse, header, row);
    });
    if rows == 0 {
        // A file with only its header says the cluster has none of these objects.
        let header_line = parse.text.lines().next().map_or(0, str::len);
        let span = uclint_model::Span::new(parse.source, 0, header_line);
        parse.cluster.empty_tables.push((kind.data_set(), span));
    }
}

/// `header.txt` of a BAT Import/Export tar: records each file uclint reads that its `File :`
/// lines do not list as a [`DataGap`] of the tar, pointing at those lines, so that GEN010 can
/// say which data the export lacks.
pub fn manifest(parse: &mut FileParse<'_>) {
    let mut listed = Vec::new();
    let (mut start, mut end) = (None, 0);
    let mut offset = 0;
    for line in parse.text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\r', '\n']);
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
            let gap = DataGap { export: export.clone(), missing, data: kind.data_set(), incomplete: false, span };
            parse.cluster.data_gaps.push(gap);
        }
    }
}
