//! Candidate search: every chain of up to [`MAX_LAYERS`] inverse transforms, each scored
//! by [`score::cost`], the cheapest kept.
//!
//! A transform is a confusion `real` → read as `wrong`; undoing it re-encodes the text in
//! `wrong` and decodes the bytes as `real`. Only the pairs that happen in practice are
//! tried ([`TRANSFORMS`]); the decode must be strict, so most wrong guesses die at once
//! (UTF-8 in particular is self-checking). Holes (U+FFFD from a replace-decode) are filled
//! one run at a time, left to right, by trying every byte the wrong decoder would also
//! have rejected and keeping the one whose local decoding the model likes best.

use super::codec::{self, Enc, Encoded};
use super::dropped;
use super::eten;
use super::fill::{self, Around, Document};
use super::pairwise;
use super::score;
use super::suspicious;
use foldhash::{HashMap, HashMapExt};

/// The confusions we undo, as (wrong, real): text that is really `real` bytes read as
/// `wrong`. Single-byte readings of UTF-8 come first: they are the most common.
pub const TRANSFORMS: [(Enc, Enc); 9] = [
    (Enc::Single, Enc::Utf8),
    (Enc::Gbk, Enc::Utf8),
    (Enc::Single, Enc::Gbk),
    (Enc::Gbk, Enc::Big5),
    (Enc::Gbk, Enc::Cp950),
    (Enc::Big5, Enc::Gbk),
    (Enc::Cp950, Enc::Gbk),
    (Enc::Single, Enc::Big5),
    (Enc::Big5, Enc::Utf8),
];

/// Damage seen in the wild goes two layers deep (double UTF-8), rarely three.
pub const MAX_LAYERS: usize = 3;

/// Each extra layer must pay for itself: a small cost per transform keeps the search from
/// taking a detour through a second confusion for a marginal gain.
const LAYER_COST: f32 = 2.0;

/// How much worse an intermediate reading may look and still be peeled further.
const PEEL_SLACK: f32 = 4.0;

/// Holes in a row searched jointly; longer runs stay U+FFFD (too many combinations and
/// too little evidence).
const MAX_JOINT_HOLES: usize = 2;

/// One undone confusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub wrong: Enc,
    pub real: Enc,
    /// For single-byte readings: did the text hold CP1252 specials (so CP1252, not Latin-1)?
    pub cp1252: bool,
}

impl Step {
    pub fn wrong_name(&self) -> &'static str {
        if self.wrong == Enc::Single && self.cp1252 {
            "CP1252"
        } else {
            self.wrong.name()
        }
    }

    pub fn wrong_tag(&self) -> &'static str {
        if self.wrong == Enc::Single && self.cp1252 {
            "cp1252"
        } else {
            self.wrong.tag()
        }
    }
}

/// The best reading found for a segment.
#[derive(Debug, Clone)]
pub struct Found {
    pub text: String,
    /// Steps in the order they were undone (the last damage first).
    pub steps: Vec<Step>,
    pub cost: f32,
    /// Holes filled by the model's choice.
    pub guessed: usize,
    /// Might a second look at the guesses, with the document's help, choose otherwise?
    pub unsure: bool,
    /// U+FFFD left in the result.
    pub lost: usize,
}

/// Search every chain; return the cheapest reading (which may cost more than the input:
/// the caller decides with its margin).
pub fn best(text: &str) -> Option<Found> {
    let mut best: Option<Found> = None;
    let mut path = Path::default();
    let quick = Filling {
        doc: &Document::default(),
        second_look: false,
    };
    explore(text, text, score::cost(text), &mut path, &mut best, quick);
    best
}

/// What the chain so far has accumulated.
#[derive(Debug, Clone, Default)]
struct Path {
    steps: Vec<Step>,
    guessed: usize,
    unsure: bool,
    holes: usize,
    evidence: f32,
    /// The text after the last step and its [`score::cost`] (handed from [`extend`] to
    /// the caller, which would otherwise score it a second time).
    current: Option<(String, f32)>,
}

