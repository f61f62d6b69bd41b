//! Lossy mojibake: a replace-decode left U+FFFD where the wrong decoder rejected a byte;
//! each hole is filled with the byte the model and the line's punctuation and script
//! like best. Each test pins one of the mechanisms that choose (see
//! `src/repair/mojibake/fill.rs`); the inputs are UTF-8 read by Python's `gbk` or
//! `cp1252` decoder with `errors="replace"` (a few Big5 texts read by its `gbk` decoder,
//! and GBK text read by its `big5` decoder).

mod mojibake_common;
use mojibake_common::fixed;

#[test]
fn a_closer_lost_at_the_line_end_closes_the_open_bracket() {
    // 《 is open when the line ends: the lost byte of 》 (E3 80 8B) is 8B, not 。's 82.
    assert_eq!(
        fixed("鎴戜滑璇讳簡銆婁笁瀛楃粡銆\u{FFFD}"),
        "我们读了《三字经》"
    );
}

#[test]
fn an_opener_never_ends_a_line() {
    // 「 after 了 is common in dialogue, but not with nothing after it.
    assert_eq!(
        fixed("杩欎釜鏂囦欢宸茬粡琚\u{FFFD}鍒犻櫎浜嗐\u{FFFD}\u{FFFD}"),
        "这个文件已经被删除了。"
    );
}

#[test]
fn an_enumeration_comma_never_ends_a_line() {
    // 、 (E3 80 81) and 。 (E3 80 82) differ in the lost byte only.
    assert_eq!(
        fixed("绋嬪簭缁撴潫鏃惰繑鍥炵湡銆\u{FFFD}"),
        "程序结束时返回真。"
    );
}

#[test]
fn punctuation_before_a_space_is_no_opener() {
    // 「 before a space and 」 closing it: both lost bytes of 。 read as brackets before.
    assert_eq!(fixed("鍌ㄥ瓨浣跨敤鑰呯殑蹇\u{FFFD}鍙栥\u{FFFD}\u{FFFD} 搴旂敤鍙\u{FFFD}浠ュ湪璇ョ洰褰曚腑鏀剧疆蹇\u{FFFD}鍙栥\u{FFFD}\u{FFFD}"), "储存使用者的快取。 应用可以在该目录中放置快取。");
}

#[test]
fn a_hole_sees_the_guess_after_it() {
    // 被 and 修 each lost bytes; 被 wins only once 修改 is in its window.
    assert_eq!(fixed("閰嶇疆鏂囦欢鍦ㄤ笂娆¤\u{FFFD}诲彇鍚庤\u{FFFD}\u{FFFD}淇\u{FFFD}鏀硅繃鍒欓噸鏂板姞杞姐\u{FFFD}\u{FFFD}"), "配置文件在上次读取后被修改过则重新加载。");
}

#[test]
fn a_simplified_line_gets_no_traditional_guess() {
    // 小 (E5 B0 8F) and 對 (E5 B0 8D) differ in one CP1252-undefined byte.
    assert_eq!(fixed("é€‰é¡¹ä¹‹é—´ç”¨ç©ºæ\u{A0}¼éš”å¼€ï¼Œå°\u{FFFD}æ‹¬å\u{FFFD}·ä¸\u{AD}çš„éƒ¨åˆ†å\u{FFFD}¯ä»¥çœ\u{FFFD}ç•¥ã€‚"), "选项之间用空格隔开，小括号中的部分可以省略。");
}

#[test]
fn a_hole_takes_the_document_s_vocabulary() {
    // 流 (E6 B5 81) lost its last byte; on its own the line reads 清空海 (海 is E6 B5 B7).
    let doc = "標準輸入流和標準輸出流\n每個流都有一個緩衝區\n讀取流中的資料\n";
    assert_eq!(
        fixed(&format!("{doc}娓呯┖娴\u{FFFD}\n")),
        format!("{doc}清空流\n")
    );
}

#[test]
fn a_short_line_takes_the_document_s_script() {
    // On its own, 括号 is too little evidence of Simplified and the line reads 對括号.
    let doc = "这个选项让程序在后台运行\n请参阅下面的说明\n这些参数决定输出的格式\n";
    assert_eq!(
        fixed(&format!("{doc}å°\u{FFFD}æ‹¬å\u{FFFD}·\n")),
        format!("{doc}小括号\n")
    );
}

