//! Compile OpenCC's dictionaries (data/opencc) into double-array tries at build time.
//!
//! Building the trie for s2t's 50,000 phrases takes tens of milliseconds; doing it here
//! means a converter starts by copying ready arrays (well under the 20 ms start-up budget).
//! Every step of every configuration (normalization, segmentation, each conversion stage)
//! is flattened with `src/convert/spec.rs` and compiled with `src/convert/trie.rs`, the same
//! code the library uses, so a test can rebuild them at run time and compare bytes.
//!
//! Output in OUT_DIR: `opencc/codes.bin`, `opencc/<n>.bin` (one per distinct dictionary
//! group), `opencc/script_classes.bin` (see `src/convert/script_classes.rs`),
//! `opencc/phrase_pairs.bin` (see `src/convert/phrase_pairs.rs`) and
//! `opencc_tables.rs`, which the library `include!`s.
//!
//! Also the mojibake fixer's GBK/Big5 encode tables and pair bitsets (`codec/`, see
//! `src/repair/mojibake/codec_tables.rs`), built from encoding_rs's decoders, the CNS 11643
//! table of the ISO-2022-CN and EUC-TW decoders (`codec/cns11643.bin`), and the
//! text model's tables (`model/`, from `data/model/*.tsv`, see `src/model/table.rs`), so
//! no process parses either at start-up.

#[path = "src/repair/mojibake/codec_tables.rs"]
mod codec_tables;
#[allow(dead_code)]
#[path = "src/convert/phrase_pairs.rs"]
mod phrase_pairs;
#[path = "src/convert/script_classes.rs"]
mod script_classes;
#[allow(dead_code)]
#[path = "src/convert/spec.rs"]
mod spec;
#[allow(dead_code)]
#[path = "src/model/table.rs"]
mod table;
#[allow(dead_code)]
#[path = "src/convert/trie.rs"]
mod trie;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=data/opencc");
    println!("cargo:rerun-if-changed=src/convert/spec.rs");
    println!("cargo:rerun-if-changed=src/convert/trie.rs");
    println!("cargo:rerun-if-changed=src/convert/script_classes.rs");
    println!("cargo:rerun-if-changed=src/convert/phrase_pairs.rs");
    println!("cargo:rerun-if-changed=data/model");
    println!("cargo:rerun-if-changed=src/model/table.rs");
    if let Err(e) = run() {
        panic!("compiling OpenCC data: {e}");
    }
    println!("cargo:rerun-if-changed=src/repair/mojibake/codec_tables.rs");
    println!("cargo:rerun-if-changed=data/codec");
    if let Err(e) = codec() {
        panic!("compiling the mojibake codec tables: {e}");
    }
    if let Err(e) = model_tables() {
        panic!("compiling the text model: {e}");
    }
}

/// The GBK/Big5 encode tables and pair bitsets (`*_pairs.bin`) of
/// `src/repair/mojibake/codec.rs`, and where Python's Big5 differs (`eten_*.bin`, from
/// data/codec/big5_python.tsv), in `OUT_DIR/codec/`.
fn codec() -> Result<(), String> {
    let out_dir = std::env::var("OUT_DIR").map_err(|e| e.to_string())?;
    let out = Path::new(&out_dir).join("codec");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let gbk = codec_tables::encode_table(false);
    let big5 = codec_tables::encode_table(true);
    let decode_only = codec_tables::big5_decode_only(&big5);
    let rows = std::fs::read_to_string("data/codec/big5_python.tsv").map_err(|e| e.to_string())?;
    let (eten_decode, eten_encode) =
        codec_tables::python_big5(&codec_tables::parse_python_rows(&rows), &big5);
    write(
        &out.join("eten_decode.bin"),
        &codec_tables::records(&eten_decode),
    )?;
    write(
        &out.join("eten_encode.bin"),
        &codec_tables::records(&eten_encode),
    )?;
    write(&out.join("gbk_pairs.bin"), &codec_tables::pair_set(false))?;
    write(&out.join("big5_pairs.bin"), &codec_tables::pair_set(true))?;
    write(&out.join("gbk.bin"), &codec_tables::to_bytes(&gbk))?;
    write(&out.join("big5.bin"), &codec_tables::to_bytes(&big5))?;
    write(
        &out.join("big5_decode_only.bin"),
        &codec_tables::records(&decode_only),
    )?;
    let cns = std::fs::read_to_string("data/codec/cns11643.tsv").map_err(|e| e.to_string())?;
    write(&out.join("cns11643.bin"), &cns11643(&cns)?)
}

