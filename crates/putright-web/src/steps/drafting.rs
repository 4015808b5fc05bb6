//! The response form's quality check: what was typed sent to the complaints officer as a
//! draft, a draft opened on the form as it was typed, and issued from there (the service
//! records the response and settles the draft in one save).

use axum::response::Response;
use putright_app::domain::Reference;
use putright_app::{App, AppError};

use crate::access::{Area, may};
use crate::fields::Answers;
use crate::forms::Errors;
use crate::pages::{not_found, unavailable};
use crate::quality::describe;
use crate::session::Staff;

/// The form's own fields, which a draft does not keep.
const OWN_FIELDS: [&str; 4] = ["form_token", "version", "send", "draft"];

/// A draft as the response form shows it.
pub(crate) struct DraftBox {
    /// Its number.
    pub id: i64,
    /// Who drafted it and when, and where it stands.
    pub note: String,
    /// Whether this user may issue or return it now.
    pub issuable: bool,
    /// The return form's error, if its comment was left out.
    pub comment_error: Option<String>,
}

/// What was typed, as a draft keeps it.
pub(super) fn typed(answers: &Answers) -> Vec<(String, String)> {
    answers
        .0
        .iter()
        .filter(|(name, _)| !OWN_FIELDS.contains(&name.as_str()))
        .cloned()
        .collect()
}

/// Draft `raw` of case `reference`, with what was typed in it; a draft of another case, or
/// none, is the 404 page.
pub(super) async fn open(
    app: &App,
    staff: &Staff,
    reference: &Reference,
    raw: &str,
    missing: &str,
) -> Result<(DraftBox, Answers, Errors), Response> {
    let Ok(id) = raw.parse::<i64>() else {
        return Err(not_found().await);
    };
    let opened = match app.response_draft(id).await {
        Ok(opened) if opened.draft.reference == reference.as_str() => opened,
        Ok(_) | Err(AppError::NotFound(_)) => return Err(not_found().await),
        Err(error) => {
            tracing::error!(%error, "a draft could not be read");
            return Err(unavailable());
        }
    };
    let waiting = opened.draft.state == putright_app::quality::DraftState::AwaitingCheck;
    let mut errors = Errors::default();
    let mut comment_error = None;
    match missing {
        "comment" => {
            let message = "Enter what should change before returning the draft";
            errors.add("comment", message);
            comment_error = Some(message.to_owned());
        }
        "waiting" => errors.add(
            "on-day",
            "This draft is no longer waiting for a quality check: someone has already issued or returned it",
        ),
        _ => {}
    }
    let draft = DraftBox {
        id,
        note: describe(&opened.draft),
        issuable: waiting && may(staff.user.role, Area::QualityCheck),
        comment_error,
    };
    Ok((draft, Answers(opened.answers), errors))
}
