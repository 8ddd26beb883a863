//! The health report's call paths (issue #21): whether the two redirects UCCX makes reach where
//! they go, judged by digit analysis on the export's dial plan (dialplan.md §8).
//!
//! - **CTI port to agent** (§8.2): a CTI port redirects the call to the agent's IPCC extension
//!   with the CSS its call control group's Redirect Calling Search Space names
//!   (`redirectCallingSearchSpace`): *Redirect Party* is the port's device CSS, *DN Calling
//!   Search Space* the port's line (DN) CSS, *Calling Party* the caller's, which an export does
//!   not carry (not judged, and said). When no call control group of the export names the port,
//!   the port's own line CSS then device CSS (§3.2) is judged and the page says it was assumed.
//! - **Trigger to CTI port** (§8.1): the trigger (CTI route point) redirects to a port of its
//!   call control group with its Calling Search Space for Redirect
//!   (`callingSearchSpaceForRedirect`): `default` and *Calling Address Search Space* are the
//!   caller's CSS, *Route Point Address Search Space* the route point's, any other value a CSS of
//!   the export by name. The caller's CSS is not in an export, and without UCCX's trigger record
//!   the setting is not known (its default is the caller's): those triggers are not judged, and
//!   the page says why.
//!
//! The settings are read as the call-path rules read them (DIAL004, DIAL005), so that the page and
//! the findings agree; where a rule looks further (DIAL005 judges a `default` redirect from the
//! callers the export shows), the page says "not judged" and the findings, listed under their
//! family, say more. Like the rules, an outcome that turns on a disputed setting or a tie in
//! which the number takes part is not judged. Unlike them, when the run cannot tell UCCX's CTI
//! devices from other applications' (no JTAPI user, no UCCX export), every CTI port and route
//! point is taken as UCCX's and the page says so.
//!
//! Work is per distinct search list, never per port: the ports are grouped by the CSS names
//! that make their search list, each agent's extension is analysed once per distinct list, and
//! a port's number once per list of the triggers (a megacluster's 2,000 agents and 300 ports
//! are 2,000 analyses per list, not 600,000). The dial plan is the [`Context`]'s, built once per
//! run and shared with the DIAL rules.

use std::collections::{HashMap, HashSet};

use uclint_dialplan::{dialable, partition_display, DialPlan, Origin, Outcome};
use uclint_model::{DataSet, Device, DnKey, Line, Text, UccxTrigger};
use uclint_report::{count, CallPaths, PathCounts, RedirectCss, UnreachablePath};
use uclint_rules::{line_css, names_nothing, Context, PortRedirect, TriggerRedirect};

/// Objects named per redirect CSS row.
const EXAMPLES: usize = 3;
/// Ports a trigger misses named in its row.
const MISSED_NAMED: usize = 3;

/// A search list by the CSS names that make it: (line CSS, device CSS), each `None` when unset.
/// Two origins with the same key search the same partitions in the same order.
type ListKey = (Option<Text>, Option<Text>);

/// How a redirect's CSS was found for one object.
enum Redirect {
    /// Judged with this search list, for this reason.
    Judged { key: ListKey, origin: Origin, basis: String },
    /// Not judged, for this reason (said once per distinct reason, with how many objects).
    NotJudged(String),
}

/// The distinct search lists met, each with an origin that walks it, and the analyses made.
struct Lists<'p, 'a> {
    /// The run's dial plan.
    plan: &'p DialPlan<'a>,
    /// Each distinct list, in the order met, with an origin that walks it.
    keys: Vec<(ListKey, Origin)>,
    /// Where each list is in `keys`.
    by_key: HashMap<ListKey, usize>,
    /// The partitions each list searches first (its first lookup's), once analysed.
    partitions: Vec<Option<Vec<Text>>>,
    /// The outcome of dialing the digits from the list, and whether it depends on a disputed
    /// setting.
    outcomes: HashMap<(usize, String), (Outcome, bool)>,
    assumptions: Assumptions,
}

/// Assumptions and reasons, each once, in the order met.
#[derive(Default)]
struct Assumptions {
    /// Those in `list`, to find a repeat at once.
    seen: HashSet<String>,
    /// In the order met.
    list: Vec<String>,
}

impl Assumptions {
    fn push(&mut self, text: String) {
        if self.seen.insert(text.clone()) {
            self.list.push(text);
        }
    }
}

impl<'p, 'a> Lists<'p, 'a> {
    fn new(plan: &'p DialPlan<'a>) -> Self {
        Lists {
            plan,
            keys: Vec::new(),
            by_key: HashMap::new(),
            partitions: Vec::new(),
            outcomes: HashMap::new(),
            assumptions: Assumptions::default(),
        }
    }

