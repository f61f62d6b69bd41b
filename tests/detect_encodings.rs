//! Detection and decoding of every supported input encoding, from whole files down to
//! two hanzi, through the public API.

use zhfix::decode::decode;
use zhfix::detect::{detect, forced, Charset, Detection};
use zhfix::{Error, Pipeline};

fn fixture(name: &str) -> (Vec<u8>, String) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/detect/");
    let bytes = std::fs::read(format!("{dir}{name}.bin")).expect("fixture");
    let text = std::fs::read_to_string(format!("{dir}{name}.txt")).expect("fixture");
    (bytes, text)
}

/// Detect, decode, and return (charset name, method, text, malformed offsets).
fn run(bytes: &[u8]) -> (&'static str, String, String, Vec<usize>) {
    let det = detect(bytes).expect("text");
    let d = decode(bytes, &det);
    (det.charset.name(), det.method, d.text, d.malformed)
}

fn enc(text: &str, e: &'static encoding_rs::Encoding) -> Vec<u8> {
    let (bytes, _, unmappable) = e.encode(text);
    assert!(!unmappable, "{text} in {}", e.name());
    bytes.into_owned()
}

/// `text` in `e` is detected as `charset` and decodes back to `text`.
fn assert_decodes_as(text: &str, e: &'static encoding_rs::Encoding, charset: &str) {
    let (c, _, decoded, _) = run(&enc(text, e));
    assert_eq!((c, decoded.as_str()), (charset, text));
}

fn utf16(text: &str, be: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() })
        .collect()
}

#[test]
fn whole_files() {
    for (name, charset, method) in [
        ("gbk", "gb18030", "chardetng"),
        ("gbk-traditional", "gb18030", "plausibility"),
        ("gb18030-crlf", "gb18030", "plausibility"),
        ("gb18030-4byte", "gb18030", "plausibility"),
        ("big5", "Big5", "plausibility"),
        ("utf16le-nobom", "UTF-16LE", "utf-16-nuls"),
        ("utf16be-nobom", "UTF-16BE", "utf-16-nuls"),
        ("utf8-bom", "UTF-8", "bom"),
        ("hz", "HZ-GB-2312", "hz"),
        ("hz-native", "HZ-GB-2312", "hz"),
        // CPython's test/cjkencodings (PSF licence): a Japanese and a Korean paragraph.
        ("iso-2022-jp", "ISO-2022-JP", "iso-2022"),
        ("iso-2022-kr", "ISO-2022-KR", "iso-2022"),
        // GB2312 and CNS 11643 planes 1 and 2, redesignated character by character.
        ("iso-2022-cn", "ISO-2022-CN", "iso-2022"),
        // A short page that says `charset=big5` (the library decodes it and keeps the
        // label; the command line rewrites it, see tests/cli.rs).
        ("declared-big5", "Big5", "declared"),
        // The Big5 fixture's text and 乂，丟 (CNS 11643 plane 2 behind `8E A2`), as
        // `iconv -t EUC-TW` writes them.
        ("euc-tw", "EUC-TW", "plausibility"),
    ] {
        let (bytes, expected) = fixture(name);
        let (c, m, text, malformed) = run(&bytes);
        assert_eq!((c, m.as_str()), (charset, method), "{name}");
        assert_eq!(text, expected, "{name}");
        assert_eq!(malformed, Vec::<usize>::new(), "{name}");
    }
}

#[test]
fn two_to_six_hanzi_in_gbk() {
    for word in [
        "你好",
        "中文",
        "汉字",
        "我爱你",
        "北京大学",
        "简体中文",
        "今天天气很好",
    ] {
        let (c, m, text, _) = run(&enc(word, encoding_rs::GBK));
        assert_eq!(
            (c, m.as_str(), text.as_str()),
            ("gb18030", "plausibility", word)
        );
    }
}

#[test]
fn two_to_six_hanzi_in_big5() {
    for word in [
        "中文",
        "謝謝你",
        "你好",
        "台灣",
        "繁體中文",
        "今天天氣很好",
        "沒關係",
    ] {
        let (c, m, text, _) = run(&enc(word, encoding_rs::BIG5));
        assert_eq!(
            (c, m.as_str(), text.as_str()),
            ("Big5", "plausibility", word)
        );
    }
}

