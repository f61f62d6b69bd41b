//! UTF-8 with raw legacy lines, decoded line by line.
//!
//! Files assembled from several sources (logs, concatenated dumps, a UTF-8 document with
//! a paragraph pasted from an old GBK or Big5 file) are UTF-8 except for some lines. The
//! whole file is then not valid UTF-8, but decoding it all as GBK would ruin the UTF-8
//! lines, and decoding it as UTF-8 would turn each legacy line into U+FFFD. So: valid UTF-8
//! lines stay UTF-8 (never second-guessed, so clean text is never touched), and each line
//! that is not valid UTF-8 is decoded every candidate way — GB18030, Big5, windows-1252,
//! and UTF-8 with U+FFFD for a line that is just damaged UTF-8 — and the reading that is
//! most plausible as text wins ([`crate::detect::plausible`]).
//!
//! A line that is mostly valid UTF-8 (at least [`DAMAGED_UTF8_RATIO`] valid multibyte
//! characters per malformed sequence) is damaged UTF-8 and decoded as such, with U+FFFD:
//! raw legacy text forms valid multibyte UTF-8 only now and then, by chance, while a
//! windows-1252 reading of UTF-8 (ä¸­æ–‡) can look deceptively like a European line.
//! For the same reason the windows-1252 reading pays [`MALFORMED`] for every valid
//! multibyte UTF-8 sequence it misreads, which settles short damaged lines (中 + one bad
//! byte) that the ratio rule leaves open.
//!
//! A short line is weak evidence on its own (two hanzi can read well in both GB18030 and
//! Big5), so the candidate that wins over all the invalid lines of the piece taken together
//! gets a bonus of [`FAVOURITE_BONUS`] per character on each line.

use super::{decode_standard, Decoded};
use crate::detect::plausible::{Plausibility, MALFORMED};
use encoding_rs::{Encoding, BIG5, GB18030, UTF_8, WINDOWS_1252};

/// Candidates for a line that is not valid UTF-8, in order of preference on a tie.
const CANDIDATES: [&Encoding; 4] = [UTF_8, GB18030, BIG5, WINDOWS_1252];

/// Valid multibyte characters per malformed sequence that make a line damaged UTF-8.
pub const DAMAGED_UTF8_RATIO: usize = 2;

/// Extra malformed sequences a reading may have over the best and still be scored.
const MALFORMED_SLACK: usize = 2;

/// Mean-plausibility bonus for the encoding that reads best over all invalid lines.
pub const FAVOURITE_BONUS: f32 = 1.0;

/// Decode `bytes` (UTF-8 with possibly some legacy lines); offsets relative to `base`.
pub fn decode(bytes: &[u8], base: usize) -> Decoded {
    let bad = invalid_lines(bytes);
    if bad.is_empty() {
        return decode_standard(bytes, UTF_8, base);
    }
    // Every candidate reading of every invalid line, scored.
    let readings: Vec<[(Decoded, Plausibility); 4]> = bad
        .iter()
        .map(|&(s, e)| {
            let line = &bytes[s..e];
            let (multibyte, _) = utf8_evidence(line);
            let decoded = CANDIDATES.map(|enc| decode_standard(line, enc, base + s));
            let fewest = decoded.iter().map(|d| d.malformed.len()).min().unwrap_or(0);
            let mut k = 0;
            decoded.map(|d| {
                let mut p = score(&d, fewest);
                if CANDIDATES[k] == WINDOWS_1252 {
                    // Each valid UTF-8 sequence read as windows-1252 is mojibake (ä¸­).
                    p.total += multibyte as f32 * MALFORMED;
                }
                k += 1;
                (d, p)
            })
        })
        .collect();
    let favourite = (0..CANDIDATES.len())
        .max_by(|&a, &b| {
            let total = |k: usize| {
                readings
                    .iter()
                    .fold(Plausibility::default(), |acc, r| acc + r[k].1)
                    .mean()
                    .unwrap_or(f32::MIN)
            };
            total(a).total_cmp(&total(b)).then(b.cmp(&a))
        })
        .unwrap_or(0);

    let mut out = Decoded {
        text: String::with_capacity(bytes.len() * 3 / 2),
        ..Decoded::default()
    };
    let mut at = 0;
    for (&(s, e), mut cands) in bad.iter().zip(readings) {
        // The valid UTF-8 stretch before this line.
        out.text.push_str(&utf8(&bytes[at..s]));
        let score = |k: usize, p: Plausibility| {
            p.mean().unwrap_or(0.0) + if k == favourite { FAVOURITE_BONUS } else { 0.0 }
        };
        let best = if damaged_utf8(&bytes[s..e]) {
            0
        } else {
            (0..CANDIDATES.len())
                .max_by(|&a, &b| {
                    score(a, cands[a].1)
                        .total_cmp(&score(b, cands[b].1))
                        .then(b.cmp(&a))
                })
                .unwrap_or(0)
        };
        let chosen = std::mem::take(&mut cands[best].0);
        out.text.push_str(&chosen.text);
        out.malformed.extend(chosen.malformed);
        if CANDIDATES[best] != UTF_8 {
            out.legacy_lines.push((base + s, CANDIDATES[best]));
        }
        at = e;
    }
    out.text.push_str(&utf8(&bytes[at..]));
    out
}

