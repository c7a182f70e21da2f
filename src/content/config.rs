//! `site.yaml` (DESIGN.md §2): read key by key like a frontmatter, so every problem has a line.

use super::ContentPath;
use super::did_you_mean;
use super::fields::{Reader, scalar_text};
use super::frontmatter::Role;
use super::yaml::Value;
use crate::diagnostic::Diagnostic;
use crate::domain::calendar::{Calendar, Corrections};
use crate::domain::path::{PathProblem, shown};
use crate::messages::Message;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

const KEYS: &[&str] = &[
    "base_url",
    "languages",
    "theme",
    "title",
    "organization",
    "head",
    "working_group",
    "check",
    "calendar",
    "deploy",
    "share_image",
    "favicon",
    "htaccess",
];

/// The site's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteConfig {
    /// Where `public/` is hosted, always ending with `/`.
    pub base_url: String,
    /// Languages; the first is the default.
    pub languages: Vec<String>,
    /// The theme's name.
    pub theme: String,
    /// The site's short title per language.
    pub title: BTreeMap<String, String>,
    /// The organisation's full official name per language.
    pub organization: BTreeMap<String, String>,
    /// The head, who signs orders and approves plans (`ashyq new analysis` names them).
    pub head: Option<StaffMember>,
    /// The standing anti-corruption working group, lead first (`ashyq new analysis` names it).
    pub working_group: Vec<StaffMember>,
    /// Settings of `ashyq check`.
    pub check: CheckConfig,
    /// The site's corrections to Kazakhstan's calendar (`calendar:`).
    pub calendar: Corrections,
    /// Where `ashyq deploy` uploads.
    pub deploy: Option<DeployConfig>,
    /// The picture a shared link shows (`share_image:`); the theme's card when absent.
    pub share_image: Option<ShareImage>,
    /// The site's own icon (`favicon:`); the theme's when absent.
    pub favicon: Option<SiteImage>,
    /// Whether `build` writes an `.htaccess` for Apache hosting (`htaccess: true`).
    pub htaccess: bool,
}

/// An image of the site's own that `site.yaml` names: checked at load to be a file inside the
/// site's folder, of a kind browsers and social networks show, with its size read from it.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteImage {
    /// The file, relative to the site's folder, `/`-separated.
    pub file: String,
    /// Its extension, lower case (`png`).
    pub ext: String,
    /// Its MIME type (`image/png`).
    pub mime: &'static str,
    /// Width in pixels (0 for SVG, which has none).
    pub width: u32,
    /// Height in pixels (0 for SVG).
    pub height: u32,
}

/// `share_image: {file, alt}`: the picture and what it shows, per language.
#[derive(Clone, Debug, PartialEq)]
pub struct ShareImage {
    /// The picture.
    pub image: SiteImage,
    /// Its text alternative per language.
    pub alt: BTreeMap<String, String>,
}

/// `share_image:` as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShareImageText {
    file: String,
    alt: BTreeMap<String, String>,
}

/// Settings of `ashyq check`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CheckConfig {
    /// A document missing a language is an error (else a warning).
    pub require_translations: bool,
    /// Working days required strictly between the announcement and the start.
    pub announcement_working_days: u32,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig { require_translations: true, announcement_working_days: 10 }
    }
}

/// A person `site.yaml` names once so that new analyses need not ask again.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffMember {
    /// The name as documents write it.
    pub name: String,
    /// The post per language.
    #[serde(default)]
    pub post: BTreeMap<String, String>,
    /// The part in the working group (`lead`, `member`, `secretary`); not used for the head.
    #[serde(default)]
    pub role: Option<Role>,
}

/// `calendar:` as written: dates still text, so each bad one is reported at its line.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct CalendarText {
    days_off: Vec<String>,
    working_days: Vec<String>,
}

