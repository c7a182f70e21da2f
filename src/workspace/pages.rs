//! The workspace's pages, made on the server with minijinja as the site's own pages are, from
//! templates built into the binary. Forms post plainly and work without JavaScript; the
//! script adds the live preview, the warning before leaving unsaved changes, and the reload when
//! files change.

use super::api::{lang_of, query_value};
use super::doc::{self, Opened, Saved};
use super::form::{self, Field};
use super::guard::Nonce;
use super::{DocPath, Workspace, body, status};
use crate::content::{self, Kind, edit};
use crate::diagnostic::Diagnostic;
use crate::messages::{Message, UiLang, Word};
use crate::scaffold;
use axum::Json;
use axum::extract::{Path as UrlPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use include_dir::{Dir, include_dir};
use minijinja::{Environment, Value, context};
use percent_encoding::{AsciiSet, CONTROLS};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/workspace/templates");
static ASSETS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/workspace/static");

/// What a path inside a URL needs encoded.
pub const PATH_SET: &AsciiSet =
    &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'<').add(b'>').add(b'?').add(b'`').add(b'{').add(b'}');

/// A value of the page's own types for a template.
fn ser<T: Serialize>(value: &T) -> Value {
    Value::from(minijinja::value::Serde(value))
}

/// The templates, autoescaped as HTML.
pub fn templates() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    for file in TEMPLATES.files() {
        let name = file.path().to_string_lossy().into_owned();
        if let Some(source) = file.contents_utf8() {
            let _ = env.add_template_owned(name, source.to_owned());
        }
    }
    env
}

/// The interface words in `lang`, by id, for the templates' `t`.
pub(super) fn words(lang: UiLang) -> BTreeMap<&'static str, &'static str> {
    Word::ALL.iter().map(|w| (w.id(), w.text(lang))).collect()
}

#[derive(Serialize)]
struct LangView {
    code: &'static str,
    name: &'static str,
}

/// Renders the template `name` with `ctx` and what every page needs.
fn page(ws: &Workspace, headers: &HeaderMap, nonce: &Nonce, name: &str, back: &str, ctx: Value) -> Response {
    let lang = lang_of(headers, ws);
    let config = content::load_config(&ws.settings.root).ok();
    let site_title = config.as_ref().map(|c| c.localized(&c.title, lang.code()).to_owned()).unwrap_or_default();
    let site_langs: Vec<LangView> = config
        .as_ref()
        .map(|c| {
            c.languages
                .iter()
                .filter_map(|l| UiLang::parse(l))
                .map(|l| LangView { code: l.code(), name: status::endonym(l.code()) })
                .collect()
        })
        .unwrap_or_default();
    let first = site_langs.first().map_or("kk", |l| l.code);
    let site_lang = site_langs.iter().find(|l| l.code == lang.code()).map_or(first, |l| l.code);
    let langs: Vec<LangView> =
        UiLang::ALL.iter().map(|l| LangView { code: l.code(), name: status::endonym(l.code()) }).collect();
    let common = context! {
        t => words(lang),
        lang => lang.code(),
        nonce => nonce.0.clone(),
        site_title,
        site_langs => ser(&site_langs),
        site_home => format!("/{site_lang}/"),
        langs => ser(&langs),
        back,
    };
    let rendered = ws.templates.get_template(name).and_then(|t| t.render(context! { ..ctx, ..common }));
    match rendered {
        Ok(html) => Html(html).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("template {name}: {e}")).into_response(),
    }
}

/// `GET /_ashyq`: the first screen is at `/_ashyq/`.
pub async fn to_start() -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, HeaderValue::from_static("/_ashyq/"))]).into_response()
}

/// `GET /_ashyq/`: what is due.
pub async fn status(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let (headers, nonce) = parts(&request);
    let lang = lang_of(&headers, &ws);
    let root = ws.settings.root.clone();
    let today = crate::domain::dates::today();
    let Ok(status) = tokio::task::spawn_blocking(move || status::status(&root, today, lang)).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let notice = query_value(request.uri().query(), "made").map(|m| Message::AnalysisMade { folder: m }.text(lang));
    page(
        &ws,
        &headers,
        &nonce,
        "status.html",
        "/_ashyq/",
        context! { status => ser(&status), notice, here => "status" },
    )
}

