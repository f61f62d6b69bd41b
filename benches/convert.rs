//! In-process conversion benchmarks (criterion): `cargo bench --bench convert`.
//!
//! Input: `target/bench/corpus/zh_CN.txt` / `zh_TW.txt` when scripts/bench.sh has built them
//! (Debian manpages-zh), otherwise the inputs of tests/fixtures/convert/oracle.jsonl
//! repeated to about 1 MB, so the bench runs anywhere.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use zhfix::convert::{self, Config, Engine};

fn corpus(lang: &str) -> String {
    let path = format!(
        "{}/target/bench/corpus/{lang}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    if let Ok(text) = std::fs::read_to_string(path) {
        return text;
    }
    let fixtures = include_str!("../tests/fixtures/convert/oracle.jsonl");
    let mut lines = String::new();
    for line in fixtures
        .lines()
        .filter(|l| l.contains("\"config\": \"s2t\""))
    {
        let v: serde_json::Value = serde_json::from_str(line).expect("fixture line");
        let input = v["input"].as_str().unwrap_or_default();
        let text = if lang == "zh_TW" {
            v["output"].as_str().unwrap_or(input)
        } else {
            input
        };
        lines.push_str(text);
        lines.push('\n');
    }
    lines.repeat((1 << 20) / lines.len().max(1) + 1)
}

fn throughput(c: &mut Criterion) {
    let cn = corpus("zh_CN");
    let tw = corpus("zh_TW");
    let mut group = c.benchmark_group("convert");
    group.sample_size(10);
    for (config, text) in [
        (Config::S2t, &cn),
        (Config::T2s, &tw),
        (Config::S2twp, &cn),
        (Config::Tw2sp, &tw),
    ] {
        let conv = convert::load(Engine::Native, config).expect("load");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("1-thread", config), text, |b, t| {
            b.iter(|| conv.convert(black_box(t)))
        });
        group.bench_with_input(BenchmarkId::new("parallel", config), text, |b, t| {
            b.iter(|| convert::convert_parallel(conv.as_ref(), black_box(t)))
        });
    }
    group.throughput(Throughput::Bytes(cn.len() as u64));
    group.bench_function("detect_script", |b| {
        b.iter(|| convert::detect_script(black_box(&cn)))
    });
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
