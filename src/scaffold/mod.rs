//! Starting documents instead of writing them from nothing: `ashyq new analysis YEAR` lays out
//! a whole analysis (every document of RULES.md in each site language, official titles, dates
//! derived from the rules, the report's nine directions, the plans' tables), and `ashyq init`
//! a new site. Whatever a person must still write is marked `[[ТОЛТЫРЫҢЫЗ: …]]` /
//! `[[ЗАПОЛНИТЕ: …]]`, which `ashyq check` lists until it is filled in. What the organisation
//! already wrote (its name, the working group and the head in the previous analysis) is used,
//! not asked again.

mod dates;
mod facts;
mod plan;

pub use dates::Dates;

use crate::content::{self, CONTENT_DIR};
use crate::diagnostic::{Diagnostic, display_path};
use crate::domain::calendar::Calendar;
use crate::messages::Message;
use chrono::{Datelike, NaiveDate};
use include_dir::{Dir, include_dir};
use minijinja::{Environment, context};
use serde::Serialize;
use std::fs;
use std::path::{Path, PathBuf};

static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/scaffold/templates");

/// The nine directions of the analysis (RULES.md): Kazakh as the seed has them, Russian as the
/// rules word them.
pub const DIRECTIONS: [(&str, &str); 9] = [
    (
        "Персоналды басқару, оның ішінде сыбайлас жемқорлық тәуекелдеріне шалдыққан лауазымдарды айқындау",
        "Управление персоналом, в том числе определение должностей, подверженных коррупционным рискам",
    ),
    ("Мүдделер қақтығысын реттеу", "Урегулирование конфликта интересов"),
    ("Мемлекеттік қызметтер көрсету", "Оказание государственных услуг"),
    ("Рұқсат беру функцияларын іске асыру", "Реализация разрешительных функций"),
    ("Бақылау-тексеру функцияларын іске асыру", "Реализация контрольно-надзорных функций"),
    ("Бюджет және қаржы қаражатын игеру және бөлу", "Освоение и распределение бюджетных и финансовых средств"),
    ("Жеке және заңды тұлғалармен шарттар жасасу", "Заключение договоров с физическими и юридическими лицами"),
    ("Ақпараттық жүйелерді әзірлеу және пайдалану", "Разработка и использование информационных систем"),
    (
        "Талдау объектісінің ұйымдастырушылық-басқарушылық қызметінен туындайтын өзге де мәселелер",
        "Иные вопросы, вытекающие из организационно-управленческой деятельности объекта анализа",
    ),
];

#[derive(Serialize)]
struct PlanRow {
    kk: String,
    ru: String,
    date: NaiveDate,
}

/// The work plan's rows: information on each direction gathered in turn between the start and
/// the report, then the report written and agreed.
fn plan_rows(d: &Dates, calendar: &Calendar) -> Vec<PlanRow> {
    let prepare = calendar.working_days_before(d.report, 0);
    let span = calendar.between(d.start, prepare).max(0) as u32 + 1;
    let mut rows: Vec<PlanRow> = DIRECTIONS
        .iter()
        .enumerate()
        .map(|(i, (kk, ru))| PlanRow {
            // After a colon a sentence goes on in small letters.
            kk: format!("Ақпарат жинау: {}", lower_first(kk)),
            ru: format!("Сбор информации: {}", lower_first(ru)),
            date: calendar.working_days_after(d.start, i as u32 * span / 9).min(prepare),
        })
        .collect();
    rows.push(PlanRow {
        kk: "Талдамалық анықтама әзірлеу".into(),
        ru: "Подготовка аналитической справки".into(),
        date: prepare,
    });
    rows.push(PlanRow {
        kk: "Талдамалық анықтамамен келісу".into(),
        ru: "Согласование аналитической справки".into(),
        date: d.report,
    });
    rows
}

