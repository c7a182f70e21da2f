//! The catalogue of everything ashyq tells its users, in Kazakh, Russian and English.
//!
//! Each [`Message`] carries its facts; [`Message::text`] words them in one language. Every
//! variant has all three texts (the compiler sees to it: `texts` returns one per language), and a
//! stable [`Message::id`] that JSON output and tests rely on.

use crate::content::Kind;

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

    /// The language's code.
    pub fn code(self) -> &'static str {
        match self {
            UiLang::Kk => "kk",
            UiLang::Ru => "ru",
            UiLang::En => "en",
        }
    }
}

/// Something ashyq has to say. Field values are facts (paths, keys, dates), never prose.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)] // each variant's meaning is its three texts below
pub enum Message {
    LevelError,
    LevelWarning,
    // --- reading files
    NotASiteFolder { path: String },
    NoContentFolder { path: String },
    Io { detail: String },
    NotUtf8 { encoding: String },
    SymlinkLoop,
    CaseClash { other: String },
    UnknownLanguage { lang: String, languages: String },
    EmptyFile,
    NoFrontmatter,
    UnclosedFrontmatter,
    FrontmatterNotMap,
    ConfigNotMap,
    YamlSyntax { detail: String },
    KeyNotText,
    UnknownKey { key: String, suggestion: Option<String>, allowed: String },
    MissingKey { key: String },
    UnknownValue { key: String, value: String, suggestion: Option<String>, allowed: String },
    BadValue { key: String, detail: String },
    DateFormat { value: String },
    ImpossibleDate { value: String },
    DateRequired { kind: Kind },
    // --- site.yaml
    BadBaseUrl { value: String },
    NoLanguages,
    BadLanguageCode { value: String },
    MissingLanguageValue { key: String, lang: String },
    BadHoliday { value: String },
    PasswordInUrl,
    // --- the site as a whole
    DuplicatePage { other: String },
    MissingHome { lang: String },
    AnalysisDiffers { other: String },
    MissingRequiredKind { analysis: String, kind: Kind },
    BrokenLink { dest: String },
    LinkToDraft { dest: String },
    MissingAttachment { path: String },
    AssetClash { other: String, output: String },
    // --- theme and output
    ThemeNotFound { name: String },
    TemplateError { detail: String },
    OutputNotOurs { path: String },
    OutputInsideSite { path: String },
    // --- the preview
    Serving { url: String },
    PortBusy { bind: String, port: u16 },
    BindFailed { addr: String, detail: String },
    WatchFailed { detail: String },
    Rebuilt { pages: usize, millis: u128 },
    RebuildFailed { errors: usize },
    Stopped,
    OverlayTitle,
    OverlayHint,
    // --- summaries
    Built { pages: usize, files: usize, output: String, seconds: String },
    BuildFailed { errors: usize, warnings: usize },
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

/// "Did you mean …?" or the list of allowed values, in each language.
fn hint(suggestion: &Option<String>, allowed: &str) -> [String; 3] {
    match suggestion {
        Some(s) => {
            [format!("Мүмкін, `{s}`?"), format!("Возможно, имелось в виду `{s}`?"), format!("Did you mean `{s}`?")]
        }
        None => [format!("Болатындары: {allowed}."), format!("Допустимые: {allowed}."), format!("Allowed: {allowed}.")],
    }
}

impl Message {
    /// The message in `lang`.
    pub fn text(&self, lang: UiLang) -> String {
        pick(self.texts(), lang)
    }

