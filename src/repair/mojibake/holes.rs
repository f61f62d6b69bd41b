//! Undoing one confusion on text with holes: re-encode in the wrong encoding, fill each
//! hole (U+FFFD from a replace-decode) with the byte the model likes best, decode as the
//! real encoding.
//!
//! A hole is a byte the wrong decoder rejected, so its candidates are the bytes that
//! decoder would also have rejected: a handful for single-byte code pages, more for
//! GBK and Big5. Holes are filled one run at a time, left to right; up to
//! [`MAX_JOINT_HOLES`] holes close together are searched jointly, since one lost
//! character's two bytes decide together; each run is scored in a window of a few
//! characters around it (`window.rs`). Where a hole may be an opener and a later one its
//! closer, the two are also tried as a pair (`pairs.rs`). [`apply`] also keeps the
//! filled bytes of a Big5 reading, for the cp950 flavour to read again. A UTF-8
//! character the model cannot rank (one it has never seen in Chinese text, chosen by
//! its class alone) is taken back to U+FFFD (`unguess.rs`).

use super::certain;
use super::codec::{self, Enc, Encoded};
use super::dropped;
use super::eten;
use super::fill::{self, Around, Document};
use super::kunkao;
use super::pairwise;
use foldhash::{HashMap, HashMapExt};
use std::ops::Range;
use unguess::unguess_unranked;
pub(super) use window::window_start;
use window::{fill_cost_at, read_window, window, WINDOW_AFTER};

mod pairs;
mod unguess;
mod window;

/// Holes in a row searched jointly; longer runs stay U+FFFD (too many combinations and
/// too little evidence), but for the lead byte at the end of one ([`split_long_runs`]).
const MAX_JOINT_HOLES: usize = 2;

/// How holes are filled: with what the rest of the document says, and whether each
/// guess gets a second look once its neighbours are guessed ([`fill_holes`]). The search
/// tries dozens of chains, most of them wrong, and fills quickly without the document;
/// the chain it settles on is filled again with both ([`super::search::along`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct Filling<'a> {
    pub doc: &'a Document,
    pub second_look: bool,
    /// Read a double-byte reading's unfilled holes in step ([`codec::decode_holed`])?
    /// Only for the damage's last layer (the segment as it stands), whose U+FFFD are the
    /// holes this layer's wrong decoder left (a deeper layer's may be an earlier decode's:
    /// 锟斤拷 text's are what its first decode wrote, and read in step there 2 of 705 锟斤拷
    /// documents read worse), and only once the search has settled on the chain: in the
    /// search itself, readings read in step looked better and it peeled more layers off
    /// garble (a fuzz unit of UTF-8 read as Big5 took 2.2 times as long).
    pub in_step: bool,
}

pub(super) struct Applied {
    pub text: String,
    pub guessed: usize,
    /// Guesses taken back to U+FFFD ([`unguess_unranked`]).
    pub taken_back: usize,
    /// The reading with those guesses in place, if any were taken back: its plausibility
    /// is judged on it, so taking a guess back never changes which reading wins.
    pub judged: Option<String>,
    pub holes: usize,
    /// Might the guesses come out otherwise with the document's help?
    pub unsure: bool,
    /// The bytes behind a Big5 reading with holes, for the cp950 flavour to read again.
    pub filled: Option<Filled>,
}

/// Re-encoded bytes with their holes filled, before they are read as `real`.
pub(super) struct Filled {
    bytes: Vec<u8>,
    /// Where holes stayed unfilled (0xFF), to be read in step; empty where they need not be.
    unfilled: Vec<usize>,
    holes: usize,
    guessed: usize,
    unsure: bool,
}

