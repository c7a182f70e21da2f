//! A document's frontmatter as a form: the fields of its kind (DESIGN.md §3), in the order the
//! document has them, named as the documents name them; and the form's values back as a
//! [`Change`] for `content`'s editor. Nothing here judges a value: the loader does, after.
//! Keys the form does not show (`extra`, `draft`, the analysis's external links) are never
//! touched.

use crate::content::edit::Change;
use crate::content::{Kind, parse_date};
use crate::messages::{UiLang, Word};
use serde::Serialize;
use serde_json::{Map, Value as Json, json};

/// What a field holds, and so how it is shown and read back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// One line of text.
    Text,
    /// A date.
    Date,
    /// `{from, to}`.
    Period,
    /// `{number, date}` of an order.
    OrderRef,
    /// `{date, time, place}`.
    Event,
    /// A list of `{name, post}`, with `role` when `roles`.
    People { roles: bool },
    /// A list of files.
    Files,
    /// `{document, quote}`.
    Record,
    /// The analysis block: its start, end and covered period (the rest kept as it is).
    Analysis,
}

/// One top-level key of the form.
struct Spec {
    key: &'static str,
    shape: Shape,
    label: Word,
}

const fn spec(key: &'static str, shape: Shape, label: Word) -> Spec {
    Spec { key, shape, label }
}

const TITLE: Spec = spec("title", Shape::Text, Word::Title);
const NUMBER: Spec = spec("number", Shape::Text, Word::Number);
const DATE: Spec = spec("date", Shape::Date, Word::Date);
const PERIOD: Spec = spec("period", Shape::Period, Word::Period);
const COVERED: Spec = spec("covered_period", Shape::Period, Word::CoveredPeriod);
const ORDER: Spec = spec("order", Shape::OrderRef, Word::Order);
const EVENT: Spec = spec("event", Shape::Event, Word::Event);
const GROUP: Spec = spec("working_group", Shape::People { roles: true }, Word::WorkingGroup);
const SIGNED: Spec = spec("signatories", Shape::People { roles: false }, Word::Signatories);
const FILES: Spec = spec("attachments", Shape::Files, Word::Attachments);
const RECORD: Spec = spec("recorded_in", Shape::Record, Word::Record);
const ANALYSIS: Spec = spec("analysis", Shape::Analysis, Word::Period);

/// The form's fields for a document of `kind` (an analysis's `_index` when `analysis`), in the
/// order such a document gives them; a record's fields when `record`.
fn specs(kind: Kind, analysis: bool, record: bool) -> Vec<Spec> {
    if analysis {
        return vec![TITLE, ANALYSIS];
    }
    let mut out = match kind {
        Kind::Order => vec![NUMBER, DATE, TITLE, PERIOD, GROUP, SIGNED],
        Kind::WorkPlan | Kind::ActionPlan => vec![NUMBER, DATE, TITLE, SIGNED],
        Kind::Announcement => vec![DATE, TITLE],
        Kind::Report => vec![DATE, TITLE, ORDER, PERIOD, COVERED, GROUP, SIGNED],
        Kind::DiscussionAnnouncement => vec![DATE, TITLE, EVENT],
        Kind::Protocol => vec![NUMBER, DATE, TITLE, ORDER, PERIOD, COVERED, SIGNED],
        Kind::Page => vec![TITLE, DATE],
    };
    if record {
        out.push(RECORD);
    }
    out.push(FILES);
    out
}

/// How the form names the key `key` (the body is `body`), for a list of what changed.
pub fn label(key: &str, lang: UiLang) -> String {
    let all = [TITLE, NUMBER, DATE, PERIOD, COVERED, ORDER, EVENT, GROUP, SIGNED, FILES, RECORD];
    match key {
        "body" => Word::Text.text(lang).to_owned(),
        "analysis" => Word::AnalysisPeriod.text(lang).to_owned(),
        _ => all.iter().find(|s| s.key == key).map_or_else(|| key.to_owned(), |s| s.label.text(lang).to_owned()),
    }
}

/// The kind of the document whose frontmatter reads as `values`, and whether it is an
/// analysis's `_index`: read off the text itself, so that a text the loader refuses still gets
/// the form of its kind, with the refusal at its field.
pub fn kind_of(values: &Map<String, Json>) -> (Kind, bool) {
    let kind = values.get("kind").and_then(Json::as_str).and_then(Kind::parse).unwrap_or(Kind::Page);
    (kind, values.contains_key("analysis"))
}