#[test]
fn a_hole_takes_a_pair_the_document_writes() {
    // 詞 lost a byte; alone the line reads 字元或試. 詞 alone is in the document too,
    // but only the pair 或詞 tips it.
    let doc = "每次讀取一個字元或詞。\n函式傳回字元或詞。\n";
    assert_eq!(
        fixed(&format!(
            "{doc}鍚戞獢妗堝\u{FFFD}\u{FFFD}鍑轰竴鍊嬪瓧鍏冩垨瑭\u{FFFD}\n"
        )),
        format!("{doc}向檔案寫出一個字元或詞\n")
    );
}

#[test]
fn a_repeated_guess_is_no_evidence_for_itself() {
    // 被 and 設 each lost a byte in three lines. Alone each line reads 已經說設定; had
    // the other lines' guessed pairs (經說, 說設) counted, they would have kept it so.
    let clean = "應用程式的資料存放在這個目錄。\n";
    let garbled = "濡傛灉鐠板\u{FFFD}冭畩鏁稿凡缍撹\u{FFFD}\u{FFFD}瑷\u{FFFD}瀹氾紝绋嬪紡灏变娇鐢ㄥ畠銆\u{FFFD}\n\
                   濡傛灉閫欏\u{FFFD}嬬挵澧冭畩鏁稿凡缍撹\u{FFFD}\u{FFFD}瑷\u{FFFD}瀹氾紝灏变笉浣跨敤闋愯ō鍊笺\u{FFFD}\u{FFFD}\n\
                   鐣剁挵澧冭畩鏁稿凡缍撹\u{FFFD}\u{FFFD}瑷\u{FFFD}瀹氭檪锛屼笉瑕佷慨鏀瑰畠銆\u{FFFD}\n";
    assert_eq!(
        fixed(&format!("{clean}{garbled}")),
        format!(
            "{clean}如果環境變數已經被設定，程式就使用它。\n\
             如果這個環境變數已經被設定，就不使用預設值。\n\
             當環境變數已經被設定時，不要修改它。\n"
        )
    );
}

#[test]
fn a_hole_after_a_space_sees_the_words_before_it() {
    // Big5 read by Python's `gbk` decoder: 的 (AA BA) lost both bytes between spaces.
    // A window that began at the hole saw no context and read the commonest lone 相.
    assert_eq!(
        fixed("硂\u{FFFD}\u{FFFD} 祘Α 穦 陪ボ ヘ玡 ヘ魁 い \u{FFFD}\u{FFFD} 郎\u{FFFD}\u{FFFD} \u{FFFD}W嘿"),
        "這個 程式 會 顯示 目前 目錄 中 的 檔案 名稱"
    );
}

#[test]
fn an_opener_whose_closer_may_follow_is_an_opener() {
    // Both curly quotes lost their last byte (“ E2 80 9C, ” E2 80 9D). Alone, – beat “
    // before /etc by a hair, and ” then closed nothing.
    assert_eq!(
        fixed("缂栬緫鏂囦欢浣嶇疆锛屼緥濡\u{FFFD} 鈥\u{FFFD}/etc/default/locale鈥\u{FFFD} 鏂囦欢鏈変笅闈㈣繖琛屽唴瀹广\u{FFFD}\u{FFFD}"),
        "编辑文件位置，例如 “/etc/default/locale” 文件有下面这行内容。"
    );
}

#[test]
fn a_hole_knows_taiwan_s_words() {
    // The word model holds each jieba word in Taiwan's phrasing too (远程 → 遠端, 绑定 →
    // 繫結): 端 and 繫 lost bytes that 第 and 繪 fill when only mainland words are known.
    assert_eq!(
        fixed("鎸囧畾閬犵\u{FFFD}\u{FFFD}妾斿悕鏅傝\u{FFFD}佸皬蹇冦\u{FFFD}\u{FFFD}"),
        "指定遠端檔名時要小心。"
    );
    assert_eq!(
        fixed("鎶婇\u{FFFD}氳▕绔\u{FFFD}绻\u{FFFD}绲愬埌浣嶅潃涓娿\u{FFFD}\u{FFFD}"),
        "把通訊端繫結到位址上。"
    );
}

