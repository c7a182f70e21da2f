//! The first screen of a double-click start when there is no site yet: it asks for what `ashyq
//! init` needs (the organisation's short and full names in Kazakh and Russian, and the site's
//! address) and makes the site through the same code (`scaffold::init_site`), in the folder the
//! start chose (the user's `Documents\ashyq`). Then the server serves the new site in its place
//! and the browser goes on to the workspace's usual first screen.
//!
//! Behind the same gate as every workspace page ([`guard::session`]): the key, the cookie, the
//! `Host` and the `Origin`.

use super::api::lang_of_or;
use super::guard::{self, Nonce};
use super::pages::{self, words};
use crate::messages::{Message, UiLang, Word};
use crate::scaffold::{self, Organisation};
use axum::Router;
use axum::extract::{Path as UrlPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use minijinja::context;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::oneshot;

/// Tells the server that the site is made in this folder; the server answers on the channel
/// once it serves it.
pub type Made = Arc<dyn Fn(PathBuf, oneshot::Sender<()>) + Send + Sync>;

/// How the first screen is set up.
pub struct Welcome {
    /// Where the site is made.
    pub folder: PathBuf,
    /// The language of its page until the user picks another.
    pub lang: UiLang,
    /// This start's secret.
    pub key: guard::Key,
    /// This server's names.
    pub loopback: guard::Loopback,
    /// Called once the site is made.
    pub made: Made,
}

struct State_ {
    welcome: Welcome,
    templates: minijinja::Environment<'static>,
    /// The site theme's stylesheet and pictures, which the workspace's pages use.
    theme: crate::render::Theme,
}

/// The most a name may hold, in characters: the longest official names are a few hundred.
const MAX_NAME: usize = 500;
/// How long making the site may take before the page says it did not answer.
const PATIENCE: Duration = Duration::from_secs(120);

/// The first screen's routes: the form, the making of the site, the language, and the
/// stylesheets and scripts its page uses. Every other path leads to the form.
pub fn router(welcome: Welcome) -> Router {
    let gate =
        Arc::new(guard::Gate { key: welcome.key.clone(), loopback: welcome.loopback.clone(), lang: welcome.lang });
    let theme = crate::render::Theme::embedded();
    let state = Arc::new(State_ { welcome, templates: pages::templates(), theme });
    let workspace = Router::new()
        .route("/_ashyq/", get(form))
        .route("/_ashyq/new-site", post(make))
        .route("/_ashyq/lang", post(lang))
        .route("/_ashyq/static/{file}", get(pages::asset))
        .with_state(Arc::clone(&state))
        .route_layer(axum::middleware::from_fn_with_state(gate, guard::session));
    let theme = Router::new().route("/static/{*file}", get(theme_file)).with_state(state);
    workspace.merge(theme).fallback(|| async { see_other("/_ashyq/") })
}

/// The form's fields, in its order: name, word, what is asked for.
const FIELDS: [(&str, Word); 5] = [
    ("title_kk", Word::ShortNameKk),
    ("title_ru", Word::ShortNameRu),
    ("name_kk", Word::FullNameKk),
    ("name_ru", Word::FullNameRu),
    ("base_url", Word::SiteAddress),
];

#[derive(Serialize)]
struct FieldView {
    name: &'static str,
    label: &'static str,
    value: String,
    errors: Vec<String>,
    lang: Option<&'static str>,
}

/// `GET /_ashyq/`: the form, empty.
async fn form(State(state): State<Arc<State_>>, request: Request) -> Response {
    page(&state, request.headers(), &nonce(&request), &BTreeMap::new(), &[], StatusCode::OK)
}

fn nonce(request: &Request) -> Nonce {
    request.extensions().get::<Nonce>().cloned().unwrap_or(Nonce(String::new()))
}

/// The page: the form with `values`, each field's errors, and `general` errors above it.
fn page(
    state: &State_,
    headers: &HeaderMap,
    nonce: &Nonce,
    values: &BTreeMap<String, String>,
    errors: &[(String, String)],
    code: StatusCode,
) -> Response {
    let lang = lang_of_or(headers, state.welcome.lang);
    let fields: Vec<FieldView> = FIELDS
        .iter()
        .map(|(name, word)| FieldView {
            name,
            label: word.text(lang),
            value: values.get(*name).cloned().unwrap_or_default(),
            errors: errors.iter().filter(|(f, _)| f == name).map(|(_, e)| e.clone()).collect(),
            lang: name.strip_suffix("_kk").map(|_| "kk").or_else(|| name.strip_suffix("_ru").map(|_| "ru")),
        })
        .collect();
    let general: Vec<String> = errors.iter().filter(|(f, _)| f.is_empty()).map(|(_, e)| e.clone()).collect();
    let langs: Vec<BTreeMap<&str, &str>> = UiLang::ALL
        .iter()
        .map(|l| BTreeMap::from([("code", l.code()), ("name", super::status::endonym(l.code()))]))
        .collect();
    let ctx = context! {
        t => words(lang),
        lang => lang.code(),
        nonce => nonce.0.clone(),
        site_title => "",
        langs,
        back => "/_ashyq/",
        here => "welcome",
        folder => state.welcome.folder.display().to_string(),
        fields => minijinja::Value::from(minijinja::value::Serde(&fields)),
        general,
    };
    let rendered = state.templates.get_template("welcome.html").and_then(|t| t.render(ctx));
    let mut r = match rendered {
        Ok(html) => Html(html).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("template welcome.html: {e}")).into_response(),
    };
    *r.status_mut() = code;
    r
}

