//! The one place that names the YAML crates. serde_yaml is archived upstream; a maintained fork
//! with the same API replaces it by changing the `use` line below and `Cargo.toml`.
//!
//! serde_yaml's values carry no place in the text, so the line of every key (for findings at
//! `file:line`) comes from yaml-rust2's parser events, which do: [`key_lines`].

use serde::de::DeserializeOwned;
use serde_yaml as backend;

/// A parsed YAML value.
pub type Value = backend::Value;
/// A YAML mapping.
pub type Mapping = backend::Mapping;

/// The most YAML text read at once. A document's frontmatter or `site.yaml` is a few
/// kilobytes; the bound keeps a damaged or hostile file from costing time.
pub const MAX_BYTES: usize = 128 * 1024;
/// The deepest flow nesting (`[`, `{`) read. The parser's time grows with the square of the
/// nesting, and real frontmatter nests three or four levels.
pub const MAX_FLOW_DEPTH: usize = 32;
/// The widest block indentation read (spaces and `- ` list markers before a line's content).
pub const MAX_INDENT: usize = 128;

/// Which bound a text broke, checked before the parser sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Longer than [`MAX_BYTES`].
    Size,
    /// Nested deeper than [`MAX_FLOW_DEPTH`] or indented wider than [`MAX_INDENT`].
    Depth,
}

/// A YAML error with its place inside the YAML text (1-based), where the parser knows it.
#[derive(Debug, Clone)]
pub struct YamlError {
    /// Line inside the YAML text, 1-based.
    pub line: Option<usize>,
    /// The parser's own words (English).
    pub detail: String,
    /// Set when the text was refused unread for breaking a bound.
    pub limit: Option<Limit>,
    /// What is wrong, as far as the parser's words tell, for a message in the user's language.
    pub problem: YamlProblem,
}

pub use crate::messages::YamlProblem;

/// Recognises the problem from the parser's full message and the text it read.
fn classify(message: &str, text: &str, line: Option<usize>) -> YamlProblem {
    let has = |s: &str| message.contains(s);
    // libyaml words a tab before a key as "found character that cannot start any token".
    let tab_on_line = line
        .and_then(|l| text.lines().nth(l.saturating_sub(1)))
        .is_some_and(|l| l.chars().take_while(|c| c.is_whitespace()).any(|c| c == '\t'));
    if has("tab") || (has("cannot start any token") && tab_on_line) {
        YamlProblem::Tab
    } else if has("duplicate") {
        YamlProblem::DuplicateKey
    } else if has("invalid type") || has("invalid value") {
        YamlProblem::WrongType
    } else if has("scanning a quoted scalar")
        || has("expected ',' or ']'")
        || has("expected ',' or '}'")
        || has("parsing a flow")
    {
        YamlProblem::Unclosed
    } else if has("end of stream") {
        YamlProblem::UnexpectedEnd
    } else if has("mapping values are not allowed") {
        YamlProblem::KeyHere
    } else if has("could not find expected ':'") {
        YamlProblem::Colon
    } else if has("did not find expected key")
        || has("did not find expected '-'")
        || has("block sequence entries are not allowed")
        || has("block mapping")
    {
        YamlProblem::Indentation
    } else {
        YamlProblem::Other
    }
}

impl YamlError {
    fn from_backend(e: backend::Error, text: &str) -> Self {
        // The backend words a syntax error as "PROBLEM at line N column M, while CONTEXT at
        // line K column L". The problem's line is where the parser gave up, often the line
        // after the mistake (an unclosed quote or bracket, a key without `:`); the context's
        // line is where the construct in error began, which is what the author must fix.
        let full = e.to_string();
        // Only contexts that open a construct on their line qualify: a block mapping's context
        // is where the mapping began, far above, and a plain scalar's is the line before a tab.
        let context_line = full
            .rsplit_once(", while ")
            .filter(|(_, ctx)| OPENING_CONTEXTS.iter().any(|c| ctx.starts_with(c)))
            .and_then(|(_, ctx)| line_in(ctx));
        let line = context_line.or_else(|| e.location().map(|l| l.line()));
        // Past the end of the text means "the text ended too early": the last line written.
        let last = text.lines().count().max(1);
        let line = line.map(|l| l.min(last));
        let problem = classify(&full, text, line);
        let mut detail = full;
        if let Some(cut) = detail.find(" at line ") {
            detail.truncate(cut);
        }
        YamlError { line, detail, limit: None, problem }
    }
}

/// libyaml's contexts that name where an unfinished construct was opened.
const OPENING_CONTEXTS: [&str; 4] =
    ["scanning a simple key", "scanning a quoted scalar", "parsing a flow sequence", "parsing a flow mapping"];

