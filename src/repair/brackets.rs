//! The paired marks of Chinese text (`《》`, `“”`, `（）`, …). A lost byte is often one of
//! them (every CJK mark is an `A1 xx` or `A3 xx` pair in GBK, `E3 80 xx` or `E2 80 xx` in
//! UTF-8), and a mark is decided by its partner more than by its neighbours, so the
//! repairs that guess lost characters (`mojibake`'s hole filling, `misalign`'s search)
//! check closers against the openers before them.

/// Opener and closer.
const PAIRS: [(char, char); 9] = [
    ('《', '》'),
    ('（', '）'),
    ('「', '」'),
    ('『', '』'),
    ('【', '】'),
    ('〈', '〉'),
    ('〔', '〕'),
    ('“', '”'),
    ('‘', '’'),
];

/// Every closer.
pub fn closers() -> impl Iterator<Item = char> {
    PAIRS.iter().map(|p| p.1)
}

/// The closer of `c` if `c` is an opener.
pub fn closer_of(c: char) -> Option<char> {
    PAIRS.iter().find(|p| p.0 == c).map(|p| p.1)
}

/// The opener of `c` if `c` is a closer.
pub fn opener_of(c: char) -> Option<char> {
    PAIRS.iter().find(|p| p.1 == c).map(|p| p.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_go_both_ways() {
        assert_eq!(closer_of('“'), Some('”'));
        assert_eq!(opener_of('》'), Some('《'));
        assert_eq!(closer_of('”'), None);
        assert_eq!(opener_of('“'), None);
        assert_eq!(closer_of('('), None);
    }
}