#[test]
fn a_hole_knows_words_jieba_counts_only_three_times() {
    // 金鼎奖 and 冷门课 are in jieba's dictionary 3 times each; with them in the word
    // model a lost byte of 奖 or 课 is not 外 or 设.
    assert_eq!(
        fixed("浠栦滑璇撮噾榧庡\u{FFFD}栨槸瀵圭殑銆\u{FFFD}"),
        "他们说金鼎奖是对的。"
    );
    assert_eq!(
        fixed("浠栦滑璇村喎闂ㄨ\u{FFFD}炬槸瀵圭殑銆\u{FFFD}"),
        "他们说冷门课是对的。"
    );
}

#[test]
fn a_lost_lead_byte_spells_no_lone_fullwidth_letter() {
    // GBK read by Python's `big5` decoder: 辱 (C8 E8) and 柔 (C8 E1) lost their lead
    // byte, and A3 E8, A3 E1 would be ｈ and ａ, which cost only their class.
    assert_eq!(
        fixed("撩眳嬪\u{FFFD}骳侒怗炮髕硜刱繰遛圮怴\u{FFFD}"),
        "己之困辱宜忍，而在人则不可忍。"
    );
    assert_eq!(
        fixed("蚳ァ祡\u{FFFD}嶂珀剻觬介戇鶠\u{FFFD}"),
        "专气致柔，能如婴儿乎。"
    );
}

#[test]
fn a_lead_byte_only_python_s_gbk_rejects_is_a_hole() {
    // Big5 read by Python's `gbk` decoder: 何 (A6 F3) is a vertical ellipsis in GB18030,
    // but Python's gbk lost its A6; without A6 among the candidates, 於 (A9 F3) won.
    assert_eq!(
        fixed("\u{FFFD}p狦Τヴ\u{FFFD}蟥炭嗒\u{FFFD}ン\u{FFFD}A玥┶荡\u{FFFD}R埃"),
        "如果有任何依賴物件，則拒絕刪除"
    );
}

#[test]
fn a_traditional_rival_loses_in_a_simplified_line() {
    // GBK read by Python's `big5` decoder: 三 (C8 FD) lost both bytes (no C8 row, no FD
    // lead), and so would 隊 (EA A0: A0 is no trail), a common rival: 隊友 is a word.
    assert_eq!(
        fixed("謂赽堇ㄩ祔氪\u{FFFD}\u{FFFD}衭ㄛ囷氪\u{FFFD}\u{FFFD}衭﹝衭眻ㄛ衭謝ㄛ衭嗣恓ㄛ祔眑﹝"),
        "孔子曰：益者三友，损者三友。友直，友谅，友多闻，益矣。"
    );
}

#[test]
fn a_quotation_over_lines_closes_on_its_last() {
    // UTF-8 read by Python's `gbk` decoder: the lost last byte of the closing ” (E2 80 9D)
    // could be … (A6) or – (93); the “ opened a line before, in the same paragraph.
    assert_eq!(
        fixed("浠栬\u{FFFD}达細鈥滄垜浠\u{FFFD}鏄庡ぉ鍘诲寳浜\u{FFFD}銆\u{FFFD}\n浣犱滑涔熸潵鍚э紒鈥\u{FFFD}\n"),
        "他说：“我们明天去北京。\n你们也来吧！”\n"
    );
    assert_eq!(
        fixed("鑰佸笀璇达細鈥滀粖澶╃殑浣滀笟寰堝\u{FFFD}氾紝\n澶у\u{FFFD}惰\u{FFFD}佽\u{FFFD}ょ湡瀹屾垚銆傗\u{FFFD}\u{FFFD}\n"),
        "老师说：“今天的作业很多，\n大家要认真完成。”\n"
    );
}

