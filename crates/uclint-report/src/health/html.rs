//! The health report as one self-contained HTML file: inline CSS, a few lines of inline script
//! (the filter box, the CSV download, a group's full object list page by page, opening the
//! object lists for print), inline SVG charts, no network access and no font, so it still works
//! when mailed.
//!
//! The page is written with maud's `html!` templates, so its markup is checked when uclint is
//! built and every value spliced into it is escaped: a value from the input goes in as one of
//! [`super::escape`]'s types ([`Html`]; [`Message`] and [`Key`] bound it first), which make
//! controls visible as well; the page's own counts and words go in bare (maud escapes them too,
//! and they have nothing to escape). `PreEscaped` holds only the page's constants (style, script, entities)
//! and the embedded data, which [`csv::blob`] has already made safe for its `<script>`. The
//! script puts values in with `textContent` only. maud writes no whitespace between elements, so
//! the page's line breaks are written as `"\n"` where the page has always had them.
//!
//! The DOM holds one row per group of findings, a bounded number per family, and a bounded list
//! of objects per group; every finding is in the embedded CSV ([`super::csv`]), whose `group`
//! column lets a group's "Show all" button list all its objects, 100 per page, so that the DOM
//! stays bounded however big a group is.

use maud::{html, Markup, PreEscaped, DOCTYPE};
use uclint_model::{Diagnostic, NotReadClass, Severity};

use super::escape::{Html, Key, Message};
use super::svg::{bar_chart, Bar};
use super::{
    agents_verdict, blocked_areas, by_family, call_paths_blocked, call_paths_verdict, compact_path, count_in, csv,
    family_title, inputs_line, not_read_counts, path_counts, plural, ranked_groups, redirect_objects, severity_counts,
    verdict, CallPaths, FamilyGroups, Health, ReadinessSummary, RedirectCss, UnreachablePath, AGENTS_LISTED,
    AGENT_WORDS, ASSUMPTIONS_LISTED, BLOCKING_PER_AGENT, CALL_PATHS_AREA, FILES_LISTED, GROUPS_PER_FAMILY,
    OBJECTS_IN_LIST, OBJECTS_NAMED, PATHS_LISTED, TOP_ISSUES, TRIGGER_WORDS,
};
use crate::group::Group;
use crate::{count, text, Paths, Report};

