//! Property tests for every stage, over generated input: the invariants the fuzz targets
//! check (shared with them through `fuzz/src/invariants.rs`, so an input found by one
//! replays in the other) plus those that need structured input:
//!
//! * `--to keep` returns clean UTF-8 (real sentences from the fixtures, any non-Han text)
//!   byte for byte;
//! * fixing the output again changes nothing, for clean, garbled and arbitrary input;
//! * conversion never changes text without Han characters;
//! * every stage keeps each line ending (LF, CRLF or a lone CR) in place, so the line
//!   count and the line endings of the output are the input's.
//!
//! Case counts are modest so the suite stays fast in a debug build; the fuzz campaign
//! (tests/FUZZING.md) is where volume comes from.

#[path = "../fuzz/src/invariants.rs"]
#[allow(dead_code)]
mod invariants;

mod common;
use encoding_rs::{Encoding, BIG5, GBK, UTF_16LE};
use invariants::{
    as_decoded, charset, check_convert, check_decode, check_detect, check_fixer, check_pipeline,
    check_repairer, detection_as, options, pipeline,
};
use proptest::prelude::*;
use std::sync::OnceLock;
use zhfix::convert::{self, Config, Engine};
use zhfix::repair::{Context, Repairer};
use zhfix::{Error, Pipeline};

/// Real clean lines: the mojibake fixture's sentences, the seed fixtures' expected
/// outputs and the OpenCC oracle's inputs (Simplified, Traditional, Taiwan, Hong Kong and
/// Japanese text).
fn sentences() -> &'static [String] {
    static ALL: OnceLock<Vec<String>> = OnceLock::new();
    ALL.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let read = |p: &str| std::fs::read_to_string(format!("{dir}/{p}")).unwrap();
        let mut v: Vec<String> = read("mojibake/sentences.txt")
            .lines()
            .map(str::to_owned)
            .collect();
        for p in ["seed/000_expected.txt", "seed/002_expected.txt"] {
            v.extend(read(p).lines().map(str::to_owned));
        }
        for line in read("convert/oracle.jsonl").lines() {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            let input = record["input"].as_str().unwrap();
            v.extend(input.lines().map(str::to_owned));
        }
        v.retain(|s| !s.trim().is_empty());
        v.sort();
        v.dedup();
        v
    })
}

/// One line of text with no line break: a real sentence or any non-Han characters.
fn line() -> impl Strategy<Value = String> {
    let n = sentences().len();
    prop_oneof![
        3 => (0..n).prop_map(|i| sentences()[i].clone()),
        1 => non_han_line(),
    ]
}

/// Any characters except Han and line breaks.
fn non_han_line() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        any::<char>().prop_filter("no Han, no line break", |&c| {
            !zhfix::model::is_han(c) && !matches!(c, '\n' | '\r')
        }),
        0..40,
    )
    .prop_map(|v| v.into_iter().collect())
}

fn ending() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("\n"), Just("\r\n"), Just("\r")]
}

/// Up to four lines, each ended by LF, CRLF or a lone CR (the last one maybe by nothing).
fn document(line: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    (
        proptest::collection::vec((line, ending()), 1..5),
        any::<bool>(),
    )
        .prop_map(|(lines, open_end)| {
            let mut doc = String::new();
            let last = lines.len() - 1;
            for (i, (l, e)) in lines.into_iter().enumerate() {
                doc.push_str(&l);
                if !(open_end && i == last) {
                    doc.push_str(e);
                }
            }
            doc
        })
}

/// The line endings of `s`, in order: what must survive every stage.
fn line_endings(s: &str) -> Vec<&'static str> {
    let b = s.as_bytes();
    let mut v = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => {
                v.push("\r\n");
                i += 1;
            }
            b'\r' => v.push("\r"),
            b'\n' => v.push("\n"),
            _ => {}
        }
        i += 1;
    }
    v
}

