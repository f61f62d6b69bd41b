//! Strip inline pinyin annotations (`區(qū)` → `區`) when the document says they are damage.
//!
//! The seed corruption ran a byte-level `X → X(pinyin)` replace for every character `X` of
//! a site table, so a damaged document carries many annotations, on every occurrence of
//! each table character, mostly on characters that exist only in Traditional script (the
//! tables were traditional), and usually next to garbled runs (`?xì)`, `I(yè)`, see
//! [`super::misalign`]). Legitimate pinyin looks different: teaching text annotates a few
//! simplified characters (`一(yí)`, `长(cháng)短`) or whole words (`银行(yínháng)`, which is
//! never a reading of one character), glosses are English (`排隊(queue)`).
//!
//! [`assess`] counts that evidence once per document; [`AnnotationMode::Auto`] strips when
//!
//! * there is at least one garble mark and three annotations or marks in all, or
//! * at least [`MIN_TRADITIONAL`] annotations sit on characters outside GB2312 (the
//!   simplified repertoire) and they are the majority of annotations.
//!
//! A document with one or two annotations and no garble is never touched in auto mode.
//! An annotation is stripped only when the syllable is a reading of the character
//! (any heteronym, tone marks or digits, `v`/`ü`), so `排隊(queue)` survives even in
//! strip mode.

use super::{AnnotationMode, Change, Context, Fixer, Outcome, Shared};
use crate::readings;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Annotations on non-GB2312 characters needed (as a majority) to call a document damaged
/// without any garble mark.
pub const MIN_TRADITIONAL: usize = 2;

/// The longest syllable we parse between parentheses (`zhuàng` is six letters; a tone
/// digit makes seven).
const MAX_SYLLABLE_CHARS: usize = 7;

/// Evidence about annotations in one document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    /// `X(py)` where `py` is a reading of the Han character `X`.
    pub annotations: usize,
    /// Of those, how many sit on characters outside GB2312 (Traditional-only, mostly).
    pub traditional: usize,
    /// Garble marks: `?py)` with no `(`, or `(py)` after an ASCII byte that can be a GBK
    /// trail byte (`I(yè)`, `\(yùn)`).
    pub garbled: usize,
    /// Every occurrence of every annotated character carries the annotation (a byte-level
    /// replace does that; a teacher annotates a character once), in a document written
    /// in Traditional characters (the corrupting sites converted to Traditional).
    pub systematic: bool,
}

impl Evidence {
    /// Does the evidence say the annotations are corruption?
    pub fn is_corrupt(&self) -> bool {
        (self.garbled >= 1 && self.annotations + self.garbled >= 3)
            || (self.traditional >= MIN_TRADITIONAL && self.traditional * 2 > self.annotations)
            || self.systematic
    }

    /// Should annotations be stripped under `mode`?
    pub fn strip(&self, mode: AnnotationMode) -> bool {
        match mode {
            AnnotationMode::Keep => false,
            AnnotationMode::Strip => true,
            AnnotationMode::Auto => self.is_corrupt(),
        }
    }
}

/// A parenthesised syllable found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paren<'t> {
    /// Byte offset of the opening parenthesis (or of the `?` that consumed it).
    pub start: usize,
    /// Byte offset just past the closing parenthesis.
    pub end: usize,
    pub syllable: &'t str,
}

/// If `text[at..]` starts with `(py)` or `（py）`, the annotation.
pub fn paren_at(text: &str, at: usize) -> Option<Paren<'_>> {
    let rest = text.get(at..)?;
    let open = rest.chars().next()?;
    if open != '(' && open != '（' {
        return None;
    }
    let body_start = at + open.len_utf8();
    syllable_then_close(text, body_start).map(|(syllable, end)| Paren {
        start: at,
        end,
        syllable,
    })
}

/// If `text[at..]` is `?py)` (the `(` consumed with a lost lead byte), the mark.
pub fn qmark_at(text: &str, at: usize) -> Option<Paren<'_>> {
    if text.as_bytes().get(at) != Some(&b'?') {
        return None;
    }
    let (syllable, end) = syllable_then_close(text, at + 1)?;
    is_syllable(syllable).then_some(Paren {
        start: at,
        end,
        syllable,
    })
}

/// An annotation a stray byte broke: the stray followed the lead byte `A8` of a
/// tone-marked vowel, so `A8 stray` became `?` and the vowel's trail byte paired with the
/// next letter (a stray character, or nothing when that pair was private-use and dropped,
/// or a second `?` that swallowed the closing parenthesis): `(gu?)`, `(ji?g)`, `(j?琻)`,
/// `(t??`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Damaged<'t> {
    pub end: usize,
    /// Letters before the `?` and after the debris.
    pub prefix: &'t str,
    pub suffix: &'t str,
}