/// EUC-KR's Hangul rows are GB2312's level-1 hanzi rows, so Korean reads as Chinese of
/// characters that make no word (파일을 열 수 없습니다 → 颇老阑 凯 荐 绝嚼聪促); as Korean
/// it is words between spaces.
#[test]
fn korean_in_euc_kr_is_korean() {
    for line in [
        "안녕하세요. 오늘 날씨가 정말 좋네요.\n",
        "파일을 열 수 없습니다: 권한이 거부되었습니다\n",
        "사용법: %s [옵션]... 파일...\n",
        "메모리 부족\n",
    ] {
        assert_decodes_as(line, encoding_rs::EUC_KR, "EUC-KR");
    }
}

/// CPython's `euc_kr.txt` (test/cjkencodings, PSF licence): a Korean paragraph whose
/// last line spells syllables in KS X 1001's eight-byte jamo sequences, which make
/// chardetng call the file EUC-JP (read so, it is kanji: 督戚純(Python)精). EUC-KR now
/// competes with that guess on equal terms. The sequences decode as WHATWG's EUC-KR
/// decodes them, filler and jamo (`ㅤㅆㅠㅤ`), as `--from euc-kr` gives them.
#[test]
fn korean_that_chardetng_calls_euc_jp() {
    let (bytes, expected) = fixture("euc-kr-jamo");
    let (c, _, text, malformed) = run(&bytes);
    assert_eq!((c, text.as_str()), ("EUC-KR", expected.as_str()));
    assert!(malformed.is_empty());
}

/// One Korean word alone, or two, in EUC-KR: GB18030 reads them as common characters
/// that pair into no word (메모리 as 皋葛府, 파일 as 颇老), the Korean model as common
/// syllables that do.
#[test]
fn short_korean_is_korean() {
    for text in [
        "메모리\n",
        "파일\n",
        "사용법\n",
        "안녕하세요\n",
        "GML 문서\n",
    ] {
        assert_decodes_as(text, encoding_rs::EUC_KR, "EUC-KR");
    }
}

/// The same rows the other way: a GBK word alone, or two words with a space, make
/// Hangul syllables (返回 is 럿쀼) that are no evidence of Korean.
#[test]
fn short_gbk_phrases_are_not_korean() {
    for text in [
        "读取",
        "返回",
        "将 返回 10, but",
        "Linux 内核 存档",
        "内核 存档",
    ] {
        assert_decodes_as(text, encoding_rs::GBK, "gb18030");
    }
}

/// Arabic, Hebrew and Thai read as GB18030 are rare characters and symbols (`ערכת נושא`
/// → `譊錹 謥╠`).
#[test]
fn arabic_hebrew_and_thai_lines_keep_their_encoding() {
    for (line, e, name) in [
        (
            "جزيرة هيرد وجزر مَكْدونالد\n",
            encoding_rs::WINDOWS_1256,
            "windows-1256",
        ),
        ("ערכת נושא\n", encoding_rs::WINDOWS_1255, "windows-1255"),
        (
            "מסמך RDF של TriG\n",
            encoding_rs::WINDOWS_1255,
            "windows-1255",
        ),
        ("คำเตือน: ตามข้อมูล\n", encoding_rs::WINDOWS_874, "windows-874"),
    ] {
        assert_decodes_as(line, e, name);
    }
}

#[test]
fn european_lines_are_not_read_as_chinese() {
    // Read as GB18030 or Big5, each accented letter takes the next letter for its trail
    // byte and sits alone inside a Latin word (`z鋒len`, `kandydat體`, `靖evilka`).
    for (line, e, name) in [
        (
            "Referenzierte Objekte zählen\n",
            encoding_rs::WINDOWS_1252,
            "windows-1252",
        ),
        (
            "Das Systems neu starten, während andere Benutzer angemeldet sind\n",
            encoding_rs::WINDOWS_1252,
            "windows-1252",
        ),
        (
            "Širina robu okoli glavnega območja vsebine\n",
            encoding_rs::ISO_8859_2,
            "ISO-8859-2",
        ),
        (
            "Zaporedna številka skladbe\n",
            encoding_rs::ISO_8859_2,
            "ISO-8859-2",
        ),
        (
            "Odnaleziono wielu kandydatów do instalacji:\n",
            encoding_rs::ISO_8859_2,
            "windows-1250",
        ),
    ] {
        assert_decodes_as(line, e, name);
    }
    // A Chinese word glued to Latin on both sides is still Chinese.
    assert_decodes_as("用smbclient的tar命令备份\n", encoding_rs::GBK, "gb18030");
}

