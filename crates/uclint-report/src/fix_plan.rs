//! The plan of `uclint fix`: per object, the findings fixed, each field before -> after and the
//! files written; the findings not fixed and why; and the re-check of the fixed export, which
//! is always the last line.
//!
//! Three renderings of one [`FixPlan`]: `plan.md` (Markdown, every value from the export in an
//! escaped table cell), `plan.json` (complete; [`FIX_PLAN_SCHEMA_VERSION`]) and the terminal
//! text `uclint fix` prints (escaped as the terminal formats are).

use serde::Serialize;

use crate::markdown::cell;
use crate::text;

/// The version of `plan.json`'s shape; raised on any change that is not an addition.
pub const FIX_PLAN_SCHEMA_VERSION: u32 = 1;

/// Everything `uclint fix` did and did not do.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FixPlan {
    /// The changed objects, in the order their AXL requests are numbered.
    pub objects: Vec<PlanObject>,
    /// The findings not fixed, with the reason, in output order.
    pub not_fixed: Vec<NotFixed>,
    /// The files written under the output directory, relative to it, sorted.
    pub files: Vec<String>,
    /// The re-check of the fixed export; `None` when it could not run (the reason is in
    /// `recheck_skipped`).
    pub recheck: Option<Recheck>,
    /// Why the re-check did not run.
    pub recheck_skipped: Option<String>,
}

/// One changed object.
#[derive(Clone, Debug, Serialize)]
pub struct PlanObject {
    /// Its key, e.g. `phone:SEP001122334455`.
    pub object: String,
    /// The changes, in finding order.
    pub changes: Vec<PlanChange>,
    /// The AXL request written for it, relative to the output directory; `None` when AXL cannot
    /// carry the change (the reason is in `notes`).
    pub axl_request: Option<String>,
    /// What the admin should know before applying (whole lists, fields not sent).
    pub notes: Vec<String>,
}

/// One field changed for one finding.
#[derive(Clone, Debug, Serialize)]
pub struct PlanChange {
    /// The rule code.
    pub code: &'static str,
    /// The object the finding is about (for an added list item, not the object changed).
    pub finding_object: String,
    /// The finding's message.
    pub message: String,
    /// The field or list, as the admin page names it.
    pub field: String,
    /// `before -> after`, or `+ item`.
    pub change: String,
    /// `safe` or `unsafe`.
    pub safety: &'static str,
    /// The export files rewritten for it (display paths).
    pub files: Vec<String>,
}

/// A finding left alone.
#[derive(Clone, Debug, Serialize)]
pub struct NotFixed {
    /// The rule code.
    pub code: &'static str,
    /// Its object key.
    pub object: String,
    /// Why it was not fixed.
    pub reason: String,
}

/// What `uclint check` says of the fixed export, compared with the export.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Recheck {
    /// Findings fixed that are gone.
    pub gone: usize,
    /// Findings fixed that are still found (`code object`): the fix did not work.
    pub still_found: Vec<String>,
    /// Findings the fixed export has that the export had not (`code object: message`).
    pub new: Vec<String>,
    /// Findings of the export that remain (not fixed).
    pub remaining: usize,
}

impl Recheck {
    /// Whether the fix is proved: every fixed finding gone and nothing new.
    pub fn proved(&self) -> bool {
        self.still_found.is_empty() && self.new.is_empty()
    }
}

impl FixPlan {
    /// The last line of the output and of the plan.
    pub fn verdict(&self) -> String {
        match (&self.recheck, &self.recheck_skipped) {
            (Some(r), _) if r.proved() => format!(
                "re-check of fixed/: {} fixed finding{} gone, nothing new; {} not fixed remain{}",
                r.gone,
                plural(r.gone),
                r.remaining,
                if r.remaining == 1 { "s" } else { "" },
            ),
            (Some(r), _) => format!(
                "re-check of fixed/ FAILED: {} fixed finding{} still found, {} new finding{}",
                r.still_found.len(),
                plural(r.still_found.len()),
                r.new.len(),
                plural(r.new.len()),
            ),
            (None, Some(why)) => format!("re-check of fixed/ not run: {why}"),
            (None, None) => "re-check of fixed/ not run".to_owned(),
        }
    }

