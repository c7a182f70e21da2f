//! Publishing: `check` first, then the dry run, the password and the upload's progress streamed to
//! the page; or `package`'s zip as a download.

use super::*;

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
    match crate::workspace::publish::plan(root, lang) {
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
    std::thread::spawn(move || crate::workspace::publish::publish(&root, password, trust_key, lang, tx));
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
    rx: tokio::sync::mpsc::UnboundedReceiver<crate::workspace::publish::Event>,
    head: String,
    middle: String,
    tail: String,
    words: EndWords,
) -> impl futures_util::Stream<Item = Result<String, std::convert::Infallible>> {
    use crate::workspace::publish::Event;
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
        let out = crate::workspace::publish::output(&root);
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