/// `text` in `enc`, or `None` if some character has no encoding there.
fn encoded(text: &str, enc: &'static Encoding) -> Option<Vec<u8>> {
    if enc == UTF_16LE {
        return Some(text.encode_utf16().flat_map(u16::to_le_bytes).collect());
    }
    let (bytes, _, unmappable) = enc.encode(text);
    (!unmappable).then(|| bytes.into_owned())
}

/// The ways real files reach zhfix: clean UTF-8, a legacy encoding, UTF-16, or UTF-8
/// bytes that some tool decoded as GBK or Big5 and saved again as UTF-8 (mojibake).
#[derive(Debug, Clone, Copy)]
enum Damage {
    None,
    Gbk,
    Big5,
    Utf16,
    Utf8AsGbk,
    Utf8AsBig5,
}

/// Weighted so the slow case (Big5 mojibake takes seconds a line in a debug build) is rare.
fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        3 => Just(Damage::None),
        2 => Just(Damage::Gbk),
        1 => Just(Damage::Big5),
        1 => Just(Damage::Utf16),
        2 => Just(Damage::Utf8AsGbk),
        1 => Just(Damage::Utf8AsBig5),
    ]
}

/// `doc` as the bytes of a file damaged that way; `None` if it cannot be.
fn damaged(doc: &str, how: Damage) -> Option<Vec<u8>> {
    let misread = |enc: &'static Encoding| {
        let (text, _) = enc.decode_without_bom_handling(doc.as_bytes());
        Some(text.into_owned().into_bytes())
    };
    match how {
        Damage::None => Some(doc.as_bytes().to_vec()),
        Damage::Gbk => encoded(doc, GBK),
        Damage::Big5 => encoded(doc, BIG5),
        Damage::Utf16 => encoded(doc, UTF_16LE),
        Damage::Utf8AsGbk => misread(GBK),
        Damage::Utf8AsBig5 => misread(BIG5),
    }
}

fn keep() -> &'static Pipeline {
    pipeline(0).0
}

proptest! {
    #![proptest_config(common::proptest_config(48))]

    /// Arbitrary bytes through detection, decoding as each charset, each fixer, the repair
    /// chain and the whole pipeline: no panic, and the shared invariants hold.
    #[test]
    fn arbitrary_bytes_keep_every_invariant(
        data in proptest::collection::vec(any::<u8>(), 0..300),
        pick in any::<u8>(),
    ) {
        check_detect(&data);
        check_decode(&data, &detection_as(charset(pick), &data));
        let opts = options(pick);
        check_fixer(&zhfix::repair::mojibake::Mojibake, &data, &opts);
        check_fixer(&zhfix::repair::misalign::Misalign::default(), &data, &opts);
        check_fixer(&zhfix::repair::annotation::Annotations, &data, &opts);
        check_repairer(&data, &opts);
        let (p, target) = pipeline(pick);
        check_pipeline(p, target, &data);
    }

}

proptest! {
    #![proptest_config(common::proptest_config(128))]

    /// Clean UTF-8 under `--to keep` comes back byte for byte, whatever its line endings.
    #[test]
    fn keep_returns_clean_text_unchanged(doc in document(line())) {
        // A byte-order mark opening a file is not text: the library drops it (the CLI
        // writes one again with --bom). Anywhere else U+FEFF is text and is kept.
        let text = doc.strip_prefix('\u{FEFF}').unwrap_or(&doc);
        match keep().fix_bytes(doc.as_bytes()) {
            Ok(fixed) => {
                prop_assert_eq!(&fixed.text, text, "repairs: {:?}", fixed.report.repairs);
                prop_assert_eq!(fixed.report.status.as_str(), if text == doc { "unchanged" } else { "changed" });
            }
            // Skipped as not text (control characters): left alone all the same.
            Err(Error::Binary(_)) => {}
            Err(e) => prop_assert!(false, "{e}"),
        }
    }

    /// The pipeline's quick choice of configuration (`s` and `t` stop at the first
    /// character of the other script) is the one the full count of evidence makes.
    #[test]
    fn the_quick_configuration_choice_is_the_counted_one(doc in document(line())) {
        for target in convert::Target::ALL {
            prop_assert_eq!(
                target.config_for_text(&doc),
                target.config_for(&convert::evidence(&doc)),
                "{:?}", target
            );
        }
    }

    /// No OpenCC configuration changes text without Han characters.
    #[test]
    fn conversion_never_changes_non_han_text(doc in document(non_han_line()), c in 0..Config::ALL.len()) {
        check_convert(Config::ALL[c], &doc);
        let conv = convert::load(Engine::Native, Config::ALL[c]).unwrap();
        prop_assert_eq!(conv.convert(&doc), doc);
    }
}

