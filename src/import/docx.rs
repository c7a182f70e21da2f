//! A focused reader of the WordprocessingML that organisations' documents use: paragraphs with
//! their styles, alignment and numbering, runs with bold, italic, superscript and subscript,
//! line breaks, tables with merged cells, text boxes and shapes (their text where it stands),
//! pictures with their alt text; and, to say what was not converted, charts, comments, notes,
//! tracked changes and fields. Elements are known by their local names, so Strict Open XML (the
//! `http://purl.oclc.org/ooxml/` namespaces) reads as the Transitional one. The XML is
//! untrusted: a DOCTYPE is refused (so no entity is ever expanded) and nesting is bounded.

use crate::messages::Message;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::BTreeMap;

/// Deeper XML than this is refused; Word's own documents stay well under 60.
pub const MAX_DEPTH: usize = 200;

/// A run's place on the line: a superscript (м²) or subscript (H₂O) changes what it says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Vert {
    /// On the line.
    #[default]
    Base,
    /// Raised.
    Super,
    /// Lowered.
    Sub,
}

/// A piece of a paragraph.
#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    /// Text with its emphasis.
    Text {
        /// The characters, as in the document (non-breaking spaces kept).
        text: String,
        /// Bold.
        bold: bool,
        /// Italic.
        italic: bool,
        /// Superscript or subscript.
        vert: Vert,
    },
    /// A picture stored in the package.
    Image {
        /// The relationship id (`rId7`) that names its part.
        id: String,
        /// The alt text the document gives it (`wp:docPr`'s `descr`, else its `title`).
        alt: String,
    },
    /// A line break inside the paragraph.
    Break,
    /// A reference to a footnote (`fn2`) or an endnote (`en2`).
    Note(String),
    /// The start of a hyperlink's text, with its address (`r:id` resolved), if it has one.
    LinkStart(Option<String>),
    /// The end of a hyperlink's text.
    LinkEnd,
}

/// A paragraph as Word holds it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Para {
    /// Its number in the document, counting every paragraph (tables' too), from 1.
    pub index: usize,
    /// The paragraph style's id (`Heading1`, `ListNumber`).
    pub style: Option<String>,
    /// Centred.
    pub centred: bool,
    /// Word numbering: the list's id and the level.
    pub num: Option<(String, u8)>,
    /// Its content.
    pub inlines: Vec<Inline>,
}

/// Unicode's superscript forms of what it has them for: digits, signs and brackets, `n`, `i`.
const SUPER: &[(char, char)] = &[
    ('0', '⁰'),
    ('1', '¹'),
    ('2', '²'),
    ('3', '³'),
    ('4', '⁴'),
    ('5', '⁵'),
    ('6', '⁶'),
    ('7', '⁷'),
    ('8', '⁸'),
    ('9', '⁹'),
    ('+', '⁺'),
    ('-', '⁻'),
    ('−', '⁻'),
    ('=', '⁼'),
    ('(', '⁽'),
    (')', '⁾'),
    ('n', 'ⁿ'),
    ('i', 'ⁱ'),
];

/// Unicode's subscript forms of digits, signs and brackets.
const SUB: &[(char, char)] = &[
    ('0', '₀'),
    ('1', '₁'),
    ('2', '₂'),
    ('3', '₃'),
    ('4', '₄'),
    ('5', '₅'),
    ('6', '₆'),
    ('7', '₇'),
    ('8', '₈'),
    ('9', '₉'),
    ('+', '₊'),
    ('-', '₋'),
    ('−', '₋'),
    ('=', '₌'),
    ('(', '₍'),
    (')', '₎'),
];

/// `text` raised or lowered in Unicode's own characters (`2` → `²`), when every character has
/// such a form (or already is one, or is a space); `None` otherwise (`а` raised has none that
/// fonts show).
pub fn unicode_vert(text: &str, vert: Vert) -> Option<String> {
    let table = match vert {
        Vert::Base => return Some(text.to_owned()),
        Vert::Super => SUPER,
        Vert::Sub => SUB,
    };
    text.chars()
        .map(|c| {
            if c.is_whitespace() || table.iter().any(|&(_, to)| to == c) {
                Some(c)
            } else {
                table.iter().find(|&&(from, _)| from == c).map(|&(_, to)| to)
            }
        })
        .collect()
}

impl Para {
    /// The paragraph's text, breaks as newlines, raised and lowered digits in Unicode's forms.
    pub fn text(&self) -> String {
        self.inlines
            .iter()
            .map(|i| match i {
                Inline::Text { text, vert, .. } => unicode_vert(text, *vert).unwrap_or_else(|| text.clone()),
                Inline::Break => "\n".to_owned(),
                Inline::Note(_) | Inline::LinkStart(_) | Inline::LinkEnd | Inline::Image { .. } => String::new(),
            })
            .collect()
    }

