//! The conversion commands of the tour, end to end. Expected outputs were produced with
//! OpenCC 1.4.2 (`pip install opencc==1.4.2`), the reference.

use assert_cmd::Command;
use std::fs;

const TRAD: &str =
    "我區召開疫情防控、安全生產和社會穩定工作電視電話會議。頭髮乾燥，後來裡面的麵條。\n";
const SIMP: &str =
    "我区召开疫情防控、安全生产和社会稳定工作电视电话会议。头发干燥，后来里面的面条。\n";

fn zhfix() -> Command {
    Command::cargo_bin("zhfix").unwrap()
}

#[test]
fn to_s_prints_simplified() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("notes.txt");
    fs::write(&f, TRAD).unwrap();
    zhfix()
        .args(["--to", "s"])
        .arg(&f)
        .assert()
        .success()
        .stdout(SIMP);
}

#[test]
fn to_s_on_simplified_changes_nothing() {
    zhfix()
        .args(["--to", "s"])
        .write_stdin(SIMP)
        .assert()
        .success()
        .stdout(SIMP);
}

#[test]
fn to_tw_as_a_filter() {
    zhfix()
        .args(["--to", "tw"])
        .write_stdin("头发干燥，后来里面的面条。台风来了。\r\n")
        .assert()
        .success()
        .stdout("頭髮乾燥，後來裡面的麵條。颱風來了。\r\n");
}

#[test]
fn to_t_into_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let (i, o) = (dir.path().join("in.txt"), dir.path().join("out.txt"));
    fs::write(&i, "头发干燥，后来里面的面条。台风来了，我们在台上。").unwrap();
    zhfix()
        .args(["--to", "t", "-o"])
        .arg(&o)
        .arg(&i)
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        fs::read_to_string(&o).unwrap(),
        "頭髮乾燥，後來裏面的麪條。颱風來了，我們在臺上。"
    );
}

#[test]
fn twp_uses_taiwan_phrases() {
    zhfix()
        .args(["--to", "twp"])
        .write_stdin("我们用鼠标和软件打开内存。")
        .assert()
        .success()
        .stdout("我們用滑鼠和軟體開啟記憶體。");
}

#[test]
fn config_names_one_outright() {
    zhfix()
        .args(["--config", "s2hk"])
        .write_stdin("头发干燥，后来里面的面条。")
        .assert()
        .success()
        .stdout("頭髮乾燥，後來裏面的麪條。");
}

#[test]
fn in_place_tree_and_out_dir_convert() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("corpus");
    fs::create_dir_all(tree.join("sub")).unwrap();
    fs::write(tree.join("sub/a.txt"), TRAD).unwrap();
    fs::write(tree.join("b.txt"), SIMP).unwrap();
    let clean = dir.path().join("clean");
    zhfix()
        .args(["--to", "s", "--out-dir"])
        .arg(&clean)
        .arg(&tree)
        .arg("-r")
        .assert()
        .success();
    assert_eq!(fs::read_to_string(clean.join("sub/a.txt")).unwrap(), SIMP);
    assert_eq!(fs::read_to_string(clean.join("b.txt")).unwrap(), SIMP);
    assert_eq!(fs::read_to_string(tree.join("sub/a.txt")).unwrap(), TRAD);
    zhfix()
        .args(["--to", "s", "-i", "-r"])
        .arg(&tree)
        .assert()
        .success()
        .stdout("");
    assert_eq!(fs::read_to_string(tree.join("sub/a.txt")).unwrap(), SIMP);
    assert_eq!(fs::read_to_string(tree.join("b.txt")).unwrap(), SIMP);
}

#[test]
fn jsonl_converts_one_field() {
    zhfix()
        .args(["--jsonl", "text", "--to", "s"])
        .write_stdin("{\"url\":\"http://x/頭髮\",\"text\":\"頭髮乾燥\",\"n\":3}\n")
        .assert()
        .success()
        .stdout("{\"url\":\"http://x/頭髮\",\"text\":\"头发干燥\",\"n\":3}\n");
}

#[test]
fn check_with_conversion_reports_the_report_config() {
    let out = zhfix()
        .args(["--to", "s", "--report", "json"])
        .write_stdin(TRAD)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["config"], "t2s");
    assert_eq!(v["status"], "changed");
    assert_eq!(v["converted"], 19);
}
