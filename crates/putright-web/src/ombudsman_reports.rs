//! `/reports/ombudsman-reports`: the reports the Housing Ombudsman published about the landlord
//! (its annual landlord performance report, Code 8.1 e, and any other, 8.1 f), with the
//! landlord's summary of each, which the annual report shows. Everyone who reads reports sees
//! them; the complaints officer records one (`/new`) or removes one recorded in error.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use putright_app::App;
use putright_app::ombudsman_reports::NewOmbudsmanReport;

use crate::access::{Area, may};
use crate::forms::{Errors, Posted};
use crate::pages::{Chrome, not_found, render, unavailable};
use crate::session::Staff;

/// One report as listed.
struct Listed {
    id: i64,
    title: String,
    published_on: String,
    url: String,
    summary: String,
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct DoneQuery {
    #[serde(default)]
    done: String,
}

#[derive(Template)]
#[template(path = "ombudsman_reports.html")]
struct ListPage {
    chrome: Chrome,
    notice: Option<&'static str>,
    reports: Vec<Listed>,
    records: bool,
    form_token: String,
}

/// Every report recorded, oldest published first.
pub(crate) async fn list(
    State(app): State<App>,
    staff: Staff,
    Query(query): Query<DoneQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::Reports) {
        return refused;
    }
    let rows = match app.ombudsman_reports().await {
        Ok(rows) => rows,
        Err(error) => {
            tracing::error!(%error, "the Ombudsman's reports could not be read");
            return unavailable();
        }
    };
    render(&ListPage {
        chrome: Chrome::signed_in(&staff, "/reports"),
        notice: match query.done.as_str() {
            "added" => Some("The report is recorded"),
            "removed" => Some("The report is removed"),
            _ => None,
        },
        reports: rows
            .iter()
            .map(|row| Listed {
                id: row.id,
                title: row.report.title().to_string(),
                published_on: row.report.published_on().format("%-d %B %Y").to_string(),
                url: row.report.url().to_string(),
                summary: row.report.summary().to_owned(),
            })
            .collect(),
        records: may(staff.user.role, Area::Publish),
        form_token: staff.form_token(),
    })
}

#[derive(Template)]
#[template(path = "ombudsman_report_new.html")]
struct NewPage {
    chrome: Chrome,
    errors: Errors,
    title: String,
    published_on: String,
    url: String,
    summary: String,
    form_token: String,
}

fn new_page(staff: &Staff, typed: [&str; 4], errors: Errors) -> Response {
    let [title, published_on, url, summary] = typed.map(str::to_owned);
    render(&NewPage {
        chrome: Chrome::signed_in(staff, "/reports"),
        errors,
        title,
        published_on,
        url,
        summary,
        form_token: staff.form_token(),
    })
}

/// The form to record a report.
pub(crate) async fn new_form(staff: Staff) -> Response {
    if let Some(refused) = staff.barred_from(Area::Publish) {
        return refused;
    }
    new_page(&staff, [""; 4], Errors::default())
}

/// A report typed: recorded, or shown again with what is wrong.
pub(crate) async fn add(
    State(app): State<App>,
    staff: Staff,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::Publish, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let typed = ["title", "published_on", "url", "summary"].map(|k| answers.get(k));
    let report = match NewOmbudsmanReport::typed(typed[0], typed[1], typed[2], typed[3]) {
        Ok(report) => report,
        Err(problems) => {
            let mut errors = Errors::default();
            for (field, message) in problems {
                errors.add(field, message);
            }
            return new_page(&staff, typed, errors);
        }
    };
    match app.add_ombudsman_report(&report).await {
        Ok(_) => Redirect::to("/reports/ombudsman-reports?done=added").into_response(),
        Err(error) => match error.refusal() {
            Some(message) => {
                let mut errors = Errors::default();
                errors.add("title", message);
                new_page(&staff, typed, errors)
            }
            None => {
                tracing::error!(%error, "an Ombudsman report could not be recorded");
                unavailable()
            }
        },
    }
}

/// Removes a report recorded in error.
pub(crate) async fn remove(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    if let Err(refused) = staff.accepts(Area::Publish, pairs) {
        return refused;
    }
    match app.remove_ombudsman_report(id).await {
        Ok(()) => Redirect::to("/reports/ombudsman-reports?done=removed").into_response(),
        Err(error) if error.refusal().is_some() => not_found().await,
        Err(error) => {
            tracing::error!(%error, "an Ombudsman report could not be removed");
            unavailable()
        }
    }
}
