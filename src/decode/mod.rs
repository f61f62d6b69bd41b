//! Decode: bytes to text with encoding_rs, never losing a byte silently.
//!
//! Every malformed sequence becomes U+FFFD and its byte offset (in the bytes given,
//! counting a skipped BOM) is recorded, so the report (or `--strict`) can say exactly where
//! input was damaged. Some charsets need more than encoding_rs:
//!
//! * [`Charset::Hz`]: HZ-GB-2312 has its own decoder ([`hz`]).
//! * [`Charset::Iso2022`]: so do ISO-2022-CN and ISO-2022-KR ([`iso2022`]); ISO-2022-JP
//!   is decoded by encoding_rs, but one line at a time.
//! * [`Charset::EucTw`]: and EUC-TW ([`euc_tw`]), which shares CNS 11643's table with
//!   ISO-2022-CN.
//! * [`Charset::Utf8Lines`]: UTF-8 in which any line that is not valid UTF-8 is decoded on
//!   its own as whichever of GB18030, Big5, windows-1252 or UTF-8-with-U+FFFD reads as the
//!   most plausible text ([`lines`]).
//! * UTF-16 of odd length: the trailing byte is one malformed sequence (encoding_rs
//!   reports it at the end of input).
//!
//! Decoding works on any line-aligned piece of an input (see [`split_point`]), so a stream
//! can be cut into chunks and decoded in parallel with one [`Detection`].

pub mod cns;
pub mod euc_tw;
pub mod hz;
pub mod iso2022;
pub mod lines;

use crate::detect::{Charset, Detection};
use encoding_rs::{DecoderResult, Encoding};

/// Decoded text and where the input was malformed.
#[derive(Debug, Clone, Default)]
pub struct Decoded {
    pub text: String,
    /// Byte offsets (in the input) of each malformed sequence.
    pub malformed: Vec<usize>,
    /// For [`Charset::Utf8Lines`]: each line that was not UTF-8, as (byte offset of the
    /// line, encoding it was decoded as).
    pub legacy_lines: Vec<(usize, &'static Encoding)>,
}

/// Decode `bytes` as detected. A BOM is skipped only when the bytes start with one for
/// this charset, so later chunks of a stream may reuse the first chunk's detection.
pub fn decode(bytes: &[u8], det: &Detection) -> Decoded {
    let skip = match Encoding::for_bom(bytes) {
        Some((enc, len)) if det.bom_len == len && det.charset.encoding() == enc => len,
        _ => 0,
    };
    let body = &bytes[skip..];
    match det.charset {
        Charset::Standard(enc) if enc == encoding_rs::ISO_2022_JP => iso2022::decode_jp(body, skip),
        Charset::Standard(enc) => decode_standard(body, enc, skip),
        Charset::Utf8Lines => lines::decode(body, skip),
        Charset::Hz => hz::decode(body, skip),
        Charset::Iso2022(variant) => iso2022::decode(body, skip, variant),
        Charset::EucTw => euc_tw::decode(body, skip),
    }
}

/// Decode with encoding_rs, recording each malformed sequence at `base` + its offset.
pub fn decode_standard(body: &[u8], enc: &'static Encoding, base: usize) -> Decoded {
    if enc == encoding_rs::UTF_8 {
        if let Some(s) = enc.decode_without_bom_handling_and_without_replacement(body) {
            return Decoded {
                text: s.into_owned(),
                ..Decoded::default()
            };
        }
    }
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(body.len() * 3 / 2 + 16);
    let mut malformed = Vec::new();
    let mut read = 0;
    loop {
        let rest = body.len() - read;
        let need = decoder
            .max_utf8_buffer_length_without_replacement(rest)
            .unwrap_or(rest.saturating_mul(4));
        text.reserve(need);
        let (res, n) = decoder.decode_to_string_without_replacement(&body[read..], &mut text, true);
        read += n;
        match res {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => continue,
            // `read` is just past the bytes consumed; the last `extra` of them follow the
            // malformed sequence, which is `bad` bytes long.
            DecoderResult::Malformed(bad, extra) => {
                malformed.push(base + read.saturating_sub(extra as usize + bad as usize));
                text.push('\u{FFFD}');
            }
        }
    }
    Decoded {
        text,
        malformed,
        ..Decoded::default()
    }
}

impl Decoded {
    /// Append what decoding `part` gave.
    fn append(&mut self, part: Decoded) {
        self.text.push_str(&part.text);
        self.malformed.extend(part.malformed);
    }

    /// A malformed sequence at byte `at`: U+FFFD in the text, and its offset.
    fn malformed_at(&mut self, at: usize) {
        self.text.push('\u{FFFD}');
        self.malformed.push(at);
    }

