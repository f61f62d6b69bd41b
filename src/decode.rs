//! Decode: bytes to text with encoding_rs, never losing a byte silently.
//!
//! Every malformed sequence becomes U+FFFD and its byte offset is recorded, so the report
//! (or `--strict`) can say exactly where input was damaged.

use crate::detect::{Charset, Detection};

/// Decoded text and where the input was malformed.
#[derive(Debug, Clone, Default)]
pub struct Decoded {
    pub text: String,
    /// Byte offsets (in the input) of each malformed sequence.
    pub malformed: Vec<usize>,
}

/// Decode `bytes` as detected (the BOM, if any, is skipped).
pub fn decode(bytes: &[u8], det: &Detection) -> Decoded {
    let body = &bytes[det.bom_len.min(bytes.len())..];
    match det.charset {
        Charset::Standard(enc) => decode_standard(body, enc, det.bom_len),
        Charset::Hz => decode_standard(body, encoding_rs::GB18030, det.bom_len),
    }
}

fn decode_standard(body: &[u8], enc: &'static encoding_rs::Encoding, base: usize) -> Decoded {
    if enc == encoding_rs::UTF_8 {
        if let Ok(s) = std::str::from_utf8(body) {
            return Decoded {
                text: s.to_owned(),
                malformed: Vec::new(),
            };
        }
    }
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(body.len() * 3 / 2 + 16);
    let mut malformed = Vec::new();
    let mut read = 0;
    loop {
        let need = decoder
            .max_utf8_buffer_length_without_replacement(body.len() - read)
            .unwrap_or(body.len() * 4);
        text.reserve(need);
        let (res, n) = decoder.decode_to_string_without_replacement(&body[read..], &mut text, true);
        read += n;
        match res {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => continue,
            encoding_rs::DecoderResult::Malformed(bad, extra) => {
                malformed.push(base + read - extra as usize - bad as usize);
                text.push('\u{FFFD}');
            }
        }
    }
    Decoded { text, malformed }
}
