//! The encodings that mojibake is made of, and the two halves of every inverse transform:
//! re-encode text in the encoding it was wrongly read as ([`encode`]), then read the
//! bytes as what they really were ([`decode_strict`], [`decode_lossy`]).
//!
//! A replace-decode leaves U+FFFD where the wrong decoder met a byte it could not map.
//! Python's codecs (and most tools) replace exactly one byte per U+FFFD and re-read the
//! next one, so [`encode`] turns every U+FFFD into a *hole*: one byte whose value is
//! unknown but constrained — re-running the wrong decoder over it must fail again
//! ([`hole_consistent`]). The search in `search.rs` fills holes with the model's choice.

use super::codec_tables::{encode_char, pair_bit, RECORD};
use super::eten;
use encoding_rs::{BIG5, GBK};
use std::sync::OnceLock;

mod euro;
mod holed;
pub use euro::encode_for;
pub use holed::{char_len, decode_holed};

/// One character set taking part in a confusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enc {
    /// Latin-1 and Windows-1252 together, the way browsers decode "windows-1252": the 27
    /// CP1252 specials (€ ‚ … ™ …) are bytes 80–9F, and the five bytes CP1252 leaves
    /// undefined (81 8D 8F 90 9D) pass through as C1 controls ("sloppy" CP1252). Every
    /// byte has exactly one character, so the encoder never has to guess which of the
    /// three single-byte decoders produced the text.
    Single,
    /// GBK as Windows code page 936 (two-byte GB18030; user-defined area as PUA).
    Gbk,
    /// Big5 as browsers read it (WHATWG, encoding_rs: Big5-HKSCS).
    Big5,
    /// Big5 as Python's big5/cp950 codecs and Windows read it: the ETEN layout for
    /// C6A1–C7FC and a few symbols (see `eten.rs`).
    Cp950,
    Utf8,
}

impl Enc {
    pub fn name(self) -> &'static str {
        match self {
            Enc::Single => "Latin-1",
            Enc::Gbk => "GBK",
            Enc::Big5 => "Big5",
            Enc::Cp950 => "Big5 (cp950)",
            Enc::Utf8 => "UTF-8",
        }
    }

    /// Short tag used in `Change::kind` (`utf8-as-gbk`).
    pub fn tag(self) -> &'static str {
        match self {
            Enc::Single => "latin1",
            Enc::Gbk => "gbk",
            Enc::Big5 => "big5",
            Enc::Cp950 => "cp950",
            Enc::Utf8 => "utf8",
        }
    }

    /// The character set, whichever decoder's flavour of it: undoing Big5 read as GBK
    /// right after GBK read as cp950 gets back where it started.
    pub fn family(self) -> Enc {
        match self {
            Enc::Cp950 => Enc::Big5,
            e => e,
        }
    }

    /// GBK or Big5: each byte a replace-decode lost is one byte of a two-byte character.
    pub fn double_byte(self) -> bool {
        matches!(self, Enc::Gbk | Enc::Big5 | Enc::Cp950)
    }
}

/// The CP1252 characters at bytes 0x80–0x9F (0 where CP1252 leaves the byte undefined).
const CP1252_HIGH: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// Bytes CP1252 does not define: a strict CP1252 decoder replaces them with U+FFFD.
pub const CP1252_UNDEFINED: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// The byte a single-byte decoder turned into `c`, if any.
pub fn single_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x100 {
        return Some(u as u8);
    }
    CP1252_HIGH
        .iter()
        .position(|&h| h != 0 && u32::from(h) == u)
        .map(|i| 0x80 + i as u8)
}

/// Is `c` one of the CP1252 specials (so the text was read as CP1252, not Latin-1)?
pub fn is_cp1252_special(c: char) -> bool {
    (c as u32) >= 0x100 && single_byte(c).is_some()
}

/// Bytes re-encoded from text, with the positions whose value is unknown.
#[derive(Debug, Clone, Default)]
pub struct Encoded {
    pub bytes: Vec<u8>,
    /// Indices into `bytes` of holes (placeholders for U+FFFD; their byte is 0 for now).
    pub holes: Vec<usize>,
}

