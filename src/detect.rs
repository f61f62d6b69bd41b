//! Detect: which encoding are these bytes in?
//!
//! Order: BOM → strict UTF-8 → UTF-16 without BOM → HZ → chardetng.
//! (Skeleton: BOM, UTF-8 and chardetng; the rest lands with the detection work.)

use crate::Error;
use encoding_rs::Encoding;
use serde::Serialize;

/// A character set zhfix can decode. HZ-GB-2312 is not in encoding_rs (the WHATWG
/// standard maps it to "replacement"), so it has its own variant and decoder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Standard(&'static Encoding),
    Hz,
}

impl Charset {
    pub fn name(self) -> &'static str {
        match self {
            Charset::Standard(e) => e.name(),
            Charset::Hz => "HZ-GB-2312",
        }
    }

    /// The encoding_rs encoding closest to this charset (GB18030 for HZ).
    pub fn encoding(self) -> &'static Encoding {
        match self {
            Charset::Standard(e) => e,
            Charset::Hz => encoding_rs::GB18030,
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
    /// How it was decided, e.g. `bom`, `utf-8`, `chardetng`, `forced`.
    pub method: String,
}

fn ser_charset<S: serde::Serializer>(c: &Charset, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.name())
}

impl Detection {
    fn sure(charset: Charset, bom_len: usize, method: &str) -> Self {
        Detection {
            charset,
            bom_len,
            confidence: 1.0,
            method: method.to_string(),
        }
    }
}

/// Resolve a `--from` label. `gb2312` and `gbk` mean GB18030, its superset.
pub fn forced(label: &str) -> Result<Detection, Error> {
    let l = label.trim().to_ascii_lowercase();
    let charset = match l.as_str() {
        "hz" | "hz-gb-2312" => Charset::Hz,
        "gb2312" | "gbk" | "cp936" | "gb18030" => Charset::Standard(encoding_rs::GB18030),
        _ => Charset::Standard(
            Encoding::for_label(l.as_bytes())
                .ok_or_else(|| Error::UnknownEncoding(label.into()))?,
        ),
    };
    Ok(Detection::sure(charset, 0, "forced"))
}

/// Detect the encoding of a whole input (or of its first chunk, for streams).
pub fn detect(bytes: &[u8]) -> Result<Detection, Error> {
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return Ok(Detection::sure(Charset::Standard(enc), len, "bom"));
    }
    if std::str::from_utf8(bytes).is_ok() {
        if bytes.contains(&0) {
            return Err(Error::Binary("NUL bytes"));
        }
        return Ok(Detection::sure(
            Charset::Standard(encoding_rs::UTF_8),
            0,
            "utf-8",
        ));
    }
    if bytes.contains(&0) {
        return Err(Error::Binary("NUL bytes"));
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    Ok(Detection {
        charset: Charset::Standard(enc),
        bom_len: 0,
        confidence: 0.5,
        method: "chardetng".into(),
    })
}
