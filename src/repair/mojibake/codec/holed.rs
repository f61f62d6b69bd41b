//! Reading double-byte text whose holes stayed unknown, one U+FFFD per character they
//! touch, without losing the characters after them.
//!
//! A byte the wrong decoder rejected may be a lead or a trail in the real encoding. Left
//! as 0xFF (which GBK and Big5 never use) it decodes as a character of its own, and the
//! real decoder then pairs every byte after it one off: Big5 `受的值。` read as GBK lost
//! `A8 FC AA` (of `A8FC AABA ADC8 A143`), and the three holes read back as
//! `���滬龰C` where the surviving bytes say `��值。`.
//!
//! So the bytes are walked by the real encoding's structure (a byte below 0x81 is a
//! character; 0x81–0xFE leads a pair, or a GB18030 four-byte sequence; a hole where a
//! character starts leads one), every character holding a hole becomes one U+FFFD, and
//! the stretches between are decoded as usual.

use super::{decode_lossy, Enc};

/// `bytes` read as `enc`, the bytes at `holes` unknown (see the module documentation).
/// UTF-8 resynchronises by itself and a single-byte code page has nothing to align, so
/// for them this is [`decode_lossy`].
pub fn decode_holed(bytes: &[u8], holes: &[usize], enc: Enc) -> String {
    if holes.is_empty() || matches!(enc, Enc::Utf8 | Enc::Single) {
        return decode_lossy(bytes, enc);
    }
    let mut hole = vec![false; bytes.len()];
    for &h in holes {
        if let Some(slot) = hole.get_mut(h) {
            *slot = true;
        }
    }
    let mut out = String::with_capacity(bytes.len() * 2);
    let mut certain_from = 0;
    let mut i = 0;
    while i < bytes.len() {
        let len = char_len(bytes, |k| hole[k], i, enc);
        if hole[i..i + len].contains(&true) {
            out.push_str(&decode_lossy(&bytes[certain_from..i], enc));
            out.push('\u{FFFD}');
            certain_from = i + len;
        }
        i += len;
    }
    out.push_str(&decode_lossy(&bytes[certain_from..], enc));
    out
}

/// How many bytes the character at `i` takes, as the real decoder parses it (encoding_rs
/// consumes a malformed pair whole unless its second byte is ASCII, which it reads again),
/// the bytes where `hole` says so unknown. Hole filling's windows walk the same way.
pub fn char_len(bytes: &[u8], hole: impl Fn(usize) -> bool, i: usize, enc: Enc) -> usize {
    let next = bytes.get(i + 1).copied();
    let next_hole = next.is_some() && hole(i + 1);
    if hole(i) {
        // A rejected byte is never ASCII: where a character starts it leads one, and takes
        // the next byte if that could be a trail (every trail is 0x40 or above).
        return match next {
            Some(n) if next_hole || n >= 0x40 => 2,
            _ => 1,
        };
    }
    let b = bytes[i];
    let Some(n) = next else { return 1 };
    if !(0x81..=0xFE).contains(&b) {
        return 1;
    }
    if next_hole || n >= 0x80 {
        return 2;
    }
    match enc {
        Enc::Gbk if n.is_ascii_digit() => {
            let four = bytes
                .get(i + 2)
                .is_some_and(|&c| (0x81..=0xFE).contains(&c))
                && bytes.get(i + 3).is_some_and(u8::is_ascii_digit)
                && !hole(i + 2)
                && !hole(i + 3);
            if four {
                4
            } else {
                1
            }
        }
        _ if (0x40..=0x7E).contains(&n) => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big5(s: &str) -> Vec<u8> {
        super::super::encode(s, Enc::Big5).expect("Big5 text").bytes
    }

    #[test]
    fn holes_that_straddle_characters_keep_what_follows() {
        // 受的值。當 = A8FC AABA ADC8 A143 B7ED; GBK rejected A8, FC and AA.
        let bytes = big5("受的值。當");
        assert_eq!(
            decode_holed(&bytes, &[0, 1, 2], Enc::Big5),
            "\u{FFFD}\u{FFFD}值。當"
        );
        // Left as 0xFF, the same bytes read one off.
        let mut ff = bytes.clone();
        ff[..3].fill(0xFF);
        assert_ne!(decode_lossy(&ff, Enc::Big5), "\u{FFFD}\u{FFFD}值。當");
    }

    #[test]
    fn a_hole_after_a_lead_is_its_trail() {
        // 值 = ADC8: the trail lost.
        let bytes = big5("值a");
        assert_eq!(decode_holed(&bytes, &[1], Enc::Big5), "\u{FFFD}a");
        assert_eq!(decode_holed(&bytes, &[1], Enc::Cp950), "\u{FFFD}a");
    }

    #[test]
    fn a_hole_before_a_byte_that_cannot_trail_stands_alone() {
        let mut bytes = big5("值")[..1].to_vec();
        bytes.extend_from_slice(b" x");
        assert_eq!(decode_holed(&bytes, &[0], Enc::Big5), "\u{FFFD} x");
    }

    #[test]
    fn gbk_four_byte_sequences_are_one_character() {
        // € is GB18030 A2E3; U+00B7 `·` is A1A4; U+0080 is the four-byte 81 30 81 30.
        let mut bytes = vec![0x81, 0x30, 0x81, 0x30];
        bytes.extend_from_slice(&[0xC4, 0xE3, 0xBA, 0xC3]);
        assert_eq!(decode_holed(&bytes, &[6], Enc::Gbk), "\u{80}你\u{FFFD}");
    }

    #[test]
    fn without_holes_or_for_utf8_it_is_the_plain_decode() {
        let bytes = big5("值。");
        assert_eq!(decode_holed(&bytes, &[], Enc::Big5), "值。");
        assert_eq!(decode_holed(b"a\xFFb", &[1], Enc::Utf8), "a\u{FFFD}b");
    }
}
