//! Files, trees and standard input: where each input's bytes come from and go to.

use super::args::{Args, ReportFormat};
use super::output::{self, Output};
use super::Status;
use rayon::prelude::*;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use zhfix::io::atomic::{in_place_target, AtomicFile, ReplaceOptions, Snapshot};
use zhfix::io::stream::{fix_stream, StreamOptions};
use zhfix::io::walk::{walk, Found, WalkOptions};
use zhfix::report::Report;
use zhfix::{Error, Pipeline};

/// Where fixed text goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Dest {
    Stdout,
    File(PathBuf),
    InPlace,
    OutDir(PathBuf),
    /// `--check`, `--diff`, `--report`: nothing is written.
    Nowhere,
}

impl Dest {
    fn from_args(args: &Args) -> Dest {
        if let Some(o) = &args.output {
            Dest::File(o.clone())
        } else if args.in_place {
            Dest::InPlace
        } else if let Some(d) = &args.out_dir {
            Dest::OutDir(d.clone())
        } else if args.check || args.diff || args.report.is_some() {
            Dest::Nowhere
        } else {
            Dest::Stdout
        }
    }
}

/// Everything one input's processing produced, for printing in input order.
struct FileResult {
    path: PathBuf,
    report: Report,
    changed: bool,
    diff: Option<String>,
    skipped: Option<String>,
    error: Option<Error>,
}

/// Shared, read-only state of a run.
struct Run<'a> {
    args: &'a Args,
    pipeline: &'a Pipeline,
    out: &'a Output,
    dest: Dest,
    replace: ReplaceOptions,
    stream: StreamOptions,
}

/// The top-level entry point for files, trees and stdin.
pub fn run(args: &Args, pipeline: &Pipeline, out: &Output) -> Result<Status, Error> {
    let run = Run {
        args,
        pipeline,
        out,
        dest: Dest::from_args(args),
        replace: ReplaceOptions {
            backup: args.backup.clone(),
            follow: args.follow,
            force: args.force,
        },
        stream: StreamOptions {
            chunk_size: args.chunk_size,
            output: Some(out.encoding),
            ..StreamOptions::default()
        },
    };
    let stdin_only = args.paths.is_empty() || args.paths.iter().all(|p| p.as_os_str() == "-");
    if stdin_only {
        if matches!(run.dest, Dest::InPlace | Dest::OutDir(_)) {
            return Err(Error::Refused(
                "-i and --out-dir need file arguments, not standard input".into(),
            ));
        }
        let stdin = std::io::stdin();
        let result = run.process(Path::new("-"), None, stdin.lock(), None);
        return Ok(run.finish(vec![result]));
    }
    let found = walk(
        &args.paths,
        &WalkOptions {
            recursive: args.recursive,
            globs: args.globs.clone(),
            no_ignore: args.no_ignore,
            hidden: args.hidden,
            follow: args.follow,
        },
    )?;
    let mut status = Status::Done;
    let mut files = Vec::new();
    for f in found {
        match f {
            Found::File { path, root } => files.push((path, root)),
            Found::Skipped { path, why } => {
                if !args.quiet {
                    eprintln!("{}: {why}; skipped", path.display());
                }
            }
            Found::Error { path, error } => {
                eprintln!("{}", output::error_line(&path, &error));
                status = Status::Failed;
            }
        }
    }
    if matches!(run.dest, Dest::File(_)) && files.len() != 1 {
        return Err(Error::Refused(format!(
            "-o takes exactly one input file, got {}",
            files.len()
        )));
    }
    let results = if run.dest == Dest::Stdout {
        // Text goes to stdout in input order: one file at a time (each file's chunks
        // still run in parallel).
        let mut results = Vec::with_capacity(files.len());
        for (path, root) in &files {
            let r = run.open_and_process(path, root.as_deref());
            let broken = r.error.as_ref().is_some_and(is_broken_pipe);
            results.push(r);
            if broken {
                break;
            }
        }
        results
    } else {
        let bar = progress_bar(files.len(), args.quiet);
        let results: Vec<FileResult> = files
            .par_iter()
            .map(|(path, root)| {
                let r = run.open_and_process(path, root.as_deref());
                if let Some(b) = &bar {
                    b.inc(1);
                }
                r
            })
            .collect();
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        results
    };
    Ok(status.max(run.finish(results)))
}

fn is_broken_pipe(e: &Error) -> bool {
    matches!(e, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
}

fn progress_bar(len: usize, quiet: bool) -> Option<indicatif::ProgressBar> {
    const MIN_FILES: usize = 50;
    if quiet || len < MIN_FILES || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed} {msg}")
    {
        bar.set_style(style);
    }
    Some(bar)
}