    /// The index of `key`'s list, added with `origin` when new.
    fn list(&mut self, key: &ListKey, origin: &Origin) -> usize {
        if let Some(&at) = self.by_key.get(key) {
            return at;
        }
        self.keys.push((key.clone(), origin.clone()));
        self.partitions.push(None);
        self.by_key.insert(key.clone(), self.keys.len() - 1);
        self.keys.len() - 1
    }

    /// Whether dialing `digits` from list `at` ends at one of `targets`.
    fn reach(&mut self, at: usize, digits: &str, targets: &[DnKey]) -> Judgement {
        let key = (at, digits.to_owned());
        if !self.outcomes.contains_key(&key) {
            let analysis = self.plan.analyze(&self.keys[at].1, digits);
            for assumption in analysis.assumptions {
                self.assumptions.push(assumption);
            }
            if self.partitions[at].is_none() {
                self.partitions[at] = analysis.steps.first().map(|step| step.partitions.clone());
            }
            let disputed = analysis.depends_on_cti_order || analysis.depends_on_originator_css;
            self.outcomes.insert(key.clone(), (analysis.outcome, disputed));
        }
        let Some((outcome, disputed)) = self.outcomes.get(&key) else { return Judgement::Reached };
        match outcome {
            Outcome::Device { dn, .. } | Outcome::Trigger { dn, .. } if targets.contains(dn) => Judgement::Reached,
            // The answer turns on a point the sources disagree on (dialplan.md §3.3, §5): not
            // judged, as the DIAL rules do not judge it.
            _ if *disputed => Judgement::Unclear(
                "the answer depends on a setting the sources disagree on (the CTI ports' CSS order, or the \
                 originator's CSS through translations)"
                    .to_owned(),
            ),
            // A tie in which the number takes part: CUCM's choice is undocumented (§2.4).
            Outcome::Ambiguous { candidates }
                if candidates.iter().any(|c| targets.iter().any(|t| self.plan.dn_entry(t) == Some(c.entry))) =>
            {
                Judgement::Unclear(
                    "the number ties with another pattern of its partition, and CUCM's choice is undocumented"
                        .to_owned(),
                )
            }
            other => {
                let mut why = why(other);
                // Where the number is not searched at all, say so: the usual fix.
                let searched = self.partitions[at].as_deref().unwrap_or_default();
                let missing: Vec<&str> = targets
                    .iter()
                    .map(|t| t.partition.as_str())
                    .filter(|p| !searched.iter().any(|s| s.as_str() == *p))
                    .collect();
                if missing.len() == targets.len() {
                    if let Some(partition) = missing.first() {
                        why.push_str(&format!("; its partition {} is not in the CSS", partition_display(partition)));
                    }
                }
                Judgement::NotReached(why)
            }
        }
    }
}

/// What an analysis says of one number.
enum Judgement {
    /// The call ends at the number.
    Reached,
    /// It ends elsewhere: why.
    NotReached(String),
    /// It cannot be told offline: why.
    Unclear(String),
}

/// Why a call did not reach its number, in a few words.
fn why(outcome: &Outcome) -> String {
    match outcome {
        Outcome::NoMatch { .. } => "no match".to_owned(),
        Outcome::Device { dn, .. } => format!("lands on directory number {dn}"),
        Outcome::Trigger { dn, .. } => format!("lands on CTI route point number {dn}"),
        Outcome::RoutePattern { pattern, partition, .. } => {
            format!("lands on route pattern {pattern} in {}", partition_display(partition))
        }
        Outcome::HuntPilot { pattern, partition, .. } => {
            format!("lands on hunt pilot {pattern} in {}", partition_display(partition))
        }
        Outcome::Blocked { kind, pattern, partition } => {
            format!("blocked by {kind} {pattern} in {}", partition_display(partition))
        }
        Outcome::Ambiguous { candidates } => {
            let tied: Vec<String> =
                candidates.iter().map(|c| format!("{} in {}", c.pattern, partition_display(&c.partition))).collect();
            format!("ambiguous: {} tie", tied.join(", "))
        }
        Outcome::Loop { chain } => format!("a translation loop ({} lookups)", chain.len()),
    }
}

/// The search list of a line CSS and a device CSS, as a key: the same CSS twice is one.
fn list_key(line: Option<Text>, device: Option<Text>) -> ListKey {
    if line == device {
        (None, device)
    } else {
        (line, device)
    }
}