    /// The pictures it holds, as relationship ids.
    pub fn images(&self) -> impl Iterator<Item = &str> {
        self.inlines.iter().filter_map(|i| if let Inline::Image { id, .. } = i { Some(id.as_str()) } else { None })
    }

    /// Text or a picture: something a reader sees.
    fn has_content(&self) -> bool {
        self.images().next().is_some() || !self.text().trim().is_empty()
    }

    /// Every character is bold (and there is some text).
    pub fn all_bold(&self) -> bool {
        let mut any = false;
        for i in &self.inlines {
            if let Inline::Text { text, bold, .. } = i
                && !text.trim().is_empty()
            {
                if !bold {
                    return false;
                }
                any = true;
            }
        }
        any
    }
}

/// How a table cell takes part in a vertical merge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum VMerge {
    /// Not merged.
    #[default]
    None,
    /// The first cell of a merge.
    Restart,
    /// Covered by the cell above.
    Continue,
}

/// A table cell.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cell {
    /// Grid columns it spans.
    pub span: u32,
    /// Its part in a vertical merge.
    pub vmerge: VMerge,
    /// Its content.
    pub blocks: Vec<Block>,
}

/// A table row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    /// Marked to repeat as the header.
    pub header: bool,
    /// Its cells.
    pub cells: Vec<Cell>,
}

/// A block of the document body.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A paragraph.
    Para(Para),
    /// A table.
    Table(Vec<Row>),
}

/// Every paragraph, those in tables too, in document order.
pub fn all_paras(blocks: &[Block]) -> Vec<&Para> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Para(p) => out.push(p),
            Block::Table(rows) => {
                for cell in rows.iter().flat_map(|r| &r.cells) {
                    out.extend(all_paras(&cell.blocks));
                }
            }
        }
    }
    out
}

/// What could not be converted, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lost {
    /// A picture not stored in the package (linked to a file elsewhere), a chart or a diagram.
    Image,
    /// A comment.
    Comment,
    /// A footnote or an endnote.
    Note,
}

/// The body read, with what did not make it.
#[derive(Clone, Debug, Default)]
pub struct Body {
    /// The blocks in order.
    pub blocks: Vec<Block>,
    /// Things left out: what, and the paragraph they were in.
    pub lost: Vec<(Lost, usize)>,
    /// Fields kept as the value Word last showed: their code, and the paragraph.
    pub fields: Vec<(String, usize)>,
    /// Tracked insertions and deletions pending (the insertions were kept, the deletions dropped).
    pub tracked: usize,
    /// The notes referred to: `fn2`/`en2` → the paragraph number of the reference.
    pub note_refs: Vec<(String, usize)>,
    /// In a notes part: each note's blocks.
    pub notes: BTreeMap<String, Vec<Block>>,
}

/// Reads an XML part and refuses what a word processor does not write: a DOCTYPE (the door to
/// entity expansion) and nesting beyond [`MAX_DEPTH`]. Gives the events to `on`.
pub(crate) fn walk_xml(xml: &str, mut on: impl FnMut(&Event<'_>, usize)) -> Result<(), Message> {
    let mut reader = Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| Message::ImportBroken { detail: e.to_string() })?;
        match &event {
            Event::DocType(_) => return Err(Message::ImportDoctype),
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Message::ImportTooDeep { limit: MAX_DEPTH });
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        on(&event, depth);
        if let Event::End(_) = event {
            depth = depth.saturating_sub(1);
        }
    }
}

fn name(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_owned()
}

/// An attribute's value by its local name (`w:val` → `val`).
pub(crate) fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// A `w:b`/`w:i` toggle: on unless `w:val` says off.
fn on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off" | "none"))
}

/// Elements whose whole content is left out: deleted text, a move's source, property-change
/// history, and instruction text of fields.
const SKIPPED: &[&str] = &["del", "moveFrom", "rPrChange", "pPrChange", "sectPr", "instrText", "delText"];

#[derive(Default)]
struct State {
    body: Body,
    /// Open containers: the paragraphs and tables being built.
    stack: Vec<Frame>,
    paragraphs: usize,
    skip_until: Option<usize>,
    in_rpr: bool,
    in_ppr: bool,
    bold: bool,
    italic: bool,
    vert: Vert,
    in_text: bool,
    /// Inside a complex field's result (`separate` seen, `end` not yet).
    field: Option<String>,
    field_code: String,
    in_instr: bool,
    /// Open `mc:AlternateContent`s: whether a branch of each was taken (the others are the
    /// same content for other readers, and are skipped).
    alternates: Vec<bool>,
    /// Open drawings (`w:drawing`, `w:pict`, `w:object`): the alt text each gives.
    drawings: Vec<String>,
    /// In a notes part: the note being read, and where its blocks start.
    note: Option<(String, usize)>,
    /// The part's relationships: `rId5` → an external address.
    links: BTreeMap<String, String>,
}

