//! Inputs the fuzz campaign and the property tests found (tests/FUZZING.md), each
//! minimised and replayed through the same invariant check that caught it, so a fix is
//! proven and the bug cannot come back. The first byte of a fuzz input picks the options,
//! as in `fuzz/fuzz_targets/*.rs`.

#[path = "../fuzz/src/invariants.rs"]
#[allow(dead_code)]
mod invariants;

use invariants::{check_fixer, check_pipeline, check_repairer, options, pipeline};
use zhfix::convert::Target;

/// fix_misalign, minimised: "?à)??\n" became "?à)一\n\n", a line break invented.
#[test]
fn misalign_never_invents_a_line_break() {
    check_fixer(
        &zhfix::repair::misalign::Misalign::default(),
        b"?\xC3\xA0)??\n",
        &options(115),
    );
}

/// fix_mojibake, minimised: bytes read as GB18030 ("寐柯� ��") are repaired as GBK read
/// as Big5 to "碖琠€ 人", which a second run repairs again to "揆讴ａ 人".
#[test]
fn mojibake_repair_is_idempotent_on_a_damaged_gbk_line() {
    check_fixer(
        &zhfix::repair::mojibake::Mojibake,
        &[195, 194, 191, 194, 165, 32, 255, 194],
        &options(183),
    );
}

/// pipeline (a seed from the fixtures): `--to jp` turns 總覽 into 総覧, which the next run
/// takes for GBK read as Big5 and "repairs" to 檂復.
#[test]
fn japanese_output_is_not_taken_for_mojibake() {
    let (p, target) = pipeline(62);
    assert_eq!(target, Target::Jp);
    check_pipeline(p, target, "總覽 SYNOPSIS".as_bytes());
}

/// props::fixing_twice_changes_nothing: `--to t` gives 鄰里 for 邻里 (an OpenCC phrase),
/// and a second `--to t` turned the 里 of the now Traditional 鄰里 into 裏 (OpenCC's s2t
/// does, run again; `--to t` converts text already Traditional no further).
#[test]
fn converting_to_traditional_twice_changes_nothing() {
    let (once, again) = twice(
        6,
        Target::T,
        "这里有一公里，心里想着，里面很暖和，邻里之间，故里。\n",
    );
    assert_eq!(
        once,
        "這裏有一公里，心裏想着，裏面很暖和，鄰里之間，故里。\n"
    );
    assert_eq!(again, once);
}

/// pipeline cb054c17 (a seed from the fixtures): OpenCC's t2s keeps 於 in 於單 (a name, in
/// its phrase table) and turns 於 into 于 elsewhere, so its output 作用於单元 converts again
/// to 作用于单元. zhfix agrees with OpenCC both times; only repair must leave the output
/// alone (tests/FUZZING.md, "Idempotence").
#[test]
fn simplified_output_converts_again_where_opencc_does() {
    let (once, again) = twice(0x57, Target::S, "該命令僅作用於單元名稱");
    assert_eq!(once, "该命令仅作用於单元名称");
    assert_eq!(again, "该命令仅作用于单元名称");
}

/// props::fixing_twice_changes_nothing, shrunk: UTF-8 read as Big5, then `--to s`. The
/// first run repairs some segments and converts the rest of the garble with t2s; the
/// second run took two of the converted garbled stretches for Big5 read as GBK. Lines whose
/// converted form the repair would read again now stay unconverted (the output, pinned in
/// the fixture, keeps those lines' Traditional-looking garble). The text cannot be
/// recovered, and which pieces of it read as something changes with the hole filling
/// (a piece whose Latin letters were guesses is U+FFFD since those letters are no longer
/// guessed, and stopped vetoing the pieces read as GBK; or since holes GBK and Big5 leave
/// unfilled are read in step, and the windows after them start in step); what this
/// guards is the second run.
#[test]
fn converted_garble_is_not_repaired_on_a_second_run() {
    assert_eq!(
        piped(
            150,
            Target::S,
            include_bytes!("fixtures/regressions/utf8_as_big5_then_t2s.bin")
        ),
        include_str!("fixtures/regressions/utf8_as_big5_then_t2s.s.txt")
    );
}

