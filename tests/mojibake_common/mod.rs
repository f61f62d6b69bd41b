//! Shared helpers for the mojibake tests: make damage the way real tools do, and run the
//! fixer on its own.
#![allow(dead_code)]

use encoding_rs::{Encoding, BIG5, GBK, WINDOWS_1252};
use zhfix::repair::mojibake::Mojibake;
use zhfix::repair::{Change, Context, Fixer, RepairOptions};

/// Run the mojibake fixer alone; the text and its changes.
pub fn fix(text: &str) -> (String, Vec<Change>) {
    let options = RepairOptions::default();
    let ctx = Context {
        raw: None,
        encoding: encoding_rs::UTF_8,
        options: &options,
    };
    let out = Mojibake.fix(text, &ctx);
    (out.text.into_owned(), out.changes)
}

pub fn fixed(text: &str) -> String {
    fix(text).0
}

/// `bytes` read as Latin-1 (every byte one character, 80–9F as C1 controls).
pub fn as_latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// `bytes` read as browsers read windows-1252 (undefined bytes pass through as C1).
pub fn as_cp1252(bytes: &[u8]) -> String {
    WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// `bytes` read strictly as `enc`; `None` when the decoder would have had to replace.
pub fn as_strict(bytes: &[u8], enc: &'static Encoding) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|c| c.into_owned())
}

/// `text` encoded in `enc`; `None` when some character has no encoding there.
pub fn bytes_in(text: &str, enc: &'static Encoding) -> Option<Vec<u8>> {
    let (b, _, unmappable) = enc.encode(text);
    (!unmappable).then(|| b.into_owned())
}

/// Every confusion the fixer supports, by name, as a function from clean text to its
/// garbled form (`None` when the confusion cannot apply to this text losslessly).
pub type Confusion = (&'static str, fn(&str) -> Option<String>);

pub const CONFUSIONS: [Confusion; 10] = [
    ("utf8_as_latin1", |t| Some(as_latin1(t.as_bytes()))),
    ("utf8_as_cp1252", |t| Some(as_cp1252(t.as_bytes()))),
    ("utf8_as_gbk", |t| as_strict(t.as_bytes(), GBK)),
    ("utf8_as_big5", |t| as_strict(t.as_bytes(), BIG5)),
    ("gbk_as_latin1", |t| bytes_in(t, GBK).map(|b| as_latin1(&b))),
    ("gbk_as_cp1252", |t| bytes_in(t, GBK).map(|b| as_cp1252(&b))),
    ("big5_as_gbk", |t| {
        bytes_in(t, BIG5).and_then(|b| as_strict(&b, GBK))
    }),
    ("gbk_as_big5", |t| {
        bytes_in(t, GBK).and_then(|b| as_strict(&b, BIG5))
    }),
    ("double_utf8_latin1", |t| {
        Some(as_latin1(as_latin1(t.as_bytes()).as_bytes()))
    }),
    ("double_utf8_cp1252", |t| {
        Some(as_cp1252(as_cp1252(t.as_bytes()).as_bytes()))
    }),
];

/// The real sentences of the fixture (simplified first, then traditional).
pub fn sentences() -> Vec<&'static str> {
    include_str!("../fixtures/mojibake/sentences.txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect()
}
