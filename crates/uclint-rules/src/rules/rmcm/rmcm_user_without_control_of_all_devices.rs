//! RMCM005: the RMCM user is in "Standard CTI Allow Control of All Devices".
//!
//! The check of the group is shared with the other RMCM group rules (`rmcm::check_group`).

use crate::catalog::groups;
use crate::rule::declare_rule;
use crate::rules::rmcm::check_group;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That the RMCM application user is in "Standard CTI Allow Control of All Devices",
    /// as TechNote 210485 lists. Disabled by default (catalog confidence L): the RMCM user
    /// that UCCX provisions itself does not have this group, and TechNote 117777 advises
    /// against it for contact-center provider users. Select it explicitly to check the
    /// TechNote's list.
    ///
    /// ## What it leaves alone
    /// - Every application user but the RMCM user, and every end user: SEC003 reports end
    ///   users who hold the group, since it lets them control every phone.
    ///
    /// ## Why it breaks
    /// According to TechNote 210485, missing CTI roles on the RMCM user stop UCCX from
    /// controlling agent devices. Field data says the group is not needed when every agent
    /// device is a controlled device of the RMCM user (RMCM001).
    ///
    /// ## Example
    /// ```csv
    /// APPLICATION USER NAME,DIR GROUP NAME 1,IS STANDARD 1,DIR GROUP NAME 2,IS STANDARD 2
    /// uccxrmcmuser,Standard CTI Enabled,t,Standard CTI Allow Call Monitoring,t
    /// ```
    ///
    /// ## How to fix
    /// Usually nothing: make sure RMCM001 passes instead. If you follow the TechNote:
    /// Application User > the RMCM user > Add to Access Control Group > Standard CTI Allow
    /// Control of All Devices.
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, "Troubleshoot Agent Log in Issues", step 7 (A).
    /// - Cisco TechNote 117777, "UCCE Integration with CM Configuration Example" (TN117777).
    /// - A real CUCM 14 UCCX lab export (LAB): the provisioned RMCM user lacks the group.
    code: "RMCM005",
    name: "rmcm-user-without-control-of-all-devices",
    family: Rmcm,
    severity: Info,
    status: Disabled,
    requires: [AppUsers],
    summary: "The RMCM user is not in \"Standard CTI Allow Control of All Devices\" (TechNote 210485).",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    check_group(ctx, sink, groups::ALL_DEVICES, "TechNote 210485 lists it among the RMCM user's roles")
}
