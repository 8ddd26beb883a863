//! The work the readers do, counted in tests only: one step per event, per field, per cell a
//! parser looks at and per comparison a lookup makes, so that a test can bound how the work grows
//! with the input (no faster than the input, near enough). Outside tests, counting compiles to
//! nothing.

pub(crate) use counter::*;

#[cfg(not(test))]
mod counter {
    /// Counts nothing outside tests.
    #[inline(always)]
    pub(crate) fn add(_: usize) {}
}

#[cfg(test)]
mod counter {
    use std::cell::Cell;

    thread_local!(static STEPS: Cell<u64> = const { Cell::new(0) });

    /// Counts `steps` on this thread.
    pub(crate) fn add(steps: usize) {
        STEPS.with(|s| s.set(s.get() + steps as u64));
    }

    /// The steps counted on this thread since the last call.
    pub(crate) fn take() -> u64 {
        STEPS.with(|s| s.replace(0))
    }
}
