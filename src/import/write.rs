//! The blocks of a Word document written as Markdown that ashyq's own loader reads: headings,
//! paragraphs with emphasis and line breaks, lists numbered as Word shows them, and tables as
//! HTML with their row and column spans (as the «Арай» work plan is written by hand).
//!
//! Superscript and subscript are written in Unicode's own characters where every character
//! has one (м², H₂O, 10⁻³): such text stays what it says everywhere the words go (the page's
//! title, search, a copied line, the feed, a screen reader that says «squared»), where `<sup>`
//! is lost outside HTML and read as a plain digit by screen readers. What Unicode has no form
//! for that fonts show (a raised letter: № 14ᵃ) is `<sup>`/`<sub>`, which the page keeps.

use super::docx::{Block, Inline, Level, Numbering, Para, Row, Style, VMerge, Vert, unicode_vert};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// How the paragraphs are styled and numbered.
pub struct Context<'a> {
    /// `word/numbering.xml`.
    pub numbering: &'a Numbering,
    /// `word/styles.xml`.
    pub styles: &'a BTreeMap<String, Style>,
    /// Pictures: relationship id → the address the page links (`files/order-kk-image1.png`).
    /// A picture not here is left out (it was reported).
    pub images: &'a BTreeMap<String, String>,
}

/// A paragraph's place in a list, once counted.
enum Label {
    Bullet,
    /// A plain number with `.` or `)`: a Markdown ordered list item.
    Ordered(u32, char),
    /// Anything else (`1.1.`, `а)`): written as text.
    Text(String),
}

/// Counts list items the way Word shows them: a level's count goes on until a higher level
/// moves, and starts again below it.
#[derive(Default)]
struct Counters {
    lists: BTreeMap<String, [u32; 9]>,
}

impl Counters {
    fn label(&mut self, cx: &Context<'_>, id: &str, lvl: u8) -> Option<Label> {
        let levels = cx.numbering.lists.get(id)?;
        let lvl = usize::from(lvl).min(8);
        let level = levels.get(lvl)?;
        if id == "0" || level.format == "none" {
            return None;
        }
        let counts = self.lists.entry(id.to_owned()).or_insert([0; 9]);
        counts[lvl] = if counts[lvl] == 0 { level.start } else { counts[lvl] + 1 };
        for c in counts.iter_mut().skip(lvl + 1) {
            *c = 0;
        }
        if level.format == "bullet" {
            return Some(Label::Bullet);
        }
        let mut text = level.text.clone();
        for (i, l) in levels.iter().enumerate().take(9) {
            let n = if counts[i] == 0 { l.start } else { counts[i] };
            text = text.replace(&format!("%{}", i + 1), &format_number(l, n));
        }
        let n = counts[lvl];
        let plain = text.strip_suffix(['.', ')']).is_some_and(|d| d == n.to_string() && level.format == "decimal");
        Some(if plain { Label::Ordered(n, text.chars().last().unwrap_or('.')) } else { Label::Text(text) })
    }
}

