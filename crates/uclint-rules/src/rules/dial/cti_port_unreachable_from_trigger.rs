//! DIAL005: a UCCX trigger whose redirect to its call control group's CTI ports cannot succeed.

use rustc_hash::FxHashMap;
use uclint_dialplan::{dialable, Analysis, DialPlan, Origin};
use uclint_model::{Device, DnKey, Span, Spanned, Text, UccxCallControlGroup};

use crate::catalog::call_path::{describe, dn_display, lands_on, line_css, ties_with, TriggerRedirect};
use crate::catalog::dial::names_nothing;
use crate::catalog::CtiKind;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip, Trigger};

declare_rule! {
    /// ## What it checks
    /// That a UCCX trigger can hand its calls to the CTI ports of its call control group: the
    /// calling search space CUCM uses for that redirect must reach every port's directory number.
    /// Which CSS that is comes from the trigger's Calling Search Space for Redirect
    /// (`adminapi/trigger` `callingSearchSpaceForRedirect`): a CSS named there;
    /// `Route Point Address Search Space`, the route point's CSS (its line CSS then device CSS
    /// in CUCM's export, else UCCX's `callingSearchSpace`); `default` or `Calling Address Search
    /// Space`, the caller's CSS. For the caller's CSS, the rule judges the callers the export
    /// shows: every distinct (line CSS, device CSS) pair of the phones' lines from which the
    /// trigger's number is reached. The ports are the call control group's
    /// (`callControlGroup/portGroupConfiguration/listOfCTIPorts`, the group the trigger names),
    /// their DNs the CTI ports' lines in CUCM's export. Digits are analysed en bloc as CUCM's
    /// digit analysis does (`uclint route` shows the trace).
    ///
    /// ## What it leaves alone
    /// - A trigger with no UCCX record, no redirect setting, or a call control group or ports
    ///   the export does not have; a redirect value that is neither a known choice nor a CSS of
    ///   the export (a run note names it).
    /// - With the caller's CSS, callers the export does not show (gateways, trunks, other
    ///   clusters): it stays silent when no phone reaches the trigger.
    /// - Analyses that tie a port's DN with another pattern of its partition or that depend on a
    ///   setting the sources disagree on.
    ///
    /// ## Why it breaks
    /// A call to a trigger rings the CTI route point; UCCX then redirects it to a free CTI port
    /// of the call control group, and CUCM analyses the port's DN with the redirect CSS. By
    /// default that is "the original calling party's calling search space", so the ports'
    /// partition must be in the caller's CSS "even if… the CSS of the CTI Route Point… contains
    /// the partition of the Unified CCX CTI Ports" (`dialplan.md` §8.1, R32). When it is not,
    /// the redirect fails and the call never reaches the application: typically calls from phones
    /// work and calls from the PSTN do not, or the reverse (R35, E23).
    ///
    /// ## Example
    /// Trigger `5000` redirects with `default`; the caller's line CSS `CSS_Internal`
    /// (`PT_Internal`, `PT_CTI_Triggers`) reaches the trigger but not the ports' partition
    /// `PT_CTI_Ports`:
    /// ```xml
    /// <callingSearchSpace>CSS_Internal</callingSearchSpace>
    /// <callingSearchSpaceForRedirect>default</callingSearchSpaceForRedirect>
    /// ```
    ///
    /// ## How to fix
    /// Unified CCX Administration > Subsystems > Cisco Unified CM Telephony > Triggers > the
    /// trigger: set Calling Search Space for Redirect to Route Point Address Search Space (with
    /// a route point CSS that holds the ports' partition) or to a CSS that holds it. Or add the
    /// ports' partition to the CSS the message names (Call Routing > Class of Control > Calling
    /// Search Space).
    ///
    /// ## Sources
    /// - Cisco, UCCX 12.5(1)SU1 Administration and Operations Guide, "Telephony and Media
    ///   Provision" (Calling Search Space for Redirect),
    ///   <https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cust_contact/contact_center/crs/express_12_5_1_su1/maintain_and_operate/guide/uccx_b_1251su1admin-and-operations-guide/uccx_b_12_5_2admin-and-operations-guide_chapter_0111.html>;
    ///   `dialplan.md` §8.1 (R32), edge case E23.
    /// - Cisco DevNet, UCCX admin API trigger data structure (`callingSearchSpaceForRedirect`),
    ///   <https://developer.cisco.com/docs/contact-center-express/trigger-data-structure> (R33).
    /// - Cisco Support Forums, "Redirect CSS in UCCX" (external calls fail until the redirect CSS
    ///   is the route point's),
    ///   <https://supportforums.cisco.com/t5/contact-center/redirect-css-in-uccx/td-p/1784675> (R35).
    code: "DIAL005",
    name: "cti-port-unreachable-from-trigger",
    family: Dial,
    severity: Error,
    status: Stable,
    requires: [Partitions, CallingSearchSpaces, Phones, UccxTriggers, UccxCallControlGroups],
    summary: "A UCCX trigger's redirect CSS cannot reach its call control group's CTI ports.",
    check: check,
}

