//! DIAL004: a UCCX agent's IPCC extension that the calling search space UCCX redirects calls to
//! agents with cannot reach.

use rustc_hash::FxHashMap;
use uclint_dialplan::{dialable, Analysis, Origin};
use uclint_model::{Device, Span, Spanned, Text};

use crate::catalog::call_path::{describe, dn_display, lands_on, line_css, ties_with, PortRedirect};
use crate::catalog::dial::names_nothing;
use crate::catalog::CtiKind;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every UCCX agent's IPCC extension (the end user's `IPCC Extension`, resolved to its
    /// directory number and partition) can be reached by digit analysis from the calling search
    /// space UCCX uses when a CTI port hands a queued call to the agent. Which CSS that is comes
    /// from the call control group's Redirect Calling Search Space (`adminapi/callControlGroup`
    /// `portGroupConfiguration/redirectCallingSearchSpace`): `Redirect Party` is the CTI port's
    /// device CSS (BAT `phone.csv` `CSS`), `DN Calling Search Space` the port's line CSS (`Line
    /// CSS 1`, or the DN's `Calling Search Space`). Without a call control group that names the
    /// port, the port's own line CSS then device CSS is assumed, and the message says so. The
    /// extension's digits are analysed en bloc from that CSS as CUCM's digit analysis does
    /// (closest match over the CSS's partitions, translation patterns followed; `uclint route`
    /// shows the trace). Ports that search the same partitions are analysed once: the finding
    /// names one port and how many share its CSS.
    ///
    /// ## What it leaves alone
    /// - Ports whose call control group redirects with `Calling Party`, the caller's CSS: the
    ///   caller is not in the export (a run note says how many).
    /// - An extension with wildcards, one that resolves to no directory number (UCCX rules report
    ///   that), and an analysis that ties the extension with another pattern of its partition or
    ///   whose outcome depends on a setting the sources disagree on (the CTI CSS order): the
    ///   call's fate cannot be told offline.
    /// - An export without calling search spaces, partitions or UCCX CTI ports: skipped, with
    ///   the reason.
    ///
    /// ## Why it breaks
    /// When UCCX hands a queued call from its CTI port to an agent (a redirect or consult
    /// transfer), CUCM analyses the agent's IPCC extension with the Redirect Calling Search
    /// Space of the port's call control group (`dialplan.md` §8.2, R32). If that CSS does not
    /// hold the extension's partition, or a more specific or earlier pattern there wins, the
    /// redirect fails and the call does not reach the agent (the script's redirect step exits
    /// Invalid or Unsuccessful, R37). The agent's phone still rings for direct calls, so the
    /// fault shows only on queued calls.
    ///
    /// ## Example
    /// The call control group redirects with `Redirect Party`, the CTI ports' CSS is
    /// `CSS_UCCX_Ports` (`PT_CTI`, `PT_Internal`), and agent `agent01`'s IPCC extension is
    /// `6001` in `PT_Agents`:
    /// ```csv
    /// NAME,DESCRIPTION,TYPE OF PARTITION USAGE,ROUTE PARTITION 1,ROUTE PARTITION 2
    /// CSS_UCCX_Ports,UCCX ports,General,PT_CTI,PT_Internal
    /// ```
    ///
    /// ## How to fix
    /// Call Routing > Class of Control > Calling Search Space > the CSS the message names: add
    /// the extension's partition to Selected Partitions. Or move the extension into a partition
    /// that CSS holds (Device > Phone > the agent's line > Route Partition), or, in Unified CCX
    /// Administration > Subsystems > Cisco Unified CM Telephony > Call Control Group, choose a
    /// Redirect Calling Search Space whose CSS reaches the agents.
    ///
    /// ## Sources
    /// - Cisco, UCCX 12.5(1)SU1 Administration and Operations Guide, "Telephony and Media
    ///   Provision" (Redirect Calling Search Space: DN Calling Search Space, Calling Party,
    ///   Redirect Party), <https://www.cisco.com/c/en/us/td/docs/voice_ip_comm/cust_contact/contact_center/crs/express_12_5_1_su1/maintain_and_operate/guide/uccx_b_1251su1admin-and-operations-guide/uccx_b_12_5_2admin-and-operations-guide_chapter_0111.html>;
    ///   `dialplan.md` §8.2 (R32), edge case E24.
    /// - Cisco DevNet, UCCX admin API "Modify Call Control Group" (`redirectCallingSearchSpace`),
    ///   <https://developer.cisco.com/docs/contact-center-express/modify-call-control-group>
    ///   (R33b).
    /// - Cisco DevNet, UCCX "Call Redirect Step" (Invalid, Busy, Unsuccessful),
    ///   <https://developer.cisco.com/docs/contact-center-express/call-redirect-step> (R37).
    code: "DIAL004",
    name: "agent-extension-unreachable",
    family: Dial,
    severity: Error,
    status: Stable,
    requires: [Partitions, CallingSearchSpaces, Phones, EndUsers],
    summary: "A UCCX agent's IPCC extension cannot be reached with the CSS UCCX redirects calls to agents with.",
    check: check,
}

