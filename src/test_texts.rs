//! Random texts for the property tests: pieces drawn from an alphabet by a fixed xorshift
//! generator, so every run tests the same texts and a failure names the one that broke.

/// `count` texts of up to `max_pieces - 1` pieces from `alphabet`, from `seed`.
pub fn random_texts<'a>(
    alphabet: &'a [&'a str],
    max_pieces: u64,
    count: usize,
    mut seed: u64,
) -> impl Iterator<Item = String> + 'a {
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..count).map(move |_| {
        let len = next() % max_pieces;
        (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect()
    })
}