/// pipeline 0696677d, minimised: GBK bytes `E6 98`, sixteen `B4`, `AF` decode to
/// `鏄创创创创创创创创�`, garble no reading improves. `--to twp` made it `鏄創創…`, which
/// the next run read twice as GBK-as-Big5 (`鮡┯┯┯`), so the garble was left unconverted.
/// Box drawing that tables never use (┯) now costs what it is worth, no run reads the
/// converted garble again, and the conversion stands (`check_pipeline` runs it twice).
#[test]
fn garble_is_not_converted_into_new_mojibake() {
    let mut data = vec![0xE6, 0x98];
    data.extend([0xB4; 16]);
    data.push(0xAF);
    assert_eq!(piped(12, Target::Twp, &data), "鏄創創創創創創創創\u{FFFD}");
}

/// pipeline ba2c9185, minimised: `--to hk` turned the 鸿 of this garble into 鴻, and the
/// next run read the line as GBK-as-Big5 with four holes guessed (`浔慿嚷E們…`).
#[test]
fn converted_garble_is_not_read_as_gbk_in_big5() {
    let text = "銆婅\u{FFFD}鸿\u{FFFD}\u{FFFD}銆嬫嘲浼\u{FFFD}";
    assert_eq!(piped(15, Target::Hk, text.as_bytes()), text);
}

/// pipeline 94bb4b35: a GBK-as-CP1252 repair gave `鲁脭脕脣拷p鐙︺彂锟絆`, judged
/// Traditional (脣, 鐙), so `--to tw` used t2tw, which turns 脣 into 唇; the output then
/// counts as Simplified (鲁, 锟) and a second `--to tw` used s2tw. The first run now
/// converts again where its output's verdict picks another configuration. (The garble
/// itself is no longer read as GBK: its rare characters make no word. The text that
/// reading gave still shows the conversion's part.)
#[test]
fn converting_to_tw_settles_the_script_in_one_run() {
    let data = include_bytes!("fixtures/fuzz/pipeline/94bb4b35e2e770c1454cd0366d9072dccdfd6e7d");
    assert_eq!(
        piped(data[0], Target::Tw, &data[1..]),
        "Â³Ã”Ã\u{81}Ã‹¿½pç‹¦ã\u{8f}‘ï¿½O popd Î˜ï¿½\\ï¿½A’Â©Ã†ÃŒÂ¡Â£"
    );
    assert_eq!(
        piped(data[0], Target::Tw, "鲁脭脕脣拷p鐙︺彂锟絆 popd".as_bytes()),
        "魯脭脕唇拷p鐙︺彂錕絆 popd"
    );
}

/// repair 09eeb99a, minimised: with `--fullwidth-punct`, the `,` inside this unrepaired
/// UTF-8-as-GBK garble became `，`, and with it the next run found a whole-line UTF-8
/// reading (避免手巀昜壬儘量線). Lines mojibake still judges garbled keep their ASCII
/// punctuation; the Chinese line above still gets its `，`.
#[test]
fn fullwidth_punctuation_leaves_garble_alone() {
    let text = "會議強調,要提高\n閬垮厤鎵嬪穩鏄滃,鍎橀噺绶\u{FFFD}\n";
    assert_eq!(
        repaired(text, 9),
        "會議強調，要提高\n閬垮厤鎵嬪穩鏄滃,鍎橀噺绶\u{FFFD}\n"
    );
}

/// pipeline b82fcc87, 9c54c5db, 952409ec, minimised: mojibake runs before the annotation
/// fixer, so the first run saw `categor�總(zǒng)覽(lǎn)` and the second, after the
/// annotations were stripped, `categor�總覽`, which it read as GBK-as-Big5 with the hole
/// guessed. The chain now repeats until a round changes nothing, so the first run reaches
/// the second's verdict: since two GBK pairs that put a fullwidth letter against a Latin
/// word are no evidence (mojibake's `accept`), `categor�總覽` as it is, not `categorＡ`凝`.
#[test]
fn the_repair_chain_reaches_its_fixed_point_in_one_run() {
    assert_eq!(
        repaired("categor\u{FFFD}總(zǒng)覽(lǎn) SYNOPSIS\n", 1),
        "categor\u{FFFD}總覽 SYNOPSIS\n"
    );
}

