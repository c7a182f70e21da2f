//! The `ashyq` command line: a thin layer over the library.

use ashyq::content;
use ashyq::deploy;
use ashyq::diagnostic::{self, Diagnostic};
use ashyq::messages::{Message, UiLang};
use clap::{Parser, Subcommand, ValueEnum};
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
        /// The zip to write.
        #[arg(long, default_value = "arai-site.zip")]
        output: PathBuf,
        /// The built site to zip (default: ROOT/public, built first).
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Zip the folder as it is, without building it first.
        #[arg(long)]
        no_build: bool,
        /// Language of messages (default: the site's first language).
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
        Command::Import { file, root, analysis, kind, doc_lang, date, number, dry_run, force, lang } => {
            let lang = ui_lang(lang, &root);
            let kind = match kind.as_deref().map(|k| (k, content::Kind::parse(k))) {
                None => None,
                Some((_, Some(k))) => Some(k),
                Some((k, None)) => {
                    let m = Message::BadValue { key: "--kind".into(), detail: k.to_owned() };
                    eprintln!("{}", Diagnostic::general(m).render(lang));
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
                retry,
                lang,
            };
            run_deploy(&opts, lang)
        }
        Command::Package { root, output, dir, no_build, lang } => {
            let lang = ui_lang(lang, &root);
            let dir = dir.unwrap_or_else(|| root.join("public"));
            run_package(&root, &dir, !no_build, &output, lang)
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

fn run_import(opts: &ashyq::import::ImportOptions, lang: UiLang) -> ExitCode {
    match ashyq::import::import(opts) {
        Ok(done) => {
            for note in &done.notes {
                eprintln!("{}", note.text(lang));
            }
            for w in &done.warnings {
                eprintln!("{}", w.render(lang));
            }
            if opts.dry_run {
                print!("{}", done.text);
            } else {
                eprintln!("{}", Message::ImportWritten { path: diagnostic::display_path(&done.path) }.text(lang));
            }
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprintln!("{}", d.render(lang));
            ExitCode::FAILURE
        }
    }
}

fn run_deploy(opts: &deploy::DeployOptions, lang: UiLang) -> ExitCode {
    let mut progress = deploy::progress::stderr(lang);
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
            eprintln!("{}", m.text(lang));
            ExitCode::SUCCESS
        }
        Err(mut failure) => {
            print_all(&mut failure.diagnostics, lang);
            if failure.partial {
                eprintln!("{}", Message::DeployFailed.text(lang));
            }
            ExitCode::FAILURE
        }
    }
}

fn run_package(root: &Path, dir: &Path, build: bool, output: &Path, lang: UiLang) -> ExitCode {
    if build {
        let opts = ashyq::BuildOptions { root: root.to_path_buf(), output: dir.to_path_buf(), drafts: false };
        match ashyq::build(&opts) {
            Ok(mut report) => print_all(&mut report.warnings, lang),
            Err(mut diags) => {
                print_all(&mut diags, lang);
                return ExitCode::FAILURE;
            }
        }
    } else if !dir.join(ashyq::output::MARKER).is_file() {
        eprintln!(
            "{}",
            Diagnostic::general(Message::NotABuiltSite { path: diagnostic::display_path(dir) }).render(lang)
        );
        return ExitCode::FAILURE;
    }
    match deploy::package::package(dir, output) {
        Ok(p) => {
            let path = diagnostic::display_path(output);
            eprintln!("{}", Message::Packaged { path, files: p.files, bytes: p.bytes }.text(lang));
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprintln!("{}", d.render(lang));
            ExitCode::FAILURE
        }
    }
}

// Thousands of small strings per build, from two threads: mimalloc is markedly faster than the
// system allocator here (see bench/README.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
