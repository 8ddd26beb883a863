//! Deterministic random texts for the property tests of the readers.

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

/// `count` texts, each of fewer than `max_pieces` of `pieces` in a row, drawn from `seed` by the
/// workspace's one generator (rand's ChaCha8, as `uclint-synth` uses): the same seed gives the
/// same texts on every machine.
pub(crate) fn random_texts<'p>(
    pieces: &'p [&'p str],
    count: usize,
    max_pieces: u64,
    seed: u64,
) -> impl Iterator<Item = String> + 'p {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..count).map(move |_| {
        let length = rng.random_range(0..max_pieces);
        (0..length).map(|_| pieces[rng.random_range(0..pieces.len())]).collect()
    })
}

#[test]
fn texts_vary_in_length_and_content() {
    let texts: Vec<String> = random_texts(&["a", "b", "é"], 2_000, 9, 11).collect();
    let distinct: std::collections::HashSet<&String> = texts.iter().collect();
    // About 880 are expected: short texts of three pieces repeat.
    assert!(distinct.len() > 700, "{} distinct texts", distinct.len());
    assert!(texts.iter().any(String::is_empty) && texts.iter().any(|t| t.chars().count() == 8));
    assert_eq!(texts, random_texts(&["a", "b", "é"], 2_000, 9, 11).collect::<Vec<_>>());
}
