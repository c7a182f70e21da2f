//! `ashyq package`: the built site as one zip, for a hosting control panel's file manager
//! ("Upload", then "Extract" in the site's folder). The same site always gives the same bytes:
//! entries in path order, a fixed date, fixed permissions.

use super::manifest::Manifest;
use crate::content::SiteConfig;
use crate::diagnostic::Diagnostic;
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::Path;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// What [`package`] wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Packaged {
    /// Files in the zip.
    pub files: usize,
    /// Size of the zip.
    pub bytes: u64,
}

/// Zips the built site in `dir` (without the output marker) into `zip_path`, written whole or
/// not at all.
pub fn package(dir: &Path, zip_path: &Path) -> Result<Packaged, Diagnostic> {
    let manifest = Manifest::scan(dir)?;
    let partial = zip_path.with_extension("zip.ashyq-part");
    let file = fs::File::create(&partial).map_err(|e| Diagnostic::io(&partial, &e))?;
    let result = write_zip(file, dir, &manifest).map_err(|e| Diagnostic::io(zip_path, &e));
    if let Err(e) = result {
        let _ = fs::remove_file(&partial);
        return Err(e);
    }
    fs::rename(&partial, zip_path).map_err(|e| Diagnostic::io(zip_path, &e))?;
    let bytes = fs::metadata(zip_path).map_err(|e| Diagnostic::io(zip_path, &e))?.len();
    Ok(Packaged { files: manifest.files.len(), bytes })
}

/// The zip's default name: the site's host (`arai-bbaksha.kz`), or, for a host that is not
/// plain ASCII, its default-language title transliterated (`arai-balalar-baqshasy`), then the
/// day it is made: `arai-bbaksha.kz-2026-12-01.zip`. Only `a-z 0-9 . -` reach the file name, so
/// it is safe on every system and in every file manager.
pub fn default_name(config: Option<&SiteConfig>, today: NaiveDate) -> String {
    let host = config
        .and_then(|c| url::Url::parse(c.base_url.trim()).ok())
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .filter(|h| !h.split('.').any(|label| label.starts_with("xn--")))
        .map(|h| slug(h.trim_start_matches("www.")));
    let title = || config.and_then(|c| c.title.get(c.default_language())).map(|t| slug(t));
    let name = host.filter(|h| !h.is_empty()).or_else(title).filter(|n| !n.is_empty()).unwrap_or_else(|| "site".into());
    format!("{name}-{}.zip", today.format("%Y-%m-%d"))
}

/// Today's date (UTC), for the zip's name only: never a document fact.
pub fn today() -> NaiveDate {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    NaiveDate::default().checked_add_days(chrono::Days::new(secs / 86_400)).unwrap_or_default()
}

/// `text` in lower-case ASCII: Kazakh and Russian letters transliterated, anything else but
/// letters, digits and `.` becomes one `-`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let latin = match c {
            'a'..='z' | '0'..='9' => c.to_string(),
            // A dot stays (a host's), but never two together nor at a word's edge.
            '.' if out.ends_with(|p: char| p.is_ascii_alphanumeric()) => c.to_string(),
            '.' => continue,
            _ => translit(c).to_owned(),
        };
        if latin.is_empty() {
            if !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push_str(&latin);
        }
    }
    out.trim_matches(['-', '.']).to_owned()
}

fn translit(c: char) -> &'static str {
    match c {
        'а' | 'ә' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'ё' => "yo",
        'ж' => "zh",
        'з' => "z",
        // й as ICAO passports write it (and as «Арай» wrote its own domain).
        'и' | 'і' | 'й' => "i",
        'ы' => "y",
        'к' => "k",
        'қ' => "q",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' => "u",
        'ф' => "f",
        'х' => "kh",
        'һ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ю' => "yu",
        'я' => "ya",
        // ъ, ь, quotes, spaces, control characters and everything else: a separator.
        _ => "",
    }
}

fn write_zip(file: fs::File, dir: &Path, manifest: &Manifest) -> zip::result::ZipResult<()> {
    // 1980-01-01, the first date a zip can hold: no build time leaks into the bytes.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let dir_options = options.unix_permissions(0o755);
    let mut zip = ZipWriter::new(std::io::BufWriter::new(file));
    let folders: BTreeSet<super::path::RemotePath> =
        manifest.files.keys().flat_map(super::path::RemotePath::parents).collect();
    // Folders first, each before what it holds, for file managers that do not make them.
    for folder in &folders {
        zip.add_directory(format!("{folder}/"), dir_options)?;
    }
    for path in manifest.files.keys() {
        zip.start_file(path.as_str(), options)?;
        // Copied as read: an attachment may be a video of gigabytes.
        std::io::copy(&mut fs::File::open(dir.join(path.as_str()))?, &mut zip)?;
    }
    zip.finish()?.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn config(yaml: &str) -> SiteConfig {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("site.yaml"), yaml).unwrap();
        crate::content::load_config(tmp.path()).unwrap()
    }

    #[test]
    fn the_zip_is_named_after_the_site_and_the_day() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let site = |base: &str| {
            format!(
                "base_url: \"{base}\"\nlanguages: [kk, ru]\ntitle: {{kk: \"«Арай» балалар бақшасы\", ru: \"Детский сад «Арай»\"}}\norganization: {{kk: \"Ә\", ru: \"Я\"}}\n"
            )
        };
        let name = |base: &str| default_name(Some(&config(&site(base))), day);
        assert_eq!(name("https://arai-bbaksha.kz/anticorruption/"), "arai-bbaksha.kz-2026-12-01.zip");
        assert_eq!(name("https://WWW.Arai-Bbaksha.KZ/"), "arai-bbaksha.kz-2026-12-01.zip");
        // A Cyrillic domain: the title, transliterated, rather than `xn--` letters.
        assert_eq!(name("https://арай.kz/"), "arai-balalar-baqshasy-2026-12-01.zip");
        assert_eq!(default_name(None, day), "site-2026-12-01.zip");
        assert_eq!(slug("«Ёлка» \u{1}/..\\ Ұя"), "yolka-uya");
    }

    #[test]
    fn the_same_site_gives_the_same_zip() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("public");
        fs::create_dir_all(site.join("kk/a")).unwrap();
        fs::write(site.join("kk/a/index.html"), "<p>сәлем</p>").unwrap();
        fs::write(site.join("index.html"), "root").unwrap();
        fs::write(site.join(crate::output::MARKER), "x").unwrap();
        let one = tmp.path().join("one.zip");
        let p = package(&site, &one).unwrap();
        assert_eq!(p.files, 2);
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let two = tmp.path().join("two.zip");
        package(&site, &two).unwrap();
        assert_eq!(fs::read(&one).unwrap(), fs::read(&two).unwrap());

        let mut archive = zip::ZipArchive::new(fs::File::open(&one).unwrap()).unwrap();
        let names: Vec<String> = archive.file_names().map(|n| n.unwrap().into_owned()).collect();
        assert_eq!(names, ["kk/", "kk/a/", "index.html", "kk/a/index.html"]);
        let mut text = String::new();
        archive.by_name("kk/a/index.html").unwrap().read_to_string(&mut text).unwrap();
        assert_eq!(text, "<p>сәлем</p>");
    }
}
