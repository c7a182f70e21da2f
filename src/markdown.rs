//! Markdown to HTML (DESIGN.md §4, §6): pulldown-cmark with tables, footnotes, strikethrough and
//! heading attributes; heading ids from the heading text; authors' links rewritten through a
//! resolver; raw HTML passed through, as the seed's tables need.

use crate::diagnostic::Diagnostic;
use crate::messages::Message;
use crate::site::Resolved;
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, Tokenizer};
use percent_encoding::percent_decode_str;
use pulldown_cmark::{Alignment, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;
use std::collections::{BTreeSet, HashMap, VecDeque};
use std::convert::Infallible;
use std::ops::Range;
use std::path::Path;

/// A rendered body.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Assets the body links to (paths inside `content/`), to be published.
    pub assets: Vec<String>,
    /// The output paths the body links to, so that the preview knows which pages to render
    /// again when one appears or goes.
    pub links: Vec<String>,
    /// Every `#fragment` the body links to, so that `check` can find the ones that lead nowhere.
    pub fragments: Vec<Fragment>,
    /// The body's reading text, for the summaries [`Input::reading`] asked for.
    pub reading: Reading,
}

/// A link to a place inside a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fragment {
    /// The page's output path, or `None` for the page itself (`#x`).
    pub target: Option<String>,
    /// The id linked to, percent-decoded.
    pub id: String,
    /// The link as written.
    pub dest: String,
    /// File line of the link.
    pub line: usize,
}

/// What the renderer needs to know about the page it renders.
pub struct Input<'a> {
    /// The Markdown body.
    pub body: &'a str,
    /// File line of the body's first line.
    pub body_line: usize,
    /// The source file, for findings.
    pub file: &'a Path,
    /// The accessible name of a scrollable table ("Table" in the page's language).
    pub table_label: &'a str,
    /// Ids the page's layout already uses (the theme's `main`, `vi-panel`, …): no heading or
    /// footnote takes them.
    pub reserved_ids: &'a BTreeSet<String>,
    /// The summary lengths to gather the reading text for (see [`Reading`]); none for no summary.
    pub reading: &'a [usize],
}

/// Attributes whose value is an address. `href` and `src` are resolved like Markdown links;
/// the others are only checked for unsafe schemes.
const URL_ATTRIBUTES: &[&[u8]] =
    &[b"href", b"src", b"action", b"formaction", b"poster", b"data", b"cite", b"background", b"xlink:href"];

/// A hard line break as the pages write it (HTML5, not pulldown-cmark's XHTML `<br />`).
const BR: &str = "<br>\n";

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `input`, resolving every link and image through `resolve`. Links that resolve to
/// nothing are reported with their line and left as written.
pub fn render(input: &Input, resolve: &dyn Fn(&str) -> Result<Resolved, Message>) -> (Rendered, Vec<Diagnostic>) {
    let st = State {
        input,
        resolve,
        diags: Vec::new(),
        out: Rendered { reading: Reading::new(input.reading), ..Rendered::default() },
        used_ids: input.reserved_ids.iter().cloned().collect(),
        footnotes: HashMap::new(),
        counted: (0, input.body_line),
    };
    let mut rw = Rewriter {
        events: Parser::new_ext(input.body, options()).into_offset_iter(),
        st,
        table: Table::default(),
        heading: None,
        image_depth: 0,
        buffer: Vec::new(),
        queue: VecDeque::new(),
        html_block: None,
    };
    let mut html = String::with_capacity(input.body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, &mut rw);
    let mut st = rw.st;
    st.out.html = html;
    (st.out, st.diags)
}

/// Rewrites pulldown-cmark's events on the fly (only a heading's own events are held back, to
/// make its id from its text), so no page is ever held as a whole list of events.
struct Rewriter<'i, 'a, I> {
    events: I,
    st: State<'a>,
    table: Table,
    heading: Option<(HeadingLevel, Option<CowStr<'i>>, Vec<CowStr<'i>>, usize)>,
    /// Inside an image, whose content becomes its `alt` text: nothing there is output as HTML.
    image_depth: usize,
    buffer: Vec<Event<'i>>,
    queue: VecDeque<Event<'i>>,
    /// A raw HTML block being collected: its text, and where each piece of it starts in the
    /// block and in the body (a block inside a list or quote is not one slice of the body).
    html_block: Option<(String, Vec<(usize, usize)>)>,
}

impl<'i, I: Iterator<Item = (Event<'i>, Range<usize>)>> Iterator for Rewriter<'i, '_, I> {
    type Item = Event<'i>;

    fn next(&mut self) -> Option<Event<'i>> {
        loop {
            if let Some(e) = self.queue.pop_front() {
                return Some(e);
            }
            let (event, range) = self.events.next()?;
            self.st.out.reading.push(&event);
            let Some(e) = self.step(event, range) else { continue };
            if self.heading.is_some() {
                self.buffer.push(e);
            } else {
                return Some(e);
            }
        }
    }
}

