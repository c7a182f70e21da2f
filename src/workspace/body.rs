//! Request bodies, read with bounds: a body over its bound is refused (413) before it is read when
//! its length is announced, and as soon as it passes the bound when it is not; a body that comes
//! too slowly is refused (408), so that a client cannot hold the workspace with a trickle.

use crate::diagnostic::Diagnostic;
use crate::messages::{Message, UiLang};
use axum::body::Bytes;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use std::time::Duration;

/// The most a JSON or form body may hold (DESIGN.md §7).
pub const MAX_BODY: usize = 32 << 20;
/// How long a body may take to arrive whole. On this computer's own loopback 32 MiB take well
/// under a second.
const BODY_TIME: Duration = Duration::from_secs(10);

/// Why a body was not read.
#[derive(Debug)]
pub struct Refused {
    status: StatusCode,
    message: Message,
}

impl Refused {
    /// The refusal as a finding, in `lang`: the interface answers with findings.
    pub fn response(&self, lang: UiLang) -> Response {
        let finding = Diagnostic::general(self.message.clone());
        (self.status, axum::Json(super::api::findings_json(&[finding], lang))).into_response()
    }
}

/// Reads the whole body of `request`, at most `max` bytes, within the time allowed.
pub async fn read(request: Request, max: usize) -> Result<Bytes, Refused> {
    let too_large =
        || Refused { status: StatusCode::PAYLOAD_TOO_LARGE, message: Message::BodyTooLarge { max: max as u64 } };
    let announced = request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if announced.is_some_and(|n| n > max as u64) {
        return Err(too_large());
    }
    let limited = http_body_util::Limited::new(request.into_body(), max);
    match tokio::time::timeout(BODY_TIME, limited.collect()).await {
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => Err(too_large()),
        Ok(Err(e)) => {
            Err(Refused { status: StatusCode::BAD_REQUEST, message: Message::BodyMalformed { detail: e.to_string() } })
        }
        Err(_) => Err(Refused { status: StatusCode::REQUEST_TIMEOUT, message: Message::BodyTooSlow }),
    }
}

/// Reads a JSON body into `T`.
pub async fn json<T: serde::de::DeserializeOwned>(request: Request) -> Result<T, Refused> {
    let bytes = read(request, MAX_BODY).await?;
    serde_json::from_slice(&bytes).map_err(|e| Refused {
        status: StatusCode::BAD_REQUEST,
        message: Message::BodyMalformed { detail: e.to_string() },
    })
}

/// Reads a form body (`application/x-www-form-urlencoded`) into its pairs, in order.
pub async fn form(request: Request) -> Result<Vec<(String, String)>, Refused> {
    let bytes = read(request, MAX_BODY).await?;
    Ok(url::form_urlencoded::parse(&bytes).into_owned().collect())
}
