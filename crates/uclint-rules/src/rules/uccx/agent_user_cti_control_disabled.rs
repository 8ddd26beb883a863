//! UCCX012: the agent end user's "Allow Control of Device from CTI" is unchecked.

use uclint_model::{Edit, Field, Fix, Value};

use crate::rule::declare_rule;
use crate::rules::uccx::check_box_cell;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// That every agent (end user with an IPCC extension) has "Allow Control of Device from CTI"
    /// checked on the End User page (BAT `ALLOW CONTROL OF DEVICE FROM CTI`).
    ///
    /// ## What it leaves alone
    /// - End users without an IPCC extension: they are not agents.
    /// - Application users (the RMCM, telephony and FIPPA users): their CTI rights come from
    ///   their access control groups, which the RMCM and FIPPA rules check.
    /// - An agent whose export does not give the flag.
    ///
    /// ## Why it breaks
    /// UCCX controls the agent's device on the agent's behalf; with the user-level flag off,
    /// CTI control is refused and the agent cannot sign in.
    ///
    /// ## Example
    /// ```csv
    /// USER ID,ALLOW CONTROL OF DEVICE FROM CTI,PRIMARY EXTENSION 1,TYPE PATTERN USAGE 1
    /// agent01,f,4001,ICD
    /// ```
    ///
    /// ## How to fix
    /// User Management > End User > the agent > Allow Control of Device from CTI: check it.
    ///
    /// `uclint fix` checks it.
    ///
    /// ## Sources
    /// - Cisco TechNote 210485, "Troubleshoot Agent Log in Issues", step 10 (A).
    code: "UCCX012",
    name: "agent-user-cti-control-disabled",
    family: Uccx,
    severity: Error,
    status: Stable,
    requires: [EndUsers],
    summary: "An agent has \"Allow Control of Device from CTI\" unchecked on the End User page.",
    check: check,
    fix: Safe("checks \"Allow Control of Device from CTI\" on the agent's End User page."),
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    for agent in &ctx.agents {
        let user = agent.user;
        let Some(flag) = user.enable_cti.as_ref().filter(|f| !f.value) else { continue };
        let message = format!(
            "agent {} has 'Allow Control of Device from CTI' unchecked on the End User page; UCCX cannot \
             control the agent's device, so the agent cannot sign in",
            user.user_id.value,
        );
        let help =
            format!("User Management > End User > {} > Allow Control of Device from CTI: check it", user.user_id.value);
        sink.report(user.key(), flag.span, "Allow Control of Device from CTI", message)
            .label(agent.ipcc.span, "IPCC extension")
            .help(help)
            .fix(|| {
                Fix::Edit(Edit::Set {
                    object: user.key(),
                    field: Field::UserEnableCti,
                    before: check_box_cell(flag),
                    after: Value::Bool(true),
                })
            });
    }
    Ok(())
}