/// The report's directions: the previous report's, as the organisation worded them, when it
/// names them in every site language alike; else RULES.md's nine.
fn directions(root: &Path, previous: Option<&str>, config: &content::SiteConfig) -> Vec<minijinja::Value> {
    let own = |lang: &str| {
        let on_site = config.languages.iter().any(|l| l == lang);
        on_site.then(|| previous.map(|p| plan::directions(root, p, lang, config)).unwrap_or_default())
    };
    let (kk, ru) = (own("kk"), own("ru"));
    let lists: Vec<&Vec<String>> = [&kk, &ru].into_iter().flatten().collect();
    let n = lists.first().map_or(0, |l| l.len());
    if n == 0 || lists.iter().any(|l| l.len() != n) {
        return DIRECTIONS.iter().map(|&(kk, ru)| context! { kk, ru }).collect();
    }
    let at = |l: &Option<Vec<String>>, i: usize, default: &str| {
        l.as_ref().and_then(|l| l.get(i)).map_or(default.to_owned(), String::clone)
    };
    (0..n)
        .map(|i| {
            let fallback = lists[0][i].as_str();
            context! { kk => at(&kk, i, fallback), ru => at(&ru, i, fallback) }
        })
        .collect()
}

/// `text` with its first letter small.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.add_filter("ldate", |d: String, lang: String| -> String {
        content::parse_date(&d).map_or(d, |d| long_date(d, &lang))
    });
    env.add_filter("dmy", |d: String| -> String { content::parse_date(&d).map_or(d, crate::domain::dates::numeric) });
    // «2026 жылғы 17 желтоқсандағы» (№ … бұйрық): an act's date in Kazakh.
    env.add_filter("kk_act", |d: String| -> String {
        content::parse_date(&d).map_or(d, crate::domain::dates::kk_of_act)
    });
    // A period with its year said once: «с 11 января по 19 февраля 2027 года».
    env.add_function("period", |from: String, to: String, lang: String| -> String {
        match (content::parse_date(&from), content::parse_date(&to)) {
            (Ok(f), Ok(t)) => crate::domain::dates::period(f, t, &lang),
            _ => format!("{from} – {to}"),
        }
    });
    // A YAML double-quoted scalar (JSON's string syntax is one), whatever the text holds.
    env.add_filter("q", |s: String| -> String { serde_json::Value::from(s).to_string() });
    env
}

/// A date in running text. Russian writes «года» in full, so a sentence ending with a date
/// never ends in «г..».
fn long_date(d: NaiveDate, lang: &str) -> String {
    match lang {
        "ru" => crate::render::format_date(d, "ru").replace(" г.", " года"),
        _ => crate::render::format_date(d, lang),
    }
}

/// What `ashyq new analysis` is asked to do.
#[derive(Clone, Debug)]
pub struct NewAnalysis {
    /// The site folder.
    pub root: PathBuf,
    /// The analysis folder's name: the year, or `YEAR-2` for a second one.
    pub year: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

/// What `ashyq new analysis` made.
#[derive(Clone, Debug)]
pub struct Created {
    /// The new analysis folder.
    pub path: PathBuf,
    /// Files written.
    pub files: usize,
    /// The previous analysis (path inside `content/`) whose working group and head were
    /// copied, if any.
    pub facts_from: Option<String>,
    /// The previous analysis (path inside `content/`) whose work plan was carried, with its
    /// rows and the rows marked for review, in the default language.
    pub plan_from: Option<(String, usize, usize)>,
    /// Years the analysis's dates fall in that the shipped calendar does not cover whole
    /// (their decrees and Kurban ait are unknown): the dates may need moving.
    pub uncovered_years: Vec<i32>,
}

/// The year of an analysis folder name (`2027`, `2027-2`), if it is one.
pub fn analysis_year(name: &str) -> Option<i32> {
    let (year, n) = name.split_once('-').map_or((name, None), |(y, n)| (y, Some(n)));
    let n_ok = n.is_none_or(|n| {
        !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && n.parse::<u32>().is_ok_and(|n| n >= 2)
    });
    let year_ok = year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit());
    let y: i32 = year.parse().ok()?;
    (n_ok && year_ok && (2016..=2100).contains(&y)).then_some(y)
}

