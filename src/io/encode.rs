//! Encode output text for `--output-encoding`.
//!
//! UTF-8 is the default and costs nothing (the text is already UTF-8; only a BOM, when
//! asked for, is added). Legacy encodings go through encoding_rs, except three it cannot
//! produce: UTF-16 (encoding_rs's UTF-16 *encoders* emit UTF-8, as the WHATWG standard
//! says for web forms), HZ-GB-2312 and EUC-TW (no encoder at all); these are written
//! here.
//!
//! A character the target cannot represent is an error, never a silent `?` or `&#…;`:
//! [`Error::Unmappable`] names the first such character and its 1-based line. An
//! [`Encoder`] counts lines across chunks, so a stream reports the line in the whole
//! output, not in the chunk.
//!
//! Labels are those [`label::resolve`] knows (WHATWG's, iconv's, Python's, Emacs's).
//! Unlike `--from`, `gbk` and `gb2312` here mean GBK proper: a user who asks for GBK
//! output wants bytes a GBK reader accepts, so characters outside GBK are errors rather
//! than GB18030 four-byte codes.

use crate::decode::cns;
use crate::detect::label::{self, Named};
use crate::detect::Charset;
use crate::Error;
use encoding_rs::{EncoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8};
use std::borrow::Cow;

/// A character set zhfix can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// Any other encoding_rs encoding with an encoder of its own (GB18030, GBK, Big5,
    /// Shift_JIS, EUC-KR, windows-1252, ...).
    Legacy(&'static Encoding),
    Hz,
    EucTw,
}

impl OutputEncoding {
    /// Resolve an `--output-encoding` label.
    pub fn for_label(label: &str) -> Result<Self, Error> {
        match label::resolve(label) {
            Some(Named::Hz) => Ok(OutputEncoding::Hz),
            Some(Named::Encoding(e)) if e == UTF_8 => Ok(OutputEncoding::Utf8),
            Some(Named::Encoding(e)) if e == UTF_16LE => Ok(OutputEncoding::Utf16Le),
            Some(Named::Encoding(e)) if e == UTF_16BE => Ok(OutputEncoding::Utf16Be),
            Some(Named::Encoding(e)) => Ok(OutputEncoding::Legacy(e)),
            Some(Named::EucTw) => Ok(OutputEncoding::EucTw),
            // ISO-2022-CN and -KR, which zhfix only decodes.
            Some(Named::Iso2022Cn | Named::Iso2022Kr) | None => {
                Err(Error::UnknownEncoding(label.into()))
            }
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            OutputEncoding::Utf8 => "UTF-8",
            OutputEncoding::Utf16Le => "UTF-16LE",
            OutputEncoding::Utf16Be => "UTF-16BE",
            OutputEncoding::Legacy(e) => e.name(),
            OutputEncoding::Hz => "HZ-GB-2312",
            OutputEncoding::EucTw => "EUC-TW",
        }
    }

    /// Is this the encoding an input in `charset` was in (so writing it changes no byte
    /// of clean text)?
    pub fn writes(self, charset: Charset) -> bool {
        match (self, charset) {
            (OutputEncoding::Utf8, Charset::Standard(e)) => e == UTF_8,
            (OutputEncoding::Utf8, Charset::Utf8Lines) => true,
            (OutputEncoding::Utf16Le, Charset::Standard(e)) => e == UTF_16LE,
            (OutputEncoding::Utf16Be, Charset::Standard(e)) => e == UTF_16BE,
            (OutputEncoding::Legacy(out), Charset::Standard(e)) => e == out,
            (OutputEncoding::Hz, Charset::Hz) => true,
            (OutputEncoding::EucTw, Charset::EucTw) => true,
            _ => false,
        }
    }

    /// The byte-order mark of this encoding (empty where there is none).
    pub fn bom(self) -> &'static [u8] {
        match self {
            OutputEncoding::Utf8 => b"\xef\xbb\xbf",
            OutputEncoding::Utf16Le => b"\xff\xfe",
            OutputEncoding::Utf16Be => b"\xfe\xff",
            _ => b"",
        }
    }
}

/// Encode one whole text (no BOM).
pub fn encode(text: &str, enc: OutputEncoding) -> Result<Cow<'_, [u8]>, Error> {
    Encoder::new(enc, false).encode(text)
}

/// Encodes a text given in consecutive chunks, counting lines across them.
#[derive(Debug, Clone)]
pub struct Encoder {
    enc: OutputEncoding,
    /// BOM still to be written before the next output.
    bom_pending: bool,
    /// Line breaks in the chunks encoded so far.
    lines_before: usize,
}

impl Encoder {
    /// `bom`: start the output with the encoding's byte-order mark (UTF-8 and UTF-16 only).
    pub fn new(enc: OutputEncoding, bom: bool) -> Self {
        Encoder {
            enc,
            bom_pending: bom && !enc.bom().is_empty(),
            lines_before: 0,
        }
    }

