use super::*;

/// `text` in UTF-8, read as GBK with every private-use character deleted, re-encoded.
fn garble(text: &str) -> Vec<u8> {
    let read = encoding_rs::GBK
        .decode_without_bom_handling_and_without_replacement(text.as_bytes())
        .expect("test text must decode as GBK without replacement");
    let kept: String = read
        .chars()
        .filter(|&c| !matches!(c as u32, 0xE000..=0xF8FF))
        .collect();
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&kept);
    assert!(!unmappable);
    bytes.into_owned()
}

fn reinserted(text: &str) -> Option<(String, usize, usize)> {
    reinsert(&garble(text), &Document::default()).map(|r| (r.text, r.guessed, r.lost))
}

#[test]
fn garble_deletes_a_pair() {
    // 中文 = E4 B8 AD E6 96 87: AD E6 is a user-defined pair.
    assert_eq!(garble("中文"), [0xE4, 0xB8, 0x96, 0x87]);
}

#[test]
fn one_pair_two_characters() {
    // 中 lost its last byte, 文 its first: nothing of the line is left as UTF-8, so
    // nothing says this is damaged UTF-8 at all (clean GBK looks the same) and the
    // search does not start. With intact characters around it the pair is put back:
    // it must be user-defined (first byte AA–AF: 个 丫 丬 中 丮 丯), 文 is certain.
    // The character bigram model alone ranks 个文 (个文件) within the ambiguity margin
    // of 中文; the word 中文 puts it clear.
    assert_eq!(reinserted("中文"), None);
    assert_eq!(
        reinserted("使用中文界面"),
        Some(("使用中文界面".into(), 2, 0))
    );
}

#[test]
fn two_pairs_in_a_row_lose_a_whole_character() {
    // 环境 = E7 8E AF E5 A2 83: AF E5 and A2 83 are both user-defined; 境 is all gone
    // and comes back because 环境 is a word.
    assert_eq!(garble("环境变量").len(), 8);
    assert_eq!(reinserted("环境变量"), Some(("环境变量".into(), 2, 0)));
}

#[test]
fn ascii_between_gaps_is_kept() {
    assert_eq!(
        reinserted("本地介面的IP地址"),
        Some(("本地介面的IP地址".into(), 2, 0))
    );
}

#[test]
fn longer_lines() {
    assert_eq!(
        reinserted("LANG 环境变量决定了程序的语言"),
        Some(("LANG 环境变量决定了程序的语言".into(), 4, 0))
    );
}

#[test]
fn an_undetermined_character_stays_unknown() {
    // 只 = E5 8F AA: AA E6 (with 是's lead) is deleted, leaving E5 8F and 是's tail;
    // 只's last byte has six values, and the model cannot separate the likeliest two
    // by the margin, so the bytes do not decide; 是 keeps its determined reading.
    assert_eq!(
        reinserted("它不存储数据，它只是连接两个过程"),
        Some(("它不存储数据，它\u{FFFD}是连接两个过程".into(), 1, 1))
    );
}

#[test]
fn nothing_to_do_on_valid_utf8() {
    assert_eq!(reinsert("中文".as_bytes(), &Document::default()), None);
    assert_eq!(reinsert(b"plain", &Document::default()), None);
}

#[test]
fn clean_chinese_in_gbk_is_not_this_damage() {
    // GBK bytes of ordinary text break UTF-8 at nearly every character.
    let (gbk, _, _) = encoding_rs::GBK.encode("命名管道进行写入操作");
    assert_eq!(reinsert(&gbk, &Document::default()), None);
    let (gbk, _, _) = encoding_rs::GBK.encode("介面");
    assert_eq!(reinsert(&gbk, &Document::default()), None);
}
