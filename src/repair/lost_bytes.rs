//! Lost bytes: candidates for bytes the seed corruption destroyed, ranked by the text model.
//!
//! Bytes are destroyed for good in these ways (see `docs/corruption.md` and
//! [`super::misalign`], which asks for these candidates during its search):
//!
//! * a stray byte below `0x40` after a lead byte: the pair became one `?`, so the lead
//!   byte of that character is gone and only its trail byte (the first byte of the
//!   garbled run that follows) survives: [`guess_leads`]; if the next text is `?py)` the
//!   whole character is gone but its reading survives: [`guess_by_reading`]; if it is
//!   another `?` (`??`), only the model is left: [`guess_any`];
//! * a misaligned run that ran into an ASCII byte below `0x40`: the pair (the trail byte of
//!   a character, that ASCII byte) became `?`, so both are gone: [`guess_trails`] and
//!   [`guess_ascii`] (a space, a `)` when the line leaves a `(` open, or a lost byte
//!   where a line break is likely: a fixer never adds a line);
//! * a trail byte `80` at lead position: code page 936 has no lead `80`, so it swallowed
//!   the next lead byte (`個` = `82 80`);
//! * a private-use pair in a misaligned run (trail of one character, lead of the next),
//!   which the site dropped, taking two bytes with it: [`pua_bridges`]; right after a
//!   stray byte took a lead, the first character of the bridge has no byte left at all:
//!   [`lost_lead_bridges`];
//! * a stray byte inside an annotation (`(gu?)`): the annotation is dropped whole when
//!   what is left fits a reading (see `annotation::damaged_paren_at`).
//!
//! Each candidate is a real GBK character the surviving bytes allow; the search's scorer
//! picks (model plus the document's own bigrams), keeping the best [`KEEP`] so the
//! following characters can still overturn the choice. Every such character is counted
//! in [`super::Change::guessed`]; with `--mark-guesses` each guessed character is written
//! as `〖X〗` (white lenticular brackets: in GBK, so any downstream re-encoding survives,
//! and rare in real text); a guessed space or line break is counted but not bracketed.
//! No candidate adds characters beyond what the lost bytes spelt: one lost byte of a
//! character gives back that one character, a dropped pair gives back two.

use super::annotation::SiteTable;
use super::gbk::{is_lead, is_trail, Tables};
#[cfg(test)]
use super::misalign::char_cost;

/// How a candidate is scored: cost of `c` after `prev` (the search's model plus what the
/// document itself says).
pub type Scorer<'a> = &'a dyn Fn(Option<char>, char) -> f32;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Guesses kept per lost byte.
pub const KEEP: usize = 40;

/// Opening and closing marks around a guessed character under `--mark-guesses`.
pub const MARK_OPEN: char = '〖';
pub const MARK_CLOSE: char = '〗';

/// Append `c`, marked as a guess when `mark` is set.
pub fn push_guess(out: &mut String, c: char, mark: bool) {
    if mark {
        out.push(MARK_OPEN);
        out.push(c);
        out.push(MARK_CLOSE);
    } else {
        out.push(c);
    }
}

/// A candidate character and its cost (lower is better).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Guess {
    pub ch: char,
    pub cost: f32,
}

/// Characters `L trail` for every lead byte `L`: the lead byte was consumed by a stray byte.
pub fn guess_leads(trail: u8, prev: Option<char>, score: Scorer<'_>) -> Vec<Guess> {
    let t = Tables::get();
    let cands = (0x81u8..=0xFE).filter_map(|lead| t.char_of(lead, trail));
    best(cands, prev, score)
}

/// Characters `lead T` for every trail byte `T`: the trail byte was consumed with an ASCII
/// byte below `0x40`. `T` was read as a lead byte, so it is `80` or above (a trail in
/// `40–7E` would have been read as ASCII and resynchronised the run; `80`, no lead in
/// code page 936, still takes the byte after it into the `?`: `個 ` = `82 80 20`).
pub fn guess_trails(lead: u8, prev: Option<char>, score: Scorer<'_>) -> Vec<Guess> {
    let t = Tables::get();
    let cands = (0x80u8..=0xFE).filter_map(|trail| t.char_of(lead, trail));
    best(cands, prev, score)
}