enum Frame {
    Para(Para),
    Table(Vec<Row>),
    Row(Row),
    Cell(Cell),
    /// A text box's content: its paragraphs become blocks where the box stands; the paragraph
    /// that holds the box goes on after it.
    TextBox(Option<Para>),
}

impl State {
    fn para(&mut self) -> Option<&mut Para> {
        match self.stack.last_mut() {
            Some(Frame::Para(p)) => Some(p),
            _ => None,
        }
    }

    fn here(&self) -> usize {
        self.stack
            .iter()
            .rev()
            .find_map(|f| if let Frame::Para(p) = f { Some(p.index) } else { None })
            .unwrap_or(self.paragraphs.max(1))
    }

    fn push_text(&mut self, text: &str) {
        if self.in_instr {
            self.field_code.push_str(text);
            return;
        }
        if !self.in_text {
            return;
        }
        let (bold, italic, vert) = (self.bold, self.italic, self.vert);
        if let Some(p) = self.para() {
            match p.inlines.last_mut() {
                Some(Inline::Text { text: t, bold: b, italic: i, vert: v }) if (*b, *i, *v) == (bold, italic, vert) => {
                    t.push_str(text)
                }
                _ => p.inlines.push(Inline::Text { text: text.to_owned(), bold, italic, vert }),
            }
        }
    }

    fn push_block(&mut self, block: Block) {
        match self.stack.iter_mut().rev().find(|f| !matches!(f, Frame::TextBox(_))) {
            Some(Frame::Cell(c)) => c.blocks.push(block),
            _ => self.body.blocks.push(block),
        }
    }

    /// A text box begins: what its paragraph held so far is a block of its own, the box's
    /// paragraphs follow, and the rest of the paragraph after them (reading order is document
    /// order: Word, LibreOffice and pandoc read a box where it is anchored).
    fn open_text_box(&mut self) {
        let outer = match self.stack.last() {
            Some(Frame::Para(_)) => match self.stack.pop() {
                Some(Frame::Para(p)) => Some(p),
                _ => None,
            },
            _ => None,
        };
        let rest = outer.map(|mut p| {
            if !p.has_content() {
                return p;
            }
            let mut rest =
                Para { index: p.index, style: p.style.clone(), centred: p.centred, num: None, inlines: vec![] };
            // A link the box stands in is closed before it and opened again after it.
            let open_link = p.inlines.iter().rev().find_map(|i| match i {
                Inline::LinkStart(url) => Some(Some(url.clone())),
                Inline::LinkEnd => Some(None),
                _ => None,
            });
            if let Some(Some(url)) = open_link {
                p.inlines.push(Inline::LinkEnd);
                rest.inlines.push(Inline::LinkStart(url));
            }
            self.push_block(Block::Para(p));
            rest
        });
        self.stack.push(Frame::TextBox(rest));
    }

    fn close_text_box(&mut self) {
        while let Some(frame) = self.stack.pop() {
            match frame {
                Frame::TextBox(rest) => {
                    if let Some(p) = rest {
                        self.stack.push(Frame::Para(p));
                    }
                    return;
                }
                Frame::Para(p) => self.push_block(Block::Para(p)),
                Frame::Table(t) => self.push_block(Block::Table(t)),
                Frame::Row(_) | Frame::Cell(_) => {}
            }
        }
    }

