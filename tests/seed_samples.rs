//! The two seed documents: what zhfix exists for (docs/corruption.md).
//!
//! The expected texts were checked by redoing the corruption on them (site table read off
//! the annotations, byte-level replace, code page 936 decoding, width folding; for 000
//! also the stray byte after 危's lead) and getting the inputs back byte for byte.

use zhfix::Pipeline;

fn fix(input: &str) -> zhfix::Fixed {
    Pipeline::builder()
        .build()
        .expect("default pipeline")
        .fix_bytes(input.as_bytes())
        .expect("fix")
}

#[test]
fn seed_002_comes_out_exact() {
    let input = include_str!("fixtures/seed/002_input.txt");
    let expected = include_str!("fixtures/seed/002_expected.txt");
    let fixed = fix(input);
    assert_eq!(fixed.text, expected);
    assert!(fixed
        .text
        .contains("市委書記、市人大常委會主任殷昭舉主持召開有關工作會議"));
    assert_eq!(fixed.report.guessed, 0);
}

/// 000 is exact except the stretch whose bytes a stray byte destroyed
/// (強化危化品、交通運輸: the lead of 危 and the private-use pair `AF C6` are gone).
#[test]
fn seed_000_is_exact_outside_the_lost_stretch() {
    let input = include_str!("fixtures/seed/000_input.txt");
    let expected = include_str!("fixtures/seed/000_expected.txt");
    let fixed = fix(input);
    let (head, tail) = expected.split_once("危化品").expect("stretch in expected");
    assert!(fixed.text.starts_with(head), "{}", &fixed.text[..200]);
    assert!(fixed.text.ends_with(tail));
    let middle = &fixed.text[head.len()..fixed.text.len() - tail.len()];
    // One guessed character per lost lead byte, at most one more for the lost pair.
    assert!((2..=3).contains(&middle.chars().count()), "{middle}");
    // Everything else the misaligned runs held is recovered.
    for clean in [
        "推進城鎮燃氣專項整治,督促燃氣企業加快推進",
        "、交通運輸、建筑施工",
        "重點行業領域專項治理",
    ] {
        assert!(fixed.text.contains(clean), "{clean}");
    }
    let lost: Vec<_> = fixed
        .report
        .repairs
        .iter()
        .filter(|c| c.kind == "lost-bytes")
        .collect();
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert!(lost[0].before.starts_with("?;贰⒔煌ㄟ\\"), "{:?}", lost[0]);
    assert!(lost[0].guessed >= 1);
}

#[test]
fn mark_guesses_brackets_every_guessed_character() {
    let input = include_str!("fixtures/seed/000_input.txt");
    let options = zhfix::repair::RepairOptions {
        mark_guesses: true,
        ..Default::default()
    };
    let fixed = Pipeline::builder()
        .repair_options(options)
        .build()
        .expect("pipeline")
        .fix_bytes(input.as_bytes())
        .expect("fix");
    let marks = fixed.text.matches('〖').count();
    assert_eq!(marks, fixed.report.guessed);
    assert_eq!(marks, fixed.text.matches('〗').count());
    let unmarked: String = fixed.text.replace(['〖', '〗'], "");
    assert_eq!(unmarked, fix(input).text);
}

#[test]
fn keep_mode_leaves_the_seed_alone() {
    let input = include_str!("fixtures/seed/002_input.txt");
    let options = zhfix::repair::RepairOptions {
        annotations: zhfix::repair::AnnotationMode::Keep,
        ..Default::default()
    };
    let fixed = Pipeline::builder()
        .repair_options(options)
        .build()
        .expect("pipeline")
        .fix_bytes(input.as_bytes())
        .expect("fix");
    assert_eq!(fixed.text, input);
}
