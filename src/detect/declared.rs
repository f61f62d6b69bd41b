//! What encoding does the file say it is in?
//!
//! Web pages, XML files and source files often name their encoding near the top:
//!
//! * an XML declaration at the very start: `<?xml version="1.0" encoding="GB2312"?>`;
//! * an HTML `<meta charset="big5">`, or `<meta http-equiv="Content-Type"
//!   content="text/html; charset=gbk">`, in the first [`PRESCAN`] bytes (the HTML
//!   standard's prescan looks as far);
//! * a coding cookie on one of the first two lines, as Python (PEP 263), Emacs
//!   (`-*- coding: gbk -*-`) and Vim (`fileencoding=big5`) read them.
//!
//! A declaration is a statement by the author, so it weighs more than chardetng's
//! guess on a short text, but it is no proof: pages are copied from templates and saved
//! again in another encoding, so old Chinese pages in GBK often declare ISO-8859-1. The
//! detector therefore only lets it compete ([`super::legacy::choose`]): it tips a close
//! contest, and text that plainly reads better in another encoding wins anyway. It is
//! not consulted at all when the bytes are valid UTF-8 (a page declaring GBK that is
//! valid UTF-8 is UTF-8), nor when it names UTF-8 or UTF-16 (which the bytes are not,
//! by the time anyone asks).

use super::label::{self, Named};
use encoding_rs::{Encoding, GB18030};
use std::ops::Range;

/// How far into the input a `<meta>` declaration is looked for.
pub const PRESCAN: usize = 1024;

/// The encoding `bytes` declares, if it declares one zhfix can decode as a legacy
/// encoding. GB2312 and GBK mean their superset GB18030, as for `--from`.
pub fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let name = std::str::from_utf8(&bytes[label_range(bytes)?]).ok()?;
    let Named::Encoding(enc) = label::resolve(name)? else {
        return None;
    };
    let enc = if enc == encoding_rs::GBK {
        GB18030
    } else {
        enc
    };
    super::legacy::usable(enc).then_some(enc)
}

/// Where `bytes` names its encoding: the byte range of the label in the first
/// declaration found (XML, then `<meta>`, then a coding cookie), whatever it names.
pub fn label_range(bytes: &[u8]) -> Option<Range<usize>> {
    // Labels, tags and attribute names are all case-insensitive.
    let head = bytes[..bytes.len().min(PRESCAN)].to_ascii_lowercase();
    let label = xml(&head)
        .or_else(|| meta(&head))
        .or_else(|| cookie(&head))?;
    // Every finder returns a slice of `head`.
    let start = label.as_ptr() as usize - head.as_ptr() as usize;
    Some(start..start + label.len())
}

/// `encoding="…"` in an XML declaration that opens the input.
fn xml(head: &[u8]) -> Option<&[u8]> {
    let decl = head.strip_prefix(b"<?xml")?;
    let decl = &decl[..find(decl, b"?>")?];
    value_after(decl, b"encoding", Spacing::Attribute)
}

/// `charset=…` inside a `<meta` tag. As in the HTML standard's prescan, a comment
/// (`<!-- <meta charset=big5> -->`, often a template's old declaration) is skipped, and
/// `<meta` must end there (`<metadata>` is another tag).
fn meta(head: &[u8]) -> Option<&[u8]> {
    let mut from = 0;
    loop {
        let rest = &head[from..];
        let tag = find(rest, b"<meta")?;
        if let Some(comment) = find(&rest[..tag], b"<!--") {
            // The `--` of `<!--` may end it too: `<!-->` is an empty comment.
            let body = from + comment + 2;
            from = find(&head[body..], b"-->").map_or(head.len(), |e| body + e + 3);
            continue;
        }
        let start = from + tag + 5;
        let end = find(&head[start..], b">").map_or(head.len(), |e| start + e);
        let ends_name = head
            .get(start)
            .is_some_and(|&b| b.is_ascii_whitespace() || b == b'/');
        if ends_name {
            if let Some(v) = value_after(&head[start..end], b"charset", Spacing::Attribute) {
                return Some(v);
            }
        }
        from = end;
    }
}

/// `coding:` or `coding=` right before an unquoted label, on the first two lines: PEP
/// 263's form, which also finds Emacs's `coding: gbk` and Vim's `fileencoding=gbk` but
/// not `encoding="gbk"` in code or markup.
fn cookie(head: &[u8]) -> Option<&[u8]> {
    head.split(|&b| b == b'\n')
        .take(2)
        .find_map(|line| value_after(line, b"coding", Spacing::Cookie))
}

