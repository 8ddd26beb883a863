//! EM017: EMCC is in use but a prerequisite is missing.

use uclint_model::{DataSet, ObjectKey, Span, Spanned, Text};

use crate::rule::declare_rule;
use crate::{Context, Finding, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// When Extension Mobility Cross Cluster (EMCC) is in use, that its prerequisites are in the
    /// export:
    /// - an end user with a device profile has Enable EMCC checked (BAT `ENABLE EMCC`, AXL
    ///   `enableEmcc`);
    /// - at least one remote cluster is defined (`remotecluster.csv`);
    /// - an EMCC intercluster service profile exists (`interclusterserviceprofile.csv`);
    /// - every device profile has an Extension Mobility Cross Cluster CSS (`deviceprofile.csv`).
    ///
    /// EMCC counts as in use when `uclint.toml` says `emcc = true` or an EM phone service URL
    /// carries `EMCC=#EMCC#`; otherwise the rule is skipped, naming the key. A check whose data
    /// the export lacks is not made, and the run summary notes which.
    ///
    /// The headers of `remotecluster.csv` and `interclusterserviceprofile.csv` are not known
    /// from a real export: they are recognised by inferred column names (a cluster ID with a
    /// fully qualified name; EMCC columns beside TFTP, PSTN access or RSVP agent ones), with an
    /// INPUT005 note. The device profile's EMCC CSS is read from BAT only.
    ///
    /// ## What it leaves alone
    /// - Users without a device profile: they have nothing to log in with on a remote cluster.
    /// - Users and device profiles whose export does not carry Enable EMCC or the EMCC CSS.
    /// - Everything, when EMCC is neither declared nor named in an EM service URL.
    /// - Templates and CUCM's placeholder users (`Token_User_<uuid>`): set aside when the export is
    ///   read.
    ///
    /// ## Why it breaks
    /// An EMCC login on a visiting cluster needs the user enabled for EMCC on the home cluster,
    /// each cluster defined as a remote cluster of the other with EMCC active, and the EMCC
    /// intercluster service profile (TFTP and remote cluster update servers) in place; the
    /// profile's EMCC CSS routes calls while it is logged in remotely. A missing piece makes
    /// remote logins fail, e.g. with "Login is unavailable (213)".
    ///
    /// ## Example
    /// ```csv
    /// USER ID,ENABLE EMCC,DEVICE NAME 1,TYPE USER ASSOCIATION 1
    /// jdoe,f,UDP_jdoe,Profile Available
    /// ```
    ///
    /// ## How to fix
    /// - User Management > End User > the user > Extension Mobility > Enable Extension Mobility
    ///   Cross Cluster.
    /// - Advanced Features > Cluster View > Add New: each remote cluster, with EMCC active.
    /// - Advanced Features > EMCC > EMCC Intercluster Service Profile: activate EMCC and set the
    ///   TFTP and remote cluster update servers.
    /// - Device > Device Settings > Device Profile > the profile > Extension Mobility Cross
    ///   Cluster CSS.
    ///
    /// ## Sources
    /// - CUCM Feature Configuration Guide, Extension Mobility Cross Cluster task flow (FCG-EMCC).
    /// - Document B (login error 213, "Login is unavailable").
    code: "EM017",
    name: "emcc-prerequisites-missing",
    family: Em,
    severity: Warning,
    status: Stable,
    requires: [EndUsers | DeviceProfiles | RemoteClusters | InterclusterServiceProfiles],
    settings: [Emcc],
    summary: "EMCC is in use but a user, remote cluster, intercluster service profile or profile CSS is missing.",
    check: check,
}

