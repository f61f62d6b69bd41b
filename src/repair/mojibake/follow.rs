//! The document pass: a text shows which confusion it suffered, and the lines too short
//! to tell alone follow it (step 5 of [`super`]'s pipeline).

use super::fill::{Document, Uses};
use super::search::Found;
use super::{chain_of, codec, eten, family, non_ascii, score, search, stable, Chain, Line};
use crate::model::is_han;

/// Non-ASCII characters a chain must have repaired before it counts as the document's.
const DOCUMENT_EVIDENCE: usize = 8;

/// ... and the share of the text's non-ASCII characters they must be. A long clean text
/// has a few lines of rare characters that read as something by chance (jieba's own
/// dictionary, 349k lines of words: about 20 such characters per 2 MiB chunk, 0.01%), and
/// [`DOCUMENT_EVIDENCE`] alone made their chain the document's, which 6,600 short lines
/// of rare words then followed (`两桶` → 壩表). In damaged documents of the dev corpus the
/// chain's share is 5% (a few garbled lines among clean ones) to 100%.
const DOCUMENT_SHARE: f32 = 0.01;

/// How much less plausible than pass 1's choice a line may look and still follow the
/// document's chain. On dev, the lines that need it (`°Ï` → 跋 rather than Big5's 區,
/// `åeÕ\` ERRORS` → 錯誤 ERRORS) are within 4.
const DOCUMENT_BONUS: f32 = 5.0;

/// The chain that repaired most characters, when it repaired enough to be trusted.
/// Chains that differ only in the Big5 flavour count together (most lines read the same
/// either way); the flavour is the one the lines that could tell them apart chose.
pub(super) fn dominant_chain(lines: &[Line<'_>], text: &str) -> Option<Chain> {
    let fixes = || {
        lines.iter().flat_map(|l| {
            l.fixes
                .iter()
                .map(|(at, len, f)| (&l.body[*at..*at + *len], f))
        })
    };
    let mut tally: Vec<(Chain, usize)> = Vec::new();
    for (_, found) in fixes() {
        let chain = family(&chain_of(found));
        let n = non_ascii(&found.text);
        match tally.iter_mut().find(|(c, _)| *c == chain) {
            Some((_, total)) => *total += n,
            None => tally.push((chain, n)),
        }
    }
    let (chain, n) = tally.into_iter().max_by_key(|(_, n)| *n)?;
    if n < DOCUMENT_EVIDENCE {
        return None;
    }
    // Counted only here: most texts never get this far.
    if (n as f32) < DOCUMENT_SHARE * non_ascii(text) as f32 {
        return None;
    }
    // Characters read the cp950 way, against characters read the WHATWG way from text
    // that the cp950 way would have read otherwise.
    let (mut cp950, mut whatwg) = (0, 0);
    for (segment, found) in fixes() {
        let own = chain_of(found);
        if family(&own) != chain {
            continue;
        }
        if own
            .iter()
            .any(|&(w, r)| w == codec::Enc::Cp950 || r == codec::Enc::Cp950)
        {
            cp950 += non_ascii(&found.text);
        } else if own.first().is_some_and(|&(w, _)| w == codec::Enc::Big5) && eten::differs(segment)
        {
            whatwg += non_ascii(&found.text);
        }
    }
    if cp950 <= whatwg {
        return Some(chain);
    }
    let mut own = chain;
    if let Some(step) = own
        .iter_mut()
        .find(|(w, r)| *w == codec::Enc::Big5 || *r == codec::Enc::Big5)
    {
        for e in [&mut step.0, &mut step.1] {
            if *e == codec::Enc::Big5 {
                *e = codec::Enc::Cp950;
            }
        }
    }
    Some(own)
}

/// Re-read a line the document's way when that reading is nearly as plausible as what
/// pass 1 decided: the document has supplied the evidence a short line lacks. Like pass
/// 1's, the reading must be [`stable`]: a line cut inside a UTF-8 sequence has no strict
/// UTF-8 reading, and one of its pieces may follow a wrong chain (UTF-8 read as Latin-1
/// taken for GBK read as Latin-1) that the rest of the line must not copy.
/// Either Big5 flavour of the chain will do ([`along`]).
pub(super) fn follow_document(line: &mut Line<'_>, chain: &Chain, doc: &Document) {
    let whole = line.fixes.len() == 1 && line.fixes[0].1 == line.body.len();
    if whole && chain_of(&line.fixes[0].2) == *chain {
        return;
    }
    let Some(found) = along(line.body, chain, doc).filter(stable) else {
        return;
    };
    let current = if whole {
        line.fixes[0].2.cost
    } else {
        score::cost(line.body)
    };
    if found.cost < current + DOCUMENT_BONUS {
        line.fixes = vec![(0, line.body.len(), found)];
    }
}

/// `text` undone along `chain`; in a document of the cp950 flavour, text the two Big5
/// flavours read alike along the WHATWG flavour of the same chain (the search tries cp950
/// only where the two differ): a lone `拸` among GBK lines read as cp950 is 无 either way.
fn along(text: &str, chain: &Chain, doc: &Document) -> Option<Found> {
    let plain = family(chain);
    search::along(text, chain, doc)
        .or_else(|| (plain != *chain).then(|| search::along(text, &plain, doc))?)
}

/// Lines with at most this many non-ASCII characters are short enough for
/// [`cleared_words`]: the pre-filter cannot judge them, and a longer line that is damage
/// holds enough rare characters to be flagged.
const SHORT_LINE: usize = 6;

/// Short lines the pre-filter cleared whose reading along the document's `chain` is
/// words the document writes elsewhere, while the line as it stands writes none of
/// them: a heading `ま计` in a manual of Big5 read as GBK is 引數, which its text says
/// again and again (`以下引數構成`), though kana and 计 look clean on their own. Only
/// lossless readings of every adjacent Han pair count: the evidence is the document's
/// own words, never a guess.
///
/// In a text that went through the wrong decoder whole ([`misread_whole`]) every line
/// did, and a short line of Han characters follows the chain as pass 2's short lines do
/// (its reading within [`DOCUMENT_BONUS`] of its own plausibility, the layer's cost paid
/// by the document's evidence), words or not: the `跋` that ends a manual page, GBK
/// B0 CF, reads as Big5's 區, a common character the pre-filter clears, alone on its
/// line with no pair to look up.
pub(super) fn cleared_words<'t>(
    text: &'t str,
    lines: &[Line<'t>],
    chain: &Chain,
    mut doc: Document,
) -> Vec<Line<'t>> {
    let cleared = cleared_lines(text, lines);
    let whole = misread_whole(&cleared, lines);
    let mut out = Vec::new();
    for (start, body) in cleared {
        let n = non_ascii(body);
        if !(1..=SHORT_LINE).contains(&n) || (n == 1 && !whole) {
            continue;
        }
        // The rest of the document, every other short line included ([`Document::leave_out`]
        // replaces the previous line's).
        doc.leave_out(Uses::of([body]));
        let Some(found) = along(body, chain, &doc).filter(stable) else {
            continue;
        };
        let words = || n > 1 && doc.writes_every_pair(&found.text) && !doc.writes_a_pair(body);
        let han = |t: &str| t.chars().all(|c| c.is_ascii() || is_han(c));
        let follows = || {
            whole
                && han(body)
                && han(&found.text)
                && score::cost(&found.text) < score::cost(body) + DOCUMENT_BONUS
        };
        if found.guessed == 0 && found.lost == 0 && (words() || follows()) {
            out.push(Line {
                offset: start,
                body,
                fixes: vec![(0, body.len(), found)],
            });
        }
    }
    out
}

