//! The catalogue of everything ashyq tells its users, in Kazakh, Russian and English.
//!
//! Each message is declared once, in the table at the end of this module: its variant and
//! fields, its stable id, and its Kazakh, Russian and English texts. The `messages!` macro
//! turns the table into [`Message`], [`Message::id`], [`Message::text`], [`Message::IDS`] and
//! one example of each message for the tests, so that a message cannot be half added.
//!
//! Counts go through [`plural`] (Russian has three forms, English two, Kazakh keeps the noun
//! after a numeral), sizes through [`size`], dates through [`crate::domain::dates::numeric`].

use crate::domain::acts::{ACTS, Issuer};
use crate::domain::kind::Kind;
pub use crate::domain::lang::UiLang;
pub use words::Word;

mod words;
use crate::domain::path::PathProblem;
use UiLang::{En, Kk, Ru};
use chrono::NaiveDate;

/// A date in findings: `31.03.2026`, as documents write it in both languages.
fn d(date: &NaiveDate) -> String {
    crate::domain::dates::numeric(*date)
}

/// What is wrong with a path, as the end of a sentence, in `lang`.
fn path_problem(p: PathProblem, lang: UiLang) -> &'static str {
    let texts = match p {
        PathProblem::Empty => {
            ["бос (не бос бөлігі бар)", "пустое (или в нем пустая часть)", "is empty (or has an empty part)"]
        }
        PathProblem::Absolute => [
            "«/» белгісімен басталады (сайт қалтасынан тыс)",
            "начинается с «/» (вне папки сайта)",
            "starts with \"/\" (outside the site's folder)",
        ],
        PathProblem::Dots => [
            "ішінде «.» не «..» бөлігі бар (сайт қалтасынан шығуы мүмкін)",
            "содержит часть «.» или «..» (может выйти из папки сайта)",
            "has a \".\" or \"..\" part (could leave the site's folder)",
        ],
        PathProblem::Backslash => ["ішінде «\\» белгісі бар", "содержит знак «\\»", "contains a \"\\\""],
        PathProblem::Control => [
            "ішінде басқару таңбасы бар (жол ауысуы, табуляция…)",
            "содержит управляющий символ (перевод строки, табуляцию…)",
            "contains a control character (line break, tab…)",
        ],
        PathProblem::Slash => ["ішінде «/» белгісі бар", "содержит знак «/»", "contains a \"/\""],
        PathProblem::NotUnicode => [
            "Юникодта емес (ескі кодтаумен жазылған)",
            "не в Юникоде (записано в старой кодировке)",
            "is not Unicode (written in a legacy encoding)",
        ],
        PathProblem::TooLong => ["тым ұзын", "слишком длинное", "is too long"],
    };
    pick(texts, lang)
}

/// Where the upload address came from, as a message names it: the flag or site.yaml's key.
fn url_place(flag: bool) -> &'static str {
    if flag { "--url" } else { "deploy.url" }
}

/// What is wrong with a YAML text, in `lang`: the user's words first, the parser's after.
fn yaml_problem(p: YamlProblem, lang: UiLang) -> &'static str {
    let texts = match p {
        YamlProblem::Unclosed => {
            ["тырнақша не жақша жабылмаған", "не закрыта кавычка или скобка", "a quote or a bracket is never closed"]
        }
        YamlProblem::Indentation => [
            "шегініс дұрыс емес: бір деңгейдегі жолдар бірдей бос орынмен басталуы керек",
            "неверный отступ: строки одного уровня должны начинаться с одинакового числа пробелов",
            "the indentation is wrong: lines of one level must start with the same number of spaces",
        ],
        YamlProblem::Tab => [
            "шегініс табуляциямен жасалған: оның орнына бос орындар қойыңыз",
            "отступ сделан табуляцией: замените ее пробелами",
            "a tab is used for indentation: use spaces instead",
        ],
        YamlProblem::DuplicateKey => [
            "бір кілт екі рет жазылған: біреуін қалдырыңыз",
            "один ключ записан дважды: оставьте один",
            "a key is written twice: keep one",
        ],
        YamlProblem::Colon => [
            "қос нүкте жоқ: әр жол `кілт: мән` түрінде болуы керек",
            "нет двоеточия: каждая строка должна быть вида `ключ: значение`",
            "a colon is missing: each line must be `key: value`",
        ],
        YamlProblem::KeyHere => [
            "`кілт: мән` жолы болмайтын жерде тұр: ол жоғарғы жолдан артық шегінбегенін тексеріңіз; мәнде `: ` болса, мәнді тырнақшаға алыңыз",
            "строка `ключ: значение` стоит там, где ее быть не может: проверьте, что у нее нет лишнего отступа; если в значении есть `: `, возьмите значение в кавычки",
            "a `key: value` line stands where none can: check that it is not indented more than it should be; if a value holds `: `, put the value in quotes",
        ],
        YamlProblem::UnexpectedEnd => {
            ["мәтін күтпеген жерде аяқталды", "текст неожиданно оборвался", "the text ends too early"]
        }
        YamlProblem::WrongType => [
            "мәннің түрі дұрыс емес (мысалы, мәтіннің орнына тізім)",
            "значение не того вида (например, список вместо текста)",
            "a value is of the wrong kind (such as a list where text belongs)",
        ],
        YamlProblem::Other => ["жазылуы дұрыс емес", "ошибка записи", "the text cannot be read"],
    };
    pick(texts, lang)
}

/// What is wrong with a YAML text (`content::yaml` recognises it from the parser's English
/// words), so that the user reads it in their own language; the parser's words stay as a detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum YamlProblem {
    /// A quote or a bracket opened and never closed.
    Unclosed,
    /// Lines of one level that do not line up.
    Indentation,
    /// A tab used for indentation.
    Tab,
    /// One key written twice in a mapping.
    DuplicateKey,
    /// A line without its `:` (`жауапты адам` among `key: value` lines).
    Colon,
    /// A `key: value` where none can be: indented under a plain value, or `title: a: b`.
    KeyHere,
    /// The text ends inside something unfinished.
    UnexpectedEnd,
    /// A value of the wrong kind (a list where text belongs…).
    WrongType,
    /// Anything else: the parser's words say it.
    #[default]
    Other,
}

/// `text` with its first letter a capital, for a name that starts a sentence or a line.
pub fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A kind's short name in running text.
pub fn kind_name(kind: Kind, lang: UiLang) -> &'static str {
    let [kk, ru, en] = match kind {
        Kind::Announcement => {
            ["талдаудың басталғаны туралы хабарландыру", "объявление о начале анализа", "start announcement"]
        }
        Kind::Order => ["бұйрық", "приказ", "order"],
        Kind::WorkPlan => ["жұмыс жоспары", "план работы", "work plan"],
        Kind::Report => ["талдамалық анықтама", "аналитическая справка", "analytical report"],
        Kind::DiscussionAnnouncement => [
            "жария талқылау күні туралы хабарландыру",
            "объявление о дате публичного обсуждения",
            "discussion announcement",
        ],
        Kind::Protocol => ["жария талқылау хаттамасы", "протокол публичного обсуждения", "discussion protocol"],
        Kind::ActionPlan => ["іс-шаралар жоспары", "план мероприятий", "action plan"],
        Kind::Page => ["бет", "страница", "page"],
    };
    pick([kk, ru, en], lang)
}

fn pick<T>(texts: [T; 3], lang: UiLang) -> T {
    let [kk, ru, en] = texts;
    match lang {
        UiLang::Kk => kk,
        UiLang::Ru => ru,
        UiLang::En => en,
    }
}

/// A thing counted, in the forms each language needs after a numeral: Kazakh keeps the noun as
/// it is («1 қате», «5 қате»); Russian has one, few and many («1 файл», «2 файла», «5 файлов»);
/// English one and other («1 file», «2 files»).
#[derive(Clone, Copy, Debug)]
pub struct Noun {
    kk: &'static str,
    ru: [&'static str; 3],
    en: [&'static str; 2],
}

impl Noun {
    /// The form of the noun after the number `n` in `lang`.
    pub fn form(&self, n: u128, lang: UiLang) -> &'static str {
        match lang {
            UiLang::Kk => self.kk,
            UiLang::Ru => self.ru[ru_plural(n)],
            UiLang::En => self.en[usize::from(n != 1)],
        }
    }
}

/// Which of Russian's three forms follows `n`: 0 for 1, 21, 101 (файл), 1 for 2–4, 22–24
/// (файла), 2 for the rest, 11–14 included (файлов).
fn ru_plural(n: u128) -> usize {
    match (n % 10, n % 100) {
        (_, 11..=14) => 2,
        (1, _) => 0,
        (2..=4, _) => 1,
        _ => 2,
    }
}

/// The nouns ashyq counts.
#[allow(missing_docs)]
pub mod nouns {
    use super::Noun;
    pub const ERROR: Noun =
        Noun { kk: "қате", ru: ["ошибка", "ошибки", "ошибок"], en: ["error", "errors"] };
    pub const WARNING: Noun =
        Noun {
            kk: "ескерту", ru: ["предупреждение", "предупреждения", "предупреждений"], en: ["warning", "warnings"]
        };
    pub const INFO: Noun = Noun {
        kk: "ақпарат",
        ru: ["замечание к сведению", "замечания к сведению", "замечаний к сведению"],
        en: ["info", "infos"],
    };
    pub const PAGE: Noun =
        Noun { kk: "бет", ru: ["страница", "страницы", "страниц"], en: ["page", "pages"] };
    pub const FILE: Noun =
        Noun { kk: "файл", ru: ["файл", "файла", "файлов"], en: ["file", "files"] };
    pub const ROW: Noun =
        Noun { kk: "жол", ru: ["строка", "строки", "строк"], en: ["row", "rows"] };
    /// Rows of something named before them («жоспарының 11 жолы»): Kazakh adds the possessive.
    pub const ROW_OF: Noun = Noun { kk: "жолы", ..ROW };
    pub const DAY: Noun = Noun { kk: "күн", ru: ["день", "дня", "дней"], en: ["day", "days"] };
    pub const WORKING_DAY: Noun = Noun {
        kk: "жұмыс күні",
        ru: ["рабочий день", "рабочих дня", "рабочих дней"],
        en: ["working day", "working days"],
    };
    pub const NUL: Noun = Noun {
        kk: "NUL таңбасы",
        ru: ["символ NUL", "символа NUL", "символов NUL"],
        en: ["NUL character", "NUL characters"],
    };
    pub const CHANGE: Noun = Noun {
        kk: "түзету",
        ru: ["непринятое исправление", "непринятых исправления", "непринятых исправлений"],
        en: ["pending tracked change", "pending tracked changes"],
    };
}
use nouns::*;

/// A number that can be counted: any unsigned or signed integer (a negative count reads as its size).
pub trait Count: Copy + std::fmt::Display {
    /// The number's size, for choosing the noun's form.
    fn magnitude(self) -> u128;
}

macro_rules! count_for {
    ($($t:ty),*) => {$(
        impl Count for $t {
            fn magnitude(self) -> u128 {
                self.unsigned_abs().into()
            }
        }
    )*};
}
macro_rules! count_for_unsigned {
    ($($t:ty),*) => {$(
        impl Count for $t {
            fn magnitude(self) -> u128 {
                // usize is at most 64 bits wide on every platform Rust supports.
                u128::try_from(self).unwrap_or(u128::MAX)
            }
        }
    )*};
}
count_for!(i32, i64);
count_for_unsigned!(u32, u64, usize, u128);

/// `n` with its noun, as `lang` says it: «1 қате», «2 ошибки», «5 ошибок», «1 error», «2 errors».
/// Every count in every message goes through here.
pub fn plural(n: impl Count, noun: Noun, lang: UiLang) -> String {
    format!("{n} {}", noun.form(n.magnitude(), lang))
}

/// A size as people read it in `lang`: «500 байт», «120 КБ», «1,5 МБ», «1.5 MB». One base for
/// everything ashyq shows (the site's attachment sizes, deploy, package): 1024, as Windows'
/// Explorer counts its КБ, so that the number matches what the methodologist sees there.
/// Kilobytes are rounded up to whole ones (a 100-byte-over file is not «0 КБ» bigger).
pub fn size(bytes: u64, lang: UiLang) -> String {
    let (b, kb, mb) = pick([("байт", "КБ", "МБ"), ("Б", "КБ", "МБ"), ("B", "KB", "MB")], lang);
    let text = if bytes < 1024 {
        format!("{bytes} {b}")
    } else if bytes < 1024 * 1024 {
        format!("{} {kb}", bytes.div_ceil(1024))
    } else {
        // Precision does not matter here: these are sizes of web pages and scans.
        #[allow(clippy::cast_precision_loss)]
        let mib = bytes as f64 / (1024.0 * 1024.0);
        format!("{mib:.1} {mb}")
    };
    decimal(&text, lang)
}

/// A number as `lang` writes it: Kazakh and Russian with a decimal comma.
fn decimal(number: &str, lang: UiLang) -> String {
    match lang {
        UiLang::Kk | UiLang::Ru => number.replace('.', ","),
        UiLang::En => number.to_owned(),
    }
}

/// A whole number with its thousands apart, as `lang` writes it: `1 000 000` in Kazakh and
/// Russian (a no-break space), `1,000,000` in English.
pub fn grouped(n: usize, lang: UiLang) -> String {
    let digits = n.to_string();
    let sep = pick(["\u{a0}", "\u{a0}", ","], lang);
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(d);
    }
    out
}

/// A document a message names, by its file in each language that has one (`path` or
/// `path:line`): a message read in Russian names the Russian file, in Kazakh the Kazakh one
/// (issue 24 §5); in a language without its own file, and in English, the first listed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileRef(pub Vec<(String, String)>);

impl FileRef {
    /// One file, whatever the language.
    pub fn one(file: impl Into<String>) -> FileRef {
        FileRef(vec![(String::new(), file.into())])
    }

    /// The file to name to a reader of `lang`.
    pub fn for_lang(&self, lang: UiLang) -> &str {
        let own = self.0.iter().find(|(l, _)| l == lang.code());
        own.or(self.0.first()).map_or("", |(_, f)| f.as_str())
    }
}

/// A citation of a known act with another issuer, date or title (issue 24 §6), in `lang`: what
/// the document wrote, then what the act is.
fn act_citation(
    act: usize,
    issuer: Option<Issuer>,
    date: Option<NaiveDate>,
    title: Option<&str>,
    title_of: Option<usize>,
    lang: UiLang,
) -> String {
    let Some(known) = ACTS.get(act) else { return String::new() };
    let mut parts: Vec<String> = Vec::new();
    if let Some(i) = issuer {
        parts.push(format!(
            "{} {}",
            pick(["шығарған орган:", "издавший орган:", "issued by"], lang),
            pick(i.names(), lang)
        ));
    }
    if let Some(date) = date {
        parts.push(format!("{} {}", pick(["күні:", "дата:", "dated"], lang), d(&date)));
    }
    if let Some(t) = title {
        let whose = title_of.and_then(|a| ACTS.get(a)).map_or_else(String::new, |other| {
            let (n, on) = (other.number, d(&other.date()));
            pick(
                [
                    format!(" (бұл — {on} № {n} актінің атауы)"),
                    format!(" (это название акта № {n} от {on})"),
                    format!(" (the title of act No {n} of {on})"),
                ],
                lang,
            )
        });
        parts.push(format!("{} «{t}»{whose}", pick(["атауы:", "название:", "titled"], lang)));
    }
    let parts = parts.join("; ");
    let (n, name) = (known.number, pick(known.name, lang));
    pick(
        [
            format!(
                "№ {n} акт мұнда басқаша келтірілген ({parts}): бұл — {name}. Құжатты түзету-түзетпеуді ұйым шешеді"
            ),
            format!("акт № {n} приведен здесь иначе ({parts}): это {name}. Исправлять ли документ, решает организация"),
            format!(
                "act No {n} is cited here otherwise ({parts}): it is {name}. The organisation decides whether to correct its document"
            ),
        ],
        lang,
    )
}

/// "Did you mean …?" or the list of allowed values, in `lang`.
fn hint(suggestion: &Option<String>, allowed: &str, lang: UiLang) -> String {
    match suggestion {
        Some(s) => pick(
            [format!("Мүмкін, `{s}`?"), format!("Возможно, имелось в виду `{s}`?"), format!("Did you mean `{s}`?")],
            lang,
        ),
        None => pick(
            [format!("Болатындары: {allowed}."), format!("Допустимые: {allowed}."), format!("Allowed: {allowed}.")],
            lang,
        ),
    }
}

