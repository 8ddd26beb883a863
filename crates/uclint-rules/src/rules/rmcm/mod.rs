//! RMCM: the UCCX Resource Manager and other CTI application users (catalog §2).

pub(crate) mod agent_device_controlled_by_jtapi_user;
pub(crate) mod agent_device_not_controlled_by_rmcm;
pub(crate) mod cti_application_user_above_max_devices_per_provider;
pub(crate) mod rmcm_controls_several_devices_with_one_extension;
pub(crate) mod rmcm_user_without_control_of_all_devices;
pub(crate) mod rmcm_user_without_cti_enabled;
pub(crate) mod rmcm_user_without_model_cti_group;
pub(crate) mod rmcm_user_without_monitoring_recording;
pub(crate) mod uccx_application_user_modified;
pub(crate) mod uccx_cti_device_not_controlled_by_jtapi;
pub(crate) mod uccx_user_without_srtp_groups;

use uclint_model::AppUser;

use crate::catalog::add_to_group_help;
use crate::{Context, Finding, Sink, Skip};

/// RMCM003, RMCM005 and RMCM006: reports when the RMCM user is not in `group`; `why` finishes
/// the message. The rules differ only in the groups, the severity, when they apply and the
/// sources.
pub(crate) fn check_group(ctx: &Context<'_>, sink: &mut Sink, group: &str, why: &str) -> Result<(), Skip> {
    report_missing_group(ctx, sink, group, why).map(|_| ())
}

/// [`check_group`], returning the finding and the RMCM user when it reports, for a rule that
/// attaches a fix (RMCM003).
pub(crate) fn report_missing_group<'s, 'a>(
    ctx: &Context<'a>,
    sink: &'s mut Sink,
    group: &str,
    why: &str,
) -> Result<Option<(Finding<'s>, &'a AppUser)>, Skip> {
    let user: &AppUser = ctx.rmcm_app_user()?;
    if ctx.granting(&user.groups, group).is_some() {
        return Ok(None);
    }
    let message = format!("RmCm user {} lacks access control group '{group}'; {why}", user.name.value);
    let help = format!(
        "{} (prefer a UCCX resync over manual edits)",
        add_to_group_help("Application User", &user.name.value, group)
    );
    Ok(Some((sink.report(user.key(), user.name.span, "RMCM user", message).help(help), user)))
}
