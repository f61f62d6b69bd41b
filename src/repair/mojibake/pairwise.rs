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
//!   Which ASCII byte is lost; a space is put back, the commonest after Chinese text
//!   (newlines come next; both cost one edit when wrong, as dropping it would).
//!
//! A `?` at the very end may have been one byte alone (the decoder ran out of input).
//!
//! Each `?` is expanded to the pair whose local decoding the model likes best, left to
//! right; the caller counts them as guesses.

use super::codec::Enc;
use super::fill::{self, Around, Document};
use super::holes;

/// The ASCII byte put back for a lost one.
const LOST_ASCII: u8 = b' ';

/// Expand the `?` of `bytes` that break UTF-8 into the two bytes each stood for; `None`
/// when that does not give valid UTF-8. Returns the bytes and how many `?` were expanded.
pub fn expand(bytes: &[u8], doc: &Document) -> Option<(Vec<u8>, usize)> {
    if !bytes.contains(&b'?') {
        return None;
    }
    let segment = Around::segment(&String::from_utf8_lossy(bytes), doc);
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len() + 16);
    let mut expanded = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let pending = unfinished(&out);
        let orphan_next = bytes.get(i + 1).is_some_and(|&n| is_cont(n));
        if b != b'?' || (pending == 0 && !orphan_next) {
            out.push(b);
            continue;
        }
        let pair = best_pair(&out, &bytes[i + 1..], &segment)?;
        out.extend_from_slice(&pair);
        expanded += 1;
    }
    std::str::from_utf8(&out).ok()?;
    (expanded > 0).then_some((out, expanded))
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

/// The two bytes a `?` stood for (one at the very end), between `before` (already
/// expanded) and `after`.
fn best_pair(before: &[u8], after: &[u8], segment: &Around) -> Option<Vec<u8>> {
    let start = holes::window_start(before, before.len(), Enc::Utf8);
    let end = after
        .iter()
        .position(|&b| b == b'?')
        .unwrap_or(after.len())
        .min(12);
    let (open, open_carried) = segment.open_before(&String::from_utf8_lossy(&before[..start]));
    let mut around = Around {
        open,
        open_carried,
        ..segment.clone()
    };
    // At the end of the segment the decoder may have had one byte only.
    let last = if after.is_empty() { 0x80..0xC0u8 } else { 0..0 };
    let candidates = (0x80..=0xFFu8)
        .map(|y| vec![0x80, y])
        .chain((0x80..0xC0u8).map(|x| vec![x, LOST_ASCII]))
        .chain(last.map(|x| vec![x]));
    let mut best: Option<(f32, Vec<u8>)> = None;
    let mut window = Vec::with_capacity(32);
    for pair in candidates {
        window.clear();
        window.extend_from_slice(&before[start..]);
        window.extend_from_slice(&pair);
        window.extend_from_slice(&after[..end]);
        // Only the bytes up to the window's last complete character must be valid.
        let valid = match std::str::from_utf8(&window) {
            Ok(_) => window.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => continue,
        };
        if valid < before.len() - start + pair.len() {
            continue;
        }
        let text = std::str::from_utf8(&window[..valid]).ok()?;
        around.at_end = valid == window.len() && end == after.len();
        let bound = best.as_ref().map_or(f32::INFINITY, |(c, _)| *c);
        match fill::fill_cost_below(text, &around, bound) {
            Some(cost) if cost < bound => best = Some((cost, pair)),
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
    fn a_real_question_mark_stays() {
        assert!(expand("什么?".as_bytes(), &Document::default()).is_none());
    }
}
