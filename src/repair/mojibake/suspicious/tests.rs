use super::*;

/// The first pass as first written, tracking the run's start as it goes: the reference
/// [`first_pass`] agrees with.
fn maybe_suspicious_reference(model: &Model, classes: &[u8; 0x10000], text: &str) -> Option<usize> {
    let b = text.as_bytes();
    // Han characters in the current run, and whether one of them is a function character.
    let (mut run, mut grammar) = (0usize, false);
    // Where the current run started (after the last character that resets the state).
    let mut from = 0;
    // The Greek or Cyrillic word being read (its class and start), and whether the last
    // character was a non-ASCII one of no class.
    let (mut word, mut symbol): (Option<(u8, usize)>, bool) = (None, false);
    let mut i = 0;
    while i < b.len() {
        let lead = b[i];
        let at = i;
        if let Some((_, start)) = word {
            // Only ASCII or a letter of the word's alphabet may follow it.
            let u = text[i..].chars().next().map_or(0, |c| c as u32);
            let letter = u16::try_from(u).map(|u| classes[usize::from(u)]).ok();
            if lead >= 0x80 && letter != word.map(|(w, _)| w) {
                return Some(start);
            }
        }
        let u = match lead {
            0..=0x7F => {
                i += 1 + crate::convert::ascii_run(&b[i + 1..]);
                (run, grammar, from) = (0, false, i);
                (word, symbol) = (None, false);
                continue;
            }
            // The text is valid UTF-8, so the continuation bytes are there; the patterns
            // say so to the compiler, which then checks no bounds.
            0xC0..=0xDF => match b[i..] {
                [_, b1, ..] => {
                    i += 2;
                    u16::from(lead & 0x1F) << 6 | u16::from(b1 & 0x3F)
                }
                _ => return Some(from),
            },
            0xE0..=0xEF => match b[i..] {
                [_, b1, b2, ..] => {
                    i += 3;
                    u16::from(lead & 0x0F) << 12 | u16::from(b1 & 0x3F) << 6 | u16::from(b2 & 0x3F)
                }
                _ => return Some(from),
            },
            // Outside the BMP (emoji, rare extensions): a sign.
            _ => return Some(from),
        };
        let class = classes[usize::from(u)];
        let after_symbol = std::mem::replace(&mut symbol, class == RESET);
        match class {
            RESET => (run, grammar, from) = (0, false, i),
            GREEK | CYRILLIC => {
                // Glued to a Han run or a symbol; or the next letter of the word.
                if run > 0 || after_symbol {
                    return Some(from);
                }
                word = word.or(Some((class, at)));
            }
            COMMON_HAN => {
                run += 1;
                if run >= WORDLESS_RUN && !grammar {
                    // The run's characters, all common and three bytes long.
                    let chars: Vec<char> = text[from..i].chars().collect();
                    if !chars.windows(2).any(|w| word_pair(model, w[0], w[1])) {
                        return Some(from);
                    }
                    grammar = true;
                }
            }
            GRAMMAR_HAN => (run, grammar) = (run + 1, true),
            _ => return Some(from),
        }
    }
    None
}

#[test]
fn clean_text_is_not_suspicious() {
    assert!(!suspicious("plain ascii"));
    assert!(!suspicious("这是一个中文句子，没有任何问题。"));
    // Rare, but part of a word: 新疆.
    assert!(!suspicious("新疆"));
    assert!(suspicious("鍛戒护"));
    assert!(suspicious("ä¸\u{AD}æ–‡"));
}

#[test]
fn chinese_punctuation_and_symbols_are_not_suspicious() {
    // CP1252 specials without Latin-1 letters, and the Latin-1 symbols Chinese uses.
    assert!(!suspicious("“[ ]” 内的任意/全部参数都是可选的……——"));
    assert!(!suspicious("列夫·托尔斯泰，温度 30°，3×4"));
    assert!(suspicious("â€œ"));
    assert!(suspicious("°±"));
}