/// The pipeline with options byte `i` (its target asserted) on `data`, after the fuzz
/// check (line breaks kept, a second run changes nothing) has passed on it.
fn piped(i: u8, target: Target, data: &[u8]) -> String {
    let (p, t) = pipeline(i);
    assert_eq!(t, target);
    check_pipeline(p, t, data);
    p.fix_bytes(data).unwrap().text
}

/// The pipeline with options byte `pick` (which must be `target`) on `text`, after the
/// invariant check: its output, and that output run through it again.
fn twice(pick: u8, target: Target, text: &str) -> (String, String) {
    let (p, t) = pipeline(pick);
    assert_eq!(t, target);
    check_pipeline(p, t, text.as_bytes());
    let once = p.fix_bytes(text.as_bytes()).unwrap().text;
    let again = p.fix_bytes(once.as_bytes()).unwrap().text;
    (once, again)
}

/// The standard repair chain with options byte `opts` on `text`, after the fuzz check.
fn repaired(text: &str, opts: u8) -> String {
    check_repairer(text.as_bytes(), &options(opts));
    let opts = options(opts);
    let ctx = zhfix::repair::Context::utf8(text, &opts);
    zhfix::repair::Repairer::standard()
        .run(text, &ctx)
        .text
        .into_owned()
}

/// `fixer` on `text` (as a zhfix run would give it: UTF-8, these bytes), after the fuzz
/// check (line breaks kept, a second run changes nothing) has passed on it.
fn fixed_by(fixer: &dyn zhfix::repair::Fixer, text: &str, opts: u8) -> String {
    check_fixer(fixer, text.as_bytes(), &options(opts));
    let opts = options(opts);
    let ctx = zhfix::repair::Context::utf8(text, &opts);
    fixer.fix(text, &ctx).text.into_owned()
}

/// fix_misalign f895453b, minimised: a misaligned run that ran into the line break after
/// `優先級。` lost that byte with the trail of 級; the repair used to put the line break
/// back, so the line count changed. The byte is counted lost instead (the `?` before 如
/// is a lost character, guessed by the model).
#[test]
fn misalign_does_not_restore_a_swallowed_line_break() {
    let text = "輸(shū)出,行號(hào)大的優(yōu)先?qǔ)?如果沒(méi)有指定文件\n";
    assert_eq!(
        fixed_by(&zhfix::repair::misalign::Misalign::default(), text, 0),
        "輸出,行號大的優先,如果沒有指定文件\n"
    );
}

/// fix_mojibake 5960d70b: UTF-8 read as Latin-1, cut inside the last character. The cut
/// piece has no strict UTF-8 reading and was taken as GBK read as Latin-1 (锛堜慨…), and
/// the whole line followed that document chain, so a second run peeled the first piece
/// again. A line now follows the document only to a stable reading: the UTF-8 part is
/// recovered and the cut character stays U+FFFD.
#[test]
fn a_line_cut_inside_utf8_does_not_follow_a_wrong_chain() {
    let text = "ï¼\u{89}ã\u{80}\u{81}POSTROUTING ï¼\u{88}ä¿®æ\u{94}¹å\u{87}\u{86}å¤\u{87}å\u{87}ºå\u{8e}»ç\u{9a}\u{84}å\u{8c}";
    assert_eq!(
        fixed_by(&zhfix::repair::mojibake::Mojibake, text, 0),
        "）、POSTROUTING （修改准备出去的\u{FFFD}\u{FFFD}"
    );
}

/// fix_mojibake 12eb1891 (ninth round; last round's build fails it too): random bytes,
/// GBK-read. The piece before the space read as GBK-as-Latin-1-then-UTF-8-as-GBK
/// (困困赂陆娄陆), stable alone, but the line it made read as a whole as Big5-as-GBK on a
/// second run (嬪嬪繡翻礎翻 SYNOPSぷ). Pieces whose line a second run would read again
/// are dropped: the line is left as it is.
#[test]
fn pieces_that_make_an_unstable_line_are_dropped() {
    let text = "脌搂脌搂脗赂脗陆脗娄脗陆 SYNOPS荿";
    assert_eq!(fixed_by(&zhfix::repair::mojibake::Mojibake, text, 0), text);
}