impl<'i, I> Rewriter<'i, '_, I> {
    /// One event in, at most one out; `None` when the event is held or dropped.
    fn step(&mut self, event: Event<'i>, range: Range<usize>) -> Option<Event<'i>> {
        let html = |s: &'static str| Some(Event::Html(s.into()));
        match event {
            // A link inside an image's alt text is never output: it is neither checked nor
            // rewritten. An email autolink gets its `mailto:` from the HTML writer.
            Event::Start(Tag::Link { link_type, dest_url, title, id })
                if self.image_depth == 0 && link_type != LinkType::Email =>
            {
                let dest_url = self.st.link(dest_url, range.start);
                Some(Event::Start(Tag::Link { link_type, dest_url, title, id }))
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = if self.image_depth == 0 { self.st.link(dest_url, range.start) } else { dest_url };
                self.image_depth += 1;
                Some(Event::Start(Tag::Image { link_type, dest_url, title, id }))
            }
            Event::End(TagEnd::Image) => {
                self.image_depth = self.image_depth.saturating_sub(1);
                Some(Event::End(TagEnd::Image))
            }
            Event::FootnoteReference(name) => Some(Event::FootnoteReference(self.st.footnote_id(&name).into())),
            Event::Start(Tag::FootnoteDefinition(name)) => {
                Some(Event::Start(Tag::FootnoteDefinition(self.st.footnote_id(&name).into())))
            }
            Event::Start(Tag::Heading { level, id, classes, .. }) => {
                self.heading = Some((level, id, classes, range.start));
                None
            }
            Event::End(TagEnd::Heading(_)) => {
                let (level, id, classes, start) = self.heading.take()?;
                let inner = std::mem::take(&mut self.buffer);
                let id = self.st.heading_id(id.as_deref(), &plain_text(&inner), start);
                self.queue.push_back(Event::Html(open_heading(level, &id, &classes).into()));
                self.queue.extend(inner);
                self.queue.push_back(Event::Html(format!("</{level}>\n").into()));
                self.queue.pop_front()
            }
            Event::Start(Tag::Table(aligns)) => {
                self.table = Table { aligns, ..Table::default() };
                Some(Event::Html(format!("{}<table>", wrap_open(self.st.input.table_label)).into()))
            }
            Event::End(TagEnd::Table) => {
                html(if self.table.body_open { "</tbody></table></div>\n" } else { "</table></div>\n" })
            }
            Event::Start(Tag::TableHead) => {
                self.table.in_head = true;
                html("<thead><tr>")
            }
            Event::End(TagEnd::TableHead) => {
                self.table.in_head = false;
                html("</tr></thead>")
            }
            Event::Start(Tag::TableRow) => {
                self.table.column = 0;
                let open = if self.table.body_open { "<tr>" } else { "<tbody><tr>" };
                self.table.body_open = true;
                html(open)
            }
            Event::End(TagEnd::TableRow) => html("</tr>\n"),
            Event::Start(Tag::TableCell) => html(self.table.open_cell()),
            Event::End(TagEnd::TableCell) => {
                self.table.column += 1;
                html(if self.table.in_head { "</th>" } else { "</td>" })
            }
            Event::Start(Tag::HtmlBlock) => {
                self.html_block = Some((String::new(), Vec::new()));
                None
            }
            Event::Html(text) if self.html_block.is_some() => {
                let (block, segments) = self.html_block.as_mut()?;
                segments.push((block.len(), range.start));
                block.push_str(&text);
                None
            }
            Event::End(TagEnd::HtmlBlock) => {
                let (block, segments) = self.html_block.take().unwrap_or_default();
                let block = self.st.rewrite_html(block, &segments);
                Some(Event::Html(wrap_raw_table(block, self.st.input.table_label).into()))
            }
            Event::InlineHtml(text) if self.image_depth == 0 => {
                Some(Event::InlineHtml(self.st.rewrite_html(text.into_string(), &[(0, range.start)]).into()))
            }
            // pulldown-cmark writes XHTML's `<br />`; the pages are HTML5.
            // In an image the writer makes the break a space of the alt text.
            Event::HardBreak if self.image_depth == 0 => Some(Event::InlineHtml(BR.into())),
            Event::Rule => html("<hr>\n"),
            other => Some(other),
        }
    }
}

struct State<'a> {
    input: &'a Input<'a>,
    resolve: &'a dyn Fn(&str) -> Result<Resolved, Message>,
    diags: Vec<Diagnostic>,
    out: Rendered,
    /// Every id given on the page so far, the layout's included.
    used_ids: BTreeSet<String>,
    /// Footnote label (lower-cased, as labels match) → its id.
    footnotes: HashMap<String, String>,
    /// The last offset whose line was counted, and that line: links come in order, so each
    /// line number costs only the text since the previous one.
    counted: (usize, usize),
}