#[test]
fn lone_rare_characters_in_real_words_are_not_suspicious() {
    // Spaced-out Traditional text: a character alone has nothing to pair with.
    assert!(!suspicious("使 用 者 帳 號 及 相 關 檔 案"));
    // One rare character inside a long run of ordinary words.
    assert!(!suspicious("可以指定任何有效的目录挂臷的手册页层次结构"));
    // Mojibake: two rare characters in a run, or one in a short run.
    assert!(suspicious("鍙傛暟"));
    assert!(suspicious("涓枃"));
}

#[test]
fn grammar_and_rare_characters_inside_words_are_not_suspicious() {
    // Clean man-page lines: grammar between words pairs nothing in a within-word
    // model, and 删/缀 are very rare in it but sit inside 删除/后缀.
    assert!(!suspicious("它的值是"));
    assert!(!suspicious("从右到左"));
    assert!(!suspicious("删除"));
    assert!(!suspicious("后缀"));
    // A rare word next to a function character in a short run.
    assert!(!suspicious("的幂"));
    // The same rare characters outside a word still are.
    assert!(suspicious("鍛戒护"));
}

#[test]
fn suspicious_lines_decide_each_line_as_it_would_alone() {
    // The whole-text scan must find exactly the lines `suspicious` finds one by one,
    // whatever the line endings, however a garbled line is placed among clean ones.
    let text = "plain ascii\n\
                这是一个中文句子，没有任何问题。\r\n\
                鍛戒护\n\
                \n\
                它的值是 plain ascii 鍙傛暟 and more\r\r\n\
                显示帮助信息 a\n\
                温度 30°，Müller 涓枃\n\
                ä¸\u{AD}æ–‡\n\
                删除 后缀 的幂\n\
                最后一行 鍛戒护";
    let found: Vec<&str> = suspicious_lines(text)
        .into_iter()
        .map(|r| &text[r])
        .collect();
    let expected = [
        "鍛戒护",
        "它的值是 plain ascii 鍙傛暟 and more",
        "温度 30°，Müller 涓枃",
        "ä¸\u{AD}æ–‡",
        "最后一行 鍛戒护",
    ];
    assert_eq!(found, expected);
    let one_by_one: Vec<&str> = text
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| suspicious(l))
        .collect();
    assert_eq!(one_by_one, expected);
    assert!(suspicious_lines("").is_empty());
    assert!(suspicious_lines("ascii only\nlines\n").is_empty());
}

/// The table as first written: every sign, then the model's rows over the Han block.
#[test]
fn the_class_table_is_the_model_rows_over_the_signs() {
    let mut want = vec![RESET; 0x10000];
    for (u, class) in want.iter_mut().enumerate().skip(0x80) {
        let u = u as u32;
        if HAN.contains(&u) || odd_char(u, true) || (0xF900..=0xFAFF).contains(&u) {
            *class = SIGN;
        }
        match char::from_u32(u).and_then(super::super::score::alphabet) {
            Some(1) => *class = GREEK,
            Some(2) => *class = CYRILLIC,
            _ => {}
        }
    }
    for (c, lp) in Model::get().char_rows() {
        if HAN.contains(&(c as u32)) {
            want[c as usize] = match lp {
                lp if lp < RARE_HAN => SIGN,
                lp if lp >= FUNCTION_HAN => GRAMMAR_HAN,
                _ => COMMON_HAN,
            };
        }
    }
    assert!(classes()[..] == want[..]);
}