/// If `text[at..]` is a damaged annotation, its parts.
pub fn damaged_paren_at(text: &str, at: usize) -> Option<Damaged<'_>> {
    let rest = text.get(at..)?;
    let mut it = rest.char_indices().peekable();
    if it.next()?.1 != '(' {
        return None;
    }
    let take_letters = |it: &mut std::iter::Peekable<std::str::CharIndices<'_>>| {
        let start = it.peek().map_or(rest.len(), |&(i, _)| i);
        let mut end = start;
        while let Some(&(i, c)) = it.peek() {
            if !is_pinyin_char(c) || c.is_ascii_digit() || i - start > 12 {
                break;
            }
            it.next();
            end = i + c.len_utf8();
        }
        (start, end)
    };
    let (ps, pe) = take_letters(&mut it);
    if pe == ps || it.next()?.1 != '?' {
        return None;
    }
    let prefix = &rest[ps..pe];
    match it.peek().copied() {
        // `??`: the vowel's trail byte swallowed the closing parenthesis.
        Some((i, '?')) => {
            let mut end = i + 1;
            if rest[end..].starts_with(')') {
                end += 1;
            }
            return Some(Damaged {
                end: at + end,
                prefix,
                suffix: "",
            });
        }
        // One character of debris (the vowel's trail byte and the next letter).
        Some((_, c)) if !c.is_ascii() && !is_pinyin_char(c) && c != '）' => {
            it.next();
        }
        _ => {}
    }
    let (ss, se) = take_letters(&mut it);
    let (i, close) = it.next()?;
    (close == ')').then_some(Damaged {
        end: at + i + 1,
        prefix,
        suffix: &rest[ss..se],
    })
}

impl Damaged<'_> {
    /// Could this have been an annotation of `c`: a reading that starts with the letters
    /// before the damage and ends with those after it, with room for the lost vowel?
    pub fn fits(&self, c: char) -> bool {
        let letters = |s: &str| -> Option<String> {
            if s.is_empty() {
                return Some(String::new());
            }
            readings::normalize(s).map(|s| s.letters)
        };
        let (Some(pre), Some(suf)) = (letters(self.prefix), letters(self.suffix)) else {
            return false;
        };
        readings::readings(c).any(|r| {
            r.letters.len() > pre.len() + suf.len()
                && r.letters.starts_with(&pre)
                && r.letters.ends_with(&suf)
        })
    }
}

/// `py)` at `from`: a lowercase pinyin-shaped word and a closing parenthesis.
fn syllable_then_close(text: &str, from: usize) -> Option<(&str, usize)> {
    let rest = text.get(from..)?;
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if c == ')' || c == '）' {
            if i == 0 {
                return None;
            }
            return Some((&rest[..i], from + i + c.len_utf8()));
        }
        if n >= MAX_SYLLABLE_CHARS || !is_pinyin_char(c) {
            return None;
        }
    }
    None
}

fn is_pinyin_char(c: char) -> bool {
    c.is_ascii_lowercase()
        || matches!(c, '1'..='5')
        || matches!(
            c,
            'ā' | 'á'
                | 'ǎ'
                | 'à'
                | 'ē'
                | 'é'
                | 'ě'
                | 'è'
                | 'ī'
                | 'í'
                | 'ǐ'
                | 'ì'
                | 'ō'
                | 'ó'
                | 'ǒ'
                | 'ò'
                | 'ū'
                | 'ú'
                | 'ǔ'
                | 'ù'
                | 'ǖ'
                | 'ǘ'
                | 'ǚ'
                | 'ǜ'
                | 'ü'
                | 'ń'
                | 'ň'
                | 'ǹ'
                | 'ḿ'
        )
}

/// Is `written` a syllable some character reads (`xì`, `xiang4`), not just letters?
pub fn is_syllable(written: &str) -> bool {
    static SYLLABLES: OnceLock<HashSet<String>> = OnceLock::new();
    let set = SYLLABLES.get_or_init(readings::all_syllables);
    readings::normalize(written).is_some_and(|s| set.contains(&s.letters))
}

/// Is `c` outside GB2312 (so most likely a Traditional-only character)? GB2312 is the
/// GBK block with both bytes in `A1–FE` and the lead in `B0–F7` for ideographs.
pub fn outside_gb2312(c: char) -> bool {
    match super::gbk::Tables::get().encode(c) {
        Some([lead, trail]) => !((0xB0..=0xF7).contains(&lead) && trail >= 0xA1),
        None => true,
    }
}