/// The dates a new analysis would get, by the rules' order on the site's calendar, without
/// writing anything: what `new_analysis` will write, shown first.
pub fn plan(opts: &NewAnalysis) -> Result<Dates, Diagnostic> {
    let Some(year) = analysis_year(&opts.year) else {
        return Err(Diagnostic::general(Message::BadValue { key: "YEAR".into(), detail: opts.year.clone() }));
    };
    let config = content::load_config(&opts.root).map_err(|mut d| d.remove(0))?;
    let notice = config.check.announcement_working_days;
    Dates::derive(year, opts.start, opts.end, &config.calendar(), notice).map_err(Diagnostic::general)
}

/// Creates `content/YEAR/` (or beside the newest analysis, when the site keeps its analyses
/// in a folder of their own) with every document of the analysis in each site language.
/// Refuses to touch an existing analysis; writes beside it and renames into place, so a failure
/// leaves nothing half made.
pub fn new_analysis(opts: &NewAnalysis) -> Result<Created, Diagnostic> {
    let dates = plan(opts)?;
    let content_dir = opts.root.join(CONTENT_DIR);
    if !content_dir.is_dir() {
        return Err(Diagnostic::general(Message::NoAnalysisSection));
    }
    let (parent, previous) = facts::place(&content_dir, &opts.year);
    let target = parent.join(&opts.year);
    if target.exists() {
        return Err(Diagnostic::general(Message::AnalysisExists { path: display_path(&target) }));
    }
    let rendered = render(&opts.root, &dates, previous.as_deref(), |_| true)?;
    let staging = parent.join(format!(".{}.ashyq-new", opts.year));
    let _ = fs::remove_dir_all(&staging);
    fs::create_dir_all(&staging).map_err(|e| Diagnostic::io(&staging, &e))?;
    for (name, text) in &rendered.files {
        let path = staging.join(name);
        if let Err(e) = fs::write(&path, text) {
            let _ = fs::remove_dir_all(&staging);
            return Err(Diagnostic::io(&path, &e));
        }
    }
    if let Err(e) = fs::rename(&staging, &target) {
        let _ = fs::remove_dir_all(&staging);
        return Err(Diagnostic::io(&target, &e));
    }
    let calendar = content::load_config(&opts.root).map_err(|mut d| d.remove(0))?.calendar();
    let mut uncovered_years: Vec<i32> =
        [dates.order.year(), dates.end.year()].into_iter().filter(|y| !calendar.covers(*y)).collect();
    uncovered_years.dedup();
    Ok(Created {
        path: target,
        files: rendered.files.len(),
        facts_from: previous.filter(|_| rendered.copied),
        plan_from: rendered.plan_from,
        uncovered_years,
    })
}

/// Adds the document of `kind` to the analysis in `dir` (its folder inside `content/`) in every
/// site language it is missing in, from the same scaffold as `new_analysis`: dated by the
/// analysis's own start and end, with its own working group and head. Gives the files made;
/// an existing file is never touched.
pub fn new_document(root: &Path, dir: &str, kind: crate::content::Kind) -> Result<Vec<PathBuf>, Diagnostic> {
    let config = content::load_config(root).map_err(|mut d| d.remove(0))?;
    let folder = root.join(CONTENT_DIR).join(dir);
    let index = content::ContentPath::parse(&format!("{dir}/_index.{}.md", config.default_language()))
        .map_err(|problem| Diagnostic::general(Message::ContentNameRefused { problem }))?;
    let meta = content::read_document(root, &index, &config)
        .map_err(|mut d| d.remove(0))?
        .front
        .analysis
        .ok_or_else(|| Diagnostic::general(Message::NoAnalysisSection))?;
    let name = dir.rsplit('/').next().unwrap_or(dir);
    let year = analysis_year(name).unwrap_or(meta.start.year());
    let notice = config.check.announcement_working_days;
    let dates = Dates::derive(year, meta.start, meta.end, &config.calendar(), notice).map_err(Diagnostic::general)?;
    let prefix = format!("{}.", kind.key());
    let missing = |name: &str| name.starts_with(&prefix) && !folder.join(name).exists();
    let rendered = render(root, &dates, Some(dir), missing)?;
    let mut made = Vec::new();
    for (name, text) in rendered.files {
        let path = folder.join(&name);
        match crate::content::edit::write(&path, text.as_bytes(), None) {
            Ok(_) => made.push(path),
            Err(crate::content::edit::WriteError::Exists) => {}
            Err(crate::content::edit::WriteError::Io(e)) => return Err(Diagnostic::io(&path, &e)),
            Err(crate::content::edit::WriteError::Changed(_)) => {}
            Err(crate::content::edit::WriteError::InUse) => {
                return Err(Diagnostic::general(Message::FileInUse { path: display_path(&path) }));
            }
        }
    }
    Ok(made)
}