fn parts(request: &Request) -> (HeaderMap, Nonce) {
    let nonce = request.extensions().get::<Nonce>().cloned().unwrap_or(Nonce(String::new()));
    (request.headers().clone(), nonce)
}

/// The editor's own address for a document, as the page's forms post to it.
fn edit_href(path: &DocPath) -> String {
    status::editor_href(&format!("content/{}", path.rel()), None)
}

/// `GET /_ashyq/edit?path=…`: a document as a form beside its page.
pub async fn edit(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let (headers, nonce) = parts(&request);
    let lang = lang_of(&headers, &ws);
    let query = request.uri().query();
    let given = query_value(query, "path").unwrap_or_default();
    let path = match DocPath::document(&ws.settings.root, &given) {
        Ok(p) => p,
        Err(r) => return not_found(&ws, &headers, &nonce, &[Diagnostic::general(r.message(&given))]),
    };
    let opened = match doc::open(&path) {
        Ok(Some(o)) => o,
        Ok(None) => return not_found(&ws, &headers, &nonce, &[]),
        Err(d) => return not_found(&ws, &headers, &nonce, &[d]),
    };
    ws.remember(&opened.version, &opened.text);
    let line = query_value(query, "line").and_then(|l| l.parse::<usize>().ok());
    let saved = query_value(query, "saved").is_some().then(|| Word::Saved.text(lang));
    let view = Editor {
        path: &path,
        shown: &opened.text,
        version: &opened.version,
        findings: &[],
        conflict: None,
        saved,
        line,
    };
    editor(&ws, &headers, &nonce, view, StatusCode::OK)
}

fn not_found(ws: &Workspace, headers: &HeaderMap, nonce: &Nonce, findings: &[Diagnostic]) -> Response {
    let lang = lang_of(headers, ws);
    let errors: Vec<String> = findings.iter().map(|d| d.message.text(lang)).collect();
    let mut r = page(ws, headers, nonce, "missing.html", "/_ashyq/", context! { errors });
    *r.status_mut() = StatusCode::NOT_FOUND;
    r
}

/// What the editor page shows.
struct Editor<'a> {
    path: &'a DocPath,
    /// The text the form shows (the file's, or what a refused save would have written).
    shown: &'a str,
    /// The version the next save is made against.
    version: &'a str,
    /// What the loader said of the text shown.
    findings: &'a [Diagnostic],
    /// The differences from the file, when it changed meanwhile.
    conflict: Option<Vec<Difference>>,
    saved: Option<&'static str>,
    line: Option<usize>,
}

/// A field whose value in the file differs from the user's.
#[derive(Serialize)]
struct Difference {
    field: String,
    file: String,
    yours: String,
}

/// The editor page.
fn editor(ws: &Workspace, headers: &HeaderMap, nonce: &Nonce, e: Editor<'_>, code: StatusCode) -> Response {
    let lang = lang_of(headers, ws);
    let config = content::load_config(&ws.settings.root).ok();
    let values = edit::fields(e.shown).ok();
    let (mut general, mut by_key): (Vec<String>, BTreeMap<String, Vec<String>>) = (Vec::new(), BTreeMap::new());
    for d in e.findings {
        let text = d.message.text(lang);
        match d.line.and_then(|l| form::key_at(e.shown, l)) {
            Some(key) => by_key.entry(key).or_default().push(text),
            None => general.push(text),
        }
    }
    let mut fields: Vec<Field> = values
        .as_ref()
        .map(|v| {
            let (kind, analysis) = form::kind_of(v);
            form::fields(kind, analysis, v, lang)
        })
        .unwrap_or_default();
    for f in &mut fields {
        f.errors = by_key.remove(f.key).unwrap_or_default();
    }
    // Findings at keys the form does not show are shown above it.
    general.extend(by_key.into_values().flatten());
    let whole = values.is_none();
    let body = if whole { e.shown.to_owned() } else { doc::body(e.shown) };
    let title = values
        .as_ref()
        .and_then(|v| v.get("title"))
        .and_then(|t| t.as_str())
        .filter(|t| !t.trim().is_empty())
        .map_or_else(|| e.path.rel().to_string(), str::to_owned);
    let page_url = config
        .as_ref()
        .and_then(|c| content::name_and_lang(e.path.rel(), c).ok())
        .map(|(group, lang)| format!("/{}", crate::site::url_of(&group, &lang)));
    let others = other_languages(ws, e.path, config.as_ref(), lang);
    let conflict = e.conflict.map(|diffs| context! { text => Message::FileChangedMeanwhile.text(lang), diffs => ser(&diffs), theirs => edit_href(e.path) });
    let href = edit_href(e.path);
    let preview_href = href.replacen("/_ashyq/edit?", "/_ashyq/preview?", 1);
    let ctx = context! {
        here => "edit",
        title,
        path => e.path.rel().as_str(),
        version => e.version,
        fields => ser(&fields),
        whole,
        body,
        general,
        conflict,
        saved => e.saved,
        line => e.line,
        body_line => if whole { 1 } else { doc::body_line(e.shown) },
        focus => e.line.and_then(|l| form::key_at(e.shown, l)),
        action => href.clone(),
        preview_action => preview_href,
        page_url,
        others => ser(&others),
    };
    let mut r = page(ws, headers, nonce, "edit.html", &href, ctx);
    *r.status_mut() = code;
    r
}