/// The search list `key` as the page shows it.
fn list_text(key: &ListKey) -> String {
    match key {
        (Some(line), Some(device)) => format!("line CSS {line}, then device CSS {device}"),
        (Some(css), None) | (None, Some(css)) => css.to_string(),
        (None, None) => "<None> (no CSS)".to_owned(),
    }
}

/// Whether `device` is of `model` (`CTI Port`, `CTI Route Point`).
fn is_model(device: &Device, model: &str) -> bool {
    device.model.as_ref().is_some_and(|m| m.value.trim().eq_ignore_ascii_case(model))
}

/// A device's first line (lowest button index).
fn first_line(device: &Device) -> Option<&Line> {
    device.lines.iter().min_by_key(|l| l.index.value)
}

/// A device's own CSSs: its first line's (the appearance's, else its DN record's) and its
/// device CSS, each `None` when unset.
fn own_css(context: &Context<'_>, device: &Device) -> (Option<Text>, Option<Text>) {
    let line = first_line(device).and_then(|l| line_css(context.dial_plan(), l)).map(|c| c.value.clone());
    let device_css = device.css.as_ref().map(|c| c.value.clone()).filter(|c| !names_nothing(c));
    (line, device_css)
}

/// A device's own search list (line CSS, then device CSS, dialplan.md §3.2) and the origin
/// that walks it.
fn own_list(context: &Context<'_>, device: &Device) -> (ListKey, Origin) {
    let (line_css, device_css) = own_css(context, device);
    let line = first_line(device).map(|l| l.dn.value.clone());
    (list_key(line_css, device_css), Origin::Device { device: device.name.value.clone(), line })
}

/// UCCX's CTI ports and route points, or every CTI port and route point of the export (said)
/// when the run cannot tell UCCX's from other applications'.
fn uccx_devices<'a>(context: &Context<'a>, assumptions: &mut Assumptions) -> (Vec<&'a Device>, Vec<&'a Device>) {
    let devices: Vec<&'a Device> = match context.uccx_cti_devices() {
        Ok(devices) => devices.iter().map(|&(d, _)| d).collect(),
        Err(reason) => {
            let all: Vec<&'a Device> = context
                .cluster
                .phones
                .iter()
                .filter(|d| is_model(d, "CTI Port") || is_model(d, "CTI Route Point"))
                .collect();
            if !all.is_empty() {
                assumptions.push(format!(
                    "UCCX's CTI ports and route points cannot be told from other applications' ({reason}): \
                     every CTI port and route point of the export is taken as UCCX's"
                ));
            }
            all
        }
    };
    let (ports, route_points) = devices.into_iter().partition(|d| is_model(d, "CTI Port"));
    (ports, route_points)
}

/// The port-to-agent redirect of one CTI port, as its call control group's Redirect Calling
/// Search Space says (read as DIAL004 reads it): *Redirect Party* is the port's device CSS, *DN
/// Calling Search Space* its line CSS, *Calling Party* the caller's (not judged); without a call
/// control group naming the port, its own line CSS then device CSS, assumed.
fn port_redirect(context: &Context<'_>, port: &Device, groups: &HashMap<String, (String, Option<String>)>) -> Redirect {
    let assumed = |basis: String| {
        let (key, origin) = own_list(context, port);
        Redirect::Judged { key, origin, basis }
    };
    let one = |css: Option<Text>, key: ListKey, basis: String| Redirect::Judged {
        key,
        origin: Origin::Css(css.unwrap_or_default()),
        basis,
    };
    let exported = !context.cluster.uccx_call_control_groups.is_empty();
    match groups.get(&port.name.value.trim().to_lowercase()) {
        None if exported => {
            assumed("no call control group of the export names the port: its own CSS, assumed".to_owned())
        }
        None => assumed("the call control groups are not in the export: the ports' own CSS, assumed".to_owned()),
        Some((group, None)) => assumed(format!(
            "call control group {group} does not say its Redirect Calling Search Space: the ports' own CSS, assumed"
        )),
        Some((group, Some(setting))) => match PortRedirect::of(setting) {
            PortRedirect::RedirectParty => {
                let (_, device) = own_css(context, port);
                let basis = format!("call control group {group}: Redirect Party (the port's device CSS)");
                one(device.clone(), (None, device), basis)
            }
            PortRedirect::DnCss => {
                let (line, _) = own_css(context, port);
                let basis = format!("call control group {group}: DN Calling Search Space (the port's line CSS)");
                one(line.clone(), (line, None), basis)
            }
            PortRedirect::CallingParty => Redirect::NotJudged(format!(
                "call control group {group} redirects with the caller's CSS (Calling Party), which an export does \
                 not carry: the agents are not judged from its ports"
            )),
            PortRedirect::Unknown => Redirect::NotJudged(format!(
                "call control group {group}'s Redirect Calling Search Space {setting} is not one uclint knows: \
                 its ports are not judged"
            )),
        },
    }
}