/// The `N` of "... at line N column M".
fn line_in(s: &str) -> Option<usize> {
    let (_, rest) = s.split_once(" at line ")?;
    rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

/// Refuses, before parsing, a text that breaks [`MAX_BYTES`], [`MAX_FLOW_DEPTH`] or
/// [`MAX_INDENT`], naming the line where the bound was crossed. One pass, no allocation.
pub fn check_bounds(text: &str) -> Result<(), YamlError> {
    let refuse = |line: usize, limit: Limit, detail: String| {
        Err(YamlError { line: Some(line), detail, limit: Some(limit), problem: YamlProblem::Other })
    };
    if text.len() > MAX_BYTES {
        return refuse(1, Limit::Size, format!("longer than {MAX_BYTES} bytes"));
    }
    let mut depth = 0usize;
    for (i, line) in text.lines().enumerate() {
        let indent = block_indent(line);
        if indent > MAX_INDENT {
            return refuse(i + 1, Limit::Depth, format!("indented more than {MAX_INDENT} columns"));
        }
        let mut quote: Option<char> = None;
        let mut prev = ' ';
        let mut escaped = false;
        for c in line.chars() {
            match quote {
                Some('"') if escaped => escaped = false,
                Some('"') if c == '\\' => escaped = true,
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None => match c {
                    '"' | '\'' => quote = Some(c),
                    '#' if prev.is_whitespace() => break,
                    '[' | '{' => {
                        depth += 1;
                        if depth > MAX_FLOW_DEPTH {
                            return refuse(i + 1, Limit::Depth, format!("nested deeper than {MAX_FLOW_DEPTH} levels"));
                        }
                    }
                    ']' | '}' => depth = depth.saturating_sub(1),
                    _ => {}
                },
            }
            prev = c;
        }
    }
    Ok(())
}

/// The width of a line's block nesting: its indentation and the `- `, `? `, `: ` indicators
/// that open a nested block on the same line (`- - - x`), but not a run of dashes in a text.
fn block_indent(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut i = 0;
    loop {
        while bytes.get(i).is_some_and(|b| *b == b' ' || *b == b'\t') {
            i += 1;
        }
        let indicator = bytes.get(i).is_some_and(|b| b"-?:".contains(b));
        if indicator && bytes.get(i + 1).is_none_or(|b| *b == b' ' || *b == b'\t') {
            i += 1;
        } else {
            return i;
        }
        if i >= bytes.len() {
            return i;
        }
    }
}

/// Parses YAML text into a generic value.
pub fn parse(text: &str) -> Result<Value, YamlError> {
    check_bounds(text)?;
    backend::from_str(text).map_err(|e| YamlError::from_backend(e, text))
}

/// Parses YAML text straight into `T` (theme dictionaries, manifests).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    check_bounds(text)?;
    backend::from_str(text).map_err(|e| YamlError::from_backend(e, text))
}

/// Converts an already parsed value into `T`.
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, YamlError> {
    backend::from_value(value).map_err(|e| YamlError::from_backend(e, ""))
}

/// A mapping key as the parser met it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyAt {
    /// The key's text.
    pub key: String,
    /// Its line in the YAML text, 1-based.
    pub line: usize,
    /// How deep its mapping is nested (0 for the top level).
    pub depth: usize,
    /// Which mapping it belongs to (numbered in the order the mappings start).
    pub map: usize,
}

/// Every mapping key of `text` with the parser's own line for it, in text order. Empty when
/// the text does not parse (the error says where).
pub fn key_lines(text: &str) -> Vec<KeyAt> {
    if check_bounds(text).is_err() {
        return Vec::new();
    }
    let mut keys = KeyCollector::default();
    let mut parser = yaml_rust2::parser::Parser::new_from_str(text);
    match parser.load(&mut keys, false) {
        Ok(()) => keys.found,
        Err(_) => Vec::new(),
    }
}

/// What the event walk is inside: a mapping (waiting for a key or a value) or a sequence.
enum Frame {
    Map { id: usize, want_key: bool },
    Seq,
}

#[derive(Default)]
struct KeyCollector {
    stack: Vec<Frame>,
    maps: usize,
    found: Vec<KeyAt>,
}

impl KeyCollector {
    /// A node takes its place in the enclosing collection: gives the mapping's id if it is a key.
    fn take_slot(&mut self) -> Option<usize> {
        match self.stack.last_mut() {
            Some(Frame::Map { id, want_key }) => {
                let was_key = *want_key;
                *want_key = !*want_key;
                was_key.then_some(*id)
            }
            _ => None,
        }
    }
}