fn explore(
    root: &str,
    text: &str,
    text_cost: f32,
    path: &mut Path,
    best: &mut Option<Found>,
    filling: Filling<'_>,
) {
    if path.steps.len() >= MAX_LAYERS {
        return;
    }
    // The bytes (Gbk, Big5) filled holes in, which (Gbk, Cp950) reads again: the flavours
    // differ in a few pairs, not in which bytes a GBK replace-decode lost, and filling
    // them again cost Big5-as-GBK documents a quarter more.
    let mut big5_filled: Option<Filled> = None;
    for &(wrong, real) in &TRANSFORMS {
        // Undoing A-as-B right after B-as-A is the identity.
        if path
            .steps
            .last()
            .is_some_and(|s| s.wrong.family() == real.family() && s.real.family() == wrong.family())
        {
            continue;
        }
        let applied = if (wrong, real) == (Enc::Gbk, Enc::Cp950) && text.contains('\u{FFFD}') {
            big5_filled.take().and_then(|f| read(&f, real))
        } else {
            apply(text, wrong, real, filling)
        };
        let Some(mut applied) = applied else {
            continue;
        };
        if (wrong, real) == (Enc::Gbk, Enc::Big5) {
            big5_filled = applied.filled.take();
        }
        if applied.text == text {
            continue;
        }
        let saved = path.clone();
        if let Some(found) = extend(root, text, path, wrong, real, applied) {
            if best.as_ref().map_or(true, |b| found.cost < b.cost) {
                *best = Some(found);
            }
        }
        let (next, next_cost) = path.current.take().unwrap_or_default();
        // Peel another layer only off a reading that got more plausible: every layer of
        // real damage makes text worse, so undoing one makes it better (ä¸\u{AD} → ä¸\u{AD} → 中);
        // a wrong reading of clean text (GBK read as Big5) gets worse and is dropped.
        if next_cost < text_cost + PEEL_SLACK && suspicious::suspicious(&next) {
            explore(root, &next, next_cost, path, best, filling);
        }
        *path = saved;
    }
}

/// Record one more undone layer in `path`; the reading, if it may be final.
fn extend(
    root: &str,
    text: &str,
    path: &mut Path,
    wrong: Enc,
    real: Enc,
    applied: Applied,
) -> Option<Found> {
    path.steps.push(Step {
        wrong,
        real,
        cp1252: wrong == Enc::Single && text.chars().any(codec::is_cp1252_special),
    });
    path.guessed += applied.guessed;
    path.unsure |= applied.unsure;
    path.holes += applied.holes;
    path.evidence += utf8_evidence(real, &applied.text);
    let prior: f32 = path.steps.iter().map(|s| step_cost(s.real)).sum();
    let text_cost = score::cost(&applied.text);
    let cost = text_cost + prior - path.evidence;
    // An intermediate layer may hold what no final text may (the C1 controls of UTF-8
    // read as Latin-1, say); only the reading we stop at must be admissible.
    let found = admissible(root, &applied.text, path.holes, real).then(|| Found {
        text: applied.text.clone(),
        steps: path.steps.clone(),
        cost,
        guessed: path.guessed,
        unsure: path.unsure,
        lost: applied.text.chars().filter(|&c| c == '\u{FFFD}').count(),
    });
    path.current = Some((applied.text, text_cost));
    found
}

/// Undo exactly `chain` (as (wrong, real) pairs, last damage first), for a segment whose
/// document has already shown which confusion it suffered.
pub fn along(text: &str, chain: &[(Enc, Enc)], doc: &Document) -> Option<Found> {
    let careful = Filling {
        doc,
        second_look: true,
    };
    let mut path = Path::default();
    let mut current = text.to_string();
    let mut found = None;
    for &(wrong, real) in chain {
        let applied = apply(&current, wrong, real, careful)?;
        found = extend(text, &current, &mut path, wrong, real, applied);
        current = path.current.take()?.0;
    }
    found
}

/// What one undone layer costs before any evidence: Big5 pays a little more than GBK
/// because mainland text (GBK) is the likelier source when both readings are real
/// characters.
fn step_cost(real: Enc) -> f32 {
    match real {
        Enc::Big5 | Enc::Cp950 => LAYER_COST + 1.0,
        _ => LAYER_COST,
    }
}

/// Strict UTF-8 is self-checking: random bytes almost never form a valid multi-byte
/// sequence, so each one decoded is evidence the reading is right, worth this much.
/// GBK and Big5 accept nearly any pair of high bytes and earn nothing.
const UTF8_EVIDENCE: f32 = 1.5;

fn utf8_evidence(real: Enc, text: &str) -> f32 {
    if real != Enc::Utf8 {
        return 0.0;
    }
    // Two-byte sequences are weaker evidence than three- and four-byte ones: about a
    // quarter of random high-byte pairs form one.
    text.chars()
        .map(|c| match c.len_utf8() {
            1 => 0.0,
            2 => UTF8_EVIDENCE / 3.0,
            _ => UTF8_EVIDENCE,
        })
        .sum()
}

