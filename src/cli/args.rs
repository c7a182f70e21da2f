//! The command line's arguments, as clap reads them. `--root` and `--lang` are global: they are
//! accepted before or after the command's name.

use ashyq::content;
use ashyq::messages::UiLang;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// ashyq («ашық», open): builds, checks and publishes an organisation's bilingual (kk/ru)
/// anti-corruption pages.
#[derive(Parser)]
#[command(version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    /// The site folder (the one with site.yaml).
    #[arg(long, global = true, default_value = ".", value_name = "SITE")]
    pub root: PathBuf,
    /// Language of messages: kk, ru or en (default: the site's first language, outside a site
    /// the locale's).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What `ashyq --help` says of a start with no command.
const AFTER_HELP: &str = "With no command (a double-click), ashyq opens the workspace in the browser: on the site in \
the current folder, or beside ashyq, or the one it opened last, or a new one in Documents/ashyq.";

/// A language of messages.
#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    Kk,
    Ru,
    En,
}

/// What to do.
#[derive(Subcommand)]
pub enum Command {
    /// Build the site folder into a static site (public/ by default).
    Build {
        /// Where to write the site; replaced whole, only after a successful build.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Also publish documents marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Build even if places are still marked to fill in (`[[ТОЛТЫРЫҢЫЗ`, `[[ЗАПОЛНИТЕ`);
        /// without it, any such place stops the build and `public/` is left as it was.
        #[arg(long)]
        allow_placeholders: bool,
    },
    /// Check the site against the rules of the internal analysis of corruption risks.
    Check {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The day to measure deadlines against (YYYY-MM-DD); without it deadlines are not checked.
        #[arg(long, value_parser = parse_day)]
        today: Option<chrono::NaiveDate>,
        /// Exit with 1 on warnings too.
        #[arg(long)]
        strict: bool,
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
        /// Output format: json gives `days_off` (every Monday to Friday that is not a working
        /// day) and `working_weekend_days`.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Turn a Word document (.docx) into a content file: content/YEAR/KIND.LANG.md.
    Import {
        /// The .docx file.
        file: PathBuf,
        /// The analysis folder (YEAR or YEAR-2); default: the year of the document's date.
        #[arg(long, value_name = "YEAR")]
        analysis: Option<String>,
        /// The document's kind (order, work-plan, report…); default: recognised from its title.
        #[arg(long)]
        kind: Option<String>,
        /// The document's language (kk or ru); default: recognised from its letters.
        #[arg(long = "doc-lang", value_name = "kk|ru")]
        doc_lang: Option<String>,
        /// The document's date, when the document itself does not state it or states it wrongly
        /// (YYYY-MM-DD).
        #[arg(long, value_parser = parse_day)]
        date: Option<chrono::NaiveDate>,
        /// The document's number, when the document itself does not state it.
        #[arg(long)]
        number: Option<String>,
        /// The document's title, when it has no title line (a heading, or a bold centred line).
        #[arg(long)]
        title: Option<String>,
        /// Print the file instead of writing it.
        #[arg(long)]
        dry_run: bool,
        /// Overwrite the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Create a new site for an organisation in an empty or new folder.
    Init {
        /// The folder to create the site in.
        folder: PathBuf,
    },
    /// Preview the site at http://127.0.0.1:8000/, rebuilding and reloading on every save.
    Serve {
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
    },
    /// Build the site and upload what changed to the hosting (FTP, FTPS or SFTP).
    ///
    /// The password comes from the ASHYQ_DEPLOY_PASSWORD variable, or is asked without echo.
    Deploy {
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
        /// Files sent at once: FTP connections, or files in flight on the one SFTP connection,
        /// 1 to 16 (default: deploy.parallel in site.yaml, else 16 over SFTP and 8 over FTP). 1 sends
        /// one file after another.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=ashyq::deploy::parallel::MAX_WIDTH as i64))]
        parallel: Option<u16>,
    },
    /// Build the site and zip it, for a hosting file manager's "Upload" and "Extract".
    Package {
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
    },
}

/// What `new` starts.
#[derive(Subcommand)]
pub enum NewWhat {
    /// A new analysis: content/YEAR/ with every document, in both languages, dated by the rules.
    Analysis {
        /// The analysis's year (or YEAR-2 for a second analysis in one year).
        year: String,
        /// First day of the analysis (YYYY-MM-DD).
        #[arg(long, value_parser = parse_day)]
        start: chrono::NaiveDate,
        /// Last day of the analysis (YYYY-MM-DD).
        #[arg(long, value_parser = parse_day)]
        end: chrono::NaiveDate,
    },
}

/// How a report is written.
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn parse_day(s: &str) -> Result<chrono::NaiveDate, String> {
    content::parse_date(s).map_err(|m| m.text(UiLang::En))
}
