//! Deterministic random texts for the property tests of the readers.

/// `count` texts, each of fewer than `max_pieces` of `pieces` in a row, drawn by a 64-bit linear
/// congruential generator from `seed`: the same seed gives the same texts on every machine.
pub(crate) fn random_texts<'p>(
    pieces: &'p [&'p str],
    count: usize,
    max_pieces: u64,
    seed: u64,
) -> impl Iterator<Item = String> + 'p {
    let mut state = seed;
    let mut step = move || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    };
    (0..count).map(move |_| {
        // A step of its own for the length, so that an empty text does not repeat forever.
        let length = step() % max_pieces;
        (0..length).map(|_| pieces[step() as usize % pieces.len()]).collect()
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
