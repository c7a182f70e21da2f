//! The order of dates (RULES.md, "Dates, in the order they should come") and deadlines, as
//! findings. The rules themselves are evaluated by [`crate::site::cycle`], which the analysis
//! page's timeline also draws, so the page and `check` never disagree.
//! Real organisations often get these wrong: every finding is a warning saying by how much.
//! A document whose source gives no date is left out of the order, with an info saying so.

use super::{AnalysisDocs, Calendar, at};
use crate::diagnostic::{Diagnostic, Level};
use crate::site::cycle::{self, Finding};
use chrono::NaiveDate;

/// Every date rule for one analysis; deadlines only when `today` is given.
pub fn check(docs: &AnalysisDocs, cal: &Calendar, today: Option<NaiveDate>) -> Vec<Diagnostic> {
    let cycle = cycle::evaluate(docs.site, docs.index, cal, today);
    let meta = cycle.meta;
    cycle
        .findings
        .iter()
        .map(|f| {
            let message = f.message(meta);
            match f {
                Finding::Order { on: page, .. } | Finding::AnnouncementLate { page, .. } => {
                    at(Level::Warning, page, "date", message)
                }
                Finding::DateUnknown(page) => at(Level::Info, page, "kind", message),
                _ => Diagnostic::warning(docs.meta_file().to_path_buf(), Some(meta.line), message),
            }
        })
        .collect()
}
