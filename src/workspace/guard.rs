//! Who may use the workspace, and which requests the server answers at all (DESIGN.md §7).
//!
//! - A page on another site can make the browser send requests to 127.0.0.1 under a name of its
//!   own (DNS rebinding: `evil.example` made to resolve to 127.0.0.1), and with it read the preview
//!   and reach the workspace. Such a request carries that name in its `Host`; on a loopback address
//!   only the names of this computer are answered ([`host`]).
//! - Only the person at this computer may use the workspace: at each start a random [`Key`] is made
//!   and printed with the address; the browser trades it for a cookie that only this server's
//!   workspace pages see, and every workspace request needs it ([`session`]).
//! - A page elsewhere can still make the browser *send* a form here (the cookie is `SameSite=Strict`,
//!   so it would not carry it, but no rule should rest on one defence): every request that changes
//!   anything must come from the workspace's own pages, by its `Origin` or `Sec-Fetch-Site`.
//! - Every workspace answer carries a Content-Security-Policy: nothing from elsewhere, no inline
//!   script without the answer's nonce.

use crate::messages::{Message, UiLang};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::IpAddr;
use std::sync::Arc;
use subtle::ConstantTimeEq;

/// The names of this computer, with the port the server listens on: the only `Host` values a
/// loopback server answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loopback {
    port: u16,
}

impl Loopback {
    /// The names for a server on `port` of a loopback address.
    pub fn new(port: u16) -> Loopback {
        Loopback { port }
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Whether `host` (a `Host` header's value) names this computer at this server's port:
    /// `127.0.0.1:PORT`, `localhost:PORT` or `[::1]:PORT`, in any letter case. A missing port is
    /// refused, as browsers always send a port that is not 80.
    pub fn allows(&self, host: &str) -> bool {
        let Some((name, port)) = host.rsplit_once(':') else { return false };
        let name = name.to_ascii_lowercase();
        port.parse::<u16>().is_ok_and(|p| p == self.port)
            && !port.starts_with(['+', '0'])
            && matches!(name.as_str(), "127.0.0.1" | "localhost" | "[::1]")
    }

    /// The origins a request from a page of this server comes from (`http://` and an allowed
    /// host): the only ones allowed to change anything.
    pub fn allows_origin(&self, origin: &str) -> bool {
        origin.strip_prefix("http://").is_some_and(|host| self.allows(host))
    }
}

/// Whether `bind` is this computer's own address by one of the names [`Loopback`] answers
/// (`127.0.0.1`, `::1`, `localhost`): only there is the server this computer's alone, and only
/// there is the workspace served. Another address of 127.0.0.0/8 is served as any other address.
pub fn is_loopback(bind: &str) -> bool {
    let ip = bind.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>().ok();
    bind.eq_ignore_ascii_case("localhost")
        || ip == Some(IpAddr::from([127, 0, 0, 1]))
        || ip == Some(IpAddr::from(std::net::Ipv6Addr::LOCALHOST))
}

/// Refuses (421) every request whose `Host` does not name this computer.
pub async fn host(State(loopback): State<Loopback>, request: Request, next: Next) -> Response {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok());
    if host.is_some_and(|h| loopback.allows(h)) {
        next.run(request).await
    } else {
        let text = "421 Misdirected Request: this server answers only as 127.0.0.1 or localhost\n";
        (StatusCode::MISDIRECTED_REQUEST, text).into_response()
    }
}

/// The workspace's secret for this start: 256 random bits, written in hexadecimal (DESIGN.md §7
/// allows `A-Za-z0-9_-`). Its `Debug` does not show it, so that no log can.
#[derive(Clone)]
pub struct Key(Arc<str>);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(…)")
    }
}

impl Key {
    /// A new key from the system's random source; `None` when it gives nothing (the workspace is
    /// then not served: a guessable key would be worse than none).
    pub fn random() -> Option<Key> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).ok()?;
        Some(Key(bytes.iter().map(|b| format!("{b:02x}")).collect::<String>().into()))
    }

    /// The key as written in the address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `given` is this key, compared in constant time, so that the time of an answer
    /// tells nothing of how much of a guess was right.
    pub fn matches(&self, given: &str) -> bool {
        given.len() == self.0.len() && bool::from(given.as_bytes().ct_eq(self.0.as_bytes()))
    }
}

