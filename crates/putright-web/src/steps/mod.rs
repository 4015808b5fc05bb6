//! The Code's steps as question pages: `/cases/new` logs a contact ([`contact`]), and
//! `/cases/REFERENCE/STEP` records a step on a case (acknowledge, extend, respond, escalate,
//! and the rest in [`STEPS`]). Each page asks its questions ([`questions`], drawn with
//! [`crate::fields`]), reads the answers into a step ([`answers`]), and calls the service
//! once. A step the Code does not allow comes back as the GOV.UK error summary naming the rule
//! and its provision; a case someone else saved in the meantime comes back with everything
//! the user typed, and saving again records it on top of what is there now. Nothing is
//! half-saved: the service writes all of a step or none of it.

mod amend;
mod answers;
mod contact;
mod drafting;
mod questions;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use putright_app::case_file::CaseFile;
use putright_app::case_sheet::CaseSheet;
use putright_app::domain::DomainError;
use putright_app::domain::Reference;
use putright_app::domain::lifecycle::Status;
use putright_app::domain::vocabulary::{Jurisdiction, Stage};
use putright_app::{App, AppError};

use crate::access::Area;
use crate::cases::words;
use crate::fields::{Answers, Field, Kind, capitalised};
use crate::forms::{Errors, Posted};
use crate::pages::{Chrome, not_found, render, unavailable};
use crate::session::Staff;

pub(crate) use amend::{recorded as amend_recorded, step_of as amend_of};
pub(crate) use answers::step_of;
pub(crate) use contact::{contact_of, log_contact, new_contact_form};

/// Every step, by its name in the URL, with what its page, its button and the banner after
/// it say.
pub const STEPS: [(&str, &str, &str, &str); 15] = [
    (
        "acknowledge",
        "Acknowledge and define the complaint",
        "Record the acknowledgement",
        "Acknowledgement recorded",
    ),
    ("refuse", "Refuse", "Record the refusal", "Refusal recorded"),
    (
        "convert",
        "Treat as a service request",
        "Record as a service request",
        "Now a service request",
    ),
    (
        "become-complaint",
        "Turn into a complaint",
        "Record the complaint",
        "Now a complaint",
    ),
    (
        "extend",
        "Extend the response date",
        "Record the extension",
        "Extension recorded",
    ),
    (
        "respond",
        "Record the response",
        "Record the response",
        "Response recorded",
    ),
    (
        "escalate",
        "Escalate to stage 2",
        "Record the escalation",
        "Escalated to stage 2",
    ),
    (
        "withdraw",
        "Record a withdrawal",
        "Record the withdrawal",
        "Withdrawal recorded",
    ),
    (
        "close",
        "Close without a response",
        "Record the closure",
        "Closure recorded",
    ),
    (
        "refer",
        "Record a referral to the Ombudsman",
        "Record the referral",
        "Referral recorded",
    ),
    (
        "answer",
        "Record the answer",
        "Record the answer",
        "Answer recorded",
    ),
    (
        "pay",
        "Record compensation paid",
        "Record the payment",
        "Payment recorded",
    ),
    (
        "complete-action",
        "Record an action done",
        "Record it as done",
        "Action recorded as done",
    ),
    (
        "amend",
        "Correct the record",
        "Record the amendment",
        "Amendment recorded",
    ),
    ("note", "Add a note", "Add the note", "Note added"),
];

/// A question page: a step on a case, or a new contact (no reference, version 0).
#[derive(Template)]
#[template(path = "step.html")]
pub(super) struct StepPage {
    chrome: Chrome,
    errors: Errors,
    reference: Option<String>,
    title: String,
    intro: Vec<String>,
    action: String,
    button: &'static str,
    form_token: String,
    version: u32,
    fields: Vec<Field>,
    /// The response draft opened on the form, if one was.
    draft: Option<drafting::DraftBox>,
    /// Whether the form offers sending the response for a quality check instead.
    offers_check: bool,
}

/// What a form holds: what was typed, its errors, the case version it was decided against,
/// and the draft it was opened from.
struct Typed {
    answers: Answers,
    errors: Errors,
    version: u32,
    draft: Option<drafting::DraftBox>,
}

/// A question page that is not a step on a case: a new contact, an Ombudsman's order.
pub(crate) struct Questions {
    /// The page's heading.
    pub title: &'static str,
    /// What the page is for, in a sentence or two.
    pub intro: String,
    /// Where the form goes.
    pub action: String,
    /// The button's words.
    pub button: &'static str,
    /// The menu item the page is under.
    pub under: &'static str,
}

/// Draws a question page of its own with `fields` and `errors`.
pub(crate) fn question_page(
    staff: &Staff,
    page: Questions,
    fields: Vec<Field>,
    errors: Errors,
) -> Response {
    render(&StepPage {
        chrome: Chrome::signed_in(staff, page.under),
        errors,
        reference: None,
        title: page.title.to_owned(),
        intro: vec![page.intro],
        action: page.action,
        button: page.button,
        form_token: staff.form_token(),
        version: 0,
        fields,
        draft: None,
        offers_check: false,
    })
}