    /// A picture: its relationship id and the alt text of the drawing it is in.
    fn image(&mut self, id: String) {
        let alt = self.drawings.last().cloned().unwrap_or_default();
        if let Some(p) = self.para() {
            p.inlines.push(Inline::Image { id, alt });
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, depth: usize, empty: bool) {
        let n = name(e);
        if self.skip_until.is_some() {
            return;
        }
        if SKIPPED.contains(&n.as_str()) {
            if n == "del" || n == "moveFrom" {
                self.body.tracked += 1;
            }
            if n == "instrText" {
                self.in_instr = !empty;
                return;
            }
            if !empty {
                self.skip_until = Some(depth);
            }
            return;
        }
        let n = n.as_str();
        match n {
            "p" | "pPr" | "rPr" | "r" | "pStyle" | "jc" | "ilvl" | "numId" | "b" | "i" | "vertAlign" | "t" | "tab"
            | "noBreakHyphen" | "br" | "cr" => self.start_paragraph(e, n, empty),
            "AlternateContent" | "Choice" | "Fallback" | "txbxContent" | "drawing" | "pict" | "object" | "docPr"
            | "cNvPr" | "shape" | "blip" | "imagedata" | "chart" | "relIds" => self.start_drawing(e, n, depth, empty),
            "ins" | "moveTo" | "hyperlink" | "commentReference" | "footnoteReference" | "endnoteReference"
            | "footnote" | "endnote" | "fldSimple" | "fldChar" => self.start_reference(e, n, empty),
            "tbl" | "tr" | "tc" | "tblHeader" | "gridSpan" | "vMerge" => self.start_table(e, n),
            _ => {}
        }
    }

    /// A paragraph, a run, and their properties (style, alignment, list level, bold, italic,
    /// superscript).
    fn start_paragraph(&mut self, e: &BytesStart<'_>, n: &str, empty: bool) {
        match n {
            "p" => {
                self.paragraphs += 1;
                let para = Para { index: self.paragraphs, ..Para::default() };
                if empty {
                    self.push_block(Block::Para(para));
                } else {
                    self.stack.push(Frame::Para(para));
                }
            }
            "pPr" => self.in_ppr = !empty,
            "rPr" => self.in_rpr = !empty,
            "r" => {
                self.bold = false;
                self.italic = false;
                self.vert = Vert::Base;
            }
            "pStyle" if self.in_ppr && !self.in_rpr => {
                let v = attr(e, "val");
                if let Some(p) = self.para() {
                    p.style = v;
                }
            }
            "jc" if self.in_ppr && !self.in_rpr => {
                let c = attr(e, "val").is_some_and(|v| v == "center");
                if let Some(p) = self.para() {
                    p.centred = c;
                }
            }
            "ilvl" | "numId" if self.in_ppr => {
                let v = attr(e, "val").unwrap_or_default();
                if let Some(p) = self.para() {
                    let (mut id, mut lvl) = p.num.clone().unwrap_or_default();
                    if n == "ilvl" {
                        lvl = v.parse().unwrap_or(0).min(8);
                    } else {
                        id = v;
                    }
                    p.num = Some((id, lvl));
                }
            }
            "b" if self.in_rpr && !self.in_ppr => self.bold = on(e),
            "i" if self.in_rpr && !self.in_ppr => self.italic = on(e),
            "vertAlign" if self.in_rpr && !self.in_ppr => {
                self.vert = match attr(e, "val").as_deref() {
                    Some("superscript") => Vert::Super,
                    Some("subscript") => Vert::Sub,
                    _ => Vert::Base,
                };
            }
            "t" => self.in_text = !empty,
            "tab" if !self.in_ppr => {
                self.in_text = true;
                self.push_text("\t");
                self.in_text = false;
            }
            "noBreakHyphen" => {
                self.in_text = true;
                self.push_text("\u{2011}");
                self.in_text = false;
            }
            "br" | "cr" => {
                // A page or column break is layout, not a line of the text.
                if matches!(attr(e, "type").as_deref(), None | Some("textWrapping"))
                    && let Some(p) = self.para()
                {
                    p.inlines.push(Inline::Break);
                }
            }
            _ => {}
        }
    }

    /// Alternative content, text boxes, drawings and their pictures with alt text.
    fn start_drawing(&mut self, e: &BytesStart<'_>, n: &str, depth: usize, empty: bool) {
        match n {
            "AlternateContent" if !empty => self.alternates.push(false),
            "Choice" | "Fallback" => {
                if let Some(taken) = self.alternates.last_mut() {
                    if *taken && !empty {
                        self.skip_until = Some(depth);
                    }
                    *taken = true;
                }
            }
            "txbxContent" if !empty => self.open_text_box(),
            "drawing" | "pict" | "object" if !empty => self.drawings.push(String::new()),
            // The alt text: Word's «Description», else its «Title» (older Word showed both).
            "docPr" | "cNvPr" => {
                let alt = attr(e, "descr").filter(|d| !d.trim().is_empty()).or_else(|| attr(e, "title"));
                if let (Some(top), Some(alt)) = (self.drawings.last_mut(), alt)
                    && top.is_empty()
                {
                    *top = alt.trim().to_owned();
                }
            }
            // A VML shape's alt text.
            "shape" => {
                if let (Some(top), Some(alt)) = (self.drawings.last_mut(), attr(e, "alt"))
                    && top.is_empty()
                {
                    *top = alt.trim().to_owned();
                }
            }
            "blip" => match attr(e, "embed") {
                Some(id) if !id.is_empty() => self.image(id),
                _ => self.body.lost.push((Lost::Image, self.here())),
            },
            "imagedata" => match attr(e, "id") {
                Some(id) if !id.is_empty() => self.image(id),
                _ => self.body.lost.push((Lost::Image, self.here())),
            },
            "chart" | "relIds" => self.body.lost.push((Lost::Image, self.here())),
            _ => {}
        }
    }

    /// What points elsewhere: links, comments, notes and fields; and tracked changes.
    fn start_reference(&mut self, e: &BytesStart<'_>, n: &str, empty: bool) {
        match n {
            "ins" | "moveTo" => self.body.tracked += 1,
            "hyperlink" if !empty => {
                let url = attr(e, "id").and_then(|id| self.links.get(&id).cloned());
                if let Some(p) = self.para() {
                    p.inlines.push(Inline::LinkStart(url));
                }
            }
            "commentReference" => self.body.lost.push((Lost::Comment, self.here())),
            "footnoteReference" | "endnoteReference" => {
                let prefix = if n == "footnoteReference" { "fn" } else { "en" };
                let id = format!("{prefix}{}", attr(e, "id").unwrap_or_default());
                let here = self.here();
                self.body.note_refs.push((id.clone(), here));
                if let Some(p) = self.para() {
                    p.inlines.push(Inline::Note(id));
                }
            }
            // A note's own text: separators have a type and are layout, not text.
            "footnote" | "endnote" if attr(e, "type").is_none() => {
                let prefix = if n == "footnote" { "fn" } else { "en" };
                let id = format!("{prefix}{}", attr(e, "id").unwrap_or_default());
                self.note = Some((id, self.body.blocks.len()));
            }
            "fldSimple" => {
                let code = attr(e, "instr").unwrap_or_default();
                self.body.fields.push((code.trim().to_owned(), self.here()));
            }
            "fldChar" => match attr(e, "fldCharType").as_deref() {
                Some("begin") => {
                    self.field = Some(String::new());
                    self.field_code.clear();
                }
                Some("separate") | Some("end") if self.field.take().is_some() => {
                    let code = std::mem::take(&mut self.field_code);
                    self.body.fields.push((code.trim().to_owned(), self.here()));
                }
                _ => {}
            },
            _ => {}
        }
    }

    /// A table, its rows and cells, and how cells span.
    fn start_table(&mut self, e: &BytesStart<'_>, n: &str) {
        match n {
            "tbl" => self.stack.push(Frame::Table(Vec::new())),
            "tr" => self.stack.push(Frame::Row(Row::default())),
            "tc" => self.stack.push(Frame::Cell(Cell { span: 1, ..Cell::default() })),
            "tblHeader" => {
                if let Some(Frame::Row(r)) = self.stack.last_mut() {
                    r.header = on(e);
                }
            }
            "gridSpan" => {
                let span = attr(e, "val").and_then(|v| v.parse::<u32>().ok()).unwrap_or(1).clamp(1, 63);
                if let Some(Frame::Cell(c)) = self.stack.last_mut() {
                    c.span = span;
                }
            }
            "vMerge" => {
                let restart = attr(e, "val").is_some_and(|v| v == "restart");
                if let Some(Frame::Cell(c)) = self.stack.last_mut() {
                    c.vmerge = if restart { VMerge::Restart } else { VMerge::Continue };
                }
            }

            _ => {}
        }
    }

    fn end(&mut self, n: &str, depth: usize) {
        if let Some(d) = self.skip_until {
            if d == depth {
                self.skip_until = None;
            }
            return;
        }
        match n {
            "instrText" => self.in_instr = false,
            "pPr" => self.in_ppr = false,
            "rPr" => self.in_rpr = false,
            "t" => self.in_text = false,
            "txbxContent" => self.close_text_box(),
            "AlternateContent" => {
                self.alternates.pop();
            }
            "drawing" | "pict" | "object" => {
                self.drawings.pop();
            }
            "hyperlink" => {
                if let Some(p) = self.para() {
                    p.inlines.push(Inline::LinkEnd);
                }
            }
            "footnote" | "endnote" => {
                if let Some((id, from)) = self.note.take() {
                    let blocks = self.body.blocks.split_off(from.min(self.body.blocks.len()));
                    self.body.notes.insert(id, blocks);
                }
            }
            "p" => {
                if let Some(Frame::Para(p)) = self.stack.pop() {
                    self.push_block(Block::Para(p));
                }
            }
            "tc" => {
                if let Some(Frame::Cell(c)) = self.stack.pop()
                    && let Some(Frame::Row(r)) = self.stack.last_mut()
                {
                    r.cells.push(c);
                }
            }
            "tr" => {
                if let Some(Frame::Row(r)) = self.stack.pop()
                    && let Some(Frame::Table(t)) = self.stack.last_mut()
                {
                    t.push(r);
                }
            }
            "tbl" => {
                if let Some(Frame::Table(t)) = self.stack.pop() {
                    self.push_block(Block::Table(t));
                }
            }
            _ => {}
        }
    }
}

/// The characters of an entity reference: the five XML ones and numeric ones. Anything else
/// would need a DTD, which is refused.
fn entity(name: &str) -> Result<String, Message> {
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => {
            let n = name.strip_prefix('#').ok_or(Message::ImportDoctype)?;
            let code = match n.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16),
                None => n.parse(),
            };
            code.ok().and_then(char::from_u32).ok_or_else(|| Message::ImportBroken { detail: format!("&{name};") })?
        }
    };
    Ok(c.to_string())
}