#[derive(Serialize)]
struct OtherLanguage {
    text: &'static str,
    href: Option<String>,
}

/// Links to the same document in the site's other languages (or what is missing).
fn other_languages(
    ws: &Workspace,
    path: &DocPath,
    config: Option<&content::SiteConfig>,
    lang: UiLang,
) -> Vec<OtherLanguage> {
    let Some(config) = config else { return Vec::new() };
    let rel = path.rel().as_str();
    let stem = content::markdown_stem(rel).unwrap_or(rel);
    let (base, own) = match stem.rsplit_once('.') {
        Some((b, l)) if config.languages.iter().any(|x| x == l) => (b, l.to_owned()),
        _ => (stem, config.default_language().to_owned()),
    };
    config
        .languages
        .iter()
        .filter(|l| **l != own)
        .map(|l| {
            let word = match l.as_str() {
                "kk" => Word::OpenKk,
                "ru" => Word::OpenRu,
                _ => Word::OtherLanguage,
            };
            let other = format!("{base}.{l}.md");
            let exists = DocPath::document(&ws.settings.root, &other).is_ok_and(|p| p.file().is_file());
            let text = if exists { word.text(lang) } else { Word::NotTranslated.text(lang) };
            OtherLanguage { text, href: exists.then(|| status::editor_href(&format!("content/{other}"), None)) }
        })
        .collect()
}

/// The change the posted form asks of the document whose text is `current`.
fn change_of(current: &str, posted: &[(String, String)]) -> edit::Change {
    let old = edit::fields(current).unwrap_or_default();
    let (kind, analysis) = form::kind_of(&old);
    form::change(kind, analysis, &old, posted)
}

/// What the user's form would make of `current`: the whole text posted (for a file edited as a
/// whole), or the change applied to it.
fn text_of(current: &str, posted: &[(String, String)]) -> Result<String, edit::EditError> {
    if let Some((_, text)) = posted.iter().find(|(k, _)| k == "text") {
        return Ok(text.clone());
    }
    edit::apply(current, &change_of(current, posted))
}

/// `POST /_ashyq/edit?path=…`: saves the form, or shows it again with what stopped the save.
pub async fn save(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let (headers, nonce) = parts(&request);
    let lang = lang_of(&headers, &ws);
    let given = query_value(request.uri().query(), "path").unwrap_or_default();
    let path = match DocPath::document(&ws.settings.root, &given) {
        Ok(p) => p,
        Err(r) => return not_found(&ws, &headers, &nonce, &[Diagnostic::general(r.message(&given))]),
    };
    let posted = match body::form(request).await {
        Ok(f) => f,
        Err(r) => return r.response(lang),
    };
    let version = posted.iter().find(|(k, _)| k == "version").map(|(_, v)| v.clone()).unwrap_or_default();
    let ws2 = Arc::clone(&ws);
    let path2 = path.clone();
    let outcome = tokio::task::spawn_blocking(move || save_form(&ws2, &path2, &version, &posted, lang)).await;
    let Ok(outcome) = outcome else { return StatusCode::INTERNAL_SERVER_ERROR.into_response() };
    match outcome {
        FormSaved::Done => {
            let to = format!("{}&saved=1", edit_href(&path));
            (
                StatusCode::SEE_OTHER,
                [(header::LOCATION, HeaderValue::from_str(&to).unwrap_or(HeaderValue::from_static("/_ashyq/")))],
            )
                .into_response()
        }
        FormSaved::Again { shown, version, findings, conflict } => {
            let code = if conflict.is_some() { StatusCode::CONFLICT } else { StatusCode::UNPROCESSABLE_ENTITY };
            let view = Editor {
                path: &path,
                shown: &shown,
                version: &version,
                findings: &findings,
                conflict,
                saved: None,
                line: None,
            };
            editor(&ws, &headers, &nonce, view, code)
        }
    }
}

