//! GEN008: a reference to a device, profile, user or CDC that is not in the export.

use rustc_hash::FxHashSet;

use uclint_model::{is_placeholder_user, DataSet, ObjectKey, Severity, Spanned, Text};

use crate::rule::declare_rule;
use crate::{Context, Finding, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every name one object uses for another is in the export:
    /// - an end user's controlled devices and profiles (error);
    /// - an application user's controlled devices and profiles (warning);
    /// - a phone's Common Device Configuration and Owner User ID, and a device profile's Login
    ///   User Id (warning).
    ///
    /// A kind of reference is checked only when the export has the data it points to (a phone's
    /// owner only with `enduser.csv`, and so on). A phone's logout profile is EM019's finding.
    /// An export of part of a cluster produces false findings here.
    ///
    /// ## What it leaves alone
    /// - CUCM's placeholder users (`Token_User_<uuid>`), which templates name as their owner:
    ///   they are not users, so a reference to one is not dangling.
    /// - Templates: Universal Device and Line Templates are never read as phones or DNs, and a
    ///   reference to a template that was set aside when the export was read is not dangling.
    /// - CTI route points: `ctiroutepoint.csv` is read as devices, so the UCCX telephony users'
    ///   triggers are found there.
    /// - Remote destination profiles (`rdp.csv`), which users control for Single Number Reach
    ///   and Jabber mobile: known by name, so a user's association with one is not dangling.
    ///
    /// ## Why it breaks
    /// A dangling reference means something was deleted or renamed without updating what used
    /// it: the user's device association, the RMCM user's control list or the phone's CDC no
    /// longer does what the configuration appears to say.
    ///
    /// ## Example
    /// ```csv
    /// USER ID,DEVICE NAME 1,TYPE USER ASSOCIATION 1
    /// jdoe,SEP0011AABB00DE,Cti Control In
    /// ```
    /// while `phone.csv` has no `SEP0011AABB00DE`.
    ///
    /// ## How to fix
    /// Remove the stale association (End User or Application User > Device Information), or
    /// point the field at an existing object (Phone > Common Device Configuration, Owner User ID).
    ///
    /// ## Sources
    /// - Catalog rule GEN008 (referential integrity of the export).
    code: "GEN008",
    name: "dangling-reference",
    family: Gen,
    severity: Error,
    status: Stable,
    requires: [EndUsers | AppUsers | Phones | DeviceProfiles],
    summary: "An object refers to a device, profile, user or CDC that is not in the export.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let cluster = ctx.cluster;
    let devices_known = cluster.has(DataSet::Phones) && cluster.has(DataSet::DeviceProfiles);
    let users_known = cluster.has(DataSet::EndUsers);
    let cdcs_known = cluster.has(DataSet::CommonDeviceConfigs);
    let set_aside: FxHashSet<&str> = cluster.set_aside.iter().map(|s| s.name.value.as_str()).collect();
    let missing_device = |name: &str| ctx.index.device(name).is_none() && !set_aside.contains(name);
    if devices_known {
        for user in &cluster.end_users {
            for cell in user.controlled_devices.iter().chain(&user.controlled_profiles) {
                if missing_device(&cell.value) {
                    let help = format!(
                        "User Management > End User > {} > Device Information: remove {} (or restore the device)",
                        user.user_id.value, cell.value
                    );
                    report(sink, user.key(), cell, "device", false).help(help);
                }
            }
        }
        for user in &cluster.app_users {
            for cell in user.controlled_devices.iter().chain(&user.controlled_profiles) {
                if missing_device(&cell.value) {
                    let help = format!(
                        "User Management > Application User > {} > Device Information: remove {}",
                        user.name.value, cell.value
                    );
                    report(sink, user.key(), cell, "device", true).help(help);
                }
            }
        }
    }
    let cdcs: FxHashSet<&str> = cluster.common_device_configs.iter().map(|c| c.name.value.as_str()).collect();
    for phone in &cluster.phones {
        if let Some(cdc) =
            phone.common_device_config.as_ref().filter(|c| cdcs_known && !cdcs.contains(c.value.as_str()))
        {
            let help =
                format!("Device > Phone > {} > Common Device Configuration: choose an existing CDC", phone.name.value);
            report(sink, phone.key(), cdc, "Common Device Configuration", true).help(help);
        }
        let dangling_user =
            |o: &&Spanned<Text>| users_known && ctx.index.user(&o.value).is_none() && !is_placeholder_user(&o.value);
        if let Some(owner) = phone.owner_user_id.as_ref().filter(dangling_user) {
            let help = format!("Device > Phone > {} > Owner User ID: choose an existing user", phone.name.value);
            report(sink, phone.key(), owner, "end user", true).help(help);
        }
    }
    for profile in &cluster.device_profiles {
        if let Some(login) = profile
            .login_user_id
            .as_ref()
            .filter(|l| users_known && ctx.index.user(&l.value).is_none() && !is_placeholder_user(&l.value))
        {
            let help = format!("Device > Device Settings > Device Profile > {} > Login User Id", profile.name.value);
            report(sink, profile.key(), login, "end user", true).help(help);
        }
    }
    Ok(())
}

/// Reports that `object` references `what` named in `cell`, which the export does not have.
fn report<'s>(sink: &'s mut Sink, object: ObjectKey, cell: &Spanned<Text>, what: &str, warning: bool) -> Finding<'s> {
    let message = format!("{object} references {what} '{}' which is not in the export", cell.value);
    let finding = sink.report(object, cell.span, what, message);
    if warning {
        return finding.severity(Severity::Warning);
    }
    finding
}