impl Run<'_> {
    fn open_and_process(&self, path: &Path, root: Option<&Path>) -> FileResult {
        match std::fs::File::open(path) {
            Ok(f) => self.process(path, root, &f, Some(&f)),
            Err(e) => failed(path, Error::io(path, e)),
        }
    }

    /// Fix one input and send it where it goes. `file` is the input's open handle, when
    /// it is a file, so an in-place rewrite can check nobody changed it meanwhile.
    fn process(
        &self,
        path: &Path,
        root: Option<&Path>,
        reader: impl Read,
        file: Option<&std::fs::File>,
    ) -> FileResult {
        let name = path.display().to_string();
        let (write_to, mut atomic, cannot_write) = match self.writer_for(path, root) {
            Ok((to, atomic)) => (to, atomic, None),
            // In place, a file that needs no change is left alone, so not being able to
            // replace it (a read-only folder, a hard link) only matters if it would change.
            Err(e) if self.dest == Dest::InPlace => (None, None, Some(e)),
            Err(e) => return failed(path, e),
        };
        let stdout = std::io::stdout();
        let mut stdout = (self.dest == Dest::Stdout).then(|| stdout.lock());
        let mut changed = false;
        let mut encoder = self.out.encoder();
        let mut diff = self.args.diff.then(|| (String::new(), String::new()));
        let result = fix_stream(self.pipeline, reader, self.stream, &name, |chunk| {
            let bytes = encoder.encode(&chunk.text)?;
            changed |= *bytes != *chunk.input;
            if self.args.explain {
                output::explain(&name, &chunk.report);
            }
            if let Some((before, after)) = &mut diff {
                before.push_str(&zhfix::decode::decode(&chunk.input, &chunk.detection).text);
                after.push_str(&chunk.text);
            }
            if let Some(out) = &mut stdout {
                out.write_all(&bytes).map_err(|e| Error::io(&name, e))?;
            }
            if let Some(file) = &mut atomic {
                file.write_all(&bytes)?;
            }
            Ok(())
        });
        if let Some(out) = &mut stdout {
            let _ = out.flush();
        }
        let mut report = match result {
            Ok(r) => r,
            Err(Error::Binary(why)) => return skipped(path, format!("not text ({why})")),
            Err(e) => return failed(path, e),
        };
        report.path = Some(name.clone());
        report.status = if changed { "changed" } else { "unchanged" }.into();
        if changed {
            if let Some(e) = cannot_write {
                return failed(path, e);
            }
        }
        // What the input looked like when reading ended, to check before replacing it.
        let seen =
            match (file, self.dest == Dest::InPlace && changed) {
                (Some(f), true) => match Snapshot::of(f) {
                    Ok(s) if s.len() == report.bytes_in as u64 => Some(s),
                    Ok(_) => return failed(
                        path,
                        Error::Refused(
                            "changed while zhfix was reading it; left as it is (run zhfix again)"
                                .into(),
                        ),
                    ),
                    Err(e) => return failed(path, Error::io(path, e)),
                },
                _ => None,
            };
        if let (Some(file), Some(target)) = (atomic, write_to) {
            // In place, an unchanged file is left alone (its mtime too).
            if changed || self.dest != Dest::InPlace {
                if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
                    if let Err(e) = std::fs::create_dir_all(parent) {
                        return failed(path, Error::io(parent, e));
                    }
                }
                if let Some(Err(e)) = seen.as_ref().map(|s| s.still_matches(&target)) {
                    return failed(path, e);
                }
                if let Err(e) = file.commit(&self.replace) {
                    return failed(path, e);
                }
            }
        }
        FileResult {
            path: path.to_path_buf(),
            diff: diff
                .filter(|_| changed)
                .map(|(b, a)| output::unified_diff(&name, &b, &a)),
            report,
            changed,
            skipped: None,
            error: None,
        }
    }

    /// The file this input's output replaces or creates, and its temp file.
    fn writer_for(
        &self,
        path: &Path,
        root: Option<&Path>,
    ) -> Result<(Option<PathBuf>, Option<AtomicFile>), Error> {
        let target = match &self.dest {
            Dest::Stdout | Dest::Nowhere => return Ok((None, None)),
            Dest::File(o) => o.clone(),
            Dest::InPlace => in_place_target(path, &self.replace)?,
            Dest::OutDir(dir) => {
                let rel = match root {
                    Some(r) => path.strip_prefix(r).unwrap_or(path),
                    None => Path::new(path.file_name().unwrap_or(path.as_os_str())),
                };
                dir.join(rel)
            }
        };
        if self.dest != Dest::InPlace && same_file(path, &target) {
            return Err(Error::Refused(format!(
                "output {} is the input itself (use -i to rewrite in place)",
                target.display()
            )));
        }
        let dir_exists = target
            .parent()
            .map_or(true, |p| p.as_os_str().is_empty() || p.is_dir());
        if !dir_exists {
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
        }
        let file = match &self.dest {
            Dest::File(o) => AtomicFile::create_output(o, &self.replace)?,
            _ => AtomicFile::create(&target)?,
        };
        Ok((Some(target), Some(file)))
    }

    /// Print reports, check lines, diffs and errors in input order; the run's status.
    fn finish(&self, results: Vec<FileResult>) -> Status {
        let mut status = Status::Done;
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        for r in results {
            if let Some(e) = &r.error {
                if is_broken_pipe(e) {
                    break;
                }
                eprintln!("{}", output::error_line(&r.path, e));
                status = Status::Failed;
            }
            if let Some(why) = &r.skipped {
                if !self.args.quiet {
                    eprintln!("{}: {why}; skipped", r.path.display());
                }
            }
            if self.args.report == Some(ReportFormat::Json) {
                let _ = writeln!(out, "{}", output::report_json(&r.report));
            }
            if let Some(d) = &r.diff {
                let _ = out.write_all(d.as_bytes());
            }
            if self.args.check && r.changed {
                if self.args.report.is_none() && !self.args.diff {
                    let _ = writeln!(out, "{}", r.path.display());
                }
                status = status.max(Status::WouldChange);
            }
        }
        let _ = out.flush();
        status
    }
}

fn failed(path: &Path, error: Error) -> FileResult {
    let line = output::error_line(path, &error);
    not_processed(path, "error", line, None, Some(error))
}

fn skipped(path: &Path, why: String) -> FileResult {
    not_processed(path, "skipped", why.clone(), Some(why), None)
}

/// A result for an input that produced no output.
fn not_processed(
    path: &Path,
    status: &str,
    message: String,
    skipped: Option<String>,
    error: Option<Error>,
) -> FileResult {
    FileResult {
        path: path.to_path_buf(),
        report: Report {
            path: Some(path.display().to_string()),
            status: status.into(),
            error: Some(message),
            ..Report::default()
        },
        changed: false,
        diff: None,
        skipped,
        error,
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
