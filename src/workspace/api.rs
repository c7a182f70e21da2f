//! The workspace's JSON interface under `/_ashyq/api/` (DESIGN.md §7; README, "The workspace"):
//! what the pages do, for a script too. Every answer that refuses something carries findings, in
//! the form `check --format json` gives them.

use super::doc::{self, Opened, Saved};
use super::{DocPath, Workspace, body, status};
use crate::content::edit::Change;
use crate::content::{self, Kind};
use crate::diagnostic::Diagnostic;
use crate::messages::{Message, UiLang};
use crate::scaffold;
use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Arc;

/// Findings as the interface answers them: `{"findings": [...]}`.
pub fn findings_json(findings: &[Diagnostic], lang: UiLang) -> Value {
    let list: Vec<Value> = findings.iter().map(|d| crate::check::finding_json(d, lang, None)).collect();
    json!({ "findings": list })
}

fn refuse(status: StatusCode, findings: &[Diagnostic], lang: UiLang) -> Response {
    (status, Json(findings_json(findings, lang))).into_response()
}

/// The user's language: the `ashyq_lang` cookie the pages set, else the workspace's.
pub fn lang_of(headers: &HeaderMap, workspace: &Workspace) -> UiLang {
    lang_of_or(headers, workspace.settings.lang)
}

/// The language the user chose (the `ashyq_lang` cookie), else `fallback`.
pub fn lang_of_or(headers: &HeaderMap, fallback: UiLang) -> UiLang {
    super::guard::cookie(headers, "ashyq_lang").and_then(UiLang::parse).unwrap_or(fallback)
}

/// The `path` of a query string, checked as a document's path.
fn document_path(workspace: &Workspace, query: Option<&str>, lang: UiLang) -> Result<DocPath, Response> {
    let given = query_value(query, "path").unwrap_or_default();
    DocPath::document(&workspace.settings.root, &given)
        .map_err(|r| refuse(StatusCode::BAD_REQUEST, &[Diagnostic::general(r.message(&given))], lang))
}

