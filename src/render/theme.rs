//! The theme: the embedded default, overridden file by file by a site's own `themes/<name>/`
//! (dictionaries key by key), and the ids its templates write.

use crate::content::{self, yaml};
use crate::diagnostic::{Diagnostic, display_path};
use crate::messages::Message;
use include_dir::{Dir, include_dir};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A theme: templates, static files and interface words.
#[derive(Clone, Debug, Default)]
pub struct Theme {
    /// The theme's name.
    pub name: String,
    /// Template name → source.
    pub templates: BTreeMap<String, String>,
    /// Path inside `static/` → bytes.
    pub statics: BTreeMap<String, Cow<'static, [u8]>>,
    /// Language → words (a YAML mapping, nested).
    pub i18n: BTreeMap<String, serde_json::Value>,
}

impl Theme {
    /// The built-in theme, then the site's `themes/<name>/` on top of it, file by file
    /// (dictionaries key by key).
    pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let mut theme = Theme { name: name.to_owned(), ..Theme::default() };
        let mut diags = Vec::new();
        add_embedded(&mut theme, &DEFAULT_THEME, &mut diags);
        let own = root.join("themes").join(name);
        if own.is_dir() {
            add_folder(&mut theme, root, name, &mut diags);
        } else if name != "default" {
            return Err(vec![Diagnostic::general(Message::ThemeNotFound { name: name.to_owned() })]);
        }
        if diags.is_empty() { Ok(theme) } else { Err(diags) }
    }

    /// The built-in theme alone, as a site without a `themes/` folder of its own has it.
    pub fn embedded() -> Theme {
        let mut theme = Theme { name: "default".to_owned(), ..Theme::default() };
        add_embedded(&mut theme, &DEFAULT_THEME, &mut Vec::new());
        theme
    }

    /// Output paths of the static files (`static/style.css`).
    pub fn static_outputs(&self) -> impl Iterator<Item = String> + '_ {
        self.statics.keys().map(|k| format!("static/{k}"))
    }

    fn add(&mut self, rel: &str, bytes: Cow<'static, [u8]>, file: &Path, diags: &mut Vec<Diagnostic>) {
        let rel = rel.replace('\\', "/");
        if let Some(name) = rel.strip_prefix("templates/") {
            match String::from_utf8(bytes.into_owned()) {
                Ok(text) => {
                    self.templates.insert(name.to_owned(), text);
                }
                Err(_) => diags.push(Diagnostic::error(
                    file.to_path_buf(),
                    None,
                    Message::NotUtf8 { encoding: String::new() },
                )),
            }
        } else if let Some(name) = rel.strip_prefix("static/") {
            self.statics.insert(name.to_owned(), bytes);
        } else if let Some(lang) = rel.strip_prefix("i18n/").and_then(|n| n.strip_suffix(".yaml")) {
            let text = String::from_utf8_lossy(&bytes);
            match yaml::from_str::<serde_json::Value>(&text) {
                Ok(words) => {
                    let entry = self.i18n.entry(lang.to_owned()).or_insert(serde_json::Value::Null);
                    merge(entry, words);
                }
                Err(e) => diags.push(Diagnostic::error(
                    file.to_path_buf(),
                    e.line,
                    Message::YamlSyntax { problem: e.problem, detail: e.detail },
                )),
            }
        }
    }
}

fn add_embedded(theme: &mut Theme, dir: &'static Dir<'static>, diags: &mut Vec<Diagnostic>) {
    for f in dir.files() {
        let rel = display_path(f.path());
        let file = PathBuf::from("themes/default").join(f.path());
        theme.add(&rel, Cow::Borrowed(f.contents()), &file, diags);
    }
    for d in dir.dirs() {
        add_embedded(theme, d, diags);
    }
}

/// The parts of a theme folder; nothing else in it is read.
const PARTS: [&str; 3] = ["templates", "static", "i18n"];

/// What the site's `themes/<name>/` holds, checked as `content/` is (a theme's `static/` is
/// published): only its [`PARTS`], without hidden files, and nothing that a symlink brings from
/// outside the site's folder.
fn add_folder(theme: &mut Theme, root: &Path, name: &str, diags: &mut Vec<Diagnostic>) {
    let dir = root.join("themes").join(name);
    let keep = |e: &walkdir::DirEntry| {
        let n = e.file_name().to_string_lossy();
        if e.depth() == 1 { PARTS.contains(&n.as_ref()) } else { !(n.starts_with('.') && e.file_type().is_file()) }
    };
    for (rel, entry) in content::files_in(root, &dir, keep, diags) {
        let file = Path::new("themes").join(name).join(rel.as_str());
        match fs::read(entry.path()) {
            Ok(bytes) => theme.add(rel.as_str(), Cow::Owned(bytes), &file, diags),
            Err(e) => diags.push(Diagnostic::error(file, None, Message::Io { detail: e.to_string() })),
        }
    }
}

/// Deep merge: keys of `over` replace those of `base`; maps are merged key by key.
pub(super) fn merge(base: &mut serde_json::Value, over: serde_json::Value) {
    match (base, over) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                merge(b.entry(k).or_insert(serde_json::Value::Null), v);
            }
        }
        (b, o) => *b = o,
    }
}

/// The fixed ids a template writes (`id="main"`); ids made by template code (`id="nf-{{ … }}"`)
/// are left out, as they cannot be known here.
pub(super) fn template_ids(template: &str) -> Vec<String> {
    template
        .split("id=\"")
        .skip(1)
        .filter_map(|s| s.split_once('"').map(|(id, _)| id))
        .filter(|id| !id.is_empty() && !id.contains(['{', '}', '%']))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_theme_is_complete() {
        let theme = Theme::load(Path::new("/nonexistent"), "default").expect("loads");
        for t in ["base.html", "page.html", "section.html", "analysis.html", "404.html", "redirect.html"] {
            assert!(theme.templates.contains_key(t), "{t}");
        }
        assert!(theme.statics.contains_key("style.css") && theme.statics.contains_key("site.js"));
        assert!(theme.i18n.contains_key("kk") && theme.i18n.contains_key("ru"));
    }
}
