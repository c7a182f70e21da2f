//! The frontmatter of a document (DESIGN.md §3): splitting it from the body and reading it.

use super::fields::{Reader, Scalar, scalar_text};
use super::yaml::Value;
use super::{Kind, did_you_mean};
use crate::diagnostic::Diagnostic;
use crate::messages::Message;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Every key a frontmatter may have; anything else is an error with a "did you mean".
pub const KEYS: &[&str] = &[
    "title",
    "kind",
    "date",
    "number",
    "attachments",
    "draft",
    "analysis",
    "event",
    "order",
    "period",
    "covered_period",
    "working_group",
    "signatories",
    "recorded_in",
    "extra",
];

/// A value together with the file line it was written on.
#[derive(Clone, Debug, PartialEq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// 1-based line in the `.md` file.
    pub line: usize,
}

/// From–to dates, both inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Period {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
}

/// A reference to an order by its number and date, as another document cites it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct OrderRef {
    /// The order's number, as written (`"14"`, `"4-9"`).
    pub number: String,
    /// The order's date.
    pub date: NaiveDate,
}

/// When and where a public discussion takes place.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Event {
    /// The day.
    pub date: NaiveDate,
    /// The time, as written (`"10:00"`).
    pub time: Option<String>,
    /// The place, as written.
    pub place: Option<String>,
}

/// A person as a document lists them: working group members and signatories.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// The name as the document prints it.
    pub name: String,
    /// The post, in the document's language.
    #[serde(default)]
    pub post: Option<String>,
    /// The part they play in a working group.
    #[serde(default)]
    pub role: Option<Role>,
}

/// A working group member's part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The group's head.
    Lead,
    /// A member.
    Member,
    /// The secretary.
    Secretary,
}

/// The document that records another one: a kind of document of the same analysis and
/// language (`protocol`), or a source file relative to the recorded document's folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordTarget {
    /// The document of this kind, in the same analysis and language.
    Kind(Kind),
    /// This source file (`protocol.kk.md`, `../2025/protocol.kk.md`).
    File(String),
}

/// Where a document known only from another document's record is recorded (DESIGN.md §3,
/// honesty): its page states the record instead of a text the organisation did not give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedIn {
    /// The recording document.
    pub target: RecordTarget,
    /// The record's words, copied from the recording document; `build` checks they are there.
    pub quote: Option<String>,
    /// The file line of `recorded_in:`.
    pub line: usize,
}

/// A row of the links table that points outside the site (DESIGN.md §3).
#[derive(Clone, Debug, PartialEq)]
pub struct ExternalLink {
    /// The kind whose row this one follows.
    pub after: Kind,
    /// The row's name, per language.
    pub label: BTreeMap<String, String>,
    /// Where it points.
    pub url: String,
}

/// The `analysis:` block of an analysis `_index`.
#[derive(Clone, Debug, PartialEq)]
pub struct AnalysisMeta {
    /// The period the analysis covers.
    pub covered_period: Option<Period>,
    /// First day of the analysis.
    pub start: NaiveDate,
    /// Last day of the analysis.
    pub end: NaiveDate,
    /// Links table rows that point elsewhere.
    pub external_links: Vec<ExternalLink>,
    /// The working group, if given here rather than in the order.
    pub working_group: Vec<Person>,
    /// Where the block starts in its file.
    pub line: usize,
}

/// A document's frontmatter, read and checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrontMatter {
    /// The page title (required).
    pub title: String,
    /// What the document is.
    pub kind: Kind,
    /// The document's own date; absent when its source gives none (DESIGN.md §3).
    pub date: Option<NaiveDate>,
    /// Its number, as written.
    pub number: Option<String>,
    /// Files attached, relative to the document's folder.
    pub attachments: Vec<Located<String>>,
    /// The titles given to attached files (`- {file: files/a.pdf, title: "…"}`), by the file as
    /// written in `attachments`; a file without one is shown by its name.
    pub attachment_titles: BTreeMap<String, String>,
    /// Drafts are built only with `--drafts`.
    pub draft: bool,
    /// The analysis an `_index` describes.
    pub analysis: Option<AnalysisMeta>,
    /// A discussion announcement's event.
    pub event: Option<Event>,
    /// The order this document cites.
    pub order: Option<OrderRef>,
    /// The analysis period this document states.
    pub period: Option<Period>,
    /// The period covered, as this document states it.
    pub covered_period: Option<Period>,
    /// The working group as this document lists it.
    pub working_group: Vec<Person>,
    /// Who signs.
    pub signatories: Vec<Person>,
    /// The record this document is known from, when the organisation gave no text of it.
    pub recorded_in: Option<RecordedIn>,
    /// The theme's free-form data.
    pub extra: serde_json::Value,
    /// File line of every top-level key present, for findings about its value.
    pub lines: BTreeMap<String, usize>,
}