/// Two characters bridging a dropped private-use pair `P1 P2` in a misaligned run: the
/// pending lead `lead` took `P1` as its trail, `P2` was the lead of the character whose
/// trail is `next` (the first byte of the next garbled character).
pub fn pua_bridges(
    lead: u8,
    next: u8,
    prev: Option<char>,
    score: Scorer<'_>,
) -> Vec<(Guess, Guess)> {
    let t = Tables::get();
    let mut out: Vec<(Guess, Guess)> = Vec::new();
    for p1 in 0x81u8..=0xFE {
        let pua = t.pua_trails(p1);
        if pua.is_empty() {
            continue;
        }
        let Some(first) = t.char_of(lead, p1) else {
            continue;
        };
        let c1 = score(prev, first);
        if c1 > 14.0 {
            continue;
        }
        for &p2 in pua {
            if !is_lead(p2) || !is_trail(next) {
                continue;
            }
            let Some(second) = t.char_of(p2, next) else {
                continue;
            };
            let c2 = score(Some(first), second);
            out.push((
                Guess {
                    ch: first,
                    cost: c1,
                },
                Guess {
                    ch: second,
                    cost: c2,
                },
            ));
        }
    }
    out.sort_by(|a, b| (a.0.cost + a.1.cost).total_cmp(&(b.0.cost + b.1.cost)));
    out.truncate(KEEP);
    out
}

/// First characters of a [`lost_lead_bridges`] kept, by their cost after the context.
const LOST_LEAD_FIRSTS: usize = 16;

/// Like [`pua_bridges`], right after a stray byte took the lead byte: the first
/// character's lead is gone and its trail `P1` went with the dropped pair, so only the
/// model chooses it, among the characters whose trail leads a private-use pair (~2500;
/// the best `LOST_LEAD_FIRSTS` go on). `next` is the first byte of the next garbled
/// character, the trail of the second one.
pub fn lost_lead_bridges(next: u8, prev: Option<char>, score: Scorer<'_>) -> Vec<(Guess, Guess)> {
    let t = Tables::get();
    if !is_trail(next) {
        return Vec::new();
    }
    let mut firsts: Vec<(Guess, u8)> = pua_led()
        .iter()
        .map(|&(ch, p1)| {
            let cost = score(prev, ch);
            (Guess { ch, cost }, p1)
        })
        .collect();
    firsts.sort_by(|a, b| a.0.cost.total_cmp(&b.0.cost).then(a.0.ch.cmp(&b.0.ch)));
    firsts.truncate(LOST_LEAD_FIRSTS);
    let mut out = Vec::new();
    for (first, p1) in firsts {
        for &p2 in t.pua_trails(p1).iter().filter(|&&b| is_lead(b)) {
            if let Some(ch) = t.char_of(p2, next) {
                let cost = score(Some(first.ch), ch);
                out.push((first, Guess { ch, cost }));
            }
        }
    }
    out.sort_by(|a, b| (a.0.cost + a.1.cost).total_cmp(&(b.0.cost + b.1.cost)));
    out.truncate(KEEP);
    out
}

/// Every GBK character whose trail byte leads a private-use pair, with that byte.
fn pua_led() -> &'static [(char, u8)] {
    static LIST: OnceLock<Vec<(char, u8)>> = OnceLock::new();
    LIST.get_or_init(|| {
        let t = Tables::get();
        let mut v = Vec::new();
        for p1 in (0x81u8..=0xFE).filter(|&b| !t.pua_trails(b).is_empty()) {
            for lead in 0x81u8..=0xFE {
                if let Some(ch) = t.char_of(lead, p1) {
                    v.push((ch, p1));
                }
            }
        }
        v
    })
}

/// Characters with reading `syllable`: an annotated character whose two bytes are gone.
/// The document's own table (see [`SiteTable`]) shifts the costs.
pub fn guess_by_reading(
    syllable: &str,
    prev: Option<char>,
    table: &SiteTable,
    score: Scorer<'_>,
) -> Vec<Guess> {
    let Some(want) = crate::readings::normalize(syllable) else {
        return Vec::new();
    };
    let cands = by_letters()
        .get(&want.letters)
        .into_iter()
        .flatten()
        .copied()
        .filter(|&c| crate::readings::is_reading(c, syllable));
    let mut v: Vec<Guess> = cands
        .map(|ch| Guess {
            ch,
            cost: score(prev, ch) + table.prior(ch, syllable),
        })
        .collect();
    v.sort_by(|a, b| a.cost.total_cmp(&b.cost));
    v.truncate(KEEP);
    v
}

/// Any character at all: both bytes gone and no reading left. Only the model decides.
pub fn guess_any(prev: Option<char>, score: Scorer<'_>) -> Vec<Guess> {
    let cands = by_letters().values().flatten().copied();
    let mut v = best(cands, prev, score);
    v.truncate(2);
    v
}

