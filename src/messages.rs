//! The catalogue of everything ashyq tells its users, in Kazakh, Russian and English.
//!
//! Each [`Message`] carries its facts; [`Message::text`] words them in one language. Every
//! variant has all three texts (the compiler sees to it: `texts` returns one per language), and a
//! stable [`Message::id`] that JSON output and tests rely on.

use crate::domain::kind::Kind;
use crate::domain::path::PathProblem;
use chrono::NaiveDate;

/// A date in findings: `31.03.2026`, as documents write it in both languages.
fn d(date: &NaiveDate) -> String {
    crate::domain::dates::numeric(*date)
}

/// What is wrong with a path, as the end of a sentence, in Kazakh, Russian and English.
fn path_problem(p: PathProblem) -> [&'static str; 3] {
    match p {
        PathProblem::Empty => {
            ["бос (не бос бөлігі бар)", "пустое (или в нём пустая часть)", "is empty (or has an empty part)"]
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
        PathProblem::TooLong => ["тым ұзын", "слишком длинное", "is too long"],
    }
}

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
    LevelInfo,
    // --- reading files
    NotASiteFolder { path: String },
    NoContentFolder { path: String },
    Io { detail: String },
    NotUtf8 { encoding: String },
    NulReplaced { count: usize },
    SymlinkLoop,
    SymlinkOutside,
    CaseClash { other: String },
    UnknownLanguage { lang: String, languages: String },
    EmptyFile,
    NoFrontmatter,
    UnclosedFrontmatter,
    FrontmatterNotMap,
    ConfigNotMap,
    YamlSyntax { detail: String },
    YamlTooLarge { max_kb: usize },
    YamlTooDeep { max_depth: usize, max_indent: usize },
    KeyNotText,
    UnknownKey { key: String, suggestion: Option<String>, allowed: String },
    MissingKey { key: String },
    UnknownValue { key: String, value: String, suggestion: Option<String>, allowed: String },
    BadValue { key: String, detail: String },
    DateFormat { value: String },
    ImpossibleDate { value: String },
    // --- site.yaml
    BadBaseUrl { value: String },
    NoLanguages,
    BadLanguageCode { value: String },
    MissingLanguageValue { key: String, lang: String },
    OldHolidays,
    SiteFileMissing { key: String, path: String },
    SiteImageKind { key: String, path: String, allowed: String },
    RobotsNotAtRoot { sitemap: String },
    // --- the calendar (`ashyq calendar`)
    CalendarTitle { year: i32 },
    CalendarDaysOff,
    CalendarWorkingWeekendDays,
    CalendarNone,
    CalendarMoved { name: String, from: NaiveDate },
    CalendarDecreeDayOff { worked: NaiveDate, source: String },
    CalendarDecreeWorkingDay { off: NaiveDate, source: String },
    CalendarSiteDayOff,
    CalendarSiteWorkingDay,
    CalendarNotCovered { year: i32 },
    PasswordInUrl,
    // --- the site as a whole
    DuplicatePage { other: String },
    MissingHome { lang: String },
    AnalysisDiffers { other: String },
    MissingRequiredKind { analysis: String, kind: Kind },
    BrokenLink { dest: String },
    DuplicateId { id: String },
    LinkToDraft { dest: String },
    UnsafeLink { dest: String, scheme: String },
    MissingAttachment { path: String },
    RecordNotFound { target: String },
    RecordHasText,
    RecordQuoteNotFound { file: String },
    AssetClash { other: String, output: String },
    // --- theme and output
    ThemeNotFound { name: String },
    TemplateError { detail: String },
    OutputNotOurs { path: String },
    OutputInsideSite { path: String },
    StagingNotOurs { path: String },
    // --- the preview
    Serving { url: String },
    PortBusy { bind: String, port: u16 },
    BindFailed { addr: String, detail: String },
    WatchFailed { detail: String },
    Rebuilt { pages: usize, millis: u128 },
    RebuildFailed { errors: usize },
    FirstBuildFailed { errors: usize },
    RebuildPanicked { detail: String },
    Stopped,
    OverlayTitle,
    OverlayHint,
    OverlayNoGoodVersion,
    // --- check: completeness
    RequiredDocument { analysis: String, kind: Kind, lang: String },
    BrokenAnchor { dest: String, id: String },
    MissingTranslation { lang: String },
    FillIn { text: String },
    TextMissing { kind: Kind, record: String },
    ExternalLinkToRoot { url: String },
    NoSignedScan,
    // --- check: dates
    AnnouncementLate { announced: NaiveDate, start: NaiveDate, working_days: i64, required: u32 },
    DateOrder { first: Kind, first_date: NaiveDate, then: Kind, then_date: NaiveDate, strict: bool },
    AnalysisEndsBeforeStart { start: NaiveDate, end: NaiveDate },
    CoveredAfterStart { covered_to: NaiveDate, start: NaiveDate },
    DocumentDue { kind: Kind, due: NaiveDate, days: i64 },
    DateUnknown { kind: Kind },
    // --- check: facts
    OrderMismatch { number: String, date: NaiveDate, order_number: String, order_date: NaiveDate, order_file: String },
    PeriodMismatch { key: String, from: NaiveDate, to: NaiveDate, start: NaiveDate, end: NaiveDate },
    EventMismatch { event: NaiveDate, protocol: NaiveDate, protocol_file: String },
    NameVariant { name: String, other: String, other_file: String },
    TableNumber { here: String, there: String, other_file: String },
    TranslationMismatch { key: String, here: String, there: String, other_file: String },
    // --- check: the report
    GroupAnalysis { dir: String, title: String },
    GroupSite,
    CheckSummary { errors: usize, warnings: usize, infos: usize },
    // --- new and init
    AnalysisExists { path: String },
    AnalysisCreated { path: String, files: usize },
    StartAfterEnd,
    AnalysisStartYear { year: i32, start: NaiveDate },
    AnalysisTooLong { start: NaiveDate, end: NaiveDate },
    AnalysisTooShort { start: NaiveDate, end: NaiveDate, earliest: NaiveDate },
    AnalysisFactsFrom { path: String },
    AnalysisPlanFrom { path: String, rows: usize, review: usize },
    AnalysisNextSteps,
    NoAnalysisSection,
    FolderNotEmpty { path: String },
    SiteCreated { path: String },
    // --- import (.docx)
    ImportRefusedFormat { format: String },
    ImportBroken { detail: String },
    ImportTooBig { what: String, limit: String },
    ImportUnsafePath { name: String },
    ImportDoctype,
    ImportTooDeep { limit: usize },
    ImportExists { path: String },
    ImportNeedKind,
    ImportNeedYear,
    ImportWritten { path: String },
    ImportRecognised { key: String, value: String },
    ImportNotStated { keys: String },
    ImportDatesDiffer { dates: String },
    ImportImage { para: usize, words: String },
    ImportTextBox { para: usize, words: String },
    ImportComment { para: usize, words: String },
    ImportNote { para: usize, words: String },
    ImportField { code: String, para: usize, words: String },
    ImportTracked { count: usize },
    // --- summaries
    Built { pages: usize, files: usize, output: String, seconds: String },
    BuildFailed { errors: usize, warnings: usize },
    WriteFailed { stream: String, detail: String },
    // --- deploy and package
    NoDeployUrl,
    BadDeployUrl { value: String },
    NoPassword,
    PasswordPrompt { user: String, host: String },
    NotABuiltSite { path: String },
    PlaceholdersRefused { count: usize },
    PlaceholdersPublished { count: usize },
    Connecting { url: String },
    CannotResolve { host: String },
    CannotConnect { addr: String, detail: String },
    ConnectionLost { detail: String },
    LoginFailed { user: String, host: String },
    HostKeyUnknown { host: String, fingerprint: String },
    HostKeyChanged { host: String, file: String, line: usize },
    HostKeyLearned { host: String, file: String },
    KnownHostsUnreadable { file: String, detail: String },
    KeyUnreadable { path: String, detail: String },
    CertificateUntrusted { host: String, detail: String },
    CertificateWrongName { host: String, detail: String },
    TlsFailed { host: String, detail: String },
    FolderRefused { path: String, detail: String },
    DiskFull { path: String, detail: String },
    StepAborted { path: String, detail: String },
    ServerError { detail: String },
    ReadingRemoteFolder,
    ManifestUntrusted { file: String, entry: String, problem: PathProblem },
    RemoteNameSkipped { name: String, problem: PathProblem },
    LocalNameRefused { path: String, problem: PathProblem },
    PlanUpload { path: String, bytes: u64, new: bool },
    PlanDelete { path: String },
    PlanSummary { uploads: usize, bytes: u64, deletes: usize, unchanged: usize },
    TooManyDeletes { count: usize, max: usize },
    DryRun,
    UpToDate,
    Sent { path: String, bytes: u64 },
    Deleted { path: String },
    Retrying { attempt: u32, attempts: u32, seconds: u64, detail: String },
    ProgressFiles { done: usize, total: usize, sent: u64, bytes: u64 },
    DeployDone { uploaded: usize, unchanged: usize, deleted: usize, bytes: u64, seconds: String },
    DeployFailed,
    Packaged { path: String, files: usize, bytes: u64 },
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

/// A size as people read it, in each language: `512 B`, `12.3 KB`, `4.5 MB`.
fn size(bytes: u64) -> [String; 3] {
    // Precision does not matter here: these are sizes of web pages and scans.
    #[allow(clippy::cast_precision_loss)]
    let b = bytes as f64;
    let (n, [kk, ru, en]) = if bytes < 1000 {
        (format!("{bytes}"), ["Б", "Б", "B"])
    } else if bytes < 1_000_000 {
        (format!("{:.1}", b / 1e3), ["КБ", "КБ", "KB"])
    } else {
        (format!("{:.1}", b / 1e6), ["МБ", "МБ", "MB"])
    };
    let comma = decimal_comma(&n);
    [format!("{comma} {kk}"), format!("{comma} {ru}"), format!("{n} {en}")]
}

/// A number as Kazakh and Russian write it: with a decimal comma.
fn decimal_comma(number: &str) -> String {
    number.replace('.', ",")
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
            LevelInfo => "level-info",
            NotASiteFolder { .. } => "not-a-site-folder",
            NoContentFolder { .. } => "no-content-folder",
            Io { .. } => "io",
            NotUtf8 { .. } => "not-utf8",
            NulReplaced { .. } => "nul-replaced",
            SymlinkLoop => "symlink-loop",
            SymlinkOutside => "symlink-outside",
            CaseClash { .. } => "case-clash",
            UnknownLanguage { .. } => "unknown-language",
            EmptyFile => "empty-file",
            NoFrontmatter => "no-frontmatter",
            UnclosedFrontmatter => "unclosed-frontmatter",
            FrontmatterNotMap => "frontmatter-not-map",
            ConfigNotMap => "config-not-map",
            YamlSyntax { .. } => "yaml-syntax",
            YamlTooLarge { .. } => "yaml-too-large",
            YamlTooDeep { .. } => "yaml-too-deep",
            KeyNotText => "key-not-text",
            UnknownKey { .. } => "unknown-key",
            MissingKey { .. } => "missing-key",
            UnknownValue { .. } => "unknown-value",
            BadValue { .. } => "bad-value",
            DateFormat { .. } => "date-format",
            ImpossibleDate { .. } => "impossible-date",
            BadBaseUrl { .. } => "bad-base-url",
            NoLanguages => "no-languages",
            BadLanguageCode { .. } => "bad-language-code",
            MissingLanguageValue { .. } => "missing-language-value",
            OldHolidays => "old-holidays",
            SiteFileMissing { .. } => "site-file-missing",
            SiteImageKind { .. } => "site-image-kind",
            RobotsNotAtRoot { .. } => "robots-not-at-root",
            CalendarTitle { .. } => "calendar-title",
            CalendarDaysOff => "calendar-days-off",
            CalendarWorkingWeekendDays => "calendar-working-weekend-days",
            CalendarNone => "calendar-none",
            CalendarMoved { .. } => "calendar-moved",
            CalendarDecreeDayOff { .. } => "calendar-decree-day-off",
            CalendarDecreeWorkingDay { .. } => "calendar-decree-working-day",
            CalendarSiteDayOff => "calendar-site-day-off",
            CalendarSiteWorkingDay => "calendar-site-working-day",
            CalendarNotCovered { .. } => "calendar-not-covered",
            PasswordInUrl => "password-in-url",
            DuplicatePage { .. } => "duplicate-page",
            MissingHome { .. } => "missing-home",
            AnalysisDiffers { .. } => "analysis-differs",
            MissingRequiredKind { .. } => "missing-required-kind",
            BrokenLink { .. } => "broken-link",
            DuplicateId { .. } => "duplicate-id",
            LinkToDraft { .. } => "link-to-draft",
            UnsafeLink { .. } => "unsafe-link",
            MissingAttachment { .. } => "missing-attachment",
            RecordNotFound { .. } => "record-not-found",
            RecordHasText => "record-has-text",
            RecordQuoteNotFound { .. } => "record-quote-not-found",
            AssetClash { .. } => "asset-clash",
            ThemeNotFound { .. } => "theme-not-found",
            TemplateError { .. } => "template-error",
            OutputNotOurs { .. } => "output-not-ours",
            OutputInsideSite { .. } => "output-inside-site",
            StagingNotOurs { .. } => "staging-not-ours",
            Serving { .. } => "serving",
            PortBusy { .. } => "port-busy",
            BindFailed { .. } => "bind-failed",
            WatchFailed { .. } => "watch-failed",
            Rebuilt { .. } => "rebuilt",
            RebuildFailed { .. } => "rebuild-failed",
            FirstBuildFailed { .. } => "first-build-failed",
            RebuildPanicked { .. } => "rebuild-panicked",
            Stopped => "stopped",
            OverlayTitle => "overlay-title",
            OverlayHint => "overlay-hint",
            OverlayNoGoodVersion => "overlay-no-good-version",
            RequiredDocument { .. } => "required-document",
            BrokenAnchor { .. } => "broken-anchor",
            MissingTranslation { .. } => "missing-translation",
            FillIn { .. } => "fill-in",
            TextMissing { .. } => "text-missing",
            ExternalLinkToRoot { .. } => "external-link-root",
            NoSignedScan => "no-signed-scan",
            AnnouncementLate { .. } => "announcement-late",
            DateOrder { .. } => "date-order",
            AnalysisEndsBeforeStart { .. } => "analysis-dates",
            CoveredAfterStart { .. } => "covered-period",
            DocumentDue { .. } => "document-due",
            DateUnknown { .. } => "date-unknown",
            OrderMismatch { .. } => "order-mismatch",
            PeriodMismatch { .. } => "period-mismatch",
            EventMismatch { .. } => "event-mismatch",
            NameVariant { .. } => "name-variant",
            TableNumber { .. } => "table-number",
            TranslationMismatch { .. } => "translation-mismatch",
            GroupAnalysis { .. } => "group-analysis",
            GroupSite => "group-site",
            CheckSummary { .. } => "check-summary",
            AnalysisExists { .. } => "analysis-exists",
            AnalysisCreated { .. } => "analysis-created",
            StartAfterEnd => "start-after-end",
            AnalysisStartYear { .. } => "analysis-start-year",
            AnalysisTooLong { .. } => "analysis-too-long",
            AnalysisTooShort { .. } => "analysis-too-short",
            AnalysisFactsFrom { .. } => "analysis-facts-from",
            AnalysisPlanFrom { .. } => "analysis-plan-from",
            AnalysisNextSteps => "analysis-next-steps",
            NoAnalysisSection => "no-analysis-section",
            FolderNotEmpty { .. } => "folder-not-empty",
            SiteCreated { .. } => "site-created",
            ImportRefusedFormat { .. } => "import-refused-format",
            ImportBroken { .. } => "import-broken",
            ImportTooBig { .. } => "import-too-big",
            ImportUnsafePath { .. } => "import-unsafe-path",
            ImportDoctype => "import-doctype",
            ImportTooDeep { .. } => "import-too-deep",
            ImportExists { .. } => "import-exists",
            ImportNeedKind => "import-need-kind",
            ImportNeedYear => "import-need-year",
            ImportWritten { .. } => "import-written",
            ImportRecognised { .. } => "import-recognised",
            ImportNotStated { .. } => "import-not-stated",
            ImportDatesDiffer { .. } => "import-dates-differ",
            ImportImage { .. } => "import-image",
            ImportTextBox { .. } => "import-text-box",
            ImportComment { .. } => "import-comment",
            ImportNote { .. } => "import-note",
            ImportField { .. } => "import-field",
            ImportTracked { .. } => "import-tracked",
            Built { .. } => "built",
            BuildFailed { .. } => "build-failed",
            WriteFailed { .. } => "write-failed",
            NoDeployUrl => "no-deploy-url",
            BadDeployUrl { .. } => "bad-deploy-url",
            NoPassword => "no-password",
            PasswordPrompt { .. } => "password-prompt",
            NotABuiltSite { .. } => "not-a-built-site",
            PlaceholdersRefused { .. } => "placeholders-refused",
            PlaceholdersPublished { .. } => "placeholders-published",
            Connecting { .. } => "connecting",
            CannotResolve { .. } => "cannot-resolve",
            CannotConnect { .. } => "cannot-connect",
            ConnectionLost { .. } => "connection-lost",
            LoginFailed { .. } => "login-failed",
            HostKeyUnknown { .. } => "host-key-unknown",
            HostKeyChanged { .. } => "host-key-changed",
            HostKeyLearned { .. } => "host-key-learned",
            KnownHostsUnreadable { .. } => "known-hosts-unreadable",
            KeyUnreadable { .. } => "key-unreadable",
            CertificateUntrusted { .. } => "certificate-untrusted",
            CertificateWrongName { .. } => "certificate-wrong-name",
            TlsFailed { .. } => "tls-failed",
            FolderRefused { .. } => "folder-refused",
            DiskFull { .. } => "disk-full",
            StepAborted { .. } => "step-aborted",
            ServerError { .. } => "server-error",
            ReadingRemoteFolder => "reading-remote-folder",
            ManifestUntrusted { .. } => "manifest-untrusted",
            RemoteNameSkipped { .. } => "remote-name-skipped",
            LocalNameRefused { .. } => "local-name-refused",
            PlanUpload { .. } => "plan-upload",
            PlanDelete { .. } => "plan-delete",
            PlanSummary { .. } => "plan-summary",
            TooManyDeletes { .. } => "too-many-deletes",
            DryRun => "dry-run",
            UpToDate => "up-to-date",
            Sent { .. } => "sent",
            Deleted { .. } => "deleted",
            Retrying { .. } => "retrying",
            ProgressFiles { .. } => "progress-files",
            DeployDone { .. } => "deploy-done",
            DeployFailed => "deploy-failed",
            Packaged { .. } => "packaged",
        }
    }

    /// The three texts: Kazakh, Russian, English.
    fn texts(&self) -> [String; 3] {
        use Message::*;
        match self {
            LevelError => ["қате".into(), "ошибка".into(), "error".into()],
            LevelWarning => ["ескерту".into(), "предупреждение".into(), "warning".into()],
            LevelInfo => ["ақпарат".into(), "информация".into(), "info".into()],
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
            NulReplaced { count } => [
                format!("файлда {count} NUL таңбасы бар (біріншісі осы жолда): олар � таңбасымен ауыстырылды; файл бүлінген болуы мүмкін, мәтінді тексеріңіз"),
                format!("в файле символов NUL: {count} (первый в этой строке); они заменены на �; файл мог быть повреждён, проверьте текст"),
                format!("the file holds {count} NUL character(s) (the first on this line); they were replaced with �; the file may be damaged, check the text"),
            ],
            SymlinkLoop => [
                "бұл сілтеме (symlink) өзі орналасқан қалтаға қайта апарады: оны өшіріңіз".into(),
                "эта ссылка (symlink) ведёт обратно в папку, где она лежит: удалите её".into(),
                "this symlink leads back to a folder that contains it: remove it".into(),
            ],
            SymlinkOutside => [
                "бұл сілтеме (symlink) сайт қалтасынан тыс жерге апарады, ондағы файл жарияланбайды: файлдың өзін сайт қалтасына көшіріңіз".into(),
                "эта ссылка (symlink) ведёт за пределы папки сайта, и то, на что она указывает, не публикуется: скопируйте сам файл в папку сайта".into(),
                "this symlink leads outside the site's folder, and what it points to is not published: copy the file itself into the site's folder".into(),
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
            YamlTooLarge { max_kb } => [
                format!("YAML мәтіні {max_kb} КБ-тан ұзын, бұл ешбір `---` блогына не баптау файлына қажет емес: жабатын `---` жолы бар екенін және ештеңе қате қойылмағанын тексеріңіз"),
                format!("текст YAML длиннее {max_kb} КБ, столько не нужно ни одному блоку `---` или файлу настроек: проверьте, что закрывающая строка `---` на месте и ничего не вставлено по ошибке"),
                format!("the YAML text is longer than {max_kb} KB, more than any `---` block or settings file needs: check that the closing `---` line is there and nothing was pasted by mistake"),
            ],
            YamlTooDeep { max_depth, max_indent } => [
                format!("YAML бұл жолда тым терең: {max_depth} деңгейден артық `[` не `{{` жақша немесе {max_indent} бос орыннан артық шегініс; жақшалар мен шегіністерді тексеріңіз"),
                format!("YAML в этой строке слишком глубокий: больше {max_depth} уровней скобок `[` или `{{` либо отступ больше {max_indent} пробелов; проверьте скобки и отступы"),
                format!("the YAML on this line is nested too deep: more than {max_depth} levels of `[` or `{{` brackets, or an indentation of more than {max_indent} spaces; check the brackets and the indentation"),
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
            OldHolidays => [
                "`check.holidays` енді оқылмайды: Қазақстанның мерекелері мен ауыстырылған демалыс күндері ashyq ішінде бар. Оны өшіріңіз; деректерде әлі жоқ күнді `calendar:` ішіне жазыңыз (`days_off: [2027-01-05]`, `working_days: [2027-01-09]`)".into(),
                "`check.holidays` больше не читается: праздники и переносы выходных Казахстана встроены в ashyq. Удалите его; день, которого ещё нет в данных, запишите в `calendar:` (`days_off: [2027-01-05]`, `working_days: [2027-01-09]`)".into(),
                "`check.holidays` is no longer read: Kazakhstan's holidays and moved days off are built into ashyq. Remove it; write a day the data lacks under `calendar:` (`days_off: [2027-01-05]`, `working_days: [2027-01-09]`)".into(),
            ],
            SiteFileMissing { key, path } => [
                format!("`{key}`: `{path}` файлы сайт қалтасында жоқ. Сайт қалтасына қатысты жолды жазыңыз, мысалы files/logo.png"),
                format!("`{key}`: файла `{path}` нет в папке сайта. Укажите путь относительно папки сайта, например files/logo.png"),
                format!("`{key}`: there is no file `{path}` in the site's folder. Write a path relative to the site's folder, such as files/logo.png"),
            ],
            SiteImageKind { key, path, allowed } => [
                format!("`{key}`: `{path}` бұл жерге жарамайтын сурет (немесе аты мазмұнына сәйкес емес). Мына түрлердің бірін беріңіз: {allowed}"),
                format!("`{key}`: `{path}` — изображение неподходящего вида (или имя не соответствует содержимому). Укажите файл одного из видов: {allowed}"),
                format!("`{key}`: `{path}` is not an image of a kind that works here (or its name does not match its content). Give one of: {allowed}"),
            ],
            RobotsNotAtRoot { sitemap } => [
                format!("base_url сайт доменнің түбірінде емес, ал іздеу жүйелері robots.txt файлын тек түбірден оқиды. Түбірдегі robots.txt файлына мына жолды қосыңыз: Sitemap: {sitemap}"),
                format!("base_url указывает не на корень домена, а поисковые системы читают robots.txt только из корня. Добавьте в robots.txt в корне сайта строку: Sitemap: {sitemap}"),
                format!("base_url is not the domain's root, and search engines read robots.txt only at the root. Add this line to the root's robots.txt: Sitemap: {sitemap}"),
            ],
            CalendarTitle { year } => [
                format!("Қазақстанның {year} жылғы жұмыс күнтізбесі"),
                format!("Производственный календарь Казахстана на {year} год"),
                format!("Kazakhstan's working-day calendar for {year}"),
            ],
            CalendarDaysOff => ["Демалыс және мереке күндері:".into(), "Выходные и праздничные дни:".into(), "Days off:".into()],
            CalendarWorkingWeekendDays => [
                "Жұмыс күні болатын сенбі мен жексенбі:".into(),
                "Субботы и воскресенья, которые являются рабочими днями:".into(),
                "Saturdays and Sundays that are working days:".into(),
            ],
            CalendarNone => ["жоқ".into(), "нет".into(), "none".into()],
            CalendarMoved { name, from } => [
                format!("{} демалыс күніне келген «{name}» орнына демалыс", d(from)),
                format!("выходной вместо «{name}», пришедшегося на выходной {}", d(from)),
                format!("day off for «{name}», which fell on a day off on {}", d(from)),
            ],
            CalendarDecreeDayOff { worked, source } => [
                format!("Үкімет қаулысымен ауыстырылған демалыс күні (орнына {} — жұмыс күні); дереккөзі: {source}", d(worked)),
                format!("выходной, перенесённый постановлением Правительства (рабочий день {}); источник: {source}", d(worked)),
                format!("day off moved by a government decree (worked on {}); source: {source}", d(worked)),
            ],
            CalendarDecreeWorkingDay { off, source } => [
                format!("Үкімет қаулысымен жұмыс күні ({} демалыс орнына); дереккөзі: {source}", d(off)),
                format!("рабочий день по постановлению Правительства (вместо выходного {}); источник: {source}", d(off)),
                format!("working day by a government decree (for the day off on {}); source: {source}", d(off)),
            ],
            CalendarSiteDayOff => [
                "site.yaml бойынша демалыс (`calendar.days_off`)".into(),
                "выходной по site.yaml (`calendar.days_off`)".into(),
                "day off from site.yaml (`calendar.days_off`)".into(),
            ],
            CalendarSiteWorkingDay => [
                "site.yaml бойынша жұмыс күні (`calendar.working_days`)".into(),
                "рабочий день по site.yaml (`calendar.working_days`)".into(),
                "working day from site.yaml (`calendar.working_days`)".into(),
            ],
            CalendarNotCovered { year } => [
                format!("ashyq деректерінде {year} жылғы Құрбан айт күні мен Үкіметтің демалыс күндерін ауыстыру туралы қаулылары жоқ: олар жарияланғанда site.yaml ішіндегі `calendar:` бөліміне жазыңыз"),
                format!("в данных ashyq нет дня Курбан айт и постановлений Правительства о переносе выходных на {year} год: когда они будут опубликованы, запишите их в `calendar:` в site.yaml"),
                format!("ashyq's data has neither the day of Kurban ait nor the government's decrees moving days off for {year}: when they are published, write them under `calendar:` in site.yaml"),
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
            DuplicateId { id } => [
                format!("`{{#{id}}}` белгісі бұл бетте бұрын қолданылған (тақырыпта, ескертпеде не сайт безендіруінде): басқа атау беріңіз"),
                format!("метка `{{#{id}}}` на этой странице уже занята (заголовком, сноской или оформлением сайта): дайте другое имя"),
                format!("the id `{{#{id}}}` is already used on this page (by a heading, a footnote or the site's layout): choose another"),
            ],
            LinkToDraft { dest } => [
                format!("`{dest}` сілтемесі нобайға (draft) апарады, ол жарияланбайды"),
                format!("ссылка `{dest}` ведёт на черновик (draft), который не публикуется"),
                format!("link `{dest}` points to a draft, which is not published"),
            ],
            UnsafeLink { dest, scheme } => [
                format!("`{dest}` сілтемесі `{scheme}:` түрінде: ол келушінің браузерінде код іске қосады не жарияланбаған мазмұн көрсетеді, ресми сайтқа болмайды; оны өшіріңіз немесе бетке (https://…) не файлға сілтеме жасаңыз"),
                format!("ссылка `{dest}` вида `{scheme}:` запускает код или показывает неопубликованное содержимое в браузере посетителя, на официальном сайте так нельзя: удалите её или сошлитесь на страницу (https://…) или файл"),
                format!("link `{dest}` uses `{scheme}:`, which runs code or shows unpublished content in the visitor's browser, not for an official site: remove it, or link to a page (https://…) or a file"),
            ],
            MissingAttachment { path } => [
                format!("`{path}` қосымша файлы табылмады"),
                format!("файл вложения `{path}` не найден"),
                format!("attachment `{path}` not found"),
            ],
            RecordNotFound { target } => [
                format!("`recorded_in: {target}`: бұл талдауда осы тілде мұндай құжат жоқ. Жазба тұрған құжаттың түрін (мысалы, `protocol`) немесе файлын (мысалы, `protocol.kk.md`) жазыңыз"),
                format!("`recorded_in: {target}`: в этом анализе нет такого документа на этом языке. Укажите вид документа, в котором есть запись (например, `protocol`), или его файл (например, `protocol.ru.md`)"),
                format!("`recorded_in: {target}`: this analysis has no such document in this language. Name the kind of the document that holds the record (such as `protocol`) or its file (such as `protocol.kk.md`)"),
            ],
            RecordHasText => [
                "құжатта `recorded_in:` те, өз мәтіні де бар: тек жазба белгілі болса, мәтінді өшіріңіз; ұйым мәтінді берсе, `recorded_in:` жолын алып тастаңыз".into(),
                "у документа есть и `recorded_in:`, и собственный текст: если известна только запись, удалите текст; если организация дала текст, уберите `recorded_in:`".into(),
                "the document has both `recorded_in:` and a text of its own: if only the record is known, remove the text; if the organisation gave the text, remove `recorded_in:`".into(),
            ],
            RecordQuoteNotFound { file } => [
                format!("`recorded_in` ішіндегі `quote` {file} мәтінінде жоқ: жазбаны сол құжаттан сөзбе-сөз көшіріңіз"),
                format!("цитаты `quote` из `recorded_in` нет в тексте {file}: скопируйте запись из этого документа дословно"),
                format!("the `quote` of `recorded_in` is not in the text of {file}: copy the record from that document word for word"),
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
                format!("нәтиже қалтасы `{path}` сайт қалтасының өзі, оны қамтитын қалта, content/ не themes/ ішіндегі қалта бола алмайды: басқа --output таңдаңыз, мысалы public"),
                format!("папка результата `{path}` не может быть самой папкой сайта, содержать её или лежать в content/ или themes/: выберите другой --output, например public"),
                format!("the output folder `{path}` cannot be the site folder, contain it, or lie inside content/ or themes/: choose another --output, such as public"),
            ],
            StagingNotOurs { path } => [
                format!("`{path}` қалтасы бар және оны ashyq жасамаған: ashyq нәтиже қалтасының жанында осы атаумен уақытша қалта жасайды және сіздің қалтаңызды өшірмейді. Оның атын өзгертіңіз немесе басқа жерге көшіріңіз"),
                format!("папка `{path}` существует и создана не ashyq: ashyq собирает сайт во временную папку с этим именем рядом с папкой результата и не удалит вашу. Переименуйте или перенесите её"),
                format!("`{path}` exists and was not made by ashyq: ashyq builds into a temporary folder of that name beside the output and will not delete yours. Rename or move it"),
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
            FirstBuildFailed { errors } => [
                format!("{errors} қате: сайттың әзірге бірде-бір дұрыс нұсқасы жоқ; файлды түзетіп сақтағанда бет өзі жаңарады"),
                format!("ошибок: {errors}. Правильной версии сайта пока нет; исправьте и сохраните файл, и страница обновится сама"),
                format!("{errors} errors: there is no good version of the site yet; fix and save the file and the page reloads by itself"),
            ],
            RebuildPanicked { detail } => [
                format!("ashyq сайтты жасау кезінде ішкі қатеге ұшырады ({detail}). Бұл — ashyq-тың қатесі, сіздікі емес: соңғы өзгертілген файлды әзірлеушілерге жіберіңіз. Алдын ала қарау жұмысын жалғастырады"),
                format!("внутренняя ошибка ashyq при сборке сайта ({detail}). Это ошибка ashyq, а не ваша: отправьте последний изменённый файл разработчикам. Предпросмотр продолжает работу"),
                format!("ashyq failed inside while building the site ({detail}). This is a bug in ashyq, not your mistake: send the last file you changed to its developers. The preview keeps running"),
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
            OverlayNoGoodVersion => [
                "Сайттың әзірге бірде-бір дұрыс нұсқасы жоқ. Файлды түзетіп сақтағанда бет өзі жаңарады.".into(),
                "Правильной версии сайта пока нет. Исправьте и сохраните файл, и страница обновится сама.".into(),
                "There is no good version of the site yet. Fix and save the file, and the page reloads by itself.".into(),
            ],
            RequiredDocument { analysis, kind, lang } => [
                format!("`{analysis}` талдауында `{lang}` тілінде {} жоқ: қағидалар оны сайтта жариялауды талап етеді ({}.{lang}.md файлын жасаңыз)", kind_name(*kind, UiLang::Kk), kind.key()),
                format!("в анализе `{analysis}` нет документа «{}» на языке `{lang}`: правила требуют его публикации (создайте файл {}.{lang}.md)", kind_name(*kind, UiLang::Ru), kind.key()),
                format!("analysis `{analysis}` has no {} in `{lang}`: the rules require it on the site (create {}.{lang}.md)", kind_name(*kind, UiLang::En), kind.key()),
            ],
            BrokenAnchor { dest, id } => [
                format!("`{dest}` сілтемесі бетте жоқ `#{id}` орнына апарады: тақырып атын тексеріңіз"),
                format!("ссылка `{dest}` ведёт на место `#{id}`, которого на странице нет: проверьте заголовок"),
                format!("link `{dest}` points to `#{id}`, which the page does not have: check the heading"),
            ],
            MissingTranslation { lang } => [
                format!("бұл құжаттың `{lang}` тіліндегі аудармасы жоқ"),
                format!("у этого документа нет перевода на язык `{lang}`"),
                format!("this document has no `{lang}` translation"),
            ],
            FillIn { text } => [
                format!("толтырылмаған орын: {text}"),
                format!("не заполнено: {text}"),
                format!("still to fill in: {text}"),
            ],
            TextMissing { kind, record } => [
                format!("{}: мәтіні жоқ, ол тек {record} ішіндегі жазбадан белгілі. Мәтінін ұйымнан сұраңыз", kind_name(*kind, UiLang::Kk)),
                format!("текста документа «{}» нет: он известен только из записи в {record}. Запросите текст у организации", kind_name(*kind, UiLang::Ru)),
                format!("the {} has no text: it is known only from the record in {record}. Ask the organisation for its text", kind_name(*kind, UiLang::En)),
            ],
            ExternalLinkToRoot { url } => [
                format!("`{url}` сілтемесі құжатқа емес, сайттың өз басты бетіне апарады: құжаттың нақты мекенжайын жазыңыз"),
                format!("ссылка `{url}` ведёт не на документ, а на главную страницу самого сайта: укажите точный адрес документа"),
                format!("the link `{url}` leads to the site's own home page, not to a document: give the document's exact address"),
            ],
            NoSignedScan => [
                "қол қоюшылар көрсетілген, бірақ қол қойылған құжаттың сканері тіркелмеген: оны PDF ретінде `attachments:` тізіміне қосыңыз (2025 жылғы мемлекеттік сайттар қағидалары қол қойылған құжаттарды сұрайды)".into(),
                "подписанты указаны, но скан подписанного документа не приложен: добавьте его PDF в `attachments:` (правила 2025 года для государственных сайтов требуют подписанные документы)".into(),
                "signatories are listed but no signed scan is attached: add the signed PDF under `attachments:` (the 2025 rules for state sites ask for signed documents)".into(),
            ],
            AnnouncementLate { announced, start, working_days, required } => [
                format!("хабарландыру ({}) талдау басталғанға дейін ({}) {working_days} жұмыс күні бұрын жарияланған, ал кемінде {required} жұмыс күні керек: {} күн жетпейді", d(announced), d(start), i64::from(*required) - working_days),
                format!("объявление ({}) опубликовано за {working_days} рабочих дней до начала анализа ({}), а нужно не менее {required}: не хватает {}", d(announced), d(start), i64::from(*required) - working_days),
                format!("the announcement ({}) is {working_days} working days before the analysis starts ({}); at least {required} are required: {} short", d(announced), d(start), i64::from(*required) - working_days),
            ],
            DateOrder { first, first_date, then, then_date, strict } => {
                let days = (*first_date - *then_date).num_days();
                let (kk_late, ru_late, en_late) = match days {
                    0 => ("бірақ сол күні".to_owned(), "а он в тот же день".to_owned(), "but is on the same day".to_owned()),
                    1 => ("бірақ 1 күн кейін".to_owned(), "а он на 1 день позже".to_owned(), "but is 1 day later".to_owned()),
                    n => (format!("бірақ {n} күн кейін"), format!("а он позже на {n} дн."), format!("but is {n} days later")),
                };
                let (kk_rule, ru_rule, en_rule) =
                    if *strict { ("бұрын", "раньше", "before") } else { ("кешіктірмей", "не позже", "no later than") };
                [
                    format!("{} ({}) {} ({}) құжатынан {kk_rule} болуы керек, {kk_late}", kind_name(*first, UiLang::Kk), d(first_date), kind_name(*then, UiLang::Kk), d(then_date)),
                    format!("документ «{}» ({}) должен быть {ru_rule}, чем «{}» ({}), {ru_late}", kind_name(*first, UiLang::Ru), d(first_date), kind_name(*then, UiLang::Ru), d(then_date)),
                    format!("the {} ({}) must come {en_rule} the {} ({}), {en_late}", kind_name(*first, UiLang::En), d(first_date), kind_name(*then, UiLang::En), d(then_date)),
                ]
            }
            AnalysisEndsBeforeStart { start, end } => [
                format!("талдау басталмай ({}) аяқталады ({})", d(start), d(end)),
                format!("анализ заканчивается ({}) раньше, чем начинается ({})", d(end), d(start)),
                format!("the analysis ends ({}) before it starts ({})", d(end), d(start)),
            ],
            CoveredAfterStart { covered_to, start } => [
                format!("талдаумен қамтылатын кезең ({}) талдау басталғаннан ({}) кейін аяқталады: ол бұрын аяқталуы керек", d(covered_to), d(start)),
                format!("охватываемый период заканчивается ({}) после начала анализа ({}): он должен закончиться раньше", d(covered_to), d(start)),
                format!("the period covered ends ({}) after the analysis starts ({}): it must end before", d(covered_to), d(start)),
            ],
            DocumentDue { kind, due, days } => [
                format!("{} {} дейін жариялануы керек еді ({days} күн өтті), бірақ ол жоқ", kind_name(*kind, UiLang::Kk), d(due)),
                format!("документ «{}» должен был быть опубликован до {} (прошло {days} дн.), но его нет", kind_name(*kind, UiLang::Ru), d(due)),
                format!("the {} is due by {} ({days} days ago) and is missing", kind_name(*kind, UiLang::En), d(due)),
            ],
            DateUnknown { kind } => [
                format!("{}: күні көрсетілмеген, сондықтан оның күндер ретіндегі орнын тексеру мүмкін емес", kind_name(*kind, UiLang::Kk)),
                format!("у документа «{}» нет даты: его место в порядке дат проверить нельзя", kind_name(*kind, UiLang::Ru)),
                format!("the {} has no date: its place in the order of dates cannot be verified", kind_name(*kind, UiLang::En)),
            ],
            OrderMismatch { number, date, order_number, order_date, order_file } => [
                format!("мұнда {} № {number} бұйрық көрсетілген, ал талдаудың бұйрығы — {} № {order_number} ({order_file})", d(date), d(order_date)),
                format!("здесь указан приказ № {number} от {}, а приказ анализа — № {order_number} от {} ({order_file})", d(date), d(order_date)),
                format!("this cites order No {number} of {}, but the analysis's order is No {order_number} of {} ({order_file})", d(date), d(order_date)),
            ],
            PeriodMismatch { key, from, to, start, end } => [
                format!("`{key}`: мұнда {}–{} деп жазылған, ал талдау бетінде {}–{}", d(from), d(to), d(start), d(end)),
                format!("`{key}`: здесь указано {}–{}, а на странице анализа {}–{}", d(from), d(to), d(start), d(end)),
                format!("`{key}`: this says {}–{}, the analysis page says {}–{}", d(from), d(to), d(start), d(end)),
            ],
            EventMismatch { event, protocol, protocol_file } => [
                format!("талқылау {} күніне жарияланған, ал хаттама {} күнімен жасалған ({protocol_file})", d(event), d(protocol)),
                format!("обсуждение объявлено на {}, а протокол датирован {} ({protocol_file})", d(event), d(protocol)),
                format!("the discussion is announced for {}, but the protocol is dated {} ({protocol_file})", d(event), d(protocol)),
            ],
            NameVariant { name, other, other_file } => [
                format!("`{name}` аты {other_file} ішінде `{other}` деп жазылған: бұл бір адам ба? Бірдей жазыңыз"),
                format!("имя `{name}` в {other_file} написано как `{other}`: это один человек? Напишите одинаково"),
                format!("the name `{name}` is spelled `{other}` in {other_file}: the same person? Spell it the same way"),
            ],
            TableNumber { here, there, other_file } => [
                format!("кестедегі сан мұнда `{here}`, ал {other_file} ішінде `{there}`"),
                format!("число в таблице здесь `{here}`, а в {other_file} — `{there}`"),
                format!("a number in a table reads `{here}` here but `{there}` in {other_file}"),
            ],
            TranslationMismatch { key, here, there, other_file } => [
                format!("`{key}` мұнда `{here}`, ал аудармасында ({other_file}) `{there}`"),
                format!("`{key}` здесь `{here}`, а в переводе ({other_file}) — `{there}`"),
                format!("`{key}` is `{here}` here but `{there}` in the translation ({other_file})"),
            ],
            GroupAnalysis { dir, title } => [
                format!("Талдау {dir}: {title}"),
                format!("Анализ {dir}: {title}"),
                format!("Analysis {dir}: {title}"),
            ],
            GroupSite => ["Бүкіл сайт".into(), "Весь сайт".into(), "The whole site".into()],
            CheckSummary { errors: 0, warnings: 0, infos: 0 } => [
                "Ескерту жоқ: бәрі дұрыс.".into(),
                "Замечаний нет: всё в порядке.".into(),
                "No findings: all is well.".into(),
            ],
            CheckSummary { errors, warnings, infos: 0 } => [
                format!("Барлығы: {errors} қате, {warnings} ескерту."),
                format!("Итого: ошибок — {errors}, предупреждений — {warnings}."),
                format!("In all: {errors} errors, {warnings} warnings."),
            ],
            CheckSummary { errors, warnings, infos } => [
                format!("Барлығы: {errors} қате, {warnings} ескерту, {infos} ақпарат."),
                format!("Итого: ошибок — {errors}, предупреждений — {warnings}, к сведению — {infos}."),
                format!("In all: {errors} errors, {warnings} warnings, {infos} infos."),
            ],
            AnalysisExists { path } => [
                format!("`{path}` бұрыннан бар: ашық талдау қайта жазылмайды. Басқа жылды беріңіз немесе бұл жылдың екінші талдауы үшін {path}-2 қалтасын қолданыңыз"),
                format!("`{path}` уже существует: существующий анализ не будет перезаписан. Укажите другой год или для второго анализа года используйте папку {path}-2"),
                format!("`{path}` already exists and will not be overwritten: give another year, or use {path}-2 for a second analysis in one year"),
            ],
            AnalysisCreated { path, files } => [
                format!("{path} қалтасында {files} файл жасалды: `[[ТОЛТЫРЫҢЫЗ`/`[[ЗАПОЛНИТЕ` белгілерін толтырыңыз, `ashyq check` оларды тізіп береді"),
                format!("в папке {path} создано файлов: {files}. Заполните места с пометками `[[ТОЛТЫРЫҢЫЗ`/`[[ЗАПОЛНИТЕ`: `ashyq check` их перечислит"),
                format!("created {files} files in {path}: fill in the places marked `[[ТОЛТЫРЫҢЫЗ`/`[[ЗАПОЛНИТЕ`; `ashyq check` lists them"),
            ],
            StartAfterEnd => [
                "--start күні --end күнінен бұрын болуы керек".into(),
                "дата --start должна быть раньше --end".into(),
                "--start must come before --end".into(),
            ],
            AnalysisStartYear { year, start } => [
                format!("{year} жылғы талдау {year} жылы басталады, ал --start {}: жылды немесе басталу күнін түзетіңіз (хабарландыру мен бұйрық алдыңғы жылдың желтоқсанында болуы мүмкін)", d(start)),
                format!("анализ {year} года начинается в {year} году, а --start — {}: исправьте год или дату начала (объявление и приказ могут прийтись на декабрь предыдущего года)", d(start)),
                format!("an analysis of {year} starts in {year}, but --start is {}: correct the year or the start (the announcement and the order may fall in the December before)", d(start)),
            ],
            AnalysisTooLong { start, end } => [
                format!("талдау {} – {} бір жылдан ұзақ: --end күнін тексеріңіз", d(start), d(end)),
                format!("анализ {} – {} длится больше года: проверьте дату --end", d(start), d(end)),
                format!("an analysis from {} to {} lasts more than a year: check --end", d(start), d(end)),
            ],
            AnalysisTooShort { start, end, earliest } => [
                format!("{} – {} мерзімі қысқа: тоғыз бағыт бойынша жұмысқа, анықтамаға, талқылау туралы хабарландырудан кейінгі 5 жұмыс күніне, хаттама мен іс-шаралар жоспарына орын жоқ. Ең ерте аяқталу күні: {}", d(start), d(end), d(earliest)),
                format!("срок {} – {} слишком короткий: не хватает места для работы по девяти направлениям, справки, 5 рабочих дней после объявления об обсуждении, протокола и плана мероприятий. Самая ранняя дата окончания: {}", d(start), d(end), d(earliest)),
                format!("{} to {} is too short for the work on nine directions, the report, 5 working days after the discussion announcement, the protocol and the action plan; the earliest end is {}", d(start), d(end), d(earliest)),
            ],
            AnalysisFactsFrom { path } => [
                format!("жұмыс тобы мен басшы {path} талдауынан алынды: өзгерген болса, түзетіңіз"),
                format!("рабочая группа и руководитель взяты из анализа {path}: если что-то изменилось, исправьте"),
                format!("the working group and the head were taken from the analysis in {path}: correct them if anything changed"),
            ],
            AnalysisPlanFrom { path, rows, review } => [
                format!("жұмыс жоспарының {rows} жолы {path} талдауынан көшірілді, мерзімдері жаңа талдауға ауыстырылды; өткен кезеңді атайтын {review} жол тексеруге белгіленді"),
                format!("строк плана работы перенесено из анализа {path}: {rows}, сроки передвинуты в новый анализ; строк, где назван прошлый период, отмечено для проверки: {review}"),
                format!("the work plan's {rows} rows were carried from the analysis in {path}, their dates moved into the new analysis; {review} rows that name the old period are marked for review"),
            ],
            AnalysisNextSteps => [
                "Талдаумен қамтылатын кезең — алдыңғы күнтізбелік жыл: жарты жыл болса, _index файлындағы covered_period мәнін өзгертіңіз. Тәуекелдер анықталмаса, іс-шаралар жоспарының кестесінде сызықшалары бар бір жол қалдырыңыз".into(),
                "Период, охватываемый анализом, — предыдущий календарный год: если это полугодие, измените covered_period в файле _index. Если риски не выявлены, оставьте в таблице плана мероприятий одну строку с прочерками".into(),
                "The period covered is the previous calendar year: for a half-year, change covered_period in the _index file. If no risks are found, leave one row of dashes in the action plan's table".into(),
            ],
            NoAnalysisSection => [
                "content/ қалтасы жоқ: алдымен `ashyq init` арқылы сайт жасаңыз".into(),
                "нет папки content/: сначала создайте сайт командой `ashyq init`".into(),
                "there is no content/ folder: create the site with `ashyq init` first".into(),
            ],
            FolderNotEmpty { path } => [
                format!("`{path}` қалтасы бос емес: жаңа сайтты бос не жоқ қалтаға жасаңыз"),
                format!("папка `{path}` не пуста: создайте новый сайт в пустой или новой папке"),
                format!("`{path}` is not empty: create the new site in an empty or new folder"),
            ],
            SiteCreated { path } => [
                format!("{path} қалтасында жаңа сайт жасалды: site.yaml ішіндегі белгіленген орындарды толтырып, `ashyq serve --root {path}` іске қосыңыз"),
                format!("в папке {path} создан новый сайт: заполните отмеченные места в site.yaml и запустите `ashyq serve --root {path}`"),
                format!("created a new site in {path}: fill in the marked places in site.yaml, then run `ashyq serve --root {path}`"),
            ],
            ImportRefusedFormat { format } => [
                format!("бұл .docx емес, {format} файлы: оны Word не LibreOffice бағдарламасында ашып, «Word құжаты (.docx)» ретінде сақтаңыз да, қайта импорттаңыз"),
                format!("это не .docx, а файл {format}: откройте его в Word или LibreOffice, сохраните как «Документ Word (.docx)» и импортируйте снова"),
                format!("this is not a .docx but a {format} file: open it in Word or LibreOffice, save it as \"Word Document (.docx)\" and import that"),
            ],
            ImportBroken { detail } => [
                format!("файл бүлінген немесе Word құжаты емес ({detail}): оны Word-та ашып, .docx ретінде қайта сақтаңыз"),
                format!("файл повреждён или не является документом Word ({detail}): откройте его в Word и сохраните заново как .docx"),
                format!("the file is damaged or not a Word document ({detail}): open it in Word and save it again as .docx"),
            ],
            ImportTooBig { what, limit } => [
                format!("файлдың «{what}» бөлігі шектен асады ({limit}): мұндай құжатты Word жасамайды, ештеңе жазылмады"),
                format!("часть файла «{what}» превышает предел ({limit}): Word таких документов не создаёт, ничего не записано"),
                format!("the file's part \"{what}\" is over the limit ({limit}): Word does not write such documents; nothing was written"),
            ],
            ImportUnsafePath { name } => [
                format!("архив ішінде қауіпті жол бар: `{name}`; бұл файлды Word жасамаған, ештеңе жазылмады"),
                format!("в архиве опасный путь: `{name}`; этот файл создан не Word, ничего не записано"),
                format!("the archive holds an unsafe path `{name}`; Word did not write this file, and nothing was written"),
            ],
            ImportDoctype => [
                "құжаттың XML-інде DOCTYPE не сыртқы нысан бар: Word мұны жазбайды, файл қабылданбады".into(),
                "в XML документа есть DOCTYPE или внешняя сущность: Word так не пишет, файл отклонён".into(),
                "the document's XML has a DOCTYPE or an external entity: Word does not write that, so the file is refused".into(),
            ],
            ImportTooDeep { limit } => [
                format!("құжаттың XML-і тым терең (шегі {limit} деңгей): файл қабылданбады"),
                format!("XML документа слишком глубокий (предел {limit} уровней): файл отклонён"),
                format!("the document's XML nests too deeply (limit {limit} levels): the file is refused"),
            ],
            ImportExists { path } => [
                format!("`{path}` бұрыннан бар: қайта жазу үшін --force қосыңыз"),
                format!("`{path}` уже существует: чтобы перезаписать, добавьте --force"),
                format!("`{path}` already exists: add --force to overwrite it"),
            ],
            ImportNeedKind => [
                "құжаттың түрі тақырыбынан танылмады: --kind беріңіз (order, work-plan, report…)".into(),
                "вид документа не распознан по заголовку: укажите --kind (order, work-plan, report…)".into(),
                "the document's kind was not recognised from its title: give --kind (order, work-plan, report…)".into(),
            ],
            ImportNeedYear => [
                "құжатта күні жоқ, талдау жылы белгісіз: --analysis ЖЫЛ беріңіз".into(),
                "в документе нет даты, год анализа неизвестен: укажите --analysis ГОД".into(),
                "the document states no date, so the analysis year is unknown: give --analysis YEAR".into(),
            ],
            ImportWritten { path } => [
                format!("{path} жазылды: `ashyq serve` арқылы қарап шығыңыз"),
                format!("записан {path}: проверьте страницу через `ashyq serve`"),
                format!("wrote {path}: look at the page with `ashyq serve`"),
            ],
            ImportRecognised { key, value } => [
                format!("танылды: {key} = {value}"),
                format!("распознано: {key} = {value}"),
                format!("recognised: {key} = {value}"),
            ],
            ImportNotStated { keys } => [
                format!("құжатта жазылмаған, сондықтан қосылмады: {keys} (қажет болса --date/--number арқылы беріңіз)"),
                format!("в документе не указано, поэтому не добавлено: {keys} (при необходимости укажите --date/--number)"),
                format!("not stated in the document, so left out: {keys} (give --date/--number if needed)"),
            ],
            ImportDatesDiffer { dates } => [
                format!("құжаттың басында әртүрлі күндер бар ({dates}): күн алынбады, --date арқылы беріңіз"),
                format!("в начале документа разные даты ({dates}): дата не взята, укажите --date"),
                format!("the document's heading states different dates ({dates}): none was taken; give --date"),
            ],
            ImportImage { para, words } => [
                format!("{para}-абзацтағы сурет («{words}…») импортталмады: оны files/ қалтасына салып, сілтеме қойыңыз"),
                format!("изображение в абзаце {para} («{words}…») не импортировано: положите его в files/ и дайте ссылку"),
                format!("the image in paragraph {para} (\"{words}…\") was not imported: put it in files/ and link it"),
            ],
            ImportTextBox { para, words } => [
                format!("{para}-абзацтағы мәтін алаңы («{words}…») импортталмады: оның мәтінін қолмен көшіріңіз"),
                format!("надпись (текстовое поле) в абзаце {para} («{words}…») не импортирована: перенесите её текст вручную"),
                format!("the text box in paragraph {para} (\"{words}…\") was not imported: copy its text by hand"),
            ],
            ImportComment { para, words } => [
                format!("{para}-абзацтағы түсініктеме («{words}…») жарияланбайды"),
                format!("примечание к абзацу {para} («{words}…») не публикуется"),
                format!("the comment on paragraph {para} (\"{words}…\") is not published"),
            ],
            ImportNote { para, words } => [
                format!("{para}-абзацтағы сілтеме-ескерту («{words}…») импортталмады: мәтінін қолмен қосыңыз"),
                format!("сноска в абзаце {para} («{words}…») не импортирована: добавьте её текст вручную"),
                format!("the footnote in paragraph {para} (\"{words}…\") was not imported: add its text by hand"),
            ],
            ImportField { code, para, words } => [
                format!("{para}-абзацтағы `{code}` өрісі («{words}…») Word соңғы көрсеткен мәнімен алынды"),
                format!("поле `{code}` в абзаце {para} («{words}…») взято со значением, которое Word показал последним"),
                format!("the field `{code}` in paragraph {para} (\"{words}…\") was kept as the value Word last showed"),
            ],
            ImportTracked { count } => [
                format!("құжатта қабылданбаған түзетулер бар ({count}): олар қабылданған түрде импортталды; Word-та тексеріңіз"),
                format!("в документе есть непринятые исправления ({count}): импортирован текст с принятыми исправлениями; проверьте в Word"),
                format!("the document has {count} pending tracked changes: the text was imported with them accepted; check it in Word"),
            ],
            Built { pages, files, output, seconds } => {
                let comma = decimal_comma(seconds);
                [
                    format!("{pages} бет ({files} файл) {output} қалтасына {comma} с ішінде жасалды"),
                    format!("собрано {pages} страниц ({files} файлов) в {output} за {comma} с"),
                    format!("built {pages} pages ({files} files) into {output} in {seconds} s"),
                ]
            }
            BuildFailed { errors, warnings } => [
                format!("{errors} қате, {warnings} ескерту: сайт жасалмады, бұрынғы нәтиже өзгеріссіз қалды"),
                format!("ошибок: {errors}, предупреждений: {warnings}. Сайт не собран, прежний результат не изменён"),
                format!("{errors} errors, {warnings} warnings: nothing was built, the previous output is unchanged"),
            ],
            WriteFailed { stream, detail } => [
                format!("{stream} ағынына жазу мүмкін болмады ({detail}), сондықтан ashyq тоқтады: дискіде орын босатыңыз немесе шығысты басқа файлға бағыттаңыз"),
                format!("не удалось записать в {stream} ({detail}), поэтому ashyq остановлен: освободите место на диске или направьте вывод в другой файл"),
                format!("cannot write to {stream} ({detail}), so ashyq stopped: free some disk space or send the output to another file"),
            ],
            NoDeployUrl => [
                "Қайда жүктеу керегі белгісіз: site.yaml ішінде `deploy: {url: …}` жазыңыз немесе --url беріңіз, мысалы --url sftp://user@host/public_html".into(),
                "Неизвестно, куда загружать: укажите `deploy: {url: …}` в site.yaml или передайте --url, например --url sftp://user@host/public_html".into(),
                "Nowhere to upload to: write `deploy: {url: …}` in site.yaml or pass --url, such as --url sftp://user@host/public_html".into(),
            ],
            BadDeployUrl { value } => [
                format!("`{value}` жүктеу мекенжайы емес: ftp://пайдаланушы@сервер/қалта, ftps://… немесе sftp://… түрінде жазыңыз"),
                format!("`{value}` не адрес для загрузки: пишите ftp://пользователь@сервер/папка, ftps://… или sftp://…"),
                format!("`{value}` is not an upload address: write ftp://user@host/folder, ftps://… or sftp://…"),
            ],
            NoPassword => [
                "Құпиясөз жоқ: ASHYQ_DEPLOY_PASSWORD айнымалысын орнатыңыз немесе ashyq deploy-ды терминалда іске қосыңыз, сонда ол құпиясөзді сұрайды".into(),
                "Нет пароля: задайте переменную ASHYQ_DEPLOY_PASSWORD или запустите ashyq deploy в терминале, и он спросит пароль".into(),
                "No password: set the ASHYQ_DEPLOY_PASSWORD variable, or run ashyq deploy in a terminal to be asked for it".into(),
            ],
            PasswordPrompt { user, host } => [
                format!("{user}@{host} құпиясөзі:"),
                format!("Пароль для {user}@{host}:"),
                format!("Password for {user}@{host}:"),
            ],
            NotABuiltSite { path } => [
                format!("`{path}` қалтасын ashyq жасамаған немесе ол жоқ: алдымен ashyq build іске қосыңыз немесе --no-build алып тастаңыз"),
                format!("папка `{path}` не собрана ashyq или её нет: сначала запустите ashyq build или уберите --no-build"),
                format!("`{path}` is missing or was not built by ashyq: run ashyq build first, or drop --no-build"),
            ],
            PlaceholdersRefused { count } => [
                format!("сайтта толтырылмаған орындар қалды ({count}, `[[ТОЛТЫРЫҢЫЗ`/`[[ЗАПОЛНИТЕ`): ештеңе жарияланбады. Оларды толтырыңыз (тізімі төменде, `ashyq check` те көрсетеді) немесе әдейі жариялау үшін --allow-placeholders қосыңыз"),
                format!("на сайте остались незаполненные места ({count}, `[[ТОЛТЫРЫҢЫЗ`/`[[ЗАПОЛНИТЕ`): ничего не опубликовано. Заполните их (список ниже, его же показывает `ashyq check`) или, если это сделано намеренно, добавьте --allow-placeholders"),
                format!("the site still has places to fill in ({count}, `[[ТОЛТЫРЫҢЫЗ`/`[[ЗАПОЛНИТЕ`): nothing was published. Fill them in (listed below; `ashyq check` lists them too), or add --allow-placeholders to publish them on purpose"),
            ],
            PlaceholdersPublished { count } => [
                format!("НАЗАР АУДАРЫҢЫЗ: --allow-placeholders берілді, сондықтан толтырылмаған орындар ({count}) сайтта сол күйінде жарияланады"),
                format!("ВНИМАНИЕ: задан --allow-placeholders, поэтому незаполненные места ({count}) публикуются на сайте как есть"),
                format!("ATTENTION: --allow-placeholders is given, so the places still to fill in ({count}) are being published as they are"),
            ],
            Connecting { url } => [
                format!("{url} серверіне қосылу…"),
                format!("подключение к {url}…"),
                format!("connecting to {url}…"),
            ],
            CannotResolve { host } => [
                format!("`{host}` сервері табылмады: deploy.url ішіндегі мекенжайды және интернет байланысын тексеріңіз"),
                format!("сервер `{host}` не найден: проверьте адрес в deploy.url и подключение к интернету"),
                format!("cannot find the server `{host}`: check the address in deploy.url and the Internet connection"),
            ],
            CannotConnect { addr, detail } => [
                format!("{addr} серверіне қосылу мүмкін болмады ({detail}): мекенжай мен портты тексеріңіз, хостинг жұмыс істеп тұр ма, соны біліңіз"),
                format!("не удалось подключиться к {addr} ({detail}): проверьте адрес и порт и работает ли хостинг"),
                format!("cannot connect to {addr} ({detail}): check the address and port, and that the hosting is up"),
            ],
            ConnectionLost { detail } => [
                format!("хостингпен байланыс үзілді ({detail})"),
                format!("связь с хостингом прервалась ({detail})"),
                format!("the connection to the hosting was lost ({detail})"),
            ],
            LoginFailed { user, host } => [
                format!("{host} сервері `{user}` пайдаланушысын бұл құпиясөзбен (не кілтпен) кіргізбеді: оларды хостингтің басқару панелінен тексеріңіз"),
                format!("сервер {host} не пустил пользователя `{user}` с этим паролем (или ключом): проверьте их в панели управления хостингом"),
                format!("{host} refused user `{user}` with this password (or key): check them in the hosting's control panel"),
            ],
            HostKeyUnknown { host, fingerprint } => [
                format!("{host} сервері әлі таныс емес, оның кілті {fingerprint}. Бұл сіздің хостингіңіздің кілті екеніне көз жеткізіңіз (хостингтен сұраңыз), содан кейін --accept-new-host-key қосып қайта іске қосыңыз"),
                format!("сервер {host} ещё не знаком, его ключ {fingerprint}. Убедитесь, что это ключ вашего хостинга (спросите у хостинга), и запустите ещё раз с --accept-new-host-key"),
                format!("the server {host} is not known yet; its key is {fingerprint}. Make sure this is your hosting's key (ask the hosting), then run again with --accept-new-host-key"),
            ],
            HostKeyChanged { host, file, line } => [
                format!("{host} серверінің кілті өзгерген ({file}, {line}-жол): бұл шабуыл болуы мүмкін немесе хостинг серверді ауыстырған. Хостингтен сұраңыз; олар растаса, {file} файлынан {line}-жолды өшіріңіз"),
                format!("ключ сервера {host} изменился ({file}, строка {line}): это может быть атака, или хостинг сменил сервер. Спросите у хостинга; если он подтвердит, удалите строку {line} из {file}"),
                format!("the key of server {host} has changed ({file}, line {line}): this may be an attack, or the hosting moved the server. Ask the hosting; if they confirm, remove line {line} from {file}"),
            ],
            HostKeyLearned { host, file } => [
                format!("{host} серверінің кілті {file} файлына жазылды"),
                format!("ключ сервера {host} записан в {file}"),
                format!("the key of {host} was added to {file}"),
            ],
            KnownHostsUnreadable { file, detail } => [
                format!("таныс серверлер файлы {file} оқылмады ({detail})"),
                format!("не удалось прочитать файл известных серверов {file} ({detail})"),
                format!("cannot read the known hosts file {file} ({detail})"),
            ],
            KeyUnreadable { path, detail } => [
                format!("`{path}` кілтін оқу мүмкін болмады ({detail}): файлды және оның құпия сөзін тексеріңіз"),
                format!("не удалось прочитать ключ `{path}` ({detail}): проверьте файл и его пароль"),
                format!("cannot read the key `{path}` ({detail}): check the file and its passphrase"),
            ],
            CertificateUntrusted { host, detail } => [
                format!("{host} серверінің сертификатына сенуге болмайды ({detail}), мысалы, ол өзі қол қойған: байланысты біреу ұстап тұруы мүмкін. Хостинг өз сертификатын қолданатынын растаса ғана --insecure қосыңыз"),
                format!("сертификату сервера {host} нельзя доверять ({detail}), например, он самоподписанный: соединение может быть перехвачено. Добавьте --insecure, только если хостинг подтвердил, что использует собственный сертификат"),
                format!("the certificate of {host} is not trusted ({detail}), for example it is self-signed: the connection may be intercepted. Add --insecure only if the hosting confirms it uses its own certificate"),
            ],
            CertificateWrongName { host, detail } => [
                format!("сервер сертификаты `{host}` атына берілмеген ({detail}): хостинг FTP үшін беретін сервер атын жазыңыз (басқару панелінде көрсетілген) немесе --insecure қосыңыз"),
                format!("сертификат сервера выдан не на имя `{host}` ({detail}): укажите имя сервера, которое хостинг даёт для FTP (оно есть в панели управления), или добавьте --insecure"),
                format!("the server's certificate is not for `{host}` ({detail}): use the server name the hosting gives for FTP (see its control panel), or add --insecure"),
            ],
            TlsFailed { host, detail } => [
                format!("{host} серверімен шифрланған байланыс орнамады ({detail})"),
                format!("не удалось установить защищённое соединение с {host} ({detail})"),
                format!("cannot set up an encrypted connection with {host} ({detail})"),
            ],
            FolderRefused { path, detail } => [
                format!("хостинг `{path}` жазуға рұқсат бермейді ({detail}): deploy.url ішіндегі қалтаны және басқару панеліндегі оның рұқсаттарын тексеріңіз"),
                format!("хостинг не разрешает запись `{path}` ({detail}): проверьте папку в deploy.url и её права в панели управления"),
                format!("the hosting does not allow writing `{path}` ({detail}): check the folder in deploy.url and its permissions in the control panel"),
            ],
            DiskFull { path, detail } => [
                format!("`{path}` жазылып жатқанда хостингте орын бітті ({detail}): ескі файлдарды өшіріңіз немесе хостингтен көбірек орын сұраңыз"),
                format!("на хостинге закончилось место при записи `{path}` ({detail}): удалите старые файлы или попросите у хостинга больше места"),
                format!("the hosting ran out of space while writing `{path}` ({detail}): delete old files or ask the hosting for more space"),
            ],
            StepAborted { path, detail } => [
                format!("хостинг `{path}` жазуды жаңа қосылыста да қайта-қайта үзіп тастайды ({detail}): бұл байланыс ақауы емес, көбінесе хостингтегі орын не квота толып қалған. Басқару панелінен бос орынды (және қалтаның рұқсаттарын) тексеріңіз"),
                format!("хостинг снова и снова обрывает запись `{path}`, даже на новом соединении ({detail}): дело не в связи, чаще всего на хостинге кончилось место или квота. Проверьте в панели управления свободное место (и права на папку)"),
                format!("the hosting breaks off writing `{path}` again and again, even on a new connection ({detail}): this is not the network; most often its disk or quota is full. Check the free space (and the folder's permissions) in the control panel"),
            ],
            ServerError { detail } => [
                format!("сервер қатемен жауап берді: {detail}"),
                format!("сервер ответил ошибкой: {detail}"),
                format!("the server answered with an error: {detail}"),
            ],
            ReadingRemoteFolder => [
                "Хостингте ashyq тізімі (.ashyq-manifest.json) әлі жоқ: қалтаның ішіндегісі оқылып жатыр".into(),
                "На хостинге ещё нет списка ashyq (.ashyq-manifest.json): читается содержимое папки".into(),
                "The hosting has no ashyq manifest (.ashyq-manifest.json) yet: reading the folder's contents".into(),
            ],
            ManifestUntrusted { file, entry, problem } => {
                let [pk, pr, pe] = path_problem(*problem);
                [
                    format!("хостингтегі {file} файлына сенуге болмайды: «{entry}» жазбасы {pk}. Оның ешбір жазбасы пайдаланылмайды, қалтаның ішіндегісі оқылып жатыр (--rescan сияқты). Бұл файлды басқа бағдарлама не басқа адам өзгерткен болуы мүмкін: хостингтің қауіпсіздігін тексеріңіз"),
                    format!("файлу {file} на хостинге нельзя доверять: запись «{entry}» {pr}. Ни одна его запись не используется, читается содержимое папки (как с --rescan). Этот файл могла изменить другая программа или другой человек: проверьте безопасность хостинга"),
                    format!("the hosting's {file} cannot be trusted: its entry \"{entry}\" {pe}. None of its entries is used; reading the folder's contents instead (as --rescan does). Another program or person may have changed that file: check the hosting's security"),
                ]
            }
            RemoteNameSkipped { name, problem } => {
                let [pk, pr, pe] = path_problem(*problem);
                [
                    format!("хостингтегі «{name}» атауы {pk}: ол еленбейді және өзгертілмейді. Қажет болса, оны хостингтің басқару панелінде өшіріңіз не атын өзгертіңіз"),
                    format!("имя «{name}» на хостинге {pr}: оно пропущено и не изменяется. Если нужно, удалите или переименуйте его в панели управления хостингом"),
                    format!("the name \"{name}\" on the hosting {pe}: it is skipped and left as it is. If needed, delete or rename it in the hosting's control panel"),
                ]
            }
            LocalNameRefused { path, problem } => {
                let [pk, pr, pe] = path_problem(*problem);
                [
                    format!("«{path}» атауы {pk}, сондықтан оны хостингке жіберуге болмайды: файлдың не қалтаның атын өзгертіңіз де, қайта іске қосыңыз"),
                    format!("имя «{path}» {pr}, поэтому его нельзя отправить на хостинг: переименуйте файл или папку и запустите ещё раз"),
                    format!("the name \"{path}\" {pe}, so it cannot be sent to the hosting: rename the file or folder and run again"),
                ]
            }
            PlanUpload { path, bytes, new } => {
                let [sk, sr, se] = size(*bytes);
                if *new {
                    [format!("  жаңа       {path} ({sk})"), format!("  новый      {path} ({sr})"), format!("  new        {path} ({se})")]
                } else {
                    [format!("  өзгерген   {path} ({sk})"), format!("  изменён    {path} ({sr})"), format!("  changed    {path} ({se})")]
                }
            }
            PlanDelete { path } => [
                format!("  өшіріледі  {path}"),
                format!("  удаляется  {path}"),
                format!("  delete     {path}"),
            ],
            PlanSummary { uploads, bytes, deletes, unchanged } => {
                let [sk, sr, se] = size(*bytes);
                [
                    format!("Жіберілетіні: {uploads} файл ({sk}); өшірілетіні: {deletes}; өзгермегені: {unchanged}"),
                    format!("Будет отправлено файлов: {uploads} ({sr}); удалено: {deletes}; без изменений: {unchanged}"),
                    format!("To send: {uploads} files ({se}); to delete: {deletes}; unchanged: {unchanged}"),
                ]
            }
            TooManyDeletes { count, max } => [
                format!("хостингтен {count} файл өшірілер еді, бұл --max-deletes {max} шегінен көп. Жоғарыдағы тізімді тексеріңіз, содан кейін --yes (немесе --max-deletes {count}) қосып қайта іске қосыңыз. Хостингте ештеңе өзгерген жоқ"),
                format!("с хостинга было бы удалено файлов: {count}, это больше предела --max-deletes {max}. Проверьте список выше и запустите ещё раз с --yes (или --max-deletes {count}). На хостинге ничего не изменено"),
                format!("{count} files would be deleted from the hosting, more than --max-deletes {max}. Check the list above and run again with --yes (or --max-deletes {count}). Nothing was changed on the hosting"),
            ],
            DryRun => [
                "Бұл тек жоспар (--dry-run): хостингте ештеңе өзгертілген жоқ".into(),
                "Это только план (--dry-run): на хостинге ничего не изменено".into(),
                "This is only the plan (--dry-run): nothing was changed on the hosting".into(),
            ],
            UpToDate => [
                "Хостингте сайттың дәл осы нұсқасы тұр: ештеңе жіберілмеді".into(),
                "На хостинге уже эта же версия сайта: ничего не отправлено".into(),
                "The hosting already has this exact site: nothing was sent".into(),
            ],
            Sent { path, bytes } => {
                let [sk, sr, se] = size(*bytes);
                [format!("жіберілді {path} ({sk})"), format!("отправлен {path} ({sr})"), format!("sent {path} ({se})")]
            }
            Deleted { path } => [
                format!("өшірілді {path}"),
                format!("удалён {path}"),
                format!("deleted {path}"),
            ],
            Retrying { attempt, attempts, seconds, detail } => [
                format!("байланыс ақауы ({detail}); {seconds} с кейін қайта әрекет ({attempt}/{attempts})"),
                format!("сбой связи ({detail}); новая попытка через {seconds} с ({attempt}/{attempts})"),
                format!("connection problem ({detail}); trying again in {seconds} s ({attempt}/{attempts})"),
            ],
            ProgressFiles { done, total, sent, bytes } => {
                let ([sk, sr, se], [bk, br, be]) = (size(*sent), size(*bytes));
                [
                    format!("{done}/{total} файл, {sk} / {bk}"),
                    format!("файлов {done}/{total}, {sr} / {br}"),
                    format!("{done}/{total} files, {se} / {be}"),
                ]
            }
            DeployDone { uploaded, unchanged, deleted, bytes, seconds } => {
                let [sk, sr, se] = size(*bytes);
                let comma = decimal_comma(seconds);
                [
                    format!("Дайын, {comma} с: жіберілді {uploaded} файл ({sk}), өзгермеді {unchanged}, өшірілді {deleted}"),
                    format!("Готово за {comma} с: отправлено файлов {uploaded} ({sr}), без изменений {unchanged}, удалено {deleted}"),
                    format!("Done in {seconds} s: sent {uploaded} files ({se}), unchanged {unchanged}, deleted {deleted}"),
                ]
            }
            DeployFailed => [
                "Жүктеу аяқталмады. Жіберілген файлдар хостингте орнында тұр; ashyq deploy-ды қайта іске қосыңыз, ол тоқтаған жерінен жалғастырады".into(),
                "Загрузка не завершена. Уже отправленные файлы на хостинге на своих местах; запустите ashyq deploy ещё раз, и он продолжит с того места, где остановился".into(),
                "The upload did not finish. Files already sent are in place on the hosting; run ashyq deploy again and it continues where it stopped".into(),
            ],
            Packaged { path, files, bytes } => {
                let [sk, sr, se] = size(*bytes);
                [
                    format!("{path} жазылды: {files} файл ({sk}). Оны хостингтің файл менеджеріне жүктеп, сайт қалтасында ашыңыз (extract)"),
                    format!("записан {path}: файлов {files} ({sr}). Загрузите его в файловый менеджер хостинга и распакуйте в папке сайта"),
                    format!("wrote {path}: {files} files ({se}). Upload it in the hosting's file manager and extract it in the site's folder"),
                ]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 31).unwrap_or_default()
    }

    /// One instance of every variant.
    fn samples() -> Vec<Message> {
        use Message::*;
        let s = |x: &str| x.to_owned();
        vec![
            LevelError,
            LevelWarning,
            LevelInfo,
            NotASiteFolder { path: s("x") },
            NoContentFolder { path: s("x") },
            Io { detail: s("x") },
            NotUtf8 { encoding: s("Windows-1251") },
            NulReplaced { count: 2 },
            SymlinkLoop,
            SymlinkOutside,
            CaseClash { other: s("x") },
            UnknownLanguage { lang: s("en"), languages: s("kk, ru") },
            EmptyFile,
            NoFrontmatter,
            UnclosedFrontmatter,
            FrontmatterNotMap,
            ConfigNotMap,
            YamlSyntax { detail: s("x") },
            YamlTooLarge { max_kb: 128 },
            YamlTooDeep { max_depth: 32, max_indent: 128 },
            KeyNotText,
            UnknownKey { key: s("titel"), suggestion: Some(s("title")), allowed: s("title") },
            MissingKey { key: s("title") },
            UnknownValue { key: s("kind"), value: s("ordr"), suggestion: None, allowed: s("order") },
            BadValue { key: s("draft"), detail: s("x") },
            DateFormat { value: s("x") },
            ImpossibleDate { value: s("x") },
            BadBaseUrl { value: s("x") },
            NoLanguages,
            BadLanguageCode { value: s("x") },
            MissingLanguageValue { key: s("title"), lang: s("kk") },
            OldHolidays,
            SiteFileMissing { key: s("favicon"), path: s("files/«белгі».png") },
            SiteImageKind { key: s("share_image.file"), path: s("x.svg"), allowed: s("png, jpg") },
            RobotsNotAtRoot { sitemap: s("https://arai-bbaksha.kz/anticorruption/sitemap.xml") },
            CalendarTitle { year: 2027 },
            CalendarDaysOff,
            CalendarWorkingWeekendDays,
            CalendarNone,
            CalendarMoved { name: s("Жаңа жыл"), from: date() },
            CalendarDecreeDayOff { worked: date(), source: s("x") },
            CalendarDecreeWorkingDay { off: date(), source: s("x") },
            CalendarSiteDayOff,
            CalendarSiteWorkingDay,
            CalendarNotCovered { year: 2028 },
            PasswordInUrl,
            DuplicatePage { other: s("x") },
            MissingHome { lang: s("kk") },
            AnalysisDiffers { other: s("x") },
            MissingRequiredKind { analysis: s("a"), kind: Kind::Protocol },
            BrokenLink { dest: s("x") },
            DuplicateId { id: s("x") },
            LinkToDraft { dest: s("x") },
            UnsafeLink { dest: s("javascript:x"), scheme: s("javascript") },
            MissingAttachment { path: s("x") },
            RecordNotFound { target: s("protocol") },
            RecordHasText,
            RecordQuoteNotFound { file: s("x") },
            AssetClash { other: s("x"), output: s("y") },
            ThemeNotFound { name: s("x") },
            TemplateError { detail: s("x") },
            OutputNotOurs { path: s("x") },
            OutputInsideSite { path: s("x") },
            StagingNotOurs { path: s("x") },
            Serving { url: s("http://127.0.0.1:8000/") },
            PortBusy { bind: s("127.0.0.1"), port: 8000 },
            BindFailed { addr: s("x"), detail: s("y") },
            WatchFailed { detail: s("x") },
            Rebuilt { pages: 3, millis: 12 },
            RebuildFailed { errors: 2 },
            FirstBuildFailed { errors: 2 },
            RebuildPanicked { detail: s("x") },
            Stopped,
            OverlayTitle,
            OverlayHint,
            OverlayNoGoodVersion,
            RequiredDocument { analysis: s("a"), kind: Kind::Report, lang: s("ru") },
            BrokenAnchor { dest: s("x#y"), id: s("y") },
            MissingTranslation { lang: s("ru") },
            FillIn { text: s("x") },
            TextMissing { kind: Kind::Announcement, record: s("x") },
            ExternalLinkToRoot { url: s("https://x.kz/") },
            NoSignedScan,
            AnnouncementLate { announced: date(), start: date(), working_days: 7, required: 10 },
            DateOrder {
                first: Kind::Order,
                first_date: date(),
                then: Kind::Announcement,
                then_date: date(),
                strict: false,
            },
            AnalysisEndsBeforeStart { start: date(), end: date() },
            CoveredAfterStart { covered_to: date(), start: date() },
            DocumentDue { kind: Kind::Protocol, due: date(), days: 3 },
            DateUnknown { kind: Kind::WorkPlan },
            OrderMismatch {
                number: s("1"),
                date: date(),
                order_number: s("14"),
                order_date: date(),
                order_file: s("x"),
            },
            PeriodMismatch { key: s("period"), from: date(), to: date(), start: date(), end: date() },
            EventMismatch { event: date(), protocol: date(), protocol_file: s("x") },
            NameVariant { name: s("a"), other: s("b"), other_file: s("x") },
            TableNumber { here: s("1"), there: s("2"), other_file: s("x") },
            TranslationMismatch { key: s("date"), here: s("1"), there: s("2"), other_file: s("x") },
            GroupAnalysis { dir: s("a"), title: s("b") },
            GroupSite,
            CheckSummary { errors: 1, warnings: 2, infos: 3 },
            AnalysisExists { path: s("x") },
            AnalysisCreated { path: s("x"), files: 16 },
            StartAfterEnd,
            AnalysisStartYear { year: 2029, start: date() },
            AnalysisTooLong { start: date(), end: date() },
            AnalysisTooShort { start: date(), end: date(), earliest: date() },
            AnalysisFactsFrom { path: s("content/2026") },
            AnalysisPlanFrom { path: s("content/2026"), rows: 11, review: 1 },
            AnalysisNextSteps,
            NoAnalysisSection,
            FolderNotEmpty { path: s("x") },
            SiteCreated { path: s("x") },
            ImportRefusedFormat { format: s(".doc") },
            ImportBroken { detail: s("x") },
            ImportTooBig { what: s("x"), limit: s("1") },
            ImportUnsafePath { name: s("../x") },
            ImportDoctype,
            ImportTooDeep { limit: 200 },
            ImportExists { path: s("x") },
            ImportNeedKind,
            ImportNeedYear,
            ImportWritten { path: s("x") },
            ImportRecognised { key: s("kind"), value: s("order") },
            ImportNotStated { keys: s("date") },
            ImportDatesDiffer { dates: s("1, 2") },
            ImportImage { para: 1, words: s("x") },
            ImportTextBox { para: 1, words: s("x") },
            ImportComment { para: 1, words: s("x") },
            ImportNote { para: 1, words: s("x") },
            ImportField { code: s("PAGE"), para: 1, words: s("x") },
            ImportTracked { count: 2 },
            Built { pages: 1, files: 2, output: s("public"), seconds: s("0.1") },
            BuildFailed { errors: 1, warnings: 0 },
            WriteFailed { stream: s("stdout"), detail: s("No space left on device (os error 28)") },
            NoDeployUrl,
            BadDeployUrl { value: s("x") },
            NoPassword,
            PasswordPrompt { user: s("arai"), host: s("h") },
            NotABuiltSite { path: s("x") },
            PlaceholdersRefused { count: 2 },
            PlaceholdersPublished { count: 2 },
            Connecting { url: s("ftp://h/") },
            CannotResolve { host: s("h") },
            CannotConnect { addr: s("h:21"), detail: s("refused") },
            ConnectionLost { detail: s("x") },
            LoginFailed { user: s("arai"), host: s("h") },
            HostKeyUnknown { host: s("h"), fingerprint: s("SHA256:x") },
            HostKeyChanged { host: s("h"), file: s("known_hosts"), line: 3 },
            HostKeyLearned { host: s("h"), file: s("known_hosts") },
            KnownHostsUnreadable { file: s("known_hosts"), detail: s("x") },
            KeyUnreadable { path: s("id"), detail: s("x") },
            CertificateUntrusted { host: s("h"), detail: s("x") },
            CertificateWrongName { host: s("h"), detail: s("x") },
            TlsFailed { host: s("h"), detail: s("x") },
            FolderRefused { path: s("x"), detail: s("y") },
            DiskFull { path: s("x"), detail: s("y") },
            StepAborted { path: s("x"), detail: s("y") },
            ServerError { detail: s("x") },
            ReadingRemoteFolder,
            ManifestUntrusted { file: s(".ashyq-manifest.json"), entry: s("../x"), problem: PathProblem::Dots },
            RemoteNameSkipped { name: s("a\\r"), problem: PathProblem::Control },
            LocalNameRefused { path: s("public/a\\b"), problem: PathProblem::Backslash },
            PlanUpload { path: s("x"), bytes: 10, new: true },
            PlanDelete { path: s("x") },
            PlanSummary { uploads: 1, bytes: 10, deletes: 0, unchanged: 3 },
            TooManyDeletes { count: 30, max: 20 },
            DryRun,
            UpToDate,
            Sent { path: s("x"), bytes: 10 },
            Deleted { path: s("x") },
            Retrying { attempt: 1, attempts: 5, seconds: 2, detail: s("x") },
            ProgressFiles { done: 1, total: 2, sent: 10, bytes: 2000 },
            DeployDone { uploaded: 1, unchanged: 2, deleted: 0, bytes: 10, seconds: s("0.1") },
            DeployFailed,
            Packaged { path: s("a.zip"), files: 3, bytes: 100 },
        ]
    }

    #[test]
    fn every_message_is_written_in_three_languages() {
        let samples = samples();
        // The enum's variants, counted in this very file, so that a new one without a sample fails.
        let source = include_str!("messages.rs");
        let body = source.split("pub enum Message {").nth(1).and_then(|b| b.split("\n}").next()).unwrap_or("");
        let variants =
            body.lines().filter(|l| l.starts_with("    ") && l.chars().nth(4).is_some_and(char::is_uppercase)).count();
        let ids: std::collections::BTreeSet<&str> = samples.iter().map(Message::id).collect();
        assert_eq!(ids.len(), samples.len(), "two samples share an id, or ids repeat");
        assert_eq!(samples.len(), variants, "every variant needs a sample here");
        for m in &samples {
            let [kk, ru, en] = m.texts();
            assert!(!kk.trim().is_empty() && !ru.trim().is_empty() && !en.trim().is_empty(), "{}", m.id());
            assert!(kk != ru && ru != en && kk != en, "{}: the three texts must differ", m.id());
        }
    }

    #[test]
    fn three_languages_differ() {
        let m = Message::BrokenLink { dest: "x.md".into() };
        let texts: Vec<String> = UiLang::ALL.iter().map(|l| m.text(*l)).collect();
        assert!(texts.iter().all(|t| t.contains("x.md")));
        assert_ne!(texts[0], texts[1]);
        assert_ne!(texts[1], texts[2]);
    }
}
