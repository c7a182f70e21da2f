//! `content`'s editor (DESIGN.md §6, §7): a document's frontmatter keys or its body changed in
//! place. People also edit these files by hand and keep them in git, so every byte that was not
//! changed stays as it was: the other keys, comments, key order, quoting, line endings (a CRLF
//! file stays CRLF) and the byte-order mark. A changed key changes only its own lines; inside a
//! block mapping only the children that changed (so `analysis: start:` keeps the comment of
//! `analysis: end:`); a changed line keeps its trailing `# comment`; a list or a flow mapping is
//! written whole, in the style (flow or block) it had. A value is quoted only where YAML needs it,
//! or where it was quoted before.

use super::yaml::{self, KeyAt, Value};
use serde_json::Value as Json;
use std::io::Write as _;
use std::path::Path;

/// What a change of a document sets.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Change {
    /// Top-level frontmatter keys and their new values, in order; `None` removes the key. A key
    /// not there yet is added at the end of the frontmatter.
    pub fields: Vec<(String, Option<Json>)>,
    /// The new body (everything after the frontmatter), when it changes.
    pub body: Option<String>,
}

/// Why a text cannot be changed in place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditError {
    /// The text has no frontmatter between `---` lines.
    NoFrontmatter,
    /// The frontmatter does not read as YAML: the loader's finding says where.
    Unreadable,
}

/// `original` with `change` applied: a file saved with no change comes back byte for byte.
pub fn apply(original: &str, change: &Change) -> Result<String, EditError> {
    let (bom, text) = match original.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", original),
    };
    let eol = if text.split('\n').next().is_some_and(|l| l.ends_with('\r')) { "\r\n" } else { "\n" };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    if lines.first().map(|l| content(l)) != Some("---") {
        return Err(EditError::NoFrontmatter);
    }
    let close = (1..lines.len()).find(|&i| content(lines[i]).trim_end() == "---").ok_or(EditError::NoFrontmatter)?;
    let yaml_text: String = lines[1..close].iter().map(|l| format!("{}\n", content(l))).collect();
    let old = match yaml::parse(&yaml_text).map_err(|_| EditError::Unreadable)? {
        Value::Mapping(m) => m,
        Value::Null => yaml::Mapping::new(),
        _ => return Err(EditError::Unreadable),
    };
    let keys = yaml::key_lines(&yaml_text);
    let doc = Doc { lines: &lines, keys: &keys };
    let top = doc.entries(0, 1, close, 0);
    let mut splices = Vec::new();
    let mut added = Vec::new();
    for (key, value) in &change.fields {
        let old_value = old.get(Value::String(key.clone()));
        match (top.iter().find(|e| e.key == *key), value) {
            (Some(entry), None) => splices.push(Splice { start: entry.line, end: entry.end, lines: Vec::new() }),
            (Some(entry), Some(new)) => doc.change(entry, old_value, new, &mut splices),
            (None, Some(new)) if !matches!(new, Json::Null) => {
                added.extend(render(&key_text(key), new, &Style::Fresh, 0, ""));
            }
            (None, _) => {}
        }
    }
    if !added.is_empty() {
        splices.push(Splice { start: close, end: close, lines: added });
    }
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    // From the bottom up, so that the line numbers of the splices above stay true.
    splices.sort_by_key(|s| std::cmp::Reverse((s.start, s.end)));
    for s in splices {
        let new: Vec<String> = s.lines.into_iter().map(|l| l + eol).collect();
        out.splice(s.start..s.end, new);
    }
    let head_len = out.len() - (lines.len() - close - 1);
    let mut result = String::with_capacity(original.len() + 64);
    result.push_str(bom);
    if let Some(body) = &change.body {
        let old_body: String = lines[close + 1..].concat();
        if normalise(&old_body) != normalise(body) {
            out.truncate(head_len);
            out.push(normalise(body).replace('\n', eol));
        }
    }
    result.extend(out);
    Ok(result)
}

/// A file's version: the SHA-256 of its bytes, in hexadecimal. Two readers of a file agree it has
/// not changed exactly when their versions are equal.
pub fn version(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Why a file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// It is no longer at the version it was opened at: what it holds now (`None`: it is gone).
    Changed(Option<Vec<u8>>),
    /// It was to be made, and exists already.
    Exists,
    /// Another program holds it open and lets no one replace it (Word does so with the document it
    /// shows, on Windows): the file is as it was.
    InUse,
    /// The system refused (a full disk, a file held open by another program, no permission).
    Io(std::io::Error),
}

