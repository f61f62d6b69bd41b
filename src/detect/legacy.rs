//! Input that is not UTF-8: which legacy encoding, or is it UTF-8 with some legacy lines?
//!
//! The lines are sorted first. Lines that are valid UTF-8 and contain non-ASCII are
//! UTF-8 *candidates*; lines that are not valid UTF-8 are *legacy* lines. The encoding of
//! the legacy lines is chosen from their bytes alone, so UTF-8 lines elsewhere in the
//! file do not confuse it ([`choose`]):
//!
//! * chardetng's guess is taken as is when it is a Chinese encoding (GBK is widened to its
//!   superset GB18030) and there are at least [`LONG`] non-ASCII bytes to go on;
//! * otherwise the text is decoded as GB18030, as Big5 and as chardetng's guess, and the
//!   most plausible reading wins ([`super::plausible`]). chardetng's guess gets a prior
//!   that grows with the amount of text (up to [`GUESS_PRIOR`]): on a long EUC-KR or
//!   Shift_JIS text it is right, on a few bytes it is noise (it calls 你好 in GBK EUC-KR).
//!   A Latin code page it names is first checked against its neighbours
//!   ([`super::latin`]): on a line of French it may name ISO-8859-2.
//! * an encoding the file declares ([`super::declared`]) competes too. A multibyte one
//!   gets the full prior [`DECLARED_PRIOR`] whatever the length. A single-byte one gets
//!   none: ISO-8859-1 is the commonest wrong declaration (servers' and templates'
//!   defaults over GBK pages), so it only takes the place of chardetng's Latin guess as
//!   the reading the Latin check must beat.
//!
//! Then the UTF-8 candidates vote: a line whose UTF-8 reading is at least as plausible as
//! its reading in the chosen legacy encoding confirms UTF-8. With confirmed UTF-8 lines
//! holding at least [`MIN_UTF8_CHARS`] non-ASCII characters, the file is UTF-8 with
//! legacy lines ([`super::Charset::Utf8Lines`], decoded line by line); otherwise a few
//! legacy lines happened to be valid UTF-8 by chance (short GBK runs often are) and the
//! whole file is legacy.

use super::plausible::Plausibility;
use encoding_rs::{Encoding, BIG5, EUC_JP, EUC_KR, GB18030, GBK, UTF_8};

/// Non-ASCII bytes from which chardetng's Chinese answer is trusted without a check.
pub const LONG: usize = 400;
/// The largest bonus (in mean log-plausibility) for chardetng's guess.
pub const GUESS_PRIOR: f32 = 2.0;
/// The bonus for a multibyte encoding the file declares: as much as chardetng's guess
/// earns on a long text, so a declaration settles a close contest on a short one.
///
/// Measured on 11,036 GBK and Big5 files of one word or line and 2,310 European lines
/// and pieces, each with a `<meta charset>` line on top: declaring the right encoding
/// reads 10,718 and 2,290 right (10,559 and 2,175 without this), declaring the wrong one
/// (ISO-8859-1 over Chinese, GBK over European) 10,543 and 2,151. With the same bonus for
/// single-byte declarations the wrong ISO-8859-1 cost 109 Chinese files, not 16.
pub const DECLARED_PRIOR: f32 = GUESS_PRIOR;
/// Confirmed UTF-8 lines need this many non-ASCII characters to make a file mixed.
pub const MIN_UTF8_CHARS: usize = 2;
/// How many bytes of legacy lines chardetng and the plausibility check look at.
const CHOOSE_SAMPLE: usize = 1 << 13;
/// How many bytes of lines are examined.
const WINDOW: usize = 1 << 16;

/// The verdict on a non-UTF-8 input.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The legacy encoding of the lines that are not UTF-8.
    pub encoding: &'static Encoding,
    /// The file is UTF-8 apart from those lines.
    pub mixed: bool,
    pub confidence: f32,
    pub method: &'static str,
}

/// Judge `bytes`, which are valid UTF-8 up to `valid_up_to` and not after it, and
/// `declared` to be in that encoding.
pub fn judge(bytes: &[u8], valid_up_to: usize, declared: Option<&'static Encoding>) -> Verdict {
    // Look at lines from the first invalid one on, and at the valid lines just before it.
    let first = first_invalid_line(bytes, valid_up_to);
    let end = window_end(bytes, first);
    let before = window_start(bytes, first);
    let mut legacy = Vec::new();
    let mut utf8_lines: Vec<&str> = Vec::new();
    for line in bytes[before..end].split_inclusive(|&b| b == b'\n') {
        if line.is_ascii() {
            continue;
        }
        match std::str::from_utf8(line) {
            Ok(s) => utf8_lines.push(s),
            Err(_) => legacy.extend_from_slice(line),
        }
    }
    let (encoding, confidence, method) = choose(&legacy, declared);
    let confirmed: usize = utf8_lines
        .iter()
        .filter(|line| {
            let own = Plausibility::of(line, 0).mean();
            let (as_legacy, errors) = decode_counting(line.as_bytes(), encoding);
            let other = Plausibility::of(&as_legacy, errors).mean();
            own >= other
        })
        .map(|line| line.chars().filter(|c| !c.is_ascii()).count())
        .sum();
    if confirmed >= MIN_UTF8_CHARS {
        return Verdict {
            encoding,
            mixed: true,
            confidence,
            method: "mixed-lines",
        };
    }
    Verdict {
        encoding,
        mixed: false,
        confidence,
        method,
    }
}