/// What saving a form came to.
enum FormSaved {
    Done,
    /// The form is shown again: with `shown` (the user's values), to be saved against `version`.
    Again {
        shown: String,
        version: String,
        findings: Vec<Diagnostic>,
        conflict: Option<Vec<Difference>>,
    },
}

fn save_form(ws: &Workspace, path: &DocPath, version: &str, posted: &[(String, String)], lang: UiLang) -> FormSaved {
    let config = content::load_config(&ws.settings.root);
    let current = match doc::open(path) {
        Ok(Some(c)) => c,
        Ok(None) => Opened { text: String::new(), version: String::new() },
        Err(d) => {
            return FormSaved::Again {
                shown: String::new(),
                version: String::new(),
                findings: vec![d],
                conflict: None,
            };
        }
    };
    let config = match config {
        Ok(c) => c,
        Err(findings) => {
            return FormSaved::Again { shown: current.text, version: current.version, findings, conflict: None };
        }
    };
    // The user's values on the file as it is now: what is saved, or shown again.
    let mine = text_of(&current.text, posted).unwrap_or_else(|_| current.text.clone());
    if current.version != version {
        return conflict(ws, version, current, (posted, lang));
    }
    match doc::save(&config, path, &mine, Some(version)) {
        Saved::Written(_) => FormSaved::Done,
        Saved::Refused(findings) => {
            FormSaved::Again { shown: mine, version: current.version, findings, conflict: None }
        }
        Saved::Changed(now) => {
            let now = now.unwrap_or(Opened { text: String::new(), version: String::new() });
            conflict(ws, version, now, (posted, lang))
        }
        Saved::Exists => {
            FormSaved::Again { shown: mine, version: current.version, findings: Vec::new(), conflict: None }
        }
        Saved::Failed(d) => {
            FormSaved::Again { shown: mine, version: current.version, findings: vec![d], conflict: None }
        }
    }
}

/// The form again after the file changed since it was opened at `version`: her changes merged
/// with the file's as it is now (when the text she started from is still known), to be saved
/// against the file's new version, with what the file changed meanwhile listed beside.
fn conflict(ws: &Workspace, version: &str, now: Opened, (posted, lang): (&[(String, String)], UiLang)) -> FormSaved {
    let on_now = || text_of(&now.text, posted).unwrap_or_else(|_| now.text.clone());
    let merged = ws.opened_at(version).and_then(|base| {
        let mine = text_of(&base, posted).ok()?;
        doc::merge(&base, &mine, &now.text).ok()
    });
    let (shown, changed) = match merged {
        Some((text, changed)) => (text, Some(changed)),
        None => (on_now(), None),
    };
    let diffs = differences(&now.text, &shown, changed.as_deref(), lang);
    ws.remember(&now.version, &now.text);
    FormSaved::Again { shown, version: now.version, findings: Vec::new(), conflict: Some(diffs) }
}

/// What the file changed meanwhile (`changed`; when unknown, every key where the file and the
/// form differ), with the file's value and the form's.
fn differences(file: &str, form: &str, changed: Option<&[String]>, lang: UiLang) -> Vec<Difference> {
    let (a, b) = (edit::fields(file).unwrap_or_default(), edit::fields(form).unwrap_or_default());
    let show = |v: Option<&serde_json::Value>| match v {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let mut keys: Vec<String> = a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))).cloned().collect();
    keys.push("body".to_owned());
    keys.into_iter()
        .filter(|k| changed.map_or_else(|| true, |c| c.contains(k)))
        .map(|k| {
            let (in_file, in_form) =
                if k == "body" { (doc::body(file), doc::body(form)) } else { (show(a.get(&k)), show(b.get(&k))) };
            Difference { field: form::label(&k, lang), file: in_file, yours: in_form }
        })
        .filter(|d| changed.is_some() || d.file != d.yours)
        .collect()
}

