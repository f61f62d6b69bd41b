//! Optional (`--fullwidth-punct`): turn folded punctuation back into fullwidth in Chinese
//! context.
//!
//! The corrupting sites folded fullwidth ASCII to ASCII (`，` → `,`), and that is not
//! reversible in general: `,` between two Chinese characters was almost certainly `，`,
//! but `foo(1), bar` was ASCII all along. So this is off by default, and when on it only
//! touches `, ; : ? ! ( )` whose neighbours are Chinese: the character before is Han
//! (or closing CJK punctuation) and the one after is Han, CJK punctuation, a line end or
//! the end of text. An opening parenthesis needs Han after it, a closing one Han before
//! it and a matching opener converted on the same line.
//!
//! Lines the mojibake fixer still judges garbled ([`mojibake::garbled_lines`]) are left
//! alone: their Han characters are misread bytes, not Chinese context, and a `，` put into
//! them changes the bytes the next run's mojibake search reads (`鏄滃,鍎` with `，` has a
//! whole-line UTF-8 reading the ASCII comma blocked), so a second run would repair what
//! the first left.

use super::{mojibake, Change, Context, Fixer, Outcome};
use crate::model::is_han;
use std::borrow::Cow;

#[derive(Debug, Default)]
pub struct FullwidthPunct;

fn fullwidth(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// Han or CJK punctuation (the fullwidth forms and the CJK symbols block).
fn chinese(c: char) -> bool {
    is_han(c) || matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF5E)
}

/// Which characters to convert. A converted character is CJK punctuation, so it can be
/// the Chinese neighbour that converts the next one (`(階段),` → `（階段），`): the
/// decisions are repeated until none changes, so the output is what a second run would
/// leave alone. Conversions only add Chinese neighbours, so this ends; in practice after
/// two or three rounds. Characters marked in `garbled` are never converted.
fn decide(chars: &[(usize, char)], garbled: &[bool]) -> Vec<bool> {
    let mut conv = vec![false; chars.len()];
    let is_chinese = |conv: &[bool], k: usize| {
        chinese(chars[k].1) || (conv[k] && fullwidth(chars[k].1).is_some())
    };
    loop {
        let mut changed = false;
        let mut open_parens = 0usize;
        for (k, &(_, c)) in chars.iter().enumerate() {
            if c == '\n' {
                open_parens = 0;
            }
            let prev = k.checked_sub(1).map(|j| chars[j].1);
            let next = chars.get(k + 1).map(|&(_, n)| n);
            let want = fullwidth(c).is_some()
                && !garbled[k]
                && match c {
                    '(' => next.is_some_and(is_han),
                    ')' => open_parens > 0 && prev.is_some_and(is_han),
                    _ => {
                        k.checked_sub(1).is_some_and(|j| is_chinese(&conv, j))
                            && next.map_or(true, |n| {
                                is_chinese(&conv, k + 1) || n == '\n' || n == '\r'
                            })
                    }
                };
            if want && c == '(' {
                open_parens += 1;
            } else if want && c == ')' {
                open_parens -= 1;
            }
            if want && !conv[k] {
                conv[k] = true;
                changed = true;
            }
        }
        if !changed {
            return conv;
        }
    }
}

/// For each character, whether its offset lies in one of `ranges` (sorted, disjoint).
fn in_ranges(chars: &[(usize, char)], ranges: &[std::ops::Range<usize>]) -> Vec<bool> {
    let mut ranges = ranges.iter().peekable();
    chars
        .iter()
        .map(|&(i, _)| {
            while ranges.next_if(|r| r.end <= i).is_some() {}
            ranges.peek().is_some_and(|r| r.contains(&i))
        })
        .collect()
}

impl Fixer for FullwidthPunct {
    fn name(&self) -> &'static str {
        "fullwidth-punct"
    }

    fn fix<'t>(&self, text: &'t str, ctx: &Context<'_>) -> Outcome<'t> {
        if !ctx.options.fullwidth_punct
            || !text
                .bytes()
                .any(|b| matches!(b, b',' | b';' | b':' | b'?' | b'!' | b'('))
        {
            return Outcome::unchanged(text);
        }
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let garbled = in_ranges(&chars, &mojibake::garbled_lines(text));
        let convert = decide(&chars, &garbled);
        let mut out = String::with_capacity(text.len() + 16);
        let mut changes = Vec::new();
        for (&(i, c), &conv) in chars.iter().zip(&convert) {
            match fullwidth(c).filter(|_| conv) {
                Some(f) => {
                    out.push(f);
                    changes.push(Change {
                        fixer: self.name(),
                        kind: "fullwidth-punct".into(),
                        offset: i,
                        before: c.to_string(),
                        after: f.to_string(),
                        why: "folded punctuation in Chinese context".into(),
                        guessed: 0,
                        lost: 0,
                    });
                }
                None => out.push(c),
            }
        }
        if changes.is_empty() {
            return Outcome::unchanged(text);
        }
        Outcome {
            text: Cow::Owned(out),
            changes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::RepairOptions;

    fn run(text: &str, on: bool) -> String {
        let options = RepairOptions {
            fullwidth_punct: on,
            ..RepairOptions::default()
        };
        let ctx = Context {
            raw: None,
            encoding: encoding_rs::UTF_8,
            options: &options,
        };
        FullwidthPunct.fix(text, &ctx).text.into_owned()
    }

    #[test]
    fn chinese_context_only() {
        assert_eq!(
            run("會議強調,要提高政治站位;堅定(不移)落實!\n", true),
            "會議強調，要提高政治站位；堅定（不移）落實！\n"
        );
        for text in ["foo(1), bar: baz?", "用法: foo(1), bar", "版本 2.73)"] {
            assert_eq!(run(text, true), text);
        }
    }

    #[test]
    fn off_by_default() {
        assert_eq!(run("會議強調,要提高", false), "會議強調,要提高");
    }

    #[test]
    fn a_converted_neighbour_counts_as_chinese() {
        // Found by fuzzing: the `,` after `)` was left for a second run to convert.
        let once = run("staging\"(階段),\n例如:\"XX數據(中心);否則\n", true);
        assert_eq!(once, "staging\"（階段），\n例如:\"XX數據（中心）；否則\n");
        assert_eq!(run(&once, true), once);
    }
}