    /// Append 7-bit pairs (HZ's, ISO-2022's) of the EUC encoding `enc`, decoded once their
    /// high bits are set again; `base` is the offset of the first.
    fn append_seven_bit(&mut self, pairs: &[u8], enc: &'static Encoding, base: usize) {
        let high: Vec<u8> = pairs.iter().map(|&c| c | 0x80).collect();
        self.append(decode_standard(&high, enc, base));
    }
}

/// The byte index just after the last complete line of `bytes` in `charset`, or 0 when
/// there is no line break. A line ends with LF; in UTF-16 that is the code unit 0x000A at
/// an even offset. In every other supported encoding byte 0x0A is never part of a
/// multibyte character (GBK, GB18030 and Big5 trail bytes start at 0x30/0x40; HZ pairs use
/// 0x21–0x7E, as do ISO-2022's), so the last 0x0A byte ends a line.
pub fn split_point(bytes: &[u8], charset: Charset) -> usize {
    let enc = charset.encoding();
    let unit = if enc == encoding_rs::UTF_16LE {
        [b'\n', 0]
    } else if enc == encoding_rs::UTF_16BE {
        [0, b'\n']
    } else {
        return memchr::memrchr(b'\n', bytes).map_or(0, |i| i + 1);
    };
    let mut end = bytes.len() & !1;
    while end >= 2 {
        if bytes[end - 2..end] == unit {
            return end;
        }
        end -= 2;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::forced;

    fn dec(bytes: &[u8], label: &str) -> (String, Vec<usize>) {
        let d = decode(bytes, &forced(label).unwrap());
        (d.text, d.malformed)
    }

    #[test]
    fn malformed_offsets_are_exact() {
        // GB18030: lead byte 0xC4 followed by a space, then 你 at offset 3.
        assert_eq!(
            dec(b"a\xc4 \xc4\xe3", "gb18030"),
            ("a\u{FFFD} 你".into(), vec![1])
        );
        // UTF-8: a lone continuation byte, then a truncated 3-byte sequence at the end.
        assert_eq!(
            dec(b"\xe4\xb8\xad\x80x\xe6\x96", "utf-8"),
            ("中\u{FFFD}x\u{FFFD}".into(), vec![3, 5])
        );
        // Big5: 0x80 is never a lead byte.
        assert_eq!(
            dec(b"\xa4\xa4\x80\xa4\xe5", "big5"),
            ("中\u{FFFD}文".into(), vec![2])
        );
    }

    #[test]
    fn odd_length_utf16_does_not_panic() {
        assert_eq!(
            dec(b"-N\x87e\x00", "utf-16le"),
            ("中文\u{FFFD}".into(), vec![4])
        );
        assert_eq!(dec(b"N-e", "utf-16be"), ("中\u{FFFD}".into(), vec![2]));
        assert_eq!(dec(b"\x00", "utf-16be"), ("\u{FFFD}".into(), vec![0]));
    }

    #[test]
    fn bom_skipped_only_when_present() {
        let det = crate::detect::detect(b"\xef\xbb\xbfabc").unwrap();
        assert_eq!(det.bom_len, 3);
        assert_eq!(decode(b"\xef\xbb\xbfabc", &det).text, "abc");
        // A later chunk of the same stream has no BOM and loses nothing.
        assert_eq!(decode(b"defg", &det).text, "defg");
        // Offsets count the BOM.
        let bytes = b"\xef\xbb\xbfa\xffb";
        let strict = forced("utf-8").unwrap().with_bom_of(bytes);
        assert_eq!(strict.bom_len, 3);
        assert_eq!(decode(bytes, &strict).malformed, vec![4]);
    }

    #[test]
    fn split_points() {
        let utf8 = Charset::Utf8Lines;
        assert_eq!(split_point(b"ab\ncd\nef", utf8), 6);
        assert_eq!(split_point(b"abc", utf8), 0);
        let le = Charset::Standard(encoding_rs::UTF_16LE);
        // 0x0A as the high byte of 上 (U+4E0A) is not a line break.
        assert_eq!(split_point(b"a\x00\n\x00\x0a\x4e", le), 4);
        assert_eq!(split_point(b"\x0aN\x00", le), 0);
        let be = Charset::Standard(encoding_rs::UTF_16BE);
        assert_eq!(split_point(b"\x00\n\x00a\x00\n\x00", be), 6);
        assert_eq!(split_point(b"N\x0a", be), 0);
        assert_eq!(split_point(b"~{VP~}\n~{ND", Charset::Hz), 7);
    }
}