/// The value of `name` in a query string, decoded once.
pub fn query_value(query: Option<&str>, name: &str) -> Option<String> {
    url::form_urlencoded::parse(query?.as_bytes()).find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

fn config(workspace: &Workspace, lang: UiLang) -> Result<content::SiteConfig, Response> {
    content::load_config(&workspace.settings.root).map_err(|d| refuse(StatusCode::UNPROCESSABLE_ENTITY, &d, lang))
}

/// `GET /_ashyq/api/status`: what is due, as the first screen shows it.
pub async fn status(State(ws): State<Arc<Workspace>>, headers: HeaderMap) -> Response {
    let lang = lang_of(&headers, &ws);
    let root = ws.settings.root.clone();
    let today = crate::domain::dates::today();
    match tokio::task::spawn_blocking(move || status::status(&root, today, lang)).await {
        Ok(s) => Json(s).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `GET /_ashyq/api/file?path=…`: `{"path", "text", "version"}`.
pub async fn read_file(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let lang = lang_of(request.headers(), &ws);
    let path = match document_path(&ws, request.uri().query(), lang) {
        Ok(p) => p,
        Err(r) => return r,
    };
    match doc::open(&path) {
        Ok(Some(Opened { text, version })) => {
            Json(json!({ "path": path.rel().as_str(), "text": text, "version": version })).into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(d) => refuse(StatusCode::UNPROCESSABLE_ENTITY, &[d], lang),
    }
}

#[derive(Deserialize)]
struct FileBody {
    text: String,
    version: Option<String>,
}

/// `PUT /_ashyq/api/file?path=…` with `{"text", "version"}`.
pub async fn write_file(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let lang = lang_of(request.headers(), &ws);
    let path = match document_path(&ws, request.uri().query(), lang) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let given: FileBody = match body::json(request).await {
        Ok(b) => b,
        Err(r) => return r.response(lang),
    };
    let config = match config(&ws, lang) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let saved =
        tokio::task::spawn_blocking(move || doc::save(&config, &path, &given.text, given.version.as_deref())).await;
    saved_response(saved.ok(), lang)
}

#[derive(Deserialize)]
struct PatchBody {
    version: String,
    #[serde(default)]
    fields: serde_json::Map<String, Value>,
    #[serde(default)]
    body: Option<String>,
}

/// `PATCH /_ashyq/api/document?path=…` with `{"version", "fields", "body"?}`.
pub async fn patch_document(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let lang = lang_of(request.headers(), &ws);
    let path = match document_path(&ws, request.uri().query(), lang) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let given: PatchBody = match body::json(request).await {
        Ok(b) => b,
        Err(r) => return r.response(lang),
    };
    let config = match config(&ws, lang) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let change = Change {
        fields: given.fields.into_iter().map(|(k, v)| (k, (!v.is_null()).then_some(v))).collect(),
        body: given.body,
    };
    let saved = tokio::task::spawn_blocking(move || doc::patch(&config, &path, &given.version, &change)).await;
    saved_response(saved.ok(), lang)
}

/// A save's answer: 200 `{"version"}`, 409 `{"current"}`, 422 `{"findings"}`.
fn saved_response(saved: Option<Saved>, lang: UiLang) -> Response {
    match saved {
        Some(Saved::Written(version)) => Json(json!({ "version": version })).into_response(),
        Some(Saved::Changed(current)) => {
            let current = current.map(|c| json!({ "text": c.text, "version": c.version }));
            (StatusCode::CONFLICT, Json(json!({ "current": current }))).into_response()
        }
        Some(Saved::Exists) => (StatusCode::CONFLICT, Json(json!({ "current": Value::Null }))).into_response(),
        Some(Saved::Refused(findings)) => refuse(StatusCode::UNPROCESSABLE_ENTITY, &findings, lang),
        Some(Saved::Failed(d)) => refuse(StatusCode::INTERNAL_SERVER_ERROR, &[d], lang),
        None => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[derive(Deserialize)]
struct NewDocument {
    analysis: String,
    kind: String,
}

/// `POST /_ashyq/api/document` with `{"analysis": "2026", "kind": "protocol"}`: the document in
/// every language it is missing in, from the scaffold; 201 `{"paths"}`.
pub async fn new_document(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let lang = lang_of(request.headers(), &ws);
    let given: NewDocument = match body::json(request).await {
        Ok(b) => b,
        Err(r) => return r.response(lang),
    };
    let root = ws.settings.root.clone();
    match tokio::task::spawn_blocking(move || add_document(&root, &given.analysis, &given.kind)).await {
        Ok(Ok(paths)) => (StatusCode::CREATED, Json(json!({ "paths": paths }))).into_response(),
        Ok(Err(d)) => refuse(StatusCode::UNPROCESSABLE_ENTITY, &[d], lang),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Adds the document of kind `kind` to the analysis `analysis` (a folder inside `content/`, checked
/// as the interface checks every path): the paths made, inside `content/`.
pub fn add_document(root: &std::path::Path, analysis: &str, kind: &str) -> Result<Vec<String>, Diagnostic> {
    let Some(kind) = Kind::parse(kind).filter(|k| *k != Kind::Page) else {
        return Err(Diagnostic::general(Message::BadValue { key: "kind".into(), detail: kind.to_owned() }));
    };
    let index = format!("{analysis}/_index.md");
    DocPath::document(root, &index).map_err(|r| Diagnostic::general(r.message(analysis)))?;
    let made = scaffold::new_document(root, analysis, kind)?;
    let content = root.join(content::CONTENT_DIR);
    Ok(made.iter().filter_map(|p| p.strip_prefix(&content).ok()).map(crate::diagnostic::display_path).collect())
}

#[derive(Deserialize)]
struct NewAnalysis {
    year: String,
    start: NaiveDate,
    end: NaiveDate,
    #[serde(default)]
    dry_run: bool,
}

/// `POST /_ashyq/api/analysis` with `{"year", "start", "end", "dry_run"?}`: the dates the new
/// analysis gets, and, unless `dry_run`, the analysis made (201).
pub async fn new_analysis(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let lang = lang_of(request.headers(), &ws);
    let given: NewAnalysis = match body::json(request).await {
        Ok(b) => b,
        Err(r) => return r.response(lang),
    };
    let opts =
        scaffold::NewAnalysis { root: ws.settings.root.clone(), year: given.year, start: given.start, end: given.end };
    let dry_run = given.dry_run;
    let done = tokio::task::spawn_blocking(move || {
        let dates = scaffold::plan(&opts)?;
        let created = if dry_run { None } else { Some(scaffold::new_analysis(&opts)?) };
        Ok::<_, Diagnostic>((dates, created))
    })
    .await;
    match done {
        Ok(Ok((dates, None))) => Json(json!({ "dates": dates })).into_response(),
        Ok(Ok((dates, Some(created)))) => {
            let folder =
                created.path.strip_prefix(ws.settings.root.join(content::CONTENT_DIR)).unwrap_or(&created.path);
            let folder = crate::diagnostic::display_path(folder);
            (StatusCode::CREATED, Json(json!({ "dates": dates, "folder": folder, "files": created.files })))
                .into_response()
        }
        Ok(Err(d)) => refuse(StatusCode::UNPROCESSABLE_ENTITY, &[d], lang),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[derive(Deserialize)]
struct PreviewBody {
    text: String,
}

/// `POST /_ashyq/api/preview?path=…` with `{"text"}`: the page that text would give, made into
/// memory: `{"url"}` to look at it under `/_ashyq/draft/`, or 422 `{"findings"}`.
pub async fn preview(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let lang = lang_of(request.headers(), &ws);
    let path = match document_path(&ws, request.uri().query(), lang) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let given: PreviewBody = match body::json(request).await {
        Ok(b) => b,
        Err(r) => return r.response(lang),
    };
    let ws2 = Arc::clone(&ws);
    match tokio::task::spawn_blocking(move || ws2.draft(&path, &given.text)).await {
        Ok(Ok(url)) => Json(json!({ "url": url })).into_response(),
        Ok(Err(findings)) => refuse(StatusCode::UNPROCESSABLE_ENTITY, &findings, lang),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `html` with every `src` that leads to one of `pictures` (by its file name) made that
/// picture's bytes, as a `data:` address.
fn inline_pictures(html: Vec<u8>, pictures: &[crate::import::PlannedPicture]) -> Vec<u8> {
    if pictures.is_empty() {
        return html;
    }
    let text = String::from_utf8_lossy(&html).into_owned();
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find("src=\"") {
        let (before, after) = rest.split_at(at + 5);
        out.push_str(before);
        let end = after.find('"').unwrap_or(after.len());
        let value = &after[..end];
        let decoded = percent_encoding::percent_decode_str(value).decode_utf8_lossy();
        let name = decoded.rsplit('/').next().unwrap_or_default().to_owned();
        match pictures.iter().find(|p| p.path.file_name().is_some_and(|n| n.to_string_lossy() == name)) {
            Some(p) => {
                out.push_str(&format!("data:{};base64,{}", p.media_type, data_encoding::BASE64.encode(&p.bytes)))
            }
            None => out.push_str(value),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out.into_bytes()
}

impl Workspace {
    /// Makes the page `text` would give the document at `path`, keeps it for `/_ashyq/draft/`,
    /// and gives its address there.
    pub(crate) fn draft(&self, path: &DocPath, text: &str) -> Result<String, Vec<Diagnostic>> {
        self.draft_with(path, text, &[])
    }

    /// [`Workspace::draft`] of a text that links `pictures` not written yet (a Word document's):
    /// the page shows them from memory, as `data:` addresses.
    pub(crate) fn draft_with(
        &self,
        path: &DocPath,
        text: &str,
        pictures: &[crate::import::PlannedPicture],
    ) -> Result<String, Vec<Diagnostic>> {
        let content = self.settings.root.join(crate::content::CONTENT_DIR);
        let pending: Vec<(crate::content::ContentPath, u64)> = pictures
            .iter()
            .filter_map(|p| {
                let rel = p.path.strip_prefix(&content).ok()?;
                Some((crate::content::ContentPath::new(rel).ok()?, p.bytes.len() as u64))
            })
            .collect();
        let (output, html) = self.preview.draft(path.rel(), text, &pending)?;
        let html = inline_pictures(html, pictures);
        let mut drafts = self.drafts();
        // One draft per page: the last one typed.
        drafts.insert(output.clone(), html);
        let folder = output.strip_suffix("index.html").unwrap_or(&output);
        let n = self.made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(format!("/_ashyq/draft/{}?v={n}", percent_encoding::utf8_percent_encode(folder, super::pages::PATH_SET)))
    }
}