/// A number in a level's format.
fn format_number(level: &Level, n: u32) -> String {
    const RU: &[char] = &[
        'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'к', 'л', 'м', 'н', 'о', 'п', 'р', 'с', 'т', 'у', 'ф', 'х', 'ц',
        'ч', 'ш', 'щ', 'э', 'ю', 'я',
    ];
    let letters = |alphabet: &[char], upper: bool| {
        let len = alphabet.len() as u32;
        let i = ((n.max(1) - 1) % len) as usize;
        let repeat = ((n.max(1) - 1) / len + 1) as usize;
        let s: String = std::iter::repeat_n(alphabet[i], repeat).collect();
        if upper { s.to_uppercase() } else { s }
    };
    let latin: Vec<char> = ('a'..='z').collect();
    match level.format.as_str() {
        "lowerLetter" => letters(&latin, false),
        "upperLetter" => letters(&latin, true),
        "russianLower" => letters(RU, false),
        "russianUpper" => letters(RU, true),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Escapes text for Markdown: every ASCII punctuation mark that could start markup, and at a
/// line's start what would make a heading, a list, a quote or a table.
fn escape_md(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at_start = line_start;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if at_start && c == ' ' {
            // Leading spaces would indent into a code block; a non-breaking one shows the same.
            out.push('\u{a0}');
            continue;
        }
        let starts_list = at_start && c.is_ascii_digit() && {
            let rest: String = chars[i..].iter().take_while(|c| c.is_ascii_digit()).collect();
            matches!(chars.get(i + rest.chars().count()), Some('.' | ')'))
        };
        if starts_list {
            let digits: String = chars[i..].iter().take_while(|c| c.is_ascii_digit()).collect();
            out.push_str(&digits);
            out.push('\\');
            // The digits are written; skip them by pushing the mark on the next pass.
            let mark = chars.get(i + digits.chars().count()).copied().unwrap_or('.');
            out.push(mark);
            return out + &escape_md(&chars[i + digits.chars().count() + 1..].iter().collect::<String>(), false);
        }
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '+' | '-' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
        at_start = false;
    }
    out
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn is_punct(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_punctuation() || (!c.is_alphanumeric() && !c.is_whitespace()))
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

/// Raised and lowered text in Unicode's own characters where it has them (the rest keeps its
/// [`Vert`]), and neighbouring runs of the same look joined again.
fn with_unicode_vert(inlines: &[Inline]) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        let inline = match inline {
            Inline::Text { text, bold, italic, vert } => match unicode_vert(text, *vert) {
                Some(text) => Inline::Text { text, bold: *bold, italic: *italic, vert: Vert::Base },
                None => inline.clone(),
            },
            other => other.clone(),
        };
        match (out.last_mut(), inline) {
            (
                Some(Inline::Text { text: t, bold: b, italic: i, vert: v }),
                Inline::Text { text, bold, italic, vert },
            ) if (*b, *i, *v) == (bold, italic, vert) => t.push_str(&text),
            (_, inline) => out.push(inline),
        }
    }
    out
}

/// Markdown's image: alt text, the address in `<…>` (any name reads), no title.
fn image_md(alt: &str, href: &str) -> String {
    let alt = alt.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("![{}](<{}>)", escape_md(&alt, false), href.replace(['<', '>', '\n'], ""))
}

/// The tag of raised or lowered text.
fn vert_tag(vert: Vert) -> Option<&'static str> {
    match vert {
        Vert::Base => None,
        Vert::Super => Some("sup"),
        Vert::Sub => Some("sub"),
    }
}

