//! EM005: an Extension Mobility phone service URL that phones cannot use.

use uclint_model::{PhoneService, Severity, Spanned, Text};

use crate::catalog::ServiceUrl;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// Every phone service whose Service URL or Secure-Service URL contains `emapp` (BAT
    /// `phoneservices.csv`). Each URL must be `http(s)://<host>:<port>/emapp/EMAppServlet`
    /// exactly (the path is case-sensitive), carry `device=#DEVICENAME#`, contain no unencoded
    /// whitespace, and give `loginType`, if at all, as `UID`, `DN` or `SP`. A URL on a port
    /// other than 8080 (HTTP) or 8443 (HTTPS) is reported as a warning. The EMCC parameter
    /// (`EMCC=#EMCC#`) is not checked, because uclint is not told whether EMCC is deployed.
    ///
    /// ## What it leaves alone
    /// Phone services with no `emapp` in either URL: Corporate Directory and the other
    /// `Application:Cisco/…` services CUCM creates, Finesse IPPA and any other XML service.
    ///
    /// ## Why it breaks
    /// The phone fetches the URL as written. Without `device=#DEVICENAME#` the EM service answers
    /// error 207 "Device Name Empty"; a space makes the phone's XML parser fail (error 4); a path
    /// in the wrong case or a wrong port returns an HTTP error ("Host Not Found"); an unknown
    /// `loginType` gives error 215. In every case users cannot log in from that phone.
    ///
    /// ## Example
    /// ```csv
    /// SERVICE NAME,SERVICE DESCRIPTION,SERVICE URL,SECURE SERVICES URL,SERVICE CATEGORY,SERVICE TYPE,ENABLE,ENTERPRISE SUBSCRIPTION
    /// Extension Mobility,EM,http://cucm1.example.com:8080/emapp/EMAppServlet?device=#DEVICENAME# &loginType=PIN,,XML Service,Standard IP Phone Service,t,f
    /// ```
    ///
    /// ## How to fix
    /// Device > Device Settings > Phone Services > the service > Service URL (and Secure-Service
    /// URL): `http://<host>:8080/emapp/EMAppServlet?device=#DEVICENAME#` (HTTPS on 8443), then
    /// Update Subscriptions.
    ///
    /// ## Sources
    /// - Cisco Community, "Extension Mobility troubleshooting" (errors 207 and XML parse error 4).
    /// - CUCM Feature Configuration Guide, "Extension Mobility" (FCG-EM): URL format, case
    ///   sensitivity, error 207.
    /// - CUCM Feature Configuration Guide, "Extension Mobility Cross Cluster" (FCG-EMCC): secure
    ///   URL on 8443, `loginType`; TechNote 212083; CUCM 15 Feature Configuration Guide (error 215).
    code: "EM005",
    name: "em-service-url-malformed",
    family: Em,
    severity: Error,
    status: Stable,
    requires: [PhoneServices],
    summary: "An Extension Mobility service URL is malformed (device parameter, path, spaces, loginType, port).",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for service in &ctx.cluster.phone_services {
        let urls = [(&service.url, "Service URL"), (&service.secure_url, "Secure-Service URL")];
        if !urls.iter().any(|(url, _)| url.as_ref().is_some_and(|u| u.value.to_ascii_lowercase().contains("emapp"))) {
            continue;
        }
        for (url, which) in urls {
            if let Some(url) = url {
                check_url(service, url, which, sink);
            }
        }
    }
    Ok(())
}

fn check_url(service: &PhoneService, url: &Spanned<Text>, which: &str, sink: &mut Sink) {
    let (errors, port) = problems(&url.value);
    let (severity, found) = match (errors.is_empty(), port) {
        (false, port) => (None, errors.into_iter().chain(port).collect::<Vec<_>>()),
        (true, Some(port)) => (Some(Severity::Warning), vec![port]),
        (true, None) => return,
    };
    let base = match which {
        "Service URL" => "http://<host>:8080/emapp/EMAppServlet?device=#DEVICENAME#",
        _ => "https://<host>:8443/emapp/EMAppServlet?device=#DEVICENAME#",
    };
    let message = format!(
        "EM service '{}' {which} problem: {}. Expected {base}[&EMCC=#EMCC#][&loginType=UID|DN|SP]",
        service.name.value,
        found.join("; ")
    );
    let help = format!(
        "Device > Device Settings > Phone Services > {} > {which}: use {base}, then Update Subscriptions",
        service.name.value
    );
    let finding = sink.report(service.key(), url.span, which, message).help(help);
    if let Some(severity) = severity {
        finding.severity(severity);
    }
}

/// The errors in an EM URL, and a port problem (a warning on its own).
fn problems(url: &str) -> (Vec<String>, Option<String>) {
    let mut errors = Vec::new();
    if url.chars().any(char::is_whitespace) {
        errors.push("it contains unencoded whitespace (the phone reports XML parse error 4)".to_owned());
    }
    let Some(parsed) = ServiceUrl::parse(url) else {
        errors.push("it is not an http:// or https:// URL".to_owned());
        return (errors, None);
    };
    if parsed.path != "/emapp/EMAppServlet" {
        errors.push(format!(
            "the path is `{}`, not exactly /emapp/EMAppServlet (the path is case-sensitive)",
            parsed.path
        ));
    }
    if !parsed.parameters().any(|(name, value)| name == "device" && value.trim() == "#DEVICENAME#") {
        errors.push("`device=#DEVICENAME#` is missing (error 207, Device Name Empty)".to_owned());
    }
    for (name, value) in parsed.parameters() {
        if name.eq_ignore_ascii_case("loginType") && !["UID", "DN", "SP"].contains(&value.trim()) {
            errors.push(format!("loginType `{value}` is not UID, DN or SP (error 215, LoginType invalid)"));
        }
    }
    let expected = match parsed.scheme.to_ascii_lowercase().as_str() {
        "http" => Some("8080"),
        "https" => Some("8443"),
        _ => None,
    };
    let port = expected.filter(|e| parsed.port != Some(*e)).map(|e| {
        let actual = parsed.port.map_or_else(|| "the default port".to_owned(), |p| format!("port {p}"));
        format!("{} on {actual} instead of {e}", parsed.scheme)
    });
    (errors, port)
}

#[cfg(test)]
mod tests {
    use super::problems;

    #[test]
    fn a_correct_url_has_no_problems() {
        let (errors, port) = problems("http://cucm1:8080/emapp/EMAppServlet?device=#DEVICENAME#&loginType=DN");
        assert!(errors.is_empty() && port.is_none(), "{errors:?} {port:?}");
        let (errors, port) = problems("https://cucm1:8443/emapp/EMAppServlet?device=#DEVICENAME#&EMCC=#EMCC#");
        assert!(errors.is_empty() && port.is_none(), "{errors:?} {port:?}");
    }

    #[test]
    fn each_problem_is_named() {
        let (errors, port) = problems("http://cucm1/EMApp/EMAppServlet?device=#DEVICENAME# &loginType=PIN");
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(port.is_some());
        let (errors, _) = problems("http://cucm1:8080/emapp/EMAppServlet");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].contains("207"));
    }
}
