//! `/reports/self-assessment`: the year's self-assessment against the Code in the app. Every
//! provision with the landlord's assessment and, beside it, what the record shows live; the
//! complaints officer assesses a provision at a time (`/reports/self-assessment/NUMBER`), by the
//! rules the import applies. The annual report shows it as section 8.1 (a).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use putright_app::App;
use putright_app::domain::code::provision;
use putright_app::domain::period::FinancialYear;
use putright_app::self_assessment::{Line, Typed};

use crate::access::{Area, may};
use crate::forms::{Errors, Posted};
use crate::pages::{Chrome, not_found, render, unavailable};
use crate::reports::{Chosen, ReportQuery, year_query};
use crate::session::{Staff, encode};

/// One provision as listed.
struct Row {
    number: &'static str,
    anchor: String,
    requirement: &'static str,
    comply: &'static str,
    tag: &'static str,
    evidence: String,
    from_record: String,
    action: String,
}

fn comply_words(comply: Option<&str>) -> (&'static str, &'static str) {
    match comply {
        Some("yes") => ("Complies", "govuk-tag--green"),
        Some("partly") => ("Partly", "govuk-tag--yellow"),
        Some("no") => ("Does not comply", "govuk-tag--red"),
        _ => ("Not assessed", "govuk-tag--grey"),
    }
}

fn row(line: &Line) -> Row {
    let (comply, tag) = comply_words(line.row.comply.as_deref());
    let action = match (&line.row.action, line.row.target_date) {
        (Some(action), Some(by)) => format!("{action} (by {by})"),
        (Some(action), None) => action.clone(),
        _ => String::new(),
    };
    Row {
        number: line.provision.number,
        anchor: format!("provision-{}", line.provision.number.replace('.', "-")),
        requirement: line.provision.requirement,
        comply,
        tag,
        evidence: line.row.evidence.clone().unwrap_or_default(),
        from_record: line.computed.clone().unwrap_or_default(),
        action,
    }
}