/// Which CSS the trigger redirects with.
enum Redirect {
    /// The caller's: judged for the phones that reach the trigger.
    Caller,
    /// One origin: a CSS, or the route point's.
    Origin(Origin, String),
}

/// A CTI port's DN, with where it is written.
struct PortDn<'a> {
    port: &'a Device,
    key: DnKey,
    span: Span,
}

/// A caller the export shows: a phone line's (line CSS, device CSS).
struct Caller<'a> {
    origin: Origin,
    line: Option<&'a Spanned<Text>>,
    device: Option<&'a Spanned<Text>>,
    phone: &'a Device,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let cluster = ctx.cluster;
    if cluster.calling_search_spaces.is_empty() {
        return Err(Skip::new("the export's calling search space table is empty"));
    }
    let triggers = ctx.uccx_triggers()?;
    let plan = ctx.dial_plan();
    let mut callers: Option<Vec<Caller<'_>>> = None;
    // Analyses of (caller index, digits), shared by the triggers.
    let mut cache: FxHashMap<(usize, String), Analysis> = FxHashMap::default();
    // Analyses of (origin, digits) for a redirect CSS that is not the caller's.
    let mut by_origin: FxHashMap<(String, String), Analysis> = FxHashMap::default();
    let mut unknown: Vec<String> = Vec::new();
    let mut unclear = 0usize;
    for trigger in &triggers {
        let Some(uccx) = trigger.uccx else { continue };
        let Some(cell) = &uccx.redirect_calling_search_space else { continue };
        let Some(group) = uccx.call_control_group.as_ref().and_then(|name| group_named(cluster, &name.value)) else {
            continue;
        };
        let ports = port_dns(ctx, group);
        if ports.is_empty() {
            continue;
        }
        let redirect = match redirect_of(plan, trigger, &cell.value) {
            Some(redirect) => redirect,
            None => {
                let value = format!("'{}'", cell.value.trim());
                if !unknown.contains(&value) {
                    unknown.push(value);
                }
                continue;
            }
        };
        match redirect {
            Redirect::Origin(origin, what) => {
                // Triggers usually share their redirect CSS and call control group: each port DN
                // is analysed once per origin.
                let origin_key = format!("{origin:?}");
                let mut unreached = Vec::new();
                for port in &ports {
                    let analysis = by_origin
                        .entry((origin_key.clone(), port.key.pattern.to_string()))
                        .or_insert_with(|| plan.analyze(&origin, &port.key.pattern));
                    match judge(plan, analysis, &port.key) {
                        Some(true) => {}
                        Some(false) => unreached.push((port, describe(&analysis.outcome))),
                        None => unclear += 1,
                    }
                }
                if let Some((port, outcome)) = unreached.first() {
                    let message = format!(
                        "UCCX {} redirects its calls to the CTI ports of call control group {} with {what}, which \
                         cannot reach {} of its {} ports: dialing port {}'s DN {} from there {}. Calls to the trigger \
                         that UCCX hands to such a port fail",
                        trigger.describe(),
                        group_name(group),
                        unreached.len(),
                        ports.len(),
                        port.port.name.value,
                        dn_display(&port.key),
                        outcome,
                    );
                    report(sink, trigger, cell, port, message, &what);
                }
            }
            Redirect::Caller => {
                let callers = callers.get_or_insert_with(|| phone_callers(ctx, plan));
                for (at, caller) in callers.iter().enumerate() {
                    let reach = cache
                        .entry((at, trigger.dn.pattern.to_string()))
                        .or_insert_with(|| plan.analyze(&caller.origin, &trigger.dn.pattern));
                    if !lands_on(&reach.outcome, std::slice::from_ref(&trigger.dn)) {
                        continue;
                    }
                    let mut unreached: Option<(&PortDn<'_>, String)> = None;
                    let mut count = 0usize;
                    for port in &ports {
                        let analysis = cache
                            .entry((at, port.key.pattern.to_string()))
                            .or_insert_with(|| plan.analyze(&caller.origin, &port.key.pattern));
                        match judge(plan, analysis, &port.key) {
                            Some(true) => {}
                            Some(false) => {
                                count += 1;
                                if unreached.is_none() {
                                    unreached = Some((port, describe(&analysis.outcome)));
                                }
                            }
                            None => unclear += 1,
                        }
                    }
                    let Some((port, outcome)) = unreached else { continue };
                    let css = |c: Option<&Spanned<Text>>| c.map_or("<None>".to_owned(), |c| c.value.trim().to_owned());
                    let message = format!(
                        "UCCX {} redirects its calls to the CTI ports of call control group {} with the caller's CSS \
                         (Calling Search Space for Redirect = {}). Callers with line CSS {} and device CSS {} (such \
                         as phone {}) reach the trigger but not {count} of its {} ports: dialing port {}'s DN {} from \
                         there {outcome}. Their calls to the trigger fail when UCCX hands them to such a port",
                        trigger.describe(),
                        group_name(group),
                        cell.value.trim(),
                        css(caller.line),
                        css(caller.device),
                        caller.phone.name.value,
                        ports.len(),
                        port.port.name.value,
                        dn_display(&port.key),
                    );
                    let names: Vec<String> =
                        [caller.line, caller.device].into_iter().flatten().map(|c| c.value.trim().to_owned()).collect();
                    report(sink, trigger, cell, port, message, &names.join(" or "));
                }
            }
        }
    }
    if !unknown.is_empty() {
        sink.note(format!(
            "trigger Calling Search Space for Redirect {} is neither a known choice nor a calling search space of the \
             export: those triggers were not judged",
            unknown.join(", ")
        ));
    }
    if unclear > 0 {
        sink.note(format!(
            "{unclear} CTI port DN(s) not judged for some redirect CSS: the outcome depends on a tie or on a setting \
             the sources disagree on (`uclint route` shows the analysis)"
        ));
    }
    Ok(())
}

