//! Decoding: malformed input counted at exact offsets, `--strict`, and decoding a stream in
//! line-aligned chunks with the first chunk's detection.

use zhfix::decode::{decode, split_point};
use zhfix::detect::{detect, forced, Charset};
use zhfix::{Error, Pipeline};

fn fixture(name: &str) -> Vec<u8> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/detect/");
    std::fs::read(format!("{dir}{name}.bin")).expect("fixture")
}

#[test]
fn malformed_offsets_in_the_report() {
    // GB18030 with a lead byte before a space at 4 and a lone 0xFF at 9.
    let bytes = b"\xc4\xe3\xba\xc3\xc4 \xd6\xd0\xce\xc4\xff!";
    let p = Pipeline::builder().from_encoding("gbk").build().unwrap();
    let fixed = p.fix_bytes(bytes).unwrap();
    assert_eq!(fixed.text, "你好\u{FFFD} 中文\u{FFFD}!");
    assert_eq!(fixed.report.malformed, 2);
    assert_eq!(fixed.report.malformed_offsets, vec![4, 10]);
}

#[test]
fn strict_turns_malformed_input_into_an_error() {
    let p = Pipeline::builder()
        .from_encoding("big5")
        .strict(true)
        .build()
        .unwrap();
    match p.fix_bytes(b"\xa4\xa4\xa4\xe5\x80\xa4") {
        Err(Error::Malformed {
            encoding,
            count,
            first,
        }) => assert_eq!((encoding, count, first), ("Big5", 2, 4)),
        other => panic!("{other:?}"),
    }
    // Clean input passes under --strict.
    assert_eq!(p.fix_bytes(b"\xa4\xa4\xa4\xe5").unwrap().text, "中文");
}

#[test]
fn strict_on_damaged_utf8() {
    let p = Pipeline::builder().strict(true).build().unwrap();
    match p.fix_bytes(
        "中文文本\n中文"
            .as_bytes()
            .iter()
            .chain(b"\xe6\x96\n")
            .copied()
            .collect::<Vec<_>>()
            .as_slice(),
    ) {
        Err(Error::Malformed { count, first, .. }) => assert_eq!((count, first), (1, 19)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn hz_malformed_offsets() {
    let d = decode(b"ok ~x ~{VP\xc4ND~} ~{VPN", &forced("hz").unwrap());
    assert_eq!(d.text, "ok \u{FFFD}x 中\u{FFFD}文 中\u{FFFD}");
    assert_eq!(d.malformed, vec![3, 10, 20]);
}

#[test]
fn utf16_odd_length() {
    let d = decode(b"\x2d\x4e\x87\x65\x0a", &forced("utf-16le").unwrap());
    assert_eq!((d.text.as_str(), d.malformed), ("中文\u{FFFD}", vec![4]));
    let d = decode(b"\x4e", &forced("utf-16be").unwrap());
    assert_eq!((d.text.as_str(), d.malformed), ("\u{FFFD}", vec![0]));
}

/// Decode `bytes` the way a stream is: detect on the first block, cut each block after its
/// last complete line, decode each piece with the same detection, shift offsets.
fn decode_in_chunks(bytes: &[u8], block: usize) -> (String, Vec<usize>, Charset) {
    let det = detect(&bytes[..block.min(bytes.len())]).unwrap();
    let (mut text, mut malformed) = (String::new(), Vec::new());
    let mut at = 0;
    while at < bytes.len() {
        let mut end = (at + block).min(bytes.len());
        let mut cut = if end == bytes.len() {
            end - at
        } else {
            split_point(&bytes[at..end], det.charset)
        };
        while cut == 0 {
            end = (end + block).min(bytes.len());
            cut = if end == bytes.len() {
                end - at
            } else {
                split_point(&bytes[at..end], det.charset)
            };
        }
        let mut d = det.clone();
        if at > 0 {
            d.bom_len = 0;
        }
        let piece = decode(&bytes[at..at + cut], &d);
        text.push_str(&piece.text);
        malformed.extend(piece.malformed.iter().map(|o| o + at));
        at += cut;
    }
    (text, malformed, det.charset)
}

#[test]
fn chunked_decoding_matches_whole() {
    for name in [
        "gbk",
        "gb18030-crlf",
        "big5",
        "utf16le-nobom",
        "utf16be-nobom",
        "utf8-bom",
        "hz",
        "iso-2022-jp",
        "iso-2022-kr",
        "iso-2022-cn",
        "euc-tw",
    ] {
        let bytes = fixture(name);
        let whole = decode(&bytes, &detect(&bytes).unwrap());
        for block in [64, 100, 151] {
            let (text, malformed, _) = decode_in_chunks(&bytes, block);
            assert_eq!(text, whole.text, "{name} in blocks of {block}");
            assert_eq!(malformed, whole.malformed, "{name} in blocks of {block}");
        }
    }
}

#[test]
fn legacy_lines_after_the_first_chunk_are_recovered() {
    // The first block is pure UTF-8; a GBK line comes later.
    let mut bytes = "第一段落是统一码。\n".repeat(8).into_bytes();
    let gbk = encoding_rs::GBK
        .encode("后来的一行是国标码。\n")
        .0
        .into_owned();
    bytes.extend(&gbk);
    bytes.extend("再回到统一码。\n".as_bytes());
    let (text, malformed, charset) = decode_in_chunks(&bytes, 64);
    assert_eq!(charset, Charset::Utf8Lines);
    assert_eq!(
        text,
        "第一段落是统一码。\n".repeat(8) + "后来的一行是国标码。\n再回到统一码。\n"
    );
    assert!(malformed.is_empty());
}

#[test]
fn detection_on_a_prefix_cut_inside_a_character() {
    // A block boundary in the middle of 文 (E6 96 87) is not an error.
    let det = detect(b"\xe4\xb8\xad\xe6\x96").unwrap();
    assert_eq!(
        (det.charset, det.method.as_str()),
        (Charset::Utf8Lines, "utf-8")
    );
}

#[test]
fn gbk_stream_whose_first_block_is_ascii() {
    // Detection sees only ASCII (so UTF-8); the GBK lines after it are still recovered,
    // each line on its own.
    let mut bytes = "Title: a plain ASCII header line\n".repeat(3).into_bytes();
    bytes.extend(
        encoding_rs::GBK
            .encode("正文是国标码。\n第二行也是。\n")
            .0
            .into_owned(),
    );
    let (text, malformed, charset) = decode_in_chunks(&bytes, 64);
    assert_eq!(charset, Charset::Utf8Lines);
    assert_eq!(
        text,
        "Title: a plain ASCII header line\n".repeat(3) + "正文是国标码。\n第二行也是。\n"
    );
    assert!(malformed.is_empty());
}
