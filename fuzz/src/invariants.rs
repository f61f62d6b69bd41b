//! The invariants every stage of zhfix keeps, written once and checked by both the fuzz
//! targets (`fuzz/fuzz_targets/*.rs`) and the property tests (`tests/props_*.rs`, which
//! include this file with `#[path]`), so a crash input found by one replays in the other.
//!
//! Each `check_*` function panics, with the input in the message, when an invariant fails:
//!
//! * no stage panics on any input;
//! * decoding records every malformed sequence at a real, increasing byte offset, keeps
//!   every line break, and gives the same text whether an input is decoded whole or in
//!   line-aligned pieces (what streaming relies on);
//! * a fixer that reports no change returns the text it was given, and each change's
//!   `before` is found at its `offset`;
//! * repair and conversion keep every line break (count of LF and of CRLF);
//! * the declaration rewrite for UTF-8 output changes the label alone, and only once;
//! * `--to keep` on valid UTF-8 that no fixer touched returns the bytes unchanged;
//! * fixing the output again changes nothing: repairing it again (`--to keep`) never does,
//!   and converting it again repairs nothing (what the conversion itself changes again is
//!   OpenCC's doing, which zhfix matches: see tests/FUZZING.md, "Idempotence").

use std::sync::OnceLock;
use zhfix::convert::{self, Config, Target};
use zhfix::decode::{self, Decoded};
use zhfix::detect::{self, Charset, Detection};
use zhfix::io::declaration::relabel;
use zhfix::io::encode::OutputEncoding;
use zhfix::repair::{AnnotationMode, Context, Fixer, RepairOptions, Repairer};
use zhfix::{Error, Pipeline};

/// Line feeds and CRLF pairs in `s`.
pub fn line_breaks(s: &[u8]) -> (usize, usize) {
    let lf = s.iter().filter(|&&b| b == b'\n').count();
    let crlf = s.windows(2).filter(|w| w == b"\r\n").count();
    (lf, crlf)
}

/// Repair options from one byte of fuzz input, so every combination is reached.
pub fn options(b: u8) -> RepairOptions {
    RepairOptions {
        annotations: match b % 3 {
            0 => AnnotationMode::Auto,
            1 => AnnotationMode::Strip,
            _ => AnnotationMode::Keep,
        },
        mark_guesses: b & 4 != 0,
        fullwidth_punct: b & 8 != 0,
    }
}

/// What the pipeline would hand a fixer for `data`: the UTF-8 text if `data` is valid
/// UTF-8, else its GB18030 decoding (the commonest legacy encoding, malformed bytes as
/// U+FFFD), with the encoding the raw bytes were read as.
pub fn as_decoded(data: &[u8]) -> (String, &'static encoding_rs::Encoding) {
    match std::str::from_utf8(data) {
        Ok(s) => (s.to_owned(), encoding_rs::UTF_8),
        Err(_) => {
            let det = Detection {
                charset: Charset::Standard(encoding_rs::GB18030),
                bom_len: 0,
                confidence: 1.0,
                method: "fuzz".into(),
            };
            (decode::decode(data, &det).text, encoding_rs::GB18030)
        }
    }
}

/// The charsets the decode target and tests force, by index.
pub fn charset(i: u8) -> Charset {
    use encoding_rs::*;
    use zhfix::decode::iso2022::Variant;
    const STANDARD: [&Encoding; 11] = [
        &UTF_8_INIT,
        &GB18030_INIT,
        &GBK_INIT,
        &BIG5_INIT,
        &UTF_16LE_INIT,
        &UTF_16BE_INIT,
        &WINDOWS_1252_INIT,
        &SHIFT_JIS_INIT,
        &EUC_KR_INIT,
        &EUC_JP_INIT,
        &ISO_2022_JP_INIT,
    ];
    match i as usize % (STANDARD.len() + 5) {
        0 => Charset::Utf8Lines,
        1 => Charset::Hz,
        2 => Charset::Iso2022(Variant::Cn),
        3 => Charset::Iso2022(Variant::Kr),
        4 => Charset::EucTw,
        n => Charset::Standard(STANDARD[n - 5]),
    }
}

/// A detection of `data` as `charset`, with a BOM of that charset skipped.
pub fn detection_as(charset: Charset, data: &[u8]) -> Detection {
    let mut bom_len = 0;
    if let Some((enc, len)) = encoding_rs::Encoding::for_bom(data) {
        if enc == charset.encoding() && charset != Charset::Hz {
            bom_len = len;
        }
    }
    Detection {
        charset,
        bom_len,
        confidence: 1.0,
        method: "forced".into(),
    }
}

fn is_utf16(charset: Charset) -> bool {
    let e = charset.encoding();
    e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE
}

