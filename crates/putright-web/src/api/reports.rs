//! The report documents through the API: the TSM return (CH01, CH02, TP09), the annual
//! report's statistics, the quarterly report and the Ombudsman's findings, as the same JSON
//! `putright report` prints, and the annual report itself as a file in the formats the staff
//! app gives it in.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use putright_app::App;
use putright_app::domain::period::{FinancialYear, Period};
use putright_app::report::documents::Json;
use putright_app::report::publish::AnnualFormat;
use serde::Deserialize;
use utoipa::IntoParams;

use super::problem::Refusals;
use super::{Problem, REPORTS, admit_with, json};
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
    let (params, _caller) = match admit_with(params, &app, &headers, &method, &uri, REPORTS).await {
        Ok(admitted) => admitted,
        Err(refused) => return refused,
    };
    if !matches!(which.as_str(), "tsm" | "stats") {
        return Problem::new(
            StatusCode::NOT_FOUND,
            "There is no such report: ask for tsm or stats",
        )
        .into_response();
    }
    let today = app.today();
    let mut errors = Errors::default();
    let year = year_of(&params.year, today, &mut errors);
    let as_at = as_at_of(&params.as_at, today, &mut errors);
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

/// Reads a financial year, today's if blank.
fn year_of(raw: &str, today: NaiveDate, errors: &mut Errors) -> Option<FinancialYear> {
    match raw.trim() {
        "" => Some(FinancialYear::containing(today)),
        raw => FinancialYear::parse(raw)
            .map_err(|e| errors.add("year", crate::fields::capitalised(&e.0)))
            .ok(),
    }
}

/// Reads the day figures are as at, today if blank.
fn as_at_of(raw: &str, today: NaiveDate, errors: &mut Errors) -> Option<NaiveDate> {
    match raw.trim() {
        "" => Some(today),
        raw => raw
            .parse()
            .map_err(|_| {
                errors.add(
                    "as_at",
                    "As at must be a real date, written like 2025-03-31",
                )
            })
            .ok(),
    }
}

/// The quarter running on `day` (Q1 is April to June).
fn quarter_containing(day: NaiveDate) -> Option<Period> {
    let quarter = (day.month() + 8) % 12 / 3 + 1;
    Period::parse_quarter(&format!("{}-Q{quarter}", FinancialYear::containing(day))).ok()
}

/// The quarter and day the quarterly report is asked for.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct QuarterParams {
    /// The quarter, e.g. 2024/25-Q3 (Q1 is April to June); the one running today if not given.
    #[serde(default)]
    quarter: String,
    /// The day the figures are as at, YYYY-MM-DD; today if not given.
    #[serde(default)]
    #[param(format = Date)]
    as_at: String,
    /// The landlord's name as the Ombudsman writes it, to set its findings in the quarter
    /// beside its peers'; left out if not given.
    #[serde(default)]
    landlord: String,
}

/// The quarterly report to the Member Responsible for Complaints (Code 9.7) as JSON.
#[utoipa::path(get, path = "/api/v1/reports/quarterly", tag = "reports",
    params(QuarterParams),
    security(("token" = ["reports"])),
    responses((status = 200, description = "The document, as putright report quarterly prints it", body = serde_json::Value),
        (status = 422, description = "The quarter or day is wrong", body = Problem, content_type = "application/problem+json"),
        Refusals))]
pub(crate) async fn quarterly(
    State(app): State<App>,
    headers: HeaderMap,
    method: Method,
    uri: Uri,
    params: Result<Query<QuarterParams>, QueryRejection>,
) -> Response {
    let (params, _caller) = match admit_with(params, &app, &headers, &method, &uri, REPORTS).await {
        Ok(admitted) => admitted,
        Err(refused) => return refused,
    };
    let today = app.today();
    let mut errors = Errors::default();
    let quarter = match params.quarter.trim() {
        "" => quarter_containing(today),
        raw => Period::parse_quarter(raw)
            .map_err(|e| errors.add("quarter", crate::fields::capitalised(&e.0)))
            .ok(),
    };
    let as_at = as_at_of(&params.as_at, today, &mut errors);
    let (Some(quarter), Some(as_at)) = (quarter, as_at) else {
        return Problem::invalid(&errors, str::to_owned).into_response();
    };
    let landlord = Some(params.landlord.trim()).filter(|l| !l.is_empty());
    match app.quarterly(quarter, as_at, landlord).await {
        Ok(doc) => json(StatusCode::OK, doc.to_json_text()),
        Err(error) => Problem::of(&error, "quarter"),
    }
}

/// The year and landlord the Ombudsman's findings are asked for.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct OmbudsmanParams {
    /// The financial year, e.g. 2024/25 (findings count by the day of the decision); the one
    /// running today if not given.
    #[serde(default)]
    year: String,
    /// The landlord's name as the Ombudsman writes it; the landlord's own name if not given.
    #[serde(default)]
    landlord: String,
}

