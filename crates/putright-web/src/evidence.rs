//! `/cases/REFERENCE/evidence`: what the Ombudsman asked for on a referred case (the day it
//! asked, what, the day it wants it by), and `/cases/REFERENCE/evidence/NUMBER`: the day it was
//! sent. The case page lists each request and says whether it went on time.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use putright_app::domain::Reference;
use putright_app::evidence::{NewEvidenceRequest, describe};
use putright_app::{App, EvidenceRequestRow};

use crate::access::Area;
use crate::fields::{Answers, Builder};
use crate::forms::{Errors, Posted};
use crate::pages::{case_or_problem, not_found, refused, unavailable};
use crate::session::Staff;
use crate::steps::{Questions, question_page};

/// The requests as the case page lists them: each in words, and where to record it as sent if
/// it is not yet.
pub(crate) fn lines(
    reference: &Reference,
    requests: &[EvidenceRequestRow],
    today: chrono::NaiveDate,
) -> Vec<(String, Option<String>)> {
    requests
        .iter()
        .map(|r| {
            let href = r
                .sent
                .is_none()
                .then(|| format!("/cases/{reference}/evidence/{}", r.id));
            (describe(r, today), href)
        })
        .collect()
}

fn request_page(
    staff: &Staff,
    reference: &Reference,
    app: &App,
    answers: &Answers,
    errors: Errors,
) -> Response {
    let mut b = Builder::new(answers, &errors);
    b.date(
        "asked_on",
        "When did the Ombudsman ask?",
        "",
        Some(app.today()),
    )
    .area(
        "what",
        "What did the Ombudsman ask for?",
        "As the request words it, for example \"the complaint file and the repair records\"",
    )
    .date(
        "due_on",
        "When does the Ombudsman want it by? (optional)",
        "Leave it blank if the request gives no date",
        None,
    );
    let page = Questions {
        title: "Record a request from the Ombudsman",
        intro: format!("{reference}: what the Ombudsman asked the landlord to send, and by when."),
        action: format!("/cases/{reference}/evidence"),
        button: "Record the request",
        under: "/cases",
    };
    question_page(staff, page, b.fields, errors)
}

fn sent_page(
    staff: &Staff,
    reference: &Reference,
    id: i64,
    app: &App,
    answers: &Answers,
    errors: Errors,
) -> Response {
    let mut b = Builder::new(answers, &errors);
    b.date("sent_on", "When was it sent?", "", Some(app.today()));
    let page = Questions {
        title: "Record the evidence as sent",
        intro: format!("{reference}: the day the landlord sent what request {id} asked for."),
        action: format!("/cases/{reference}/evidence/{id}"),
        button: "Record it as sent",
        under: "/cases",
    };
    question_page(staff, page, b.fields, errors)
}

pub(crate) async fn request_form(
    State(app): State<App>,
    staff: Staff,
    Path(raw): Path<String>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    match case_or_problem(&app, &raw).await {
        Ok((reference, _)) => request_page(
            &staff,
            &reference,
            &app,
            &Answers::default(),
            Errors::default(),
        ),
        Err(response) => response,
    }
}

pub(crate) async fn record_request(
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
    let today = app.today();
    let mut errors = Errors::default();
    let asked_on = answers.date(
        "asked_on",
        "the date the Ombudsman asked",
        today,
        false,
        &mut errors,
    );
    let what = answers.text("what", "Enter what the Ombudsman asked for", &mut errors);
    let blank = ["day", "month", "year"]
        .iter()
        .all(|p| answers.get(&format!("due_on-{p}")).trim().is_empty());
    let due_on = if blank {
        None
    } else {
        answers.date("due_on", "the date it is due", today, true, &mut errors)
    };
    let (Some(asked_on), true) = (asked_on, errors.is_empty()) else {
        return request_page(&staff, &reference, &app, &answers, errors);
    };
    let new = NewEvidenceRequest {
        asked_on,
        what,
        due_on,
    };
    match app
        .add_evidence_request(&reference, &new, &staff.user.username)
        .await
    {
        Ok(_) => {
            Redirect::to(&format!("/cases/{reference}?done=evidence#ombudsman")).into_response()
        }
        Err(error) => refused(
            &error,
            "an Ombudsman request could not be recorded",
            |message| {
                errors.add("asked_on-day", message);
                request_page(&staff, &reference, &app, &answers, errors)
            },
        ),
    }
}

pub(crate) async fn sent_form(
    State(app): State<App>,
    staff: Staff,
    Path((raw, id)): Path<(String, i64)>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    let reference = match case_or_problem(&app, &raw).await {
        Ok((reference, _)) => reference,
        Err(response) => return response,
    };
    // Only a request recorded on this case and not yet sent has this form.
    match app.evidence_requests(&reference).await {
        Ok(requests) if requests.iter().any(|r| r.id == id && r.sent.is_none()) => sent_page(
            &staff,
            &reference,
            id,
            &app,
            &Answers::default(),
            Errors::default(),
        ),
        Ok(_) => not_found().await,
        Err(error) => {
            tracing::error!(%error, "the Ombudsman's requests could not be read");
            unavailable()
        }
    }
}

pub(crate) async fn record_sent(
    State(app): State<App>,
    staff: Staff,
    Path((raw, id)): Path<(String, i64)>,
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
    let Some(on) = answers.date(
        "sent_on",
        "the date it was sent",
        app.today(),
        false,
        &mut errors,
    ) else {
        return sent_page(&staff, &reference, id, &app, &answers, errors);
    };
    match app
        .evidence_sent(&reference, id, on, &staff.user.username)
        .await
    {
        Ok(()) => Redirect::to(&format!("/cases/{reference}?done=evidence-sent#ombudsman"))
            .into_response(),
        Err(error) => refused(
            &error,
            "an Ombudsman request could not be marked sent",
            |message| {
                errors.add("sent_on-day", message);
                sent_page(&staff, &reference, id, &app, &answers, errors)
            },
        ),
    }
}
