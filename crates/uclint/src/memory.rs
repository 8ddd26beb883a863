//! Resident memory as Linux reports it (`/proc/self/status`), for `--timings`: how much of a
//! run's peak is the model, and how much comes after it.

/// Resident memory now and at its peak so far, in KiB.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Memory {
    pub resident_kib: u64,
    pub peak_kib: u64,
}

impl Memory {
    /// Now; `None` where the system does not say (anything but Linux).
    pub fn now() -> Option<Memory> {
        parse(&std::fs::read_to_string("/proc/self/status").ok()?)
    }
}

/// `VmRSS` and `VmHWM` (the resident peak) of a `/proc/<pid>/status` text.
fn parse(status: &str) -> Option<Memory> {
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        line[name.len()..].trim().trim_end_matches("kB").trim().parse().ok()
    };
    Some(Memory { resident_kib: field("VmRSS:")?, peak_kib: field("VmHWM:")? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resident_and_peak_are_read_from_the_status_text() {
        let status = "Name:\tuclint\nVmPeak:\t  900000 kB\nVmHWM:\t  431260 kB\nVmRSS:\t  424100 kB\nThreads:\t3\n";
        assert_eq!(parse(status), Some(Memory { resident_kib: 424_100, peak_kib: 431_260 }));
        assert_eq!(parse("Name:\tuclint\n"), None);
    }
}