/// How holes are filled: with what the rest of the document says, and whether each
/// guess gets a second look once its neighbours are guessed ([`fill_holes`]). The search
/// tries dozens of chains, most of them wrong, and fills quickly without the document;
/// the chain it settles on is filled again with both ([`along`]).
#[derive(Debug, Clone, Copy)]
struct Filling<'a> {
    doc: &'a Document,
    second_look: bool,
}

struct Applied {
    text: String,
    guessed: usize,
    holes: usize,
    /// Might the guesses come out otherwise with the document's help?
    unsure: bool,
    /// The bytes behind a Big5 reading with holes, for the cp950 flavour to read again.
    filled: Option<Filled>,
}

/// Re-encoded bytes with their holes filled, before they are read as `real`.
struct Filled {
    bytes: Vec<u8>,
    holes: usize,
    guessed: usize,
    unsure: bool,
}

/// Undo one confusion: re-encode as `wrong`, fill holes, decode as `real`.
fn apply(text: &str, wrong: Enc, real: Enc, filling: Filling<'_>) -> Option<Applied> {
    // The Python flavour of Big5 is tried only where it reads otherwise than WHATWG's;
    // elsewhere its reading is the one the search has already scored.
    if wrong == Enc::Cp950 && !eten::differs(text) {
        return None;
    }
    let Encoded { mut bytes, holes } = codec::encode(text, wrong)?;
    // A reading that only reshuffles ASCII is not a repair.
    if bytes.is_ascii() || (real == Enc::Cp950 && !eten::touches(&bytes)) {
        return None;
    }
    if holes.is_empty() {
        if let Some(out) = codec::decode_strict(&bytes, real) {
            return Some(Applied {
                text: out,
                guessed: 0,
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
                holes: guessed,
                unsure: true,
                filled: None,
            });
        }
        let found = dropped::reinsert(&bytes, filling.doc)?;
        return Some(Applied {
            text: found.text,
            guessed: found.guessed,
            holes: found.guessed + found.lost,
            unsure: found.guessed > 0,
            filled: None,
        });
    }
    let (guessed, unsure) = fill_holes(&mut bytes, &holes, (wrong, real), filling);
    let filled = Filled {
        bytes,
        holes: holes.len(),
        guessed,
        unsure,
    };
    let mut applied = read(&filled, real)?;
    if real == Enc::Big5 {
        applied.filled = Some(filled);
    }
    Some(applied)
}

/// Decode filled bytes as `real`; `None` if more is lost than the unfilled holes.
fn read(filled: &Filled, real: Enc) -> Option<Applied> {
    if real == Enc::Cp950 && !eten::touches(&filled.bytes) {
        return None;
    }
    let out = match codec::decode_strict(&filled.bytes, real) {
        Some(s) => s,
        None => {
            let s = codec::decode_lossy(&filled.bytes, real);
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
        holes: filled.holes,
        unsure: filled.unsure,
        filled: None,
    })
}

/// A candidate may not bring in what real text does not hold: controls, user-defined
/// characters, or more U+FFFD than the holes account for (the explicit U+FFFD of 锟斤拷
/// text, EF BF BD read as GBK, is the one exception: that is what the text says).
fn admissible(input: &str, out: &str, holes: usize, real: Enc) -> bool {
    let count = |s: &str, f: fn(char) -> bool| s.chars().filter(|&c| f(c)).count();
    let bad_control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let pua = |c: char| matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF);
    // PUA out of a GBK or Big5 decode is the user-defined area: never real text. Valid
    // UTF-8 for a PUA character is another matter: somebody wrote it (the planes-15/16
    // private areas excepted: four-byte sequences out of a misread are their usual source).
    // Planes 4–13 hold nothing assigned: a four-byte sequence landing there is noise.
    let supplementary = |c: char| matches!(c as u32, 0x32400..=0xDFFFF | 0xF0000..=0x10FFFF);
    let pua_bad = (real != Enc::Utf8 && count(out, pua) > 0)
        || count(out, supplementary) > count(input, supplementary);
    if count(out, bad_control) > count(input, bad_control) || pua_bad {
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
    let fffd = count(out, |c| c == '\u{FFFD}');
    fffd <= holes || input.contains("锟斤拷")
}

