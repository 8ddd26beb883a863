//! The health report as one self-contained HTML file: inline CSS, a few lines of inline script
//! (the filter box, the CSV download, a group's full object list page by page, opening the
//! object lists for print), inline SVG charts, no network access and no font, so it still works
//! when mailed.
//!
//! Every value from the input goes through [`escape`] (text and attributes, SVG, the script
//! data); nothing else is inserted but the page's own constants and numbers, and the script
//! puts values in with `textContent` only. The DOM holds one row per group of findings, a
//! bounded number per family, and a bounded list of objects per group; every finding is in the
//! embedded CSV ([`super::csv`]), whose `group` column lets a group's "Show all" button list
//! all its objects, 100 per page, so that the DOM stays bounded however big a group is.

use std::fmt::Write;

use uclint_model::{Diagnostic, NotReadClass, Severity};

use super::escape::{self, html};
use super::svg::{bar_chart, Bar};
use super::{
    blocked_areas, by_family, compact_path, count_in, csv, family_title, plural, ranked_groups, severity_counts,
    verdict, FamilyGroups, Health, ReadinessSummary, AGENTS_LISTED, BLOCKING_PER_AGENT, FILES_LISTED,
    GROUPS_PER_FAMILY, OBJECTS_IN_LIST, OBJECTS_NAMED, TOP_ISSUES,
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
/// (no fetch, image, font or form), even if some value were ever to get past [`escape`].
const CSP: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
                   style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; \
                   base-uri 'none'; form-action 'none'\">";

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

/// A table of files and what became of them, in the appendix: the first [`FILES_LISTED`] rows
/// (`(path, what)`, the path compact with the full one on hover), then how many more there are
/// (of `total`) and `more_note`. The first tuple is the table's class, label and column headers.
fn files_table<'a>(
    page: &mut String,
    (class, label, file_header, what_header): (&str, &str, &str, &str),
    rows: impl Iterator<Item = (&'a str, &'a str)>,
    total: usize,
    more_note: &str,
) {
    let _ = write!(
        page,
        "<table class=\"{class}\" aria-label=\"{label}\"><colgroup><col style=\"width:45%\">\
         <col style=\"width:55%\"></colgroup><thead><tr><th scope=\"col\">{file_header}</th>\
         <th scope=\"col\">{what_header}</th></tr></thead><tbody>",
    );
    for (path, what) in rows.take(FILES_LISTED) {
        let shown = text::path(path);
        let _ = write!(
            page,
            "<tr><td><span title=\"{}\">{}</span></td><td>{}</td></tr>",
            html(&shown),
            html(compact_path(&shown)),
            escape::message(what)
        );
    }
    page.push_str("</tbody></table>\n");
    if total > FILES_LISTED {
        let _ = writeln!(
            page,
            "<p class=\"muted\">… and {} more{more_note}.</p>",
            plural(total - FILES_LISTED, "file", "files")
        );
    }
}

/// Renders the health report.
pub fn render_health_html(report: &Report<'_>, health: &Health) -> String {
    let paths = Paths::new(report.sources);
    let groups = ranked_groups(report.diagnostics);
    let families = by_family(report.diagnostics, &groups);
    let mut page = String::with_capacity(64 * 1024);
    let inputs: Vec<String> = health.inputs.iter().map(|p| text::path(p).into_owned()).collect();
    let _ = writeln!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">{CSP}\
         <title>uclint cluster health report</title><style>{STYLE}</style></head><body><main>\n\
         <h1>Cluster health report</h1><p class=\"muted\">uclint {} &middot; from {}</p>",
        env!("CARGO_PKG_VERSION"),
        html(&inputs.join(", ")),
    );
    first_screen(&mut page, report, health, &groups);
    let _ = writeln!(
        page,
        "<div class=\"tools\" role=\"search\"><label for=\"filter\">Filter agents and findings</label>\
         <input id=\"filter\" type=\"search\" placeholder=\"user, device, code, text\">\
         <span id=\"filter-status\" role=\"status\" aria-live=\"polite\"></span>\
         <button type=\"button\" id=\"download\">Download all {} as CSV</button>\
         <span id=\"download-status\" role=\"status\" aria-live=\"polite\"></span></div>",
        plural(report.diagnostics.len(), "finding", "findings"),
    );
    agents(&mut page, health);
    readiness(&mut page, report, "Extension Mobility readiness", &health.extension_mobility);
    readiness(&mut page, report, "Presence readiness", &health.presence);
    findings(&mut page, report, &paths, &groups, &families);
    appendix(&mut page, report, health);
    let rows = csv::rows(report, &paths, &groups);
    let _ = writeln!(
        page,
        "</main><script type=\"application/json\" id=\"findings-data\">{}</script><script>{SCRIPT}</script></body></html>",
        csv::blob(&rows),
    );
    page
}

