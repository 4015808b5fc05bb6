//! The report documents through the API: the TSM return (CH01, CH02, TP09) and the annual
//! report's statistics, as the same JSON `putright report tsm` and `putright report stats`
//! print, for a financial year as at a day.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use putright_app::App;
use putright_app::domain::period::FinancialYear;
use putright_app::report::documents::Json;
use serde::Deserialize;
use utoipa::IntoParams;

use super::problem::Refusals;
use super::{Problem, REPORTS, admit, json, query_of};
use crate::forms::Errors;

/// The year and day a report is asked for.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ReportParams {
    /// The financial year, e.g. 2024/25; the one running today if not given.
    #[serde(default)]
    year: String,
    /// The day the figures are as at, YYYY-MM-DD; today if not given.
    #[serde(default)]
    #[param(format = Date)]
    as_at: String,
}

/// Which report: tsm (CH01, CH02, TP09) or stats (the annual report's statistics).
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(
    dead_code,
    reason = "it documents the path; the handler reads it as text"
)]
pub(crate) enum ReportName {
    Tsm,
    Stats,
}

/// A report document as JSON.
#[utoipa::path(get, path = "/api/v1/reports/{which}", tag = "reports",
    params(("which" = inline(ReportName), Path),
        ReportParams),
    security(("token" = ["reports"])),
    responses((status = 200, description = "The document, as putright report prints it", body = serde_json::Value),
        (status = 404, description = "No such report", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The year or day is wrong", body = Problem, content_type = "application/problem+json"),
        Refusals))]
pub(crate) async fn document(
    State(app): State<App>,
    headers: HeaderMap,
    method: Method,
    uri: Uri,
    Path(which): Path<String>,
    params: Result<Query<ReportParams>, QueryRejection>,
) -> Response {
    let params = match query_of(params) {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    if let Err(refused) = admit(&app, &headers, &method, &uri, REPORTS).await {
        return refused;
    }
    if !matches!(which.as_str(), "tsm" | "stats") {
        return Problem::new(
            StatusCode::NOT_FOUND,
            "There is no such report: ask for tsm or stats",
        )
        .into_response();
    }
    let mut errors = Errors::default();
    let year = match params.year.trim() {
        "" => Some(FinancialYear::containing(app.today())),
        raw => FinancialYear::parse(raw)
            .map_err(|e| errors.add("year", crate::fields::capitalised(&e.0)))
            .ok(),
    };
    let as_at = match params.as_at.trim() {
        "" => Some(app.today()),
        raw => raw
            .parse()
            .map_err(|_| {
                errors.add(
                    "as_at",
                    "As at must be a real date, written like 2025-03-31",
                )
            })
            .ok(),
    };
    let (Some(year), Some(as_at)) = (year, as_at) else {
        return Problem::invalid(&errors, str::to_owned).into_response();
    };
    let text = match which.as_str() {
        "tsm" => app
            .tsm_document(year, as_at)
            .await
            .map(|d| d.to_json_text()),
        _ => app
            .stats_document(year, as_at)
            .await
            .map(|d| d.to_json_text()),
    };
    match text {
        Ok(text) => json(StatusCode::OK, text),
        Err(error) => Problem::of(&error, "year"),
    }
}
