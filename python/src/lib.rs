//! Python bindings: the zhfix library, one import away.
//!
//! There is no second implementation here. Every call goes through [`zhfix::Pipeline`],
//! built with the same options the CLI maps its flags to, so `zhfix.fix(text, to="s")`
//! returns exactly what `zhfix --jsonl text --to s` writes into that record, and
//! `zhfix.fix_bytes(data)` exactly what `zhfix FILE` prints for a file holding `data`.
//!
//! Three things shape this module:
//!
//! - **One class.** [`PyPipeline`] is the only entry point compiled here. Building one is
//!   cheap, but its converters load (and parse their dictionaries) the first time a text
//!   needs them, so the module-level `fix`, `fix_bytes` and `fix_batch` (in
//!   `zhfix/__init__.py`) keep one cached `Pipeline` per option set and call its methods:
//!   a loop of `zhfix.fix(...)` calls pays for the dictionaries once.
//! - **The GIL is released around the work.** Inputs are borrowed from the Python strings
//!   (no copy: abi3 from 3.10 exposes a string's UTF-8 buffer), the GIL is dropped, and
//!   `fix_batch` runs the records on rayon's pool, so other Python threads keep running
//!   and a batch uses every core.
//! - **Clean text comes back as the same object.** When nothing changed, the input `str`
//!   itself is returned (no new allocation, `result is text`), the Python face of the
//!   library's "clean text is never touched".
//!
//! Errors are `zhfix.ZhfixError` (a `ValueError`) whose message is the library error's
//! `Display`, i.e. the same words the CLI prints after `path: `.

mod report;

use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};
use rayon::prelude::*;
use std::sync::Arc;

create_exception!(
    zhfix,
    ZhfixError,
    PyValueError,
    "An input or an option zhfix cannot handle. The message is the one the CLI prints."
);

fn py_err(e: zhfix::Error) -> PyErr {
    ZhfixError::new_err(e.to_string())
}

/// Everything that configures a pipeline, as given from Python; also the cache key. The
/// library parses it exactly as it parses the CLI's flags, so both give the same output.
type Options = zhfix::pipeline::Settings;

/// Borrow the UTF-8 of each string in `texts` (any iterable of `str`).
fn collect_strs<'py>(texts: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyString>>> {
    // A str is an iterable of one-character strs: almost surely a mistake here.
    if texts.is_instance_of::<PyString>() || texts.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err(
            "fix_batch takes an iterable of str, not a single str or bytes (use fix)",
        ));
    }
    let mut out = Vec::new();
    for (i, item) in texts.try_iter()?.enumerate() {
        let item = item?;
        match item.downcast_into::<PyString>() {
            Ok(s) => out.push(s),
            Err(e) => {
                return Err(PyTypeError::new_err(format!(
                    "fix_batch: item {i} is {}, not str",
                    e.into_inner().get_type().name()?
                )))
            }
        }
    }
    Ok(out)
}

/// The fixed text as a Python object: the input itself when nothing changed.
fn text_out<'py>(original: &Bound<'py, PyString>, fixed: Option<String>) -> Bound<'py, PyAny> {
    match fixed {
        None => original.clone().into_any(),
        Some(s) => PyString::new(original.py(), &s).into_any(),
    }
}

/// `Some(new text)` when the pipeline changed `text`, `None` when it is clean.
fn fix_one(
    p: &zhfix::Pipeline,
    text: &str,
) -> Result<(Option<String>, zhfix::report::Report), zhfix::Error> {
    let fixed = p.fix_str(text)?;
    let changed = fixed.changed();
    Ok((changed.then_some(fixed.text), fixed.report))
}

fn fix_impl<'py>(p: &zhfix::Pipeline, text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyAny>> {
    let s = text.to_str()?;
    let (fixed, _) = text.py().allow_threads(|| fix_one(p, s)).map_err(py_err)?;
    Ok(text_out(text, fixed))
}

fn fix_report_impl<'py>(
    p: &zhfix::Pipeline,
    text: &Bound<'py, PyString>,
) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
    let s = text.to_str()?;
    let py = text.py();
    let (fixed, rep) = py.allow_threads(|| fix_one(p, s)).map_err(py_err)?;
    Ok((text_out(text, fixed), report::to_dict(py, &rep)?))
}

fn fix_bytes_impl<'py>(
    py: Python<'py>,
    p: &zhfix::Pipeline,
    data: &[u8],
) -> PyResult<(Bound<'py, PyString>, Bound<'py, PyAny>)> {
    // The text is what `zhfix FILE` prints, so its declaration names UTF-8 as there.
    let fixed = py
        .allow_threads(|| {
            let mut fixed = p.fix_bytes(data)?;
            fixed.declare(zhfix::io::encode::OutputEncoding::Utf8);
            Ok::<_, zhfix::Error>(fixed)
        })
        .map_err(py_err)?;
    Ok((
        PyString::new(py, &fixed.text),
        report::to_dict(py, &fixed.report)?,
    ))
}

type BatchOut = Vec<(Option<String>, zhfix::report::Report)>;

