//! The `zhfix` binary: parse arguments, pick a mode, print what the library reports.
//!
//! Everything real lives in the library; this module only decides where bytes go and how
//! outcomes are shown. Exit codes are defined once, in [`Status`], and in `--help`.

mod args;
mod batch;
mod jsonl;
mod output;

use args::Args;
use clap::Parser;
use zhfix::pipeline::Settings;
use zhfix::{Error, Pipeline};

/// How a run ended; the process exit code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    #[default]
    Done = 0,
    WouldChange = 1,
    Failed = 2,
}

pub fn run() -> i32 {
    let mut args = Args::parse();
    // `-o -` is standard output, as in iconv, sort and OpenCC: not a file named "-".
    if args.output.as_deref() == Some(std::path::Path::new("-")) {
        args.output = None;
    }
    match try_run(&args) {
        Ok(status) => status as i32,
        Err(e) => {
            eprintln!("zhfix: {e}");
            Status::Failed as i32
        }
    }
}

fn try_run(args: &Args) -> Result<Status, Error> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .map_err(|e| Error::Refused(format!("cannot start {n} threads: {e}")))?;
    }
    let pipeline = build_pipeline(args)?;
    let out = output::Output::from_args(args)?;
    if let Some(field) = &args.jsonl {
        return jsonl::run(args, &pipeline, &out, field);
    }
    batch::run(args, &pipeline, &out)
}

fn build_pipeline(args: &Args) -> Result<Pipeline, Error> {
    Settings {
        to: args.to.clone(),
        config: args.config.clone(),
        engine: args.engine.clone(),
        from_encoding: args.from.clone(),
        strict: args.strict,
        repair: !args.no_repair,
        annotations: match args.annotations {
            args::Annotations::Auto => "auto",
            args::Annotations::Strip => "strip",
            args::Annotations::Keep => "keep",
        }
        .into(),
        mark_guesses: args.mark_guesses,
        fullwidth_punct: args.fullwidth_punct,
    }
    .build()
}
