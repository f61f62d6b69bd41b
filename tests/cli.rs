//! The command line end to end: every mode, its exact output, exit code and the files it
//! leaves on disk. Conversion-specific commands live in tests/cli_convert.rs.

use std::fs;

mod common;
use common::{gbk, names, zhfix, SENTENCE};

#[test]
fn clean_utf8_passes_through_byte_identical() {
    let input = "中文 text\r\nmixed line endings\nnaïve café 😀\r\n";
    zhfix()
        .write_stdin(input)
        .assert()
        .success()
        .stdout(input.to_string());
}

#[test]
fn empty_input_gives_empty_output() {
    zhfix().write_stdin("").assert().success().stdout("");
}

#[test]
fn gbk_stdin_is_decoded_to_utf8() {
    zhfix()
        .write_stdin(gbk(SENTENCE))
        .assert()
        .success()
        .stdout(SENTENCE);
}

/// `--from` and `--output-encoding` take the names iconv, Python and Emacs use, and an
/// unknown one is a one-line error that suggests some.
#[test]
fn encoding_names_from_other_tools() {
    zhfix()
        .args(["--from", "CP936"])
        .write_stdin(gbk(SENTENCE))
        .assert()
        .success()
        .stdout(SENTENCE);
    // 中文 in Big5 (cp950) and in EUC-TW.
    zhfix()
        .args(["--output-encoding", "cp950"])
        .write_stdin("中文\n")
        .assert()
        .success()
        .stdout(b"\xa4\xa4\xa4\xe5\n".as_slice());
    zhfix()
        .args(["--from", "euc-tw"])
        .write_stdin(b"\xc4\xe3\xc5\xc6\n".as_slice())
        .assert()
        .success()
        .stdout("中文\n");
    zhfix()
        .args(["--from", "euc-jis-2004"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "zhfix: unknown encoding label 'euc-jis-2004' (use a name such as gb18030, gbk, \
             big5, cp950, euc-kr, utf-16le)\n",
        );
}

#[test]
fn small_chunks_give_the_same_output_as_one_chunk() {
    // Longer than the 64 KiB detection sample, so later chunks are 100 bytes each.
    let text: String = (0..2000).map(|i| format!("{i}: {SENTENCE}")).collect();
    zhfix()
        .args(["--chunk-size", "100"])
        .write_stdin(gbk(&text))
        .assert()
        .success()
        .stdout(text);
}

/// ISO-2022 streams in small chunks: line-aligned ones, and one line too long for a chunk,
/// cut after a shift back to ASCII (ISO-2022-KR's SI, ISO-2022-JP's `ESC ( B`).
#[test]
fn iso_2022_streams_in_small_chunks() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/detect/");
    let bytes = fs::read(format!("{dir}iso-2022-cn.bin")).unwrap();
    let text = fs::read_to_string(format!("{dir}iso-2022-cn.txt")).unwrap();
    let lines = 70_000 / bytes.len() + 1;
    let long_line = |unit: &[u8]| -> Vec<u8> {
        unit.iter()
            .copied()
            .cycle()
            .take(unit.len() * 8000)
            .collect()
    };
    // 한국 (KS X 1001 C7D1 B1B9) and 亜亜 (JIS X 0208 3021), a space after each: their
    // pairs hold bytes below 0x40, where the GB family's cut would fall.
    let kr = [b"\x1b$)C".as_slice(), &long_line(b"\x0eGQ19\x0f ")].concat();
    let jp = long_line(b"\x1b$B0!0!\x1b(B ");
    for (input, expected) in [
        (bytes.repeat(lines), text.repeat(lines)),
        (kr, "한국 ".repeat(8000)),
        (jp, "亜亜 ".repeat(8000)),
    ] {
        zhfix()
            .args(["--chunk-size", "100"])
            .write_stdin(input)
            .assert()
            .success()
            .stdout(expected);
    }
}

/// A GBK page written as UTF-8 says UTF-8, or every browser would read it as GBK again;
/// written back as GBK it keeps its own declaration, and so does clean UTF-8.
#[test]
fn a_transcoded_page_declares_its_new_encoding() {
    let page = |label: &str| {
        format!("<html><head><meta charset=\"{label}\"><title>{SENTENCE}</title></head></html>\n")
    };
    zhfix()
        .arg("--explain")
        .write_stdin(gbk(&page("gb2312")))
        .assert()
        .success()
        .stdout(page("utf-8"))
        .stderr(
            "-: [declaration] declaration at byte 27: \"gb2312\" -> \"utf-8\" \
             (the output is UTF-8, not what the input declared)\n",
        );
    zhfix()
        .args(["--output-encoding", "gbk"])
        .write_stdin(gbk(&page("gb2312")))
        .assert()
        .success()
        .stdout(gbk(&page("gb2312")));
    zhfix()
        .write_stdin(page("gb2312"))
        .assert()
        .success()
        .stdout(page("gb2312"));
    // An http-equiv declaration, in a file.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/detect/");
    let text = fs::read_to_string(format!("{dir}declared-big5.txt")).unwrap();
    zhfix()
        .arg(format!("{dir}declared-big5.bin"))
        .assert()
        .success()
        .stdout(text.replace("charset=big5", "charset=utf-8"));
}

