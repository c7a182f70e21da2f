//! Reading YAML fields by hand, key by key, so that every problem is reported at the line of
//! its key in the `.md` file and all of a file's problems are reported together.

use super::yaml::{self, Mapping, Value};
use crate::diagnostic::Diagnostic;
use crate::messages::Message;
use chrono::NaiveDate;
use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use std::fmt;
use std::path::Path;

/// A YAML text being read: where it sits in its file, and the problems found so far.
pub(crate) struct Reader<'a> {
    text: &'a str,
    /// Every mapping key with its line in the YAML text, as the parser saw it.
    keys: Vec<yaml::KeyAt>,
    /// File line of the YAML text's first line.
    first_line: usize,
    file: &'a Path,
    pub(crate) diags: Vec<Diagnostic>,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(text: &'a str, first_line: usize, file: &'a Path) -> Self {
        // The keys' lines are found even when the text does not parse as a whole: a repeated
        // key is an error for serde_yaml but not for the event parser, which says where it is.
        let keys = yaml::key_lines(text);
        Reader { text, first_line, file, keys, diags: Vec::new() }
    }

    /// File line of `key` written at or after `from` (a file line), falling back to `from`. The
    /// line is the parser's own (a `key:` inside a block of text or a comment is no key).
    pub(crate) fn line_of(&self, key: &str, from: usize) -> usize {
        self.keys
            .iter()
            .map(|k| (k, k.line + self.first_line - 1))
            .find(|(k, line)| k.key == key && *line >= from)
            .map_or(from, |(_, line)| line)
    }

    /// The line of a repeated key's second appearance in one mapping.
    fn duplicate_line(&self, detail: &str) -> usize {
        // serde_yaml words it "duplicate entry with key \"K\"", after "PATH: " when nested.
        let key = detail.split_once("duplicate entry with key \"").and_then(|(_, k)| k.strip_suffix('"'));
        let Some(key) = key else { return self.first_line };
        let mut seen = std::collections::HashSet::new();
        self.keys
            .iter()
            .filter(|k| k.key == key)
            .find(|k| !seen.insert(k.map))
            .map_or(self.first_line, |k| k.line + self.first_line - 1)
    }

    pub(crate) fn error(&mut self, line: usize, message: Message) {
        self.diags.push(Diagnostic::error(self.file.to_path_buf(), Some(line), message));
    }

    /// Parses the whole text; a syntax error is recorded at its line and gives `None`.
    pub(crate) fn parse(&mut self) -> Option<Value> {
        match yaml::parse(self.text) {
            Ok(v) => Some(v),
            Err(e) => {
                // The parser places a repeated key at the start of its mapping.
                let line = match e.line {
                    _ if e.detail.contains("duplicate entry with key") => self.duplicate_line(&e.detail),
                    Some(l) => l + self.first_line - 1,
                    None => self.first_line,
                };
                let message = match e.limit {
                    Some(yaml::Limit::Size) => Message::YamlTooLarge { max_kb: yaml::MAX_BYTES / 1024 },
                    Some(yaml::Limit::Depth) => {
                        Message::YamlTooDeep { max_depth: yaml::MAX_FLOW_DEPTH, max_indent: yaml::MAX_INDENT }
                    }
                    None => Message::YamlSyntax { problem: e.problem, detail: e.detail },
                };
                self.error(line, message);
                None
            }
        }
    }

    /// The top-level mapping's entries as `(key, file line, value)`, in file order. A key that
    /// is not text is reported.
    pub(crate) fn entries(&mut self, map: Mapping) -> Vec<(String, usize, Value)> {
        let mut out = Vec::with_capacity(map.len());
        let mut from = self.first_line;
        for (k, v) in map {
            let Some(key) = scalar_text(&k) else {
                self.error(from, Message::KeyNotText);
                continue;
            };
            let top = self.keys.iter().filter(|k| k.depth == 0);
            let line = top
                .map(|k| (k, k.line + self.first_line - 1))
                .find(|(k, line)| k.key == key && *line >= from)
                .map_or(from, |(_, line)| line);
            from = line;
            out.push((key, line, v));
        }
        out
    }

    /// Converts `value` (found under `key` at `line`) into `T`, reporting a failure at the line
    /// of the nested key it concerns where that can be found.
    pub(crate) fn convert<T: DeserializeOwned>(&mut self, key: &str, line: usize, value: Value) -> Option<T> {
        match yaml::from_value::<T>(value) {
            Ok(v) => Some(v),
            Err(e) => {
                let message = explain_serde(key, &e.detail);
                let at = match &message {
                    Message::UnknownKey { key, .. } | Message::MissingKey { key } => self.line_of(key, line),
                    _ => line,
                };
                // A missing key has no line of its own: point at its parent.
                let at = if matches!(message, Message::MissingKey { .. }) { line } else { at };
                self.error(at, message);
                None
            }
        }
    }

    /// A date written under `key`; `from` is the line to search from.
    pub(crate) fn date(&mut self, key: &str, from: usize, raw: &Scalar) -> Option<NaiveDate> {
        match parse_date(&raw.0) {
            Ok(d) => Some(d),
            Err(message) => {
                let line = self.line_of(key, from);
                self.error(line, message);
                None
            }
        }
    }
}

