//! Detection, then decoding with what was detected: any bytes at all.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| zhfix_fuzz::invariants::check_detect(data));