#[test]
fn output_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.txt");
    let out = dir.path().join("out.txt");
    fs::write(&input, gbk(SENTENCE)).unwrap();
    zhfix()
        .arg("-o")
        .arg(&out)
        .arg(&input)
        .assert()
        .success()
        .stdout("");
    assert_eq!(fs::read_to_string(&out).unwrap(), SENTENCE);
    assert_eq!(fs::read(&input).unwrap(), gbk(SENTENCE));
    assert_eq!(names(dir.path()), ["in.txt", "out.txt"]);
}

#[test]
fn output_dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.txt");
    fs::write(&input, gbk(SENTENCE)).unwrap();
    zhfix()
        .current_dir(dir.path())
        .args(["-o", "-"])
        .arg(&input)
        .assert()
        .success()
        .stdout(SENTENCE);
    assert_eq!(names(dir.path()), ["in.txt"]);
}

#[test]
fn in_place_tree_rewrites_only_what_changes() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("a/b");
    fs::create_dir_all(&sub).unwrap();
    fs::write(sub.join("legacy.txt"), gbk(SENTENCE)).unwrap();
    fs::write(dir.path().join("clean.txt"), SENTENCE).unwrap();
    let clean_mtime = fs::metadata(dir.path().join("clean.txt"))
        .unwrap()
        .modified()
        .unwrap();
    zhfix()
        .args(["-i", "-r"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        fs::read_to_string(sub.join("legacy.txt")).unwrap(),
        SENTENCE
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("clean.txt")).unwrap(),
        SENTENCE
    );
    let after = fs::metadata(dir.path().join("clean.txt"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(
        clean_mtime, after,
        "an unchanged file must not be rewritten"
    );
    assert_eq!(names(&sub), ["legacy.txt"], "no temp files left behind");
}

#[cfg(unix)]
#[test]
fn in_place_keeps_permissions_and_backup() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("x.txt");
    fs::write(&f, gbk(SENTENCE)).unwrap();
    fs::set_permissions(&f, fs::Permissions::from_mode(0o640)).unwrap();
    zhfix()
        .args(["-i", "--backup", ".orig"])
        .arg(&f)
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&f).unwrap(), SENTENCE);
    assert_eq!(
        fs::read(dir.path().join("x.txt.orig")).unwrap(),
        gbk(SENTENCE)
    );
    assert_eq!(
        fs::metadata(&f).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

#[test]
fn out_dir_mirrors_the_tree() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    fs::create_dir_all(src.join("deep/er")).unwrap();
    fs::write(src.join("deep/er/one.txt"), gbk(SENTENCE)).unwrap();
    fs::write(src.join("two.txt"), "plain\n").unwrap();
    let dst = dir.path().join("clean");
    zhfix()
        .arg("--out-dir")
        .arg(&dst)
        .arg("-r")
        .arg(&src)
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(dst.join("deep/er/one.txt")).unwrap(),
        SENTENCE
    );
    assert_eq!(fs::read_to_string(dst.join("two.txt")).unwrap(), "plain\n");
    assert_eq!(
        fs::read(src.join("deep/er/one.txt")).unwrap(),
        gbk(SENTENCE)
    );
}

#[test]
fn check_lists_what_would_change_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), gbk(SENTENCE)).unwrap();
    fs::write(dir.path().join("b.txt"), SENTENCE).unwrap();
    let a = dir.path().join("a.txt");
    zhfix()
        .args(["--check", "-r"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(format!("{}\n", a.display()));
    assert_eq!(
        fs::read(&a).unwrap(),
        gbk(SENTENCE),
        "--check writes nothing"
    );
    fs::remove_file(&a).unwrap();
    zhfix()
        .args(["--check", "-r"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn diff_shows_the_change() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("n.txt");
    fs::write(&f, b"caf\xe9 au lait\n").unwrap();
    let name = f.display().to_string();
    // Latin-1 bytes decode to the same text; only the bytes change, so the text diff is
    // empty and nothing is printed, but --check still sees the byte change.
    zhfix().arg("--diff").arg(&f).assert().success().stdout("");
    zhfix()
        .arg("--check")
        .arg(&f)
        .assert()
        .code(1)
        .stdout(format!("{name}\n"));
}

#[test]
fn report_json_one_object_per_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), gbk(SENTENCE)).unwrap();
    fs::write(dir.path().join("b.txt"), "ascii only\n").unwrap();
    let out = zhfix()
        .args(["--report", "json", "-r"])
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["encoding"], "gb18030");
    assert_eq!(lines[0]["status"], "changed");
    assert_eq!(lines[0]["bytes_in"], gbk(SENTENCE).len());
    assert_eq!(lines[0]["bytes_out"], SENTENCE.len());
    assert_eq!(lines[1]["encoding"], "UTF-8");
    assert_eq!(lines[1]["status"], "unchanged");
    assert_eq!(lines[1]["malformed"], 0);
    assert!(lines[1]["path"].as_str().unwrap().ends_with("b.txt"));
}