/// Fill `holes` in `bytes` (runs of up to [`MAX_JOINT_HOLES`]) with the bytes whose
/// decoding as `real` the model likes best; returns how many were filled and whether a
/// second look might choose otherwise (a rival within [`CLOSE`], or a window the next
/// holes cut short). Unfilled holes
/// get 0xFF, which no multi-byte decoder accepts, so they come out as U+FFFD.
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
    let around = Around::segment(&codec::decode_lossy(bytes, real), filling.doc);
    let closers = fill::closers_in(bytes, real);
    // Filled groups, and whether the next group's holes cut their window short.
    let mut filled_groups = Vec::new();
    let mut unsure = false;
    for group in joint_groups(bytes, holes, wrong) {
        let next = holes.get(group.end).copied();
        let run = &holes[group.clone()];
        let adjacent_too_long = run
            .windows(MAX_JOINT_HOLES + 1)
            .any(|w| w[MAX_JOINT_HOLES] - w[0] == MAX_JOINT_HOLES);
        if adjacent_too_long {
            continue;
        }
        if let Some(close) = fill_run(bytes, run, next, (wrong, real), &around, &closers) {
            let cut = next.is_some_and(|n| n < run[run.len() - 1] + WINDOW_AFTER);
            unsure |= close || cut;
            filled_groups.push((group, cut));
        }
    }
    if filling.second_look {
        // A group sees something new only where its window was cut short, or where the
        // guess before it (inside its window) changed.
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
    }
    let filled = filled_groups.iter().map(|(g, _)| g.len()).sum();
    (filled, unsure)
}

/// A hole's guess is unsure when a rival comes this close (in cost): the document's
/// vocabulary and script could still tip it (at most `fill::DOCUMENT_MAX` +
/// `fill::OTHER_SCRIPT`).
const CLOSE: f32 = 9.0;

/// How far (in bytes) past its last hole a group's window runs: about three characters.
const WINDOW_AFTER: usize = 10;

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
    closers: &[(usize, char)],
) -> Option<bool> {
    let first = run[0];
    let last = run[run.len() - 1];
    let start = window_start(bytes, first, real);
    let end = (last + WINDOW_AFTER)
        .min(next_hole.unwrap_or(usize::MAX))
        .min(bytes.len());
    let around = Around {
        open: fill::open_brackets(&codec::decode_lossy(&bytes[..start], real)),
        at_end: end == bytes.len(),
        ahead: closers
            .iter()
            .filter(|&&(at, _)| at >= end)
            .map(|&(_, c)| c)
            .collect(),
        ..line.clone()
    };
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
        let window = &bytes[start..end];
        codec::decode_lossy_into(window, real, &mut decoded);
        // A character the window's end cuts in two is not broken: without this, a
        // candidate that leaves the window on an odd byte (the right one, often) pays
        // for a U+FFFD its rivals do not.
        if end < bytes.len() && decoded.ends_with('\u{FFFD}') {
            decoded.pop();
        }
        let bad = decoded.chars().filter(|&c| c == '\u{FFFD}').count();
        let broken = 30.0 * bad as f32;
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

/// Where to start decoding so the window holds about three characters before `pos`,
/// starting on a character boundary of `real`.
pub(super) fn window_start(bytes: &[u8], pos: usize, real: Enc) -> usize {
    match real {
        Enc::Utf8 => {
            let mut s = pos;
            let mut chars = 0;
            while s > 0 && chars < 3 && pos - s < 12 {
                s -= 1;
                if !(0x80..0xC0).contains(&bytes[s]) {
                    chars += 1;
                }
            }
            s
        }
        Enc::Single => pos.saturating_sub(3),
        Enc::Gbk | Enc::Big5 | Enc::Cp950 => {
            // Bytes below 0x40 are never trail bytes, so the byte after one always starts
            // a character; walk forward from there to find the boundaries. The nearest
            // such byte is often the space just before the hole (`他 ��`): then walk from
            // an earlier one, or the window holds no left context at all.
            let mut limit = pos;
            loop {
                let anchor = bytes[..limit]
                    .iter()
                    .rposition(|&b| b < 0x40)
                    .map_or(0, |p| p + 1);
                let starts = char_starts(bytes, anchor, pos);
                if let Some(i) = starts.len().checked_sub(3) {
                    return starts[i].min(pos);
                }
                if anchor == 0 {
                    return 0;
                }
                limit = anchor - 1;
            }
        }
    }
}

/// The starts of the GBK/Big5 characters in `bytes[from..to]`, `from` being a boundary.
fn char_starts(bytes: &[u8], from: usize, to: usize) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut k = from;
    while k < to {
        starts.push(k);
        let b = bytes[k];
        let two = b >= 0x81
            && b != 0xFF
            && bytes
                .get(k + 1)
                .is_some_and(|&n| (0x40..=0xFE).contains(&n) && n != 0x7F);
        k += if two { 2 } else { 1 };
    }
    starts
}
