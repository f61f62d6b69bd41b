//! Command-line front end (minimal first cut: files or stdin to stdout).

use clap::Parser;
use std::io::{Read, Write};
use zhfix::convert::Target;
use zhfix::Pipeline;

#[derive(Parser, Debug)]
#[command(
    name = "zhfix",
    version,
    about = "Detect, decode, repair and convert Chinese text"
)]
struct Args {
    /// Target script: keep, s, t, tw, twp, hk, jp.
    #[arg(long, default_value = "keep")]
    to: String,
    /// Print each repair to stderr.
    #[arg(long)]
    explain: bool,
    files: Vec<std::path::PathBuf>,
}

pub fn run() -> i32 {
    let args = Args::parse();
    match try_run(&args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("zhfix: {e}");
            2
        }
    }
}

fn try_run(args: &Args) -> Result<i32, zhfix::Error> {
    let target: Target = args.to.parse()?;
    let pipeline = Pipeline::builder().target(target).build()?;
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    if args.files.is_empty() {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| zhfix::Error::io("-", e))?;
        inputs.push(("-".into(), buf));
    } else {
        for f in &args.files {
            let bytes = std::fs::read(f).map_err(|e| zhfix::Error::io(f, e))?;
            inputs.push((f.display().to_string(), bytes));
        }
    }
    let mut code = 0;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (name, bytes) in inputs {
        match pipeline.fix_bytes(&bytes) {
            Ok(fixed) => {
                if args.explain {
                    for c in &fixed.report.repairs {
                        eprintln!(
                            "{name}: {} {} {:?} -> {:?} ({})",
                            c.fixer, c.kind, c.before, c.after, c.why
                        );
                    }
                }
                let _ = out.write_all(fixed.text.as_bytes());
            }
            Err(e) => {
                eprintln!("{name}: {e}");
                code = 2;
            }
        }
    }
    Ok(code)
}
