//! Encode output text (`--output-encoding`). UTF-16 is written by hand because
//! encoding_rs, following the WHATWG standard, only decodes it.

use crate::Error;
use encoding_rs::{EncoderResult, Encoding};

/// Append `text` encoded as `enc` to `out`; the first character `enc` cannot represent is
/// an error naming it and its line (1-based, within `text`).
pub fn encode_into(text: &str, enc: &'static Encoding, out: &mut Vec<u8>) -> Result<(), Error> {
    if enc == encoding_rs::UTF_8 {
        out.extend_from_slice(text.as_bytes());
        return Ok(());
    }
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        let le = enc == encoding_rs::UTF_16LE;
        out.reserve(text.len() * 2);
        for unit in text.encode_utf16() {
            out.extend_from_slice(&if le {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        return Ok(());
    }
    let mut encoder = enc.new_encoder();
    let mut read = 0;
    loop {
        let need = encoder
            .max_buffer_length_from_utf8_without_replacement(text.len() - read)
            .unwrap_or(text.len() * 4 + 16);
        out.reserve(need);
        let start = out.len();
        out.resize(start + need, 0);
        let (res, r, w) =
            encoder.encode_from_utf8_without_replacement(&text[read..], &mut out[start..], true);
        out.truncate(start + w);
        read += r;
        match res {
            EncoderResult::InputEmpty => return Ok(()),
            EncoderResult::OutputFull => continue,
            EncoderResult::Unmappable(ch) => {
                let at = read - ch.len_utf8();
                let line = 1 + text[..at].bytes().filter(|&b| b == b'\n').count();
                return Err(Error::Unmappable {
                    ch,
                    code: ch as u32,
                    line,
                    encoding: enc.name(),
                });
            }
        }
    }
}
