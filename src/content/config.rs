//! `site.yaml` (DESIGN.md §2): read key by key like a frontmatter, so every problem has a line.

use super::did_you_mean;
use super::fields::{Reader, scalar_text};
use super::yaml::Value;
use crate::diagnostic::Diagnostic;
use crate::messages::Message;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

const KEYS: &[&str] = &["base_url", "languages", "theme", "title", "organization", "check", "deploy"];

/// Kazakhstan's fixed public holidays (month-day), the default of `check.holidays`.
pub const KZ_HOLIDAYS: &[&str] = &[
    "01-01", "01-02", "01-07", "03-08", "03-21", "03-22", "03-23", "05-01", "05-07", "05-09", "07-06", "08-30",
    "10-25", "12-16",
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
    /// Settings of `ashyq check`.
    pub check: CheckConfig,
    /// Where `ashyq deploy` uploads.
    pub deploy: Option<DeployConfig>,
}

/// Settings of `ashyq check`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CheckConfig {
    /// A document missing a language is an error (else a warning).
    pub require_translations: bool,
    /// Working days required strictly between the announcement and the start.
    pub announcement_working_days: u32,
    /// Public holidays as `MM-DD`.
    pub holidays: Vec<String>,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            require_translations: true,
            announcement_working_days: 10,
            holidays: KZ_HOLIDAYS.iter().map(|s| (*s).to_owned()).collect(),
        }
    }
}

/// Where to upload. Secrets never live here.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeployConfig {
    /// `ftp://`, `ftps://` or `sftp://` URL with user, host, port and folder.
    pub url: String,
}

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

    /// The path part of `base_url` (`/anticorruption/`), for links that must be root-relative.
    pub fn base_path(&self) -> &str {
        let rest = self.base_url.split_once("://").map_or(self.base_url.as_str(), |(_, r)| r);
        rest.find('/').map_or("/", |i| &rest[i..])
    }
}

/// Reads `site.yaml` text; `file` names it in findings.
pub(crate) fn parse(text: &str, file: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
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
    let mut deploy = None;
    let mut lines = BTreeMap::new();
    for (key, line, value) in r.entries(map) {
        lines.insert(key.clone(), line);
        match key.as_str() {
            "base_url" => base_url = read_base_url(&mut r, line, &value),
            "languages" => languages = r.convert::<Vec<String>>(&key, line, value).map(|l| (line, l)),
            "theme" => theme = scalar_text(&value).unwrap_or(theme),
            "title" => title = r.convert(&key, line, value).unwrap_or_default(),
            "organization" => organization = r.convert(&key, line, value).unwrap_or_default(),
            "check" => {
                check = r.convert(&key, line, value).unwrap_or_default();
                for h in &check.holidays {
                    if !is_month_day(h) {
                        let at = r.line_of("holidays", line);
                        r.error(at, Message::BadHoliday { value: h.clone() });
                    }
                }
            }
            "deploy" => {
                deploy = r.convert::<DeployConfig>(&key, line, value);
                if deploy.as_ref().is_some_and(|d| url_has_password(&d.url)) {
                    let at = r.line_of("url", line);
                    r.error(at, Message::PasswordInUrl);
                }
            }
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
    if let Some(default) = languages.first() {
        for (key, map) in [("title", &title), ("organization", &organization)] {
            if !map.contains_key(default) {
                let line = lines.get(key).copied().unwrap_or(1);
                r.error(line, Message::MissingLanguageValue { key: key.into(), lang: default.clone() });
            }
            for lang in map.keys().filter(|l| !languages.contains(l)) {
                let line = lines.get(key).copied().unwrap_or(1);
                r.error(line, Message::UnknownLanguage { lang: lang.clone(), languages: languages.join(", ") });
            }
        }
    }
    match (r.diags.is_empty(), base_url) {
        (true, Some(base_url)) => Ok(SiteConfig { base_url, languages, theme, title, organization, check, deploy }),
        _ => Err(r.diags),
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

fn is_month_day(s: &str) -> bool {
    let Some((m, d)) = s.split_once('-') else { return false };
    let (Ok(m), Ok(d)) = (m.parse::<u32>(), d.parse::<u32>()) else { return false };
    // 2024 is a leap year, so 02-29 is accepted.
    m <= 12 && chrono::NaiveDate::from_ymd_opt(2024, m, d).is_some() && s.len() == 5
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

    #[test]
    fn reads_the_design_example() {
        let text = "base_url: \"https://arai-bbaksha.kz/anticorruption\"\nlanguages: [kk, ru]\ntitle: {kk: a, ru: b}\norganization: {kk: c}\n";
        let c = parse(text, Path::new("site.yaml")).expect("parses");
        assert_eq!(c.base_url, "https://arai-bbaksha.kz/anticorruption/");
        assert_eq!(c.base_path(), "/anticorruption/");
        assert_eq!(c.default_language(), "kk");
        assert_eq!(c.localized(&c.organization, "ru"), "c");
        assert_eq!(c.check.announcement_working_days, 10);
    }

    #[test]
    fn refuses_passwords_and_unknown_keys() {
        let text = "base_url: https://x.kz/\nlanguages: [kk]\ntitle: {kk: a}\norganization: {kk: a}\nlanguage: [kk]\ndeploy:\n  url: ftp://u:secret@h/\n";
        let d = parse(text, Path::new("site.yaml")).expect_err("fails");
        assert_eq!(d.len(), 2);
        assert!(matches!(&d[0].message, Message::UnknownKey { suggestion: Some(s), .. } if s == "languages"));
        assert_eq!(d[1].line, Some(7));
        assert!(matches!(d[1].message, Message::PasswordInUrl));
        assert!(!url_has_password("sftp://user@host:22/x"));
    }
}