/// Detection then decoding of arbitrary bytes.
pub fn check_detect(data: &[u8]) {
    let det = match detect::detect(data) {
        Ok(d) => d,
        Err(Error::Binary(_)) => return,
        Err(e) => panic!("detect failed with a non-binary error: {e}; input {data:?}"),
    };
    let decoded = decode::decode(data, &det);
    check_decoded(data, &det, &decoded);
    if det.charset == Charset::Utf8Lines && det.bom_len == 0 && std::str::from_utf8(data).is_ok() {
        assert_eq!(
            decoded.text.as_bytes(),
            data,
            "valid UTF-8 detected as UTF-8 must decode to itself"
        );
    }
}

/// Decoding `data` as `det` says: offsets, line breaks, and whole-versus-pieces.
pub fn check_decode(data: &[u8], det: &Detection) {
    let decoded = decode::decode(data, det);
    check_decoded(data, det, &decoded);
}

fn check_decoded(data: &[u8], det: &Detection, decoded: &Decoded) {
    let ctx = || format!("{} on {data:?} gave {:?}", det.charset.name(), decoded.text);
    for w in decoded.malformed.windows(2) {
        assert!(
            w[0] < w[1],
            "malformed offsets not increasing: {:?}; {}",
            decoded.malformed,
            ctx()
        );
    }
    if let Some(&last) = decoded.malformed.last() {
        assert!(
            last < data.len(),
            "malformed offset {last} past the end; {}",
            ctx()
        );
    }
    let fffd = decoded.text.chars().filter(|&c| c == '\u{FFFD}').count();
    assert!(
        decoded.malformed.len() <= fffd,
        "{} malformed sequences but only {fffd} U+FFFD in the text; {}",
        decoded.malformed.len(),
        ctx()
    );
    let body = &data[det.bom_len.min(data.len())..];
    let (lf, crlf) = line_breaks(decoded.text.as_bytes());
    if is_utf16(det.charset) {
        let le = det.charset.encoding() == encoding_rs::UTF_16LE;
        let units = body
            .chunks_exact(2)
            .filter(|u| if le { u == b"\n\0" } else { u == b"\0\n" })
            .count();
        assert_eq!(lf, units, "UTF-16 line feeds lost or invented; {}", ctx());
    } else if matches!(det.charset, Charset::Iso2022(_))
        || det.charset.encoding() == encoding_rs::ISO_2022_JP
    {
        // ISO-2022: every CR and LF comes through, and the shifts and escapes between
        // them vanish, so a CR and an LF with only those between them become a CRLF.
        let (body_lf, body_crlf) = line_breaks(body);
        assert_eq!(lf, body_lf, "ISO-2022 line feeds changed; {}", ctx());
        assert!(crlf >= body_crlf, "ISO-2022 lost a CRLF; {}", ctx());
    } else if det.charset != Charset::Hz {
        assert_eq!(
            (lf, crlf),
            line_breaks(body),
            "line breaks changed; {}",
            ctx()
        );
    } else {
        // HZ: `~` + LF is a soft line break that vanishes by design.
        assert!(
            lf <= line_breaks(body).0,
            "HZ invented line feeds; {}",
            ctx()
        );
    }
    check_pieces(data, det, decoded);
}

/// A stream is decoded in line-aligned chunks with the first chunk's detection; that must
/// give exactly the text and malformed offsets of decoding the input whole.
///
/// Except, by design, for the legacy lines of UTF-8 with raw legacy lines
/// (`src/decode/lines.rs`): the encoding that reads best over all the invalid lines of a
/// piece gets a bonus on each of them, so such a line may be read differently in a piece
/// of the stream than in the whole. There the valid UTF-8 lines must still come out
/// identical, and every line must still be there.
fn check_pieces(data: &[u8], det: &Detection, whole: &Decoded) {
    let cut = decode::split_point(&data[..data.len() / 2], det.charset);
    if cut == 0 {
        return;
    }
    let first = decode::decode(&data[..cut], det);
    let mut later = det.clone();
    later.bom_len = 0;
    let second = decode::decode(&data[cut..], &later);
    let text = first.text.clone() + &second.text;
    let mut offsets = first.malformed.clone();
    offsets.extend(second.malformed.iter().map(|o| o + cut));
    let what = || {
        format!(
            "decoding in two pieces (cut at {cut}) differs from decoding whole: {} on {data:?}",
            det.charset.name()
        )
    };
    let legacy = !whole.legacy_lines.is_empty()
        || !first.legacy_lines.is_empty()
        || !second.legacy_lines.is_empty();
    if det.charset != Charset::Utf8Lines || !legacy {
        assert_eq!(
            (&text, &offsets),
            (&whole.text, &whole.malformed),
            "{}",
            what()
        );
        return;
    }
    let body = &data[det.bom_len.min(data.len())..];
    let (in_lines, piece_lines, whole_lines) = (
        body.split(|&b| b == b'\n').collect::<Vec<_>>(),
        text.split('\n').collect::<Vec<_>>(),
        whole.text.split('\n').collect::<Vec<_>>(),
    );
    assert_eq!(piece_lines.len(), whole_lines.len(), "{}", what());
    for (i, line) in in_lines.iter().enumerate() {
        if let Ok(valid) = std::str::from_utf8(line) {
            assert_eq!(
                (piece_lines.get(i), whole_lines.get(i)),
                (Some(&valid), Some(&valid)),
                "a valid UTF-8 line changed; {}",
                what()
            );
        }
    }
}