/// `POST /_ashyq/preview?path=…`: the page the posted form would give, for the live preview:
/// `{"url"}`, or 422 `{"fields": {key: [message]}, "general": [message]}`.
pub async fn preview(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let lang = lang_of(request.headers(), &ws);
    let given = query_value(request.uri().query(), "path").unwrap_or_default();
    let Ok(path) = DocPath::document(&ws.settings.root, &given) else { return StatusCode::BAD_REQUEST.into_response() };
    let posted = match body::form(request).await {
        Ok(f) => f,
        Err(r) => return r.response(lang),
    };
    let ws2 = Arc::clone(&ws);
    let made = tokio::task::spawn_blocking(move || {
        let current = doc::open(&path).ok().flatten().map(|o| o.text).unwrap_or_default();
        let text = text_of(&current, &posted).unwrap_or(current);
        (ws2.draft(&path, &text), text)
    })
    .await;
    match made {
        Ok((Ok(url), _)) => Json(serde_json::json!({ "url": url })).into_response(),
        Ok((Err(findings), text)) => {
            let mut fields: BTreeMap<String, Vec<String>> = BTreeMap::new();
            let mut general = Vec::new();
            for d in &findings {
                match d.line.and_then(|l| form::key_at(&text, l)) {
                    Some(k) => fields.entry(k).or_default().push(d.message.text(lang)),
                    None => general.push(d.message.text(lang)),
                }
            }
            (StatusCode::UNPROCESSABLE_ENTITY, Json(serde_json::json!({ "fields": fields, "general": general })))
                .into_response()
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `GET /_ashyq/draft/…`: a page made from a text not saved yet, and, for everything else it
/// asks for, what the preview serves at that path.
pub async fn draft(State(ws): State<Arc<Workspace>>, UrlPath(path): UrlPath<String>, headers: HeaderMap) -> Response {
    let key = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.clone() };
    let html = ws.drafts().get(&key).cloned();
    let Some(html) = html else { return ws.preview.respond(&path, &headers) };
    let csp = draft_policy(&html);
    let mut r = (StatusCode::OK, html).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    r
}

/// The policy of a draft page: the site's own files (it is shown sandboxed, in a frame of the
/// workspace), and of inline scripts only the theme's own, by their hashes.
fn draft_policy(html: &[u8]) -> String {
    use sha2::Digest;
    let text = String::from_utf8_lossy(html);
    let mut hashes = String::new();
    for part in text.split("<script>").skip(1) {
        if let Some((script, _)) = part.split_once("</script>") {
            let digest = sha2::Sha256::digest(script.as_bytes());
            hashes.push_str(&format!(" 'sha256-{}'", data_encoding::BASE64.encode(&digest)));
        }
    }
    format!(
        "default-src 'none'; script-src 'self'{hashes}; style-src 'self'; img-src 'self' data:; font-src 'self'; media-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox allow-scripts"
    )
}

/// `POST /_ashyq/new-document` (form `analysis`, `kind`): the document made from the scaffold,
/// then its editor.
pub async fn new_document(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let (headers, nonce) = parts(&request);
    let lang = lang_of(&headers, &ws);
    let posted = match body::form(request).await {
        Ok(f) => f,
        Err(r) => return r.response(lang),
    };
    let get = |k: &str| posted.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap_or_default();
    let (analysis, kind) = (get("analysis"), get("kind"));
    let root = ws.settings.root.clone();
    let made = tokio::task::spawn_blocking(move || super::api::add_document(&root, &analysis, &kind)).await;
    match made {
        Ok(Ok(paths)) => {
            let first = paths.iter().find(|p| p.contains(&format!(".{lang}.", lang = lang.code()))).or(paths.first());
            let to =
                first.map_or_else(|| "/_ashyq/".to_owned(), |p| status::editor_href(&format!("content/{p}"), None));
            (
                StatusCode::SEE_OTHER,
                [(header::LOCATION, HeaderValue::from_str(&to).unwrap_or(HeaderValue::from_static("/_ashyq/")))],
            )
                .into_response()
        }
        Ok(Err(d)) => not_found(&ws, &headers, &nonce, &[d]),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `GET /_ashyq/new-analysis?year=…&start=…&end=…`: the next analysis's form and, once its start
/// and end are given, the dates each document would get. Nothing is written: the schedule is
/// worked out again from the address, so a change of language keeps it.
pub async fn new_analysis(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let (headers, nonce) = parts(&request);
    let lang = lang_of(&headers, &ws);
    let query = request.uri().query();
    let next_year = crate::domain::dates::today().format("%Y").to_string().parse::<i32>().unwrap_or(2026) + 1;
    let year = query_value(query, "year").map_or_else(|| next_year.to_string(), |y| y.trim().to_owned());
    let (start, end) = (query_value(query, "start").unwrap_or_default(), query_value(query, "end").unwrap_or_default());
    let back = analysis_address(&year, &start, &end);
    if start.is_empty() && end.is_empty() {
        return analysis_form(
            &ws,
            &headers,
            &nonce,
            AnalysisForm { year, start, end, back, schedule: None, errors: Vec::new() },
        );
    }
    let root = ws.settings.root.clone();
    let (y, s, e) = (year.clone(), start.clone(), end.clone());
    let planned = tokio::task::spawn_blocking(move || plan_of(&root, &y, &s, &e, lang)).await;
    let (schedule, errors) = match planned {
        Ok(Ok(schedule)) => (Some(schedule), Vec::new()),
        Ok(Err(errors)) => (None, errors),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    analysis_form(&ws, &headers, &nonce, AnalysisForm { year, start, end, back, schedule, errors })
}

/// The new-analysis page's own address with its values, to come back to.
fn analysis_address(year: &str, start: &str, end: &str) -> String {
    let mut q = url::form_urlencoded::Serializer::new(String::from("/_ashyq/new-analysis?"));
    q.append_pair("year", year).append_pair("start", start).append_pair("end", end);
    q.finish()
}

/// What the new-analysis page shows.
struct AnalysisForm {
    year: String,
    start: String,
    end: String,
    back: String,
    schedule: Option<Vec<ScheduleRow>>,
    errors: Vec<String>,
}

#[derive(Serialize)]
struct ScheduleRow {
    what: String,
    date: String,
}

fn analysis_form(ws: &Workspace, headers: &HeaderMap, nonce: &Nonce, f: AnalysisForm) -> Response {
    let code = if f.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let ctx = context! {
        here => "new",
        year => f.year,
        start => f.start,
        end => f.end,
        schedule => ser(&f.schedule),
        errors => f.errors,
    };
    let mut r = page(ws, headers, nonce, "new_analysis.html", &f.back, ctx);
    *r.status_mut() = code;
    r
}

/// The options of a new analysis from the form's values, or what is wrong with them.
fn analysis_options(
    root: &std::path::Path,
    year: &str,
    start: &str,
    end: &str,
    lang: UiLang,
) -> Result<scaffold::NewAnalysis, Vec<String>> {
    match (content::parse_date(start), content::parse_date(end)) {
        (Ok(start), Ok(end)) => {
            Ok(scaffold::NewAnalysis { root: root.to_path_buf(), year: year.to_owned(), start, end })
        }
        (s, e) => Err([s.err(), e.err()].into_iter().flatten().map(|m| m.text(lang)).collect()),
    }
}

/// The dates the analysis would get, as the schedule's rows in `lang`.
fn plan_of(
    root: &std::path::Path,
    year: &str,
    start: &str,
    end: &str,
    lang: UiLang,
) -> Result<Vec<ScheduleRow>, Vec<String>> {
    let opts = analysis_options(root, year, start, end, lang)?;
    let d = scaffold::plan(&opts).map_err(|d| vec![d.message.text(lang)])?;
    let n = crate::domain::dates::numeric;
    let row = |k: Kind, date| ScheduleRow {
        what: crate::messages::capital(crate::messages::kind_name(k, lang)),
        date: n(date),
    };
    let word = |w: Word, date: String| ScheduleRow { what: w.text(lang).to_owned(), date };
    Ok(vec![
        row(Kind::Order, d.order),
        row(Kind::WorkPlan, d.order),
        row(Kind::Announcement, d.announce),
        word(Word::AnalysisStart, n(d.start)),
        row(Kind::Report, d.report),
        row(Kind::DiscussionAnnouncement, d.discussion),
        word(Word::Discussion, n(d.protocol)),
        row(Kind::Protocol, d.protocol),
        row(Kind::ActionPlan, d.plan),
        word(Word::AnalysisEnd, n(d.end)),
        word(Word::CoveredPeriod, format!("{} – {}", n(d.covered_from), n(d.covered_to))),
    ])
}

/// `POST /_ashyq/new-analysis` (form `year`, `start`, `end`): the analysis made, from the dates
/// the page has just shown.
pub async fn create_analysis(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let (headers, nonce) = parts(&request);
    let lang = lang_of(&headers, &ws);
    let posted = match body::form(request).await {
        Ok(f) => f,
        Err(r) => return r.response(lang),
    };
    let get = |k: &str| posted.iter().find(|(n, _)| n == k).map(|(_, v)| v.trim().to_owned()).unwrap_or_default();
    let (year, start, end) = (get("year"), get("start"), get("end"));
    let back = analysis_address(&year, &start, &end);
    let root = ws.settings.root.clone();
    let (y, s, e) = (year.clone(), start.clone(), end.clone());
    let made = tokio::task::spawn_blocking(move || {
        let opts = analysis_options(&root, &y, &s, &e, lang)?;
        scaffold::new_analysis(&opts).map_err(|d| vec![d.message.text(lang)])
    })
    .await;
    match made {
        Ok(Ok(created)) => {
            let folder = created.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let mut q = url::form_urlencoded::Serializer::new(String::from("/_ashyq/?"));
            q.append_pair("made", &folder);
            see_other(&q.finish())
        }
        Ok(Err(errors)) => {
            analysis_form(&ws, &headers, &nonce, AnalysisForm { year, start, end, back, schedule: None, errors })
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// A redirect to `to`, a workspace address this code made.
fn see_other(to: &str) -> Response {
    let location = HeaderValue::from_str(to).unwrap_or(HeaderValue::from_static("/_ashyq/"));
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

/// `POST /_ashyq/lang` (form `lang`, `back`): the workspace's language, kept in a cookie.
pub async fn set_lang(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    choose_lang(ws.settings.lang, request).await
}

/// The language chosen by the posted form (`lang`, `back`), kept in a cookie; `fallback` until
/// one is chosen.
pub(super) async fn choose_lang(fallback: UiLang, request: Request) -> Response {
    let lang = super::api::lang_of_or(request.headers(), fallback);
    let posted = match body::form(request).await {
        Ok(f) => f,
        Err(r) => return r.response(lang),
    };
    let get = |k: &str| posted.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap_or_default();
    let chosen = UiLang::parse(&get("lang")).unwrap_or(lang);
    // Back only to a page of the workspace: never to an address a form could name elsewhere.
    let back = get("back");
    let back = if back.starts_with("/_ashyq/") && !back.contains(['\\', '\r', '\n']) && !back.contains("//") {
        back
    } else {
        "/_ashyq/".to_owned()
    };
    let mut r = StatusCode::SEE_OTHER.into_response();
    let h = r.headers_mut();
    h.insert(header::LOCATION, HeaderValue::from_str(&back).unwrap_or(HeaderValue::from_static("/_ashyq/")));
    if let Ok(v) = HeaderValue::from_str(&format!(
        "ashyq_lang={}; SameSite=Strict; Path=/_ashyq/; Max-Age=31536000",
        chosen.code()
    )) {
        h.insert(header::SET_COOKIE, v);
    }
    r
}

/// `GET /_ashyq/static/…`: the workspace's stylesheet and script, built into the binary.
pub async fn asset(UrlPath(file): UrlPath<String>) -> Response {
    let Some(found) = ASSETS.get_file(&file) else { return StatusCode::NOT_FOUND.into_response() };
    let kind = if file.ends_with(".css") { "text/css; charset=utf-8" } else { "text/javascript; charset=utf-8" };
    ([(header::CONTENT_TYPE, kind)], found.contents()).into_response()
}
