//! SEC006: the cluster is not in mixed mode while secure features are declared.

use uclint_model::ObjectKey;

use crate::rule::declare_rule;
use crate::{Context, Sink, Skip};

declare_rule! {
    /// ## What it checks
    /// When `srtp = true` in `uclint.toml` (UCCX or phones use encrypted media), that the
    /// enterprise parameter `ClusterSecurityMode` is not `0` (non-secure); `1` is mixed mode.
    /// Skipped when SRTP is not declared or the export has no such parameter. Encrypted phones
    /// and secure EMCC are not declared separately yet: `srtp` stands for all of them.
    ///
    /// ## What it leaves alone
    /// - Clusters where no secure feature is declared: non-secure mode is then the default and
    ///   a valid choice.
    ///
    /// ## Why it breaks
    /// Encrypted signalling and media need the CTL file and certificates that only mixed mode
    /// provides. In non-secure mode, phones with encrypted security profiles fall back to or
    /// fail registration, and secure CTI and SRTP calls are not possible.
    ///
    /// ## Example
    /// ```csv
    /// PARAM NAME,PARAM VALUE
    /// ClusterSecurityMode,0
    /// ```
    ///
    /// ## How to fix
    /// Enable mixed mode with `utils ctl set-cluster mixed-mode` on the publisher CLI (or the
    /// CTL client on old releases), or remove the secure features from `uclint.toml` if they are
    /// not in use.
    ///
    /// ## Sources
    /// - UCCX Solution Design Guide 12.5(1)SU1, "Solution Security", SRTP considerations (DGSEC).
    /// - CUCM Feature Configuration Guide 12.5(1)SU3, "Extension Mobility Cross Cluster",
    ///   security mode prerequisites (FCG-EMCC).
    code: "SEC006",
    name: "cluster-not-in-mixed-mode",
    family: Sec,
    severity: Info,
    status: Stable,
    requires: [EnterpriseParameters],
    settings: [Srtp],
    summary: "Secure media is declared and the cluster is not in mixed mode.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink) -> Result<(), Skip> {
    let Some(mode) = ctx.non_secure_cluster_mode()? else { return Ok(()) };
    let message = "Cluster Security Mode is non-secure (ClusterSecurityMode = 0) while secure media (srtp) is \
                   declared; encrypted phones, secure CTI and SRTP need mixed mode";
    let help = "publisher CLI: utils ctl set-cluster mixed-mode (System > Enterprise Parameters > Security Parameters \
                shows the mode)";
    let object = ObjectKey::EnterpriseParameter(mode.name.value.clone());
    sink.report(object, mode.value.span, "ClusterSecurityMode", message).help(help);
    Ok(())
}
