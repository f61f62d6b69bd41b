//! Mojibake: text whose bytes were once decoded in the wrong encoding (and maybe saved and
//! misread again), undone by re-encoding in the wrong encoding and decoding in the right.
//!
//! ```text
//! 中文 = E4 B8 AD E6 96 87 (UTF-8)
//!   read as GBK      → 涓枃        (E4B8 涓, ADE6 枃, 9687 …)
//!   read as CP1252   → ä¸­æ–‡
//!   read as Latin-1  → ä¸\u{AD}æ\u{96}\u{87}
//! 中文 = D6 D0 CE C4 (GBK)
//!   read as Latin-1  → ÖÐÎÄ
//! ```
//!
//! How it works, per segment (a line; if the whole line has no good reading, each
//! whitespace-separated piece of it, so one line can hold clean and garbled words):
//!
//! 1. **Fast path.** [`score::suspicious`] scans for what mojibake is made of: Latin-1 and
//!    CP1252 characters, Greek/Cyrillic, box drawing, PUA, U+FFFD, rare Han characters.
//!    Clean Chinese, pure ASCII, Japanese, Korean and emoji pass with one scan and no
//!    allocation; the whole text comes back borrowed.
//! 2. **Candidates.** [`search::best`] tries every chain of up to three inverse transforms
//!    over UTF-8, GBK (code page 936), Big5 and single-byte Latin-1/CP1252 (browsers'
//!    "sloppy" CP1252: its five undefined bytes pass through as C1 controls). Every decode
//!    is strict, so most wrong chains die on their own.
//! 3. **Lossy input.** U+FFFD left by a replace-decode stood for one byte the wrong decoder
//!    rejected; it becomes a hole, filled with the consistent byte whose local decoding the
//!    model likes best (counted in [`Change::guessed`]). Holes it cannot fill stay U+FFFD
//!    (counted in [`Change::lost`]). 锟斤拷 (EF BF BD read as GBK) decodes to the U+FFFD it
//!    always was: the characters behind it were lost before the text was misread.
//! 4. **Acceptance.** A candidate replaces the segment only when
//!    `cost(candidate) + MARGIN_ABS + MARGIN_REL · cost(input) < cost(input)`, with
//!    [`score::cost`] a text-plausibility cost (Han unigram/bigram model, punctuation,
//!    penalties for runs of Latin-1 letters, controls, script switches). On the dev corpus
//!    true repairs win by a wide margin (the cost usually halves or better), while the best
//!    wrong reading of clean European, Japanese or Chinese text costs more than the text:
//!    the margin sits between the two (see the constants).

mod codec;
mod score;
mod search;

use super::{Change, Context, Fixer, Outcome};
use search::Found;
use std::borrow::Cow;

/// Minimum absolute improvement (cost units ≈ nats) for a repair to be accepted.
const MARGIN_ABS: f32 = 4.0;
/// ... and relative to the input's cost: the candidate must be clearly better, not just a
/// little, so short ambiguous words stay as they are.
const MARGIN_REL: f32 = 0.2;

/// Lines longer than this are split at whitespace before searching, so a pathological
/// line cannot make the search quadratic.
const MAX_SEGMENT: usize = 8192;

/// Undo wrong-encoding damage, line by line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Mojibake;

impl Fixer for Mojibake {
    fn name(&self) -> &'static str {
        "mojibake"
    }

    fn fix<'t>(&self, text: &'t str, _ctx: &Context<'_>) -> Outcome<'t> {
        if !score::suspicious(text) {
            return Outcome::unchanged(text);
        }
        let mut out: Option<String> = None;
        let mut changes = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let body = line.trim_end_matches(['\n', '\r']);
            let fixed = if score::suspicious(body) {
                fix_line(body, offset, &mut changes)
            } else {
                None
            };
            match fixed {
                Some(new) => {
                    let o = out.get_or_insert_with(|| {
                        let mut s = String::with_capacity(text.len());
                        s.push_str(&text[..offset]);
                        s
                    });
                    o.push_str(&new);
                    o.push_str(&line[body.len()..]);
                }
                None => {
                    if let Some(o) = out.as_mut() {
                        o.push_str(line);
                    }
                }
            }
            offset += line.len();
        }
        match out {
            Some(s) => Outcome {
                text: Cow::Owned(s),
                changes,
            },
            None => Outcome::unchanged(text),
        }
    }
}

/// Repair one line: as a whole if possible, else piece by piece.
fn fix_line(line: &str, offset: usize, changes: &mut Vec<Change>) -> Option<String> {
    if line.len() <= MAX_SEGMENT {
        if let Some(found) = repair(line) {
            changes.push(change(line, offset, &found));
            return Some(found.text);
        }
    }
    let mut out = String::with_capacity(line.len());
    let mut any = false;
    let mut pos = 0;
    for piece in line.split_inclusive([' ', '\t']) {
        let word = piece.trim_end_matches([' ', '\t']);
        let found = if word.len() <= MAX_SEGMENT && score::suspicious(word) {
            repair(word)
        } else {
            None
        };
        match found {
            Some(found) => {
                changes.push(change(word, offset + pos, &found));
                out.push_str(&found.text);
                out.push_str(&piece[word.len()..]);
                any = true;
            }
            None => out.push_str(piece),
        }
        pos += piece.len();
    }
    any.then_some(out)
}

/// The best reading of `segment`, if it is clearly better than the segment itself.
fn repair(segment: &str) -> Option<Found> {
    let found = search::best(segment)?;
    let before = score::cost(segment);
    if std::env::var_os("ZHFIX_MOJI_DEBUG").is_some() {
        eprintln!(
            "DEBUG {before:.1} {segment:?} -> {:.1} {:?} {:?}",
            found.cost, found.text, found.steps
        );
    }
    (found.cost + MARGIN_ABS + MARGIN_REL * before < before).then_some(found)
}

fn change(before: &str, offset: usize, found: &Found) -> Change {
    // Steps were undone last-damage-first; tell the story in the order it happened.
    let story: Vec<String> = found
        .steps
        .iter()
        .rev()
        .map(|s| format!("{} bytes read as {}", s.real.name(), s.wrong_name()))
        .collect();
    let kind: Vec<String> = found
        .steps
        .iter()
        .rev()
        .map(|s| format!("{}-as-{}", s.real.tag(), s.wrong_tag()))
        .collect();
    Change {
        fixer: "mojibake",
        kind: kind.join("+"),
        offset,
        before: before.to_string(),
        after: found.text.clone(),
        why: story.join(", then "),
        guessed: found.guessed,
        lost: found.lost,
    }
}