/// The plausibility of one reading. A reading with far more malformed sequences than the
/// best one (more than twice as many, plus [`MALFORMED_SLACK`]) cannot win, so it is not
/// scored (scoring looks up every character) but given the worst possible mean.
fn score(d: &Decoded, fewest: usize) -> Plausibility {
    let m = d.malformed.len();
    if m > 2 * fewest + MALFORMED_SLACK {
        let chars = m + d.text.chars().filter(|c| !c.is_ascii()).count();
        return Plausibility {
            total: chars as f32 * MALFORMED,
            chars,
        };
    }
    Plausibility::of(&d.text, m)
}

/// Is `line` (not valid UTF-8) mostly valid UTF-8? See the module docs.
fn damaged_utf8(line: &[u8]) -> bool {
    let (multibyte, malformed) = utf8_evidence(line);
    multibyte >= 2 && multibyte >= DAMAGED_UTF8_RATIO * malformed
}

/// (valid multibyte UTF-8 characters, malformed sequences) in `line`.
fn utf8_evidence(line: &[u8]) -> (usize, usize) {
    let (mut multibyte, mut malformed) = (0usize, 0usize);
    for chunk in line.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        malformed += usize::from(!chunk.invalid().is_empty());
    }
    (multibyte, malformed)
}

/// A stretch [`invalid_lines`] found valid, as text (fast validation, no copy).
fn utf8(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    UTF_8
        .decode_without_bom_handling_and_without_replacement(bytes)
        .unwrap_or_default()
}

/// (start, end) of each line (LF included) that is not valid UTF-8. The stretches between
/// them are valid UTF-8, which [`decode`] relies on.
pub fn invalid_lines(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut bad = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let err = pos + Encoding::utf8_valid_up_to(&bytes[pos..]);
        if err == bytes.len() {
            break;
        }
        let start = memchr::memrchr(b'\n', &bytes[pos..err]).map_or(pos, |i| pos + i + 1);
        let end = memchr::memchr(b'\n', &bytes[err..]).map_or(bytes.len(), |i| err + i + 1);
        bad.push((start, end));
        pos = end;
    }
    bad
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(s: &str) -> Vec<u8> {
        GB18030.encode(s).0.into_owned()
    }
    fn big5(s: &str) -> Vec<u8> {
        BIG5.encode(s).0.into_owned()
    }

    #[test]
    fn each_line_in_its_own_encoding() {
        let mut input = "第一行是统一码。\n".as_bytes().to_vec();
        input.extend(gbk("第二行是国标码。\n"));
        input.extend(big5("第三行是大五碼。\n"));
        input.extend("最后一行。".as_bytes());
        let d = decode(&input, 0);
        assert_eq!(
            d.text,
            "第一行是统一码。\n第二行是国标码。\n第三行是大五碼。\n最后一行。"
        );
        assert!(d.malformed.is_empty());
        let l1 = "第一行是统一码。\n".len();
        let l2 = l1 + gbk("第二行是国标码。\n").len();
        assert_eq!(d.legacy_lines, vec![(l1, GB18030), (l2, BIG5)]);
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        let mut input = "中文文本\n".as_bytes().to_vec();
        input.extend(b"\xe4\xb8\xad\xe6\x96\x87\xe6\x96\n");
        let d = decode(&input, 10);
        assert_eq!(d.text, "中文文本\n中文\u{FFFD}\n");
        assert_eq!(d.malformed, vec![10 + 13 + 6]);
        assert!(d.legacy_lines.is_empty());
    }

    #[test]
    fn short_damaged_utf8_is_not_read_as_windows_1252() {
        // One valid character and one bad byte: too little for the damaged-UTF-8 rule, but
        // the windows-1252 reading (ä¸\u{AD}ÿ) pays for misreading the valid 中.
        let d = decode(b"ok\n\xe4\xb8\xad\xff\n", 0);
        assert_eq!(d.text, "ok\n中\u{FFFD}\n");
        assert_eq!(d.malformed, vec![6]);
    }

    #[test]
    fn latin1_line_in_utf8_file() {
        let d = decode(b"na\xc3\xafve\ncaf\xe9 cr\xe8me\n", 0);
        assert_eq!(d.text, "naïve\ncafé crème\n");
        assert_eq!(d.legacy_lines, vec![(7, WINDOWS_1252)]);
    }

    #[test]
    fn finds_invalid_lines() {
        assert_eq!(
            invalid_lines(b"ok\nb\xffd\nok\n\xff"),
            vec![(3, 7), (10, 11)]
        );
        assert_eq!(invalid_lines("全部有效\n".as_bytes()), vec![]);
    }
}