/// A paragraph's inlines as Markdown. Emphasis is `**`/`*` where CommonMark's flanking rules
/// let it close; elsewhere (`**«Арай»**а`) it is `<strong>`/`<em>`, which always does.
fn inlines_md(inlines: &[Inline], breaks: bool, images: &BTreeMap<String, String>) -> String {
    let inlines = &with_unicode_vert(inlines)[..];
    let mut out = String::new();
    let mut line_start = true;
    for (k, inline) in inlines.iter().enumerate() {
        match inline {
            Inline::Image { id, alt } => {
                if let Some(href) = images.get(id) {
                    out.push_str(&image_md(alt, href));
                    line_start = false;
                }
            }
            // What Unicode cannot raise or lower: in HTML, which Markdown keeps.
            Inline::Text { text, bold, italic, vert } if *vert != Vert::Base => {
                let tag = vert_tag(*vert).unwrap_or("sup");
                let (open, close) = match (*bold, *italic) {
                    (true, true) => ("<strong><em>", "</em></strong>"),
                    (true, false) => ("<strong>", "</strong>"),
                    (false, true) => ("<em>", "</em>"),
                    (false, false) => ("", ""),
                };
                let _ = write!(out, "{open}<{tag}>{}</{tag}>{close}", escape_md(text, false));
                line_start = false;
            }
            Inline::Break => {
                if breaks {
                    out.push_str("\\\n");
                    line_start = true;
                } else {
                    out.push(' ');
                }
            }
            Inline::Note(id) => {
                let _ = write!(out, "[^{id}]");
                line_start = false;
            }
            // A link keeps its address only when it is a web or mail address: a document's
            // `javascript:` or `file:` link is not carried onto the site.
            Inline::LinkStart(url) => {
                if url.as_deref().is_some_and(web_address) {
                    out.push('[');
                    line_start = false;
                }
            }
            Inline::LinkEnd => {
                if let Some(url) = open_link(inlines, k) {
                    let _ = write!(out, "](<{}>)", url.replace(['<', '>', ' ', '\n'], ""));
                }
            }
            Inline::Text { text, bold, italic, .. } => {
                let core = text.trim_matches(|c: char| c.is_whitespace() && c != '\u{a0}');
                if core.is_empty() || !(*bold || *italic) {
                    out.push_str(&escape_md(text, line_start));
                    line_start = line_start && text.is_empty();
                    continue;
                }
                let lead = &text[..text.find(core).unwrap_or(0)];
                let trail = &text[lead.len() + core.len()..];
                out.push_str(&escape_md(lead, line_start));
                let prev = if lead.is_empty() { prev_char(inlines, k) } else { lead.chars().last() };
                let next = if trail.is_empty() { next_char(inlines, k) } else { trail.chars().next() };
                let (first, last) = (core.chars().next(), core.chars().last());
                let opens = !is_punct(first) || is_space(prev) || is_punct(prev);
                let closes = !is_punct(last) || is_space(next) || is_punct(next);
                // Behind `**` or `<strong>` the text no longer starts the line.
                let body = escape_md(core, false);
                // Right after a `*` (another run's closing mark) an opening `*` would join it
                // into one run of marks that closes and opens nothing.
                let marks = opens && closes && !out.ends_with('*');
                let (open, close) = match (*bold, *italic, marks) {
                    (true, true, true) => ("***", "***"),
                    (true, false, true) => ("**", "**"),
                    (false, _, true) => ("*", "*"),
                    (true, true, false) => ("<strong><em>", "</em></strong>"),
                    (true, false, false) => ("<strong>", "</strong>"),
                    (false, _, false) => ("<em>", "</em>"),
                };
                let _ = write!(out, "{open}{body}{close}");
                out.push_str(&escape_md(trail, false));
                line_start = false;
            }
        }
    }
    without_trailing_breaks(out)
}

/// A paragraph's Markdown without the spaces and hard breaks (`\` at a line's end) it ends
/// with. A backslash of the text itself is escaped (`\\`): trailing backslashes in an odd
/// number end in a break, in an even number are the text's.
fn without_trailing_breaks(mut md: String) -> String {
    loop {
        md.truncate(md.trim_end_matches([' ', '\n']).len());
        let slashes = md.len() - md.trim_end_matches('\\').len();
        if slashes.is_multiple_of(2) {
            return md;
        }
        md.pop();
    }
}

/// `http:`, `https:` and `mailto:` addresses.
fn web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"].iter().any(|p| lower.starts_with(p))
}

/// The web address of the link that the `LinkEnd` at `k` closes.
fn open_link(inlines: &[Inline], k: usize) -> Option<&str> {
    inlines[..k].iter().rev().find_map(|i| match i {
        Inline::LinkStart(url) => Some(url.as_deref().filter(|u| web_address(u))),
        _ => None,
    })?
}

fn prev_char(inlines: &[Inline], k: usize) -> Option<char> {
    match inlines.get(k.checked_sub(1)?)? {
        Inline::Text { text, .. } => text.chars().last(),
        Inline::Break => Some('\n'),
        Inline::Note(_) | Inline::LinkEnd | Inline::Image { .. } => Some(']'),
        Inline::LinkStart(_) => Some('['),
    }
}

fn next_char(inlines: &[Inline], k: usize) -> Option<char> {
    match inlines.get(k + 1)? {
        Inline::Text { text, .. } => text.chars().next(),
        Inline::Break => Some('\n'),
        Inline::Note(_) | Inline::LinkStart(_) => Some('['),
        Inline::LinkEnd => Some(']'),
        Inline::Image { .. } => Some('!'),
    }
}

