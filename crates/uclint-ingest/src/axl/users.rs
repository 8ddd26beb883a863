//! `getUser` / `listUser` `<user>` and `getAppUser` / `listAppUser` `<appUser>` records
//! (formats.md §7, §8). Passwords, PINs and digest credentials were masked before the text was
//! read; only whether digest credentials are set is kept.

use uclint_model::{
    is_placeholder_user, AccessControlGroup, AppUser, DataSet, DnRef, EndUser, PresenceLine, SetAside, SetAsideKind,
    Spanned, Text,
};

use crate::xml::read::{flag, texts};
use crate::xml::Element;
use crate::FileParse;

/// One `<user>`.
pub fn end_user(parse: &mut FileParse<'_>, user: Element<'_>) {
    let Some(user_id) = user.text_at(&["userid"]) else { return };
    if is_placeholder_user(&user_id.value) {
        // CUCM's placeholder for templates (`Token_User_<uuid>`): not a user of its own.
        parse.cluster.set_aside.push(SetAside { kind: SetAsideKind::PlaceholderUser, name: user_id });
        return;
    }
    let primary_extension = user.text_at(&["primaryExtension", "pattern"]).map(|pattern| {
        let partition = user.text_at(&["primaryExtension", "routePartitionName"]).map(|p| p.value);
        Spanned::new(DnRef::with_partition(&pattern.value, &partition.unwrap_or_default()), pattern.span)
    });
    // AXL has been seen returning `<digestCredentials/>` for users that have them (formats.md
    // §7, §16.4), so an empty element means "unknown", not "absent": only a value is evidence.
    let digest_credentials =
        user.child("digestCredentials").and_then(|element| element.value()).map(|text| Spanned::new(true, text.span));
    let groups = associated_groups(parse, user);
    let end_user = EndUser {
        ipcc_extension: ipcc_extension(parse, user),
        primary_extension,
        controlled_devices: texts(user, "associatedDevices", "device"),
        controlled_profiles: texts(user, "phoneProfiles", "profileName"),
        groups,
        digest_credentials,
        user_locale: user.text_at(&["userLocale"]),
        enable_cti: flag(parse, user, &["enableCti"]),
        imp_enabled: flag(parse, user, &["imAndPresenceEnable"]),
        home_cluster: flag(parse, user, &["homeCluster"]),
        subscribe_css: is_set(user, "subscribeCallingSearchSpaceName"),
        uc_service_profile: is_set(user, "serviceProfile"),
        self_service_id: is_set(user, "selfService"),
        presence_lines: presence_lines(parse, user).map(Box::new),
        enable_emcc: flag(parse, user, &["enableEmcc"]),
        default_profile: user.text_at(&["defaultProfile"]),
        span: user.span(),
        user_id,
    };
    parse.cluster.end_users.push(end_user);
}

/// `lineAppearanceAssociationForPresences/lineAppearanceAssociationForPresence`, when the
/// response has the list. `laapAssociate` is an `XFkType` in the schema and comes back as `t`/`f`
/// (formats.md §1).
fn presence_lines(parse: &mut FileParse<'_>, user: Element<'_>) -> Option<Spanned<Vec<PresenceLine>>> {
    let list = user.child("lineAppearanceAssociationForPresences")?;
    let lines = list
        .children_named("lineAppearanceAssociationForPresence")
        .map(|laap| PresenceLine {
            device: laap.text_at(&["laapDeviceName"]),
            directory: laap.text_at(&["laapDirectory"]),
            associate: flag(parse, laap, &["laapAssociate"]),
            span: laap.span(),
        })
        .collect();
    Some(Spanned::new(lines, list.span()))
}

/// The names of `associatedGroups/userGroup`; a group given with `userRoles/userRole` is also
/// recorded as an access control group carrying those roles.
fn associated_groups(parse: &mut FileParse<'_>, user: Element<'_>) -> Vec<Spanned<Text>> {
    let mut names = Vec::new();
    for group in user.child("associatedGroups").into_iter().flat_map(|g| g.children_named("userGroup")) {
        let Some(name) = group.text_at(&["name"]) else { continue };
        if group.child("userRoles").is_some() {
            let roles = texts(group, "userRoles", "userRole");
            parse.cluster.present.insert(DataSet::AccessControlGroups);
            parse.cluster.access_control_groups.push(AccessControlGroup {
                name: name.clone(),
                roles,
                span: group.span(),
            });
        }
        names.push(name);
    }
    names
}

/// Whether an optional child (`serviceProfile`, `selfService`, …) has a value: `true` at its
/// text, `false` at an empty element; `None` when the record does not have the element.
fn is_set(user: Element<'_>, name: &str) -> Option<Spanned<bool>> {
    user.child(name).map(|element| match element.value() {
        Some(value) => Spanned::new(true, value.span),
        None => Spanned::new(false, element.span()),
    })
}

/// `ipccExtension`, with the partition from `ipccRoutePartition` where the schema has it
/// (12.0 and later; an empty one is the "None" partition).
fn ipcc_extension(parse: &mut FileParse<'_>, user: Element<'_>) -> Option<Spanned<DnRef>> {
    let pattern = user.text_at(&["ipccExtension"])?;
    let dn = match user.child("ipccRoutePartition") {
        Some(partition) => {
            DnRef::with_partition(&pattern.value, &partition.value().map(|p| p.value).unwrap_or_default())
        }
        None => {
            let message = "this getUser response has no ipccRoutePartition (AXL before 12.0); uclint \
                           matches the IPCC extension by pattern against the lines of phones and device profiles";
            parse.note_once("partitionless-ipcc", pattern.span, message);
            DnRef::pattern_only(&pattern.value)
        }
    };
    Some(Spanned::new(dn, pattern.span))
}

/// One `<appUser>`.
pub fn app_user(parse: &mut FileParse<'_>, app_user: Element<'_>) {
    let Some(name) = app_user.text_at(&["userid"]) else { return };
    let mut controlled_profiles = texts(app_user, "ctiControlledDeviceProfiles", "deviceProfile");
    // End users list profiles as `profileName`; accept that spelling here too.
    controlled_profiles.extend(texts(app_user, "ctiControlledDeviceProfiles", "profileName"));
    let groups = associated_groups(parse, app_user);
    parse.cluster.app_users.push(AppUser {
        name,
        controlled_devices: texts(app_user, "associatedDevices", "device"),
        controlled_profiles,
        groups,
        span: app_user.span(),
    });
}
