//! Decoding forced to each charset (first byte picks it): offsets, line breaks, pieces.
#![no_main]
use libfuzzer_sys::fuzz_target;
use zhfix_fuzz::invariants::{charset, check_decode, detection_as};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, data)) = data.split_first() else {
        return;
    };
    check_decode(data, &detection_as(charset(pick), data));
});
