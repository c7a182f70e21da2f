//! The one place that names the YAML crate. serde_yaml is archived upstream; a maintained fork
//! with the same API replaces it by changing the `use` line below and `Cargo.toml`.

use serde::de::DeserializeOwned;
use serde_yaml as backend;

/// A parsed YAML value.
pub type Value = backend::Value;
/// A YAML mapping.
pub type Mapping = backend::Mapping;

/// A YAML error with its place inside the YAML text (1-based), where the parser knows it.
#[derive(Debug, Clone)]
pub struct YamlError {
    /// Line inside the YAML text, 1-based.
    pub line: Option<usize>,
    /// The parser's own words (English).
    pub detail: String,
}

impl YamlError {
    fn from_backend(e: backend::Error) -> Self {
        let line = e.location().map(|l| l.line());
        // The backend appends " at line N column M" to its messages; the line is reported
        // separately, against the Markdown file, so that suffix would only mislead.
        let mut detail = e.to_string();
        if let Some(cut) = detail.find(" at line ") {
            detail.truncate(cut);
        }
        YamlError { line, detail }
    }
}

/// Parses YAML text into a generic value.
pub fn parse(text: &str) -> Result<Value, YamlError> {
    backend::from_str(text).map_err(YamlError::from_backend)
}

/// Parses YAML text straight into `T` (theme dictionaries, manifests).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    backend::from_str(text).map_err(YamlError::from_backend)
}

/// Converts an already parsed value into `T`.
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, YamlError> {
    backend::from_value(value).map_err(YamlError::from_backend)
}
