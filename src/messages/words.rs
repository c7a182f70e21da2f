//! The workspace's interface words: labels, headings and buttons, each declared once with its
//! Kazakh, Russian and English forms, beside the sentences of [`super::Message`]. A page's
//! template reads them by id (`t.save`); the ids are the table's, so a word cannot be half added.
//! Kazakhstan's official Russian writes «е» where «ё» could stand, and so do these words.

use super::UiLang;

macro_rules! words {
    ($( $(#[$meta:meta])* $variant:ident => $id:literal { kk: $kk:literal, ru: $ru:literal, en: $en:literal $(,)? } )*) => {
        /// An interface word of the workspace.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[allow(missing_docs)] // each word's meaning is its three texts
        pub enum Word {
            $($(#[$meta])* $variant,)*
        }

        impl Word {
            /// Every word, in the order of the table.
            pub const ALL: &'static [Word] = &[$(Word::$variant),*];

            /// The id a template reads the word by.
            pub fn id(self) -> &'static str {
                match self {
                    $(Word::$variant => $id,)*
                }
            }

            /// The word in `lang`.
            pub fn text(self, lang: UiLang) -> &'static str {
                match (self, lang) {
                    $((Word::$variant, UiLang::Kk) => $kk,
                      (Word::$variant, UiLang::Ru) => $ru,
                      (Word::$variant, UiLang::En) => $en,)*
                }
            }
        }
    };
}

words! {
    // --- every page
    Workspace => "workspace" { kk: "Сайтпен жұмыс", ru: "Работа с сайтом", en: "Working on the site" }
    SkipToMain => "skip_to_main" { kk: "Негізгі бөлікке өту", ru: "Перейти к основному содержанию", en: "Skip to the main content" }
    NavStatus => "nav_status" { kk: "Не істеу керек", ru: "Что нужно сделать", en: "What is due" }
    NavNextAnalysis => "nav_next_analysis" { kk: "Келесі талдау", ru: "Следующий анализ", en: "Next analysis" }
    OpenSite => "open_site" { kk: "Сайтты қарау", ru: "Посмотреть сайт", en: "View the site" }
    Language => "language" { kk: "Тіл", ru: "Язык", en: "Language" }
    Change => "change" { kk: "Ауыстыру", ru: "Сменить", en: "Change" }
    Open => "open" { kk: "Ашу", ru: "Открыть", en: "Open" }
    Create => "create" { kk: "Жасау", ru: "Создать", en: "Create" }
    Save => "save" { kk: "Сақтау", ru: "Сохранить", en: "Save" }
    Remove => "remove" { kk: "Алып тастау", ru: "Удалить", en: "Remove" }
    LevelErrors => "level_errors" { kk: "Қателер", ru: "Ошибки", en: "Errors" }
    LevelWarnings => "level_warnings" { kk: "Ескертулер", ru: "Предупреждения", en: "Warnings" }
    LevelInfos => "level_infos" { kk: "Білген жөн", ru: "Полезно знать", en: "Worth knowing" }
    // --- the first screen
    Analyses => "analyses" { kk: "Талдаулар", ru: "Анализы", en: "Analyses" }
    NoAnalyses => "no_analyses" { kk: "Сайтта әлі талдау жоқ.", ru: "На сайте пока нет анализов.", en: "The site has no analysis yet." }
    AnalysisPeriod => "analysis_period" { kk: "Талдау мерзімі", ru: "Сроки анализа", en: "The analysis runs" }
    RequiredDocuments => "required_documents" { kk: "Талдаудың құжаттары", ru: "Документы анализа", en: "The analysis's documents" }
    Document => "document" { kk: "Құжат", ru: "Документ", en: "Document" }
    StateMissing => "state_missing" { kk: "сайтта жоқ", ru: "нет на сайте", en: "not on the site" }
    StateToFill => "state_to_fill" { kk: "толтырылмаған орындар бар", ru: "есть незаполненные места", en: "places still to fill in" }
    StateRecord => "state_record" { kk: "мәтіні жоқ, хаттамадағы жазба ғана", ru: "текста нет, только запись в протоколе", en: "no text, only a record of it" }
    StateNoDate => "state_no_date" { kk: "күні көрсетілмеген", ru: "дата не указана", en: "no date" }
    StateReady => "state_ready" { kk: "дайын", ru: "готово", en: "ready" }
    Findings => "findings" { kk: "Тексеру не тапты", ru: "Что нашла проверка", en: "What the check found" }
    NoFindings => "no_findings" { kk: "Тексеру ештеңе таппады.", ru: "Проверка ничего не нашла.", en: "The check found nothing." }
    WholeSite => "whole_site" { kk: "Бүкіл сайт", ru: "Весь сайт", en: "The whole site" }
    NextDue => "next_due" { kk: "Келесі мерзім", ru: "Ближайший срок", en: "Next deadline" }
    AllThere => "all_there" { kk: "Қажетті құжаттардың бәрі сайтта бар.", ru: "Все требуемые документы есть на сайте.", en: "Every required document is on the site." }
    Updated => "updated" { kk: "Файлдар өзгерді: бет жаңартылды.", ru: "Файлы изменились: страница обновлена.", en: "The files changed: this page is up to date." }
    // --- editing a document
    EditHeading => "edit_heading" { kk: "Құжатты өңдеу", ru: "Редактирование документа", en: "Editing a document" }
    OtherLanguage => "other_language" { kk: "Басқа тілдегі нұсқасы", ru: "Версия на другом языке", en: "The other language" }
    OpenKk => "open_kk" { kk: "Қазақша нұсқасын ашу", ru: "Открыть казахскую версию", en: "Open the Kazakh version" }
    OpenRu => "open_ru" { kk: "Орысша нұсқасын ашу", ru: "Открыть русскую версию", en: "Open the Russian version" }
    NotTranslated => "not_translated" { kk: "Бұл тілде әлі жоқ", ru: "На этом языке пока нет", en: "Not in this language yet" }
    Facts => "facts" { kk: "Құжат туралы мәліметтер", ru: "Сведения о документе", en: "About the document" }
    Text => "text" { kk: "Құжат мәтіні", ru: "Текст документа", en: "The document's text" }
    TextHelp => "text_help" { kk: "Абзацтардың арасында бос жол қалдырыңыз; тақырып жолы # белгісімен басталады.", ru: "Между абзацами оставляйте пустую строку; строка заголовка начинается со знака #.", en: "Leave an empty line between paragraphs; a heading line starts with #." }
    Preview => "preview" { kk: "Сайтта қалай көрінеді", ru: "Как это выглядит на сайте", en: "How it looks on the site" }
    PreviewUpdating => "preview_updating" { kk: "Алдын ала көрініс жаңаруда…", ru: "Предпросмотр обновляется…", en: "The preview is updating…" }
    Saved => "saved" { kk: "Сақталды.", ru: "Сохранено.", en: "Saved." }
    Unsaved => "unsaved" { kk: "Сақталмаған өзгерістер бар.", ru: "Есть несохраненные изменения.", en: "There are unsaved changes." }
    NotSaved => "not_saved" { kk: "Сақталмады: белгіленген өрістерді түзетіңіз.", ru: "Не сохранено: исправьте отмеченные поля.", en: "Not saved: correct the fields marked below." }
    SaveMine => "save_mine" { kk: "Менің нұсқамды сақтау", ru: "Сохранить мою версию", en: "Save my version" }
    OpenTheirs => "open_theirs" { kk: "Файлдағы нұсқаны жаңа бетте ашу", ru: "Открыть версию из файла в новой вкладке", en: "Open the file's version in a new tab" }
    Field => "field" { kk: "Өріс", ru: "Поле", en: "Field" }
    InFile => "in_file" { kk: "Файлда", ru: "В файле", en: "In the file" }
    Yours => "yours" { kk: "Сіздікі", ru: "У вас", en: "Yours" }
    // --- the form's fields, named as the documents name them
    Title => "title" { kk: "Атауы", ru: "Заголовок", en: "Title" }
    Number => "number" { kk: "Нөмірі", ru: "Номер", en: "Number" }
    Date => "date" { kk: "Күні", ru: "Дата", en: "Date" }
    Period => "period" { kk: "Талдау мерзімі", ru: "Срок анализа", en: "The analysis period" }
    CoveredPeriod => "covered_period" { kk: "Талдау қамтитын кезең", ru: "Период, охватываемый анализом", en: "The period the analysis covers" }
    From => "from" { kk: "Басталуы", ru: "С", en: "From" }
    To => "to" { kk: "Аяқталуы", ru: "По", en: "To" }
    Order => "order" { kk: "Жұмыс тобын құрған бұйрық", ru: "Приказ о создании рабочей группы", en: "The order that set up the working group" }
    OrderNumber => "order_number" { kk: "Бұйрықтың нөмірі", ru: "Номер приказа", en: "The order's number" }
    OrderDate => "order_date" { kk: "Бұйрықтың күні", ru: "Дата приказа", en: "The order's date" }
    Event => "event" { kk: "Талқылау қашан және қайда өтеді", ru: "Когда и где пройдет обсуждение", en: "When and where the discussion is held" }
    EventDate => "event_date" { kk: "Талқылау күні", ru: "Дата обсуждения", en: "The discussion's date" }
    EventTime => "event_time" { kk: "Уақыты", ru: "Время", en: "Time" }
    EventPlace => "event_place" { kk: "Өтетін орны", ru: "Место проведения", en: "Place" }
    WorkingGroup => "working_group" { kk: "Жұмыс тобы", ru: "Рабочая группа", en: "The working group" }
    Signatories => "signatories" { kk: "Кім қол қойды", ru: "Кто подписал", en: "Who signed" }
    PersonName => "person_name" { kk: "Аты-жөні", ru: "Фамилия и инициалы", en: "Name" }
    PersonPost => "person_post" { kk: "Лауазымы", ru: "Должность", en: "Post" }
    PersonRole => "person_role" { kk: "Жұмыс тобындағы рөлі", ru: "Роль в рабочей группе", en: "Part in the group" }
    RoleLead => "role_lead" { kk: "жетекшісі", ru: "руководитель", en: "head" }
    RoleMember => "role_member" { kk: "мүшесі", ru: "член", en: "member" }
    RoleSecretary => "role_secretary" { kk: "хатшысы", ru: "секретарь", en: "secretary" }
    Person => "person" { kk: "Адам", ru: "Человек", en: "Person" }
    PeopleHelp => "people_help" { kk: "Бос қалған жол сақталмайды.", ru: "Пустая строка не сохраняется.", en: "An empty row is not kept." }
    Attachments => "attachments" { kk: "Тіркелген файлдар", ru: "Приложенные файлы", en: "Attached files" }
    Record => "record" { kk: "Бұл құжат туралы жазба", ru: "Запись об этом документе", en: "The record of this document" }
    RecordDocument => "record_document" { kk: "Жазба қай құжатта", ru: "В каком документе запись", en: "The document that records it" }
    RecordQuote => "record_quote" { kk: "Жазбаның сөзбе-сөз мәтіні", ru: "Дословный текст записи", en: "The record's words" }
    AnalysisStart => "analysis_start" { kk: "Талдаудың басталуы", ru: "Начало анализа", en: "The analysis starts" }
    AnalysisEnd => "analysis_end" { kk: "Талдаудың аяқталуы", ru: "Окончание анализа", en: "The analysis ends" }
    AttachmentTitle => "attachment_title" { kk: "Сайттағы атауы", ru: "Название на сайте", en: "Its name on the site" }
    AttachmentFile => "attachment_file" { kk: "Файл", ru: "Файл", en: "File" }
    AttachScan => "attach_scan" { kk: "Қол қойылған құжатты тіркеу", ru: "Приложить подписанный документ", en: "Attach the signed document" }
    AttachHelp => "attach_help" { kk: "PDF, JPEG немесе PNG, 50 МБ-тан аспайтын. Файлды осы жерге сүйреп әкелуге де болады. Ол құжаттың барлық тілдегі нұсқаларына тіркеледі.", ru: "PDF, JPEG или PNG, не больше 50 МБ. Файл можно и перетащить сюда. Он будет приложен к документу на всех языках.", en: "PDF, JPEG or PNG, at most 50 MB. The file can also be dropped here. It is attached to the document in every language." }
    NotAttached => "not_attached" { kk: "Файл тіркелмеді:", ru: "Файл не приложен:", en: "The file was not attached:" }
    Attach => "attach" { kk: "Тіркеу", ru: "Приложить", en: "Attach" }
    NameIn => "name_in" { kk: "Атауы", ru: "Название", en: "Name" }
    // --- the next analysis
    NewAnalysis => "new_analysis" { kk: "Келесі талдауды бастау", ru: "Начать следующий анализ", en: "Start the next analysis" }
    NewAnalysisHelp => "new_analysis_help" { kk: "Талдаудың басталу және аяқталу күндерін енгізіңіз: әр құжаттың күні жасалмай тұрып көрсетіледі.", ru: "Укажите даты начала и окончания анализа: даты каждого документа будут показаны до того, как что-либо будет создано.", en: "Give the analysis's first and last day: each document's date is shown before anything is made." }
    Year => "year" { kk: "Жылы", ru: "Год", en: "Year" }
    ShowSchedule => "show_schedule" { kk: "Күндерді көрсету", ru: "Показать даты", en: "Show the dates" }
    Schedule => "schedule" { kk: "Құжаттардың күндері", ru: "Даты документов", en: "The documents' dates" }
    ScheduleHelp => "schedule_help" { kk: "Күндер Қазақстанның жұмыс күндері бойынша есептелді. Құжаттар жасалған соң оларды әр құжатта өзгертуге болады.", ru: "Даты рассчитаны по рабочим дням Казахстана. После создания их можно изменить в каждом документе.", en: "The dates follow Kazakhstan's working days. Once the documents are made, each can be changed in its document." }
    CreateAnalysis => "create_analysis" { kk: "Талдаудың құжаттарын жасау", ru: "Создать документы анализа", en: "Make the analysis's documents" }
    CoveredFrom => "covered_from" { kk: "Қамтылатын кезеңнің басы", ru: "Начало охватываемого периода", en: "Covered from" }
    CoveredTo => "covered_to" { kk: "Қамтылатын кезеңнің соңы", ru: "Конец охватываемого периода", en: "Covered to" }
    Discussion => "discussion" { kk: "Жария талқылау", ru: "Публичное обсуждение", en: "Public discussion" }
    RequiredMark => "required_mark" { kk: "* белгісі бар құжаттарды қағидалар міндетті түрде талап етеді.", ru: "Документы со знаком * обязательны по правилам.", en: "The documents marked * are required by the rules." }
    Actions => "actions" { kk: "Әрекет", ru: "Действие", en: "Action" }
    Back => "back" { kk: "Тізімге оралу", ru: "Вернуться к списку", en: "Back to the list" }
    WholeText => "whole_text" { kk: "Файлдың толық мәтіні", ru: "Полный текст файла", en: "The file's whole text" }
    WholeTextHelp => "whole_text_help" { kk: "Файлдың басындағы мәліметтер оқылмайды, сондықтан оны толық мәтін ретінде өңдеңіз: қате төменде көрсетілген.", ru: "Сведения в начале файла не читаются, поэтому редактируйте его как полный текст: ошибка показана ниже.", en: "The facts at the top of this file cannot be read, so edit it as a whole text: the error is shown below." }
    NotFound => "not_found" { kk: "Мұндай құжат жоқ", ru: "Такого документа нет", en: "There is no such document" }
    AddRow => "add_row" { kk: "Тағы бір жол қосу", ru: "Добавить строку", en: "Add a row" }
    // --- a new site (the double-click start's first screen)
    WelcomeTitle => "welcome_title" { kk: "Жаңа сайт", ru: "Новый сайт", en: "A new site" }
    WelcomeHelp => "welcome_help" { kk: "Бұл компьютерде әлі сайт жоқ. Ұйымның атауларын және сайт жарияланатын мекенжайды жазыңыз: сайт төмендегі қалтада жасалады, қалғанын кейін толтыруға болады.", ru: "На этом компьютере еще нет сайта. Напишите названия организации и адрес, по которому будет опубликован сайт: сайт будет создан в папке ниже, остальное можно заполнить потом.", en: "There is no site on this computer yet. Give the organisation's names and the address the site will be published at: the site is made in the folder below, and the rest can be filled in later." }
    SiteFolder => "site_folder" { kk: "Сайт қалтасы", ru: "Папка сайта", en: "The site's folder" }
    ShortNameKk => "short_name_kk" { kk: "Ұйымның қысқа атауы (қазақша)", ru: "Краткое название организации (на казахском)", en: "The organisation's short name (in Kazakh)" }
    ShortNameRu => "short_name_ru" { kk: "Ұйымның қысқа атауы (орысша)", ru: "Краткое название организации (на русском)", en: "The organisation's short name (in Russian)" }
    FullNameKk => "full_name_kk" { kk: "Ұйымның толық ресми атауы (қазақша)", ru: "Полное официальное название организации (на казахском)", en: "The organisation's full official name (in Kazakh)" }
    FullNameRu => "full_name_ru" { kk: "Ұйымның толық ресми атауы (орысша)", ru: "Полное официальное название организации (на русском)", en: "The organisation's full official name (in Russian)" }
    SiteAddress => "site_address" { kk: "Сайттың мекенжайы", ru: "Адрес сайта", en: "The site's address" }
    SiteAddressHelp => "site_address_help" { kk: "Сайт интернетте ашылатын мекенжай, мысалы https://arai-bbaksha.kz/anticorruption/", ru: "Адрес, по которому сайт будет открываться в интернете, например https://arai-bbaksha.kz/anticorruption/", en: "The address the site will have on the internet, such as https://arai-bbaksha.kz/anticorruption/" }
    CreateSite => "create_site" { kk: "Сайтты жасау", ru: "Создать сайт", en: "Make the site" }
    // --- from Word
    ImportWord => "import_word" { kk: "Word құжатын әкелу", ru: "Загрузить документ из Word", en: "Bring a Word document in" }
    ImportHelp => "import_help" { kk: ".docx файлын таңдаңыз не осы жерге сүйреп әкеліңіз: ashyq оның түрін, тілін, нөмірі мен күнін танып, бетті көрсетеді. Сақтағанша ештеңе жазылмайды.", ru: "Выберите файл .docx или перетащите его сюда: ashyq распознает вид, язык, номер и дату и покажет страницу. До сохранения ничего не записывается.", en: "Choose a .docx file or drop it here: ashyq recognises its kind, language, number and date and shows the page. Nothing is written until you save." }
    Kind => "kind" { kk: "Құжаттың түрі", ru: "Вид документа", en: "The document's kind" }
    Recognise => "recognise" { kk: "тақырыбынан тану", ru: "распознать по заголовку", en: "recognise from its title" }
    DocLanguage => "doc_language" { kk: "Құжаттың тілі", ru: "Язык документа", en: "The document's language" }
    Bring => "bring" { kk: "Әкелу", ru: "Загрузить", en: "Bring in" }
    ImportReplaces => "import_replaces" { kk: "Бұл талдауда мұндай құжат бұрыннан бар: сақтасаңыз, оның орнына осы мәтін жазылады.", ru: "В этом анализе такой документ уже есть: при сохранении он будет заменен этим текстом.", en: "This analysis has such a document already: saving replaces it with this text." }
    ImportLeftOut => "import_left_out" { kk: "Word файлынан алынбағаны", ru: "Что не перенесено из файла Word", en: "What was not brought over from the Word file" }
    // --- publishing
    NavPublish => "nav_publish" { kk: "Жариялау", ru: "Опубликовать", en: "Publish" }
    PublishFirst => "publish_first" { kk: "Жарияламас бұрын мыналарды түзетіңіз", ru: "Перед публикацией исправьте", en: "Correct these before publishing" }
    PublishPlan => "publish_plan" { kk: "Сайтта не өзгереді", ru: "Что изменится на сайте", en: "What will change on the site" }
    PublishPlanFirst => "publish_plan_first" { kk: "Бұл компьютерден сайт әлі жарияланған жоқ: төмендегі файлдардың бәрі хостингтегі файлдармен салыстырылып, өзгергендері ғана жіберіледі.", ru: "С этого компьютера сайт еще не публиковался: все файлы ниже будут сверены с файлами на хостинге, и отправятся только изменившиеся.", en: "The site has not been published from this computer yet: every file below is compared with the hosting's, and only those that differ are sent." }
    PublishSend => "publish_send" { kk: "Жіберілетін файлдар", ru: "Будут отправлены", en: "To be sent" }
    PublishDelete => "publish_delete" { kk: "Жойылатын файлдар", ru: "Будут удалены", en: "To be deleted" }
    PublishNothing => "publish_nothing" { kk: "Сайтта ештеңе өзгермейді: ол соңғы жариялаудағыдай.", ru: "На сайте ничего не изменится: он такой же, как при последней публикации.", en: "Nothing will change on the site: it is as it was last published." }
    Password => "password" { kk: "Хостингтің құпиясөзі", ru: "Пароль хостинга", en: "The hosting's password" }
    PasswordHelp => "password_help" { kk: "Құпиясөз тек хостингке жіберіледі, ешқайда сақталмайды.", ru: "Пароль отправляется только на хостинг и нигде не сохраняется.", en: "The password goes to the hosting only and is never kept." }
    PublishNow => "publish_now" { kk: "Жариялау", ru: "Опубликовать", en: "Publish" }
    Publishing => "publishing" { kk: "Сайт жариялануда", ru: "Сайт публикуется", en: "Publishing the site" }
    PublishFailed => "publish_failed" { kk: "Жариялау сәтсіз аяқталды:", ru: "Опубликовать не удалось:", en: "Publishing failed:" }
    TrustKey => "trust_key" { kk: "Бұл менің хостингімнің кілті екенін тексердім", ru: "Я проверила, что это ключ моего хостинга", en: "I have checked that this is my hosting's key" }
    TryAgain => "try_again" { kk: "Қайталап көру", ru: "Попробовать снова", en: "Try again" }
    DownloadZip => "download_zip" { kk: "Сайтты zip-файл ретінде жүктеп алу", ru: "Скачать сайт zip-файлом", en: "Download the site as a zip" }
    Hosting => "hosting" { kk: "Хостинг", ru: "Хостинг", en: "Hosting" }
    // --- refusals
    KeyNeeded => "key_needed" { kk: "Бұл бетті ашуға рұқсат жоқ", ru: "Нет доступа к этой странице", en: "This page is not open to you" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_has_three_texts_an_id_of_its_own_and_no_yo() {
        let mut ids = std::collections::BTreeSet::new();
        for w in Word::ALL {
            assert!(ids.insert(w.id()), "{} twice", w.id());
            assert!(w.id().bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{}", w.id());
            for lang in UiLang::ALL {
                assert!(!w.text(lang).trim().is_empty(), "{} {lang:?}", w.id());
            }
            assert!(!w.text(UiLang::Ru).contains(['ё', 'Ё']), "{}", w.id());
            assert_ne!(w.text(UiLang::Kk), w.text(UiLang::En), "{}", w.id());
        }
    }
}