    fn changes(&self) -> usize {
        self.objects.iter().map(|o| o.changes.len()).sum()
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `plan.md`.
pub fn render_fix_plan_markdown(plan: &FixPlan) -> String {
    let mut out = String::from("# uclint fix: plan\n\n");
    out.push_str(&format!(
        "{} change{} to {} object{}; {} finding{} not fixed.\n\n",
        plan.changes(),
        plural(plan.changes()),
        plan.objects.len(),
        plural(plan.objects.len()),
        plan.not_fixed.len(),
        plural(plan.not_fixed.len()),
    ));
    out.push_str(
        "Review every change before applying it. `axl/` holds one AXL 14.0 request per object, numbered \
         in the order to send them; `bat/` holds the same changes as an Import/Export tar of the changed \
         rows (Bulk Administration > Import/Export > Import, with \"override the existing configuration\"; \
         try it on a lab first); `fixed/` is the whole export with the changes applied.\n\n",
    );
    if !plan.objects.is_empty() {
        out.push_str("## Changes\n\n| Object | Rule | Field | Before -> after | Safety | Finding | AXL request |\n");
        out.push_str("|---|---|---|---|---|---|---|\n");
        for object in &plan.objects {
            for change in &object.changes {
                out.push_str(&format!(
                    "| {} | {} | {} | {} | {} | {} | {} |\n",
                    cell(&text::key(&object.object)),
                    change.code,
                    cell(&change.field),
                    cell(&text::message(&change.change)),
                    change.safety,
                    cell(&text::message(&change.message)),
                    object.axl_request.as_deref().map(cell).unwrap_or_else(|| "none".to_owned()),
                ));
            }
        }
        out.push('\n');
        let noted: Vec<&PlanObject> = plan.objects.iter().filter(|o| !o.notes.is_empty()).collect();
        if !noted.is_empty() {
            out.push_str("### Before applying\n\n");
            for object in noted {
                for note in &object.notes {
                    out.push_str(&format!("- {}: {}\n", cell(&text::key(&object.object)), cell(&text::message(note))));
                }
            }
            out.push('\n');
        }
    }
    if !plan.not_fixed.is_empty() {
        out.push_str("## Not fixed\n\n| Rule | Object | Why |\n|---|---|---|\n");
        for n in &plan.not_fixed {
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                n.code,
                cell(&text::key(&n.object)),
                cell(&text::message(&n.reason))
            ));
        }
        out.push('\n');
    }
    if let Some(recheck) = plan.recheck.as_ref().filter(|r| !r.proved()) {
        out.push_str("## Re-check problems\n\n");
        for line in recheck
            .still_found
            .iter()
            .map(|s| format!("still found: {s}"))
            .chain(recheck.new.iter().map(|s| format!("new: {s}")))
        {
            out.push_str(&format!("- {}\n", cell(&text::message(&line))));
        }
        out.push('\n');
    }
    if !plan.files.is_empty() {
        out.push_str("## Files written\n\n");
        for file in &plan.files {
            out.push_str(&format!("- {}\n", cell(&text::path(file))));
        }
        out.push('\n');
    }
    out.push_str(&plan.verdict());
    out.push('\n');
    out
}

/// `plan.json`.
pub fn render_fix_plan_json(plan: &FixPlan) -> String {
    #[derive(Serialize)]
    struct Versioned<'a> {
        schema_version: u32,
        #[serde(flatten)]
        plan: &'a FixPlan,
        verdict: String,
    }
    let versioned = Versioned { schema_version: FIX_PLAN_SCHEMA_VERSION, plan, verdict: plan.verdict() };
    let mut out = serde_json::to_string_pretty(&versioned).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

/// Changes printed per rule on the terminal; the plan has them all.
pub const FIX_TEXT_PER_RULE: usize = 10;

