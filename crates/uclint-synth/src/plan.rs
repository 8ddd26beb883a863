//! The cluster a synthetic export describes, before it is written in one export form: the
//! phones, profiles and line-group members every form shares.

use rand::rngs::ChaCha8Rng;
use rand::RngExt;

use crate::{Agent, Fault, Spec};

/// The partition of every DN.
pub(crate) const PT: &str = "PT_Internal";
/// The `Device Type` of a CTI port (formats.md §17).
pub(crate) const CTI_PORT: &str = "CTI Port";
/// The RMCM application user.
pub(crate) const RMCM: &str = "uccxrmcmuser";
/// The most lines a device has.
pub(crate) const MAX_LINES: usize = 6;

/// One line as written.
pub(crate) struct LineOut {
    pub index: usize,
    pub dn: String,
    pub max_calls: u32,
    pub busy_trigger: u32,
    /// The DN's partition when the dial plan sets one; [`PT`] otherwise.
    pub partition: Option<&'static str>,
}

pub(crate) struct DeviceOut {
    pub name: String,
    pub model: &'static str,
    pub owner: String,
    pub rmcm: bool,
    pub lines: Vec<LineOut>,
    /// The device CSS and every line's CSS when the dial plan sets them; `CSS_Internal` otherwise.
    pub css: Option<DeviceCss>,
}

/// The calling search spaces of a device under the dial plan (`crate::dialplan`).
pub(crate) struct DeviceCss {
    /// The device's `CSS`.
    pub device: String,
    /// Every line's `Line CSS n` (empty: none).
    pub line: String,
    /// The application users that control the device (CTI ports), in `Application User n`.
    pub app_user: Option<&'static str>,
}

/// The devices of a cluster.
pub(crate) struct Plan {
    /// Phones: agents' devices, their shared-extension Jabber clients, then ordinary phones.
    pub phones: Vec<DeviceOut>,
    /// User device profiles: agents' EM profiles, then ordinary users' profiles.
    pub profiles: Vec<DeviceOut>,
    /// The DNs that line groups hold, ten per group.
    pub line_group_members: Vec<String>,
}

/// The lines of an ordinary phone or profile: 1 to 6 lines with fresh DNs.
fn ordinary_lines(rng: &mut ChaCha8Rng, next_dn: &mut u64) -> Vec<LineOut> {
    let count = rng.random_range(1..=MAX_LINES);
    (1..=count)
        .map(|index| {
            *next_dn += 1;
            LineOut { index, dn: next_dn.to_string(), max_calls: 4, busy_trigger: 2, partition: None }
        })
        .collect()
}

fn agent_lines(agent: &Agent, next_dn: &mut u64) -> Vec<LineOut> {
    let ipcc = |index| LineOut {
        index,
        dn: agent.extension.clone(),
        max_calls: if agent.faults.contains(&Fault::MaxCalls) { 4 } else { 2 },
        busy_trigger: if agent.faults.contains(&Fault::BusyTrigger) { 2 } else { 1 },
        partition: None,
    };
    if agent.faults.contains(&Fault::BeyondFourthLine) {
        let mut lines: Vec<LineOut> = (1..=4)
            .map(|index| {
                *next_dn += 1;
                LineOut { index, dn: next_dn.to_string(), max_calls: 4, busy_trigger: 2, partition: None }
            })
            .collect();
        lines.push(ipcc(5));
        lines
    } else {
        vec![ipcc(1)]
    }
}

/// A value that looks random but is a fixed function of object `n` and `salt`: the fake digests,
/// passwords and uuids of the exports. Not drawn from the generator, so that a value depends only
/// on its object, never on how many draws came before it.
pub(crate) fn mix(n: usize, salt: u64) -> u64 {
    (n as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt
}

/// [`mix`] in hexadecimal, repeated to `len` characters: a fake hash or credential.
pub(crate) fn fake_hex(n: usize, salt: u64, len: usize) -> String {
    let mut hex = format!("{:016x}", mix(n, salt));
    while hex.len() < len {
        hex = hex.repeat(2);
    }
    hex.truncate(len);
    hex
}

/// The name of the `i`th ordinary phone (after the agents' devices).
fn ordinary_phone_name(i: usize) -> String {
    format!("SEP{:012X}", 0x0011_0000_0000u64 + i as u64)
}

/// The first ordinary phone that user `user` (its index among all users, agents first) owns,
/// if any: phone `i` belongs to user `agents + i % (users - agents)`, as [`plan`] lays them out.
pub(crate) fn owned_phone(spec: &Spec, agents: usize, user: usize) -> Option<String> {
    let first = user.checked_sub(agents)?;
    (first < spec.size.phones && first < spec.size.users.saturating_sub(agents)).then(|| ordinary_phone_name(first))
}

/// Lays out the devices; the random choices (lines per device) come from `rng`.
pub(crate) fn plan(spec: &Spec, agents: &[Agent], rng: &mut ChaCha8Rng) -> Plan {
    let size = spec.size;
    let mut next_dn: u64 = 2_000_000;
    let mut phones: Vec<DeviceOut> = Vec::with_capacity(size.phones + agents.len() * 2);
    let mut profiles: Vec<DeviceOut> = Vec::with_capacity(size.device_profiles + agents.len());
    for agent in agents {
        let device = DeviceOut {
            name: agent.device.clone(),
            model: "Cisco 8841",
            owner: agent.user.clone(),
            rmcm: !agent.faults.contains(&Fault::NotRmcmControlled),
            lines: agent_lines(agent, &mut next_dn),
            css: None,
        };
        if agent.profile {
            profiles.push(device);
        } else {
            phones.push(device);
        }
        if agent.faults.contains(&Fault::SharedExtension) {
            let ext = agent.extension.clone();
            phones.push(DeviceOut {
                name: format!("CSF{}", agent.user.to_uppercase()),
                model: "Cisco Unified Client Services Framework",
                owner: agent.user.clone(),
                rmcm: true,
                lines: vec![LineOut { index: 1, dn: ext, max_calls: 2, busy_trigger: 1, partition: None }],
                css: None,
            });
        }
    }
    let first_plain_user = agents.len();
    for i in 0..size.phones {
        let model = ["Cisco 8841", "Cisco 8845", "Cisco 7821", "Cisco 8865"][i % 4];
        phones.push(DeviceOut {
            name: ordinary_phone_name(i),
            model,
            owner: format!("user{:06}", first_plain_user + i % (size.users - first_plain_user).max(1)),
            rmcm: false,
            lines: ordinary_lines(rng, &mut next_dn),
            css: None,
        });
    }
    for i in 0..size.device_profiles {
        profiles.push(DeviceOut {
            name: format!("UDP_user{:06}", first_plain_user + i),
            model: "Cisco 8841",
            owner: format!("user{:06}", first_plain_user + i),
            rmcm: false,
            lines: ordinary_lines(rng, &mut next_dn),
            css: None,
        });
    }
    let line_group_members: Vec<String> = phones
        .iter()
        .skip(agents.len() * 2)
        .take(size.line_groups * 10)
        .flat_map(|p| p.lines.first().map(|l| l.dn.clone()))
        .collect();

    Plan { phones, profiles, line_group_members }
}
