//! The integration API, `/api/v1`: JSON over HTTP for a housing management system, a CRM or a
//! website, beside the staff app and over the same service. Each request carries an API token
//! (`Authorization: Bearer TOKEN`) whose scope allows the route and whose user's role allows
//! the same thing in the staff app; every use is recorded in the audit trail before it is
//! answered; each token makes so many requests a minute (then 429 with `Retry-After`). Errors
//! are `application/problem+json` (RFC 9457) with the Code provision where a rule of the Code
//! refused the request and the field each problem is in. The OpenAPI 3.1 document at
//! `/api/v1/openapi.json` is generated from these handlers and types ([`doc::ApiDoc`]).

mod cases;
mod doc;
mod imports;
mod problem;
mod record;
mod reports;

use axum::Router;
use axum::extract::Query;
use axum::extract::rejection::QueryRejection;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use putright_app::App;
use putright_app::api::{Caller, Scope};

use crate::access::{Area, may};
pub(crate) use problem::{Problem, internal_error};

/// Where the API's routes are: a handler sees its path with this taken off.
pub(crate) const PREFIX: &str = "/api/v1";

/// The API's routes, under [`PREFIX`].
pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/openapi.json", get(doc::openapi))
        .route("/cases", get(cases::list))
        .route("/cases/{reference}", get(cases::show))
        .route("/cases/{reference}/pack", get(cases::pack))
        .route("/cases/{reference}/steps", post(record::step))
        .route("/contacts", post(record::contact))
        .route(
            "/imports",
            post(imports::import).layer(axum::extract::DefaultBodyLimit::max(imports::LIMIT)),
        )
        .route("/reports/quarterly", get(reports::quarterly))
        .route("/reports/ombudsman", get(reports::ombudsman))
        .route("/reports/annual", get(reports::annual))
        .route("/reports/{which}", get(reports::document))
        .fallback(|| async {
            Problem::new(StatusCode::NOT_FOUND, "There is no such API route").into_response()
        })
        .method_not_allowed_fallback(|| async {
            Problem::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "This route does not take that method",
            )
            .into_response()
        })
}

/// The token a request presents.
fn presented(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
}

/// What a route asks of its caller: a scope of the token, and the staff app's area the
/// token's user must be allowed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Needs {
    scope: Scope,
    area: Area,
}

/// Reading cases, with personal data: the scope `read`, a role that opens a case's record.
pub(crate) const READ: Needs = Needs {
    scope: Scope::Read,
    area: Area::CaseRecord,
};
/// Recording: the scope `write`, a role that records steps.
pub(crate) const WRITE: Needs = Needs {
    scope: Scope::Write,
    area: Area::CaseRecord,
};
/// The reports: the scope `reports`, a role that reads reports.
pub(crate) const REPORTS: Needs = Needs {
    scope: Scope::Reports,
    area: Area::Reports,
};

/// The caller, once its token is good, allowed this route and within its allowance, and the
/// use recorded; otherwise the answer to give.
pub(crate) async fn admit(
    app: &App,
    headers: &HeaderMap,
    method: &Method,
    uri: &Uri,
    needs: Needs,
) -> Result<Caller, Response> {
    let caller = match presented(headers) {
        None => None,
        Some(raw) => app.api_caller(raw).await.map_err(|error| {
            tracing::error!(%error, "an API token could not be checked");
            Problem::unavailable()
        })?,
    };
    let Some(caller) = caller else {
        return Err(Problem::unauthorised());
    };
    if !caller.scopes.allows(needs.scope) {
        return Err(Problem::new(
            StatusCode::FORBIDDEN,
            "This token may not use this route",
        )
        .detail(format!(
            "The route needs the scope {}; the token has {}. An administrator makes a token with it.",
            needs.scope.as_str(),
            caller.scopes
        ))
        .into_response());
    }
    if !may(caller.user.role, needs.area) {
        return Err(
            Problem::new(StatusCode::FORBIDDEN, "This token's user may not do this")
                .detail(format!(
                    "The token acts as {}, whose role ({}) does not allow it in putright either.",
                    caller.user.username,
                    caller.user.role.as_str()
                ))
                .into_response(),
        );
    }
    if let Err(seconds) = app.admit_api(caller.token_id) {
        return Err(Problem::too_many(seconds));
    }
    let what = format!("{method} {PREFIX}{}", uri.path());
    if let Err(error) = app.audit_api_use(&caller, &what).await {
        tracing::error!(%error, "an API request could not be recorded in the audit trail");
        return Err(Problem::unavailable());
    }
    Ok(caller)
}

/// The address's query read as `T`, or the problem with it (a value given twice, say).
#[allow(
    clippy::result_large_err,
    reason = "the problem is the answer, returned at once, as the async handlers do"
)]
pub(crate) fn query_of<T>(query: Result<Query<T>, QueryRejection>) -> Result<T, Response> {
    query.map(|Query(q)| q).map_err(|rejection| {
        let mut problem = Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "The address's query is not what this route takes",
        )
        .detail(rejection.body_text());
        problem.kind = "/api/v1/problems/unreadable".into();
        problem.into_response()
    })
}

/// The two checks every route with a query begins with, in this order: the query read (a
/// query that is not the route's is 422, before the token is looked at), then the caller
/// admitted by [`admit`].
pub(crate) async fn admit_with<T>(
    query: Result<Query<T>, QueryRejection>,
    app: &App,
    headers: &HeaderMap,
    method: &Method,
    uri: &Uri,
    needs: Needs,
) -> Result<(T, Caller), Response> {
    let read = query_of(query)?;
    let caller = admit(app, headers, method, uri, needs).await?;
    Ok((read, caller))
}

/// A JSON body with its media type.
pub(crate) fn json(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}