/// Quick test: could `text` hold any annotation or garble mark at all?
pub fn may_have_annotations(text: &str) -> bool {
    memchr::memchr(b')', text.as_bytes()).is_some() || text.contains('）')
}

/// Count the evidence in `text` (one pass; only parentheses are inspected closely).
pub fn assess(text: &str) -> Evidence {
    let mut ev = Evidence::default();
    if !may_have_annotations(text) {
        return ev;
    }
    let bytes = text.as_bytes();
    let mut annotated: HashMap<char, usize> = HashMap::new();
    // Only `(`, `（` and `?` matter, so jump between them instead of decoding every
    // character: this runs over every clean text that holds a `)`. The fullwidth paren
    // is searched for whole (EF BC 88): its lead byte also leads every `，` and `：`.
    let fullwidth = memchr::memmem::find_iter(bytes, "（".as_bytes());
    for i in memchr::memchr2_iter(b'(', b'?', bytes).chain(fullwidth) {
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        let prev = text.get(..i).and_then(|before| before.chars().next_back());
        match c {
            '(' | '（' => {
                if let (Some(p), Some(paren)) = (prev, paren_at(text, i)) {
                    if crate::model::is_han(p) && readings::is_reading(p, paren.syllable) {
                        ev.annotations += 1;
                        *annotated.entry(p).or_default() += 1;
                        if outside_gb2312(p) {
                            ev.traditional += 1;
                        }
                    } else if is_ascii_trail(p) && is_marked(paren.syllable) {
                        ev.garbled += 1;
                    }
                }
            }
            '?' if (i == 0 || bytes[i - 1] != b'(')
                && qmark_at(text, i).is_some_and(|m| is_marked(m.syllable)) =>
            {
                ev.garbled += 1;
            }
            _ => {}
        }
    }
    if ev.annotations >= MIN_SYSTEMATIC && !ev.is_corrupt() {
        ev.systematic = systematic(text, &annotated, ev.annotations);
    }
    ev
}

/// Annotations needed before their consistency counts as evidence.
const MIN_SYSTEMATIC: usize = 3;

/// Are (nearly) all occurrences of the annotated characters annotated, in a Traditional
/// document (at least 3% of its Han characters outside GB2312)?
fn systematic(text: &str, annotated: &HashMap<char, usize>, annotations: usize) -> bool {
    let mut occurrences = 0usize;
    let mut han = 0usize;
    let mut traditional = 0usize;
    for c in text.chars() {
        if !crate::model::is_han(c) {
            continue;
        }
        han += 1;
        if outside_gb2312(c) {
            traditional += 1;
        }
        if annotated.contains_key(&c) {
            occurrences += 1;
        }
    }
    annotations * 10 >= occurrences * 9 && traditional * 100 >= han * 3
}

/// An ASCII byte that can be the trail of a GBK pair (`@`–`~`), so a misaligned decoder
/// shows it alone.
fn is_ascii_trail(c: char) -> bool {
    matches!(c, '@'..='~')
}

/// A syllable shaped the way the corrupting site wrote them: a known syllable with a tone
/// mark (neutral-tone syllables are too common in ordinary ASCII to count as garble).
fn is_marked(syllable: &str) -> bool {
    !syllable.is_ascii() && is_syllable(syllable)
}

/// What the document itself says about the corrupting site's table: the replace was
/// global, so a character annotated once is a table entry (with that reading), and a
/// character seen plain and never annotated is not. Misalignment repair uses this to
/// choose among lost bytes that fit a reading equally well (`?zhí)`: 值 or 指?).
#[derive(Debug, Default)]
pub struct SiteTable {
    annotated: HashMap<char, Vec<readings::Syllable>>,
    plain: HashSet<char>,
}

/// Cost bonus for a candidate that is a known table entry with the same reading.
const KNOWN_ENTRY_BONUS: f32 = 6.0;
/// Cost penalty for a candidate the document shows plain (so not in the table).
const PLAIN_PENALTY: f32 = 4.0;

impl SiteTable {
    /// Learn the table from the aligned annotations in `text`.
    pub fn learn(text: &str) -> SiteTable {
        let mut table = SiteTable::default();
        let mut prev: Option<char> = None;
        for (i, c) in text.char_indices() {
            if let Some(p) = prev.filter(|&p| crate::model::is_han(p)) {
                match paren_at(text, i) {
                    Some(paren) if readings::is_reading(p, paren.syllable) => {
                        if let Some(s) = readings::normalize(paren.syllable) {
                            let v = table.annotated.entry(p).or_default();
                            if !v.contains(&s) {
                                v.push(s);
                            }
                        }
                    }
                    _ => {
                        table.plain.insert(p);
                    }
                }
            }
            prev = Some(c);
        }
        table
    }