/// Reads the document's main part (or a notes part) into blocks; `links` resolves hyperlinks'
/// `r:id`s.
pub fn read_body(xml: &str, links: &BTreeMap<String, String>) -> Result<Body, Message> {
    let mut st = State { links: links.clone(), ..State::default() };
    let mut error = None;
    walk_xml(xml, |event, depth| {
        if error.is_some() {
            return;
        }
        match event {
            Event::Start(e) => st.start(e, depth, false),
            Event::Empty(e) => st.start(e, depth + 1, true),
            Event::End(e) => st.end(e.local_name().as_ref(), depth),
            Event::Text(t) if st.skip_until.is_none() => st.push_text(&t.xml10_content()),
            Event::CData(t) if st.skip_until.is_none() => st.push_text(&t.xml10_content()),
            Event::GeneralRef(r) if st.skip_until.is_none() => match entity(r) {
                Ok(s) => st.push_text(&s),
                Err(m) => error = Some(m),
            },
            _ => {}
        }
    })?;
    if let Some(m) = error {
        return Err(m);
    }
    // A table or paragraph left open by a truncated part is still text the document holds.
    while let Some(frame) = st.stack.pop() {
        match frame {
            Frame::Para(p) => st.push_block(Block::Para(p)),
            Frame::Table(t) => st.push_block(Block::Table(t)),
            Frame::TextBox(Some(p)) => st.push_block(Block::Para(p)),
            Frame::Row(_) | Frame::Cell(_) | Frame::TextBox(None) => {}
        }
    }
    Ok(st.body)
}

