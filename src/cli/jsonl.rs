//! `--jsonl FIELD`: fix one string field of each JSON line, keep everything else.
//!
//! Lines are read in batches, fixed in parallel and written in input order, so memory
//! stays bounded on a crawl of any size. A line that is not a JSON object is reported on
//! stderr and passed through unchanged; that is the mode's designed behaviour, not a
//! failure, so it does not change the exit status (a pipeline must not die on one bad
//! record). Unreadable inputs and write errors do.

use super::args::Args;
use super::output::{self, Output};
use super::Status;
use rayon::prelude::*;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use zhfix::io::atomic::AtomicFile;
use zhfix::io::jsonl::{fix_line, LineOutcome};
use zhfix::{Error, Pipeline};

const BATCH_LINES: usize = 4096;

pub fn run(args: &Args, pipeline: &Pipeline, out: &Output, field: &str) -> Result<Status, Error> {
    if args.in_place || args.out_dir.is_some() || args.check || args.diff {
        return Err(Error::Refused(
            "--jsonl writes to stdout or -o; it does not combine with -i, --out-dir, --check or --diff".into(),
        ));
    }
    let inputs: Vec<PathBuf> = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let mut atomic = match &args.output {
        Some(o) => Some(AtomicFile::create_output(
            o,
            &zhfix::io::atomic::ReplaceOptions {
                follow: args.follow,
                ..Default::default()
            },
        )?),
        None => None,
    };
    let stdout = std::io::stdout();
    let mut sink: Box<dyn Write> = Box::new(stdout.lock());
    let mut status = Status::Done;
    for path in &inputs {
        let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
            Box::new(BufReader::new(std::io::stdin()))
        } else {
            match std::fs::File::open(path) {
                Ok(f) => Box::new(BufReader::new(f)),
                Err(e) => {
                    eprintln!("{}", output::error_line(path, &Error::io(path, e)));
                    status = Status::Failed;
                    continue;
                }
            }
        };
        let mut write = |bytes: &[u8]| -> Result<(), Error> {
            match &mut atomic {
                Some(f) => f.write_all(bytes),
                None => sink.write_all(bytes).map_err(|e| Error::io("-", e)),
            }
        };
        if let Err(e) = fix_lines(args, pipeline, out, field, path, reader, &mut write) {
            if matches!(&e, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return Ok(status);
            }
            eprintln!("{}", output::error_line(path, &e));
            status = Status::Failed;
        }
    }
    let _ = sink.flush();
    if let Some(f) = atomic {
        f.commit(&Default::default())?;
    }
    Ok(status)
}

fn fix_lines(
    args: &Args,
    pipeline: &Pipeline,
    out: &Output,
    field: &str,
    path: &Path,
    mut reader: Box<dyn BufRead>,
    write: &mut dyn FnMut(&[u8]) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut lineno = 0usize;
    let mut encoder = out.encoder();
    loop {
        let mut batch: Vec<Vec<u8>> = Vec::with_capacity(BATCH_LINES);
        while batch.len() < BATCH_LINES {
            let mut line = Vec::new();
            let n = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| Error::io(path, e))?;
            if n == 0 {
                break;
            }
            batch.push(line);
        }
        if batch.is_empty() {
            return Ok(());
        }
        let fixed: Vec<(Vec<u8>, Option<String>, Option<zhfix::report::Report>)> = batch
            .into_par_iter()
            .map(|raw| process_line(pipeline, field, raw))
            .collect();
        for (bytes, why, report) in fixed {
            lineno += 1;
            if let Some(why) = why {
                eprintln!("{}:{lineno}: {why}", path.display());
            }
            if let Some(r) = &report {
                if args.explain {
                    output::explain(&format!("{}:{lineno}", path.display()), r);
                }
            }
            match std::str::from_utf8(&bytes) {
                Ok(text) => write(&encoder.encode(text)?)?,
                Err(_) => write(&bytes)?,
            }
        }
    }
}

/// One line in, one line out (with its original line break).
fn process_line(
    pipeline: &Pipeline,
    field: &str,
    raw: Vec<u8>,
) -> (Vec<u8>, Option<String>, Option<zhfix::report::Report>) {
    let body_len = raw.len()
        - if raw.ends_with(b"\r\n") {
            2
        } else {
            usize::from(raw.ends_with(b"\n"))
        };
    let Ok(body) = std::str::from_utf8(&raw[..body_len]) else {
        return (
            raw,
            Some("not UTF-8; passed through unchanged".into()),
            None,
        );
    };
    match fix_line(pipeline, body, field) {
        LineOutcome::Passed { why } => (raw, why, None),
        LineOutcome::Fixed { line, report } => {
            let mut bytes = line.into_bytes();
            bytes.extend_from_slice(&raw[body_len..]);
            (bytes, None, Some(*report))
        }
    }
}
