//! `ashyq` with no command: what a double-click in Explorer does. It opens the workspace in the
//! default browser, on the first of:
//!
//! 1. the folder `--root` names;
//! 2. the current folder, if it is a site (a double-click starts in the program's own folder);
//! 3. the folder `ashyq` stands in, if it is a site;
//! 4. the site it opened last (remembered in the user's own state folder, see
//!    `serve::desktop`);
//! 5. `Documents/ashyq` (the user's Documents folder as the system names it: the Known Folder on
//!    Windows, `XDG_DOCUMENTS_DIR` on Linux, else `~/Documents`): the site there, or, when there is
//!    none yet, the workspace's first screen, which makes it there. A `Documents/ashyq` that holds
//!    something else is left alone and `ashyq-2`, `ashyq-3`… are tried.
//!
//! If a start already serves that site and proves it, the browser is sent there and this one
//! ends. A failure is shown until Enter is pressed: a window that a double-click opened closes
//! with the program, before anyone could read why.

use super::args::LangArg;
use super::console::{self, Outcome, Reporter};
use ashyq::content::SITE_FILE;
use ashyq::diagnostic::Diagnostic;
use ashyq::messages::Message;
use ashyq::serve;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// The port tried first: the one `ashyq serve` uses, so the address stays the same from one day
/// to the next while it is free.
const PORT: u16 = 8000;
/// The most `Documents/ashyq-N` folders tried.
const MAX_FOLDERS: u32 = 99;

/// Runs the double-click start; `root` is `--root` when given.
pub fn run(root: Option<PathBuf>, lang: Option<LangArg>) -> Outcome {
    let state = state_folder();
    let root = root.or_else(|| choose(state.as_deref()));
    let lang = super::ui_lang(lang, root.as_deref().unwrap_or(Path::new(".")));
    let report = Reporter::new(lang);
    let (Some(root), Some(state)) = (root, state) else {
        return failed(&report, &Diagnostic::general(Message::DesktopNoFolder));
    };
    let root = std::path::absolute(&root).unwrap_or(root);
    if let Some(running) = serve::desktop::running(&state, &root) {
        let url = running.address();
        let _ = opener::open(&url);
        report.say(&Message::DesktopAlreadyOpen { url });
        return Outcome::Done;
    }
    let opts = serve::ServeOptions {
        root,
        bind: "127.0.0.1".to_owned(),
        port: PORT,
        open: true,
        drafts: false,
        lang,
        out: console::out_line_for_scripts,
        err: console::err_line,
        desktop: Some(serve::Desktop { state }),
    };
    match serve::serve(&opts) {
        Ok(()) => Outcome::Done,
        Err(d) => failed(&report, &d),
    }
}

/// Tells why the start failed and, on a terminal, waits for Enter before the window can close.
fn failed(report: &Reporter, d: &Diagnostic) -> Outcome {
    let outcome = report.failed(d);
    if std::io::stdin().is_terminal() {
        report.say(&Message::DesktopPressEnter);
        let _ = std::io::stdin().read_line(&mut String::new());
    }
    outcome
}

/// The user's own folder for what one start leaves for the next: `%LOCALAPPDATA%\ashyq` on
/// Windows, `$XDG_STATE_HOME/ashyq` (`~/.local/state/ashyq`) on Linux.
fn state_folder() -> Option<PathBuf> {
    dirs::state_dir().or_else(dirs::data_local_dir).map(|d| d.join("ashyq"))
}

/// The site to open, in the order of the module's comment.
fn choose(state: Option<&Path>) -> Option<PathBuf> {
    let is_site = |dir: &Path| dir.join(SITE_FILE).is_file();
    let here = std::env::current_dir().ok().filter(|d| is_site(d));
    let beside = std::env::current_exe().ok().and_then(|e| e.parent().map(Path::to_path_buf)).filter(|d| is_site(d));
    here.or(beside).or_else(|| state.and_then(serve::desktop::last_site)).or_else(|| in_documents(&documents()?))
}

/// The user's Documents folder.
fn documents() -> Option<PathBuf> {
    dirs::document_dir().or_else(|| dirs::home_dir().map(|h| h.join("Documents")))
}

/// `ashyq` in `documents`, or the first `ashyq-N` that is a site, or missing, or empty.
fn in_documents(documents: &Path) -> Option<PathBuf> {
    (1..=MAX_FOLDERS).map(|n| documents.join(if n == 1 { "ashyq".to_owned() } else { format!("ashyq-{n}") })).find(
        |dir| {
            dir.join(SITE_FILE).is_file()
                || std::fs::read_dir(dir).map_or(!dir.exists(), |mut entries| entries.next().is_none())
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_ashyq_is_used_unless_it_holds_something_else() {
        let tmp = tempfile::tempdir().unwrap();
        let docs = tmp.path().join("Мои документы");
        assert_eq!(in_documents(&docs), Some(docs.join("ashyq")));
        std::fs::create_dir_all(docs.join("ashyq")).unwrap();
        assert_eq!(in_documents(&docs), Some(docs.join("ashyq")), "empty");
        std::fs::write(docs.join("ashyq/дипломная.docx"), "x").unwrap();
        assert_eq!(in_documents(&docs), Some(docs.join("ashyq-2")), "someone else's");
        std::fs::create_dir_all(docs.join("ashyq-2")).unwrap();
        std::fs::write(docs.join("ashyq-2/site.yaml"), "").unwrap();
        assert_eq!(in_documents(&docs), Some(docs.join("ashyq-2")), "a site");
        std::fs::write(docs.join("ashyq-3"), "a file").unwrap();
        std::fs::remove_file(docs.join("ashyq-2/site.yaml")).unwrap();
        std::fs::write(docs.join("ashyq-2/x"), "").unwrap();
        assert_eq!(in_documents(&docs), Some(docs.join("ashyq-4")), "a file is no folder");
    }
}