/// The lines of `text` the pre-filter cleared (not among `lines`): (offset, body without
/// its line break).
fn cleared_lines<'t>(text: &'t str, lines: &[Line<'_>]) -> Vec<(usize, &'t str)> {
    let mut out = Vec::new();
    let mut flagged = lines.iter().map(|l| l.offset).peekable();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        while flagged.next_if(|&o| o < start).is_some() {}
        if flagged.peek() != Some(&start) {
            out.push((start, raw.trim_end_matches(['\n', '\r'])));
        }
    }
    out
}

/// Did the whole text go through the wrong decoder, not a few lines of it? Then every
/// line the pre-filter cleared (`cleared`, [`cleared_lines`]) is short ([`SHORT_LINE`]
/// non-ASCII characters at most: a longer line of damage holds a rare character and is
/// flagged), and together they hold no more than [`CLEARED_SHARE`] of what the repairs
/// read: a text that mixes clean and damaged lines has clean ones long enough, or enough
/// of them.
fn misread_whole(cleared: &[(usize, &str)], lines: &[Line<'_>]) -> bool {
    let repaired: usize = lines
        .iter()
        .flat_map(|l| &l.fixes)
        .map(|(_, _, f)| non_ascii(&f.text))
        .sum();
    let mut held = 0;
    for (_, body) in cleared {
        let n = non_ascii(body);
        if n > SHORT_LINE {
            return false;
        }
        held += n;
    }
    held as f32 <= CLEARED_SHARE * repaired as f32
}

/// See [`misread_whole`].
const CLEARED_SHARE: f32 = 0.25;