#[test]
fn a_latin_code_page_is_checked_against_its_neighbours() {
    // Read as chardetng names them, the French and Norwegian lines come out in
    // ISO-8859-2 (`Ť = ť`, `střttes`), the Lithuanian one in windows-1250 (`Neţinoma …
    // procesŕ`), the Czech one in windows-1252 (`Koøen`), the Romanian one in
    // ISO-8859-2 (`fişierul Ľ%sľ`) and the Esperanto one in windows-1252 (`La þoforo`).
    for (line, e, name) in [
        (
            "multiple signes « = » dans la correspondance de tablespace\n",
            encoding_rs::WINDOWS_1252,
            "windows-1252",
        ),
        (
            "Valgene «-[0-7][lmh]» støttes ikke av *denne* implementasjonen av tar\n",
            encoding_rs::WINDOWS_1252,
            "windows-1252",
        ),
        (
            "Nežinoma klaida vykdant antrinį procesą „%s“\n",
            encoding_rs::WINDOWS_1257,
            "windows-1257",
        ),
        (
            "Kořen systému souborů\n",
            encoding_rs::ISO_8859_2,
            "windows-1250",
        ),
        (
            "Eroare la stabilirea modificării pentru fișierul „%s”: %lu\n",
            encoding_rs::ISO_8859_16,
            "ISO-8859-16",
        ),
        (
            "La ŝoforo ĝuas ĉiun ĵaŭdon\n",
            encoding_rs::ISO_8859_3,
            "ISO-8859-3",
        ),
    ] {
        assert_decodes_as(line, e, name);
    }
}

#[test]
fn gb18030_four_byte_codes() {
    // 😀 is 94 39 FC 36 and 𠮷 (U+20BB7) 95 34 B2 35 in GB18030: outside GBK entirely.
    let text = "中文😀𠮷";
    let bytes = enc(text, encoding_rs::GB18030);
    assert_eq!(&bytes[4..], b"\x94\x39\xfc\x36\x95\x34\xb2\x35");
    assert_eq!(run(&bytes).2, text);
    assert_eq!(run(&bytes).0, "gb18030");
}

#[test]
fn utf16_without_bom() {
    for be in [false, true] {
        let name = if be { "UTF-16BE" } else { "UTF-16LE" };
        // With ASCII: decided by where the NUL bytes are.
        let (c, m, text, _) = run(&utf16("你好, world\n", be));
        assert_eq!(
            (c, m.as_str(), text.as_str()),
            (name, "utf-16-nuls", "你好, world\n")
        );
        // Pure CJK, no NUL at all: decided by plausibility.
        let (c, m, text, _) = run(&utf16("中文", be));
        assert_eq!(
            (c, m.as_str(), text.as_str()),
            (name, "utf-16-plausibility", "中文")
        );
        let (c, _, text, _) = run(&utf16("今天天气很好。", be));
        assert_eq!((c, text.as_str()), (name, "今天天气很好。"));
    }
}

#[test]
fn utf8_with_bom() {
    let det = detect(b"\xef\xbb\xbf\xe4\xb8\xad\xe6\x96\x87").unwrap();
    assert_eq!(
        (det.charset, det.bom_len, det.method.as_str()),
        (Charset::Utf8Lines, 3, "bom")
    );
    assert_eq!(
        decode(b"\xef\xbb\xbf\xe4\xb8\xad\xe6\x96\x87", &det).text,
        "中文"
    );
    let le = detect(b"\xff\xfe\x2d\x4e").unwrap();
    assert_eq!((le.charset.name(), le.bom_len), ("UTF-16LE", 2));
    assert_eq!(decode(b"\xff\xfe\x2d\x4e", &le).text, "中");
}

#[test]
fn hz_short_and_tilde() {
    let (c, m, text, _) = run(b"~{Dc:C~} and ~~ ~{VPND~}");
    assert_eq!(
        (c, m.as_str(), text.as_str()),
        ("HZ-GB-2312", "hz", "你好 and ~ 中文")
    );
}

#[test]
fn ascii_with_tilde_brace_is_not_hz() {
    // Shell and template code: `~{` that does not decode into plausible Chinese.
    for code in ["echo ~{a,b}\n", "x = ~{foo~};\n", "${a~{}} ~{~}"] {
        let (c, m, text, _) = run(code.as_bytes());
        assert_eq!((c, m.as_str(), text.as_str()), ("UTF-8", "utf-8", code));
    }
}