/// Where the line holding the first invalid UTF-8 byte (at `valid_up_to`) starts.
pub fn first_invalid_line(bytes: &[u8], valid_up_to: usize) -> usize {
    memchr::memrchr(b'\n', &bytes[..valid_up_to]).map_or(0, |i| i + 1)
}

/// The start of `bytes` the choice of a legacy encoding looks at: chardetng costs most
/// of detection (a few MB/s), and 8 KiB of legacy lines is plenty. Whole lines where it
/// can, so no character is cut.
pub fn sample(bytes: &[u8]) -> &[u8] {
    let bytes = &bytes[..window_end(bytes, 0).min(CHOOSE_SAMPLE)];
    match memchr::memrchr(b'\n', bytes) {
        Some(i) if i > 0 && bytes.len() == CHOOSE_SAMPLE => &bytes[..=i],
        _ => bytes,
    }
}

/// Confidence in a reading that beats the next best by `gap` (mean plausibility per
/// character): 0.5 for a tie, approaching 0.99.
pub fn confidence(gap: f32) -> f32 {
    (0.5 + 0.5 * (1.0 - (-gap / 2.0).exp())).min(0.99)
}

/// The legacy encoding of `bytes` (not UTF-8), declared to be `declared`, its confidence
/// and how it was decided.
pub fn choose(
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> (&'static Encoding, f32, &'static str) {
    let bytes = sample(bytes);
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let guess = if guess == GBK { GB18030 } else { guess };
    let latin_default = match declared {
        Some(d) if super::latin::is_latin(d) && super::latin::is_latin(guess) => d,
        _ => guess,
    };
    let guess = super::latin::pick(bytes, latin_default);
    let chinese = guess == GB18030 || guess == BIG5;
    if chinese && non_ascii >= LONG {
        return (guess, 0.9, "chardetng");
    }
    let prior = GUESS_PRIOR * (non_ascii as f32 / LONG as f32).min(1.0);
    let mut candidates = vec![GB18030, BIG5];
    if !candidates.contains(&guess) && usable(guess) {
        candidates.push(guess);
    }
    // EUC-KR and EUC-JP share their byte ranges, and chardetng may call a Korean text
    // EUC-JP (CPython's `euc_kr.txt`, a paragraph), so EUC-KR competes with that guess
    // on equal terms. Not the other way: on one line of Korean (`systemd 유닛 파일`) an
    // EUC-JP rival wins with kanji (政間 督析).
    let rival = (guess == EUC_JP).then_some(EUC_KR);
    candidates.extend(rival);
    candidates.extend(declared.filter(|d| !candidates.contains(d)));
    let mut scored: Vec<(&'static Encoding, f32)> = candidates
        .into_iter()
        .map(|enc| {
            let (text, malformed) = decode_counting(bytes, enc);
            let mean = Plausibility::of(&text, malformed)
                .mean()
                .unwrap_or(f32::MIN);
            let guessed = enc == guess || Some(enc) == rival;
            let bonus = match (guessed, Some(enc) == declared) {
                (_, true) if !enc.is_single_byte() => prior.max(DECLARED_PRIOR),
                (true, _) => prior,
                (false, _) => 0.0,
            };
            (enc, mean + bonus)
        })
        .collect();
    // Best first; a stable sort keeps GB18030 ahead of Big5 on a tie.
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    let (best, top) = scored[0];
    let gap = scored.get(1).map_or(f32::INFINITY, |s| top - s.1);
    let confidence = confidence(gap);
    let method = if Some(best) == declared {
        "declared"
    } else {
        "plausibility"
    };
    (best, confidence, method)
}

/// Encodings chardetng may name, or a file declare, that are worth a comparison (not
/// UTF-8, UTF-16 or the "replacement" encoding, whose output encoding is UTF-8).
pub(super) fn usable(enc: &'static Encoding) -> bool {
    enc.output_encoding() == enc && enc != UTF_8
}

/// `bytes` decoded as `enc`, and how many malformed sequences that met.
pub fn decode_counting(bytes: &[u8], enc: &'static Encoding) -> (String, usize) {
    let d = crate::decode::decode_standard(bytes, enc, 0);
    (d.text, d.malformed.len())
}

/// End of the window starting at `from`, at a line end where possible.
fn window_end(bytes: &[u8], from: usize) -> usize {
    let limit = (from + WINDOW).min(bytes.len());
    if limit == bytes.len() {
        return limit;
    }
    memchr::memrchr(b'\n', &bytes[from..limit]).map_or(limit, |i| from + i + 1)
}

/// Start of the stretch of whole lines before `to`, at most a window long.
fn window_start(bytes: &[u8], to: usize) -> usize {
    let limit = to.saturating_sub(WINDOW);
    if limit == 0 {
        return 0;
    }
    memchr::memchr(b'\n', &bytes[limit..to]).map_or(to, |i| limit + i + 1)
}