#[derive(Template)]
#[template(path = "self_assessment.html")]
struct ListPage {
    chrome: Chrome,
    errors: Errors,
    notice: Option<String>,
    year: String,
    as_at: String,
    year_query: String,
    sections: Vec<(&'static str, Vec<Row>)>,
    assessed: usize,
    total: usize,
    assesses: bool,
}

/// Every provision with its assessment and what the record shows.
pub(crate) async fn list(
    State(app): State<App>,
    staff: Staff,
    Query(query): Query<ReportQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::Reports) {
        return refused;
    }
    let chosen = Chosen::last_ended(&app, &query);
    let lines = match app.self_assessment_lines(chosen.year, chosen.as_at).await {
        Ok(lines) => lines,
        Err(error) => {
            tracing::error!(%error, "the self-assessment could not be read");
            return unavailable();
        }
    };
    let mut sections: Vec<(&'static str, Vec<Row>)> = Vec::new();
    for line in &lines {
        match sections.last_mut() {
            Some((section, rows)) if *section == line.provision.section => rows.push(row(line)),
            _ => sections.push((line.provision.section, vec![row(line)])),
        }
    }
    render(&ListPage {
        chrome: Chrome::signed_in(&staff, "/reports"),
        notice: (!query.saved.is_empty())
            .then(|| format!("Your assessment of {} is saved", query.saved)),
        errors: chosen.errors,
        year: chosen.year.to_string(),
        as_at: chosen.as_at.to_string(),
        year_query: year_query(chosen.year),
        assessed: lines.iter().filter(|l| l.row.comply.is_some()).count(),
        total: lines.len(),
        sections,
        assesses: may(staff.user.role, Area::Publish),
    })
}

#[derive(Template)]
#[template(path = "assess.html")]
struct AssessPage {
    chrome: Chrome,
    errors: Errors,
    year: String,
    year_query: String,
    number: &'static str,
    section: &'static str,
    requirement: &'static str,
    from_record: String,
    comply: String,
    boxes: Vec<TextBox>,
    target_date: String,
    form_token: String,
}

/// A box to write in, with what it holds.
struct TextBox {
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    value: String,
}

const CHOICES: [(&str, &str); 3] = [("yes", "Yes"), ("partly", "Partly"), ("no", "No")];

fn assess_page(
    staff: &Staff,
    year: FinancialYear,
    line: &Line,
    typed: Typed,
    errors: Errors,
) -> Response {
    render(&AssessPage {
        chrome: Chrome::signed_in(staff, "/reports"),
        errors,
        year: year.to_string(),
        year_query: year_query(year),
        number: line.provision.number,
        section: line.provision.section,
        requirement: line.provision.requirement,
        from_record: line.computed.clone().unwrap_or_default(),
        boxes: vec![
            TextBox {
                id: "evidence",
                label: "Evidence",
                hint: "What shows the landlord complies: a policy, a page, a report",
                value: typed.evidence,
            },
            TextBox {
                id: "commentary",
                label: "Commentary",
                hint: "Anything the reader should know",
                value: typed.commentary,
            },
            TextBox {
                id: "action",
                label: "Action",
                hint: "What will be done where the landlord does not fully comply",
                value: typed.action,
            },
        ],
        comply: typed.comply.to_lowercase(),
        target_date: typed.target_date,
        form_token: staff.form_token(),
    })
}

/// The provision `number`'s line for the chosen year, if the Code assesses it.
async fn line_of(app: &App, chosen: &Chosen, number: &str) -> Result<Option<Line>, Response> {
    if provision(number).is_none() {
        return Ok(None);
    }
    match app.self_assessment_lines(chosen.year, chosen.as_at).await {
        Ok(lines) => Ok(lines.into_iter().find(|l| l.provision.number == number)),
        Err(error) => {
            tracing::error!(%error, "the self-assessment could not be read");
            Err(unavailable())
        }
    }
}

/// One provision's assessment as held, to make or change.
pub(crate) async fn form(
    State(app): State<App>,
    staff: Staff,
    Path(number): Path<String>,
    Query(query): Query<ReportQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::Publish) {
        return refused;
    }
    let chosen = Chosen::last_ended(&app, &query);
    let line = match line_of(&app, &chosen, &number).await {
        Ok(Some(line)) => line,
        Ok(None) => return not_found().await,
        Err(response) => return response,
    };
    let held = &line.row;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let typed = Typed {
        comply: text(&held.comply),
        evidence: text(&held.evidence),
        commentary: text(&held.commentary),
        action: text(&held.action),
        target_date: held.target_date.map(|d| d.to_string()).unwrap_or_default(),
    };
    assess_page(&staff, chosen.year, &line, typed, chosen.errors)
}

/// The assessment typed: kept, or shown again with what is wrong.
pub(crate) async fn save(
    State(app): State<App>,
    staff: Staff,
    Path(number): Path<String>,
    Query(query): Query<ReportQuery>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::Publish, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let chosen = Chosen::last_ended(&app, &query);
    if !chosen.errors.is_empty() {
        return not_found().await;
    }
    let typed = Typed {
        comply: answers.get("comply").to_owned(),
        evidence: answers.get("evidence").to_owned(),
        commentary: answers.get("commentary").to_owned(),
        action: answers.get("action").to_owned(),
        target_date: answers.get("target_date").to_owned(),
    };
    let problems = match app.assess(chosen.year, &number, &typed).await {
        Ok(Ok(())) => {
            return Redirect::to(&format!(
                "/reports/self-assessment?{}&saved={}#provision-{}",
                year_query(chosen.year),
                encode(&number),
                number.replace('.', "-")
            ))
            .into_response();
        }
        Ok(Err(problems)) => problems,
        Err(error) if error.refusal().is_some() => return not_found().await,
        Err(error) => {
            tracing::error!(%error, "an assessment could not be saved");
            return unavailable();
        }
    };
    let mut errors = Errors::default();
    for p in problems {
        errors.add(p.field, p.message);
    }
    match line_of(&app, &chosen, &number).await {
        Ok(Some(line)) => assess_page(&staff, chosen.year, &line, typed, errors),
        Ok(None) => not_found().await,
        Err(response) => response,
    }
}
