//! Per-thread caches of [`super::Model::cond_logp_mixed`] and [`super::Model::word_logp`].
//!
//! A hole's candidates are scored in windows of a dozen characters that differ in one or
//! two: a PUA-drop line scores tens of thousands of windows, so the same few hundred
//! (context, character) pairs and the same words are asked for again and again, each a
//! binary search or two (and an `exp`/`ln`). A direct-mapped cache answers a repeat with
//! one probe. It stores the function's own result, so a cached answer is the same `f32`
//! as a computed one.

use std::cell::Cell;

/// Slots per cache and thread: a line's windows ask for far fewer distinct keys.
const SLOTS: usize = 4096;

/// One slot of a cache: a key, its value, and whether the slot was ever written.
#[derive(Clone, Copy)]
struct Slot<K, V> {
    key: K,
    value: V,
    full: bool,
}

/// A cache's slots, initialised in place (no lazy set-up to check on every call).
type Slots<K, V> = [Cell<Slot<K, V>>; SLOTS];

/// (context, character, weight bits) of a [`cond_logp`] question.
type CondKey = (u32, u32, u32);

thread_local! {
    static CONDS: Slots<CondKey, f32> = const {
        [const { Cell::new(Slot { key: (0, 0, 0), value: 0.0, full: false }) }; SLOTS]
    };
    static WORDS: Slots<u64, Option<f32>> = const {
        [const { Cell::new(Slot { key: 0, value: None, full: false }) }; SLOTS]
    };
}

/// `key`'s value from `slots` (the slot `hash` picks), else `compute()`, stored there.
fn probe<K: Copy + PartialEq, V: Copy>(
    slots: &Slots<K, V>,
    key: K,
    hash: u64,
    compute: impl FnOnce() -> V,
) -> V {
    let at = (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize % SLOTS;
    let slot = slots[at].get();
    if slot.full && slot.key == key {
        return slot.value;
    }
    let value = compute();
    slots[at].set(Slot {
        key,
        value,
        full: true,
    });
    value
}

/// `compute()`, the value for (`context`, `c`, `weight`), from the cache when it holds it.
pub fn cond_logp(context: char, c: char, weight: f32, compute: impl FnOnce() -> f32) -> f32 {
    let key = (context as u32, c as u32, weight.to_bits());
    let hash = (u64::from(key.0) << 32 | u64::from(key.1)) ^ u64::from(key.2);
    CONDS.with(|slots| probe(slots, key, hash, compute))
}

/// `compute()`, the ln P of the word with table key `key`, from the cache when it holds it.
pub fn word_logp(key: u64, compute: impl FnOnce() -> Option<f32>) -> Option<f32> {
    WORDS.with(|slots| probe(slots, key, key, compute))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_value_is_the_computed_one_and_keys_do_not_mix() {
        let mut calls = 0;
        let mut ask = |a: char, c: char, w: f32, v: f32| {
            cond_logp(a, c, w, || {
                calls += 1;
                v
            })
        };
        assert_eq!(ask('中', '文', 0.9, -1.5), -1.5);
        // Cached: the second closure's value is not used.
        assert_eq!(ask('中', '文', 0.9, -9.0), -1.5);
        // Another weight, another character, another context: computed.
        assert_eq!(ask('中', '文', 1.0, -2.5), -2.5);
        assert_eq!(ask('中', '字', 0.9, -3.5), -3.5);
        assert_eq!(ask('\u{2}', '文', 0.9, -4.5), -4.5);
        assert_eq!(calls, 4);
    }

    #[test]
    fn a_cached_word_is_the_computed_one_and_a_non_word_stays_one() {
        let mut calls = 0;
        let mut ask = |key: u64, v: Option<f32>| {
            word_logp(key, || {
                calls += 1;
                v
            })
        };
        assert_eq!(ask(0, Some(-7.25)), Some(-7.25));
        assert_eq!(ask(0, None), Some(-7.25));
        assert_eq!(ask(0x1234_5678_9ABC, None), None);
        assert_eq!(ask(0x1234_5678_9ABC, Some(-1.0)), None);
        assert_eq!(calls, 2);
    }
}
