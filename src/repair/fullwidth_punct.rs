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

use super::{Change, Context, Fixer, Outcome};
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
        let mut out = String::with_capacity(text.len() + 16);
        let mut changes = Vec::new();
        let mut open_parens = 0usize;
        for (k, &(i, c)) in chars.iter().enumerate() {
            let prev = k.checked_sub(1).map(|j| chars[j].1);
            let next = chars.get(k + 1).map(|&(_, n)| n);
            if c == '\n' {
                open_parens = 0;
            }
            let convert = match c {
                '(' => next.is_some_and(is_han),
                ')' => open_parens > 0 && prev.is_some_and(is_han),
                _ => {
                    prev.is_some_and(chinese)
                        && next.map_or(true, |n| chinese(n) || n == '\n' || n == '\r')
                }
            };
            match fullwidth(c).filter(|_| convert) {
                Some(f) => {
                    if c == '(' {
                        open_parens += 1;
                    } else if c == ')' {
                        open_parens -= 1;
                    }
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
}