/// Re-encode `text` in `enc`; `None` when some character has no encoding there (so the
/// text cannot have come from a wrong decode in `enc`).
pub fn encode(text: &str, enc: Enc) -> Option<Encoded> {
    let mut out = Encoded {
        bytes: Vec::with_capacity(text.len()),
        holes: Vec::new(),
    };
    match enc {
        Enc::Single => {
            for c in text.chars() {
                if c == '\u{FFFD}' {
                    out.holes.push(out.bytes.len());
                    out.bytes.push(0);
                } else {
                    out.bytes.push(single_byte(c)?);
                }
            }
        }
        Enc::Utf8 => out.bytes.extend_from_slice(text.as_bytes()),
        Enc::Gbk | Enc::Big5 | Enc::Cp950 => {
            for c in text.chars() {
                if c == '\u{FFFD}' {
                    out.holes.push(out.bytes.len());
                    out.bytes.push(0);
                    continue;
                }
                if c.is_ascii() {
                    out.bytes.push(c as u8);
                    continue;
                }
                if enc == Enc::Cp950 {
                    if let Some(pair) = eten::encode(c) {
                        out.bytes.extend_from_slice(&pair?);
                        continue;
                    }
                }
                match table_code(c, enc) {
                    0 => out.bytes.extend_from_slice(&encode_rare(c, enc)?),
                    v if v < 0x100 => out.bytes.push(v as u8),
                    v => out.bytes.extend_from_slice(&v.to_be_bytes()),
                }
            }
        }
    }
    Some(out)
}

/// What encoding_rs's encoder writes for `c` (a BMP character) in GBK or Big5: 0 nothing,
/// below 0x100 one byte, else two. The search re-encodes every candidate reading, and the
/// encoder's own lookup (a search through its index for most Han characters) was about
/// half the time the fixer spent on clean Chinese, so the answers are a table, compiled
/// by build.rs (see `codec_tables.rs`).
fn table_code(c: char, enc: Enc) -> u16 {
    static GBK_TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/codec/gbk.bin"));
    static BIG5_TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/codec/big5.bin"));
    let table = if enc == Enc::Gbk {
        GBK_TABLE
    } else {
        BIG5_TABLE
    };
    let i = c as usize * 2;
    match table.get(i..i + 2) {
        Some(&[lo, hi]) => u16::from_le_bytes([lo, hi]),
        _ => 0,
    }
}

/// Every two-byte GBK sequence for a private-use character (the user-defined areas
/// AAA1–AFFE, F8A1–FEFE, A140–A7A0 and the pairs GB18030 parks in U+E766–E864), grouped
/// by first byte: `(first, [seconds])`. These are the pairs a tool that deletes PUA after
/// a GB18030 decode makes vanish. Read off the compiled encode table rather than by
/// decoding every pair again.
pub fn gbk_private_pairs() -> &'static [(u8, Vec<u8>)] {
    static PAIRS: OnceLock<Vec<(u8, Vec<u8>)>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let mut pairs: Vec<[u8; 2]> = (0xE000..=0xF8FFu32)
            .filter_map(char::from_u32)
            .filter_map(|c| match table_code(c, Enc::Gbk) {
                v if v >= 0x100 => Some(v.to_be_bytes()),
                _ => gbk_user_defined(c),
            })
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let mut grouped: Vec<(u8, Vec<u8>)> = Vec::new();
        for [first, second] in pairs {
            match grouped.last_mut() {
                Some((f, seconds)) if *f == first => seconds.push(second),
                _ => grouped.push((first, vec![second])),
            }
        }
        grouped
    })
}

/// A character outside [`table_code`]: the user-defined area (GBK), a decode-only Big5
/// character, or what the encoder makes of a character beyond the BMP.
fn encode_rare(c: char, enc: Enc) -> Option<Vec<u8>> {
    // The table holds every BMP character the encoders write (a test checks it); only
    // Big5-HKSCS has characters beyond.
    if c as u32 > 0xFFFF {
        let encoding = if enc == Enc::Gbk { GBK } else { BIG5 };
        if let Some(bytes) = encode_char(c, encoding) {
            return Some(bytes);
        }
    }
    match enc {
        Enc::Gbk => gbk_user_defined(c).map(|b| b.to_vec()),
        _ => big5_decode_only(c).map(|b| b.to_vec()),
    }
}