/// Severity as an icon and a word, coloured: never colour alone.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "<span class=\"sev sev-error\"><span aria-hidden=\"true\">&#x2716; </span>error</span>",
        Severity::Warning => {
            "<span class=\"sev sev-warning\"><span aria-hidden=\"true\">&#x25B2; </span>warning</span>"
        }
        Severity::Info => "<span class=\"sev sev-info\"><span aria-hidden=\"true\">&#x2139; </span>info</span>",
    }
}

/// Where a finding is: `phone.csv:12`, the whole path and column on hover.
fn location(report: &Report<'_>, paths: &Paths<'_>, d: &Diagnostic) -> String {
    let (line, column) = report.sources.get(d.primary.span.source).line_col(d.primary.span.start);
    let full = paths.get(d.primary.span.source);
    format!("<span class=\"where\" title=\"{}:{line}:{column}\">{}:{line}</span>", html(full), html(compact_path(full)))
}

/// A value from the export, or what to say when it says nothing.
fn stated(value: Option<&String>, missing: &str) -> String {
    match value {
        Some(value) if !value.trim().is_empty() => escape::message(value),
        _ => format!("<span class=\"muted\">{missing}</span>"),
    }
}

/// Files not read, by class: `[no rule reads, look-alikes, empty, other]`.
pub(crate) fn not_read_counts(report: &Report<'_>) -> [usize; 4] {
    let mut counts = [0; 4];
    for (_, _, class) in &report.summary.files_not_read {
        counts[match class {
            NotReadClass::NoRuleReads => 0,
            NotReadClass::LookAlike => 1,
            NotReadClass::Empty => 2,
            NotReadClass::Other => 3,
        }] += 1;
    }
    counts
}

/// What the classes of files not read are called, in the order of [`not_read_counts`].
pub(crate) const NOT_READ_WORDS: [&str; 4] =
    ["of kinds no rule reads", "templates and look-alikes", "empty", "not recognised"];

/// `17 files read; 120 not read (98 of kinds no rule reads, …)`.
pub(crate) fn inputs_line(report: &Report<'_>) -> String {
    let summary = report.summary;
    let mut line = format!("{} read", plural(summary.files_read.len(), "file", "files"));
    if !summary.files_not_read.is_empty() {
        let parts: Vec<String> = not_read_counts(report)
            .iter()
            .zip(NOT_READ_WORDS)
            .filter(|(n, _)| **n > 0)
            .map(|(n, words)| format!("{} {words}", count(*n)))
            .collect();
        let _ = write!(line, "; {} not read ({})", count(summary.files_not_read.len()), parts.join(", "));
    }
    line
}

