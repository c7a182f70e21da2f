//! The `ashyq` command line: a thin layer over the library. [`run`] reads the arguments
//! ([`args`]), runs one command ([`commands`]) and turns how it ended into the exit status
//! ([`console::Outcome`]); every text goes through [`console`].

mod args;
mod calendar;
mod commands;
mod console;
mod start;

use ashyq::content;
use ashyq::messages::UiLang;
use clap::{CommandFactory, FromArgMatches};
use console::{Outcome, Reporter};
use std::io::{IsTerminal, stderr, stdout};
use std::path::Path;

/// Runs the command line and gives its outcome.
pub fn run() -> Outcome {
    let parsed = args::Cli::command().try_get_matches().and_then(|m| Ok((args::Cli::from_arg_matches(&m)?, m)));
    let (cli, matches) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => return usage(&e),
    };
    let Some(command) = cli.command else {
        // No command: a double-click, or `ashyq` typed alone.
        let given = matches.value_source("root") == Some(clap::parser::ValueSource::CommandLine);
        return start::run(given.then_some(cli.root), cli.lang);
    };
    let folder = match &command {
        args::Command::Init { folder } => folder.as_path(),
        _ => cli.root.as_path(),
    };
    let report = Reporter::new(ui_lang(cli.lang, folder));
    commands::run(command, &cli.root, report)
}

/// Help, the version and wrong arguments, written like every other text.
fn usage(e: &clap::Error) -> Outcome {
    // clap's texts are English; so is the message if they cannot be written.
    Reporter::new(UiLang::En);
    let terminal = if e.use_stderr() { stderr().is_terminal() } else { stdout().is_terminal() };
    // Coloured on a terminal, as clap itself prints it; plain into a file or a pipe.
    let styled = e.render();
    let text = if terminal { styled.ansi().to_string() } else { styled.to_string() };
    if e.use_stderr() {
        console::err_line(text.trim_end());
    } else {
        console::out_line(text.trim_end());
    }
    if e.exit_code() == 0 { Outcome::Done } else { Outcome::Usage }
}

/// The language of messages: `--lang`, else the site's first language, else the locale's.
fn ui_lang(arg: Option<args::LangArg>, root: &Path) -> UiLang {
    let flag = arg.map(|a| match a {
        args::LangArg::Kk => UiLang::Kk,
        args::LangArg::Ru => UiLang::Ru,
        args::LangArg::En => UiLang::En,
    });
    let site = if flag.is_none() { content::load_config(root).ok() } else { None };
    UiLang::resolve(flag, site.as_ref().map(|c| c.default_language()), |name| {
        std::env::var(name).ok().or_else(|| system_language(name))
    })
}

/// Windows sets no `LANG`: the language the user chose for Windows stands in for it.
#[cfg(windows)]
fn system_language(name: &str) -> Option<String> {
    (name == "LANG").then(sys_locale::get_locale).flatten()
}

/// Unix says the user's language in the locale's variables alone.
#[cfg(not(windows))]
fn system_language(_: &str) -> Option<String> {
    None
}