/// What `uclint fix` prints: a line per change (at most [`FIX_TEXT_PER_RULE`] per rule, then how
/// many more), the count of findings not fixed, the verdict.
pub fn render_fix_plan_text(plan: &FixPlan, out_dir: &str) -> String {
    let mut out = String::new();
    let mut shown: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for object in &plan.objects {
        for change in &object.changes {
            let count = shown.entry(change.code).or_default();
            *count += 1;
            if *count > FIX_TEXT_PER_RULE {
                continue;
            }
            out.push_str(&format!(
                "fixed {} {}: {} {}\n",
                change.code,
                text::terminal_key(&object.object),
                text::terminal_message(&change.field),
                text::terminal_message(&change.change),
            ));
        }
    }
    for (code, count) in shown.iter().filter(|(_, &n)| n > FIX_TEXT_PER_RULE) {
        out.push_str(&format!(
            "... and {} more {code} fixes (see {}/plan.md)\n",
            count - FIX_TEXT_PER_RULE,
            text::terminal_path(out_dir)
        ));
    }
    if !plan.not_fixed.is_empty() {
        out.push_str(&format!(
            "{} finding{} not fixed (see {}/plan.md)\n",
            plan.not_fixed.len(),
            plural(plan.not_fixed.len()),
            text::terminal_path(out_dir)
        ));
    }
    out.push_str(&format!("plan: {}/plan.md\n", text::terminal_path(out_dir)));
    out.push_str(&plan.verdict());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> FixPlan {
        FixPlan {
            objects: vec![PlanObject {
                object: "phone:SEP|<b>".into(),
                changes: vec![PlanChange {
                    code: "UCCX006",
                    finding_object: "phone:SEP|<b>".into(),
                    message: "Maximum Number of Calls is 4".into(),
                    field: "Maximum Number of Calls (line 1)".into(),
                    change: "4 -> 2".into(),
                    safety: "safe",
                    files: vec!["x.tar!phone.csv".into()],
                }],
                axl_request: Some("axl/001-updatePhone-SEP_b_.xml".into()),
                notes: vec!["lines replaces the whole list".into()],
            }],
            not_fixed: vec![NotFixed { code: "UCCX001", object: "dn:\x1b[31m1".into(), reason: "no fix".into() }],
            files: vec!["plan.md".into()],
            recheck: Some(Recheck { gone: 1, still_found: vec![], new: vec![], remaining: 1 }),
            recheck_skipped: None,
        }
    }

    #[test]
    fn markdown_escapes_the_export_and_ends_with_the_verdict() {
        let md = render_fix_plan_markdown(&plan());
        assert!(md.contains(r"phone:SEP\|\<b>"), "{md}");
        assert!(md.contains(r"dn:\\x1b\[31m1"), "{md}");
        assert!(md.trim_end().ends_with("re-check of fixed/: 1 fixed finding gone, nothing new; 1 not fixed remains"));
    }

    #[test]
    fn a_failed_recheck_is_the_last_line_everywhere() {
        let mut plan = plan();
        plan.recheck =
            Some(Recheck { gone: 0, still_found: vec!["UCCX006 phone:X".into()], new: vec![], remaining: 0 });
        let verdict = "re-check of fixed/ FAILED: 1 fixed finding still found, 0 new findings";
        assert!(render_fix_plan_markdown(&plan).trim_end().ends_with(verdict));
        assert!(render_fix_plan_text(&plan, "out").trim_end().ends_with(verdict));
        let json: serde_json::Value = serde_json::from_str(&render_fix_plan_json(&plan)).unwrap();
        assert_eq!(json["verdict"], verdict);
        assert_eq!(json["schema_version"], 1);
    }

    #[test]
    fn terminal_text_shows_a_few_changes_per_rule_and_counts_the_rest() {
        let mut plan = plan();
        let change = plan.objects[0].changes[0].clone();
        plan.objects[0].changes = vec![change; FIX_TEXT_PER_RULE + 3];
        let text = render_fix_plan_text(&plan, "out");
        assert_eq!(text.matches("fixed UCCX006").count(), FIX_TEXT_PER_RULE);
        assert!(text.contains("... and 3 more UCCX006 fixes (see out/plan.md)\n"), "{text}");
    }

    #[test]
    fn terminal_text_makes_controls_visible() {
        let text = render_fix_plan_text(&plan(), "out");
        assert!(!text.contains('\x1b'));
        assert!(text.starts_with("fixed UCCX006 phone:SEP|<b>: Maximum Number of Calls (line 1) 4 -> 2\n"), "{text}");
    }
}
