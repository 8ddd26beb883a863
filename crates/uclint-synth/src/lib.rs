//! Synthetic CUCM/UCCX clusters, written as real-layout exports, for tests and benchmarks.
//!
//! The same seed always gives the same bytes. Agents are given each fault the rules detect at a
//! chosen rate, and [`Export::expected`] says how many findings of each rule the export should
//! produce, so a test can check the rules at scale and a benchmark runs on realistic data.
//!
//! [`Faults::Systematic`] adds one fault to every end user on top of the random ones, as a
//! cluster migrated with a wrong user template has: nobody is in "Standard CTI Enabled", and
//! every user who owns a desk phone controls it, so IMP003 fires once per such user (81,800
//! findings on `mega`). It is what the render benchmark measures: reports of many findings.
//!
//! [`Spec::dial_plan`] adds a realistic dial plan to the BAT form (issue #21's benchmark of the
//! call-path rules): ~40 partitions, 50 calling search spaces, about 3,000 route patterns and
//! 1,100 translation patterns, hunt pilots for the line groups, route lists, route groups and
//! trunks, UCCX's CTI ports and triggers with their adminapi exports, and a few deliberate
//! dial-plan faults (`dialplan/mod.rs` lists them; those whose number of findings is certain are
//! in [`Export::expected`]). It draws nothing from the random generator, so the rest of the
//! cluster is the same.

mod axl;
mod bat;
pub mod bench;
mod dialplan;
mod plan;
mod table;

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

/// How big a cluster to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    /// Name used on the command line.
    pub name: &'static str,
    /// Phones (desk phones and Jabber clients), besides the agents' own.
    pub phones: usize,
    /// User device profiles.
    pub device_profiles: usize,
    /// End users, agents included.
    pub users: usize,
    /// UCCX agents.
    pub agents: usize,
    /// Line groups.
    pub line_groups: usize,
}

/// For tests: a few hundred objects.
pub const SMALL: Size =
    Size { name: "small", phones: 300, device_profiles: 60, users: 400, agents: 40, line_groups: 5 };
/// A large cluster: 20,000 phones.
pub const LARGE: Size =
    Size { name: "large", phones: 20_000, device_profiles: 5_000, users: 30_000, agents: 400, line_groups: 50 };
/// A megacluster: 80,000 phones, 80,000 UDPs, 160,000 users, 2,000 agents, 100 line groups.
pub const MEGA: Size =
    Size { name: "mega", phones: 80_000, device_profiles: 80_000, users: 160_000, agents: 2_000, line_groups: 100 };

/// Every size, for lookups by name.
pub const SIZES: &[Size] = &[SMALL, LARGE, MEGA];

/// The faults an agent may be given, each detected by one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// A Jabber client carries the IPCC extension too (UCCX001; also RMCM002 when the agent's
    /// own device is RMCM-controlled, since the RMCM user then controls both).
    SharedExtension,
    /// The IPCC extension is configured line 5 (UCCX005).
    BeyondFourthLine,
    /// Maximum Number of Calls 4 on the IPCC line (UCCX006).
    MaxCalls,
    /// Busy Trigger 2 on the IPCC line (UCCX007).
    BusyTrigger,
    /// The agent device is not controlled by the RMCM user (RMCM001).
    NotRmcmControlled,
}

impl Fault {
    /// Every fault.
    pub const ALL: [Fault; 5] = [
        Fault::SharedExtension,
        Fault::BeyondFourthLine,
        Fault::MaxCalls,
        Fault::BusyTrigger,
        Fault::NotRmcmControlled,
    ];

    /// The rule that detects it.
    pub fn rule(self) -> &'static str {
        match self {
            Fault::SharedExtension => "UCCX001",
            Fault::BeyondFourthLine => "UCCX005",
            Fault::MaxCalls => "UCCX006",
            Fault::BusyTrigger => "UCCX007",
            Fault::NotRmcmControlled => "RMCM001",
        }
    }
}

/// Which faults an export carries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Faults {
    /// Each agent has each [`Fault`] at the spec's rate: a few hundred findings on `mega`.
    #[default]
    Random,
    /// The random faults, and every end user lacks "Standard CTI Enabled" while each one who
    /// owns a desk phone controls it (IMP003 per such user): tens of thousands of findings.
    Systematic,
}

impl Faults {
    /// Every mode.
    pub const ALL: [Faults; 2] = [Faults::Random, Faults::Systematic];

    /// Name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Faults::Random => "random",
            Faults::Systematic => "systematic",
        }
    }
}

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// Size.
    pub size: Size,
    /// Seed of the deterministic generator.
    pub seed: u64,
    /// Probability that an agent has each fault.
    pub fault_rate: f64,
    /// Whether every user carries a fault as well ([`Faults::Systematic`]).
    pub faults: Faults,
    /// Whether the export carries a realistic dial plan: ~40 partitions, 50 CSSs, thousands of
    /// route and translation patterns, hunt pilots, UCCX CTI ports, triggers and their adminapi
    /// exports, and a few dial-plan faults (the module docs of `dialplan.rs` list them). BAT form
    /// only: the AXL form does not carry it and ignores this. Without it, the export is the same
    /// bytes as before the option existed.
    pub dial_plan: bool,
}