impl State<'_> {
    fn line(&mut self, offset: usize) -> usize {
        let (from, line) = if offset >= self.counted.0 { self.counted } else { (0, self.input.body_line) };
        // Counted over bytes, which the compiler vectorises: `str::matches` searches for each line
        // end in turn, 1% of a build's CPU with one call per link.
        let line = line
            + self.input.body.as_bytes().get(from..offset).map_or(0, |t| t.iter().filter(|&&b| b == b'\n').count());
        self.counted = (offset, line);
        line
    }

    /// Rewrites the `href` and `src` of the tags in a piece of raw HTML as Markdown links are
    /// rewritten, and reports the broken ones at their lines; other attributes that hold an
    /// address are checked for unsafe schemes. `segments` maps offsets in `html` to offsets in
    /// the body. html5gum reads the HTML as browsers do (quotes, entities, letter case), and
    /// gives each value's place, so only the values are replaced and the rest stays as written.
    fn rewrite_html(&mut self, html: String, segments: &[(usize, usize)]) -> String {
        if !html.contains('=') {
            return html;
        }
        let mut values: Vec<(Vec<u8>, Range<usize>, String)> = Vec::new();
        let mut attr = Vec::new();
        let emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, span: Span<usize>| -> Option<Infallible> {
            match event {
                CallbackEvent::AttributeName { name } => attr = name.to_ascii_lowercase(),
                CallbackEvent::AttributeValue { value }
                    if attr == b"id" || URL_ATTRIBUTES.contains(&attr.as_slice()) =>
                {
                    values.push((attr.clone(), span.start..span.end, String::from_utf8_lossy(value).into_owned()));
                }
                _ => {}
            }
            None
        });
        let _ = Tokenizer::new_with_emitter(html.as_str(), Quiet(emitter)).finish();
        let mut out = String::with_capacity(html.len());
        let (mut done, mut changed) = (0, false);
        for (name, span, value) in values {
            let Some(raw) = html.get(span.clone()) else { continue };
            let (block_at, body_at) = segments.iter().rev().find(|s| s.0 <= span.start).copied().unwrap_or((0, 0));
            let offset = body_at + html.get(block_at..span.start).map_or(0, str::len);
            let line = self.line(offset.min(self.input.body.len()));
            if name == b"id" {
                self.raw_id(value, line);
                continue;
            }
            let new = if name == b"href" || name == b"src" {
                self.link_at(CowStr::from(value.clone()), line).into_string()
            } else {
                if let Some(scheme) = crate::content::unsafe_scheme(&value) {
                    let message = Message::UnsafeLink { dest: value.clone(), scheme: scheme.to_owned() };
                    self.diags.push(Diagnostic::error(self.input.file.to_path_buf(), Some(line), message));
                }
                value.clone()
            };
            if new != value && span.start >= done {
                out.push_str(html.get(done..span.start).unwrap_or_default());
                let mut escaped = String::new();
                let _ = escape_html(&mut escaped, &new);
                out.push_str(&escaped.replace('\'', "&#39;"));
                done = span.start + raw.len();
                changed = true;
            }
        }
        if !changed {
            return html;
        }
        out.push_str(html.get(done..).unwrap_or_default());
        out
    }

    fn link<'e>(&mut self, dest: CowStr<'e>, offset: usize) -> CowStr<'e> {
        let line = self.line(offset);
        self.link_at(dest, line)
    }

    /// Resolves `dest`, written on file line `line`.
    fn link_at<'e>(&mut self, dest: CowStr<'e>, line: usize) -> CowStr<'e> {
        let fragment = dest.split_once('#').map(|(_, f)| percent_decode_str(f).decode_utf8_lossy().into_owned());
        match (self.resolve)(&dest) {
            Ok(Resolved::Keep) => {
                if let (true, Some(id)) = (dest.starts_with('#'), fragment) {
                    self.out.fragments.push(Fragment { target: None, id, dest: dest.to_string(), line });
                }
                dest
            }
            Ok(Resolved::Output { href, target }) => {
                if let Some(id) = fragment.filter(|f| !f.is_empty()) {
                    self.out.fragments.push(Fragment {
                        target: Some(target.clone()),
                        id,
                        dest: dest.to_string(),
                        line,
                    });
                }
                self.out.links.push(target);
                href.into()
            }
            Ok(Resolved::Asset(href, rel)) => {
                self.out.assets.push(rel);
                href.into()
            }
            Err(message) => {
                self.diags.push(Diagnostic::error(self.input.file.to_path_buf(), Some(line), message));
                dest
            }
        }
    }

    /// The id of a heading: the author's `{#id}`, else the text lower-cased with spaces as `-`
    /// (Cyrillic kept). An automatic id already taken on the page (by a heading, a footnote or
    /// the layout) gets the first free `-1`, `-2`, …; a taken explicit id is the author's
    /// mistake, an error at the heading's line.
    fn heading_id(&mut self, explicit: Option<&str>, text: &str, offset: usize) -> String {
        match explicit {
            Some(id) if self.used_ids.contains(id) => {
                let line = self.line(offset);
                let message = Message::DuplicateId { id: id.to_owned() };
                self.diags.push(Diagnostic::error(self.input.file.to_path_buf(), Some(line), message));
                self.unique(id)
            }
            Some(id) => self.unique(id),
            None => self.unique(&slug(text)),
        }
    }

    /// An id the author wrote in raw HTML: it joins the page's ids, and one already taken is
    /// an error, as a repeated `{#id}` is.
    fn raw_id(&mut self, id: String, line: usize) {
        if !self.used_ids.insert(id.clone()) {
            let message = Message::DuplicateId { id };
            self.diags.push(Diagnostic::error(self.input.file.to_path_buf(), Some(line), message));
        }
    }

    /// The id of footnote `label`, the same for its references and its definition; `fn-`
    /// keeps it apart from heading ids in the common case, and the page's set in every case.
    fn footnote_id(&mut self, label: &str) -> String {
        let key = label.to_lowercase();
        if let Some(id) = self.footnotes.get(&key) {
            return id.clone();
        }
        let id = self.unique(&format!("fn-{}", slug(label)));
        self.footnotes.insert(key, id.clone());
        id
    }

    /// `base`, or the first of `base-1`, `base-2`, … that the page does not use yet; taken.
    fn unique(&mut self, base: &str) -> String {
        let mut id = base.to_owned();
        let mut n = 0;
        while self.used_ids.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.used_ids.insert(id.clone());
        id
    }
}