/// The cookie's name. Browsers keep cookies per host, not per port: two ashyq workspaces open at
/// once (two sites) would overwrite each other's `ashyq_key`, so the port is part of the name.
pub fn cookie_name(port: u16) -> String {
    format!("ashyq_key_{port}")
}

/// The value of the cookie `name` among the request's `Cookie` headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim_matches('"'))
}

/// What the session check needs: the key, the names of this computer, and the language to refuse in.
#[derive(Clone, Debug)]
pub struct Gate {
    /// This start's key.
    pub key: Key,
    /// This server's names.
    pub loopback: Loopback,
    /// The language of a refusal.
    pub lang: UiLang,
}

/// A fresh nonce for one answer's inline scripts, put in the request for the page to use.
#[derive(Clone, Debug)]
pub struct Nonce(pub String);

/// Lets a workspace request through only with the key: the address with `?key=` trades it for
/// the cookie (and leaves the address bar without it), every other request needs the cookie, and
/// one that changes anything needs to come from the workspace's own pages. Every answer gets the
/// workspace's security headers.
pub async fn session(State(gate): State<Arc<Gate>>, mut request: Request, next: Next) -> Response {
    let name = cookie_name(gate.loopback.port());
    if let Some(given) = key_in_query(request.uri().query()) {
        let response = if gate.key.matches(&given) {
            let cookie = format!("{name}={}; HttpOnly; SameSite=Strict; Path=/_ashyq/", gate.key.as_str());
            let mut r = StatusCode::SEE_OTHER.into_response();
            r.headers_mut().insert(header::LOCATION, HeaderValue::from_static("/_ashyq/"));
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                r.headers_mut().insert(header::SET_COOKIE, v);
            }
            r
        } else {
            refusal(StatusCode::FORBIDDEN, Message::WorkspaceKey, gate.lang)
        };
        return secured(response, None);
    }
    if !cookie(request.headers(), &name).is_some_and(|given| gate.key.matches(given)) {
        return secured(refusal(StatusCode::FORBIDDEN, Message::WorkspaceKey, gate.lang), None);
    }
    if changes_something(request.method()) && !same_origin(request.headers(), &gate.loopback) {
        return secured(refusal(StatusCode::FORBIDDEN, Message::WorkspaceForeign, gate.lang), None);
    }
    let nonce = Key::random().map(|k| k.as_str()[..32].to_owned()).unwrap_or_default();
    request.extensions_mut().insert(Nonce(nonce.clone()));
    secured(next.run(request).await, Some(&nonce))
}

/// The `key` of a query string, decoded, if it has one.
fn key_in_query(query: Option<&str>) -> Option<String> {
    url::form_urlencoded::parse(query?.as_bytes()).find(|(k, _)| k == "key").map(|(_, v)| v.into_owned())
}

fn changes_something(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Whether a request comes from a page of this server: its `Origin` names it or, with no
/// `Origin`, `Sec-Fetch-Site` says `same-origin`. With neither, it is refused: every browser the
/// workspace is made for sends one of them.
fn same_origin(headers: &HeaderMap, loopback: &Loopback) -> bool {
    match headers.get(header::ORIGIN).map(|o| o.to_str()) {
        Some(Ok(origin)) => loopback.allows_origin(origin),
        Some(Err(_)) => false,
        None => headers.get("sec-fetch-site").is_some_and(|v| v.as_bytes() == b"same-origin"),
    }
}

/// A short page saying why a request was refused, in the user's language.
fn refusal(status: StatusCode, why: Message, lang: UiLang) -> Response {
    let mut text = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut text, &why.text(lang));
    let mut title = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut title, crate::messages::Word::KeyNeeded.text(lang));
    let html = format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title></head><body><main><h1>{title}</h1><p>{text}</p></main></body></html>\n",
        lang.code()
    );
    let mut r = (status, html).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    r
}

