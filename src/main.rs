//! The `ashyq` command line: a thin layer over the library.

use ashyq::content;
use ashyq::diagnostic::{self, Diagnostic};
use ashyq::messages::{Message, UiLang};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
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
}

#[derive(Subcommand)]
enum NewWhat {
    /// A new analysis: content/anticorruption/YEAR/ with every document, in both languages.
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

fn ui_lang(arg: Option<LangArg>, root: &std::path::Path) -> UiLang {
    match arg {
        Some(LangArg::Kk) => UiLang::Kk,
        Some(LangArg::Ru) => UiLang::Ru,
        Some(LangArg::En) => UiLang::En,
        None => content::load_config(root).map(|c| UiLang::for_site_language(c.default_language())).unwrap_or_default(),
    }
}

fn print_all(diags: &mut [Diagnostic], lang: UiLang) {
    diagnostic::sort(diags);
    for d in diags.iter() {
        eprintln!("{}", d.render(lang));
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::New { what: NewWhat::Analysis { year, root, start, end, lang } } => {
            let lang = ui_lang(lang, &root);
            match ashyq::scaffold::new_analysis(&ashyq::scaffold::NewAnalysis { root, year, start, end }) {
                Ok((path, files)) => {
                    let path = diagnostic::display_path(&path);
                    eprintln!("{}", Message::AnalysisCreated { path, files }.text(lang));
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    eprintln!("{}", d.render(lang));
                    ExitCode::FAILURE
                }
            }
        }
        Command::Init { folder, lang } => {
            let lang = ui_lang(lang, &folder);
            match ashyq::scaffold::init(&folder) {
                Ok(_) => {
                    eprintln!("{}", Message::SiteCreated { path: diagnostic::display_path(&folder) }.text(lang));
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    eprintln!("{}", d.render(lang));
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check { root, format, today, strict, lang } => {
            let lang = ui_lang(lang, &root);
            let report = ashyq::check::check(&ashyq::check::CheckOptions { root, today });
            match format {
                Format::Text => print!("{}", report.text(lang)),
                Format::Json => print!("{}", report.json(lang)),
            }
            let failed = report.errors() > 0 || (strict && report.warnings() > 0);
            if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
        Command::Serve { root, bind, port, open, drafts, lang } => {
            let lang = ui_lang(lang, &root);
            let opts = ashyq::serve::ServeOptions { root, bind, port, open, drafts, lang };
            match ashyq::serve::serve(&opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(d) => {
                    eprintln!("{}", d.render(lang));
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
                    eprintln!("{}", m.text(lang));
                    ExitCode::SUCCESS
                }
                Err(mut diags) => {
                    let errors = diags.iter().filter(|d| d.is_error()).count();
                    let warnings = diags.len() - errors;
                    print_all(&mut diags, lang);
                    eprintln!("{}", Message::BuildFailed { errors, warnings }.text(lang));
                    ExitCode::FAILURE
                }
            }
        }
    }
}

// Thousands of small strings per build, from two threads: mimalloc is markedly faster than the
// system allocator here (see bench/README.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