/// Undo one confusion: re-encode as `wrong`, fill holes, decode as `real`.
pub(super) fn apply(text: &str, wrong: Enc, real: Enc, filling: Filling<'_>) -> Option<Applied> {
    // The Python flavour of Big5 is tried only where it reads otherwise than WHATWG's;
    // elsewhere its reading is the one the search has already scored.
    if wrong == Enc::Cp950 && !eten::differs(text) {
        return None;
    }
    let Encoded { mut bytes, holes } = codec::encode_for(text, wrong, real)?;
    // A reading that only reshuffles ASCII is not a repair.
    if bytes.is_ascii() || (real == Enc::Cp950 && !eten::touches(&bytes)) {
        return None;
    }
    if holes.is_empty() {
        if let Some(out) = codec::decode_strict(&bytes, real) {
            return Some(Applied {
                text: out,
                guessed: 0,
                taken_back: 0,
                judged: None,
                holes: 0,
                unsure: false,
                filled: None,
            });
        }
        if wrong != Enc::Gbk || real != Enc::Utf8 {
            return None;
        }
        if let Some((bytes, guessed)) = pairwise::expand(&bytes, filling.doc) {
            return Some(Applied {
                text: String::from_utf8(bytes).ok()?,
                guessed,
                taken_back: 0,
                judged: None,
                holes: guessed,
                unsure: true,
                filled: None,
            });
        }
        let found = dropped::reinsert(&bytes, filling.doc)?;
        return Some(Applied {
            text: found.text,
            guessed: found.guessed,
            taken_back: 0,
            judged: None,
            holes: found.guessed + found.lost,
            unsure: found.guessed > 0,
            filled: None,
        });
    }
    let all_holes = holes.len();
    let kunkao = real == Enc::Utf8 && kunkao::is_kunkao(&bytes);
    let holes = if kunkao {
        kunkao::cut(&mut bytes, holes, wrong)
    } else {
        holes
    };
    let (guessed, unsure) = fill_holes(&mut bytes, &holes, (wrong, real), filling);
    let unguessed = match real {
        Enc::Utf8 => unguess_unranked(&bytes, &holes, kunkao),
        _ => None,
    };
    let (bytes, taken_back, judged) = match unguessed {
        Some((unguessed, n)) => (unguessed, n, Some(codec::decode_lossy(&bytes, real))),
        None => (bytes, 0, None),
    };
    // Where each hole is one byte (not a UTF-8 decoder's: one U+FFFD for up to three
    // bytes). A UTF-8 reading resynchronises by itself (and taking guesses back has moved
    // its bytes).
    let dbcs = real.double_byte();
    let in_step = filling.in_step && wrong != Enc::Utf8 && dbcs;
    let unfilled = match in_step {
        true => holes
            .iter()
            .copied()
            .filter(|&h| bytes.get(h) == Some(&0xFF))
            .collect(),
        false => Vec::new(),
    };
    let filled = Filled {
        bytes,
        unfilled,
        holes: all_holes,
        guessed: guessed.saturating_sub(taken_back),
        unsure,
    };
    let mut applied = read(&filled, real)?;
    applied.taken_back = taken_back;
    applied.judged = judged;
    if real == Enc::Big5 {
        applied.filled = Some(filled);
    }
    Some(applied)
}

/// Decode filled bytes as `real`; `None` if more is lost than the unfilled holes.
pub(super) fn read(filled: &Filled, real: Enc) -> Option<Applied> {
    if real == Enc::Cp950 && !eten::touches(&filled.bytes) {
        return None;
    }
    let out = match codec::decode_strict(&filled.bytes, real) {
        Some(s) => s,
        None => {
            let s = codec::decode_holed(&filled.bytes, &filled.unfilled, real);
            let unfilled = filled.holes - filled.guessed;
            let lost = s.chars().filter(|&c| c == '\u{FFFD}').count();
            if lost > unfilled {
                return None;
            }
            s
        }
    };
    Some(Applied {
        text: out,
        guessed: filled.guessed,
        taken_back: 0,
        judged: None,
        holes: filled.holes,
        unsure: filled.unsure,
        filled: None,
    })
}

