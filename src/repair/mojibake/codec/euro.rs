//! GBK's one character with two byte forms. Code page 936 and browsers' GBK decoders
//! read the single byte 0x80 as €; GB18030's (iconv, Python, and browsers again) read the
//! pair A2 E3 as €. [`super::encode`] writes 0x80, the form a GBK encoder writes; text
//! that a GB18030 decoder garbled needs A2 E3 back, or the bytes around it read as
//! nothing at all. UTF-8 meets it wherever a character ending in A2 comes before one of
//! `。、《》「」` (E3 80 ..) and the GBK reading pairs the A2 with the E3 (one dev case in a
//! hundred): `止。` (E6 AD A2 E3 80 82) read as GB18030 is `姝€��`, and with € as 0x80
//! the line has no UTF-8 reading, so none of it is repaired.

use super::{encode, Enc, Encoded};
use crate::repair::mojibake::pairwise::unfinished;

/// [`encode`] in `wrong` for a reading as `real`: as [`encode`], with each € written in the
/// GBK form the bytes around it read as `real` ([`pair_reads_better`]).
pub fn encode_for(text: &str, wrong: Enc, real: Enc) -> Option<Encoded> {
    if wrong != Enc::Gbk || !text.contains('€') {
        return encode(text, wrong);
    }
    // Every € as 0x80 first (a continuation byte in UTF-8, as A2 is), remembering where.
    let mut plain = Encoded::default();
    let mut euros = Vec::new();
    for (i, piece) in text.split('€').enumerate() {
        if i > 0 {
            euros.push(plain.bytes.len());
            plain.bytes.push(0x80);
        }
        let next = encode(piece, wrong)?;
        let base = plain.bytes.len();
        plain.holes.extend(next.holes.iter().map(|h| base + h));
        plain.bytes.extend_from_slice(&next.bytes);
    }
    // Left to right, each € judged on the forms chosen before it and the bytes after it.
    let mut out = Encoded::default();
    let mut from = 0;
    let copy = |out: &mut Encoded, range: std::ops::Range<usize>| {
        let shift = out.bytes.len() - range.start;
        let holes = plain.holes.iter().filter(|h| range.contains(h));
        out.holes.extend(holes.map(|h| h + shift));
        out.bytes.extend_from_slice(&plain.bytes[range]);
    };
    for &at in &euros {
        copy(&mut out, from..at);
        let form: &[u8] = if pair_reads_better(&out, (&plain, at + 1), real) {
            &[0xA2, 0xE3]
        } else {
            &[0x80]
        };
        out.bytes.extend_from_slice(form);
        from = at + 1;
    }
    copy(&mut out, from..plain.bytes.len());
    Some(out)
}

/// Should a € between `before` and the bytes of `after` from its offset on be A2 E3
/// rather than 0x80, for `real`?
///
/// Big5 has no byte 0x80 and A2 E3 is one of its pairs: always. UTF-8: both forms are a
/// continuation byte, and A2 E3 starts a three-byte character after it, so the pair is
/// right where the character before € needs exactly one more byte and the two bytes
/// after it are continuation bytes (0x80 would leave them stranded). A hole right after
/// € also says pair: a GB18030 decoder rejects the continuation byte after E3 (it is no
/// lead), while after 0x80 comes a character's first byte, which it reads. Where the
/// bytes before € hold a hole the count is unknown, and € stays 0x80.
fn pair_reads_better(before: &Encoded, (after, from): (&Encoded, usize), real: Enc) -> bool {
    match real {
        Enc::Big5 | Enc::Cp950 => true,
        Enc::Utf8 => {
            // A hole among the last bytes leaves the count unknown.
            let tail = before.bytes.len().saturating_sub(3);
            if before.holes.last().is_some_and(|&h| h >= tail) || unfinished(&before.bytes) != 1 {
                return false;
            }
            let is_hole = |i: usize| after.holes.binary_search(&(from + i)).is_ok();
            let continuation = |i: usize| {
                after
                    .bytes
                    .get(from + i)
                    .is_some_and(|b| (0x80..0xC0).contains(b))
            };
            (0..2).all(|i| is_hole(i) || continuation(i))
        }
        Enc::Gbk | Enc::Single => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{decode_strict, Enc};
    use super::*;

    /// `encoded` with each hole filled from `fill`, read as strict UTF-8.
    fn filled(encoded: &Encoded, fill: &[u8]) -> Option<String> {
        let mut bytes = encoded.bytes.clone();
        assert_eq!(encoded.holes.len(), fill.len());
        for (&h, &b) in encoded.holes.iter().zip(fill) {
            bytes[h] = b;
        }
        decode_strict(&bytes, Enc::Utf8)
    }

    #[test]
    fn python_gb18030_reads_the_pair_and_rejects_what_follows() {
        // Python's gb18030 codec, errors='replace', on the UTF-8 of 止。 and 呢。好.
        let e = encode_for("姝€\u{FFFD}\u{FFFD}", Enc::Gbk, Enc::Utf8).unwrap();
        assert_eq!(e.bytes, [0xE6, 0xAD, 0xA2, 0xE3, 0, 0]);
        assert_eq!(e.holes, [4, 5]);
        assert_eq!(filled(&e, &[0x80, 0x82]).as_deref(), Some("止。"));
        let e = encode_for("鍛€\u{FFFD}傚ソ", Enc::Gbk, Enc::Utf8).unwrap();
        assert_eq!(filled(&e, &[0x80]).as_deref(), Some("呢。好"));
    }

    #[test]
    fn browsers_read_both_forms_and_both_come_back() {
        // encoding_rs reads A2 E3 and a lone 80 as €: 止。 is 姝€€ and a lost 82.
        for text in ["止。止。好", "丢。呢」好", "呢」", "好。的"] {
            let garbled = encoding_rs::GB18030
                .decode_without_bom_handling(text.as_bytes())
                .0;
            assert!(garbled.contains('€'), "{text}: {garbled}");
            let e = encode_for(&garbled, Enc::Gbk, Enc::Utf8).unwrap();
            let lost: Vec<u8> = e.holes.iter().map(|&h| text.as_bytes()[h]).collect();
            assert_eq!(filled(&e, &lost).as_deref(), Some(text), "{garbled}");
        }
    }

    #[test]
    fn other_readings_keep_the_code_page_byte() {
        for real in [Enc::Single, Enc::Gbk] {
            assert_eq!(encode_for("a€b", Enc::Gbk, real).unwrap().bytes, b"a\x80b");
        }
        assert_eq!(
            encode_for("a€b", Enc::Gbk, Enc::Big5).unwrap().bytes,
            b"a\xA2\xE3b"
        );
        let big5 = |t| encode_for(t, Enc::Big5, Enc::Utf8).map(|e| e.bytes);
        assert_eq!(big5("a€b"), encode("a€b", Enc::Big5).map(|e| e.bytes));
    }

    #[test]
    fn a_hole_before_the_euro_leaves_it_the_code_page_byte() {
        // Whether the character before € needs one more byte is unknown.
        let e = encode_for("\u{FFFD}€\u{FFFD}\u{FFFD}", Enc::Gbk, Enc::Utf8).unwrap();
        assert_eq!(e.bytes, [0, 0x80, 0, 0]);
    }
}