/// `POST /_ashyq/new-site`: the site made from the form, then the workspace; or the form again
/// with what is wrong, nothing written.
async fn make(State(state): State<Arc<State_>>, request: Request) -> Response {
    let headers = request.headers().clone();
    let nonce = nonce(&request);
    let lang = lang_of_or(&headers, state.welcome.lang);
    let posted = match super::body::form(request).await {
        Ok(f) => f,
        Err(r) => return r.response(lang),
    };
    let values: BTreeMap<String, String> = posted.into_iter().collect();
    let (organisation, mut errors) = organisation(&values, lang);
    if errors.is_empty() {
        let folder = state.welcome.folder.clone();
        let made = tokio::task::spawn_blocking(move || scaffold::init_site(&folder, Some(&organisation))).await;
        match made {
            Ok(Ok(_)) => {
                let (done, served) = oneshot::channel();
                (state.welcome.made)(state.welcome.folder.clone(), done);
                // The workspace's first screen is served once the new site is: only then go there.
                return match tokio::time::timeout(PATIENCE, served).await {
                    Ok(Ok(())) => see_other("/_ashyq/"),
                    _ => StatusCode::SERVICE_UNAVAILABLE.into_response(),
                };
            }
            Ok(Err(d)) => errors.push((String::new(), d.message.text(lang))),
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }
    page(&state, &headers, &nonce, &values, &errors, StatusCode::UNPROCESSABLE_ENTITY)
}

/// The organisation's words from the form, or what is wrong with each field.
fn organisation(values: &BTreeMap<String, String>, lang: UiLang) -> (Organisation, Vec<(String, String)>) {
    let mut errors = Vec::new();
    let mut take = |name: &str| {
        let value = values.get(name).map(|v| v.trim().to_owned()).unwrap_or_default();
        let problem = if value.is_empty() {
            Some(Message::FieldEmpty)
        } else if name == "base_url" {
            (!is_site_address(&value)).then(|| Message::SiteAddressBad { value: value.clone() })
        } else if value.chars().count() > MAX_NAME || value.chars().any(char::is_control) || value.contains("[[") {
            Some(Message::NameBad { max: MAX_NAME })
        } else {
            None
        };
        if let Some(p) = problem {
            errors.push((name.to_owned(), p.text(lang)));
        }
        value
    };
    let organisation = Organisation {
        title_kk: take("title_kk"),
        title_ru: take("title_ru"),
        name_kk: take("name_kk"),
        name_ru: take("name_ru"),
        base_url: take("base_url"),
    };
    (organisation, errors)
}

/// Whether `value` is an address a site can be published at: `https://` or `http://`, a host,
/// a path at most; no user, password, query or fragment.
fn is_site_address(value: &str) -> bool {
    let Ok(url) = url::Url::parse(value) else { return false };
    matches!(url.scheme(), "https" | "http")
        && url.host_str().is_some_and(|h| !h.is_empty())
        && url.username().is_empty()
        && url.password().is_none()
        && url.query().is_none()
        && url.fragment().is_none()
        && !value.contains([' ', '\\'])
}

/// `POST /_ashyq/lang`: the page's language, as on every workspace page.
async fn lang(State(state): State<Arc<State_>>, request: Request) -> Response {
    pages::choose_lang(state.welcome.lang, request).await
}

/// `GET /static/…`: the site theme's own files (its stylesheet), which the page uses; there is
/// no site yet to serve them.
async fn theme_file(State(state): State<Arc<State_>>, UrlPath(file): UrlPath<String>) -> Response {
    let Some(bytes) = state.theme.statics.get(&file) else { return StatusCode::NOT_FOUND.into_response() };
    let kind = mime_guess::from_path(&file).first_or_octet_stream().to_string();
    ([(header::CONTENT_TYPE, kind)], bytes.to_vec()).into_response()
}

fn see_other(to: &'static str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, HeaderValue::from_static(to))]).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_addresses() {
        for ok in ["https://arai-bbaksha.kz/anticorruption/", "http://арай.қаз/", "https://x.kz"] {
            assert!(is_site_address(ok), "{ok}");
        }
        for bad in [
            "arai.kz",
            "ftp://arai.kz/",
            "https://",
            "https://u:p@arai.kz/",
            "https://arai.kz/?a=1",
            "https://arai.kz/#x",
            "https://arai.kz/a b",
            "javascript:alert(1)",
            "https://arai.kz\\x",
        ] {
            assert!(!is_site_address(bad), "{bad}");
        }
    }

    #[test]
    fn every_field_is_checked_and_none_is_lost() {
        let values = BTreeMap::from([
            ("title_kk".to_owned(), " «Арай» ".to_owned()),
            ("title_ru".to_owned(), String::new()),
            ("name_kk".to_owned(), "ә\u{7}".to_owned()),
            ("name_ru".to_owned(), "[[ЗАПОЛНИТЕ: x]]".to_owned()),
            ("base_url".to_owned(), "arai.kz".to_owned()),
        ]);
        let (o, errors) = organisation(&values, UiLang::Ru);
        assert_eq!(o.title_kk, "«Арай»");
        let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["title_ru", "name_kk", "name_ru", "base_url"]);
        assert!(errors.iter().all(|(_, e)| !e.is_empty()));
    }
}
