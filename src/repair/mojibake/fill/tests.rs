use super::*;

/// A window's context with nothing but `open` before it and `at_end`.
fn window(doc: &Document, open: Vec<char>, at_end: bool) -> Around<'_> {
    Around {
        open,
        at_end,
        script: None,
        doc,
        certain: Rc::default(),
        ahead: Vec::new(),
        open_carried: 0,
    }
}

#[test]
fn punctuation_against_spacing() {
    assert_eq!(
        misplaced('「', Some('取'), Some(' '), false),
        MISPLACED_PUNCT
    );
    assert_eq!(misplaced('「', Some('取'), None, true), MISPLACED_PUNCT);
    assert_eq!(misplaced('「', Some('取'), None, false), 0.0);
    assert_eq!(
        misplaced('」', Some(' '), Some('。'), false),
        MISPLACED_PUNCT
    );
    assert_eq!(misplaced('。', Some('取'), Some(' '), true), 0.0);
    assert_eq!(misplaced('、', Some('真'), None, true), MISPLACED_PUNCT);
    assert_eq!(
        misplaced('，', Some('得'), None, true),
        MISPLACED_PUNCT / 2.0
    );
}

#[test]
fn a_script_needs_plain_evidence() {
    assert_eq!(plain_script("这个选项让程序运行"), Some(Script::Simplified));
    assert_eq!(
        plain_script("這個選項讓程式執行"),
        Some(Script::Traditional)
    );
    // Two characters of evidence are not enough; nor is a mix.
    assert_eq!(plain_script("这个中文"), None);
    assert_eq!(plain_script("这个选项 這個選項"), None);
}

#[test]
fn a_segment_is_no_evidence_for_itself() {
    let mut doc = Document::of(Uses::of(["流入流出", "大海"]));
    assert_eq!(bonus(doc.char_uses('流')), DOCUMENT_WEIGHT * 3f32.ln());
    doc.leave_out(Uses::of(["关闭海"]));
    assert_eq!(doc.char_uses('海'), 0.0);
    assert_eq!(doc.char_uses('流'), 2.0);
    doc.leave_out(Uses::of(["流"]));
    assert_eq!(doc.char_uses('流'), 1.0);
    assert_eq!(doc.char_uses('海'), 1.0);
}

#[test]
fn pairs_are_adjacent_han_within_a_piece() {
    let mut uses = Uses::of(["字元或詞，詞", "或"]);
    uses.add("或詞", 0.5);
    uses.add_split("或詞", 0.5, 0.0);
    assert_eq!(uses.pair('或', '詞'), 1.5);
    assert_eq!(uses.char('詞'), 3.0);
    // Not across punctuation, nor from one piece to the next.
    assert_eq!(uses.pair('詞', '詞'), 0.0);
    assert_eq!(uses.pair('詞', '或'), 0.0);
}

#[test]
fn a_pair_the_document_uses_earns_more_than_its_character() {
    let doc = Document::of(Uses::of(["或詞", "詞"]));
    let around = Around::segment("一個字元", &doc);
    assert_eq!(around.vocabulary(Some('一'), '詞'), bonus(2.0));
    assert_eq!(
        around.vocabulary(Some('或'), '詞'),
        bonus(2.0) + PAIR_SHARE * bonus(1.0)
    );
    // The segment's own certain text supplies pairs, not characters.
    let empty = Document::default();
    let around = Around::segment("字元或詞", &empty);
    assert_eq!(around.vocabulary(Some('或'), '詞'), PAIR_SHARE * bonus(1.0));
    assert_eq!(around.vocabulary(None, '詞'), 0.0);
}

#[test]
fn a_closer_may_stand_at_a_hole_with_a_certain_byte() {
    use crate::repair::mojibake::codec::Enc;
    // ” (E2 80 9D) lost its last byte; 」 (E3 80 8D) is whole; two holes alone are
    // no evidence.
    let bytes = b"a\xE2\x80\xFFb\xE3\x80\x8D\xFF\xFF\xFF";
    let found = closers_in(bytes, Enc::Utf8);
    assert!(found.contains(&(1, '”', false)));
    assert!(found.contains(&(5, '」', true)));
    assert!(!found.iter().any(|&(at, _, _)| at >= 8));
    // A certain closer its certain opener claims is matched.
    let found = closers_in("「a」b」".as_bytes(), Enc::Utf8);
    assert_eq!(found, [(4, '」', false), (8, '」', true)]);
}

#[test]
fn an_unclosed_bracket_costs_only_at_the_line_end() {
    let doc = Document::default();
    let open = window(&doc, vec!['《'], true);
    let inside = Around {
        at_end: false,
        ..open.clone()
    };
    let gap = |a: &Around| fill_cost("字经。", a) - fill_cost("字经》", a);
    assert!((gap(&open) - gap(&inside) - UNCLOSED_AT_END).abs() < 1e-3);
}

#[test]
fn a_quotation_a_line_before_opened_may_close_or_stay_open() {
    let doc = Document::default();
    let mut quoting = Document::default();
    quoting.carry(vec!['“']);
    let own = window(&doc, vec!['“'], true);
    let carried = Around {
        open_carried: 1,
        ..window(&quoting, vec!['“'], true)
    };
    let nothing_open = Around {
        open: Vec::new(),
        ..own.clone()
    };
    // The line's own quotation: closing it earns, leaving it open at the end pays.
    let base = |a: &Around| fill_cost("完成。", a);
    let closed = |a: &Around| fill_cost("完成”", a);
    assert!((base(&own) - base(&nothing_open) - UNCLOSED_AT_END).abs() < 1e-3);
    assert!((closed(&nothing_open) - closed(&own) - 2.0 * BRACKET).abs() < 1e-3);
    // The paragraph's: neither, so the closer costs what the text model says.
    assert!((base(&carried) - base(&nothing_open)).abs() < 1e-3);
    assert!((closed(&nothing_open) - closed(&carried) - BRACKET).abs() < 1e-3);
    // A carried opener is still carried after the line's text before the window, unless
    // that text closed it.
    assert_eq!(carried.open_before("他说（"), (vec!['“', '（'], 1));
    assert_eq!(carried.open_before("走吧。”又"), (vec![], 0));
}

/// Below the bound, the cost; at or above it, a floor no higher than the cost and no
/// lower than the bound (what a memo of windows may answer later bounds with).
#[test]
fn a_window_given_up_says_how_far_its_cost_is_at_least() {
    let doc = Document::default();
    let around = window(&doc, Vec::new(), true);
    let text = "命令行参数";
    let cost = fill_cost(text, &around);
    assert_eq!(fill_cost_or_floor(text, &around, f32::INFINITY), Ok(cost));
    assert_eq!(fill_cost_below(text, &around, cost + 1.0), Some(cost));
    match fill_cost_or_floor(text, &around, 1.0) {
        Err(floor) => assert!((1.0..=cost).contains(&floor), "{floor} {cost}"),
        Ok(c) => panic!("not given up: {c}"),
    }
    assert_eq!(fill_cost_below(text, &around, 1.0), None);
}
