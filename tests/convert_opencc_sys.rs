//! The optional system-libopencc backend (`cargo test --features opencc-sys --test
//! convert_opencc_sys`; needs Debian's libopencc-dev and its data in /usr/share/opencc).
//!
//! The system's dictionaries (Debian: OpenCC 1.1.6) are older than the embedded 1.4.2
//! data, so only words both versions agree on are compared, plus the engine's own
//! guarantees (NUL bytes and line endings survive).
#![cfg(feature = "opencc-sys")]

use zhfix::convert::{self, Config, Engine};

fn both(config: Config, text: &str) -> (String, String) {
    let system = convert::load(Engine::OpenccSys, config).unwrap();
    let native = convert::load(Engine::Native, config).unwrap();
    (system.convert(text), native.convert(text))
}

#[test]
fn stable_words_agree_with_the_native_engine() {
    let cases = [
        (Config::S2t, "汉字转换，头发很长，皇后在后面，干杯。"),
        (Config::T2s, "漢字轉換，頭髮很長，皇后在後面，乾杯。"),
        (Config::S2twp, "鼠标和软件"),
        (Config::Tw2sp, "滑鼠和軟體"),
        (Config::S2hk, "汉字"),
        (Config::T2jp, "舊字體"),
    ];
    for (config, text) in cases {
        let (system, native) = both(config, text);
        assert_eq!(system, native, "{config}: {text}");
    }
    assert_eq!(both(Config::S2t, "汉字").0, "漢字");
}

#[test]
fn nul_bytes_and_line_endings_survive() {
    let system = convert::load(Engine::OpenccSys, Config::S2t).unwrap();
    assert_eq!(system.convert("汉\0字\r\n发\0"), "漢\0字\r\n發\0");
    assert_eq!(system.convert(""), "");
}
