//! Cost of the mojibake fixer on clean text (the fast path every input pays) and on
//! garbled text (the candidate search).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use zhfix::repair::mojibake::Mojibake;
use zhfix::repair::{Context, Fixer, RepairOptions};

const SENTENCES: &str = include_str!("../tests/fixtures/mojibake/sentences.txt");
/// Clean man-page text: rare characters, curly quotes, groff markup, spaced Traditional.
const MANPAGES: &str = include_str!("../tests/fixtures/mojibake/clean_manpages.txt");

fn run(c: &mut Criterion) {
    let options = RepairOptions::default();
    let ctx = Context {
        raw: None,
        encoding: encoding_rs::UTF_8,
        options: &options,
    };
    let clean_zh = SENTENCES.repeat(20);
    let manpages = MANPAGES.repeat(4);
    let ascii = "The quick brown fox jumps over the lazy dog.\n".repeat(2000);
    let garbled_cp1252: String = encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(SENTENCES.as_bytes())
        .0
        .into_owned();
    let garbled_gbk_latin1: String = encoding_rs::GBK
        .encode(SENTENCES)
        .0
        .iter()
        .map(|&b| char::from(b))
        .collect();

    let mut g = c.benchmark_group("mojibake");
    for (name, text) in [
        ("clean_ascii", &ascii),
        ("clean_chinese", &clean_zh),
        ("clean_manpages", &manpages),
        ("utf8_as_cp1252", &garbled_cp1252),
        ("gbk_as_latin1", &garbled_gbk_latin1),
    ] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| Mojibake.fix(black_box(text), &ctx).changes.len())
        });
    }
    g.finish();
}

criterion_group!(benches, run);
criterion_main!(benches);