/// Declares every message once. Each entry: doc comments, the variant with its fields (a field
/// may give `= example` for the tests; otherwise its `Default` is the example), `=>` its stable
/// id, then its `kk`, `ru` and `en` texts: expressions that see the fields by name (as
/// references) and give a `String` or a `&str`.
macro_rules! messages {
    ($(
        $(#[$meta:meta])*
        $variant:ident $({ $($field:ident : $ty:ty $(= $example:expr)?),* $(,)? })? => $id:literal {
            kk: $kk:expr,
            ru: $ru:expr,
            en: $en:expr $(,)?
        }
    )*) => {
        /// Something ashyq has to say. Field values are facts (paths, keys, dates), never prose.
        #[derive(Clone, Debug, PartialEq)]
        #[allow(missing_docs)] // each variant's meaning is its three texts
        pub enum Message {
            $($(#[$meta])* $variant $({ $($field: $ty),* })?,)*
        }

        impl Message {
            /// Every message's id, in the order of the table.
            pub const IDS: &'static [&'static str] = &[$($id),*];

            /// A stable identifier (JSON output, tests, documentation).
            pub fn id(&self) -> &'static str {
                match self {
                    $(Message::$variant { .. } => $id,)*
                }
            }

            /// The message in `lang`.
            pub fn text(&self, lang: UiLang) -> String {
                match self {
                    $(Message::$variant $({ $($field),* })? => match lang {
                        UiLang::Kk => ($kk).into(),
                        UiLang::Ru => ($ru).into(),
                        UiLang::En => ($en).into(),
                    },)*
                }
            }

            /// One example of every message, in the order of the table (for the tests, which
            /// then cover every message without a list kept by hand).
            pub fn examples() -> Vec<Message> {
                vec![$(Message::$variant $({ $($field: example!($($example)?)),* })?),*]
            }
        }
    };
}

/// A field's example in the table: the one given, else the type's default.
macro_rules! example {
    () => {
        Default::default()
    };
    ($e:expr) => {
        $e
    };
}

impl Message {
    /// The three texts: Kazakh, Russian, English.
    pub fn texts(&self) -> [String; 3] {
        UiLang::ALL.map(|lang| self.text(lang))
    }
}

// The table. To add a message, add one entry here (where its area's messages are); a count in
// a text goes through `plural`, a size through `size`, a date through `d`.
messages! {
    LevelError => "level-error" {
        kk: "қате",
        ru: "ошибка",
        en: "error",
    }
    LevelWarning => "level-warning" {
        kk: "ескерту",
        ru: "предупреждение",
        en: "warning",
    }
    LevelInfo => "level-info" {
        kk: "ақпарат",
        ru: "информация",
        en: "info",
    }
    // --- reading files
    NotASiteFolder { path: String } => "not-a-site-folder" {
        kk: format!("`{path}` сайт қалтасы емес: онда site.yaml жоқ. ashyq-ты сайт қалтасында іске қосыңыз немесе --root беріңіз"),
        ru: format!("`{path}` не папка сайта: в ней нет site.yaml. Запустите ashyq в папке сайта или укажите --root"),
        en: format!("`{path}` is not a site folder: it has no site.yaml. Run ashyq in the site folder or pass --root"),
    }
    NoContentFolder { path: String } => "no-content-folder" {
        kk: format!("`{path}` қалтасы жоқ: құжаттар content/ қалтасында болуы керек"),
        ru: format!("нет папки `{path}`: документы должны лежать в папке content/"),
        en: format!("there is no `{path}` folder: documents live in content/"),
    }
    FileInUse { path: String } => "file-in-use" {
        kk: format!("`{path}` файлын басқа бағдарлама ашып отыр (мысалы, Word), сондықтан ол сақталмады: файлды сол бағдарламада жабыңыз да, қайта сақтаңыз. Ештеңе жоғалған жоқ: файл бұрынғы күйінде тұр, ал сіздің өзгерістеріңіз осы бетте"),
        ru: format!("файл `{path}` открыт в другой программе (например, в Word), поэтому он не сохранен: закройте его в той программе и сохраните снова. Ничего не потеряно: файл остался прежним, а ваши изменения — на этой странице"),
        en: format!("`{path}` is open in another program (such as Word), so it was not saved: close it there and save again. Nothing is lost: the file is as it was, and your changes are still here"),
    }
    Io { detail: String } => "io" {
        kk: format!("файлды оқу не жазу мүмкін болмады: {detail}"),
        ru: format!("не удалось прочитать или записать файл: {detail}"),
        en: format!("could not read or write: {detail}"),
    }
    NotUtf8 { encoding: String } => "not-utf8" {
        kk: if encoding.is_empty() {
            "файл UTF-8 кодтауында емес: оны ашып, UTF-8 ретінде сақтаңыз".to_owned()
        } else {
            format!("файл UTF-8 кодтауында емес (ол {encoding} сияқты): оны ашып, «Басқаша сақтау» арқылы UTF-8 кодтауымен сақтаңыз")
        },
        ru: if encoding.is_empty() {
            "файл не в кодировке UTF-8: откройте его и сохраните как UTF-8".to_owned()
        } else {
            format!("файл не в кодировке UTF-8 (похоже на {encoding}): откройте его и сохраните через «Сохранить как» в кодировке UTF-8")
        },
        en: if encoding.is_empty() {
            "the file is not UTF-8: open it and save it as UTF-8".to_owned()
        } else {
            format!("the file is not UTF-8 (it looks like {encoding}): open it and use Save As with the UTF-8 encoding")
        },
    }
    NulReplaced { count: usize } => "nul-replaced" {
        kk: format!("файлда {} бар (біріншісі осы жолда): олар � таңбасымен ауыстырылды; файл бүлінген болуы мүмкін, мәтінді тексеріңіз", plural(*count, NUL, Kk)),
        ru: format!("в файле {} (первый в этой строке); они заменены на �; файл мог быть поврежден, проверьте текст", plural(*count, NUL, Ru)),
        en: format!("the file holds {} (the first on this line); they were replaced with �; the file may be damaged, check the text", plural(*count, NUL, En)),
    }
    SymlinkLoop => "symlink-loop" {
        kk: "бұл сілтеме (symlink) өзі орналасқан қалтаға қайта апарады: оны өшіріңіз",
        ru: "эта ссылка (symlink) ведет обратно в папку, где она лежит: удалите ее",
        en: "this symlink leads back to a folder that contains it: remove it",
    }
    SymlinkOutside => "symlink-outside" {
        kk: "бұл сілтеме (symlink) сайт қалтасынан тыс жерге апарады, ондағы файл жарияланбайды: файлдың өзін сайт қалтасына көшіріңіз",
        ru: "эта ссылка (symlink) ведет за пределы папки сайта, и то, на что она указывает, не публикуется: скопируйте сам файл в папку сайта",
        en: "this symlink leads outside the site's folder, and what it points to is not published: copy the file itself into the site's folder",
    }
    ContentNameRefused { problem: PathProblem = PathProblem::Control } => "content-name-refused" {
        kk: format!("бұл файлдың не қалтаның атауы {}, сондықтан ол жарияланбайды: атын өзгертіңіз (әріптер, сандар, бос орын, сызықша)", path_problem(*problem, Kk)),
        ru: format!("имя этого файла или папки {}, поэтому он не публикуется: переименуйте его (буквы, цифры, пробел, дефис)", path_problem(*problem, Ru)),
        en: format!("the name of this file or folder {}, so it is not published: rename it (letters, digits, spaces, hyphens)", path_problem(*problem, En)),
    }
    FileTooLarge { bytes: u64, max: u64 } => "file-too-large" {
        kk: format!("файлдың көлемі {}, құжат не баптау файлы үшін бұл тым үлкен (ең көбі {}): файл дұрыс па? Үлкен файлды (бейне, архив) тіркеме ретінде, өз аты мен кеңейтімімен салыңыз", size(*bytes, Kk), size(*max, Kk)),
        ru: format!("файл занимает {}, для документа или файла настроек это слишком много (не больше {}): тот ли это файл? Большой файл (видео, архив) кладите вложением, под его собственным именем и расширением", size(*bytes, Ru), size(*max, Ru)),
        en: format!("the file is {}, more than a document or a settings file can be (at most {}): is it the right file? A large file (a video, an archive) goes in as an attachment, under its own name and extension", size(*bytes, En), size(*max, En)),
    }
    ChangedWhileBuilding => "changed-while-building" {
        kk: "файл құрастыру кезінде өзгерді не жойылды: сақтауды аяқтап, қайта құрастырыңыз",
        ru: "файл изменился или исчез во время сборки: дождитесь конца сохранения и соберите снова",
        en: "the file changed or disappeared while the site was being built: let the save finish and build again",
    }
    CaseClash { other: String } => "case-clash" {
        kk: format!("бұл файл мен `{other}` тек әріп регистрімен ерекшеленеді; Windows-та және хостингте олар бір файлға айналады: біреуінің атын өзгертіңіз"),
        ru: format!("этот файл и `{other}` различаются только регистром букв; в Windows и на хостинге это один файл: переименуйте один из них"),
        en: format!("this file and `{other}` differ only by letter case; on Windows and on the hosting they are one file: rename one"),
    }
    UnknownLanguage { lang: String, languages: String } => "unknown-language" {
        kk: format!("`{lang}` тілі site.yaml-дағы `languages` тізімінде жоқ ({languages}): файл атын түзетіңіз немесе тілді тізімге қосыңыз"),
        ru: format!("языка `{lang}` нет в списке `languages` в site.yaml ({languages}): исправьте имя файла или добавьте язык в список"),
        en: format!("language `{lang}` is not in site.yaml's `languages` ({languages}): fix the file name or add the language"),
    }
    EmptyFile => "empty-file" {
        kk: "файл бос: басына `---`, `title: …`, `---` жолдарын жазыңыз немесе файлды өшіріңіз",
        ru: "файл пуст: напишите в начале строки `---`, `title: …`, `---` или удалите файл",
        en: "the file is empty: start it with the lines `---`, `title: …`, `---`, or delete it",
    }
    NoFrontmatter => "no-frontmatter" {
        kk: "файл `---` блогынан басталмайды: ең басына `---`, `title: …`, `---` жолдарын қосыңыз",
        ru: "файл не начинается с блока `---`: добавьте в самое начало строки `---`, `title: …`, `---`",
        en: "the file does not start with a `---` block: put the lines `---`, `title: …`, `---` at the very top",
    }
    UnclosedFrontmatter => "unclosed-frontmatter" {
        kk: "1-жолда ашылған `---` блогы жабылмаған: соңғы кілттен кейін `---` жолын қосыңыз",
        ru: "блок `---`, открытый в строке 1, не закрыт: добавьте строку `---` после последнего ключа",
        en: "the `---` block opened on line 1 is never closed: add a `---` line after the last key",
    }
    FrontmatterNotMap => "frontmatter-not-map" {
        kk: "`---` блогында `кілт: мән` жолдары болуы керек (мысалы, `title: …`), тізім не жай мәтін емес",
        ru: "в блоке `---` должны быть строки `ключ: значение` (например, `title: …`), а не список или простой текст",
        en: "the `---` block must hold `key: value` lines (such as `title: …`), not a list or plain text",
    }
    ConfigNotMap => "config-not-map" {
        kk: "site.yaml-да баптаулар `кілт: мән` түрінде жазылуы керек",
        ru: "настройки в site.yaml должны быть записаны как `ключ: значение`",
        en: "site.yaml must list its settings as `key: value`",
    }
    YamlSyntax { problem: YamlProblem = YamlProblem::Unclosed, detail: String } => "yaml-syntax" {
        kk: format!("YAML жазылуында қате: {} ({detail}). Шегіністерді, қос нүктені және тырнақшаларды тексеріңіз", yaml_problem(*problem, Kk)),
        ru: format!("ошибка в записи YAML: {} ({detail}). Проверьте отступы, двоеточия и кавычки", yaml_problem(*problem, Ru)),
        en: format!("YAML syntax error: {} ({detail}). Check the indentation, colons and quotes", yaml_problem(*problem, En)),
    }
    YamlTooLarge { max_kb: usize } => "yaml-too-large" {
        kk: format!("YAML мәтіні {max_kb} КБ-тан ұзын, бұл ешбір `---` блогына не баптау файлына қажет емес: жабатын `---` жолы бар екенін және ештеңе қате қойылмағанын тексеріңіз"),
        ru: format!("текст YAML длиннее {max_kb} КБ, столько не нужно ни одному блоку `---` или файлу настроек: проверьте, что закрывающая строка `---` на месте и ничего не вставлено по ошибке"),
        en: format!("the YAML text is longer than {max_kb} KB, more than any `---` block or settings file needs: check that the closing `---` line is there and nothing was pasted by mistake"),
    }
    YamlTooDeep { max_depth: usize, max_indent: usize } => "yaml-too-deep" {
        kk: format!("YAML бұл жолда тым терең: {max_depth} деңгейден артық `[` не `{{` жақша немесе {max_indent} бос орыннан артық шегініс; жақшалар мен шегіністерді тексеріңіз"),
        ru: format!("YAML в этой строке слишком глубокий: больше {max_depth} уровней скобок `[` или `{{` либо отступ больше {max_indent} пробелов; проверьте скобки и отступы"),
        en: format!("the YAML on this line is nested too deep: more than {max_depth} levels of `[` or `{{` brackets, or an indentation of more than {max_indent} spaces; check the brackets and the indentation"),
    }
    KeyNotText => "key-not-text" {
        kk: "кілт мәтін болуы керек",
        ru: "ключ должен быть текстом",
        en: "a key must be text",
    }
    UnknownKey { key: String, suggestion: Option<String>, allowed: String } => "unknown-key" {
        kk: format!("белгісіз кілт `{key}`. {}", hint(suggestion, allowed, Kk)),
        ru: format!("неизвестный ключ `{key}`. {}", hint(suggestion, allowed, Ru)),
        en: format!("unknown key `{key}`. {}", hint(suggestion, allowed, En)),
    }
    MissingKey { key: String } => "missing-key" {
        kk: format!("`{key}` жоқ немесе бос: оны толтырыңыз"),
        ru: format!("`{key}` отсутствует или пуст: заполните его"),
        en: format!("`{key}` is missing or empty: fill it in"),
    }
    UnknownValue { key: String, value: String, suggestion: Option<String>, allowed: String } => "unknown-value" {
        kk: format!("`{key}` үшін белгісіз мән `{value}`. {}", hint(suggestion, allowed, Kk)),
        ru: format!("неизвестное значение `{value}` для `{key}`. {}", hint(suggestion, allowed, Ru)),
        en: format!("unknown value `{value}` for `{key}`. {}", hint(suggestion, allowed, En)),
    }
    BadValue { key: String, detail: String } => "bad-value" {
        kk: format!("`{key}` мәні дұрыс емес ({detail})"),
        ru: format!("неверное значение `{key}` ({detail})"),
        en: format!("`{key}` has a wrong value ({detail})"),
    }
    DateFormat { value: String } => "date-format" {
        kk: format!("`{value}` күн ретінде оқылмайды: 2026-03-31 немесе 31.03.2026 түрінде жазыңыз"),
        ru: format!("`{value}` не читается как дата: пишите 2026-03-31 или 31.03.2026"),
        en: format!("`{value}` is not a date: write 2026-03-31 or 31.03.2026"),
    }
    ImpossibleDate { value: String } => "impossible-date" {
        kk: format!("`{value}`: күнтізбеде мұндай күн жоқ"),
        ru: format!("`{value}`: такого дня в календаре нет"),
        en: format!("`{value}`: there is no such day in the calendar"),
    }
    // --- site.yaml
    BadBaseUrl { value: String } => "bad-base-url" {
        kk: format!("base_url `{value}` толық мекенжай болуы керек, мысалы https://arai-bbaksha.kz/anticorruption/"),
        ru: format!("base_url `{value}` должен быть полным адресом, например https://arai-bbaksha.kz/anticorruption/"),
        en: format!("base_url `{value}` must be a full address such as https://arai-bbaksha.kz/anticorruption/"),
    }
    NoLanguages => "no-languages" {
        kk: "`languages` тізімі бос: кемінде бір тіл жазыңыз, мысалы [kk, ru]",
        ru: "список `languages` пуст: укажите хотя бы один язык, например [kk, ru]",
        en: "`languages` is empty: list at least one, such as [kk, ru]",
    }
    BadLanguageCode { value: String } => "bad-language-code" {
        kk: format!("`{value}` екі әріпті тіл коды емес (kk, ru, en) немесе екі рет жазылған"),
        ru: format!("`{value}` не двухбуквенный код языка (kk, ru, en) или указан дважды"),
        en: format!("`{value}` is not a two-letter language code (kk, ru, en), or is listed twice"),
    }
    MissingLanguageValue { key: String, lang: String } => "missing-language-value" {
        kk: format!("`{key}` ішінде негізгі тілдің (`{lang}`) мәні жоқ"),
        ru: format!("в `{key}` нет значения для основного языка (`{lang}`)"),
        en: format!("`{key}` has no value for the default language (`{lang}`)"),
    }
    OldHolidays => "old-holidays" {
        kk: "`check.holidays` енді оқылмайды: Қазақстанның мерекелері мен ауыстырылған демалыс күндері ashyq ішінде бар. Оны өшіріңіз; деректерде әлі жоқ күнді `calendar:` ішіне жазыңыз (`days_off: [2027-01-05]`, `working_days: [2027-01-09]`)",
        ru: "`check.holidays` больше не читается: праздники и переносы выходных Казахстана встроены в ashyq. Удалите его; день, которого еще нет в данных, запишите в `calendar:` (`days_off: [2027-01-05]`, `working_days: [2027-01-09]`)",
        en: "`check.holidays` is no longer read: Kazakhstan's holidays and moved days off are built into ashyq. Remove it; write a day the data lacks under `calendar:` (`days_off: [2027-01-05]`, `working_days: [2027-01-09]`)",
    }
    SiteFileMissing { key: String, path: String } => "site-file-missing" {
        kk: format!("`{key}`: `{path}` файлы сайт қалтасында жоқ. Сайт қалтасына қатысты жолды жазыңыз, мысалы files/logo.png"),
        ru: format!("`{key}`: файла `{path}` нет в папке сайта. Укажите путь относительно папки сайта, например files/logo.png"),
        en: format!("`{key}`: there is no file `{path}` in the site's folder. Write a path relative to the site's folder, such as files/logo.png"),
    }
    SiteImageKind { key: String, path: String, allowed: String } => "site-image-kind" {
        kk: format!("`{key}`: `{path}` бұл жерге жарамайтын сурет (немесе аты мазмұнына сәйкес емес). Мына түрлердің бірін беріңіз: {allowed}"),
        ru: format!("`{key}`: `{path}` — изображение неподходящего вида (или имя не соответствует содержимому). Укажите файл одного из видов: {allowed}"),
        en: format!("`{key}`: `{path}` is not an image of a kind that works here (or its name does not match its content). Give one of: {allowed}"),
    }
    RobotsNotAtRoot { sitemap: String } => "robots-not-at-root" {
        kk: format!("base_url сайт доменнің түбірінде емес, ал іздеу жүйелері robots.txt файлын тек түбірден оқиды. Түбірдегі robots.txt файлына мына жолды қосыңыз: Sitemap: {sitemap}"),
        ru: format!("base_url указывает не на корень домена, а поисковые системы читают robots.txt только из корня. Добавьте в robots.txt в корне сайта строку: Sitemap: {sitemap}"),
        en: format!("base_url is not the domain's root, and search engines read robots.txt only at the root. Add this line to the root's robots.txt: Sitemap: {sitemap}"),
    }
    // --- the calendar (`ashyq calendar`)
    CalendarTitle { year: i32 } => "calendar-title" {
        kk: format!("Қазақстанның {year} жылғы жұмыс күнтізбесі"),
        ru: format!("Производственный календарь Казахстана на {year} год"),
        en: format!("Kazakhstan's working-day calendar for {year}"),
    }
    CalendarDaysOff => "calendar-days-off" {
        kk: "Демалыс және мереке күндері:",
        ru: "Выходные и праздничные дни:",
        en: "Days off:",
    }
    CalendarWorkingWeekendDays => "calendar-working-weekend-days" {
        kk: "Жұмыс күні болатын сенбі мен жексенбі:",
        ru: "Субботы и воскресенья, которые являются рабочими днями:",
        en: "Saturdays and Sundays that are working days:",
    }
    CalendarNone => "calendar-none" {
        kk: "жоқ",
        ru: "нет",
        en: "none",
    }
    CalendarMoved { name: String, from: NaiveDate } => "calendar-moved" {
        kk: format!("ауыстырылған демалыс: «{name}» мерекесі {} демалыс күніне келді", d(from)),
        ru: format!("перенесенный выходной: праздник «{name}» пришелся на выходной день {}", d(from)),
        en: format!("moved day off: the holiday «{name}» fell on a day off on {}", d(from)),
    }
    CalendarDecreeDayOff { worked: NaiveDate, source: String } => "calendar-decree-day-off" {
        kk: format!("Үкімет қаулысымен ауыстырылған демалыс күні (орнына {} — жұмыс күні); дереккөзі: {source}", d(worked)),
        ru: format!("выходной, перенесенный постановлением Правительства (рабочий день {}); источник: {source}", d(worked)),
        en: format!("day off moved by a government decree (worked on {}); source: {source}", d(worked)),
    }
    CalendarDecreeWorkingDay { off: NaiveDate, source: String } => "calendar-decree-working-day" {
        kk: format!("Үкімет қаулысымен жұмыс күні ({} демалыс орнына); дереккөзі: {source}", d(off)),
        ru: format!("рабочий день по постановлению Правительства (вместо выходного {}); источник: {source}", d(off)),
        en: format!("working day by a government decree (for the day off on {}); source: {source}", d(off)),
    }
    CalendarSiteDayOff => "calendar-site-day-off" {
        kk: "site.yaml бойынша демалыс (`calendar.days_off`)",
        ru: "выходной по site.yaml (`calendar.days_off`)",
        en: "day off from site.yaml (`calendar.days_off`)",
    }
    CalendarSiteWorkingDay => "calendar-site-working-day" {
        kk: "site.yaml бойынша жұмыс күні (`calendar.working_days`)",
        ru: "рабочий день по site.yaml (`calendar.working_days`)",
        en: "working day from site.yaml (`calendar.working_days`)",
    }
    CalendarNotCovered { year: i32 } => "calendar-not-covered" {
        kk: format!("ashyq деректерінде {year} жылғы Құрбан айт күні мен Үкіметтің демалыс күндерін ауыстыру туралы қаулылары жоқ: олар жарияланғанда site.yaml ішіндегі `calendar:` бөліміне жазыңыз"),
        ru: format!("в данных ashyq нет дня Курбан айт и постановлений Правительства о переносе выходных на {year} год: когда они будут опубликованы, запишите их в `calendar:` в site.yaml"),
        en: format!("ashyq's data has neither the day of Kurban ait nor the government's decrees moving days off for {year}: when they are published, write them under `calendar:` in site.yaml"),
    }
    PasswordInUrl { flag: bool } => "password-in-url" {
        kk: if *flag {
            "--url ішінде құпиясөз бар: пәрмен жолы тарихта сақталады және басқа бағдарламаларға көрінеді. Құпиясөзді өшіріп, ASHYQ_DEPLOY_PASSWORD айнымалысын немесе сұрауды пайдаланыңыз"
        } else {
            "`deploy.url` ішінде құпиясөз бар: site.yaml басқаларға көрінеді. Құпиясөзді өшіріп, ASHYQ_DEPLOY_PASSWORD айнымалысын немесе сұрауды пайдаланыңыз"
        },
        ru: if *flag {
            "в --url записан пароль, а командная строка сохраняется в истории и видна другим программам. Удалите пароль и используйте переменную ASHYQ_DEPLOY_PASSWORD или запрос пароля"
        } else {
            "в `deploy.url` записан пароль, а site.yaml видят другие. Удалите пароль и используйте переменную ASHYQ_DEPLOY_PASSWORD или запрос пароля"
        },
        en: if *flag {
            "--url holds a password, and the command line is kept in the shell's history and seen by other programs: remove it and use the ASHYQ_DEPLOY_PASSWORD variable or the prompt"
        } else {
            "`deploy.url` holds a password, and site.yaml is seen by others: remove it and use the ASHYQ_DEPLOY_PASSWORD variable or the prompt"
        },
    }
    ParallelOutOfRange { value: usize, max: usize } => "parallel-out-of-range" {
        kk: format!("`deploy.parallel` {value} бола алмайды: 1-ден {max}-ға дейінгі сан жазыңыз (бір уақытта қанша файл жіберілетіні)"),
        ru: format!("`deploy.parallel` не может быть {value}: укажите число от 1 до {max} (сколько файлов отправлять одновременно)"),
        en: format!("`deploy.parallel` cannot be {value}: write a number from 1 to {max} (how many files are sent at once)"),
    }
    // --- the site as a whole
    DuplicatePage { other: String } => "duplicate-page" {
        kk: format!("бұл файл мен `{other}` бір тілдегі бір бет: біреуін қалдырыңыз"),
        ru: format!("этот файл и `{other}` — одна и та же страница на одном языке: оставьте один"),
        en: format!("this file and `{other}` are the same page in the same language: keep one"),
    }
    MissingHome { lang: String } => "missing-home" {
        kk: format!("`{lang}` тілінде басты бет жоқ: content/_index.{lang}.md файлын жасаңыз"),
        ru: format!("нет главной страницы на языке `{lang}`: создайте файл content/_index.{lang}.md"),
        en: format!("there is no home page in `{lang}`: create content/_index.{lang}.md"),
    }
    AnalysisDiffers { other: String } => "analysis-differs" {
        kk: format!("`analysis:` блогы `{other}` ішіндегіден өзгеше: оны бір рет, негізгі тілдің _index файлында жазыңыз"),
        ru: format!("блок `analysis:` отличается от блока в `{other}`: пишите его один раз, в _index основного языка"),
        en: format!("the `analysis:` block differs from the one in `{other}`: write it once, in the default language's _index"),
    }
    MissingRequiredKind { analysis: String, kind: Kind } => "missing-required-kind" {
        kk: format!("`{analysis}` талдауында «{}» (`{}`) жоқ: ішкі талдаудың үлгілік қағидалары оны сайтта жариялауды талап етеді", kind_name(*kind, UiLang::Kk), kind.key()),
        ru: format!("в анализе `{analysis}` нет документа «{}» (`{}`): Типовые правила внутреннего анализа требуют его публикации на сайте", kind_name(*kind, UiLang::Ru), kind.key()),
        en: format!("analysis `{analysis}` has no {} (`{}`): the Typical Rules of internal analysis require it on the site", kind_name(*kind, UiLang::En), kind.key()),
    }
    BrokenLink { dest: String } => "broken-link" {
        kk: format!("`{dest}` сілтемесі ешқайда апармайды: мұндай құжат не файл жоқ"),
        ru: format!("ссылка `{dest}` никуда не ведет: такого документа или файла нет"),
        en: format!("link `{dest}` points nowhere: there is no such document or file"),
    }
    DuplicateId { id: String } => "duplicate-id" {
        kk: format!("`{{#{id}}}` белгісі бұл бетте бұрын қолданылған (тақырыпта, ескертпеде не сайт безендіруінде): басқа атау беріңіз"),
        ru: format!("метка `{{#{id}}}` на этой странице уже занята (заголовком, сноской или оформлением сайта): дайте другое имя"),
        en: format!("the id `{{#{id}}}` is already used on this page (by a heading, a footnote or the site's layout): choose another"),
    }
    LinkToDraft { dest: String } => "link-to-draft" {
        kk: format!("`{dest}` сілтемесі нобайға (draft) апарады, ол жарияланбайды"),
        ru: format!("ссылка `{dest}` ведет на черновик (draft), который не публикуется"),
        en: format!("link `{dest}` points to a draft, which is not published"),
    }
    UnsafeLink { dest: String, scheme: String } => "unsafe-link" {
        kk: format!("`{dest}` сілтемесі `{scheme}:` түрінде: ол келушінің браузерінде код іске қосады не жарияланбаған мазмұн көрсетеді, ресми сайтқа болмайды; оны өшіріңіз немесе бетке (https://…) не файлға сілтеме жасаңыз"),
        ru: format!("ссылка `{dest}` вида `{scheme}:` запускает код или показывает неопубликованное содержимое в браузере посетителя, на официальном сайте так нельзя: удалите ее или сошлитесь на страницу (https://…) или файл"),
        en: format!("link `{dest}` uses `{scheme}:`, which runs code or shows unpublished content in the visitor's browser, not for an official site: remove it, or link to a page (https://…) or a file"),
    }
    MissingAttachment { path: String } => "missing-attachment" {
        kk: format!("`{path}` қосымша файлы табылмады"),
        ru: format!("файл вложения `{path}` не найден"),
        en: format!("attachment `{path}` not found"),
    }
    RecordNotFound { target: String } => "record-not-found" {
        kk: format!("`recorded_in: {target}`: бұл талдауда осы тілде мұндай құжат жоқ. Жазба тұрған құжаттың түрін (мысалы, `protocol`) немесе файлын (мысалы, `protocol.kk.md`) жазыңыз"),
        ru: format!("`recorded_in: {target}`: в этом анализе нет такого документа на этом языке. Укажите вид документа, в котором есть запись (например, `protocol`), или его файл (например, `protocol.ru.md`)"),
        en: format!("`recorded_in: {target}`: this analysis has no such document in this language. Name the kind of the document that holds the record (such as `protocol`) or its file (such as `protocol.kk.md`)"),
    }
    RecordHasText => "record-has-text" {
        kk: "құжатта `recorded_in:` те, өз мәтіні де бар: тек жазба белгілі болса, мәтінді өшіріңіз; ұйым мәтінді берсе, `recorded_in:` жолын алып тастаңыз",
        ru: "у документа есть и `recorded_in:`, и собственный текст: если известна только запись, удалите текст; если организация дала текст, уберите `recorded_in:`",
        en: "the document has both `recorded_in:` and a text of its own: if only the record is known, remove the text; if the organisation gave the text, remove `recorded_in:`",
    }
    RecordQuoteNotFound { file: String } => "record-quote-not-found" {
        kk: format!("`recorded_in` ішіндегі `quote` {file} мәтінінде жоқ: жазбаны сол құжаттан сөзбе-сөз көшіріңіз"),
        ru: format!("цитаты `quote` из `recorded_in` нет в тексте {file}: скопируйте запись из этого документа дословно"),
        en: format!("the `quote` of `recorded_in` is not in the text of {file}: copy the record from that document word for word"),
    }
    AssetClash { other: String, output: String } => "asset-clash" {
        kk: format!("бұл файл мен `{other}` бір орынға ({output}) жазылар еді: біреуінің атын өзгертіңіз"),
        ru: format!("этот файл и `{other}` попали бы в одно место ({output}): переименуйте один из них"),
        en: format!("this file and `{other}` would both be published as {output}: rename one"),
    }
    // --- theme and output
    ThemeNameRefused { name: String, problem: PathProblem = PathProblem::Dots } => "theme-name-refused" {
        kk: format!("`theme: {name}` themes/ ішіндегі бір қалтаның атауы емес: ол {}. themes/ ішіндегі қалтаның атын жазыңыз (кірістірілгені — `default`)", path_problem(*problem, Kk)),
        ru: format!("`theme: {name}` — не имя одной папки в themes/: оно {}. Напишите имя папки в themes/ (встроенная тема — `default`)", path_problem(*problem, Ru)),
        en: format!("`theme: {name}` is not the name of one folder in themes/: it {}. Write the name of a folder in themes/ (the built-in one is `default`)", path_problem(*problem, En)),
    }
    ThemeNotFound { name: String } => "theme-not-found" {
        kk: format!("`{name}` тақырыбы (theme) табылмады: themes/{name}/ қалтасы жоқ (кірістірілгені — `default`)"),
        ru: format!("тема `{name}` не найдена: нет папки themes/{name}/ (встроенная тема — `default`)"),
        en: format!("theme `{name}` not found: there is no themes/{name}/ folder (the built-in one is `default`)"),
    }
    TemplateError { detail: String } => "template-error" {
        kk: format!("үлгіде (шаблонда) қате: {detail}"),
        ru: format!("ошибка в шаблоне: {detail}"),
        en: format!("template error: {detail}"),
    }
    OutputNotOurs { path: String } => "output-not-ours" {
        kk: format!("`{path}` қалтасы бар және оны ashyq жасамаған, сондықтан ол ауыстырылмайды: басқа --output таңдаңыз немесе қалтаны босатыңыз"),
        ru: format!("папка `{path}` существует и создана не ashyq, поэтому она не будет заменена: выберите другой --output или освободите папку"),
        en: format!("`{path}` exists and was not made by ashyq, so it will not be replaced: choose another --output or empty it"),
    }
    OutputInsideSite { path: String } => "output-inside-site" {
        kk: format!("нәтиже қалтасы `{path}` сайт қалтасының өзі, оны қамтитын қалта, content/ не themes/ ішіндегі қалта бола алмайды: басқа --output таңдаңыз, мысалы public"),
        ru: format!("папка результата `{path}` не может быть самой папкой сайта, содержать ее или лежать в content/ или themes/: выберите другой --output, например public"),
        en: format!("the output folder `{path}` cannot be the site folder, contain it, or lie inside content/ or themes/: choose another --output, such as public"),
    }
    StagingNotOurs { path: String } => "staging-not-ours" {
        kk: format!("`{path}` қалтасы бар және оны ashyq жасамаған: ashyq нәтиже қалтасының жанында осы атаумен уақытша қалта жасайды және сіздің қалтаңызды өшірмейді. Оның атын өзгертіңіз немесе басқа жерге көшіріңіз"),
        ru: format!("папка `{path}` существует и создана не ashyq: ashyq собирает сайт во временную папку с этим именем рядом с папкой результата и не удалит вашу. Переименуйте или перенесите ее"),
        en: format!("`{path}` exists and was not made by ashyq: ashyq builds into a temporary folder of that name beside the output and will not delete yours. Rename or move it"),
    }
    // --- the preview
    Serving { url: String } => "serving" {
        kk: format!("Алдын ала қарау: {url} (тоқтату үшін Ctrl-C басыңыз)"),
        ru: format!("Предпросмотр: {url} (для остановки нажмите Ctrl-C)"),
        en: format!("Preview at {url} (press Ctrl-C to stop)"),
    }
    WorkspaceAt { url: String } => "workspace-at" {
        kk: format!("Жұмыс орны: {url} (бұл мекенжай тек осы компьютерге арналған, оны ешкімге бермеңіз)"),
        ru: format!("Рабочее место: {url} (адрес только для этого компьютера, никому его не передавайте)"),
        en: format!("Workspace at {url} (this address is for this computer only: do not pass it on)"),
    }
    WorkspaceOff { bind: String } => "workspace-off" {
        kk: format!("Жұмыс орны өшірулі: алдын ала қарау {bind} мекенжайында тыңдайды, оған басқа компьютерлер де қосыла алады, сондықтан бетті тек қарауға болады. Құжаттарды өңдеу үшін --bind берместен іске қосыңыз"),
        ru: format!("Рабочее место выключено: предпросмотр слушает адрес {bind}, к которому могут подключиться и другие компьютеры, поэтому он только для просмотра. Чтобы редактировать документы, запустите без --bind"),
        en: format!("The workspace is off: the preview listens on {bind}, which other computers can reach, so it is read-only. To edit documents, start without --bind"),
    }
    AnalysisMade { folder: String } => "analysis-made" {
        kk: format!("{folder} талдауының құжаттары жасалды: толтырылмаған орындар төменде көрсетілген."),
        ru: format!("Документы анализа {folder} созданы: незаполненные места показаны ниже."),
        en: format!("The documents of the {folder} analysis are made: the places still to fill in are listed below."),
    }
    WorkspaceNoRandom => "workspace-no-random" {
        kk: "Жұмыс орны өшірулі: жүйе кездейсоқ кілт бере алмады, ал оңай табылатын кілтпен оны ашуға болмайды. Алдын ала қарау жұмыс істеп тұр",
        ru: "Рабочее место выключено: система не дала случайный ключ, а с угадываемым ключом его открывать нельзя. Предпросмотр работает",
        en: "The workspace is off: the system gave no random key, and a guessable one would not do. The preview runs",
    }
    PlaceLabel { what: String = "Бұйрық (Қазақша)".into(), line: Option<usize> = Some(4) } => "place-label" {
        kk: match line { Some(l) => format!("{what}, {l}-жол"), None => what.clone() },
        ru: match line { Some(l) => format!("{what}, строка {l}"), None => what.clone() },
        en: match line { Some(l) => format!("{what}, line {l}"), None => what.clone() },
    }
    UploadTooLarge { max: u64 } => "upload-too-large" {
        kk: format!("файл тым үлкен: {} аспауы керек. Құжатты азырақ ажыратымдылықпен (мысалы, 200 dpi) қайта сканерлеңіз", size(*max, Kk)),
        ru: format!("файл слишком большой: не больше {}. Отсканируйте документ с меньшим разрешением (например, 200 dpi)", size(*max, Ru)),
        en: format!("the file is too large: at most {}. Scan the document again at a lower resolution (such as 200 dpi)", size(*max, En)),
    }
    UploadEmpty => "upload-empty" {
        kk: "файл бос: ішінде ештеңе жоқ",
        ru: "файл пустой: в нем ничего нет",
        en: "the file is empty",
    }
    NotAScan { name: String } => "not-a-scan" {
        kk: format!("`{name}` PDF, JPEG не PNG файлы емес (оның ішіндегісі басқаша): қол қойылған құжаттың сканын осы түрлердің бірінде сақтаңыз"),
        ru: format!("`{name}` не файл PDF, JPEG или PNG (по его содержимому): сохраните скан подписанного документа в одном из этих видов"),
        en: format!("`{name}` is not a PDF, JPEG or PNG file (by what it holds): save the scan of the signed document as one of these"),
    }
    Attached { name: String } => "attached" {
        kk: format!("«{name}» файлы құжаттың барлық тілдегі нұсқаларына тіркелді."),
        ru: format!("Файл «{name}» приложен к документу на всех языках."),
        en: format!("«{name}» is attached to the document in every language."),
    }
    Detached { name: String } => "detached" {
        kk: format!("«{name}» файлы құжаттан алынды."),
        ru: format!("Файл «{name}» убран из документа."),
        en: format!("«{name}» is no longer attached to the document."),
    }
    Published { files: usize, bytes: u64, deleted: usize, address: String } => "published" {
        kk: format!("Сайт жарияланды: {} ({}) жіберілді, {} жойылды. Сайттың мекенжайы: {address}", plural(*files, FILE, Kk), size(*bytes, Kk), plural(*deleted, FILE, Kk)),
        ru: format!("Сайт опубликован: отправлено {} ({}), удалено {}. Адрес сайта: {address}", plural(*files, FILE, Ru), size(*bytes, Ru), plural(*deleted, FILE, Ru)),
        en: format!("The site is published: {} sent ({}), {} deleted. The site's address: {address}", plural(*files, FILE, En), size(*bytes, En), plural(*deleted, FILE, En)),
    }
    HostKeyAsk { host: String, fingerprint: String } => "host-key-ask" {
        kk: format!("{host} сервері әлі таныс емес, оның кілті {fingerprint}. Бұл сіздің хостингіңіздің кілті екеніне көз жеткізіңіз (хостингтен сұраңыз), содан кейін төмендегі белгіні қойып, қайта жариялаңыз."),
        ru: format!("Сервер {host} еще не знаком, его ключ {fingerprint}. Убедитесь, что это ключ вашего хостинга (спросите у хостинга), затем отметьте пункт ниже и опубликуйте еще раз."),
        en: format!("The server {host} is not known yet; its key is {fingerprint}. Make sure this is your hosting's key (ask the hosting), then tick the box below and publish again."),
    }
    ImportedFrom { name: String } => "imported-from" {
        kk: format!("Бұл мәтін «{name}» Word файлынан алынды. Өрістерді тексеріп, түзетіп, сақтаңыз: сақталғанша ештеңе жазылмайды."),
        ru: format!("Этот текст взят из файла Word «{name}». Проверьте и исправьте поля, затем сохраните: до сохранения ничего не записано."),
        en: format!("This text comes from the Word file «{name}». Check and correct the fields, then save: nothing is written until you do."),
    }
    ImportTitleAsk => "import-title-ask" {
        kk: "Құжатта атауы бар жол табылмады: төменде атауын жазып, файлды қайта жіберіңіз.",
        ru: "В документе не найдена строка с названием: впишите название ниже и отправьте файл еще раз.",
        en: "The document has no title line: write its title below and send the file again.",
    }
    ImportKindAsk => "import-kind-ask" {
        kk: "Құжаттың түрі тақырыбынан танылмады: төменде оны таңдап, файлды қайта жіберіңіз.",
        ru: "Вид документа не распознан по заголовку: выберите его ниже и отправьте файл еще раз.",
        en: "The document's kind was not recognised from its title: choose it below and send the file again.",
    }
    PublishUnfinished => "publish-unfinished" {
        kk: "Жариялау аяқталмады, бірақ сайттағы беттер бүтін қалды: келесі жариялау қалғанын жібереді.",
        ru: "Публикация не завершена, но страницы на сайте остались целыми: следующая публикация отправит остальное.",
        en: "Publishing did not finish, but the pages on the site are whole: the next publish sends the rest.",
    }
    PublishStarts { files: usize, bytes: u64 } => "publish-starts" {
        kk: format!("{} ({}) жіберілуде…", plural(*files, FILE, Kk), size(*bytes, Kk)),
        ru: format!("Отправляется {} ({})…", plural(*files, FILE, Ru), size(*bytes, Ru)),
        en: format!("Sending {} ({})…", plural(*files, FILE, En), size(*bytes, En)),
    }
    PublishSent { n: usize = 1, of: usize = 2, path: String, bytes: u64 } => "publish-sent" {
        kk: format!("{n}/{of}: {path} ({})", size(*bytes, Kk)),
        ru: format!("{n} из {of}: {path} ({})", size(*bytes, Ru)),
        en: format!("{n} of {of}: {path} ({})", size(*bytes, En)),
    }
    NoHosting => "no-hosting" {
        kk: "Хостингтің мекенжайы көрсетілмеген (site.yaml файлындағы deploy.url). Сайтты zip-файл ретінде жүктеп алып, хостингтің файл менеджері арқылы сайт қалтасында ашуға болады.",
        ru: "Адрес хостинга не указан (deploy.url в файле site.yaml). Сайт можно скачать zip-файлом и распаковать в папке сайта через файловый менеджер хостинга.",
        en: "The hosting's address is not set (deploy.url in site.yaml). The site can be downloaded as a zip and unpacked in the site's folder with the hosting's file manager.",
    }
    WorkspaceKey => "workspace-key" {
        kk: "Жұмыс орнын ashyq іске қосылғанда жазған мекенжай арқылы ашыңыз (ол ashyq терезесінде көрсетілген). Бұл бетке басқа сайттан не басқа компьютерден кіруге болмайды.",
        ru: "Откройте рабочее место по адресу, который ashyq написал при запуске (он показан в окне ashyq). С другого сайта или другого компьютера эта страница недоступна.",
        en: "Open the workspace at the address ashyq printed when it started (it is shown in ashyq's window). This page cannot be reached from another site or another computer.",
    }
    WorkspaceForeign => "workspace-foreign" {
        kk: "Бұл өзгеріс жұмыс орнының өз бетінен келмеді, сондықтан ештеңе өзгертілмеді.",
        ru: "Это изменение пришло не со страницы рабочего места, поэтому ничего не изменено.",
        en: "This change did not come from the workspace's own page, so nothing was changed.",
    }
    DueBy { kind: Kind, due: NaiveDate, days: i64 } => "due-by" {
        kk: format!("{}: {} дейін ({})", kind_name(*kind, Kk), d(due), if *days == 0 { "бүгін".to_owned() } else { format!("{} қалды", plural(*days, DAY, Kk)) }),
        ru: format!("{}: до {} ({})", capital(kind_name(*kind, Ru)), d(due), if *days == 0 { "сегодня".to_owned() } else { format!("осталось {}", plural(*days, DAY, Ru)) }),
        en: format!("{}: by {} ({})", capital(kind_name(*kind, En)), d(due), if *days == 0 { "today".to_owned() } else { format!("{} left", plural(*days, DAY, En)) }),
    }
    FileChangedMeanwhile => "file-changed-meanwhile" {
        kk: "Сіз ашқаннан бері файл өзгерген (оны басқа біреу не басқа бағдарлама өзгерткен). Сіздің өзгерістеріңіз осы бетте тұр, ештеңе жоғалған жоқ: төмендегі айырмашылықтарды қараңыз, содан кейін өз нұсқаңызды сақтаңыз не файлдағы нұсқаны ашыңыз.",
        ru: "Файл изменился с тех пор, как вы его открыли (его изменил кто-то другой или другая программа). Ваши изменения остались на этой странице, ничего не потеряно: посмотрите на различия ниже, затем сохраните свою версию или откройте версию из файла.",
        en: "The file changed since you opened it (someone else or another program changed it). Your changes are still on this page, nothing is lost: look at the differences below, then save your version or open the file's version.",
    }
    FileExistsAlready { path: String } => "file-exists-already" {
        kk: format!("`{path}` файлы бұрыннан бар: ештеңе жазылған жоқ"),
        ru: format!("файл `{path}` уже есть: ничего не записано"),
        en: format!("`{path}` exists already: nothing was written"),
    }
    NotADocumentPath { path: String, problem: PathProblem = PathProblem::Dots } => "not-a-document-path" {
        kk: format!("`{path}` content/ ішіндегі файлдың жолы емес: ол {}", path_problem(*problem, Kk)),
        ru: format!("`{path}` не путь файла внутри content/: оно {}", path_problem(*problem, Ru)),
        en: format!("`{path}` is not the path of a file inside content/: it {}", path_problem(*problem, En)),
    }
    PathEscapeLeft { path: String } => "path-escape-left" {
        kk: format!("`{path}` жолында %-белгімен кодталған таңба қалған: ол қабылданбайды"),
        ru: format!("в пути `{path}` осталось значение, закодированное через %: он не принимается"),
        en: format!("`{path}` still holds a %-escape: it is refused"),
    }
    PathHidden { path: String } => "path-hidden" {
        kk: format!("`{path}` жолында жасырын не уақытша файлдың аты бар (. не ~ белгісімен басталатын)"),
        ru: format!("в пути `{path}` есть имя скрытого или временного файла (начинается с . или ~)"),
        en: format!("`{path}` has a hidden or leftover name in it (starting with . or ~)"),
    }
    PathLeadsOutside { path: String } => "path-leads-outside" {
        kk: format!("`{path}` content/ қалтасындағы файлға апармайды (сілтеме арқылы басқа жерге кетеді не ол қалта)"),
        ru: format!("`{path}` не ведет к файлу в папке content/ (ссылка уводит в другое место, или это папка)"),
        en: format!("`{path}` does not lead to a file in content/ (a link leads elsewhere, or it is a folder)"),
    }
    NotMarkdown { path: String } => "not-markdown" {
        kk: format!("`{path}` құжат емес: құжат файлының аты .md деп аяқталады"),
        ru: format!("`{path}` не документ: имя файла документа оканчивается на .md"),
        en: format!("`{path}` is not a document: a document's file name ends in .md"),
    }
    EditUnreadable => "edit-unreadable" {
        kk: "бұл файлдың басындағы мәліметтерді оқу мүмкін емес: алдымен мәтінді түзетіңіз",
        ru: "сведения в начале этого файла не читаются: сначала исправьте текст",
        en: "the facts at the top of this file cannot be read: correct the text first",
    }
    BodyTooLarge { max: u64 } => "body-too-large" {
        kk: format!("жіберілген деректер тым үлкен (ең көбі {})", size(*max, Kk)),
        ru: format!("отправленные данные слишком велики (не больше {})", size(*max, Ru)),
        en: format!("what was sent is too large (at most {})", size(*max, En)),
    }
    BodyTooSlow => "body-too-slow" {
        kk: "деректер тым баяу келді: қайталап көріңіз",
        ru: "данные пришли слишком медленно: попробуйте еще раз",
        en: "what was sent came too slowly: try again",
    }
    BodyMalformed { detail: String } => "body-malformed" {
        kk: format!("жіберілген деректерді оқу мүмкін емес: {detail}"),
        ru: format!("отправленные данные не читаются: {detail}"),
        en: format!("what was sent cannot be read: {detail}"),
    }
    PortBusy { bind: String, port: u16 } => "port-busy" {
        kk: format!("{bind} мекенжайындағы {port} портын басқа бағдарлама пайдаланып отыр: басқа портты көрсетіңіз, мысалы --port {}", port.saturating_add(1)),
        ru: format!("порт {port} на {bind} занят другой программой: укажите другой, например --port {}", port.saturating_add(1)),
        en: format!("port {port} on {bind} is in use by another program: choose another, such as --port {}", port.saturating_add(1)),
    }
    BindFailed { addr: String, detail: String } => "bind-failed" {
        kk: format!("{addr} мекенжайында тыңдау мүмкін болмады: {detail}. --bind және --port мәндерін тексеріңіз"),
        ru: format!("не удалось открыть {addr}: {detail}. Проверьте --bind и --port"),
        en: format!("cannot listen on {addr}: {detail}. Check --bind and --port"),
    }
    WatchFailed { detail: String } => "watch-failed" {
        kk: format!("файлдардың өзгерісін бақылау мүмкін болмады ({detail}): бет өзі жаңармайды, ashyq serve-ті қайта іске қосыңыз"),
        ru: format!("не удалось следить за изменениями файлов ({detail}): страницы не будут обновляться сами, перезапустите ashyq serve"),
        en: format!("cannot watch the files for changes ({detail}): pages will not reload by themselves; restart ashyq serve"),
    }
    Rebuilt { pages: usize, millis: u128 } => "rebuilt" {
        kk: format!("{} {millis} мс ішінде жаңартылды", plural(*pages, PAGE, Kk)),
        ru: format!("обновлено: {} за {millis} мс", plural(*pages, PAGE, Ru)),
        en: format!("updated {} in {millis} ms", plural(*pages, PAGE, En)),
    }
    RebuildFailed { errors: usize } => "rebuild-failed" {
        kk: format!("{}: браузерде соңғы дұрыс нұсқа көрсетіліп тұр; файлды түзетіп сақтағанда бет өзі жаңарады", plural(*errors, ERROR, Kk)),
        ru: format!("{}. В браузере показана последняя правильная версия; исправьте и сохраните файл, и страница обновится сама", plural(*errors, ERROR, Ru)),
        en: format!("{}: the browser shows the last good version; fix and save the file and the page reloads by itself", plural(*errors, ERROR, En)),
    }
    FirstBuildFailed { errors: usize } => "first-build-failed" {
        kk: format!("{}: сайттың әзірге бірде-бір дұрыс нұсқасы жоқ; файлды түзетіп сақтағанда бет өзі жаңарады", plural(*errors, ERROR, Kk)),
        ru: format!("{}. Правильной версии сайта пока нет; исправьте и сохраните файл, и страница обновится сама", plural(*errors, ERROR, Ru)),
        en: format!("{}: there is no good version of the site yet; fix and save the file and the page reloads by itself", plural(*errors, ERROR, En)),
    }
    RebuildPanicked { detail: String } => "rebuild-panicked" {
        kk: format!("ashyq сайтты жасау кезінде ішкі қатеге ұшырады ({detail}). Бұл — ashyq-тың қатесі, сіздікі емес: соңғы өзгертілген файлды әзірлеушілерге жіберіңіз. Алдын ала қарау жұмысын жалғастырады"),
        ru: format!("внутренняя ошибка ashyq при сборке сайта ({detail}). Это ошибка ashyq, а не ваша: отправьте последний измененный файл разработчикам. Предпросмотр продолжает работу"),
        en: format!("ashyq failed inside while building the site ({detail}). This is a bug in ashyq, not your mistake: send the last file you changed to its developers. The preview keeps running"),
    }
    DesktopOpen { url: String } => "desktop-open" {
        kk: format!("ashyq жұмыс істеп тұр: сайтпен жұмыс браузерде ашылды.\nБраузер ашылмаса, мына мекенжайды браузерге көшіріңіз (оны ешкімге бермеңіз): {url}\nБұл терезені жұмыс біткенше ашық қалдырыңыз: терезені жапсаңыз, ashyq тоқтайды."),
        ru: format!("ashyq работает: работа с сайтом открыта в браузере.\nЕсли браузер не открылся, скопируйте в него этот адрес (никому его не передавайте): {url}\nНе закрывайте это окно, пока работаете: если закрыть окно, ashyq остановится."),
        en: format!("ashyq is running: the workspace is open in the browser.\nIf the browser did not open, copy this address into it (do not pass it on): {url}\nKeep this window open while you work: closing it stops ashyq."),
    }
    DesktopNewSite { path: String } => "desktop-new-site" {
        kk: format!("Бұл компьютерде әлі сайт жоқ: браузердегі бет ұйымның атауларын сұрайды, сайт {path} қалтасында жасалады."),
        ru: format!("На этом компьютере еще нет сайта: страница в браузере спросит названия организации, сайт будет создан в папке {path}."),
        en: format!("There is no site on this computer yet: the page in the browser asks for the organisation's names, and the site is made in {path}."),
    }
    DesktopSiteMade { path: String } => "desktop-site-made" {
        kk: format!("Жаңа сайт жасалды: {path}"),
        ru: format!("Новый сайт создан: {path}"),
        en: format!("The new site is made: {path}"),
    }
    DesktopAlreadyOpen { url: String } => "desktop-already-open" {
        kk: format!("ashyq осы сайтпен бұрыннан жұмыс істеп тұр: оның беті браузерде қайта ашылды ({url}). Бұл терезені жабуға болады; ashyq өз терезесінде жұмысын жалғастырады."),
        ru: format!("ashyq уже работает с этим сайтом: его страница снова открыта в браузере ({url}). Это окно можно закрыть; ashyq продолжает работать в своем окне."),
        en: format!("ashyq is already running on this site: its page is open in the browser again ({url}). You may close this window; ashyq goes on in its own."),
    }
    DesktopPressEnter => "desktop-press-enter" {
        kk: "Терезені жабу үшін Enter пернесін басыңыз.",
        ru: "Чтобы закрыть окно, нажмите Enter.",
        en: "Press Enter to close this window.",
    }
    DesktopNoFolder => "desktop-no-folder" {
        kk: "Пайдаланушының қалталары табылмады (Құжаттар қалтасы), сондықтан сайтты қайда жасау белгісіз: ashyq-ты сайт қалтасынан іске қосыңыз немесе `ashyq init ҚАЛТА` арқылы сайт жасаңыз.",
        ru: "Не найдены папки пользователя (папка «Документы»), поэтому неизвестно, где создать сайт: запустите ashyq из папки сайта или создайте сайт командой `ashyq init ПАПКА`.",
        en: "The user's folders (Documents) cannot be found, so there is no place to make the site: start ashyq in a site's folder, or make a site with `ashyq init FOLDER`.",
    }
    FieldEmpty => "field-empty" {
        kk: "бұл өрісті толтырыңыз",
        ru: "заполните это поле",
        en: "fill in this field",
    }
    NameBad { max: usize } => "name-bad" {
        kk: format!("атау бір жолмен, {max} таңбадан аспай, [[ белгісінсіз жазылады"),
        ru: format!("название пишется одной строкой, не длиннее {max} знаков и без знаков [["),
        en: format!("a name is one line of at most {max} characters, without [["),
    }
    SiteAddressBad { value: String } => "site-address-bad" {
        kk: format!("«{value}» сайттың толық мекенжайы емес: ол https:// деп басталып, сайттың атауын қамтуы керек, мысалы https://arai-bbaksha.kz/anticorruption/"),
        ru: format!("«{value}» — не полный адрес сайта: он начинается с https:// и содержит имя сайта, например https://arai-bbaksha.kz/anticorruption/"),
        en: format!("\"{value}\" is not a site's full address: it starts with https:// and names the site, such as https://arai-bbaksha.kz/anticorruption/"),
    }
    Stopped => "stopped" {
        kk: "Алдын ала қарау тоқтатылды",
        ru: "Предпросмотр остановлен",
        en: "Preview stopped",
    }
    OverlayTitle => "overlay-title" {
        kk: "Сайт жасалмады: мына қателерді түзетіңіз",
        ru: "Сайт не собран: исправьте эти ошибки",
        en: "The site could not be built: fix these errors",
    }
    OverlayHint => "overlay-hint" {
        kk: "Бұл — соңғы дұрыс нұсқа. Файлды түзетіп сақтағанда бет өзі жаңарады.",
        ru: "Ниже — последняя правильная версия. Исправьте и сохраните файл, и страница обновится сама.",
        en: "Below is the last good version. Fix and save the file, and the page reloads by itself.",
    }
    OverlayNoGoodVersion => "overlay-no-good-version" {
        kk: "Сайттың әзірге бірде-бір дұрыс нұсқасы жоқ. Файлды түзетіп сақтағанда бет өзі жаңарады.",
        ru: "Правильной версии сайта пока нет. Исправьте и сохраните файл, и страница обновится сама.",
        en: "There is no good version of the site yet. Fix and save the file, and the page reloads by itself.",
    }
    // --- check: completeness
    RequiredDocument { analysis: String, kind: Kind, lang: String } => "required-document" {
        kk: format!("`{analysis}` талдауында `{lang}` тілінде «{}» жоқ: ішкі талдаудың үлгілік қағидалары оны сайтта жариялауды талап етеді ({}.{lang}.md файлын жасаңыз)", kind_name(*kind, UiLang::Kk), kind.key()),
        ru: format!("в анализе `{analysis}` нет документа «{}» на языке `{lang}`: Типовые правила внутреннего анализа требуют его публикации (создайте файл {}.{lang}.md)", kind_name(*kind, UiLang::Ru), kind.key()),
        en: format!("analysis `{analysis}` has no {} in `{lang}`: the Typical Rules of internal analysis require it on the site (create {}.{lang}.md)", kind_name(*kind, UiLang::En), kind.key()),
    }
    BrokenAnchor { dest: String, id: String } => "broken-anchor" {
        kk: format!("`{dest}` сілтемесі бетте жоқ `#{id}` орнына апарады: тақырып атын тексеріңіз"),
        ru: format!("ссылка `{dest}` ведет на место `#{id}`, которого на странице нет: проверьте заголовок"),
        en: format!("link `{dest}` points to `#{id}`, which the page does not have: check the heading"),
    }
    MissingTranslation { lang: String } => "missing-translation" {
        kk: format!("бұл құжаттың `{lang}` тіліндегі аудармасы жоқ"),
        ru: format!("у этого документа нет перевода на язык `{lang}`"),
        en: format!("this document has no `{lang}` translation"),
    }
    FillIn { text: String } => "fill-in" {
        kk: format!("толтырылмаған орын: {text}"),
        ru: format!("не заполнено: {text}"),
        en: format!("still to fill in: {text}"),
    }
    TextMissing { kind: Kind, record: FileRef } => "text-missing" {
        kk: format!("«{}» құжатының мәтіні жоқ: ол тек {} ішіндегі жазбадан белгілі. Мәтінін ұйымнан сұраңыз", kind_name(*kind, UiLang::Kk), record.for_lang(Kk)),
        ru: format!("документ «{}» известен только из записи в {}, его текста нет: запросите текст у организации", kind_name(*kind, UiLang::Ru), record.for_lang(Ru)),
        en: format!("the {} has no text: it is known only from the record in {}. Ask the organisation for its text", kind_name(*kind, UiLang::En), record.for_lang(En)),
    }
    ExternalLinkToRoot { url: String } => "external-link-root" {
        kk: format!("`{url}` сілтемесі құжатқа емес, сайттың өз басты бетіне апарады: құжаттың нақты мекенжайын жазыңыз"),
        ru: format!("ссылка `{url}` ведет не на документ, а на главную страницу самого сайта: укажите точный адрес документа"),
        en: format!("the link `{url}` leads to the site's own home page, not to a document: give the document's exact address"),
    }
    NoSignedScan => "no-signed-scan" {
        kk: "қол қоюшылар көрсетілген, бірақ қол қойылған құжаттың сканері тіркелмеген: мәтіннің қасында қол қойылған құжат тұруы үшін оның PDF нұсқасын `attachments:` тізіміне қосыңыз",
        ru: "подписанты указаны, но скан подписанного документа не приложен: добавьте его PDF в `attachments:`, чтобы рядом с текстом был подписанный документ",
        en: "signatories are listed but no signed scan is attached: add the signed PDF under `attachments:`, so that the signed document stands beside the text",
    }
    // --- check: dates
    AnnouncementLate { announced: NaiveDate, start: NaiveDate, working_days: i64, required: u32 } => "announcement-late" {
        kk: format!("хабарландыру ({}) талдау басталғанға дейін ({}) {} бұрын жарияланған, ал кемінде {} керек: {} жетпейді", d(announced), d(start), plural(*working_days, WORKING_DAY, Kk), plural(*required, WORKING_DAY, Kk), plural(i64::from(*required) - working_days, WORKING_DAY, Kk)),
        ru: format!("объявление ({}) опубликовано за {} до начала анализа ({}), а нужно не менее чем за {}: не хватает {}", d(announced), plural(*working_days, WORKING_DAY, Ru), d(start), plural(*required, WORKING_DAY, Ru), plural(i64::from(*required) - working_days, WORKING_DAY, Ru)),
        en: format!("the announcement ({}) is {} before the analysis starts ({}); at least {} are required: {} short", d(announced), plural(*working_days, WORKING_DAY, En), d(start), plural(*required, WORKING_DAY, En), plural(i64::from(*required) - working_days, WORKING_DAY, En)),
    }
    DateOrder { first: Kind, first_date: NaiveDate, then: Kind, then_date: NaiveDate, strict: bool } => "date-order" {
        kk: format!(
            "«{}» құжатының күні ({}) «{}» құжатының күнінен ({}) {}, бірақ {}",
            kind_name(*first, Kk), d(first_date), kind_name(*then, Kk), d(then_date),
            if *strict { "бұрын болуы керек" } else { "кеш болмауы керек" },
            match (*first_date - *then_date).num_days() {
                0 => "екеуі бір күн".to_owned(),
                n => format!("{} кейін", plural(n, DAY, Kk)),
            }
        ),
        ru: format!(
            "дата документа «{}» ({}) {} даты документа «{}» ({}), {}",
            kind_name(*first, Ru), d(first_date), if *strict { "должна быть раньше" } else { "должна быть не позже" },
            kind_name(*then, Ru), d(then_date),
            match (*first_date - *then_date).num_days() {
                0 => "но даты совпадают".to_owned(),
                n => format!("но она позже на {}", plural(n, DAY, Ru)),
            }
        ),
        en: format!(
            "the {} ({}) must come {} the {} ({}), {}",
            kind_name(*first, En), d(first_date), if *strict { "before" } else { "no later than" },
            kind_name(*then, En), d(then_date),
            match (*first_date - *then_date).num_days() {
                0 => "but is on the same day".to_owned(),
                n => format!("but is {} later", plural(n, DAY, En)),
            }
        ),
    }
    AnalysisEndsBeforeStart { start: NaiveDate, end: NaiveDate } => "analysis-dates" {
        kk: format!("талдау басталмай ({}) аяқталады ({})", d(start), d(end)),
        ru: format!("анализ заканчивается ({}) раньше, чем начинается ({})", d(end), d(start)),
        en: format!("the analysis ends ({}) before it starts ({})", d(end), d(start)),
    }
    CoveredAfterStart { covered_to: NaiveDate, start: NaiveDate } => "covered-period" {
        kk: format!("талдаумен қамтылатын кезең ({}) талдау басталғаннан ({}) кейін аяқталады: ол бұрын аяқталуы керек", d(covered_to), d(start)),
        ru: format!("охватываемый период заканчивается ({}) после начала анализа ({}): он должен закончиться раньше", d(covered_to), d(start)),
        en: format!("the period covered ends ({}) after the analysis starts ({}): it must end before", d(covered_to), d(start)),
    }
    DocumentDue { kind: Kind, due: NaiveDate, days: i64 } => "document-due" {
        kk: format!("«{}» {} дейін жариялануы керек еді ({} өтті), бірақ ол сайтта жоқ", kind_name(*kind, Kk), d(due), plural(*days, DAY, Kk)),
        ru: format!("документ «{}» должен был быть опубликован до {} (срок истек {} назад), но его нет", kind_name(*kind, Ru), d(due), plural(*days, DAY, Ru)),
        en: format!("the {} is due by {} ({} ago) and is missing", kind_name(*kind, En), d(due), plural(*days, DAY, En)),
    }
    DateUnknown { kind: Kind } => "date-unknown" {
        kk: format!("«{}» құжатының күні көрсетілмеген, сондықтан оның күндер ретіндегі орнын тексеру мүмкін емес", kind_name(*kind, UiLang::Kk)),
        ru: format!("у документа «{}» нет даты: его место в порядке дат проверить нельзя", kind_name(*kind, UiLang::Ru)),
        en: format!("the {} has no date: its place in the order of dates cannot be verified", kind_name(*kind, UiLang::En)),
    }
    // --- check: facts
    OrderMismatch { number: String, date: NaiveDate, order_number: String, order_date: NaiveDate, order_file: FileRef } => "order-mismatch" {
        kk: format!("мұнда {} № {number} бұйрық көрсетілген, ал талдаудың бұйрығы — {} № {order_number} ({})", d(date), d(order_date), order_file.for_lang(Kk)),
        ru: format!("здесь указан приказ № {number} от {}, а приказ анализа — № {order_number} от {} ({})", d(date), d(order_date), order_file.for_lang(Ru)),
        en: format!("this cites order No {number} of {}, but the analysis's order is No {order_number} of {} ({})", d(date), d(order_date), order_file.for_lang(En)),
    }
    PeriodMismatch { key: String, from: NaiveDate, to: NaiveDate, start: NaiveDate, end: NaiveDate } => "period-mismatch" {
        kk: format!("`{key}`: мұнда {}–{} деп жазылған, ал талдау бетінде {}–{}", d(from), d(to), d(start), d(end)),
        ru: format!("`{key}`: здесь указано {}–{}, а на странице анализа {}–{}", d(from), d(to), d(start), d(end)),
        en: format!("`{key}`: this says {}–{}, the analysis page says {}–{}", d(from), d(to), d(start), d(end)),
    }
    EventMismatch { event: NaiveDate, protocol: NaiveDate, protocol_file: FileRef } => "event-mismatch" {
        kk: format!("талқылау {} күніне жарияланған, ал хаттама {} күнімен жасалған ({})", d(event), d(protocol), protocol_file.for_lang(Kk)),
        ru: format!("обсуждение объявлено на {}, а протокол датирован {} ({})", d(event), d(protocol), protocol_file.for_lang(Ru)),
        en: format!("the discussion is announced for {}, but the protocol is dated {} ({})", d(event), d(protocol), protocol_file.for_lang(En)),
    }
    NameVariant { name: String, other: String, other_file: FileRef } => "name-variant" {
        kk: format!("`{name}` аты {} ішінде `{other}` деп жазылған: бұл бір адам ба? Бірдей жазыңыз", other_file.for_lang(Kk)),
        ru: format!("имя `{name}` в {} написано как `{other}`: это один человек? Напишите одинаково", other_file.for_lang(Ru)),
        en: format!("the name `{name}` is spelled `{other}` in {}: the same person? Spell it the same way", other_file.for_lang(En)),
    }
    TableNumber { here: String, there: String, other_file: String } => "table-number" {
        kk: format!("кестедегі сан мұнда `{here}`, ал {other_file} ішінде `{there}`"),
        ru: format!("число в таблице здесь `{here}`, а в {other_file} — `{there}`"),
        en: format!("a number in a table reads `{here}` here but `{there}` in {other_file}"),
    }
    TranslationMismatch { key: String, here: String, there: String, other_file: String } => "translation-mismatch" {
        kk: format!("`{key}` мұнда `{here}`, ал аудармасында ({other_file}) `{there}`"),
        ru: format!("`{key}` здесь `{here}`, а в переводе ({other_file}) — `{there}`"),
        en: format!("`{key}` is `{here}` here but `{there}` in the translation ({other_file})"),
    }
    ActCitation { act: usize, issuer: Option<Issuer> = Some(Issuer::CivilServiceAgency), date: Option<NaiveDate>, title: Option<String> = Some("ә".into()), title_of: Option<usize> = Some(1) } => "act-citation" {
        kk: act_citation(*act, *issuer, *date, title.as_deref(), *title_of, Kk),
        ru: act_citation(*act, *issuer, *date, title.as_deref(), *title_of, Ru),
        en: act_citation(*act, *issuer, *date, title.as_deref(), *title_of, En),
    }
    Spelling { word: String, lang: String } => "spelling" {
        kk: format!("«{word}» сөзі {} емле сөздігінде жоқ: жазылуын тексеріңіз. Дұрыс болса, ештеңе өзгертпеңіз немесе сөзді accepted-words.txt файлына қосыңыз", if lang == "ru" { "орыс тілінің" } else { "қазақ тілінің" }),
        ru: format!("слова «{word}» нет в орфографическом словаре {} языка: проверьте написание. Если оно верно, ничего не меняйте или добавьте слово в файл accepted-words.txt", if lang == "ru" { "русского" } else { "казахского" }),
        en: format!("the {} spelling dictionary does not know «{word}»: check how it is spelled. If it is right, change nothing, or add the word to accepted-words.txt", if lang == "ru" { "Russian" } else { "Kazakh" }),
    }
    // --- check: the report
    GroupAnalysis { dir: String, title: String } => "group-analysis" {
        kk: format!("Талдау {dir}: {title}"),
        ru: format!("Анализ {dir}: {title}"),
        en: format!("Analysis {dir}: {title}"),
    }
    GroupSite => "group-site" {
        kk: "Бүкіл сайт",
        ru: "Весь сайт",
        en: "The whole site",
    }
    CheckSummary { errors: usize, warnings: usize, infos: usize } => "check-summary" {
        kk: match (*errors, *warnings, *infos) {
            (0, 0, 0) => "Ескерту жоқ: бәрі дұрыс.".to_owned(),
            (_, _, 0) => format!("Барлығы: {}, {}.", plural(*errors, ERROR, Kk), plural(*warnings, WARNING, Kk)),
            _ => format!("Барлығы: {}, {}, {}.", plural(*errors, ERROR, Kk), plural(*warnings, WARNING, Kk), plural(*infos, INFO, Kk)),
        },
        ru: match (*errors, *warnings, *infos) {
            (0, 0, 0) => "Замечаний нет: все в порядке.".to_owned(),
            (_, _, 0) => format!("Итого: {}, {}.", plural(*errors, ERROR, Ru), plural(*warnings, WARNING, Ru)),
            _ => format!("Итого: {}, {}, {}.", plural(*errors, ERROR, Ru), plural(*warnings, WARNING, Ru), plural(*infos, INFO, Ru)),
        },
        en: match (*errors, *warnings, *infos) {
            (0, 0, 0) => "No findings: all is well.".to_owned(),
            (_, _, 0) => format!("In all: {}, {}.", plural(*errors, ERROR, En), plural(*warnings, WARNING, En)),
            _ => format!("In all: {}, {}, {}.", plural(*errors, ERROR, En), plural(*warnings, WARNING, En), plural(*infos, INFO, En)),
        },
    }
    // --- new and init
    AnalysisExists { path: String } => "analysis-exists" {
        kk: format!("`{path}` бұрыннан бар: ашық талдау қайта жазылмайды. Басқа жылды беріңіз немесе бұл жылдың екінші талдауы үшін {path}-2 қалтасын қолданыңыз"),
        ru: format!("`{path}` уже существует: существующий анализ не будет перезаписан. Укажите другой год или для второго анализа года используйте папку {path}-2"),
        en: format!("`{path}` already exists and will not be overwritten: give another year, or use {path}-2 for a second analysis in one year"),
    }
    AnalysisCreated { path: String, files: usize } => "analysis-created" {
        kk: format!("{path} қалтасында {} жасалды: `[[ТОЛТЫРЫҢЫЗ`/`[[ЗАПОЛНИТЕ` белгілерін толтырыңыз, `ashyq check` оларды тізіп береді", plural(*files, FILE, Kk)),
        ru: format!("в папке {path} готово: {}. Заполните места с пометками `[[ТОЛТЫРЫҢЫЗ`/`[[ЗАПОЛНИТЕ`: `ashyq check` их перечислит", plural(*files, FILE, Ru)),
        en: format!("created {} in {path}: fill in the places marked `[[ТОЛТЫРЫҢЫЗ`/`[[ЗАПОЛНИТЕ`; `ashyq check` lists them", plural(*files, FILE, En)),
    }
    StartAfterEnd => "start-after-end" {
        kk: "--start күні --end күнінен бұрын болуы керек",
        ru: "дата --start должна быть раньше --end",
        en: "--start must come before --end",
    }
    AnalysisStartYear { year: i32, start: NaiveDate } => "analysis-start-year" {
        kk: format!("{year} жылғы талдау {year} жылы басталады, ал --start {}: жылды немесе басталу күнін түзетіңіз (хабарландыру мен бұйрық алдыңғы жылдың желтоқсанында болуы мүмкін)", d(start)),
        ru: format!("анализ {year} года начинается в {year} году, а --start — {}: исправьте год или дату начала (объявление и приказ могут прийтись на декабрь предыдущего года)", d(start)),
        en: format!("an analysis of {year} starts in {year}, but --start is {}: correct the year or the start (the announcement and the order may fall in the December before)", d(start)),
    }
    AnalysisTooLong { start: NaiveDate, end: NaiveDate } => "analysis-too-long" {
        kk: format!("талдау {} – {} бір жылдан ұзақ: --end күнін тексеріңіз", d(start), d(end)),
        ru: format!("анализ {} – {} длится больше года: проверьте дату --end", d(start), d(end)),
        en: format!("an analysis from {} to {} lasts more than a year: check --end", d(start), d(end)),
    }
    AnalysisTooShort { start: NaiveDate, end: NaiveDate, earliest: NaiveDate } => "analysis-too-short" {
        kk: format!("{} – {} мерзімі қысқа: тоғыз бағыт бойынша жұмысқа, анықтамаға, талқылау туралы хабарландырудан кейінгі 5 жұмыс күніне, хаттама мен іс-шаралар жоспарына орын жоқ. Ең ерте аяқталу күні: {}", d(start), d(end), d(earliest)),
        ru: format!("срок {} – {} слишком короткий: не хватает места для работы по девяти направлениям, справки, 5 рабочих дней после объявления об обсуждении, протокола и плана мероприятий. Самая ранняя дата окончания: {}", d(start), d(end), d(earliest)),
        en: format!("{} to {} is too short for the work on nine directions, the report, 5 working days after the discussion announcement, the protocol and the action plan; the earliest end is {}", d(start), d(end), d(earliest)),
    }
    AnalysisFactsFrom { path: String } => "analysis-facts-from" {
        kk: format!("жұмыс тобы мен басшы {path} талдауынан алынды: өзгерген болса, түзетіңіз"),
        ru: format!("рабочая группа и руководитель взяты из анализа {path}: если что-то изменилось, исправьте"),
        en: format!("the working group and the head were taken from the analysis in {path}: correct them if anything changed"),
    }
    AnalysisPlanFrom { path: String, rows: usize, review: usize } => "analysis-plan-from" {
        kk: format!("жұмыс жоспарының {} {path} талдауынан көшірілді, мерзімдері жаңа талдауға ауыстырылды; өткен кезеңді атайтын {} тексеруге белгіленді", plural(*rows, ROW_OF, Kk), plural(*review, ROW, Kk)),
        ru: format!("из анализа {path} перенесено строк плана работы: {}, сроки передвинуты в новый анализ; для проверки отмечено строк, где назван прошлый период: {}", plural(*rows, ROW, Ru), plural(*review, ROW, Ru)),
        en: format!("carried {} of the work plan from the analysis in {path}, their dates moved into the new analysis; marked {} that name the old period for review", plural(*rows, ROW, En), plural(*review, ROW, En)),
    }
    AnalysisNextSteps => "analysis-next-steps" {
        kk: "Талдаумен қамтылатын кезең — алдыңғы күнтізбелік жыл: жарты жыл болса, _index файлындағы covered_period мәнін өзгертіңіз. Тәуекелдер анықталмаса, іс-шаралар жоспарының кестесінде сызықшалары бар бір жол қалдырыңыз",
        ru: "Период, охватываемый анализом, — предыдущий календарный год: если это полугодие, измените covered_period в файле _index. Если риски не выявлены, оставьте в таблице плана мероприятий одну строку с прочерками",
        en: "The period covered is the previous calendar year: for a half-year, change covered_period in the _index file. If no risks are found, leave one row of dashes in the action plan's table",
    }
    NoAnalysisSection => "no-analysis-section" {
        kk: "content/ қалтасы жоқ: алдымен `ashyq init` арқылы сайт жасаңыз",
        ru: "нет папки content/: сначала создайте сайт командой `ashyq init`",
        en: "there is no content/ folder: create the site with `ashyq init` first",
    }
    FolderNotEmpty { path: String } => "folder-not-empty" {
        kk: format!("`{path}` қалтасы бос емес: жаңа сайтты бос не жоқ қалтаға жасаңыз"),
        ru: format!("папка `{path}` не пуста: создайте новый сайт в пустой или новой папке"),
        en: format!("`{path}` is not empty: create the new site in an empty or new folder"),
    }
    SiteCreated { path: String } => "site-created" {
        kk: format!("{path} қалтасында жаңа сайт жасалды: site.yaml ішіндегі белгіленген орындарды толтырып, `ashyq serve --root {path}` іске қосыңыз"),
        ru: format!("в папке {path} создан новый сайт: заполните отмеченные места в site.yaml и запустите `ashyq serve --root {path}`"),
        en: format!("created a new site in {path}: fill in the marked places in site.yaml, then run `ashyq serve --root {path}`"),
    }
    // --- import (.docx)
    ImportRefusedFormat { format: String } => "import-refused-format" {
        kk: format!("бұл .docx емес, {format} файлы: оны Word не LibreOffice бағдарламасында ашып, «Word құжаты (.docx)» ретінде сақтаңыз да, қайта импорттаңыз"),
        ru: format!("это не .docx, а файл {format}: откройте его в Word или LibreOffice, сохраните как «Документ Word (.docx)» и импортируйте снова"),
        en: format!("this is not a .docx but a {format} file: open it in Word or LibreOffice, save it as \"Word Document (.docx)\" and import that"),
    }
    ImportBroken { detail: String } => "import-broken" {
        kk: format!("файл бүлінген немесе Word құжаты емес ({detail}): оны Word-та ашып, .docx ретінде қайта сақтаңыз"),
        ru: format!("файл поврежден или не является документом Word ({detail}): откройте его в Word и сохраните заново как .docx"),
        en: format!("the file is damaged or not a Word document ({detail}): open it in Word and save it again as .docx"),
    }
    ImportTooBig { what: String, limit: String } => "import-too-big" {
        kk: format!("файлдың «{what}» бөлігі шектен асады ({limit}): мұндай құжатты Word жасамайды, ештеңе жазылмады"),
        ru: format!("часть файла «{what}» превышает предел ({limit}): Word таких документов не создает, ничего не записано"),
        en: format!("the file's part \"{what}\" is over the limit ({limit}): Word does not write such documents; nothing was written"),
    }
    ImportUnsafePath { name: String } => "import-unsafe-path" {
        kk: format!("архив ішінде қауіпті жол бар: `{name}`; бұл файлды Word жасамаған, ештеңе жазылмады"),
        ru: format!("в архиве опасный путь: `{name}`; этот файл создан не Word, ничего не записано"),
        en: format!("the archive holds an unsafe path `{name}`; Word did not write this file, and nothing was written"),
    }
    ImportDoctype => "import-doctype" {
        kk: "құжаттың XML-інде DOCTYPE не сыртқы нысан бар: Word мұны жазбайды, файл қабылданбады",
        ru: "в XML документа есть DOCTYPE или внешняя сущность: Word так не пишет, файл отклонен",
        en: "the document's XML has a DOCTYPE or an external entity: Word does not write that, so the file is refused",
    }
    ImportTooDeep { limit: usize } => "import-too-deep" {
        kk: format!("құжаттың XML-і тым терең (шегі {limit} деңгей): файл қабылданбады"),
        ru: format!("XML документа слишком глубокий (предел {limit} уровней): файл отклонен"),
        en: format!("the document's XML nests too deeply (limit {limit} levels): the file is refused"),
    }
    ImportExists { path: String } => "import-exists" {
        kk: format!("`{path}` бұрыннан бар: қайта жазу үшін --force қосыңыз"),
        ru: format!("`{path}` уже существует: чтобы перезаписать, добавьте --force"),
        en: format!("`{path}` already exists: add --force to overwrite it"),
    }
    ImportNeedKind => "import-need-kind" {
        kk: "құжаттың түрі тақырыбынан танылмады: --kind беріңіз (order, work-plan, report…)",
        ru: "вид документа не распознан по заголовку: укажите --kind (order, work-plan, report…)",
        en: "the document's kind was not recognised from its title: give --kind (order, work-plan, report…)",
    }
    ImportNeedYear => "import-need-year" {
        kk: "құжатта күні жоқ, талдау жылы белгісіз: --analysis ЖЫЛ беріңіз",
        ru: "в документе нет даты, год анализа неизвестен: укажите --analysis ГОД",
        en: "the document states no date, so the analysis year is unknown: give --analysis YEAR",
    }
    ImportWritten { path: String } => "import-written" {
        kk: format!("{path} жазылды: `ashyq serve` арқылы қарап шығыңыз"),
        ru: format!("записан {path}: проверьте страницу через `ashyq serve`"),
        en: format!("wrote {path}: look at the page with `ashyq serve`"),
    }
    ImportRecognised { key: String, value: String } => "import-recognised" {
        kk: format!("танылды: {key} = {value}"),
        ru: format!("распознано: {key} = {value}"),
        en: format!("recognised: {key} = {value}"),
    }
    ImportNotStated { keys: String } => "import-not-stated" {
        kk: format!("құжатта жазылмаған, сондықтан қосылмады: {keys} (қажет болса --date/--number арқылы беріңіз)"),
        ru: format!("в документе не указано, поэтому не добавлено: {keys} (при необходимости укажите --date/--number)"),
        en: format!("not stated in the document, so left out: {keys} (give --date/--number if needed)"),
    }
    ImportDatesDiffer { dates: String } => "import-dates-differ" {
        kk: format!("құжаттың басында әртүрлі күндер бар ({dates}): күн алынбады, --date арқылы беріңіз"),
        ru: format!("в начале документа разные даты ({dates}): дата не взята, укажите --date"),
        en: format!("the document's heading states different dates ({dates}): none was taken; give --date"),
    }
    ImportImage { para: usize, words: String } => "import-image" {
        kk: format!("{para}-абзацтағы сурет («{words}…») құжаттың ішінде сақталмаған (сыртқы файлға сілтеме, диаграмма не сызба), сондықтан импортталмады: оны сурет ретінде files/ қалтасына салып, сілтеме қойыңыз"),
        ru: format!("изображение в абзаце {para} («{words}…») не хранится в самом документе (ссылка на внешний файл, диаграмма или схема) и не импортировано: сохраните его как картинку в files/ и дайте ссылку"),
        en: format!("the picture in paragraph {para} (\"{words}…\") is not stored in the document (a linked file, a chart or a diagram) and was not imported: save it as a picture in files/ and link it"),
    }
    ImportImageFormat { para: usize, words: String, format: String } => "import-image-format" {
        kk: format!("{para}-абзацтағы сурет («{words}…») браузерлер көрсетпейтін пішімде ({format}), сондықтан импортталмады: оны PNG не JPEG ретінде files/ қалтасына сақтап, сілтеме қойыңыз"),
        ru: format!("изображение в абзаце {para} («{words}…») в формате, который браузеры не показывают ({format}), и не импортировано: сохраните его как PNG или JPEG в files/ и дайте ссылку"),
        en: format!("the picture in paragraph {para} (\"{words}…\") is in a format browsers do not show ({format}) and was not imported: save it as PNG or JPEG in files/ and link it"),
    }
    ImportImageNoAlt { para: usize, words: String } => "import-image-no-alt" {
        kk: format!("{para}-абзацтағы суреттің («{words}…») сипаттамасы (балама мәтіні) жоқ: суретті көрмейтін оқырман одан ештеңе білмейді; сипаттаманы Word-та («Балама мәтінді өңдеу») не бет мәтінінде қосыңыз"),
        ru: format!("у изображения в абзаце {para} («{words}…») нет описания (замещающего текста): тот, кто его не видит, ничего из него не узнает; добавьте описание в Word («Изменить замещающий текст») или в тексте страницы"),
        en: format!("the picture in paragraph {para} (\"{words}…\") has no description (alt text): a reader who cannot see it learns nothing from it; add one in Word (\"Edit Alt Text\") or in the page's text"),
    }
    ImportPictureWritten { path: String } => "import-picture-written" {
        kk: format!("{path} жазылды"),
        ru: format!("записан {path}"),
        en: format!("wrote {path}"),
    }
    ImportEmpty => "import-empty" {
        kk: "құжатта мәтін де, сурет те жоқ: импорттайтын ештеңе жоқ; дұрыс файлды таңдағаныңызды тексеріңіз",
        ru: "в документе нет ни текста, ни изображений: импортировать нечего; проверьте, тот ли файл выбран",
        en: "the document has no text and no pictures: there is nothing to import; check that this is the right file",
    }
    ImportNeedTitle { first_line: String } => "import-need-title" {
        kk: format!("құжатта тақырып жолы жоқ (басында тақырып стиліндегі не ортаға қойылған қалың қаріпті жол): тақырыпты --title \"…\" арқылы беріңіз; құжаттың бірінші жолы: «{first_line}»"),
        ru: format!("в документе нет строки заголовка (стиль заголовка или жирная строка по центру в начале): укажите заголовок через --title \"…\"; первая строка документа: «{first_line}»"),
        en: format!("the document has no title line (a heading style, or a bold centred line at its top): give its title with --title \"…\"; its first line reads \"{first_line}\""),
    }
    ImportInflation { what: String, ratio: u64 } => "import-inflation" {
        kk: format!("файлдың «{what}» бөлігі ашқанда сығылған көлемінен {ratio} еседен артық үлкейеді: мұндай құжатты Word жасамайды («zip-бомба» осындай болады), ештеңе жазылмады"),
        ru: format!("часть файла «{what}» при распаковке становится больше сжатой более чем в {ratio} раз: Word таких документов не создает (так выглядит «zip-бомба»), ничего не записано"),
        en: format!("the file's part \"{what}\" unpacks to more than {ratio} times its packed size: Word does not write such documents (a zip bomb does), and nothing was written"),
    }
    ImportComment { para: usize, words: String } => "import-comment" {
        kk: format!("{para}-абзацтағы түсініктеме («{words}…») жарияланбайды"),
        ru: format!("примечание к абзацу {para} («{words}…») не публикуется"),
        en: format!("the comment on paragraph {para} (\"{words}…\") is not published"),
    }
    ImportNote { para: usize, words: String } => "import-note" {
        kk: format!("{para}-абзацтағы сілтеме-ескерту («{words}…») импортталмады: мәтінін қолмен қосыңыз"),
        ru: format!("сноска в абзаце {para} («{words}…») не импортирована: добавьте ее текст вручную"),
        en: format!("the footnote in paragraph {para} (\"{words}…\") was not imported: add its text by hand"),
    }
    ImportField { code: String, para: usize, words: String } => "import-field" {
        kk: format!("{para}-абзацтағы `{code}` өрісі («{words}…») Word соңғы көрсеткен мәнімен алынды"),
        ru: format!("поле `{code}` в абзаце {para} («{words}…») взято со значением, которое Word показал последним"),
        en: format!("the field `{code}` in paragraph {para} (\"{words}…\") was kept as the value Word last showed"),
    }
    ImportTracked { count: usize } => "import-tracked" {
        kk: format!("құжатта қабылданбаған түзетулер бар ({}): олар қабылданған түрде импортталды; Word-та тексеріңіз", plural(*count, CHANGE, Kk)),
        ru: format!("в документе есть непринятые исправления ({}): импортирован текст с принятыми исправлениями; проверьте в Word", plural(*count, CHANGE, Ru)),
        en: format!("the document has {}: the text was imported with them accepted; check it in Word", plural(*count, CHANGE, En)),
    }
    // --- summaries
    Built { pages: usize, files: usize, output: String, seconds: String } => "built" {
        kk: format!("{} ({}) {output} қалтасына {} с ішінде жасалды", plural(*pages, PAGE, Kk), plural(*files, FILE, Kk), decimal(seconds, Kk)),
        ru: format!("собрано: {} ({}) в {output} за {} с", plural(*pages, PAGE, Ru), plural(*files, FILE, Ru), decimal(seconds, Ru)),
        en: format!("built {} ({}) into {output} in {seconds} s", plural(*pages, PAGE, En), plural(*files, FILE, En)),
    }
    BuildFailed { errors: usize, warnings: usize } => "build-failed" {
        kk: format!("{}, {}: сайт жасалмады, бұрынғы нәтиже өзгеріссіз қалды", plural(*errors, ERROR, Kk), plural(*warnings, WARNING, Kk)),
        ru: format!("{}, {}. Сайт не собран, прежний результат не изменен", plural(*errors, ERROR, Ru), plural(*warnings, WARNING, Ru)),
        en: format!("{}, {}: nothing was built, the previous output is unchanged", plural(*errors, ERROR, En), plural(*warnings, WARNING, En)),
    }
    WriteFailed { stream: String, detail: String } => "write-failed" {
        kk: format!("{stream} ағынына жазу мүмкін болмады ({detail}), сондықтан ashyq тоқтады: дискіде орын босатыңыз немесе шығысты басқа файлға бағыттаңыз"),
        ru: format!("не удалось записать в {stream} ({detail}), поэтому ashyq остановлен: освободите место на диске или направьте вывод в другой файл"),
        en: format!("cannot write to {stream} ({detail}), so ashyq stopped: free some disk space or send the output to another file"),
    }
    // --- deploy and package
    NoDeployUrl => "no-deploy-url" {
        kk: "Қайда жүктеу керегі белгісіз: site.yaml ішінде `deploy: {url: …}` жазыңыз немесе --url беріңіз, мысалы --url sftp://user@host/public_html",
        ru: "Неизвестно, куда загружать: укажите `deploy: {url: …}` в site.yaml или передайте --url, например --url sftp://user@host/public_html",
        en: "Nowhere to upload to: write `deploy: {url: …}` in site.yaml or pass --url, such as --url sftp://user@host/public_html",
    }
    BadDeployUrl { value: String, flag: bool } => "bad-deploy-url" {
        kk: format!("{}`{value}` жүктеу мекенжайы емес: ftp://пайдаланушы@сервер/қалта, ftps://… немесе sftp://… түрінде жазыңыз", if *flag { "--url: " } else { "" }),
        ru: format!("{}`{value}` не адрес для загрузки: пишите ftp://пользователь@сервер/папка, ftps://… или sftp://…", if *flag { "--url: " } else { "" }),
        en: format!("{}`{value}` is not an upload address: write ftp://user@host/folder, ftps://… or sftp://…", if *flag { "--url: " } else { "" }),
    }
    NoPassword => "no-password" {
        kk: "Құпиясөз жоқ: ASHYQ_DEPLOY_PASSWORD айнымалысын орнатыңыз немесе ashyq deploy-ды терминалда іске қосыңыз, сонда ол құпиясөзді сұрайды",
        ru: "Нет пароля: задайте переменную ASHYQ_DEPLOY_PASSWORD или запустите ashyq deploy в терминале, и он спросит пароль",
        en: "No password: set the ASHYQ_DEPLOY_PASSWORD variable, or run ashyq deploy in a terminal to be asked for it",
    }
    PasswordPrompt { user: String, host: String } => "password-prompt" {
        kk: format!("{user}@{host} құпиясөзі:"),
        ru: format!("Пароль для {user}@{host}:"),
        en: format!("Password for {user}@{host}:"),
    }
    NotABuiltSite { path: String } => "not-a-built-site" {
        kk: format!("`{path}` қалтасын ashyq жасамаған немесе ол жоқ: алдымен ashyq build іске қосыңыз немесе --no-build алып тастаңыз"),
        ru: format!("папка `{path}` не собрана ashyq или ее нет: сначала запустите ashyq build или уберите --no-build"),
        en: format!("`{path}` is missing or was not built by ashyq: run ashyq build first, or drop --no-build"),
    }
    PlaceholdersRefused { count: usize } => "placeholders-refused" {
        kk: format!("сайтта толтырылмаған орындар қалды ({count}, `[[ТОЛТЫРЫҢЫЗ`/`[[ЗАПОЛНИТЕ`): ештеңе жарияланбады. Оларды толтырыңыз (тізімі төменде, `ashyq check` те көрсетеді) немесе әдейі жариялау үшін --allow-placeholders қосыңыз"),
        ru: format!("на сайте остались незаполненные места ({count}, `[[ТОЛТЫРЫҢЫЗ`/`[[ЗАПОЛНИТЕ`): ничего не опубликовано. Заполните их (список ниже, его же показывает `ashyq check`) или, если это сделано намеренно, добавьте --allow-placeholders"),
        en: format!("the site still has places to fill in ({count}, `[[ТОЛТЫРЫҢЫЗ`/`[[ЗАПОЛНИТЕ`): nothing was published. Fill them in (listed below; `ashyq check` lists them too), or add --allow-placeholders to publish them on purpose"),
    }
    BuildPlaceholdersRefused { count: usize } => "build-placeholders-refused" {
        kk: format!("сайтта толтырылмаған орындар қалды ({count}, `[[ТОЛТЫРЫҢЫЗ`/`[[ЗАПОЛНИТЕ`): сайт жасалмады, өйткені public/ қалтасын қолмен жүктеген адам оларды жариялап жібереді. Оларды толтырыңыз (тізімі жоғарыда, `ashyq check` те көрсетеді) немесе әдейі жариялау үшін --allow-placeholders қосыңыз; алдын ала қарау (`ashyq serve`) оларды белгілеп көрсетеді"),
        ru: format!("на сайте остались незаполненные места ({count}, `[[ТОЛТЫРЫҢЫЗ`/`[[ЗАПОЛНИТЕ`): сайт не собран, потому что тот, кто загрузит папку public/ вручную, опубликует их. Заполните их (список выше, его же показывает `ashyq check`) или, если это сделано намеренно, добавьте --allow-placeholders; предпросмотр (`ashyq serve`) показывает их выделенными"),
        en: format!("the site still has places to fill in ({count}, `[[ТОЛТЫРЫҢЫЗ`/`[[ЗАПОЛНИТЕ`): nothing was built, since whoever uploads public/ by hand would publish them. Fill them in (listed above; `ashyq check` lists them too), or add --allow-placeholders to publish them on purpose; the preview (`ashyq serve`) shows them marked"),
    }
    PlaceholdersPublished { count: usize } => "placeholders-published" {
        kk: format!("НАЗАР АУДАРЫҢЫЗ: --allow-placeholders берілді, сондықтан толтырылмаған орындар ({count}) сайтта сол күйінде жарияланады"),
        ru: format!("ВНИМАНИЕ: задан --allow-placeholders, поэтому незаполненные места ({count}) публикуются на сайте как есть"),
        en: format!("ATTENTION: --allow-placeholders is given, so the places still to fill in ({count}) are being published as they are"),
    }
    Connecting { url: String } => "connecting" {
        kk: format!("{url} серверіне қосылу…"),
        ru: format!("подключение к {url}…"),
        en: format!("connecting to {url}…"),
    }
    CannotResolve { host: String, flag: bool } => "cannot-resolve" {
        kk: format!("`{host}` сервері табылмады: {} ішіндегі мекенжайды және интернет байланысын тексеріңіз", url_place(*flag)),
        ru: format!("сервер `{host}` не найден: проверьте адрес в {} и подключение к интернету", url_place(*flag)),
        en: format!("cannot find the server `{host}`: check the address in {} and the Internet connection", url_place(*flag)),
    }
    CannotConnect { addr: String, detail: String } => "cannot-connect" {
        kk: format!("{addr} серверіне қосылу мүмкін болмады ({detail}): мекенжай мен портты тексеріңіз, хостинг жұмыс істеп тұр ма, соны біліңіз"),
        ru: format!("не удалось подключиться к {addr} ({detail}): проверьте адрес и порт и работает ли хостинг"),
        en: format!("cannot connect to {addr} ({detail}): check the address and port, and that the hosting is up"),
    }
    ConnectionLost { detail: String } => "connection-lost" {
        kk: format!("хостингпен байланыс үзілді ({detail})"),
        ru: format!("связь с хостингом прервалась ({detail})"),
        en: format!("the connection to the hosting was lost ({detail})"),
    }
    LoginFailed { user: String, host: String } => "login-failed" {
        kk: format!("{host} сервері `{user}` пайдаланушысын бұл құпиясөзбен (не кілтпен) кіргізбеді: оларды хостингтің басқару панелінен тексеріңіз"),
        ru: format!("сервер {host} не пустил пользователя `{user}` с этим паролем (или ключом): проверьте их в панели управления хостингом"),
        en: format!("{host} refused user `{user}` with this password (or key): check them in the hosting's control panel"),
    }
    HostKeyUnknown { host: String, fingerprint: String } => "host-key-unknown" {
        kk: format!("{host} сервері әлі таныс емес, оның кілті {fingerprint}. Бұл сіздің хостингіңіздің кілті екеніне көз жеткізіңіз (хостингтен сұраңыз), содан кейін --accept-new-host-key қосып қайта іске қосыңыз"),
        ru: format!("сервер {host} еще не знаком, его ключ {fingerprint}. Убедитесь, что это ключ вашего хостинга (спросите у хостинга), и запустите еще раз с --accept-new-host-key"),
        en: format!("the server {host} is not known yet; its key is {fingerprint}. Make sure this is your hosting's key (ask the hosting), then run again with --accept-new-host-key"),
    }
    HostKeyChanged { host: String, file: String, line: usize } => "host-key-changed" {
        kk: format!("{host} серверінің кілті өзгерген ({file}, {line}-жол): бұл шабуыл болуы мүмкін немесе хостинг серверді ауыстырған. Хостингтен сұраңыз; олар растаса, {file} файлынан {line}-жолды өшіріңіз"),
        ru: format!("ключ сервера {host} изменился ({file}, строка {line}): это может быть атака, или хостинг сменил сервер. Спросите у хостинга; если он подтвердит, удалите строку {line} из {file}"),
        en: format!("the key of server {host} has changed ({file}, line {line}): this may be an attack, or the hosting moved the server. Ask the hosting; if they confirm, remove line {line} from {file}"),
    }
    HostKeyLearned { host: String, file: String } => "host-key-learned" {
        kk: format!("{host} серверінің кілті {file} файлына жазылды"),
        ru: format!("ключ сервера {host} записан в {file}"),
        en: format!("the key of {host} was added to {file}"),
    }
    KnownHostsUnreadable { file: String, detail: String } => "known-hosts-unreadable" {
        kk: format!("таныс серверлер файлы {file} оқылмады ({detail})"),
        ru: format!("не удалось прочитать файл известных серверов {file} ({detail})"),
        en: format!("cannot read the known hosts file {file} ({detail})"),
    }
    KeyUnreadable { path: String, detail: String } => "key-unreadable" {
        kk: format!("`{path}` кілтін оқу мүмкін болмады ({detail}): файлды және оның құпия сөзін тексеріңіз"),
        ru: format!("не удалось прочитать ключ `{path}` ({detail}): проверьте файл и его пароль"),
        en: format!("cannot read the key `{path}` ({detail}): check the file and its passphrase"),
    }
    CertificateUntrusted { host: String, detail: String } => "certificate-untrusted" {
        kk: format!("{host} серверінің сертификатына сенуге болмайды ({detail}), мысалы, ол өзі қол қойған: байланысты біреу ұстап тұруы мүмкін. Хостинг өз сертификатын қолданатынын растаса ғана --insecure қосыңыз"),
        ru: format!("сертификату сервера {host} нельзя доверять ({detail}), например, он самоподписанный: соединение может быть перехвачено. Добавьте --insecure, только если хостинг подтвердил, что использует собственный сертификат"),
        en: format!("the certificate of {host} is not trusted ({detail}), for example it is self-signed: the connection may be intercepted. Add --insecure only if the hosting confirms it uses its own certificate"),
    }
    CertificateWrongName { host: String, detail: String } => "certificate-wrong-name" {
        kk: format!("сервер сертификаты `{host}` атына берілмеген ({detail}): хостинг FTP үшін беретін сервер атын жазыңыз (басқару панелінде көрсетілген) немесе --insecure қосыңыз"),
        ru: format!("сертификат сервера выдан не на имя `{host}` ({detail}): укажите имя сервера, которое хостинг дает для FTP (оно есть в панели управления), или добавьте --insecure"),
        en: format!("the server's certificate is not for `{host}` ({detail}): use the server name the hosting gives for FTP (see its control panel), or add --insecure"),
    }
    TlsFailed { host: String, detail: String } => "tls-failed" {
        kk: format!("{host} серверімен шифрланған байланыс орнамады ({detail})"),
        ru: format!("не удалось установить защищенное соединение с {host} ({detail})"),
        en: format!("cannot set up an encrypted connection with {host} ({detail})"),
    }
    FolderRefused { path: String, detail: String, flag: bool } => "folder-refused" {
        kk: format!("хостинг `{path}` жазуға рұқсат бермейді ({detail}): {} ішіндегі қалтаны және басқару панеліндегі оның рұқсаттарын тексеріңіз", url_place(*flag)),
        ru: format!("хостинг не разрешает запись `{path}` ({detail}): проверьте папку в {} и ее права в панели управления", url_place(*flag)),
        en: format!("the hosting does not allow writing `{path}` ({detail}): check the folder in {} and its permissions in the control panel", url_place(*flag)),
    }
    DiskFull { path: String, detail: String } => "disk-full" {
        kk: format!("`{path}` жазылып жатқанда хостингте орын бітті ({detail}): ескі файлдарды өшіріңіз немесе хостингтен көбірек орын сұраңыз"),
        ru: format!("на хостинге закончилось место при записи `{path}` ({detail}): удалите старые файлы или попросите у хостинга больше места"),
        en: format!("the hosting ran out of space while writing `{path}` ({detail}): delete old files or ask the hosting for more space"),
    }
    StepAborted { path: String, detail: String } => "step-aborted" {
        kk: format!("хостинг `{path}` жазуды жаңа қосылыста да қайта-қайта үзіп тастайды ({detail}): бұл байланыс ақауы емес, көбінесе хостингтегі орын не квота толып қалған. Басқару панелінен бос орынды (және қалтаның рұқсаттарын) тексеріңіз"),
        ru: format!("хостинг снова и снова обрывает запись `{path}`, даже на новом соединении ({detail}): дело не в связи, чаще всего на хостинге кончилось место или квота. Проверьте в панели управления свободное место (и права на папку)"),
        en: format!("the hosting breaks off writing `{path}` again and again, even on a new connection ({detail}): this is not the network; most often its disk or quota is full. Check the free space (and the folder's permissions) in the control panel"),
    }
    ServerError { detail: String } => "server-error" {
        kk: format!("сервер қатемен жауап берді: {detail}"),
        ru: format!("сервер ответил ошибкой: {detail}"),
        en: format!("the server answered with an error: {detail}"),
    }
    ReadingRemoteFolder => "reading-remote-folder" {
        kk: "Хостингте ashyq тізімі (.ashyq-manifest.json) әлі жоқ: қалтаның ішіндегісі оқылып жатыр",
        ru: "На хостинге еще нет списка ashyq (.ashyq-manifest.json): читается содержимое папки",
        en: "The hosting has no ashyq manifest (.ashyq-manifest.json) yet: reading the folder's contents",
    }
    ManifestUntrusted { file: String, entry: String, problem: PathProblem = PathProblem::Dots } => "manifest-untrusted" {
        kk: format!("хостингтегі {file} файлына сенуге болмайды: «{entry}» жазбасы {}. Оның ешбір жазбасы пайдаланылмайды, қалтаның ішіндегісі оқылып жатыр (--rescan сияқты). Бұл файлды басқа бағдарлама не басқа адам өзгерткен болуы мүмкін: хостингтің қауіпсіздігін тексеріңіз", path_problem(*problem, Kk)),
        ru: format!("файлу {file} на хостинге нельзя доверять: запись «{entry}» {}. Ни одна его запись не используется, читается содержимое папки (как с --rescan). Этот файл могла изменить другая программа или другой человек: проверьте безопасность хостинга", path_problem(*problem, Ru)),
        en: format!("the hosting's {file} cannot be trusted: its entry \"{entry}\" {}. None of its entries is used; reading the folder's contents instead (as --rescan does). Another program or person may have changed that file: check the hosting's security", path_problem(*problem, En)),
    }
    ManifestTooLarge { file: String, max: u64 } => "manifest-too-large" {
        kk: format!("хостингтегі {file} файлы {} көлемінен үлкен: ashyq мұндай үлкен тізім жазбайды, сондықтан оған сенуге болмайды. Оның оқылғаны пайдаланылмайды, қалтаның ішіндегісі оқылып жатыр (--rescan сияқты). Бұл файлды басқа бағдарлама не басқа адам өзгерткен болуы мүмкін: хостингтің қауіпсіздігін тексеріңіз", size(*max, Kk)),
        ru: format!("файл {file} на хостинге больше {}: такого большого списка ashyq не пишет, поэтому ему нельзя доверять. Прочитанное из него не используется, читается содержимое папки (как с --rescan). Этот файл могла изменить другая программа или другой человек: проверьте безопасность хостинга", size(*max, Ru)),
        en: format!("the hosting's {file} is larger than {}: ashyq never writes a manifest that large, so it cannot be trusted. Nothing read from it is used; reading the folder's contents instead (as --rescan does). Another program or person may have changed that file: check the hosting's security", size(*max, En)),
    }
    RemoteFolderTooLarge { max: usize } => "remote-folder-too-large" {
        kk: format!("хостингтегі қалтадағы файлдар мен қалталар саны {} шегінен асады: бұл сайттың қалтасы емес (не сервер оны шексіз көрсетеді). Хостингте ештеңе өзгерген жоқ. --url (не site.yaml ішіндегі deploy.url) сайттың өз қалтасын атайтынын тексеріңіз", grouped(*max, Kk)),
        ru: format!("в папке на хостинге больше {} файлов и папок: это не папка сайта (или сервер показывает ее без конца). На хостинге ничего не изменено. Проверьте, что --url (или deploy.url в site.yaml) указывает на собственную папку сайта", grouped(*max, Ru)),
        en: format!("the hosting's folder holds more than {} files and folders: it is not a site's folder (or the server shows it without end). Nothing was changed on the hosting. Check that --url (or deploy.url in site.yaml) names the site's own folder", grouped(*max, En)),
    }
    RemoteNameSkipped { name: String, problem: PathProblem = PathProblem::Dots } => "remote-name-skipped" {
        kk: format!("хостингтегі «{name}» атауы {}: ол еленбейді және өзгертілмейді. Қажет болса, оны хостингтің басқару панелінде өшіріңіз не атын өзгертіңіз", path_problem(*problem, Kk)),
        ru: format!("имя «{name}» на хостинге {}: оно пропущено и не изменяется. Если нужно, удалите или переименуйте его в панели управления хостингом", path_problem(*problem, Ru)),
        en: format!("the name \"{name}\" on the hosting {}: it is skipped and left as it is. If needed, delete or rename it in the hosting's control panel", path_problem(*problem, En)),
    }
    RemoteLinkLeftAlone { name: String } => "remote-link-left-alone" {
        kk: format!("хостингтегі «{name}» — символдық сілтеме: ashyq оның ішіне кірмейді, ол арқылы ештеңе жібермейді және оны өшірмейді"),
        ru: format!("«{name}» на хостинге — символическая ссылка: ashyq не заходит по ней, ничего не отправляет через нее и не удаляет ее"),
        en: format!("\"{name}\" on the hosting is a symbolic link: ashyq does not look into it, send anything through it or delete it"),
    }
    RemoteLinkInTheWay { name: String } => "remote-link-in-the-way" {
        kk: format!("сайт «{name}» орнына (не оның ішіне) файл қояды, ал хостингте бұл — символдық сілтеме: ол сайт қалтасынан тыс жерге апаруы мүмкін, сондықтан ештеңе жіберілмеді. Сілтемені хостингтің басқару панелінде өшіріңіз не атын өзгертіңіз де, қайта іске қосыңыз. Хостингте ештеңе өзгерген жоқ"),
        ru: format!("сайт кладет файл на место «{name}» (или внутрь), а на хостинге это символическая ссылка: она может вести за пределы папки сайта, поэтому ничего не отправлено. Удалите или переименуйте ссылку в панели управления хостингом и запустите еще раз. На хостинге ничего не изменено"),
        en: format!("the site puts a file at \"{name}\" (or inside it), which on the hosting is a symbolic link: it may lead outside the site's folder, so nothing was sent. Delete or rename the link in the hosting's control panel and run again. Nothing was changed on the hosting"),
    }
    LocalNameRefused { path: String, problem: PathProblem = PathProblem::Dots } => "local-name-refused" {
        kk: format!("«{path}» атауы {}, сондықтан оны хостингке жіберуге болмайды: файлдың не қалтаның атын өзгертіңіз де, қайта іске қосыңыз", path_problem(*problem, Kk)),
        ru: format!("имя «{path}» {}, поэтому его нельзя отправить на хостинг: переименуйте файл или папку и запустите еще раз", path_problem(*problem, Ru)),
        en: format!("the name \"{path}\" {}, so it cannot be sent to the hosting: rename the file or folder and run again", path_problem(*problem, En)),
    }
    PlanUpload { path: String, bytes: u64, new: bool } => "plan-upload" {
        kk: format!("  {}{path} ({})", if *new { "жаңа       " } else { "өзгерген   " }, size(*bytes, Kk)),
        ru: format!("  {}{path} ({})", if *new { "новый      " } else { "изменен    " }, size(*bytes, Ru)),
        en: format!("  {}{path} ({})", if *new { "new        " } else { "changed    " }, size(*bytes, En)),
    }
    PlanDelete { path: String } => "plan-delete" {
        kk: format!("  өшіріледі  {path}"),
        ru: format!("  удаляется  {path}"),
        en: format!("  delete     {path}"),
    }
    PlanSummary { uploads: usize, bytes: u64, deletes: usize, unchanged: usize } => "plan-summary" {
        kk: format!("Жіберілетіні: {} ({}); өшірілетіні: {deletes}; өзгермегені: {unchanged}", plural(*uploads, FILE, Kk), size(*bytes, Kk)),
        ru: format!("К отправке: {} ({}); к удалению: {deletes}; без изменений: {unchanged}", plural(*uploads, FILE, Ru), size(*bytes, Ru)),
        en: format!("To send: {} ({}); to delete: {deletes}; unchanged: {unchanged}", plural(*uploads, FILE, En), size(*bytes, En)),
    }
    TooManyDeletes { count: usize, max: usize } => "too-many-deletes" {
        kk: format!("хостингтен {} өшірілер еді, бұл --max-deletes {max} шегінен көп. Жоғарыдағы тізімді тексеріңіз, содан кейін --yes (немесе --max-deletes {count}) қосып қайта іске қосыңыз. Хостингте ештеңе өзгерген жоқ", plural(*count, FILE, Kk)),
        ru: format!("к удалению с хостинга: {}, это больше предела --max-deletes {max}. Проверьте список выше и запустите еще раз с --yes (или --max-deletes {count}). На хостинге ничего не изменено", plural(*count, FILE, Ru)),
        en: format!("{} would be deleted from the hosting, more than --max-deletes {max}. Check the list above and run again with --yes (or --max-deletes {count}). Nothing was changed on the hosting", plural(*count, FILE, En)),
    }
    DryRun => "dry-run" {
        kk: "Бұл тек жоспар (--dry-run): хостингте ештеңе өзгертілген жоқ",
        ru: "Это только план (--dry-run): на хостинге ничего не изменено",
        en: "This is only the plan (--dry-run): nothing was changed on the hosting",
    }
    UpToDate => "up-to-date" {
        kk: "Хостингте сайттың дәл осы нұсқасы тұр: ештеңе жіберілмеді",
        ru: "На хостинге уже эта же версия сайта: ничего не отправлено",
        en: "The hosting already has this exact site: nothing was sent",
    }
    Sent { path: String, bytes: u64 } => "sent" {
        kk: format!("жіберілді {path} ({})", size(*bytes, Kk)),
        ru: format!("отправлен {path} ({})", size(*bytes, Ru)),
        en: format!("sent {path} ({})", size(*bytes, En)),
    }
    Deleted { path: String } => "deleted" {
        kk: format!("өшірілді {path}"),
        ru: format!("удален {path}"),
        en: format!("deleted {path}"),
    }
    Retrying { attempt: u32, attempts: u32, seconds: u64, detail: String } => "retrying" {
        kk: format!("байланыс ақауы ({detail}); {seconds} с кейін қайта әрекет ({attempt}/{attempts})"),
        ru: format!("сбой связи ({detail}); новая попытка через {seconds} с ({attempt}/{attempts})"),
        en: format!("connection problem ({detail}); trying again in {seconds} s ({attempt}/{attempts})"),
    }
    ProgressFiles { done: usize, total: usize, sent: u64, bytes: u64 } => "progress-files" {
        kk: format!("{done}/{}, {} / {}", plural(*total, FILE, Kk), size(*sent, Kk), size(*bytes, Kk)),
        ru: format!("{done}/{}, {} / {}", plural(*total, FILE, Ru), size(*sent, Ru), size(*bytes, Ru)),
        en: format!("{done}/{}, {} / {}", plural(*total, FILE, En), size(*sent, En), size(*bytes, En)),
    }
    DeployDone { uploaded: usize, unchanged: usize, deleted: usize, bytes: u64, seconds: String } => "deploy-done" {
        kk: format!("Дайын, {} с: жіберілді {} ({}), өзгермеді {unchanged}, өшірілді {deleted}", decimal(seconds, Kk), plural(*uploaded, FILE, Kk), size(*bytes, Kk)),
        ru: format!("Готово за {} с: отправлено: {} ({}), без изменений: {unchanged}, удалено: {deleted}", decimal(seconds, Ru), plural(*uploaded, FILE, Ru), size(*bytes, Ru)),
        en: format!("Done in {seconds} s: sent {} ({}), unchanged {unchanged}, deleted {deleted}", plural(*uploaded, FILE, En), size(*bytes, En)),
    }
    DeployFailed => "deploy-failed" {
        kk: "Жүктеу аяқталмады. Жіберілген файлдар хостингте орнында тұр; ashyq deploy-ды қайта іске қосыңыз, ол тоқтаған жерінен жалғастырады",
        ru: "Загрузка не завершена. Уже отправленные файлы на хостинге на своих местах; запустите ashyq deploy еще раз, и он продолжит с того места, где остановился",
        en: "The upload did not finish. Files already sent are in place on the hosting; run ashyq deploy again and it continues where it stopped",
    }
    Packaged { path: String, files: usize, bytes: u64 } => "packaged" {
        kk: format!("{path} жазылды: {} ({}). Оны хостингтің файл менеджеріне жүктеп, сайт қалтасында ашыңыз (extract)", plural(*files, FILE, Kk), size(*bytes, Kk)),
        ru: format!("записан {path}: {} ({}). Загрузите его в файловый менеджер хостинга и распакуйте в папке сайта", plural(*files, FILE, Ru), size(*bytes, Ru)),
        en: format!("wrote {path}: {} ({}). Upload it in the hosting's file manager and extract it in the site's folder", plural(*files, FILE, En), size(*bytes, En)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The examples the table generates, plus the branches an example of defaults does not reach.
    fn samples() -> Vec<Message> {
        let mut all = Message::examples();
        all.extend([
            Message::NotUtf8 { encoding: "Windows-1251".into() },
            Message::CheckSummary { errors: 1, warnings: 2, infos: 0 },
            Message::CheckSummary { errors: 1, warnings: 2, infos: 3 },
            Message::UnknownKey { key: "titel".into(), suggestion: Some("title".into()), allowed: "title".into() },
            Message::PlanUpload { path: "a".into(), bytes: 10, new: true },
            Message::BadDeployUrl { value: "x".into(), flag: true },
            Message::PasswordInUrl { flag: true },
        ]);
        all
    }

    #[test]
    fn every_message_is_written_in_three_languages() {
        let examples = Message::examples();
        assert_eq!(examples.len(), Message::IDS.len(), "one example per message");
        for m in samples() {
            let [kk, ru, en] = m.texts();
            assert!(!kk.trim().is_empty() && !ru.trim().is_empty() && !en.trim().is_empty(), "{}", m.id());
            assert!(kk != ru && ru != en && kk != en, "{}: the three texts must differ", m.id());
        }
    }

    #[test]
    fn ids_are_unique_and_match_the_table() {
        let ids: std::collections::BTreeSet<&str> = Message::IDS.iter().copied().collect();
        assert_eq!(ids.len(), Message::IDS.len(), "two messages share an id");
        let from_examples: Vec<&str> = Message::examples().iter().map(Message::id).collect();
        assert_eq!(from_examples, Message::IDS);
        assert!(
            Message::IDS.iter().all(|id| id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
        );
    }

    #[test]
    fn three_languages_differ() {
        let m = Message::BrokenLink { dest: "x.md".into() };
        let texts: Vec<String> = UiLang::ALL.iter().map(|l| m.text(*l)).collect();
        assert!(texts.iter().all(|t| t.contains("x.md")));
        assert_ne!(texts[0], texts[1]);
        assert_ne!(texts[1], texts[2]);
    }

    #[test]
    fn russian_counts_take_one_of_three_forms() {
        let cases = [
            (0, "0 файлов"),
            (1, "1 файл"),
            (2, "2 файла"),
            (4, "4 файла"),
            (5, "5 файлов"),
            (11, "11 файлов"),
            (12, "12 файлов"),
            (14, "14 файлов"),
            (21, "21 файл"),
            (22, "22 файла"),
            (25, "25 файлов"),
            (101, "101 файл"),
            (111, "111 файлов"),
        ];
        for (n, want) in cases {
            assert_eq!(plural(n, FILE, Ru), want);
        }
        assert_eq!(plural(3usize, ERROR, Ru), "3 ошибки");
        assert_eq!(plural(-2i64, DAY, Ru), "-2 дня");
    }

    #[test]
    fn kazakh_keeps_the_noun_after_a_numeral_and_english_has_two_forms() {
        for n in [0u64, 1, 2, 5, 21] {
            assert_eq!(plural(n, ERROR, Kk), format!("{n} қате"));
        }
        assert_eq!(plural(1u32, ERROR, En), "1 error");
        assert_eq!(plural(0u32, ERROR, En), "0 errors");
        assert_eq!(plural(2u32, ERROR, En), "2 errors");
    }

    #[test]
    fn counted_messages_agree_with_their_numbers() {
        let one = Message::CheckSummary { errors: 1, warnings: 2, infos: 5 };
        assert_eq!(one.text(En), "In all: 1 error, 2 warnings, 5 infos.");
        assert_eq!(one.text(Ru), "Итого: 1 ошибка, 2 предупреждения, 5 замечаний к сведению.");
        assert_eq!(one.text(Kk), "Барлығы: 1 қате, 2 ескерту, 5 ақпарат.");
        let built = Message::Built { pages: 2, files: 21, output: "public".into(), seconds: "0.5".into() };
        assert_eq!(built.text(Ru), "собрано: 2 страницы (21 файл) в public за 0,5 с");
        assert_eq!(built.text(En), "built 2 pages (21 files) into public in 0.5 s");
        assert_eq!(built.text(Kk), "2 бет (21 файл) public қалтасына 0,5 с ішінде жасалды");
        let failed = Message::BuildFailed { errors: 1, warnings: 0 };
        assert!(failed.text(En).starts_with("1 error, 0 warnings:"), "{}", failed.text(En));
    }

    #[test]
    fn one_size_format_base_1024() {
        assert_eq!(size(500, Kk), "500 байт");
        assert_eq!(size(500, En), "500 B");
        assert_eq!(size(120 * 1024, Ru), "120 КБ");
        // 125 800 bytes: 1000-based «125,8 КБ» before, 1024-based and rounded up now.
        assert_eq!(size(125_800, Ru), "123 КБ");
        assert_eq!(size(1024 * 1024 * 3 / 2, Kk), "1,5 МБ");
        assert_eq!(size(1024 * 1024 * 3 / 2, En), "1.5 MB");
        let sent = Message::Sent { path: "a.pdf".into(), bytes: 120 * 1024 };
        assert_eq!(sent.text(Ru), "отправлен a.pdf (120 КБ)");
    }

    #[test]
    fn thousands_are_set_apart_as_each_language_writes_them() {
        assert_eq!(grouped(0, Ru), "0");
        assert_eq!(grouped(999, Kk), "999");
        assert_eq!(grouped(1000, Ru), "1\u{a0}000");
        assert_eq!(grouped(1_000_000, Kk), "1\u{a0}000\u{a0}000");
        assert_eq!(grouped(12_345_678, En), "12,345,678");
        let m = Message::RemoteFolderTooLarge { max: 1_000_000 };
        assert!(m.text(Ru).contains("больше 1\u{a0}000\u{a0}000 файлов и папок"), "{}", m.text(Ru));
    }

    #[test]
    fn a_url_from_the_flag_is_blamed_on_the_flag() {
        for lang in UiLang::ALL {
            let flag = Message::BadDeployUrl { value: "x".into(), flag: true }.text(lang);
            assert!(flag.starts_with("--url"), "{flag}");
            assert!(!flag.contains("site.yaml"), "{flag}");
            let flag = Message::PasswordInUrl { flag: true }.text(lang);
            assert!(flag.contains("--url") && !flag.contains("site.yaml"), "{flag}");
            let flag = Message::CannotResolve { host: "h".into(), flag: true }.text(lang);
            assert!(flag.contains("--url") && !flag.contains("deploy.url"), "{flag}");
            let flag = Message::FolderRefused { path: "p".into(), detail: "d".into(), flag: true }.text(lang);
            assert!(flag.contains("--url") && !flag.contains("deploy.url"), "{flag}");
            let file = Message::CannotResolve { host: "h".into(), flag: false }.text(lang);
            assert!(file.contains("deploy.url"), "{file}");
        }
    }

    #[test]
    fn yaml_errors_say_what_is_wrong_in_the_users_language() {
        let m = Message::YamlSyntax { problem: YamlProblem::Unclosed, detail: "found unexpected end of stream".into() };
        assert!(m.text(Kk).contains("тырнақша не жақша жабылмаған (found unexpected end of stream)"), "{}", m.text(Kk));
        assert!(
            m.text(Ru).contains("не закрыта кавычка или скобка (found unexpected end of stream)"),
            "{}",
            m.text(Ru)
        );
        // The parser's English stays a detail in parentheses, never the sentence itself.
        assert!(m.text(Ru).starts_with("ошибка в записи YAML: не закрыта"), "{}", m.text(Ru));
    }
}