/// `Some(true)`: the analysis reaches `key`; `Some(false)`: it lands elsewhere; `None`: it
/// cannot be told (a tie with `key`, or a disputed setting).
fn judge(plan: &DialPlan<'_>, analysis: &Analysis, key: &DnKey) -> Option<bool> {
    let keys = std::slice::from_ref(key);
    if lands_on(&analysis.outcome, keys) {
        return Some(true);
    }
    if ties_with(plan, &analysis.outcome, keys) || analysis.depends_on_cti_order || analysis.depends_on_originator_css {
        return None;
    }
    Some(false)
}

fn report(sink: &mut Sink, trigger: &Trigger<'_>, cell: &Spanned<Text>, port: &PortDn<'_>, message: String, css: &str) {
    let help = format!(
        "Unified CCX Administration > Subsystems > Cisco Unified CM Telephony > Triggers > {}: set Calling Search \
         Space for Redirect to a CSS that holds partition {} (or Route Point Address Search Space, with a route point \
         CSS that does); or add that partition to {} (Call Routing > Class of Control > Calling Search Space)",
        trigger.dn.pattern,
        uclint_dialplan::partition_display(&port.key.partition),
        if css.is_empty() { "the CSS used" } else { css },
    );
    sink.report(trigger.key(), cell.span, "Calling Search Space for Redirect", message)
        .label(trigger.dn_span, "the trigger")
        .label(port.span, "CTI port DN not reached")
        .help(help);
}

