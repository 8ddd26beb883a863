//! The facts the health report shows beyond the diagnostics (agents and their blocking
//! findings, the UCCX call paths, Extension Mobility and presence readiness, what the export says
//! of itself, when the report was made, objects read by kind): in the library so that the fuzz
//! targets gather what the binary gathers. The call paths are in `health/call_paths.rs`, which
//! judges UCCX's redirects on the Context's dial plan (the one the DIAL rules analyse against).
//!
//! The facts come from the [`Context`] the rules ran in, so that the report reads the agents
//! the rules judged and the cluster is indexed once per run; they are gathered in two steps
//! because the Context and the final findings never live at the same time: [`gather`] takes
//! what the Context knows right after the rules ran (and the Context, with its indexes, is let
//! go before suppressions and the baseline are applied), and [`Gathered::with_findings`] adds
//! the blocking findings once the findings are final.
//!
//! The objects by kind come from [`Cluster::object_counts`], the list `check`'s summary sums, so
//! that the report and `check` cannot disagree on how many objects were read.

mod call_paths;

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use uclint_model::{Cluster, Diagnostic, ObjectKey, Severity};
use uclint_report::{AgentReadiness, BlockingFinding, Health, ReadinessSummary};
use uclint_rules::{Context, Settings};

/// The health report's facts taken from a run's [`Context`], waiting for the run's final
/// findings ([`Gathered::with_findings`]).
#[derive(Debug, Default)]
pub struct Gathered {
    /// Every fact but the agents' blocking findings.
    health: Health,
    /// For each agent of `health.agents`, in order, the objects whose error-level findings
    /// block it (its devices and its user), sorted and distinct.
    agent_objects: Vec<Vec<ObjectKey>>,
}

/// Gathers the facts the report shows beyond the diagnostics from the `context` the rules ran
/// in, with the input `paths` as given.
pub fn gather(context: &Context<'_>, paths: &[PathBuf]) -> Gathered {
    let cluster = context.cluster;
    let (agents, agent_objects) = context
        .agents
        .iter()
        .map(|agent| {
            let devices = agent.devices();
            let mut keys: Vec<ObjectKey> = devices.iter().map(|d| d.key()).collect();
            keys.push(agent.user.key());
            keys.sort();
            keys.dedup();
            let readiness = AgentReadiness {
                user: agent.user.user_id.value.to_string(),
                extension: agent.extension_display(),
                devices: devices.iter().map(|d| d.name.value.to_string()).collect(),
                blocking: Vec::new(),
            };
            (readiness, keys)
        })
        .unzip();
    let count = |n: usize| n.to_string();
    let em_phones = cluster.phones.iter().filter(|p| p.extension_mobility.as_ref().is_some_and(|e| e.value)).count();
    let em_users = cluster.end_users.iter().filter(|u| !u.controlled_profiles.is_empty()).count();
    let logout = cluster.phones.iter().filter(|p| p.logout_profile.is_some()).count();
    let imp_users: Vec<_> =
        cluster.end_users.iter().filter(|u| u.imp_enabled.as_ref().is_some_and(|e| e.value)).collect();
    let no_digest = imp_users.iter().filter(|u| u.digest_credentials.as_ref().is_some_and(|d| !d.value)).count();
    let health = Health {
        export: {
            let header = &cluster.export_header;
            let text =
                |value: &Option<uclint_model::Spanned<uclint_model::Text>>| value.as_ref().map(|v| v.value.to_string());
            uclint_report::ExportInfo {
                exported_at: text(&header.time),
                publisher: text(&header.publisher),
                version: text(&header.version),
            }
        },
        generated_at: Some(report_time(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref(), SystemTime::now())),
        // Sorted, so that the page does not depend on the order the paths were given in.
        inputs: {
            let mut inputs: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            inputs.sort();
            inputs.dedup();
            inputs
        },
        objects: cluster.object_counts().iter().map(|&(kind, n)| (kind.to_owned(), n)).collect(),
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
        call_paths: call_paths::gather(context),
    };
    Gathered { health, agent_objects }
}

impl Gathered {
    /// The report's facts, with each agent's error-level `diagnostics` (the run's final
    /// findings, sorted) as its blocking findings, in the findings' order.
    pub fn with_findings(self, diagnostics: &[Diagnostic]) -> Health {
        let Gathered { mut health, agent_objects } = self;
        // The errors by object, found once: looking them up per agent keeps the work linear in
        // agents plus findings (a megacluster has thousands of agents and may have tens of
        // thousands of findings).
        let mut errors: HashMap<&ObjectKey, Vec<usize>> = HashMap::new();
        for (index, d) in diagnostics.iter().enumerate().filter(|(_, d)| d.severity == Severity::Error) {
            errors.entry(&d.object).or_default().push(index);
        }
        for (agent, keys) in health.agents.iter_mut().zip(&agent_objects) {
            // In the findings' order, as the page lists them.
            let mut found: Vec<usize> = keys.iter().filter_map(|k| errors.get(k)).flatten().copied().collect();
            found.sort_unstable();
            agent.blocking = found
                .into_iter()
                .map(|i| BlockingFinding {
                    code: diagnostics[i].code.id.to_owned(),
                    message: diagnostics[i].message.clone(),
                })
                .collect();
        }
        health
    }
}

