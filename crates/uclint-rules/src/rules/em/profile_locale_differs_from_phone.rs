//! EM010: a device profile's locale differs from the Extension Mobility phones' locale.

use rustc_hash::FxHashSet;

use uclint_model::{Device, Spanned, Text};

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That the locale a user device profile brings to an Extension Mobility login (the
    /// profile's `Device User Locale`, else its login user's `USER LOCALE`) matches the `Device
    /// User Locale` of the phones with Extension Mobility enabled. Empty values inherit and are
    /// skipped. One finding per profile lists each differing phone locale once, with an
    /// example phone. The catalog also compares the device pool's locale; that part is not
    /// checked, because no export form uclint knows gives a device pool's user locale: the BAT
    /// guide's `devicepool.csv` sample has only `NETWORK LOCALE`, and AXL `getDevicePool`
    /// (`RDevicePool`, 11.5 schema) only `networkLocale`.
    ///
    /// ## What it leaves alone
    /// - Empty locales, on the profile, its login user or the phone: they inherit.
    /// - Phones with Extension Mobility unchecked (CTI ports and route points among them): nobody
    ///   logs in there.
    /// - The device pool's locale, which no export uclint reads gives.
    /// - Default device profiles (`defaultdeviceprofile.csv`) and templates: not read as live
    ///   objects.
    ///
    /// ## Why it breaks
    /// When the locale changes at login or logout, the phone must download and apply the other
    /// locale: it resets instead of restarting, which makes every EM login and logout slow.
    ///
    /// ## Example
    /// ```csv
    /// Device Profile Name,Device User Locale,Login User Id,Device Type
    /// UDP_agent06,French France,agent06,Cisco 8841
    /// ```
    /// while the EM phones have `Device User Locale` = `English United States`.
    ///
    /// ## How to fix
    /// No action is required; align Device Profile > Device User Locale (or End User > User
    /// Locale) with the phones' locale if fast logins matter.
    ///
    /// ## Sources
    /// - Cisco Community, "Common problems in Extension Mobility" (B).
    /// - CUCM Feature Configuration Guide, "Extension Mobility", "Phone Resets" (FCG-EM).
    code: "EM010",
    name: "profile-locale-differs-from-phone",
    family: Em,
    severity: Info,
    status: Stable,
    requires: [Phones, DeviceProfiles],
    summary: "A device profile's locale differs from the EM phones' locale (the phone resets at login).",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    // Distinct EM phone locales, each with its first phone, in cluster order.
    let mut phone_locales: Vec<(&str, &Device, &Spanned<Text>)> = Vec::new();
    let mut seen = FxHashSet::default();
    for phone in ctx.cluster.phones.iter().filter(|p| p.extension_mobility.as_ref().is_some_and(|f| f.value)) {
        let Some(locale) = &phone.user_locale else { continue };
        if seen.insert(locale.value.as_str()) {
            phone_locales.push((locale.value.as_str(), phone, locale));
        }
    }
    for profile in &ctx.cluster.device_profiles {
        let login = profile.login_user_id.as_ref().and_then(|l| ctx.index.user(&l.value));
        let (locale, user) = match (&profile.user_locale, login.and_then(|u| u.user_locale.as_ref())) {
            (Some(l), _) => (l, None),
            (None, Some(l)) => (l, login),
            (None, None) => continue,
        };
        let differing: Vec<_> = phone_locales.iter().filter(|(l, _, _)| *l != locale.value).collect();
        let Some((first, phone, _)) = differing.first() else { continue };
        // Named only for a finding: most profiles have none.
        let whose = match user {
            None => profile.name.value.to_string(),
            Some(user) => format!("{}/{}", user.user_id.value, profile.name.value),
        };
        let others: Vec<&str> = differing.iter().map(|(l, _, _)| *l).collect();
        let message = format!(
            "locale of {whose} ({}) differs from Extension Mobility phone {} ({first}{}); the phone resets instead \
             of restarting at EM login and logout",
            locale.value,
            phone.name.value,
            if others.len() > 1 { format!(", and other phones: {}", others[1..].join(", ")) } else { String::new() },
        );
        let mut finding = sink.report(profile.key(), locale.span, "locale", message);
        for (l, phone, cell) in &differing {
            finding = finding.label(cell.span, format!("{l} on {}", phone.name.value));
        }
        finding.help(
            "no action required; align Device Profile > Device User Locale (or End User > User Locale) with the EM \
             phones' Device User Locale if fast logins matter",
        );
    }
    Ok(())
}