#[test]
fn jsonl_keeps_other_fields_and_order() {
    let input = concat!(
        "{\"id\":7,\"text\":\"caf\u{e9}\",\"score\":1.50,\"meta\":{\"k\":null}}\n",
        "not json\n",
        "{\"id\":8,\"other\":\"x\"}\n",
    );
    zhfix()
        .args(["--jsonl", "text"])
        .write_stdin(input)
        .assert()
        .success()
        .stdout(input)
        .stderr(
            "-:2: not valid JSON (expected ident at line 1 column 2); passed through unchanged\n",
        );
}

#[test]
fn a_bad_file_does_not_stop_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    fs::write(&good, gbk(SENTENCE)).unwrap();
    let missing = dir.path().join("missing.txt");
    zhfix()
        .arg(&missing)
        .arg(&good)
        .assert()
        .code(2)
        .stdout(SENTENCE)
        .stderr(format!(
            "{}: No such file or directory (os error 2)\n",
            missing.display()
        ));
}

#[test]
fn directory_needs_recursive() {
    let dir = tempfile::tempdir().unwrap();
    zhfix().arg(dir.path()).assert().code(2).stderr(format!(
        "{}: is a directory (use -r to process the files under it)\n",
        dir.path().display()
    ));
}

#[test]
fn binary_files_are_skipped_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("blob.dat");
    let bytes = b"\x00\x01\x02binary\x00\xff\xfe\x00".to_vec();
    fs::write(&bin, &bytes).unwrap();
    zhfix()
        .args(["-i", "-r"])
        .arg(dir.path())
        .assert()
        .success()
        .stderr(format!(
            "{}: not text (NUL bytes); skipped\n",
            bin.display()
        ));
    assert_eq!(fs::read(&bin).unwrap(), bytes);
}

#[test]
fn strict_fails_on_malformed_input() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bad.txt");
    // Valid GB18030 text with one truncated two-byte character at the end.
    let mut bytes = gbk(SENTENCE);
    bytes.push(0xD6);
    fs::write(&f, &bytes).unwrap();
    zhfix()
        .args(["--strict", "--from", "gbk"])
        .arg(&f)
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "{}: 1 malformed byte sequence(s) in gb18030, first at byte {}; drop --strict to replace them with U+FFFD\n",
            f.display(),
            bytes.len() - 1
        ));
    zhfix()
        .args(["--from", "gbk"])
        .arg(&f)
        .assert()
        .success()
        .stdout(format!("{SENTENCE}\u{FFFD}"));
}

#[cfg(unix)]
#[test]
fn links_are_not_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("target.txt");
    fs::write(&target, gbk(SENTENCE)).unwrap();
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let hard = dir.path().join("hard.txt");
    let other = outside.path().join("other-name.txt");
    fs::write(&hard, gbk(SENTENCE)).unwrap();
    fs::hard_link(&hard, &other).unwrap();

    zhfix()
        .args(["-i", "-r"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(format!(
            "{}: symlink; not followed (use --follow); skipped\n{}: has 2 hard links; replacing it would split them (use --force to do it anyway)\n",
            link.display(),
            hard.display()
        ));
    assert_eq!(fs::read(&target).unwrap(), gbk(SENTENCE));
    assert_eq!(fs::read(&hard).unwrap(), gbk(SENTENCE));
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());

    zhfix()
        .args(["-i", "--force"])
        .arg(&hard)
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&hard).unwrap(), SENTENCE);
    assert_eq!(fs::read(&other).unwrap(), gbk(SENTENCE));
}

#[test]
fn output_encoding_round_trip_and_unmappable() {
    zhfix()
        .args(["--output-encoding", "gb18030"])
        .write_stdin(SENTENCE)
        .assert()
        .success()
        .stdout(gbk(SENTENCE));
    zhfix()
        .args(["--output-encoding", "big5"])
        .write_stdin("第一行\n第二行 😀\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "-: cannot encode '😀' (U+1F600) on line 2 as Big5; choose another --output-encoding\n",
        );
}

#[test]
fn bom_on_request() {
    zhfix()
        .arg("--bom")
        .write_stdin("中")
        .assert()
        .success()
        .stdout(b"\xEF\xBB\xBF\xE4\xB8\xAD".to_vec());
}