#[test]
fn ascii_with_iso_2022_designations_is_ascii() {
    // A designation with no character after it, a shift into a malformed pair, and a
    // terminal's colour codes (ESC [) with an ISO-2022-CN designation in the same file.
    for code in [
        "printf '\x1b$B'\n",
        "\x1b$)C\x0e\n\x0f and a line long enough not to look binary\n",
        "\x1b$)A\x0eV\x0f and a line long enough not to look binary\n",
        "\x1b[1mbold\x1b[0m \x1b$)A\n",
    ] {
        let (c, m, text, _) = run(code.as_bytes());
        assert_eq!((c, m.as_str(), text.as_str()), ("UTF-8", "utf-8", code));
    }
}

#[test]
fn iso_2022_kr_forced() {
    let d = decode(b"\x1b$)C\x0eGQ19\x0f", &forced("iso-2022-kr").unwrap());
    assert_eq!((d.text.as_str(), d.malformed), ("한국", vec![]));
}

/// What a few bytes leave open, a declaration settles: each of these reads otherwise
/// without it (Big5 as EUC-KR or GBK, windows-1252 and ISO-8859-2 as each other).
#[test]
fn declared_encodings_settle_short_texts() {
    use encoding_rs::{BIG5, ISO_8859_2, WINDOWS_1252};
    for (head, text, e, charset) in [
        (
            "<meta charset=\"big5\">\n",
            "port - 訪問 I/O 埠;\n",
            BIG5,
            "Big5",
        ),
        (
            "<?xml version=\"1.0\" encoding=\"big5\"?>\n",
            "蔗醣\n",
            BIG5,
            "Big5",
        ),
        (
            "# -*- coding: windows-1252 -*-\n",
            "un componente en el parámetro «dynamic_library_path» no es una ruta absoluta\n",
            WINDOWS_1252,
            "windows-1252",
        ),
        (
            "<meta http-equiv=\"Content-Type\" content=\"text/plain; charset=iso-8859-2\">\n",
            "  -N, --first-line-number=ČÍSLO\n",
            ISO_8859_2,
            "ISO-8859-2",
        ),
    ] {
        let mut bytes = head.as_bytes().to_vec();
        bytes.extend(enc(text, e));
        let (c, m, decoded, _) = run(&bytes);
        let expected = format!("{head}{text}");
        assert_eq!(
            (c, m.as_str(), decoded.as_str()),
            (charset, "declared", &*expected)
        );
        let undeclared = [b"<p>\n".as_slice(), &enc(text, e)].concat();
        assert_ne!(run(&undeclared).2, format!("<p>\n{text}"), "{text}");
    }
}

/// Old Chinese pages in GBK or Big5 often declare ISO-8859-1 (a template's or a server's
/// default); a declared single-byte code page only chooses among Latin readings, so the
/// Chinese reading still wins. (With the declaration's bonus, the last three would read
/// as windows-1252.)
#[test]
fn chinese_declared_as_latin_1_is_still_chinese() {
    for (text, e, charset) in [
        (
            "这个网页声明的编码是西欧的，内容却是简体中文。\n",
            encoding_rs::GBK,
            "gb18030",
        ),
        ("吐\n", encoding_rs::GBK, "gb18030"),
        ("abc暹粒def\n", encoding_rs::GBK, "gb18030"),
        ("抱愧\n", encoding_rs::BIG5, "Big5"),
    ] {
        let mut bytes = b"<meta charset=\"iso-8859-1\">\n".to_vec();
        bytes.extend(enc(text, e));
        let (c, _, decoded, _) = run(&bytes);
        let expected = format!("<meta charset=\"iso-8859-1\">\n{text}");
        assert_eq!((c, decoded.as_str()), (charset, &*expected));
    }
}

#[test]
fn valid_utf8_wins_even_when_legacy_reads_better() {
    // 谢谢 in GBK is D0 BB D0 BB, which is also valid UTF-8 (лл). Clean text is never
    // second-guessed, so this reads as UTF-8: a documented limit of 2-byte inputs.
    let (c, _, text, _) = run(&enc("谢谢", encoding_rs::GBK));
    assert_eq!((c, text.as_str()), ("UTF-8", "лл"));
}

