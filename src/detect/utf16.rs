//! UTF-16 without a byte-order mark.
//!
//! Every ASCII character (and so every line break) in UTF-16 has a zero high byte: in
//! UTF-16LE the NULs sit at odd offsets (`a\0`), in UTF-16BE at even ones (`\0a`). Text in
//! one-byte or multibyte encodings has no NULs at all, and binary data has them on both
//! sides. So NULs concentrated on one side (`SIDE_RATIO` times more than on the other,
//! which has a few too: 一 is U+4E00) say UTF-16 of that byte order, provided the decoding
//! then looks like text (few unpaired surrogates, no U+0000 or control characters); NULs
//! anywhere else say binary.
//!
//! A single line of pure CJK has no ASCII and so no NULs. Such input (even length, not
//! valid UTF-8) is taken as UTF-16 only when one byte order decodes cleanly into CJK text
//! and punctuation that reads as plausible Chinese (mean plausibility at least
//! [`NO_NUL_MIN_MEAN`]); other encodings read as UTF-16 give random, mostly rare
//! characters, Hangul or private-use code points.

use super::plausible::Plausibility;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// NULs on one side must outnumber those on the other by this factor.
const SIDE_RATIO: usize = 3;
/// The least mean plausibility of the non-ASCII text in UTF-16 with NULs: looser than
/// [`NO_NUL_MIN_MEAN`], since the NULs already say UTF-16.
pub const NUL_MIN_MEAN: f32 = -12.0;
/// How much of the input is examined.
const SAMPLE: usize = 1 << 16;
/// The least mean plausibility for UTF-16 without any NUL byte (common text is near -7,
/// rare characters -12, unseen -16).
pub const NO_NUL_MIN_MEAN: f32 = -9.5;

/// What the NUL bytes in `bytes` say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nuls {
    None,
    Utf16(&'static Encoding),
    Binary,
}

/// Classify an input by where its NUL bytes are.
pub fn by_nuls(bytes: &[u8]) -> Nuls {
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, _) in sample.iter().enumerate().filter(|(_, &b)| b == 0) {
        if i % 2 == 0 {
            even += 1;
        } else {
            odd += 1;
        }
    }
    if even + odd > 0 && utf8_beyond_ascii(sample) {
        return Nuls::Binary;
    }
    let enc = match (even, odd) {
        (0, 0) => return Nuls::None,
        (e, o) if o >= SIDE_RATIO * e.max(1) || (e == 0 && o > 0) => UTF_16LE,
        (e, o) if e >= SIDE_RATIO * o.max(1) || (o == 0 && e > 0) => UTF_16BE,
        _ => return Nuls::Binary,
    };
    if looks_like_text(sample, enc) {
        Nuls::Utf16(enc)
    } else {
        Nuls::Binary
    }
}

/// Is `sample` valid UTF-8 (a character cut at its end aside) with at least one
/// multi-byte character? UTF-16 of ASCII is made of ASCII and NULs, and UTF-16 of
/// anything else puts bytes of 80 and up next to bytes that cannot continue them
/// (`é` is `E9 00`), so text like this is UTF-8 with NULs in it, which is binary,
/// however its ASCII reads when paired up as UTF-16 (`y $bad = bless` is 礠③慤…, all
/// CJK, which passes for text).
fn utf8_beyond_ascii(sample: &[u8]) -> bool {
    let valid = match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    };
    valid && !sample.is_ascii()
}