/// Which CSS UCCX redirects a port's calls to agents with (`redirectCallingSearchSpace`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Choice {
    /// `Redirect Party`: the CTI port's (device) CSS.
    RedirectParty,
    /// `DN Calling Search Space`: the port's line (DN) CSS.
    DnCss,
    /// `Calling Party`: the caller's CSS, unknown offline.
    CallingParty,
    /// A value this rule does not know.
    Unknown,
    /// No call control group names the port: its own line and device CSSs are assumed.
    Assumed,
}

impl Choice {
    fn of(value: &str) -> Choice {
        match PortRedirect::of(value) {
            PortRedirect::RedirectParty => Choice::RedirectParty,
            PortRedirect::DnCss => Choice::DnCss,
            PortRedirect::CallingParty => Choice::CallingParty,
            PortRedirect::Unknown => Choice::Unknown,
        }
    }
}

/// What a group of ports searches: one CSS by name, or a port's line CSS then device CSS.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum SearchKey {
    Css(Text),
    Port { line: Option<Text>, device: Option<Text> },
}

/// The ports that search the same partitions for the redirect.
struct Ports<'a> {
    /// The first port, named in messages.
    port: &'a Device,
    /// How many ports share this search.
    count: usize,
    /// How the CSS was chosen.
    redirect: Choice,
    /// The call control group's `redirectCallingSearchSpace` of the first port, if any.
    redirect_cell: Option<&'a Spanned<Text>>,
    /// The port's CSS cell that gives the CSS searched, if set.
    css_cell: Option<&'a Spanned<Text>>,
    origin: Origin,
    key: SearchKey,
}

impl Ports<'_> {
    /// The CSS for messages: `CSS_UCCX_Ports, the CTI port's device CSS (Redirect Calling Search
    /// Space = Redirect Party)`.
    fn describe(&self) -> String {
        let name = |n: &Option<Text>| n.as_ref().map_or("<None>".to_owned(), |n| n.to_string());
        match (&self.key, self.redirect) {
            (SearchKey::Css(css), Choice::DnCss) => format!(
                "calling search space {}, the CTI port's line CSS (Redirect Calling Search Space = DN Calling Search \
                 Space)",
                name(&Some(css.clone()).filter(|c| !c.is_empty()))
            ),
            (SearchKey::Css(css), _) => format!(
                "calling search space {}, the CTI port's device CSS (Redirect Calling Search Space = Redirect Party)",
                name(&Some(css.clone()).filter(|c| !c.is_empty()))
            ),
            (SearchKey::Port { line, device }, _) => format!(
                "the CTI port's own line CSS {} and device CSS {} (assumed: no call control group in the export \
                 names the port)",
                name(line),
                name(device)
            ),
        }
    }

    /// The CSS names the help points at.
    fn css_names(&self) -> Vec<String> {
        match &self.key {
            SearchKey::Css(css) if !css.is_empty() => vec![css.to_string()],
            SearchKey::Css(_) => Vec::new(),
            SearchKey::Port { line, device } => line.iter().chain(device).map(|c| c.to_string()).collect(),
        }
    }
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let cluster = ctx.cluster;
    if cluster.calling_search_spaces.is_empty() {
        return Err(Skip::new("the export's calling search space table is empty"));
    }
    if cluster.partitions.is_empty() {
        return Err(Skip::new("the export's partition table is empty"));
    }
    let ports: Vec<&Device> =
        ctx.uccx_cti_devices()?.iter().filter(|(_, kind)| *kind == CtiKind::Port).map(|(d, _)| *d).collect();
    if ports.is_empty() {
        return Err(Skip::new("the export has no UCCX CTI ports"));
    }
    let plan = ctx.dial_plan();
    let by_name: FxHashMap<String, &Spanned<Text>> = cluster
        .uccx_call_control_groups
        .iter()
        .flat_map(|g| &g.port_groups)
        .flat_map(|pg| pg.ports.iter().map(move |p| (p.value.trim().to_lowercase(), pg)))
        .filter_map(|(name, pg)| Some((name, pg.redirect_calling_search_space.as_ref()?)))
        .fold(FxHashMap::default(), |mut map, (name, cell)| {
            map.entry(name).or_insert(cell);
            map
        });
    let listed: rustc_hash::FxHashSet<String> = cluster
        .uccx_call_control_groups
        .iter()
        .flat_map(|g| &g.port_groups)
        .flat_map(|pg| &pg.ports)
        .map(|p| p.value.trim().to_lowercase())
        .collect();

    // Group the ports by what they search, in port order.
    let mut groups: Vec<Ports<'_>> = Vec::new();
    let mut index: FxHashMap<SearchKey, usize> = FxHashMap::default();
    let (mut calling_party, mut unknown) = (0usize, Vec::<String>::new());
    for port in ports {
        let name = port.name.value.trim().to_lowercase();
        let redirect_cell = by_name.get(&name).copied();
        let redirect = match redirect_cell {
            Some(cell) => Choice::of(&cell.value),
            None if listed.contains(&name) => Choice::Unknown,
            None => Choice::Assumed,
        };
        let device_css = port.css.as_ref().filter(|c| !names_nothing(&c.value));
        let line = port.lines_by_index().first().copied();
        let line_css = line.and_then(|l| line_css(plan, l));
        let (key, origin, css_cell) = match redirect {
            Choice::CallingParty => {
                calling_party += 1;
                continue;
            }
            Choice::Unknown => {
                let value = redirect_cell.map_or("(none)".to_owned(), |c| format!("'{}'", c.value.trim()));
                if !unknown.contains(&value) {
                    unknown.push(value);
                }
                continue;
            }
            Choice::RedirectParty | Choice::DnCss => {
                let cell = if redirect == Choice::DnCss { line_css } else { device_css };
                let css = cell.map_or_else(Text::new, |c| Text::from(c.value.trim()));
                (SearchKey::Css(css.clone()), Origin::Css(css), cell)
            }
            Choice::Assumed => {
                let key = SearchKey::Port {
                    line: line_css.map(|c| Text::from(c.value.trim())),
                    device: device_css.map(|c| Text::from(c.value.trim())),
                };
                let origin = Origin::Device { device: port.name.value.clone(), line: line.map(|l| l.dn.value.clone()) };
                (key, origin, device_css.or(line_css))
            }
        };
        match index.get(&key) {
            Some(&at) => groups[at].count += 1,
            None => {
                index.insert(key.clone(), groups.len());
                groups.push(Ports { port, count: 1, redirect, redirect_cell, css_cell, origin, key });
            }
        }
    }
    if calling_party > 0 {
        sink.note(format!(
            "{calling_party} UCCX CTI port(s) redirect to agents with the caller's CSS (Redirect Calling Search \
             Space = Calling Party), which the export does not show: not judged"
        ));
    }
    if !unknown.is_empty() {
        sink.note(format!(
            "call control group Redirect Calling Search Space {} not understood: those ports were not judged",
            unknown.join(", ")
        ));
    }

    let mut unclear = 0usize;
    for group in &groups {
        let mut analysed: FxHashMap<&str, Analysis> = FxHashMap::default();
        for agent in &ctx.agents {
            let Some(first) = agent.keys.first() else { continue };
            let digits = first.pattern.as_str();
            if !dialable(digits) {
                continue;
            }
            let analysis = analysed.entry(digits).or_insert_with(|| plan.analyze(&group.origin, digits));
            if lands_on(&analysis.outcome, &agent.keys) {
                continue;
            }
            if ties_with(plan, &analysis.outcome, &agent.keys)
                || analysis.depends_on_cti_order
                || analysis.depends_on_originator_css
            {
                unclear += 1;
                continue;
            }
            report(sink, group, agent, digits, &analysis.outcome);
        }
    }
    if unclear > 0 {
        sink.note(format!(
            "{unclear} IPCC extension(s) not judged: whether the redirect reaches them depends on a tie or on a \
             setting the sources disagree on (`uclint route` shows the analysis)"
        ));
    }
    Ok(())
}

