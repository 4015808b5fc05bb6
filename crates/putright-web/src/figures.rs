//! `/figures?year=2024/25&figure=KEY`: the cases behind one figure of the reports, the list
//! `putright report cases --figure` prints, so every number a report or dashboard shows can be
//! followed to what it counts. Only what identifies no one is shown (reference, kind, dates,
//! service area, category, stage, outcome); a link to the case only for roles that may open it.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use putright_app::App;
use putright_app::CaseListRow;
use putright_app::domain::period::FinancialYear;
use putright_app::error::AppError;

use crate::access::{Area, may};
use crate::forms::Errors;
use crate::pages::{Chrome, render, unavailable};
use crate::session::Staff;

#[derive(Template)]
#[template(path = "figures.html")]
struct FiguresPage {
    chrome: Chrome,
    errors: Errors,
    year: String,
    figure: String,
    as_at: String,
    records: bool,
    rows: Option<Vec<CaseListRow>>,
    /// The dashboard's period and filters, in words ("Q1, Repairs"), if it named any.
    scope: String,
    /// The same, kept in the form so asking again keeps them: (name, value).
    kept: Vec<(&'static str, String)>,
}

/// What a dashboard's address narrows the figure to, in words.
fn scope_words(query: &FigureQuery) -> String {
    [
        &query.quarter,
        &query.month,
        &query.service_area,
        &query.category,
        &query.tenure,
        &query.jurisdiction,
    ]
    .iter()
    .map(|v| v.trim())
    .filter(|v| !v.is_empty())
    .collect::<Vec<_>>()
    .join(", ")
}

/// The year, the figure and the day, as the address gives them; and from a dashboard, the
/// quarter or month and the filters its figures were counted under.
#[derive(serde::Deserialize, Default)]
pub(crate) struct FigureQuery {
    #[serde(default)]
    year: String,
    #[serde(default)]
    figure: String,
    #[serde(default)]
    as_at: String,
    #[serde(default)]
    quarter: String,
    #[serde(default)]
    month: String,
    #[serde(default)]
    service_area: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    tenure: String,
    #[serde(default)]
    jurisdiction: String,
}

impl FigureQuery {
    /// Whether the address names a part of the year or a filter: a dashboard's figure.
    fn scoped(&self) -> bool {
        [
            &self.quarter,
            &self.month,
            &self.service_area,
            &self.category,
            &self.tenure,
            &self.jurisdiction,
        ]
        .iter()
        .any(|v| !v.trim().is_empty())
    }
}

pub(crate) async fn cases(
    State(app): State<App>,
    staff: Staff,
    Query(query): Query<FigureQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseList) {
        return refused;
    }
    let (year, figure) = (query.year.trim(), query.figure.trim());
    let mut errors = Errors::default();
    let mut rows = None;
    let as_at = match query.as_at.trim() {
        "" => Some(app.today()),
        raw => raw.parse().ok(),
    };
    if !(year.is_empty() && figure.is_empty()) {
        let parsed = year.parse::<FinancialYear>();
        if parsed.is_err() {
            errors.add("year", "Enter the financial year like 2024/25");
        }
        if figure.is_empty() {
            errors.add(
                "figure",
                "Enter the figure, like stats.volumes.complaint_stage1",
            );
        }
        if as_at.is_none() {
            errors.add("as_at", "Enter the day as YYYY-MM-DD, like 2025-03-31");
        }
        let scope = query.scoped().then(|| {
            crate::dashboard::scope_of(
                year,
                &query.quarter,
                &query.month,
                [
                    &query.service_area,
                    &query.category,
                    &query.tenure,
                    &query.jurisdiction,
                ],
                app.today(),
                &mut errors,
            )
        });
        if let (Ok(year), Some(day), true) = (parsed, as_at, errors.is_empty()) {
            let found = match &scope {
                Some(scope) => app.scoped_figure_cases(scope, day, figure).await,
                None => app.figure_cases(year, day, figure).await,
            };
            match found {
                Ok(found) => rows = Some(found),
                Err(AppError::Invalid(message)) => {
                    errors.add("figure", message.trim_start_matches("--figure ").to_owned())
                }
                Err(error) => {
                    tracing::error!(%error, "the cases behind a figure could not be read");
                    return unavailable();
                }
            }
        }
    }
    render(&FiguresPage {
        chrome: Chrome::signed_in(&staff, "/cases"),
        errors,
        scope: scope_words(&query),
        kept: [
            ("quarter", &query.quarter),
            ("month", &query.month),
            ("service_area", &query.service_area),
            ("category", &query.category),
            ("tenure", &query.tenure),
            ("jurisdiction", &query.jurisdiction),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(n, v)| (n, v.trim().to_owned()))
        .collect(),
        year: year.to_owned(),
        figure: figure.to_owned(),
        as_at: as_at.map_or_else(|| query.as_at.clone(), |d| d.to_string()),
        records: may(staff.user.role, Area::CaseRecord),
        rows,
    })
}