/// One level of a list's numbering.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Level {
    /// `decimal`, `bullet`, `lowerLetter`, `russianLower`…
    pub format: String,
    /// The label's pattern: `%1.`, `%1.%2.`, `•`.
    pub text: String,
    /// The first number.
    pub start: u32,
}

/// `word/numbering.xml`: list id → its nine levels.
#[derive(Clone, Debug, Default)]
pub struct Numbering {
    /// numId → levels (index = ilvl).
    pub lists: BTreeMap<String, Vec<Level>>,
}

/// Reads `word/numbering.xml`.
pub fn read_numbering(xml: &str) -> Result<Numbering, Message> {
    let mut abstracts: BTreeMap<String, Vec<Level>> = BTreeMap::new();
    let mut nums: Vec<(String, String, BTreeMap<usize, u32>)> = Vec::new();
    let mut current_abs: Option<String> = None;
    let mut level: Option<usize> = None;
    let mut in_num = false;
    let mut override_lvl: Option<usize> = None;
    walk_xml(xml, |event, _| {
        let (Event::Start(e) | Event::Empty(e)) = event else {
            if let Event::End(e) = event {
                match e.local_name().as_ref() {
                    "abstractNum" => current_abs = None,
                    "lvl" => level = None,
                    "num" => in_num = false,
                    "lvlOverride" => override_lvl = None,
                    _ => {}
                }
            }
            return;
        };
        let empty = matches!(event, Event::Empty(_));
        match name(e).as_str() {
            "abstractNum" if !empty => current_abs = attr(e, "abstractNumId"),
            "lvl" if !empty && !in_num => {
                if let Some(a) = &current_abs {
                    let i = attr(e, "ilvl").and_then(|v| v.parse::<usize>().ok()).unwrap_or(0).min(8);
                    let levels = abstracts.entry(a.clone()).or_default();
                    if levels.len() <= i {
                        levels.resize(i + 1, Level { start: 1, ..Level::default() });
                    }
                    level = Some(i);
                }
            }
            key @ ("numFmt" | "lvlText" | "start") => {
                if let (Some(a), Some(i)) = (&current_abs, level)
                    && let Some(l) = abstracts.get_mut(a).and_then(|v| v.get_mut(i))
                {
                    let v = attr(e, "val").unwrap_or_default();
                    match key {
                        "numFmt" => l.format = v,
                        "lvlText" => l.text = v,
                        _ => l.start = v.parse().unwrap_or(1),
                    }
                }
            }
            "num" if !empty => {
                in_num = true;
                nums.push((attr(e, "numId").unwrap_or_default(), String::new(), BTreeMap::new()));
            }
            "abstractNumId" if in_num => {
                if let Some(n) = nums.last_mut() {
                    n.1 = attr(e, "val").unwrap_or_default();
                }
            }
            "lvlOverride" if in_num => {
                override_lvl = attr(e, "ilvl").and_then(|v| v.parse::<usize>().ok()).map(|v| v.min(8));
            }
            "startOverride" if in_num => {
                if let (Some(n), Some(i)) = (nums.last_mut(), override_lvl) {
                    n.2.insert(i, attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(1));
                }
            }
            _ => {}
        }
    })?;
    let mut lists = BTreeMap::new();
    for (id, abs, overrides) in nums {
        let mut levels = abstracts.get(&abs).cloned().unwrap_or_default();
        for (i, start) in overrides {
            if let Some(l) = levels.get_mut(i) {
                l.start = start;
            }
        }
        lists.insert(id, levels);
    }
    Ok(Numbering { lists })
}

