//! Quality checks: the responses drafted and sent to the complaints officer (`/drafts`), and
//! returning one with a comment (`POST /drafts/ID/return`). A draft opens on the response form
//! (`/cases/REFERENCE/respond?draft=ID`), where the complaints officer can change it and issue
//! it; [`crate::steps`] does that part.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use putright_app::accounts::england_time;
use putright_app::quality::{DraftState, ResponseDraft};
use putright_app::{App, AppError};

use crate::access::Area;
use crate::fields::Answers;
use crate::forms::Posted;
use crate::pages::{Chrome, not_found, render, unavailable};
use crate::session::Staff;

/// One draft as the list shows it.
struct DraftLine {
    reference: String,
    href: String,
    stage: u8,
    drafted_by: String,
    when: String,
}

#[derive(Template)]
#[template(path = "drafts.html")]
struct DraftsPage {
    chrome: Chrome,
    notice: Option<&'static str>,
    lines: Vec<DraftLine>,
}

#[derive(serde::Deserialize)]
pub(crate) struct DraftsQuery {
    #[serde(default)]
    done: String,
}

/// The drafts waiting for a quality check, oldest first.
pub(crate) async fn list(
    State(app): State<App>,
    staff: Staff,
    axum::extract::Query(query): axum::extract::Query<DraftsQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::QualityCheck) {
        return refused;
    }
    let drafts = match app.drafts_awaiting_check().await {
        Ok(drafts) => drafts,
        Err(error) => {
            tracing::error!(%error, "the drafts could not be read");
            return unavailable();
        }
    };
    render(&DraftsPage {
        chrome: Chrome::signed_in(&staff, "/drafts"),
        notice: (query.done == "returned").then_some("Draft returned with your comments"),
        lines: drafts.iter().map(line).collect(),
    })
}

fn line(draft: &ResponseDraft) -> DraftLine {
    DraftLine {
        href: open_href(draft),
        reference: draft.reference.clone(),
        stage: draft.stage,
        drafted_by: draft.drafted_by.clone(),
        when: england_time(draft.drafted_at),
    }
}

/// Where a draft opens: the response form, filled in as it was drafted.
pub(crate) fn open_href(draft: &ResponseDraft) -> String {
    format!("/cases/{}/respond?draft={}", draft.reference, draft.id)
}

/// What the case page and the response form say of a draft.
pub(crate) fn describe(draft: &ResponseDraft) -> String {
    let drafted = format!(
        "Stage {} response drafted by {} at {}",
        draft.stage,
        draft.drafted_by,
        england_time(draft.drafted_at)
    );
    let checked = |verb: &str| {
        format!(
            "{verb} by {} at {}",
            draft.checked_by.as_deref().unwrap_or("someone"),
            draft.checked_at.map(england_time).unwrap_or_default()
        )
    };
    match draft.state {
        DraftState::AwaitingCheck => format!("{drafted}: waiting for a quality check."),
        DraftState::Issued => format!("{drafted}: {}.", checked("issued")),
        DraftState::Returned => format!(
            "{drafted}: {}, saying: {}",
            checked("returned"),
            draft.comment.as_deref().unwrap_or("")
        ),
    }
}

/// Returns a draft with the complaints officer's comment; without one, the form comes back
/// asking for it.
pub(crate) async fn return_draft(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<String>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::QualityCheck) {
        return refused;
    }
    let Ok(id) = id.parse::<i64>() else {
        return not_found().await;
    };
    let answers = Answers(pairs);
    if let Some(refused) = staff.refuses_form(answers.get("form_token")) {
        return refused;
    }
    let opened = match app.response_draft(id).await {
        Ok(opened) => opened,
        Err(AppError::NotFound(_)) => return not_found().await,
        Err(error) => {
            tracing::error!(%error, "a draft could not be read");
            return unavailable();
        }
    };
    let comment = answers.get("comment").trim();
    if comment.is_empty() {
        let to = format!("{}&missing=comment", open_href(&opened.draft));
        return Redirect::to(&to).into_response();
    }
    match app.return_draft(id, comment, &staff.user.username).await {
        Ok(()) => Redirect::to("/drafts?done=returned").into_response(),
        Err(AppError::Invalid(_)) => {
            let to = format!("{}&missing=waiting", open_href(&opened.draft));
            Redirect::to(&to).into_response()
        }
        Err(error) => {
            tracing::error!(%error, "a draft could not be returned");
            unavailable()
        }
    }
}