fn report(
    sink: &mut Sink,
    group: &Ports<'_>,
    agent: &crate::Agent<'_>,
    digits: &str,
    outcome: &uclint_dialplan::Outcome,
) {
    let extension = match agent.keys.as_slice() {
        [key] => dn_display(key),
        _ => agent.extension_display(),
    };
    let others = match group.count {
        1 => String::new(),
        n => format!(" and {} other port{}", n - 1, if n == 2 { "" } else { "s" }),
    };
    let message = format!(
        "agent {}'s IPCC extension {extension} cannot be reached when UCCX redirects a queued call from CTI port {}{others} \
         with {}: dialing {digits} there {}. Queued calls UCCX routes to this agent are not delivered",
        agent.user.user_id.value,
        group.port.name.value,
        group.describe(),
        describe(outcome),
    );
    let partition = agent.keys.first().map_or("", |k| k.partition.as_str());
    let css = group.css_names();
    let help = if css.is_empty() {
        format!(
            "Device > Phone > {}: give the CTI port a calling search space that holds partition {}, or choose another \
             Redirect Calling Search Space (Unified CCX Administration > Subsystems > Cisco Unified CM Telephony > \
             Call Control Group)",
            group.port.name.value,
            uclint_dialplan::partition_display(partition)
        )
    } else {
        format!(
            "Call Routing > Class of Control > Calling Search Space > {}: add partition {} to Selected Partitions, \
             or move the extension into a partition it holds, or choose another Redirect Calling Search Space \
             (Unified CCX Administration > Subsystems > Cisco Unified CM Telephony > Call Control Group)",
            css.join(" or "),
            uclint_dialplan::partition_display(partition)
        )
    };
    let mut finding = sink.report(agent.user.key(), agent.ipcc.span, "IPCC extension not reached", message).help(help);
    if let Some(cell) = group.redirect_cell {
        finding = finding.label(cell.span, "Redirect Calling Search Space");
    }
    let css_span: Option<Span> = group.css_cell.map(|c| c.span);
    if let Some(span) = css_span {
        finding.label(span, "the calling search space searched");
    }
}
