//! Next year's work plan starts from this year's (issue 14 §5): the previous analysis's work plan
//! is read as a browser reads its table (a GFM table or HTML with merged cells), and its rows are
//! carried into the new plan as the organisation wrote them, with the planned dates moved into
//! the new analysis. A row whose text names the old period (one of its years, a date in it) is
//! marked for review; an empty date is marked to fill in, never guessed.

use crate::content::{self, AnalysisMeta, ContentPath, SiteConfig};
use crate::domain::calendar::Calendar;
use chrono::{Datelike, Days, NaiveDate};
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};
use std::collections::BTreeSet;
use std::convert::Infallible;
use std::path::Path;

/// One cell of a table as written: its inner HTML and how many rows it spans.
#[derive(Clone, Debug, PartialEq)]
struct Cell {
    html: String,
    header: bool,
    rowspan: usize,
    colspan: usize,
}

/// A table's rows, merged cells repeated into every row and column they cover.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    /// Header rows (cells of `<th>` only).
    pub head: Vec<Vec<String>>,
    /// Body rows.
    pub rows: Vec<Vec<String>>,
}

/// The first table of a Markdown body, rendered as the site renders it.
pub fn table(markdown: &str) -> Option<Grid> {
    let mut html = String::new();
    let options = pulldown_cmark::Options::ENABLE_TABLES;
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(markdown, options));
    let rows = rows(&html)?;
    let mut grid = Grid::default();
    // Cells spanning rows below: (column, rows left, html).
    let mut pending: Vec<(usize, usize, String)> = Vec::new();
    for row in rows {
        let header = !row.is_empty() && row.iter().all(|c| c.header);
        let mut out: Vec<String> = Vec::new();
        let mut cells = row.into_iter();
        loop {
            if let Some(p) = pending.iter_mut().find(|p| p.0 == out.len() && p.1 > 0) {
                p.1 -= 1;
                out.push(p.2.clone());
                continue;
            }
            let Some(cell) = cells.next() else { break };
            for _ in 0..cell.colspan {
                if cell.rowspan > 1 {
                    pending.push((out.len(), cell.rowspan - 1, cell.html.clone()));
                }
                out.push(cell.html.clone());
            }
        }
        pending.retain(|p| p.1 > 0);
        if header && grid.rows.is_empty() { grid.head.push(out) } else { grid.rows.push(out) }
    }
    Some(grid)
}

/// The rows of the first `<table>` in `html`, cells with their inner HTML as written.
fn rows(html: &str) -> Option<Vec<Vec<Cell>>> {
    #[derive(Default)]
    struct State {
        rows: Vec<Vec<Cell>>,
        tag: Vec<u8>,
        attr: Vec<u8>,
        cell: Option<(Cell, usize)>,
        depth: usize,
        done: bool,
    }
    let mut st = State::default();
    let emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, span: Span<usize>| -> Option<Infallible> {
        if st.done {
            return None;
        }
        match event {
            CallbackEvent::OpenStartTag { name } => {
                st.tag = name.to_ascii_lowercase();
                if st.tag == b"table" {
                    st.depth += 1;
                }
                if st.depth == 1 && st.cell.is_none() && matches!(st.tag.as_slice(), b"td" | b"th") {
                    let header = st.tag == b"th";
                    st.cell = Some((Cell { html: String::new(), header, rowspan: 1, colspan: 1 }, usize::MAX));
                }
                if st.depth == 1 && st.tag == b"tr" && st.cell.is_none() {
                    st.rows.push(Vec::new());
                }
            }
            CallbackEvent::AttributeName { name } => st.attr = name.to_ascii_lowercase(),
            CallbackEvent::AttributeValue { value } => {
                let n = std::str::from_utf8(value).ok().and_then(|v| v.trim().parse::<usize>().ok());
                // Browsers cap spans (HTML: rowspan ≤ 65534, colspan ≤ 1000); far less is plenty here.
                let n = n.map(|n| n.clamp(1, 100));
                if let (Some((cell, usize::MAX)), Some(n)) = (st.cell.as_mut(), n) {
                    match st.attr.as_slice() {
                        b"rowspan" => cell.rowspan = n,
                        b"colspan" => cell.colspan = n,
                        _ => {}
                    }
                }
            }
            CallbackEvent::CloseStartTag { .. } => {
                if let Some((_, from @ usize::MAX)) = st.cell.as_mut() {
                    *from = span.end;
                }
            }
            CallbackEvent::EndTag { name } => {
                let name = name.to_ascii_lowercase();
                if st.depth == 1
                    && matches!(name.as_slice(), b"td" | b"th")
                    && let Some((mut cell, from)) = st.cell.take()
                {
                    cell.html = html.get(from..span.start).unwrap_or_default().trim().to_owned();
                    if let Some(row) = st.rows.last_mut() {
                        row.push(cell);
                    }
                }
                if name == b"table" {
                    st.depth = st.depth.saturating_sub(1);
                    st.done = st.depth == 0;
                }
            }
            _ => {}
        }
        None
    });
    let _ = Tokenizer::new_with_emitter(html, emitter).finish();
    let rows: Vec<Vec<Cell>> = st.rows.into_iter().filter(|r| !r.is_empty()).collect();
    (!rows.is_empty()).then_some(rows)
}

