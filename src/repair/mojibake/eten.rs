//! Big5 the way Python's `big5`/`cp950` codecs and Windows code page 950 read it, next
//! to the WHATWG Big5 (browsers, encoding_rs) that `codec.rs` is built on.
//!
//! The two disagree on about 260 pairs, and the disagreement matters because GBK's
//! commonest characters live there: for C6A1–C7FC Python keeps the ETEN layout (kana,
//! circled numbers, radicals) where WHATWG has HKSCS's, so GBK 器 (C6 F7) read by Python
//! as Big5 is ん, which WHATWG writes back as C7 7A (GBK 莦). A dozen symbols in rows
//! A1–A2 differ too (Python's big5 reads A145 as •, WHATWG and cp950 as ‧).
//!
//! The facts come from `data/codec/big5_python.tsv`, Python's reading of those rows and
//! of the rows it rejects where WHATWG has characters (C8: WHATWG's ь is C8 72, Python's
//! C7 E5), regenerated and checked by `scripts/big5-python-rows.py`; which pairs differ is
//! decided against encoding_rs by build.rs (`codec_tables::python_big5`), so the file
//! never has to know about it.

use super::codec::find_record;
use super::codec_tables::decodes_to_one;
use encoding_rs::BIG5;

/// Pairs both Python decoders read alike, and otherwise than WHATWG, sorted by pair.
static DECODE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/codec/eten_decode.bin"));
/// Characters Python's reading made from another pair than WHATWG writes them at, sorted
/// by character; pair 00 00 for a character WHATWG puts on a remapped pair that Python's
/// rows never produce (ⅰ at C6B5): text holding it was not read by Python.
static ENCODE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/codec/eten_encode.bin"));

/// How Python's decoders make `c` differently from WHATWG's: `None` when they agree,
/// `Some(None)` when Python's Big5 could not have produced `c`, else the pair it came
/// from.
pub fn encode(c: char) -> Option<Option<[u8; 2]>> {
    let (_, pair) = find_record(ENCODE, |(k, _)| k.cmp(&c))?;
    Some((pair != [0, 0]).then_some(pair))
}

fn decode_pair(pair: [u8; 2]) -> Option<char> {
    find_record(DECODE, |(_, p)| p.cmp(&pair)).map(|(c, _)| c)
}

/// Does `text` hold a character Python's Big5 makes otherwise than WHATWG's? Without
/// one, the two readings of the text are the same bytes.
pub fn differs(text: &str) -> bool {
    text.chars().any(|c| !c.is_ascii() && encode(c).is_some())
}

/// The pair at each character boundary of `bytes` (read as Big5) whose Python reading
/// differs, with that reading.
fn remapped(bytes: &[u8]) -> Vec<(usize, char)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let pair = match bytes.get(i..i + 2) {
            Some(&[b, n]) if (0x81..=0xFE).contains(&b) => [b, n],
            _ => {
                i += 1;
                continue;
            }
        };
        // As encoding_rs: a lead takes any trail byte in range; an unmapped pair with an
        // ASCII trail gives that byte back.
        let trail = matches!(pair[1], 0x40..=0x7E | 0xA1..=0xFE);
        if !trail || (pair[1] < 0x80 && decodes_to_one(BIG5, &pair).is_none()) {
            i += 1;
            continue;
        }
        if let Some(c) = decode_pair(pair) {
            found.push((i, c));
        }
        i += 2;
    }
    found
}

/// Would reading `bytes` the Python way change anything?
pub fn touches(bytes: &[u8]) -> bool {
    !remapped(bytes).is_empty()
}

