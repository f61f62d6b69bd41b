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
//! decided here against encoding_rs, so the file never has to know about it. Only lines
//! the search already finds damaged get here: the table is parsed at first use.

use super::codec_tables::{decodes_to_one, encode_char};
use encoding_rs::BIG5;
use std::sync::OnceLock;

static ROWS: &str = include_str!("../../../data/codec/big5_python.tsv");

/// The pairs and characters where the Python flavour differs from WHATWG.
struct Flavour {
    /// Pairs both Python decoders read alike, and otherwise than WHATWG, sorted by pair.
    decode: Vec<([u8; 2], char)>,
    /// What Python's reading of a character must have come from, where WHATWG's encoder
    /// would say otherwise, sorted by character; `None` for a character WHATWG puts on
    /// a remapped pair that Python's rows never produce (ⅰ at C6B5): text holding it was
    /// not read by Python.
    encode: Vec<(char, Option<[u8; 2]>)>,
}

/// One stored line: the pair and what Python's big5 and cp950 read it as.
type Row = ([u8; 2], Option<char>, Option<char>);

fn parse(rows: &str) -> Vec<Row> {
    let cell = |s: &str| match s {
        "-" => None,
        s => s.chars().next(),
    };
    rows.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split('\t');
            let pair = u16::from_str_radix(f.next()?, 16).ok()?.to_be_bytes();
            Some((pair, cell(f.next()?), cell(f.next()?)))
        })
        .collect()
}

fn flavour() -> &'static Flavour {
    static FLAVOUR: OnceLock<Flavour> = OnceLock::new();
    FLAVOUR.get_or_init(|| build(&parse(ROWS)))
}

fn build(rows: &[Row]) -> Flavour {
    let whatwg = |pair: &[u8; 2]| decodes_to_one(BIG5, pair);
    let python_reads = |pair: &[u8], c: char| {
        rows.iter()
            .find(|(p, ..)| p == pair)
            .map_or(true, |&(_, b, w)| b == Some(c) || w == Some(c))
    };
    let mut decode = Vec::new();
    let mut encode: Vec<(char, Option<[u8; 2]>)> = Vec::new();
    for &(pair, big5, cp950) in rows {
        let here = whatwg(&pair);
        if big5.is_some() && big5 == cp950 && big5 != here {
            decode.extend(big5.map(|c| (pair, c)));
        }
        for c in [big5, cp950].into_iter().flatten() {
            // WHATWG's own encoding serves when Python reads it back as the same
            // character (／ is A1FE in both, though Python's big5 also reads A241 so).
            let served = encode_char(c, BIG5).is_some_and(|p| python_reads(&p, c));
            if here != Some(c) && !served && !encode.iter().any(|&(e, _)| e == c) {
                encode.push((c, Some(pair)));
            }
        }
    }
    let produced = |c: char| rows.iter().any(|&(_, b, w)| b == Some(c) || w == Some(c));
    for &(pair, ..) in rows {
        if let Some(w) = whatwg(&pair) {
            let written_here = encode_char(w, BIG5).is_some_and(|p| p == pair);
            if written_here && !python_reads(&pair, w) && !produced(w) {
                encode.push((w, None));
            }
        }
    }
    decode.sort_unstable();
    encode.sort_unstable();
    Flavour { decode, encode }
}

/// How Python's decoders make `c` differently from WHATWG's: `None` when they agree,
/// `Some(None)` when Python's Big5 could not have produced `c`, else the pair it came
/// from.
pub fn encode(c: char) -> Option<Option<[u8; 2]>> {
    let table = &flavour().encode;
    table
        .binary_search_by_key(&c, |&(k, _)| k)
        .ok()
        .map(|i| table[i].1)
}

/// Does `text` hold a character Python's Big5 makes otherwise than WHATWG's? Without
/// one, the two readings of the text are the same bytes.
pub fn differs(text: &str) -> bool {
    text.chars().any(|c| !c.is_ascii() && encode(c).is_some())
}

/// The pair at each character boundary of `bytes` (read as Big5) whose Python reading
/// differs, with that reading.
fn remapped(bytes: &[u8]) -> Vec<(usize, char)> {
    let table = &flavour().decode;
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
        if let Ok(k) = table.binary_search_by_key(&pair, |&(p, _)| p) {
            found.push((i, table[k].1));
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

    #[test]
    fn stored_rows_are_whole_and_well_formed() {
        // Seven rows of 157 trail bytes each, every line parsed.
        let rows = parse(ROWS);
        assert_eq!(rows.len(), 7 * 157);
        assert_eq!(
            ROWS.lines().filter(|l| !l.starts_with('#')).count(),
            rows.len()
        );
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
