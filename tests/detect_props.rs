//! Properties over generated inputs: detection and decoding never panic, offsets are sane,
//! every encoding round-trips through zhfix's own encoder and decoder, and decoding in
//! line-aligned chunks gives the same text and offsets as decoding the whole.

use proptest::prelude::*;
use zhfix::decode::{decode, split_point};
use zhfix::detect::{detect, forced};
use zhfix::io::encode::{encode, OutputEncoding};

/// Text drawn from ASCII (with `~` and line breaks), GB2312 hanzi and punctuation.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just('a'),
            Just('~'),
            Just('{'),
            Just('}'),
            Just(' '),
            Just('\n'),
            Just('中'),
            Just('文'),
            Just('你'),
            Just('好'),
            Just('服'),
            Just('，'),
            Just('。'),
        ],
        0..80,
    )
    .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(det) = detect(&bytes) {
            let d = decode(&bytes, &det);
            prop_assert!(d.malformed.windows(2).all(|w| w[0] < w[1]));
            prop_assert!(d.malformed.iter().all(|&o| o < bytes.len()));
        }
        for label in [
            "utf-8", "gb18030", "big5", "utf-16le", "utf-16be", "hz", "shift_jis",
            "iso-2022-jp", "iso-2022-cn", "iso-2022-kr", "euc-tw",
        ] {
            let d = decode(&bytes, &forced(label).unwrap());
            prop_assert!(d.malformed.iter().all(|&o| o < bytes.len()), "{}", label);
        }
    }

    #[test]
    fn round_trip_and_chunks(s in text(), block in 2usize..40) {
        for label in ["gb18030", "big5", "utf-16le", "utf-16be", "hz", "utf-8", "euc-tw"] {
            let bytes = encode(&s, OutputEncoding::for_label(label).unwrap()).unwrap().into_owned();
            let det = forced(label).unwrap();
            let whole = decode(&bytes, &det);
            prop_assert_eq!(&whole.text, &s, "{}", label);
            prop_assert!(whole.malformed.is_empty());
            // Decode in line-aligned pieces of roughly `block` bytes.
            let mut text = String::new();
            let mut at = 0;
            while at < bytes.len() {
                let mut end = (at + block).min(bytes.len());
                let mut cut = split_point(&bytes[at..end], det.charset);
                while cut == 0 && end < bytes.len() {
                    end = (end + block).min(bytes.len());
                    cut = split_point(&bytes[at..end], det.charset);
                }
                if cut == 0 {
                    cut = bytes.len() - at;
                }
                text.push_str(&decode(&bytes[at..at + cut], &det).text);
                at += cut;
            }
            prop_assert_eq!(&text, &s, "{} in chunks", label);
        }
    }
}
