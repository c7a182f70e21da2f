//! A Word document brought in: `ashyq import`'s reading of it, shown in its kind's form.

use super::*;

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
    let received =
        match crate::workspace::upload::receive(request, &std::env::temp_dir(), crate::import::archive::MAX_FILE).await
        {
            Ok(r) => r,
            Err(refused) => return import_form(&ws, &headers, &nonce, &analysis, vec![refused.message.text(lang)]),
        };
    let field = |k: &str| posted_value(&received.fields, k).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
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
