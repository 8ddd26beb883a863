//! UCCX034: UCCX SRTP is declared and the cluster is not in mixed mode.

use crate::context::check_mixed_mode;
use crate::rule::declare_rule;
use crate::{Context, Sink};

declare_rule! {
    /// ## What it checks
    /// When `srtp = true` in `uclint.toml` (UCCX SRTP is on), that the enterprise parameter
    /// `ClusterSecurityMode` is not `0` (non-secure). Skipped when SRTP is not declared or the
    /// export has no such parameter. The catalog's rule also requires the agent and supervisor
    /// phones to use an encrypted phone security profile; the phones' security profiles are not
    /// in uclint's model yet, so only the cluster security mode is checked.
    ///
    /// ## Why it breaks
    /// UCCX SRTP needs CUCM in mixed mode and secure agent and supervisor phones. Without mixed
    /// mode the phones cannot negotiate SRTP: agent calls stay unencrypted, or fail where
    /// encryption is required, and recording of encrypted calls fails.
    ///
    /// ## Example
    /// ```csv
    /// PARAM NAME,PARAM VALUE
    /// ClusterSecurityMode,0
    /// ```
    ///
    /// ## How to fix
    /// Enable mixed mode with `utils ctl set-cluster mixed-mode` on the publisher CLI, then give
    /// agent and supervisor phones an encrypted phone security profile (Device > Phone > the
    /// phone > Device Security Profile).
    ///
    /// ## Sources
    /// - UCCX Solution Design Guide 12.5(1)SU1, "Solution Security", SRTP considerations (DGSEC).
    code: "UCCX034",
    name: "uccx-srtp-without-mixed-mode",
    family: Uccx,
    severity: Warning,
    status: Stable,
    requires: [EnterpriseParameters],
    summary: "UCCX SRTP is declared and the cluster is not in mixed mode.",
    check: check,
}

fn check(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    check_mixed_mode(
        ctx,
        sink,
        "UCCX SRTP requires Cluster Security Mode = Mixed and secure agent and supervisor phones; the cluster is \
         non-secure (ClusterSecurityMode = 0)",
        "publisher CLI: utils ctl set-cluster mixed-mode; then Device > Phone > each agent and supervisor phone > \
         Device Security Profile: an encrypted profile",
    );
}