/// data/codec/cns11643.tsv as the CNS 11643 decoders read it (`src/decode/cns.rs`): the
/// planes glibc knows (1 to 7 and 15, in that order), 94 rows of 94 cells each, one
/// little-endian code point per cell (four bytes: planes 3 and up are mostly outside the
/// BMP), 0 where the code has no character.
fn cns11643(tsv: &str) -> Result<Vec<u8>, String> {
    const PLANES: [usize; 8] = [1, 2, 3, 4, 5, 6, 7, 15];
    let mut cells = vec![0u32; PLANES.len() * 94 * 94];
    for line in tsv.lines() {
        let bad = || format!("data/codec/cns11643.tsv: bad line {line:?}");
        let mut f = line.split('\t');
        let (Some(plane), Some(code), Some(ch), None) = (f.next(), f.next(), f.next(), f.next())
        else {
            return Err(bad());
        };
        let plane: usize = plane.parse().map_err(|_| bad())?;
        let slot = PLANES.iter().position(|&p| p == plane).ok_or_else(bad)?;
        let code = u16::from_str_radix(code, 16).map_err(|_| bad())?;
        let [row, col] = code.to_be_bytes();
        let mut chars = ch.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return Err(bad());
        };
        if !(0x21..=0x7E).contains(&row) || !(0x21..=0x7E).contains(&col) {
            return Err(bad());
        }
        cells[slot * 94 * 94 + (row as usize - 0x21) * 94 + (col as usize - 0x21)] = c as u32;
    }
    Ok(cells.iter().flat_map(|u| u.to_le_bytes()).collect())
}