    /// A stable identifier (JSON output, tests, documentation).
    pub fn id(&self) -> &'static str {
        use Message::*;
        match self {
            LevelError => "level-error",
            LevelWarning => "level-warning",
            NotASiteFolder { .. } => "not-a-site-folder",
            NoContentFolder { .. } => "no-content-folder",
            Io { .. } => "io",
            NotUtf8 { .. } => "not-utf8",
            SymlinkLoop => "symlink-loop",
            CaseClash { .. } => "case-clash",
            UnknownLanguage { .. } => "unknown-language",
            EmptyFile => "empty-file",
            NoFrontmatter => "no-frontmatter",
            UnclosedFrontmatter => "unclosed-frontmatter",
            FrontmatterNotMap => "frontmatter-not-map",
            ConfigNotMap => "config-not-map",
            YamlSyntax { .. } => "yaml-syntax",
            KeyNotText => "key-not-text",
            UnknownKey { .. } => "unknown-key",
            MissingKey { .. } => "missing-key",
            UnknownValue { .. } => "unknown-value",
            BadValue { .. } => "bad-value",
            DateFormat { .. } => "date-format",
            ImpossibleDate { .. } => "impossible-date",
            DateRequired { .. } => "date-required",
            BadBaseUrl { .. } => "bad-base-url",
            NoLanguages => "no-languages",
            BadLanguageCode { .. } => "bad-language-code",
            MissingLanguageValue { .. } => "missing-language-value",
            BadHoliday { .. } => "bad-holiday",
            PasswordInUrl => "password-in-url",
            DuplicatePage { .. } => "duplicate-page",
            MissingHome { .. } => "missing-home",
            AnalysisDiffers { .. } => "analysis-differs",
            MissingRequiredKind { .. } => "missing-required-kind",
            BrokenLink { .. } => "broken-link",
            LinkToDraft { .. } => "link-to-draft",
            MissingAttachment { .. } => "missing-attachment",
            AssetClash { .. } => "asset-clash",
            ThemeNotFound { .. } => "theme-not-found",
            TemplateError { .. } => "template-error",
            OutputNotOurs { .. } => "output-not-ours",
            OutputInsideSite { .. } => "output-inside-site",
            Serving { .. } => "serving",
            PortBusy { .. } => "port-busy",
            BindFailed { .. } => "bind-failed",
            WatchFailed { .. } => "watch-failed",
            Rebuilt { .. } => "rebuilt",
            RebuildFailed { .. } => "rebuild-failed",
            Stopped => "stopped",
            OverlayTitle => "overlay-title",
            OverlayHint => "overlay-hint",
            Built { .. } => "built",
            BuildFailed { .. } => "build-failed",
        }
    }