/// The CSS a trigger redirects with, or `None` for a value this rule does not know.
fn redirect_of(plan: &DialPlan<'_>, trigger: &Trigger<'_>, value: &str) -> Option<Redirect> {
    match TriggerRedirect::of(value) {
        TriggerRedirect::Caller => Some(Redirect::Caller),
        TriggerRedirect::RoutePoint => {
            if let Some(rp) = trigger.route_point {
                let origin = Origin::Device { device: rp.name.value.clone(), line: Some(trigger.dn.clone()) };
                let what = format!(
                    "the route point's CSS (Calling Search Space for Redirect = {}: line CSS {}, device CSS {})",
                    value.trim(),
                    trigger.line.and_then(|l| line_css(plan, l)).map_or("<None>", |c| c.value.trim()),
                    rp.css.as_ref().filter(|c| !names_nothing(&c.value)).map_or("<None>", |c| c.value.trim()),
                );
                return Some(Redirect::Origin(origin, what));
            }
            let css = trigger.uccx?.calling_search_space.as_ref()?;
            let what = format!(
                "the route point's CSS {} (Calling Search Space for Redirect = {})",
                css.value.trim(),
                value.trim()
            );
            Some(Redirect::Origin(Origin::Css(Text::from(css.value.trim())), what))
        }
        TriggerRedirect::Named(name) => {
            plan.css(name)?;
            Some(Redirect::Origin(Origin::Css(Text::from(name)), format!("calling search space {name}")))
        }
    }
}

/// The call control group a trigger names (`callControlGroup` `name`, the group's
/// `description`), compared trimmed and without regard to case.
fn group_named<'a>(cluster: &'a uclint_model::Cluster, name: &str) -> Option<&'a UccxCallControlGroup> {
    let name = name.trim();
    cluster.uccx_call_control_groups.iter().find(|g| {
        g.description.as_ref().is_some_and(|d| d.value.trim().eq_ignore_ascii_case(name))
            || g.id.as_ref().is_some_and(|id| id.value.trim() == name)
    })
}

fn group_name(group: &UccxCallControlGroup) -> &str {
    group.description.as_ref().or(group.id.as_ref()).map_or("", |d| d.value.trim())
}

/// The DNs of a call control group's ports that CUCM's export has, each once, in port order.
fn port_dns<'a>(ctx: &Context<'a>, group: &'a UccxCallControlGroup) -> Vec<PortDn<'a>> {
    let mut out: Vec<PortDn<'a>> = Vec::new();
    for name in group.port_groups.iter().flat_map(|pg| &pg.ports) {
        let Some(port) = ctx.index.device(name.value.trim()) else { continue };
        if CtiKind::of(port) != Some(CtiKind::Port) {
            continue;
        }
        for line in port.lines_by_index() {
            let key = &line.dn.value;
            if dialable(&key.pattern) && !out.iter().any(|p| &p.key == key) {
                out.push(PortDn { port, key: key.clone(), span: line.dn.span });
            }
        }
    }
    out
}

/// Every distinct (line CSS, device CSS) of the phones' lines, CTI devices aside, in export
/// order: the callers the export shows.
fn phone_callers<'a>(ctx: &Context<'a>, plan: &DialPlan<'a>) -> Vec<Caller<'a>> {
    let mut seen: FxHashMap<(Option<&str>, Option<&str>), ()> = FxHashMap::default();
    let mut out = Vec::new();
    for phone in &ctx.cluster.phones {
        if CtiKind::of(phone).is_some() {
            continue;
        }
        let device = phone.css.as_ref().filter(|c| !names_nothing(&c.value));
        for line in &phone.lines {
            let line = line_css(plan, line);
            let key = (line.map(|c| c.value.trim()), device.map(|c| c.value.trim()));
            if seen.insert(key, ()).is_some() {
                continue;
            }
            let origin = Origin::Explicit {
                line_css: line.map(|c| Text::from(c.value.trim())),
                device_css: device.map(|c| Text::from(c.value.trim())),
            };
            out.push(Caller { origin, line, device, phone });
        }
    }
    out
}
