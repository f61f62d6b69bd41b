//! Every OpenCC configuration (first byte picks it) on any text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use zhfix::convert::Config;
use zhfix_fuzz::invariants::check_convert;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, data)) = data.split_first() else {
        return;
    };
    let config = Config::ALL[pick as usize % Config::ALL.len()];
    check_convert(config, &String::from_utf8_lossy(data));
});