/// fix_mojibake 7ae254b4: 锟斤拷 text (GBK read as UTF-8, then as GBK). Each line follows the
/// document's UTF-8-as-GBK chain back to the U+FFFD it was; a second run read pieces of
/// that as Big5 (`��Щ����` → `王宏����`), a reading made of guesses, now refused. (The
/// `锟�` of `偶锟�` is a U+FFFD cut short, `EF BF` and a lost `BD`: once guessed as `￥`.)
#[test]
fn replacement_garble_is_read_once() {
    let text = "锟斤拷些锟斤拷锟斤拷 锟斤拷锟斤拷 shift 锟斤拷 锟斤拷 锟斤拷锟斤拷, 锟斤拷偶锟� 时, 锟斤拷锟斤拷 锟斤拷锟斤拷 小锟节猴拷 锟斤拷 锟斤拷锟节猴拷.\n";
    assert_eq!(
        fixed_by(&zhfix::repair::mojibake::Mojibake, text, 0),
        "��Щ���� ���� shift �� �� ����, ��ż� ʱ, ���� ���� С�ں� �� ���ں�.\n"
    );
}

/// repair 0ab81bd0: with --fullwidth-punct, `(階段),` became `（階段）,` and the next run
/// converted the `,` after the new `）`.
#[test]
fn fullwidth_punctuation_is_folded_in_one_run() {
    let text = "staging\"(階段),\nproduction\"(生產)\n";
    assert_eq!(
        fixed_by(&zhfix::repair::fullwidth_punct::FullwidthPunct, text, 8),
        "staging\"（階段），\nproduction\"（生產）\n"
    );
}

/// pipeline 11cf6e03: OpenCC's s2twp is not idempotent (文档 → 文件 by the Taiwan phrase
/// table; a second s2twp turns 文件 into 檔案), and zhfix must agree with OpenCC, so only
/// repair must leave the output alone (tests/FUZZING.md, "Idempotence").
#[test]
fn twp_output_is_repaired_by_nothing() {
    let (once, again) = twice(12, Target::Twp, "放置本地文档。");
    assert_eq!(once, "放置本地文件。");
    assert_eq!(again, "放置本地檔案。");
}

/// fix_misalign 766a86ac, shortened: the document model learnt its bigrams from the text
/// with its annotations in it (`賬(zhàng)戶`), the second run from the stripped text
/// (`賬戶`), so only the second run could afford to guess 賬 for `?~`. Annotations are now
/// left out of what the model learns, so both runs see the same document.
#[test]
fn the_document_model_reads_past_annotations() {
    let text = "安(ān)全(quán)用戶(hù)賬(zhàng)戶(hù)信(shēn)息(xī)。\n組(zǔ)賬(zhàng)戶(hù)信(shēn)息(xī)。\n安(ān)全(quán)組(zǔ)?~(z@hàng)戶(hù)信(sh?)息P(xī)。\n";
    assert_eq!(
        fixed_by(&zhfix::repair::misalign::Misalign::default(), text, 91),
        "安全用戶賬戶信息。\n組賬戶信息。\n安全組賬(z@hàng)戶信息P(xī)。\n"
    );
}

/// pipeline 80edeb19: a mojibake fixer that skipped text decoded from Shift_JIS (tried and
/// reverted in the thirteenth round) left these bytes as Shift_JIS reads them, and the
/// second run, on its UTF-8 output, repaired them. What a repair decides must follow from
/// the text, not from the encoding it came in.
#[test]
fn text_from_shift_jis_is_repaired_as_its_utf8_output_would_be() {
    let data = b"\x9f\x28\x21\xe8\xa7\x81\xa5\x90\xde\x29";
    let (p, target) = pipeline(data[0]);
    check_pipeline(p, target, &data[1..]);
}

/// Pipeline fuzz cf84f8b2 (on 1f67ec3; last round's build fails it too): a UTF-16BE file
/// holding U+0000 U+0007 comes out as the bytes `00 07`, which a second run read as
/// UTF-16BE (a NUL on the even side) and so as U+0007 alone. A reading that is nothing
/// but control characters is not text; the second run skips the output as binary.
#[test]
fn utf16_of_controls_alone_is_not_text() {
    let data = b"\xca\xfe\xff\x00\x00\x00\x07";
    let (p, target) = pipeline(data[0]);
    check_pipeline(p, target, &data[1..]);
}