/// One input of the form.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Input {
    /// The form's name for it (`order.date`, `signatories.1.post`).
    pub name: String,
    /// Its label.
    pub label: &'static str,
    /// What it holds now.
    pub value: String,
    /// `text`, `date`, `time`, `long`, `role`, `file`.
    pub kind: &'static str,
    /// The choices of a `role`: value and words.
    pub options: Vec<(&'static str, &'static str)>,
}

/// One top-level key of the form, as the page shows it.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Field {
    /// The key (`order`): the field's id on the page is `f-order`.
    pub key: &'static str,
    /// Its label.
    pub label: &'static str,
    /// Its inputs, for a field of one or a few values.
    pub inputs: Vec<Input>,
    /// Its rows, for a list (people, files): the last row is empty, for one more.
    pub rows: Vec<Vec<Input>>,
    /// Whether it is a list.
    pub list: bool,
    /// What the loader says of it, in the user's language.
    pub errors: Vec<String>,
}

/// The form of a document of `kind` whose frontmatter reads as `values`.
pub fn fields(kind: Kind, analysis: bool, values: &Map<String, Json>, lang: UiLang) -> Vec<Field> {
    let record = values.contains_key("recorded_in");
    specs(kind, analysis, record).into_iter().map(|s| field(&s, values.get(s.key), lang)).collect()
}

fn text(v: Option<&Json>) -> String {
    match v {
        Some(Json::String(s)) => s.clone(),
        Some(Json::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// A date's value for a date input: ISO, whichever way the file writes it.
fn date_text(v: Option<&Json>) -> String {
    let t = text(v);
    parse_date(&t).map_or(t, |d| d.format("%Y-%m-%d").to_string())
}

fn input(name: String, label: Word, value: String, kind: &'static str, lang: UiLang) -> Input {
    let options = if kind == "role" {
        [("lead", Word::RoleLead), ("member", Word::RoleMember), ("secretary", Word::RoleSecretary)]
            .into_iter()
            .map(|(v, w)| (v, w.text(lang)))
            .collect()
    } else {
        Vec::new()
    };
    Input { name, label: label.text(lang), value, kind, options }
}

fn field(s: &Spec, v: Option<&Json>, lang: UiLang) -> Field {
    let key = s.key;
    let get = |k: &str| v.and_then(|v| v.get(k));
    let inputs = match s.shape {
        Shape::Text => vec![input(key.into(), s.label, text(v), if key == "title" { "long" } else { "text" }, lang)],
        Shape::Date => vec![input(key.into(), s.label, date_text(v), "date", lang)],
        Shape::Period => vec![
            input(format!("{key}.from"), Word::From, date_text(get("from")), "date", lang),
            input(format!("{key}.to"), Word::To, date_text(get("to")), "date", lang),
        ],
        Shape::OrderRef => vec![
            input(format!("{key}.number"), Word::OrderNumber, text(get("number")), "text", lang),
            input(format!("{key}.date"), Word::OrderDate, date_text(get("date")), "date", lang),
        ],
        Shape::Event => vec![
            input(format!("{key}.date"), Word::EventDate, date_text(get("date")), "date", lang),
            input(format!("{key}.time"), Word::EventTime, text(get("time")), "time", lang),
            input(format!("{key}.place"), Word::EventPlace, text(get("place")), "text", lang),
        ],
        Shape::Record => vec![
            input(format!("{key}.document"), Word::RecordDocument, record_document(v), "text", lang),
            input(format!("{key}.quote"), Word::RecordQuote, text(get("quote")), "long", lang),
        ],
        Shape::Analysis => vec![
            input(format!("{key}.start"), Word::AnalysisStart, date_text(get("start")), "date", lang),
            input(format!("{key}.end"), Word::AnalysisEnd, date_text(get("end")), "date", lang),
            input(
                format!("{key}.covered_period.from"),
                Word::CoveredFrom,
                date_text(get("covered_period").and_then(|c| c.get("from"))),
                "date",
                lang,
            ),
            input(
                format!("{key}.covered_period.to"),
                Word::CoveredTo,
                date_text(get("covered_period").and_then(|c| c.get("to"))),
                "date",
                lang,
            ),
        ],
        Shape::People { .. } | Shape::Files => Vec::new(),
    };
    let rows = match s.shape {
        Shape::People { roles } => people_rows(key, v, roles, lang),
        Shape::Files => file_rows(key, v, lang),
        _ => Vec::new(),
    };
    let list = matches!(s.shape, Shape::People { .. } | Shape::Files);
    Field { key, label: s.label.text(lang), inputs, rows, list, errors: Vec::new() }
}

/// A record's document, written short (`recorded_in: protocol`) or long.
fn record_document(v: Option<&Json>) -> String {
    match v {
        Some(Json::String(s)) => s.clone(),
        Some(v) => text(v.get("document")),
        None => String::new(),
    }
}

fn people_rows(key: &str, v: Option<&Json>, roles: bool, lang: UiLang) -> Vec<Vec<Input>> {
    let people: Vec<&Json> = v.and_then(Json::as_array).map(|a| a.iter().collect()).unwrap_or_default();
    let empty = json!({});
    people
        .into_iter()
        .chain(std::iter::once(&empty))
        .enumerate()
        .map(|(i, p)| {
            let mut row = vec![
                input(format!("{key}.{i}.name"), Word::PersonName, text(p.get("name")), "text", lang),
                input(format!("{key}.{i}.post"), Word::PersonPost, text(p.get("post")), "text", lang),
            ];
            if roles {
                row.push(input(format!("{key}.{i}.role"), Word::PersonRole, text(p.get("role")), "role", lang));
            }
            row
        })
        .collect()
}

/// The attached files: each with the title this language's page shows for it.
fn file_rows(key: &str, v: Option<&Json>, lang: UiLang) -> Vec<Vec<Input>> {
    let files: Vec<&Json> = v.and_then(Json::as_array).map(|a| a.iter().collect()).unwrap_or_default();
    files
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let (file, title) = match f {
                Json::Object(m) => (text(m.get("file")), text(m.get("title"))),
                other => (text(Some(other)), String::new()),
            };
            vec![
                input(format!("{key}.{i}"), Word::AttachmentFile, file, "file", lang),
                input(format!("{key}.{i}.title"), Word::AttachmentTitle, title, "text", lang),
            ]
        })
        .collect()
}

/// The form's values as a change of the document whose frontmatter reads as `old`: each field
/// of the kind set from the form (an empty field removes its key), a date the same day as
/// before kept as it was written, and the body when the form has one.
pub fn change(kind: Kind, analysis: bool, old: &Map<String, Json>, form: &[(String, String)]) -> Change {
    let get = |name: &str| form.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.trim().to_owned());
    let record = old.contains_key("recorded_in");
    let fields = specs(kind, analysis, record)
        .into_iter()
        .filter(|s| {
            form.iter().any(|(k, _)| k == s.key || k.starts_with(&format!("{}.", s.key))) || s.shape == Shape::Files
        })
        .map(|s| (s.key.to_owned(), value(&s, old.get(s.key), &get, form)))
        .collect();
    // The body as typed, untrimmed: its spaces and empty lines are the author's.
    let body = form.iter().rev().find(|(k, _)| k == "body").map(|(_, v)| v.clone());
    Change { fields, body }
}