/// Where to upload. Secrets never live here.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeployConfig {
    /// `ftp://`, `ftps://` or `sftp://` URL with user, host, port and folder.
    pub url: String,
    /// Files sent at once (FTP connections, or files in flight on the one SFTP connection), 1 to
    /// [`MAX_PARALLEL`]; the deploy's default when absent.
    #[serde(default)]
    pub parallel: Option<usize>,
}

/// The most files a deploy sends at once: more FTP connections than this, hosting refuses
/// (many allow a handful per address), and more files in flight on one SFTP connection gain
/// nothing once the link's round trips are covered.
pub const MAX_PARALLEL: usize = 16;

impl SiteConfig {
    /// The default language.
    pub fn default_language(&self) -> &str {
        self.languages.first().map_or("kk", String::as_str)
    }

    /// A per-language value with fallback to the default language, then to any.
    pub fn localized<'a>(&self, map: &'a BTreeMap<String, String>, lang: &str) -> &'a str {
        map.get(lang)
            .or_else(|| map.get(self.default_language()))
            .or_else(|| map.values().next())
            .map_or("", String::as_str)
    }

    /// Kazakhstan's working-day calendar with this site's corrections.
    pub fn calendar(&self) -> Calendar {
        Calendar::kazakhstan(&self.calendar)
    }

    /// The path part of `base_url` (`/anticorruption/`), for links that must be root-relative.
    pub fn base_path(&self) -> &str {
        let rest = self.base_url.split_once("://").map_or(self.base_url.as_str(), |(_, r)| r);
        rest.find('/').map_or("/", |i| &rest[i..])
    }
}

/// Reads `site.yaml` text; `file` names it in findings.
/// Files it names (`favicon:`, `share_image:`) are looked for under `root`.
pub(crate) fn parse(text: &str, file: &Path, root: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
    let mut r = Reader::new(text, 1, file);
    let map = match r.parse() {
        None => return Err(r.diags),
        Some(Value::Mapping(m)) => m,
        Some(_) => {
            r.error(1, Message::ConfigNotMap);
            return Err(r.diags);
        }
    };
    let mut base_url = None;
    let mut languages: Option<(usize, Vec<String>)> = None;
    let mut theme = "default".to_owned();
    let mut title = BTreeMap::new();
    let mut organization = BTreeMap::new();
    let mut check = CheckConfig::default();
    let mut calendar = Corrections::default();
    let mut head: Option<StaffMember> = None;
    let mut working_group: Vec<StaffMember> = Vec::new();
    let mut deploy = None;
    let mut share_image = None;
    let mut favicon = None;
    let mut htaccess = false;
    let mut lines = BTreeMap::new();
    for (key, line, value) in r.entries(map) {
        lines.insert(key.clone(), line);
        match key.as_str() {
            "base_url" => base_url = read_base_url(&mut r, line, &value),
            "languages" => languages = r.convert::<Vec<String>>(&key, line, value).map(|l| (line, l)),
            "theme" => theme = read_theme(&mut r, line, &value).unwrap_or(theme),
            "title" => title = r.convert(&key, line, value).unwrap_or_default(),
            "organization" => organization = r.convert(&key, line, value).unwrap_or_default(),
            "check" => check = read_check(&mut r, line, value),
            "calendar" => calendar = read_calendar(&mut r, text, line, value),
            "head" => head = r.convert(&key, line, value),
            "working_group" => working_group = r.convert(&key, line, value).unwrap_or_default(),
            "deploy" => {
                deploy = r.convert::<DeployConfig>(&key, line, value);
                if deploy.as_ref().is_some_and(|d| url_has_password(&d.url)) {
                    let at = r.line_of("url", line);
                    r.error(at, Message::PasswordInUrl { flag: false });
                }
                if let Some(value) =
                    deploy.as_ref().and_then(|d| d.parallel).filter(|n| !(1..=MAX_PARALLEL).contains(n))
                {
                    let at = r.line_of("parallel", line);
                    r.error(at, Message::ParallelOutOfRange { value, max: MAX_PARALLEL });
                }
            }
            "share_image" => share_image = read_share_image(&mut r, root, line, value),
            "favicon" => {
                let path = r.convert::<String>(&key, line, value);
                favicon = path.and_then(|p| read_image(&mut r, root, &key, line, &p, FAVICON_KINDS));
            }
            "htaccess" => htaccess = r.convert(&key, line, value).unwrap_or_default(),
            _ => {
                let suggestion = did_you_mean(&key, KEYS);
                r.error(line, Message::UnknownKey { key, suggestion, allowed: KEYS.join(", ") });
            }
        }
    }
    if base_url.is_none() && !lines.contains_key("base_url") {
        r.error(1, Message::MissingKey { key: "base_url".into() });
    }
    let languages = match languages {
        Some((line, langs)) => check_languages(&mut r, line, langs),
        None => {
            if !lines.contains_key("languages") {
                r.error(1, Message::MissingKey { key: "languages".into() });
            }
            Vec::new()
        }
    };
    let line_of = |key: &str| lines.get(key).copied().unwrap_or(1);
    check_staff(&mut r, &line_of, head.as_ref(), &working_group, &languages);
    let alt = share_image.as_ref().map(|s| &s.alt);
    let named = [("title", Some(&title)), ("organization", Some(&organization)), ("share_image", alt)];
    check_translations(&mut r, &line_of, named.into_iter().filter_map(|(k, m)| m.map(|m| (k, m))), &languages);
    match (r.diags.is_empty(), base_url) {
        (true, Some(base_url)) => Ok(SiteConfig {
            base_url,
            languages,
            theme,
            title,
            organization,
            head,
            working_group,
            check,
            calendar,
            deploy,
            share_image,
            favicon,
            htaccess,
        }),
        _ => Err(r.diags),
    }
}