/// Fix every string with the GIL released, in parallel on rayon's pool, in order.
fn run_batch<'py>(p: &zhfix::Pipeline, strs: &[Bound<'py, PyString>]) -> PyResult<BatchOut> {
    let borrowed: Vec<&str> = strs.iter().map(|s| s.to_str()).collect::<PyResult<_>>()?;
    let py = match strs.first() {
        Some(s) => s.py(),
        None => return Ok(Vec::new()),
    };
    py.allow_threads(|| {
        borrowed
            .par_iter()
            .map(|t| fix_one(p, t))
            .collect::<Result<BatchOut, _>>()
    })
    .map_err(py_err)
}

fn fix_batch_impl<'py>(
    p: &zhfix::Pipeline,
    texts: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let strs = collect_strs(texts)?;
    let out = run_batch(p, &strs)?;
    PyList::new(
        texts.py(),
        strs.iter()
            .zip(out)
            .map(|(orig, (fixed, _))| text_out(orig, fixed)),
    )
}

fn fix_batch_reports_impl<'py>(
    p: &zhfix::Pipeline,
    texts: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let py = texts.py();
    let strs = collect_strs(texts)?;
    let out = run_batch(p, &strs)?;
    let items = strs
        .iter()
        .zip(out)
        .map(|(orig, (fixed, rep))| Ok((text_out(orig, fixed), report::to_dict(py, &rep)?)))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// A zhfix pipeline configured once and reused: the form to use in a loop, a worker or a
/// Spark partition.
///
/// The options are those of the CLI: ``to`` (``keep``, ``s``, ``t``, ``tw``, ``twp``,
/// ``hk``, ``jp``), ``config`` (an OpenCC configuration such as ``s2twp``, used whatever
/// the text's script), ``engine``, ``from_encoding`` (forces the encoding of
/// :meth:`fix_bytes` input), ``strict``, ``repair`` (``False`` is ``--no-repair``),
/// ``annotations`` (``auto``, ``strip``, ``keep``), ``mark_guesses`` and
/// ``fullwidth_punct``.
///
/// Raises ZhfixError for an unknown option value, with the CLI's message.
#[pyclass(name = "Pipeline", module = "zhfix", frozen)]
struct PyPipeline {
    inner: Arc<zhfix::Pipeline>,
    options: Options,
}

#[pymethods]
impl PyPipeline {
    #[new]
    #[pyo3(signature = (to="keep", *, config=None, engine="native", from_encoding=None,
        strict=false, repair=true, annotations="auto", mark_guesses=false, fullwidth_punct=false))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        to: &str,
        config: Option<String>,
        engine: &str,
        from_encoding: Option<String>,
        strict: bool,
        repair: bool,
        annotations: &str,
        mark_guesses: bool,
        fullwidth_punct: bool,
    ) -> PyResult<Self> {
        let options = Options {
            to: to.to_string(),
            config,
            engine: engine.to_string(),
            from_encoding,
            strict,
            repair,
            annotations: annotations.to_string(),
            mark_guesses,
            fullwidth_punct,
        };
        let inner = Arc::new(options.build().map_err(py_err)?);
        Ok(PyPipeline { inner, options })
    }

    /// Repair and convert one text; returns the text itself when nothing changed.
    fn fix<'py>(&self, text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyAny>> {
        fix_impl(&self.inner, text)
    }

    /// Like :meth:`fix`, also returning the report dict.
    fn fix_report<'py>(
        &self,
        text: &Bound<'py, PyString>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        fix_report_impl(&self.inner, text)
    }

    /// Detect, decode, repair and convert raw bytes; returns ``(text, report)``.
    fn fix_bytes<'py>(
        &self,
        py: Python<'py>,
        data: &Bound<'py, PyBytes>,
    ) -> PyResult<(Bound<'py, PyString>, Bound<'py, PyAny>)> {
        fix_bytes_impl(py, &self.inner, data.as_bytes())
    }

    /// Fix an iterable of strings in parallel (GIL released); a list in input order.
    fn fix_batch<'py>(&self, texts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        fix_batch_impl(&self.inner, texts)
    }

    /// Like :meth:`fix_batch`, as a list of ``(text, report)`` pairs.
    fn fix_batch_reports<'py>(&self, texts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        fix_batch_reports_impl(&self.inner, texts)
    }

    fn __repr__(&self) -> String {
        let o = &self.options;
        // Python's quoting, so the repr reads as the call that makes it.
        let q = |v: &str| format!("'{}'", v.replace('\\', "\\\\").replace('\'', "\\'"));
        let mut s = format!("zhfix.Pipeline(to={}", q(&o.to));
        if let Some(c) = &o.config {
            s += &format!(", config={}", q(c));
        }
        if o.engine != "native" {
            s += &format!(", engine={}", q(&o.engine));
        }
        if let Some(f) = &o.from_encoding {
            s += &format!(", from_encoding={}", q(f));
        }
        if o.strict {
            s += ", strict=True";
        }
        if !o.repair {
            s += ", repair=False";
        }
        if o.annotations != "auto" {
            s += &format!(", annotations={}", q(&o.annotations));
        }
        if o.mark_guesses {
            s += ", mark_guesses=True";
        }
        if o.fullwidth_punct {
            s += ", fullwidth_punct=True";
        }
        s + ")"
    }
}

#[pymodule]
fn _zhfix(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("ZhfixError", m.py().get_type::<ZhfixError>())?;
    m.add_class::<PyPipeline>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