/// The page's style: readable tables (fixed layout, wrapped text), severity as text and icon
/// as well as colour, colours with at least 4.5:1 contrast, and a print stylesheet.
const STYLE: &str = "\
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1d2327;background:#f6f7f7;line-height:1.4}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{margin:0 0 4px;font-size:26px}h2{margin-top:36px;border-bottom:2px solid #c3c4c7;padding-bottom:4px}
h3{margin:24px 0 6px}
.muted{color:#50575e}.where{color:#50575e;font-size:.9em;white-space:nowrap}
code{font-size:.92em}
table{border-collapse:collapse;width:100%;table-layout:fixed;background:#fff;margin:8px 0}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border:1px solid #c3c4c7;padding:6px 8px;text-align:left;vertical-align:top;font-size:14px;overflow-wrap:anywhere}
th{background:#f0f0f1}
.sev{font-weight:600;white-space:nowrap}.sev-error{color:#a32121}.sev-warning{color:#7a5200}.sev-info{color:#1e5f99}
.ready{color:#006421;font-weight:600}.blocked{color:#a32121;font-weight:600}
.verdict{font-size:18px;padding:12px 16px;border-radius:6px;border:2px solid}
.verdict.blocked{background:#fcf0f1;border-color:#a32121}.verdict.ok{background:#edfaef;border-color:#006421;color:#00481a}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;background:#fff;border:1px solid #c3c4c7;border-radius:6px;padding:12px 16px}
dl.facts dt{font-weight:600}dl.facts dd{margin:0;overflow-wrap:anywhere}
.charts{display:flex;flex-wrap:wrap;gap:24px}figure{margin:0}svg{max-width:100%;height:auto}
details{margin-top:4px}summary{cursor:pointer;color:#1e5f99}
ol.objects{margin:4px 0;padding-left:22px}ul.plain{margin:0;padding-left:18px}
[data-replaced]{display:none}.pager ol{list-style-position:inside;padding-left:0}.pager p{margin:4px 0;display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center}
.tools{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;background:#fff;border:1px solid #c3c4c7;border-radius:6px;padding:8px 12px;margin:16px 0}
#filter{width:100%;max-width:420px;padding:6px;font-size:15px}
button{font-size:15px;padding:6px 12px}
.print-only{display:none}
@media print{
body{background:#fff;font-size:12px}main{max-width:none;padding:0}
.tools,.no-print,button,input{display:none!important}.print-only{display:block}
[data-replaced]{display:block}
details::details-content{content-visibility:visible;display:block}
summary{display:none}
thead{display:table-header-group}tr,li,dl.facts,.verdict,figure{break-inside:avoid}
h2,h3{break-after:avoid}
a{color:inherit;text-decoration:none}
th,td{font-size:11px;padding:3px 5px}
@page{size:A4;margin:12mm}
}";

/// What the page may load: nothing. Its own inline style and script run; no request leaves it
/// (no fetch, image, font or form), even if some value were ever to get past [`super::escape`].
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; \
                   base-uri 'none'; form-action 'none'";

/// Markup constants of the page: entities as the page has always written them (so the bytes of
/// the page do not depend on how an editor saves a character), each with the space that follows
/// an icon.
const MIDDOT: PreEscaped<&str> = PreEscaped("&middot;");
/// ✖, before "error", "Blocked", "Not ready".
const CROSS: PreEscaped<&str> = PreEscaped("&#x2716; ");
/// ▲, before "warning".
const TRIANGLE: PreEscaped<&str> = PreEscaped("&#x25B2; ");
/// ℹ, before "info".
const INFO: PreEscaped<&str> = PreEscaped("&#x2139; ");
/// ✔, before "Ready", "Nothing blocking" and the verdict "No blocking error".
const CHECK: PreEscaped<&str> = PreEscaped("&#x2714; ");
/// ⚠, before the warning that some files were not recognised.
const WARNING_SIGN: PreEscaped<&str> = PreEscaped("&#x26A0; ");

/// The page's script: the filter (rows of every `[data-filterable]` table); the embedded CSV
/// (unpacked once with `DecompressionStream` when gzipped) for the download and for the "Show
/// all" buttons, which parse it once (RFC 4180) into rows by group and show a group's objects a
/// page of 100 at a time (only that page in the DOM), values as text (`textContent`, never markup); every object list
/// opened for print and closed again after (the pages are not printed: the first
/// [`OBJECTS_IN_LIST`] are).
const SCRIPT: &str = r#"(function(){
var box=document.getElementById('filter'),status=document.getElementById('filter-status'),rows=null,texts=null;
box.addEventListener('input',function(){
if(!rows){rows=Array.prototype.slice.call(document.querySelectorAll('[data-filterable] tbody tr'));
texts=rows.map(function(r){return r.textContent.toLowerCase();});}
var q=box.value.toLowerCase().trim(),shown=0;
for(var i=0;i<rows.length;i++){var m=!q||texts[i].indexOf(q)>=0;rows[i].hidden=!m;if(m){shown++;}}
status.textContent=q?shown+' of '+rows.length+' rows match':'';});
var meta=null,text=null,table=null,PAGE=100;
function embedded(){return meta||(meta=JSON.parse(document.getElementById('findings-data').textContent));}
function csvText(){return text||(text=Promise.resolve().then(function(){var d=embedded();
if(d.encoding==='text'){return d.data;}
if(typeof DecompressionStream==='undefined'){throw new Error('this browser cannot unpack the data');}
var bin=atob(d.data),bytes=new Uint8Array(bin.length);
for(var i=0;i<bin.length;i++){bytes[i]=bin.charCodeAt(i);}
return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();}));}
function parse(t){var out=[],row=[],i=0,n=t.length,v,e,q;
while(i<n){if(t[i]==='"'){v='';e=i;
for(;;){q=t.indexOf('"',e+1);if(q<0){q=n;}v+=t.slice(e+1,q);if(t[q+1]==='"'){v+='"';e=q+1;}else{i=q+1;break;}}}
else{e=i;while(e<n&&t[e]!==','&&t[e]!=='\r'&&t[e]!=='\n'){e++;}v=t.slice(i,e);i=e;}
row.push(v);
if(t[i]===','){i++;if(i===n){row.push('');}}else{if(t[i]==='\r'){i++;}if(t[i]==='\n'){i++;}out.push(row);row=[];}}
if(row.length){out.push(row);}return out;}
function groups(){return table||(table=csvText().then(function(t){var all=parse(t),col={},by={};
(all[0]||[]).forEach(function(h,i){col[h]=i;});
for(var i=1;i<all.length;i++){var g=all[i][col.group];if(g){(by[g]=by[g]||[]).push(all[i]);}}
return {col:col,by:by};}));}
function num(n){var s=String(n),out='';while(s.length>3){out=','+s.slice(-3)+out;s=s.slice(0,-3);}return s+out;}
function el(tag,cls,txt){var e=document.createElement(tag);if(cls){e.className=cls;}if(txt!==undefined){e.textContent=txt;}return e;}
document.querySelectorAll('button.show-all').forEach(function(b){b.addEventListener('click',function(){
var g=b.getAttribute('data-group'),total=+b.getAttribute('data-total'),details=b.parentNode;
b.disabled=true;b.textContent='Unpacking the findings…';
groups().then(function(t){var rows=t.by[g]||[],c=t.col,at=0;
var pager=el('div','pager no-print'),list=el('ol','objects'),nav=el('p'),prev=el('button',null,'Previous'),
range=el('span'),next=el('button',null,'Next');
prev.type=next.type='button';range.setAttribute('role','status');range.setAttribute('aria-live','polite');
nav.append(prev,range,next);pager.append(nav,list);
if(rows.length<total){pager.append(el('p','muted','… '+num(total-rows.length)+' more: uclint check --format json'));}
function show(){list.textContent='';list.start=at+1;
rows.slice(at,at+PAGE).forEach(function(r){var file=r[c.file]||'',name=file.slice(file.lastIndexOf('!')+1);
name=name.slice(Math.max(name.lastIndexOf('/'),name.lastIndexOf('\\'))+1)||name;
var where=el('span','where',name+':'+r[c.line]);where.title=file+':'+r[c.line]+':'+r[c.column];
var li=el('li');li.append(el('code',null,r[c.object]||''),' ',where,' ',r[c.message]||'');list.appendChild(li);});
range.textContent=rows.length?'objects '+num(at+1)+'-'+num(Math.min(at+PAGE,rows.length))+' of '+num(rows.length):'none of them is in the page';
prev.disabled=at===0;next.disabled=at+PAGE>=rows.length;}
prev.addEventListener('click',function(){at=Math.max(0,at-PAGE);show();});
next.addEventListener('click',function(){if(at+PAGE<rows.length){at+=PAGE;show();}});
show();details.querySelectorAll('ol.objects,p.more').forEach(function(e){e.setAttribute('data-replaced','');});
b.replaceWith(pager);})
.catch(function(e){b.textContent='Show all '+num(total)+' objects';
b.after(el('p','muted','The list cannot be shown ('+e.message+'); the CSV download has every finding.'));});});});
var button=document.getElementById('download'),note=document.getElementById('download-status');
button.addEventListener('click',function(){note.textContent='Preparing the CSV…';
csvText().then(function(t){var a=document.createElement('a');
a.href=URL.createObjectURL(new Blob(['\ufeff',t],{type:'text/csv;charset=utf-8'}));a.download=embedded().name;
document.body.appendChild(a);a.click();a.remove();note.textContent='';
setTimeout(function(){URL.revokeObjectURL(a.href);},60000);})
.catch(function(e){note.textContent='The download failed ('+e.message+'); uclint check --format json lists every finding.';});});
var opened=[];
window.addEventListener('beforeprint',function(){document.querySelectorAll('details:not([open])').forEach(function(d){d.open=true;opened.push(d);});});
window.addEventListener('afterprint',function(){opened.forEach(function(d){d.open=false;});opened=[];});
document.body.setAttribute('data-loaded','true');})();"#;

/// A table's column widths and headings: `(width, heading)` per column, in order.
fn head(columns: &[(&str, &str)]) -> Markup {
    html! {
        colgroup { @for (width, _) in columns { col style={ "width:" (width) }; } }
        thead { tr { @for (_, heading) in columns { th scope="col" { (heading) } } } }
    }
}
/// A table of files and what became of them, in the appendix: the first [`FILES_LISTED`] rows
/// (`(path, what)`, the path compact with the full one on hover), then how many more there are
/// (of `total`) and `more_note`. The first tuple is the table's class, label and column headers.
fn files_table<'a>(
    (class, label, file_header, what_header): (&str, &str, &str, &str),
    rows: impl Iterator<Item = (&'a str, &'a str)>,
    total: usize,
    more_note: Markup,
) -> Markup {
    html! {
        table class=(class) aria-label=(label) {
            (head(&[("45%", file_header), ("55%", what_header)]))
            tbody {
                @for (path, what) in rows.take(FILES_LISTED) {
                    @let shown = text::path(path);
                    tr { td { span title=(Html(&shown)) { (Html(compact_path(&shown))) } } td { (Message(what)) } }
                }
            }
        }
        "\n"
        @if total > FILES_LISTED {
            p.muted { "… and " (plural(total - FILES_LISTED, "file", "files")) " more" (more_note) "." } "\n"
        }
    }
}

/// Renders the health report.
pub fn render_health_html(report: &Report<'_>, health: &Health) -> String {
    let paths = Paths::new(report.sources);
    let groups = ranked_groups(report.diagnostics);
    let families = by_family(report.diagnostics, &groups);
    let inputs: Vec<String> = health.inputs.iter().map(|p| text::path(p).into_owned()).collect();
    let rows = csv::rows(report, &paths, &groups);
    // JSON whose `<`, `>` and `&` are JSON escapes (`escape::script_json`), so nothing in it can
    // end its `<script>` element or start a comment; the data in it is the CSV as a JSON string
    // or, when large, gzipped and base64-encoded.
    let blob = PreEscaped(csv::blob(&rows));
    let page = html! {
        (DOCTYPE) "\n"
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content=(CSP);
                title { "uclint cluster health report" }
                // The page's own constants, not escaped: CSS and JavaScript are not HTML text.
                style { (PreEscaped(STYLE)) }
            }
            body {
                main {
                    "\n"
                    h1 { "Cluster health report" }
                    p.muted { "uclint " (env!("CARGO_PKG_VERSION")) " " (MIDDOT) " from " (Html(&inputs.join(", "))) }
                    "\n"
                    (first_screen(report, health, &groups))
                    div.tools role="search" {
                        label for="filter" { "Filter agents and findings" }
                        input id="filter" type="search" placeholder="user, device, code, text";
                        span id="filter-status" role="status" aria-live="polite" {}
                        button type="button" id="download" {
                            "Download all " (plural(report.diagnostics.len(), "finding", "findings")) " as CSV"
                        }
                        span id="download-status" role="status" aria-live="polite" {}
                    }
                    "\n"
                    (agents(health))
                    (call_paths(report, &health.call_paths))
                    (readiness(report, "Extension Mobility readiness", &health.extension_mobility))
                    (readiness(report, "Presence readiness", &health.presence))
                    (findings(report, &paths, &groups, &families))
                    (appendix(report, health))
                }
                script type="application/json" id="findings-data" { (blob) }
                script { (PreEscaped(SCRIPT)) }
            }
        }
        "\n"
    };
    page.into_string()
}

/// Severity as an icon and a word, coloured: never colour alone.
fn severity(severity: Severity) -> Markup {
    let (class, icon, word) = match severity {
        Severity::Error => ("sev sev-error", CROSS, "error"),
        Severity::Warning => ("sev sev-warning", TRIANGLE, "warning"),
        Severity::Info => ("sev sev-info", INFO, "info"),
    };
    html! { span class=(class) { span aria-hidden="true" { (icon) } (word) } }
}

/// Ready or not, as an icon and a word: `Ready`, `Not ready`, `Nothing blocking`, `Blocked`.
fn readiness_mark(ready: bool, word: &str) -> Markup {
    html! {
        @if ready {
            span.ready { span aria-hidden="true" { (CHECK) } (word) }
        } @else {
            span.blocked { span aria-hidden="true" { (CROSS) } (word) }
        }
    }
}

/// Where a finding is: `phone.csv:12`, the whole path and column on hover.
fn location(report: &Report<'_>, paths: &Paths<'_>, d: &Diagnostic) -> Markup {
    let (line, column) = report.sources.get(d.primary.span.source).line_col(d.primary.span.start);
    let full = paths.get(d.primary.span.source);
    html! {
        span.where title={ (Html(full)) ":" (line) ":" (column) } { (Html(compact_path(full))) ":" (line) }
    }
}

/// A value from the export, or what to say when it says nothing.
fn stated(value: Option<&String>, missing: &str) -> Markup {
    html! {
        @match value {
            Some(value) if !value.trim().is_empty() => (Message(value)),
            _ => span.muted { (missing) },
        }
    }
}

/// What the first screen says of a fact the export does not state.
const NOT_STATED: &str = "not stated in the input";

fn first_screen(report: &Report<'_>, health: &Health, groups: &[Group]) -> Markup {
    let diagnostics = report.diagnostics;
    let summary = report.summary;
    let areas = verdict(diagnostics);
    let errors: usize = areas.iter().map(|a| a.errors()).sum();
    let [info, warning, error] = crate::summary::counts(diagnostics);
    let ready = health.agents.iter().filter(|a| a.is_ready()).count();
    let export = &health.export;
    let not_read = not_read_counts(report)[3];
    html! {
        h2 id="go-live" { "Can we go live?" } "\n"
        @if errors == 0 {
            p class="verdict ok" {
                span aria-hidden="true" { (CHECK) } strong { "No blocking error" }
                " found by the " (plural(summary.rules_run, "rule", "rules")) " that ran"
                @if !summary.skipped.is_empty() {
                    "; " (plural(summary.skipped.len(), "rule", "rules")) " could not run (appendix)"
                }
                "."
            }
        } @else {
            p class="verdict blocked" {
                span aria-hidden="true" { (CROSS) }
                strong { "Not ready: " (plural(errors, "blocking error", "blocking errors")) }
                " (" (Html(&blocked_areas(&areas))) ")."
            }
        }
        "\n"
        dl.facts {
            dt { "Publisher" } dd { (stated(export.publisher.as_ref(), NOT_STATED)) }
            dt { "Unified CM version" } dd { (stated(export.version.as_ref(), NOT_STATED)) }
            dt { "Exported" } dd { (stated(export.exported_at.as_ref(), NOT_STATED)) }
            dt { "Report made" } dd { (stated(health.generated_at.as_ref(), "not recorded")) }
            dt { "Inputs" }
            dd {
                (Html(&inputs_line(report)))
                @if not_read > 0 {
                    " "
                    strong {
                        (WARNING_SIGN) (plural(not_read, "file", "files"))
                        " not recognised: check that the export is complete (appendix)"
                    }
                }
            }
            dt { "Objects read" } dd { (count(summary.objects)) }
            dt { "Findings" }
            dd { (plural(diagnostics.len(), "finding", "findings")) ": " (severity_counts([info, warning, error])) }
            dt { "Agents ready" } dd { b id="agents-ready" { (count(ready)) " / " (count(health.agents.len())) } }
            dt { "Rules" }
            dd { (count(summary.rules_run)) " run, " (count(summary.skipped.len())) " skipped (appendix)" }
        }
        "\n"
        table.areas {
            caption { "Findings by area" }
            (head(&[
                ("22%", "Area"),
                ("18%", "Rule families"),
                ("12%", "Errors"),
                ("12%", "Warnings"),
                ("36%", "Verdict"),
            ]))
            tbody {
                @for (i, area) in areas.iter().enumerate() {
                    tr {
                        th scope="row" { (Html(area.name)) }
                        td { (Html(&area.families)) }
                        td { (count(area.errors())) }
                        td { (count(area.counts[1])) }
                        td {
                            @if area.errors() > 0 || (i == CALL_PATHS_AREA && call_paths_blocked(&health.call_paths)) {
                                (readiness_mark(false, "Blocked"))
                            } @else {
                                (readiness_mark(true, "Nothing blocking"))
                            }
                            @if i == 0 && !health.agents.is_empty() {
                                (agents_verdict(health.agents.len(), ready))
                            }
                            @if i == CALL_PATHS_AREA {
                                @if let Some(line) = call_paths_verdict(&health.call_paths) { (line) }
                            }
                        }
                    }
                }
            }
        }
        "\n"
        @if groups.is_empty() {
            p { "No findings." } "\n"
        } @else {
            (top_issues(diagnostics, groups))
        }
    }
}

/// The first [`TOP_ISSUES`] groups, linked to their rows under Findings.
fn top_issues(diagnostics: &[Diagnostic], groups: &[Group]) -> Markup {
    html! {
        h3 id="top-issues" { "Top issues" }
        table.top {
            caption { "The most severe issues, then those with the most findings" }
            (head(&[("12%", "Severity"), ("14%", "Rule"), ("60%", "Issue"), ("14%", "Findings")]))
            tbody {
                @for (rank, g) in groups.iter().enumerate().take(TOP_ISSUES) {
                    @let d = &diagnostics[g.first()];
                    tr {
                        td { (severity(d.severity)) }
                        td { a href={ "#g" (rank) } { code { (Html(d.code.id)) } } }
                        td { (Message(&d.message)) }
                        td { (count(g.len())) }
                    }
                }
            }
        }
        "\n"
        @if groups.len() > TOP_ISSUES {
            p.muted {
                (plural(groups.len() - TOP_ISSUES, "issue", "issues")) " more; all are under "
                a href="#findings" { "Findings" } "."
            }
            "\n"
        }
    }
}

fn agents(health: &Health) -> Markup {
    let total = health.agents.len();
    let ready = health.agents.iter().filter(|a| a.is_ready()).count();
    // Those not ready first, each kind in the order given.
    let listed = health.agents.iter().filter(|a| !a.is_ready()).chain(health.agents.iter().filter(|a| a.is_ready()));
    html! {
        h2 id="agents-heading" { "UCCX agent readiness" }
        p {
            (count(ready)) " of " (plural(total, "agent", "agents")) " " (if ready == 1 { "has" } else { "have" })
            " nothing blocking their sign-in."
        }
        "\n"
        table id="agents" data-filterable data-agents-total=(total) data-agents-ready=(ready)
            aria-labelledby="agents-heading" {
            (head(&[
                ("15%", "Agent"),
                ("17%", "IPCC extension"),
                ("20%", "Devices"),
                ("12%", "Status"),
                ("36%", "Blocking findings"),
            ]))
            tbody {
                @for agent in listed.take(AGENTS_LISTED) {
                    tr {
                        td { (Key(&agent.user)) }
                        td { code { (Key(&agent.extension)) } }
                        td {
                            @if agent.devices.is_empty() {
                                i { "none" }
                            }
                            @for (i, device) in agent.devices.iter().enumerate() {
                                @if i > 0 { ", " }
                                (Key(device))
                            }
                        }
                        td {
                            @if agent.is_ready() {
                                (readiness_mark(true, "Ready"))
                            } @else {
                                (readiness_mark(false, "Not ready"))
                            }
                        }
                        td {
                            @if !agent.blocking.is_empty() {
                                ul.plain {
                                    @for finding in agent.blocking.iter().take(BLOCKING_PER_AGENT) {
                                        li { code { (Html(&finding.code)) } " " (Message(&finding.message)) }
                                    }
                                    @if agent.blocking.len() > BLOCKING_PER_AGENT {
                                        li { "… and " (count(agent.blocking.len() - BLOCKING_PER_AGENT)) " more" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        "\n"
        @if total > AGENTS_LISTED {
            p.muted {
                "… and " (plural(total - AGENTS_LISTED, "agent", "agents"))
                " more not listed (those not ready are listed first); every blocking finding is in the CSV download."
            }
            "\n"
        }
    }
}

/// The UCCX call paths: counts first, the CSSs judged, the agents and triggers not reached (the
/// first [`PATHS_LISTED`] of each), what was assumed, then the dial-plan findings' count, linked
/// to their family under Findings. Absent when the export has neither a dial plan nor UCCX
/// objects; one line when the paths cannot be judged.
fn call_paths(report: &Report<'_>, paths: &CallPaths) -> Markup {
    let families = ["DIAL".to_owned()];
    let findings = count_in(report.diagnostics, &families);
    html! {
        @if paths.shown {
            h2 id="call-paths" { "UCCX call paths" } "\n"
            @if let Some(why) = &paths.not_judged {
                p { "Not judged: " (Message(why)) "." } "\n"
            } @else {
                h3 { "CTI port to agent" } "\n"
                p { (path_counts(paths.agents, AGENT_WORDS.0, AGENT_WORDS.1)) } "\n"
                (redirect_table("port-css", "CTI ports", &paths.port_css, ("CTI port", "CTI ports")))
                (unreachable_table("unreachable-agents", "Agents not reached", &paths.unreachable_agents,
                    ("Agent", "IPCC extension"), ("agent", "agents")))
                h3 { "Trigger to CTI port" } "\n"
                p { (path_counts(paths.triggers, TRIGGER_WORDS.0, TRIGGER_WORDS.1)) } "\n"
                (redirect_table("trigger-css", "Triggers", &paths.trigger_css, ("trigger", "triggers")))
                (unreachable_table("unreachable-triggers", "Triggers that miss ports", &paths.unreachable_triggers,
                    ("Trigger", "Trigger DN"), ("trigger", "triggers")))
                @if !paths.assumptions.is_empty() {
                    h3 { "Assumed or not judged" } "\n"
                    ul.assumptions {
                        @for assumption in paths.assumptions.iter().take(ASSUMPTIONS_LISTED) { li { (Message(assumption)) } }
                        @if paths.assumptions.len() > ASSUMPTIONS_LISTED {
                            li { "… and " (count(paths.assumptions.len() - ASSUMPTIONS_LISTED)) " more" }
                        }
                    }
                    "\n"
                }
            }
            p {
                "Dial-plan findings (DIAL): " (count(findings))
                @if findings > 0 { ", under " a href="#family-DIAL" { "DIAL: " (family_title(uclint_model::Family::Dial)) } }
                "."
            }
            "\n"
        }
    }
}

/// The calling search spaces a redirect was judged with: CSS, objects, why.
fn redirect_table(class: &str, label: &str, rows: &[RedirectCss], (one, many): (&str, &str)) -> Markup {
    html! {
        @if !rows.is_empty() {
            table class=(class) aria-label={ (label) " by redirect CSS" } {
                (head(&[("30%", "Redirect CSS"), ("35%", label), ("35%", "Why this CSS")]))
                tbody {
                    @for css in rows {
                        tr {
                            td { code { (Key(&css.css)) } }
                            td { (Message(&redirect_objects(css, one, many))) }
                            td { (Message(&css.basis)) }
                        }
                    }
                }
            }
            "\n"
        }
    }
}

/// Agents or triggers a redirect does not reach: the first [`PATHS_LISTED`], then how many more.
fn unreachable_table(
    id: &str,
    label: &str,
    rows: &[UnreachablePath],
    (who, number): (&str, &str),
    (one, many): (&str, &str),
) -> Markup {
    html! {
        @if !rows.is_empty() {
            table id=(id) data-filterable aria-label=(label) {
                (head(&[("18%", who), ("18%", number), ("24%", "Redirect CSS"), ("40%", "Why not reached")]))
                tbody {
                    @for path in rows.iter().take(PATHS_LISTED) {
                        tr {
                            td { (Key(&path.name)) }
                            td { code { (Key(&path.extension)) } }
                            td { code { (Key(&path.css)) } }
                            td { (Message(&path.why)) }
                        }
                    }
                }
            }
            "\n"
            @if rows.len() > PATHS_LISTED {
                p.muted { "… and " (plural(rows.len() - PATHS_LISTED, one, many)) " more not listed." } "\n"
            }
        }
    }
}

fn readiness(report: &Report<'_>, title: &str, summary: &ReadinessSummary) -> Markup {
    let findings = count_in(report.diagnostics, &summary.families);
    html! {
        h2 { (Html(title)) }
        table class="facts-table" aria-label=(Html(title)) {
            tbody {
                @for (fact, value) in &summary.facts {
                    tr { th scope="row" { (Html(fact)) } td { (Message(value)) } }
                }
                tr { th scope="row" { "Findings (" (Html(&summary.families.join(", "))) ")" } td { (count(findings)) } }
            }
        }
        "\n"
    }
}

fn findings(report: &Report<'_>, paths: &Paths<'_>, groups: &[Group], families: &[FamilyGroups]) -> Markup {
    let diagnostics = report.diagnostics;
    let [info, warning, error] = crate::summary::counts(diagnostics);
    let severity_bars = [
        Bar { label: "error", value: error, color: "#a32121" },
        Bar { label: "warning", value: warning, color: "#dba617" },
        Bar { label: "info", value: info, color: "#2271b1" },
    ];
    let family_bars: Vec<Bar<'_>> =
        families.iter().map(|f| Bar { label: f.name(), value: f.total(), color: "#50575e" }).collect();
    html! {
        h2 id="findings" { "Findings" }
        p {
            (plural(diagnostics.len(), "finding", "findings")) " in " (plural(groups.len(), "group", "groups"))
            ", one row per rule and fix with the objects it names; the download has every finding."
        }
        "\n"
        p class="print-only muted" {
            "Printed lists name at most " (OBJECTS_IN_LIST) " objects per row and " (GROUPS_PER_FAMILY)
            " rows per family; the page's CSV download has every finding."
        }
        "\n"
        @if !diagnostics.is_empty() {
            div.charts {
                figure { (bar_chart("Findings by severity", &severity_bars)) figcaption { "Findings by severity" } }
                figure { (bar_chart("Findings by family", &family_bars)) figcaption { "Findings by family" } }
            }
            "\n"
            @for family in families {
                (family_table(report, paths, groups, family))
            }
        }
    }
}

/// One family's heading and table of groups: at most [`GROUPS_PER_FAMILY`] rows, then how many
/// more there are.
fn family_table(report: &Report<'_>, paths: &Paths<'_>, groups: &[Group], family: &FamilyGroups) -> Markup {
    let name = family.name();
    html! {
        h3 id={ "family-" (Html(name)) } {
            (Html(name)) ": " (Html(family_title(family.family))) " " (MIDDOT) " "
            (plural(family.total(), "finding", "findings")) ": " (severity_counts(family.counts))
        }
        "\n"
        table.findings data-filterable aria-label={ (Html(name)) " findings" } {
            (head(&[
                ("11%", "Severity"),
                ("14%", "Rule"),
                ("22%", "Objects"),
                ("28%", "Finding"),
                ("25%", "How to fix"),
            ]))
            tbody {
                @for &rank in family.groups.iter().take(GROUPS_PER_FAMILY) {
                    (group_row(report, paths, &groups[rank], rank))
                }
            }
        }
        "\n"
        @if family.groups.len() > GROUPS_PER_FAMILY {
            @let rest = &family.groups[GROUPS_PER_FAMILY..];
            @let n: usize = rest.iter().map(|&rank| groups[rank].len()).sum();
            p.muted {
                "… and " (count(rest.len())) " more " (if rest.len() == 1 { "row" } else { "rows" })
                " (" (plural(n, "finding", "findings")) ") of " (Html(name)) ": in the CSV download."
            }
            "\n"
        }
    }
}

/// One group: its first finding's message, location and fix, the count, the first objects, and
/// the first [`OBJECTS_IN_LIST`] behind a disclosure; past those, a "Show all" button that lists
/// every object from the embedded data (its rows carry `rank` as their group).
fn group_row(report: &Report<'_>, paths: &Paths<'_>, g: &Group, rank: usize) -> Markup {
    let diagnostics = report.diagnostics;
    let d = &diagnostics[g.first()];
    html! {
        tr id={ "g" (rank) } data-group=(rank) {
            td { (severity(d.severity)) }
            td { code { (Html(d.code.id)) } br; span.muted { (Html(d.code.name)) } }
            td {
                b { (plural(g.len(), "finding", "findings")) } br;
                @for (i, &member) in g.members.iter().take(OBJECTS_NAMED).enumerate() {
                    @if i > 0 { ", " }
                    code { (Key(&diagnostics[member].object.to_string())) }
                }
                @if g.len() > OBJECTS_NAMED {
                    details data-group=(rank) {
                        summary {
                            @if g.len() > OBJECTS_IN_LIST {
                                "list the first " (OBJECTS_IN_LIST)
                            } @else {
                                "list all " (g.len())
                            }
                        }
                        ol.objects {
                            @for &i in g.members.iter().take(OBJECTS_IN_LIST) {
                                @let member = &diagnostics[i];
                                li { code { (Key(&member.object.to_string())) } " " (location(report, paths, member)) }
                            }
                        }
                        @if g.len() > OBJECTS_IN_LIST {
                            p class="muted more" {
                                "… and " (count(g.len() - OBJECTS_IN_LIST)) " more in the CSV download"
                            }
                            button type="button" class="show-all" data-group=(rank) data-total=(g.len()) {
                                "Show all " (count(g.len())) " objects"
                            }
                        }
                    }
                }
            }
            td { (Message(&d.message)) " " span.muted { "(at " (location(report, paths, d)) ")" } }
            td { (Message(d.help.as_deref().unwrap_or(""))) }
        }
    }
}

fn appendix(report: &Report<'_>, health: &Health) -> Markup {
    let summary = report.summary;
    let shown: usize = health.objects.iter().map(|(_, n)| n).sum();
    html! {
        h2 id="appendix" { "Appendix" } "\n"
        h3 { "Rules skipped" } "\n"
        @if summary.skipped.is_empty() {
            p { "No rule was skipped." } "\n"
        } @else {
            p {
                (plural(summary.skipped.len(), "rule", "rules"))
                " could not run for want of data or of a fact about the deployment (uclint.toml)."
            }
            table.skipped aria-label="Rules skipped" {
                (head(&[("15%", "Rule"), ("85%", "Why")]))
                tbody {
                    @for (code, reason) in &summary.skipped {
                        tr { td { code { (Html(code)) } } td { (Message(reason)) } }
                    }
                }
            }
            "\n"
        }
        @if !summary.notes.is_empty() {
            h3 { "Notes" }
            ul { @for note in &summary.notes { li { (Message(note)) } } }
            "\n"
        }
        @if summary.suppressed > 0 || summary.baselined > 0 {
            p {
                "Not shown: " (plural(summary.suppressed, "finding", "findings")) " removed by "
                code { "[[suppress]]" } " entries, " (plural(summary.baselined, "finding", "findings"))
                " accepted by the baseline."
            }
            "\n"
        }
        h3 { "Inputs" } p { (Html(&inputs_line(report))) "." } "\n"
        @if !summary.files_read.is_empty() {
            (files_table(
                ("read", "Files read", "File read", "Read as"),
                summary.files_read.iter().map(|(path, format)| (path.as_str(), format.as_str())),
                summary.files_read.len(),
                html! {},
            ))
        }
        @if !summary.files_not_read.is_empty() {
            (files_not_read(report))
        }
        h3 { "Objects read" }
        table.objects-read aria-label="Objects read by kind" {
            thead { tr { th scope="col" { "Objects" } th scope="col" { "Count" } } }
            tbody {
                @for (kind, n) in health.objects.iter().filter(|(_, n)| *n > 0) {
                    tr { th scope="row" { (Html(kind)) } td { (count(*n)) } }
                }
                @if summary.objects > shown {
                    tr { th scope="row" { "Other objects" } td { (count(summary.objects - shown)) } }
                }
                tr { th scope="row" { "All objects" } td { (count(summary.objects)) } }
            }
        }
        "\n"
    }
}

/// The files not read, those that may be a fault (not recognised) first.
fn files_not_read(report: &Report<'_>) -> Markup {
    let mut listed: Vec<&(String, String, NotReadClass)> = report.summary.files_not_read.iter().collect();
    listed.sort_by_key(|(_, _, class)| *class != NotReadClass::Other);
    let rows = listed.iter().map(|(path, reason, _)| (path.as_str(), reason.as_str()));
    let more = html! { " (" code { "uclint check -v" } " lists them all)" };
    files_table(("not-read", "Files not read", "File not read", "Why"), rows, listed.len(), more)
}
