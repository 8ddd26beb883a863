//! The facts the health report shows beyond the diagnostics (agents and their blocking
//! findings, Extension Mobility and presence readiness): in the library so that the fuzz targets
//! gather what the binary gathers.

use std::collections::HashMap;
use std::path::PathBuf;

use uclint_model::{Cluster, Diagnostic, ObjectKey, Severity};
use uclint_report::{AgentReadiness, BlockingFinding, Health, ReadinessSummary};
use uclint_rules::{Context, Settings};

/// Gathers the facts the report shows beyond the diagnostics.
pub fn health(cluster: &Cluster, settings: &Settings, diagnostics: &[Diagnostic], paths: &[PathBuf]) -> Health {
    let context = Context::new(cluster, settings);
    // The errors by object, found once: looking them up per agent keeps the work linear in
    // agents plus findings (a megacluster has thousands of agents and may have tens of
    // thousands of findings).
    let mut errors: HashMap<&ObjectKey, Vec<usize>> = HashMap::new();
    for (index, d) in diagnostics.iter().enumerate().filter(|(_, d)| d.severity == Severity::Error) {
        errors.entry(&d.object).or_default().push(index);
    }
    let agents = context
        .agents
        .iter()
        .map(|agent| {
            let devices = agent.devices();
            let mut keys: Vec<ObjectKey> = devices.iter().map(|d| d.key()).collect();
            keys.push(agent.user.key());
            keys.sort();
            keys.dedup();
            // In the findings' order, as the page lists them.
            let mut found: Vec<usize> = keys.iter().filter_map(|k| errors.get(k)).flatten().copied().collect();
            found.sort_unstable();
            let blocking = found
                .into_iter()
                .map(|i| BlockingFinding {
                    code: diagnostics[i].code.to_owned(),
                    message: diagnostics[i].message.clone(),
                })
                .collect();
            AgentReadiness {
                user: agent.user.user_id.value.to_string(),
                extension: agent.extension_display(),
                devices: devices.iter().map(|d| d.name.value.to_string()).collect(),
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
        export: uclint_report::ExportInfo::default(),
        generated_at: None,
        // Sorted, so that the page does not depend on the order the paths were given in.
        inputs: {
            let mut inputs: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            inputs.sort();
            inputs.dedup();
            inputs
        },
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