/// One fixer on the text the pipeline would give it for `data`.
pub fn check_fixer(fixer: &dyn Fixer, data: &[u8], opts: &RepairOptions) {
    let (text, enc) = as_decoded(data);
    let ctx = Context {
        raw: Some(data),
        encoding: enc,
        options: opts,
    };
    let out = fixer.fix(&text, &ctx);
    let name = fixer.name();
    if out.changes.is_empty() {
        assert_eq!(out.text, text, "{name} changed the text without a Change");
    }
    for c in &out.changes {
        assert_eq!(
            text.get(c.offset..c.offset + c.before.len()),
            Some(c.before.as_str()),
            "{name}: change {c:?} does not point at its `before` in {text:?}"
        );
    }
    assert_eq!(
        line_breaks(out.text.as_bytes()),
        line_breaks(text.as_bytes()),
        "{name} changed line breaks: {text:?} -> {:?}",
        out.text
    );
    check_fixer_idempotent(fixer, &text, &out.text, opts);
}

/// Running `fixer` on its own output (as UTF-8 bytes, as a second zhfix run would) must
/// change nothing.
pub fn check_fixer_idempotent(fixer: &dyn Fixer, input: &str, output: &str, opts: &RepairOptions) {
    let again = fixer.fix(output, &Context::utf8(output, opts));
    assert!(
        again.changes.is_empty() && again.text == output,
        "{} is not idempotent: {input:?} -> {output:?} -> {:?} ({:?})",
        fixer.name(),
        again.text,
        again.changes
    );
}

/// The standard chain of fixers, as one.
pub fn check_repairer(data: &[u8], opts: &RepairOptions) {
    static STANDARD: OnceLock<Repairer> = OnceLock::new();
    let repairer = STANDARD.get_or_init(Repairer::standard);
    let (text, enc) = as_decoded(data);
    let ctx = Context {
        raw: Some(data),
        encoding: enc,
        options: opts,
    };
    let out = repairer.run(&text, &ctx);
    if out.changes.is_empty() {
        assert_eq!(
            out.text, text,
            "the repairer changed the text without a Change"
        );
    }
    assert_eq!(
        line_breaks(out.text.as_bytes()),
        line_breaks(text.as_bytes()),
        "repair changed line breaks: {text:?} -> {:?}",
        out.text
    );
    let again = repairer.run(&out.text, &Context::utf8(&out.text, opts));
    assert!(
        again.changes.is_empty() && again.text == out.text,
        "repair is not idempotent: {text:?} -> {:?} -> {:?} ({:?})",
        out.text,
        again.text,
        again.changes
    );
}

/// One OpenCC configuration on any text: line breaks kept, text without Han untouched.
pub fn check_convert(config: Config, text: &str) {
    let conv = convert::load(convert::Engine::Native, config)
        .unwrap_or_else(|e| panic!("cannot load {config}: {e}"));
    let out = conv.convert(text);
    assert_eq!(
        line_breaks(out.as_bytes()),
        line_breaks(text.as_bytes()),
        "{config} changed line breaks: {text:?} -> {out:?}"
    );
    if !text.chars().any(zhfix::model::is_han) {
        assert_eq!(out, text, "{config} changed text without Han characters");
    }
}

/// A pipeline per target and annotation mode, built once.
pub fn pipeline(i: u8) -> (&'static Pipeline, Target) {
    let all = all_pipelines();
    let (p, t) = &all[i as usize % all.len()];
    (p, *t)
}

/// Every target (in [`Target::ALL`] order) with every repair option byte 0..3: entry `i % 3`
/// is the `--to keep` pipeline with the options of entry `i`.
fn all_pipelines() -> &'static [(Pipeline, Target)] {
    static ALL: OnceLock<Vec<(Pipeline, Target)>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut v = Vec::new();
        for t in Target::ALL {
            for a in 0..3 {
                let p = Pipeline::builder()
                    .target(t)
                    .repair_options(options(a))
                    .build()
                    .expect("default pipeline builds");
                v.push((p, t));
            }
        }
        v
    })
}

