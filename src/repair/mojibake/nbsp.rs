//! UTF-8's no-break space read as GBK: `C2 A0` is 聽 in GBK, a real character (listen),
//! so a line that held nothing else non-ASCII (`聽聽聽 $ cvs co module1`, `10.7.7.聽CVS`)
//! looks clean to the pre-filter and is never searched.
//!
//! Such a 聽 is told from the real one by its company: a real 聽 is written inside
//! Chinese text (聽說, 聆聽, `你聽，`) or alone as a word (`聽 (listen)`, `聽(tīng)`),
//! while no-break spaces sit between ASCII, as indent runs (`聽聽聽 $ cvs`) or glued to a
//! section number or word (`10.7.7.聽CVS`). So in a document whose damage is UTF-8 read
//! as GBK (the chain that repaired most of it), a run of 聽 with nothing but ASCII or a
//! line's start or end on either side is read back as no-break spaces when it is two or
//! more long, or touches an ASCII letter, digit or full stop. Only text the mojibake fixer
//! left alone is looked at (the lines it repaired became UTF-8 with their spaces), and
//! only in such a document, so clean text never pays for this pass.

use super::codec::Enc;
use crate::repair::Change;

/// 聽 in GBK is `C2 A0`, UTF-8's U+00A0.
const GBK_NBSP: char = '聽';

/// Append `text[range]` to `out`, each run of 聽 in it that is a run of no-break spaces
/// (see the module documentation; its neighbours are read in `text`) replaced by as many
/// U+00A0, recording each replacement in `changes` (offsets in `text`).
pub fn restore(
    text: &str,
    range: std::ops::Range<usize>,
    out: &mut String,
    changes: &mut Vec<Change>,
) {
    let piece = &text[range.clone()];
    let mut pos = 0;
    while let Some(found) = piece[pos..].find(GBK_NBSP) {
        let start = pos + found;
        let run = piece[start..]
            .chars()
            .take_while(|&c| c == GBK_NBSP)
            .count();
        let end = start + run * GBK_NBSP.len_utf8();
        let (at, to) = (range.start + start, range.start + end);
        out.push_str(&piece[pos..start]);
        if is_space_run(
            run,
            text[..at].chars().next_back(),
            text[to..].chars().next(),
        ) {
            let after = "\u{A0}".repeat(run);
            out.push_str(&after);
            changes.push(Change {
                fixer: "mojibake",
                kind: format!("{}-as-{}", Enc::Utf8.tag(), Enc::Gbk.tag()),
                offset: at,
                before: text[at..to].to_string(),
                after,
                why: format!(
                    "{} bytes read as {} (no-break spaces between ASCII)",
                    Enc::Utf8.name(),
                    Enc::Gbk.name()
                ),
                guessed: 0,
                lost: 0,
            });
        } else {
            out.push_str(&piece[start..end]);
        }
        pos = end;
    }
    out.push_str(&piece[pos..]);
}

/// Is a run of `run` 聽 between `before` and `after` (`None`: the text's start or end)
/// a run of no-break spaces?
fn is_space_run(run: usize, before: Option<char>, after: Option<char>) -> bool {
    let ascii = |c: Option<char>| c.map_or(true, |c| c.is_ascii());
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.');
    ascii(before) && ascii(after) && (run >= 2 || glued(before) || glued(after))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn restored(text: &str) -> (String, usize) {
        let (mut out, mut changes) = (String::new(), Vec::new());
        restore(text, 0..text.len(), &mut out, &mut changes);
        (out, changes.len())
    }

    #[test]
    fn runs_between_ascii_become_no_break_spaces() {
        assert_eq!(
            restored("聽聽聽 $ cvs co\n10.7.7.聽CVS\n"),
            (
                "\u{A0}\u{A0}\u{A0} $ cvs co\n10.7.7.\u{A0}CVS\n".to_string(),
                2
            )
        );
    }

    #[test]
    fn a_real_listen_stays() {
        let text = "聽說他來了\n我們聆聽，\n聽 (listen)\n聽(tīng)\nto listen: 聽\n你聽。聽聽看\n";
        assert_eq!(restored(text), (text.to_string(), 0));
    }
}