fn first_screen(page: &mut String, report: &Report<'_>, health: &Health, groups: &[Group]) {
    let diagnostics = report.diagnostics;
    let areas = verdict(diagnostics);
    let errors: usize = areas.iter().map(|a| a.errors()).sum();
    page.push_str("<h2 id=\"go-live\">Can we go live?</h2>\n");
    if errors == 0 {
        let _ = writeln!(
            page,
            "<p class=\"verdict ok\"><span aria-hidden=\"true\">&#x2714; </span><strong>No blocking error</strong> \
             found by the {} that ran{}.</p>",
            plural(report.summary.rules_run, "rule", "rules"),
            if report.summary.skipped.is_empty() {
                String::new()
            } else {
                format!("; {} could not run (appendix)", plural(report.summary.skipped.len(), "rule", "rules"))
            },
        );
    } else {
        let _ = writeln!(
            page,
            "<p class=\"verdict blocked\"><span aria-hidden=\"true\">&#x2716; </span><strong>Not ready: {}</strong> \
             ({}).</p>",
            plural(errors, "blocking error", "blocking errors"),
            html(&blocked_areas(&areas)),
        );
    }
    let [info, warning, error] = crate::summary::counts(diagnostics);
    let ready = health.agents.iter().filter(|a| a.is_ready()).count();
    let export = &health.export;
    let not_read = not_read_counts(report)[3];
    let _ = writeln!(
        page,
        "<dl class=\"facts\"><dt>Publisher</dt><dd>{}</dd><dt>Unified CM version</dt><dd>{}</dd>\
         <dt>Exported</dt><dd>{}</dd><dt>Report made</dt><dd>{}</dd><dt>Inputs</dt><dd>{}{}</dd>\
         <dt>Objects read</dt><dd>{}</dd><dt>Findings</dt><dd>{}: {}</dd>\
         <dt>Agents ready</dt><dd><b id=\"agents-ready\">{} / {}</b></dd>\
         <dt>Rules</dt><dd>{} run, {} skipped (appendix)</dd></dl>",
        stated(export.publisher.as_ref(), "not stated in the input"),
        stated(export.version.as_ref(), "not stated in the input"),
        stated(export.exported_at.as_ref(), "not stated in the input"),
        stated(health.generated_at.as_ref(), "not recorded"),
        html(&inputs_line(report)),
        if not_read > 0 {
            format!(
                " <strong>&#x26A0; {} not recognised: check that the export is complete (appendix)</strong>",
                plural(not_read, "file", "files")
            )
        } else {
            String::new()
        },
        count(report.summary.objects),
        plural(diagnostics.len(), "finding", "findings"),
        severity_counts([info, warning, error]),
        count(ready),
        count(health.agents.len()),
        count(report.summary.rules_run),
        count(report.summary.skipped.len()),
    );
    page.push_str(
        "<table class=\"areas\"><caption>Findings by area</caption><colgroup><col style=\"width:22%\">\
         <col style=\"width:18%\"><col style=\"width:12%\"><col style=\"width:12%\"><col style=\"width:36%\"></colgroup>\
         <thead><tr><th scope=\"col\">Area</th><th scope=\"col\">Rule families</th><th scope=\"col\">Errors</th>\
         <th scope=\"col\">Warnings</th><th scope=\"col\">Verdict</th></tr></thead><tbody>",
    );
    for (i, area) in areas.iter().enumerate() {
        let mut verdict = if area.errors() > 0 {
            "<span class=\"blocked\"><span aria-hidden=\"true\">&#x2716; </span>Blocked</span>".to_owned()
        } else {
            "<span class=\"ready\"><span aria-hidden=\"true\">&#x2714; </span>Nothing blocking</span>".to_owned()
        };
        if i == 0 && !health.agents.is_empty() {
            verdict.push_str(&agents_verdict(health.agents.len(), ready));
        }
        let _ = write!(
            page,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{verdict}</td></tr>",
            html(area.name),
            html(&area.families),
            count(area.errors()),
            count(area.counts[1]),
        );
    }
    page.push_str("</tbody></table>\n");
    if groups.is_empty() {
        page.push_str("<p>No findings.</p>\n");
        return;
    }
    page.push_str(
        "<h3 id=\"top-issues\">Top issues</h3><table class=\"top\"><caption>The most severe issues, then those \
         with the most findings</caption><colgroup><col style=\"width:12%\"><col style=\"width:14%\">\
         <col style=\"width:60%\"><col style=\"width:14%\"></colgroup><thead><tr><th scope=\"col\">Severity</th>\
         <th scope=\"col\">Rule</th><th scope=\"col\">Issue</th><th scope=\"col\">Findings</th></tr></thead><tbody>",
    );
    for (rank, g) in groups.iter().enumerate().take(TOP_ISSUES) {
        let d = &diagnostics[g.first()];
        let _ = write!(
            page,
            "<tr><td>{}</td><td><a href=\"#g{rank}\"><code>{}</code></a></td><td>{}</td><td>{}</td></tr>",
            severity(d.severity),
            html(d.code),
            escape::message(&d.message),
            count(g.len()),
        );
    }
    page.push_str("</tbody></table>\n");
    if groups.len() > TOP_ISSUES {
        let _ = writeln!(
            page,
            "<p class=\"muted\">{} more; all are under <a href=\"#findings\">Findings</a>.</p>",
            plural(groups.len() - TOP_ISSUES, "issue", "issues")
        );
    }
}