proptest! {
    #![proptest_config(common::proptest_config(40))]

    /// Fixing the output of any target again changes nothing, on clean, legacy-encoded and
    /// garbled documents.
    #[test]
    fn fixing_twice_changes_nothing(doc in document(line()), how in damage(), pick in any::<u8>()) {
        let Some(bytes) = damaged(&doc, how) else { return Ok(()) };
        let (p, target) = pipeline(pick);
        check_pipeline(p, target, &bytes);
    }

    /// Decoding, repair, conversion and the whole pipeline keep every line ending where
    /// it was, however the document was encoded or damaged.
    #[test]
    fn every_stage_keeps_line_endings(
        doc in document(line()),
        how in damage(),
        c in 0..Config::ALL.len(),
        pick in any::<u8>(),
    ) {
        let Some(bytes) = damaged(&doc, how) else { return Ok(()) };
        let want = line_endings(&doc);
        let (p, target) = pipeline(pick);
        let fixed = match p.fix_bytes(&bytes) {
            Ok(f) => f,
            Err(Error::Binary(_)) => return Ok(()),
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        let decoded = zhfix::decode::decode(&bytes, &fixed.detection).text;
        prop_assert_eq!(line_endings(&decoded), want.clone(), "decoded {:?}", decoded);
        prop_assert_eq!(
            line_endings(&fixed.text), want.clone(),
            "{:?} to {:?}: {:?}", decoded, target, fixed.text
        );

        let (text, enc) = as_decoded(&bytes);
        let opts = options(pick);
        let ctx = Context { raw: Some(&bytes), encoding: enc, options: &opts };
        let repaired = Repairer::standard().run(&text, &ctx).text;
        prop_assert_eq!(line_endings(&repaired), line_endings(&text), "repair of {:?}", text);

        let conv = convert::load(Engine::Native, Config::ALL[c]).unwrap();
        let converted = conv.convert(&doc);
        prop_assert_eq!(line_endings(&converted), want, "{} of {:?}", Config::ALL[c], doc);
    }
}

#[test]
fn generated_documents_have_every_line_ending() {
    assert_eq!(
        line_endings("a\r\nb\rc\n\r\r\n"),
        ["\r\n", "\r", "\n", "\r", "\r\n"]
    );
    assert!(sentences().len() > 100, "{}", sentences().len());
}

#[test]
fn fixers_are_the_standard_chain() {
    // The fixers checked one by one above are the ones the pipeline runs (plus
    // fullwidth-punct, which is off by default and changes only punctuation).
    assert_eq!(
        Repairer::standard().names(),
        ["mojibake", "misalign", "annotations", "fullwidth-punct"]
    );
}

/// Generated input almost never declares an encoding, so the declaration rewrite's
/// invariant (`check_relabel`, inside `check_pipeline`) also runs on a page that has one
/// to rewrite, under every pipeline.
#[test]
fn pipeline_invariants_hold_on_a_declared_page() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/detect/");
    let bytes = std::fs::read(format!("{dir}declared-big5.bin")).unwrap();
    for pick in 0..32 {
        let (p, target) = pipeline(pick);
        check_pipeline(p, target, &bytes);
    }
    let fixed = keep().fix_bytes(&bytes).unwrap();
    let relabelled = zhfix::io::declaration::relabel(
        &fixed.text,
        fixed.detection.charset,
        zhfix::io::encode::OutputEncoding::Utf8,
    );
    assert_eq!(relabelled.map(|(_, c)| c.after), Some("utf-8".to_string()));
}
