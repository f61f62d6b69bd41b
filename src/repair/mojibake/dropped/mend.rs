//! Mending one break: every private-use pair (or two) at every GBK character boundary
//! near the break, kept when the bytes around it become valid UTF-8, ranked by
//! [`fill::fill_cost`] plus the terms below; rivals within [`AMBIGUOUS`] leave their
//! disputed characters undecided.

use super::chinese_text;
use crate::repair::mojibake::codec::{self, Enc};
use crate::repair::mojibake::fill::{self, Around};
use crate::repair::mojibake::holes::window_start;
use crate::repair::mojibake::pairwise::is_cont;
use std::ops::Range;

/// How far before a UTF-8 break the missing pair may have been: the bytes after a gap
/// can still form one valid character (E4 B8 | 96 is 世) before the break shows.
pub(super) const BEFORE: usize = 3;
/// How far after: a lead byte left alone is reported where it starts, up to three bytes
/// before the gap that ate its continuation bytes.
pub(super) const AFTER: usize = 3;
/// Bytes after an insertion that must decode, so a pair that mends the break only by
/// breaking the next character is not taken.
const CHECKED_AFTER: usize = 3;
/// Bytes after an insertion that decide [`CHECKED_AFTER`]: a character that starts
/// before the checked bytes end is at most four bytes long.
const LOOKAHEAD: usize = CHECKED_AFTER + 3;
/// Context after the latest gap the model sees (about four characters).
const CONTEXT_AFTER: usize = 12;

/// Rival readings of a gap closer than this (cost units, ≈ nats) are a coin toss; the
/// characters they disagree on become U+FFFD. Chosen on the dev corpus's 12
/// gb18030-droppua cases: margins 0, 1, 2, 3 kept 17, 12, 1, 0 wrong characters (CER
/// 0.015, 0.022, 0.029, 0.033); 2 is where the guesses that stay are nearly all right.
pub(super) const AMBIGUOUS: f32 = 2.0;

/// Insertions scored per break at most: two pairs in a row can mean tens of thousands;
/// past this the gap's characters are all U+FFFD.
const MAX_SCORED: usize = 30_000;

/// Two adjacent pairs deleted are rarer than one (dev: 5 of 75 deletions), and a second
/// pair always has more ways to fit: it pays this much before the model's cost.
const SECOND_PAIR: f32 = 3.0;

/// A pair whose second byte is ASCII (A1–A7 rows, trail 40–7E) takes an ASCII character
/// with it; that happens (dev: 1 of 75 deletions) but a letter put back between Han
/// characters is nearly always a cheap way to close a gap that needed a whole character.
const ASCII_LOST: f32 = 5.0;

/// Kana or Hangul that only an insertion brings into a line without any: GBK-read UTF-8
/// is Chinese, and the model prices kana and Hangul below rare Han characters (so clean
/// Japanese and Korean are never "repaired"), which would let them fill gaps cheaply.
const FOREIGN: f32 = 10.0;

fn kana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF)
}

fn hangul(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7A3 | 0x1100..=0x11FF | 0x3130..=0x318F)
}

/// Cost of a U+FFFD in a scored window (another break the candidate leaves or makes);
/// the value `search::fill_run` uses.
const BROKEN: f32 = 30.0;

/// The insertion chosen for one break.
pub(super) struct Fix {
    pub at: usize,
    pub ins: Vec<u8>,
    /// Characters the inserted bytes belong to.
    pub chars: usize,
    /// Byte ranges (after insertion) of those the bytes leave undecided.
    pub unsure: Vec<Range<usize>>,
}

/// One insertion that mends a break, and its cost.
struct Candidate {
    at: usize,
    ins: Vec<u8>,
    cost: f32,
}

/// The bytes around the gaps of one break: `buf[start..end]`.
struct Window<'a> {
    buf: &'a [u8],
    start: usize,
    end: usize,
}

/// One insertion being tried: the window's bytes with `len` bytes inserted at `off`.
struct Trial<'w> {
    bytes: &'w [u8],
    off: usize,
    len: usize,
}

