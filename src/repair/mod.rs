//! Repair: a straight list of small named fixers, each undoing one kind of damage.
//!
//! Every fixer implements [`Fixer`]: it sees the decoded text (and, through [`Context`],
//! the raw bytes and the encoding they were decoded as, for fixers that need them) and
//! returns the new text plus one [`Change`] per stretch it rewrote, saying what and why.
//! The [`Repairer`] runs the list in order; `--explain` prints the concatenated changes.
//!
//! The contract every fixer keeps: clean text comes back borrowed and unchanged (a fast
//! path that costs a scan, not an allocation), and a fixer never invents more text than
//! the evidence accounts for — guesses are counted in [`Change::guessed`].

pub mod annotation;
pub mod brackets;
pub mod doc_model;
pub mod fullwidth_punct;
pub mod gbk;
pub mod lost_bytes;
pub mod misalign;
pub mod mojibake;

use serde::Serialize;
use std::borrow::Cow;

/// One rewrite of one stretch of text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The fixer that made it (its [`Fixer::name`]).
    pub fixer: &'static str,
    /// What kind of damage was undone, e.g. `annotation`, `misaligned-run`, `utf8-as-gbk`.
    pub kind: String,
    /// Byte offset of `before` in the text this fixer was given.
    pub offset: usize,
    pub before: String,
    pub after: String,
    /// How the fixer knew: the evidence, in a few words.
    pub why: String,
    /// Characters in `after` that the bytes did not determine (chosen by the text model).
    pub guessed: usize,
    /// Characters known to be lost (kept as U+FFFD or dropped).
    pub lost: usize,
}

/// How to treat `X(pinyin)` annotations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AnnotationMode {
    /// Strip when the document's evidence says they are corruption, keep otherwise.
    #[default]
    Auto,
    Strip,
    Keep,
}

impl std::str::FromStr for AnnotationMode {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        match s {
            "auto" => Ok(AnnotationMode::Auto),
            "strip" => Ok(AnnotationMode::Strip),
            "keep" => Ok(AnnotationMode::Keep),
            other => Err(crate::Error::Refused(format!(
                "unknown annotations mode '{other}' (use auto, strip or keep)"
            ))),
        }
    }
}

/// User choices that fixers honour.
#[derive(Debug, Clone, Default)]
pub struct RepairOptions {
    pub annotations: AnnotationMode,
    /// Wrap characters chosen by the text model (not determined by bytes) in `〖〗`; see
    /// [`lost_bytes`] for why that marker.
    pub mark_guesses: bool,
    /// Turn folded ASCII punctuation back into fullwidth in Chinese context.
    pub fullwidth_punct: bool,
}

/// What a fixer may look at besides the text.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The bytes the text was decoded from, when it came from bytes.
    pub raw: Option<&'a [u8]>,
    /// The encoding those bytes were decoded as.
    pub encoding: &'static encoding_rs::Encoding,
    pub options: &'a RepairOptions,
}

impl<'a> Context<'a> {
    /// The context of `text` read from its own UTF-8 bytes, as the next zhfix run sees
    /// this run's output: what the idempotence checks repair against.
    pub fn utf8(text: &'a str, options: &'a RepairOptions) -> Self {
        Context {
            raw: Some(text.as_bytes()),
            encoding: encoding_rs::UTF_8,
            options,
        }
    }
}

/// A fixer's result: the (possibly borrowed) text and what changed.
#[derive(Debug)]
pub struct Outcome<'t> {
    pub text: Cow<'t, str>,
    pub changes: Vec<Change>,
}

impl<'t> Outcome<'t> {
    /// Nothing to do: hand the text back untouched.
    pub fn unchanged(text: &'t str) -> Self {
        Outcome {
            text: Cow::Borrowed(text),
            changes: Vec::new(),
        }
    }
}

/// One kind of repair.
pub trait Fixer: Send + Sync {
    /// A short stable name, shown by `--explain` and in reports.
    fn name(&self) -> &'static str;
    fn fix<'t>(&self, text: &'t str, ctx: &Context<'_>) -> Outcome<'t>;

    /// [`Fixer::fix`], reusing what an earlier fixer of the chain learnt about the same
    /// text ([`Shared`]). Fixers that ask the same question of a document override it.
    fn fix_shared<'t>(&self, text: &'t str, ctx: &Context<'_>, shared: &Shared<'_>) -> Outcome<'t> {
        let _ = shared;
        self.fix(text, ctx)
    }
}

/// Facts about one text that more than one fixer needs, each computed once, and what the
/// caller knows of it beforehand ([`Screen`]).
///
/// The misalignment and annotation fixers both weigh a document's annotation evidence
/// ([`annotation::assess`], a scan of every parenthesis); on clean text neither changes
/// anything, so the second scan repeated the first: a tenth of the repair's cost on man
/// pages. A `Shared` belongs to one text: [`Repairer::run`] starts a new one whenever a
/// fixer changes the text, and a question about any other text is answered afresh.
#[derive(Debug, Default)]
pub struct Shared<'s> {
    evidence: std::cell::OnceCell<(TextKey, annotation::Evidence)>,
    /// The screen, and the text it describes.
    screen: (TextKey, Screen<'s>),
}

/// Which text a fact is about: where it lies and how long it is. A `Shared` lives while
/// its text does, so no other text can be at the same place.
type TextKey = (usize, usize);

fn key(text: &str) -> TextKey {
    (text.as_ptr() as usize, text.len())
}

