//! `opencc`-like filter over zhfix's conversion stage alone (no detection, no repair), for
//! the agreement script and the benchmark.
//!
//!     cargo run --release --example opencc -- -c s2t [-j THREADS] [--repeat N] < in > out
//!
//! With `--repeat N` the text is converted N times and the best throughput is printed to
//! stderr as `MB/s <value>`; the output is written once.

use std::io::{Read, Write};
use std::time::Instant;
use zhfix::convert::{self, Config, Engine};

fn main() {
    if let Err(e) = run() {
        eprintln!("opencc example: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut config = Config::S2t;
    let mut threads = 1usize;
    let mut repeat = 0usize;
    let mut engine = Engine::Native;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "-c" | "--config" => config = value()?.parse()?,
            "-j" | "--threads" => threads = value()?.parse()?,
            "--repeat" => repeat = value()?.parse()?,
            "--engine" => engine = value()?.parse()?,
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let start = Instant::now();
    let converter = convert::load(engine, config)?;
    let loaded = start.elapsed();
    let run = || pool.install(|| convert::convert_parallel(converter.as_ref(), &text));
    let out = run();
    if repeat > 0 {
        let mut best = f64::MAX;
        for _ in 0..repeat {
            let t = Instant::now();
            std::hint::black_box(run());
            best = best.min(t.elapsed().as_secs_f64());
        }
        eprintln!("load_ms {:.3}", loaded.as_secs_f64() * 1e3);
        eprintln!("MB/s {:.1}", text.len() as f64 / best / 1e6);
    }
    std::io::stdout().write_all(out.as_bytes())?;
    Ok(())
}
