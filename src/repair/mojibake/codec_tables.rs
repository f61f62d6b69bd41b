//! The GBK and Big5 tables behind `codec::encode` and `codec::hole_consistent`, built
//! from encoding_rs's decoders.
//!
//! build.rs compiles them into the binary (`OUT_DIR/codec/`): building the encode tables
//! at run time cost about 17M instructions, paid by every text with a single suspicious
//! line, and the pair bitsets another 16M, paid by every text with a U+FFFD. The library
//! uses this file only for [`decodes_to_one`], [`pair_bit`] and for tests that rebuild
//! the tables and compare them with the compiled ones.
//!
//! Built from the decoders, not the encoders: asking the Big5 encoder about all 65,536
//! code points costs about a billion instructions (it scans its index for every character
//! it lacks), decoding the 24,000 byte pairs costs a few million. The encoders' choices,
//! per the WHATWG Encoding Standard, follow from the pairs: the first pair that decodes to
//! a character (GBK's single byte 80 for €), except that Big5 never writes the HKSCS rows
//! 81–A0 and writes the last of its duplicates for ═ ╞ ╡ ╪ 十 卅, and GBK's private-use
//! remnants below. A test in `codec.rs` compares every character with encoding_rs.

use encoding_rs::{Encoding, BIG5, GBK};

/// What encoding_rs's encoder writes for each BMP character (index: code point) of GBK or
/// Big5: 0 nothing, below 0x100 one byte, else two (big-endian).
pub fn encode_table(big5: bool) -> Vec<u16> {
    let encoding = if big5 { BIG5 } else { GBK };
    let mut table = vec![0u16; 0x10000];
    let singles = (0x80..=0xFFu8).map(|b| (vec![b], u16::from(b)));
    let pairs = (0x81..=0xFEu8)
        .filter(|&lead| !big5 || lead >= 0xA1)
        .flat_map(|lead| (0x40..=0xFEu8).map(move |trail| [lead, trail]))
        .map(|p| (p.to_vec(), u16::from_be_bytes(p)));
    for (bytes, code) in singles.chain(pairs) {
        let Some(c) = decodes_to_one(encoding, &bytes) else {
            continue;
        };
        let Some(slot) = table.get_mut(c as usize) else {
            continue;
        };
        let last_wins = big5 && matches!(c, '═' | '╞' | '╡' | '╪' | '十' | '卅');
        if *slot == 0 || last_wins {
            *slot = code;
        }
    }
    // GB18030-2005 moved 18 characters out of the private-use area (A6D9 → ︐): the
    // decoder reads the new code point, the encoder still writes the pair for the old
    // one too. They sit in U+E766–E864, the private-use code points GB18030 gave to
    // non-user-defined pairs; asking the encoder about those few is cheap.
    if !big5 {
        for u in 0xE766..=0xE864u32 {
            let Some(c) = char::from_u32(u) else { continue };
            if let (0, Some(&[a, b])) = (table[u as usize], encode_char(c, encoding).as_deref()) {
                table[u as usize] = u16::from_be_bytes([a, b]);
            }
        }
    }
    table
}

/// Big5 characters a Big5 *decoder* produces but the WHATWG encoder refuses to write
/// (the HKSCS rows 87–A0), each with the first pair that decodes to it, sorted by
/// character. `written` is [`encode_table`]`(true)`.
pub fn big5_decode_only(written: &[u16]) -> Vec<(char, [u8; 2])> {
    let mut found: Vec<(char, [u8; 2])> = Vec::new();
    for lead in 0x81..=0xFEu8 {
        for trail in (0x40..=0x7Eu8).chain(0xA1..=0xFE) {
            let pair = [lead, trail];
            let Some(ch) = decodes_to_one(BIG5, &pair) else {
                continue;
            };
            if written.get(ch as usize).copied().unwrap_or(0) == 0 {
                found.push((ch, pair));
            }
        }
    }
    // Stable: among pairs for the same character the first one stays first.
    found.sort_by_key(|(c, _)| *c);
    found.dedup_by_key(|(c, _)| *c);
    found
}

/// One line of `data/codec/big5_python.tsv`: a pair and what Python's big5 and cp950
/// read it as.
pub type PythonRow = ([u8; 2], Option<char>, Option<char>);

pub fn parse_python_rows(tsv: &str) -> Vec<PythonRow> {
    let cell = |s: &str| match s {
        "-" => None,
        s => s.chars().next(),
    };
    tsv.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split('\t');
            let pair = u16::from_str_radix(f.next()?, 16).ok()?.to_be_bytes();
            Some((pair, cell(f.next()?), cell(f.next()?)))
        })
        .collect()
}