/// One trigger, from UCCX's view of the run or from a CTI route point alone.
struct TriggerIn<'a> {
    /// `route point CXBA_RP`.
    name: String,
    /// The trigger's DN.
    dn: DnKey,
    /// The CTI route point in CUCM's export, if it is there.
    route_point: Option<&'a Device>,
    /// UCCX's record of the trigger, if the export has it.
    uccx: Option<&'a UccxTrigger>,
}

/// The trigger-to-port redirect of one trigger, as UCCX's Calling Search Space for Redirect
/// says (read as DIAL005 reads it): `default` and *Calling Address Search Space* are the
/// caller's CSS (not judged), *Route Point Address Search Space* the route point's (its line CSS
/// then device CSS, else UCCX's `callingSearchSpace`), another value a CSS of the export by name.
/// Without UCCX's record the setting is not known, and UCCX's default is the caller's CSS: not
/// judged.
fn trigger_redirect(context: &Context<'_>, trigger: &TriggerIn<'_>) -> Redirect {
    let Some(uccx) = trigger.uccx else {
        return Redirect::NotJudged(
            "UCCX's trigger export is not read, so the Calling Search Space for Redirect (by default the caller's \
             CSS) is not known: not judged"
                .to_owned(),
        );
    };
    let Some(value) = uccx.redirect_calling_search_space.as_ref().map(|v| v.value.trim()) else {
        return Redirect::NotJudged(
            "UCCX's trigger record does not say its Calling Search Space for Redirect: not judged".to_owned(),
        );
    };
    match TriggerRedirect::of(value) {
        TriggerRedirect::Caller => Redirect::NotJudged(format!(
            "triggers whose Calling Search Space for Redirect is {value} redirect with the caller's CSS, which an \
             export does not carry: not judged"
        )),
        TriggerRedirect::RoutePoint => {
            let basis = format!("Calling Search Space for Redirect: {value} (the route point's CSS)");
            match (trigger.route_point, uccx.calling_search_space.as_ref()) {
                (Some(device), _) => {
                    let (key, origin) = own_list(context, device);
                    Redirect::Judged { key, origin, basis }
                }
                (None, Some(css)) => {
                    let css = Text::from(css.value.trim());
                    let key = list_key(None, Some(css.clone()).filter(|c| !names_nothing(c)));
                    Redirect::Judged { key, origin: Origin::Css(css), basis }
                }
                (None, None) => Redirect::NotJudged(
                    "a trigger redirects with its route point's CSS, which neither CUCM's nor UCCX's export gives: \
                     not judged"
                        .to_owned(),
                ),
            }
        }
        TriggerRedirect::Named(name) if context.dial_plan().css(name).is_some() => Redirect::Judged {
            key: (None, Some(Text::from(name))),
            origin: Origin::Css(Text::from(name)),
            basis: "UCCX trigger: Calling Search Space for Redirect".to_owned(),
        },
        TriggerRedirect::Named(_) => Redirect::NotJudged(format!(
            "Calling Search Space for Redirect {value} is neither a choice uclint knows nor a CSS of the export: \
             not judged"
        )),
    }
}

/// A row of the redirect CSS table being built: (search list, basis) with its objects.
fn add_row(rows: &mut Vec<(ListKey, RedirectCss)>, key: &ListKey, basis: &str, object: &str) {
    let at = match rows.iter().position(|(k, r)| k == key && r.basis == basis) {
        Some(at) => at,
        None => {
            let css = RedirectCss { css: list_text(key), basis: basis.to_owned(), ..RedirectCss::default() };
            rows.push((key.clone(), css));
            rows.len() - 1
        }
    };
    let row = &mut rows[at].1;
    row.count += 1;
    if row.examples.len() < EXAMPLES {
        row.examples.push(object.to_owned());
    }
}

/// Counts a reason not to judge once per distinct reason.
fn not_judged(reasons: &mut Vec<(String, usize)>, reason: String) {
    match reasons.iter_mut().find(|(r, _)| *r == reason) {
        Some((_, n)) => *n += 1,
        None => reasons.push((reason, 1)),
    }
}