#[test]
fn the_first_pass_clears_only_what_the_exact_test_clears() {
    let model = Model::get();
    let lines = [
        "这是一个中文句子，没有任何问题。",
        "使 用 者 帳 號 及 相 關 檔 案",
        "可以指定任何有效的目录挂臷的手册页层次结构",
        "它的值是",
        "从右到左",
        "删除",
        "的幂",
        "列夫·托尔斯泰，温度 30°，3×4",
        "鍛戒护",
        "鍙傛暟",
        "涓枃",
        "ä¸\u{AD}æ–‡",
        "°±",
        "文件系统挂载选项说明",
        "emoji 😀 表情",
        "ファイルシステム",
        // Clean stretches before what sends the line on.
        "这是一个中文句子，鍛戒护",
        "它的值是 plain ascii 鍙傛暟 and more",
        "温度 30°，Müller 涓枃",
        "见 ls(1)。文件系统挂载选项说明",
        "a°é·显示",
        "显示帮助信息 鍛戒护",
        "显示帮助信息，然后 鍛戒护",
        "鍛戒护 显示帮助信息 a",
        "显示帮助信息·°",
        "显示帮助信息·显示",
        // Greek and Cyrillic words are text; their letters glued to Han are mojibake.
        "Введите имя группы и в",
        "ΧΡΩΜΑΤΑ στο 中文",
        "ш們的",
        "中文ш",
        "Жд中",
    ];
    for line in lines {
        let exact = suspicious_with(model, line);
        match first_pass(model, classes(), line, 0) {
            None => assert!(!exact, "{line}"),
            Some(from) => assert_eq!(suspicious_with(model, &line[from..]), exact, "{line}"),
        }
        assert_eq!(suspicious_in(model, line), exact, "{line}");
    }
    // Plain lines of common characters with grammar in them pass the first pass.
    assert_eq!(
        first_pass(model, classes(), "这是一个中文句子，没有任何问题。", 0),
        None
    );
    assert_eq!(
        first_pass(model, classes(), "它的值是 plain ascii", 0),
        None
    );
    // Signs and rare characters send the line on to the exact test, from the start of
    // their run.
    assert!(!suspicious_with(
        model,
        "Введите имя группы, которую вы хотите удалить"
    ));
    assert!(!suspicious_with(model, "%1$s στο %2$s"));
    assert!(suspicious_with(model, "ш們"));
    assert_eq!(first_pass(model, classes(), "鍛戒护", 0), Some(0));
    assert_eq!(first_pass(model, classes(), "â€œ", 0), Some(0));
    assert_eq!(
        first_pass(model, classes(), "它的值 x 鍛戒护", 0),
        Some("它的值 x ".len())
    );
    assert_eq!(
        first_pass(model, classes(), "它的值，鍛戒护", 0),
        Some("它的值，".len())
    );
}

#[test]
fn the_first_pass_stops_where_the_reference_stops() {
    // Texts drawn from characters of every class (and the state machine's edge
    // lengths): the transition table and the stepped-back run start agree with the
    // pass that tracks both as it goes, and the first pass with the exact test decides
    // every text as the exact test alone does. 中文, 文件 and 系统 are dictionary pairs,
    // so runs of six common characters come both with and without one.
    let model = Model::get();
    let alphabet = [
        "的", "是", "中", "文", "件", "系", "统", "鍛", "涓", "枃", "，", "。", "a", " ", "\n",
        "é", "·", "😀", "ー", "屌", "丂", "Ж", "ж", "Ω", "λ", "\u{301}",
    ];
    let seen: std::collections::BTreeSet<u8> = alphabet
        .iter()
        .filter_map(|s| s.chars().next())
        .filter_map(|c| u16::try_from(c as u32).ok())
        .map(|u| classes()[usize::from(u)])
        .collect();
    assert_eq!(
        seen.into_iter().collect::<Vec<_>>(),
        [RESET, COMMON_HAN, GRAMMAR_HAN, SIGN, GREEK, CYRILLIC]
    );
    for text in crate::test_texts::random_texts(&alphabet, 24, 20_000, 0x2545_F491_4F6C_DD1D) {
        assert_eq!(
            first_pass(model, classes(), &text, 0),
            maybe_suspicious_reference(model, classes(), &text),
            "{text:?}"
        );
        assert_eq!(
            suspicious_in(model, &text),
            suspicious_with(model, &text),
            "{text:?}"
        );
    }
}
