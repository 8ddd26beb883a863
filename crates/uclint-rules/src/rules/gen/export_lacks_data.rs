//! GEN010: the input lacks data that selected rules need (linter meta-rule).

use uclint_model::{DataGap, ObjectKey};

use crate::context::RuleNeeds;
use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// Whether the input, taken as a whole, lacks data that the other selected rules read (when
    /// GEN010 is selected alone: the rules that run by default), and which rules that silences.
    /// One finding per export:
    /// - a BAT Import/Export tar whose `header.txt` does not list files that uclint reads (for
    ///   example `linegroup.csv` or `appuser.csv` beside `phone.csv`), when no other input
    ///   supplies that data either;
    /// - the AXL `list*` responses of one operation (`listPhone`, `listUser`, …), which omit the
    ///   lines, associated devices, groups or members that the `get*` calls return.
    ///
    /// It names the missing data and the rules it affects, and points at the tar's `File :`
    /// list or at the first `list*` response. The per-file detail stays where it is:
    /// INPUT007 on each `list*` response says which call or query supplies the data, and the
    /// summary lists each skipped rule with its reason. A `list*` operation is reported even
    /// when `get*` responses for the same objects are in the input too.
    ///
    /// ## What it leaves alone
    /// - Files a tar lacks whose data another input supplies, and data no selected rule reads.
    /// - Tar members no rule reads, and those uclint sets aside on purpose (Universal Device
    ///   and Line Templates, default device profiles, CAPF profiles, SIP realms): their absence
    ///   silences nothing.
    ///
    /// ## Why it breaks
    /// A rule without its data is skipped, and a rule that runs on summary records finds
    /// nothing where the missing fields would have shown a fault: a clean result from a partial
    /// export is not evidence that the cluster is clean.
    ///
    /// ## Example
    /// ```text
    /// Time : Fri Nov 20 10:12:44 UTC 2026
    /// CCM : master-14.0.1.10000-20.i386
    /// File : phone.csv
    /// File : enduser.csv
    /// ```
    /// (no `appuser.csv`, `linegroup.csv`, …), or a `listPhoneResponse` instead of one
    /// `getPhoneResponse` per device.
    ///
    /// ## How to fix
    /// Bulk Administration > Import/Export > Export: select the missing tables as well, and
    /// export again; for AXL, save `get*` responses (or the `executeSQLQuery` joins INPUT007
    /// names) instead of `list*`.
    ///
    /// ## Sources
    /// - formats.md §2 (the tar's `header.txt` lists its files) and §3 (`list*` responses omit
    ///   child collections, checked in the 11.0 to 15.0 schemas).
    code: "GEN010",
    name: "export-lacks-data",
    family: Gen,
    severity: Warning,
    status: Stable,
    requires: [],
    summary: "The input lacks data that selected rules need; those rules were skipped or may give false negatives.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    // The other rules of this run; when GEN010 runs alone, the rules that run by default. In code
    // order, once each, as the message lists them.
    let others =
        |rules: &[RuleNeeds]| -> Vec<RuleNeeds> { rules.iter().copied().filter(|r| r.code != RULE.code.id).collect() };
    let mut rules = others(&ctx.selected);
    if rules.is_empty() {
        rules = others(&ctx.default_rules);
    }
    rules.sort_by_key(|r| r.code);
    rules.dedup_by_key(|r| r.code);
    // One finding per export, in input order.
    let mut exports: Vec<(&str, Vec<&DataGap>)> = Vec::new();
    for gap in &ctx.cluster.data_gaps {
        match exports.iter_mut().find(|(export, _)| *export == gap.export) {
            Some((_, gaps)) => gaps.push(gap),
            None => exports.push((&gap.export, vec![gap])),
        }
    }
    for (export, gaps) in exports {
        // Data that another input supplies is not missing; list* data is there but incomplete.
        let gaps: Vec<&DataGap> = gaps.into_iter().filter(|g| g.incomplete || !ctx.cluster.has(g.data)).collect();
        let mut used = vec![false; gaps.len()];
        let mut codes = Vec::new();
        for rule in &rules {
            let mut affected = false;
            for entry in rule.requires {
                let unmet = !entry.iter().any(|d| ctx.cluster.has(*d));
                for (i, gap) in gaps.iter().enumerate() {
                    if entry.contains(&gap.data) && (gap.incomplete || unmet) {
                        used[i] = true;
                        affected = true;
                    }
                }
            }
            if affected {
                codes.push(rule.code);
            }
        }
        let gaps: Vec<&DataGap> = gaps.iter().zip(&used).filter(|(_, u)| **u).map(|(g, _)| *g).collect();
        let Some(first) = gaps.first() else { continue };
        let (data, label, help) = if first.incomplete {
            let data =
                format!("{} for its {} records ({export} responses omit them)", first.missing, first.data.describe());
            let help = format!(
                "Export with get calls or executeSQLQuery instead of {export}; INPUT007 on each response names the \
                 call or query that supplies the data"
            );
            (data, format!("{export} response"), help)
        } else {
            let mut files: Vec<String> = Vec::new();
            for gap in &gaps {
                let file = format!("{} ({} data)", gap.missing, gap.data.describe());
                if !files.contains(&file) {
                    files.push(file);
                }
            }
            let names: Vec<&str> = gaps.iter().map(|g| g.missing.as_str()).collect();
            let help = format!(
                "Bulk Administration > Import/Export > Export: select {} as well, and export again",
                names.join(", ")
            );
            (files.join(", "), "the export's file list".to_owned(), help)
        };
        let message =
            format!("Input has no {data}; rules {} were skipped or may give false negatives", codes.join(", "));
        let mut finding = sink.report(ObjectKey::Export(export.into()), first.span, &label, message);
        for gap in gaps.iter().skip(1).filter(|g| g.span != first.span) {
            finding = finding.label(gap.span, format!("another {export} response"));
        }
        finding.help(help);
    }
    Ok(())
}