/// The ASCII byte below 0x40 that a long run swallowed. Long runs end at the first ASCII
/// byte, which in Chinese text is mostly a line break or the space before an ASCII word:
/// a space when ASCII punctuation follows, or an ASCII word on a line that goes on in
/// Chinese (`聯接的 TCP 主機名`). Otherwise it was most likely a line break (`查詢` /
/// `SYNOPSIS`), but a fixer never adds a line (line structure is what every stage
/// preserves, and a second run must find the same lines), so that byte is counted lost:
/// `None`.
///
/// A `(` left open on the line before (`open`) makes it the closing `)`, unless an ASCII
/// word follows: `(即包括NIS passwd映射所指定用戶?, 以及` lost `)`, not a space.
pub fn guess_ascii(open: bool, after: &str) -> Option<char> {
    let line = after.split('\n').next().unwrap_or("");
    match after.chars().next() {
        Some(c) if open && !c.is_ascii_alphanumeric() => Some(')'),
        Some(c) if c.is_ascii_punctuation() => Some(' '),
        Some(c) if c.is_ascii_alphanumeric() && line.chars().any(crate::model::is_han) => Some(' '),
        _ => None,
    }
}

/// The ASCII byte right after one lost character: a space (between Chinese and ASCII
/// words), or nothing when the text goes on with whitespace. A byte before a line break
/// was most likely a line break or a `\r` itself, but a fixer never adds a line (line
/// structure is what every stage preserves), so that byte is counted lost instead.
pub fn guess_ascii_short(after: &str) -> Option<char> {
    match after.chars().next() {
        Some(c) if c.is_whitespace() => None,
        _ => Some(' '),
    }
}

/// GBK Han characters grouped by the letters of each of their readings.
fn by_letters() -> &'static HashMap<String, Vec<char>> {
    static MAP: OnceLock<HashMap<String, Vec<char>>> = OnceLock::new();
    MAP.get_or_init(|| {
        let t = Tables::get();
        let mut map: HashMap<String, Vec<char>> = HashMap::new();
        for lead in 0x81u8..=0xFE {
            for trail in 0x40u8..=0xFE {
                let Some(c) = t.char_of(lead, trail).filter(|&c| crate::model::is_han(c)) else {
                    continue;
                };
                for r in crate::readings::readings(c) {
                    let v = map.entry(r.letters).or_default();
                    if !v.contains(&c) {
                        v.push(c);
                    }
                }
            }
        }
        map
    })
}

fn best(cands: impl Iterator<Item = char>, prev: Option<char>, score: Scorer<'_>) -> Vec<Guess> {
    let mut v: Vec<Guess> = cands
        .map(|ch| Guess {
            ch,
            cost: score(prev, ch),
        })
        .collect();
    // Candidates come from a hash map: ties broken by character, so runs agree.
    v.sort_by(|a, b| a.cost.total_cmp(&b.cost).then(a.ch.cmp(&b.ch)));
    v.truncate(KEEP);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_lead_is_guessed_among_real_characters() {
        // 化 = BB AF: with the lead gone, AF alone leaves ~100 candidates; after 強 the
        // model should rank 化 (強化 is a word) among the few kept.
        let g = guess_leads(0xAF, Some('強'), &char_cost);
        assert!(g.len() <= KEEP);
        assert!(g.iter().any(|g| g.ch == '化'), "{g:?}");
    }

    #[test]
    fn a_dropped_private_use_pair_is_bridged() {
        // 化品 = BB AF | C6 B7; AF C6 is private-use and was dropped.
        // The bridge only fixes 化 (BB AF); the second character (here 品 = C6 B7) is a
        // real guess: every `C6..FE B7` is consistent with the bytes.
        let b = pua_bridges(0xBB, 0xB7, Some('危'), &char_cost);
        assert!(!b.is_empty() && b.len() <= KEEP);
        assert!(b.iter().any(|(a, _)| a.ch == '化'), "{b:?}");
        let t = Tables::get();
        for (a, c) in &b {
            let [lead, p1] = t.encode(a.ch).unwrap();
            let [p2, next] = t.encode(c.ch).unwrap();
            assert_eq!((lead, next), (0xBB, 0xB7));
            assert_eq!(t.pair(p1, p2), super::super::gbk::Pair::Pua);
        }
    }

    #[test]
    fn marks_wrap_one_character() {
        let mut s = String::new();
        push_guess(&mut s, '危', true);
        push_guess(&mut s, '化', false);
        assert_eq!(s, "〖危〗化");
    }
}