/// Writes `bytes` to `path` if the file is still at the version `expected` (`None`: it must not
/// exist yet), and gives the new version. The text goes to a temporary file in the same folder,
/// reaches the disk, and is renamed over the file, so the file is at every moment the old text
/// or the new one, whole; a failure leaves the old one. The file keeps its permissions.
///
/// The version is compared just before the rename: a program that writes the file between the
/// two is overwritten. The window is a few microseconds; closing it would need a lock every
/// other editor would have to honour.
pub fn write(path: &Path, bytes: &[u8], expected: Option<&str>) -> Result<String, WriteError> {
    let current = match std::fs::read(path) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(WriteError::Io(e)),
    };
    match (&current, expected) {
        (Some(_), None) => return Err(WriteError::Exists),
        (Some(now), Some(v)) if version(now) != v => return Err(WriteError::Changed(current)),
        (None, Some(_)) => return Err(WriteError::Changed(None)),
        _ => {}
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(WriteError::Io)?;
    // A name starting with a dot: the loader and the preview's watcher pass it by.
    let mut temp = tempfile::Builder::new().prefix(".ashyq-save").tempfile_in(dir).map_err(WriteError::Io)?;
    temp.write_all(bytes).and_then(|()| temp.as_file().sync_all()).map_err(WriteError::Io)?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = temp.as_file().set_permissions(meta.permissions());
    }
    let persisted = if expected.is_none() { temp.persist_noclobber(path) } else { temp.persist(path) };
    persisted.map_err(|e| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists => WriteError::Exists,
        _ if held_open(path, &e.error) => WriteError::InUse,
        _ => WriteError::Io(e.error),
    })?;
    Ok(version(bytes))
}

/// Whether the rename over `path` failed because another program holds the file open and shares
/// it with no one who would replace it, as Word does with the document it shows. Windows then
/// refuses the rename ("access denied" or "sharing violation") and refuses opening the file for
/// writing with a sharing violation, which tells it from a file that is read-only or not ours.
#[cfg(windows)]
fn held_open(path: &Path, e: &std::io::Error) -> bool {
    const ERROR_SHARING_VIOLATION: i32 = 32;
    const ERROR_LOCK_VIOLATION: i32 = 33;
    let busy = |e: &std::io::Error| matches!(e.raw_os_error(), Some(ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION));
    busy(e)
        || (e.kind() == std::io::ErrorKind::PermissionDenied
            && std::fs::OpenOptions::new().append(true).open(path).is_err_and(|e| busy(&e)))
}

/// On Unix a file open elsewhere can always be replaced: the other program keeps reading the old
/// one.
#[cfg(not(windows))]
fn held_open(_: &Path, _: &std::io::Error) -> bool {
    false
}

/// The frontmatter of `text` as JSON values (scalars as the text they read as), for a form.
pub fn fields(text: &str) -> Result<serde_json::Map<String, Json>, EditError> {
    let text = normalise(text.strip_prefix('\u{feff}').unwrap_or(text));
    let rest = text.strip_prefix("---\n").ok_or(EditError::NoFrontmatter)?;
    let end = rest
        .split_inclusive('\n')
        .scan(0, |at, l| {
            let start = *at;
            *at += l.len();
            Some((start, l))
        })
        .find(|(_, l)| l.trim_end() == "---")
        .map(|(start, _)| start)
        .ok_or(EditError::NoFrontmatter)?;
    match yaml::parse(&rest[..end]).map_err(|_| EditError::Unreadable)? {
        Value::Mapping(m) => Ok(m.into_iter().filter_map(|(k, v)| Some((yaml_key(&k)?, to_json(v)))).collect()),
        Value::Null => Ok(serde_json::Map::new()),
        _ => Err(EditError::Unreadable),
    }
}

/// A YAML value as JSON, scalars as the text they read as (`14` is `"14"`, as the loader reads it).
fn to_json(value: Value) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::String(b.to_string()),
        Value::Number(n) => Json::String(n.to_string()),
        Value::String(s) => Json::String(s),
        Value::Sequence(items) => Json::Array(items.into_iter().map(to_json).collect()),
        Value::Mapping(m) => {
            Json::Object(m.into_iter().filter_map(|(k, v)| Some((yaml_key(&k)?, to_json(v)))).collect())
        }
        Value::Tagged(t) => to_json(t.value),
    }
}