/// The head and the working group: a name that is text, posts in the site's languages only.
fn check_staff(
    r: &mut Reader,
    line_of: &dyn Fn(&str) -> usize,
    head: Option<&StaffMember>,
    working_group: &[StaffMember],
    languages: &[String],
) {
    let people = head.into_iter().map(|p| ("head", p)).chain(working_group.iter().map(|p| ("working_group", p)));
    for (key, person) in people {
        let line = line_of(key);
        if person.name.trim().is_empty() || person.name.chars().any(char::is_control) {
            r.error(line, Message::BadValue { key: format!("{key}.name"), detail: person.name.clone() });
        }
        for lang in person.post.keys().filter(|l| !languages.is_empty() && !languages.contains(l)) {
            r.error(line, Message::UnknownLanguage { lang: lang.clone(), languages: languages.join(", ") });
        }
    }
}

/// Values given per language (`title`, …): one in the first (default) language, none in a
/// language the site does not have.
fn check_translations<'a>(
    r: &mut Reader,
    line_of: &dyn Fn(&str) -> usize,
    named: impl Iterator<Item = (&'a str, &'a BTreeMap<String, String>)>,
    languages: &[String],
) {
    let Some(default) = languages.first() else { return };
    for (key, map) in named {
        if !map.contains_key(default) {
            r.error(line_of(key), Message::MissingLanguageValue { key: key.into(), lang: default.clone() });
        }
        for lang in map.keys().filter(|l| !languages.contains(l)) {
            r.error(line_of(key), Message::UnknownLanguage { lang: lang.clone(), languages: languages.join(", ") });
        }
    }
}

/// `theme:` names a folder in `themes/`: one name, which cannot lead out of it (`../..` would
/// read, and publish, folders of the machine).
fn read_theme(r: &mut Reader, line: usize, value: &Value) -> Option<String> {
    let name = scalar_text(value).unwrap_or_default();
    let problem = if name.contains('/') { Some(PathProblem::Slash) } else { ContentPath::parse(&name).err() };
    match problem {
        None => Some(name),
        Some(problem) => {
            r.error(line, Message::ThemeNameRefused { name: shown(&name), problem });
            None
        }
    }
}

