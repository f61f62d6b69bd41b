//! Candidate search: every chain of up to [`MAX_LAYERS`] inverse transforms, each scored
//! by [`score::cost`], the cheapest kept.
//!
//! A transform is a confusion `real` → read as `wrong`; undoing it re-encodes the text in
//! `wrong` and decodes the bytes as `real`. Only the pairs that happen in practice are
//! tried ([`TRANSFORMS`]); the decode must be strict, so most wrong guesses die at once
//! (UTF-8 in particular is self-checking). Each step, holes (U+FFFD from a replace-decode)
//! included, is undone by [`super::holes`].

use super::codec::{self, Enc};
use super::fill::Document;
use super::holes::{admissible, apply, read, Applied, Filled, Filling};
use super::kunkao;
use super::score;
use super::suspicious;

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
    /// Holes it filled with characters it cannot rank, taken back to U+FFFD (counted in
    /// `lost`): inventions all the same, to [`super::accept`].
    pub taken_back: usize,
    /// Might a second look at the guesses, with the document's help, choose otherwise?
    pub unsure: bool,
    /// U+FFFD left in the result.
    pub lost: usize,
}

/// Search every chain; return the cheapest reading (which may cost more than the input:
/// the caller decides with its margin).
pub fn best(text: &str) -> Option<Found> {
    let mut best: Option<Found> = None;
    let mut path = Path {
        written: kunkao::written_fffd(text),
        ..Path::default()
    };
    let quick = Filling {
        doc: &Document::default(),
        second_look: false,
        in_step: false,
    };
    explore(text, text, score::cost(text), &mut path, &mut best, quick);
    best
}

/// What the chain so far has accumulated.
#[derive(Debug, Clone, Default)]
struct Path {
    /// The U+FFFD the segment (the chain's root) writes as GBK bytes, and whether it is
    /// 锟斤拷 text ([`kunkao::written_fffd`]): one answer for every candidate.
    written: (usize, bool),
    steps: Vec<Step>,
    guessed: usize,
    taken_back: usize,
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
    path.taken_back += applied.taken_back;
    path.unsure |= applied.unsure;
    path.holes += applied.holes;
    let judged = applied.judged.as_deref().unwrap_or(&applied.text);
    path.evidence += utf8_evidence(real, judged);
    let prior: f32 = path.steps.iter().map(|s| step_cost(s.real)).sum();
    let text_cost = score::cost(judged);
    let cost = text_cost + prior - path.evidence;
    // An intermediate layer may hold what no final text may (the C1 controls of UTF-8
    // read as Latin-1, say); only the reading we stop at must be admissible.
    let found = admissible(root, path.written, &applied.text, path.holes, real).then(|| Found {
        text: applied.text.clone(),
        steps: path.steps.clone(),
        cost,
        guessed: path.guessed,
        taken_back: path.taken_back,
        unsure: path.unsure,
        lost: applied.text.chars().filter(|&c| c == '\u{FFFD}').count(),
    });
    path.current = Some((applied.text, text_cost));
    found
}

/// Undo exactly `chain` (as (wrong, real) pairs, last damage first), for a segment whose
/// document has already shown which confusion it suffered.
pub fn along(text: &str, chain: &[(Enc, Enc)], doc: &Document) -> Option<Found> {
    let mut careful = Filling {
        doc,
        second_look: true,
        in_step: true,
    };
    let mut path = Path {
        written: kunkao::written_fffd(text),
        ..Path::default()
    };
    let mut current = text.to_string();
    let mut found = None;
    for &(wrong, real) in chain {
        let applied = apply(&current, wrong, real, careful)?;
        careful.in_step = false;
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