fn yaml_key(k: &Value) -> Option<String> {
    match k {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A text with LF line endings only.
fn normalise(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// A line without its line ending.
fn content(line: &str) -> &str {
    line.strip_suffix('\n').map_or(line, |l| l.strip_suffix('\r').unwrap_or(l))
}

/// How far a line is indented (spaces; a tab is never YAML indentation).
fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Lines from `start` (inclusive) to `end` (exclusive) of the file replaced by `lines` (without
/// line endings).
struct Splice {
    start: usize,
    end: usize,
    lines: Vec<String>,
}

/// One key of a block mapping and the lines its value takes (file line indexes; `end` is
/// exclusive and leaves out the blank and comment lines that follow it).
struct Entry {
    key: String,
    line: usize,
    end: usize,
    depth: usize,
}

/// The frontmatter's lines and the parser's keys (whose line 1 is file line index 1).
struct Doc<'a> {
    lines: &'a [&'a str],
    keys: &'a [KeyAt],
}

impl Doc<'_> {
    /// The keys of mapping `map` written in lines `from..to`, at `depth`, with their spans.
    fn entries(&self, map: usize, from: usize, to: usize, depth: usize) -> Vec<Entry> {
        let mine: Vec<&KeyAt> =
            self.keys.iter().filter(|k| k.map == map && k.depth == depth && (from..to).contains(&k.line)).collect();
        let mut entries = Vec::with_capacity(mine.len());
        for (i, k) in mine.iter().enumerate() {
            let next = mine.get(i + 1).map_or(to, |n| n.line);
            let key_indent = indent_of(self.lines[k.line]);
            // Comments and blank lines after a value belong to what follows; a `#` line indented
            // deeper than the key is part of the value (a block text).
            let mut end = next;
            while end > k.line + 1 {
                let l = content(self.lines[end - 1]);
                let trimmed = l.trim();
                if trimmed.is_empty() || (trimmed.starts_with('#') && indent_of(l) <= key_indent) {
                    end -= 1;
                } else {
                    break;
                }
            }
            entries.push(Entry { key: k.key.clone(), line: k.line, end, depth });
        }
        entries
    }

    /// Changes `entry`, whose value was `old`, to `new`: nothing when they are the same, the
    /// changed children when both are block mappings, else the entry's lines.
    fn change(&self, entry: &Entry, old: Option<&Value>, new: &Json, splices: &mut Vec<Splice>) {
        if old.is_some_and(|o| same(o, new)) {
            return;
        }
        if matches!(new, Json::Null) {
            splices.push(Splice { start: entry.line, end: entry.end, lines: Vec::new() });
            return;
        }
        let line = content(self.lines[entry.line]);
        let written = Written::read(line);
        let children =
            self.keys.iter().find(|k| k.depth == entry.depth + 1 && k.line > entry.line && k.line < entry.end);
        if let (Some(Value::Mapping(old_map)), Json::Object(new_map), Some(first), true) =
            (old, new, children, written.value.is_empty())
        {
            let inner = self.entries(first.map, entry.line + 1, entry.end, entry.depth + 1);
            let indent = indent_of(self.lines[first.line]);
            let mut added = Vec::new();
            for e in &inner {
                if !new_map.contains_key(&e.key) {
                    splices.push(Splice { start: e.line, end: e.end, lines: Vec::new() });
                }
            }
            for (key, value) in new_map {
                match inner.iter().find(|e| e.key == *key) {
                    Some(e) => self.change(e, old_map.get(Value::String(key.clone())), value, splices),
                    None if !matches!(value, Json::Null) => {
                        added.extend(render(&key_text(key), value, &Style::Fresh, indent, ""))
                    }
                    None => {}
                }
            }
            if !added.is_empty() {
                let at = inner.last().map_or(entry.line + 1, |e| e.end);
                splices.push(Splice { start: at, end: at, lines: added });
            }
            return;
        }
        if let (Some(Value::Sequence(old_items)), Json::Array(new_items), true) = (old, new, written.value.is_empty())
            && self.change_items(entry, old_items, new_items, splices)
        {
            return;
        }
        let style = self.style(entry, old, &written);
        let indent = indent_of(line);
        let lines = render(written.key, new, &style, indent, written.comment);
        splices.push(Splice { start: entry.line, end: entry.end, lines });
    }

    /// Changes a block list item by item: an item that stays keeps its lines, a changed one is
    /// written again in its own style (quoting the keys it quoted), a new one goes after the last.
    /// `false` when the list's items cannot be told apart line by line (it is then written whole).
    fn change_items(&self, entry: &Entry, old: &[Value], new: &[Json], splices: &mut Vec<Splice>) -> bool {
        let spans = self.items(entry);
        let new: Vec<&Json> = new.iter().filter(|i| !i.is_null()).collect();
        let Some(&(first, last_end)) = spans.first().zip(spans.last()).map(|(f, l)| (f.0, l.1)).as_ref() else {
            return false;
        };
        if spans.len() != old.len() || new.is_empty() {
            return false;
        }
        let first_line = content(self.lines[first]);
        let indent = indent_of(first_line);
        let flow_items = first_line.trim_start().strip_prefix('-').is_some_and(|r| r.trim_start().starts_with('{'));
        for (i, &(start, end)) in spans.iter().enumerate() {
            match new.get(i) {
                Some(n) if same(&old[i], n) => {}
                Some(n) => {
                    let quoted = quoted_keys(content(self.lines[start]));
                    splices.push(Splice { start, end, lines: list_item(n, indent, flow_items, &quoted) });
                }
                None => splices.push(Splice { start, end, lines: Vec::new() }),
            }
        }
        if new.len() > spans.len() {
            let quoted = quoted_keys(first_line);
            let lines = new[spans.len()..].iter().flat_map(|n| list_item(n, indent, flow_items, &quoted)).collect();
            splices.push(Splice { start: last_end, end: last_end, lines });
        }
        true
    }

    /// The lines of each item of the block list that is `entry`'s value: from its `-` to the
    /// next item's, blank and comment lines after it left out.
    fn items(&self, entry: &Entry) -> Vec<(usize, usize)> {
        let dash = |i: usize| {
            let l = content(self.lines[i]);
            let t = l.trim_start();
            (t == "-" || t.starts_with("- ")).then(|| indent_of(l))
        };
        let Some(at) = (entry.line + 1..entry.end).find_map(dash) else { return Vec::new() };
        let starts: Vec<usize> = (entry.line + 1..entry.end).filter(|&i| dash(i) == Some(at)).collect();
        starts
            .iter()
            .enumerate()
            .map(|(n, &start)| {
                let mut end = starts.get(n + 1).copied().unwrap_or(entry.end);
                while end > start + 1 {
                    let l = content(self.lines[end - 1]);
                    if l.trim().is_empty() || (l.trim_start().starts_with('#') && indent_of(l) <= at) {
                        end -= 1;
                    } else {
                        break;
                    }
                }
                (start, end)
            })
            .collect()
    }

    /// How the value of `entry` was written, so that its new value is written alike.
    fn style(&self, entry: &Entry, old: Option<&Value>, written: &Written) -> Style {
        let v = written.value;
        if v.starts_with('[') || v.starts_with('{') {
            return Style::Flow { quoted: quoted_keys(v) };
        }
        if v.starts_with('"') {
            return Style::Double;
        }
        if v.starts_with('\'') {
            return Style::Single;
        }
        if !v.is_empty() {
            return Style::Plain;
        }
        // A block collection: how its first item or child is indented, and whether the items of
        // a list are flow mappings (`- {name: …}`).
        let first = (entry.line + 1..entry.end).map(|i| content(self.lines[i])).find(|l| !l.trim().is_empty());
        let indent = first.map(indent_of);
        let flow_items =
            first.is_some_and(|l| l.trim_start().strip_prefix('-').is_some_and(|r| r.trim_start().starts_with('{')));
        match old {
            Some(Value::Sequence(_)) | Some(Value::Mapping(_)) => Style::Block { indent, flow_items },
            _ => Style::Plain,
        }
    }
}

/// A key line as written: the key's own text, the value's text on that line, and the trailing
/// comment with the spaces before it.
struct Written<'a> {
    key: &'a str,
    value: &'a str,
    comment: &'a str,
}

