//! Per-thread caches of [`super::Model::cond_logp_mixed`] and [`super::Model::word_logp`].
//!
//! A hole's candidates are scored in windows of a dozen characters that differ in one or
//! two: a PUA-drop line scores tens of thousands of windows, so the same few hundred
//! (context, character) pairs and the same words are asked for again and again, each a
//! binary search or two (and an `exp`/`ln`). A direct-mapped cache answers a repeat with
//! one probe. It stores the function's own result, so a cached answer is the same `f32`
//! as a computed one.

use std::cell::Cell;

/// Slots per thread (64 KB): a line's windows ask for far fewer distinct pairs.
const SLOTS: usize = 4096;

#[derive(Clone, Copy)]
struct Slot {
    context: u32,
    c: u32,
    weight: u32,
    value: f32,
}

/// No real key: a character is at most `10FFFF`.
const EMPTY: Slot = Slot {
    context: u32::MAX,
    c: u32::MAX,
    weight: 0,
    value: 0.0,
};

thread_local! {
    // Initialised in place (no lazy set-up to check on every call).
    static SLOTS_OF_THREAD: [Cell<Slot>; SLOTS] = const { [const { Cell::new(EMPTY) }; SLOTS] };
}

/// `compute()`, the value for (`context`, `c`, `weight`), from the cache when it holds it.
pub fn cond_logp(context: char, c: char, weight: f32, compute: impl FnOnce() -> f32) -> f32 {
    let (context, c, weight) = (context as u32, c as u32, weight.to_bits());
    let key = (u64::from(context) << 32 | u64::from(c)) ^ u64::from(weight);
    let at = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize % SLOTS;
    SLOTS_OF_THREAD.with(|slots| {
        let slot = slots[at].get();
        if slot.context == context && slot.c == c && slot.weight == weight {
            return slot.value;
        }
        let value = compute();
        slots[at].set(Slot {
            context,
            c,
            weight,
            value,
        });
        value
    })
}

/// A word's slot: its key and ln P (NaN: not a word), `full` once written.
#[derive(Clone, Copy)]
struct WordSlot {
    key: u64,
    logp: f32,
    full: bool,
}

const NO_WORD: WordSlot = WordSlot {
    key: 0,
    logp: 0.0,
    full: false,
};

thread_local! {
    static WORDS_OF_THREAD: [Cell<WordSlot>; SLOTS] = const { [const { Cell::new(NO_WORD) }; SLOTS] };
}

/// `compute()`, the ln P of the word with table key `key`, from the cache when it holds it.
pub fn word_logp(key: u64, compute: impl FnOnce() -> Option<f32>) -> Option<f32> {
    let at = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize % SLOTS;
    WORDS_OF_THREAD.with(|slots| {
        let slot = slots[at].get();
        if slot.full && slot.key == key {
            return (!slot.logp.is_nan()).then_some(slot.logp);
        }
        let logp = compute();
        slots[at].set(WordSlot {
            key,
            logp: logp.unwrap_or(f32::NAN),
            full: true,
        });
        logp
    })
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