/// How the form or the address asks for a draft: `?draft=ID`, and what the return form lacked.
#[derive(serde::Deserialize, Default)]
pub(crate) struct StepQuery {
    #[serde(default)]
    draft: String,
    #[serde(default)]
    missing: String,
}

pub(super) fn choices<T: Copy>(
    all: &[T],
    name: impl Fn(T) -> &'static str,
) -> Vec<(&'static str, String)> {
    all.iter().map(|v| (name(*v), words(name(*v)))).collect()
}

/// The response form's outstanding actions: each one's description, owner and due date fields.
pub(crate) const ACTION_FIELDS: [(&str, &str, &str); 3] = [
    ("action", "action_owner", "action_due"),
    ("action_2", "action_2_owner", "action_2_due"),
    ("action_3", "action_3_owner", "action_3_due"),
];

/// The Ombudsmen as radios: by their names, not their initials.
pub(super) fn ombudsmen() -> Vec<(&'static str, String)> {
    Jurisdiction::ALL
        .iter()
        .map(|j| {
            let name = match j {
                Jurisdiction::Hos => "The Housing Ombudsman",
                Jurisdiction::Lgsco => "The Local Government and Social Care Ombudsman",
            };
            (j.as_str(), name.to_owned())
        })
        .collect()
}

pub(super) fn parse_of<T: Copy>(
    all: &'static [T],
    name: fn(T) -> &'static str,
) -> impl Fn(&str) -> Option<T> {
    move |raw| all.iter().copied().find(|v| name(*v) == raw)
}

/// The stage a step on this case is about: the latest.
pub(super) fn stage_of(sheet: &CaseSheet) -> Stage {
    sheet.stages.last().map_or(Stage::One, |s| s.stage)
}

pub(super) fn stage_word(stage: Stage) -> &'static str {
    match stage {
        Stage::One => "stage 1",
        Stage::Two => "stage 2",
    }
}

/// The sentence for a refusal by the service, and the field it is about.
fn refusal(step: &str, error: &AppError) -> Option<(&'static str, String)> {
    let field = match step {
        "acknowledge" => "handler",
        "extend" => "new_due-day",
        "refuse" | "close" => "reason",
        "respond" | "refer" => "on-day",
        "complete-action" => "number",
        "pay" => "amount",
        "amend" => "handler_1",
        _ => "on-day",
    };
    match error {
        AppError::Domain {
            source: DomainError::BreachesCode { provision, message },
            ..
        } => Some((field, format!("{} ({provision})", capitalised(message)))),
        AppError::Domain {
            source: DomainError::Impossible(message),
            ..
        } => Some((field, format!("This cannot be recorded: {message}"))),
        AppError::Invalid(message) => Some((field, capitalised(message))),
        conflict if conflict.is_conflict() => Some((
            "on-day",
            "Someone else saved this case while you were working on it. What you typed is \
             below: check the case, then save again to record it on top of their change"
                .to_owned(),
        )),
        _ => None,
    }
}

async fn load(app: &App, raw: &str) -> Result<(Reference, CaseFile), Response> {
    let Ok(reference) = Reference::parse(raw) else {
        return Err(not_found().await);
    };
    match app.case_file(&reference, app.today()).await {
        Ok(file) => Ok((reference, file)),
        Err(AppError::NotFound(_)) => Err(not_found().await),
        Err(error) => {
            tracing::error!(%error, "a case could not be read");
            Err(unavailable())
        }
    }
}

fn title_of(step: &str, sheet: &CaseSheet) -> Option<(String, &'static str)> {
    let (_, title, button, _) = STEPS.iter().find(|(name, ..)| *name == step)?;
    let stage = stage_word(stage_of(sheet));
    let title = match step {
        "acknowledge" | "extend" | "respond" | "close" => format!("{title}: {stage}"),
        "refuse" if stage_of(sheet) == Stage::Two => "Refuse the escalation to stage 2".to_owned(),
        "refuse" => "Refuse the complaint".to_owned(),
        _ => (*title).to_owned(),
    };
    Some((title, button))
}

fn step_page(
    staff: &Staff,
    reference: &Reference,
    step: &str,
    file: &CaseFile,
    typed: Typed,
) -> Response {
    let sheet = &file.sheet;
    let Some((title, button)) = title_of(step, sheet) else {
        return not_found_now();
    };
    let Typed {
        answers,
        errors,
        version,
        draft,
    } = typed;
    let fields = match step {
        "amend" => amend::questions(file, &answers, &errors),
        _ => questions::questions(step, sheet, staff, &answers, &errors),
    };
    let issuing = draft.as_ref().is_some_and(|d| d.issuable);
    render(&StepPage {
        chrome: Chrome::signed_in(staff, "/cases"),
        reference: Some(reference.to_string()),
        title,
        intro: vec![format!(
            "{} received {}: {}.",
            words(sheet.case.kind.as_str()),
            sheet.case.received.on,
            words(sheet.case.status().as_str()).to_lowercase()
        )],
        action: format!("/cases/{reference}/{step}"),
        button: if issuing {
            "Issue the response"
        } else {
            button
        },
        form_token: staff.form_token(),
        version,
        fields,
        errors,
        offers_check: step == "respond" && !issuing,
        draft,
    })
}