fn read_base_url(r: &mut Reader, line: usize, value: &Value) -> Option<String> {
    let url = scalar_text(value).unwrap_or_default();
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.starts_with('/') && !url.contains(['?', '#', ' ']) => {
            Some(if url.ends_with('/') { url } else { format!("{url}/") })
        }
        _ => {
            r.error(line, Message::BadBaseUrl { value: url });
            None
        }
    }
}

/// Image kinds a shared link may show: social networks render none of SVG, ICO or AVIF.
const SHARE_KINDS: &[Kind] =
    &[("png", "image/png", Some(Png)), ("jpg", "image/jpeg", Some(Jpeg)), ("jpeg", "image/jpeg", Some(Jpeg))];
/// Icon kinds every current browser shows (SVG is text: its size is not read).
const FAVICON_KINDS: &[Kind] =
    &[("png", "image/png", Some(Png)), ("ico", "image/x-icon", Some(Ico)), ("svg", "image/svg+xml", None)];
/// An image kind: extension, MIME type, and what its first bytes must be.
type Kind = (&'static str, &'static str, Option<imagesize::ImageType>);
use imagesize::ImageType::{Ico, Jpeg, Png};

fn read_share_image(r: &mut Reader, root: &Path, line: usize, value: Value) -> Option<ShareImage> {
    let text = r.convert::<ShareImageText>("share_image", line, value)?;
    let at = r.line_of("file", line);
    let image = read_image(r, root, "share_image.file", at, &text.file, SHARE_KINDS)?;
    let alt_line = r.line_of("alt", line);
    for (lang, words) in &text.alt {
        if words.trim().is_empty() || words.chars().any(char::is_control) {
            r.error(alt_line, Message::BadValue { key: format!("share_image.alt.{lang}"), detail: words.clone() });
        }
    }
    Some(ShareImage { image, alt: text.alt })
}

/// A file `site.yaml` names: relative, inside the site's folder, of one of `kinds`, readable
/// as an image. Each problem is an error at `line` that says what to write instead.
fn read_image(r: &mut Reader, root: &Path, key: &str, line: usize, path: &str, kinds: &[Kind]) -> Option<SiteImage> {
    let rel = Path::new(path);
    let inside = !path.is_empty()
        && !path.chars().any(char::is_control)
        && !path.contains('\\')
        && rel.components().all(|c| matches!(c, std::path::Component::Normal(_)));
    let real = inside.then(|| std::fs::canonicalize(root.join(rel)).ok()).flatten();
    let root_real = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let Some(real) = real.filter(|p| p.starts_with(&root_real) && p.is_file()) else {
        r.error(line, Message::SiteFileMissing { key: key.to_owned(), path: path.to_owned() });
        return None;
    };
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_lowercase()).unwrap_or_default();
    let kind = kinds.iter().find(|(k, ..)| *k == ext);
    // The bytes must be what the name says: a renamed file would be sent with the wrong type.
    let size = match kind {
        Some((_, _, None)) => Some((0, 0)),
        Some((_, _, Some(want))) => image_size(&real, *want),
        None => None,
    };
    let (Some(&(_, mime, _)), Some((width, height))) = (kind, size) else {
        let allowed = kinds.iter().map(|(k, ..)| *k).collect::<Vec<_>>().join(", ");
        r.error(line, Message::SiteImageKind { key: key.to_owned(), path: path.to_owned(), allowed });
        return None;
    };
    Some(SiteImage { file: path.to_owned(), ext, mime, width, height })
}

/// The size of the image at `path` if its first bytes are of kind `want`.
fn image_size(path: &Path, want: imagesize::ImageType) -> Option<(u32, u32)> {
    use std::io::Read;
    let mut head = Vec::with_capacity(64);
    std::fs::File::open(path).ok()?.take(64).read_to_end(&mut head).ok()?;
    if imagesize::image_type(&head).ok()? != want {
        return None;
    }
    let s = imagesize::size(path).ok()?;
    Some((u32::try_from(s.width).ok()?, u32::try_from(s.height).ok()?))
}