/// The consequence every finding states.
const CONSEQUENCE: &str = "remote logins will fail (e.g. 'Login is unavailable(213)')";

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let urls = emcc_service_urls(ctx);
    if !ctx.settings.emcc && urls.is_empty() {
        return Err(Skip::new(
            "EMCC is not declared: set emcc = true in uclint.toml (no EM service URL carries EMCC=#EMCC#)",
        ));
    }
    let trigger = urls.first().map(|u| u.span);
    let mut not_checked = Vec::new();
    if !users(ctx, sink, trigger) {
        not_checked.push("users' Enable EMCC (no ENABLE EMCC / enableEmcc data)");
    }
    let remote_clusters = (DataSet::RemoteClusters, ctx.cluster.remote_clusters.is_empty());
    let remote = "no remote cluster is defined (Advanced Features > Cluster View is empty)";
    let help = "Advanced Features > Cluster View > Add New: add each remote cluster by Cluster ID and Fully Qualified \
                Name, with EMCC active";
    if !table_empty(ctx, sink, trigger, remote_clusters, "emcc-remote-cluster", remote, help) {
        not_checked.push("remote clusters (no remotecluster.csv data)");
    }
    let profiles = (DataSet::InterclusterServiceProfiles, ctx.cluster.intercluster_service_profiles.is_empty());
    let profile = "no EMCC intercluster service profile exists";
    let help = "Advanced Features > EMCC > EMCC Intercluster Service Profile: activate EMCC and set the TFTP and \
                remote cluster update servers";
    if !table_empty(ctx, sink, trigger, profiles, "emcc-intercluster-service-profile", profile, help) {
        not_checked.push("the intercluster service profile (no interclusterserviceprofile.csv data)");
    }
    if !profile_css(ctx, sink, trigger) {
        not_checked.push("device profiles' EMCC CSS (no Extension Mobility Cross Cluster CSS column)");
    }
    if not_checked.len() == 4 {
        return Err(Skip::new(format!("no data for any EMCC check: {}", not_checked.join("; "))));
    } else if !not_checked.is_empty() {
        sink.note(format!("EMCC checks not made for lack of data: {}", not_checked.join("; ")));
    }
    Ok(())
}

/// The EM service URLs with `EMCC=#EMCC#` (case-insensitive), secure ones included.
fn emcc_service_urls<'a>(ctx: &Context<'a>) -> Vec<&'a Spanned<Text>> {
    let services = ctx.cluster.phone_services.iter();
    services
        .flat_map(|s| s.url.iter().chain(&s.secure_url))
        .filter(|url| url.value.as_str().to_ascii_lowercase().replace(' ', "").contains("emcc=#emcc#"))
        .collect()
}

/// Users with a device profile and Enable EMCC unchecked. False when no user says either way.
fn users(ctx: &Context<'_>, sink: &mut Sink, trigger: Option<Span>) -> bool {
    let mut known = false;
    for user in &ctx.cluster.end_users {
        let Some(enabled) = &user.enable_emcc else { continue };
        known = true;
        if enabled.value || user.controlled_profiles.is_empty() {
            continue;
        }
        let message = format!(
            "EMCC is configured but {} has a device profile and Enable EMCC is unchecked; {CONSEQUENCE}",
            user.user_id.value
        );
        let help = format!(
            "User Management > End User > {} > Extension Mobility > Enable Extension Mobility Cross Cluster: check it",
            user.user_id.value
        );
        let finding = sink
            .report(user.key(), enabled.span, "Enable EMCC", message)
            .label(user.controlled_profiles[0].span, "device profile");
        finish(finding, trigger, help);
    }
    known
}

/// A table that the export holds with no records. False when the export does not hold it.
fn table_empty(
    ctx: &Context<'_>,
    sink: &mut Sink,
    trigger: Option<Span>,
    (data, empty): (DataSet, bool),
    feature: &str,
    problem: &str,
    help: &str,
) -> bool {
    if !ctx.cluster.has(data) {
        return false;
    }
    if !empty {
        return true;
    }
    // The export has the file with no records; point at its header line.
    let Some(&(_, span)) = ctx.cluster.empty_tables.iter().find(|(d, _)| *d == data) else { return true };
    let message = format!("EMCC is configured but {problem}; {CONSEQUENCE}");
    let finding = sink.report(ObjectKey::Feature(feature.into()), span, "no records", message);
    finish(finding, trigger, help.to_owned());
    true
}

/// Device profiles without an EMCC CSS. False when no profile says either way.
fn profile_css(ctx: &Context<'_>, sink: &mut Sink, trigger: Option<Span>) -> bool {
    let mut known = false;
    for profile in &ctx.cluster.device_profiles {
        let Some(css) = &profile.emcc_css else { continue };
        known = true;
        if css.value {
            continue;
        }
        let message = format!(
            "EMCC is configured but device profile {} has no Extension Mobility Cross Cluster CSS; {CONSEQUENCE}",
            profile.name.value
        );
        let help = format!(
            "Device > Device Settings > Device Profile > {} > Extension Mobility Cross Cluster CSS: choose the CSS \
             for calls while the profile is logged in on a remote cluster",
            profile.name.value
        );
        let finding = sink.report(profile.key(), css.span, "Extension Mobility Cross Cluster CSS", message);
        finish(finding, trigger, help);
    }
    known
}

/// Adds the EMCC service URL that triggered the rule, if one did, and the help.
fn finish(mut finding: Finding<'_>, trigger: Option<Span>, help: String) {
    if let Some(span) = trigger {
        finding = finding.label(span, "EM service URL with EMCC=#EMCC#");
    }
    finding.help(help);
}
