//! BAT CSV files: the members of the Import/Export tar (`phone.csv`, `enduser.csv`, …), also
//! accepted loose in a directory. Each kind is recognised by its header, not its file name.

mod access_control_groups;
mod app_users;
mod columns;
mod devices;
mod directory_numbers;
mod end_users;
mod intercom;
mod ldap;
mod ldap_directories;
mod line_groups;
mod parameters;
mod phone_services;

use csv::ReaderBuilder;
use uclint_model::DataSet;

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
    /// `accesscntrlgrp.csv`.
    AccessControlGroup,
}

impl BatKind {
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
            BatKind::AccessControlGroup => DataSet::AccessControlGroups,
        }
    }
}

/// Recognises a BAT CSV by the columns of its first line.
pub fn detect(text: &str) -> Option<BatKind> {
    let first_line = text.lines().next()?;
    let mut reader = ReaderBuilder::new().has_headers(false).flexible(true).from_reader(first_line.as_bytes());
    let record = reader.records().next()?.ok()?;
    let has = |name: &str| record.iter().any(|h| normalise_header(h) == name);
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
        BatKind::AccessControlGroup => access_control_groups::access_control_group,
    };
    read_table(parse, each);
}