fn check_languages(r: &mut Reader, line: usize, langs: Vec<String>) -> Vec<String> {
    if langs.is_empty() {
        r.error(line, Message::NoLanguages);
    }
    let mut seen = Vec::new();
    for l in langs {
        if l.len() != 2 || !l.bytes().all(|b| b.is_ascii_lowercase()) || seen.contains(&l) {
            r.error(line, Message::BadLanguageCode { value: l });
        } else {
            seen.push(l);
        }
    }
    seen
}

/// `check:`. The old `check.holidays` (fixed `MM-DD` days) is refused with what replaced it:
/// read silently, it would have hidden that the calendar now comes from the shipped data.
fn read_check(r: &mut Reader, line: usize, value: Value) -> CheckConfig {
    let mut value = value;
    if let Value::Mapping(m) = &mut value
        && m.remove("holidays").is_some()
    {
        let at = r.line_of("holidays", line);
        r.error(at, Message::OldHolidays);
    }
    r.convert("check", line, value).unwrap_or_default()
}

/// `calendar: {days_off: [...], working_days: [...]}`: each date checked, a bad one reported at
/// the line it is written on.
fn read_calendar(r: &mut Reader, text: &str, line: usize, value: Value) -> Corrections {
    let Some(raw) = r.convert::<CalendarText>("calendar", line, value) else { return Corrections::default() };
    let mut read = |key: &str, list: &[String]| -> Vec<chrono::NaiveDate> {
        let from = r.line_of(key, line);
        list.iter()
            .filter_map(|v| match super::parse_date(v) {
                Ok(d) => Some(d),
                Err(message) => {
                    r.error(line_containing(text, v, from), message);
                    None
                }
            })
            .collect()
    };
    let days_off = read("days_off", &raw.days_off);
    let working_days = read("working_days", &raw.working_days);
    Corrections { days_off, working_days }
}

/// The first line at or after `from` (1-based) that contains `needle`, else `from`.
fn line_containing(text: &str, needle: &str, from: usize) -> usize {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| !needle.is_empty() && l.contains(needle))
        .map_or(from, |(i, _)| i + 1)
}

