//! Taking back guesses no model ranks (see [`unguess_unranked`]).

use super::super::pairwise::is_cont;
use crate::model::{is_han, Model};

/// Take back the guesses the model did not rank: a UTF-8 character a hole was filled in
/// that the model has never seen in Chinese text won on its class alone (a lead `D4`
/// before a lost trail is any of 64 Cyrillic and Armenian letters, `CE` also the
/// unassigned U+0380), so the bytes left do not determine it. It becomes U+FFFD (written
/// `EF BF BD`, one character for the whole sequence) and is lost, not guessed. Returns
/// the new bytes and how many guessed holes were taken back, if any were. (Han
/// characters are ranked whether or not the model saw them: unseen ones pay the
/// unseen-Han cost, and the document's vocabulary and script still weigh them.)
///
/// In 锟斤拷 text (`kunkao`) every guess is taken back: the characters its first decode
/// kept are GBK bytes that formed UTF-8 by chance (`汾` of 版), noise no model of Chinese
/// can rank, a Han character (`飬` or `飯`) no more than a letter.
pub(super) fn unguess_unranked(
    bytes: &[u8],
    holes: &[usize],
    kunkao: bool,
) -> Option<(Vec<u8>, usize)> {
    let model = Model::get();
    let ranked = |c: char| c == '\u{FFFD}' || (!kunkao && (is_han(c) || model.knows(c)));
    // Holes still 0xFF were not filled; the others sit in a filled character.
    let mut unranked: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
    for &h in holes.iter().filter(|&&h| bytes[h] != 0xFF) {
        match utf8_char_at(bytes, h) {
            Some((range, c)) if !ranked(c) => match unranked.last_mut() {
                Some((last, n)) if *last == range => *n += 1,
                _ => unranked.push((range, 1)),
            },
            _ => {}
        }
    }
    if unranked.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut pos = 0;
    for (range, _) in &unranked {
        out.extend_from_slice(&bytes[pos..range.start]);
        out.extend_from_slice("\u{FFFD}".as_bytes());
        pos = range.end;
    }
    out.extend_from_slice(&bytes[pos..]);
    Some((out, unranked.iter().map(|(_, n)| n).sum()))
}

/// The UTF-8 character of `bytes` that byte `at` belongs to, with its byte range, if
/// the bytes around `at` form one.
fn utf8_char_at(bytes: &[u8], at: usize) -> Option<(std::ops::Range<usize>, char)> {
    let mut start = at;
    while start > 0 && at - start < 3 && is_cont(bytes[start]) {
        start -= 1;
    }
    let len = match bytes[start] {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let range = start..start + len;
    if range.end <= at {
        return None;
    }
    let c = std::str::from_utf8(bytes.get(range.clone())?)
        .ok()?
        .chars()
        .next()?;
    Some((range, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_belongs_to_the_character_around_it() {
        let bytes = "aԪ中".as_bytes();
        assert_eq!(utf8_char_at(bytes, 2), Some((1..3, 'Ԫ')));
        assert_eq!(utf8_char_at(bytes, 1), Some((1..3, 'Ԫ')));
        assert_eq!(utf8_char_at(bytes, 5), Some((3..6, '中')));
        assert_eq!(utf8_char_at(bytes, 0), None);
        // A continuation byte with no lead before it.
        assert_eq!(utf8_char_at(&[b'a', 0xAA, 0xAA], 2), None);
    }

    #[test]
    fn only_unranked_characters_are_taken_back() {
        // Ԫ (D4 AA, a hole at its AA) the model never saw; 中 (a hole at its last byte).
        let bytes = "aԪ中".as_bytes();
        let (out, n) = unguess_unranked(bytes, &[2, 5], false).expect("one taken back");
        assert_eq!(
            (String::from_utf8(out).as_deref(), n),
            (Ok("a\u{FFFD}中"), 1)
        );
        // In 锟斤拷 text both.
        let (out, n) = unguess_unranked(bytes, &[2, 5], true).expect("both taken back");
        assert_eq!(
            (String::from_utf8(out).as_deref(), n),
            (Ok("a\u{FFFD}\u{FFFD}"), 2)
        );
        assert!(unguess_unranked("中".as_bytes(), &[2], false).is_none());
    }
}
