//! The `ashyq` command line: a thin layer over the library.

// The print macros panic on a closed pipe or a full disk: all text goes through `console`.
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod console;
use ashyq::content;
use ashyq::deploy;
use ashyq::diagnostic::{self, Diagnostic};
use ashyq::messages::{Message, UiLang};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// ashyq («ашық», open): builds, checks and publishes an organisation's bilingual (kk/ru)
/// anti-corruption pages.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Kk,
    Ru,
    En,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site folder into a static site (public/ by default).
    Build {
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site; replaced whole, only after a successful build.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Also publish documents marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Language of messages (default: the site's first language).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Check the site against the rules of the internal analysis of corruption risks.
    Check {
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The day to measure deadlines against (YYYY-MM-DD); without it deadlines are not checked.
        #[arg(long, value_parser = parse_day)]
        today: Option<chrono::NaiveDate>,
        /// Exit with 1 on warnings too.
        #[arg(long)]
        strict: bool,
        /// Language of the findings (default: the site's first language).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Start documents instead of writing them from nothing.
    New {
        #[command(subcommand)]
        what: NewWhat,
    },
    /// Show a year's days off and working Saturdays and Sundays in Kazakhstan, with the site's
    /// corrections (site.yaml `calendar:`) applied.
    Calendar {
        /// The year.
        #[arg(value_parser = clap::value_parser!(i32).range(1996..=2100))]
        year: i32,
        /// The site folder whose site.yaml corrections apply (none if it has no site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output format: json gives `days_off` (every Monday to Friday that is not a working
        /// day) and `working_weekend_days`.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Language of the names (default: the site's first language).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Turn a Word document (.docx) into a content file: content/YEAR/KIND.LANG.md.
    Import {
        /// The .docx file.
        file: PathBuf,
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The analysis folder (YEAR or YEAR-2); default: the year of the document's date.
        #[arg(long, value_name = "YEAR")]
        analysis: Option<String>,
        /// The document's kind (order, work-plan, report…); default: recognised from its title.
        #[arg(long)]
        kind: Option<String>,
        /// The document's language (kk or ru); default: recognised from its letters.
        #[arg(long = "doc-lang", value_name = "kk|ru")]
        doc_lang: Option<String>,
        /// The document's date, when the document itself does not state it (YYYY-MM-DD).
        #[arg(long, value_parser = parse_day)]
        date: Option<chrono::NaiveDate>,
        /// The document's number, when the document itself does not state it.
        #[arg(long)]
        number: Option<String>,
        /// Print the file instead of writing it.
        #[arg(long)]
        dry_run: bool,
        /// Overwrite the file if it exists.
        #[arg(long)]
        force: bool,
        /// Language of messages (default: the site's first language).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Create a new site for an organisation in an empty or new folder.
    Init {
        /// The folder to create the site in.
        folder: PathBuf,
        /// Language of messages.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Preview the site at http://127.0.0.1:8000/, rebuilding and reloading on every save.
    Serve {
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Address to listen on. Keep 127.0.0.1 unless others must see the preview.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Open the preview in the browser.
        #[arg(long)]
        open: bool,
        /// Also show documents marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Language of messages and of the error overlay (default: the site's first language).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Build the site and upload what changed to the hosting (FTP, FTPS or SFTP).
    ///
    /// The password comes from the ASHYQ_DEPLOY_PASSWORD variable, or is asked without echo.
    Deploy {
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to upload, such as sftp://user@host:22/public_html/anticorruption
        /// (default: deploy.url in site.yaml). Never write the password into it.
        #[arg(long)]
        url: Option<String>,
        /// Show what would be sent and deleted, and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Allow deleting more than --max-deletes files from the hosting.
        #[arg(long)]
        yes: bool,
        /// Files the deploy may delete from the hosting without --yes.
        #[arg(long, default_value_t = 20)]
        max_deletes: usize,
        /// The built site to upload (default: ROOT/public, built first).
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Upload the folder as it is, without building it first.
        #[arg(long)]
        no_build: bool,
        /// Read the hosting's folder instead of trusting the manifest the last deploy left
        /// (after files were changed there by hand).
        #[arg(long)]
        rescan: bool,
        /// SFTP: the private key to log in with (default: the ssh agent's keys, then the password).
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
        /// SFTP: trust a server whose key ~/.ssh/known_hosts does not have yet, and remember it.
        #[arg(long)]
        accept_new_host_key: bool,
        /// FTPS: accept a certificate that cannot be checked (self-signed, or for another name).
        #[arg(long)]
        insecure: bool,
        /// Publish even if places are still marked to fill in (`[[ТОЛТЫРЫҢЫЗ`, `[[ЗАПОЛНИТЕ`);
        /// without it, any such place stops the command before anything is sent or written.
        #[arg(long)]
        allow_placeholders: bool,
        /// New connections tried after one breaks, per step.
        #[arg(long, default_value_t = 5)]
        retries: u32,
        /// Language of messages (default: the site's first language).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Build the site and zip it, for a hosting file manager's "Upload" and "Extract".
    Package {
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The zip to write (default: named after the site and today, such as
        /// arai-bbaksha.kz-2026-12-01.zip, in the current folder).
        #[arg(long)]
        output: Option<PathBuf>,
        /// The built site to zip (default: ROOT/public, built first).
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Zip the folder as it is, without building it first.
        #[arg(long)]
        no_build: bool,
        /// Publish even if places are still marked to fill in (`[[ТОЛТЫРЫҢЫЗ`, `[[ЗАПОЛНИТЕ`);
        /// without it, any such place stops the command before anything is sent or written.
        #[arg(long)]
        allow_placeholders: bool,
        /// Language of messages (default: the site's first language).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
}

#[derive(Subcommand)]
enum NewWhat {
    /// A new analysis: content/YEAR/ with every document, in both languages, dated by the rules.
    Analysis {
        /// The analysis's year (or YEAR-2 for a second analysis in one year).
        year: String,
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// First day of the analysis (YYYY-MM-DD).
        #[arg(long, value_parser = parse_day)]
        start: chrono::NaiveDate,
        /// Last day of the analysis (YYYY-MM-DD).
        #[arg(long, value_parser = parse_day)]
        end: chrono::NaiveDate,
        /// Language of messages (default: the site's first language).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn parse_day(s: &str) -> Result<chrono::NaiveDate, String> {
    content::parse_date(s).map_err(|m| m.text(UiLang::En))
}

/// The language of messages, which is also the one of the message about a failed write.
fn ui_lang(arg: Option<LangArg>, root: &std::path::Path) -> UiLang {
    let flag = arg.map(|a| match a {
        LangArg::Kk => UiLang::Kk,
        LangArg::Ru => UiLang::Ru,
        LangArg::En => UiLang::En,
    });
    let site = if flag.is_none() { content::load_config(root).ok() } else { None };
    let lang = UiLang::resolve(flag, site.as_ref().map(|c| c.default_language()), |name| std::env::var(name).ok());
    console::set_lang(lang);
    lang
}

fn print_all(diags: &mut [Diagnostic], lang: UiLang) {
    diagnostic::sort(diags);
    for d in diags.iter() {
        console::err_line(&d.render(lang));
    }
}

fn main() -> ExitCode {
    // Help, the version and wrong arguments are written like every other text (see console).
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap's texts are English; so is the message if they cannot be written.
            console::set_lang(UiLang::En);
            let (styled, terminal) =
                (e.render(), if e.use_stderr() { stderr().is_terminal() } else { stdout().is_terminal() });
            // Coloured on a terminal, as clap itself prints it; plain into a file or a pipe.
            let text = if terminal { styled.ansi().to_string() } else { styled.to_string() };
            if e.use_stderr() {
                console::err_line(text.trim_end())
            } else {
                console::out_line(text.trim_end())
            }
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match cli.command {
        Command::New { what: NewWhat::Analysis { year, root, start, end, lang } } => {
            let lang = ui_lang(lang, &root);
            match ashyq::scaffold::new_analysis(&ashyq::scaffold::NewAnalysis { root, year, start, end }) {
                Ok(created) => {
                    let path = diagnostic::display_path(&created.path);
                    console::err_line(&Message::AnalysisCreated { path, files: created.files }.text(lang));
                    if let Some(from) = created.facts_from {
                        console::err_line(&Message::AnalysisFactsFrom { path: format!("content/{from}") }.text(lang));
                    }
                    if let Some((from, rows, review)) = created.plan_from {
                        let message = Message::AnalysisPlanFrom { path: format!("content/{from}"), rows, review };
                        console::err_line(&message.text(lang));
                    }
                    console::err_line(&Message::AnalysisNextSteps.text(lang));
                    for year in created.uncovered_years {
                        console::err_line(
                            &Diagnostic::warning(None, None, Message::CalendarNotCovered { year }).render(lang),
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    console::err_line(&d.render(lang));
                    ExitCode::FAILURE
                }
            }
        }
        Command::Calendar { year, root, format, lang } => {
            let lang = ui_lang(lang, &root);
            run_calendar(year, &root, format, lang)
        }
        Command::Import { file, root, analysis, kind, doc_lang, date, number, dry_run, force, lang } => {
            let lang = ui_lang(lang, &root);
            let kind = match kind.as_deref().map(|k| (k, content::Kind::parse(k))) {
                None => None,
                Some((_, Some(k))) => Some(k),
                Some((k, None)) => {
                    let m = Message::BadValue { key: "--kind".into(), detail: k.to_owned() };
                    console::err_line(&Diagnostic::general(m).render(lang));
                    return ExitCode::FAILURE;
                }
            };
            let opts = ashyq::import::ImportOptions {
                file,
                root,
                analysis,
                kind,
                lang: doc_lang,
                date,
                number,
                dry_run,
                force,
            };
            run_import(&opts, lang)
        }
        Command::Init { folder, lang } => {
            let lang = ui_lang(lang, &folder);
            match ashyq::scaffold::init(&folder) {
                Ok(_) => {
                    console::err_line(&Message::SiteCreated { path: diagnostic::display_path(&folder) }.text(lang));
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    console::err_line(&d.render(lang));
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check { root, format, today, strict, lang } => {
            let lang = ui_lang(lang, &root);
            let report = ashyq::check::check(&ashyq::check::CheckOptions { root, today });
            match format {
                Format::Text => console::out(&report.text(lang)),
                Format::Json => console::out(&report.json(lang)),
            }
            let failed = report.errors() > 0 || (strict && report.warnings() > 0);
            if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
        Command::Deploy {
            root,
            url,
            dry_run,
            yes,
            max_deletes,
            dir,
            no_build,
            rescan,
            identity,
            accept_new_host_key,
            insecure,
            retries,
            allow_placeholders,
            lang,
        } => {
            let lang = ui_lang(lang, &root);
            let dir = dir.unwrap_or_else(|| root.join("public"));
            let retry = deploy::run::Retry { attempts: retries, ..deploy::run::Retry::default() };
            let opts = deploy::DeployOptions {
                root,
                dir,
                build: !no_build,
                url,
                dry_run,
                yes,
                max_deletes,
                rescan,
                insecure,
                accept_new_host_key,
                identity,
                allow_placeholders,
                retry,
                lang,
            };
            run_deploy(&opts, lang)
        }
        Command::Package { root, output, dir, no_build, allow_placeholders, lang } => {
            let lang = ui_lang(lang, &root);
            let dir = dir.unwrap_or_else(|| root.join("public"));
            let output = output.unwrap_or_else(|| {
                let config = content::load_config(&root).ok();
                PathBuf::from(deploy::package::default_name(config.as_ref(), deploy::package::today()))
            });
            let opts = PackageArgs { root, dir, build: !no_build, output, allow_placeholders };
            run_package(&opts, lang)
        }
        Command::Serve { root, bind, port, open, drafts, lang } => {
            let lang = ui_lang(lang, &root);
            let opts = ashyq::serve::ServeOptions {
                root,
                bind,
                port,
                open,
                drafts,
                lang,
                out: console::out_line,
                err: console::err_line,
            };
            match ashyq::serve::serve(&opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(d) => {
                    console::err_line(&d.render(lang));
                    ExitCode::FAILURE
                }
            }
        }
        Command::Build { root, output, drafts, lang } => {
            let lang = ui_lang(lang, &root);
            let output = output.unwrap_or_else(|| root.join("public"));
            let started = Instant::now();
            let opts = ashyq::BuildOptions { root, output: output.clone(), drafts };
            match ashyq::build(&opts) {
                Ok(mut report) => {
                    print_all(&mut report.warnings, lang);
                    let seconds = format!("{:.2}", started.elapsed().as_secs_f64());
                    let output = diagnostic::display_path(&output);
                    let m = Message::Built { pages: report.pages, files: report.files, output, seconds };
                    console::err_line(&m.text(lang));
                    ExitCode::SUCCESS
                }
                Err(mut diags) => {
                    let errors = diags.iter().filter(|d| d.is_error()).count();
                    let warnings = diags.len() - errors;
                    print_all(&mut diags, lang);
                    console::err_line(&Message::BuildFailed { errors, warnings }.text(lang));
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// `ashyq calendar`: the shipped calendar, corrected by the site's `site.yaml` when there is one.
fn run_calendar(year: i32, root: &Path, format: Format, lang: UiLang) -> ExitCode {
    let calendar = if root.join("site.yaml").is_file() {
        match content::load_config(root) {
            Ok(config) => config.calendar(),
            Err(mut diags) => {
                print_all(&mut diags, lang);
                return ExitCode::FAILURE;
            }
        }
    } else {
        ashyq::domain::calendar::Calendar::kazakhstan(&Default::default())
    };
    if !calendar.covers(year) {
        console::err_line(&Diagnostic::warning(None, None, Message::CalendarNotCovered { year }).render(lang));
    }
    match format {
        Format::Json => console::out_line(&calendar_json(&calendar, year)),
        Format::Text => console::out(&calendar_text(&calendar, year, lang)),
    }
    ExitCode::SUCCESS
}

fn calendar_json(calendar: &ashyq::domain::calendar::Calendar, year: i32) -> String {
    use chrono::Datelike;
    let days = chrono::NaiveDate::from_ymd_opt(year, 1, 1)
        .into_iter()
        .flat_map(|d| d.iter_days())
        .take_while(|d| d.year() == year);
    let (mut days_off, mut working_weekend_days) = (Vec::new(), Vec::new());
    for d in days {
        let weekend = matches!(d.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun);
        match (weekend, calendar.is_working(d)) {
            (false, false) => days_off.push(d.to_string()),
            (true, true) => working_weekend_days.push(d.to_string()),
            _ => {}
        }
    }
    // Written by hand to keep the documented key order (serde_json sorts a map's keys).
    let list = |v: &[String]| serde_json::Value::from(v.to_vec()).to_string();
    format!(
        "{{\"year\": {year}, \"days_off\": {}, \"working_weekend_days\": {}}}",
        list(&days_off),
        list(&working_weekend_days)
    )
}

fn calendar_text(calendar: &ashyq::domain::calendar::Calendar, year: i32, lang: UiLang) -> String {
    use ashyq::domain::calendar::{Names, Reason};
    let name = |n: &Names| match lang {
        UiLang::Kk => n.kk.clone(),
        UiLang::Ru => n.ru.clone(),
        UiLang::En => n.en.clone(),
    };
    let explain = |r: &Reason| match r {
        Reason::Holiday { name: n, .. } => name(n),
        Reason::Moved { name: n, from } => Message::CalendarMoved { name: name(n), from: *from }.text(lang),
        Reason::DecreeDayOff { worked, source } => {
            Message::CalendarDecreeDayOff { worked: *worked, source: source.clone() }.text(lang)
        }
        Reason::DecreeWorkingDay { off, source } => {
            Message::CalendarDecreeWorkingDay { off: *off, source: source.clone() }.text(lang)
        }
        Reason::Site => String::new(),
    };
    let site = |r: &Reason, m: Message| if *r == Reason::Site { m.text(lang) } else { explain(r) };
    let mut out =
        format!("{}\n\n{}\n", Message::CalendarTitle { year }.text(lang), Message::CalendarDaysOff.text(lang));
    let mut any = false;
    for (d, r) in calendar.days_off(year) {
        let why = site(r, Message::CalendarSiteDayOff);
        out += &format!("  {}  {why}\n", ashyq::domain::dates::numeric(d));
        any = true;
    }
    if !any {
        out += &format!("  {}\n", Message::CalendarNone.text(lang));
    }
    out += &format!("\n{}\n", Message::CalendarWorkingWeekendDays.text(lang));
    any = false;
    for (d, r) in calendar.working_weekend_days(year) {
        let why = site(r, Message::CalendarSiteWorkingDay);
        out += &format!("  {}  {why}\n", ashyq::domain::dates::numeric(d));
        any = true;
    }
    if !any {
        out += &format!("  {}\n", Message::CalendarNone.text(lang));
    }
    out
}

fn run_import(opts: &ashyq::import::ImportOptions, lang: UiLang) -> ExitCode {
    match ashyq::import::import(opts) {
        Ok(done) => {
            for note in &done.notes {
                console::err_line(&note.text(lang));
            }
            for w in &done.warnings {
                console::err_line(&w.render(lang));
            }
            if opts.dry_run {
                console::out(&done.text);
            } else {
                console::err_line(&Message::ImportWritten { path: diagnostic::display_path(&done.path) }.text(lang));
            }
            ExitCode::SUCCESS
        }
        Err(d) => {
            console::err_line(&d.render(lang));
            ExitCode::FAILURE
        }
    }
}

fn run_deploy(opts: &deploy::DeployOptions, lang: UiLang) -> ExitCode {
    let mut progress = deploy::progress::stderr(lang, console::err_line);
    match deploy::deploy(opts, progress.as_mut()) {
        Ok(mut report) => {
            print_all(&mut report.warnings, lang);
            let seconds = format!("{:.1}", report.seconds);
            let m = Message::DeployDone {
                uploaded: report.uploaded,
                unchanged: report.unchanged,
                deleted: report.deleted,
                bytes: report.bytes,
                seconds,
            };
            console::err_line(&m.text(lang));
            ExitCode::SUCCESS
        }
        Err(mut failure) => {
            print_all(&mut failure.diagnostics, lang);
            if failure.partial {
                console::err_line(&Message::DeployFailed.text(lang));
            }
            ExitCode::FAILURE
        }
    }
}

/// What `ashyq package` is asked to do.
struct PackageArgs {
    root: PathBuf,
    dir: PathBuf,
    build: bool,
    output: PathBuf,
    allow_placeholders: bool,
}

fn run_package(args: &PackageArgs, lang: UiLang) -> ExitCode {
    let PackageArgs { root, dir, build, output, allow_placeholders } = args;
    // Refused before the build, so that neither public/ nor the zip is touched.
    match deploy::placeholders(root, *allow_placeholders) {
        Ok(mut listed) => print_all(&mut listed, lang),
        Err(mut refused) => {
            print_all(&mut refused, lang);
            return ExitCode::FAILURE;
        }
    }
    if *build {
        let opts = ashyq::BuildOptions { root: root.to_path_buf(), output: dir.to_path_buf(), drafts: false };
        match ashyq::build(&opts) {
            Ok(mut report) => {
                // Places to fill in are listed above already.
                report.warnings.retain(|d| !content::placeholders::is_placeholder(d));
                print_all(&mut report.warnings, lang);
            }
            Err(mut diags) => {
                print_all(&mut diags, lang);
                return ExitCode::FAILURE;
            }
        }
    } else if !dir.join(ashyq::output::MARKER).is_file() {
        console::err_line(
            &Diagnostic::general(Message::NotABuiltSite { path: diagnostic::display_path(dir) }).render(lang),
        );
        return ExitCode::FAILURE;
    }
    match deploy::package::package(dir, output) {
        Ok(p) => {
            let path = diagnostic::display_path(output);
            console::err_line(&Message::Packaged { path, files: p.files, bytes: p.bytes }.text(lang));
            ExitCode::SUCCESS
        }
        Err(d) => {
            console::err_line(&d.render(lang));
            ExitCode::FAILURE
        }
    }
}

// Thousands of small strings per build, from two threads: mimalloc is markedly faster than the
// system allocator here (see bench/README.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
