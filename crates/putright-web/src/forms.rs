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

/// One field's error: the field's id (the summary links to it) and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The id of the input the message is about.
    pub field: String,
    /// What is wrong and how to put it right, as GOV.UK words error messages.
    pub message: String,
}

/// The errors of one submission, in the order of the fields on the page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Errors {
    /// Each error.
    pub items: Vec<FieldError>,
}

impl Errors {
    /// Adds an error for a field.
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.items.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The message for a field, if it has one (the first, if several).
    pub fn get(&self, field: &str) -> Option<&str> {
        self.items
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}
