//! EM009: the Extension Mobility concurrency limit is below its documented default of 5.

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// The Cisco Extension Mobility service parameter `maxConcurrentSessions` (BAT
    /// `serviceparameter.csv`, AXL `getServiceParameter`), on every row that has it: a value
    /// below 5 is reported at info. uclint takes `maxConcurrentSessions` to be the parameter the
    /// administration pages call "Maximum Concurrent Requests" (documented default 5); that
    /// mapping of the internal name to the GUI label is an inference, not confirmed (the real
    /// CUCM 14 export has `maxConcurrentSessions` = 15). The number of EM-enabled phones is
    /// given for context only: no documented ratio says how many requests a number of phones
    /// needs, so a value of 5 or more is never reported. Skipped when the export has no such
    /// parameter.
    ///
    /// ## What it leaves alone
    /// Values of 5 or more, however many EM-enabled phones the export has, and values that are not
    /// whole numbers.
    ///
    /// ## Why it breaks
    /// The EM service handles only that many login and logout requests at once; the rest are
    /// refused, and the phone shows "Error 26 Busy Please Try Again" (or error 6, a database
    /// error). With a limit below the default, a shift change where many users log in together
    /// runs into it.
    ///
    /// ## Example
    /// ```csv
    /// SERVER,PARAM NAME,PARAM VALUE,PARAM TYPE,SERVICE TYPE
    /// EnterpriseWideData,maxConcurrentSessions,2,long,Cisco Extension Mobility
    /// ```
    ///
    /// ## How to fix
    /// System > Service Parameters > Cisco Extension Mobility > Maximum Concurrent Requests: at
    /// least the default, 5; raise it when many users log in at once.
    ///
    /// ## Sources
    /// - Cisco Community, "Common problems in Extension Mobility" (B): errors 26 and 6.
    /// - CUCM Feature Configuration Guide, "Extension Mobility" (FCG-EM): service parameter
    ///   table (Maximum Concurrent Requests, default 5); Requests In Progress and Requests
    ///   Throttled counters.
    code: "EM009",
    name: "em-concurrent-requests-low",
    family: Em,
    severity: Info,
    status: Stable,
    requires: [ServiceParameters],
    summary: "EM maxConcurrentSessions (taken to be Maximum Concurrent Requests) is below the default of 5.",
    check: check,
}

/// The documented default of Maximum Concurrent Requests.
const DEFAULT: u32 = 5;

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let rows = ctx.service_parameters("Cisco Extension Mobility", "maxConcurrentSessions");
    if rows.is_empty() {
        return Err(Skip::new("no Cisco Extension Mobility maxConcurrentSessions service parameter in the export"));
    }
    let em_phones =
        ctx.cluster.phones.iter().filter(|p| p.extension_mobility.as_ref().is_some_and(|f| f.value)).count();
    for row in rows {
        let Ok(value) = row.value.value.trim().parse::<u32>() else { continue };
        if value >= DEFAULT {
            continue;
        }
        let scope = match row.server.value.as_str() {
            "EnterpriseWideData" | "" => "cluster-wide".to_owned(),
            node => format!("on {node}"),
        };
        let mut message = format!(
            "EM maxConcurrentSessions = {value} ({scope}), below {DEFAULT}, the documented default of Maximum \
             Concurrent Requests (taken to be this parameter); bursts of logins may return 'Error 26 Busy Please Try \
             Again'"
        );
        if em_phones > 0 {
            let phones = if em_phones == 1 { "phone" } else { "phones" };
            message.push_str(&format!(" ({em_phones} EM-enabled {phones} in the export)"));
        }
        sink.report(row.key(), row.value.span, "maxConcurrentSessions", message).help(format!(
            "System > Service Parameters > Cisco Extension Mobility > Maximum Concurrent Requests: at least \
                 {DEFAULT}"
        ));
    }
    Ok(())
}
