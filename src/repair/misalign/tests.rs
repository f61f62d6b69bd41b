//! Exact outputs of the misalignment repair on small corrupted passages, one per
//! mechanism. Each input was made from the clean text the way `docs/corruption.md`
//! describes (GBK bytes, a site table replaced byte-wise, code page 936 decoding, width
//! folding) by `scripts/gen-seed-cases.py`'s functions.

use super::Misalign;
use crate::repair::{Context, Fixer, RepairOptions};

fn fixed(text: &str) -> String {
    let opts = RepairOptions::default();
    Misalign::default()
        .fix(text, &Context::utf8(text, &opts))
        .text
        .into_owned()
}

/// A stray byte after 在's lead byte, inside the run the false match 冊 (們's trail, 在's
/// lead) began: the decoder had read that lead as a trail, so the stray byte came out on
/// its own and the run goes on after it.
#[test]
fn a_run_goes_on_across_a_stray_byte() {
    let clean = "我們在會議上討論了非法的問題,並提出了建議。\n";
    for stray in ['\r', '\t', ' '] {
        let text =
            format!("我們?cè){stray}跁?huì)議(yì)上討論了非法的問題(tí),並提出了建議(yì)。\n");
        assert_eq!(fixed(&text), clean, "{stray:?}");
    }
}

/// A stray line feed inside a run is kept where it is: a fixer never removes a line.
#[test]
fn a_line_feed_inside_a_run_stays() {
    let text = "我們?cè)\n跁?huì)議(yì)上討論了非法的問題(tí),並提出了建議(yì)。\n";
    assert_eq!(
        fixed(text),
        "我們\n在會議上討論了非法的問題,並提出了建議。\n"
    );
}

/// 個 = `82 80`: the false match 總 (每's trail, 個's lead) left `80` at lead position,
/// where code page 936 has no lead, and it took the space after it into the `?`.
#[test]
fn a_trail_80_swallows_the_space_after_it() {
    let text = "請在每?zǒng)?option 後面加上說(shuō)明,這(zhè)個程式會讀(dú)取設(shè)定。\n";
    assert_eq!(
        fixed(text),
        "請在每個 option 後面加上說明,這個程式會讀取設定。\n"
    );
}

/// A stray line feed after 轉's lead byte (`DE 44`) took the lead into a `?` and left its
/// trail `D`: a question mark glued to a letter is the lost lead, not punctuation.
#[test]
fn a_question_mark_glued_to_a_letter_is_a_lost_lead() {
    let text = "預設(shè)情況下,配合 CapLock 能夠反?D Shift 的狀態,這(zhè)個(gè)設(shè)定會影響(xiǎng)所有的字母。\n";
    assert_eq!(
        fixed(text),
        "預設情況下,配合 CapLock 能夠反轉 Shift 的狀態,這個設定會影響所有的字母。\n"
    );
}

/// A literal `??` between spaces: read as a lost character, the byte its trail would have
/// swallowed stands before a space and nothing explains it.
#[test]
fn a_literal_double_question_mark_between_spaces_stays() {
    let text = "不貪婪的定量符 *?  +?  ??  {m}? 匹配與(yǔ)上面相同的可能性,但偏好最小字符數(shù)而不是最大字符數(shù)的匹配(參(cān)見(jiàn) MATCHING 匹配)。\n";
    assert_eq!(
        fixed(text),
        "不貪婪的定量符 *?  +?  ??  {m}? 匹配與上面相同的可能性,但偏好最小字符數而不是最大字符數的匹配(參見 MATCHING 匹配)。\n"
    );
}

/// The false match 挠 (的's trail, 用's lead) began a run that ended on `)`: 戶's trail
/// byte, read as a lead, took it into a `?`. The `(` left open before it says what the
/// lost byte was.
#[test]
fn a_run_that_swallowed_a_closing_paren_gets_it_back() {
    let text =
        "在設(shè)定檔裏可以使用這(zhè)些條(tiáo)目(即包括所指定的?náo)脩?, 以及其他條(tiáo)目。\n";
    assert_eq!(
        fixed(text),
        "在設定檔裏可以使用這些條目(即包括所指定的用戶), 以及其他條目。\n"
    );
}

