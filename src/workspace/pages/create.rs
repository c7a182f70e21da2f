//! New documents from the scaffold, and the next year's analysis from a form that shows its schedule
//! before anything is written.

use super::*;

/// `POST /_ashyq/new-document` (form `analysis`, `kind`): the document made from the scaffold,
/// then its editor.
pub async fn new_document(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let (headers, nonce) = parts(&request);
    let lang = lang_of(&headers, &ws);
    let posted = match body::form(request).await {
        Ok(f) => f,
        Err(r) => return r.response(lang),
    };
    let get = |k: &str| posted_value(&posted, k).unwrap_or_default().to_owned();
    let (analysis, kind) = (get("analysis"), get("kind"));
    let root = ws.settings.root.clone();
    let made = tokio::task::spawn_blocking(move || crate::workspace::api::add_document(&root, &analysis, &kind)).await;
    match made {
        Ok(Ok(paths)) => {
            let first = paths.iter().find(|p| p.contains(&format!(".{lang}.", lang = lang.code()))).or(paths.first());
            let to =
                first.map_or_else(|| "/_ashyq/".to_owned(), |p| status::editor_href(&format!("content/{p}"), None));
            (
                StatusCode::SEE_OTHER,
                [(header::LOCATION, HeaderValue::from_str(&to).unwrap_or(HeaderValue::from_static("/_ashyq/")))],
            )
                .into_response()
        }
        Ok(Err(d)) => not_found(&ws, &headers, &nonce, &[d]),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `GET /_ashyq/new-analysis?year=…&start=…&end=…`: the next analysis's form and, once its start
/// and end are given, the dates each document would get. Nothing is written: the schedule is
/// worked out again from the address, so a change of language keeps it.
pub async fn new_analysis(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let (headers, nonce) = parts(&request);
    let lang = lang_of(&headers, &ws);
    let query = request.uri().query();
    let next_year = crate::domain::dates::today().format("%Y").to_string().parse::<i32>().unwrap_or(2026) + 1;
    let year = query_value(query, "year").map_or_else(|| next_year.to_string(), |y| y.trim().to_owned());
    let (start, end) = (query_value(query, "start").unwrap_or_default(), query_value(query, "end").unwrap_or_default());
    let back = analysis_address(&year, &start, &end);
    if start.is_empty() && end.is_empty() {
        return analysis_form(
            &ws,
            &headers,
            &nonce,
            AnalysisForm { year, start, end, back, schedule: None, errors: Vec::new() },
        );
    }
    let root = ws.settings.root.clone();
    let (y, s, e) = (year.clone(), start.clone(), end.clone());
    let planned = tokio::task::spawn_blocking(move || plan_of(&root, &y, &s, &e, lang)).await;
    let (schedule, errors) = match planned {
        Ok(Ok(schedule)) => (Some(schedule), Vec::new()),
        Ok(Err(errors)) => (None, errors),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    analysis_form(&ws, &headers, &nonce, AnalysisForm { year, start, end, back, schedule, errors })
}

/// The new-analysis page's own address with its values, to come back to.
fn analysis_address(year: &str, start: &str, end: &str) -> String {
    let mut q = url::form_urlencoded::Serializer::new(String::from("/_ashyq/new-analysis?"));
    q.append_pair("year", year).append_pair("start", start).append_pair("end", end);
    q.finish()
}

/// What the new-analysis page shows.
struct AnalysisForm {
    year: String,
    start: String,
    end: String,
    back: String,
    schedule: Option<Vec<ScheduleRow>>,
    errors: Vec<String>,
}

#[derive(Serialize)]
struct ScheduleRow {
    what: String,
    date: String,
}

fn analysis_form(ws: &Workspace, headers: &HeaderMap, nonce: &Nonce, f: AnalysisForm) -> Response {
    let code = if f.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let ctx = context! {
        here => "new",
        year => f.year,
        start => f.start,
        end => f.end,
        schedule => ser(&f.schedule),
        errors => f.errors,
    };
    let mut r = page(ws, headers, nonce, "new_analysis.html", &f.back, ctx);
    *r.status_mut() = code;
    r
}

/// The options of a new analysis from the form's values, or what is wrong with them.
fn analysis_options(
    root: &std::path::Path,
    year: &str,
    start: &str,
    end: &str,
    lang: UiLang,
) -> Result<scaffold::NewAnalysis, Vec<String>> {
    match (content::parse_date(start), content::parse_date(end)) {
        (Ok(start), Ok(end)) => {
            Ok(scaffold::NewAnalysis { root: root.to_path_buf(), year: year.to_owned(), start, end })
        }
        (s, e) => Err([s.err(), e.err()].into_iter().flatten().map(|m| m.text(lang)).collect()),
    }
}

/// The dates the analysis would get, as the schedule's rows in `lang`.
fn plan_of(
    root: &std::path::Path,
    year: &str,
    start: &str,
    end: &str,
    lang: UiLang,
) -> Result<Vec<ScheduleRow>, Vec<String>> {
    let opts = analysis_options(root, year, start, end, lang)?;
    let d = scaffold::plan(&opts).map_err(|d| vec![d.message.text(lang)])?;
    let n = crate::domain::dates::numeric;
    let row = |k: Kind, date| ScheduleRow {
        what: crate::messages::capital(crate::messages::kind_name(k, lang)),
        date: n(date),
    };
    let word = |w: Word, date: String| ScheduleRow { what: w.text(lang).to_owned(), date };
    Ok(vec![
        row(Kind::Order, d.order),
        row(Kind::WorkPlan, d.order),
        row(Kind::Announcement, d.announce),
        word(Word::AnalysisStart, n(d.start)),
        row(Kind::Report, d.report),
        row(Kind::DiscussionAnnouncement, d.discussion),
        word(Word::Discussion, n(d.protocol)),
        row(Kind::Protocol, d.protocol),
        row(Kind::ActionPlan, d.plan),
        word(Word::AnalysisEnd, n(d.end)),
        word(Word::CoveredPeriod, format!("{} – {}", n(d.covered_from), n(d.covered_to))),
    ])
}

/// `POST /_ashyq/new-analysis` (form `year`, `start`, `end`): the analysis made, from the dates
/// the page has just shown.
pub async fn create_analysis(State(ws): State<Arc<Workspace>>, request: Request) -> Response {
    let (headers, nonce) = parts(&request);
    let lang = lang_of(&headers, &ws);
    let posted = match body::form(request).await {
        Ok(f) => f,
        Err(r) => return r.response(lang),
    };
    let get = |k: &str| posted_value(&posted, k).unwrap_or_default().trim().to_owned();
    let (year, start, end) = (get("year"), get("start"), get("end"));
    let back = analysis_address(&year, &start, &end);
    let root = ws.settings.root.clone();
    let (y, s, e) = (year.clone(), start.clone(), end.clone());
    let made = tokio::task::spawn_blocking(move || {
        let opts = analysis_options(&root, &y, &s, &e, lang)?;
        scaffold::new_analysis(&opts).map_err(|d| vec![d.message.text(lang)])
    })
    .await;
    match made {
        Ok(Ok(created)) => {
            let folder = created.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let mut q = url::form_urlencoded::Serializer::new(String::from("/_ashyq/?"));
            q.append_pair("made", &folder);
            see_other(&q.finish())
        }
        Ok(Err(errors)) => {
            analysis_form(&ws, &headers, &nonce, AnalysisForm { year, start, end, back, schedule: None, errors })
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
