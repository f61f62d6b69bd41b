//! Reports as Python dicts.
//!
//! The dict is built from the report's JSON, the very text `zhfix --report json` prints,
//! so numbers come out as the CLI shows them (the f32 confidence 0.9 is `0.9`, not the
//! `0.8999999761581421` a direct f32→f64 conversion would give) and the keys are the same.
//! One key is added: `changes`, the repairs `--explain` prints (fixer, kind, offset,
//! before, after, why, guessed, lost), which the JSON report leaves out for size.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde_json::Value;
use zhfix::report::Report;

pub fn to_dict<'py>(py: Python<'py>, report: &Report) -> PyResult<Bound<'py, PyAny>> {
    let ser = |e: serde_json::Error| PyRuntimeError::new_err(format!("report: {e}"));
    let json = serde_json::to_string(report).map_err(ser)?;
    let mut value: Value = serde_json::from_str(&json).map_err(ser)?;
    let changes = serde_json::to_string(&report.repairs).map_err(ser)?;
    if let Value::Object(map) = &mut value {
        map.insert(
            "changes".into(),
            serde_json::from_str(&changes).map_err(ser)?,
        );
    }
    to_py(py, &value)
}

fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_u64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(a) => {
            let list = PyList::empty(py);
            for x in a {
                list.append(to_py(py, x)?)?;
            }
            list.into_any()
        }
        Value::Object(o) => {
            let dict = PyDict::new(py);
            for (k, x) in o {
                dict.set_item(k, to_py(py, x)?)?;
            }
            dict.into_any()
        }
    })
}