/// What the caller of [`Repairer::run_screened`] knows of the mojibake pre-filter's first
/// pass over the text, or wants to learn from it.
#[derive(Debug, Default)]
pub enum Screen<'s> {
    #[default]
    None,
    /// Note the byte offsets where the first pass stopped, in order.
    NoteStops(&'s std::cell::RefCell<Vec<usize>>),
    /// Only these whole lines (byte ranges, in order) can stop the first pass; it clears
    /// the rest without a stop, so only these are scanned.
    Within(&'s [std::ops::Range<usize>]),
}

impl<'s> Shared<'s> {
    /// A `Shared` for `text`, with what the caller knows of it.
    fn screened(text: &str, screen: Screen<'s>) -> Self {
        Shared {
            screen: (key(text), screen),
            ..Shared::default()
        }
    }

    /// [`annotation::assess`] of `text`, computed once.
    pub fn evidence(&self, text: &str) -> annotation::Evidence {
        let (k, ev) = *self
            .evidence
            .get_or_init(|| (key(text), annotation::assess(text)));
        if k == key(text) {
            ev
        } else {
            annotation::assess(text)
        }
    }

    /// The lines of `text` the mojibake pre-filter flags, using or noting the [`Screen`]
    /// when `text` is the one it describes.
    pub fn suspicious_lines(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        use mojibake::suspicious;
        match &self.screen {
            (k, _) if *k != key(text) => suspicious::suspicious_lines(text),
            (_, Screen::None) => suspicious::suspicious_lines(text),
            (_, Screen::NoteStops(stops)) => {
                suspicious::suspicious_lines_noting_stops(text, &mut stops.borrow_mut())
            }
            (_, Screen::Within(lines)) => suspicious::suspicious_lines_within(text, lines),
        }
    }
}

/// The ordered list of fixers.
pub struct Repairer {
    fixers: Vec<Box<dyn Fixer>>,
}

impl Repairer {
    /// The default chain, in the order damage is peeled off.
    pub fn standard() -> Self {
        Repairer {
            fixers: vec![
                Box::new(mojibake::Mojibake),
                // Misalignment first: it needs the annotations (they carry the lost bytes
                // and the site's table) and strips those it reads; the annotation fixer
                // then handles documents without garbled runs.
                Box::new(misalign::Misalign::default()),
                Box::new(annotation::Annotations),
                // Off unless RepairOptions::fullwidth_punct; last, so it sees repaired text.
                Box::new(fullwidth_punct::FullwidthPunct),
            ],
        }
    }

    pub fn new(fixers: Vec<Box<dyn Fixer>>) -> Self {
        Repairer { fixers }
    }

    pub fn names(&self) -> Vec<&'static str> {
        self.fixers.iter().map(|f| f.name()).collect()
    }

    /// Run every fixer in order; each sees the previous one's output. If any changed the
    /// text, the chain runs again on the result, as a second zhfix run would (the text as
    /// UTF-8 bytes), until a round changes nothing or after `ROUNDS` rounds: a later
    /// fixer can make text an earlier one reads differently (stripping `總(zǒng)覽(lǎn)`
    /// leaves `�總覽`, which mojibake then reads), and the output must be what a second
    /// run leaves alone.
    pub fn run<'t>(&self, text: &'t str, ctx: &Context<'_>) -> Outcome<'t> {
        self.run_screened(text, ctx, Screen::None)
    }

    /// [`Repairer::run`], with what the caller knows of (or wants noted about) the
    /// pre-filter's first pass over `text`; it applies to `text` only, not to what a fixer
    /// makes of it.
    pub fn run_screened<'t>(
        &self,
        text: &'t str,
        ctx: &Context<'_>,
        screen: Screen<'_>,
    ) -> Outcome<'t> {
        let mut current: Cow<'t, str> = Cow::Borrowed(text);
        let mut changes = Vec::new();
        let mut screen = Some(screen);
        for round in 0..ROUNDS {
            let before = changes.len();
            let mut shared = Shared::screened(&current, screen.take().unwrap_or_default());
            let again;
            let ctx = if round == 0 {
                *ctx
            } else {
                again = current.clone().into_owned();
                Context::utf8(&again, ctx.options)
            };
            for fixer in &self.fixers {
                let out = fixer.fix_shared(&current, &ctx, &shared);
                if out.changes.is_empty() {
                    continue;
                }
                let next = out.text.into_owned();
                changes.extend(out.changes);
                current = Cow::Owned(next);
                shared = Shared::default();
            }
            if changes.len() == before {
                break;
            }
        }
        Outcome {
            text: current,
            changes,
        }
    }
}

/// Rounds of the fixer chain in [`Repairer::run`]. The second round finds something only
/// where one fixer's output feeds an earlier one (fuzz inputs only, so far); a third is
/// allowed for a chain of two such steps, and the bound keeps a pathological input from
/// cycling.
const ROUNDS: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_evidence_belongs_to_one_text() {
        let corrupt = "長(cháng)城(chéng)是(shì)中(zhōng)國(guó)的?dì)文(wén)化(huà)";
        let clean = "銀行(yínháng)";
        let shared = Shared::default();
        assert_eq!(shared.evidence(corrupt), annotation::assess(corrupt));
        assert!(shared.evidence(corrupt).is_corrupt());
        // Another text is assessed afresh, not given the first one's answer.
        assert_eq!(shared.evidence(clean), annotation::assess(clean));
        assert!(!shared.evidence(clean).is_corrupt());
    }

    #[test]
    fn a_screen_applies_only_to_the_text_it_describes() {
        let text = "鍛戒护\n文件\n";
        let other = "文件\n鍛戒护\n";
        let nothing: [std::ops::Range<usize>; 0] = [];
        let shared = Shared::screened(text, Screen::Within(&nothing));
        // Told that no line can stop the first pass, it scans none of `text`...
        assert!(shared.suspicious_lines(text).is_empty());
        // ...and all of another text.
        assert_eq!(shared.suspicious_lines(other), vec![7..16]);
    }
}