/// A date cell as plans write it (`08.01.2026`, `2026-01-08`).
fn date_cell(html: &str) -> Option<NaiveDate> {
    content::parse_date(html.trim()).ok()
}

/// An empty cell to fill in, in `lang`, named by its column's header (`what`) when it has one:
/// a carried row must not leave a blank nobody is asked to write.
fn empty_marker(lang: &str, what: &str) -> String {
    let what = what.trim();
    match (lang, what.is_empty()) {
        ("ru", true) => "[[ЗАПОЛНИТЕ: заполните или поставьте прочерк]]".to_owned(),
        ("ru", false) => format!("[[ЗАПОЛНИТЕ: {what}]]"),
        (_, true) => "[[ТОЛТЫРЫҢЫЗ: толтырыңыз немесе сызықша қойыңыз]]".to_owned(),
        (_, false) => format!("[[ТОЛТЫРЫҢЫЗ: {what}]]"),
    }
}

/// A header cell's words, without markup, first letter small (it names what to write).
fn header_words(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// The words that mark a row for review, and an empty date to fill in, in `lang`.
fn markers(lang: &str) -> (&'static str, &'static str) {
    match lang {
        "ru" => ("[[ЗАПОЛНИТЕ: проверьте — здесь назван период прошлого анализа]]", "[[ЗАПОЛНИТЕ: срок]]"),
        _ => ("[[ТОЛТЫРЫҢЫЗ: тексеріңіз — мұнда өткен талдаудың кезеңі аталған]]", "[[ТОЛТЫРЫҢЫЗ: мерзімі]]"),
    }
}

/// The new analysis's window for the plan's dates: from its start to its report.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
}

/// The years that name the old analysis's period: those of its start, end and covered period.
pub fn old_years(meta: &AnalysisMeta) -> BTreeSet<i32> {
    let mut years: BTreeSet<i32> = [meta.start.year(), meta.end.year()].into();
    if let Some(c) = meta.covered_period {
        years.extend([c.from.year(), c.to.year()]);
    }
    years
}

/// Whether `html` names one of `years` (as a year of its own, not inside a longer number).
fn names_period(html: &str, years: &BTreeSet<i32>) -> bool {
    let digits: Vec<(usize, &str)> = html
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| i)
        .fold(Vec::<(usize, usize)>::new(), |mut runs, i| {
            match runs.last_mut() {
                Some(r) if r.1 == i => r.1 = i + 1,
                _ => runs.push((i, i + 1)),
            }
            runs
        })
        .into_iter()
        .map(|(a, b)| (a, &html[a..b]))
        .collect();
    digits.iter().any(|(_, d)| d.len() == 4 && d.parse::<i32>().is_ok_and(|y| years.contains(&y)))
}