/// A field's new value; `None` removes its key.
fn value(
    s: &Spec,
    old: Option<&Json>,
    get: &dyn Fn(&str) -> Option<String>,
    form: &[(String, String)],
) -> Option<Json> {
    let key = s.key;
    let sub = |k: &str| get(&format!("{key}.{k}")).unwrap_or_default();
    let old_at = |k: &str| old.and_then(|o| o.get(k));
    match s.shape {
        Shape::Text => non_empty(get(key).unwrap_or_default()).map(Json::String),
        Shape::Date => non_empty(get(key).unwrap_or_default()).map(|d| date_as_before(d, old)),
        Shape::Period => pair(&[("from", sub("from")), ("to", sub("to"))], old, true),
        Shape::OrderRef => pair(&[("number", sub("number")), ("date", sub("date"))], old, false),
        Shape::Event => pair(&[("date", sub("date")), ("time", sub("time")), ("place", sub("place"))], old, false),
        Shape::Record => {
            let (document, quote) = (sub("document"), sub("quote"));
            match (old, quote.is_empty()) {
                (Some(Json::String(_)), true) => non_empty(document).map(Json::String),
                _ => pair(&[("document", document), ("quote", quote)], old, false),
            }
        }
        Shape::People { roles } => people(key, roles, form),
        Shape::Files => {
            // Files come and go through the attach and remove buttons; the form gives titles.
            let files: Vec<Json> = old
                .and_then(Json::as_array)
                .map(|files| {
                    files.iter().enumerate().map(|(i, f)| titled(f, get(&format!("{key}.{i}.title")))).collect()
                })
                .unwrap_or_default();
            (!files.is_empty()).then_some(Json::Array(files))
        }
        Shape::Analysis => {
            let mut block = old.and_then(Json::as_object).cloned().unwrap_or_default();
            for part in ["start", "end"] {
                let v = non_empty(sub(part)).map(|d| date_as_before(d, old_at(part)));
                set(&mut block, part, v);
            }
            let covered = pair(
                &[("from", sub("covered_period.from")), ("to", sub("covered_period.to"))],
                old_at("covered_period"),
                true,
            );
            set(&mut block, "covered_period", covered);
            Some(Json::Object(block))
        }
    }
}

