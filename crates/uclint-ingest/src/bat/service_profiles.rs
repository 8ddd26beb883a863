//! `serviceprofile.csv`: UC service profiles (User Management > User Settings > Service
//! Profile), of which uclint reads the name and whether it is the system default (`MAKE THIS
//! THE DEFAULT SERVICE PROFILE FOR THE SYSTEM`): a user with no profile of their own gets it.

use uclint_model::ServiceProfile;

use crate::table::{HeaderMap, Row};
use crate::FileParse;

/// One `serviceprofile.csv` row.
pub fn service_profile(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(name) = row.value(header, "name") else { return };
    let system_default = row.flag(parse, header, "make this the default service profile for the system");
    parse.cluster.service_profiles.push(ServiceProfile { name, system_default, span: row.span });
}