impl Spec {
    /// Whether end users lack "Standard CTI Enabled" and control the desk phone they own.
    pub(crate) fn systematic(&self) -> bool {
        self.faults == Faults::Systematic
    }
}

/// One agent as generated.
#[derive(Clone, Debug)]
pub(crate) struct Agent {
    pub user: String,
    pub extension: String,
    pub device: String,
    pub profile: bool,
    pub faults: Vec<Fault>,
}

/// A generated export: named files and the findings they should produce.
#[derive(Debug)]
pub struct Export {
    /// (file name, bytes), in tar order.
    pub files: Vec<(String, Vec<u8>)>,
    /// (rule code, expected number of findings), in rule order.
    pub expected: Vec<(&'static str, usize)>,
}

impl Export {
    /// Total bytes of all files.
    pub fn bytes(&self) -> usize {
        self.files.iter().map(|(_, b)| b.len()).sum()
    }

    /// A ustar archive of the files, like a BAT Import/Export tar.
    pub fn to_tar(&self) -> std::io::Result<Vec<u8>> {
        let mut builder = tar::Builder::new(Vec::with_capacity(self.bytes() + self.files.len() * 1024));
        for (name, data) in &self.files {
            let mut header = tar::Header::new_ustar();
            header.set_size(data.len() as u64);
            header.set_mode(0o644);
            header.set_mtime(1_763_633_564);
            header.set_cksum();
            builder.append_data(&mut header, name, data.as_slice())?;
        }
        builder.into_inner()
    }
}

/// The export forms the generator writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// The BAT Import/Export tar: one CSV per object type.
    Bat,
    /// AXL `get*` responses, a file per operation and thousand objects, in a tar.
    Axl,
}

impl Form {
    /// Every form.
    pub const ALL: [Form; 2] = [Form::Bat, Form::Axl];

    /// Name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Form::Bat => "bat",
            Form::Axl => "axl",
        }
    }

    /// Name used in benchmark tables.
    pub fn label(self) -> &'static str {
        match self {
            Form::Bat => "BAT tar",
            Form::Axl => "AXL XML",
        }
    }
}

/// Generates a BAT Import/Export export.
pub fn generate_bat(spec: &Spec) -> Export {
    generate(spec, Form::Bat)
}

/// Generates an export in the given form. Both forms describe the same cluster and yield the
/// same findings.
pub fn generate(spec: &Spec, form: Form) -> Export {
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let agents: Vec<Agent> = (0..spec.size.agents)
        .map(|i| {
            let faults = Fault::ALL.iter().copied().filter(|_| rng.random_bool(spec.fault_rate)).collect();
            // Every tenth agent uses Extension Mobility: the IPCC extension is on a profile.
            let profile = i % 10 == 9;
            let device = if profile { format!("UDP_agent{i:05}") } else { format!("SEPA0{i:010X}") };
            Agent { user: format!("agent{i:05}"), extension: format!("{}", 100_000 + i), device, profile, faults }
        })
        .collect();
    let mut expected = Fault::ALL
        .iter()
        .map(|f| (f.rule(), agents.iter().filter(|a| a.faults.contains(f)).count()))
        .collect::<Vec<_>>();
    // A shared extension whose two devices are both RMCM-controlled is also RMCM002.
    let both_controlled = agents
        .iter()
        .filter(|a| a.faults.contains(&Fault::SharedExtension) && !a.faults.contains(&Fault::NotRmcmControlled))
        .count();
    expected.push(("RMCM002", both_controlled));
    if spec.systematic() {
        // IMP003 once per user who controls a desk phone: the agents on their own phone (not
        // on an EM profile, not the Jabber client of a shared extension) and every other user
        // who owns one of the ordinary phones.
        let agent_desks = agents.iter().filter(|a| !a.profile).count();
        let owners = (agents.len()..spec.size.users).filter(|&i| plan::owned_phone(spec, agents.len(), i).is_some());
        expected.push(("IMP003", agent_desks + owners.count()));
    }
    let dial_plan = spec.dial_plan && form == Form::Bat;
    if dial_plan {
        expected.extend(dialplan::FAULTS);
    }
    let mut sorted = expected;
    sorted.sort();
    let mut plan = plan::plan(spec, &agents, &mut rng);
    if dial_plan {
        dialplan::assign(spec, &agents, &mut plan);
    }
    let files = match form {
        Form::Bat => bat::files(spec, &agents, &plan),
        Form::Axl => axl::files(spec, &agents, &plan),
    };
    Export { files, expected: sorted }
}
