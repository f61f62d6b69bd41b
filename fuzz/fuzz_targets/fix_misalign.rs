//! The misalign fixer alone (first byte picks the repair options), on the text the
//! pipeline would give it; checks no-change-means-unchanged, offsets, line breaks and
//! idempotence.
#![no_main]
use libfuzzer_sys::fuzz_target;
use zhfix_fuzz::invariants::{check_fixer, options};

fuzz_target!(|data: &[u8]| {
    let Some((&opts, data)) = data.split_first() else {
        return;
    };
    check_fixer(
        &zhfix::repair::misalign::Misalign::default(),
        data,
        &options(opts),
    );
});