/// The facts of a run whose [`Context`] was not kept (the fuzz targets): builds one over
/// `cluster` with `settings` and gathers from it. A run that keeps its Context calls [`gather`].
pub fn health(cluster: &Cluster, settings: &Settings, diagnostics: &[Diagnostic], paths: &[PathBuf]) -> Health {
    gather(&Context::new(cluster, settings), paths).with_findings(diagnostics)
}

/// The last second RFC 3339 (and `humantime`) can write: 9999-12-31T23:59:59Z.
const LAST_SECOND: u64 = 253_402_300_799;

/// When the report was made, RFC 3339 in UTC to the second: `source_date_epoch` (the
/// `SOURCE_DATE_EPOCH` variable of reproducible builds) when it holds a number of seconds that
/// RFC 3339 can write, else `now`; a clock before 1970 reads as 1970.
pub fn report_time(source_date_epoch: Option<&str>, now: SystemTime) -> String {
    let seconds = source_date_epoch.and_then(|v| v.trim().parse::<u64>().ok()).filter(|&s| s <= LAST_SECOND);
    let seconds = seconds.unwrap_or_else(|| now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()).min(LAST_SECOND));
    humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_secs(seconds)).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_time_is_source_date_epoch_when_it_is_a_number() {
        let now = UNIX_EPOCH + Duration::from_secs(1_796_666_576);
        assert_eq!(report_time(Some("1686340998"), now), "2023-06-09T20:03:18Z");
        assert_eq!(report_time(Some(" 0 "), now), "1970-01-01T00:00:00Z");
        for ignored in [None, Some(""), Some("yesterday"), Some("-5"), Some("1e9"), Some("99999999999999999999")] {
            assert_eq!(report_time(ignored, now), "2026-12-07T18:02:56Z", "{ignored:?}");
        }
        assert_eq!(report_time(Some("253402300800"), now), "2026-12-07T18:02:56Z", "past year 9999");
        assert_eq!(report_time(Some("253402300799"), now), "9999-12-31T23:59:59Z");
    }

    /// The report's objects by kind sum to what `check`'s summary says (`object_count`), on
    /// exports that hold kinds beyond phones, profiles and users (directory numbers, route plan
    /// numbers, credential policies …), with every kind listed once.
    #[test]
    fn objects_by_kind_sum_to_the_summary_count() {
        for (fixture, at_least) in [("../../fixtures/demo", 20), ("../../fixtures/lab-like", 50)] {
            let ingested = uclint_ingest::ingest(&[PathBuf::from(fixture)]);
            let settings = Settings::default();
            let report = health(&ingested.cluster, &settings, &[], &[]);
            let sum: usize = report.objects.iter().map(|(_, n)| n).sum();
            assert_eq!(sum, ingested.cluster.object_count(), "{fixture}: {:?}", report.objects);
            assert!(sum >= at_least, "{fixture}: only {sum} objects read");
            let mut kinds: Vec<&str> = report.objects.iter().map(|(k, _)| k.as_str()).collect();
            kinds.sort_unstable();
            kinds.dedup();
            assert_eq!(kinds.len(), report.objects.len(), "a kind is listed twice");
        }
        // The lab-like export has directory numbers and route plan numbers: kinds the page's
        // first list left out.
        let lab = uclint_ingest::ingest(&[PathBuf::from("../../fixtures/lab-like")]);
        assert!(!lab.cluster.directory_numbers.is_empty() && !lab.cluster.owned_numbers.is_empty());
    }

    #[test]
    fn the_export_header_reaches_the_report() {
        let ingested = uclint_ingest::ingest(&[PathBuf::from("../../fixtures/demo")]);
        let report = health(&ingested.cluster, &Settings::default(), &[], &[]);
        assert_eq!(report.export.publisher.as_deref(), Some("10.1.10.11"));
        assert_eq!(report.export.version.as_deref(), Some("master-14.0.1.10000-20.i386"));
        assert_eq!(report.export.exported_at.as_deref(), Some("Fri Nov 20 10:12:44 UTC 2026"));
        assert!(report.generated_at.is_some());
    }

    #[test]
    fn a_clock_out_of_range_does_not_panic() {
        assert_eq!(report_time(None, UNIX_EPOCH - Duration::from_secs(5)), "1970-01-01T00:00:00Z");
        let far = UNIX_EPOCH + Duration::from_secs(LAST_SECOND * 2);
        assert_eq!(report_time(None, far), "9999-12-31T23:59:59Z");
    }
}