/// A carried plan: its table, and how many rows it has and how many are marked for review.
#[derive(Clone, Debug)]
pub struct Carried {
    /// The table, HTML in Markdown.
    pub html: String,
    /// Body rows.
    pub rows: usize,
    /// Rows marked because they name the old period.
    pub review: usize,
}

/// The previous plan's table carried into a new one, as HTML in Markdown (DESIGN.md §3: HTML
/// where a cell holds a list). `old` is the previous analysis's window, `new` the new one.
pub fn carry(grid: &Grid, lang: &str, old: &AnalysisMeta, new: Window, calendar: &Calendar) -> Carried {
    let width = grid.rows.iter().chain(&grid.head).map(Vec::len).max().unwrap_or(0);
    // The date column: the one whose cells are mostly dates; the number column: all numbers.
    let count =
        |col: usize, f: &dyn Fn(&str) -> bool| grid.rows.iter().filter(|r| r.get(col).is_some_and(|c| f(c))).count();
    let date_col = (0..width)
        .map(|c| (c, count(c, &|s| date_cell(s).is_some())))
        .filter(|&(_, n)| n * 2 > grid.rows.len())
        .max_by_key(|&(_, n)| n)
        .map(|(c, _)| c);
    let is_number = |s: &str| !s.is_empty() && s.trim_end_matches('.').bytes().all(|b| b.is_ascii_digit());
    let number_col = (count(0, &is_number) == grid.rows.len()).then_some(0);
    let years = old_years(old);
    let (review, fill_date) = markers(lang);
    let mut out = String::from("<table>\n");
    let mut review_rows = 0;
    if !grid.head.is_empty() {
        out.push_str("<thead>\n");
        for row in &grid.head {
            out.push_str("<tr>\n");
            for cell in row {
                out.push_str(&format!("<th scope=\"col\">{cell}</th>\n"));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</thead>\n");
    }
    out.push_str("<tbody>\n");
    for (i, row) in grid.rows.iter().enumerate() {
        out.push_str("<tr>\n");
        let mut marked = false;
        for (c, cell) in row.iter().enumerate() {
            let text = if Some(c) == number_col {
                (i + 1).to_string()
            } else if Some(c) == date_col {
                date_cell(cell).map_or_else(
                    || fill_date.to_owned(),
                    |d| crate::domain::dates::numeric(moved(d, old, new, calendar)),
                )
            } else if header_words(cell).is_empty() {
                let header = grid.head.last().and_then(|h| h.get(c)).map(|h| header_words(h)).unwrap_or_default();
                empty_marker(lang, &header)
            } else if !marked && names_period(cell, &years) {
                marked = true;
                let sep = if cell.contains("<p>") { "\n<p>" } else { " " };
                let end = if sep == " " { "" } else { "</p>" };
                format!("{cell}{sep}{review}{end}")
            } else {
                cell.clone()
            };
            if text.contains('\n') {
                out.push_str(&format!("<td>\n{text}\n</td>\n"));
            } else {
                out.push_str(&format!("<td>{text}</td>\n"));
            }
        }
        review_rows += usize::from(marked);
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>");
    Carried { html: out, rows: grid.rows.len(), review: review_rows }
}

/// A planned date moved from the old analysis into the new one: the same place in the
/// analysis (as a share of its length), on a working day, inside the new window.
fn moved(d: NaiveDate, old: &AnalysisMeta, new: Window, calendar: &Calendar) -> NaiveDate {
    let old_len = (old.end - old.start).num_days().max(1);
    let share = (d - old.start).num_days().clamp(0, old_len);
    let new_len = (new.to - new.from).num_days().max(0);
    let offset = (share * new_len + old_len / 2) / old_len;
    let day = new.from.checked_add_days(Days::new(offset.unsigned_abs())).unwrap_or(new.from);
    calendar.working_days_after(day, 0).clamp(new.from, new.to)
}

/// The previous analysis's work plan in `lang` and its analysis block, if it has both.
pub fn previous(root: &Path, previous: &str, lang: &str, config: &SiteConfig) -> Option<(Grid, AnalysisMeta)> {
    let doc =
        content::read_document(root, &ContentPath::parse(&format!("{previous}/work-plan.{lang}.md")).ok()?, config)
            .ok()?;
    let grid = table(&doc.body().ok()?).filter(|g| !g.rows.is_empty())?;
    let meta = [config.default_language(), lang].iter().find_map(|l| {
        content::read_document(root, &ContentPath::parse(&format!("{previous}/_index.{l}.md")).ok()?, config)
            .ok()?
            .front
            .analysis
    })?;
    Some((grid, meta))
}

/// The directions of the previous analysis's report in `lang`: its numbered `##` headings
/// (`## 1. «…»`), as the organisation worded them.
pub fn directions(root: &Path, previous: &str, lang: &str, config: &SiteConfig) -> Vec<String> {
    let Ok(rel) = ContentPath::parse(&format!("{previous}/report.{lang}.md")) else { return Vec::new() };
    let Ok(doc) = content::read_document(root, &rel, config) else {
        return Vec::new();
    };
    let Ok(body) = doc.body() else { return Vec::new() };
    let numbered: Vec<(usize, String)> = body
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .filter_map(|h| {
            let (n, rest) = h.trim().split_once(". ")?;
            let n: usize = n.parse().ok()?;
            let rest = rest.trim();
            let inner = rest.strip_prefix('«').and_then(|h| h.strip_suffix('»'));
            let inner = inner.or_else(|| rest.strip_prefix('"').and_then(|h| h.strip_suffix('"')));
            Some((n, inner.unwrap_or(rest).trim().to_owned()))
        })
        .filter(|(_, h)| !h.is_empty())
        .collect();
    // Only a whole list, numbered 1, 2, 3… as written: a report that heads only some of its
    // directions (the «Арай» report, as the seed has it, heads 2 and 4 to 9) gives none, and the
    // new report takes RULES.md's nine.
    if numbered.iter().enumerate().any(|(i, (n, _))| *n != i + 1) {
        return Vec::new();
    }
    numbered.into_iter().map(|(_, h)| h).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_cells_are_repeated_into_every_row_they_cover() {
        let md = "<table>\n<tr><th>№</th><th>Жұмыс</th><th>Мерзімі</th></tr>\n\
                  <tr><td>1</td><td><p>«ә» ң</p></td><td ROWSPAN='2'>08.01.2026</td></tr>\n\
                  <tr><td>2</td><td>ё</td></tr>\n\
                  <tr><td colspan=\"2\">x</td><td>09.01.2026</td></tr>\n</table>\n";
        let g = table(md).expect("a table");
        assert_eq!(g.head, vec![vec!["№", "Жұмыс", "Мерзімі"]]);
        assert_eq!(g.rows[0], vec!["1", "<p>«ә» ң</p>", "08.01.2026"]);
        assert_eq!(g.rows[1], vec!["2", "ё", "08.01.2026"]);
        assert_eq!(g.rows[2], vec!["x", "x", "09.01.2026"]);
    }

    #[test]
    fn a_gfm_table_is_read_too_and_hostile_spans_are_capped() {
        let g = table("| № | a |\n|---|---|\n| 1 | «ә» |\n").expect("a table");
        assert_eq!(g.rows, vec![vec!["1", "«ә»"]]);
        let g = table("<table><tr><td rowspan=99999999999 colspan=-3>\u{1}</td></tr></table>").expect("a table");
        assert_eq!(g.rows[0].len(), 1);
        assert!(table("no table here").is_none());
    }

    #[test]
    fn a_year_is_found_only_as_a_year() {
        let years: BTreeSet<i32> = [2025, 2026].into();
        assert!(names_period("2025 жылдың II жартыжылдығы", &years));
        assert!(names_period("до 31.12.2025", &years));
        assert!(!names_period("№ 120251, 2024 ж.", &years));
    }
}
