//! The OpenAPI 3.1 document of `/api/v1`, generated from the handlers' annotations and the
//! request and response types, so it cannot drift from what the server does.

use axum::http::StatusCode;
use axum::response::Response;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::json;

/// The bearer token every route but this document takes.
struct Token;

impl Modify for Token {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut scheme = Http::new(HttpAuthScheme::Bearer);
        scheme.description = Some(
            "An API token an administrator made (putright token create), with the scopes the \
             route needs: read, write or reports."
                .into(),
        );
        components.add_security_scheme("token", SecurityScheme::Http(scheme));
    }
}

/// The API as a whole.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "putright API",
        version = "1",
        description = "Complaints, service requests, member enquiries and compliments, recorded \
            to the Housing Ombudsman's Complaint Handling Code, and the reports made from them. \
            Errors are application/problem+json, naming each field and, where the Code refused \
            a step, its provision."
    ),
    paths(
        super::cases::list,
        super::cases::show,
        super::cases::pack,
        super::record::contact,
        super::record::step,
        super::imports::import,
        super::reports::document,
        super::reports::quarterly,
        super::reports::ombudsman,
        super::reports::annual,
    ),
    modifiers(&Token),
    tags(
        (name = "cases", description = "Reading cases and their evidence"),
        (name = "recording", description = "Logging contacts and recording the Code's steps"),
        (name = "reports", description = "The report documents")
    )
)]
pub(crate) struct ApiDoc;

/// The document, served to anyone: it holds no data.
pub(crate) async fn openapi() -> Response {
    match ApiDoc::openapi().to_pretty_json() {
        Ok(text) => json(StatusCode::OK, text),
        Err(error) => {
            tracing::error!(%error, "the OpenAPI document could not be written");
            super::Problem::unavailable()
        }
    }
}