/// The call paths of the run whose view is `context`.
pub(crate) fn gather(context: &Context<'_>) -> CallPaths {
    let cluster = context.cluster;
    let mut assumptions = Assumptions::default();
    let (ports, route_points) = uccx_devices(context, &mut assumptions);
    let has_uccx = !context.agents.is_empty()
        || !ports.is_empty()
        || !route_points.is_empty()
        || !cluster.uccx_triggers.is_empty();
    let has_dial_plan = cluster.has(DataSet::CallingSearchSpaces);
    if !has_uccx && !has_dial_plan {
        return CallPaths::default();
    }
    let mut paths = CallPaths { shown: true, ..CallPaths::default() };
    if !has_dial_plan {
        paths.not_judged = Some(
            "the export has no dial plan (no calling search space was read), so UCCX's redirects cannot be followed"
                .to_owned(),
        );
        return paths;
    }
    if !has_uccx {
        paths.not_judged = Some("the export has no UCCX agent, CTI port or trigger".to_owned());
        return paths;
    }
    let mut lists = Lists::new(context.dial_plan());
    lists.assumptions = assumptions;

    port_to_agent(context, &ports, &mut lists, &mut paths);
    trigger_to_port(context, &ports, &route_points, &mut lists, &mut paths);
    paths.assumptions = lists.assumptions.list;
    paths
}

/// Port to agent: the ports grouped by their search lists, each agent's extension analysed once per
/// distinct list.
fn port_to_agent(context: &Context<'_>, ports: &[&Device], lists: &mut Lists<'_, '_>, paths: &mut CallPaths) {
    let cluster = context.cluster;
    let mut groups: HashMap<String, (String, Option<String>)> = HashMap::new();
    for group in &cluster.uccx_call_control_groups {
        let name = group.description.as_ref().or(group.id.as_ref()).map_or_else(String::new, |n| n.value.to_string());
        for port_group in &group.port_groups {
            let setting = port_group.redirect_calling_search_space.as_ref().map(|s| s.value.to_string());
            for port in &port_group.ports {
                groups.entry(port.value.trim().to_lowercase()).or_insert_with(|| (name.clone(), setting.clone()));
            }
        }
    }
    let mut port_rows: Vec<(ListKey, RedirectCss)> = Vec::new();
    let mut port_lists: Vec<usize> = Vec::new();
    let mut reasons: Vec<(String, usize)> = Vec::new();
    for port in ports {
        match port_redirect(context, port, &groups) {
            Redirect::Judged { key, origin, basis } => {
                add_row(&mut port_rows, &key, &basis, &port.name.value);
                let at = lists.list(&key, &origin);
                if !port_lists.contains(&at) {
                    port_lists.push(at);
                }
            }
            Redirect::NotJudged(reason) => not_judged(&mut reasons, reason),
        }
    }
    for (reason, n) in reasons.drain(..) {
        lists.assumptions.push(format!("{reason} ({})", plural(n, "CTI port", "CTI ports")));
    }
    if ports.is_empty() && !context.agents.is_empty() {
        lists.assumptions.push("the export has no CTI port: the agents are not judged".to_owned());
    }
    paths.port_css = port_rows.into_iter().map(|(_, row)| row).collect();
    let mut counts = PathCounts { total: context.agents.len(), ..PathCounts::default() };
    let mut no_dn = 0;
    for agent in &context.agents {
        let Some(first) = agent.keys.first() else {
            counts.not_judged += 1;
            no_dn += 1;
            continue;
        };
        if port_lists.is_empty() {
            counts.not_judged += 1;
            continue;
        }
        let digits = first.pattern.to_string();
        if !dialable(&digits) {
            counts.not_judged += 1;
            lists
                .assumptions
                .push(format!("IPCC extension {} is a pattern, not one number: not judged", agent.extension_display()));
            continue;
        }
        let mut failed: Option<(usize, String)> = None;
        let mut failures = 0;
        let mut unclear: Option<String> = None;
        for &at in &port_lists {
            match lists.reach(at, &digits, &agent.keys) {
                Judgement::Reached => {}
                Judgement::NotReached(why) => {
                    failures += 1;
                    failed.get_or_insert((at, why));
                }
                Judgement::Unclear(why) => {
                    unclear.get_or_insert(why);
                }
            }
        }
        match (failed, unclear) {
            (None, None) => counts.reachable += 1,
            (None, Some(why)) => {
                counts.not_judged += 1;
                not_judged(&mut reasons, format!("{why}: not judged"));
            }
            (Some((at, mut why)), _) => {
                if failures > 1 {
                    why.push_str(&format!(" (and not reached from {} more)", plural(failures - 1, "CSS", "CSSs")));
                }
                paths.unreachable_agents.push(UnreachablePath {
                    name: agent.user.user_id.value.to_string(),
                    extension: agent.extension_display(),
                    css: list_text(&lists.keys[at].0),
                    why,
                });
            }
        }
    }
    for (reason, n) in reasons.drain(..) {
        lists.assumptions.push(format!("{reason} ({})", plural(n, "agent", "agents")));
    }
    if no_dn > 0 {
        lists.assumptions.push(format!(
            "{} not a directory number of the export: not judged",
            plural(no_dn, "agent's IPCC extension is", "agents' IPCC extensions are")
        ));
    }
    paths.agents = counts;
}

