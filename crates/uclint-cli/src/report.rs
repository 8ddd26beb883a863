//! `uclint report`: the one-off cluster health report, as a self-contained HTML page or Markdown.

use uclint_model::{Cluster, Diagnostic, ObjectKey, Severity};
use uclint_report::{
    render_health_html, render_health_markdown, AgentReadiness, BlockingFinding, Health, ReadinessSummary, Report,
};
use uclint_rules::{registry, Context, Settings};

use crate::args::{ReportArgs, ReportFormat};
use crate::check::{exit_code, lint, Linted, EXIT_ERROR};

pub fn run(args: &ReportArgs) -> u8 {
    let settings = Settings { rmcm_user: args.rmcm_user.clone(), agent_device_selection: args.agent_device_selection };
    let rules = registry::default_rules();
    let Linted { ingested, diagnostics, summary, input_failed } = lint(&args.paths, &settings, &rules);
    let health = health(&ingested.cluster, &settings, &diagnostics, args);
    let report = Report { diagnostics: &diagnostics, sources: &ingested.sources, summary: &summary };
    let format = args.format.unwrap_or_else(|| {
        let markdown = args.output.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
        if markdown {
            ReportFormat::Markdown
        } else {
            ReportFormat::Html
        }
    });
    let page = match format {
        ReportFormat::Html => render_health_html(&report, &health),
        ReportFormat::Markdown => render_health_markdown(&report, &health),
    };
    if let Err(err) = std::fs::write(&args.output, page) {
        eprintln!("error: could not write {}: {err}", args.output.display());
        return EXIT_ERROR;
    }
    eprint!("{}", uclint_report::render_summary(&summary, &diagnostics));
    eprintln!("report written to {}", args.output.display());
    exit_code(input_failed, &diagnostics)
}

/// Gathers the facts the report shows beyond the diagnostics.
fn health(cluster: &Cluster, settings: &Settings, diagnostics: &[Diagnostic], args: &ReportArgs) -> Health {
    let context = Context::new(cluster, settings);
    let agents = context
        .agents
        .iter()
        .map(|agent| {
            let devices = agent.devices();
            let mut keys: Vec<ObjectKey> = devices.iter().map(|d| d.key()).collect();
            keys.push(agent.user.key());
            let blocking = diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error && keys.contains(&d.object))
                .map(|d| BlockingFinding { code: d.code.to_owned(), message: d.message.clone() })
                .collect();
            AgentReadiness {
                user: agent.user.user_id.value.clone(),
                extension: agent.extension_display(),
                devices: devices.iter().map(|d| d.name.value.clone()).collect(),
                blocking,
            }
        })
        .collect();
    let count = |n: usize| n.to_string();
    let em_phones = cluster.phones.iter().filter(|p| p.extension_mobility.as_ref().is_some_and(|e| e.value)).count();
    let em_users = cluster.end_users.iter().filter(|u| !u.controlled_profiles.is_empty()).count();
    let logout = cluster.phones.iter().filter(|p| p.logout_profile.is_some()).count();
    let imp_users: Vec<_> =
        cluster.end_users.iter().filter(|u| u.imp_enabled.as_ref().is_some_and(|e| e.value)).collect();
    let no_digest = imp_users.iter().filter(|u| u.digest_credentials.as_ref().is_some_and(|d| !d.value)).count();
    Health {
        inputs: args.paths.iter().map(|p| p.display().to_string()).collect(),
        objects: vec![
            ("Phones".into(), cluster.phones.len()),
            ("Device profiles".into(), cluster.device_profiles.len()),
            ("End users".into(), cluster.end_users.len()),
            ("Application users".into(), cluster.app_users.len()),
            ("Common Device Configurations".into(), cluster.common_device_configs.len()),
            ("Line groups".into(), cluster.line_groups.len()),
            ("Service parameters".into(), cluster.service_parameters.len()),
            ("Enterprise parameters".into(), cluster.enterprise_parameters.len()),
            ("LDAP authentication".into(), cluster.ldap_authentication.len()),
        ],
        agents,
        extension_mobility: ReadinessSummary {
            facts: vec![
                ("Phones with Extension Mobility enabled".into(), count(em_phones)),
                ("Phones with a logout profile".into(), count(logout)),
                ("User device profiles".into(), count(cluster.device_profiles.len())),
                ("Users with a controlled device profile".into(), count(em_users)),
            ],
            families: vec!["EM".into()],
        },
        presence: ReadinessSummary {
            facts: vec![
                ("Users enabled for IM and Presence".into(), count(imp_users.len())),
                ("… of them without digest credentials".into(), count(no_digest)),
            ],
            families: vec!["IMP".into(), "SEC".into()],
        },
    }
}
