//! Detect: which encoding are these bytes in?
//!
//! The checks run from the most certain to the least, and the first that answers wins:
//!
//! 1. **BOM**: UTF-8, UTF-16LE or UTF-16BE; confidence 1.
//! 2. **Binary**: a magic number of a binary format ([`binary`]).
//! 3. **NUL bytes**: on one side of the byte pairs they mean UTF-16 without a BOM, anywhere
//!    else binary ([`utf16`]).
//! 4. **UTF-8**: valid UTF-8 (a sequence cut off by the end of the input, as at the end of
//!    a stream's first chunk, does not count against it). Pure ASCII is first tried as the
//!    7-bit encodings of CJK text ([`seven_bit`]): **ISO-2022-JP, -CN and -KR** by their
//!    escape sequences (before the control-character check, as their shifts are control
//!    bytes), **HZ-GB-2312** by its `~{` shifts (after it).
//! 5. **UTF-16 without NULs**: one line of pure CJK text ([`utf16::without_nuls`]).
//! 6. **Control characters**: too many means binary ([`binary::controls`]).
//! 7. **Legacy or mixed** ([`legacy`]): chardetng, checked by plausibility as Chinese when
//!    its answer is not a Chinese encoding or the text is short, with the encoding the
//!    file declares (XML, HTML `<meta>`, coding cookies: [`declared`]) as a favoured
//!    candidate; or, when some lines are convincing UTF-8, UTF-8 with legacy lines decoded
//!    line by line. Text in EUC-TW's byte ranges whose EUC-TW reading is clearly the more
//!    plausible is EUC-TW ([`euc_tw`]), which chardetng does not know.
//!
//! [`Detection::method`] says which step decided (`bom`, `utf-8`, `iso-2022`, `hz`,
//! `utf-16-nuls`, `utf-16-plausibility`, `chardetng`, `plausibility`, `declared`,
//! `mixed-lines`, `forced`), for the report.

pub mod binary;
pub mod declared;
pub mod euc_tw;
pub mod hangul;
pub mod label;
pub mod latin;
pub mod legacy;
pub mod plausible;
pub mod seven_bit;
pub mod utf16;

use crate::decode::iso2022;
use crate::Error;
use encoding_rs::{Encoding, GB18030, UTF_8};
use serde::Serialize;

/// A character set zhfix can decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    /// An encoding_rs encoding, decoded strictly as itself.
    Standard(&'static Encoding),
    /// UTF-8 in which any line that is not valid UTF-8 is decoded on its own as the most
    /// plausible of GB18030, Big5 and windows-1252 (see [`crate::decode::lines`]).
    /// Detected UTF-8 is always this, so a raw legacy line anywhere in a file or a stream,
    /// even after the part detection looked at, is recovered. `--from utf-8` gives the
    /// strict [`Charset::Standard`] instead. Valid UTF-8 decodes the same either way.
    Utf8Lines,
    /// HZ-GB-2312, which encoding_rs does not decode (WHATWG maps it to "replacement").
    Hz,
    /// ISO-2022-CN or ISO-2022-KR, which encoding_rs does not decode either (ISO-2022-JP it
    /// does, as a [`Charset::Standard`]).
    Iso2022(iso2022::Variant),
    /// EUC-TW (CNS 11643), which encoding_rs does not decode.
    EucTw,
}

impl Charset {
    pub fn name(self) -> &'static str {
        match self {
            Charset::Standard(e) => e.name(),
            Charset::Utf8Lines => "UTF-8",
            Charset::Hz => "HZ-GB-2312",
            Charset::Iso2022(iso2022::Variant::Cn) => "ISO-2022-CN",
            Charset::Iso2022(iso2022::Variant::Kr) => "ISO-2022-KR",
            Charset::EucTw => "EUC-TW",
        }
    }

    /// The encoding_rs encoding closest to this charset (GB18030 for HZ and ISO-2022-CN,
    /// EUC-KR for ISO-2022-KR, Big5 for EUC-TW, UTF-8 for UTF-8 with legacy lines).
    pub fn encoding(self) -> &'static Encoding {
        match self {
            Charset::Standard(e) => e,
            Charset::Utf8Lines => UTF_8,
            Charset::Hz | Charset::Iso2022(iso2022::Variant::Cn) => GB18030,
            Charset::Iso2022(iso2022::Variant::Kr) => encoding_rs::EUC_KR,
            Charset::EucTw => encoding_rs::BIG5,
        }
    }
}

/// The answer and how it was reached, for the report.
#[derive(Debug, Clone, Serialize)]
pub struct Detection {
    #[serde(serialize_with = "ser_charset")]
    pub charset: Charset,
    /// Length of a byte-order mark to skip.
    pub bom_len: usize,
    /// 0–1; 1 for a BOM, valid UTF-8 or a forced encoding.
    pub confidence: f32,
    /// How it was decided, e.g. `bom`, `utf-8`, `chardetng`, `plausibility`, `forced`.
    pub method: String,
}

