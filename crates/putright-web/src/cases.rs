//! `/cases`: every case, with the filters in the URL (so a list can be bookmarked and shared),
//! a search, sorting and paging. Complaints staff see names and open each case; the member
//! responsible and the governing body see the same list by reference, dates, category, stage
//! and outcome, and their search looks at references only, so no personal data reaches them.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use putright_app::domain::lifecycle::Status;
use putright_app::domain::vocabulary::{ContactKind, Jurisdiction, Tenure};
use putright_app::worklist::{CaseList, CaseListRequest, Queue};
use putright_app::{App, CaseFilter, Order};
use serde::Deserialize;

use crate::access::{Area, sees_personal_data};
use crate::forms::Errors;
use crate::pages::{Chrome, render, unavailable};
use crate::session::{Staff, encode};

/// Cases per page.
const PAGE_SIZE: i64 = 25;

#[cfg(test)]
mod tests {
    #[test]
    fn names_read_as_words() {
        assert_eq!(super::words("stage1_open"), "Stage 1 open");
        assert_eq!(
            super::words("closed_without_response"),
            "Closed without response"
        );
        assert_eq!(super::words("mp_enquiry"), "MP enquiry");
    }

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(10_000), "10,000");
        assert_eq!(super::thousands(1_234_567), "1,234,567");
    }
}

/// The list's address, as typed or bookmarked: every field text, checked here.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub(crate) struct ListQuery {
    q: String,
    kind: String,
    stage: String,
    status: String,
    bucket: String,
    service_area: String,
    category: String,
    handler: String,
    tenure: String,
    jurisdiction: String,
    received_from: String,
    received_to: String,
    sort: String,
    page: String,
}

/// A choice in a select: its value, its label, whether chosen.
pub(crate) struct Choice {
    value: &'static str,
    label: String,
    selected: bool,
}

/// "stage1_open" as people write it: "Stage 1 open".
pub(crate) fn words(name: &str) -> String {
    let mut spaced = String::with_capacity(name.len() + 2);
    let mut after_letter = false;
    for c in name.chars() {
        if c.is_ascii_digit() && after_letter {
            spaced.push(' ');
        }
        after_letter = c.is_alphabetic();
        spaced.push(if c == '_' { ' ' } else { c });
    }
    // "mp_enquiry": an MP's enquiry.
    if let Some(rest) = spaced.strip_prefix("mp ") {
        return format!("MP {rest}");
    }
    let mut chars = spaced.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn choices(values: impl IntoIterator<Item = &'static str>, chosen: &str) -> Vec<Choice> {
    values
        .into_iter()
        .map(|value| Choice {
            value,
            label: words(value),
            selected: value == chosen,
        })
        .collect()
}

const SORTS: [(&str, &str, Order); 4] = [
    ("newest", "Received, newest first", Order::Newest),
    ("oldest", "Received, oldest first", Order::Oldest),
    ("due", "Due soonest first", Order::DueSoonest),
    ("reference", "Reference", Order::Reference),
];

/// One case as the page shows it.
pub(crate) struct Line {
    reference: String,
    link: bool,
    name: String,
    kind: String,
    received: String,
    stage: String,
    status: String,
    due: String,
    overdue: bool,
    handler: String,
    category: String,
    outcome: String,
}

#[derive(Template)]
#[template(path = "cases.html")]
struct CasesPage {
    chrome: Chrome,
    errors: Errors,
    query: ListQuery,
    personal: bool,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    buckets: Vec<Choice>,
    tenures: Vec<Choice>,
    jurisdictions: Vec<Choice>,
    sorts: Vec<Choice>,
    stages: Vec<Choice>,
    lines: Vec<Line>,
    total: String,
    page: i64,
    pages: i64,
    more: bool,
    previous: Option<String>,
    next: Option<String>,
    mine: String,
}

/// Reads a date typed as YYYY-MM-DD, or says what is wrong with it.
fn date(
    raw: &str,
    field: &'static str,
    label: &str,
    errors: &mut Errors,
) -> Option<chrono::NaiveDate> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match raw.parse() {
        Ok(day) => Some(day),
        Err(_) => {
            errors.add(
                field,
                format!("{label} must be a real date, written like 2025-03-31"),
            );
            None
        }
    }
}

/// A value from a closed list, or an error naming the field.
fn one_of(
    raw: &str,
    allowed: &[&'static str],
    field: &'static str,
    label: &str,
    errors: &mut Errors,
) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    if allowed.contains(&raw) {
        Some(raw.to_owned())
    } else {
        errors.add(field, format!("Select a {label} from the list"));
        None
    }
}

fn text(raw: &str) -> Option<String> {
    let raw = raw.trim();
    (!raw.is_empty()).then(|| raw.to_owned())
}

fn kinds() -> Vec<&'static str> {
    ContactKind::ALL.iter().map(|k| k.as_str()).collect()
}

fn statuses() -> Vec<&'static str> {
    Status::ALL.iter().map(|s| s.as_str()).collect()
}

fn tenures() -> Vec<&'static str> {
    Tenure::ALL.iter().map(|t| t.as_str()).collect()
}

fn jurisdictions() -> Vec<&'static str> {
    Jurisdiction::ALL.iter().map(|j| j.as_str()).collect()
}

fn buckets() -> Vec<&'static str> {
    Queue::ALL.iter().map(|q| q.as_str()).collect()
}