/// What the analysis scaffold gives for one set of dates.
struct Rendered {
    /// File name and text, for the templates taken.
    files: Vec<(String, String)>,
    /// Whether people were copied from `previous`.
    copied: bool,
    /// The work plan carried from `previous`: its folder, rows and rows to review.
    plan_from: Option<(String, usize, usize)>,
}

/// Renders the analysis templates whose file names `take` accepts, for the site's languages,
/// with the facts of the analysis `previous` (a folder inside `content/`) where the site's own
/// settings do not give them.
fn render(
    root: &Path,
    dates: &Dates,
    previous: Option<&str>,
    take: impl Fn(&str) -> bool,
) -> Result<Rendered, Diagnostic> {
    let config = content::load_config(root).map_err(|mut d| d.remove(0))?;
    let calendar = config.calendar();
    let content_dir = root.join(CONTENT_DIR);
    let year = dates.start.year();
    let rows = plan_rows(dates, &calendar);
    let directions = directions(root, previous, &config);
    let env = environment();
    let mut out = Rendered { files: Vec::new(), copied: false, plan_from: None };
    let templates = TEMPLATES.get_dir("analysis").map(|d| d.files().collect::<Vec<_>>()).unwrap_or_default();
    for file in templates {
        let name = file.path().file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let lang = name.trim_end_matches(".md").rsplit('.').next().unwrap_or("");
        if !config.languages.iter().any(|l| l == lang) || !take(&name) {
            continue;
        }
        let org = config.localized(&config.organization, lang);
        // site.yaml first (kept up to date by the organisation), then the previous analysis.
        let own = facts::from_config(&config, lang);
        let complete = !own.group.is_empty() && own.head.is_some();
        let before = match (previous, complete) {
            (Some(p), false) => facts::people(root, &content_dir, p, lang, &config),
            _ => facts::People::default(),
        };
        out.copied |= !before.group.is_empty() || before.head.is_some();
        let people = own.or(before);
        // The previous plan's rows, dates moved into this analysis (issue 14 §5).
        let window = plan::Window { from: dates.start, to: dates.report };
        let carried_plan = previous
            .and_then(|p| plan::previous(root, p, lang, &config))
            .map(|(grid, meta)| plan::carry(&grid, lang, &meta, window, &calendar));
        if let (Some(p), Some(c), None) = (previous, &carried_plan, &out.plan_from) {
            out.plan_from = Some((p.to_owned(), c.rows, c.review));
        }
        let carried_plan = carried_plan.map(|c| c.html);
        let source = String::from_utf8_lossy(file.contents());
        let ctx = context! {
            year,
            org,
            org_in => facts::locative(org, lang),
            group => minijinja::Value::from(minijinja::value::Serde(&people.group)),
            lead => minijinja::Value::from(minijinja::value::Serde(&people.lead())),
            head => minijinja::Value::from(minijinja::value::Serde(&people.head)),
            directions => directions.clone(),
            plan_rows => minijinja::Value::from(minijinja::value::Serde(&rows)),
            carried_plan,
            ..minijinja::Value::from(minijinja::value::Serde(dates))
        };
        let text = env
            .render_str(&source, ctx)
            .map_err(|e| Diagnostic::general(Message::TemplateError { detail: e.to_string() }))?;
        // minijinja drops a template's last newline; a text file ends with one.
        out.files.push((name, text + "\n"));
    }
    Ok(out)
}