fn ser_charset<S: serde::Serializer>(c: &Charset, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.name())
}

impl Detection {
    fn new(charset: Charset, confidence: f32, method: &str) -> Self {
        Detection {
            charset,
            bom_len: 0,
            confidence,
            method: method.to_string(),
        }
    }

    /// This detection for an input that may start with a BOM of its own charset (a forced
    /// `--from utf-16le` on a file with a BOM): record the BOM so decoding skips it.
    pub fn with_bom_of(mut self, bytes: &[u8]) -> Self {
        if let Some((enc, len)) = Encoding::for_bom(bytes) {
            if enc == self.charset.encoding() && self.charset != Charset::Hz {
                self.bom_len = len;
            }
        }
        self
    }
}

/// Resolve a `--from` label: any label [`label::resolve`] knows (WHATWG's, iconv's,
/// Python's, Emacs's), with GBK and its aliases meaning GB18030 (their superset, which
/// also decodes the 4-byte codes).
pub fn forced(name: &str) -> Result<Detection, Error> {
    let charset = match label::resolve(name) {
        Some(label::Named::Hz) => Charset::Hz,
        Some(label::Named::Iso2022Cn) => Charset::Iso2022(iso2022::Variant::Cn),
        Some(label::Named::Iso2022Kr) => Charset::Iso2022(iso2022::Variant::Kr),
        Some(label::Named::EucTw) => Charset::EucTw,
        Some(label::Named::Encoding(e)) if e == encoding_rs::GBK => Charset::Standard(GB18030),
        Some(label::Named::Encoding(e)) => Charset::Standard(e),
        None => return Err(Error::UnknownEncoding(name.into())),
    };
    Ok(Detection::new(charset, 1.0, "forced"))
}

/// Detect the encoding of a whole input (or of its first chunk, for streams).
pub fn detect(bytes: &[u8]) -> Result<Detection, Error> {
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        let charset = if enc == UTF_8 {
            Charset::Utf8Lines
        } else {
            Charset::Standard(enc)
        };
        let mut d = Detection::new(charset, 1.0, "bom");
        d.bom_len = len;
        return Ok(d);
    }
    if let Some(what) = binary::magic(bytes) {
        return Err(Error::Binary(what));
    }
    match utf16::by_nuls(bytes) {
        utf16::Nuls::Utf16(enc) => {
            return Ok(Detection::new(Charset::Standard(enc), 0.95, "utf-16-nuls"))
        }
        utf16::Nuls::Binary => return Err(Error::Binary("NUL bytes")),
        utf16::Nuls::None => {}
    }
    // encoding_rs's validator is SIMD-accelerated; std's is several times slower on CJK.
    let valid_up_to = match Encoding::utf8_valid_up_to(bytes) {
        n if n == bytes.len() => n,
        // Only an incomplete sequence at the very end: a cut, not an error.
        n => match std::str::from_utf8(&bytes[n..]) {
            Err(e) if e.error_len().is_none() => bytes.len(),
            _ => n,
        },
    };
    if valid_up_to == bytes.len() {
        if let Some(d) = seven_bit::iso2022(bytes) {
            return Ok(d);
        }
    }
    if valid_up_to < bytes.len() {
        if let Some((enc, mean)) = utf16::without_nuls(bytes) {
            let confidence = (0.6 + (mean - utf16::NO_NUL_MIN_MEAN) / 10.0).clamp(0.6, 0.9);
            return Ok(Detection::new(
                Charset::Standard(enc),
                confidence,
                "utf-16-plausibility",
            ));
        }
    }
    if let Some(what) = binary::controls(bytes) {
        return Err(Error::Binary(what));
    }
    if valid_up_to == bytes.len() {
        if let Some(d) = seven_bit::hz(bytes) {
            return Ok(d);
        }
        return Ok(Detection::new(Charset::Utf8Lines, 1.0, "utf-8"));
    }
    let verdict = legacy::judge(bytes, valid_up_to, declared::declared(bytes));
    if verdict.mixed {
        return Ok(Detection::new(
            Charset::Utf8Lines,
            verdict.confidence,
            verdict.method,
        ));
    }
    let sample = legacy::sample(&bytes[legacy::first_invalid_line(bytes, valid_up_to)..]);
    if let Some(confidence) = euc_tw::reads_better(sample, verdict.encoding) {
        return Ok(Detection::new(Charset::EucTw, confidence, "plausibility"));
    }
    Ok(Detection::new(
        Charset::Standard(verdict.encoding),
        verdict.confidence,
        verdict.method,
    ))
}