#[test]
fn utf8_with_raw_legacy_lines() {
    let mut bytes = "第一行是统一码。\n".as_bytes().to_vec();
    bytes.extend(enc("第二行是国标码，", encoding_rs::GBK));
    bytes.extend(b"with ASCII.\r\n");
    bytes.extend(enc("第三行是大五碼。\n", encoding_rs::BIG5));
    bytes.extend("最后一行也是统一码。\n".as_bytes());
    let (c, m, text, malformed) = run(&bytes);
    assert_eq!((c, m.as_str()), ("UTF-8", "mixed-lines"));
    assert_eq!(
        text,
        "第一行是统一码。\n第二行是国标码，with ASCII.\r\n第三行是大五碼。\n最后一行也是统一码。\n"
    );
    assert!(malformed.is_empty());
}

#[test]
fn mostly_legacy_file_with_a_line_valid_by_chance() {
    // 取 (C8 A1) and 一 (D2 BB) are valid 2-byte UTF-8 in GBK: a line of just those must not
    // turn a GBK file into a mixed one.
    let text = "第一行是国标码。\n取一\n第三行也是国标码。\n";
    let (c, m, out, _) = run(&enc(text, encoding_rs::GBK));
    assert_eq!(
        (c, m.as_str(), out.as_str()),
        ("gb18030", "plausibility", text)
    );
}

#[test]
fn binary_inputs_are_refused() {
    let cases: [(&[u8], &str); 5] = [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\x7fELF\x02\x01\x01\x00", "ELF executable"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"text\x00with\x00\x00nul\x00bytes\x00\x00", "NUL bytes"),
        (
            b"\x01\x02\x03\x04\x05abc\x06\x07\x0e\x0f",
            "control characters",
        ),
    ];
    for (bytes, why) in cases {
        match detect(bytes) {
            Err(Error::Binary(reason)) => assert_eq!(reason, why),
            other => panic!("{why}: {other:?}"),
        }
    }
    // The pipeline skips them with the same error.
    let p = Pipeline::builder().build().unwrap();
    assert!(matches!(
        p.fix_bytes(b"a\x00b\x00\x00c"),
        Err(Error::Binary("NUL bytes"))
    ));
}

#[test]
fn forced_labels() {
    let name = |l: &str| forced(l).map(|d: Detection| d.charset.name());
    assert_eq!(name("gbk").unwrap(), "gb18030");
    assert_eq!(name("GB2312").unwrap(), "gb18030");
    assert_eq!(name("cp936").unwrap(), "gb18030");
    assert_eq!(name("big5").unwrap(), "Big5");
    assert_eq!(name("utf-16be").unwrap(), "UTF-16BE");
    assert_eq!(name("hz").unwrap(), "HZ-GB-2312");
    assert_eq!(name("latin1").unwrap(), "windows-1252");
    // iconv's, Python's and Emacs's names, which WHATWG does not list.
    assert_eq!(name("EUC-CN").unwrap(), "gb18030");
    assert_eq!(name("CP950").unwrap(), "Big5");
    assert_eq!(name("UHC").unwrap(), "EUC-KR");
    assert_eq!(name("euc_cn").unwrap(), "gb18030");
    assert_eq!(name("chinese-big5-dos").unwrap(), "Big5");
    assert_eq!(name("EUC-TW").unwrap(), "EUC-TW");
    assert_eq!(
        forced("utf-8").unwrap().charset,
        Charset::Standard(encoding_rs::UTF_8)
    );
    assert!(matches!(forced("klingon"), Err(Error::UnknownEncoding(l)) if l == "klingon"));
    assert_eq!(name("ISO-2022-CN").unwrap(), "ISO-2022-CN");
    assert_eq!(name("csiso2022kr").unwrap(), "ISO-2022-KR");
    assert_eq!(name("iso-2022-jp").unwrap(), "ISO-2022-JP");
    // ISO-2022-CN-EXT maps to the WHATWG "replacement" encoding, which would destroy the
    // input; zhfix's ISO-2022-CN decoder reads its extra planes.
    assert_eq!(name("iso-2022-cn-ext").unwrap(), "ISO-2022-CN");
}

#[test]
fn forced_encoding_skips_its_own_bom() {
    let p = Pipeline::builder()
        .from_encoding("utf-16le")
        .build()
        .unwrap();
    let fixed = p.fix_bytes(b"\xff\xfe\x2d\x4e\x87\x65").unwrap();
    assert_eq!(fixed.text, "中文");
    assert_eq!(fixed.detection.bom_len, 2);
    assert_eq!(fixed.report.method, "forced");
}
