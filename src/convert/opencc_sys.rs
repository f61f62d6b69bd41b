//! The system's libopencc through the `opencc-rust` crate (`--features opencc-sys`).
//!
//! For users who want their distribution's OpenCC. opencc-rust 1.1.x is the line that links
//! against OpenCC 1.1.2 ≤ v < 1.2 (Debian 12/13 ship 1.1.x); its 2.x line requires
//! OpenCC ≥ 1.4. The system's dictionaries are older than the 1.4.2 data the native engine
//! embeds (Debian 1.1.6 turns 胚胎发育 into 胚胎髮育), and libopencc is about an order of
//! magnitude slower, so this is never the default.
//!
//! opencc-rust panics on a NUL byte (it builds a C string), so text is handed over between
//! NULs and the NULs are put back: nothing is lost.

use super::{Config, Converter};
use crate::Error;

pub(crate) struct System {
    config: Config,
    inner: opencc_rust::OpenCC,
}

impl System {
    /// Open the system configuration `<name>.json` (found in libopencc's data directory).
    pub fn open(config: Config) -> Result<System, Error> {
        let inner = opencc_rust::OpenCC::new(format!("{}.json", config.name())).map_err(|e| {
            Error::EngineUnavailable(format!("opencc-sys ({}): {e}", config.name()))
        })?;
        Ok(System { config, inner })
    }
}

impl Converter for System {
    fn config(&self) -> Config {
        self.config
    }

    fn convert_into(&self, text: &str, out: &mut String) {
        for (i, piece) in text.split('\0').enumerate() {
            if i > 0 {
                out.push('\0');
            }
            if !piece.is_empty() {
                out.push_str(&self.inner.convert(piece));
            }
        }
    }
}