/// Every `id` in a page's HTML, entities decoded, read as browsers read it (any quoting).
pub fn html_ids(html: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut is_id = false;
    let emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, _: Span<()>| -> Option<Infallible> {
        match event {
            CallbackEvent::AttributeName { name } => is_id = name.eq_ignore_ascii_case(b"id"),
            CallbackEvent::AttributeValue { value } if is_id => {
                ids.insert(String::from_utf8_lossy(value).into_owned());
            }
            _ => {}
        }
        None
    });
    let _ = Tokenizer::new_with_emitter(html, Quiet(emitter)).finish();
    ids
}

/// An html5gum emitter that does not look for parse errors. The callback emitter asks for them,
/// which makes the tokenizer check every character of the page; nothing here reads them, and
/// that check was a tenth of a build's time.
struct Quiet<E>(E);

impl<E: Emitter> ForwardingEmitter for Quiet<E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }
}

/// Heading text → id: letters and digits kept (lower-cased), runs of spaces and dashes become
/// one `-`, other punctuation dropped.
pub fn slug(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        // Latin and Cyrillic (with the Kazakh letters) first: the general Unicode lookup is slow.
        let letter = c.is_ascii_alphanumeric() || ('\u{0400}'..='\u{04FF}').contains(&c) || c.is_alphanumeric();
        if letter || c == '_' {
            s.push(c);
        } else if (c.is_whitespace() || c == '-') && !s.is_empty() && !s.ends_with('-') {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-');
    if s.is_empty() { "section".to_owned() } else { s.to_owned() }
}

/// The words a reader sees in a Markdown text (no markup, links as their text, raw HTML left
/// out), with every run of white space made one space: what a quote from it must match.
pub fn words_of(markdown: &str) -> String {
    let events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
    plain_text(&events).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The body's text as a reader sees it, for a summary: blocks and list items kept apart by a space
/// (a heading does not run into the paragraph after it), inline marks dropped, tables left out (a
/// table's cells in a row are no sentence: a summary is never a flattened table). Reading
/// stops at the first block or word end past `enough` letters: a summary needs no more, and the
/// feed asks it of every document on every build.
pub fn reading_text(markdown: &str, enough: usize) -> String {
    // pulldown-cmark reads all of a text's blocks before its first event, so a summary first
    // reads a prefix that ends at a blank line (blocks before it parse as in the whole text)
    // and is long enough for `enough` letters. Reference definitions (`[x]: …`) may stand
    // anywhere and change the words before them: with one, the whole text is read.
    if !markdown.contains("]:")
        && let Some(cut) = blank_line_after(markdown, enough.saturating_mul(8))
        && let (text, true) = read_until(&markdown[..cut], enough)
    {
        return text;
    }
    read_until(markdown, enough).0
}

/// The end of the first blank line at or after byte `from`, if the text goes on past it.
fn blank_line_after(text: &str, from: usize) -> Option<usize> {
    let start = text.char_indices().map(|(i, _)| i).find(|&i| i >= from)?;
    text[start..].find("\n\n").map(|i| start + i + 2).filter(|&end| end < text.len())
}

/// The reading text of `markdown` up to the first block or word end past `enough` letters, and
/// whether it stopped there (rather than at the end of the text).
fn read_until(markdown: &str, enough: usize) -> (String, bool) {
    let mut reading = Reading::new(&[enough]);
    for e in Parser::new_ext(markdown, options()) {
        reading.push(&e);
        if reading.has_enough() {
            break;
        }
    }
    let stopped = reading.has_enough();
    (reading.into_text(enough), stopped)
}

/// A body's reading text (see [`reading_text`]) gathered from its parser's events, for summaries
/// of several lengths at once: each stops at the first block or word end past its own number of
/// letters, so a shorter one is a prefix of a longer one. The page's rendering gathers it from
/// the events it renders, so a summary costs no second reading of the text.
#[derive(Clone, Debug, Default)]
pub struct Reading {
    text: String,
    letters: usize,
    /// How deep inside tables the events are: their cells are not read.
    in_table: usize,
    /// Each length asked for, and where the text stopped for it once it had enough.
    wants: Vec<(usize, Option<usize>)>,
}

impl Reading {
    /// A reading that gathers enough for each of `enough` letters.
    pub fn new(enough: &[usize]) -> Self {
        Reading { wants: enough.iter().map(|&n| (n, None)).collect(), ..Reading::default() }
    }

    /// Whether every length asked for has its text.
    fn has_enough(&self) -> bool {
        self.wants.iter().all(|(_, cut)| cut.is_some())
    }

    /// Takes in the body's next event.
    fn push(&mut self, e: &Event) {
        if self.has_enough() {
            return;
        }
        match e {
            Event::Start(Tag::Table(_)) => self.in_table += 1,
            Event::End(TagEnd::Table) => self.in_table = self.in_table.saturating_sub(1),
            _ if self.in_table > 0 => return,
            _ => {}
        }
        let s = &mut self.text;
        let before = s.len();
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            Event::InlineHtml(t) if t.as_ref() == BR => s.push(' '),
            Event::End(end) if !is_inline(*end) => s.push(' '),
            _ => {}
        }
        self.letters += s[before..].chars().count();
        if s.ends_with(char::is_whitespace) {
            for (enough, cut) in &mut self.wants {
                if cut.is_none() && self.letters > *enough {
                    *cut = Some(s.len());
                }
            }
        }
    }

    /// The reading text for `enough` letters (one of the lengths asked for; else all gathered).
    pub fn text(&self, enough: usize) -> &str {
        let cut = self.wants.iter().find(|(n, _)| *n == enough).and_then(|(_, cut)| *cut);
        cut.map_or(self.text.as_str(), |c| &self.text[..c])
    }

    fn into_text(mut self, enough: usize) -> String {
        let len = self.text(enough).len();
        self.text.truncate(len);
        self.text
    }
}

/// Whether a closing tag ends an inline mark, which runs on with the words around it.
fn is_inline(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            Event::InlineHtml(t) if t.as_ref() == BR => s.push(' '),
            _ => {}
        }
    }
    s
}