    /// Encode the next chunk of the text.
    pub fn encode<'t>(&mut self, text: &'t str) -> Result<Cow<'t, [u8]>, Error> {
        let bom: &[u8] = if self.bom_pending {
            self.enc.bom()
        } else {
            b""
        };
        let out: Cow<'t, [u8]> = match self.enc {
            OutputEncoding::Utf8 if bom.is_empty() => Cow::Borrowed(text.as_bytes()),
            OutputEncoding::Utf8 => Cow::Owned([bom, text.as_bytes()].concat()),
            OutputEncoding::Utf16Le => Cow::Owned(utf16(bom, text, u16::to_le_bytes)),
            OutputEncoding::Utf16Be => Cow::Owned(utf16(bom, text, u16::to_be_bytes)),
            OutputEncoding::Legacy(e) => Cow::Owned(self.legacy(text, e)?),
            OutputEncoding::Hz => Cow::Owned(self.hz(text)?),
            OutputEncoding::EucTw => Cow::Owned(self.euc_tw(text)?),
        };
        self.bom_pending = false;
        self.lines_before += memchr::memchr_iter(b'\n', text.as_bytes()).count();
        Ok(out)
    }

    fn legacy(&self, text: &str, enc: &'static Encoding) -> Result<Vec<u8>, Error> {
        let mut encoder = enc.new_encoder();
        let mut out = Vec::with_capacity(text.len() + 16);
        let mut read = 0;
        loop {
            let need = encoder
                .max_buffer_length_from_utf8_without_replacement(text.len() - read)
                .unwrap_or(text.len() * 4 + 16);
            out.reserve(need);
            let (res, n) =
                encoder.encode_from_utf8_to_vec_without_replacement(&text[read..], &mut out, true);
            read += n;
            match res {
                EncoderResult::InputEmpty => return Ok(out),
                EncoderResult::OutputFull => continue,
                EncoderResult::Unmappable(ch) => {
                    return Err(self.unmappable(text, read - ch.len_utf8(), ch))
                }
            }
        }
    }

    /// HZ: GB2312 characters with the high bit of both bytes cleared, between `~{` and
    /// `~}`; GB mode is closed before every line break (RFC 1843) and at the end.
    fn hz(&self, text: &str) -> Result<Vec<u8>, Error> {
        let mut out = Vec::with_capacity(text.len() + 16);
        let mut gb = false;
        let mut buf = [0u8; 4];
        for (at, ch) in text.char_indices() {
            if ch.is_ascii() {
                if gb {
                    out.extend_from_slice(b"~}");
                    gb = false;
                }
                if ch == '~' {
                    out.extend_from_slice(b"~~");
                } else {
                    out.push(ch as u8);
                }
                continue;
            }
            let (bytes, _, unmappable) = encoding_rs::GBK.encode(ch.encode_utf8(&mut buf));
            let pair = match *bytes {
                [lead @ 0xA1..=0xF7, trail @ 0xA1..=0xFE] if !unmappable => [lead, trail],
                _ => return Err(self.unmappable(text, at, ch)),
            };
            if !gb {
                out.extend_from_slice(b"~{");
                gb = true;
            }
            out.extend_from_slice(&[pair[0] & 0x7F, pair[1] & 0x7F]);
        }
        if gb {
            out.extend_from_slice(b"~}");
        }
        Ok(out)
    }

    /// EUC-TW: CNS 11643 plane 1 as its code with both high bits set, plane N behind the
    /// single shift `8E A0+N` (as `iconv -t EUC-TW` writes them).
    fn euc_tw(&self, text: &str) -> Result<Vec<u8>, Error> {
        let mut out = Vec::with_capacity(text.len() + 16);
        for (at, ch) in text.char_indices() {
            if ch.is_ascii() {
                out.push(ch as u8);
                continue;
            }
            match cns::code_of(ch) {
                Some((1, row, col)) => out.extend_from_slice(&[row | 0x80, col | 0x80]),
                Some((plane, row, col)) => {
                    out.extend_from_slice(&[0x8E, 0xA0 + plane as u8, row | 0x80, col | 0x80])
                }
                None => return Err(self.unmappable(text, at, ch)),
            }
        }
        Ok(out)
    }

    fn unmappable(&self, text: &str, at: usize, ch: char) -> Error {
        let line =
            self.lines_before + 1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..at]).count();
        Error::Unmappable {
            ch,
            code: ch as u32,
            line,
            encoding: self.enc.name(),
        }
    }
}

fn utf16(bom: &[u8], text: &str, bytes: fn(u16) -> [u8; 2]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bom.len() + text.len() * 2);
    out.extend_from_slice(bom);
    for unit in text.encode_utf16() {
        out.extend_from_slice(&bytes(unit));
    }
    out
}
