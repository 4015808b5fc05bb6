//! Case history in bulk through the API: the body is a file in the import format (CSV, or an
//! XLSX workbook whose first sheet holds it), imported by the same rules as `putright import
//! cases`: every row checked, history that broke the Code accepted and flagged, all of it in
//! one transaction or none of it, each problem named by its row and column. A case already
//! stored is compared rather than made again, so sending the same file twice changes nothing
//! the second time: a client's retry never makes a second case.

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use putright_app::{App, AppError};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::problem::{FieldProblem, Refusals};
use super::{Problem, WRITE, admit_with, json};

/// The largest file the route takes: about ten years of a large landlord's history.
pub(crate) const LIMIT: usize = 64 * 1024 * 1024;

const CSV: &str = "text/csv";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Whether to write what the file holds.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ImportParams {
    /// Check every row and say what would change, writing nothing.
    #[serde(default)]
    dry_run: bool,
}

/// What an import did, or in a dry run would do.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Imported {
    /// Rows read, blank rows aside.
    rows: u64,
    /// Cases made.
    created: u64,
    /// Stored cases that moved on or were corrected.
    updated: u64,
    /// Stored cases the file left as they were.
    unchanged: u64,
    /// Whether nothing was written (a dry run).
    dry_run: bool,
}

/// Imports case history in bulk.
#[utoipa::path(post, path = "/api/v1/imports", tag = "recording",
    params(ImportParams),
    request_body(description = "The file in the import format: a header row naming the columns, \
        then a row per case", content((String = "text/csv"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
    security(("token" = ["write"])),
    responses((status = 200, description = "Imported, or checked in a dry run", body = Imported),
        (status = 413, description = "The file is larger than 64 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not CSV or XLSX", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The file has problems, each by row and column: nothing was written", body = Problem, content_type = "application/problem+json"),
        Refusals))]
pub(crate) async fn import(
    State(app): State<App>,
    headers: HeaderMap,
    method: Method,
    uri: Uri,
    params: Result<Query<ImportParams>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (params, caller) = match admit_with(params, &app, &headers, &method, &uri, WRITE).await {
        Ok(admitted) => admitted,
        Err(refused) => return refused,
    };
    let media = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase());
    if !matches!(media.as_deref(), Some(CSV | XLSX)) {
        return Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "The body must be the file to import: text/csv, or an XLSX workbook",
        )
        .into_response();
    }
    let body = match body {
        Ok(body) => body,
        Err(rejection) => {
            return Problem::new(
                rejection.status(),
                "The file could not be read: nothing was written",
            )
            .detail(rejection.body_text())
            .into_response();
        }
    };
    match app
        .import_sent(&body, params.dry_run, &caller.user.username)
        .await
    {
        Ok(summary) => {
            let imported = Imported {
                rows: summary.rows,
                created: summary.created,
                updated: summary.updated,
                unchanged: summary.unchanged,
                dry_run: params.dry_run,
            };
            match serde_json::to_string(&imported) {
                Ok(text) => json(StatusCode::OK, text),
                Err(_) => Problem::unavailable(),
            }
        }
        Err(AppError::Rejected { problems, .. }) => rejected(&problems),
        Err(AppError::File { message, .. }) => rejected(&[message]),
        Err(error) => Problem::of(&error, "body"),
    }
}

/// The file's problems, each with the row and column it names as its field.
fn rejected(problems: &[String]) -> Response {
    let mut problem = Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "The file has problems: nothing was written",
    );
    problem.kind = "/api/v1/problems/invalid".into();
    problem.errors = problems
        .iter()
        .map(|p| match p.split_once(": ") {
            Some((place, why)) if place.starts_with("row ") || place.starts_with("column ") => {
                FieldProblem {
                    field: place.to_owned(),
                    message: crate::fields::capitalised(why),
                }
            }
            _ => FieldProblem {
                field: "body".into(),
                message: crate::fields::capitalised(p),
            },
        })
        .collect();
    problem.into_response()
}
