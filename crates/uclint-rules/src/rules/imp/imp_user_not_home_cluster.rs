//! IMP002: an IM and Presence user not marked Home Cluster, or without a UC Service Profile.

use uclint_model::{DataSet, Severity};

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every end user enabled for IM and Presence
    /// - has Home Cluster checked (BAT `HOME CLUSTER` = `t`, AXL `homeCluster`), an error; and
    /// - has a UC Service Profile (BAT `UC SERVICE PROFILE`, `NULL` when unset; AXL
    ///   `serviceProfile`), a warning, when the cluster has no system default UC service profile
    ///   (`serviceprofile.csv`, "Make this the default service profile for the system" = `t`):
    ///   a user without a profile of their own gets the system default.
    ///
    /// ## What it leaves alone
    /// - Users without a UC Service Profile when the cluster has a system default profile: they
    ///   inherit it.
    /// - Users without a UC Service Profile when the export does not say whether there is a
    ///   system default (no `serviceprofile.csv`): that half of the check is not made, and the
    ///   run summary says so.
    /// - Users whose export does not carry the field, and users not enabled for IM and Presence.
    /// - CUCM's placeholder users (`Token_User_<uuid>`): set aside when the export is read.
    ///
    /// ## Why it breaks
    /// The IM and Presence options of an end user depend on Home Cluster: IM and Presence only
    /// serves users homed on the cluster it belongs to. A user enabled for IM&P but homed
    /// elsewhere gets no presence or chat service from this cluster, and Jabber fails to sign in.
    /// The UC Service Profile tells Jabber where its IM and Presence, voicemail and directory
    /// services are: without one, the client signs in without them.
    ///
    /// ## Example
    /// ```csv
    /// USER ID,ENABLE USER FOR UNIFIED CM IM AND PRESENCE,HOME CLUSTER,UC SERVICE PROFILE
    /// jdoe,t,f,SP_Jabber
    /// asmith,t,t,NULL
    /// ```
    /// with a `serviceprofile.csv` in which no profile is the system default.
    ///
    /// ## How to fix
    /// User Management > End User > the user > Service Settings > Home Cluster: check it (on the
    /// user's home cluster only); and Service Settings > UC Service Profile: choose the
    /// profile with the IM and Presence service.
    ///
    /// ## Sources
    /// - Cisco Jabber on-premises deployment guide (JAB-DEP): select Home Cluster, enable IM&P,
    ///   choose a service profile.
    /// - CUCM End User field reference (EU-FIELDS): the IM&P options depend on Home Cluster.
    code: "IMP002",
    name: "imp-user-not-home-cluster",
    family: Imp,
    severity: Error,
    status: Stable,
    requires: [EndUsers],
    summary: "A user enabled for IM and Presence is not marked Home Cluster or has no UC Service Profile.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let profiles_known = ctx.cluster.has(DataSet::ServiceProfiles);
    let system_default =
        ctx.cluster.service_profiles.iter().find(|p| p.system_default.as_ref().is_some_and(|d| d.value));
    let check_profile = profiles_known && system_default.is_none();
    let mut profile_unknown = false;
    for user in &ctx.cluster.end_users {
        let Some(imp) = user.imp_enabled.as_ref().filter(|f| f.value) else { continue };
        if let Some(home) = user.home_cluster.as_ref().filter(|f| !f.value) {
            let message = format!(
                "{} is enabled for IM&P but is not marked Home Cluster; IM and Presence serves only users homed on \
                 its cluster",
                user.user_id.value,
            );
            let help = format!(
                "User Management > End User > {} > Service Settings > Home Cluster: check it",
                user.user_id.value
            );
            sink.report(user.key(), home.span, "Home Cluster", message)
                .label(imp.span, "enabled for IM and Presence")
                .help(help);
        }
        if let Some(profile) = user.uc_service_profile.as_ref().filter(|p| !p.value) {
            if !check_profile {
                profile_unknown |= !profiles_known;
                continue;
            }
            let message = format!(
                "{} is enabled for IM&P but has no UC Service Profile, and the cluster has no system default \
                 profile; Jabber signs in without its IM and Presence, voicemail and directory services",
                user.user_id.value,
            );
            let help = format!(
                "User Management > End User > {} > Service Settings > UC Service Profile: choose the profile with \
                 the IM and Presence service",
                user.user_id.value
            );
            sink.report(user.key(), profile.span, "no UC Service Profile", message)
                .label(imp.span, "enabled for IM and Presence")
                .help(help)
                .severity(Severity::Warning);
        }
    }
    if profile_unknown {
        sink.note(
            "users enabled for IM and Presence without a UC Service Profile were not judged: the export has no \
             serviceprofile.csv to tell whether a system default profile gives them one",
        );
    }
    Ok(())
}