/// What the agent sign-in area says of the agents: `4 of 7 agents not ready`, `all 4 agents ready`.
pub(crate) fn agents_verdict(total: usize, ready: usize) -> String {
    match (total.saturating_sub(ready), total) {
        (0, 1) => ": the agent is ready".to_owned(),
        (0, _) => format!(": all {} ready", plural(total, "agent", "agents")),
        (not_ready, _) => format!(": {} of {} not ready", count(not_ready), plural(total, "agent", "agents")),
    }
}

fn agents(page: &mut String, health: &Health) {
    let total = health.agents.len();
    let ready = health.agents.iter().filter(|a| a.is_ready()).count();
    let _ = writeln!(
        page,
        "<h2 id=\"agents-heading\">UCCX agent readiness</h2><p>{} of {} {} nothing blocking their sign-in.</p>",
        count(ready),
        plural(total, "agent", "agents"),
        if ready == 1 { "has" } else { "have" },
    );
    let _ = write!(
        page,
        "<table id=\"agents\" data-filterable data-agents-total=\"{total}\" data-agents-ready=\"{ready}\" \
         aria-labelledby=\"agents-heading\"><colgroup><col style=\"width:15%\"><col style=\"width:17%\">\
         <col style=\"width:20%\"><col style=\"width:12%\"><col style=\"width:36%\"></colgroup>\
         <thead><tr><th scope=\"col\">Agent</th><th scope=\"col\">IPCC extension</th><th scope=\"col\">Devices</th>\
         <th scope=\"col\">Status</th><th scope=\"col\">Blocking findings</th></tr></thead><tbody>",
    );
    // Those not ready first, each kind in the order given.
    let listed = health.agents.iter().filter(|a| !a.is_ready()).chain(health.agents.iter().filter(|a| a.is_ready()));
    for agent in listed.take(AGENTS_LISTED) {
        let status = if agent.is_ready() {
            "<span class=\"ready\"><span aria-hidden=\"true\">&#x2714; </span>Ready</span>"
        } else {
            "<span class=\"blocked\"><span aria-hidden=\"true\">&#x2716; </span>Not ready</span>"
        };
        let devices = if agent.devices.is_empty() {
            "<i>none</i>".to_owned()
        } else {
            agent.devices.iter().map(|d| escape::key(d)).collect::<Vec<_>>().join(", ")
        };
        let _ = write!(
            page,
            "<tr><td>{}</td><td><code>{}</code></td><td>{devices}</td><td>{status}</td><td>",
            escape::key(&agent.user),
            escape::key(&agent.extension),
        );
        if !agent.blocking.is_empty() {
            page.push_str("<ul class=\"plain\">");
            for finding in agent.blocking.iter().take(BLOCKING_PER_AGENT) {
                let _ =
                    write!(page, "<li><code>{}</code> {}</li>", html(&finding.code), escape::message(&finding.message));
            }
            if agent.blocking.len() > BLOCKING_PER_AGENT {
                let more = agent.blocking.len() - BLOCKING_PER_AGENT;
                let _ = write!(page, "<li>… and {} more</li>", count(more));
            }
            page.push_str("</ul>");
        }
        page.push_str("</td></tr>");
    }
    page.push_str("</tbody></table>\n");
    if total > AGENTS_LISTED {
        let _ = writeln!(
            page,
            "<p class=\"muted\">… and {} more not listed (those not ready are listed first); every blocking \
             finding is in the CSV download.</p>",
            plural(total - AGENTS_LISTED, "agent", "agents"),
        );
    }
}

fn readiness(page: &mut String, report: &Report<'_>, title: &str, summary: &ReadinessSummary) {
    let findings = count_in(report.diagnostics, &summary.families);
    let _ = write!(page, "<h2>{}</h2><table class=\"facts-table\" aria-label=\"{}\"><tbody>", html(title), html(title));
    for (fact, value) in &summary.facts {
        let _ = write!(page, "<tr><th scope=\"row\">{}</th><td>{}</td></tr>", html(fact), escape::message(value));
    }
    let _ = writeln!(
        page,
        "<tr><th scope=\"row\">Findings ({})</th><td>{}</td></tr></tbody></table>",
        html(&summary.families.join(", ")),
        count(findings),
    );
}