/// The request a query makes, and the errors in it (a field in error is left out).
pub(crate) fn request(query: &ListQuery) -> (CaseListRequest, Errors) {
    let mut errors = Errors::default();
    let filter = CaseFilter {
        kind: one_of(&query.kind, &kinds(), "kind", "kind", &mut errors),
        stage: one_of(&query.stage, &["1", "2"], "stage", "stage", &mut errors)
            .and_then(|s| s.parse().ok()),
        status: one_of(&query.status, &statuses(), "status", "status", &mut errors),
        service_area: text(&query.service_area),
        category: text(&query.category),
        handler: text(&query.handler).map(|h| h.to_lowercase()),
        tenure: one_of(&query.tenure, &tenures(), "tenure", "tenure", &mut errors),
        jurisdiction: one_of(
            &query.jurisdiction,
            &jurisdictions(),
            "jurisdiction",
            "jurisdiction",
            &mut errors,
        ),
        received_from: date(
            &query.received_from,
            "received_from",
            "Received from",
            &mut errors,
        ),
        received_to: date(
            &query.received_to,
            "received_to",
            "Received to",
            &mut errors,
        ),
        words: query
            .q
            .split_whitespace()
            .take(8)
            .map(str::to_owned)
            .collect(),
        ..CaseFilter::default()
    };
    if let (Some(from), Some(to)) = (filter.received_from, filter.received_to)
        && from > to
    {
        errors.add(
            "received_to",
            "Received to must be the same as or after received from",
        );
    }
    let queue = one_of(&query.bucket, &buckets(), "bucket", "queue", &mut errors)
        .and_then(|b| Queue::parse(&b));
    let order = SORTS
        .iter()
        .find(|(name, _, _)| *name == query.sort)
        .map_or(Order::Newest, |(_, _, order)| *order);
    let page = query.page.trim().parse::<i64>().unwrap_or(1).max(1);
    (
        CaseListRequest {
            filter,
            queue,
            order,
            page,
            page_size: PAGE_SIZE,
        },
        errors,
    )
}

/// A count as people write it: "12,345".
fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// The list's address with the same filters, on another page.
fn address(query: &ListQuery, page: i64) -> String {
    let pairs = [
        ("q", &query.q),
        ("kind", &query.kind),
        ("stage", &query.stage),
        ("status", &query.status),
        ("bucket", &query.bucket),
        ("service_area", &query.service_area),
        ("category", &query.category),
        ("handler", &query.handler),
        ("tenure", &query.tenure),
        ("jurisdiction", &query.jurisdiction),
        ("received_from", &query.received_from),
        ("received_to", &query.received_to),
        ("sort", &query.sort),
    ];
    let mut parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(n, v)| format!("{n}={}", encode(v.trim())))
        .collect();
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    if parts.is_empty() {
        "/cases".into()
    } else {
        format!("/cases?{}", parts.join("&"))
    }
}

fn line(
    row: &putright_app::CaseListRow,
    name: Option<String>,
    list: &CaseList,
    personal: bool,
) -> Line {
    let due = row.acknowledgement_due.or(row.due);
    Line {
        reference: row.reference.clone(),
        link: personal,
        name: name.unwrap_or_default(),
        kind: words(&row.kind),
        received: row.received_on.to_string(),
        stage: row.stage.map_or_else(String::new, |s| s.to_string()),
        status: words(&row.status),
        due: match (row.acknowledgement_due, row.due) {
            (Some(ack), _) => format!("Acknowledge by {ack}"),
            (None, Some(due)) => due.to_string(),
            (None, None) => String::new(),
        },
        overdue: due.is_some_and(|d| d < list.today),
        handler: row.handler.clone().unwrap_or_default(),
        category: row.category.clone().unwrap_or_default(),
        outcome: row.outcome.as_deref().map(words).unwrap_or_default(),
    }
}

pub(crate) async fn list(
    State(app): State<App>,
    staff: Staff,
    Query(query): Query<ListQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseList) {
        return refused;
    }
    let personal = sees_personal_data(staff.user.role);
    let (request, errors) = request(&query);
    let list = match app.case_list(&request, personal).await {
        Ok(list) => list,
        Err(error) => {
            tracing::error!(%error, "the list of cases could not be read");
            return unavailable();
        }
    };
    let lines = list
        .rows
        .iter()
        .map(|(row, name)| line(row, name.clone(), &list, personal))
        .collect();
    let sort_names = SORTS.map(|(name, _, _)| name);
    let mut sorts = choices(sort_names, &query.sort);
    for (choice, (_, label, _)) in sorts.iter_mut().zip(SORTS) {
        choice.label = label.to_owned();
    }
    render(&CasesPage {
        chrome: Chrome::signed_in(&staff, "/cases"),
        errors,
        personal,
        kinds: choices(kinds(), &query.kind),
        statuses: choices(statuses(), &query.status),
        buckets: choices(buckets(), &query.bucket),
        tenures: choices(tenures(), &query.tenure),
        jurisdictions: choices(jurisdictions(), &query.jurisdiction),
        sorts,
        stages: choices(["1", "2"], &query.stage),
        lines,
        total: if list.more {
            format!("More than {}", thousands(list.total))
        } else {
            thousands(list.total)
        },
        page: list.page,
        pages: list.pages,
        more: list.more,
        previous: (list.page > 1).then(|| address(&query, list.page - 1)),
        next: list.has_next.then(|| address(&query, list.page + 1)),
        mine: format!("/cases?handler={}&sort=due", encode(&staff.user.username)),
        query,
    })
}
