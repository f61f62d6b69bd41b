//! The whole library pipeline, bytes in (first byte picks the target and annotation mode).
#![no_main]
use libfuzzer_sys::fuzz_target;
use zhfix_fuzz::invariants::{check_pipeline, pipeline};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, data)) = data.split_first() else {
        return;
    };
    let (p, target) = pipeline(pick);
    check_pipeline(p, target, data);
});