/// A landlord's Housing Ombudsman findings for a year beside its peers and the sector, as JSON.
#[utoipa::path(get, path = "/api/v1/reports/ombudsman", tag = "reports",
    params(OmbudsmanParams),
    security(("token" = ["reports"])),
    responses((status = 200, description = "The document, as putright report ombudsman prints it", body = serde_json::Value),
        (status = 422, description = "The year is wrong, or no landlord of that name has findings", body = Problem, content_type = "application/problem+json"),
        Refusals))]
pub(crate) async fn ombudsman(
    State(app): State<App>,
    headers: HeaderMap,
    method: Method,
    uri: Uri,
    params: Result<Query<OmbudsmanParams>, QueryRejection>,
) -> Response {
    let (params, _caller) = match admit_with(params, &app, &headers, &method, &uri, REPORTS).await {
        Ok(admitted) => admitted,
        Err(refused) => return refused,
    };
    let mut errors = Errors::default();
    let Some(year) = year_of(&params.year, app.today(), &mut errors) else {
        return Problem::invalid(&errors, str::to_owned).into_response();
    };
    let landlord = match params.landlord.trim() {
        "" => match app.landlord_with_findings().await {
            Ok(Some(name)) => name,
            Ok(None) => {
                errors.add(
                    "landlord",
                    "The Ombudsman's findings do not name this landlord: give the name as the \
                     Ombudsman writes it",
                );
                return Problem::invalid(&errors, str::to_owned).into_response();
            }
            Err(error) => return Problem::of(&error, "landlord"),
        },
        name => name.to_owned(),
    };
    match app.ombudsman_document(year, &landlord).await {
        Ok(doc) => json(StatusCode::OK, doc.to_json_text()),
        Err(error) => Problem::of(&error, "landlord"),
    }
}

/// The year, day and format the annual report is asked in.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct AnnualParams {
    /// The financial year, e.g. 2024/25; the one running today if not given.
    #[serde(default)]
    year: String,
    /// The day the figures are as at, YYYY-MM-DD; today if not given.
    #[serde(default)]
    #[param(format = Date)]
    as_at: String,
    /// html (the default), docx, pdf (tagged, accessible) or xlsx (its tables).
    #[serde(default)]
    #[param(inline, value_type = Option<AnnualFile>)]
    format: String,
}

/// The annual report's file formats.
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(
    dead_code,
    reason = "it documents the parameter; the handler reads it as text"
)]
pub(crate) enum AnnualFile {
    Html,
    Docx,
    Pdf,
    Xlsx,
}

/// The annual complaints performance and service improvement report (Code 8.1, 8.2) as it
/// stands: the record as at the day and the narrative as last saved in the app. Its making is
/// recorded in the audit trail.
#[utoipa::path(get, path = "/api/v1/reports/annual", tag = "reports",
    params(AnnualParams),
    security(("token" = ["reports"])),
    responses((status = 200, description = "The report in the format asked for", content(
            (String = "text/html"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (Vec<u8> = "application/pdf"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 422, description = "The year, day or format is wrong", body = Problem, content_type = "application/problem+json"),
        Refusals))]
pub(crate) async fn annual(
    State(app): State<App>,
    headers: HeaderMap,
    method: Method,
    uri: Uri,
    params: Result<Query<AnnualParams>, QueryRejection>,
) -> Response {
    let (params, caller) = match admit_with(params, &app, &headers, &method, &uri, REPORTS).await {
        Ok(admitted) => admitted,
        Err(refused) => return refused,
    };
    let today = app.today();
    let mut errors = Errors::default();
    let year = year_of(&params.year, today, &mut errors);
    let as_at = as_at_of(&params.as_at, today, &mut errors);
    let format = match params.format.trim() {
        "" | "html" => Some((AnnualFormat::Html, "html")),
        "docx" => Some((AnnualFormat::Docx, "docx")),
        "pdf" => Some((AnnualFormat::Pdf, "pdf")),
        "xlsx" => Some((AnnualFormat::Xlsx, "xlsx")),
        _ => {
            errors.add("format", "The format must be html, docx, pdf or xlsx");
            None
        }
    };
    let (Some(year), Some(as_at), Some((format, extension))) = (year, as_at, format) else {
        return Problem::invalid(&errors, str::to_owned).into_response();
    };
    match app
        .annual_in_app_bytes(year, as_at, format, &caller.user.username)
        .await
    {
        Ok(bytes) => {
            let year = year.to_string().replace('/', "-");
            crate::reports::download(bytes, &format!("annual-report-{year}.{extension}"))
        }
        Err(error) => Problem::of(&error, "year"),
    }
}