fn findings(page: &mut String, report: &Report<'_>, paths: &Paths<'_>, groups: &[Group], families: &[FamilyGroups]) {
    let diagnostics = report.diagnostics;
    let _ = writeln!(
        page,
        "<h2 id=\"findings\">Findings</h2><p>{} in {}, one row per rule and fix with the objects it names; \
         the download has every finding.</p>\n\
         <p class=\"print-only muted\">Printed lists name at most {OBJECTS_IN_LIST} objects per row and \
         {GROUPS_PER_FAMILY} rows per family; the page's CSV download has every finding.</p>",
        plural(diagnostics.len(), "finding", "findings"),
        plural(groups.len(), "group", "groups"),
    );
    if diagnostics.is_empty() {
        return;
    }
    let [info, warning, error] = crate::summary::counts(diagnostics);
    let severity_bars = [
        Bar { label: "error", value: error, color: "#a32121" },
        Bar { label: "warning", value: warning, color: "#dba617" },
        Bar { label: "info", value: info, color: "#2271b1" },
    ];
    let family_bars: Vec<Bar<'_>> =
        families.iter().map(|f| Bar { label: f.name, value: f.total(), color: "#50575e" }).collect();
    let _ = writeln!(
        page,
        "<div class=\"charts\"><figure>{}<figcaption>Findings by severity</figcaption></figure>\
         <figure>{}<figcaption>Findings by family</figcaption></figure></div>",
        bar_chart("Findings by severity", &severity_bars),
        bar_chart("Findings by family", &family_bars),
    );
    for family in families {
        let title = family_title(family.name);
        let _ = writeln!(
            page,
            "<h3 id=\"family-{}\">{}{}{} &middot; {}: {}</h3>",
            html(family.name),
            html(family.name),
            if title.is_empty() { "" } else { ": " },
            html(title),
            plural(family.total(), "finding", "findings"),
            severity_counts(family.counts),
        );
        let _ = write!(
            page,
            "<table class=\"findings\" data-filterable aria-label=\"{} findings\"><colgroup><col style=\"width:11%\">\
             <col style=\"width:14%\"><col style=\"width:22%\"><col style=\"width:28%\"><col style=\"width:25%\">\
             </colgroup><thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Rule</th><th scope=\"col\">Objects</th>\
             <th scope=\"col\">Finding</th><th scope=\"col\">How to fix</th></tr></thead><tbody>",
            html(family.name),
        );
        for &rank in family.groups.iter().take(GROUPS_PER_FAMILY) {
            group_row(page, report, paths, &groups[rank], rank);
        }
        page.push_str("</tbody></table>\n");
        if family.groups.len() > GROUPS_PER_FAMILY {
            let rest = &family.groups[GROUPS_PER_FAMILY..];
            let n: usize = rest.iter().map(|&rank| groups[rank].len()).sum();
            let _ = writeln!(
                page,
                "<p class=\"muted\">… and {} more {} ({}) of {}: in the CSV download.</p>",
                count(rest.len()),
                if rest.len() == 1 { "row" } else { "rows" },
                plural(n, "finding", "findings"),
                html(family.name),
            );
        }
    }
}

/// One group: its first finding's message, location and fix, the count, the first objects, and
/// the first [`OBJECTS_IN_LIST`] behind a disclosure; past those, a "Show all" button that lists
/// every object from the embedded data (its rows carry `rank` as their group).
fn group_row(page: &mut String, report: &Report<'_>, paths: &Paths<'_>, g: &Group, rank: usize) {
    let diagnostics = report.diagnostics;
    let d = &diagnostics[g.first()];
    let named: Vec<String> = g
        .members
        .iter()
        .take(OBJECTS_NAMED)
        .map(|&i| format!("<code>{}</code>", escape::key(&diagnostics[i].object.to_string())))
        .collect();
    let _ = write!(
        page,
        "<tr id=\"g{rank}\" data-group=\"{rank}\"><td>{}</td><td><code>{}</code><br><span class=\"muted\">{}</span></td><td><b>{}</b><br>{}",
        severity(d.severity),
        html(d.code),
        html(d.name),
        plural(g.len(), "finding", "findings"),
        named.join(", "),
    );
    if g.len() > OBJECTS_NAMED {
        let _ = write!(
            page,
            "<details data-group=\"{rank}\"><summary>{}</summary><ol class=\"objects\">",
            if g.len() > OBJECTS_IN_LIST {
                format!("list the first {OBJECTS_IN_LIST}")
            } else {
                format!("list all {}", g.len())
            }
        );
        for &i in g.members.iter().take(OBJECTS_IN_LIST) {
            let member = &diagnostics[i];
            let _ = write!(
                page,
                "<li><code>{}</code> {}</li>",
                escape::key(&member.object.to_string()),
                location(report, paths, member)
            );
        }
        page.push_str("</ol>");
        if g.len() > OBJECTS_IN_LIST {
            let _ = write!(
                page,
                "<p class=\"muted more\">… and {} more in the CSV download</p><button type=\"button\" \
                 class=\"show-all\" data-group=\"{rank}\" data-total=\"{}\">Show all {} objects</button>",
                count(g.len() - OBJECTS_IN_LIST),
                g.len(),
                count(g.len()),
            );
        }
        page.push_str("</details>");
    }
    let _ = write!(
        page,
        "</td><td>{} <span class=\"muted\">(at {})</span></td><td>{}</td></tr>",
        escape::message(&d.message),
        location(report, paths, d),
        escape::message(d.help.as_deref().unwrap_or("")),
    );
}

