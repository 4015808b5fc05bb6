//! `/cases/REFERENCE/links`: link a case to another (a duplicate, a related case, or an issue
//! added to an open stage 1 complaint under Code 6.8). The case page lists the links of both
//! ends.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use putright_app::domain::Reference;
use putright_app::links::LinkKind;
use putright_app::{App, AppError, LinkRow};

use crate::access::Area;
use crate::fields::{Answers, Builder, capitalised};
use crate::forms::{Errors, Posted};
use crate::pages::{case_or_problem, unavailable};
use crate::session::Staff;
use crate::steps::{Questions, question_page};

/// The case page's lines: the link in words, the other case, and the note.
pub(crate) fn lines(links: &[LinkRow]) -> Vec<(&'static str, String, String)> {
    links
        .iter()
        .map(|l| {
            let words = LinkKind::parse(&l.kind).map_or("Linked to", |k| k.words(l.made_here));
            (words, l.other.clone(), l.note.clone().unwrap_or_default())
        })
        .collect()
}

fn kinds() -> Vec<(&'static str, String)> {
    [
        (LinkKind::Duplicate, "This case is a duplicate of it"),
        (
            LinkKind::Related,
            "The two are related, and each is handled on its own",
        ),
        (
            LinkKind::AddedToComplaint,
            "This case's issue was added to it, a complaint open at stage 1 (Code 6.8)",
        ),
    ]
    .into_iter()
    .map(|(k, label)| (k.as_str(), label.to_owned()))
    .collect()
}

fn link_page(staff: &Staff, reference: &Reference, answers: &Answers, errors: Errors) -> Response {
    let mut b = Builder::new(answers, &errors);
    b.text("other", "The other case's reference", "", "20")
        .radios("kind", "How are they linked?", "", &kinds(), "")
        .area("note", "Why (optional)", "");
    let fields = b.fields;
    let page = Questions {
        title: "Link to another case",
        intro: format!("{reference}: both cases will show the link."),
        action: format!("/cases/{reference}/links"),
        button: "Link the cases",
        under: "/cases",
    };
    question_page(staff, page, fields, errors)
}

pub(crate) async fn form(
    State(app): State<App>,
    staff: Staff,
    Path(raw): Path<String>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    match case_or_problem(&app, &raw).await {
        Ok((reference, _)) => link_page(&staff, &reference, &Answers::default(), Errors::default()),
        Err(response) => response,
    }
}

pub(crate) async fn add(
    State(app): State<App>,
    staff: Staff,
    Path(raw): Path<String>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::CaseRecord, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let reference = match case_or_problem(&app, &raw).await {
        Ok((reference, _)) => reference,
        Err(response) => return response,
    };
    let mut errors = Errors::default();
    let other = answers.text("other", "Enter the other case's reference", &mut errors);
    let kind = answers.choice(
        "kind",
        "Select how they are linked",
        LinkKind::parse,
        &mut errors,
    );
    let (Some(kind), true) = (kind, errors.is_empty()) else {
        return link_page(&staff, &reference, &answers, errors);
    };
    let note = answers.optional("note");
    match app
        .link_cases(
            &reference,
            &other,
            kind,
            note.as_deref(),
            &staff.user.username,
        )
        .await
    {
        Ok(()) => Redirect::to(&format!("/cases/{reference}?done=linked#links")).into_response(),
        Err(error) => match error.refusal() {
            Some(message) => {
                errors.add("other", capitalised(message));
                link_page(&staff, &reference, &answers, errors)
            }
            None if matches!(error, AppError::NotFound(_)) => {
                errors.add("other", format!("There is no case {}", other.trim()));
                link_page(&staff, &reference, &answers, errors)
            }
            None => {
                tracing::error!(%error, "the cases could not be linked");
                unavailable()
            }
        },
    }
}