/// `data/model/*.tsv` (see scripts/build-model.py) into the tables of src/model/table.rs:
/// `chars.bin`, `bigrams.bin`, `words.bin` (ln of the relative count), `ngram_chars.bin`,
/// `ngram_bigrams.bin` (the log-probabilities as stored, a missing one as NaN), an index by
/// first character for each pair table (`bigrams_index.bin`, `ngram_bigrams_index.bin`) and
/// `words_bloom.bin` (a Bloom filter over the words' keys).
fn model_tables() -> Result<(), String> {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?;
    let data = Path::new(&manifest).join("data/model");
    let out = Path::new(&std::env::var("OUT_DIR").map_err(|e| e.to_string())?).join("model");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let read = |name: &str| {
        let path = data.join(name);
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    hangul_tables(&read("hangul.tsv")?, &out)?;
    let one = |k: &str| -> Option<u32> {
        let mut it = k.chars();
        match (it.next(), it.next()) {
            (Some(c), None) => Some(c as u32),
            _ => None,
        }
    };
    let two = |k: &str| -> Option<u64> {
        let mut it = k.chars();
        match (it.next(), it.next(), it.next()) {
            (Some(a), Some(b), None) => Some(table::pair(a, b)),
            _ => None,
        }
    };
    write(
        &out.join("chars.bin"),
        &table::compile(relative(&read("chars.tsv")?, one)?),
    )?;
    let bigrams = table::compile(relative(&read("bigrams.tsv")?, two)?);
    write(
        &out.join("bigrams_index.bin"),
        &table::pair_index::<1>(&bigrams),
    )?;
    write(&out.join("bigrams.bin"), &bigrams)?;
    write(
        &out.join("ngram_chars.bin"),
        &table::compile::<u32, 3>(rows(&read("ngram_chars.tsv")?, one)?),
    )?;
    let ngram_bigrams = table::compile::<u64, 1>(rows(&read("ngram_bigrams.tsv")?, two)?);
    write(
        &out.join("ngram_bigrams_index.bin"),
        &table::pair_index::<1>(&ngram_bigrams),
    )?;
    write(&out.join("ngram_bigrams.bin"), &ngram_bigrams)?;
    let words = relative(&read("words.tsv")?, |w| Some(table::word_key(w.chars())))?;
    let mut keys: Vec<u64> = words.iter().map(|(k, _)| *k).collect();
    keys.sort_unstable();
    if keys.windows(2).any(|w| w[0] == w[1]) {
        return Err("words.tsv: two words share a hash".into());
    }
    write(
        &out.join("words_bloom.bin"),
        &table::bloom(keys.into_iter()),
    )?;
    write(&out.join("words.bin"), &table::compile(words))
}

/// Hangul syllables: 11,172 from U+AC00.
const SYLLABLES: u32 = 11_172;

/// data/model/hangul.tsv into the tables of src/detect/hangul.rs: `hangul_logp.bin`, ln P
/// of each syllable among the table's (little-endian f32, NaN where unseen), and
/// `hangul_pairs.bin`, the pairs as sorted little-endian u32 keys (first syllable's index
/// × 11,172 + second's).
fn hangul_tables(tsv: &str, out: &Path) -> Result<(), String> {
    let index = |c: char| (c as u32).checked_sub(0xAC00).filter(|&i| i < SYLLABLES);
    let rows = rows::<_, 1>(tsv, |k| {
        let key: Vec<u32> = k.chars().map(index).collect::<Option<_>>()?;
        (1..=2).contains(&key.len()).then_some(key)
    })?;
    let total: f64 = rows
        .iter()
        .filter(|(k, _)| k.len() == 1)
        .map(|(_, [n])| f64::from(*n))
        .sum::<f64>()
        .max(1.0);
    let mut logp = vec![f32::NAN; SYLLABLES as usize];
    let mut pairs = Vec::new();
    for (key, [n]) in rows {
        match key[..] {
            [a] => logp[a as usize] = (f64::from(n) / total).ln() as f32,
            [a, b] => pairs.push(a * SYLLABLES + b),
            _ => {}
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let bytes = |v: Vec<[u8; 4]>| v.concat();
    write(
        &out.join("hangul_logp.bin"),
        &bytes(logp.iter().map(|v| v.to_le_bytes()).collect()),
    )?;
    write(
        &out.join("hangul_pairs.bin"),
        &bytes(pairs.iter().map(|v| v.to_le_bytes()).collect()),
    )
}

/// Rows of `key\tcount` as ln(count / total count).
fn relative<K>(tsv: &str, key: impl Fn(&str) -> Option<K>) -> Result<Vec<(K, [f32; 1])>, String> {
    let counts: Vec<(K, [f32; 1])> = rows(tsv, key)?;
    let total: f64 = counts
        .iter()
        .map(|(_, [n])| *n as f64)
        .sum::<f64>()
        .max(1.0);
    Ok(counts
        .into_iter()
        .map(|(k, [n])| (k, [((n as f64) / total).ln() as f32]))
        .collect())
}

/// Rows of `key\tv1\tv2…`; an empty field is NaN.
fn rows<K, const W: usize>(
    tsv: &str,
    key: impl Fn(&str) -> Option<K>,
) -> Result<Vec<(K, [f32; W])>, String> {
    let mut out = Vec::new();
    for line in tsv.lines() {
        let mut fields = line.split('\t');
        let k = fields.next().unwrap_or_default();
        let Some(k) = key(k) else {
            return Err(format!("bad key in {line:?}"));
        };
        let mut vs = [f32::NAN; W];
        for v in vs.iter_mut() {
            let f = fields.next().ok_or_else(|| format!("short row {line:?}"))?;
            if !f.is_empty() {
                *v = f.parse().map_err(|e| format!("{line:?}: {e}"))?;
            }
        }
        out.push((k, vs));
    }
    Ok(out)
}

fn run() -> Result<(), String> {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?;
    let data = Path::new(&manifest).join("data/opencc");
    let out_dir = std::env::var("OUT_DIR").map_err(|e| e.to_string())?;
    let out = Path::new(&out_dir).join("opencc");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;

    let mut dicts: HashMap<String, spec::Entries<'static>> = HashMap::new();
    let mut configs: Vec<(String, String)> = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&data)
        .map_err(|e| format!("{}: {e}", data.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    names.sort();
    for path in names {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let read = || read_to_string(&path);
        match path.extension().and_then(|e| e.to_str()) {
            Some("txt") => {
                let text: &'static str = Box::leak(read()?.into_boxed_str());
                let entries = spec::parse_dict(text).map_err(|e| format!("{stem}: {e}"))?;
                dicts.insert(stem, entries);
            }
            Some("json") => configs.push((stem, read()?)),
            _ => {}
        }
    }

    // The character dictionaries with all their values (`parse_dict` keeps the first).
    let read_dict = |stem: &str| read_to_string(&data.join(format!("{stem}.txt")));
    let (st, ts, ts_ext) = (
        read_dict("STCharacters")?,
        read_dict("TSCharacters")?,
        read_dict("TSCharactersExt")?,
    );
    let entries = script_classes::entries;
    let classes = script_classes::build(&[&entries(&st)], &[&entries(&ts), &entries(&ts_ext)]);
    write(&out.join("script_classes.bin"), &classes)?;
    let mut phrase_dicts: Vec<(&String, &spec::Entries<'static>)> = dicts
        .iter()
        .filter(|(stem, _)| stem.contains("Phrases"))
        .collect();
    phrase_dicts.sort();
    let phrase_dicts: Vec<&[(&str, &str)]> =
        phrase_dicts.iter().map(|(_, d)| d.as_slice()).collect();
    write(
        &out.join("phrase_pairs.bin"),
        &phrase_pairs::build(&phrase_dicts),
    )?;

    let mut all_keys: Vec<&str> = dicts.values().flatten().map(|(k, _)| *k).collect();
    all_keys.sort_unstable();
    let codes = trie::CodeMap::build(all_keys);
    write(&out.join("codes.bin"), &codes.to_bytes())?;

    let mut load = |stem: &str| {
        dicts
            .get(stem)
            .cloned()
            .ok_or_else(|| format!("no dictionary {stem}"))
    };
    let mut groups: Vec<String> = Vec::new();
    let mut index_of = |group: &spec::DictSpec| -> Result<usize, String> {
        let key = group.key();
        if let Some(i) = groups.iter().position(|g| *g == key) {
            return Ok(i);
        }
        let entries = group.flatten(&mut load)?;
        let trie = trie::Trie::build(&entries, &codes);
        write(&out.join(format!("{}.bin", groups.len())), &trie.to_bytes())?;
        groups.push(key);
        Ok(groups.len() - 1)
    };

    let mut table = String::from(
        "/// Per configuration: name, normalization tries, segmentation trie, chain tries.\n\
         #[allow(clippy::type_complexity)]\n\
         pub(crate) static CONFIGS: &[(&str, &[usize], Option<usize>, &[usize])] = &[\n",
    );
    for (name, json) in &configs {
        let spec = spec::Spec::parse(name, json)?;
        let norm = spec
            .normalization
            .iter()
            .map(&mut index_of)
            .collect::<Result<Vec<_>, _>>()?;
        let seg = spec.segmentation.as_ref().map(&mut index_of).transpose()?;
        let chain = spec
            .chain
            .iter()
            .map(&mut index_of)
            .collect::<Result<Vec<_>, _>>()?;
        let _ = writeln!(table, "    ({name:?}, &{norm:?}, {seg:?}, &{chain:?}),");
    }
    table.push_str(
        "];\n\n/// Dictionary groups, by trie index.\npub(crate) static GROUPS: &[&str] = &[\n",
    );
    for g in &groups {
        let _ = writeln!(table, "    {g:?},");
    }
    table.push_str("];\n\n/// Compiled tries, by index.\npub(crate) static TRIES: &[&[u8]] = &[\n");
    for i in 0..groups.len() {
        let _ = writeln!(
            table,
            "    include_bytes!(concat!(env!(\"OUT_DIR\"), \"/opencc/{i}.bin\")),"
        );
    }
    table.push_str(
        "];\n\n/// The character code map shared by all tries.\n\
         pub(crate) static CODES: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/opencc/codes.bin\"));\n",
    );
    write(
        &Path::new(&out_dir).join("opencc_tables.rs"),
        table.as_bytes(),
    )
}

fn read_to_string(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}
