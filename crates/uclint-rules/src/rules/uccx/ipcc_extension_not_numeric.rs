//! UCCX014: the IPCC extension contains characters other than digits.

use uclint_model::Severity;

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every agent's IPCC extension consists of the digits 0 to 9 only. An extension that
    /// is digits with one leading `+` (E.164) is reported at info.
    ///
    /// ## What it leaves alone
    /// - The partition, which is not part of the number an agent signs in with.
    /// - End users without an IPCC extension, and the extension UCCX's own export gives (UCCX040
    ///   compares the two).
    ///
    /// ## Why it breaks
    /// The UCCX Administration Guide says not to use characters other than the numerals 0 to 9
    /// in agent extensions: wildcards (`X`, `!`, `[…]`, `.`) or letters are not a number an agent
    /// can sign in with. The Design Guide says Finesse accepts a `+` prefix at sign-in, which
    /// is why a leading `+` is only info.
    ///
    /// ## Example
    /// ```csv
    /// USER ID,PRIMARY EXTENSION 1,TYPE PATTERN USAGE 1
    /// agent01,40XX,ICD
    /// ```
    ///
    /// ## How to fix
    /// Renumber the agent line to digits only (Call Routing > Directory Number), then set the new
    /// number as IPCC Extension on the End User page.
    ///
    /// ## Sources
    /// - UCCX Administration and Operations Guide, "Guidelines for Agent Phone Configuration" (AOG).
    /// - UCCX Solution Design Guide 12.5(1)SU1, E.164 support (DG).
    code: "UCCX014",
    name: "ipcc-extension-not-numeric",
    family: Uccx,
    severity: Error,
    status: Stable,
    requires: [EndUsers],
    summary: "An IPCC extension contains characters other than the digits 0-9.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for agent in &ctx.agents {
        let pattern = agent.ipcc.value.pattern.as_str();
        let digits = pattern.strip_prefix('+').unwrap_or(pattern);
        let numeric = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
        if numeric && digits.len() == pattern.len() {
            continue;
        }
        let user = &agent.user.user_id.value;
        let message = if numeric {
            format!(
                "IPCC extension '{pattern}' of {user} starts with '+'; Finesse accepts it, but the UCCX \
                 Administration Guide asks for digits 0-9 only"
            )
        } else {
            format!("IPCC extension '{pattern}' of {user} contains non-numeric characters; use digits 0-9 only")
        };
        let mut finding = sink.report(agent.user.key(), agent.ipcc.span, "IPCC extension", message).help(
            "renumber the agent line to digits only (Call Routing > Directory Number), then End User > IPCC Extension",
        );
        if numeric {
            finding = finding.severity(Severity::Info);
        }
    }
    Ok(())
}