impl FrontMatter {
    /// The line of a top-level key, or of the frontmatter's start when it is absent.
    pub fn line_of(&self, key: &str) -> usize {
        self.lines.get(key).copied().unwrap_or(1)
    }
}

/// A document's text split into frontmatter and body.
pub(crate) struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// Byte offset of the body in the text.
    pub body_start: usize,
    /// File line of the body's first line.
    pub body_line: usize,
}

/// Splits `---\n yaml \n---\n body`. The text must already have LF line endings.
pub(crate) fn split(text: &str) -> Result<Split<'_>, (usize, Message)> {
    if text.trim().is_empty() {
        return Err((1, Message::EmptyFile));
    }
    let Some(rest) = text.strip_prefix("---\n").or_else(|| (text.trim_end() == "---").then_some("")) else {
        return Err((1, Message::NoFrontmatter));
    };
    let mut offset = 4;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset - 4];
            return Ok(Split { yaml, body_start: offset + line.len(), body_line: i + 3 });
        }
        offset += line.len();
    }
    Err((1, Message::UnclosedFrontmatter))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPeriod {
    from: Scalar,
    to: Scalar,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrder {
    number: Scalar,
    date: Scalar,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    date: Scalar,
    #[serde(default)]
    time: Option<Scalar>,
    #[serde(default)]
    place: Option<String>,
}

/// An attached file: its path, or its path with the title the page shows for it.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawAttachment {
    File(String),
    Titled(TitledAttachment),
}

/// `{file: files/a.pdf, title: "…"}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TitledAttachment {
    file: String,
    #[serde(default)]
    title: Option<String>,
}

