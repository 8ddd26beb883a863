//! `remotecluster.csv` and `interclusterserviceprofile.csv`: the EMCC remote clusters
//! (Advanced Features > Cluster View) and the EMCC intercluster service profile.
//!
//! No real header of either file was found, so both are recognised by inferred column names
//! (see [`is_remote_cluster`], [`is_intercluster_service_profile`]) and each gets one INPUT005
//! note. Only whether records exist, and a remote cluster's ID, are read: a file that is not
//! recognised leaves its data absent, and the checks that need it are skipped, never run on
//! nothing.

use super::columns::{note_inferred, pick};
use crate::table::{HeaderMap, Row};
use crate::FileParse;

/// Accepted spellings of the remote cluster ID column, normalised.
const CLUSTER_ID: &[&str] = &["cluster id", "clusterid", "remote cluster id", "name"];

/// Whether a header (normalised names) looks like `remotecluster.csv`: a cluster ID and a
/// fully qualified name, as the Remote Cluster page has them.
pub fn is_remote_cluster(headers: &[String]) -> bool {
    let has = |c: &str| headers.iter().any(|h| h == c);
    (has("cluster id") || has("clusterid") || has("remote cluster id"))
        && headers.iter().any(|h| h.contains("fully qualified name") || h.contains("fqdn"))
}

/// Whether a header (normalised names) looks like `interclusterserviceprofile.csv`: EMCC
/// columns beside the TFTP, PSTN access or RSVP agent ones the EMCC Intercluster Service Profile
/// page has.
pub fn is_intercluster_service_profile(headers: &[String]) -> bool {
    headers.iter().any(|h| h.contains("emcc"))
        && headers.iter().any(|h| h.contains("tftp") || h.contains("pstn access") || h.contains("rsvp"))
}

/// One `remotecluster.csv` row.
pub fn remote_cluster(parse: &mut FileParse<'_>, header: &HeaderMap, row: &Row<'_>) {
    let Some(id) = pick(header, CLUSTER_ID).and_then(|c| row.value(header, c)) else { return };
    note_inferred(
        parse,
        "remote-cluster-columns",
        id.span,
        "remotecluster.csv is recognised by inferred column names (CLUSTER ID, FULLY QUALIFIED NAME); only the \
         cluster ID is read",
    );
    parse.cluster.remote_clusters.push(id);
}

/// One `interclusterserviceprofile.csv` row.
pub fn intercluster_service_profile(parse: &mut FileParse<'_>, _header: &HeaderMap, row: &Row<'_>) {
    note_inferred(
        parse,
        "intercluster-service-profile-columns",
        row.span,
        "interclusterserviceprofile.csv is recognised by inferred column names (EMCC beside TFTP, PSTN access or \
         RSVP agent columns); only whether a profile exists is read",
    );
    parse.cluster.intercluster_service_profiles.push(row.span);
}
