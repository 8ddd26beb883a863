//! EM: Extension Mobility and EMCC (catalog §3).

pub(crate) mod dn_login_user_without_primary_extension;
pub(crate) mod em_concurrent_requests_low;
pub(crate) mod em_phone_not_subscribed;
pub(crate) mod em_proxy_logins_rejected;
pub(crate) mod em_service_host_not_a_node;
pub(crate) mod em_service_url_malformed;
pub(crate) mod em_user_not_home_cluster;
pub(crate) mod em_user_without_device_profile;
pub(crate) mod em_user_without_subscribe_css;
pub(crate) mod emcc_prerequisites_missing;
pub(crate) mod hold_reversion_on_profile;
pub(crate) mod logout_profile_missing;
pub(crate) mod logout_profile_without_extension_mobility;
pub(crate) mod multiple_logins_not_allowed;
pub(crate) mod primary_extension_shared_with_dn_login;
pub(crate) mod profile_line_max_calls_below_two;
pub(crate) mod profile_locale_differs_from_phone;
pub(crate) mod profile_not_subscribed_to_em;
pub(crate) mod services_provisioning_hides_em;

use rustc_hash::FxHashMap;
use uclint_model::{Cluster, Device, PhoneService, Span, Spanned, SubscribedService, Text};

use crate::catalog::ServiceUrl;
use crate::{Context, Skip};

/// Whether a URL is the Extension Mobility servlet: it contains `/emapp/EMAppServlet`, compared
/// case-insensitively. EM005 reports a path in the wrong case; the rules about subscriptions
/// match generously, so that they never call a device unsubscribed because of it.
pub(crate) fn is_em_url(url: &str) -> bool {
    url.to_ascii_lowercase().contains("/emapp/emappservlet")
}

/// Whether a service is an Extension Mobility service: its Service URL or Secure-Service URL
/// is the EM servlet.
pub(crate) fn is_em_service(service: &PhoneService) -> bool {
    [&service.url, &service.secure_url].into_iter().flatten().any(|url| is_em_url(&url.value))
}

/// Whether a device subscribes to the Extension Mobility service, as far as the export says.
#[derive(Clone, Copy, Debug)]
pub(crate) enum EmSubscription<'d> {
    /// The export does not give the device's subscriptions (the BAT tar never does), or gives
    /// one that cannot be told apart: neither its URL nor its service is known.
    Unknown,
    /// Subscribed, by this subscription.
    Subscribed(&'d SubscribedService),
    /// Known not to be subscribed: the span of the device's `services` element.
    NotSubscribed(Span),
}

/// The cluster's Extension Mobility phone services, built once per rule run.
pub(crate) struct EmServices<'a> {
    /// The EM services, in cluster order.
    pub services: Vec<&'a PhoneService>,
    /// Every phone service by lower-case name: whether it is an EM service.
    by_name: FxHashMap<String, bool>,
}

/// The `candidates` (devices with what the rule reports beside them) that are known not to
/// subscribe to the Extension Mobility service, each with the span of its `services` element.
/// Empty when an EM service is an enterprise subscription (every device has it); a skip when
/// that is not known, or when no candidate's subscriptions are known, saying `no_subscriptions`.
pub(crate) fn unsubscribed<'a, T>(
    ctx: &Context<'a>,
    candidates: impl Iterator<Item = (&'a Device, T)>,
    no_subscriptions: &str,
) -> Result<Vec<(&'a Device, T, Span)>, Skip> {
    let em = EmServices::new(ctx.cluster);
    if let Some(service) = em.enterprise_unknown() {
        return Err(Skip::new(format!(
            "EM phone service '{}' does not say whether it is an enterprise subscription",
            service.name.value
        )));
    }
    if em.enterprise().is_some() {
        return Ok(Vec::new());
    }
    let (mut known, mut unknown) = (0, 0);
    let mut out = Vec::new();
    for (device, extra) in candidates {
        match em.subscription(device) {
            EmSubscription::Unknown => unknown += 1,
            EmSubscription::Subscribed(_) => known += 1,
            EmSubscription::NotSubscribed(services) => {
                known += 1;
                out.push((device, extra, services));
            }
        }
    }
    if known == 0 && unknown > 0 {
        return Err(Skip::new(no_subscriptions));
    }
    Ok(out)
}

impl<'a> EmServices<'a> {
    /// Finds the EM services among the cluster's phone services.
    pub fn new(cluster: &'a Cluster) -> Self {
        let services = cluster.phone_services.iter().filter(|s| is_em_service(s)).collect();
        let by_name =
            cluster.phone_services.iter().map(|s| (s.name.value.trim().to_lowercase(), is_em_service(s))).collect();
        EmServices { services, by_name }
    }

    /// The first EM service with Enterprise Subscription checked, and that cell: EM is then on
    /// every phone's Services menu without a subscription.
    pub fn enterprise(&self) -> Option<(&'a PhoneService, &'a Spanned<bool>)> {
        self.services.iter().find_map(|s| Some((*s, s.enterprise_subscription.as_ref().filter(|e| e.value)?)))
    }

    /// The first EM service whose export does not say whether it is an enterprise subscription.
    pub fn enterprise_unknown(&self) -> Option<&'a PhoneService> {
        self.services.iter().copied().find(|s| s.enterprise_subscription.is_none())
    }

    /// Whether a subscription is to an EM service: by its URL, else by the service it names;
    /// `None` when neither tells.
    pub fn is_em(&self, subscription: &SubscribedService) -> Option<bool> {
        let url = subscription.url.as_ref().map(|u| is_em_url(&u.value));
        let by_name = [&subscription.service, &subscription.name]
            .into_iter()
            .flatten()
            .find_map(|name| self.by_name.get(&name.value.trim().to_lowercase()).copied());
        match (url, by_name) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (Some(false), _) | (None, Some(false)) => Some(false),
            (None, None) => None,
        }
    }

    /// Whether `device` subscribes to an EM service.
    pub fn subscription<'d>(&self, device: &'d Device) -> EmSubscription<'d> {
        let Some(subscriptions) = &device.subscriptions else { return EmSubscription::Unknown };
        let mut unknown = false;
        for subscription in &subscriptions.value {
            match self.is_em(subscription) {
                Some(true) => return EmSubscription::Subscribed(subscription),
                Some(false) => {}
                None => unknown = true,
            }
        }
        if unknown {
            EmSubscription::Unknown
        } else {
            EmSubscription::NotSubscribed(subscriptions.span)
        }
    }
}

/// The first Extension Mobility service URL that logs in by DN.
pub(crate) fn dn_login(services: &[PhoneService]) -> Option<(&PhoneService, &Spanned<Text>)> {
    login_by(services, "DN")
}

/// The first Extension Mobility service URL whose `loginType` is `login_type` (`DN`, `SP`),
/// compared case-insensitively.
pub(crate) fn login_by<'s>(
    services: &'s [PhoneService],
    login_type: &str,
) -> Option<(&'s PhoneService, &'s Spanned<Text>)> {
    services.iter().find_map(|service| {
        let urls = [&service.url, &service.secure_url];
        let url = urls.into_iter().flatten().find(|url| {
            let Some(parsed) = ServiceUrl::parse(url.value.trim()) else { return false };
            parsed.path.to_ascii_lowercase().contains("emapp")
                && parsed
                    .parameters()
                    .any(|(k, v)| k.eq_ignore_ascii_case("loginType") && v.eq_ignore_ascii_case(login_type))
        })?;
        Some((service, url))
    })
}