    /// Cost adjustment for "`x` was annotated with `syllable` here".
    pub fn prior(&self, x: char, syllable: &str) -> f32 {
        if let Some(known) = self.annotated.get(&x) {
            let same = readings::normalize(syllable).is_some_and(|s| known.contains(&s));
            return if same { -KNOWN_ENTRY_BONUS } else { 0.0 };
        }
        if self.plain.contains(&x) {
            PLAIN_PENALTY
        } else {
            0.0
        }
    }
}

/// Removes `X(py)` annotations when [`assess`] (or the mode) says so.
#[derive(Debug, Default)]
pub struct Annotations;

impl Fixer for Annotations {
    fn name(&self) -> &'static str {
        "annotations"
    }

    fn fix<'t>(&self, text: &'t str, ctx: &Context<'_>) -> Outcome<'t> {
        self.fix_shared(text, ctx, &Shared::default())
    }

    fn fix_shared<'t>(&self, text: &'t str, ctx: &Context<'_>, shared: &Shared<'_>) -> Outcome<'t> {
        if ctx.options.annotations == AnnotationMode::Keep || !may_have_annotations(text) {
            return Outcome::unchanged(text);
        }
        if !shared.evidence(text).strip(ctx.options.annotations) {
            return Outcome::unchanged(text);
        }
        strip_all(text, self.name())
    }
}

/// Remove every `X(py)` whose syllable is a reading of `X`.
fn strip_all<'t>(text: &'t str, fixer: &'static str) -> Outcome<'t> {
    let mut out = String::with_capacity(text.len());
    let mut changes = Vec::new();
    let mut copied = 0;
    let mut prev: Option<(usize, char)> = None;
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if c == '(' || c == '（' {
            if let (Some((pi, p)), Some(paren)) = (prev, paren_at(text, i)) {
                if crate::model::is_han(p) && readings::is_reading(p, paren.syllable) {
                    out.push_str(&text[copied..i]);
                    changes.push(Change {
                        fixer,
                        kind: "annotation".into(),
                        offset: pi,
                        before: text[pi..paren.end].to_string(),
                        after: p.to_string(),
                        why: format!("{} is a reading of {p}", paren.syllable),
                        guessed: 0,
                        lost: 0,
                    });
                    copied = paren.end;
                    i = paren.end;
                    // The annotated character stays the previous one: `X(a)(b)` cannot
                    // come from one replace, but stripping both is harmless.
                    continue;
                }
            }
        }
        prev = Some((i, c));
        i += c.len_utf8();
    }
    if changes.is_empty() {
        return Outcome::unchanged(text);
    }
    out.push_str(&text[copied..]);
    Outcome {
        text: Cow::Owned(out),
        changes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::RepairOptions;

    fn run(text: &str, mode: AnnotationMode) -> String {
        let options = RepairOptions {
            annotations: mode,
            ..RepairOptions::default()
        };
        let ctx = Context {
            raw: None,
            encoding: encoding_rs::UTF_8,
            options: &options,
        };
        Annotations.fix(text, &ctx).text.into_owned()
    }

    #[test]
    fn strips_seed_annotations() {
        let text = "我區(qū)召開疫情防控、安全生產(chǎn)和社會(huì)穩(wěn)定工作";
        assert_eq!(
            run(text, AnnotationMode::Auto),
            "我區召開疫情防控、安全生產和社會穩定工作"
        );
    }

    #[test]
    fn keeps_teaching_text_and_glosses() {
        for text in [
            "银行(yínháng)的行(háng)和行(xíng)走",
            "长(cháng)短",
            "而排隊(queue)的所有數據",
            "一(yí)个打(dǎ)分(fēn)不(bú)中(zhōng)",
        ] {
            assert_eq!(run(text, AnnotationMode::Auto), text);
        }
    }

    #[test]
    fn modes_override_the_evidence() {
        assert_eq!(run("长(cháng)短", AnnotationMode::Strip), "长短");
        assert_eq!(run("排隊(queue)", AnnotationMode::Strip), "排隊(queue)");
        let text = "我區(qū)召開生產(chǎn)和社會(huì)";
        assert_eq!(run(text, AnnotationMode::Keep), text);
    }

    #[test]
    fn counts_garble_marks() {
        let ev = assess("推進城鎮(zhèn)燃?xì)鈱m?xiàng)整治,督促燃?xì)馄髽I(yè)加快");
        assert_eq!(ev.annotations, 1);
        assert_eq!(ev.garbled, 4);
        assert!(ev.is_corrupt());
    }
}