/// The workspace's security headers on `response`: its Content-Security-Policy (the workspace's
/// own scripts and styles and the site's, images and frames of this server, no inline script
/// without `nonce`), no caching (a page with a document's text is not kept on disk), no referrer
/// to other sites (within the workspace a form must carry its origin: with `no-referrer` Chromium
/// sends `Origin: null`), no guessing of types, no framing by other sites, no CORS.
fn secured(mut response: Response, nonce: Option<&str>) -> Response {
    let script = nonce.map_or_else(|| "'self'".to_owned(), |n| format!("'self' 'nonce-{n}'"));
    let csp = format!(
        "default-src 'none'; script-src {script}; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'"
    );
    let headers = response.headers_mut();
    headers.remove(header::ACCESS_CONTROL_ALLOW_ORIGIN);
    // A page of the site shown as a draft has a policy of its own, made for it.
    if let (false, Ok(v)) = (headers.contains_key(header::CONTENT_SECURITY_POLICY), HeaderValue::from_str(&csp)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    for (name, value) in [
        (header::CACHE_CONTROL, "no-store".to_owned()),
        (header::REFERRER_POLICY, "same-origin".to_owned()),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
    ] {
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.insert(name, v);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_computers_names_at_this_port_are_answered() {
        let l = Loopback::new(8000);
        for ok in ["127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000", "[::1]:8000"] {
            assert!(l.allows(ok), "{ok}");
        }
        for bad in [
            "",
            "x",
            "127.0.0.1",
            "localhost",
            "127.0.0.1:8001",
            "127.0.0.1:08000",
            "127.0.0.1:+8000",
            "evil.example:8000",
            "localhost.evil.example:8000",
            "127.0.0.1.nip.io:8000",
            "127.0.0.2:8000",
            "0.0.0.0:8000",
            "[::ffff:127.0.0.1]:8000",
            "127.0.0.1:8000:8000",
            "user@127.0.0.1:8000",
            "сайт.kz:8000",
            "ӘЛЕМ:8000",
            "127.0.0.1 :8000",
        ] {
            assert!(!l.allows(bad), "{bad}");
        }
        assert!(l.allows_origin("http://127.0.0.1:8000"));
        assert!(l.allows_origin("http://localhost:8000"));
        for bad in ["https://127.0.0.1:8000", "null", "http://evil.example:8000", "http://127.0.0.1:8000/", ""] {
            assert!(!l.allows_origin(bad), "{bad}");
        }
    }

    #[test]
    fn loopback_binds() {
        for ok in ["127.0.0.1", "::1", "[::1]", "localhost", "LocalHost"] {
            assert!(is_loopback(ok), "{ok}");
        }
        for bad in ["0.0.0.0", "::", "127.0.0.2", "192.168.1.5", "example.kz", "", "локалхост"] {
            assert!(!is_loopback(bad), "{bad}");
        }
    }

    #[test]
    fn the_key_is_long_random_and_compared_whole() {
        let (a, b) = (Key::random().unwrap(), Key::random().unwrap());
        assert_eq!(a.as_str().len(), 64);
        assert!(a.as_str().bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a.as_str(), b.as_str());
        assert!(a.matches(a.as_str()));
        for wrong in ["", &a.as_str()[..63], &format!("{}0", a.as_str()), b.as_str(), &a.as_str().to_uppercase(), "ә"]
        {
            assert!(!a.matches(wrong) || wrong == a.as_str(), "{wrong}");
        }
        assert!(!format!("{a:?}").contains(a.as_str()));
    }

    #[test]
    fn the_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.append(header::COOKIE, HeaderValue::from_static("a=1; ashyq_key_8000=abc ; b=2"));
        h.append(header::COOKIE, HeaderValue::from_static("ashyq_key_9000=zzz"));
        assert_eq!(cookie(&h, "ashyq_key_8000"), Some("abc"));
        assert_eq!(cookie(&h, "ashyq_key_9000"), Some("zzz"));
        assert_eq!(cookie(&h, "ashyq_key"), None);
        assert_eq!(key_in_query(Some("x=1&key=%D3%99b")), Some("әb".to_owned()));
        assert_eq!(key_in_query(Some("keys=1")), None);
    }
}
