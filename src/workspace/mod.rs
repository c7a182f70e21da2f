//! The methodologist's workspace (DESIGN.md §7): what is due, forms to edit documents, the next
//! analysis, in her browser, in Kazakh, Russian or English. It is a client of the same library as
//! the command line and has no rules of its own: what is due is `check`'s evaluation, a form's
//! value is checked by the loader `build` uses, a new document comes from the scaffold of `new
//! analysis`, and a file is changed only through `content`'s editor.
//!
//! Pages under `/_ashyq/` are made on the server (minijinja, as the site's pages); a little
//! JavaScript adds the live preview and the reload when files change, and the pages work without
//! it. The same actions are a JSON interface under `/_ashyq/api/` (README, "The workspace").
//! Who may use it at all is [`guard`]'s to decide, before any of this runs.

mod api;
mod attach;
mod body;
mod doc;
mod form;
pub mod guard;
mod pages;
mod path;
mod publish;
mod status;
mod upload;
pub mod welcome;

pub use path::{DocPath, Refusal};

use crate::content::ContentPath;
use crate::diagnostic::Diagnostic;
use crate::messages::UiLang;
use axum::Router;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::watch;

/// What the workspace needs of the preview it lives in.
pub trait Preview: Send + Sync {
    /// The page of the document at `rel` as it would be with `text` in its file, made with the
    /// site as it is now, into memory only: its output path (`kk/2026/order/index.html`) and HTML,
    /// or why that text cannot be published.
    fn draft(
        &self,
        rel: &ContentPath,
        text: &str,
        pending: &[(ContentPath, u64)],
    ) -> Result<(String, Vec<u8>), Vec<Diagnostic>>;
    /// The preview's answer for the site's output path `path` (a stylesheet, a picture, a page).
    fn respond(&self, path: &str, headers: &HeaderMap) -> Response;
    /// Every new version of the site, as it comes: pages that show the site's state follow it.
    fn generations(&self) -> watch::Receiver<u64>;
}

/// How the workspace is set up for this start.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The site folder.
    pub root: PathBuf,
    /// The language of its pages until the user picks another.
    pub lang: UiLang,
    /// Whether the preview shows drafts.
    pub drafts: bool,
    /// This start's secret.
    pub key: guard::Key,
    /// This server's names.
    pub loopback: guard::Loopback,
}

/// The workspace's state, shared by its handlers.
pub(crate) struct Workspace {
    settings: Settings,
    preview: Arc<dyn Preview>,
    /// Pages made from texts not saved yet, by their output path, for the live preview.
    drafts: Mutex<HashMap<String, Vec<u8>>>,
    /// Counts the drafts made, so that each has an address of its own (no stale copy is shown).
    made: std::sync::atomic::AtomicU64,
    /// The texts the editor was opened on, by version, the latest last: when a file changed
    /// meanwhile, what the user started from tells her changes from the other ones.
    opened: Mutex<std::collections::VecDeque<(String, String)>>,
    /// The pictures of the Word documents brought in and not saved yet, by the key of their text.
    pictures: Mutex<std::collections::VecDeque<(String, Vec<crate::import::PlannedPicture>)>>,
    templates: minijinja::Environment<'static>,
}

/// How many opened texts are kept for merging: a few per document she has open.
const OPENED: usize = 64;

impl Workspace {
    /// Keeps `text`, opened at `version`, as a base to merge against.
    fn remember(&self, version: &str, text: &str) {
        let mut opened = self.opened.lock().unwrap_or_else(PoisonError::into_inner);
        opened.retain(|(v, _)| v != version);
        opened.push_back((version.to_owned(), text.to_owned()));
        while opened.len() > OPENED {
            opened.pop_front();
        }
    }

    /// The text that was opened at `version`, if it is still kept.
    fn opened_at(&self, version: &str) -> Option<String> {
        let opened = self.opened.lock().unwrap_or_else(PoisonError::into_inner);
        opened.iter().rev().find(|(v, _)| v == version).map(|(_, t)| t.clone())
    }

    /// Keeps the pictures a Word document brought in as `key` will write when it is saved (only
    /// the last few imports: pictures can be large).
    fn keep_pictures(&self, key: &str, pictures: Vec<crate::import::PlannedPicture>) {
        let mut kept = self.pictures.lock().unwrap_or_else(PoisonError::into_inner);
        kept.retain(|(k, _)| k != key);
        kept.push_back((key.to_owned(), pictures));
        while kept.len() > 4 {
            kept.pop_front();
        }
    }

    /// The pictures to write with the text brought in as `key`.
    fn pictures_of(&self, key: &str) -> Vec<crate::import::PlannedPicture> {
        let kept = self.pictures.lock().unwrap_or_else(PoisonError::into_inner);
        kept.iter().find(|(k, _)| k == key).map(|(_, p)| p.clone()).unwrap_or_default()
    }

    /// Forgets the pictures of `key`, once written.
    fn forget_pictures(&self, key: &str) {
        self.pictures.lock().unwrap_or_else(PoisonError::into_inner).retain(|(k, _)| k != key);
    }

    fn drafts(&self) -> std::sync::MutexGuard<'_, HashMap<String, Vec<u8>>> {
        self.drafts.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The address to open the workspace with: the server's `url` (ending in `/`) with the key.
pub fn address(url: &str, key: &guard::Key) -> String {
    format!("{url}_ashyq/?key={}", key.as_str())
}

/// The workspace's routes, every one behind [`guard::session`]. Paths it does not know fall
/// through to the preview (which answers 404 for them).
pub fn router(settings: Settings, preview: Arc<dyn Preview>) -> Router {
    let gate =
        Arc::new(guard::Gate { key: settings.key.clone(), loopback: settings.loopback.clone(), lang: settings.lang });
    let workspace = Arc::new(Workspace {
        settings,
        preview,
        drafts: Mutex::new(HashMap::new()),
        made: std::sync::atomic::AtomicU64::new(0),
        opened: Mutex::new(std::collections::VecDeque::new()),
        pictures: Mutex::new(std::collections::VecDeque::new()),
        templates: pages::templates(),
    });
    Router::new()
        .route("/_ashyq", get(pages::to_start))
        .route("/_ashyq/", get(pages::status))
        .route("/_ashyq/edit", get(pages::edit).post(pages::save))
        .route("/_ashyq/preview", post(pages::preview))
        .route("/_ashyq/draft/{*path}", get(pages::draft))
        .route("/_ashyq/new-document", post(pages::new_document))
        .route("/_ashyq/attach", post(pages::attach_file).layer(axum::extract::DefaultBodyLimit::disable()))
        .route("/_ashyq/detach", post(pages::detach_file))
        .route(
            "/_ashyq/import",
            get(pages::import_page).post(pages::import_file).layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route("/_ashyq/publish", get(pages::publish_page).post(pages::publish_run))
        .route("/_ashyq/package", get(pages::package))
        .route("/_ashyq/new-analysis", get(pages::new_analysis).post(pages::create_analysis))
        .route("/_ashyq/lang", post(pages::set_lang))
        .route("/_ashyq/static/{file}", get(pages::asset))
        .route("/_ashyq/api/status", get(api::status))
        .route("/_ashyq/api/file", get(api::read_file).put(api::write_file))
        .route("/_ashyq/api/document", axum::routing::patch(api::patch_document).post(api::new_document))
        .route("/_ashyq/api/analysis", post(api::new_analysis))
        .route("/_ashyq/api/preview", post(api::preview))
        .with_state(workspace)
        .route_layer(axum::middleware::from_fn_with_state(gate, guard::session))
}