fn open_heading(level: HeadingLevel, id: &str, classes: &[CowStr]) -> String {
    let mut s = format!("<{level} id=\"");
    let _ = escape_html(&mut s, id);
    s.push('"');
    if !classes.is_empty() {
        s.push_str(" class=\"");
        let _ = escape_html(&mut s, &classes.join(" "));
        s.push('"');
    }
    s.push('>');
    s
}

/// A wide table scrolls sideways inside its own box instead of breaking a phone's layout; the
/// box is focusable so that keyboard users can scroll it too.
fn wrap_open(label: &str) -> String {
    let mut s = String::from("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
    let _ = escape_html(&mut s, label);
    s.push_str("\">");
    s
}

fn wrap_raw_table(block: String, label: &str) -> String {
    let t = block.trim();
    // `get`, not `[..6]`: the block may start with a Cyrillic letter inside its first six bytes.
    let opens = t.get(..6).is_some_and(|head| head.eq_ignore_ascii_case("<table"));
    let closes = t.len() >= 8 && t.get(t.len() - 8..).is_some_and(|tail| tail.eq_ignore_ascii_case("</table>"));
    let is_table = opens && closes;
    if is_table { format!("{}{t}</div>\n", wrap_open(label)) } else { block }
}

#[derive(Default)]
struct Table {
    aligns: Vec<Alignment>,
    in_head: bool,
    body_open: bool,
    column: usize,
}

impl Table {
    fn open_cell(&self) -> &'static str {
        let align = self.aligns.get(self.column).copied().unwrap_or(Alignment::None);
        match (self.in_head, align) {
            (true, Alignment::None) => "<th scope=\"col\">",
            (true, Alignment::Left) => "<th scope=\"col\" style=\"text-align: left\">",
            (true, Alignment::Center) => "<th scope=\"col\" style=\"text-align: center\">",
            (true, Alignment::Right) => "<th scope=\"col\" style=\"text-align: right\">",
            (false, Alignment::None) => "<td>",
            (false, Alignment::Left) => "<td style=\"text-align: left\">",
            (false, Alignment::Center) => "<td style=\"text-align: center\">",
            (false, Alignment::Right) => "<td style=\"text-align: right\">",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_text_keeps_blocks_apart_marks_inline_and_leaves_tables_out() {
        let md = "# БҰЙРЫҚ\n\nҚордай ауданы\n\n| № | Іс-шара |\n|---|---|\n| 1 | *ә*ң |\n\n- ё\n- «»\n";
        let words: Vec<String> = reading_text(md, usize::MAX).split_whitespace().map(str::to_owned).collect();
        assert_eq!(words, ["БҰЙРЫҚ", "Қордай", "ауданы", "ё", "«»"]);
    }

    #[test]
    fn reading_text_keeps_words_marked_in_pieces_whole_and_stops_when_it_has_enough() {
        assert_eq!(
            reading_text("# Бұй**рық**\n\n«Арай»[ы](x.md) ё", 100).split_whitespace().collect::<Vec<_>>(),
            ["Бұйрық", "«Арай»ы", "ё"]
        );
        let huge = "Сөз, «сөз».\n\n".repeat(1_000_000);
        let head = reading_text(&huge, 280);
        assert!(head.chars().count() < 1_000, "{}", head.chars().count());
        assert!(head.chars().count() > 280);
    }

    fn md(body: &str) -> (Rendered, Vec<Diagnostic>) {
        md_reading(body, &[])
    }

    fn md_reading(body: &str, reading: &[usize]) -> (Rendered, Vec<Diagnostic>) {
        let reserved: BTreeSet<String> = ["main", "vi-panel"].map(str::to_owned).into();
        let input = Input {
            body,
            body_line: 5,
            file: Path::new("content/x.kk.md"),
            table_label: "Кесте",
            reserved_ids: &reserved,
            reading,
        };
        render(&input, &|dest: &str| match dest {
            "order.kk.md" => Ok(Resolved::Output { href: "../order/".into(), target: "kk/order/".into() }),
            "order.kk.md#x" => Ok(Resolved::Output { href: "../order/#x".into(), target: "kk/order/".into() }),
            "files/a.pdf" => Ok(Resolved::Asset("../../files/a.pdf".into(), "files/a.pdf".into())),
            "nowhere.kk.md" | "javascript:alert(1)" => Err(Message::BrokenLink { dest: dest.into() }),
            _ => Ok(Resolved::Keep),
        })
    }

    #[test]
    fn heading_ids_keep_cyrillic() {
        let (r, _) = md("## 1. Персоналды басқару\n\n## Шешім\n\n## Шешім\n\n### Кастом {#own}\n");
        assert!(r.html.contains("<h2 id=\"1-персоналды-басқару\">1. Персоналды басқару</h2>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"шешім-1\">"));
        assert!(r.html.contains("<h3 id=\"own\">Кастом</h3>"));
        assert_eq!(ids(&r.html), ["1-персоналды-басқару", "шешім", "шешім-1", "own"]);
    }

    fn ids(html: &str) -> Vec<&str> {
        html.split(" id=\"").skip(1).filter_map(|s| s.split('"').next()).collect()
    }

    #[test]
    fn every_id_on_a_page_is_unique() {
        let (r, d) =
            md("# foo\n\n# foo-1\n\n# foo\n\n# Main\n\n# VI panel\n\nМәтін[^note].\n\n# Note\n\n[^note]: Ескерту.\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(ids(&r.html), ["foo", "foo-1", "foo-2", "main-1", "vi-panel-1", "note", "fn-note"], "{}", r.html);
        assert!(r.html.contains("<a href=\"#fn-note\">1</a>"), "{}", r.html);
        // A heading that would take a footnote's id gives way.
        let (r, _) = md("[^a] [^A]\n\n# Fn a\n\n[^a]: x\n");
        assert_eq!(ids(&r.html), ["fn-a-1", "fn-a"], "{}", r.html);
    }

    #[test]
    fn a_repeated_or_reserved_explicit_id_is_an_error_at_its_line() {
        let (r, d) = md("# A {#x}\n\n# B {#x}\n\n# C {#main}\n");
        let lines: Vec<_> = d.iter().map(|d| (d.line, d.message.clone())).collect();
        assert_eq!(
            lines,
            [(Some(7), Message::DuplicateId { id: "x".into() }), (Some(9), Message::DuplicateId { id: "main".into() })]
        );
        assert_eq!(ids(&r.html), ["x", "x-1", "main-1"]);
    }

    #[test]
    fn ids_are_the_same_whether_the_tokenizer_looks_for_errors_or_not() {
        // `Quiet` only stops html5gum reporting parse errors: on the worst HTML (NUL, control
        // characters, surrogate-range entities, missing spaces and quotes, a tag cut off at the
        // end) the ids must be exactly those the error-checking tokenizer finds.
        let worst = [
            "<p id=\"ә\0ң\">a\u{1}\u{7f}</p><div id='«ё»'id=x><span ID=&#1105;к>б</span>",
            "<h2 id=\"a&amp;b&#xD800;\"><a id=z<b id=\"в\u{FFFF}\"><!-- id=\"не\" --><script>x='<i id=q>'</script>",
            "<textarea><p id=in-text></textarea><img id=last/",
        ];
        for html in worst {
            let mut checked = BTreeSet::new();
            let mut is_id = false;
            let emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, _: Span<()>| -> Option<Infallible> {
                match event {
                    CallbackEvent::AttributeName { name } => is_id = name.eq_ignore_ascii_case(b"id"),
                    CallbackEvent::AttributeValue { value } if is_id => {
                        checked.insert(String::from_utf8_lossy(value).into_owned());
                    }
                    _ => {}
                }
                None
            });
            let _ = Tokenizer::new_with_emitter(html, emitter).finish();
            assert!(!checked.is_empty(), "{html}");
            assert_eq!(html_ids(html), checked, "{html}");
        }
    }

    #[test]
    fn ids_in_raw_html_take_part() {
        let (r, d) = md("<p id='шешім'>x</p>\n\n# Шешім\n\nа <span id=\"x\">б</span> <a id=main>в</a>\n");
        assert!(r.html.contains("<h1 id=\"шешім-1\">"), "{}", r.html);
        let found: Vec<_> = d.iter().map(|d| (d.line, d.message.clone())).collect();
        assert_eq!(found, [(Some(9), Message::DuplicateId { id: "main".into() })]);
        let all: Vec<String> = html_ids(&r.html).into_iter().collect();
        assert_eq!(all, ["main", "x", "шешім", "шешім-1"]);
    }

    #[test]
    fn a_hard_break_is_a_space_in_alt_text_and_heading_ids() {
        let (r, _) = md("![Бір  \nекі](files/a.pdf)\n\nБір\\\nекі\n===\n\nБір  \nекі\n");
        assert!(r.html.contains("alt=\"Бір екі\""), "{}", r.html);
        assert_eq!(ids(&r.html), ["бір-екі"]);
        assert!(r.html.contains("Бір<br>\nекі"), "{}", r.html);
    }

    #[test]
    fn email_autolinks_and_links_in_alt_text_are_not_checked() {
        let (r, d) = md("<info@arai.kz>\n\n![a [b](nowhere.kk.md)](files/a.pdf)\n");
        assert!(d.is_empty(), "{d:?}");
        assert!(r.html.contains("href=\"mailto:info@arai.kz\""), "{}", r.html);
        assert_eq!(r.assets, ["files/a.pdf"]);
    }

    #[test]
    fn links_in_raw_html_are_rewritten_and_checked_like_markdown_links() {
        let body = "<table>\n<tr><td>«Бұйрық»</td><td><a href=\"order.kk.md\">бұйрық</a></td></tr>\n<tr><td><img alt=\"ә\" src='files/a.pdf'></td>\n<td><A HREF=nowhere.kk.md>жоқ</A></td></tr>\n</table>\n\nМәтін <a href=\"order.kk.md#x\" title=\"ә\">бұйрық</a> <a href=\"https://x.kz\">x</a>\n\n- <a\n  href=\"javascript:alert(1)\">x</a>\n";
        let (r, d) = md(body);
        assert!(r.html.contains("<a href=\"../order/\">бұйрық</a>"), "{}", r.html);
        assert!(r.html.contains("<img alt=\"ә\" src='../../files/a.pdf'>"), "{}", r.html);
        assert!(r.html.contains("<A HREF=nowhere.kk.md>"), "{}", r.html);
        assert!(r.html.contains("<a href=\"../order/#x\" title=\"ә\">"), "{}", r.html);
        assert!(r.html.contains("<a href=\"https://x.kz\">"), "{}", r.html);
        assert_eq!(r.assets, ["files/a.pdf"]);
        assert_eq!(r.fragments.len(), 1);
        assert_eq!(r.fragments[0].line, 11);
        let found: Vec<_> = d.iter().map(|d| (d.line, d.message.id())).collect();
        assert_eq!(found, [(Some(8), "broken-link"), (Some(14), "broken-link")], "{}", r.html);
    }

    #[test]
    fn links_are_rewritten_and_broken_ones_reported_at_their_line() {
        let (r, d) = md("[a](order.kk.md) [b](files/a.pdf)\n\ntext\n[c](nowhere.kk.md)\n");
        assert!(r.html.contains("href=\"../order/\""));
        assert!(r.html.contains("href=\"../../files/a.pdf\""));
        assert_eq!(r.assets, ["files/a.pdf"]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, Some(8));
    }

    #[test]
    fn tables_get_scope_and_a_scrolling_box() {
        let (r, _) = md("| № | Аты |\n|:-:|---|\n| 1 | а |\n");
        assert!(r.html.contains("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Кесте\"><table><thead><tr><th scope=\"col\" style=\"text-align: center\">№</th><th scope=\"col\">Аты</th></tr></thead><tbody><tr><td style=\"text-align: center\">1</td><td>а</td></tr>"), "{}", r.html);
        let (r, _) = md("<table>\n<tr><td>x</td></tr>\n</table>\n");
        assert!(r.html.starts_with("<div class=\"table-wrap\""), "{}", r.html);
    }

    #[test]
    fn raw_html_passes_through() {
        let (r, _) = md("<p lang=\"ru\">Приказ</p>\n");
        assert_eq!(r.html, "<p lang=\"ru\">Приказ</p>\n");
    }

    #[test]
    fn raw_html_blocks_in_cyrillic_do_not_panic() {
        for block in ["<p>Приказ</p>", "<div>Мәтін</div>", "<!-- Ескерту -->", "<p>Жоқ", "<div>ә</TABLE>"]
        {
            let (r, _) = md(&format!("{block}\n"));
            assert_eq!(r.html, format!("{block}\n"));
        }
        let (r, _) = md("<TABLE><tr><td>ә</td></tr></Table>\n");
        assert!(r.html.starts_with("<div class=\"table-wrap\""), "{}", r.html);
    }

    /// Markdown and HTML markup, whole words, line endings, NUL and BOM: with the Kazakh and
    /// Russian letters (`domain::lang::CYRILLIC`), the pieces that authors' files are made of, and
    /// that broke byte arithmetic before.
    pub(crate) const PIECES: &[&str] = &[
        "Приказ",
        "Мәтін",
        " ",
        "\t",
        "    ",
        "\n",
        "\r\n",
        "\0",
        "\u{FEFF}",
        "<",
        ">",
        "[",
        "]",
        "(",
        ")",
        "#",
        "*",
        "_",
        "`",
        "!",
        "{",
        "}",
        "\\",
        "|",
        "-",
        ":",
        "=",
        "\"",
        "'",
        "&",
        ";",
        "p",
        "a",
        "div",
        "table",
        "/",
        "<!--",
        "-->",
        "](",
        "[^",
        "http://x.kz",
        "order.kk.md",
        "nowhere.kk.md",
        "files/a.pdf",
        "info@arai.kz",
        "javascript:",
        "{#",
        "---",
        "1.",
        "> ",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        #[test]
        fn any_mix_of_cyrillic_and_markup_renders_without_panic(
            parts in proptest::collection::vec(proptest::prop_oneof![proptest::sample::select(&crate::domain::lang::CYRILLIC[..]), proptest::sample::select(PIECES)], 0..80)
        ) {
            let body: String = parts.concat();
            let (r, d) = md(&body);
            let (again, _) = md(&body);
            proptest::prop_assert_eq!(&r.html, &again.html, "the same input must give the same page");
            if !body.contains('\0') {
                proptest::prop_assert!(!r.html.contains('\0'));
            }
            for diag in d {
                let line = diag.line.unwrap_or(0);
                proptest::prop_assert!(line >= 5 && line <= 5 + body.matches('\n').count() + 1);
            }
            let ids: Vec<&str> = r.html.split(" id=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
            let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
            proptest::prop_assert_eq!(ids.len(), unique.len(), "{}", r.html);
        }

        #[test]
        fn a_summary_read_from_a_prefix_is_the_summary_of_the_whole_text(
            parts in proptest::collection::vec(proptest::prop_oneof![proptest::sample::select(&crate::domain::lang::CYRILLIC[..]), proptest::sample::select(PIECES)], 0..400),
            refs in proptest::collection::vec(proptest::sample::select(&["[ә][р]", "[р]", "\n[р]: http://x.kz\n", "\n[^ё]: сөз\n", "[^ё]"][..]), 0..4),
            enough in 0usize..60,
        ) {
            // Paragraph breaks often enough that a prefix is taken; a reference defined late.
            let mut body: String = parts.iter().enumerate().map(|(i, p)| if i % 7 == 6 { "\n\n" } else { p }).collect();
            for (i, r) in refs.iter().enumerate() {
                let at = body.char_indices().map(|(b, _)| b).nth(i * body.chars().count() / 4).unwrap_or(body.len());
                body.insert_str(at, r);
            }
            proptest::prop_assert_eq!(reading_text(&body, enough), read_until(&body, enough).0, "{:?}", body);
            // The page's rendering gathers the same texts, of two lengths at once, from its events.
            let (rendered, _) = md_reading(&body, &[enough, enough + 23]);
            for n in [enough, enough + 23] {
                proptest::prop_assert_eq!(rendered.reading.text(n), reading_text(&body, n), "{} {:?}", n, body);
            }
        }
    }
}
