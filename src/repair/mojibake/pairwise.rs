//! UTF-8 read by a pairwise GBK decoder that turns a bad pair into one `?`: a lead byte
//! followed by a byte that cannot trail it (ASCII below 0x40, say), or the byte 0x80,
//! which code page 936 does not use as a lead, becomes `?` and **both bytes are
//! consumed** (the seed site's decoder, see `docs/corruption.md`). Re-encoded as GBK,
//! such text is UTF-8 with a `?` where two bytes were.
//!
//! UTF-8 is self-checking, so those `?` are the ones that leave a multi-byte sequence
//! unfinished or continuation bytes without a lead. Each stood for one of:
//! * `80 Y`: Y any high byte (it goes on with the next character's bytes);
//! * `X A`: X the last continuation byte of a character, A an ASCII byte below 0x40.
//!   Which ASCII byte is lost the bytes say only in part ([`lost_ascii`]): the
//!   parenthesis the line lacks, else a space, the commonest after Chinese text (line
//!   breaks come next, but zhfix keeps every line break where it was and adds none; a
//!   wrong byte costs one edit, as dropping it would).
//!
//! A `?` at the very end may have been one byte alone (the decoder ran out of input).
//!
//! Each `?` is expanded to the pair whose local decoding the model likes best, left to
//! right; the caller counts them as guesses.

use super::codec::Enc;
use super::fill::{self, Around, Document};
use super::holes;

/// The ASCII byte a `?` lost with the last byte of a character, given the bytes `after`
/// it, how many `(` the segment holds open before it, and whether a `)` follows it
/// anywhere in the segment.
///
/// On the dev corpus's site-pairwise cases (UTF-8 read by the seed site's decoder) lost
/// bytes are spaces 90 times of 163 and line breaks 50 (never put back: the line count
/// is kept), and the line's parentheses say when it was one of them: a `?` before a `)`
/// that nothing after it opens, with no other `?` between, lost the `(` 4 times of 4
/// (`套接字?socket)`); a `?` after a `(` still open, with no `)` further on the line, lost
/// the `)` 2 times of 2 (`(青木修?, Debian`).
fn lost_ascii(after: &[u8], open: usize, closer_ahead: bool) -> u8 {
    let mut depth = 0usize;
    for &b in after.iter().take_while(|&&b| b != b'?') {
        match b {
            b'(' => depth += 1,
            b')' if depth == 0 => return b'(',
            b')' => depth -= 1,
            _ => {}
        }
    }
    if open > 0 && !closer_ahead {
        b')'
    } else {
        b' '
    }
}

/// Expand the `?` of `bytes` that break UTF-8 into the two bytes each stood for; `None`
/// when that does not give valid UTF-8. Returns the bytes and how many `?` were expanded.
pub fn expand(bytes: &[u8], doc: &Document) -> Option<(Vec<u8>, usize)> {
    if !bytes.contains(&b'?') {
        return None;
    }
    let segment = Around::segment(&String::from_utf8_lossy(bytes), doc);
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len() + 16);
    let mut expanded = 0;
    // The segment's `(` still open in `out`, and where its last `)` is.
    let mut open = 0usize;
    let last_closer = bytes.iter().rposition(|&b| b == b')');
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let pending = unfinished(&out);
        let orphan_next = bytes.get(i + 1).is_some_and(|&n| is_cont(n));
        if b != b'?' || (pending == 0 && !orphan_next) {
            track_parens(&mut open, b);
            out.push(b);
            i += 1;
            continue;
        }
        let ascii = lost_ascii(&bytes[i + 1..], open, last_closer.is_some_and(|c| c > i));
        let (pair, marks) = best_pair(&out, &bytes[i + 1..], &segment, ascii)?;
        for &t in &pair {
            track_parens(&mut open, t);
        }
        out.extend_from_slice(&pair);
        expanded += marks;
        i += marks;
    }
    std::str::from_utf8(&out).ok()?;
    (expanded > 0).then_some((out, expanded))
}

/// Count the `(` still open after the byte `b`.
fn track_parens(open: &mut usize, b: u8) {
    match b {
        b'(' => *open += 1,
        b')' => *open = open.saturating_sub(1),
        _ => {}
    }
}

pub(super) fn is_cont(b: u8) -> bool {
    (0x80..0xC0).contains(&b)
}

/// How many continuation bytes the sequence at the end of `out` still needs.
pub(super) fn unfinished(out: &[u8]) -> usize {
    let tail = out.len().saturating_sub(3);
    for (k, &b) in out[tail..].iter().enumerate().rev() {
        let need: usize = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ if is_cont(b) => continue,
            _ => return 0,
        };
        let have = out.len() - (tail + k);
        return need.saturating_sub(have);
    }
    0
}