/// Is `bytes` (with no NUL at all, not valid UTF-8) a line of CJK text in UTF-16?
pub fn without_nuls(bytes: &[u8]) -> Option<(&'static Encoding, f32)> {
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let mut best: Option<(&'static Encoding, f32)> = None;
    for enc in [UTF_16LE, UTF_16BE] {
        let (text, had_errors) = enc.decode_without_bom_handling(sample);
        if had_errors || !text.chars().all(is_cjk_text) {
            continue;
        }
        let Some(mean) = Plausibility::of(&text, 0).mean() else {
            continue;
        };
        if mean >= NO_NUL_MIN_MEAN && best.map_or(true, |(_, m)| mean > m) {
            best = Some((enc, mean));
        }
    }
    best
}

/// Decoded as `enc`, is `sample` text: under 1% malformed, U+0000 or binary controls (one
/// more is allowed for the end of a sample cut inside a character, but not when it is all
/// there is), and its non-ASCII characters plausible at least at [`NUL_MIN_MEAN`]?
fn looks_like_text(sample: &[u8], enc: &'static Encoding) -> bool {
    let (text, _) = enc.decode_without_bom_handling(sample);
    let mut units = 0usize;
    let mut bad = 0usize;
    for c in text.chars() {
        units += 1;
        if matches!(c, '\u{0}'..='\u{8}' | '\u{E}'..='\u{1A}' | '\u{1C}'..='\u{1F}' | '\u{FFFD}') {
            bad += 1;
        }
    }
    // A reading made of nothing else is no text either: `\0\x07`, zhfix's own output for
    // a UTF-16BE file holding U+0000 U+0007, read as UTF-16BE is U+0007 alone.
    if bad > 1 + units / 100 || bad == units {
        return false;
    }
    // Other text read as UTF-16 pairs up its bytes into random characters, mostly rare
    // Han (`he` is U+6568 or U+6865): real UTF-16 reads as plausible text.
    Plausibility::of(&text, 0)
        .mean()
        .map_or(true, |m| m >= NUL_MIN_MEAN)
}

/// Characters a line of Chinese text without ASCII is made of (line breaks have NULs, so
/// there are none here).
fn is_cjk_text(c: char) -> bool {
    crate::model::is_han(c)
        || matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF5E | 0x2010..=0x2027 | 0x2030..=0x205E | 0xB7)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, be: bool) -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() })
            .collect()
    }

    #[test]
    fn nul_side_gives_byte_order() {
        assert_eq!(by_nuls(&utf16("中文 text\n", false)), Nuls::Utf16(UTF_16LE));
        assert_eq!(by_nuls(&utf16("中文 text\n", true)), Nuls::Utf16(UTF_16BE));
        assert_eq!(by_nuls("中文".as_bytes()), Nuls::None);
    }

    #[test]
    fn nuls_on_both_sides_are_binary() {
        assert_eq!(by_nuls(b"\x00\x00\x01\x00\x00\x02\x00\x00"), Nuls::Binary);
        // UTF-16 byte order, but the "text" is control characters.
        assert_eq!(by_nuls(b"\x01\x00\x02\x00\x03\x00\x04\x00"), Nuls::Binary);
        // UTF-8 text with a stray NUL is not UTF-16.
        assert_eq!(by_nuls(b"hello world, this is text\n\x00"), Nuls::Binary);
        assert_eq!(by_nuls("中文的文本。\0".as_bytes()), Nuls::Binary);
        // ... even when its ASCII, paired up, reads as CJK (pipeline fuzz 061b36a9: the
        // first run's UTF-8 output was taken for UTF-16BE by the second). Its `ÿ` (C3 BF)
        // pairs into the rare syllable 쾿; `ǐ` (C7 90) into 자, which reads as text.
        for filler in ["ÿ", "ǐ"] {
            let perl = format!(
                "y $bad = bless {{{} Name =@\0\"Evil\", Color => \"black\" }},$Sheep;\r",
                filler.repeat(108)
            );
            assert_eq!(looks_like_text(perl.as_bytes(), UTF_16BE), filler == "ǐ");
            assert_eq!(by_nuls(perl.as_bytes()), Nuls::Binary);
        }
    }

    #[test]
    fn pure_cjk_line_without_nuls() {
        assert_eq!(
            without_nuls(&utf16("今天天气很好。", true)).map(|(e, _)| e),
            Some(UTF_16BE)
        );
        assert_eq!(
            without_nuls(&utf16("今天天气很好。", false)).map(|(e, _)| e),
            Some(UTF_16LE)
        );
        // GBK bytes of the same text are not UTF-16.
        let (gbk, _, _) = encoding_rs::GBK.encode("今天天气很好。");
        assert_eq!(without_nuls(&gbk), None);
    }
}
