//! Typed errors for the library. Only the binary prints them; each message is one line
//! that names the cause and, where there is one, what to do about it.

use std::path::PathBuf;

/// Everything that can go wrong while fixing one input.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not text ({0}); skipped")]
    Binary(&'static str),
    #[error("{count} malformed byte sequence(s) in {encoding}, first at byte {first}; drop --strict to replace them with U+FFFD")]
    Malformed {
        encoding: &'static str,
        count: usize,
        first: usize,
    },
    #[error("unknown encoding label '{0}' (use a name such as gb18030, gbk, big5, cp950, euc-kr, utf-16le)")]
    UnknownEncoding(String),
    #[error("cannot encode '{ch}' (U+{code:04X}) on line {line} as {encoding}; choose another --output-encoding")]
    Unmappable {
        ch: char,
        code: u32,
        line: usize,
        encoding: &'static str,
    },
    #[error("unknown conversion configuration '{0}' (try s2t, t2s, s2tw, tw2s, s2twp, tw2sp, s2hk, hk2s, t2tw, tw2t, t2hk, hk2t, t2jp, jp2t)")]
    UnknownConfig(String),
    #[error("conversion engine '{0}' is not available in this build")]
    EngineUnavailable(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Refused(String),
}

impl Error {
    /// Attach a path to an I/O error.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