/// What the first screen of the double-click start asks of a new site: the organisation's names
/// in Kazakh and Russian and the site's address, as the organisation writes them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Organisation {
    /// The short name (`title:`), Kazakh.
    pub title_kk: String,
    /// The short name, Russian.
    pub title_ru: String,
    /// The full official name (`organization:`), Kazakh.
    pub name_kk: String,
    /// The full official name, Russian.
    pub name_ru: String,
    /// The address the site will be published at (`base_url:`).
    pub base_url: String,
}

/// Creates a new site in `folder` (missing or empty): `site.yaml` with the places to fill in,
/// and the home page in Kazakh and Russian; analyses go directly under `content/`.
pub fn init(folder: &Path) -> Result<usize, Diagnostic> {
    init_site(folder, None)
}

/// [`init`], with the organisation's names and the site's address written into `site.yaml` in
/// place of their marks when given. The text is read as `build` reads it before anything is
/// written: a value it would refuse stops here, with the folder untouched.
pub fn init_site(folder: &Path, organisation: Option<&Organisation>) -> Result<usize, Diagnostic> {
    if fs::read_dir(folder).map(|mut d| d.next().is_some()).unwrap_or(false) {
        return Err(Diagnostic::general(Message::FolderNotEmpty { path: display_path(folder) }));
    }
    let settings = match organisation {
        Some(o) => {
            let template = TEMPLATES.get_file("site/site.yaml").and_then(|f| f.contents_utf8()).unwrap_or_default();
            let text = site_settings(template, o);
            content::parse_config(&text).map_err(|mut d| d.remove(0))?;
            Some(text)
        }
        None => None,
    };
    let mut written = 0;
    let Some(site) = TEMPLATES.get_dir("site") else { return Ok(0) };
    let mut stack = vec![site];
    while let Some(dir) = stack.pop() {
        stack.extend(dir.dirs());
        for file in dir.files() {
            let rel = file.path().strip_prefix("site").unwrap_or(file.path());
            let path = folder.join(rel);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| Diagnostic::io(parent, &e))?;
            }
            let bytes = match &settings {
                Some(text) if rel == Path::new(content::SITE_FILE) => text.as_bytes(),
                _ => file.contents(),
            };
            fs::write(&path, bytes).map_err(|e| Diagnostic::io(&path, &e))?;
            written += 1;
        }
    }
    Ok(written)
}