fn inlines_html(inlines: &[Inline], images: &BTreeMap<String, String>) -> String {
    let inlines = &with_unicode_vert(inlines)[..];
    let mut out = String::new();
    for (k, inline) in inlines.iter().enumerate() {
        match inline {
            Inline::Image { id, alt } => {
                if let Some(href) = images.get(id) {
                    let _ = write!(
                        out,
                        "<img src=\"{}\" alt=\"{}\">",
                        escape_html(href),
                        escape_html(&alt.split_whitespace().collect::<Vec<_>>().join(" "))
                    );
                }
            }
            Inline::Break => out.push_str("<br>"),
            // Markdown's notes are not read inside an HTML table: the mark stays, the text
            // follows the document's notes below it.
            Inline::Note(id) => {
                let _ = write!(out, "<sup>{}</sup>", escape_html(id.trim_start_matches(['f', 'e', 'n'])));
            }
            Inline::LinkStart(Some(url)) if web_address(url) => {
                let _ = write!(out, "<a href=\"{}\">", escape_html(url.trim()));
            }
            Inline::LinkStart(_) => {}
            Inline::LinkEnd => {
                if open_link(inlines, k).is_some() {
                    out.push_str("</a>");
                }
            }
            Inline::Text { text, bold, italic, vert } => {
                let t = match vert_tag(*vert) {
                    Some(tag) => format!("<{tag}>{}</{tag}>", escape_html(text)),
                    None => escape_html(text),
                };
                match (*bold, *italic) {
                    (true, true) => {
                        let _ = write!(out, "<strong><em>{t}</em></strong>");
                    }
                    (true, false) => {
                        let _ = write!(out, "<strong>{t}</strong>");
                    }
                    (false, true) => {
                        let _ = write!(out, "<em>{t}</em>");
                    }
                    _ => out.push_str(&t),
                }
            }
        }
    }
    out.trim().to_owned()
}

/// The heading level of a paragraph: its style's, or 2 for a short centred line all in bold
/// (the usual way a title is set in a Word document without styles).
pub fn heading_level(p: &Para, cx: &Context<'_>) -> Option<u8> {
    if let Some(h) = p.style.as_ref().and_then(|s| cx.styles.get(s)).and_then(|s| s.heading) {
        return Some(h.min(6));
    }
    let text = p.text();
    (p.centred && p.all_bold() && p.num.is_none() && !text.contains('\n') && text.chars().count() <= 300).then_some(2)
}

/// The list a paragraph is in: its own numbering, or its style's.
fn list_of(p: &Para, cx: &Context<'_>) -> Option<(String, u8)> {
    p.num.clone().or_else(|| p.style.as_ref().and_then(|s| cx.styles.get(s)).and_then(|s| s.num.clone()))
}

