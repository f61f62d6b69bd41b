//! Streaming: any input, any size, in bounded memory, output in order.
//!
//! The input is read in blocks of `chunk_size` bytes. Each block is cut after its last
//! complete line (a line break in the detected encoding: `\n`, or the `\n` code unit for
//! UTF-16), the tail carried into the next block. The encoding is detected once, on the
//! first block. Up to `batch` chunks are fixed in parallel on rayon's pool and then written
//! in input order, so memory stays near `chunk_size × batch` however long the stream is.
//!
//! A file smaller than one chunk is a single chunk: the whole-file path and the stream
//! path are the same code. The first chunk also gets its encoding declaration rewritten
//! when the caller says the output goes out in another encoding ([`StreamOptions::output`]).

use super::encode::OutputEncoding;
use crate::detect::{Charset, Detection};
use crate::pipeline::Pipeline;
use crate::report::Report;
use crate::Error;
use rayon::prelude::*;
use std::io::Read;

/// How to cut and batch a stream.
#[derive(Debug, Clone, Copy)]
pub struct StreamOptions {
    /// Bytes read per chunk before cutting at a line boundary.
    pub chunk_size: usize,
    /// Chunks fixed in parallel before they are written.
    pub batch: usize,
    /// The encoding the caller will write the output in, if it knows: the declaration at
    /// the start of the stream is made to name it ([`super::declaration`]).
    pub output: Option<OutputEncoding>,
}

/// 2 MiB: peak RSS streaming 1 GB of man pages through `--to t` on 2 cores was 106 MB with
/// 4 MiB chunks (each chunk in flight holds its bytes, the decoded, repaired and converted
/// text and the output, `batch` of them at once) and 61 MB with 2 MiB, at the same speed.
pub const DEFAULT_CHUNK_SIZE: usize = 2 << 20;

impl Default for StreamOptions {
    fn default() -> Self {
        StreamOptions {
            chunk_size: DEFAULT_CHUNK_SIZE,
            batch: 2 * rayon::current_num_threads().max(1),
            output: None,
        }
    }
}

/// What one chunk became.
pub struct ChunkOut {
    /// How the input was decoded.
    pub detection: Detection,
    /// The original bytes (kept so callers can show a diff or detect "unchanged").
    pub input: Vec<u8>,
    pub text: String,
    pub report: Report,
}

/// Fix everything `reader` yields, handing each fixed chunk, in order, to `sink`.
/// Returns the merged report (status `changed` if any chunk changed).
pub fn fix_stream<R: Read>(
    pipeline: &Pipeline,
    mut reader: R,
    opts: StreamOptions,
    name: &str,
    mut sink: impl FnMut(ChunkOut) -> Result<(), Error>,
) -> Result<Report, Error> {
    let chunk_size = opts.chunk_size.max(64);
    let batch = opts.batch.max(1);
    let mut carry: Vec<u8> = Vec::new();
    let mut detection: Option<Detection> = None;
    let mut total: Option<Report> = None;
    let mut eof = false;
    let mut offset = 0usize;
    while !eof {
        let mut chunks: Vec<(usize, Vec<u8>)> = Vec::with_capacity(batch);
        while chunks.len() < batch && !eof {
            let mut block = std::mem::take(&mut carry);
            let want = if detection.is_none() {
                chunk_size.max(DETECT_SAMPLE)
            } else {
                chunk_size.saturating_sub(block.len()).max(chunk_size / 4)
            };
            eof = read_up_to(&mut reader, &mut block, want).map_err(|e| Error::io(name, e))?;
            if block.is_empty() {
                break;
            }
            let det = match &detection {
                Some(d) => d,
                None => detection.insert(pipeline.detect(detect_sample(&block, eof))?),
            };
            let cut = if eof {
                block.len()
            } else {
                match split_point(&block, det.charset) {
                    0 if block.len() >= MAX_LINE_FACTOR * chunk_size => {
                        safe_cut(&block, det.charset)
                    }
                    cut => cut,
                }
            };
            if cut < block.len() {
                carry = block.split_off(cut);
            }
            if !block.is_empty() {
                let len = block.len();
                chunks.push((offset, block));
                offset += len;
            }
        }
        if chunks.is_empty() {
            break;
        }
        let Some(det) = detection.clone() else { break };
        let fixed: Vec<Result<ChunkOut, Error>> = chunks
            .into_par_iter()
            .map(|(at, bytes)| {
                let mut d = det.clone();
                if at > 0 {
                    d.bom_len = 0;
                }
                let mut fixed = pipeline.fix_bytes_as(&bytes, d)?;
                if let (Some(out), 0) = (opts.output, at) {
                    fixed.declare(out);
                }
                for o in &mut fixed.report.malformed_offsets {
                    *o += at;
                }
                Ok(ChunkOut {
                    detection: fixed.detection,
                    input: bytes,
                    text: fixed.text,
                    report: fixed.report,
                })
            })
            .collect();
        for chunk in fixed {
            let chunk = chunk?;
            match &mut total {
                None => total = Some(chunk.report.clone()),
                Some(t) => {
                    let changed = t.status == "changed" || chunk.report.status == "changed";
                    t.merge(chunk.report.clone());
                    if changed {
                        t.status = "changed".into();
                    }
                }
            }
            sink(chunk)?;
        }
    }
    Ok(total.unwrap_or_else(|| Report {
        encoding: "UTF-8".into(),
        method: "empty".into(),
        confidence: 1.0,
        status: "unchanged".into(),
        ..Report::default()
    }))
}