impl Trial<'_> {
    fn ins(&self) -> &[u8] {
        &self.bytes[self.off..self.off + self.len]
    }

    /// The characters the inserted bytes belong to, and where they start in `bytes`.
    fn touched(&self) -> Option<(usize, &str)> {
        let mut a = self.off;
        while a > 0 && is_cont(self.bytes[a]) {
            a -= 1;
        }
        let mut b = self.off + self.len;
        while b < self.bytes.len() && is_cont(self.bytes[b]) {
            b += 1;
        }
        std::str::from_utf8(&self.bytes[a..b]).ok().map(|s| (a, s))
    }
}

/// Could `bytes` still be the start of valid UTF-8?
fn may_start(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

impl Window<'_> {
    fn with(&self, at: usize, ins: &[u8]) -> Vec<u8> {
        let mut w = Vec::with_capacity(self.end - self.start + ins.len());
        w.extend_from_slice(&self.buf[self.start..at]);
        w.extend_from_slice(ins);
        w.extend_from_slice(&self.buf[at..self.end]);
        w
    }

    /// Do the window's bytes `w` decode through `CHECKED_AFTER` bytes past the inserted
    /// ones (which end at `ins_end`)? A character cut off by the window's end is fine
    /// unless the window ends with the line. `w[..safe]` is known to be valid; `w` may
    /// stop [`LOOKAHEAD`] bytes after the insertion (`whole` says whether it does not):
    /// a character that reaches the checked bytes ends within them.
    fn mends(&self, w: &[u8], safe: usize, ins_end: usize, whole: bool) -> bool {
        let need = (ins_end + CHECKED_AFTER).min(w.len());
        match std::str::from_utf8(&w[safe..]) {
            Ok(_) => true,
            Err(e) => {
                safe + e.valid_up_to() >= need
                    || (e.error_len().is_none() && whole && self.end < self.buf.len())
            }
        }
    }

    /// Call `found` with every run of `pairs` private-use pairs at `at` that mends the
    /// window.
    fn insertions(&self, at: usize, pairs: usize, found: &mut dyn FnMut(&Trial<'_>)) {
        let prefix = &self.buf[self.start..at];
        // Bytes before the gap that are already broken stay broken: no gap here.
        let safe = match std::str::from_utf8(prefix) {
            Ok(_) => prefix.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => return,
        };
        let mut w = Vec::with_capacity(self.end - self.start + 2 * pairs);
        w.extend_from_slice(prefix);
        self.extend(at, safe, 2 * pairs, &mut w, found);
    }

    /// Try every pair after the partial insertion in `w` (window bytes up to it).
    /// `w[..safe]` is known to be valid.
    fn extend(
        &self,
        at: usize,
        safe: usize,
        len: usize,
        w: &mut Vec<u8>,
        found: &mut dyn FnMut(&Trial<'_>),
    ) {
        let off = at - self.start;
        let base = w.len();
        // The incomplete character the bytes so far end with: whether a byte may come
        // next depends on it alone (the thousands of pairs tried here each look at one
        // byte instead of validating the window again).
        let tail = match std::str::from_utf8(&w[safe..]) {
            Ok(_) => base,
            Err(e) => safe + e.valid_up_to(),
        };
        for (first, seconds) in codec::gbk_private_pairs() {
            if !continues(&w[tail..base], *first) {
                continue;
            }
            w.truncate(base);
            w.push(*first);
            let tail1 = tail_after(w, tail);
            for &second in seconds {
                if !continues(&w[tail1..base + 1], second) {
                    continue;
                }
                w.truncate(base + 1);
                w.push(second);
                let tail2 = tail_after(w, tail1);
                if w.len() - off == len {
                    // Most insertions fail the check: copy the rest of the window only
                    // for those that pass.
                    let after = &self.buf[at..self.end];
                    let k = after.len().min(LOOKAHEAD);
                    w.extend_from_slice(&after[..k]);
                    if self.mends(w, tail2, off + len, k == after.len()) {
                        w.extend_from_slice(&after[k..]);
                        found(&Trial { bytes: w, off, len });
                    }
                } else {
                    self.extend(at, tail2, len, w, found);
                }
            }
        }
        w.truncate(base);
    }
}

/// May `b` follow `tail`, the incomplete last character of valid UTF-8 (empty at a
/// character boundary), in valid UTF-8? The rules of `std::str::from_utf8` (RFC 3629: no
/// overlong forms, no surrogates, nothing above U+10FFFF), one byte at a time.
fn continues(tail: &[u8], b: u8) -> bool {
    let ok = match tail {
        [] => b < 0x80 || (0xC2..=0xF4).contains(&b),
        [0xE0] => (0xA0..=0xBF).contains(&b),
        [0xED] => (0x80..=0x9F).contains(&b),
        [0xF0] => (0x90..=0xBF).contains(&b),
        [0xF4] => (0x80..=0x8F).contains(&b),
        _ => (0x80..=0xBF).contains(&b),
    };
    debug_assert_eq!(ok, may_start(&[tail, &[b]].concat()), "{tail:02X?} {b:02X}");
    ok
}

/// Where the incomplete last character of `w` starts, given that `w[..tail]` is valid and
/// `w[tail..]` a valid start of one character: `w.len()` once that character is complete.
fn tail_after(w: &[u8], tail: usize) -> usize {
    let need = match w.get(tail) {
        Some(0xC0..=0xDF) => 2,
        Some(0xE0..=0xEF) => 3,
        Some(0xF0..=0xF7) => 4,
        _ => 1,
    };
    if w.len() - tail >= need {
        w.len()
    } else {
        tail
    }
}

/// The costs a candidate pays besides [`fill`]'s.
struct Terms {
    broken: usize,
    foreign: usize,
    ascii: f32,
    prior: f32,
}

impl Terms {
    /// The candidate's cost when its window's fill cost is `fill`.
    fn total(&self, fill: f32) -> f32 {
        fill + BROKEN * self.broken as f32 + FOREIGN * self.foreign as f32 + self.ascii + self.prior
    }
}

/// An insertion that mends a break, before its dictionary words are weighed.
struct Ranked {
    at: usize,
    ins: Vec<u8>,
    text: String,
    terms: Terms,
    /// [`fill::cost_without_words`] of `text`.
    cheap: f32,
    /// The candidate's cost without the word cost: never above its full cost.
    floor: f32,
}

/// The candidates that can matter, fully costed, in the order they were found: the best
/// and every rival within [`AMBIGUOUS`] of it. The word cost is the dearest part of a
/// window's cost and never negative, so candidates are completed cheapest floor first,
/// and once a floor reaches the best cost so far plus [`AMBIGUOUS`] no later candidate
/// can be the best or a rival. Of thousands of insertions at a break a few dozen are
/// segmented; the result is the one scoring every candidate in full gives.
fn cheapest(trials: Vec<Ranked>) -> Vec<Candidate> {
    let mut order: Vec<usize> = (0..trials.len()).collect();
    order.sort_by(|&a, &b| trials[a].floor.total_cmp(&trials[b].floor));
    let mut costs: Vec<Option<f32>> = vec![None; trials.len()];
    let mut best = f32::INFINITY;
    for i in order {
        let t = &trials[i];
        // (Until some cost is finite, every candidate may still be the first of the best.)
        if best < f32::INFINITY && t.floor >= best + AMBIGUOUS {
            break;
        }
        let cost = t.terms.total(fill::with_words(t.cheap, &t.text));
        best = best.min(cost);
        costs[i] = Some(cost);
    }
    trials
        .into_iter()
        .zip(costs)
        .filter_map(|(t, cost)| {
            Some(Candidate {
                at: t.at,
                ins: t.ins,
                cost: cost?,
            })
        })
        .collect()
}

/// The best insertion for the break at `err`, at a GBK boundary no earlier than `floor`.
pub(super) fn best_fix(
    buf: &[u8],
    starts: &[bool],
    floor: usize,
    err: usize,
    segment: &Around,
) -> Option<Fix> {
    let lo = err.saturating_sub(BEFORE).max(floor);
    let hi = (err + AFTER).min(buf.len());
    let gaps: Vec<usize> = (lo..=hi).filter(|&g| starts[g]).collect();
    let first = *gaps.first()?;
    let window = Window {
        buf,
        start: window_start(buf, first, Enc::Utf8),
        end: (hi + CONTEXT_AFTER).min(buf.len()),
    };
    let (open, open_carried) = segment.open_before(&String::from_utf8_lossy(&buf[..window.start]));
    let around = Around {
        open,
        open_carried,
        at_end: window.end == buf.len(),
        ..segment.clone()
    };
    let context = String::from_utf8_lossy(&buf[window.start..window.end]);
    let (has_kana, has_hangul) = (context.chars().any(kana), context.chars().any(hangul));
    let foreign = |c: char| (kana(c) && !has_kana) || (hangul(c) && !has_hangul);
    let mut trials: Vec<Ranked> = Vec::new();
    let mut overflow = false;
    for pairs in 1..=2 {
        // A second pair is tried only where one pair fits nothing but an ASCII byte: the
        // model would otherwise pick among thousands of readings of one character.
        if pairs == 2 && trials.iter().any(|t| !t.ins.iter().any(u8::is_ascii)) {
            break;
        }
        let prior = if pairs == 2 { SECOND_PAIR } else { 0.0 };
        for &at in &gaps {
            window.insertions(at, pairs, &mut |trial| {
                if trials.len() >= MAX_SCORED {
                    overflow = true;
                    return;
                }
                let touched = trial.touched().map_or("", |(_, s)| s);
                // A whole character lost is put back only as what Chinese text is made
                // of; its bytes allow some twenty thousand characters of every script.
                if pairs == 2 && !touched.chars().all(chinese_text) {
                    return;
                }
                let text = String::from_utf8_lossy(trial.bytes).into_owned();
                let broken = text.chars().filter(|&c| c == '\u{FFFD}').count();
                let foreign = touched.chars().filter(|&c| foreign(c)).count();
                let ascii = if trial.ins().iter().any(u8::is_ascii) {
                    ASCII_LOST
                } else {
                    0.0
                };
                let cheap = fill::cost_without_words(&text, &around);
                let terms = Terms {
                    broken,
                    foreign,
                    ascii,
                    prior,
                };
                trials.push(Ranked {
                    at,
                    ins: trial.ins().to_vec(),
                    floor: terms.total(cheap),
                    terms,
                    text,
                    cheap,
                });
            });
        }
    }
    let candidates = cheapest(trials);
    let best = candidates.iter().min_by(|a, b| a.cost.total_cmp(&b.cost))?;
    let best_bytes = window.with(best.at, &best.ins);
    let best_trial = Trial {
        bytes: &best_bytes,
        off: best.at - window.start,
        len: best.ins.len(),
    };
    let (a, touched) = best_trial.touched()?;
    let chars: Vec<(usize, char)> = touched.char_indices().collect();
    let mut open_chars = vec![overflow; chars.len()];
    for rival in &candidates {
        if std::ptr::eq(rival, best) || rival.cost >= best.cost + AMBIGUOUS {
            continue;
        }
        let rival_bytes = window.with(rival.at, &rival.ins);
        let rival_trial = Trial {
            bytes: &rival_bytes,
            off: rival.at - window.start,
            len: rival.ins.len(),
        };
        // Compared character by character where the rival covers the same bytes in the
        // same number of characters; otherwise it disputes them all.
        let same_span = rival_trial
            .touched()
            .filter(|&(ra, rs)| {
                ra == a && rs.len() == touched.len() && rs.chars().count() == chars.len()
            })
            .map(|(_, rs)| rs);
        match same_span {
            Some(rs) => {
                for (open, (x, y)) in open_chars.iter_mut().zip(chars.iter().zip(rs.chars())) {
                    *open |= x.1 != y;
                }
            }
            None => open_chars.iter_mut().for_each(|o| *o = true),
        }
    }
    let base = window.start + a;
    let unsure = chars
        .iter()
        .zip(&open_chars)
        .filter(|(_, &open)| open)
        .map(|((i, c), _)| base + i..base + i + c.len_utf8())
        .collect();
    Some(Fix {
        at: best.at,
        ins: best.ins.clone(),
        chars: chars.len(),
        unsure,
    })
}

#[cfg(test)]
mod tests;
