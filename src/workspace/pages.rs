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
    let notice = query_value(query, "attached")
        .map(|name| Message::Attached { name }.text(lang))
        .or_else(|| query_value(query, "detached").map(|name| Message::Detached { name }.text(lang)));
    let view = Editor { saved, line, notice, ..Editor::of(&path, &opened.text, &opened.version) };
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
    /// A sentence about what was just done (a file attached).
    notice: Option<String>,
    /// What the findings above the form stopped, when it was not a save.
    stopped: Option<&'static str>,
    /// The text not on disk the form starts from (a Word document brought in), by its key.
    base: Option<String>,
    /// What a Word document's import left out, and whether saving replaces a document.
    imported: Option<ImportView>,
    /// The page to show beside the form, when not the saved one (a draft of an import).
    preview: Option<String>,
}

impl<'a> Editor<'a> {
    /// The editor of `path` showing `shown`, to be saved against `version`, and nothing more.
    fn of(path: &'a DocPath, shown: &'a str, version: &'a str) -> Editor<'a> {
        Editor {
            path,
            shown,
            version,
            findings: &[],
            conflict: None,
            saved: None,
            line: None,
            notice: None,
            stopped: None,
            base: None,
            imported: None,
            preview: None,
        }
    }
}

/// What the page says of a Word document brought in.
#[derive(Serialize)]
struct ImportView {
    /// What was not converted, in the user's words.
    left_out: Vec<String>,
    /// Whether the analysis has this document already (saving replaces it).
    replaces: bool,
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
    let attach_href = href.replacen("/_ashyq/edit?", "/_ashyq/attach?", 1);
    let detach_href = href.replacen("/_ashyq/edit?", "/_ashyq/detach?", 1);
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
        attach_action => attach_href,
        detach_action => detach_href,
        notice => e.notice,
        stopped => e.stopped,
        page_url => e.preview.or(page_url),
        others => ser(&others),
        base => e.base,
        imported => ser(&e.imported),
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
    let posted_base = posted.iter().find(|(k, _)| k == "base").map(|(_, v)| v.clone());
    let ws2 = Arc::clone(&ws);
    let path2 = path.clone();
    let outcome = tokio::task::spawn_blocking(move || save_form(&ws2, &path2, &version, &posted, lang)).await;
    let Ok(outcome) = outcome else { return StatusCode::INTERNAL_SERVER_ERROR.into_response() };
    match outcome {
        FormSaved::Done => see_other(&format!("{}&saved=1", edit_href(&path))),
        FormSaved::Again { shown, version, findings, conflict } => {
            let code = if conflict.is_some() { StatusCode::CONFLICT } else { StatusCode::UNPROCESSABLE_ENTITY };
            let base = posted_base.clone();
            let view = Editor { findings: &findings, conflict, base, ..Editor::of(&path, &shown, &version) };
            editor(&ws, &headers, &nonce, view, code)
        }
    }
}

/// Writes a Word document's pictures in their places (each a new file, whole or not at all);
/// gives what was written, and takes it back when one cannot be.
fn write_pictures(pictures: &[crate::import::PlannedPicture]) -> Result<Vec<std::path::PathBuf>, Diagnostic> {
    let mut written = Vec::new();
    for p in pictures {
        match edit::write(&p.path, &p.bytes, None) {
            // The same picture put there meanwhile: nothing to write.
            Err(edit::WriteError::Exists) if std::fs::read(&p.path).is_ok_and(|b| b[..] == p.bytes[..]) => {}
            Ok(_) => written.push(p.path.clone()),
            Err(e) => {
                for w in &written {
                    let _ = std::fs::remove_file(w);
                }
                let detail: &dyn std::fmt::Display = match &e {
                    edit::WriteError::Io(io) => io,
                    _ => &"a file of that name appeared meanwhile",
                };
                return Err(Diagnostic::io(&p.path, detail));
            }
        }
    }
    Ok(written)
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
    // The user's values on the text the form started from (the file as it is now, or a Word
    // document brought in): what is saved, or shown again.
    let base = posted.iter().find(|(k, _)| k == "base").and_then(|(_, key)| ws.opened_at(key));
    let start = base.as_deref().unwrap_or(&current.text);
    let mine = text_of(start, posted).unwrap_or_else(|_| start.to_owned());
    if current.version != version {
        return conflict(ws, version, current, (posted, lang));
    }
    // No version: the file is new (a document brought in), and must not be there yet.
    let expected = (!version.is_empty()).then_some(version);
    // A Word document's pictures go in first, so that no page ever links to a missing one; a
    // save that does not happen takes them back.
    let key = posted.iter().find(|(k, _)| k == "base").map(|(_, k)| k.as_str()).unwrap_or_default();
    let pictures = match write_pictures(&ws.pictures_of(key)) {
        Ok(p) => p,
        Err(d) => return FormSaved::Again { shown: mine, version: current.version, findings: vec![d], conflict: None },
    };
    let saved = doc::save(&config, path, &mine, expected);
    if matches!(saved, Saved::Written(_)) {
        ws.forget_pictures(key);
    } else {
        for p in &pictures {
            let _ = std::fs::remove_file(p);
        }
    }
    match saved {
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
        // From the text the form started from: the file, or a Word document brought in.
        let key = posted.iter().find(|(k, _)| k == "base").map(|(_, k)| k.clone()).unwrap_or_default();
        let start = ws2.opened_at(&key).or_else(|| doc::open(&path).ok().flatten().map(|o| o.text)).unwrap_or_default();
        let text = text_of(&start, &posted).unwrap_or(start);
        (ws2.draft_with(&path, &text, &ws2.pictures_of(&key)), text)
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
    // The page is shown sandboxed, as a page of no site: the workspace's cookie does not go
    // with what it asks for. Its stylesheets, pictures and links are the preview's own, so its
    // addresses are read from its place in the preview.
    let folder = key.strip_suffix("index.html").unwrap_or(&key);
    let base = format!("<base href=\"/{}\">", percent_encoding::utf8_percent_encode(folder, PATH_SET));
    let html = String::from_utf8_lossy(&html).replacen("<head>", &format!("<head>{base}"), 1).into_bytes();
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
        "default-src 'none'; script-src 'self'{hashes}; style-src 'self'; img-src 'self' data:; font-src 'self'; media-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'none'; sandbox allow-scripts"
    )
}

/// `POST /_ashyq/attach?path=…` (a form with `file` and `title.LANG`): the file attached to the
/// document in every language, then its editor again, saying so (or why not).
pub async fn attach_file(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let (headers, nonce) = parts(&request);
    let given = query_value(request.uri().query(), "path").unwrap_or_default();
    let path = match DocPath::document(&ws.settings.root, &given) {
        Ok(p) => p,
        Err(r) => return not_found(&ws, &headers, &nonce, &[Diagnostic::general(r.message(&given))]),
    };
    let received =
        match super::upload::receive(request, &super::attach::files_dir(&path), super::upload::MAX_SCAN).await {
            Ok(r) => r,
            Err(refused) => {
                return again_with(
                    &ws,
                    &headers,
                    &nonce,
                    &path,
                    vec![Diagnostic::general(refused.message)],
                    refused.status,
                );
            }
        };
    let titles = received
        .fields
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("title.").map(|l| (l.to_owned(), v.clone())))
        .collect();
    let root = ws.settings.root.clone();
    let p2 = path.clone();
    match tokio::task::spawn_blocking(move || super::attach::attach(&root, &p2, received, &titles)).await {
        Ok(Ok(name)) => {
            let mut q = url::form_urlencoded::Serializer::new(edit_href(&path));
            q.append_pair("attached", &name);
            see_other(&q.finish())
        }
        Ok(Err(findings)) => again_with(&ws, &headers, &nonce, &path, findings, StatusCode::UNPROCESSABLE_ENTITY),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `POST /_ashyq/detach?path=…` (form `file`): the file taken off the document in every language.
pub async fn detach_file(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
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
    let file = posted.iter().find(|(k, _)| k == "file").map(|(_, v)| v.clone()).unwrap_or_default();
    let root = ws.settings.root.clone();
    let (p2, f2) = (path.clone(), file.clone());
    match tokio::task::spawn_blocking(move || super::attach::detach(&root, &p2, &f2)).await {
        Ok(Ok(())) => {
            let mut q = url::form_urlencoded::Serializer::new(edit_href(&path));
            q.append_pair("detached", file.rsplit('/').next().unwrap_or(&file));
            see_other(&q.finish())
        }
        Ok(Err(findings)) => again_with(&ws, &headers, &nonce, &path, findings, StatusCode::UNPROCESSABLE_ENTITY),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The editor of `path` as the file is now, with `findings` above the form.
fn again_with(
    ws: &Workspace,
    headers: &HeaderMap,
    nonce: &Nonce,
    path: &DocPath,
    findings: Vec<Diagnostic>,
    code: StatusCode,
) -> Response {
    let opened = match doc::open(path) {
        Ok(Some(o)) => o,
        _ => return not_found(ws, headers, nonce, &findings),
    };
    // Findings of no line of this text are shown above the form, where the user looks first.
    let findings: Vec<Diagnostic> = findings
        .into_iter()
        .map(|mut d| {
            d.line = None;
            d
        })
        .collect();
    let stopped = Some(Word::NotAttached.text(lang_of(headers, ws)));
    let view = Editor { findings: &findings, stopped, ..Editor::of(path, &opened.text, &opened.version) };
    editor(ws, headers, nonce, view, code)
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

/// `GET /_ashyq/publish`: what stops publishing (`check`'s errors), or what it would change and
/// the password's field; without a hosting address, the zip.
pub async fn publish_page(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let (headers, nonce) = parts(&request);
    let lang = lang_of(&headers, &ws);
    let root = ws.settings.root.clone();
    let today = crate::domain::dates::today();
    let Ok(ctx) = tokio::task::spawn_blocking(move || publish_context(&root, today, lang)).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    page(&ws, &headers, &nonce, "publish.html", "/_ashyq/publish", ctx)
}

/// The publish page's facts: `check`'s errors first; then the hosting; then the plan.
fn publish_context(root: &std::path::Path, today: chrono::NaiveDate, lang: UiLang) -> Value {
    let (report, site) =
        crate::check::run(&crate::check::CheckOptions { root: root.to_path_buf(), today: Some(today) });
    let named = |file: &std::path::Path| status::document_name(site.as_ref(), file, lang);
    let errors: Vec<status::FindingView> =
        report.findings.iter().filter(|d| d.is_error()).map(|d| status::finding(d, lang, &named)).collect();
    if !errors.is_empty() {
        return context! { here => "publish", errors => ser(&errors) };
    }
    let hosting = content::load_config(root).ok().and_then(|c| c.deploy).map(|d| d.url);
    let Some(hosting) = hosting else {
        return context! { here => "publish", no_hosting => Message::NoHosting.text(lang) };
    };
    let hosting = crate::deploy::target::Target::parse(&hosting).map_or(hosting, |t| t.display());
    match super::publish::plan(root, lang) {
        Ok(plan) => context! { here => "publish", plan => ser(&plan), hosting },
        Err(findings) => {
            let refused: Vec<String> = findings.iter().map(|d| d.message.text(lang)).collect();
            context! { here => "publish", refused }
        }
    }
}

/// `POST /_ashyq/publish` (form `password`): the upload, its progress streamed into the page as
/// it goes (no script needed), ending with what was sent and the site's address, or why not.
pub async fn publish_run(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let (headers, nonce) = parts(&request);
    let lang = lang_of(&headers, &ws);
    let posted = match body::form(request).await {
        Ok(f) => f,
        Err(r) => return r.response(lang),
    };
    let trust_key = posted.iter().any(|(k, v)| k == "trust_key" && v == "1");
    let password = posted.into_iter().find(|(k, _)| k == "password").map(|(_, v)| v).unwrap_or_default();
    let password = crate::deploy::secret::Secret::new(password);
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let root = ws.settings.root.clone();
    std::thread::spawn(move || super::publish::publish(&root, password, trust_key, lang, tx));
    let shell = page(&ws, &headers, &nonce, "publishing.html", "/_ashyq/publish", context! { here => "publish" });
    let (parts, body) = shell.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1 << 20).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let html = String::from_utf8_lossy(&bytes).into_owned();
    let (head, rest) = html.split_once("@@PROGRESS@@").unwrap_or((&html, ""));
    let (middle, tail) = rest.split_once("@@RESULT@@").unwrap_or((rest, ""));
    let words = EndWords {
        failed: Word::PublishFailed.text(lang),
        again: Word::TryAgain.text(lang),
        trust: [Word::TrustKey.text(lang), Word::Password.text(lang), Word::PublishNow.text(lang)],
    };
    let stream = progress_html(rx, head.to_owned(), middle.to_owned(), tail.to_owned(), words);
    let mut response = Response::from_parts(parts, axum::body::Body::from_stream(stream));
    response.headers_mut().remove(header::CONTENT_LENGTH);
    response
}

/// The publishing page as a stream: its head, a list item per event, then the result and the
/// rest of the page.
fn progress_html(
    rx: tokio::sync::mpsc::UnboundedReceiver<super::publish::Event>,
    head: String,
    middle: String,
    tail: String,
    words: EndWords,
) -> impl futures_util::Stream<Item = Result<String, std::convert::Infallible>> {
    use super::publish::Event;
    let state = (rx, Some(head), Some((middle, tail)), false);
    futures_util::stream::unfold(state, move |(mut rx, head, rest, ask)| async move {
        if let Some(head) = head {
            return Some((Ok(head), (rx, None, rest, ask)));
        }
        let (middle, tail) = rest?;
        let escape = |t: &str| {
            let mut s = String::new();
            let _ = pulldown_cmark_escape::escape_html(&mut s, t);
            s
        };
        let item = match rx.recv().await {
            Some(Event::Line(text)) => format!("<li>{}</li>\n", escape(&text)),
            Some(Event::AskTrust) => return Some((Ok(String::new()), (rx, None, Some((middle, tail)), true))),
            Some(Event::Done(Ok(text))) => {
                let result = format!("<p class=\"ws-ok\" role=\"status\" id=\"ws-published\">{}</p>", escape(&text));
                return Some((Ok(format!("{middle}{result}{tail}")), (rx, None, None, ask)));
            }
            Some(Event::Done(Err(lines))) => {
                let items: String = lines.iter().map(|l| format!("<li>{}</li>", escape(l))).collect();
                // A new server's key: the form again, with the box that trusts it.
                let next = if ask {
                    let [trust, password, publish] = words.trust.map(escape);
                    format!(
                        "<form class=\"ws-form\" method=\"post\" action=\"/_ashyq/publish\"><p><input type=\"checkbox\" id=\"trust_key\" name=\"trust_key\" value=\"1\" required> <label for=\"trust_key\">{trust}</label></p><div class=\"ws-field\"><label for=\"password\">{password}</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\"></div><p class=\"ws-actions\"><button type=\"submit\" class=\"ws-primary\">{publish}</button></p></form>"
                    )
                } else {
                    format!("<p><a href=\"/_ashyq/publish\">{}</a></p>", escape(words.again))
                };
                let result = format!(
                    "<div class=\"ws-errors\" role=\"alert\" id=\"ws-publish-failed\"><p><strong>{}</strong></p><ul>{items}</ul></div>{next}",
                    escape(words.failed)
                );
                return Some((Ok(format!("{middle}{result}{tail}")), (rx, None, None, ask)));
            }
            None => return Some((Ok(format!("{middle}{tail}")), (rx, None, None, ask))),
        };
        Some((Ok(item), (rx, None, Some((middle, tail)), ask)))
    })
}

/// The words the publishing page's end needs, in the user's language.
struct EndWords {
    failed: &'static str,
    again: &'static str,
    /// The box that trusts a new server's key, the password's label, the button.
    trust: [&'static str; 3],
}

/// `GET /_ashyq/package`: the site as the zip `ashyq package` makes, as a download.
pub async fn package(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let (headers, nonce) = parts(&request);
    let lang = lang_of(&headers, &ws);
    let root = ws.settings.root.clone();
    let made = tokio::task::spawn_blocking(move || -> Result<(tempfile::TempPath, String), Vec<Diagnostic>> {
        crate::deploy::placeholders(&root, false)?;
        let out = super::publish::output(&root);
        let opts = crate::build::BuildOptions {
            root: root.clone(),
            output: out.clone(),
            drafts: false,
            allow_placeholders: false,
        };
        crate::build::build(&opts)?;
        let config = content::load_config(&root).ok();
        let name = crate::deploy::package::default_name(config.as_ref(), crate::domain::dates::today());
        let zip = tempfile::Builder::new()
            .suffix(".zip")
            .tempfile()
            .map_err(|e| vec![Diagnostic::io(&root, &e)])?
            .into_temp_path();
        crate::deploy::package::package(&out, &zip).map_err(|d| vec![d])?;
        Ok((zip, name))
    })
    .await;
    match made {
        Ok(Ok((zip, name))) => {
            let Ok(file) = tokio::fs::File::open(&zip).await else {
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            };
            // The temporary zip is removed once it has been sent (Windows cannot remove an open file).
            let stream = futures_util::StreamExt::map(tokio_util::io::ReaderStream::new(file), move |chunk| {
                let _sent_then_removed = &zip;
                chunk
            });
            let body = axum::body::Body::from_stream(stream);
            let disposition = format!("attachment; filename=\"{name}\"");
            let mut r = Response::new(body);
            r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/zip"));
            if let Ok(v) = HeaderValue::from_str(&disposition) {
                r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
            }
            r
        }
        Ok(Err(findings)) => {
            let refused: Vec<String> = findings.iter().map(|d| d.message.text(lang)).collect();
            let mut r =
                page(&ws, &headers, &nonce, "publish.html", "/_ashyq/publish", context! { here => "publish", refused });
            *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            r
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `POST /_ashyq/import?analysis=2026` (a form with `file`, and `kind` and `lang` when the title
/// does not say them): the Word document converted by `ashyq import`'s own code, nothing written,
/// shown in its kind's form beside its page; saving the form writes it.
pub async fn import_file(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let (headers, nonce) = parts(&request);
    let lang = lang_of(&headers, &ws);
    let analysis = query_value(request.uri().query(), "analysis").unwrap_or_default();
    let root = ws.settings.root.clone();
    // The folder must be one inside content/: its would-be file is checked as any path is.
    if let Err(r) = DocPath::document(&root, &format!("{analysis}/_index.md")) {
        return import_form(&ws, &headers, &nonce, &analysis, vec![r.message(&analysis).text(lang)]);
    }
    let received = match super::upload::receive(request, &std::env::temp_dir(), crate::import::archive::MAX_FILE).await
    {
        Ok(r) => r,
        Err(refused) => return import_form(&ws, &headers, &nonce, &analysis, vec![refused.message.text(lang)]),
    };
    let field = |k: &str| {
        received.fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.trim().to_owned()).filter(|v| !v.is_empty())
    };
    let given = crate::import::Given {
        analysis: Some(analysis.clone()),
        kind: field("kind").and_then(|k| Kind::parse(&k)),
        lang: field("lang"),
        title: field("title"),
        ..crate::import::Given::default()
    };
    let opts = crate::import::ImportOptions {
        file: received.temp.path().to_path_buf(),
        root: root.clone(),
        given,
        dry_run: true,
        force: false,
    };
    let name = crate::domain::path::shown(received.name.rsplit(['/', '\\']).next().unwrap_or(&received.name));
    let done = tokio::task::spawn_blocking(move || {
        let imported = crate::import::import(&opts);
        drop(received);
        imported
    })
    .await;
    let imported = match done {
        Ok(Ok(i)) => i,
        Ok(Err(findings)) => {
            // The command line's flags are, here, the form's fields.
            let said = findings.into_iter().map(|d| match d.message {
                Message::ImportNeedKind => Message::ImportKindAsk,
                Message::ImportNeedTitle { .. } => Message::ImportTitleAsk,
                other => other,
            });
            return import_form(&ws, &headers, &nonce, &analysis, said.map(|m| m.text(lang)).collect());
        }
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let content = root.join(content::CONTENT_DIR);
    let rel = imported.path.strip_prefix(&content).map(crate::diagnostic::display_path).unwrap_or_default();
    let path = match DocPath::document(&root, &rel) {
        Ok(p) => p,
        Err(r) => return import_form(&ws, &headers, &nonce, &analysis, vec![r.message(&rel).text(lang)]),
    };
    let existing = doc::open(&path).ok().flatten();
    // A document replaced keeps its attached files (its signed scan is not in the Word file).
    let text = existing
        .as_ref()
        .and_then(|o| edit::fields(&o.text).ok()?.get("attachments").cloned())
        .map(|files| edit::Change { fields: vec![("attachments".to_owned(), Some(files))], body: None })
        .and_then(|keep| edit::apply(&imported.text, &keep).ok())
        .unwrap_or(imported.text);
    let key = format!("import-{}", edit::version(text.as_bytes()));
    ws.remember(&key, &text);
    // Its pictures are written with it, when it is saved; until then the page shows them from memory.
    let pictures: Vec<crate::import::PlannedPicture> = imported.pictures.into_iter().filter(|p| !p.exists).collect();
    let preview = ws.draft_with(&path, &text, &pictures).ok();
    ws.keep_pictures(&key, pictures);
    let version = existing.as_ref().map(|o| o.version.clone()).unwrap_or_default();
    let left_out = imported.warnings.iter().map(|d| d.message.text(lang)).collect();
    let view = Editor {
        notice: Some(Message::ImportedFrom { name }.text(lang)),
        base: Some(key),
        imported: Some(ImportView { left_out, replaces: existing.is_some() }),
        preview,
        ..Editor::of(&path, &text, &version)
    };
    editor(&ws, &headers, &nonce, view, StatusCode::OK)
}

/// The form to bring a Word document into the analysis `analysis`, with what stopped the last try.
fn import_form(ws: &Workspace, headers: &HeaderMap, nonce: &Nonce, analysis: &str, errors: Vec<String>) -> Response {
    let lang = lang_of(headers, ws);
    let kinds: Vec<(&str, String)> = Kind::ALL
        .iter()
        .filter(|k| **k != Kind::Page)
        .map(|k| (k.key(), crate::messages::capital(crate::messages::kind_name(*k, lang))))
        .collect();
    let code = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let import_action = status::import_href(analysis);
    let ctx = context! { analysis, import_action, errors, kinds => ser(&kinds), ask_title => true };
    let mut r = page(ws, headers, nonce, "import.html", "/_ashyq/", ctx);
    *r.status_mut() = code;
    r
}

/// `GET /_ashyq/import?analysis=2026`: the form to bring a Word document in.
pub async fn import_page(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let (headers, nonce) = parts(&request);
    let analysis = query_value(request.uri().query(), "analysis").unwrap_or_default();
    import_form(&ws, &headers, &nonce, &analysis, Vec::new())
}