/// The document's notes as Markdown footnote definitions, in the order they are referred to.
pub fn notes(refs: &[(String, usize)], notes: &BTreeMap<String, Vec<Block>>, cx: &Context<'_>) -> String {
    let mut out = String::new();
    let mut seen = Vec::new();
    for (id, _) in refs {
        let Some(blocks) = notes.get(id) else { continue };
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        let text: Vec<String> = blocks
            .iter()
            .filter_map(|b| if let Block::Para(p) = b { Some(inlines_md(&p.inlines, false, cx.images)) } else { None })
            .map(|t| t.trim_matches(|c: char| c.is_whitespace()).to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        let _ = writeln!(out, "\n[^{id}]: {}", text.join(" "));
    }
    out
}

/// Writes the body as Markdown.
pub fn markdown(blocks: &[Block], cx: &Context<'_>) -> String {
    let mut out = String::new();
    let mut counters = Counters::default();
    let mut in_list = false;
    for block in blocks {
        match block {
            Block::Para(p) => {
                let label = list_of(p, cx).and_then(|(id, lvl)| counters.label(cx, &id, lvl).map(|l| (l, lvl)));
                if let Some((label, lvl)) = label {
                    let indent = "    ".repeat(usize::from(lvl));
                    let text = inlines_md(&p.inlines, true, cx.images).replace('\n', &format!("\n{indent}    "));
                    let marker = match label {
                        Label::Bullet => "-".to_owned(),
                        Label::Ordered(n, mark) => format!("{n}{mark}"),
                        Label::Text(t) => format!("-\u{a0}{}", escape_md(&t, false)),
                    };
                    if !in_list && !out.is_empty() {
                        out.push('\n');
                    }
                    let _ = writeln!(out, "{indent}{marker} {text}");
                    in_list = true;
                    continue;
                }
                if in_list {
                    in_list = false;
                }
                if p.text().trim().is_empty() && !p.images().any(|id| cx.images.contains_key(id)) {
                    continue;
                }
                if !out.is_empty() {
                    out.push('\n');
                }
                match heading_level(p, cx) {
                    Some(h) => {
                        // A heading is set in bold already: the bold of a bold title line is not repeated.
                        let plain: Vec<Inline> = if p.all_bold() {
                            p.inlines
                                .iter()
                                .map(|i| match i {
                                    Inline::Text { text, italic, vert, .. } => {
                                        Inline::Text { text: text.clone(), bold: false, italic: *italic, vert: *vert }
                                    }
                                    other => other.clone(),
                                })
                                .collect()
                        } else {
                            p.inlines.clone()
                        };
                        let _ =
                            writeln!(out, "{} {}", "#".repeat(usize::from(h)), inlines_md(&plain, false, cx.images));
                    }
                    None => {
                        let _ = writeln!(out, "{}", inlines_md(&p.inlines, true, cx.images));
                    }
                }
            }
            Block::Table(rows) => {
                in_list = false;
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&table_html(rows, cx, &mut counters));
            }
        }
    }
    out
}