fn not_found_now() -> Response {
    crate::pages::problem(
        axum::http::StatusCode::NOT_FOUND,
        None,
        "Page not found",
        &["There is no such step. Go back to the case and choose from its list."],
    )
}

pub(crate) async fn form(
    State(app): State<App>,
    staff: Staff,
    Path((reference, step)): Path<(String, String)>,
    Query(query): Query<StepQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    let (reference, file) = match load(&app, &reference).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let mut typed = Typed {
        answers: Answers::default(),
        errors: Errors::default(),
        version: file.sheet.case.version,
        draft: None,
    };
    if step == "respond" && !query.draft.is_empty() {
        match drafting::open(&app, &staff, &reference, &query.draft, &query.missing).await {
            Ok((draft, answers, errors)) => {
                typed.draft = Some(draft);
                typed.answers = answers;
                typed.errors = errors;
            }
            Err(response) => return response,
        }
    }
    step_page(&staff, &reference, &step, &file, typed)
}

pub(crate) async fn save(
    State(app): State<App>,
    staff: Staff,
    Path((reference, step)): Path<(String, String)>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::CaseRecord, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let (reference, file) = match load(&app, &reference).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if title_of(&step, &file.sheet).is_none() {
        return not_found_now();
    }
    let version: u32 = answers.get("version").parse().unwrap_or(0);
    let mut errors = Errors::default();
    let decided = match step.as_str() {
        "amend" => amend::step_of(&file, &answers, &mut errors),
        _ => answers::step_of(&step, &file.sheet, &answers, &mut errors),
    };
    // A form opened from a draft carries it; the draft box comes back with any error.
    let draft = match answers.get("draft") {
        "" => None,
        raw => match drafting::open(&app, &staff, &reference, raw, "").await {
            Ok((draft, ..)) => Some(draft),
            Err(response) => return response,
        },
    };
    let Some(decided) = decided else {
        let typed = Typed {
            answers,
            errors,
            version,
            draft,
        };
        return step_page(&staff, &reference, &step, &file, typed);
    };
    let by = staff.user.username.as_str();
    let (saved, done) = match (&draft, answers.get("send")) {
        (_, "check") if step == "respond" => {
            let stage = stage_of(&file.sheet);
            let typed = drafting::typed(&answers);
            let saved = app.draft_response(&reference, stage, &typed, by).await;
            (saved.map(|_| ()), "draft")
        }
        (Some(d), _) if d.issuable => {
            let saved = app
                .issue_draft(&reference, version, &decided, d.id, by)
                .await;
            (saved.map(|_| ()), step.as_str())
        }
        _ => {
            let saved = app.record_step(&reference, version, &decided, by).await;
            (saved.map(|_| ()), step.as_str())
        }
    };
    match saved {
        Ok(()) => Redirect::to(&format!("/cases/{reference}?done={done}")).into_response(),
        Err(error) => match refusal(&step, &error) {
            Some((field, message)) => {
                errors.add(field, message);
                // After a conflict the form carries the version now stored, so saving again
                // records the step on top of the other person's change, knowingly.
                let typed = Typed {
                    answers,
                    errors,
                    version: file.sheet.case.version,
                    draft,
                };
                step_page(&staff, &reference, &step, &file, typed)
            }
            None => {
                tracing::error!(%error, "a step could not be recorded");
                unavailable()
            }
        },
    }
}

/// The steps a case's page offers next, by where it stands; the service decides on saving.
pub fn next_steps(sheet: &CaseSheet) -> Vec<(&'static str, String)> {
    let acknowledged = sheet
        .stages
        .last()
        .is_some_and(|s| s.acknowledged_on.is_some());
    let names: &[&str] = match sheet.case.status() {
        Status::Stage1Open | Status::Stage2Open if !acknowledged => &[
            "acknowledge",
            "refuse",
            "convert",
            "withdraw",
            "amend",
            "note",
        ],
        Status::Stage1Open | Status::Stage2Open => {
            &["respond", "extend", "close", "withdraw", "amend", "note"]
        }
        Status::Stage1Responded => &[
            "escalate",
            "refer",
            "pay",
            "complete-action",
            "amend",
            "note",
        ],
        Status::Closed => &["refer", "pay", "complete-action", "amend", "note"],
        Status::Open => &["answer", "become-complaint", "withdraw", "amend", "note"],
        Status::Answered => &["become-complaint", "amend", "note"],
        _ => &["refer", "amend", "note"],
    };
    names
        .iter()
        .filter_map(|name| title_of(name, sheet).map(|(title, _)| (*name, title)))
        .collect()
}