/// Text of a scalar key or value; numbers and booleans as written.
pub(crate) fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Turns serde's English wording of a failed conversion into a catalogue message.
fn explain_serde(parent: &str, detail: &str) -> Message {
    fn quoted(s: &str) -> Vec<String> {
        s.split('`').skip(1).step_by(2).map(str::to_owned).collect()
    }
    if let Some(rest) = detail.strip_prefix("unknown field ") {
        let names = quoted(rest);
        if let Some((key, allowed)) = names.split_first() {
            let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
            return Message::UnknownKey {
                key: key.clone(),
                suggestion: super::did_you_mean(key, &allowed),
                allowed: allowed.join(", "),
            };
        }
    }
    if let Some(key) = detail.strip_prefix("missing field ").and_then(|rest| quoted(rest).into_iter().next()) {
        return Message::MissingKey { key };
    }
    if let Some(rest) = detail.strip_prefix("unknown variant ") {
        let names = quoted(rest);
        if let Some((value, allowed)) = names.split_first() {
            let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
            return Message::UnknownValue {
                key: parent.to_owned(),
                value: value.clone(),
                suggestion: super::did_you_mean(value, &allowed),
                allowed: allowed.join(", "),
            };
        }
    }
    Message::BadValue { key: parent.to_owned(), detail: detail.to_owned() }
}

/// A YAML scalar read as the text its author wrote: `number: 14` and `number: "14"` are the same.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scalar(pub String);

impl<'de> serde::Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text, number or date")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads `2026-03-31` or `31.03.2026` (one-digit day and month allowed, as Word writes
/// `1.04.2026`). Anything else, or a day that does not exist, is an error saying which.
pub fn parse_date(text: &str) -> Result<NaiveDate, Message> {
    let t = text.trim();
    let parts: Option<(i32, u32, u32)> = if let Some((y, rest)) = t.split_once('-') {
        rest.split_once('-').and_then(|(m, d)| {
            let ok = y.len() == 4 && m.len() == 2 && d.len() == 2;
            ok.then(|| Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)))?
        })
    } else if let Some((d, rest)) = t.split_once('.') {
        rest.split_once('.').and_then(|(m, y)| {
            let ok = y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len());
            ok.then(|| Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)))?
        })
    } else {
        None
    };
    let Some((y, m, d)) = parts else {
        return Err(Message::DateFormat { value: t.to_owned() });
    };
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| Message::ImpossibleDate { value: t.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_forms() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 31);
        assert_eq!(parse_date("2026-03-31").ok(), d);
        assert_eq!(parse_date("31.03.2026").ok(), d);
        assert_eq!(parse_date("1.04.2026").ok(), NaiveDate::from_ymd_opt(2026, 4, 1));
        assert!(matches!(parse_date("2026-02-30"), Err(Message::ImpossibleDate { .. })));
        assert!(matches!(parse_date("31/03/2026"), Err(Message::DateFormat { .. })));
        assert!(matches!(parse_date("2026-3-31"), Err(Message::DateFormat { .. })));
        assert!(matches!(parse_date("наурыз"), Err(Message::DateFormat { .. })));
    }

    #[test]
    fn a_repeated_key_is_reported_at_its_second_line() {
        let mut r = Reader::new("title: a\nkind: order\n\ntitle: b\n", 2, Path::new("x.md"));
        assert!(r.parse().is_none());
        assert_eq!(r.diags[0].line, Some(5));
        let mut r = Reader::new("title: a\ntitle: b\n", 2, Path::new("x.md"));
        assert!(r.parse().is_none());
        assert_eq!(r.diags[0].line, Some(3));
        // A `title:` inside a block of text is no key; the nested mapping's repeat is found.
        let yaml = "note: |\n  title: ә\ntitle: «Бұйрық»\nperiod:\n  from: 2026-01-01\n  from: 2026-02-01\n";
        let mut r = Reader::new(yaml, 2, Path::new("x.md"));
        assert!(r.parse().is_none());
        assert_eq!(r.diags[0].line, Some(7));
        assert_eq!(r.line_of("title", 2), 4);
    }

    #[test]
    fn serde_wording_becomes_catalogue_messages() {
        let m = explain_serde("analysis", "unknown field `strat`, expected one of `start`, `end`");
        assert!(
            matches!(m, Message::UnknownKey { ref key, suggestion: Some(ref s), .. } if key == "strat" && s == "start")
        );
        let m = explain_serde("period", "missing field `from`");
        assert!(matches!(m, Message::MissingKey { ref key } if key == "from"));
    }
}