/// A candidate may not bring in what real text does not hold: controls, user-defined
/// characters, or more U+FFFD than the holes account for.
///
/// 锟斤拷 text (EF BF BD read as GBK) is the exception: it is the UTF-8 an earlier
/// replace-decode wrote of GBK or Big5 bytes. Its U+FFFD are written as such (a line
/// `锟芥本` is `�汾`, [`kunkao::written_fffd`]); and the decode kept every valid sequence
/// it met, C1 controls and four-byte ones into planes 4–13 included (GBK `C2 84` and
/// `F2 B2 BB B4` are two). Its reading is that text, noise and all.
/// `written` is [`kunkao::written_fffd`] of `input`, which the caller computes once per
/// segment, not once per candidate.
pub(super) fn admissible(
    input: &str,
    written: (usize, bool),
    out: &str,
    holes: usize,
    real: Enc,
) -> bool {
    let (written, kunkao) = match real {
        Enc::Utf8 => written,
        _ => (0, false),
    };
    let count = |s: &str, f: fn(char) -> bool| s.chars().filter(|&c| f(c)).count();
    let bad_control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let pua = |c: char| matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF);
    // PUA out of a GBK or Big5 decode is the user-defined area: never real text. Valid
    // UTF-8 for a PUA character is another matter: somebody wrote it (the planes-15/16
    // private areas excepted: four-byte sequences out of a misread are their usual source).
    // Planes 4–13 hold nothing assigned: a four-byte sequence landing there is noise.
    let supplementary = |c: char| matches!(c as u32, 0x32400..=0xDFFFF | 0xF0000..=0x10FFFF);
    // 锟斤拷 text keeps what its first decode kept: C1 controls (`C2 84`) and those planes.
    let noise_kept = written > 0 && kunkao;
    let more = |f: fn(char) -> bool| count(out, f) > count(input, f);
    let pua_bad =
        (real != Enc::Utf8 && count(out, pua) > 0) || (more(supplementary) && !noise_kept);
    if pua_bad || (more(bad_control) && !noise_kept) {
        return false;
    }
    // GBK and Big5 are repairs of Chinese: a reading with nothing East Asian in it is
    // symbol soup (× ÷ read as GBK then Big5 is ⊙ ∫), not a repair. (Box drawing counts:
    // GBK tables are drawn with it, ©¦ is GBK │ read as CP1252; kana does not: both
    // code pages have a kana row, so a lone Han character can turn into one.)
    let east_asian = |c: char| {
        crate::model::is_han(c)
            || matches!(c as u32, 0x2500..=0x257F | 0x3000..=0x303F | 0xFF00..=0xFFEF)
    };
    if real != Enc::Utf8 && !out.chars().any(east_asian) {
        return false;
    }
    count(out, |c| c == '\u{FFFD}') <= holes + written
}

/// Fill `holes` in `bytes` (runs of up to [`MAX_JOINT_HOLES`]) with the bytes whose
/// decoding as `real` the model likes best; returns how many were filled and whether a
/// second look might choose otherwise (a rival within [`CLOSE`], or a window the next
/// holes cut short). Unfilled holes
/// get 0xFF, which no multi-byte decoder accepts, so they come out as U+FFFD ([`read`]
/// makes that one per character they belong to).
///
/// Holes a few bytes apart are filled jointly ([`joint_groups`]): filled one at a time, the
/// first one's window ends at the second, unfilled, and cannot see the word they share
/// (重复 is `E9 87 8D E5 A4 8D`; with both 8D lost, 量 won the first alone).
///
/// Groups are filled left to right, each window ending at the next group's holes; then,
/// for a second look, each filled group is chosen again with its rivals' guesses in place,
/// its window
/// running on past them (`已經被設定` lost a byte of 被 and one of 設: alone, 已經說 beat
/// 已經被 by 0.4; with 設定 after it, 被 wins).
fn fill_holes(
    bytes: &mut [u8],
    holes: &[usize],
    (wrong, real): (Enc, Enc),
    filling: Filling<'_>,
) -> (usize, bool) {
    if holes.is_empty() {
        return (0, false);
    }
    for &h in holes {
        bytes[h] = 0xFF;
    }
    let placeholder = codec::decode_lossy(bytes, real);
    let around = Around::segment(&placeholder, filling.doc);
    let closers = fill::closers_in(bytes, real);
    // Filled groups, and whether the next group's holes cut their window short.
    let mut filled_groups = Vec::new();
    let mut unsure = false;
    let dbcs = real.double_byte();
    let split = dbcs && holes.len() * MOSTLY_LOST < bytes.len();
    for group in split_long_runs(joint_groups(bytes, holes, wrong), holes, split) {
        let next = holes.get(group.end).copied();
        let run = &holes[group.clone()];
        if adjacent_too_long(run) {
            continue;
        }
        if let Some(close) = fill_run(bytes, run, next, (wrong, real), &around, &closers) {
            let cut = next.is_some_and(|n| n < run[run.len() - 1] + WINDOW_AFTER);
            unsure |= close || cut;
            filled_groups.push((group, cut));
        }
    }
    if filling.second_look {
        // The placeholder bytes read the segment's certain text one byte off after a hole
        // that was a lead byte; with the guesses in place it is read as they align it.
        let around = match certain::of_filled(bytes, holes, real) {
            Some(text) if text != placeholder => Around::segment(&text, filling.doc),
            _ => around,
        };
        // A group sees something new only where its window was cut short, or where the
        // guess before it (inside its window) changed. (Every group with a close rival
        // looking again at the realigned text gained nothing on dev, for 13% more time
        // on lossy text.)
        let mut changed = false;
        for (group, cut) in &filled_groups {
            if !cut && !changed {
                continue;
            }
            let run = &holes[group.clone()];
            let before: Vec<u8> = run.iter().map(|&h| bytes[h]).collect();
            let next = holes[group.end..]
                .iter()
                .copied()
                .find(|&h| bytes[h] == 0xFF);
            fill_run(bytes, run, next, (wrong, real), &around, &closers);
            changed = run.iter().zip(&before).any(|(&h, &b)| bytes[h] != b);
        }
        if dbcs {
            let groups: Vec<_> = filled_groups.iter().map(|(g, _)| g.clone()).collect();
            pairs::pair_brackets(bytes, holes, &groups, (wrong, real), &around, &closers);
        }
    }
    let filled = filled_groups.iter().map(|(g, _)| g.len()).sum();
    (filled, unsure)
}

