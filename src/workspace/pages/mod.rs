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

// One module a screen; each takes what this one imports and defines through `use super::*`.
mod attachments;
mod create;
mod document;
mod publishing;
mod word;

pub use attachments::*;
pub use create::*;
pub use document::*;
pub use publishing::*;
pub use word::*;

// Shared by the pages that end in a document's form.
use document::{Editor, ImportView, editor};

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

fn not_found(ws: &Workspace, headers: &HeaderMap, nonce: &Nonce, findings: &[Diagnostic]) -> Response {
    let lang = lang_of(headers, ws);
    let errors: Vec<String> = findings.iter().map(|d| d.message.text(lang)).collect();
    let mut r = page(ws, headers, nonce, "missing.html", "/_ashyq/", context! { errors });
    *r.status_mut() = StatusCode::NOT_FOUND;
    r
}

/// The document a form's `?path=` names, checked, or the page that says it is not one.
fn document_of(ws: &Workspace, request: &Request, headers: &HeaderMap, nonce: &Nonce) -> Result<DocPath, Response> {
    let given = query_value(request.uri().query(), "path").unwrap_or_default();
    DocPath::document(&ws.settings.root, &given)
        .map_err(|r| not_found(ws, headers, nonce, &[Diagnostic::general(r.message(&given))]))
}

/// A form posted to a document: who sent it, the document its `?path=` names, and the form.
struct DocumentForm {
    headers: HeaderMap,
    nonce: Nonce,
    lang: UiLang,
    path: DocPath,
    posted: Vec<(String, String)>,
}

/// Reads a form posted to a document, or the page that says why not.
async fn document_form(ws: &Workspace, request: Request) -> Result<DocumentForm, Response> {
    let (headers, nonce) = parts(&request);
    let lang = lang_of(&headers, ws);
    let path = document_of(ws, &request, &headers, &nonce)?;
    let posted = body::form(request).await.map_err(|r| r.response(lang))?;
    Ok(DocumentForm { headers, nonce, lang, path, posted })
}

/// A posted form's value of `key`.
fn posted_value<'a>(posted: &'a [(String, String)], key: &str) -> Option<&'a str> {
    posted.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
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
    let get = |k: &str| posted_value(&posted, k).unwrap_or_default().to_owned();
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