/// The template's `site.yaml` with `o`'s values in place of the marks that ask for them (and
/// the comment that asks for the address gone with its mark). Each value is written as a YAML
/// double-quoted scalar (JSON's string syntax is one), whatever it holds.
fn site_settings(template: &str, o: &Organisation) -> String {
    let q = |s: &str| serde_json::Value::from(s.trim()).to_string();
    let values = [
        ("\"[[ТОЛТЫРЫҢЫЗ: ұйымның қысқа атауы]]\"", q(&o.title_kk)),
        ("\"[[ЗАПОЛНИТЕ: краткое название организации]]\"", q(&o.title_ru)),
        ("\"[[ТОЛТЫРЫҢЫЗ: ұйымның толық ресми атауы]]\"", q(&o.name_kk)),
        ("\"[[ЗАПОЛНИТЕ: полное официальное название организации]]\"", q(&o.name_ru)),
    ];
    let mut lines = Vec::new();
    for line in template.split_inclusive('\n') {
        if line.starts_with('#') && line.contains("[[ТОЛТЫРЫҢЫЗ: сайт жарияланатын мекенжай]]")
        {
            continue;
        }
        if line.starts_with("base_url:") {
            // Written as the loader reads it: an address of a folder ends with `/`.
            let url = o.base_url.trim();
            let url = if url.ends_with('/') { url.to_owned() } else { format!("{url}/") };
            lines.push(format!("base_url: {}\n", q(&url)));
            continue;
        }
        let mut line = line.to_owned();
        for (mark, value) in &values {
            line = line.replace(mark, value);
        }
        lines.push(line);
    }
    lines.concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Corrections;

    #[test]
    fn the_work_plan_rows_run_from_the_start_to_the_report() {
        let cal = Calendar::kazakhstan(&Corrections::default());
        let (start, end) = (NaiveDate::from_ymd_opt(2027, 1, 11), NaiveDate::from_ymd_opt(2027, 2, 19));
        let d = Dates::derive(2027, start.unwrap_or_default(), end.unwrap_or_default(), &cal, 10).expect("dates");
        let rows = plan_rows(&d, &cal);
        assert_eq!(rows.len(), 11);
        assert!(rows.windows(2).all(|w| w[0].date <= w[1].date));
        assert!(rows.iter().all(|r| r.date >= d.start && r.date <= d.report && cal.is_working(r.date)));
    }

    #[test]
    fn a_new_sites_settings_take_the_organisations_words_and_nothing_else_changes() {
        let template = TEMPLATES.get_file("site/site.yaml").and_then(|f| f.contents_utf8()).unwrap_or_default();
        let o = Organisation {
            title_kk: " «Арай» балабақшасы ".into(),
            title_ru: "Детский сад «Арай»".into(),
            name_kk: "«Арай» бөбекжай-бақшасы\" МКҚК: \\ # [[".into(),
            name_ru: "ГККП «Ясли-сад «Арай»»".into(),
            base_url: "https://arai-bbaksha.kz/anticorruption".into(),
        };
        let text = site_settings(template, &o);
        let config = content::parse_config(&text).expect("reads");
        assert_eq!(config.title.get("kk").map(String::as_str), Some("«Арай» балабақшасы"));
        assert_eq!(config.title.get("ru").map(String::as_str), Some("Детский сад «Арай»"));
        assert_eq!(config.organization.get("kk").map(String::as_str), Some("«Арай» бөбекжай-бақшасы\" МКҚК: \\ # [["));
        assert_eq!(config.organization.get("ru").map(String::as_str), Some("ГККП «Ясли-сад «Арай»»"));
        assert_eq!(config.base_url, "https://arai-bbaksha.kz/anticorruption/");
        // The four marks and the address's are gone; the head's and the group's stay to fill in.
        assert!(!text.contains("қысқа атауы") && !text.contains("полное официальное") && !text.contains("мекенжай]]"));
        assert!(text.contains("[[ТОЛТЫРЫҢЫЗ: басшының аты-жөні]]"));
        assert_eq!(text.lines().count() + 1, template.lines().count());
    }

    #[test]
    fn a_new_site_with_a_bad_address_writes_nothing() {
        let tmp = tempfile::tempdir().expect("tmp");
        let folder = tmp.path().join("жаңа сайт");
        let o = Organisation { base_url: "arai.kz".into(), ..Organisation::default() };
        let d = init_site(&folder, Some(&o)).expect_err("refused");
        assert_eq!(d.message.id(), "bad-base-url");
        assert!(!folder.exists());
    }

    #[test]
    fn analysis_folder_names() {
        assert_eq!(analysis_year("2027"), Some(2027));
        assert_eq!(analysis_year("2027-2"), Some(2027));
        for bad in ["27", "2027-", "2027-1", "2027-x", "«ә»", "20277", "1999", "2027-2-2", "２０２７"] {
            assert_eq!(analysis_year(bad), None, "{bad}");
        }
    }

    #[test]
    fn russian_dates_in_text_never_end_in_a_doubled_stop() {
        let d = NaiveDate::from_ymd_opt(2027, 2, 19).unwrap_or_default();
        assert_eq!(long_date(d, "ru"), "19 февраля 2027 года");
        assert_eq!(long_date(d, "kk"), "2027 жылғы 19 ақпан");
    }
}
