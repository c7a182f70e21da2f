//! The command line's only writer of text to standard output and standard error (the library
//! writes to no stream: it returns its results, or prints through a function given to it), and
//! the one place where how a command ended ([`Outcome`]) becomes the process's exit status.
//!
//! Rust's print macros panic when a write fails. Here a failed write is handled once, for every
//! command: a reader that went away (`ashyq check | head -1`) ends the command quietly, as it
//! ends other tools; any other failure (a full disk behind `2>log`, `/dev/full`) ends it with one
//! message, on the other stream if that one still works, and status 1.

use ashyq::diagnostic::{self, Diagnostic};
use ashyq::messages::{Message, UiLang};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::OnceLock;

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It did what it was asked (help and the version included).
    Done,
    /// It could not: an error, told already.
    Failed,
    /// `check` found errors (or, with `--strict`, warnings).
    Findings,
    /// The arguments were wrong (clap's usage message, told already).
    Usage,
    /// Its reader went away (`ashyq check | head -1`).
    ClosedPipe,
    /// A text could not be written (a full disk behind `2>log`).
    WriteFailed,
}

impl Outcome {
    /// The exit status. A closed pipe gives 128 + SIGPIPE, what a shell reports for `ls | head
    /// -1` under `set -o pipefail`: status 0 would claim a check passed whose report nobody read.
    pub fn status(self) -> u8 {
        match self {
            Outcome::Done => 0,
            Outcome::Failed | Outcome::Findings | Outcome::WriteFailed => 1,
            Outcome::Usage => 2,
            Outcome::ClosedPipe => 141,
        }
    }

    /// Ends the process now with this outcome's status (for a failed write, which may happen deep
    /// inside a command that otherwise runs on, such as the preview).
    fn exit(self) -> ! {
        std::process::exit(i32::from(self.status()))
    }
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        ExitCode::from(outcome.status())
    }
}

/// Tells the user what happened, in their language: the one way commands report.
#[derive(Clone, Copy, Debug)]
pub struct Reporter {
    /// The language of every message.
    pub lang: UiLang,
}

impl Reporter {
    /// Makes the reporter for `lang`; a failed write is told in it too.
    pub fn new(lang: UiLang) -> Reporter {
        let _ = LANG.set(lang);
        Reporter { lang }
    }

    /// Tells `message` on standard error.
    pub fn say(&self, message: &Message) {
        err_line(&message.text(self.lang));
    }

    /// Tells every finding, sorted, on standard error.
    pub fn findings(&self, diags: &mut [Diagnostic]) {
        diagnostic::sort(diags);
        for d in diags.iter() {
            err_line(&d.render(self.lang));
        }
    }

    /// Tells the error that stopped the command.
    pub fn failed(&self, d: &Diagnostic) -> Outcome {
        err_line(&d.render(self.lang));
        Outcome::Failed
    }

    /// Tells every finding of a command that stopped.
    pub fn failed_with(&self, diags: &mut [Diagnostic]) -> Outcome {
        self.findings(diags);
        Outcome::Failed
    }
}

/// The language of the message about a failed write, set once the command knows it.
static LANG: OnceLock<UiLang> = OnceLock::new();

/// Which stream a text goes to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Stream {
    Out,
    Err,
}

/// Writes `text` to standard output as it is.
pub fn out(text: &str) {
    write(Stream::Out, text.as_bytes());
}

/// Writes `text` and a line break to standard output.
pub fn out_line(text: &str) {
    write(Stream::Out, format!("{text}\n").as_bytes());
}

/// Writes `text` and a line break to standard output when a program reads it (a pipe, a file),
/// not on a terminal: there the person reads the same address in a sentence on standard error
/// (the double-click start's window).
pub fn out_line_for_scripts(text: &str) {
    if !io::stdout().is_terminal() {
        out_line(text);
    }
}

/// Writes `text` and a line break to standard error.
pub fn err_line(text: &str) {
    write(Stream::Err, format!("{text}\n").as_bytes());
}

fn write(stream: Stream, bytes: &[u8]) {
    if let Err(e) = raw(stream, bytes) {
        failed(stream, &e);
    }
}

fn raw(stream: Stream, bytes: &[u8]) -> io::Result<()> {
    // Flushed at once: a buffered error would otherwise surface, unreported, at exit.
    match stream {
        Stream::Out => {
            let mut out = io::stdout().lock();
            out.write_all(bytes).and_then(|()| out.flush())
        }
        Stream::Err => {
            let mut err = io::stderr().lock();
            err.write_all(bytes).and_then(|()| err.flush())
        }
    }
}

/// Ends the process after a failed write; see the module's comment.
fn failed(stream: Stream, e: &io::Error) -> ! {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Outcome::ClosedPipe.exit();
    }
    let lang = LANG.get().copied().unwrap_or_default();
    let (name, other) = match stream {
        Stream::Out => ("stdout", Stream::Err),
        Stream::Err => ("stderr", Stream::Out),
    };
    let text = Message::WriteFailed { stream: name.to_owned(), detail: e.to_string() }.text(lang);
    // The other stream may be closed or full too: then there is nobody left to tell.
    let _ = raw(other, format!("{text}\n").as_bytes());
    Outcome::WriteFailed.exit();
}
