//! Keep an output's encoding declaration true.
//!
//! A GBK web page says so (`<meta charset="gb2312">`), and so do XML files
//! (`encoding="big5"`) and source files (`# -*- coding: gbk -*-`). Once zhfix writes such a
//! file in UTF-8, the old declaration is a lie that browsers, XML parsers and Python
//! believe: they read the UTF-8 bytes as GBK, and the result is exactly the mojibake zhfix
//! exists to undo (`涓枃`). So when the output's encoding is not the input's, the label
//! is rewritten to name the output's, as `xmllint --encode` rewrites an XML declaration.
//!
//! The output is searched the way its readers search it ([`declared::label_range`]: an
//! XML declaration at the start, a `<meta>` in the first 1024 bytes, a cookie on the first
//! two lines), and only the label's bytes change. Nothing is rewritten when the input
//! already was in the output's encoding: a UTF-8 page that wrongly declares GBK is clean
//! text, which zhfix never touches unless asked to convert; nor when the label already
//! names the output's encoding.

use super::encode::OutputEncoding;
use crate::detect::{declared, label, Charset};
use crate::repair::Change;

/// `text` (the start of an output written in `output`, from an input in `input`) with its
/// declaration naming `output`, and the change; `None` when nothing needs rewriting.
pub fn relabel(text: &str, input: Charset, output: OutputEncoding) -> Option<(String, Change)> {
    if output.writes(input) {
        return None;
    }
    let range = declared::label_range(text.as_bytes())?;
    let old = &text[range.clone()];
    if names(old, output) {
        return None;
    }
    // An Emacs end-of-line suffix (`gbk-dos`) names the line endings, which stay.
    let (base, eol) = label::split_eol(old);
    let new = spelled_like(base, label_of(output)) + eol;
    let mut out = String::with_capacity(text.len() + new.len());
    out.push_str(&text[..range.start]);
    out.push_str(&new);
    out.push_str(&text[range.end..]);
    let change = Change {
        fixer: "declaration",
        kind: "declaration".into(),
        offset: range.start,
        before: old.to_string(),
        after: new,
        why: format!(
            "the output is {}, not what the input declared",
            output.name()
        ),
        guessed: 0,
        lost: 0,
    };
    Some((out, change))
}

/// Does `label` name `output`? Labels resolve as for `--output-encoding`
/// ([`OutputEncoding::for_label`]); a document in UTF-16 declares "UTF-16" whichever its
/// byte order (the byte-order mark says which).
fn names(label: &str, output: OutputEncoding) -> bool {
    let utf16 = |o| matches!(o, OutputEncoding::Utf16Le | OutputEncoding::Utf16Be);
    match OutputEncoding::for_label(label) {
        Ok(named) => named == output || (utf16(named) && utf16(output)),
        Err(_) => false,
    }
}

/// The label a declaration gives `output`: its preferred name.
fn label_of(output: OutputEncoding) -> &'static str {
    match output {
        OutputEncoding::Utf16Le | OutputEncoding::Utf16Be => "UTF-16",
        other => other.name(),
    }
}

/// `label` in the case of `like`: all lower case if `like` has no capital, else as it is.
fn spelled_like(like: &str, label: &str) -> String {
    if like.bytes().any(|b| b.is_ascii_uppercase()) {
        label.to_string()
    } else {
        label.to_ascii_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, GB18030, GBK, UTF_8};

    const GB: Charset = Charset::Standard(GB18030);

    fn relabelled(text: &str, input: Charset, output: OutputEncoding) -> Option<String> {
        relabel(text, input, output).map(|(t, _)| t)
    }

    #[test]
    fn each_kind_of_declaration_is_rewritten() {
        let utf8 = OutputEncoding::Utf8;
        assert_eq!(
            relabelled(
                "<?xml version=\"1.0\" encoding=\"GB2312\"?>\n<a>中文</a>\n",
                GB,
                utf8
            )
            .as_deref(),
            Some("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>中文</a>\n")
        );
        assert_eq!(
            relabelled(
                "<html><head><meta charset=\"gb2312\"><title>中文</title>",
                GB,
                utf8
            )
            .as_deref(),
            Some("<html><head><meta charset=\"utf-8\"><title>中文</title>")
        );
        assert_eq!(
            relabelled(
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\">\n繁體",
                Charset::Standard(BIG5),
                utf8
            )
            .as_deref(),
            Some("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n繁體")
        );
        assert_eq!(
            relabelled(
                "#!/usr/bin/env python\n# -*- coding: gbk -*-\nprint('中文')\n",
                GB,
                utf8
            )
            .as_deref(),
            Some("#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nprint('中文')\n")
        );
    }

    #[test]
    fn an_emacs_line_ending_suffix_stays() {
        assert_eq!(
            relabelled(
                "# -*- coding: chinese-gbk-dos -*-\r\n",
                GB,
                OutputEncoding::Utf8
            )
            .as_deref(),
            Some("# -*- coding: utf-8-dos -*-\r\n")
        );
        assert_eq!(
            relabelled("# -*- coding: utf-8-unix -*-\n", GB, OutputEncoding::Utf8),
            None
        );
    }

    #[test]
    fn the_change_says_what_and_where() {
        let (_, c) = relabel("<meta charset=GBK>", GB, OutputEncoding::Utf8).unwrap();
        assert_eq!(
            (c.offset, c.before.as_str(), c.after.as_str()),
            (14, "GBK", "UTF-8")
        );
        assert_eq!(c.why, "the output is UTF-8, not what the input declared");
    }

    #[test]
    fn other_output_encodings_get_their_names() {
        let page = "<meta charset=\"big5\">";
        let big5 = Charset::Standard(BIG5);
        assert_eq!(
            relabelled(page, big5, OutputEncoding::Legacy(GB18030)).as_deref(),
            Some("<meta charset=\"gb18030\">")
        );
        assert_eq!(
            relabelled(page, big5, OutputEncoding::Utf16Le).as_deref(),
            Some("<meta charset=\"utf-16\">")
        );
        assert_eq!(
            relabelled(page, big5, OutputEncoding::Hz).as_deref(),
            Some("<meta charset=\"hz-gb-2312\">")
        );
        // gb2312 is GBK to every reader: GBK output keeps it.
        let gb2312 = "<meta charset=\"gb2312\">";
        assert_eq!(relabelled(gb2312, GB, OutputEncoding::Legacy(GBK)), None);
    }

    #[test]
    fn nothing_changes_without_a_change_of_encoding_or_a_wrong_label() {
        // Clean UTF-8 with a stale declaration is left alone (no conversion was asked for).
        let stale = "<meta charset=\"gb2312\">中文";
        assert_eq!(
            relabelled(stale, Charset::Standard(UTF_8), OutputEncoding::Utf8),
            None
        );
        // Nor is a file written back in its own encoding.
        assert_eq!(relabelled(stale, GB, OutputEncoding::Legacy(GB18030)), None);
        // A GBK file that already declares UTF-8 (wrongly) is right once written as UTF-8.
        assert_eq!(
            relabelled("<meta charset=\"utf-8\">", GB, OutputEncoding::Utf8),
            None
        );
        // No declaration, or one beyond where readers look.
        assert_eq!(relabelled("中文\n", GB, OutputEncoding::Utf8), None);
        let late = format!("{}<meta charset=gbk>", " ".repeat(declared::PRESCAN));
        assert_eq!(relabelled(&late, GB, OutputEncoding::Utf8), None);
    }
}
