//! Throughput of detection and decoding, per input encoding, on ~1 MB of Chinese text
//! built from the test fixtures (run: `cargo bench --bench detect`).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use zhfix::decode::decode;
use zhfix::detect::detect;
use zhfix::io::encode::{encode, OutputEncoding};

fn text() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/detect/");
    let base = std::fs::read_to_string(format!("{dir}gbk.txt")).expect("fixture");
    base.repeat((1 << 20) / base.len() + 1)
}

fn inputs() -> Vec<(&'static str, Vec<u8>)> {
    let t = text();
    let enc = |label: &str| {
        encode(&t, OutputEncoding::for_label(label).unwrap())
            .unwrap()
            .into_owned()
    };
    // Every fifth line raw GBK inside UTF-8.
    let mixed: Vec<u8> = t
        .split_inclusive('\n')
        .enumerate()
        .flat_map(|(i, line)| {
            if i % 5 == 0 {
                encode(line, OutputEncoding::Legacy(encoding_rs::GBK))
                    .unwrap()
                    .into_owned()
            } else {
                line.as_bytes().to_vec()
            }
        })
        .collect();
    vec![
        ("utf-8", enc("utf-8")),
        ("gbk", enc("gbk")),
        ("utf-16le", enc("utf-16le")),
        ("hz", enc("hz")),
        ("utf-8-with-gbk-lines", mixed),
    ]
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("detect+decode");
    g.sample_size(20);
    for (name, bytes) in inputs() {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                let det = detect(&bytes).unwrap();
                decode(&bytes, &det).text.len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
