//! Forms as GOV.UK services handle them: a posted form is read into a struct whose fields all
//! default to empty, so a missing field is a validation error like an empty one, never a bare
//! 422; a body that is not a form at all is a 400 page in the service's design. [`Errors`]
//! holds each field's message in the order of the page, for the error summary at the top and
//! the message beside the field.

use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::Response;
use serde::de::DeserializeOwned;

use crate::pages::problem;

pub use putright_app::input::form::Errors;

/// A posted form, read into `T`.
pub struct Posted<T>(pub T);

impl<S, T> FromRequest<S> for Posted<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Form::<T>::from_request(request, state).await {
            Ok(axum::Form(form)) => Ok(Posted(form)),
            Err(rejection) => {
                tracing::info!(%rejection, "a form could not be read");
                Err(problem(
                    StatusCode::BAD_REQUEST,
                    None,
                    "The form could not be read",
                    &[
                        "What the browser sent was not a form from this service. Nothing was \
                         saved.",
                        "Go back, reload the page and try again.",
                    ],
                ))
            }
        }
    }
}