/// Holes are most of what is left of a text at one byte in this many (Big5 read by
/// Python's gbk loses up to one in five).
const MOSTLY_LOST: usize = 3;

/// More than [`MAX_JOINT_HOLES`] holes in a row?
fn adjacent_too_long(run: &[usize]) -> bool {
    run.windows(MAX_JOINT_HOLES + 1)
        .any(|w| w[MAX_JOINT_HOLES] - w[0] == MAX_JOINT_HOLES)
}

/// `groups`, where the real encoding is double-byte, with each group that holds more
/// than [`MAX_JOINT_HOLES`] holes in a row cut into its runs of holes, each searched
/// alone, and each run too long to search cut to its last hole where that hole is a
/// lead byte whose trail survives. Python's gbk and big5 give up one byte at a time until
/// a pair reads, so an odd run of lost bytes is whole characters and then the lead of
/// the next (Big5 受的 is A8 FC AA BA; GBK rejects A8 FC, FC AA and AA BA): the whole
/// characters stay U+FFFD, while the lead, which its trail nearly decides, need not be
/// lost with them. (Under UTF-8 a run's bytes do not fall into characters so.)
///
/// Not where one byte in [`MOSTLY_LOST`] or more is a hole: that text is no damaged
/// reading of Chinese (Shift_JIS read as Big5 loses four bytes in five, in long runs),
/// and searching its runs' ends took 30 times as long for nothing.
fn split_long_runs(groups: Vec<Range<usize>>, holes: &[usize], split: bool) -> Vec<Range<usize>> {
    if !split {
        return groups;
    }
    let mut out = Vec::with_capacity(groups.len());
    for group in groups {
        if !adjacent_too_long(&holes[group.clone()]) {
            out.push(group);
            continue;
        }
        let mut start = group.start;
        for i in group.start + 1..=group.end {
            if i < group.end && holes[i] == holes[i - 1] + 1 {
                continue;
            }
            match i - start {
                n if n <= MAX_JOINT_HOLES => out.push(start..i),
                n if n % 2 == 1 => out.push(i - 1..i),
                _ => {}
            }
            start = i;
        }
    }
    out
}

/// A hole's guess is unsure when a rival comes this close (in cost): the document's
/// vocabulary and script could still tip it (at most `fill::DOCUMENT_MAX` +
/// `fill::OTHER_SCRIPT`).
const CLOSE: f32 = 12.0;

/// Holes closer than this (in bytes) share a window and are searched together.
const JOINT_GAP: usize = 6;
/// Most combinations a group of holes that are near but not adjacent may have: CP1252's
/// five undefined bytes allow four holes. (Adjacent holes always join: two lost bytes of
/// one character.) At 128 × 128, two GBK holes of a Big5 line read as GBK were searched
/// jointly and one dev case ran past the scorer's time limit.
const MAX_COMBOS: usize = 1024;

/// Consecutive ranges of `holes` to fill together: neighbours at most [`JOINT_GAP`]
/// bytes apart, while the product of their candidate counts stays within [`MAX_COMBOS`]
/// (a hole next to another always joins it: the two bytes decide one character).
fn joint_groups(bytes: &[u8], holes: &[usize], wrong: Enc) -> Vec<std::ops::Range<usize>> {
    let options = |i: usize| -> usize {
        let after = match holes.get(i + 1) {
            Some(&n) if n == holes[i] + 1 => None,
            _ => bytes.get(holes[i] + 1).copied(),
        };
        (0x80..=0xFFu8)
            .filter(|&a| codec::hole_consistent(wrong, a, after))
            .count()
            .max(1)
    };
    let mut groups = Vec::new();
    let mut start = 0;
    let mut combos = 0usize;
    for i in 0..holes.len() {
        let n = options(i);
        let adjacent = i > start && holes[i] == holes[i - 1] + 1;
        let near = i > start && holes[i] - holes[i - 1] <= JOINT_GAP;
        if i == start || adjacent || (near && combos.saturating_mul(n) <= MAX_COMBOS) {
            combos = if i == start {
                n
            } else {
                combos.saturating_mul(n)
            };
        } else {
            groups.push(start..i);
            start = i;
            combos = n;
        }
    }
    if start < holes.len() {
        groups.push(start..holes.len());
    }
    groups
}