/// The long form `recorded_in: {document: protocol, quote: "…"}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecord {
    document: String,
    #[serde(default)]
    quote: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExternal {
    #[serde(default)]
    after: Option<String>,
    label: BTreeMap<String, String>,
    url: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnalysis {
    #[serde(default)]
    covered_period: Option<RawPeriod>,
    start: Scalar,
    end: Scalar,
    #[serde(default)]
    external_links: Vec<RawExternal>,
    #[serde(default)]
    working_group: Vec<Person>,
}

/// Reads the frontmatter YAML of `file`, whose first YAML line is file line 2.
pub(crate) fn parse(yaml: &str, file: &Path) -> Result<FrontMatter, Vec<Diagnostic>> {
    let mut r = Reader::new(yaml, 2, file);
    let map = match r.parse() {
        None => return Err(r.diags),
        Some(Value::Mapping(m)) => m,
        Some(Value::Null) => Default::default(),
        Some(_) => {
            r.error(2, Message::FrontmatterNotMap);
            return Err(r.diags);
        }
    };
    let mut fm = FrontMatter::default();
    let mut title_seen = false;
    for (key, line, value) in r.entries(map) {
        fm.lines.insert(key.clone(), line);
        match key.as_str() {
            "title" => match scalar_text(&value) {
                Some(t) if !t.trim().is_empty() => {
                    fm.title = t.trim().to_owned();
                    title_seen = true;
                }
                _ => r.error(line, Message::MissingKey { key }),
            },
            "kind" => read_kind(&mut r, line, &value, &mut fm),
            "date" => {
                if let Some(raw) = r.convert::<Scalar>(&key, line, value) {
                    fm.date = r.date("date", line, &raw);
                }
            }
            "number" => fm.number = r.convert::<Scalar>(&key, line, value).map(|s| s.0),
            "draft" => fm.draft = r.convert::<bool>(&key, line, value).unwrap_or(false),
            "attachments" => {
                let list = r.convert::<Vec<RawAttachment>>(&key, line, value).unwrap_or_default();
                let lines = item_lines(yaml, line.saturating_sub(2));
                for (i, a) in list.into_iter().enumerate() {
                    let at = lines.get(i).map_or(line, |l| l + 2);
                    let file = match a {
                        RawAttachment::File(file) => file,
                        RawAttachment::Titled(TitledAttachment { file, title }) => {
                            if let Some(title) = title.filter(|t| !t.trim().is_empty()) {
                                fm.attachment_titles.insert(file.clone(), title);
                            }
                            file
                        }
                    };
                    fm.attachments.push(Located { value: file, line: at });
                }
            }
            "analysis" => fm.analysis = read_analysis(&mut r, line, value),
            "event" => {
                if let Some(raw) = r.convert::<RawEvent>(&key, line, value) {
                    fm.event = r.date("date", line, &raw.date).map(|date| Event {
                        date,
                        time: raw.time.map(|t| t.0),
                        place: raw.place,
                    });
                }
            }
            "order" => {
                if let Some(raw) = r.convert::<RawOrder>(&key, line, value) {
                    let number = raw.number.0;
                    fm.order = r.date("date", line, &raw.date).map(|date| OrderRef { number, date });
                }
            }
            "period" => fm.period = read_period(&mut r, &key, line, value),
            "covered_period" => fm.covered_period = read_period(&mut r, &key, line, value),
            "working_group" => fm.working_group = r.convert(&key, line, value).unwrap_or_default(),
            "signatories" => fm.signatories = r.convert(&key, line, value).unwrap_or_default(),
            "recorded_in" => fm.recorded_in = read_recorded_in(&mut r, line, value),
            "extra" => fm.extra = r.convert(&key, line, value).unwrap_or_default(),
            _ => {
                let suggestion = did_you_mean(&key, KEYS);
                r.error(line, Message::UnknownKey { key, suggestion, allowed: KEYS.join(", ") });
            }
        }
    }
    if !title_seen && !fm.lines.contains_key("title") {
        r.error(2, Message::MissingKey { key: "title".into() });
    }
    if r.diags.is_empty() { Ok(fm) } else { Err(r.diags) }
}

fn read_kind(r: &mut Reader, line: usize, value: &Value, fm: &mut FrontMatter) {
    let Some(text) = scalar_text(value) else {
        r.error(line, Message::BadValue { key: "kind".into(), detail: "not a text".into() });
        return;
    };
    match Kind::parse(&text) {
        Some(kind) => fm.kind = kind,
        None => {
            let names: Vec<&str> = Kind::ALL.iter().map(|k| k.key()).collect();
            r.error(
                line,
                Message::UnknownValue {
                    key: "kind".into(),
                    suggestion: did_you_mean(&text, &names),
                    value: text,
                    allowed: names.join(", "),
                },
            );
        }
    }
}

fn read_recorded_in(r: &mut Reader, line: usize, value: Value) -> Option<RecordedIn> {
    let (document, quote) = match value {
        Value::Mapping(_) => {
            let raw = r.convert::<RawRecord>("recorded_in", line, value)?;
            (raw.document, raw.quote)
        }
        other => (r.convert::<Scalar>("recorded_in", line, other)?.0, None),
    };
    let document = document.trim();
    let target = match Kind::parse(document) {
        Some(kind) => RecordTarget::Kind(kind),
        None if document.to_lowercase().ends_with(".md") => RecordTarget::File(document.to_owned()),
        None => {
            let names: Vec<&str> = Kind::ALL.iter().map(|k| k.key()).collect();
            r.error(
                line,
                Message::UnknownValue {
                    key: "recorded_in".into(),
                    suggestion: did_you_mean(document, &names),
                    value: document.to_owned(),
                    allowed: format!("{}, protocol.kk.md", names.join(", ")),
                },
            );
            return None;
        }
    };
    // Spaces and line breaks inside the quote are the YAML's, not the record's.
    let quote = quote.map(|q| q.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|q| !q.is_empty());
    Some(RecordedIn { target, quote, line })
}

fn read_period(r: &mut Reader, key: &str, line: usize, value: Value) -> Option<Period> {
    let raw = r.convert::<RawPeriod>(key, line, value)?;
    let from = r.date("from", line, &raw.from);
    let to = r.date("to", line, &raw.to);
    Some(Period { from: from?, to: to? })
}

fn read_analysis(r: &mut Reader, line: usize, value: Value) -> Option<AnalysisMeta> {
    let raw = r.convert::<RawAnalysis>("analysis", line, value)?;
    let covered_period = raw.covered_period.and_then(|p| {
        let at = r.line_of("covered_period", line);
        let from = r.date("from", at, &p.from);
        let to = r.date("to", at, &p.to);
        Some(Period { from: from?, to: to? })
    });
    let start = r.date("start", line, &raw.start);
    let end = r.date("end", line, &raw.end);
    let mut external_links = Vec::new();
    let mut from = r.line_of("external_links", line);
    for x in raw.external_links {
        let at = r.line_of("url", from);
        from = at + 1;
        let after = match x.after.as_deref() {
            None => Kind::Announcement,
            Some(name) => match Kind::parse(name) {
                Some(k) => k,
                None => {
                    let names: Vec<&str> = Kind::ALL.iter().map(|k| k.key()).collect();
                    let line = r.line_of("after", at.saturating_sub(3).max(line));
                    r.error(
                        line,
                        Message::UnknownValue {
                            key: "after".into(),
                            suggestion: did_you_mean(name, &names),
                            value: name.into(),
                            allowed: names.join(", "),
                        },
                    );
                    continue;
                }
            },
        };
        if let Some(scheme) = super::unsafe_scheme(&x.url) {
            r.error(at, Message::UnsafeLink { dest: x.url, scheme: scheme.to_owned() });
            continue;
        }
        external_links.push(ExternalLink { after, label: x.label, url: x.url });
    }
    Some(AnalysisMeta {
        covered_period,
        start: start?,
        end: end?,
        external_links,
        working_group: raw.working_group,
        line,
    })
}

/// The YAML lines (0-based) on which the items of the sequence under the key on line `key`
/// begin, in order: block items (`- x`) at the first item's indentation, or the elements of a
/// flow list (`[a, b]`, over one line or several). Found from the text's structure, not by
/// searching for the item's text, which an escape, a folded line or a repeated name would
/// mislead.
fn item_lines(yaml: &str, key: usize) -> Vec<usize> {
    let lines: Vec<&str> = yaml.lines().collect();
    let Some(key_text) = lines.get(key) else { return Vec::new() };
    let key_indent = indent(key_text);
    let after = key_text.split_once(':').map_or("", |(_, v)| v).trim_start();
    if after.starts_with('[') {
        return flow_item_lines(&lines, key, key_text.len() - after.len());
    }
    let mut out = Vec::new();
    let mut dash = None;
    for (i, l) in lines.iter().enumerate().skip(key + 1) {
        let t = l.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let at = indent(l);
        if at < key_indent || (at == key_indent && !t.starts_with('-')) {
            break;
        }
        if (t == "-" || t.starts_with("- ")) && *dash.get_or_insert(at) == at {
            out.push(i);
        }
    }
    out
}

/// Item lines of a flow list that opens at byte `col` of line `key`.
fn flow_item_lines(lines: &[&str], key: usize, col: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let (mut depth, mut quote, mut escaped, mut expect) = (0usize, None::<char>, false, false);
    for (i, l) in lines.iter().enumerate().skip(key) {
        let text = if i == key { l.get(col..).unwrap_or("") } else { l };
        for c in text.chars() {
            match quote {
                Some('"') if escaped => escaped = false,
                Some('"') if c == '\\' => escaped = true,
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None => {
                    if expect && depth == 1 && !c.is_whitespace() && c != ']' {
                        out.push(i);
                        expect = false;
                    }
                    match c {
                        '"' | '\'' => quote = Some(c),
                        '[' | '{' => {
                            depth += 1;
                            expect = depth == 1;
                        }
                        ']' | '}' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                return out;
                            }
                        }
                        ',' if depth == 1 => expect = true,
                        _ => {}
                    }
                }
            }
        }
    }
    out
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_ok(t: &str) -> (String, String, usize) {
        let s = split(t).map_err(|e| e.1).expect("splits");
        (s.yaml.to_owned(), t[s.body_start..].to_owned(), s.body_line)
    }

    #[test]
    fn splits_frontmatter() {
        let (y, b, l) = split_ok("---\ntitle: a\n---\nbody\n");
        assert_eq!((y.as_str(), b.as_str(), l), ("title: a\n", "body\n", 4));
        let (y, b, l) = split_ok("---\n---\n");
        assert_eq!((y.as_str(), b.as_str(), l), ("", "", 3));
    }

    #[test]
    fn split_failures() {
        assert!(matches!(split("").map(|_| ()), Err((1, Message::EmptyFile))));
        assert!(matches!(split("# hi\n").map(|_| ()), Err((1, Message::NoFrontmatter))));
        assert!(matches!(split("---\ntitle: a\nbody\n").map(|_| ()), Err((1, Message::UnclosedFrontmatter))));
    }

    #[test]
    fn reads_every_field() {
        let yaml =
            "title: Приказ\nkind: order\ndate: 31.03.2026\nnumber: 14\nperiod: {from: 2026-04-03, to: 2026-06-16}\n";
        let fm = parse(yaml, Path::new("x.md")).expect("parses");
        assert_eq!(fm.kind, Kind::Order);
        assert_eq!(fm.number.as_deref(), Some("14"));
        assert_eq!(fm.date, NaiveDate::from_ymd_opt(2026, 3, 31));
        assert_eq!(fm.period.map(|p| p.to), NaiveDate::from_ymd_opt(2026, 6, 16));
        assert_eq!(fm.line_of("number"), 5);
    }

    #[test]
    fn date_is_optional_and_recorded_in_has_two_forms() {
        let fm = parse("title: План\nkind: work-plan\nrecorded_in: protocol\n", Path::new("x.md")).expect("parses");
        assert_eq!(fm.date, None);
        let rec = fm.recorded_in.expect("recorded_in");
        assert_eq!((rec.target, rec.quote, rec.line), (RecordTarget::Kind(Kind::Protocol), None, 4));
        let yaml = "title: x\nkind: announcement\nrecorded_in:\n  document: ../2025/Protocol.kk.MD\n  quote: \"«Арай»\n    жарияланды.\"\n";
        let rec = parse(yaml, Path::new("x.md")).expect("parses").recorded_in.expect("recorded_in");
        assert_eq!(rec.target, RecordTarget::File("../2025/Protocol.kk.MD".into()));
        assert_eq!(rec.quote.as_deref(), Some("«Арай» жарияланды."));
        let diags =
            parse("title: x\nrecorded_in: {document: protocol, qoute: x}\n", Path::new("x.md")).expect_err("fails");
        assert!(matches!(&diags[0].message, Message::UnknownKey { key, .. } if key == "qoute"), "{diags:?}");
    }

    #[test]
    fn attachment_lines_come_from_the_lists_structure() {
        let lines = |yaml: &str| -> Vec<usize> {
            let fm = parse(yaml, Path::new("x.md")).expect("parses");
            fm.attachments.iter().map(|a| a.line).collect()
        };
        // Repeated names, a name inside another, an escape, a folded item, a comment.
        let yaml = "title: a\nattachments:\n  - files/a.pdf.sig\n  - files/a.pdf\n  # x\n  - files/a.pdf\n  - \"files/\\u04d9.pdf\"\n  - files/a\n    b.pdf\nkind: page\n";
        assert_eq!(lines(yaml), [4, 5, 7, 8, 9]);
        let yaml = "title: a\nattachments:\n- files/ә.pdf\n- files/ә.pdf\n";
        assert_eq!(lines(yaml), [4, 5]);
        let yaml = "title: a\nattachments: [files/b.pdf, \"x, y.pdf\",\n  files/ә.pdf]\n";
        assert_eq!(lines(yaml), [3, 3, 4]);
    }

    #[test]
    fn reports_all_problems_with_lines() {
        let yaml = "title: x\nkind: ordr\ndate: 2026-02-30\ntitel: y\n";
        let diags = parse(yaml, Path::new("x.md")).expect_err("fails");
        let lines: Vec<_> = diags.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![Some(3), Some(4), Some(5)]);
    }

    const PIECES: &[&str] = &[
        "---",
        "\n",
        "\r\n",
        "\0",
        "\u{FEFF}",
        " ",
        "  - ",
        "title: ",
        "attachments:",
        "extra: ",
        "kind: order",
        "date: 2026-03-31",
        "\"",
        "'",
        "[",
        "]",
        "{",
        "}",
        ":",
        "#",
        ",",
        "&a",
        "*a",
        "!",
        "|",
        ">",
        "\\",
        "-",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        #[test]
        fn any_text_splits_and_parses_without_panic(
            parts in proptest::collection::vec(proptest::prop_oneof![proptest::sample::select(&crate::domain::lang::CYRILLIC[..]), proptest::sample::select(PIECES)], 0..60)
        ) {
            let text = parts.concat();
            if let Ok(s) = split(&text) {
                proptest::prop_assert!(text.is_char_boundary(s.body_start) && s.body_start <= text.len());
                proptest::prop_assert!(s.body_line >= 2 && s.body_line <= text.matches('\n').count() + 2);
                match parse(s.yaml, Path::new("x.md")) {
                    Ok(fm) => {
                        let last = s.yaml.lines().count() + 1;
                        for a in &fm.attachments {
                            proptest::prop_assert!(a.line >= 2 && a.line <= last.max(2));
                        }
                    }
                    Err(d) => proptest::prop_assert!(d.iter().all(|d| d.line.is_some_and(|l| l >= 1))),
                }
            }
        }
    }
}
