//! SEC004: Extension Mobility IP validation off.

use crate::catalog::param_flag;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// The Cisco Extension Mobility service parameter Validate IP Address (`validateIPForLogout`).
    /// It fires when it is `F`; the finding also names `allowProxy` and `EmccAllowProxy` when
    /// they are `T`. Skipped when the export has no such parameter.
    ///
    /// ## What it leaves alone
    /// - `allowProxy` and `EmccAllowProxy` on their own: with IP validation on, the trusted
    ///   list limits the proxies, so they are only named alongside a finding.
    ///
    /// ## Why it breaks
    /// Without IP validation, the EM service accepts login and logout requests for any device
    /// from any host: anyone who can reach the EM URL can log users in or out of other people's
    /// phones. Allowing proxies widens this further.
    ///
    /// ## Example
    /// ```csv
    /// SERVER,PARAM NAME,PARAM VALUE,PARAM TYPE,SERVICE TYPE
    /// EnterpriseWideData,validateIPForLogout,F,boolean,Cisco Extension Mobility
    /// ```
    ///
    /// ## How to fix
    /// System > Service Parameters > Cisco Extension Mobility > Validate IP Address = True, with
    /// the Trusted List of IPs listing any proxies; set Allow Proxy = False unless proxies log
    /// users in.
    ///
    /// ## Sources
    /// - CUCM Feature Configuration Guide, "Extension Mobility", service parameters (FCG-EM).
    code: "SEC004",
    name: "em-ip-validation-off",
    family: Sec,
    severity: Info,
    status: Stable,
    requires: [ServiceParameters],
    summary: "Extension Mobility 'Validate IP Address' is False.",
    check: check,
}

const SERVICE: &str = "Cisco Extension Mobility";

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let Some(validate) = ctx.service_parameter(SERVICE, "validateIPForLogout") else {
        return Err(Skip::new("no Cisco Extension Mobility validateIPForLogout service parameter in the export"));
    };
    if param_flag(&validate.value.value) != Some(false) {
        return Ok(());
    }
    let proxies: Vec<_> = ["allowProxy", "EmccAllowProxy"]
        .into_iter()
        .filter_map(|name| ctx.service_parameter(SERVICE, name))
        .filter(|p| param_flag(&p.value.value) == Some(true))
        .collect();
    let mut message = "EM 'Validate IP Address' is False; any host can submit EM login and logout requests for any \
                       device"
        .to_owned();
    if !proxies.is_empty() {
        let names: Vec<&str> = proxies.iter().map(|p| p.name.value.as_str()).collect();
        message.push_str(&format!(", and {} = T accepts such requests through proxies too", names.join(" and ")));
    }
    let object = validate.key();
    let mut finding = sink.report(object, validate.value.span, "Validate IP Address", message);
    for proxy in &proxies {
        finding = finding.label(proxy.value.span, proxy.name.value.clone());
    }
    finding.help(
        "System > Service Parameters > Cisco Extension Mobility > Validate IP Address = True (list proxies in Trusted \
         List of IPs); Allow Proxy = False unless proxies log users in",
    );
    Ok(())
}