/// Decode `bytes` as Python's Big5: WHATWG's reading with the remapped pairs replaced
/// (they sit on character boundaries, so the pieces between decode as they would whole).
/// `strict`: `None` on any malformed sequence; else U+FFFD for it.
pub fn decode(bytes: &[u8], strict: bool) -> Option<String> {
    let mut out = String::with_capacity(bytes.len() * 2);
    let mut from = 0;
    let pieces = remapped(bytes).into_iter().map(Some).chain([None]);
    for at in pieces {
        let to = at.map_or(bytes.len(), |(i, _)| i);
        let piece = &bytes[from..to];
        if strict {
            out.push_str(&BIG5.decode_without_bom_handling_and_without_replacement(piece)?);
        } else {
            out.push_str(&BIG5.decode_without_bom_handling(piece).0);
        }
        if let Some((i, c)) = at {
            out.push(c);
            from = i + 2;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::repair::mojibake::codec_tables as t;

    static ROWS: &str = include_str!("../../../data/codec/big5_python.tsv");

    #[test]
    fn stored_rows_are_whole_and_well_formed() {
        // Seven rows of 157 trail bytes each, every line parsed, sorted by pair.
        let rows = t::parse_python_rows(ROWS);
        assert_eq!(rows.len(), 7 * 157);
        assert_eq!(
            ROWS.lines().filter(|l| !l.starts_with('#')).count(),
            rows.len()
        );
        assert!(rows.windows(2).all(|w| w[0].0 < w[1].0));
        // Where Python agrees with WHATWG (most of rows A1-A2), the rows say what
        // encoding_rs says: the file is Big5 as claimed, not shifted.
        let agree = rows
            .iter()
            .filter(|(p, b, _)| b.is_some() && *b == decodes_to_one(BIG5, p))
            .count();
        assert!(agree > 500, "{agree}");
    }

    #[test]
    fn compiled_tables_match_the_rows() {
        let (decode, encode) = t::python_big5(&t::parse_python_rows(ROWS), &t::encode_table(true));
        assert_eq!(t::records(&decode), DECODE);
        assert_eq!(t::records(&encode), ENCODE);
        // Both Python decoders read 249 pairs otherwise than WHATWG, all in the ETEN block
        // C6A1–C7FC (the A1–A2 symbols differ in big5 only). A change here means the rows
        // or encoding_rs changed.
        assert!(decode
            .iter()
            .all(|(_, p)| (*p >= [0xC6, 0xA1]) && (*p <= [0xC7, 0xFC])));
        assert_eq!(decode.len(), 249);
    }

    #[test]
    fn python_reads_the_eten_layout() {
        // Python 3: b'\xc6\xf7'.decode('big5') == 'ん'; encoding_rs reads it as け and
        // writes ん as C7 7A.
        assert_eq!(decode(&[0xC6, 0xF7], true).as_deref(), Some("ん"));
        assert_eq!(encode('ん'), Some(Some([0xC6, 0xF7])));
        assert_eq!(encode('•'), Some(Some([0xA1, 0x45])));
        // ① is C6A1 to WHATWG, C7E9 in ETEN; ⅰ (WHATWG C6B5) is not in Python's at all.
        assert_eq!(encode('①'), Some(Some([0xC7, 0xE9])));
        assert_eq!(encode('ⅰ'), Some(None));
        // WHATWG writes ь in the C8 row, which Python rejects.
        assert_eq!(encode('ь'), Some(Some([0xC7, 0xE5])));
        // Where both agree there is nothing to say.
        assert_eq!(encode('中'), None);
        assert_eq!(encode('／'), None);
        assert!(!differs("中文 text"));
        assert!(differs("ん"));
    }

    #[test]
    fn decoding_agrees_with_whatwg_off_the_remapped_pairs() {
        let bytes = [0xA4, 0xA4, b'a', 0xC6, 0xF7, 0xA4, 0xE5, 0x81, 0xC6, 0xF7];
        // 81 C6 is one (unmapped) pair, so the second C6 F7 is not ん.
        assert_eq!(
            decode(&bytes, false).as_deref(),
            Some("中aん文\u{FFFD}\u{FFFD}")
        );
        assert_eq!(decode(&bytes, true), None);
        assert!(!touches(&[0xA4, 0xA4]));
    }
}