/// The two bytes a `?` stood for (one at the very end; `ascii` where the second was a
/// lost ASCII byte), between `before` (already expanded) and `after`; or, where another
/// `?` follows, the four bytes the two stood for together (`80 y | 80 z`, a character
/// `y 80 z` between them: 一個 is `E4 B8 80 | E5 80 8B`, read as `涓??`), with how many
/// `?` the bytes replace.
///
/// Where the four bytes read, they are taken: the run `??` is what every character
/// `y 80 z` (個 們 者 這 性 。 「 …) makes after one that ends in 80, while the second
/// `?` as it stands would be a question mark right after a lost ASCII byte. The n-gram
/// model cannot weigh that: ASCII is cheap in it, and `满弓到 ?` cost 10 less than
/// `满弓刀。`. On dev the five `??` of the site-pairwise cases are all such characters.
/// Otherwise every candidate is scored in a window over the same bytes: with a second
/// `?` after it, a pair's window holds that `?` as it stands.
fn best_pair(before: &[u8], after: &[u8], segment: &Around, ascii: u8) -> Option<(Vec<u8>, usize)> {
    let start = holes::window_start(before, before.len(), Enc::Utf8);
    let twice = usize::from(after.first() == Some(&b'?'));
    let end = after[twice..]
        .iter()
        .position(|&b| b == b'?')
        .map_or(after.len(), |p| p + twice)
        .min(twice + 12);
    let (open, open_carried) = segment.open_before(&String::from_utf8_lossy(&before[..start]));
    let mut around = Around {
        open,
        open_carried,
        ..segment.clone()
    };
    // At the end of the segment the decoder may have had one byte only.
    let last = if after.is_empty() { 0x80..0xC0u8 } else { 0..0 };
    let quads = (twice == 1).then_some(0xE0..=0xEFu8).into_iter().flatten();
    let candidates = quads
        .flat_map(|y| (0x80..0xC0u8).map(move |z| (vec![0x80, y, 0x80, z], 2)))
        .chain((0x80..=0xFFu8).map(|y| (vec![0x80, y], 1)))
        .chain((0x80..0xC0u8).map(|x| (vec![x, ascii], 1)))
        .chain(last.map(|x| (vec![x], 1)));
    let mut best: Option<(f32, (Vec<u8>, usize))> = None;
    let mut window = Vec::with_capacity(32);
    for (bytes, marks) in candidates {
        if marks == 1 && best.as_ref().is_some_and(|(_, (_, m))| *m == 2) {
            break;
        }
        window.clear();
        window.extend_from_slice(&before[start..]);
        window.extend_from_slice(&bytes);
        window.extend_from_slice(&after[marks - 1..end]);
        // Only the bytes up to the window's last complete character must be valid.
        let valid = match std::str::from_utf8(&window) {
            Ok(_) => window.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => continue,
        };
        if valid < before.len() - start + bytes.len() {
            continue;
        }
        let text = std::str::from_utf8(&window[..valid]).ok()?;
        around.at_end = valid == window.len() && end == after.len();
        let bound = best.as_ref().map_or(f32::INFINITY, |(c, _)| *c);
        match fill::fill_cost_below(text, &around, bound) {
            Some(cost) if cost < bound => best = Some((cost, (bytes, marks))),
            _ => {}
        }
    }
    best.map(|(_, p)| p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_mark_stands_for_80_and_a_lead_byte() {
        // 所有 = E6 89 80 | E6 9C 89: 80 E6 made one `?`.
        let bytes = [0xE6, 0x89, b'?', 0x9C, 0x89];
        let (out, n) = expand(&bytes, &Document::default()).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "所有");
        assert_eq!(n, 1);
    }

    #[test]
    fn a_question_mark_before_ascii_lost_the_ascii_byte() {
        // 存在 -e: 在 = E5 9C A8; A8 with the space after it made one `?`.
        let bytes = [0xE5, 0xAD, 0x98, 0xE5, 0x9C, b'?', b'-', b'e'];
        let (out, _) = expand(&bytes, &Document::default()).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "存在 -e");
    }

    #[test]
    fn a_question_mark_lost_the_bracket_the_line_lacks() {
        // 字 = E5 AD 97: here its last byte went with a parenthesis or a space.
        let read = |text: &str| {
            let mut bytes = Vec::new();
            for c in text.chars() {
                let mut buf = [0; 4];
                let encoded = c.encode_utf8(&mut buf).as_bytes();
                match c {
                    '字' => bytes.extend_from_slice(&[encoded[0], encoded[1], b'?']),
                    _ => bytes.extend_from_slice(encoded),
                }
            }
            String::from_utf8(expand(&bytes, &Document::default()).unwrap().0).unwrap()
        };
        assert_eq!(read("the 套接字socket) API"), "the 套接字(socket) API");
        assert_eq!(read("see (中文字, below"), "see (中文字), below");
        // Balanced: a space.
        assert_eq!(read("the 套接字socket (API)"), "the 套接字 socket (API)");
        assert_eq!(read("(a) 套接字socket"), "(a) 套接字 socket");
    }

    #[test]
    fn a_real_question_mark_stays() {
        assert!(expand("什么?".as_bytes(), &Document::default()).is_none());
    }
}