impl<'a> Written<'a> {
    fn read(line: &'a str) -> Written<'a> {
        let body = line.trim_start_matches(' ');
        let key_end = match body.chars().next() {
            Some(q @ ('"' | '\'')) => quoted_end(body, q).unwrap_or(body.len()),
            _ => body.find(':').unwrap_or(body.len()),
        };
        let key = &body[..key_end];
        let after = body[key_end..].strip_prefix(':').unwrap_or("");
        let rest = after.trim_start_matches([' ', '\t']);
        let value = rest[..value_end(rest)].trim_end();
        // The spaces before the comment are kept with it, as they were.
        let tail = &rest[value.len()..];
        let comment = if tail.trim_start().starts_with('#') { tail } else { "" };
        Written { key, value, comment }
    }
}

/// Where the value that starts `rest` ends on its line (before a comment).
fn value_end(rest: &str) -> usize {
    match rest.chars().next() {
        Some(q @ ('"' | '\'')) => quoted_end(rest, q).unwrap_or(rest.len()),
        Some('[' | '{') => flow_end(rest),
        Some('#') | None => 0,
        _ => rest.find(" #").or_else(|| rest.find("\t#")).unwrap_or(rest.len()),
    }
}

/// The byte after the closing quote of the scalar that `text` starts with.
fn quoted_end(text: &str, quote: char) -> Option<usize> {
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            '\'' if quote == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') => {
                chars.next();
            }
            c if c == quote => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The byte after the flow collection that `text` starts with (the whole line if it goes on).
fn flow_end(text: &str) -> usize {
    let mut depth = 0usize;
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        match c {
            '"' | '\'' => {
                i += quoted_end(&text[i..], c).unwrap_or(text.len() - i);
                continue;
            }
            '[' | '{' => depth += 1,
            ']' | '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += c.len_utf8();
    }
    text.len()
}

/// How a value is to be written.
#[derive(Clone, Debug, PartialEq)]
enum Style {
    /// A key not there before: block collections, scalars quoted only where YAML needs it.
    Fresh,
    Plain,
    Single,
    Double,
    /// A flow collection, its strings under the keys `quoted` double-quoted as before.
    Flow {
        quoted: Vec<String>,
    },
    /// A block collection, its items or children indented by `indent` (else two more than the
    /// key); a list's mappings written `- {…}` when `flow_items`.
    Block {
        indent: Option<usize>,
        flow_items: bool,
    },
}

/// A key as YAML needs it written.
fn key_text(key: &str) -> String {
    if plain_ok(key, true) { key.to_owned() } else { double(key) }
}

/// The lines (without line endings) of `key: value` at `indent`, in `style`, ending with
/// `comment` when the value fits on the key's line.
fn render(key: &str, value: &Json, style: &Style, indent: usize, comment: &str) -> Vec<String> {
    let pad = " ".repeat(indent);
    let one_line = |text: String| vec![format!("{pad}{key}: {text}{comment}")];
    match (value, style) {
        (Json::Array(items), Style::Fresh | Style::Block { .. } | Style::Plain) if !items.is_empty() => {
            let (inner, flow_items) = match style {
                Style::Block { indent: Some(i), flow_items } => (*i, *flow_items),
                Style::Block { indent: None, flow_items } => (indent + 2, *flow_items),
                _ => (indent + 2, false),
            };
            let mut out = vec![format!("{pad}{key}:{comment}")];
            for item in items.iter().filter(|i| !i.is_null()) {
                out.extend(list_item(item, inner, flow_items, &[]));
            }
            out
        }
        (Json::Object(map), Style::Fresh | Style::Block { .. } | Style::Plain) if !map.is_empty() => {
            let inner = match style {
                Style::Block { indent: Some(i), .. } => *i,
                _ => indent + 2,
            };
            let mut out = vec![format!("{pad}{key}:{comment}")];
            for (k, v) in map.iter().filter(|(_, v)| !v.is_null()) {
                out.extend(render(&key_text(k), v, &Style::Fresh, inner, ""));
            }
            out
        }
        (Json::Array(_) | Json::Object(_), Style::Flow { quoted }) => one_line(flow_quoted(value, quoted)),
        (Json::Array(_) | Json::Object(_), _) => one_line(flow(value)),
        (_, Style::Double) => one_line(double(&scalar(value))),
        (_, Style::Single) => one_line(single(&scalar(value)).unwrap_or_else(|| double(&scalar(value)))),
        _ => one_line(plain_or_quoted(&scalar(value), false)),
    }
}

/// A list item at `indent`: `- scalar`, `- {…}`, or a block mapping under its dash.
/// A list item at `indent`: `- scalar`, `- {…}` (its keys in `quoted` double-quoted, as the
/// item it replaces wrote them), or a block mapping under its dash.
fn list_item(item: &Json, indent: usize, flow_items: bool, quoted: &[String]) -> Vec<String> {
    let pad = " ".repeat(indent);
    match item {
        Json::Object(map) if !flow_items && !map.is_empty() => {
            let mut out = Vec::new();
            for (i, (k, v)) in map.iter().filter(|(_, v)| !v.is_null()).enumerate() {
                let mut lines = render(&key_text(k), v, &Style::Fresh, indent + 2, "");
                if let (0, Some(first)) = (i, lines.first_mut()) {
                    *first = format!("{pad}- {}", first.trim_start_matches(' '));
                }
                out.extend(lines);
            }
            out
        }
        Json::Object(_) | Json::Array(_) => vec![format!("{pad}- {}", flow_quoted(item, quoted))],
        _ => vec![format!("{pad}- {}", plain_or_quoted(&scalar(item), false))],
    }
}

/// The keys whose values a flow mapping's text quotes with `"` (`{name: "Ә", role: lead}` gives
/// `name`), so that a mapping written again quotes them as it did.
fn quoted_keys(text: &str) -> Vec<String> {
    text.split(['{', ','])
        .filter_map(|part| {
            let (key, value) = part.split_once(':')?;
            let key = key.trim().trim_start_matches('-').trim();
            (value.trim_start().starts_with('"')
                && !key.is_empty()
                && key.chars().all(|c| c.is_alphanumeric() || c == '_'))
            .then(|| key.to_owned())
        })
        .collect()
}

/// [`flow`], with the strings under the keys `quoted` double-quoted.
fn flow_quoted(value: &Json, quoted: &[String]) -> String {
    match value {
        Json::Object(map) if !quoted.is_empty() => {
            let parts: Vec<String> = map
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| {
                    let key = if plain_ok(k, true) { k.clone() } else { double(k) };
                    let text = match v {
                        Json::String(s) if quoted.contains(k) => double(s),
                        other => flow(other),
                    };
                    format!("{key}: {text}")
                })
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        other => flow(other),
    }
}

/// A value in flow style: `{a: 1, b: [x, y]}`.
fn flow(value: &Json) -> String {
    match value {
        Json::Array(items) => {
            let parts: Vec<String> = items.iter().filter(|i| !i.is_null()).map(flow).collect();
            format!("[{}]", parts.join(", "))
        }
        Json::Object(map) => {
            let parts: Vec<String> = map
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| {
                    let key = if plain_ok(k, true) { k.clone() } else { double(k) };
                    format!("{key}: {}", flow(v))
                })
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        _ => plain_or_quoted(&scalar(value), true),
    }
}

/// A scalar's text: a string as it is, a number or a truth value as written in JSON.
fn scalar(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        Json::Null => String::new(),
        other => other.to_string(),
    }
}

