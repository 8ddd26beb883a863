//! The plan of a megacluster builds in one pass and analyses without scanning every pattern:
//! 100,000 DNs and 3,000 route plan patterns. The timings are printed (`cargo test --release -p
//! uclint-dialplan --test scale -- --nocapture`), not asserted: a timed assertion fails on a busy
//! machine. What is asserted is that every analysis finds its answer.

mod common;

use std::time::Instant;

use common::*;
use uclint_dialplan::{DialPlan, Origin, Outcome, Reach, Settings};
use uclint_model::{Cluster, DialPattern};

const DNS: usize = 100_000;
const PARTITIONS: [&str; 5] = ["PT_Site1", "PT_Site2", "PT_Site3", "PT_Site4", "PT_Site5"];

fn megacluster() -> Cluster {
    let mut patterns: Vec<DialPattern> = Vec::new();
    // 3,000 patterns: site-code translations, PSTN routes, blocks, wildcard hunt pilots.
    for i in 0..1000 {
        patterns.push(with_called(translation(&format!("8{i:03}XXXX"), "PT_Xlate", Some("CSS_All")), "", "XXXXXX", ""));
        patterns.push(route(&format!("9.1{i:03}[2-9]XXXXXX"), "PT_PSTN", "RL_PSTN"));
        patterns.push(blocked(&format!("9.1900{i:03}XXXX"), "PT_Block"));
    }
    let mut all: Vec<&str> = vec!["PT_Block", "PT_Xlate", "PT_PSTN"];
    all.extend(PARTITIONS);
    let mut partitions = all.clone();
    partitions.sort_unstable();
    let mut c = cluster(&partitions, vec![css("CSS_All", &all)], patterns);
    for n in 0..DNS {
        let partition = PARTITIONS[n % PARTITIONS.len()];
        let number = format!("{}", 100_000 + n);
        c.phones.push(phone(&format!("SEP{n:012}"), Some("CSS_All"), &[(&number, partition, None)]));
    }
    c
}

#[test]
fn plan_scale() {
    let start = Instant::now();
    let c = megacluster();
    let made = start.elapsed();
    let start = Instant::now();
    let plan = DialPlan::new(&c, Settings::default());
    let built = start.elapsed();
    assert_eq!(plan.entries().count(), DNS + 3000);
    let origin = Origin::Css("CSS_All".into());
    let start = Instant::now();
    let mut reached = 0;
    for n in (0..DNS).step_by(10) {
        let line = &c.phones[n].lines[0].dn.value;
        if plan.reaches(&origin, line) == Reach::Reached {
            reached += 1;
        }
    }
    let reach_time = start.elapsed();
    assert_eq!(reached, DNS / 10);
    let start = Instant::now();
    for i in 0..1000 {
        let a = plan.analyze(&origin, &format!("8{i:03}{:04}", i % 10));
        assert!(matches!(a.outcome, Outcome::Device { .. } | Outcome::NoMatch { .. }), "{:?}", a.outcome);
        let a = plan.analyze(&origin, &format!("91{i:03}5551234"));
        // 91900… is blocked by the more specific 9.1900555XXXX.
        assert!(matches!(a.outcome, Outcome::RoutePattern { .. } | Outcome::Blocked { .. }), "{:?}", a.outcome);
    }
    let analyse_time = start.elapsed();
    println!(
        "plan_scale: cluster made in {made:?}; plan of {} entries built in {built:?}; {} reachability checks in {reach_time:?}; 2000 analyses (translation + route) in {analyse_time:?}",
        plan.entries().count(),
        DNS / 10
    );
}
