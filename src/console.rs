//! The command line's only writer of text to standard output and standard error (the library
//! writes to no stream: it returns its results, or prints through a function given to it).
//!
//! Rust's print macros panic when a write fails. Here a failed write is handled once, for every
//! command: a reader that went away (`ashyq check | head -1`) ends the command quietly, as it
//! ends other tools; any other failure (a full disk behind `2>log`, `/dev/full`) ends it with one
//! message, on the other stream if that one still works, and status 1.

use ashyq::messages::{Message, UiLang};
use std::io::{self, Write};
use std::sync::OnceLock;

/// The status after a closed pipe: 128 + SIGPIPE, what a shell reports for `ls | head -1`
/// under `set -o pipefail`. Status 0 would claim a check passed whose report nobody read.
pub const CLOSED_PIPE: i32 = 141;

/// The language of the message about a failed write, set once the command knows it.
static LANG: OnceLock<UiLang> = OnceLock::new();

/// Sets the language of the message about a failed write (the first call wins).
pub fn set_lang(lang: UiLang) {
    let _ = LANG.set(lang);
}

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
        std::process::exit(CLOSED_PIPE);
    }
    let lang = LANG.get().copied().unwrap_or_default();
    let (name, other) = match stream {
        Stream::Out => ("stdout", Stream::Err),
        Stream::Err => ("stderr", Stream::Out),
    };
    let text = Message::WriteFailed { stream: name.to_owned(), detail: e.to_string() }.text(lang);
    // The other stream may be closed or full too: then there is nobody left to tell.
    let _ = raw(other, format!("{text}\n").as_bytes());
    std::process::exit(1);
}