/// Whether a deploy URL carries a password (`user:secret@host`).
pub fn url_has_password(url: &str) -> bool {
    let Some((_, rest)) = url.split_once("://") else { return false };
    let authority = rest.split('/').next().unwrap_or("");
    authority.rsplit_once('@').is_some_and(|(userinfo, _)| userinfo.contains(':'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn reads_the_design_example() {
        let text = "base_url: \"https://arai-bbaksha.kz/anticorruption\"\nlanguages: [kk, ru]\ntitle: {kk: a, ru: b}\norganization: {kk: c}\n";
        let c = parse(text, Path::new("site.yaml"), Path::new("/nonexistent")).expect("parses");
        assert_eq!(c.base_url, "https://arai-bbaksha.kz/anticorruption/");
        assert_eq!(c.base_path(), "/anticorruption/");
        assert_eq!(c.default_language(), "kk");
        assert_eq!(c.localized(&c.organization, "ru"), "c");
        assert_eq!(c.check.announcement_working_days, 10);
        assert_eq!(c.calendar, Corrections::default());
    }

    #[test]
    fn reads_calendar_corrections_and_points_at_a_bad_date() {
        let head = "base_url: https://x.kz/\nlanguages: [kk]\ntitle: {kk: a}\norganization: {kk: a}\n";
        let good = format!("{head}calendar:\n  days_off: [2027-01-05]\n  working_days:\n    - \"2027-01-09\"\n");
        let c = parse(&good, Path::new("site.yaml"), Path::new("/nonexistent")).expect("parses");
        assert_eq!(c.calendar.days_off, vec![chrono::NaiveDate::from_ymd_opt(2027, 1, 5).unwrap_or_default()]);
        assert!(!c.calendar().is_working(c.calendar.days_off[0]));
        assert!(c.calendar().is_working(c.calendar.working_days[0]));
        let bad = format!("{head}calendar:\n  days_off:\n    - 2027-01-05\n    - \"«ә\\u0007»\"\n  workdays: []\n");
        let d = parse(&bad, Path::new("site.yaml"), Path::new("/nonexistent")).expect_err("fails");
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            matches!(&d[0].message, Message::UnknownKey { suggestion: Some(s), .. } if s == "working_days"),
            "{d:?}"
        );
        let old = format!("{head}check:\n  holidays: [\"01-07\"]\n");
        let d = parse(&old, Path::new("site.yaml"), Path::new("/nonexistent")).expect_err("fails");
        assert_eq!((d[0].line, &d[0].message), (Some(6), &Message::OldHolidays));
    }

    #[test]
    fn reads_the_head_and_the_working_group_once_for_every_analysis() {
        let head =
            "base_url: https://x.kz/\nlanguages: [kk, ru]\ntitle: {kk: a, ru: b}\norganization: {kk: a, ru: b}\n";
        let good = format!(
            "{head}head: {{name: \"Г.С. Куанышбаева\", post: {{kk: \"Балабақша меңгерушісі\", ru: \"Заведующий детским садом\"}}}}\nworking_group:\n  - {{name: \"Садабаева Динара\", post: {{kk: әдіскер, ru: методист}}, role: lead}}\n"
        );
        let c = parse(&good, Path::new("site.yaml"), Path::new("/nonexistent")).expect("parses");
        assert_eq!(c.head.as_ref().map(|h| h.post["ru"].as_str()), Some("Заведующий детским садом"));
        assert_eq!(c.working_group[0].role, Some(Role::Lead));
        let bad = format!("{head}head: {{name: \"\", post: {{en: x}}}}\nworking_group:\n  - {{name: a, rol: lead}}\n");
        let d = parse(&bad, Path::new("site.yaml"), Path::new("/nonexistent")).expect_err("fails");
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(d.iter().any(|d| matches!(&d.message, Message::UnknownKey { suggestion: Some(s), .. } if s == "role")));
        assert!(d.iter().any(|d| d.line == Some(5) && matches!(&d.message, Message::UnknownLanguage { .. })));
    }

    #[test]
    fn names_and_translations_are_checked_at_their_keys_lines() {
        let text = "base_url: https://x.kz/\nlanguages: [kk, ru]\ntitle: {ru: «Арай»}\norganization: {kk: ә, ru: ё, en: x}\nhead: {name: \"Куанышбаева\"}\nworking_group:\n  - {name: \"Садабаева\\u0007\", post: {kk: әдіскер}}\n";
        let d = parse(text, Path::new("site.yaml"), Path::new("/nonexistent")).expect_err("fails");
        let found: Vec<(Option<usize>, &str)> = d.iter().map(|d| (d.line, d.message.id())).collect();
        assert_eq!(
            found,
            [(Some(6), "bad-value"), (Some(3), "missing-language-value"), (Some(4), "unknown-language")],
            "{d:?}"
        );
        assert!(matches!(&d[0].message, Message::BadValue { key, .. } if key == "working_group.name"), "{d:?}");
        assert!(matches!(&d[1].message, Message::MissingLanguageValue { key, lang } if key == "title" && lang == "kk"));
    }

    #[cfg(unix)]
    #[test]
    fn named_pictures_must_be_files_inside_the_site_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let (site, outside) = (tmp.path().join("сайт"), tmp.path().join("outside.png"));
        fs::create_dir_all(site.join("files")).unwrap();
        fs::write(&outside, [0x89, b'P', b'N', b'G']).unwrap();
        std::os::unix::fs::symlink(&outside, site.join("files/link.png")).unwrap();
        let head = "base_url: https://x.kz/\nlanguages: [kk]\ntitle: {kk: a}\norganization: {kk: a}\n";
        for (value, id) in [
            ("files/link.png", "site-file-missing"),
            ("files", "site-file-missing"),
            ("/etc/hostname", "site-file-missing"),
            ("\"files/«ә»\\u0007.png\"", "site-file-missing"),
        ] {
            let d = parse(&format!("{head}favicon: {value}\n"), Path::new("site.yaml"), &site).expect_err(value);
            assert_eq!((d.len(), d[0].line, d[0].message.id()), (1, Some(5), id), "{value}: {d:?}");
        }
        let c = parse(&format!("{head}htaccess: true\n"), Path::new("site.yaml"), &site).expect("parses");
        assert!(c.htaccess && c.favicon.is_none() && c.share_image.is_none());
        let d = parse(&format!("{head}htaccess: «иә»\n"), Path::new("site.yaml"), &site).expect_err("not a bool");
        assert_eq!(d[0].line, Some(5));
    }

    #[test]
    fn each_bad_calendar_date_is_reported_at_its_line() {
        let text = "base_url: https://x.kz/\nlanguages: [kk]\ntitle: {kk: a}\norganization: {kk: a}\ncalendar:\n  days_off:\n    - 2027-01-05\n    - 2027-02-30\n  working_days: [\"01-07\", 2027-01-09]\n";
        let d = parse(text, Path::new("site.yaml"), Path::new("/nonexistent")).expect_err("fails");
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].line, Some(8));
        assert!(matches!(d[0].message, Message::ImpossibleDate { .. }));
        assert_eq!(d[1].line, Some(9));
        assert!(matches!(d[1].message, Message::DateFormat { .. }));
    }

    #[test]
    fn refuses_passwords_and_unknown_keys() {
        let text = "base_url: https://x.kz/\nlanguages: [kk]\ntitle: {kk: a}\norganization: {kk: a}\nlanguage: [kk]\ndeploy:\n  url: ftp://u:secret@h/\n";
        let d = parse(text, Path::new("site.yaml"), Path::new("/nonexistent")).expect_err("fails");
        assert_eq!(d.len(), 2);
        assert!(matches!(&d[0].message, Message::UnknownKey { suggestion: Some(s), .. } if s == "languages"));
        assert_eq!(d[1].line, Some(7));
        assert!(matches!(d[1].message, Message::PasswordInUrl { .. }));
        assert!(!url_has_password("sftp://user@host:22/x"));
    }

    #[test]
    fn deploy_parallel_is_a_number_from_1_to_16() {
        let site = "base_url: https://x.kz/\nlanguages: [kk]\ntitle: {kk: «Арай»}\norganization: {kk: ә}\n";
        let with = |value: &str| {
            let text = format!("{site}deploy:\n  url: sftp://арай@x.kz/сайт\n  parallel: {value}\n");
            parse(&text, Path::new("site.yaml"), Path::new("/nonexistent"))
        };
        for (value, want) in [("1", 1), ("4", 4), ("16", MAX_PARALLEL)] {
            assert_eq!(with(value).expect("parses").deploy.and_then(|d| d.parallel), Some(want), "{value}");
        }
        for (value, got) in [("0", 0), ("17", 17), ("1000", 1000)] {
            let d = with(value).expect_err("refused");
            assert_eq!(d.len(), 1, "{d:?}");
            assert_eq!(d[0].line, Some(7), "{value}");
            assert_eq!(d[0].message, Message::ParallelOutOfRange { value: got, max: 16 });
        }
        for value in ["-1", "сегіз", "2.5"] {
            let d = with(value).expect_err("refused");
            assert_eq!((d.len(), d[0].line), (1, Some(5)), "{value}: {d:?}");
        }
        let text = format!("{site}deploy:\n  url: sftp://u@h/x\n");
        assert_eq!(
            parse(&text, Path::new("site.yaml"), Path::new("/nonexistent")).unwrap().deploy.unwrap().parallel,
            None
        );
    }
}
