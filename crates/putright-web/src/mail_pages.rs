//! Where letters and mail go after they are issued: `/print`, the letters waiting to be posted,
//! with `/print/ID` to record the day one was posted; and `/outbox`, the outgoing mail and what
//! the mail server said of each message.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use putright_app::App;
use putright_app::accounts::england_time;

use crate::access::Area;
use crate::fields::{Answers, Builder};
use crate::forms::{Errors, Posted};
use crate::letters::{IssuedLine, issued_lines};
use crate::pages::{Chrome, not_found, refused, render, unavailable};
use crate::session::Staff;
use crate::steps::{Questions, question_page};

#[derive(Template)]
#[template(path = "print_queue.html")]
struct PrintPage {
    chrome: Chrome,
    notice: Option<&'static str>,
    lines: Vec<(IssuedLine, String)>,
}

#[derive(serde::Deserialize)]
pub(crate) struct PrintQuery {
    #[serde(default)]
    done: String,
}

/// The letters waiting to be posted, oldest first.
pub(crate) async fn print_queue(
    State(app): State<App>,
    staff: Staff,
    axum::extract::Query(query): axum::extract::Query<PrintQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    let letters = match app.print_queue().await {
        Ok(letters) => letters,
        Err(error) => {
            tracing::error!(%error, "the print queue could not be read");
            return unavailable();
        }
    };
    let addresses: Vec<String> = letters
        .iter()
        .map(|l| l.recipient.lines().collect::<Vec<_>>().join(", "))
        .collect();
    let lines = issued_lines(&letters).into_iter().zip(addresses).collect();
    render(&PrintPage {
        chrome: Chrome::signed_in(&staff, "/print"),
        notice: (query.done == "posted").then_some("Posting recorded"),
        lines,
    })
}

fn posted_page(
    staff: &Staff,
    id: i64,
    today: chrono::NaiveDate,
    answers: &Answers,
    errors: Errors,
) -> Response {
    let mut b = Builder::new(answers, &errors);
    b.date(
        "posted_on",
        "When was it posted?",
        "For example, 27 3 2026",
        Some(today),
    );
    let fields = b.fields;
    let page = Questions {
        title: "Record the day a letter was posted",
        intro: format!("Letter {id} leaves the print queue once its posting is recorded."),
        action: format!("/print/{id}"),
        button: "Record the posting",
        under: "/print",
    };
    question_page(staff, page, fields, errors)
}

/// The question: when was the letter posted?
pub(crate) async fn posted_form(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<String>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    let Ok(id) = id.parse::<i64>() else {
        return not_found().await;
    };
    posted_page(
        &staff,
        id,
        app.today(),
        &Answers::default(),
        Errors::default(),
    )
}

/// Records the day the letter was posted.
pub(crate) async fn record_posted(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<String>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::CaseRecord, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let Ok(id) = id.parse::<i64>() else {
        return not_found().await;
    };
    let today = app.today();
    let mut errors = Errors::default();
    let Some(on) = answers.date(
        "posted_on",
        "the day it was posted",
        today,
        false,
        &mut errors,
    ) else {
        return posted_page(&staff, id, today, &answers, errors);
    };
    match app.mark_posted(id, on, &staff.user.username).await {
        Ok(()) => Redirect::to("/print?done=posted").into_response(),
        Err(error) => refused(&error, "a posting could not be recorded", |message| {
            let mut errors = Errors::default();
            errors.add("posted_on-day", message);
            posted_page(&staff, id, today, &answers, errors)
        }),
    }
}

#[derive(Template)]
#[template(path = "outbox.html")]
struct OutboxPage {
    chrome: Chrome,
    lines: Vec<OutboxLine>,
}

struct OutboxLine {
    to: String,
    subject: String,
    queued: String,
    state: &'static str,
    tag: &'static str,
    detail: String,
}

/// The latest outgoing mail and where each message stands.
pub(crate) async fn outbox(State(app): State<App>, staff: Staff) -> Response {
    if let Some(refused) = staff.barred_from(Area::Outbox) {
        return refused;
    }
    let rows = match app.outbox(200).await {
        Ok(rows) => rows,
        Err(error) => {
            tracing::error!(%error, "the outbox could not be read");
            return unavailable();
        }
    };
    let lines = rows
        .iter()
        .map(|m| {
            let (state, tag) = match (m.state.as_str(), m.attempts) {
                ("sent", _) => ("Sent", "govuk-tag--green"),
                ("failed", _) => ("Failed", "govuk-tag--red"),
                (_, 0) => ("Queued", "govuk-tag--grey"),
                _ => ("Trying again", "govuk-tag--yellow"),
            };
            let detail = match (&m.sent_at, &m.answer) {
                (Some(at), Some(answer)) => format!("Sent at {}: {answer}", england_time(*at)),
                (None, Some(answer)) if m.state == "queued" => format!(
                    "{} failed attempt{}; next at {}. The server said: {answer}",
                    m.attempts,
                    if m.attempts == 1 { "" } else { "s" },
                    england_time(m.next_at)
                ),
                (None, Some(answer)) => format!("The server said: {answer}"),
                _ => String::new(),
            };
            OutboxLine {
                to: m.message.recipient.clone(),
                subject: m.message.subject.clone(),
                queued: england_time(m.message.queued_at),
                state,
                tag,
                detail,
            }
        })
        .collect();
    render(&OutboxPage {
        chrome: Chrome::signed_in(&staff, "/outbox"),
        lines,
    })
}