/// The GBK user-defined areas, which code page 936 and Python's gb18030 decode to PUA
/// (and encoding_rs does not encode back): U+E000–E233 ↔ AAA1–AFFE, U+E234–E4C5 ↔
/// F8A1–FEFE (94 trail bytes A1–FE per row), U+E4C6–E765 ↔ A140–A7A0 (96 trail bytes
/// 40–7E, 80–A0 per row). Big5 read as GBK lands there often (作者 = A7 40 AA CC).
fn gbk_user_defined(c: char) -> Option<[u8; 2]> {
    let u = c as u32;
    let (lead, trail) = match u {
        0xE000..=0xE233 => (0xAA + (u - 0xE000) / 94, 0xA1 + (u - 0xE000) % 94),
        0xE234..=0xE4C5 => (0xF8 + (u - 0xE234) / 94, 0xA1 + (u - 0xE234) % 94),
        0xE4C6..=0xE765 => {
            let i = (u - 0xE4C6) % 96;
            (
                0xA1 + (u - 0xE4C6) / 96,
                if i < 63 { 0x40 + i } else { 0x80 + i - 63 },
            )
        }
        _ => return None,
    };
    Some([lead as u8, trail as u8])
}

/// Big5 characters a Big5 *decoder* produces but the WHATWG encoder refuses to write
/// (the HKSCS rows 87–A0): browsers read GBK bytes as these
/// (檔 in GBK, 99 6E, is 㷌 in Big5-HKSCS), so undoing that needs the way back. The
/// list is compiled by build.rs, sorted by character.
fn big5_decode_only(c: char) -> Option<[u8; 2]> {
    static LIST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/codec/big5_decode_only.bin"));
    find_record(LIST, |(key, _)| key.cmp(&c)).map(|(_, pair)| pair)
}

/// Binary search in a sorted list of compiled records (`codec_tables::records`):
/// `order` compares a record, as (character, pair), with the key sought.
pub(super) fn find_record(
    list: &[u8],
    order: impl Fn((char, [u8; 2])) -> std::cmp::Ordering,
) -> Option<(char, [u8; 2])> {
    let at = |i: usize| -> (char, [u8; 2]) {
        let r = &list[i * RECORD..(i + 1) * RECORD];
        let c = char::from_u32(u32::from_le_bytes([r[0], r[1], r[2], r[3]]));
        (c.unwrap_or('\0'), [r[4], r[5]])
    };
    let (mut lo, mut hi) = (0, list.len() / RECORD);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match order(at(mid)) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Some(at(mid)),
        }
    }
    None
}

/// Pairs encoding_rs's GB18030 reads as characters (not private use) but Python's gbk,
/// which makes this damage, rejects (checked against it on every pair): € at A2E3 and
/// the ideographic space at A3A0, the vertical forms A6D9–A6DF, A6EC–A6ED and A6F3 that
/// GB18030-2022 moved out of the private-use area, ḿ and ǹ (A8BC, A8BF), the
/// ideographic description characters A989–A995, and the radicals and extension A
/// characters FE50–FEA0. Big5 text hits them: 何 is A6 F3.
fn legacy_gbk_rejects(b: u8, n: u8) -> bool {
    match b {
        0xA2 => n == 0xE3,
        0xA3 => n == 0xA0,
        0xA6 => matches!(n, 0xD9..=0xDF | 0xEC | 0xED | 0xF3),
        0xA8 => matches!(n, 0xBC | 0xBF),
        0xA9 => matches!(n, 0x89..=0x95),
        0xFE => matches!(n, 0x50..=0xA0),
        _ => false,
    }
}

/// Pairs encoding_rs's Big5-HKSCS reads but Python's big5 or cp950, the decoders that
/// make this damage, reject (checked against both on every pair): the whole C8 row,
/// C7FD–C7FE, A3C0–A3FE (cp950 adds € at A3E1, big5 does not) and the ETEN box drawing
/// F9D6–F9FE (cp950 has it, big5 does not). GBK text hits them often: 任 is C8 CE.
fn legacy_big5_rejects(b: u8, n: u8) -> bool {
    match b {
        0xC8 => true,
        0xC7 => n >= 0xFD,
        0xA3 => n >= 0xC0,
        0xF9 => n >= 0xD6,
        _ => false,
    }
}