fn plain_or_quoted(text: &str, in_flow: bool) -> String {
    if plain_ok(text, in_flow) { text.to_owned() } else { double(text) }
}

/// A YAML double-quoted scalar: JSON's string syntax is one, whatever the text holds.
fn double(text: &str) -> String {
    Json::String(text.to_owned()).to_string()
}

/// A YAML single-quoted scalar, when the text can be one (one line, no control character).
fn single(text: &str) -> Option<String> {
    (!text.chars().any(char::is_control)).then(|| format!("'{}'", text.replace('\'', "''")))
}

/// Whether `text` may be written without quotes and read back as the same text: not empty, no
/// space at either end, no character that starts YAML syntax at its start, no `: ` or ` #`
/// inside, no flow indicator inside a flow collection, and nothing YAML would read as a number,
/// a truth value or nothing (`14`, `yes`, `null`: such a text stays a text only in quotes).
fn plain_ok(text: &str, in_flow: bool) -> bool {
    let Some(first) = text.chars().next() else { return false };
    if text.trim() != text || text.chars().any(|c| c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}'))
    {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if text.contains(": ") || text.contains(" #") || text.ends_with(':') {
        return false;
    }
    // libyaml reads a `:` inside a flow collection as the start of a value, wherever it stands.
    if in_flow && text.contains([',', '[', ']', '{', '}', ':']) {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    let special = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".inf", ".nan", "-.inf", "+.inf"];
    if special.contains(&lower.as_str()) {
        return false;
    }
    let numeric = text.parse::<f64>().is_ok()
        || lower.starts_with("0x")
        || lower.starts_with("0o")
        || lower.starts_with("0b")
        || (text.contains('_') && text.replace('_', "").parse::<f64>().is_ok());
    !numeric
}

/// Whether the YAML value `old` reads as the JSON value `new`: scalars by their text (`14` and
/// `"14"` are one number, as the loader reads them), collections item by item.
fn same(old: &Value, new: &Json) -> bool {
    match (old, new) {
        (Value::Sequence(a), Json::Array(b)) => {
            let b: Vec<&Json> = b.iter().filter(|v| !v.is_null()).collect();
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Value::Mapping(a), Json::Object(b)) => {
            let b: Vec<(&String, &Json)> = b.iter().filter(|(_, v)| !v.is_null()).collect();
            a.len() == b.len() && b.iter().all(|(k, v)| a.get(Value::String((*k).clone())).is_some_and(|x| same(x, v)))
        }
        (Value::Null, Json::Null) => true,
        (Value::String(a), b) => !b.is_array() && !b.is_object() && !b.is_null() && *a == scalar(b),
        (Value::Number(a), b) => !b.is_array() && !b.is_object() && !b.is_null() && a.to_string() == scalar(b),
        (Value::Bool(a), b) => !b.is_array() && !b.is_object() && !b.is_null() && a.to_string() == scalar(b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    const PROTOCOL: &str = "---\ntitle: \"Хаттама «Арай»\"\nkind: protocol\ndate: 2026-04-01  # \"1.04.2026 жыл\"\norder: {number: \"4-9\", date: 2026-01-05}  # the protocol's words\nsignatories:\n  - {name: \"Г.С. Куанышбаева\", post: \"Төрайым\"}\n  - {name: \"Н.Б. Кусаннова\", post: \"Хатшы\"}\n---\nҚордай ауданы\n\n1.04.2026 жыл\n";
    const INDEX: &str = "---\ntitle: \"2026 жылғы талдау\"\nanalysis:\n  covered_period: {from: 2025-07-01, to: 2025-12-31}  # \"II жартыжылдық\"\n  start: 2026-01-08  # as the report states it\n  end: 2026-02-18\n  external_links:\n    - after: announcement\n      label: {kk: \"Бұйрық (білім бөлімі)\", ru: \"Приказ\"}\n      url: \"https://arai-bbaksha.kz/\"\n---\nМәтін.\n";

    fn set(text: &str, key: &str, value: Option<Json>) -> String {
        let change = Change { fields: vec![(key.to_owned(), value)], body: None };
        apply(text, &change).expect("edited")
    }

    fn changed_lines(a: &str, b: &str) -> Vec<(usize, String)> {
        let (a, b): (Vec<&str>, Vec<&str>) = (a.split_inclusive('\n').collect(), b.split_inclusive('\n').collect());
        assert_eq!(a.len(), b.len(), "{a:?}\n{b:?}");
        a.iter().zip(&b).enumerate().filter(|(_, (x, y))| x != y).map(|(i, (_, y))| (i, (*y).to_owned())).collect()
    }

    #[test]
    fn nothing_changed_is_byte_for_byte_the_same() {
        for text in [PROTOCOL, INDEX, &PROTOCOL.replace('\n', "\r\n"), &format!("\u{feff}{INDEX}")] {
            assert_eq!(apply(text, &Change::default()).unwrap(), text);
            // The same values given again change nothing either; `14` and `"14"` are one number.
            let again = Change {
                fields: vec![
                    (
                        "title".into(),
                        Some(json!(if text.contains("Хаттама") {
                            "Хаттама «Арай»"
                        } else {
                            "2026 жылғы талдау"
                        })),
                    ),
                    ("date".into(), if text.contains("date: 2026-04-01") { Some(json!("2026-04-01")) } else { None }),
                ],
                body: Some(text.split("---").last().unwrap_or_default().trim_start_matches(['\r', '\n']).to_owned()),
            };
            assert_eq!(apply(text, &again).unwrap(), text);
        }
        let number = "---\nnumber: 14\n---\n";
        assert_eq!(set(number, "number", Some(json!("14"))), number);
    }

    #[test]
    fn one_field_changes_only_its_line_and_keeps_its_comment() {
        let out = set(PROTOCOL, "date", Some(json!("2026-04-02")));
        assert_eq!(changed_lines(PROTOCOL, &out), [(3, "date: 2026-04-02  # \"1.04.2026 жыл\"\n".to_owned())]);
        let out = set(PROTOCOL, "order", Some(json!({"number": "14", "date": "2026-03-31"})));
        assert_eq!(
            changed_lines(PROTOCOL, &out),
            [(4, "order: {number: \"14\", date: 2026-03-31}  # the protocol's words\n".to_owned())]
        );
        // Quoted before: quoted again, in the same quotes.
        let out = set(PROTOCOL, "title", Some(json!("Жаңа «тақырып»")));
        assert_eq!(changed_lines(PROTOCOL, &out), [(1, "title: \"Жаңа «тақырып»\"\n".to_owned())]);
    }

    #[test]
    fn inside_a_block_mapping_only_the_changed_child_changes() {
        let mut analysis: serde_json::Map<String, Json> = serde_json::from_value(json!({
            "covered_period": {"from": "2025-07-01", "to": "2025-12-31"},
            "start": "2026-01-09",
            "end": "2026-02-18",
            "external_links": [{"after": "announcement", "label": {"kk": "Бұйрық (білім бөлімі)", "ru": "Приказ"}, "url": "https://arai-bbaksha.kz/"}],
        }))
        .unwrap();
        let out = set(INDEX, "analysis", Some(Json::Object(analysis.clone())));
        assert_eq!(changed_lines(INDEX, &out), [(4, "  start: 2026-01-09  # as the report states it\n".to_owned())]);
        // A child removed takes its lines; a new one goes at the end of the mapping.
        analysis.remove("covered_period");
        analysis.insert("working_group".into(), json!([{"name": "Ә. Ғалымова", "role": "lead"}]));
        let out = set(INDEX, "analysis", Some(Json::Object(analysis)));
        assert!(!out.contains("covered_period") && out.contains("  end: 2026-02-18\n"), "{out}");
        assert!(out.contains("      url: \"https://arai-bbaksha.kz/\"\n  working_group:\n    - name: Ә. Ғалымова\n      role: lead\n---\n"), "{out}");
    }

    #[test]
    fn lists_keep_their_style_and_new_keys_go_at_the_end() {
        let people = json!([{"name": "Г.С. Куанышбаева", "post": "Төрайым"}, {"name": "А: Б #1", "post": "Хатшы"}]);
        let out = set(PROTOCOL, "signatories", Some(people));
        // The item that stays keeps its lines; the changed one quotes what its old self quoted.
        let kept = "signatories:\n  - {name: \"Г.С. Куанышбаева\", post: \"Төрайым\"}\n  - {name: \"А: Б #1\", post: \"Хатшы\"}\n---\n";
        assert!(out.contains(kept), "{out}");
        let three = json!([{"name": "Г.С. Куанышбаева", "post": "Төрайым"}, {"name": "Н.Б. Кусаннова", "post": "Хатшы"}, {"name": "Ә. Ғ", "role": "member"}]);
        let out = set(PROTOCOL, "signatories", Some(three));
        let added = "  - {name: \"Н.Б. Кусаннова\", post: \"Хатшы\"}\n  - {name: \"Ә. Ғ\", role: member}\n---\n";
        assert!(
            out.contains(added) && out.starts_with(&PROTOCOL[..PROTOCOL.find("---\nҚордай").unwrap_or(0)]),
            "{out}"
        );
        let out = set(PROTOCOL, "number", Some(json!("7")));
        assert!(
            out.contains("    post: \"Хатшы\"}\nnumber: \"7\"\n---\n")
                || out.contains("post: \"Хатшы\"}\nnumber: \"7\"\n---\n"),
            "{out}"
        );
        let out = set(PROTOCOL, "attachments", Some(json!(["files/хаттама «қол қойылған».pdf"])));
        assert!(
            out.ends_with("attachments:\n  - files/хаттама «қол қойылған».pdf\n---\nҚордай ауданы\n\n1.04.2026 жыл\n"),
            "{out}"
        );
        // null removes a key and its lines, and only them.
        let out = set(PROTOCOL, "signatories", None);
        assert_eq!(out, PROTOCOL.replace("signatories:\n  - {name: \"Г.С. Куанышбаева\", post: \"Төрайым\"}\n  - {name: \"Н.Б. Кусаннова\", post: \"Хатшы\"}\n", ""));
    }

    #[test]
    fn crlf_and_the_byte_order_mark_stay() {
        let text = format!("\u{feff}{}", PROTOCOL.replace('\n', "\r\n"));
        let change = Change {
            fields: vec![("number".into(), Some(json!("3"))), ("date".into(), Some(json!("2026-04-03")))],
            body: Some("Жаңа мәтін\nекінші жол\n".into()),
        };
        let out = apply(&text, &change).unwrap();
        assert!(out.starts_with('\u{feff}'));
        assert!(!out.replace("\r\n", "").contains('\n'), "{out:?}");
        assert!(
            out.contains("date: 2026-04-03  # \"1.04.2026 жыл\"\r\n")
                && out.contains("number: \"3\"\r\n---\r\nЖаңа мәтін\r\nекінші жол\r\n"),
            "{out:?}"
        );
    }

    #[test]
    fn texts_that_yaml_would_read_otherwise_are_quoted() {
        for (value, written) in [
            ("14", "\"14\""),
            ("yes", "\"yes\""),
            ("null", "\"null\""),
            ("-20 бала", "\"-20 бала\""),
            ("#1", "\"#1\""),
            ("а: б", "\"а: б\""),
            ("«Арай»", "«Арай»"),
            ("2026-03-31", "2026-03-31"),
            (" шет ", "\" шет \""),
            ("жол\nекінші", "\"жол\\nекінші\""),
        ] {
            let out = set("---\nkind: order\n---\n", "title", Some(json!(value)));
            assert!(out.contains(&format!("title: {written}\n")), "{value:?}: {out}");
        }
    }

    #[test]
    fn a_text_without_frontmatter_or_with_broken_yaml_is_refused() {
        assert_eq!(apply("Мәтін\n", &Change::default()), Err(EditError::NoFrontmatter));
        assert_eq!(apply("---\ntitle: а\n", &Change::default()), Err(EditError::NoFrontmatter));
        assert_eq!(apply("---\ntitle: [а\n---\n", &Change::default()), Err(EditError::Unreadable));
    }

    /// What the YAML of `text`'s frontmatter reads as.
    fn read_back(text: &str) -> yaml::Mapping {
        let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
        let yaml_text = text.strip_prefix("---\n").and_then(|t| t.split("\n---\n").next()).unwrap_or_default();
        match yaml::parse(yaml_text).expect("the result reads as YAML") {
            Value::Mapping(m) => m,
            _ => yaml::Mapping::new(),
        }
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        "[a-zA-Zәіңғүұқөһ «»ЁёАБВ:#,'\"\\[\\]{}%@&*!|>?\\-0-9.\\\\]{0,30}"
    }

    fn json_strategy() -> impl Strategy<Value = Json> {
        let leaf = text_strategy().prop_map(Json::String);
        leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 1..4).prop_map(Json::Array),
                proptest::collection::btree_map("[a-zә_]{1,8}", inner, 1..4)
                    .prop_map(|m| Json::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Any value set reads back as itself; every other key reads as before, and every line
        /// before the changed key is byte for byte the same.
        #[test]
        fn any_value_reads_back_and_the_rest_stays(key in prop_oneof![Just("title"), Just("order"), Just("analysis"), Just("signatories"), Just("extra")], value in json_strategy(), crlf in any::<bool>()) {
            let base = if crlf { INDEX.replace('\n', "\r\n") } else { INDEX.to_owned() };
            let base = base.replace("title: ", "signatories:\n  - {name: \"Ә\"}\ntitle: ");
            let out = set(&base, key, Some(value.clone()));
            let (before, after) = (read_back(&base), read_back(&out));
            prop_assert!(same(after.get(Value::String(key.to_owned())).unwrap_or(&Value::Null), &value), "{out}");
            for (k, v) in &before {
                if k.as_str() != Some(key) {
                    prop_assert_eq!(after.get(k), Some(v));
                }
            }
            prop_assert_eq!(out.contains('\r'), crlf);
            let first_changed = base.lines().zip(out.lines()).position(|(a, b)| a != b).unwrap_or(usize::MAX);
            // A key there before changes from its line on; a new one goes before the closing `---`.
            let closing = base.lines().skip(1).position(|l| l.trim_end() == "---").map_or(0, |i| i + 1);
            let key_line = base.lines().position(|l| l.starts_with(&format!("{key}:"))).unwrap_or(closing);
            prop_assert!(first_changed >= key_line, "{base}\n=>\n{out}");
            let end = if crlf { "---\r\nМәтін.\r\n" } else { "---\nМәтін.\n" };
            prop_assert!(out.ends_with(end), "{}", out);
        }

        #[test]
        fn any_body_is_set_and_the_frontmatter_stays(body in "[а-яәіңё\\n\\r#>*|-]{0,60}") {
            let out = apply(PROTOCOL, &Change { fields: Vec::new(), body: Some(body.clone()) }).unwrap();
            let head = &PROTOCOL[..PROTOCOL.find("---\nҚордай").unwrap_or(0) + 4];
            prop_assert!(out.starts_with(head));
            prop_assert_eq!(normalise(&out[head.len()..]), normalise(&body));
        }
    }
}
