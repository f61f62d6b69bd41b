//! EUC-TW, the Extended Unix Code of CNS 11643: Traditional Chinese as Taiwanese Unix
//! systems stored it (the `zh_TW.EUC` locales of Solaris, HP-UX and AIX). encoding_rs
//! does not decode it, and Big5 files are no help: the two share no byte layout.
//!
//! The byte layout:
//!
//! * `00–7F`: ASCII;
//! * `A1–FE A1–FE`: a character of CNS 11643 plane 1 (each byte is the 7-bit code with
//!   its high bit set);
//! * `8E A1–B0 A1–FE A1–FE`: single shift 2, a plane number (`A1` plane 1 … `B0` plane
//!   16), then a character of that plane.
//!
//! Every plane glibc knows is decoded ([`super::cns`]): 1 and 2 (every character Big5
//! has), 3 to 7 and 15. A well-formed code with no character (an empty plane or cell) is
//! one malformed sequence; so is a lead byte not followed by what it needs, which is dropped (with the
//! plane byte of a single shift), so an ASCII byte after it (a line break) is read again
//! as itself.

use super::Decoded;

/// Decode EUC-TW `bytes`; malformed offsets are reported relative to `base`.
pub fn decode(bytes: &[u8], base: usize) -> Decoded {
    let mut out = Decoded {
        text: String::with_capacity(bytes.len() * 3 / 2),
        ..Decoded::default()
    };
    let high = |b: &u8| (0xA1..=0xFE).contains(b);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            out.text.push(char::from(b));
            i += 1;
            continue;
        }
        let (plane, at) = match (b, bytes.get(i + 1)) {
            (0x8E, Some(&p @ 0xA1..=0xB0)) => (usize::from(p - 0xA0), i + 2),
            (0x8E, _) => (0, i),
            _ => (1, i),
        };
        let pair = bytes
            .get(at..at + 2)
            .filter(|p| plane > 0 && p.iter().all(high));
        match pair {
            Some(&[row, col]) => {
                match super::cns::char_at(plane, row & 0x7F, col & 0x7F) {
                    Some(c) => out.text.push(c),
                    None => out.malformed_at(base + i),
                }
                i = at + 2;
            }
            // The lead (with its plane byte) is dropped; what follows is read again.
            _ => {
                out.malformed_at(base + i);
                i = at.max(i + 1);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tw(bytes: &[u8]) -> (String, Vec<usize>) {
        let d = decode(bytes, 0);
        (d.text, d.malformed)
    }

    #[test]
    fn planes_one_and_two_as_iconv_writes_them() {
        // `iconv -t EUC-TW` of 中文，繁體字：一乂
        let bytes =
            b"\xc4\xe3\xc5\xc6\xa1\xa2\xf4\xed\xfc\xd5\xc7\xf3\xa1\xa8\xc4\xa1\x8e\xa2\xa1\xa1\n";
        assert_eq!(tw(bytes), ("中文，繁體字：一乂\n".into(), vec![]));
        // Plane 1 may also be written with its single shift; 𠀀 is plane 5 2125.
        assert_eq!(tw(b"a\x8e\xa1\xc4\xa1b"), ("a一b".into(), vec![]));
        assert_eq!(tw(b"\x8e\xa5\xa1\xa5x"), ("𠀀x".into(), vec![]));
    }

    #[test]
    fn codes_outside_the_table_are_one_malformed_sequence_each() {
        // Plane 8 is empty; FD CC is past plane 1's last character.
        assert_eq!(tw(b"\x8e\xa8\xa1\xa1x"), ("\u{FFFD}x".into(), vec![0]));
        assert_eq!(tw(b"\xfd\xcc\xc4\xa1"), ("\u{FFFD}一".into(), vec![0]));
    }

    #[test]
    fn a_broken_code_keeps_the_ascii_after_it() {
        assert_eq!(tw(b"\xc4\n\xc4\xa1"), ("\u{FFFD}\n一".into(), vec![0]));
        assert_eq!(
            tw(b"\x8e\xa2\xa1\r\n"),
            ("\u{FFFD}\u{FFFD}\r\n".into(), vec![0, 2])
        );
        assert_eq!(tw(b"\x8e\n"), ("\u{FFFD}\n".into(), vec![0]));
        assert_eq!(tw(b"\x80\xff"), ("\u{FFFD}\u{FFFD}".into(), vec![0, 1]));
        // Offsets count from the base.
        assert_eq!(decode(b"\xc4", 10).malformed, vec![10]);
    }
}
