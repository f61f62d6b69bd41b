//! Output encodings: exact bytes, BOMs, and the error for an unmappable character.

use zhfix::io::encode::{encode, Encoder, OutputEncoding};
use zhfix::Error;

fn out(label: &str) -> OutputEncoding {
    OutputEncoding::for_label(label).unwrap()
}

#[test]
fn exact_bytes() {
    assert_eq!(
        &*encode("中文\n", out("utf-8")).unwrap(),
        "中文\n".as_bytes()
    );
    assert_eq!(
        &*encode("中文\n", out("gb18030")).unwrap(),
        b"\xd6\xd0\xce\xc4\n"
    );
    assert_eq!(
        &*encode("中文\n", out("big5")).unwrap(),
        b"\xa4\xa4\xa4\xe5\n"
    );
    assert_eq!(
        &*encode("中a", out("utf-16le")).unwrap(),
        b"\x2d\x4e\x61\x00"
    );
    assert_eq!(
        &*encode("中a", out("utf-16be")).unwrap(),
        b"\x4e\x2d\x00\x61"
    );
    // Astral characters become surrogate pairs.
    assert_eq!(
        &*encode("😀", out("utf-16le")).unwrap(),
        b"\x3d\xd8\x00\xde"
    );
    // GB18030 reaches every character through its four-byte codes.
    assert_eq!(&*encode("😀", out("gb18030")).unwrap(), b"\x94\x39\xfc\x36");
}

#[test]
fn hz_output() {
    assert_eq!(
        &*encode("中文 text ~\n你好", out("hz")).unwrap(),
        b"~{VPND~} text ~~\n~{Dc:C~}"
    );
}

#[test]
fn euc_tw_output() {
    // As `iconv -t EUC-TW` writes them: plane 1 with both high bits set, plane 2 (乂)
    // behind `8E A2`, plane 5 (𠀀) behind `8E A5`.
    assert_eq!(
        &*encode("中文，一乂 ok 𠀀\n", out("euc-tw")).unwrap(),
        b"\xc4\xe3\xc5\xc6\xa1\xa2\xc4\xa1\x8e\xa2\xa1\xa1 ok \x8e\xa5\xa1\xa5\n"
    );
}

#[test]
fn utf8_output_borrows() {
    assert!(matches!(
        encode("不变", OutputEncoding::Utf8).unwrap(),
        std::borrow::Cow::Borrowed(_)
    ));
}

#[test]
fn bom_only_once_per_stream() {
    let mut e = Encoder::new(out("utf-8"), true);
    assert_eq!(&*e.encode("a\n").unwrap(), b"\xef\xbb\xbfa\n");
    assert_eq!(&*e.encode("b\n").unwrap(), b"b\n");
    let mut e = Encoder::new(out("utf-16be"), true);
    assert_eq!(&*e.encode("a").unwrap(), b"\xfe\xff\x00a");
    // Legacy encodings have no BOM.
    let mut e = Encoder::new(out("gbk"), true);
    assert_eq!(&*e.encode("a").unwrap(), b"a");
}

fn unmappable(r: Result<std::borrow::Cow<'_, [u8]>, Error>) -> (char, u32, usize, &'static str) {
    match r {
        Err(Error::Unmappable {
            ch,
            code,
            line,
            encoding,
        }) => (ch, code, line, encoding),
        other => panic!("{other:?}"),
    }
}

#[test]
fn unmappable_names_character_and_line() {
    // 简 is not in Big5.
    assert_eq!(
        unmappable(encode("第一行\n第二行\n简体", out("big5"))),
        ('简', 0x7B80, 3, "Big5")
    );
    // GBK output is GBK proper: an emoji needs GB18030's four-byte codes.
    assert_eq!(
        unmappable(encode("ok 😀", out("gbk"))),
        ('😀', 0x1F600, 1, "GBK")
    );
    // 丂 is in GBK but not in GB2312, so not in HZ.
    assert_eq!(
        unmappable(encode("中\n丂", out("hz"))),
        ('丂', 0x4E02, 2, "HZ-GB-2312")
    );
    // CNS 11643 has no emoji.
    assert_eq!(
        unmappable(encode("中\n😀", out("euc-tw"))),
        ('😀', 0x1F600, 2, "EUC-TW")
    );
    let msg = Error::Unmappable {
        ch: '简',
        code: 0x7B80,
        line: 3,
        encoding: "Big5",
    }
    .to_string();
    assert_eq!(
        msg,
        "cannot encode '简' (U+7B80) on line 3 as Big5; choose another --output-encoding"
    );
}

#[test]
fn lines_count_across_chunks() {
    let mut e = Encoder::new(out("big5"), false);
    e.encode("一\n二\n").unwrap();
    assert_eq!(unmappable(e.encode("三\n这")), ('这', 0x8FD9, 4, "Big5"));
}

#[test]
fn labels() {
    assert_eq!(out("GB2312"), OutputEncoding::Legacy(encoding_rs::GBK));
    assert_eq!(out("gb18030"), OutputEncoding::Legacy(encoding_rs::GB18030));
    assert_eq!(out("utf8"), OutputEncoding::Utf8);
    assert_eq!(out("HZ-GB-2312"), OutputEncoding::Hz);
    assert_eq!(out("CP936"), OutputEncoding::Legacy(encoding_rs::GBK));
    assert_eq!(out("cp950"), OutputEncoding::Legacy(encoding_rs::BIG5));
    assert_eq!(out("chinese-hz"), OutputEncoding::Hz);
    assert_eq!(out("EUC-TW"), OutputEncoding::EucTw);
    // Encodings zhfix reads but does not write.
    for label in ["iso-2022-kr", "iso-2022-cn"] {
        assert!(matches!(
            OutputEncoding::for_label(label),
            Err(Error::UnknownEncoding(_))
        ));
    }
    assert!(matches!(
        OutputEncoding::for_label("nope"),
        Err(Error::UnknownEncoding(_))
    ));
}