/// An `attachments:` entry with the title typed for it (`None`: the form did not show it): a
/// file without a title is written as its path alone, as people write it by hand.
fn titled(entry: &Json, title: Option<String>) -> Json {
    let Some(title) = title else { return entry.clone() };
    let mut map = match entry {
        Json::Object(m) => m.clone(),
        other => Map::from_iter([("file".to_owned(), other.clone())]),
    };
    set(&mut map, "title", non_empty(title).map(Json::String));
    if map.len() == 1 {
        return map.get("file").cloned().unwrap_or(Json::Null);
    }
    Json::Object(map)
}

fn set(map: &mut Map<String, Json>, key: &str, value: Option<Json>) {
    match value {
        Some(v) => {
            map.insert(key.to_owned(), v);
        }
        None => {
            map.remove(key);
        }
    }
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// A date typed in the form, written as the file wrote it when it is the same day
/// (`31.03.2026` stays so, though the form gives `2026-03-31`).
fn date_as_before(typed: String, old: Option<&Json>) -> Json {
    let before = old.and_then(Json::as_str);
    match (parse_date(&typed), before.map(parse_date)) {
        (Ok(a), Some(Ok(b))) if a == b => Json::String(before.unwrap_or_default().to_owned()),
        _ => Json::String(typed),
    }
}

/// A small mapping from its parts; `None` when every part is empty. Dates keep their old
/// writing (see [`date_as_before`]); keys of the old mapping the form does not show stay.
fn pair(parts: &[(&str, String)], old: Option<&Json>, dates: bool) -> Option<Json> {
    if parts.iter().all(|(_, v)| v.is_empty()) {
        return None;
    }
    let mut map = old.and_then(Json::as_object).cloned().unwrap_or_default();
    for (k, v) in parts {
        let is_date = dates || *k == "date";
        let value = non_empty(v.clone())
            .map(|v| if is_date { date_as_before(v, old.and_then(|o| o.get(*k))) } else { Json::String(v) });
        set(&mut map, k, value);
    }
    Some(Json::Object(map))
}

/// The people of a list field, in the order of the form's rows; a row without a name is left out.
fn people(key: &str, roles: bool, form: &[(String, String)]) -> Option<Json> {
    let mut rows: Vec<(usize, Map<String, Json>)> = Vec::new();
    for (name, v) in form {
        let Some(rest) = name.strip_prefix(key).and_then(|r| r.strip_prefix('.')) else { continue };
        let Some((i, part)) = rest.split_once('.') else { continue };
        let (Ok(i), true) = (i.parse::<usize>(), matches!(part, "name" | "post") || (roles && part == "role")) else {
            continue;
        };
        let at = match rows.iter().position(|(j, _)| *j == i) {
            Some(at) => at,
            None => {
                rows.push((i, Map::new()));
                rows.len() - 1
            }
        };
        if !v.trim().is_empty() {
            rows[at].1.insert(part.to_owned(), Json::String(v.trim().to_owned()));
        }
    }
    rows.sort_by_key(|(i, _)| *i);
    let people: Vec<Json> =
        rows.into_iter().filter(|(_, p)| p.contains_key("name")).map(|(_, p)| Json::Object(p)).collect();
    (!people.is_empty()).then_some(Json::Array(people))
}

/// The top-level key whose lines hold `line` (a file line) of `text`: where a finding at that
/// line is shown in the form. `None` for the body or an unknown place.
pub fn key_at(text: &str, line: usize) -> Option<String> {
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let rest = text.strip_prefix("---\n")?;
    let end = rest.lines().position(|l| l.trim_end() == "---")?;
    if line < 2 || line > end + 1 {
        return None;
    }
    let yaml: String = rest.lines().take(end).map(|l| format!("{l}\n")).collect();
    let keys = crate::content::yaml::key_lines(&yaml);
    // The YAML's line 1 is the file's line 2.
    keys.iter().rfind(|k| k.depth == 0 && k.line < line).map(|k| k.key.clone())
}
