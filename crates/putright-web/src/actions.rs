//! `/actions`: the outstanding actions past their date (Code 6.6, 6.17), the longest overdue
//! first, of the whole team or (with `?handler=`) of one handler's cases: the list behind the
//! home page's count.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use putright_app::App;

use crate::access::{Area, may};
use crate::pages::{Chrome, render, unavailable};
use crate::session::Staff;

/// One action as the list shows it.
struct ActionLine {
    reference: String,
    number: u32,
    stage: u8,
    due: String,
}

#[derive(Template)]
#[template(path = "actions.html")]
struct ActionsPage {
    chrome: Chrome,
    whose: Option<String>,
    records: bool,
    lines: Vec<ActionLine>,
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct ActionsQuery {
    #[serde(default)]
    handler: String,
}

pub(crate) async fn list(
    State(app): State<App>,
    staff: Staff,
    Query(query): Query<ActionsQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseList) {
        return refused;
    }
    let handler = Some(query.handler.trim()).filter(|h| !h.is_empty());
    match app.overdue_actions(handler).await {
        Ok(actions) => render(&ActionsPage {
            chrome: Chrome::signed_in(&staff, "/cases"),
            whose: handler.map(str::to_owned),
            records: may(staff.user.role, Area::CaseRecord),
            lines: actions
                .into_iter()
                .map(|a| ActionLine {
                    reference: a.reference,
                    number: a.number,
                    stage: a.stage,
                    due: a.due.to_string(),
                })
                .collect(),
        }),
        Err(error) => {
            tracing::error!(%error, "the overdue actions could not be read");
            unavailable()
        }
    }
}
