//! Generated seed-corruption cases (`scripts/gen-seed-cases.py --seed 3 --count 300
//! --max-chars 300`, manpages-zh text): every lossless case must come back exactly; lossy
//! cases must come back no worse than they went in, with their guesses reported.

use serde::Deserialize;
use zhfix::Pipeline;

#[derive(Deserialize)]
struct Case {
    id: String,
    lossy: bool,
    input: String,
    expected: String,
}

fn cases() -> Vec<Case> {
    include_str!("fixtures/seed/generated.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("fixture line"))
        .collect()
}

/// Levenshtein distance in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[test]
fn every_lossless_case_is_recovered_exactly() {
    let pipeline = Pipeline::builder().build().expect("pipeline");
    let mut failures = Vec::new();
    let mut n = 0;
    for case in cases().iter().filter(|c| !c.lossy) {
        n += 1;
        let fixed = pipeline.fix_str(&case.input).expect("fix");
        if fixed.text != case.expected {
            failures.push(case.id.clone());
        }
        assert_eq!(
            fixed.report.guessed, 0,
            "{}: guessed in a lossless case",
            case.id
        );
    }
    assert!(n >= 200, "only {n} lossless cases");
    assert!(failures.is_empty(), "not exact: {failures:?}");
}

/// Lossy cases (of 75) that come out exact: where the bytes leave a choice, the text
/// model and the document's own evidence (bigrams, character frequencies, script) pick
/// right. Pinned so a change to the search or the model that loses one shows up here;
/// a change that gains some should add them. (88 and 98 were exact only because the line
/// break a misaligned run swallowed was put back; a fixer never adds a line, so they are
/// no longer. The running-text character model lost 181, 190 and 268 and gained 1, 134,
/// 232 and 234; later model work gained 168, 235 and 252.)
const LOSSY_EXACT: [u32; 44] = [
    1, 7, 17, 21, 44, 45, 49, 81, 102, 110, 111, 113, 118, 131, 134, 139, 144, 151, 162, 168, 169,
    183, 184, 186, 192, 196, 198, 210, 218, 220, 222, 223, 227, 232, 234, 235, 250, 252, 254, 259,
    264, 267, 276, 290,
];

#[test]
fn lossy_cases_pinned_as_exact_stay_exact() {
    let pipeline = Pipeline::builder().build().expect("pipeline");
    let wanted: Vec<String> = LOSSY_EXACT
        .iter()
        .map(|n| format!("gen-3-{n:04}"))
        .collect();
    let mut seen = 0;
    let mut failures = Vec::new();
    for case in cases().iter().filter(|c| wanted.contains(&c.id)) {
        assert!(case.lossy, "{} is not lossy", case.id);
        let fixed = pipeline.fix_str(&case.input).expect("fix");
        if fixed.text != case.expected {
            failures.push((case.id.clone(), fixed.text));
        }
        seen += 1;
    }
    assert_eq!(seen, LOSSY_EXACT.len());
    assert!(failures.is_empty(), "not exact: {failures:?}");
}

#[test]
fn lossy_cases_improve_and_report_their_guesses() {
    let pipeline = Pipeline::builder().build().expect("pipeline");
    let (mut exact, mut before, mut after, mut n) = (0, 0, 0, 0);
    for case in cases().iter().filter(|c| c.lossy) {
        n += 1;
        let fixed = pipeline.fix_str(&case.input).expect("fix");
        let d_in = distance(&case.input, &case.expected);
        let d_out = distance(&fixed.text, &case.expected);
        assert!(d_out <= d_in, "{}: worse than the input", case.id);
        if fixed.text == case.expected {
            exact += 1;
        } else {
            assert!(
                fixed.report.guessed + fixed.report.lost > 0 || d_out < d_in,
                "{}: wrong without saying so",
                case.id
            );
        }
        before += d_in;
        after += d_out;
    }
    assert!(n >= 50, "only {n} lossy cases");
    // Most damage is undone even where bytes are gone.
    assert!(after * 10 < before, "edit distance {before} -> {after}");
    assert!(exact * 6 >= n, "{exact}/{n} lossy cases exact");
}
