//! Starting documents instead of writing them from nothing: `ashyq new analysis YEAR` lays out
//! a whole analysis (every document of RULES.md in each site language, official titles, dates
//! derived from the rules, the report's nine directions, the plans' tables), and `ashyq init`
//! a new site. Whatever a person must still write is marked `[[ТОЛТЫРЫҢЫЗ: …]]` /
//! `[[ЗАПОЛНИТЕ: …]]`, which `ashyq check` lists until it is filled in.

use crate::check::Calendar;
use crate::content::{self, CONTENT_DIR};
use crate::diagnostic::{Diagnostic, display_path};
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

/// The section that holds analyses.
pub const SECTION: &str = "anticorruption";

/// The dates of a new analysis, derived from its start and end by the rules' order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Dates {
    /// First day of the analysis.
    pub start: NaiveDate,
    /// Last day of the analysis.
    pub end: NaiveDate,
    /// The order, the working day before the announcement.
    pub order: NaiveDate,
    /// The announcement, with the required working days before the start.
    pub announce: NaiveDate,
    /// The report, a week and a half of working days before the end.
    pub report: NaiveDate,
    /// The discussion announcement, the working day after the report.
    pub discussion: NaiveDate,
    /// The discussion itself and its protocol, three working days later.
    pub protocol: NaiveDate,
    /// The action plan, the working day after the discussion.
    pub plan: NaiveDate,
    /// The period covered: the previous calendar year.
    pub covered_from: NaiveDate,
    /// Its last day.
    pub covered_to: NaiveDate,
}

impl Dates {
    /// Dates for an analysis from `start` to `end` under `calendar`, announced `notice` working
    /// days ahead.
    pub fn derive(start: NaiveDate, end: NaiveDate, calendar: &Calendar, notice: u32) -> Dates {
        let announce = calendar.working_days_before(start, notice);
        let order = calendar.working_days_before(announce, 0);
        let report = calendar.working_days_before(end, 6);
        let discussion = calendar.working_days_after(report, 1);
        let protocol = calendar.working_days_after(discussion, 3);
        let plan = calendar.working_days_after(protocol, 1);
        let year = start.year() - 1;
        let covered_from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(start);
        let covered_to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(start);
        Dates { start, end, order, announce, report, discussion, protocol, plan, covered_from, covered_to }
    }
}

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
            kk: format!("Ақпарат жинау: {kk}"),
            ru: format!("Сбор информации: {ru}"),
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

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.add_filter("ldate", |d: String, lang: String| -> String {
        content::parse_date(&d).map_or(d, |d| crate::render::format_date(d, &lang))
    });
    env.add_filter("dmy", |d: String| -> String {
        content::parse_date(&d).map_or(d, |d| d.format("%d.%m.%Y").to_string())
    });
    env
}