/// Try every consistent value for the holes of one group; keep the cheapest window.
fn fill_run(
    bytes: &mut [u8],
    run: &[usize],
    next_hole: Option<usize>,
    (wrong, real): (Enc, Enc),
    line: &Around,
    closers: &[(usize, char, bool)],
) -> Option<bool> {
    let (Range { start, end }, around) = window(bytes, run, next_hole, real, line, closers);
    let mut best: Option<(f32, Vec<u8>)> = None;
    // Did a rival come within CLOSE of the winner?
    let mut close = false;
    let mut values = vec![0u8; run.len()];
    // Candidates often decode to the same window (about half of them where two adjacent
    // bytes are lost: a byte that pairs with neither neighbour leaves the same U+FFFD
    // whatever its value), and scoring one is most of what a lossy line costs. Each window
    // is scored once: its cost, or the floor below which it was given up.
    let mut scored: HashMap<String, Result<f32, f32>> = HashMap::new();
    let mut decoded = String::new();
    let mut try_fill = |bytes: &[u8], values: &[u8]| {
        let broken = read_window(bytes, start..end, real, &mut decoded);
        let best_cost = best.as_ref().map_or(f32::INFINITY, |(c, _)| *c);
        let bound = best_cost + CLOSE - broken;
        let cost = match scored.get(decoded.as_str()) {
            Some(&Ok(cost)) => Some(cost),
            Some(&Err(floor)) if floor >= bound => None,
            _ => {
                let result = fill::fill_cost_or_floor(&decoded, &around, bound);
                scored.insert(decoded.clone(), result);
                result.ok()
            }
        };
        if let Some(cost) = cost {
            let cost = cost + broken;
            if cost < best_cost {
                close = best_cost < cost + CLOSE;
                best = Some((cost, values.to_vec()));
            } else if cost < best_cost + CLOSE {
                close = true;
            }
        }
    };
    enumerate(bytes, run, 0, &mut values, wrong, &mut try_fill);
    match best {
        Some((_, v)) => {
            for (&h, b) in run.iter().zip(v) {
                bytes[h] = b;
            }
            Some(close)
        }
        None => {
            for &h in run {
                bytes[h] = 0xFF;
            }
            None
        }
    }
}

/// Every assignment of the holes `run[i..]` consistent with the bytes that follow each
/// one, handed to `visit` with the bytes filled in.
fn enumerate(
    bytes: &mut [u8],
    run: &[usize],
    i: usize,
    values: &mut [u8],
    wrong: Enc,
    visit: &mut impl FnMut(&[u8], &[u8]),
) {
    let Some(&h) = run.get(i) else {
        visit(bytes, values);
        return;
    };
    let next_is_hole = run.get(i + 1) == Some(&(h + 1));
    for a in 0x80..=0xFFu8 {
        if i > 0 && run[i - 1] + 1 == h && !codec::hole_consistent(wrong, values[i - 1], Some(a)) {
            continue;
        }
        if !next_is_hole && !codec::hole_consistent(wrong, a, bytes.get(h + 1).copied()) {
            continue;
        }
        bytes[h] = a;
        values[i] = a;
        enumerate(bytes, run, i + 1, values, wrong, visit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The groups are lists of ranges, some of one range.
    #[allow(clippy::single_range_in_vec_init)]
    #[test]
    fn a_long_run_is_cut_to_its_last_lead_byte() {
        // A three-hole run (a whole character and a lead) and a pair after it, near enough
        // to be one group: the run gives its last hole, the pair stays whole.
        let holes = [10, 11, 12, 16, 17];
        assert_eq!(split_long_runs(vec![0..5], &holes, true), vec![2..3, 3..5]);
        // Four in a row are two whole characters: nothing of them is searched.
        let holes = [10, 11, 12, 13, 20];
        assert_eq!(split_long_runs(vec![0..4, 4..5], &holes, true), vec![4..5]);
        // Groups without a long run, and every group where splitting is off, stay as they are.
        assert_eq!(split_long_runs(vec![0..2], &[3, 4], true), vec![0..2]);
        assert_eq!(
            split_long_runs(vec![0..5], &[10, 11, 12, 16, 17], false),
            vec![0..5]
        );
    }
}