/// How a key and its value may be written.
#[derive(Clone, Copy, PartialEq)]
enum Spacing {
    /// Spaces around `=` or `:`, and a quote before the value.
    Attribute,
    /// `=` or `:` right after the key, then the value unquoted.
    Cookie,
}

/// The label after the first `key` in `span` that is followed by `=` or `:`.
fn value_after<'a>(span: &'a [u8], key: &[u8], spacing: Spacing) -> Option<&'a [u8]> {
    let attribute = spacing == Spacing::Attribute;
    let mut from = 0;
    while let Some(at) = find(&span[from..], key) {
        let rest = &span[from + at + key.len()..];
        let rest = if attribute { trim_start(rest) } else { rest };
        if let Some(rest) = rest.strip_prefix(b"=").or_else(|| rest.strip_prefix(b":")) {
            let rest = trim_start(rest);
            let quote = attribute && matches!(rest.first(), Some(b'"' | b'\''));
            let rest = &rest[usize::from(quote)..];
            let len = rest
                .iter()
                .take_while(|&&b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
                .count();
            if len > 0 {
                return Some(&rest[..len]);
            }
        }
        from += at + key.len();
    }
    None
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, EUC_KR, WINDOWS_1252};

    fn name(bytes: &[u8]) -> Option<&'static str> {
        declared(bytes).map(|e| e.name())
    }

    #[test]
    fn xml_declaration() {
        assert_eq!(
            name(b"<?xml version=\"1.0\" encoding=\"GB2312\"?>\n<a/>"),
            Some("gb18030")
        );
        assert_eq!(
            name(b"<?xml version='1.0' encoding='big5' ?>"),
            Some("Big5")
        );
        // Only at the very start, and only inside the declaration.
        assert_eq!(name(b"\n<?xml version=\"1.0\" encoding=\"big5\"?>"), None);
        assert_eq!(name(b"<?xml version=\"1.0\"?><a encoding=\"big5\"/>"), None);
    }

    #[test]
    fn html_meta() {
        assert_eq!(declared(b"<html><head><META CHARSET=big5>"), Some(BIG5));
        assert_eq!(
            declared(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\">"),
            Some(EUC_KR)
        );
        // ISO-8859-1 is windows-1252 to every browser.
        assert_eq!(
            declared(b"<meta charset=\"iso-8859-1\" />"),
            Some(WINDOWS_1252)
        );
        // Beyond the prescan, or outside a meta tag, it is not a declaration.
        let mut late = vec![b' '; PRESCAN];
        late.extend_from_slice(b"<meta charset=big5>");
        assert_eq!(declared(&late), None);
        assert_eq!(declared(b"<p>charset=big5</p>"), None);
        assert_eq!(declared(b"<metadata charset=big5>"), None);
    }

    #[test]
    fn a_declaration_in_a_comment_is_no_declaration() {
        let page = b"<!-- <meta charset=gb2312> --><meta charset=big5>";
        assert_eq!(declared(page), Some(BIG5));
        assert_eq!(declared(b"<!-- <meta charset=gb2312> -->"), None);
        assert_eq!(declared(b"<!--><meta charset=big5>"), Some(BIG5));
        assert_eq!(declared(b"<!-- never closed <meta charset=big5>"), None);
    }

    #[test]
    fn coding_cookies() {
        assert_eq!(
            name(b"#!/usr/bin/python\n# -*- coding: gbk -*-\n"),
            Some("gb18030")
        );
        assert_eq!(name(b"/* vim: set fileencoding=big5 : */\n"), Some("Big5"));
        assert_eq!(name(b"line one\nline two\n# coding: big5\n"), None);
        // Emacs's own names for its coding systems, with or without a line-ending suffix,
        // and Python's aliases.
        assert_eq!(
            name(b";; -*- coding: chinese-iso-8bit-dos -*-\n"),
            Some("gb18030")
        );
        assert_eq!(name(b"# -*- coding: cp950 -*-\n"), Some("Big5"));
        // Code that names an encoding is no cookie.
        assert_eq!(name(b"open(f, encoding=\"big5\")\n"), None);
    }

    #[test]
    fn declarations_that_do_not_help() {
        // UTF-8 and UTF-16 (the bytes are not, or nobody would ask), labels encoding_rs
        // does not know, and the "replacement" encoding.
        assert_eq!(name(b"<meta charset=\"utf-8\">"), None);
        assert_eq!(name(b"<?xml version=\"1.0\" encoding=\"UTF-16\"?>"), None);
        assert_eq!(name(b"# coding: klingon\n"), None);
        assert_eq!(name(b"<meta charset=iso-2022-kr>"), None);
        assert_eq!(name(b"<meta charset=>"), None);
    }
}
