//! IMP002: an IM and Presence user not marked Home Cluster, or without a UC Service Profile.

use uclint_model::Severity;

use crate::rule::declare_rule;
use crate::{Context, Sink};

declare_rule! {
    /// ## What it checks
    /// That every end user enabled for IM and Presence
    /// - has Home Cluster checked (BAT `HOME CLUSTER` = `t`, AXL `homeCluster`), an error; and
    /// - has a UC Service Profile (BAT `UC SERVICE PROFILE`, `NULL` when unset; AXL
    ///   `serviceProfile`), a warning. Users whose export does not carry the field are not
    ///   judged.
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

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
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
            let finding = sink
                .finding(user.key(), home.span, "Home Cluster", message)
                .with_label(imp.span, "enabled for IM and Presence")
                .with_help(help);
            sink.push(finding);
        }
        if let Some(profile) = user.uc_service_profile.as_ref().filter(|p| !p.value) {
            let message = format!(
                "{} is enabled for IM&P but has no UC Service Profile; Jabber signs in without its IM and Presence, \
                 voicemail and directory services",
                user.user_id.value,
            );
            let help = format!(
                "User Management > End User > {} > Service Settings > UC Service Profile: choose the profile with \
                 the IM and Presence service",
                user.user_id.value
            );
            let mut finding = sink
                .finding(user.key(), profile.span, "no UC Service Profile", message)
                .with_label(imp.span, "enabled for IM and Presence")
                .with_help(help);
            finding.severity = Severity::Warning;
            sink.push(finding);
        }
    }
}