/// The whole library pipeline, bytes in.
pub fn check_pipeline(pipeline: &Pipeline, target: Target, data: &[u8]) {
    let fixed = match pipeline.fix_bytes(data) {
        Ok(f) => f,
        Err(Error::Binary(_)) => return,
        Err(e) => panic!("fix_bytes failed on non-strict input: {e}; input {data:?}"),
    };
    let decoded = decode::decode(data, &fixed.detection);
    assert_eq!(
        line_breaks(fixed.text.as_bytes()),
        line_breaks(decoded.text.as_bytes()),
        "repair or conversion changed line breaks: {:?} -> {:?}",
        decoded.text,
        fixed.text
    );
    assert_eq!(
        fixed.report.status == "unchanged",
        fixed.text.as_bytes() == data,
        "status {:?} disagrees with the bytes",
        fixed.report.status
    );
    // Valid UTF-8 only: a file that is mostly UTF-8 with an invalid line is also detected
    // as "utf-8", and that line is read in a legacy encoding (0xE5 alone is å).
    if target == Target::Keep
        && fixed.detection.method == "utf-8"
        && fixed.detection.bom_len == 0
        && std::str::from_utf8(data).is_ok()
        && fixed.report.repairs.is_empty()
    {
        assert_eq!(
            fixed.text.as_bytes(),
            data,
            "--to keep changed clean UTF-8 that no fixer touched"
        );
    }
    check_relabel(&fixed.text, fixed.detection.charset);
    check_second_run(pipeline, target, data, &fixed);
}

/// Writing the output as UTF-8: the declaration rewrite changes only the label, to one
/// naming UTF-8, and finds nothing to change in its own output or in UTF-8 input.
pub fn check_relabel(text: &str, input: Charset) {
    let Some((out, c)) = relabel(text, input, OutputEncoding::Utf8) else {
        return;
    };
    assert!(
        !OutputEncoding::Utf8.writes(input),
        "relabelled an input already in UTF-8: {text:?}"
    );
    let end = c.offset + c.before.len();
    assert_eq!(
        &text[c.offset..end],
        c.before,
        "change not at its offset: {text:?}"
    );
    assert!(
        c.after.eq_ignore_ascii_case("utf-8"),
        "label {:?} for UTF-8",
        c.after
    );
    assert_eq!(
        out,
        format!("{}{}{}", &text[..c.offset], c.after, &text[end..]),
        "relabel changed more than the label: {text:?}"
    );
    assert!(
        relabel(&out, input, OutputEncoding::Utf8).is_none(),
        "relabelling its own output changes it again: {out:?}"
    );
}

/// Fixing the output again: repairing it again (`--to keep`, same repair options)
/// changes nothing, and converting it again repairs nothing. Whether converting it again
/// changes it is OpenCC's business: every configuration has phrases whose output its own
/// tables convert again (t2s: 畢昇 → 毕昇, whose 昇 is 升 the next time), and zhfix must
/// agree with OpenCC.
fn check_second_run(pipeline: &Pipeline, target: Target, data: &[u8], fixed: &zhfix::Fixed) {
    let keep = keep_like(pipeline);
    let again = |p: &Pipeline| match p.fix_bytes(fixed.text.as_bytes()) {
        // A second run skipping its input as not text leaves it alone: that is unchanged.
        Err(Error::Binary(_)) => None,
        Err(e) => panic!("second pass failed: {e}; first output {:?}", fixed.text),
        Ok(again) => Some(again),
    };
    if let Some(again) = again(keep) {
        assert_eq!(
            again.text,
            fixed.text,
            "repairing the output of the pipeline ({target:?}) again changes it, on {data:?}: {:?} ({:?}) then {:?} ({:?})",
            fixed.report.repairs,
            fixed.detection.method,
            again.report.repairs,
            again.detection.method
        );
    }
    if target == Target::Keep {
        return;
    }
    if let Some(again) = again(pipeline) {
        assert!(
            again.report.repairs.is_empty(),
            "converting the output of the pipeline ({target:?}) again repairs it, on {data:?}: {:?} then {:?}",
            fixed.report.repairs,
            again.report.repairs
        );
    }
}

/// The `--to keep` pipeline with the same repair options as `p` (one of [`pipeline`]'s).
fn keep_like(p: &Pipeline) -> &'static Pipeline {
    let all = all_pipelines();
    let i = all
        .iter()
        .position(|(q, _)| std::ptr::eq(q, p))
        .expect("a pipeline made by invariants::pipeline");
    &all[i % 3].0
}
