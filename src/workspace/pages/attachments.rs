//! Signed scans put on a document in every language, and taken off again.

use super::*;

/// `POST /_ashyq/attach?path=…` (a form with `file` and `title.LANG`): the file attached to the
/// document in every language, then its editor again, saying so (or why not).
pub async fn attach_file(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let (headers, nonce) = parts(&request);
    let path = match document_of(&ws, &request, &headers, &nonce) {
        Ok(p) => p,
        Err(page) => return page,
    };
    let received = match crate::workspace::upload::receive(
        request,
        &crate::workspace::attach::files_dir(&path),
        crate::workspace::upload::MAX_SCAN,
    )
    .await
    {
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
    match tokio::task::spawn_blocking(move || crate::workspace::attach::attach(&root, &p2, received, &titles)).await {
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
    let DocumentForm { headers, nonce, path, posted, .. } = match document_form(&ws, request).await {
        Ok(f) => f,
        Err(page) => return page,
    };
    let file = posted_value(&posted, "file").unwrap_or_default().to_owned();
    let root = ws.settings.root.clone();
    let (p2, f2) = (path.clone(), file.clone());
    match tokio::task::spawn_blocking(move || crate::workspace::attach::detach(&root, &p2, &f2)).await {
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
