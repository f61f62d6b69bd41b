//! The certain part of a lossy reading: what the surviving bytes say, with U+FFFD where
//! a guess went. It is what a lossy line tells the rest of its document
//! ([`super::fill::Document`]): its guesses are not evidence, the characters its bytes
//! determine are.

use super::codec::{self, Enc, Encoded};

/// `text` undone along `chain` with every hole left unfilled: only what its surviving
/// bytes say (U+FFFD where a guess would go), the part of a lossy reading that is
/// evidence for the rest of its document. `reading` is the segment's reading, holes
/// filled: a hole is one byte, and where it was a lead byte its character takes the next
/// byte as trail, so the bytes after it are read in the alignment the reading chose
/// (`�坠⒘渑v` is 修飾鍵權 with 修 guessed, not `�袡Ⅸ靻v`, which a placeholder byte
/// standing alone would give). Characters with a hole among their bytes become U+FFFD.
/// Over several layers, or when the reading does not re-encode onto the surviving bytes,
/// the bytes are read in the real encoding's own alignment ([`codec::decode_holed`]).
pub fn certain(text: &str, chain: &[(Enc, Enc)], reading: &str) -> Option<String> {
    if let [(wrong, real)] = *chain {
        if let Some(aligned) = certain_aligned(text, wrong, real, reading) {
            return Some(aligned);
        }
    }
    let mut current = text.to_string();
    for &(wrong, real) in chain {
        let Encoded { bytes, holes } = codec::encode_for(&current, wrong, real)?;
        current = codec::decode_holed(&bytes, &holes, real);
    }
    Some(current)
}

/// [`certain`] for one layer, read in `reading`'s alignment; `None` when `reading`'s
/// bytes in `real` differ from `text`'s in `wrong` anywhere but at a hole.
fn certain_aligned(text: &str, wrong: Enc, real: Enc, reading: &str) -> Option<String> {
    let garbled = codec::encode_for(text, wrong, real)?;
    aligned(&garbled.bytes, &garbled.holes, real, reading)
}

/// The certain part of `bytes` (with `holes` filled by guesses) read as `real`: the
/// characters whose bytes are all real, in the alignment the guesses give, U+FFFD for
/// the rest. What hole filling's second look knows of its own segment
/// ([`super::holes`]).
pub fn of_filled(bytes: &[u8], holes: &[usize], real: Enc) -> Option<String> {
    aligned(bytes, holes, real, &codec::decode_lossy(bytes, real))
}

/// `reading` with U+FFFD for each character that has one of `holes` among its bytes in
/// `real`; `None` when `reading` does not re-encode onto the other `bytes`.
fn aligned(bytes: &[u8], holes: &[usize], real: Enc, reading: &str) -> Option<String> {
    let is_hole = |i: usize| holes.binary_search(&i).is_ok();
    let mut out = String::with_capacity(reading.len());
    let mut at = 0;
    for c in reading.chars() {
        // Each character once, for its bytes and their span (a U+FFFD the reading kept
        // is a placeholder byte, which matches anything).
        let own = codec::encode(c.encode_utf8(&mut [0; 4]), real)?;
        let end = at + own.bytes.len();
        let theirs = bytes.get(at..end)?;
        let mut hole = false;
        for (k, (a, b)) in own.bytes.iter().zip(theirs).enumerate() {
            if is_hole(at + k) {
                hole = true;
            } else if a != b && own.holes.is_empty() {
                return None;
            }
        }
        out.push(if hole { '\u{FFFD}' } else { c });
        at = end;
    }
    (at == bytes.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 修飾鍵權值 in Big5 read by a GBK decoder that replaces a byte it cannot pair with
    /// U+FFFD: 修's lead AD goes, and its trail D7 pairs with 飾's lead as 坠.
    const GARBLED: &str = "\u{FFFD}坠⒘渑v\u{FFFD}\u{FFFD}";

    #[test]
    fn a_lost_lead_byte_keeps_the_reading_s_alignment() {
        let chain = [(Enc::Gbk, Enc::Big5)];
        assert_eq!(
            certain(GARBLED, &chain, "修飾鍵權值").as_deref(),
            Some("\u{FFFD}飾鍵權\u{FFFD}")
        );
    }

    #[test]
    fn a_reading_off_the_surviving_bytes_falls_back_to_the_encoding_s_alignment() {
        // Each hole where a character starts leads one: the same certain text, without
        // the reading's help (a placeholder byte standing alone gave `�袡Ⅸ靻v��`).
        let chain = [(Enc::Gbk, Enc::Big5)];
        let alone = certain(GARBLED, &chain, "不相干的字").unwrap();
        assert_eq!(alone, "\u{FFFD}飾鍵權\u{FFFD}");
    }

    #[test]
    fn filled_bytes_are_certain_where_no_hole_is() {
        let garbled = codec::encode(GARBLED, Enc::Gbk).unwrap();
        let mut bytes = garbled.bytes.clone();
        // Any guess for 修's lead (here 8A: 謖) aligns what follows as Big5 reads it.
        bytes[garbled.holes[0]] = 0x8A;
        for &h in &garbled.holes[1..] {
            bytes[h] = 0xFF;
        }
        assert_eq!(
            of_filled(&bytes, &garbled.holes, Enc::Big5).as_deref(),
            Some("\u{FFFD}飾鍵權\u{FFFD}\u{FFFD}")
        );
    }
}
