//! Every input the fuzz campaign crashed on (`tests/fixtures/fuzz/<target>/<sha1>`, the
//! artifacts libFuzzer wrote; tests/FUZZING.md), replayed through its target's own check:
//! the first byte picks the options, as in `fuzz/fuzz_targets/*.rs`.
//!
//! Inputs listed in `tests/fixtures/fuzz/OPEN` still fail: they are known open bugs, each
//! with the failure it shows, and are replayed by the ignored test. Every other input must
//! pass, so a fixed crash stays fixed; a newly fixed one must leave the list.

#[path = "../fuzz/src/invariants.rs"]
#[allow(dead_code)]
mod invariants;

use invariants::{
    charset, check_decode, check_detect, check_fixer, check_pipeline, check_repairer, detection_as,
    options,
};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fuzz");

/// One input through the check of the fuzz target it came from.
fn replay(target: &str, data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    match target {
        "detect" => check_detect(data),
        "decode" => check_decode(rest, &detection_as(charset(first), rest)),
        "fix_misalign" => check_fixer(
            &zhfix::repair::misalign::Misalign::default(),
            rest,
            &options(first),
        ),
        "fix_mojibake" => check_fixer(&zhfix::repair::mojibake::Mojibake, rest, &options(first)),
        "repair" => check_repairer(rest, &options(first)),
        "pipeline" => {
            let (p, target) = invariants::pipeline(first);
            check_pipeline(p, target, rest);
        }
        other => panic!("no replay for fuzz target {other}"),
    }
}

/// `target/sha1` of every open input.
fn open() -> Vec<String> {
    let list = std::fs::read_to_string(Path::new(DIR).join("OPEN")).unwrap();
    list.lines()
        .filter_map(|l| l.split('\t').next())
        .map(str::to_owned)
        .collect()
}

/// Replay the inputs that are (`want_open`) or are not in the open list; the names of
/// those whose check panicked.
fn failures(want_open: bool) -> (usize, Vec<String>) {
    let open = open();
    let mut names: Vec<String> = Vec::new();
    for target in std::fs::read_dir(DIR).unwrap() {
        let target = target.unwrap().path();
        if !target.is_dir() {
            continue;
        }
        for input in std::fs::read_dir(&target).unwrap() {
            let input = input.unwrap().path();
            let t = target.file_name().unwrap().to_string_lossy().into_owned();
            let name = format!("{t}/{}", input.file_name().unwrap().to_string_lossy());
            if open.contains(&name) == want_open {
                names.push(name);
            }
        }
    }
    names.sort();
    let failed = names
        .iter()
        .filter(|name| {
            let (target, _) = name.split_once('/').unwrap();
            let data = std::fs::read(Path::new(DIR).join(name)).unwrap();
            catch_unwind(AssertUnwindSafe(|| replay(target, &data))).is_err()
        })
        .cloned()
        .collect();
    (names.len(), failed)
}

#[test]
fn fixed_fuzz_crashes_stay_fixed() {
    let (n, failed) = failures(false);
    assert!(n >= 100, "only {n} inputs found under {DIR}");
    assert!(
        failed.is_empty(),
        "{} of {n} fail again: {failed:?}",
        failed.len()
    );
}

#[test]
#[ignore = "known open bugs (tests/fixtures/fuzz/OPEN): idempotence and line breaks"]
fn open_fuzz_crashes() {
    let (n, failed) = failures(true);
    assert!(
        failed.is_empty(),
        "{} of {n} open inputs fail",
        failed.len()
    );
}