/// A table as HTML with its spans. A cell that a vertical merge covers is left out and the
/// cell above gets a `rowspan`; what such a cell holds (Word allows text there) goes into it.
fn table_html(rows: &[Row], cx: &Context<'_>, counters: &mut Counters) -> String {
    // (row, cell) of the cell that owns each grid column, for vertical merges.
    let mut owner: BTreeMap<u32, (usize, usize)> = BTreeMap::new();
    let mut spans: BTreeMap<(usize, usize), u32> = BTreeMap::new();
    let mut extra: BTreeMap<(usize, usize), Vec<&Block>> = BTreeMap::new();
    let mut covered: std::collections::BTreeSet<(usize, usize)> = Default::default();
    for (r, row) in rows.iter().enumerate() {
        let mut col = 0u32;
        for (c, cell) in row.cells.iter().enumerate() {
            match cell.vmerge {
                VMerge::Continue if owner.contains_key(&col) => {
                    let o = owner[&col];
                    *spans.entry(o).or_insert(1) += 1;
                    extra.entry(o).or_default().extend(cell.blocks.iter());
                    covered.insert((r, c));
                }
                _ => {
                    owner.insert(col, (r, c));
                }
            }
            col += cell.span;
        }
    }
    let mut out = String::from("<table>\n<tbody>\n");
    for (r, row) in rows.iter().enumerate() {
        out.push_str("<tr>\n");
        for (c, cell) in row.cells.iter().enumerate() {
            if covered.contains(&(r, c)) {
                continue;
            }
            let tag = if row.header { "th" } else { "td" };
            let mut attrs = String::new();
            if let Some(n) = spans.get(&(r, c)).filter(|n| **n > 1) {
                let _ = write!(attrs, " rowspan=\"{n}\"");
            }
            if cell.span > 1 {
                let _ = write!(attrs, " colspan=\"{}\"", cell.span);
            }
            let blocks: Vec<&Block> =
                cell.blocks.iter().chain(extra.get(&(r, c)).into_iter().flatten().copied()).collect();
            let _ = writeln!(out, "<{tag}{attrs}>{}</{tag}>", cell_html(&blocks, cx, counters));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// A cell's content: one paragraph bare, several as `<p>`s; list labels as text.
fn cell_html(blocks: &[&Block], cx: &Context<'_>, counters: &mut Counters) -> String {
    let mut paras = Vec::new();
    for block in blocks {
        match block {
            Block::Para(p) => {
                let label = list_of(p, cx).and_then(|(id, lvl)| counters.label(cx, &id, lvl));
                let label = match label {
                    Some(Label::Bullet) => "•\u{a0}".to_owned(),
                    Some(Label::Ordered(n, m)) => format!("{n}{m}\u{a0}"),
                    Some(Label::Text(t)) => format!("{}\u{a0}", escape_html(&t)),
                    None => String::new(),
                };
                let text = inlines_html(&p.inlines, cx.images);
                if !text.is_empty() || !label.is_empty() {
                    paras.push(format!("{label}{text}"));
                }
            }
            Block::Table(rows) => paras.push(table_html(rows, cx, counters).replace('\n', "")),
        }
    }
    match paras.len() {
        0 => String::new(),
        1 => paras.remove(0),
        _ => paras.iter().map(|p| format!("<p>{p}</p>")).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static NO_IMAGES: BTreeMap<String, String> = BTreeMap::new();

    fn t(text: &str, bold: bool) -> Inline {
        Inline::Text { text: text.into(), bold, italic: false, vert: Vert::Base }
    }

    #[test]
    fn markup_in_the_text_stays_text() {
        assert_eq!(escape_md("1. Садабаева", true), "1\\. Садабаева");
        assert_eq!(escape_md("- Иә", true), "\\- Иә");
        assert_eq!(escape_md("a*b_c <b> [x](y) # ә", false), "a\\*b\\_c \\<b\\> \\[x\\](y) # ә");
        assert_eq!(escape_md("#410-V", true), "\\#410-V");
    }

    #[test]
    fn emphasis_that_markdown_cannot_close_becomes_html() {
        assert_eq!(inlines_md(&[t("1.1п.", true), t(" «Жамбыл", false)], true, &NO_IMAGES), "**1.1п.** «Жамбыл");
        assert_eq!(inlines_md(&[t("«Арай»", true), t("ға", false)], true, &NO_IMAGES), "<strong>«Арай»</strong>ға");
        assert_eq!(
            inlines_md(&[t("Топ жетекшісі: ", true), t("Куанышбаева", false)], true, &NO_IMAGES),
            "**Топ жетекшісі:** Куанышбаева"
        );
        assert_eq!(inlines_md(&[t("а", false), Inline::Break, t("1. б", false)], true, &NO_IMAGES), "а\\\n1\\. б");
    }

    #[test]
    fn control_characters_are_dropped_and_italic_kept() {
        assert_eq!(escape_md("ә\u{7}ң\u{1b}[31m", false), "әң\\[31m");
        assert_eq!(escape_html("<ә\u{0}>"), "&lt;ә&gt;");
        let it = Inline::Text { text: "маңызды".into(), bold: false, italic: true, vert: Vert::Base };
        assert_eq!(inlines_md(&[t("өте ", false), it], true, &NO_IMAGES), "өте *маңызды*");
    }

    #[test]
    fn web_links_are_kept_and_others_only_as_text() {
        let link =
            |url: &str| vec![t("бет: ", false), Inline::LinkStart(Some(url.into())), t("сайт", false), Inline::LinkEnd];
        assert_eq!(
            inlines_md(&link("https://arai-bbaksha.kz/"), true, &NO_IMAGES),
            "бет: [сайт](<https://arai-bbaksha.kz/>)"
        );
        assert_eq!(inlines_md(&link("javascript:alert(1)"), true, &NO_IMAGES), "бет: сайт");
        assert_eq!(
            inlines_html(&link("https://a.kz/?a=1&b=\"2\""), &NO_IMAGES),
            "бет: <a href=\"https://a.kz/?a=1&amp;b=&quot;2&quot;\">сайт</a>"
        );
        assert_eq!(inlines_html(&link("file:///etc/passwd"), &NO_IMAGES), "бет: сайт");
    }

    #[test]
    fn raised_text_is_unicode_where_it_can_be_and_html_where_not() {
        let v = |text: &str, bold: bool, vert: Vert| Inline::Text { text: text.into(), bold, italic: false, vert };
        let inlines = [v("48 м", false, Vert::Base), v("2", false, Vert::Super), v(", № 14", false, Vert::Base)];
        assert_eq!(inlines_md(&inlines, true, &NO_IMAGES), "48 м², № 14");
        let raised = [v("№ 14", true, Vert::Base), v("а*", true, Vert::Super)];
        assert_eq!(inlines_md(&raised, true, &NO_IMAGES), "**№ 14**<strong><sup>а\\*</sup></strong>");
        assert_eq!(
            inlines_html(&[v("H", false, Vert::Base), v("2", false, Vert::Sub), v("x<", false, Vert::Sub)], &NO_IMAGES),
            "H₂<sub>x&lt;</sub>"
        );
    }

    #[test]
    fn a_picture_is_linked_with_its_alt_text_and_left_out_when_not_kept() {
        let images = BTreeMap::from([("rId5".to_owned(), "files/order-kk-мөр.png".to_owned())]);
        let pic = |id: &str| Inline::Image { id: id.into(), alt: "«Арай» [мөр]\nі".into() };
        assert_eq!(
            inlines_md(&[t("Мөр: ", false), pic("rId5"), pic("rId6")], true, &images),
            "Мөр: ![«Арай» \\[мөр\\] і](<files/order-kk-мөр.png>)"
        );
        assert_eq!(
            inlines_html(&[pic("rId5")], &images),
            "<img src=\"files/order-kk-мөр.png\" alt=\"«Арай» [мөр] і\">"
        );
    }

    /// A page's words from Markdown, rendered with the site's options.
    fn rendered_words(md: &str) -> Vec<String> {
        use pulldown_cmark::{Options, Parser, html};
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_HEADING_ATTRIBUTES;
        let mut out = String::new();
        html::push_html(&mut out, Parser::new_ext(md, options));
        let out = out.replace("<p>", " ").replace("</p>", " ").replace("<br />", " ");
        let text = regex::Regex::new("<[^>]*>").map(|tag| tag.replace_all(&out, "").into_owned()).unwrap_or(out);
        let text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
        text.split_whitespace().map(str::to_owned).collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// Any runs of Kazakh and Russian words, digits and Markdown's own marks, bold, italic,
        /// raised or lowered, read on the page as the document's words: no mark is lost or
        /// added, no emphasis left open, a raised digit is Unicode's.
        #[test]
        fn any_runs_read_on_the_page_as_the_documents_words(
            runs in proptest::collection::vec(
                ("[а-яәіңғүұқөһА-ЯӘІ0-9 *_<>&`!#+=.()«»\\\\\\[\\]-]{1,10}", proptest::bool::ANY, proptest::bool::ANY, 0u8..3),
                1..8,
            )
        ) {
            let vert = |v: u8| [Vert::Base, Vert::Super, Vert::Sub][usize::from(v)];
            let inlines: Vec<Inline> = runs
                .iter()
                .map(|(text, bold, italic, v)| Inline::Text { text: text.clone(), bold: *bold, italic: *italic, vert: vert(*v) })
                .collect();
            let want: String = runs
                .iter()
                .map(|(text, _, _, v)| unicode_vert(text, vert(*v)).unwrap_or_else(|| text.clone()))
                .collect();
            let md = inlines_md(&inlines, true, &NO_IMAGES);
            let want: Vec<String> = want.split_whitespace().map(str::to_owned).collect();
            proptest::prop_assert_eq!(rendered_words(&md), want, "{}", md);
        }
    }

    #[test]
    fn numbers_follow_the_level_format() {
        let l = |f: &str| Level { format: f.into(), text: String::new(), start: 1 };
        assert_eq!(format_number(&l("russianLower"), 3), "в");
        assert_eq!(format_number(&l("upperRoman"), 14), "XIV");
        assert_eq!(format_number(&l("lowerLetter"), 27), "aa");
        assert_eq!(format_number(&l("decimal"), 7), "7");
    }
}
