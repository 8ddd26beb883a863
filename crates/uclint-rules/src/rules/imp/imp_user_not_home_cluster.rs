//! IMP002: an IM and Presence user not marked Home Cluster.

use crate::rule::declare_rule;
use crate::{Context, Sink};

declare_rule! {
    /// ## What it checks
    /// That every end user enabled for IM and Presence has Home Cluster checked (BAT `HOME
    /// CLUSTER` = `t`). The catalog's second case, an IM&P user without a UC Service Profile,
    /// is not checked yet: the service profile is not read into the model.
    ///
    /// ## Why it breaks
    /// The IM and Presence options of an end user depend on Home Cluster: IM and Presence only
    /// serves users homed on the cluster it belongs to. A user enabled for IM&P but homed
    /// elsewhere gets no presence or chat service from this cluster, and Jabber fails to sign in.
    ///
    /// ## Example
    /// ```csv
    /// USER ID,ENABLE USER FOR UNIFIED CM IM AND PRESENCE,HOME CLUSTER,UC SERVICE PROFILE
    /// jdoe,t,f,SP_Jabber
    /// ```
    ///
    /// ## How to fix
    /// User Management > End User > the user > Service Settings > Home Cluster: check it (on the
    /// user's home cluster only).
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
    summary: "A user enabled for IM and Presence is not marked Home Cluster.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    for user in &ctx.cluster.end_users {
        let Some(imp) = user.imp_enabled.as_ref().filter(|f| f.value) else { continue };
        let Some(home) = user.home_cluster.as_ref().filter(|f| !f.value) else { continue };
        let message = format!(
            "{} is enabled for IM&P but is not marked Home Cluster; IM and Presence serves only users homed on \
             its cluster",
            user.user_id.value,
        );
        let help =
            format!("User Management > End User > {} > Service Settings > Home Cluster: check it", user.user_id.value);
        let finding = sink
            .finding(user.key(), home.span, "Home Cluster", message)
            .with_label(imp.span, "enabled for IM and Presence")
            .with_help(help);
        sink.push(finding);
    }
}
