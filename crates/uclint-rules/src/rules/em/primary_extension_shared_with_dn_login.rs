//! EM014: login by primary extension while a primary extension belongs to several users.

use rustc_hash::FxHashMap;
use uclint_model::{DnKey, DnRef, EndUser, ObjectKey};

use super::dn_login;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// When an Extension Mobility service logs users in by primary extension (`loginType=DN` in
    /// its Service URL or Secure-Service URL), that no primary extension belongs to more than one
    /// end user. Without such a service the rule has nothing to check and reports nothing.
    ///
    /// ## What it leaves alone
    /// - Users without a Primary Extension, and every primary extension when no EM service logs in
    ///   by DN.
    /// - Templates and CUCM's placeholder users (`Token_User_<uuid>`): set aside when the export is
    ///   read.
    ///
    /// ## Why it breaks
    /// With `loginType=DN` the user types a directory number instead of a user ID, and Unified CM
    /// looks up the one user whose Primary Extension it is. When several users share it the
    /// lookup is ambiguous and the login fails: "DN has multiple users" (EM error 216, EMCC error
    /// 47).
    ///
    /// ## Example
    /// `phoneservices.csv` with a DN login, and `enduser.csv` giving two users primary 4001:
    /// ```csv
    /// SERVICE NAME,SERVICE URL
    /// EM by DN,http://cucm1.example.com:8080/emapp/EMAppServlet?device=#DEVICENAME#&loginType=DN
    /// ```
    /// ```csv
    /// USER ID,PRIMARY EXTENSION 1,TYPE PATTERN USAGE 1
    /// jdoe,4001,Primary
    /// asmith,4001,Primary
    /// ```
    ///
    /// ## How to fix
    /// User Management > End User > Directory Number Associations > Primary Extension: give each
    /// user who logs in by number a primary extension of their own, or use `loginType=UID`.
    ///
    /// ## Sources
    /// - Cisco Community, "Common problems in Extension Mobility" (B): EMCC error 47.
    /// - TechNote 212083, "CUCM 12.X EM and EMCC Log in service URL" (loginType).
    /// - CUCM 15 Feature Configuration Guide, EM error 216 "DN has multiple users" (FCG15-MIRROR).
    code: "EM014",
    name: "primary-extension-shared-with-dn-login",
    family: Em,
    severity: Error,
    status: Stable,
    requires: [EndUsers, PhoneServices],
    summary: "An EM service logs in by primary extension (loginType=DN) while a primary extension has several users.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let Some((service, url)) = dn_login(&ctx.cluster.phone_services) else { return Ok(()) };
    let mut order: Vec<&DnRef> = Vec::new();
    let mut users: FxHashMap<&DnRef, Vec<&EndUser>> = FxHashMap::default();
    for user in &ctx.cluster.end_users {
        let Some(primary) = &user.primary_extension else { continue };
        let list = users.entry(&primary.value).or_default();
        if list.is_empty() {
            order.push(&primary.value);
        }
        list.push(user);
    }
    for dn in order {
        let sharing = &users[dn];
        let [first, rest @ ..] = sharing.as_slice() else { continue };
        let Some(second) = rest.first() else { continue };
        let names: Vec<&str> = sharing.iter().map(|u| u.user_id.value.as_str()).collect();
        let key = match ctx.index.resolve(dn).as_slice() {
            [one] => one.clone(),
            _ => DnKey::new(&dn.pattern, dn.partition.as_deref().unwrap_or("")),
        };
        let message = format!(
            "Primary extension {dn} is assigned to users {}; login by primary extension with service '{}' fails \
             ('DN has multiple users', EM 216 / EMCC 47)",
            names.join(", "),
            service.name.value,
        );
        let span = |u: &EndUser| u.primary_extension.as_ref().map_or(u.user_id.span, |p| p.span);
        let mut finding = sink
            .report(ObjectKey::Dn(key), span(second), "primary extension shared", message)
            .label(span(first), format!("also the primary extension of {}", first.user_id.value));
        for other in &rest[1..] {
            finding = finding.label(span(other), format!("and of {}", other.user_id.value));
        }
        let help = format!(
            "User Management > End User > Primary Extension: give each of {} a primary extension of their own, or \
             log in by user ID (loginType=UID)",
            names.join(", ")
        );
        finding.label(url.span, "logs in by DN").help(help);
    }
    Ok(())
}