fn io(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::general(Message::Io { detail: format!("{}: {e}", display_path(path)) })
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

/// Creates `content/anticorruption/YEAR/` with every document of the analysis in each site
/// language. Refuses to touch an existing analysis; writes beside it and renames into place, so
/// a failure leaves nothing half made. Gives the folder and the number of files.
pub fn new_analysis(opts: &NewAnalysis) -> Result<(PathBuf, usize), Diagnostic> {
    let year_ok =
        opts.year.split_once('-').map_or(opts.year.as_str(), |(y, n)| if n.parse::<u32>().is_ok() { y } else { "" });
    if year_ok.len() != 4 || !year_ok.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Diagnostic::general(Message::BadValue { key: "YEAR".into(), detail: opts.year.clone() }));
    }
    if opts.start >= opts.end {
        return Err(Diagnostic::general(Message::StartAfterEnd));
    }
    let config = content::load_config(&opts.root).map_err(|mut d| d.remove(0))?;
    let section = opts.root.join(CONTENT_DIR).join(SECTION);
    if !section.is_dir() {
        return Err(Diagnostic::general(Message::NoAnalysisSection));
    }
    let target = section.join(&opts.year);
    if target.exists() {
        return Err(Diagnostic::general(Message::AnalysisExists { path: display_path(&target) }));
    }
    let calendar = config.calendar();
    let dates = Dates::derive(opts.start, opts.end, &calendar, config.check.announcement_working_days);
    let rows = plan_rows(&dates, &calendar);
    let directions: Vec<minijinja::Value> = DIRECTIONS.iter().map(|&(kk, ru)| context! { kk, ru }).collect();
    let staging = section.join(format!(".{}.ashyq-new", opts.year));
    let _ = fs::remove_dir_all(&staging);
    fs::create_dir_all(&staging).map_err(|e| io(&staging, &e))?;
    let env = environment();
    let mut written = 0;
    let templates = TEMPLATES.get_dir("analysis").map(|d| d.files().collect::<Vec<_>>()).unwrap_or_default();
    for file in templates {
        let name = file.path().file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let lang = name.trim_end_matches(".md").rsplit('.').next().unwrap_or("");
        if !config.languages.iter().any(|l| l == lang) {
            continue;
        }
        let source = String::from_utf8_lossy(file.contents());
        let ctx = context! {
            year => opts.year.split('-').next(),
            org => config.localized(&config.organization, lang),
            directions => directions.clone(),
            plan_rows => minijinja::Value::from(minijinja::value::Serde(&rows)),
            ..minijinja::Value::from(minijinja::value::Serde(&dates))
        };
        let text = env.render_str(&source, ctx).map_err(|e| {
            let _ = fs::remove_dir_all(&staging);
            Diagnostic::general(Message::TemplateError { detail: e.to_string() })
        })?;
        let path = staging.join(&name);
        // minijinja drops a template's last newline; a text file ends with one.
        fs::write(&path, text + "\n").map_err(|e| io(&path, &e))?;
        written += 1;
    }
    fs::rename(&staging, &target).map_err(|e| io(&target, &e))?;
    Ok((target, written))
}

/// Creates a new site in `folder` (missing or empty): `site.yaml` with the places to fill in,
/// and the home and anti-corruption pages in Kazakh and Russian.
pub fn init(folder: &Path) -> Result<usize, Diagnostic> {
    if fs::read_dir(folder).map(|mut d| d.next().is_some()).unwrap_or(false) {
        return Err(Diagnostic::general(Message::FolderNotEmpty { path: display_path(folder) }));
    }
    let mut written = 0;
    let Some(site) = TEMPLATES.get_dir("site") else { return Ok(0) };
    let mut stack = vec![site];
    while let Some(dir) = stack.pop() {
        stack.extend(dir.dirs());
        for file in dir.files() {
            let rel = file.path().strip_prefix("site").unwrap_or(file.path());
            let path = folder.join(rel);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| io(parent, &e))?;
            }
            fs::write(&path, file.contents()).map_err(|e| io(&path, &e))?;
            written += 1;
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Corrections;

    #[test]
    fn dates_follow_the_rules_order() {
        let cal = Calendar::kazakhstan(&Corrections::default());
        let (start, end) = (NaiveDate::from_ymd_opt(2027, 1, 11), NaiveDate::from_ymd_opt(2027, 2, 19));
        let d = Dates::derive(start.unwrap_or_default(), end.unwrap_or_default(), &cal, 10);
        assert_eq!(cal.between(d.announce, d.start), 10);
        assert!(d.order < d.announce);
        assert!(d.start < d.report && d.report < d.discussion && d.discussion < d.protocol);
        assert!(d.protocol < d.plan && d.plan <= d.end);
        assert_eq!(d.covered_to, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default());
        let rows = plan_rows(&d, &cal);
        assert_eq!(rows.len(), 11);
        assert!(rows.windows(2).all(|w| w[0].date <= w[1].date));
        assert!(rows.iter().all(|r| r.date >= d.start && r.date <= d.report));
    }
}