fn appendix(page: &mut String, report: &Report<'_>, health: &Health) {
    let summary = report.summary;
    page.push_str("<h2 id=\"appendix\">Appendix</h2>\n<h3>Rules skipped</h3>\n");
    if summary.skipped.is_empty() {
        page.push_str("<p>No rule was skipped.</p>\n");
    } else {
        let _ = write!(
            page,
            "<p>{} could not run for want of data or of a fact about the deployment (uclint.toml).</p>\
             <table class=\"skipped\" aria-label=\"Rules skipped\"><colgroup><col style=\"width:15%\"><col style=\"width:85%\">\
             </colgroup><thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Why</th></tr></thead><tbody>",
            plural(summary.skipped.len(), "rule", "rules"),
        );
        for (code, reason) in &summary.skipped {
            let _ = write!(page, "<tr><td><code>{}</code></td><td>{}</td></tr>", html(code), escape::message(reason));
        }
        page.push_str("</tbody></table>\n");
    }
    if !summary.notes.is_empty() {
        page.push_str("<h3>Notes</h3><ul>");
        for note in &summary.notes {
            let _ = write!(page, "<li>{}</li>", escape::message(note));
        }
        page.push_str("</ul>\n");
    }
    if summary.suppressed > 0 || summary.baselined > 0 {
        let _ = writeln!(
            page,
            "<p>Not shown: {} removed by <code>[[suppress]]</code> entries, {} accepted by the baseline.</p>",
            plural(summary.suppressed, "finding", "findings"),
            plural(summary.baselined, "finding", "findings"),
        );
    }
    let _ = writeln!(page, "<h3>Inputs</h3><p>{}.</p>", html(&inputs_line(report)));
    if !summary.files_read.is_empty() {
        let rows = summary.files_read.iter().map(|(path, format)| (path.as_str(), format.as_str()));
        files_table(page, ("read", "Files read", "File read", "Read as"), rows, summary.files_read.len(), "");
    }
    if !summary.files_not_read.is_empty() {
        // Those that may be a fault first.
        let mut listed: Vec<&(String, String, NotReadClass)> = summary.files_not_read.iter().collect();
        listed.sort_by_key(|(_, _, class)| *class != NotReadClass::Other);
        let rows = listed.iter().map(|(path, reason, _)| (path.as_str(), reason.as_str()));
        let more = " (<code>uclint check -v</code> lists them all)";
        files_table(page, ("not-read", "Files not read", "File not read", "Why"), rows, listed.len(), more);
    }
    let _ = write!(
        page,
        "<h3>Objects read</h3><table class=\"objects-read\" aria-label=\"Objects read by kind\"><thead><tr>\
         <th scope=\"col\">Objects</th><th scope=\"col\">Count</th></tr></thead><tbody>",
    );
    let shown: usize = health.objects.iter().map(|(_, n)| n).sum();
    for (kind, n) in health.objects.iter().filter(|(_, n)| *n > 0) {
        let _ = write!(page, "<tr><th scope=\"row\">{}</th><td>{}</td></tr>", html(kind), count(*n));
    }
    if summary.objects > shown {
        let other = summary.objects - shown;
        let _ = write!(page, "<tr><th scope=\"row\">Other objects</th><td>{}</td></tr>", count(other));
    }
    let _ = writeln!(
        page,
        "<tr><th scope=\"row\">All objects</th><td>{}</td></tr></tbody></table>",
        count(summary.objects)
    );
}
