//! 7-bit encodings of CJK text: HZ-GB-2312 and the ISO-2022 family (JP, CN, KR).
//!
//! Their bytes are all ASCII, so they are valid UTF-8 and would pass through undecoded.
//! Each is recognised by its shifts and then must decode without a single error:
//!
//! * **ISO-2022** by its escape sequences, which no other text writes: `ESC $ B` or
//!   `ESC $ @` (JIS X 0208: ISO-2022-JP), `ESC $ ) A`, `ESC $ ) G` or `ESC $ * H` (GB2312 or
//!   CNS 11643: ISO-2022-CN), `ESC $ ) C` (KS X 1001: ISO-2022-KR). It must also decode
//!   to at least one character outside ASCII, so that a stray designation in an ASCII file
//!   changes nothing.
//! * **HZ** by `~{`, which ASCII text may well contain (`a~{b}`), so the decoded text must
//!   also read as plausible Chinese ([`HZ_MIN_MEAN`]).
//!
//! The checks look at whole lines of the first 64 KiB: a stream's first block may end
//! inside a shifted run. (A sample of one line may still be cut; ISO-2022 forgives errors
//! in its last three bytes.)

use super::{plausible, Charset, Detection};
use crate::decode::{self, iso2022};
use encoding_rs::ISO_2022_JP;

/// The least mean plausibility for HZ (rare characters are near -12, unseen ones -16).
pub const HZ_MIN_MEAN: f32 = -11.0;

/// How much of the input the checks decode.
const SAMPLE: usize = 1 << 16;

/// The escape sequences that name each ISO-2022 encoding, in the order they are tried.
const DESIGNATIONS: &[(&[u8], Charset)] = &[
    (b"\x1b$B", Charset::Standard(ISO_2022_JP)),
    (b"\x1b$@", Charset::Standard(ISO_2022_JP)),
    (b"\x1b$)A", Charset::Iso2022(iso2022::Variant::Cn)),
    (b"\x1b$)G", Charset::Iso2022(iso2022::Variant::Cn)),
    (b"\x1b$*H", Charset::Iso2022(iso2022::Variant::Cn)),
    // ISO-2022-CN-EXT's CNS 11643 planes 3 to 7.
    (b"\x1b$+I", Charset::Iso2022(iso2022::Variant::Cn)),
    (b"\x1b$+J", Charset::Iso2022(iso2022::Variant::Cn)),
    (b"\x1b$+K", Charset::Iso2022(iso2022::Variant::Cn)),
    (b"\x1b$+L", Charset::Iso2022(iso2022::Variant::Cn)),
    (b"\x1b$+M", Charset::Iso2022(iso2022::Variant::Cn)),
    (b"\x1b$)C", Charset::Iso2022(iso2022::Variant::Kr)),
];

/// ISO-2022-JP, -CN or -KR, if `bytes` is 7-bit, designates one of their character sets
/// and decodes cleanly into some text beyond ASCII.
pub fn iso2022(bytes: &[u8]) -> Option<Detection> {
    // Every valid UTF-8 input passes here: Chinese text fails the first test at its first
    // character, and only the sample is searched for an escape.
    if !bytes.is_ascii() {
        return None;
    }
    let sample = whole_lines(bytes);
    memchr::memchr(0x1B, sample)?;
    let charset = DESIGNATIONS
        .iter()
        .find(|(esc, _)| memchr::memmem::find(sample, esc).is_some())?
        .1;
    let d = decode::decode(sample, &Detection::new(charset, 1.0, "iso-2022"));
    // Without a line break the sample may be a stream's first block, cut inside a pair or
    // an escape sequence (at most three bytes).
    let cut = !sample.ends_with(b"\n") && d.malformed.iter().all(|&o| o + 3 >= sample.len());
    if !(d.malformed.is_empty() || cut) || d.text.is_ascii() {
        return None;
    }
    Some(Detection::new(charset, 0.95, "iso-2022"))
}

/// HZ-GB-2312, if `bytes` is 7-bit, has a `~{` shift and decodes cleanly into plausible
/// Chinese (at least two characters).
pub fn hz(bytes: &[u8]) -> Option<Detection> {
    if !bytes.is_ascii() || memchr::memmem::find(bytes, b"~{").is_none() {
        return None;
    }
    let sample = whole_lines(bytes);
    let d = decode::hz::decode(sample, 0);
    if !d.malformed.is_empty() {
        return None;
    }
    let p = plausible::Plausibility::of(&d.text, 0);
    if p.chars < 2 || p.mean()? < HZ_MIN_MEAN {
        return None;
    }
    Some(Detection::new(Charset::Hz, 0.95, "hz"))
}

/// The first [`SAMPLE`] bytes, up to their last line break if they have one. (Every
/// encoding here starts each line unshifted, and LF is never part of a character.)
fn whole_lines(bytes: &[u8]) -> &[u8] {
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    match memchr::memrchr(b'\n', sample) {
        Some(i) => &sample[..=i],
        None => sample,
    }
}