/// Trigger to port: each trigger's ports (its call control group's when UCCX says it), each port's
/// number analysed once per distinct list of the triggers.
fn trigger_to_port<'a>(
    context: &Context<'a>,
    ports: &[&'a Device],
    route_points: &[&'a Device],
    lists: &mut Lists<'_, '_>,
    paths: &mut CallPaths,
) {
    let mut reasons: Vec<(String, usize)> = Vec::new();
    let triggers: Vec<TriggerIn<'_>> = match context.uccx_triggers() {
        Ok(triggers) => triggers
            .into_iter()
            .map(|t| TriggerIn { name: t.describe(), dn: t.dn.clone(), route_point: t.route_point, uccx: t.uccx })
            .collect(),
        Err(_) => route_points
            .iter()
            .flat_map(|&device| {
                device.lines.iter().map(move |line| TriggerIn {
                    name: format!("route point {}", device.name.value),
                    dn: line.dn.value.clone(),
                    route_point: Some(device),
                    uccx: None,
                })
            })
            .collect(),
    };
    let port_by_name: HashMap<String, &Device> =
        ports.iter().map(|&p| (p.name.value.trim().to_lowercase(), p)).collect();
    let mut trigger_rows: Vec<(ListKey, RedirectCss)> = Vec::new();
    let mut counts = PathCounts { total: triggers.len(), ..PathCounts::default() };
    for trigger in &triggers {
        let (key, origin, basis) = match trigger_redirect(context, trigger) {
            Redirect::Judged { key, origin, basis } => (key, origin, basis),
            Redirect::NotJudged(reason) => {
                not_judged(&mut reasons, reason);
                counts.not_judged += 1;
                continue;
            }
        };
        let targets = trigger_ports(context, trigger, ports, &port_by_name, &mut lists.assumptions);
        if targets.is_empty() {
            not_judged(&mut reasons, "no CTI port with a line is known for a trigger: not judged".to_owned());
            counts.not_judged += 1;
            continue;
        }
        add_row(&mut trigger_rows, &key, &basis, &trigger.name);
        let at = lists.list(&key, &origin);
        let mut missed: Vec<String> = Vec::new();
        let mut unclear: Option<String> = None;
        for (port, dn) in targets.iter().filter(|(_, dn)| dialable(&dn.pattern)) {
            match lists.reach(at, &dn.pattern, std::slice::from_ref(dn)) {
                Judgement::Reached => {}
                Judgement::NotReached(why) => missed.push(format!("{port} ({dn}): {why}")),
                Judgement::Unclear(why) => {
                    unclear.get_or_insert(why);
                }
            }
        }
        match (missed.is_empty(), unclear) {
            (true, None) => {
                counts.reachable += 1;
                continue;
            }
            (true, Some(why)) => {
                counts.not_judged += 1;
                not_judged(&mut reasons, format!("for a port, {why}: not judged"));
                continue;
            }
            (false, _) => {}
        }
        let mut why = format!("{} of {} not reached: ", count(missed.len()), plural(targets.len(), "port", "ports"));
        why.push_str(&missed.iter().take(MISSED_NAMED).cloned().collect::<Vec<_>>().join("; "));
        if missed.len() > MISSED_NAMED {
            why.push_str(&format!("; … and {} more", count(missed.len() - MISSED_NAMED)));
        }
        paths.unreachable_triggers.push(UnreachablePath {
            name: trigger.name.clone(),
            extension: trigger.dn.to_string(),
            css: list_text(&key),
            why,
        });
    }
    for (reason, n) in reasons {
        lists.assumptions.push(format!("{reason} ({})", plural(n, "trigger", "triggers")));
    }
    paths.trigger_css = trigger_rows.into_iter().map(|(_, row)| row).collect();
    paths.triggers = counts;
}

