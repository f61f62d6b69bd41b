//! Property tests over real sentences: for any stretch T of real Chinese text and every
//! supported confusion that applies to T without loss, fixing the garbled form gives T
//! back exactly, and fixing T itself changes nothing.

mod mojibake_common;

mod common;
use mojibake_common::{fix, sentences, CONFUSIONS};
use proptest::prelude::*;

/// A stretch of at least `min` characters from one of the fixture's sentences.
fn stretch(min: usize) -> impl Strategy<Value = String> {
    let all = sentences();
    (
        0..all.len(),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
    )
        .prop_map(move |(i, a, b)| {
            let chars: Vec<char> = all[i].chars().collect();
            let n = chars.len();
            let len = min.min(n) + b.index(n - min.min(n) + 1);
            let start = a.index(n - len + 1);
            chars[start..start + len].iter().collect()
        })
}

proptest! {
    #![proptest_config(common::proptest_config(96))]

    #[test]
    fn clean_text_is_left_alone(t in stretch(2)) {
        let (out, changes) = fix(&t);
        prop_assert_eq!(&out, &t);
        prop_assert!(changes.is_empty());
    }

    #[test]
    fn every_confusion_is_undone(t in stretch(6)) {
        // With fewer Han characters GBK and Big5 readings are both real text (的 in GBK is
        // 腔 in Big5): no model can tell them apart without more context.
        prop_assume!(t.chars().filter(|&c| zhfix::model::is_han(c)).count() >= 4);
        for (name, garble) in CONFUSIONS {
            let Some(garbled) = garble(&t) else { continue };
            // Known limit: Big5 read as GBK can land wholly in GBK's kana rows (由中文 →
            // パいゅ), which reads as Japanese, and Japanese is never touched.
            let kana = |c: char| ('\u{3040}'..='\u{30FF}').contains(&c);
            if garbled == t || garbled.chars().any(kana) {
                continue;
            }
            let (out, _) = fix(&garbled);
            prop_assert_eq!(&out, &t, "{} of {:?} = {:?}", name, t, garbled);
        }
    }

    #[test]
    fn whole_sentences_in_a_document_are_undone(i in 0..sentences().len()) {
        // A line inside a document of clean lines: the mixed case.
        let t = sentences()[i];
        for (name, garble) in CONFUSIONS {
            let Some(garbled) = garble(t) else { continue };
            let doc = format!("天下乌鸦一般黑。\n{garbled}\nplain ascii\n");
            let (out, _) = fix(&doc);
            prop_assert_eq!(out, format!("天下乌鸦一般黑。\n{t}\nplain ascii\n"), "{}", name);
        }
    }
}