#[test]
fn holes_too_many_to_guess_keep_the_characters_after_them() {
    // Big5 read by Python's `gbk` decoder: 受的 (A8FC AABA) lost A8, FC and AA, one byte
    // at a time, three in a row. 受 is gone whole and stays U+FFFD; 的's lead is read
    // from the trail BA after it; and 值。 (ADC8 A143) after them are read in step: left
    // as three bytes of their own, the holes put every pair after them one byte off
    // (`滬龰C`).
    assert_eq!(
        fixed("㏑\u{FFFD}O declare 钡\u{FFFD}\u{FFFD}\u{FFFD}涵取C讽 local ノ\u{FFFD}蟥绂·撼‘\u{FFFD}"),
        "命令 declare 接\u{FFFD}的值。當 local 用於函式內部時"
    );
}

#[test]
fn an_opener_nothing_closes_is_no_opener() {
    // Big5 read by Python's `gbk` decoder: 只 (A5 75) lost its lead, which `「` (A1 75)
    // could have been too; 「 follows 式 often in the help text the model learned from,
    // but nothing on the line closes it.
    assert_eq!(
        fixed("硂\u{FFFD}拥{Α\u{FFFD}u琌陪ボヘ玡ヘ魁い\u{FFFD}豪僧爪W嘿\u{FFFD}C"),
        "這個程式只是顯示目前目錄中的檔案名稱。"
    );
}

#[test]
fn a_line_ends_as_the_document_s_lines_do() {
    // GBK read by Python's `big5` decoder: the third line's `；` (A3 BB) lost its trail
    // and alone reads `：`, as the help text the model learned from ends its lines; the
    // other lines end with `；`.
    let garbled = "黍抎祥⑴朼賤ㄛ藩衄頗砩ㄛ晞釔\u{FFFD}銓\u{FFFD}妘˙\n\
                     俶岓嬴ㄛ模げ祥夔都腕˙\n\
                     о導眭む\u{FFFD}蝝芄牴藰臘げ魙倗恐\u{FFFD}\n\
                     婖窊濏鴃ㄛぶ婓斛郳˙\n\
                     暫郳奧豖ㄛ崠祥醞①\u{FFFD}民禲\u{FFFD}\n\
                     都翍恅梒赻軓ㄛだ尨撩祩˙\n\
                     咭輒腕囮ㄛ眕森赻笝﹝\n";
    assert_eq!(
        fixed(garbled),
        "读书不求甚解，每有会意，便欣然忘食；\n性嗜酒，家贫不能常得；\n亲旧知其如此，或置酒而招之；\n\
         造饮辄尽，期在必醉；\n既醉而退，曾不吝情去留。\n常著文章自娱，颇示己志；\n忘怀得失，以此自终。\n"
    );
}

#[test]
fn lost_brackets_are_chosen_as_a_pair() {
    // Big5 read by Python's `gbk` decoder: （ (A1 5D) and ） (A1 5E) each lost their lead
    // and kept `]` and `^`. One at a time, the opener reads 也 (A4 5D) and the closer,
    // then closing nothing, 回 (A6 5E).
    assert_eq!(
        fixed("硂\u{FFFD}萤R\u{FFFD}O\u{FFFD}嚎楗X\u{FFFD}]–\u{FFFD}永僧驻@︽\u{FFFD}Aㄌ酚\u{FFFD}W嘿逼\u{FFFD}C\u{FFFD}^穦糶\u{FFFD}旒蟹强楗X\u{FFFD}C"),
        "這個命令的輸出（每個檔案一行，依照名稱排列）會寫到標準輸出。"
    );
}

#[test]
fn a_lost_opener_before_a_closer_nothing_claims() {
    // Big5 read by Python's `gbk` decoder: （ (A1 5D) lost its lead; the ） at the end of
    // the aside is whole, and no opener on the line claims it.
    assert_eq!(
        fixed("家Α\u{FFFD}害rじ\u{FFFD}]'*' \u{FFFD}恁艹o\u{FFFD}永僧赚Oノㄓ弄\u{FFFD}\u{FFFD}夹非块\u{FFFD}J\u{FFFD}骸^\u{FFFD}Hの郎\u{FFFD}爪W嘿\u{FFFD}C"),
        "模式的字元（'*' 表示這個檔案是用來讀取標準輸入的）以及檔案名稱。"
    );
}