/// Decode `bytes` as `enc`, strictly: `None` on any malformed sequence.
pub fn decode_strict(bytes: &[u8], enc: Enc) -> Option<String> {
    match enc {
        Enc::Utf8 => std::str::from_utf8(bytes).ok().map(str::to_owned),
        Enc::Gbk => GBK
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|c| c.into_owned()),
        Enc::Big5 => BIG5
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|c| c.into_owned()),
        Enc::Cp950 => eten::decode(bytes, true),
        Enc::Single => Some(bytes.iter().map(|&b| single_char(b)).collect()),
    }
}

/// Decode with U+FFFD for malformed sequences (used where holes stayed unknown).
pub fn decode_lossy(bytes: &[u8], enc: Enc) -> String {
    let mut out = String::new();
    decode_lossy_into(bytes, enc, &mut out);
    out
}

/// [`decode_lossy`] into `out` (cleared first), reusing its allocation: hole filling
/// decodes a window for every candidate byte.
pub fn decode_lossy_into(bytes: &[u8], enc: Enc, out: &mut String) {
    out.clear();
    match enc {
        Enc::Utf8 => {
            for chunk in bytes.utf8_chunks() {
                out.push_str(chunk.valid());
                if !chunk.invalid().is_empty() {
                    out.push('\u{FFFD}');
                }
            }
        }
        Enc::Gbk | Enc::Big5 => {
            let encoding = if enc == Enc::Gbk { GBK } else { BIG5 };
            let mut decoder = encoding.new_decoder_without_bom_handling();
            match decoder.max_utf8_buffer_length(bytes.len()) {
                Some(n) => {
                    out.reserve(n);
                    let _ = decoder.decode_to_string(bytes, out, true);
                }
                None => out.push_str(&encoding.decode_without_bom_handling(bytes).0),
            }
        }
        Enc::Cp950 => out.push_str(&eten::decode(bytes, false).unwrap_or_default()),
        Enc::Single => out.extend(bytes.iter().map(|&b| single_char(b))),
    }
}

fn single_char(b: u8) -> char {
    if (0x80..0xA0).contains(&b) {
        let h = CP1252_HIGH[usize::from(b - 0x80)];
        if h != 0 {
            return char::from_u32(u32::from(h)).unwrap_or('\u{FFFD}');
        }
    }
    char::from(b)
}

/// Could the wrong decoder `wrong` have replaced byte `b` (followed by `next`) with U+FFFD?
/// Only such bytes may fill a hole: anything else would have decoded to a character.
pub fn hole_consistent(wrong: Enc, b: u8, next: Option<u8>) -> bool {
    match wrong {
        Enc::Single => CP1252_UNDEFINED.contains(&b),
        Enc::Utf8 => b >= 0x80,
        Enc::Gbk => {
            if !(0x81..=0xFE).contains(&b) {
                return true;
            }
            !next.is_some_and(|n| decodes(GBK_PAIRS, b, n) && !legacy_gbk_rejects(b, n))
        }
        Enc::Big5 | Enc::Cp950 => {
            // Python's big5 knows leads A1–F9 only; the HKSCS rows encoding_rs adds did
            // not exist for the decoder that made the damage.
            if !(0xA1..=0xF9).contains(&b) {
                return true;
            }
            !next.is_some_and(|n| decodes(BIG5_PAIRS, b, n) && !legacy_big5_rejects(b, n))
        }
    }
}

/// Every byte pair that GBK decodes to one character, PUA excepted: a bitset of all
/// 65,536 pairs compiled by build.rs (`codec_tables::pair_set`, which says why).
///
/// [`hole_consistent`] asks about every candidate byte of every hole, and calling the
/// decoder each time was a fifth of what a lossy document's repair cost; building the
/// sets on first use instead (24,000 decoder calls each) cost 16M instructions, 3% of
/// repairing a 567-byte lossy text.
static GBK_PAIRS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/codec/gbk_pairs.bin"));

/// [`GBK_PAIRS`] for Big5 (WHATWG).
static BIG5_PAIRS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/codec/big5_pairs.bin"));

/// Is the pair `b n` in `set`? (No on a set too short to hold it.)
fn decodes(set: &[u8], b: u8, n: u8) -> bool {
    let (byte, mask) = pair_bit(b, n);
    set.get(byte).is_some_and(|&bits| bits & mask != 0)
}

#[cfg(test)]
mod tests;