/// Where Python's Big5 (`rows`, sorted by pair) differs from WHATWG's, for `eten.rs`:
/// the pairs both Python decoders read alike and otherwise than WHATWG (sorted by pair),
/// and the characters whose Python reading came from another pair than WHATWG writes
/// them at (sorted by character; `[0, 0]` for a character WHATWG puts on a remapped pair
/// that Python's rows never produce, ⅰ at C6B5). `written` is [`encode_table`]`(true)`.
#[allow(clippy::type_complexity)]
pub fn python_big5(
    rows: &[PythonRow],
    written: &[u16],
) -> (Vec<(char, [u8; 2])>, Vec<(char, [u8; 2])>) {
    let whatwg = |pair: &[u8; 2]| decodes_to_one(BIG5, pair);
    let writes = |c: char| match written.get(c as usize).copied().unwrap_or(0) {
        v if v >= 0x100 => Some(v.to_be_bytes()),
        _ => None,
    };
    // Pairs outside the rows read alike in both (the rows hold every difference).
    let python_reads = |pair: [u8; 2], c: char| {
        rows.binary_search_by_key(&pair, |r| r.0)
            .map_or(true, |i| rows[i].1 == Some(c) || rows[i].2 == Some(c))
    };
    let mut decode = Vec::new();
    let mut encode: Vec<(char, [u8; 2])> = Vec::new();
    for &(pair, big5, cp950) in rows {
        let here = whatwg(&pair);
        if big5.is_some() && big5 == cp950 && big5 != here {
            decode.extend(big5.map(|c| (c, pair)));
        }
        for c in [big5, cp950].into_iter().flatten() {
            // WHATWG's own encoding serves when Python reads it back as the same
            // character (／ is A1FE in both, though Python's big5 also reads A241 so).
            let served = writes(c).is_some_and(|p| python_reads(p, c));
            if here != Some(c) && !served {
                encode.push((c, pair));
            }
        }
    }
    let mut produced: Vec<char> = rows.iter().flat_map(|r| [r.1, r.2]).flatten().collect();
    produced.sort_unstable();
    for &(pair, ..) in rows {
        if let Some(w) = whatwg(&pair) {
            if writes(w) == Some(pair)
                && !python_reads(pair, w)
                && produced.binary_search(&w).is_err()
            {
                encode.push((w, [0, 0]));
            }
        }
    }
    decode.sort_unstable_by_key(|&(_, p)| p);
    // Stable: a character Python reads at two pairs keeps the first.
    encode.sort_by_key(|&(c, _)| c);
    encode.dedup_by_key(|&mut (c, _)| c);
    (decode, encode)
}

/// The one character `bytes` decode to in `encoding`, strictly.
///
/// The tables ask this of some 50,000 byte pairs, so it decodes into a stack buffer
/// rather than through the allocating `decode_*` helpers.
pub fn decodes_to_one(encoding: &'static Encoding, bytes: &[u8]) -> Option<char> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut buf = [0u8; 16];
    let (res, _, written) = decoder.decode_to_utf8_without_replacement(bytes, &mut buf, true);
    if res != encoding_rs::DecoderResult::InputEmpty {
        return None;
    }
    let s = std::str::from_utf8(&buf[..written]).ok()?;
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// `c` in `encoding`, as encoding_rs writes it; `None` when it is unmappable.
pub fn encode_char(c: char, encoding: &'static Encoding) -> Option<Vec<u8>> {
    let mut encoder = encoding.new_encoder();
    let mut buf = [0u8; 8];
    let mut tmp = [0u8; 4];
    let (res, _, written) =
        encoder.encode_from_utf8_without_replacement(c.encode_utf8(&mut tmp), &mut buf, true);
    matches!(res, encoding_rs::EncoderResult::InputEmpty).then(|| buf[..written].to_vec())
}

/// Every byte pair that GBK (`big5` false) or Big5 decodes to one character, as a bitset
/// of all 65,536 pairs (8 KB, laid out by [`pair_bit`]). A GBK pair read as a
/// private-use character does not count (the user-defined area, which Python's gbk
/// rejects with a U+FFFD); Big5's private-use readings would (encoding_rs has none).
pub fn pair_set(big5: bool) -> Vec<u8> {
    let (encoding, reject_pua) = if big5 { (BIG5, false) } else { (GBK, true) };
    let mut set = vec![0u8; PAIR_SET];
    for b in 0x81..=0xFEu8 {
        for n in (0x40..=0xFEu8).filter(|&n| n != 0x7F) {
            let one = decodes_to_one(encoding, &[b, n])
                .is_some_and(|c| !(reject_pua && ('\u{E000}'..='\u{F8FF}').contains(&c)));
            if one {
                let (byte, mask) = pair_bit(b, n);
                set[byte] |= mask;
            }
        }
    }
    set
}

/// Where the pair `b n` sits in a [`pair_set`]: the byte (pair `b << 8 | n`, eight to a
/// byte) and the bit in it (low bit first).
pub fn pair_bit(b: u8, n: u8) -> (usize, u8) {
    let bit = usize::from(b) << 8 | usize::from(n);
    (bit / 8, 1 << (bit % 8))
}

/// Bytes in a [`pair_set`].
pub const PAIR_SET: usize = 0x10000 / 8;

/// The compiled forms: each table as little-endian u16s, the decode-only list as records
/// of a little-endian u32 code point and the two bytes.
pub fn to_bytes(table: &[u16]) -> Vec<u8> {
    table.iter().flat_map(|v| v.to_le_bytes()).collect()
}

pub fn records(list: &[(char, [u8; 2])]) -> Vec<u8> {
    let mut out = Vec::with_capacity(list.len() * RECORD);
    for (c, pair) in list {
        out.extend_from_slice(&(*c as u32).to_le_bytes());
        out.extend_from_slice(pair);
    }
    out
}

/// Bytes per record of [`records`].
pub const RECORD: usize = 6;
