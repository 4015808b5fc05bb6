//! The API's errors as `application/problem+json` (RFC 9457): a title that says what is wrong,
//! the detail, the Code provision where a rule of the Code refused the request, and each
//! problem with the field it is in, worded as the staff app words it.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use putright_app::AppError;
use putright_app::domain::DomainError;
use serde::Serialize;

use crate::fields::capitalised;
use crate::forms::Errors;

/// One problem with a field of the request.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub(crate) struct FieldProblem {
    /// The field, as the request names it.
    pub field: String,
    /// What is wrong with it and how to put it right.
    pub message: String,
}

/// An error answer.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub(crate) struct Problem {
    /// What kind of problem it is: a URI naming it, or `about:blank`.
    #[serde(rename = "type")]
    pub kind: String,
    /// What is wrong, in a sentence.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// More on what is wrong and what to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The provision of the Housing Ombudsman's Complaint Handling Code that refused it, e.g.
    /// "Code 6.13".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provision: Option<String>,
    /// Each problem with a field of the request.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
    /// For a version conflict, the case's version now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
}

impl Problem {
    /// A problem with a status and a title.
    pub(crate) fn new(status: StatusCode, title: &str) -> Problem {
        Problem {
            kind: "about:blank".into(),
            title: title.into(),
            status: status.as_u16(),
            detail: None,
            provision: None,
            errors: Vec::new(),
            version: None,
        }
    }

    /// With the detail.
    pub(crate) fn detail(mut self, detail: impl Into<String>) -> Problem {
        self.detail = Some(detail.into());
        self
    }

    /// A request whose fields are wrong, each problem named.
    pub(crate) fn invalid(errors: &Errors, field_name: impl Fn(&str) -> String) -> Problem {
        let mut problem = Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "The request has problems: nothing was recorded",
        );
        problem.kind = "/api/v1/problems/invalid".into();
        problem.errors = errors
            .items
            .iter()
            .map(|e| FieldProblem {
                field: field_name(&e.field),
                message: e.message.clone(),
            })
            .collect();
        problem
    }

    /// A body that is not the JSON the route takes.
    pub(crate) fn unreadable(why: impl std::fmt::Display) -> Response {
        let mut problem = Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "The request's body is not what this route takes: nothing was recorded",
        )
        .detail(format!("{why}"));
        problem.kind = "/api/v1/problems/unreadable".into();
        problem.into_response()
    }

    /// No valid token.
    pub(crate) fn unauthorised() -> Response {
        let mut response = Problem::new(StatusCode::UNAUTHORIZED, "A valid API token is needed")
            .detail(
                "Send Authorization: Bearer TOKEN with a token an administrator made, not \
                 revoked and not expired.",
            )
            .into_response();
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            header::HeaderValue::from_static("Bearer realm=\"putright api\""),
        );
        response
    }

    /// Too many requests this minute.
    pub(crate) fn too_many(seconds: u64) -> Response {
        let mut response = Problem::new(
            StatusCode::TOO_MANY_REQUESTS,
            "This token has made as many requests as it may this minute",
        )
        .detail(format!("Try again in {seconds} seconds."))
        .into_response();
        if let Ok(value) = header::HeaderValue::from_str(&seconds.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }

    /// The service could not answer; the detail is in the log.
    pub(crate) fn unavailable() -> Response {
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "The service cannot answer just now: try again later",
        )
        .into_response()
    }

    /// The answer to a failure of the service: a refusal the caller can act on with its words
    /// and provision, a conflict with the version now, otherwise 503 (logged once, here).
    pub(crate) fn of(error: &AppError, field: &str) -> Response {
        let problem = match error {
            AppError::Domain {
                source: DomainError::BreachesCode { provision, message },
                ..
            } => {
                let mut p = Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "The Complaint Handling Code does not allow this: nothing was recorded",
                );
                p.kind = "/api/v1/problems/code".into();
                p.provision = Some((*provision).to_owned());
                p.errors.push(FieldProblem {
                    field: field.to_owned(),
                    message: format!("{} ({provision})", capitalised(message)),
                });
                p
            }
            AppError::Domain {
                source: DomainError::Impossible(message),
                ..
            } => {
                let mut p = Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "This cannot have happened to the case: nothing was recorded",
                );
                p.kind = "/api/v1/problems/impossible".into();
                p.errors.push(FieldProblem {
                    field: field.to_owned(),
                    message: capitalised(message),
                });
                p
            }
            AppError::NotFound(_) => Problem::new(StatusCode::NOT_FOUND, "There is no such case"),
            AppError::Store(putright_app::StoreError::Conflict { found, .. }) => {
                let mut p = Problem::new(
                    StatusCode::CONFLICT,
                    "The case was saved by someone else since the version this was decided \
                     against: nothing was recorded",
                )
                .detail("Read the case again and decide against its version now.");
                p.kind = "/api/v1/problems/conflict".into();
                p.version = Some(*found);
                p
            }
            other => match other.refusal() {
                Some(message) => {
                    let mut p = Problem::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "The request was refused: nothing was recorded",
                    );
                    p.errors.push(FieldProblem {
                        field: field.to_owned(),
                        message: capitalised(message),
                    });
                    p
                }
                None => {
                    tracing::error!(error = %other, "an API request failed");
                    return Problem::unavailable();
                }
            },
        };
        problem.into_response()
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_string(&self).unwrap_or_default();
        (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body,
        )
            .into_response()
    }
}

/// The refusals every route with a token may answer, for the OpenAPI document.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code, reason = "it describes answers; Problem makes them")]
pub(crate) enum Refusals {
    /// No valid token: none sent, or one never made, revoked or expired.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorised(Problem),
    /// The token lacks the route's scope, or its user's role does not allow it.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
    /// The token has made as many requests as it may this minute: see Retry-After.
    #[response(status = 429, content_type = "application/problem+json")]
    TooMany(Problem),
    /// The service cannot answer just now.
    #[response(status = 503, content_type = "application/problem+json")]
    Unavailable(Problem),
}

/// The answer when a handler failed unexpectedly (the layer that catches panics calls it).
pub(crate) fn internal_error() -> Response {
    Problem::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong in the service: nothing was recorded",
    )
    .into_response()
}
