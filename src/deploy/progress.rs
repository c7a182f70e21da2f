//! How a deploy shows itself: a bar of files and bytes on a terminal (indicatif), one line per
//! file otherwise (CI logs, a redirected run), so that the log says what was sent.

use super::run::Progress;
use crate::messages::{Message, UiLang};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::HashMap;
use std::io::IsTerminal;

/// Progress on standard error, in `lang`: a bar when it is a terminal, lines otherwise. Lines
/// are written by `print`, the command line's writer for standard error: the library itself
/// never writes to a stream (the command line decides what a failed write means).
pub fn stderr(lang: UiLang, print: fn(&str)) -> Box<dyn Progress> {
    if std::io::stderr().is_terminal() { Box::new(Bar::new(lang, print)) } else { Box::new(Lines { lang, print }) }
}

/// One line per event.
pub struct Lines {
    /// The language of the lines.
    pub lang: UiLang,
    /// Writes one line.
    pub print: fn(&str),
}

impl Progress for Lines {
    fn say(&mut self, message: Message) {
        (self.print)(&message.text(self.lang));
    }
    fn start(&mut self, _: usize, _: u64) {}
    fn sent(&mut self, path: &str, bytes: u64) {
        self.say(Message::Sent { path: path.to_owned(), bytes });
    }
    fn deleted(&mut self, path: &str) {
        self.say(Message::Deleted { path: path.to_owned() });
    }
    fn finish(&mut self) {}
}

/// A bar: bytes as its length; files and sizes, in the user's language, as its message.
pub struct Bar {
    lang: UiLang,
    print: fn(&str),
    bar: ProgressBar,
    files: (usize, usize),
    /// Bytes of the files in place.
    landed: u64,
    /// Bytes sent so far of each large file on its way (several go side by side).
    on_the_way: HashMap<String, u64>,
}

impl Bar {
    fn new(lang: UiLang, print: fn(&str)) -> Bar {
        Bar { lang, print, bar: ProgressBar::hidden(), files: (0, 0), landed: 0, on_the_way: HashMap::new() }
    }

    /// The bar at the files in place and the parts of those on their way.
    fn show(&mut self) {
        self.bar.set_position(self.landed + self.on_the_way.values().sum::<u64>());
        self.bar.set_message(self.files_text());
    }

    fn files_text(&self) -> String {
        // The bar holds the bytes: sent so far as its position, all of them as its length.
        let (done, total, sent, bytes) = (self.files.0, self.files.1, self.bar.position(), self.bar.length());
        Message::ProgressFiles { done, total, sent, bytes: bytes.unwrap_or(0) }.text(self.lang)
    }
}

impl Progress for Bar {
    fn say(&mut self, message: Message) {
        // Lines go above the bar, which stays at the bottom.
        self.bar.suspend(|| (self.print)(&message.text(self.lang)));
    }

    fn start(&mut self, files: usize, bytes: u64) {
        self.files = (0, files);
        self.landed = 0;
        self.on_the_way.clear();
        self.bar = ProgressBar::with_draw_target(Some(bytes), ProgressDrawTarget::stderr());
        // Sizes are in the message, so that they read as the summary does (КБ, decimal comma).
        let style =
            ProgressStyle::with_template("{bar:30} {msg} {elapsed}").unwrap_or_else(|_| ProgressStyle::default_bar());
        self.bar.set_style(style);
        self.bar.set_message(self.files_text());
    }

    fn sending(&mut self, path: &str, so_far: u64) {
        // Again from 0 when a file is sent anew: the bar goes back by what was lost.
        self.on_the_way.insert(path.to_owned(), so_far);
        self.show();
    }

    fn sent(&mut self, path: &str, bytes: u64) {
        self.files.0 += 1;
        self.on_the_way.remove(path);
        self.landed += bytes;
        self.show();
    }

    fn deleted(&mut self, path: &str) {
        self.say(Message::Deleted { path: path.to_owned() });
    }

    fn finish(&mut self) {
        self.bar.finish_and_clear();
    }
}