/// Read until `buf` grew by `want` bytes or the reader is exhausted (returns true then).
///
/// The buffer grows with the data (`read_to_end` doubles it), never to `want` up front:
/// zero-filling a whole 4 MiB chunk for every file cost more than fixing a small file
/// (46 ms a file in a debug build, the page faults of 4 MiB in a release one).
fn read_up_to<R: Read>(reader: &mut R, buf: &mut Vec<u8>, want: usize) -> std::io::Result<bool> {
    let got = reader.by_ref().take(want as u64).read_to_end(buf)?;
    Ok(got < want)
}

/// Index just past the last complete line in `bytes` (0 if there is none). For UTF-16 the
/// line break is the `\n` code unit at an even offset.
pub fn split_point(bytes: &[u8], charset: Charset) -> usize {
    let enc = charset.encoding();
    let unit: Option<[u8; 2]> = if enc == encoding_rs::UTF_16LE {
        Some([b'\n', 0])
    } else if enc == encoding_rs::UTF_16BE {
        Some([0, b'\n'])
    } else {
        None
    };
    match unit {
        None => memchr::memrchr(b'\n', bytes).map_or(0, |i| i + 1),
        Some(nl) => {
            let mut i = bytes.len() & !1;
            while i >= 2 {
                if bytes[i - 2..i] == nl {
                    return i;
                }
                i -= 2;
            }
            0
        }
    }
}

/// The first read is at least this long, because the encoding is detected on it once for
/// the whole stream and detectors need a fair sample.
const DETECT_SAMPLE: usize = 64 << 10;

/// The part of the first block to detect on: up to its last line break, so that a
/// character cut by the block's end does not read as a malformed sequence (which would
/// turn valid UTF-8 or GBK into a wrong guess). A UTF-16LE `\n` keeps its zero byte.
fn detect_sample(block: &[u8], eof: bool) -> &[u8] {
    if eof {
        return block;
    }
    match memchr::memrchr(b'\n', block) {
        Some(i) if block.get(i + 1) == Some(&0) => &block[..i + 2],
        Some(i) => &block[..i + 1],
        None => block,
    }
}

/// A line longer than this many chunks is cut mid-line (at a character boundary) so that
/// memory stays bounded on a file that is one enormous line.
const MAX_LINE_FACTOR: usize = 4;

/// A cut inside a line that never splits a character: for UTF-8 a char boundary, for
/// UTF-16 an even offset outside a surrogate pair, for the 7-bit encodings after a shift
/// back to ASCII, for the GB and Big5 families just after a byte below 0x40 (such a byte
/// is never a lead or trail byte there).
fn safe_cut(bytes: &[u8], charset: Charset) -> usize {
    let enc = charset.encoding();
    if enc == encoding_rs::UTF_8 {
        let mut i = bytes.len();
        while i > 0 && (bytes[i - 1] & 0xC0) == 0x80 {
            i -= 1;
        }
        // `i - 1` is a lead (or ASCII) byte; cut before it.
        return i.saturating_sub(1).max(1);
    }
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        let mut i = bytes.len() & !1;
        while i >= 2 {
            let unit = if enc == encoding_rs::UTF_16LE {
                u16::from_le_bytes([bytes[i - 2], bytes[i - 1]])
            } else {
                u16::from_be_bytes([bytes[i - 2], bytes[i - 1]])
            };
            if !(0xD800..0xDC00).contains(&unit) {
                return i;
            }
            i -= 2;
        }
        return bytes.len() & !1;
    }
    // In the 7-bit encodings only a shift back to ASCII leaves the decoder in the state a
    // new chunk starts in: HZ's `~}`, ISO-2022-JP's `ESC ( B`, ISO-2022-CN and -KR's SI
    // (a cut there loses ISO-2022-CN's designations, so the rest of such a line is
    // malformed; only a line over MAX_LINE_FACTOR chunks long is cut).
    let shift_back: Option<&[u8]> = match charset {
        Charset::Hz => Some(b"~}"),
        Charset::Iso2022(_) => Some(b"\x0f"),
        _ if enc == encoding_rs::ISO_2022_JP => Some(b"\x1b(B"),
        _ => None,
    };
    if let Some(shift) = shift_back {
        return memchr::memmem::rfind(bytes, shift).map_or(bytes.len(), |i| i + shift.len());
    }
    bytes
        .iter()
        .rposition(|&b| b < 0x40)
        .map_or(bytes.len(), |i| i + 1)
}