/// The ports a trigger redirects to, with their DNs: its call control group's ports when UCCX's
/// record names the group and the export has it, else every UCCX port.
fn trigger_ports<'a>(
    context: &Context<'a>,
    trigger: &TriggerIn<'_>,
    ports: &[&'a Device],
    by_name: &HashMap<String, &'a Device>,
    assumptions: &mut Assumptions,
) -> Vec<(String, DnKey)> {
    let named = trigger.uccx.and_then(|u| u.call_control_group.as_ref()).map(|g| g.value.trim().to_lowercase());
    let group = named.as_ref().and_then(|name| {
        context.cluster.uccx_call_control_groups.iter().find(|g| {
            [&g.description, &g.id].iter().any(|v| v.as_ref().is_some_and(|v| v.value.trim().to_lowercase() == *name))
        })
    });
    let devices: Vec<&'a Device> = match group {
        Some(group) => {
            let names = group.port_groups.iter().flat_map(|p| &p.ports);
            let (found, missing): (Vec<_>, Vec<_>) =
                names.map(|n| by_name.get(&n.value.trim().to_lowercase()).copied()).partition(Option::is_some);
            if !missing.is_empty() {
                let group = group.description.as_ref().or(group.id.as_ref()).map_or("", |n| n.value.as_str());
                assumptions.push(format!(
                    "call control group {group} lists {} that CUCM's export does not have as CTI ports: not judged",
                    plural(missing.len(), "port", "ports")
                ));
            }
            found.into_iter().flatten().collect()
        }
        None => ports.to_vec(),
    };
    devices.into_iter().filter_map(|d| Some((d.name.value.to_string(), first_line(d)?.dn.value.clone()))).collect()
}

