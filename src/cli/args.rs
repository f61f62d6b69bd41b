//! The command line, declared once with clap; `--help` is generated from it.

use clap::{Parser, ValueEnum};
use std::path::PathBuf;

pub const EXIT_HELP: &str = "\
Exit status:
  0  done (or, with --check, nothing would change)
  1  --check: at least one file would change
  2  at least one input failed (its error was printed as 'path: cause'); the others were processed

Examples:
  zhfix --to s notes.txt                    print the repaired, simplified text
  cat dump.txt | zhfix --to tw > out.txt    streaming filter, bounded memory
  zhfix --to t -o out.txt in.txt            one file to another
  zhfix --to s -i -r corpus/                a whole tree, in place, atomically
  zhfix --to s --out-dir clean/ corpus/     mirror a tree into another folder
  zhfix --check -r corpus/                  list files that would change; exit 1 if any
  zhfix --diff notes.txt                    unified diff of what would change
  zhfix --report json -r corpus/ > r.jsonl  one JSON report per file
  zhfix --jsonl text --to s < crawl.jsonl   fix one string field of each JSON line";

#[derive(Parser, Debug)]
#[command(
    name = "zhfix",
    version,
    about = "Detect, decode, repair and convert Chinese text",
    long_about = "Detect each input's encoding, decode it without silently losing a byte, repair \
                  damage (inline-pinyin corruption, GBK misalignment, mojibake) and convert the \
                  script with OpenCC's semantics. Clean text passes through byte-identical unless \
                  a conversion is asked for.",
    after_help = EXIT_HELP
)]
pub struct Args {
    /// Files or (with -r) directories; none or '-' reads standard input.
    pub paths: Vec<PathBuf>,

    /// Target script: keep (repair only), s, t, tw, twp, hk, jp.
    #[arg(long, default_value = "keep", value_name = "SCRIPT")]
    pub to: String,
    /// Use this OpenCC configuration whatever the input's script (s2t, t2s, s2twp, ...).
    #[arg(long, value_name = "NAME", conflicts_with = "to")]
    pub config: Option<String>,
    /// Conversion engine: native, or opencc-sys (builds with --features opencc-sys).
    #[arg(long, default_value = "native")]
    pub engine: String,

    /// Force the input encoding: a WHATWG, iconv or Python name (cp950, euc-cn, hz,
    /// iso-2022-cn, ...); gbk and gb2312 mean GB18030.
    #[arg(long, value_name = "ENC")]
    pub from: Option<String>,
    /// Fail a file that has malformed byte sequences instead of replacing them with U+FFFD.
    #[arg(long)]
    pub strict: bool,
    /// Skip the repair stage.
    #[arg(long)]
    pub no_repair: bool,
    /// Inline `X(pinyin)` annotations: auto (strip when the document shows the corruption), strip, keep.
    #[arg(long, value_enum, default_value_t = Annotations::Auto)]
    pub annotations: Annotations,
    /// Mark characters guessed by the text model (not determined by bytes) in the output.
    #[arg(long)]
    pub mark_guesses: bool,
    /// In Chinese context, turn folded ASCII , ; : ? ! ( ) back into fullwidth.
    #[arg(long)]
    pub fullwidth_punct: bool,
    /// Print every repair (fixer, kind, before, after, why) to stderr.
    #[arg(long)]
    pub explain: bool,

    /// Write the output to this file (one input only); '-' is standard output.
    #[arg(short = 'o', long, value_name = "FILE", conflicts_with_all = ["in_place", "out_dir"])]
    pub output: Option<PathBuf>,
    /// Rewrite each file in place (atomically: temp file, then rename).
    #[arg(short = 'i', long, conflicts_with = "out_dir")]
    pub in_place: bool,
    /// Write each output under DIR, mirroring the input tree.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Keep the original as FILE<SUFFIX> when rewriting in place.
    #[arg(long, value_name = "SUFFIX", requires = "in_place")]
    pub backup: Option<String>,
    /// Output encoding (default UTF-8): gb18030, gbk, big5, cp950, utf-16le, hz, ...
    #[arg(long, value_name = "ENC")]
    pub output_encoding: Option<String>,
    /// Start UTF-8/UTF-16 output with a byte-order mark.
    #[arg(long)]
    pub bom: bool,

    /// Write nothing; list the files that would change and exit 1 if any would.
    #[arg(long, conflicts_with_all = ["in_place", "out_dir", "output"])]
    pub check: bool,
    /// Write nothing; print a unified diff of what would change.
    #[arg(long, conflicts_with_all = ["in_place", "out_dir", "output"])]
    pub diff: bool,
    /// Print a report per file on stdout (json: one object per line) instead of the text.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub report: Option<ReportFormat>,
    /// Each input line is a JSON object: fix only this string field, keep the rest.
    #[arg(long, value_name = "FIELD")]
    pub jsonl: Option<String>,

    /// Walk directories.
    #[arg(short = 'r', long)]
    pub recursive: bool,
    /// Include or (with a leading !) exclude files matching this glob; repeatable.
    #[arg(short = 'g', long = "glob", value_name = "GLOB")]
    pub globs: Vec<String>,
    /// Do not honour .gitignore/.ignore files.
    #[arg(long)]
    pub no_ignore: bool,
    /// Include hidden files and directories.
    #[arg(long)]
    pub hidden: bool,
    /// Follow symlinks when walking, and write through them in place.
    #[arg(long)]
    pub follow: bool,
    /// Rewrite hard-linked files in place (their other names keep the old content).
    #[arg(long)]
    pub force: bool,

    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// No progress bar and no notes about skipped files.
    #[arg(short, long)]
    pub quiet: bool,
    /// Bytes per streaming chunk (tuning and tests).
    #[arg(long, hide = true, default_value_t = zhfix::io::stream::DEFAULT_CHUNK_SIZE)]
    pub chunk_size: usize,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Annotations {
    Auto,
    Strip,
    Keep,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ReportFormat {
    Json,
}
