//! EM013: Extension Mobility rejects the proxy logins the deployment uses ("Untrusted IP").

use crate::catalog::param_flag;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// When `em-proxy-logins = true` in `uclint.toml` (Extension Mobility logins go through a
    /// proxy or a server, not only from the phone), the Cisco Extension Mobility service
    /// parameters: Validate IP Address (`validateIPForLogout`) `T` with an empty or absent
    /// Trusted List of IPs (`trustedIPList`), and Allow Proxy (`allowProxy`) `F`. Each is one
    /// finding. Skipped when proxy logins are not declared or the export has no
    /// `validateIPForLogout` parameter.
    ///
    /// ## What it leaves alone
    /// Clusters whose logins are not declared to go through a proxy; Validate IP Address `F`; a
    /// Trusted List of IPs with any value (its addresses are not checked against the proxies);
    /// Allow Proxy `T` or absent.
    ///
    /// ## Why it breaks
    /// With IP validation on, the EM service accepts a login or logout request only from the
    /// phone's own address or an address in the trusted list; with Allow Proxy off it refuses
    /// proxied requests altogether. Logins through a proxy or server then fail with "Untrusted
    /// IP".
    ///
    /// ## Example
    /// ```csv
    /// SERVER,PARAM NAME,PARAM VALUE,PARAM TYPE,SERVICE TYPE
    /// EnterpriseWideData,validateIPForLogout,T,boolean,Cisco Extension Mobility
    /// EnterpriseWideData,trustedIPList,,string,Cisco Extension Mobility
    /// ```
    ///
    /// ## How to fix
    /// System > Service Parameters > Cisco Extension Mobility > Trusted List of IPs: the proxy
    /// and server addresses, separated by semicolons (no ranges or regular expressions); Allow
    /// Proxy = True.
    ///
    /// ## Sources
    /// - Cisco Community, "Common problems in Extension Mobility" (B).
    /// - CUCM Feature Configuration Guide, "Extension Mobility", service parameters (FCG-EM).
    code: "EM013",
    name: "em-proxy-logins-rejected",
    family: Em,
    severity: Warning,
    status: Stable,
    requires: [ServiceParameters],
    settings: [EmProxyLogins],
    summary: "Proxy logins are declared and EM IP validation or Allow Proxy rejects them ('Untrusted IP').",
    check: check,
}

const SERVICE: &str = "Cisco Extension Mobility";
const PAGE: &str = "System > Service Parameters > Cisco Extension Mobility";

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    if !ctx.settings.em_proxy_logins {
        return Err(Skip::new(
            "EM proxy logins not declared: set em-proxy-logins = true in uclint.toml when logins go through a proxy \
             or server",
        ));
    }
    let Some(validate) = ctx.service_parameter(SERVICE, "validateIPForLogout") else {
        return Err(Skip::new("no Cisco Extension Mobility validateIPForLogout service parameter in the export"));
    };
    let trusted = ctx.service_parameter(SERVICE, "trustedIPList");
    if param_flag(&validate.value.value) == Some(true) && trusted.is_none_or(|t| t.value.value.trim().is_empty()) {
        let message = "EM 'Validate IP Address' is True with an empty Trusted List of IPs; logins through proxies or \
                       servers are rejected as 'Untrusted IP'";
        let (object, span, label) = match trusted {
            Some(list) => (list.key(), list.value.span, "Trusted List of IPs"),
            None => (validate.key(), validate.value.span, "Validate IP Address"),
        };
        let mut finding = sink.report(object, span, label, message);
        if trusted.is_some() {
            finding = finding.label(validate.value.span, "Validate IP Address");
        }
        finding.help(format!("{PAGE} > Trusted List of IPs: the proxy and server addresses, separated by semicolons"));
    }
    let allow = ctx.service_parameter(SERVICE, "allowProxy").filter(|p| param_flag(&p.value.value) == Some(false));
    if let Some(allow) = allow {
        let message = "EM 'Allow Proxy' is False while logins go through proxies; they are rejected";
        sink.report(allow.key(), allow.value.span, "Allow Proxy", message).help(format!("{PAGE} > Allow Proxy = True"));
    }
    Ok(())
}