    /// The three texts: Kazakh, Russian, English.
    fn texts(&self) -> [String; 3] {
        use Message::*;
        match self {
            LevelError => ["қате".into(), "ошибка".into(), "error".into()],
            LevelWarning => ["ескерту".into(), "предупреждение".into(), "warning".into()],
            NotASiteFolder { path } => [
                format!("`{path}` сайт қалтасы емес: онда site.yaml жоқ. ashyq-ты сайт қалтасында іске қосыңыз немесе --root беріңіз"),
                format!("`{path}` не папка сайта: в ней нет site.yaml. Запустите ashyq в папке сайта или укажите --root"),
                format!("`{path}` is not a site folder: it has no site.yaml. Run ashyq in the site folder or pass --root"),
            ],
            NoContentFolder { path } => [
                format!("`{path}` қалтасы жоқ: құжаттар content/ қалтасында болуы керек"),
                format!("нет папки `{path}`: документы должны лежать в папке content/"),
                format!("there is no `{path}` folder: documents live in content/"),
            ],
            Io { detail } => [
                format!("файлды оқу не жазу мүмкін болмады: {detail}"),
                format!("не удалось прочитать или записать файл: {detail}"),
                format!("could not read or write: {detail}"),
            ],
            NotUtf8 { encoding } if encoding.is_empty() => [
                "файл UTF-8 кодтауында емес: оны ашып, UTF-8 ретінде сақтаңыз".into(),
                "файл не в кодировке UTF-8: откройте его и сохраните как UTF-8".into(),
                "the file is not UTF-8: open it and save it as UTF-8".into(),
            ],
            NotUtf8 { encoding } => [
                format!("файл UTF-8 кодтауында емес (ол {encoding} сияқты): оны ашып, «Басқаша сақтау» арқылы UTF-8 кодтауымен сақтаңыз"),
                format!("файл не в кодировке UTF-8 (похоже на {encoding}): откройте его и сохраните через «Сохранить как» в кодировке UTF-8"),
                format!("the file is not UTF-8 (it looks like {encoding}): open it and use Save As with the UTF-8 encoding"),
            ],
            SymlinkLoop => [
                "бұл сілтеме (symlink) өзі орналасқан қалтаға қайта апарады: оны өшіріңіз".into(),
                "эта ссылка (symlink) ведёт обратно в папку, где она лежит: удалите её".into(),
                "this symlink leads back to a folder that contains it: remove it".into(),
            ],
            CaseClash { other } => [
                format!("бұл файл мен `{other}` тек әріп регистрімен ерекшеленеді; Windows-та және хостингте олар бір файлға айналады: біреуінің атын өзгертіңіз"),
                format!("этот файл и `{other}` различаются только регистром букв; в Windows и на хостинге это один файл: переименуйте один из них"),
                format!("this file and `{other}` differ only by letter case; on Windows and on the hosting they are one file: rename one"),
            ],
            UnknownLanguage { lang, languages } => [
                format!("`{lang}` тілі site.yaml-дағы `languages` тізімінде жоқ ({languages}): файл атын түзетіңіз немесе тілді тізімге қосыңыз"),
                format!("языка `{lang}` нет в списке `languages` в site.yaml ({languages}): исправьте имя файла или добавьте язык в список"),
                format!("language `{lang}` is not in site.yaml's `languages` ({languages}): fix the file name or add the language"),
            ],
            EmptyFile => [
                "файл бос: басына `---`, `title: …`, `---` жолдарын жазыңыз немесе файлды өшіріңіз".into(),
                "файл пуст: напишите в начале строки `---`, `title: …`, `---` или удалите файл".into(),
                "the file is empty: start it with the lines `---`, `title: …`, `---`, or delete it".into(),
            ],
            NoFrontmatter => [
                "файл `---` блогынан басталмайды: ең басына `---`, `title: …`, `---` жолдарын қосыңыз".into(),
                "файл не начинается с блока `---`: добавьте в самое начало строки `---`, `title: …`, `---`".into(),
                "the file does not start with a `---` block: put the lines `---`, `title: …`, `---` at the very top".into(),
            ],
            UnclosedFrontmatter => [
                "1-жолда ашылған `---` блогы жабылмаған: соңғы кілттен кейін `---` жолын қосыңыз".into(),
                "блок `---`, открытый в строке 1, не закрыт: добавьте строку `---` после последнего ключа".into(),
                "the `---` block opened on line 1 is never closed: add a `---` line after the last key".into(),
            ],
            FrontmatterNotMap => [
                "`---` блогында `кілт: мән` жолдары болуы керек (мысалы, `title: …`), тізім не жай мәтін емес".into(),
                "в блоке `---` должны быть строки `ключ: значение` (например, `title: …`), а не список или простой текст".into(),
                "the `---` block must hold `key: value` lines (such as `title: …`), not a list or plain text".into(),
            ],
            ConfigNotMap => [
                "site.yaml-да баптаулар `кілт: мән` түрінде жазылуы керек".into(),
                "настройки в site.yaml должны быть записаны как `ключ: значение`".into(),
                "site.yaml must list its settings as `key: value`".into(),
            ],
            YamlSyntax { detail } => [
                format!("YAML синтаксис қатесі: {detail}. Шегіністерді, қос нүктені және тырнақшаларды тексеріңіз"),
                format!("синтаксическая ошибка YAML: {detail}. Проверьте отступы, двоеточия и кавычки"),
                format!("YAML syntax error: {detail}. Check the indentation, colons and quotes"),
            ],
            KeyNotText => [
                "кілт мәтін болуы керек".into(),
                "ключ должен быть текстом".into(),
                "a key must be text".into(),
            ],
            UnknownKey { key, suggestion, allowed } => {
                let [hk, hr, he] = hint(suggestion, allowed);
                [
                    format!("белгісіз кілт `{key}`. {hk}"),
                    format!("неизвестный ключ `{key}`. {hr}"),
                    format!("unknown key `{key}`. {he}"),
                ]
            }
            MissingKey { key } => [
                format!("`{key}` жоқ немесе бос: оны толтырыңыз"),
                format!("`{key}` отсутствует или пуст: заполните его"),
                format!("`{key}` is missing or empty: fill it in"),
            ],
            UnknownValue { key, value, suggestion, allowed } => {
                let [hk, hr, he] = hint(suggestion, allowed);
                [
                    format!("`{key}` үшін белгісіз мән `{value}`. {hk}"),
                    format!("неизвестное значение `{value}` для `{key}`. {hr}"),
                    format!("unknown value `{value}` for `{key}`. {he}"),
                ]
            }
            BadValue { key, detail } => [
                format!("`{key}` мәні дұрыс емес ({detail})"),
                format!("неверное значение `{key}` ({detail})"),
                format!("`{key}` has a wrong value ({detail})"),
            ],
            DateFormat { value } => [
                format!("`{value}` күн ретінде оқылмайды: 2026-03-31 немесе 31.03.2026 түрінде жазыңыз"),
                format!("`{value}` не читается как дата: пишите 2026-03-31 или 31.03.2026"),
                format!("`{value}` is not a date: write 2026-03-31 or 31.03.2026"),
            ],
            ImpossibleDate { value } => [
                format!("`{value}`: күнтізбеде мұндай күн жоқ"),
                format!("`{value}`: такого дня в календаре нет"),
                format!("`{value}`: there is no such day in the calendar"),
            ],
            DateRequired { kind } => [
                format!("{} үшін `date:` керек (мысалы, `date: 2026-03-31`)", kind_name(*kind, UiLang::Kk)),
                format!("для документа «{}» нужна `date:` (например, `date: 2026-03-31`)", kind_name(*kind, UiLang::Ru)),
                format!("a {} needs a `date:` (such as `date: 2026-03-31`)", kind_name(*kind, UiLang::En)),
            ],
            BadBaseUrl { value } => [
                format!("base_url `{value}` толық мекенжай болуы керек, мысалы https://arai-bbaksha.kz/anticorruption/"),
                format!("base_url `{value}` должен быть полным адресом, например https://arai-bbaksha.kz/anticorruption/"),
                format!("base_url `{value}` must be a full address such as https://arai-bbaksha.kz/anticorruption/"),
            ],
            NoLanguages => [
                "`languages` тізімі бос: кемінде бір тіл жазыңыз, мысалы [kk, ru]".into(),
                "список `languages` пуст: укажите хотя бы один язык, например [kk, ru]".into(),
                "`languages` is empty: list at least one, such as [kk, ru]".into(),
            ],
            BadLanguageCode { value } => [
                format!("`{value}` екі әріпті тіл коды емес (kk, ru, en) немесе екі рет жазылған"),
                format!("`{value}` не двухбуквенный код языка (kk, ru, en) или указан дважды"),
                format!("`{value}` is not a two-letter language code (kk, ru, en), or is listed twice"),
            ],
            MissingLanguageValue { key, lang } => [
                format!("`{key}` ішінде негізгі тілдің (`{lang}`) мәні жоқ"),
                format!("в `{key}` нет значения для основного языка (`{lang}`)"),
                format!("`{key}` has no value for the default language (`{lang}`)"),
            ],
            BadHoliday { value } => [
                format!("мереке күні `{value}` АА-КК түрінде жазылуы керек, мысалы 03-22"),
                format!("праздник `{value}` должен быть записан как ММ-ДД, например 03-22"),
                format!("holiday `{value}` must be written MM-DD, such as 03-22"),
            ],
            PasswordInUrl => [
                "`deploy.url` ішінде құпиясөз бар: site.yaml басқаларға көрінеді. Құпиясөзді өшіріп, ASHYQ_DEPLOY_PASSWORD айнымалысын немесе сұрауды пайдаланыңыз".into(),
                "в `deploy.url` записан пароль, а site.yaml видят другие. Удалите пароль и используйте переменную ASHYQ_DEPLOY_PASSWORD или запрос пароля".into(),
                "`deploy.url` holds a password, and site.yaml is seen by others: remove it and use the ASHYQ_DEPLOY_PASSWORD variable or the prompt".into(),
            ],
            DuplicatePage { other } => [
                format!("бұл файл мен `{other}` бір тілдегі бір бет: біреуін қалдырыңыз"),
                format!("этот файл и `{other}` — одна и та же страница на одном языке: оставьте один"),
                format!("this file and `{other}` are the same page in the same language: keep one"),
            ],
            MissingHome { lang } => [
                format!("`{lang}` тілінде басты бет жоқ: content/_index.{lang}.md файлын жасаңыз"),
                format!("нет главной страницы на языке `{lang}`: создайте файл content/_index.{lang}.md"),
                format!("there is no home page in `{lang}`: create content/_index.{lang}.md"),
            ],
            AnalysisDiffers { other } => [
                format!("`analysis:` блогы `{other}` ішіндегіден өзгеше: оны бір рет, негізгі тілдің _index файлында жазыңыз"),
                format!("блок `analysis:` отличается от блока в `{other}`: пишите его один раз, в _index основного языка"),
                format!("the `analysis:` block differs from the one in `{other}`: write it once, in the default language's _index"),
            ],
            MissingRequiredKind { analysis, kind } => [
                format!("`{analysis}` талдауында {} (`{}`) жоқ: қағидалар оны сайтта жариялауды талап етеді", kind_name(*kind, UiLang::Kk), kind.key()),
                format!("в анализе `{analysis}` нет документа «{}» (`{}`): правила требуют его публикации на сайте", kind_name(*kind, UiLang::Ru), kind.key()),
                format!("analysis `{analysis}` has no {} (`{}`): the rules require it on the site", kind_name(*kind, UiLang::En), kind.key()),
            ],
            BrokenLink { dest } => [
                format!("`{dest}` сілтемесі ешқайда апармайды: мұндай құжат не файл жоқ"),
                format!("ссылка `{dest}` никуда не ведёт: такого документа или файла нет"),
                format!("link `{dest}` points nowhere: there is no such document or file"),
            ],
            LinkToDraft { dest } => [
                format!("`{dest}` сілтемесі нобайға (draft) апарады, ол жарияланбайды"),
                format!("ссылка `{dest}` ведёт на черновик (draft), который не публикуется"),
                format!("link `{dest}` points to a draft, which is not published"),
            ],
            MissingAttachment { path } => [
                format!("`{path}` қосымша файлы табылмады"),
                format!("файл вложения `{path}` не найден"),
                format!("attachment `{path}` not found"),
            ],
            AssetClash { other, output } => [
                format!("бұл файл мен `{other}` бір орынға ({output}) жазылар еді: біреуінің атын өзгертіңіз"),
                format!("этот файл и `{other}` попали бы в одно место ({output}): переименуйте один из них"),
                format!("this file and `{other}` would both be published as {output}: rename one"),
            ],
            ThemeNotFound { name } => [
                format!("`{name}` тақырыбы (theme) табылмады: themes/{name}/ қалтасы жоқ (кірістірілгені — `default`)"),
                format!("тема `{name}` не найдена: нет папки themes/{name}/ (встроенная тема — `default`)"),
                format!("theme `{name}` not found: there is no themes/{name}/ folder (the built-in one is `default`)"),
            ],
            TemplateError { detail } => [
                format!("үлгіде (шаблонда) қате: {detail}"),
                format!("ошибка в шаблоне: {detail}"),
                format!("template error: {detail}"),
            ],
            OutputNotOurs { path } => [
                format!("`{path}` қалтасы бар және оны ashyq жасамаған, сондықтан ол ауыстырылмайды: басқа --output таңдаңыз немесе қалтаны босатыңыз"),
                format!("папка `{path}` существует и создана не ashyq, поэтому она не будет заменена: выберите другой --output или освободите папку"),
                format!("`{path}` exists and was not made by ashyq, so it will not be replaced: choose another --output or empty it"),
            ],
            OutputInsideSite { path } => [
                format!("нәтиже қалтасы `{path}` сайт қалтасының өзі, content/ не themes/ ішінде бола алмайды"),
                format!("папка результата `{path}` не может быть самой папкой сайта или лежать в content/ или themes/"),
                format!("the output folder `{path}` cannot be the site folder itself or lie inside content/ or themes/"),
            ],
            Serving { url } => [
                format!("Алдын ала қарау: {url} (тоқтату үшін Ctrl-C басыңыз)"),
                format!("Предпросмотр: {url} (для остановки нажмите Ctrl-C)"),
                format!("Preview at {url} (press Ctrl-C to stop)"),
            ],
            PortBusy { bind, port } => [
                format!("{bind} мекенжайындағы {port} портын басқа бағдарлама пайдаланып отыр: басқа портты көрсетіңіз, мысалы --port {}", port.saturating_add(1)),
                format!("порт {port} на {bind} занят другой программой: укажите другой, например --port {}", port.saturating_add(1)),
                format!("port {port} on {bind} is in use by another program: choose another, such as --port {}", port.saturating_add(1)),
            ],
            BindFailed { addr, detail } => [
                format!("{addr} мекенжайында тыңдау мүмкін болмады: {detail}. --bind және --port мәндерін тексеріңіз"),
                format!("не удалось открыть {addr}: {detail}. Проверьте --bind и --port"),
                format!("cannot listen on {addr}: {detail}. Check --bind and --port"),
            ],
            WatchFailed { detail } => [
                format!("файлдардың өзгерісін бақылау мүмкін болмады ({detail}): бет өзі жаңармайды, ashyq serve-ті қайта іске қосыңыз"),
                format!("не удалось следить за изменениями файлов ({detail}): страницы не будут обновляться сами, перезапустите ashyq serve"),
                format!("cannot watch the files for changes ({detail}): pages will not reload by themselves; restart ashyq serve"),
            ],
            Rebuilt { pages, millis } => [
                format!("{pages} бет {millis} мс ішінде жаңартылды"),
                format!("обновлено страниц: {pages} за {millis} мс"),
                format!("updated {pages} pages in {millis} ms"),
            ],
            RebuildFailed { errors } => [
                format!("{errors} қате: браузерде соңғы дұрыс нұсқа көрсетіліп тұр; файлды түзетіп сақтағанда бет өзі жаңарады"),
                format!("ошибок: {errors}. В браузере показана последняя правильная версия; исправьте и сохраните файл, и страница обновится сама"),
                format!("{errors} errors: the browser shows the last good version; fix and save the file and the page reloads by itself"),
            ],
            Stopped => [
                "Алдын ала қарау тоқтатылды".into(),
                "Предпросмотр остановлен".into(),
                "Preview stopped".into(),
            ],
            OverlayTitle => [
                "Сайт жасалмады: мына қателерді түзетіңіз".into(),
                "Сайт не собран: исправьте эти ошибки".into(),
                "The site could not be built: fix these errors".into(),
            ],
            OverlayHint => [
                "Бұл — соңғы дұрыс нұсқа. Файлды түзетіп сақтағанда бет өзі жаңарады.".into(),
                "Ниже — последняя правильная версия. Исправьте и сохраните файл, и страница обновится сама.".into(),
                "Below is the last good version. Fix and save the file, and the page reloads by itself.".into(),
            ],
            Built { pages, files, output, seconds } => [
                format!("{pages} бет ({files} файл) {output} қалтасына {seconds} с ішінде жасалды"),
                format!("собрано {pages} страниц ({files} файлов) в {output} за {seconds} с"),
                format!("built {pages} pages ({files} files) into {output} in {seconds} s"),
            ],
            BuildFailed { errors, warnings } => [
                format!("{errors} қате, {warnings} ескерту: сайт жасалмады, бұрынғы нәтиже өзгеріссіз қалды"),
                format!("ошибок: {errors}, предупреждений: {warnings}. Сайт не собран, прежний результат не изменён"),
                format!("{errors} errors, {warnings} warnings: nothing was built, the previous output is unchanged"),
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_languages_differ() {
        let m = Message::BrokenLink { dest: "x.md".into() };
        let texts: Vec<String> = UiLang::ALL.iter().map(|l| m.text(*l)).collect();
        assert!(texts.iter().all(|t| t.contains("x.md")));
        assert_ne!(texts[0], texts[1]);
        assert_ne!(texts[1], texts[2]);
    }
}
