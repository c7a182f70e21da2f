//! The languages ashyq speaks to its users in, and how the one for a run is chosen.

/// The language in which ashyq speaks to its user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum UiLang {
    /// Kazakh, the state language.
    #[default]
    Kk,
    /// Russian.
    Ru,
    /// English, for developers and CI logs.
    En,
}

impl UiLang {
    /// Every interface language.
    pub const ALL: [UiLang; 3] = [UiLang::Kk, UiLang::Ru, UiLang::En];

    /// Reads `kk`, `ru` or `en`.
    pub fn parse(code: &str) -> Option<UiLang> {
        match code {
            "kk" => Some(UiLang::Kk),
            "ru" => Some(UiLang::Ru),
            "en" => Some(UiLang::En),
            _ => None,
        }
    }

    /// The interface language for a site language: kk and ru speak for themselves, others get English.
    pub fn for_site_language(code: &str) -> UiLang {
        UiLang::parse(code).unwrap_or(UiLang::En)
    }

    /// The language a POSIX locale names: `ru_RU.UTF-8` is Russian, `kk_KZ` Kazakh, `en_US`
    /// English. `C`, `POSIX` and any other language name no choice among ours: `None`.
    pub fn from_locale(locale: &str) -> Option<UiLang> {
        // language[_territory][.codeset][@modifier], or a BCP 47 tag (`ru-RU`), as Windows names
        // its languages.
        let language = locale.split(['_', '-', '.', '@']).next().unwrap_or("");
        UiLang::parse(&language.to_ascii_lowercase())
    }

    /// The language to speak in, first found: the `--lang` flag; the site's first language when
    /// there is a site.yaml; the user's locale (`LC_ALL`, else `LC_MESSAGES`, else `LANG`, the
    /// first that is set and not empty, as POSIX reads them, through `env`); else Kazakh, the
    /// state language. A locale of `C`/`POSIX` (a server's or a container's default, not a
    /// person's choice) or of another language also gives Kazakh.
    pub fn resolve(flag: Option<UiLang>, site_language: Option<&str>, env: impl Fn(&str) -> Option<String>) -> UiLang {
        if let Some(lang) = flag {
            return lang;
        }
        if let Some(code) = site_language {
            return UiLang::for_site_language(code);
        }
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(|name| env(name).filter(|v| !v.is_empty()))
            .and_then(|locale| UiLang::from_locale(&locale))
            .unwrap_or_default()
    }

    /// The language's code.
    pub fn code(self) -> &'static str {
        match self {
            UiLang::Kk => "kk",
            UiLang::Ru => "ru",
            UiLang::En => "en",
        }
    }
}

/// The letters Kazakh and Russian write and ASCII has not, and their quotes: what every text
/// path's property tests mix into their worst inputs.
#[cfg(test)]
pub(crate) const CYRILLIC: [&str; 12] = ["ә", "ң", "ғ", "ү", "ұ", "қ", "ө", "һ", "і", "ё", "«", "»"];

#[cfg(test)]
mod tests {
    use super::*;
    use UiLang::{En, Kk, Ru};

    #[test]
    fn the_locale_chooses_the_language_outside_a_site() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
        };
        assert_eq!(UiLang::resolve(None, None, env(&[("LANG", "ru_RU.UTF-8")])), Ru);
        assert_eq!(UiLang::resolve(None, None, env(&[("LANG", "kk_KZ")])), Kk);
        assert_eq!(UiLang::resolve(None, None, env(&[("LANG", "ru-RU")])), Ru);
        assert_eq!(UiLang::resolve(None, None, env(&[("LANG", "kk-Cyrl-KZ")])), Kk);
        assert_eq!(UiLang::resolve(None, None, env(&[("LANG", "en_GB.UTF-8")])), En);
        assert_eq!(UiLang::resolve(None, None, env(&[("LANG", "C.UTF-8")])), Kk);
        assert_eq!(UiLang::resolve(None, None, env(&[("LANG", "POSIX")])), Kk);
        assert_eq!(UiLang::resolve(None, None, env(&[("LANG", "de_DE.UTF-8")])), Kk);
        assert_eq!(UiLang::resolve(None, None, env(&[])), Kk);
        // LC_ALL, then LC_MESSAGES, then LANG; an empty one counts as unset.
        assert_eq!(UiLang::resolve(None, None, env(&[("LC_ALL", "en_US"), ("LANG", "ru_RU")])), En);
        assert_eq!(UiLang::resolve(None, None, env(&[("LC_MESSAGES", "ru_RU"), ("LANG", "en_US")])), Ru);
        assert_eq!(UiLang::resolve(None, None, env(&[("LC_ALL", ""), ("LANG", "ru_RU@latin")])), Ru);
        // The site's language beats the locale, the flag beats both.
        assert_eq!(UiLang::resolve(None, Some("kk"), env(&[("LANG", "ru_RU.UTF-8")])), Kk);
        assert_eq!(UiLang::resolve(None, Some("de"), env(&[("LANG", "ru_RU.UTF-8")])), En);
        assert_eq!(UiLang::resolve(Some(Ru), Some("kk"), env(&[("LANG", "en_US")])), Ru);
    }
}