/// A style as `word/styles.xml` defines it: its heading level, and its own numbering.
#[derive(Clone, Debug, Default)]
pub struct Style {
    /// 1–9 for heading styles.
    pub heading: Option<u8>,
    /// The list a paragraph of this style is numbered in.
    pub num: Option<(String, u8)>,
}

/// Reads `word/styles.xml`: style id → what the importer needs. A style is a heading when its
/// name is `heading N` (Word's built-in names, whatever the interface language) or it has an
/// outline level.
pub fn read_styles(xml: &str) -> Result<BTreeMap<String, Style>, Message> {
    let mut styles = BTreeMap::new();
    let mut current: Option<(String, Style)> = None;
    walk_xml(xml, |event, _| match event {
        Event::Start(e) | Event::Empty(e) => match name(e).as_str() {
            "style" if matches!(event, Event::Start(_)) => {
                current = attr(e, "styleId").map(|id| (id, Style::default()));
            }
            "name" => {
                if let Some((_, s)) = current.as_mut() {
                    let v = attr(e, "val").unwrap_or_default().to_lowercase();
                    if let Some(n) = v.strip_prefix("heading ").and_then(|n| n.trim().parse::<u8>().ok()) {
                        s.heading = Some(n.clamp(1, 9));
                    }
                }
            }
            "outlineLvl" => {
                if let Some((_, s)) = current.as_mut()
                    && let Some(n) = attr(e, "val").and_then(|v| v.parse::<u8>().ok())
                    && n < 9
                {
                    s.heading.get_or_insert(n + 1);
                }
            }
            key @ ("numId" | "ilvl") => {
                if let Some((_, s)) = current.as_mut() {
                    let v = attr(e, "val").unwrap_or_default();
                    let (mut id, mut lvl) = s.num.clone().unwrap_or_default();
                    if key == "numId" {
                        id = v;
                    } else {
                        lvl = v.parse().unwrap_or(0).min(8);
                    }
                    s.num = Some((id, lvl));
                }
            }
            _ => {}
        },
        Event::End(e) if e.local_name().as_ref() == "style" => {
            if let Some((id, s)) = current.take() {
                styles.insert(id, s);
            }
        }
        _ => {}
    })?;
    Ok(styles)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn doc(body: &str) -> String {
        format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#)
    }

    #[test]
    fn runs_keep_emphasis_breaks_and_every_letter() {
        let xml = doc(r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Әә Іі Ңң</w:t></w:r>
            <w:r><w:br/><w:t xml:space="preserve">ғ ү ұ қ ө һ&#160;«Арай» &amp; </w:t></w:r><w:r><w:rPr><w:i w:val="1"/><w:b w:val="0"/></w:rPr><w:t>ё</w:t></w:r></w:p>"#);
        let body = read_body(&xml, &BTreeMap::new()).unwrap_or_default();
        let Some(Block::Para(p)) = body.blocks.first() else { panic!("no paragraph: {body:?}") };
        assert!(p.centred);
        assert_eq!(p.text(), "Әә Іі Ңң\nғ ү ұ қ ө һ\u{a0}«Арай» & ё");
        assert!(matches!(&p.inlines[0], Inline::Text { bold: true, italic: false, .. }));
        assert!(matches!(p.inlines.last(), Some(Inline::Text { bold: false, italic: true, .. })));
    }

    #[test]
    fn doctype_and_depth_are_refused() {
        let xxe = r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>"#;
        assert_eq!(read_body(xxe, &BTreeMap::new()).err(), Some(Message::ImportDoctype));
        let deep = format!("{}{}", "<a>".repeat(MAX_DEPTH + 1), "</a>".repeat(MAX_DEPTH + 1));
        assert_eq!(read_body(&deep, &BTreeMap::new()).err(), Some(Message::ImportTooDeep { limit: MAX_DEPTH }));
        assert!(read_body("<x>&unknown;</x>", &BTreeMap::new()).is_err());
    }

    #[test]
    fn tracked_changes_keep_the_insertion_and_drop_the_deletion() {
        let xml = doc(
            r#"<w:p><w:r><w:t>а</w:t></w:r><w:ins w:id="1"><w:r><w:t>б</w:t></w:r></w:ins><w:del w:id="2"><w:r><w:delText>в</w:delText></w:r></w:del></w:p>"#,
        );
        let body = read_body(&xml, &BTreeMap::new()).unwrap_or_default();
        let Some(Block::Para(p)) = body.blocks.first() else { panic!() };
        assert_eq!(p.text(), "аб");
        assert_eq!(body.tracked, 2);
    }

    fn texts(blocks: &[Block]) -> Vec<String> {
        all_paras(blocks).into_iter().map(Para::text).collect()
    }

    #[test]
    fn a_text_box_stands_where_it_is_anchored_and_one_branch_is_read() {
        let box_ = |t: &str| format!("<w:txbxContent><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:txbxContent>");
        let xml = doc(&format!(
            r#"<w:p><w:hyperlink r:id="rId1"><w:r><w:t>алдында </w:t></w:r><w:r><mc:AlternateContent>
            <mc:Choice Requires="wps"><w:drawing>{}</w:drawing></mc:Choice>
            <mc:Choice Requires="x"><w:drawing>{}</w:drawing></mc:Choice>
            <mc:Fallback><w:pict>{}</w:pict></mc:Fallback></mc:AlternateContent></w:r>
            <w:r><w:t>кейін</w:t></w:r></w:hyperlink></w:p>"#,
            box_("қорапта"),
            box_("екінші таңдау"),
            box_("көшірме")
        ));
        let links = BTreeMap::from([("rId1".to_owned(), "https://arai.kz/".to_owned())]);
        let body = read_body(&xml, &links).unwrap_or_default();
        assert_eq!(texts(&body.blocks), ["алдында ", "қорапта", "кейін"]);
        let Block::Para(after) = &body.blocks[2] else { panic!() };
        assert!(matches!(after.inlines.first(), Some(Inline::LinkStart(Some(_)))), "the link goes on: {after:?}");
        let Block::Para(before) = &body.blocks[0] else { panic!() };
        assert_eq!(before.inlines.last(), Some(&Inline::LinkEnd));
    }

    #[test]
    fn raised_and_lowered_runs_and_pictures_with_their_alt_text() {
        let xml = doc(
            r#"<w:p><w:r><w:t>м</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>2</w:t></w:r>
            <w:r><w:t>, H</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="subscript"/></w:rPr><w:t>2</w:t></w:r><w:r><w:t>O, 14</w:t></w:r>
            <w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>а</w:t></w:r>
            <w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1" descr="" title="Мөр"/><a:graphic><a:graphicData>
            <pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="x.png"/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rId5"/></pic:blipFill></pic:pic>
            </a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#,
        );
        let body = read_body(&xml, &BTreeMap::new()).unwrap_or_default();
        let Some(Block::Para(p)) = body.blocks.first() else { panic!("{body:?}") };
        assert_eq!(p.text(), "м², H₂O, 14а");
        assert!(p.inlines.iter().any(|i| matches!(i, Inline::Text { text, vert: Vert::Super, .. } if text == "а")));
        assert_eq!(p.inlines.last(), Some(&Inline::Image { id: "rId5".into(), alt: "Мөр".into() }));
        assert_eq!(unicode_vert("10-3", Vert::Super).as_deref(), Some("¹⁰⁻³"));
        assert_eq!(unicode_vert("(n+1)", Vert::Sub), None);
    }

    #[test]
    fn merged_cells_are_read() {
        let xml = doc(
            r#"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>"#,
        );
        let body = read_body(&xml, &BTreeMap::new()).unwrap_or_default();
        let Some(Block::Table(rows)) = body.blocks.first() else { panic!() };
        assert_eq!(rows[0].cells[0].span, 2);
        assert_eq!(rows[1].cells[0].vmerge, VMerge::Restart);
        assert_eq!(rows[2].cells[0].vmerge, VMerge::Continue);
    }
}