/// `1 port`, `2,000 ports`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use uclint_rules::Settings;

    use super::*;

    fn paths_of(fixture: &str) -> CallPaths {
        let ingested = uclint_ingest::ingest(&[PathBuf::from(format!("../../fixtures/{fixture}"))]);
        let settings = Settings::default();
        gather(&Context::new(&ingested.cluster, &settings))
    }

    /// Two ports with one CSS are one row (and one search list); the agents and the trigger are
    /// reached.
    #[test]
    fn ports_are_grouped_by_their_search_list() {
        let paths = paths_of("dialplan");
        assert!(paths.shown && paths.not_judged.is_none());
        assert_eq!(paths.port_css.len(), 1, "{:?}", paths.port_css);
        assert_eq!((paths.port_css[0].css.as_str(), paths.port_css[0].count), ("CSS_Agents", 2));
        assert_eq!(paths.agents, PathCounts { total: 2, reachable: 2, not_judged: 0 });
        // No UCCX trigger record: the redirect's CSS is not known, so the trigger is not judged.
        assert_eq!(paths.triggers, PathCounts { total: 1, reachable: 0, not_judged: 1 });
        assert!(paths.unreachable_agents.is_empty() && paths.unreachable_triggers.is_empty());
        assert!(paths.assumptions.iter().any(|a| a.starts_with("UCCX's trigger export is not read")));
    }

    /// `fixtures/dialplan` with UCCX's exports: the call control group (ports `CXBA_P1`,
    /// `CXBA_P2`, `redirect`) and the trigger `5000` on `CXBA_RP` redirecting with `css`.
    fn with_uccx(redirect: &str, css: &str) -> CallPaths {
        let dir = tempfile::tempdir().unwrap();
        for entry in std::fs::read_dir("../../fixtures/dialplan").unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "csv") {
                std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
            }
        }
        std::fs::write(
            dir.path().join("callControlGroups.xml"),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><callControlGroups><callControlGroup>\
                 <id>1</id><description>CCG_Inbound</description><deviceNamePrefix>CXBA</deviceNamePrefix>\
                 <portGroupConfiguration><hostName>uccx-a</hostName><listOfCTIPorts>CXBA_P1,CXBA_P2</listOfCTIPorts>\
                 <redirectCallingSearchSpace>{redirect}</redirectCallingSearchSpace></portGroupConfiguration>\
                 </callControlGroup></callControlGroups>"
            ),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("triggers.xml"),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><triggers><trigger>\
                 <directoryNumber>5000</directoryNumber><deviceName>CXBA_RP</deviceName>\
                 <callControlGroup name=\"CCG_Inbound\"/><triggerEnabled>true</triggerEnabled>\
                 <partition>PT_CTI</partition><callingSearchSpace>CSS_Internal</callingSearchSpace>\
                 <callingSearchSpaceForRedirect>{css}</callingSearchSpaceForRedirect></trigger></triggers>"
            ),
        )
        .unwrap();
        let ingested = uclint_ingest::ingest(&[dir.path().to_path_buf()]);
        gather(&Context::new(&ingested.cluster, &Settings::default()))
    }

    /// With UCCX's exports the settings are read: a trigger redirecting with a CSS that holds
    /// `PT_CTI` reaches its ports, one with `CSS_PSTN` misses both and says why; the ports
    /// redirect with their device CSS (Redirect Party), or, with DN Calling Search Space, with
    /// their line CSS, which they do not have: the null CSS, which reaches no agent.
    #[test]
    fn uccx_settings_choose_the_css_judged() {
        let paths = with_uccx("Redirect Party", "CSS_Agents");
        assert_eq!(paths.port_css.len(), 1);
        assert_eq!(paths.port_css[0].basis, "call control group CCG_Inbound: Redirect Party (the port's device CSS)");
        assert_eq!(paths.agents, PathCounts { total: 2, reachable: 2, not_judged: 0 });
        assert_eq!(paths.trigger_css[0].css, "CSS_Agents");
        assert_eq!(paths.triggers, PathCounts { total: 1, reachable: 1, not_judged: 0 });

        let paths = with_uccx("DN Calling Search Space", "CSS_PSTN");
        assert_eq!(paths.port_css[0].css, "<None> (no CSS)");
        assert_eq!(paths.agents, PathCounts { total: 2, reachable: 0, not_judged: 0 });
        assert_eq!(paths.unreachable_agents[0].why, "no match; its partition PT_Agents is not in the CSS");
        assert_eq!(paths.triggers, PathCounts { total: 1, reachable: 0, not_judged: 0 });
        let trigger = &paths.unreachable_triggers[0];
        assert_eq!((trigger.name.as_str(), trigger.css.as_str()), ("route point CXBA_RP", "CSS_PSTN"));
        assert!(trigger.why.starts_with("2 of 2 ports not reached: CXBA_P1 (5101@PT_CTI): no match"), "{trigger:?}");

        let paths = with_uccx("Calling Party", "CSS_Gone");
        assert_eq!(paths.agents.not_judged, 2);
        assert_eq!(paths.triggers.not_judged, 1);
        assert!(paths.assumptions.iter().any(|a| a.contains("CSS_Gone is neither a choice uclint knows")));
    }

    #[test]
    fn an_agent_in_a_partition_the_ports_do_not_search_is_unreachable() {
        let paths = paths_of("health/call-paths");
        assert_eq!(paths.agents, PathCounts { total: 2, reachable: 1, not_judged: 0 });
        assert_eq!(
            paths.unreachable_agents,
            [UnreachablePath {
                name: "agent02".into(),
                extension: "6002@PT_Agents_Legacy".into(),
                css: "CSS_Agents".into(),
                why: "no match; its partition PT_Agents_Legacy is not in the CSS".into(),
            }]
        );
    }

    /// The lab-like export's call control group redirects with the caller's CSS and its trigger
    /// with `default`: neither can be judged offline, and the report says so rather than guess.
    #[test]
    fn a_redirect_with_the_callers_css_is_not_judged() {
        let paths = paths_of("lab-like");
        assert!(paths.shown && paths.not_judged.is_none());
        assert!(paths.agents.total > 0);
        assert_eq!(paths.agents.not_judged, paths.agents.total);
        assert_eq!(paths.triggers.not_judged, paths.triggers.total);
        assert!(paths.port_css.is_empty() && paths.trigger_css.is_empty());
        assert!(paths.assumptions.iter().any(|a| a.contains("(Calling Party)")), "{:?}", paths.assumptions);
        assert!(paths.assumptions.iter().any(|a| a.contains("is default redirect with the caller's CSS")));
    }

    #[test]
    fn no_dial_plan_is_one_line_and_nothing_is_no_section() {
        let demo = paths_of("demo");
        assert!(demo.shown);
        assert!(demo.not_judged.as_deref().is_some_and(|w| w.contains("no dial plan")), "{demo:?}");
        let nothing = gather(&Context::new(&uclint_model::Cluster::default(), &Settings::default()));
        assert!(!nothing.shown && nothing.not_judged.is_none());
    }

    #[test]
    fn why_names_where_the_call_lands() {
        let blocked = Outcome::Blocked {
            kind: uclint_dialplan::EntryKind::RoutePattern,
            pattern: Text::from("60XX"),
            partition: Text::from("PT_Block"),
        };
        assert_eq!(why(&blocked), "blocked by route pattern 60XX in PT_Block");
        let elsewhere = Outcome::Device { dn: DnKey::new("6002", ""), devices: Vec::new() };
        assert_eq!(why(&elsewhere), "lands on directory number 6002@<None>");
        assert_eq!(list_text(&list_key(Some("A".into()), Some("A".into()))), "A");
        assert_eq!(list_text(&list_key(Some("A".into()), Some("B".into()))), "line CSS A, then device CSS B");
    }
}
