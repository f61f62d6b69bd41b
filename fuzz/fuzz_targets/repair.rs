//! The standard chain of fixers (first byte picks the repair options).
#![no_main]
use libfuzzer_sys::fuzz_target;
use zhfix_fuzz::invariants::{check_repairer, options};

fuzz_target!(|data: &[u8]| {
    let Some((&opts, data)) = data.split_first() else {
        return;
    };
    check_repairer(data, &options(opts));
});
