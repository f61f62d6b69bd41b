//! UTF-8 read as GB18030 by a tool that then deleted the private-use characters it got.
//! Wherever two UTF-8 bytes happened to form a GBK user-defined pair, both are gone
//! without a trace: 中文 = E4 B8 **AD E6** 96 87, and AD E6 is U+E1CB, so the text becomes
//! 涓枃 minus one character, and re-encoded as GBK it is E4 B8 96 87: UTF-8 with two bytes
//! missing (four where two such pairs were adjacent).
//!
//! [`reinsert`] walks the bytes left to right. Where UTF-8 breaks, the missing pair sits
//! at a GBK character boundary at most [`mend::BEFORE`] bytes before the break or
//! [`mend::AFTER`] after it (UTF-8 resynchronises within one character). Every
//! private-use pair is tried at every such boundary (two in a row only when one pair fits
//! nothing but a lost ASCII byte); the insertions that make the bytes around the break
//! valid UTF-8 are ranked by [`super::fill::fill_cost`].
//!
//! The bytes often leave a character wide open (a pair of continuation bytes lost leaves
//! only the lead byte: hundreds of candidates), so where a rival insertion comes within
//! [`mend::AMBIGUOUS`] of the best, the characters the two disagree on become U+FFFD: the
//! loss is counted, not papered over with a guess. A break that no insertion mends means
//! the text is not of this kind, and the reading is dropped.
//!
//! This file walks the breaks and keeps the bookkeeping; `mend.rs` finds the insertion
//! that mends one break.

mod mend;

use super::fill::{Around, Document};
use super::pairwise::is_cont;
use mend::best_fix;
use std::ops::Range;

/// A deletion happens where two UTF-8 bytes form a user-defined pair, about once every
/// 40 bytes of Chinese (dev corpus: 75 deletions in 4,300 bytes; the densest line lost
/// one pair per 13 characters). Clean Chinese re-encoded as GBK breaks UTF-8 at nearly
/// every character; at most one break per this many non-ASCII bytes is believed.
const BYTES_PER_DROP: usize = 12;

/// Han characters and the punctuation Chinese text uses.
fn chinese_text(c: char) -> bool {
    crate::model::is_han(c)
        || matches!(c as u32, 0x2000..=0x206F | 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

/// The text with every deleted pair put back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reinserted {
    pub text: String,
    /// Characters whose missing bytes the model chose.
    pub guessed: usize,
    /// Characters left as U+FFFD.
    pub lost: usize,
}

/// Put back the private-use pairs deleted from GBK-read UTF-8 `bytes`; `None` when the
/// bytes are valid UTF-8 already or some break cannot be mended that way.
pub fn reinsert(bytes: &[u8], doc: &Document) -> Option<Reinserted> {
    if std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    let high = bytes.iter().filter(|b| !b.is_ascii()).count();
    if !mostly_utf8_chinese(bytes, high) {
        return None;
    }
    let max_drops = 1 + high / BYTES_PER_DROP;
    if breaks(bytes, 2 * max_drops) > 2 * max_drops {
        return None;
    }
    let segment = Around::segment(&String::from_utf8_lossy(bytes), doc);
    let mut buf = bytes.to_vec();
    let mut starts = gbk_starts(bytes);
    let mut unsure: Vec<Range<usize>> = Vec::new();
    let mut floor = 0;
    let mut drops = 0;
    let mut guessed = 0;
    loop {
        let from = char_start(&buf, floor);
        let err = match std::str::from_utf8(&buf[from..]) {
            Ok(_) => break,
            Err(e) => from + e.valid_up_to(),
        };
        drops += 1;
        if drops > max_drops {
            return None;
        }
        let fix = best_fix(&buf, &starts, floor, err, &segment)?;
        let (at, k) = (fix.at, fix.ins.len());
        buf.splice(at..at, fix.ins.iter().copied());
        starts.splice(at..at, (0..k).map(|i| i % 2 == 0));
        for r in &mut unsure {
            if at < r.end {
                r.end += k;
            }
        }
        guessed += fix.chars - fix.unsure.len();
        unsure.extend(fix.unsure);
        floor = at + k;
    }
    let text = String::from_utf8(buf).ok()?;
    let (text, lost) = blank(&text, &unsure);
    Some(Reinserted {
        text,
        guessed,
        lost,
    })
}

/// Do the bytes already read as UTF-8 Chinese away from the breaks? A deletion damages
/// the two characters around it and leaves the rest intact, so in real damage at least
/// two thirds of the non-ASCII bytes sit in valid UTF-8, two or more of them as Chinese
/// characters. Clean Chinese re-encoded as GBK rarely forms a valid three-byte sequence;
/// without this check a line with a few Chinese words among ASCII (`-f 文件`) passed the
/// break count and paid for a search of every private-use pair at each break: 270M
/// instructions on 1 MB of clean man pages, two thirds of the whole pipeline.
fn mostly_utf8_chinese(bytes: &[u8], high: usize) -> bool {
    let (mut valid_high, mut chinese) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars().filter(|c| !c.is_ascii()) {
            valid_high += c.len_utf8();
            chinese += usize::from(chinese_text(c));
        }
    }
    chinese >= 2 && 3 * valid_high >= 2 * high
}

/// Replace the characters in `ranges` (byte ranges of `text`) with one U+FFFD each.
fn blank(text: &str, ranges: &[Range<usize>]) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut lost = 0;
    for (i, c) in text.char_indices() {
        if ranges.iter().any(|r| r.contains(&i)) {
            out.push('\u{FFFD}');
            lost += 1;
        } else {
            out.push(c);
        }
    }
    (out, lost)
}

/// How many times UTF-8 breaks in `bytes`, counting up to just past `limit`.
fn breaks(bytes: &[u8], limit: usize) -> usize {
    let mut n = 0;
    let mut rest = bytes;
    while n <= limit {
        match std::str::from_utf8(rest) {
            Ok(_) => break,
            Err(e) => {
                n += 1;
                let skip = e.valid_up_to() + e.error_len().unwrap_or(rest.len());
                rest = rest.get(skip..).unwrap_or_default();
            }
        }
    }
    n
}

/// Where GBK characters start in `bytes` (and at the end): the only places a deleted
/// pair can have been.
fn gbk_starts(bytes: &[u8]) -> Vec<bool> {
    let mut starts = vec![false; bytes.len() + 1];
    let mut i = 0;
    while i < bytes.len() {
        starts[i] = true;
        i += match bytes[i] {
            0..=0x7F => 1,
            _ if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => 4,
            _ => 2,
        };
    }
    starts[bytes.len()] = true;
    starts
}

/// The start of the UTF-8 character holding `pos`.
fn char_start(buf: &[u8], mut pos: usize) -> usize {
    while pos > 0 && buf.get(pos).is_some_and(|&b| is_cont(b)) {
        pos -= 1;
    }
    pos
}

#[cfg(test)]
mod tests;
