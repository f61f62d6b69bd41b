use super::*;

/// The byte-at-a-time rule the pair search uses agrees with `std::str::from_utf8` for
/// every byte after every incomplete character (and at a boundary).
#[test]
fn continues_agrees_with_std_after_every_incomplete_character() {
    let mut tails: Vec<Vec<u8>> = vec![vec![]];
    for lead in 0xC2u8..=0xF4 {
        for c1 in 0x80u8..=0xBF {
            for c2 in 0x80u8..=0xBF {
                for tail in [vec![lead], vec![lead, c1], vec![lead, c1, c2]] {
                    if may_start(&tail) && std::str::from_utf8(&tail).is_err() {
                        tails.push(tail);
                    }
                }
            }
        }
    }
    tails.sort();
    tails.dedup();
    // The boundary; 51 leads; lead and one continuation (E0, ED, F0 and F4 allow
    // fewer); F0–F4 with two.
    let two = 32 + 32 + 14 * 64 + 48 + 3 * 64 + 16;
    let three = (48 + 3 * 64 + 16) * 64;
    assert_eq!(tails.len(), 1 + 51 + two + three);
    for tail in &tails {
        for b in 0..=255u8 {
            let whole = [tail.as_slice(), &[b]].concat();
            assert_eq!(continues(tail, b), may_start(&whole), "{tail:02X?} {b:02X}");
            if continues(tail, b) {
                let complete = tail_after(&whole, 0) == whole.len();
                assert_eq!(
                    complete,
                    std::str::from_utf8(&whole).is_ok(),
                    "{whole:02X?}"
                );
            }
        }
    }
}

/// Completing the cheapest floors first gives what costing every candidate gives: the
/// same best, the same cost for each candidate kept, and every rival within
/// AMBIGUOUS of the best kept.
#[test]
fn cheapest_keeps_what_full_scoring_would_decide_by() {
    let alphabet = [
        "中", "文", "界面", "使用", "的", "了", "，", "a", "鬱", "𠀀",
    ];
    let texts: Vec<String> = crate::test_texts::random_texts(&alphabet, 6, 600, 7).collect();
    for (group, texts) in texts.chunks(30).enumerate() {
        let trials: Vec<Ranked> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let cheap = ((i * 7 + group * 3) % 11) as f32 * 0.7;
                let terms = Terms {
                    broken: i % 3 / 2,
                    foreign: 0,
                    ascii: if i % 5 == 0 { ASCII_LOST } else { 0.0 },
                    prior: if i % 2 == 0 { SECOND_PAIR } else { 0.0 },
                };
                Ranked {
                    at: i,
                    ins: vec![],
                    text: text.clone(),
                    floor: terms.total(cheap),
                    terms,
                    cheap,
                }
            })
            .collect();
        let full: Vec<f32> = trials
            .iter()
            .map(|t| t.terms.total(fill::with_words(t.cheap, &t.text)))
            .collect();
        let best = full.iter().copied().fold(f32::INFINITY, f32::min);
        let kept = cheapest(trials);
        for c in &kept {
            assert_eq!(c.cost, full[c.at], "group {group}");
        }
        for (i, &cost) in full.iter().enumerate() {
            if cost < best + AMBIGUOUS {
                assert!(kept.iter().any(|c| c.at == i), "group {group}: {i} missing");
            }
        }
        assert!(kept.windows(2).all(|w| w[0].at < w[1].at));
        // The pruning does prune.
        assert!(kept.len() < full.len(), "group {group}");
    }
}