impl yaml_rust2::parser::MarkedEventReceiver for KeyCollector {
    fn on_event(&mut self, ev: yaml_rust2::Event, mark: yaml_rust2::scanner::Marker) {
        use yaml_rust2::Event;
        match ev {
            Event::Scalar(text, ..) => {
                let depth = self.stack.iter().filter(|f| matches!(f, Frame::Map { .. })).count().saturating_sub(1);
                if let Some(map) = self.take_slot() {
                    self.found.push(KeyAt { key: text, line: mark.line(), depth, map });
                }
            }
            Event::Alias(_) => {
                self.take_slot();
            }
            Event::MappingStart(..) => {
                self.take_slot();
                self.stack.push(Frame::Map { id: self.maps, want_key: true });
                self.maps += 1;
            }
            Event::SequenceStart(..) => {
                self.take_slot();
                self.stack.push(Frame::Seq);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The error for `text`. No clock here: a bound is shown by *which* error comes back (a
    /// `limit`, found before the parser runs; the parser's own repetition limit), which holds on a
    /// busy machine too. The time saved is measured by hand (100,000 `[`: 43.7 s before, 0.01 s).
    fn quick(text: &str) -> YamlError {
        parse(text).expect_err("refused")
    }

    #[test]
    fn deep_or_huge_yaml_is_refused_at_once_with_its_line() {
        let e = quick(&format!("title: a\nextra: {}\n", "[".repeat(100_000)));
        assert_eq!((e.line, e.limit), (Some(2), Some(Limit::Depth)));
        let e = quick(&format!("title: a\nextra: {}\n", "[".repeat(40)));
        assert_eq!((e.line, e.limit), (Some(2), Some(Limit::Depth)));
        let e = quick(&format!("title: a\nextra:\n  {}x\n", "- ".repeat(5_000)));
        assert_eq!((e.line, e.limit), (Some(3), Some(Limit::Depth)));
        let e = quick(&format!("title: \"{}\"\n", "ә".repeat(MAX_BYTES)));
        assert_eq!((e.line, e.limit), (Some(1), Some(Limit::Size)));
        // A long rule of dashes in a text is not nesting.
        assert!(parse(&format!("extra: |\n  {}\n", "-".repeat(300))).is_ok());
        // Brackets inside quotes and comments are text, not nesting.
        let title = format!("title: \"{}\" # {}\n", "[".repeat(50), "{".repeat(50));
        assert!(parse(&title).is_ok());
    }

    #[test]
    fn an_alias_bomb_is_refused_quickly() {
        let mut text =
            String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        let mut prev = 'a';
        for name in 'b'..='j' {
            text.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{prev}"); 9].join(",")));
            prev = name;
        }
        let e = quick(&text);
        assert!(e.detail.contains("repetition limit"), "{}", e.detail);
    }

    #[test]
    fn syntax_errors_name_the_line_of_the_mistake() {
        let line = |t: &str| parse(t).expect_err("syntax error").line;
        assert_eq!(line("title: a\nfoo bar\nkind: order\n"), Some(2));
        assert_eq!(line("title: a\nkind: [\n"), Some(2));
        assert_eq!(line("title: \"Бет\nkind: order\n"), Some(1));
        assert_eq!(line("title: a\ndate: 2026-01-05\n  number: 3\n"), Some(3));
        assert_eq!(line("title: a\nx: {a: 1\ny: 2\n"), Some(2));
        assert_eq!(line("a: 1\n\tb: 2\n"), Some(2));
        assert_eq!(line("a: 1\nb:\n  c: 1\n  d: 2\n e: 3\n"), Some(5));
    }

    #[test]
    fn key_lines_come_from_the_parser_not_from_text_that_looks_like_a_key() {
        let text = "title: «Бұйрық» ә\nbody: |\n  date: not a key\n  # title: neither\nrecorded_in:\n  document: protocol\n  quote: \"ё: ң\"\nlist:\n  - {name: Ә, post: x}\n  - date: 2026-01-01\n\"date\": 1\n";
        let keys = key_lines(text);
        let at = |k: &str| keys.iter().filter(|x| x.key == k).map(|x| (x.line, x.depth)).collect::<Vec<_>>();
        assert_eq!(at("title"), [(1, 0)]);
        assert_eq!(at("body"), [(2, 0)]);
        assert_eq!(at("document"), [(6, 1)]);
        assert_eq!(at("quote"), [(7, 1)]);
        assert_eq!(at("post"), [(9, 1)]);
        // Inside the block scalar `date:` is text; the real keys are in the list and at the end.
        assert_eq!(at("date"), [(10, 1), (11, 0)]);
        assert!(key_lines("a: [").is_empty());
    }

    #[test]
    fn syntax_errors_are_recognised_for_the_users_own_words() {
        let problem = |t: &str| parse(t).expect_err("syntax error").problem;
        assert_eq!(problem("title: \"Әріптес «Арай»\nkind: order\n"), YamlProblem::Unclosed);
        assert_eq!(problem("title: Ёлка\ntags: [әже, «ата»\n"), YamlProblem::Unclosed);
        assert_eq!(problem("title: Бет\nжауапты адам\nkind: order\n"), YamlProblem::Colon);
        assert_eq!(problem("title: Бет\ndate: 2026-01-05\n  number: 3\n"), YamlProblem::KeyHere);
        assert_eq!(problem("title: Бет\n\tkind: order\n"), YamlProblem::Tab);
        assert_eq!(problem("title: Ә\ntitle: Ё\n"), YamlProblem::DuplicateKey);
        assert_eq!(problem("a:\n  b: 1\n c: «ә»\n"), YamlProblem::Indentation);
        let wrong: Result<std::collections::BTreeMap<String, String>, _> = from_str("title: [ә, ё]\n");
        assert_eq!(wrong.map_err(|e| e.problem).err(), Some(YamlProblem::WrongType));
    }
}