/// A stray line feed after 名's lead byte (`C3`), and the next pair, 名's trail and 字's
/// lead (`FB D7`), is private-use and was dropped: both of 名's bytes are gone. The
/// document spells 名字空間 elsewhere, so the bridge restores it.
#[test]
fn a_private_use_pair_dropped_right_after_a_stray_byte_is_bridged() {
    let text = "每個(gè)名字空間(jiān)都有自己的變(biàn)量。在這(zhè)個(gè)名字空間(jiān)中定義的命令, 不會影響(xiǎng)全局?挚臻g(jiān)中的同名命令。\n";
    assert_eq!(
        fixed(text),
        "每個名字空間都有自己的變量。在這個名字空間中定義的命令, 不會影響全局名字空間中的同名命令。\n"
    );
}

/// A fuzz input (NULs and control bytes inside a run) whose repair a second run read
/// together with a `?蝹` left beside it and repaired again: the document stays as it is.
#[test]
fn a_repair_that_a_second_run_would_repair_again_is_not_made() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fuzz/fix_misalign/71b23838973828303c83fb758f0208215476dd1e"
    );
    let data = std::fs::read(path).unwrap();
    // The first byte picks the fuzz target's options; this one strips annotations.
    let text = std::str::from_utf8(&data[1..]).unwrap();
    let options = RepairOptions {
        annotations: crate::repair::AnnotationMode::Strip,
        ..RepairOptions::default()
    };
    let out = Misalign::default().fix(text, &Context::utf8(text, &options));
    assert!(out.changes.is_empty());
    assert_eq!(out.text, text);
}

/// The false match 顏 (令's trail, 來's lead) began a run in which 。's trail and 別's
/// lead (`A3 84`) made a private-use pair, dropped: the bridge chooses the mark between
/// 建立 and 別名. The general model prefers `、` there; this document ends its sentences
/// with `。` and never lists with `、`, and for punctuation its habit weighs more.
#[test]
fn a_lost_punctuation_mark_follows_the_documents_habit() {
    let text = "這(zhè)個(gè)命令?yán)斫ⅰe(bié)名可以代替一個(gè)很長的命令,在終端裏輸入別(bié)名就會執行對應的命令,用別(bié)名以前要先在設定檔裏寫好它的定義,然後重新載入設定檔,新的別(bié)名纔會生效,刪除以後不能再用,除非重新定義一次,每個(gè)別(bié)名都有自己的名字,名字不能和已有的命令重複,否則原來的命令會被遮蔽,使用者需要小心選擇名字,最好在名字前面加上一個(gè)固定的前綴,這(zhè)樣就不會和系統裏的其他程式衝突,也方便以後查找和管理所有的別(bié)名。\n";
    assert_eq!(
        fixed(text),
        "這個命令來建立。別名可以代替一個很長的命令,在終端裏輸入別名就會執行對應的命令,用別名以前要先在設定檔裏寫好它的定義,然後重新載入設定檔,新的別名纔會生效,刪除以後不能再用,除非重新定義一次,每個別名都有自己的名字,名字不能和已有的命令重複,否則原來的命令會被遮蔽,使用者需要小心選擇名字,最好在名字前面加上一個固定的前綴,這樣就不會和系統裏的其他程式衝突,也方便以後查找和管理所有的別名。\n"
    );
}

/// A stray line feed after 的's lead byte: only its trail `C4` survives (`膮` = `C4 85`,
/// 參's lead). A dropped private-use pair right after the stray byte could also explain
/// the bytes, with a whole character invented before 的, and the document's `名的` would
/// pick `名`; that bridge keeps none of its first character's bytes and pays for it.
#[test]
fn a_lost_lead_is_not_bridged_with_an_invented_character() {
    let text = "在命令後面可以加上增補(bǔ)?膮?cān)數(shù),這(zhè)些參(cān)數(shù)會傳給目標命令。\n變數(shù)名的長度有限制。這(zhè)是一個(gè)簡單的例子。\n";
    assert_eq!(
        fixed(text),
        "在命令後面可以加上增補的參數,這些參數會傳給目標命令。\n變數名的長度有限制。這是一個簡單的例子。\n"
    );
}

/// `每個“源文件”參數` with 總 (每's trail, 個's lead) and 參 in the table: `80` took `“`'s
/// lead, and the private-use pair (件's trail `FE`, `”`'s lead `A1`) was dropped, so both
/// quotes are guesses for a lost `A1`. The model alone reads `個税` and `件斜`; the `“` the
/// line left open is what makes `A1 B1` its `”`.
#[test]
fn a_lost_closing_quote_closes_the_open_one() {
    let text = "--strip-trailing-slashes 去掉每?zǒng)?霸次募眳?cān)數(shù)尾部的斜槓(gàng)\n";
    assert_eq!(
        fixed(text),
        "--strip-trailing-slashes 去掉每個“源文件”參數尾部的斜槓\n"
    );
}
