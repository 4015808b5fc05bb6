//! `/data-protection`: the data-protection officer's pages. The overview says the retention
//! schedule and lists every erasure made; `/schedule` sets the schedule; `/retention` shows
//! what the schedule makes due today (a dry run) and erases it when the officer presses the
//! button under the list; `/subject-access` answers a subject access request with the ZIP the
//! command line writes; `/erase` erases one case's personal data on request, after a page that
//! shows the case (what it is and where it stands, never the person) and asks to confirm.
//! Everything here is the service's own operation (`App::apply_retention`, `subject_access`,
//! `erase_case`), so the pages and the command line keep one set of rules.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use putright_app::domain::Reference;
use putright_app::domain::retention::{Closure, Schedule};
use putright_app::protection::{Candidate, RetentionRun, Subject};
use putright_app::{App, AppError};

use crate::access::Area;
use crate::fields::{Answers, Builder};
use crate::forms::{Errors, Posted};
use crate::pages::{Chrome, refused, render, unavailable};
use crate::session::Staff;
use crate::steps::{Questions, question_page};

/// What was just done, said in the overview's banner.
#[derive(serde::Deserialize, Default)]
pub(crate) struct Done {
    #[serde(default)]
    done: String,
    #[serde(default)]
    erased: String,
    #[serde(default)]
    reference: String,
}

/// One erasure as the overview lists it.
struct ErasureLine {
    at: String,
    reference: String,
    under: &'static str,
    by: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "data_protection.html")]
struct OverviewPage {
    chrome: Chrome,
    notice: Option<String>,
    schedule: Option<String>,
    erasures: Vec<ErasureLine>,
}

/// The schedule and every erasure made.
pub(crate) async fn overview(
    State(app): State<App>,
    staff: Staff,
    Query(done): Query<Done>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::DataProtection) {
        return refused;
    }
    let (schedule, erasures) = match (app.retention_schedule().await, app.erasures().await) {
        (Ok(schedule), Ok(erasures)) => (schedule, erasures),
        (Err(error), _) | (_, Err(error)) => return failed(&error),
    };
    // The banner says only what the address can say truly: a number, a well-formed reference.
    let notice =
        match done.done.as_str() {
            "schedule" => Some("The retention schedule is set".to_owned()),
            "retention" => done.erased.parse::<usize>().ok().map(|n| {
                format!("The personal data of {n} case(s) due under the schedule is erased")
            }),
            "erased" => Reference::parse(&done.reference).ok().map(|r| {
                format!("The personal data of {r} is erased; its history and figures are kept")
            }),
            _ => None,
        };
    render(&OverviewPage {
        chrome: Chrome::signed_in(&staff, "/data-protection"),
        notice,
        schedule: schedule.map(|s| s.to_string()),
        erasures: erasures
            .into_iter()
            .map(|e| ErasureLine {
                at: e.erased_at.format("%-d %B %Y %H:%M").to_string(),
                reference: e.reference,
                under: if e.under == "retention" {
                    "The retention schedule"
                } else {
                    "A request"
                },
                by: e.erased_by,
                reason: e.reason,
            })
            .collect(),
    })
}

fn failed(error: &AppError) -> Response {
    tracing::error!(%error, "a data-protection page could not read the store");
    unavailable()
}

fn schedule_page(staff: &Staff, answers: &Answers, errors: Errors, now: Option<u32>) -> Response {
    let mut b = Builder::new(answers, &errors);
    let default = now.map(|y| y.to_string()).unwrap_or_default();
    b.text_or(
        "years",
        "Years after a case closes",
        "A whole number from 1 to 100; six is common",
        "2",
        &default,
    );
    let page = Questions {
        title: "Set the retention schedule",
        intro: "Each case's personal data is erased this many years after the case closes: \
                when its last stage is answered, withdrawn or closed and nothing is left open, \
                and, for a case referred to an Ombudsman, once the decision is recorded."
            .into(),
        action: "/data-protection/schedule".into(),
        button: "Set the schedule",
        under: "/data-protection",
    };
    question_page(staff, page, b.fields, errors)
}

/// The schedule's question page.
pub(crate) async fn schedule_form(State(app): State<App>, staff: Staff) -> Response {
    if let Some(refused) = staff.barred_from(Area::DataProtection) {
        return refused;
    }
    match app.retention_schedule().await {
        Ok(now) => schedule_page(
            &staff,
            &Answers::default(),
            Errors::default(),
            now.map(Schedule::years),
        ),
        Err(error) => failed(&error),
    }
}

/// Sets the schedule, or says what is wrong with the number.
pub(crate) async fn set_schedule(
    State(app): State<App>,
    staff: Staff,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::DataProtection, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let raw = answers.get("years").trim();
    let schedule = match raw.parse::<u32>() {
        _ if raw.is_empty() => Err("Enter how many years".to_owned()),
        Ok(years) => Schedule::parse(years).map_err(|e| crate::fields::capitalised(&e.0)),
        Err(_) => Err("The years must be a whole number, like 6".to_owned()),
    };
    match schedule {
        Ok(schedule) => match app.set_retention_schedule(schedule).await {
            Ok(()) => Redirect::to("/data-protection?done=schedule").into_response(),
            Err(error) => failed(&error),
        },
        Err(message) => {
            let mut errors = Errors::default();
            errors.add("years", message);
            schedule_page(&staff, &answers, errors, None)
        }
    }
}

/// One case due under the schedule, as the dry run lists it.
struct DueLine {
    reference: String,
    closed_on: String,
    erase_on: String,
}

/// How many of the cases due the page lists; the whole list is a CSV file.
const LISTED: usize = 100;

#[derive(Template)]
#[template(path = "retention_run.html")]
struct RunPage {
    chrome: Chrome,
    years: String,
    due: Vec<DueLine>,
    total: usize,
    awaiting_ombudsman: usize,
    form_token: String,
}

/// The dry run as the page and its CSV file both read it, or the answer to give instead: with
/// no schedule there is nothing to run, so the officer is sent to set one.
async fn dry_run_of(app: &App, staff: &Staff) -> Result<(Schedule, RetentionRun), Response> {
    if let Some(refused) = staff.barred_from(Area::DataProtection) {
        return Err(refused);
    }
    let years = match app.retention_schedule().await {
        Ok(Some(schedule)) => schedule,
        Ok(None) => return Err(Redirect::to("/data-protection/schedule").into_response()),
        Err(error) => return Err(failed(&error)),
    };
    match app.apply_retention(true, &staff.user.username).await {
        Ok(run) => Ok((years, run)),
        Err(error) => Err(failed(&error)),
    }
}

/// The dry run: the cases the schedule makes due today, and the button that erases them.
pub(crate) async fn dry_run(State(app): State<App>, staff: Staff) -> Response {
    let (years, run) = match dry_run_of(&app, &staff).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    render(&RunPage {
        chrome: Chrome::signed_in(&staff, "/data-protection"),
        years: years.to_string(),
        due: run
            .due
            .iter()
            .take(LISTED)
            .map(|d| DueLine {
                reference: d.reference.clone(),
                closed_on: long_date(d.closed_on),
                erase_on: long_date(d.erase_on),
            })
            .collect(),
        total: run.due.len(),
        awaiting_ombudsman: run.awaiting_ombudsman,
        form_token: staff.form_token(),
    })
}

/// Every case the dry run finds due, as CSV: reference, closed_on, erase_on.
pub(crate) async fn dry_run_csv(State(app): State<App>, staff: Staff) -> Response {
    let (_, run) = match dry_run_of(&app, &staff).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let mut text = String::from("reference,closed_on,erase_on\n");
    for d in &run.due {
        text.push_str(&format!("{},{},{}\n", d.reference, d.closed_on, d.erase_on));
    }
    crate::reports::download(
        text.into_bytes(),
        &format!("retention-due-{}.csv", app.today().format("%Y-%m-%d")),
    )
}

/// The real run: erases what the schedule makes due now.
pub(crate) async fn run(
    State(app): State<App>,
    staff: Staff,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    if let Err(refused) = staff.accepts(Area::DataProtection, pairs) {
        return refused;
    }
    match app.apply_retention(false, &staff.user.username).await {
        Ok(run) => Redirect::to(&format!(
            "/data-protection?done=retention&erased={}",
            run.due.len()
        ))
        .into_response(),
        // Only a schedule unset since the dry run is refused: set it again.
        Err(error) if error.refusal().is_some() => {
            Redirect::to("/data-protection/schedule").into_response()
        }
        Err(error) => failed(&error),
    }
}

fn long_date(day: chrono::NaiveDate) -> String {
    day.format("%-d %B %Y").to_string()
}

fn subject_page(staff: &Staff, answers: &Answers, errors: Errors) -> Response {
    let mut b = Builder::new(answers, &errors);
    b.text(
        "email",
        "The person's email address",
        "Every case whose complainant gave this address",
        "",
    )
    .autocomplete("off")
    .text(
        "reference",
        "Or a case reference",
        "One case, for example PR-2025-0000123, if the person gave no email address",
        "20",
    );
    let page = Questions {
        title: "Answer a subject access request",
        intro: "Everything putright holds about one person, as one ZIP file: a readable case \
                file for each of their cases with the files attached to it, and data.json, the \
                same personal data as machine-readable data. The export is recorded in the \
                audit trail."
            .into(),
        action: "/data-protection/subject-access".into(),
        button: "Download the export",
        under: "/data-protection",
    };
    question_page(staff, page, b.fields, errors)
}

/// The subject access request's question page.
pub(crate) async fn subject_form(staff: Staff) -> Response {
    if let Some(refused) = staff.barred_from(Area::DataProtection) {
        return refused;
    }
    subject_page(&staff, &Answers::default(), Errors::default())
}

/// Reads whose data is asked for: an email address or a reference, one of the two.
fn subject_of(answers: &Answers, errors: &mut Errors) -> Option<Subject> {
    let email = answers.get("email").trim();
    let reference = answers.get("reference").trim();
    match (email.is_empty(), reference.is_empty()) {
        (true, true) => errors.add("email", "Enter an email address or a case reference"),
        (false, false) => errors.add(
            "email",
            "Enter an email address or a case reference, not both",
        ),
        (false, true) if !email.contains('@') => errors.add(
            "email",
            "Enter an email address in the correct format, like name@example.com",
        ),
        (false, true) => return Some(Subject::Email(email.to_owned())),
        (true, false) => match Reference::parse(reference) {
            Ok(reference) => return Some(Subject::Reference(reference)),
            Err(e) => errors.add("reference", crate::fields::capitalised(&e.0)),
        },
    }
    None
}

/// The export as a download, or the form again saying what is wrong.
pub(crate) async fn subject_access(
    State(app): State<App>,
    staff: Staff,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::DataProtection, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let mut errors = Errors::default();
    let Some(subject) = subject_of(&answers, &mut errors) else {
        return subject_page(&staff, &answers, errors);
    };
    match app.subject_access(&subject, &staff.user.username).await {
        Ok((_, 0)) => {
            errors.add(
                "email",
                "No case's complainant has this email address. Check it, or give a case \
                 reference instead",
            );
            subject_page(&staff, &answers, errors)
        }
        Ok((bytes, _)) => crate::reports::download(
            bytes,
            &format!("subject-access-{}.zip", app.today().format("%Y-%m-%d")),
        ),
        Err(AppError::NotFound(_)) => {
            errors.add("reference", "No case has this reference");
            subject_page(&staff, &answers, errors)
        }
        Err(error) => failed(&error),
    }
}

fn erase_page(staff: &Staff, answers: &Answers, errors: Errors) -> Response {
    let mut b = Builder::new(answers, &errors);
    b.text(
        "reference",
        "The case's reference",
        "For example PR-2025-0000123",
        "20",
    )
    .area(
        "reason",
        "Why is its personal data erased?",
        "The request, who made it and when, and why erasure is lawful. This is kept with the \
         erasure; do not repeat the person's details here",
    );
    let page = Questions {
        title: "Erase a case's personal data on request",
        intro: "The complainant's details, the description, the files, the contact \
                arrangements, the letters' contents and the mail to them are erased; the case's \
                history and every figure in the reports stay. You will see the case and confirm \
                before anything is erased."
            .into(),
        action: "/data-protection/erase".into(),
        button: "Continue",
        under: "/data-protection",
    };
    question_page(staff, page, b.fields, errors)
}

/// The erasure's question page.
pub(crate) async fn erase_form(staff: Staff) -> Response {
    if let Some(refused) = staff.barred_from(Area::DataProtection) {
        return refused;
    }
    erase_page(&staff, &Answers::default(), Errors::default())
}

#[derive(Template)]
#[template(path = "erase_check.html")]
struct CheckPage {
    chrome: Chrome,
    reference: String,
    kind: String,
    received_on: String,
    state: String,
    open: bool,
    reason: String,
    form_token: String,
}

fn check_page(staff: &Staff, candidate: &Candidate, reason: &str) -> Response {
    let (state, open) = match candidate.closure {
        Closure::Open => (
            "Open: a stage, request or action is unfinished".to_owned(),
            true,
        ),
        Closure::AwaitingOmbudsman => (
            "Referred to an Ombudsman, with no decision recorded".to_owned(),
            true,
        ),
        Closure::ClosedOn(day) => (format!("Closed on {}", long_date(day)), false),
    };
    render(&CheckPage {
        chrome: Chrome::signed_in(staff, "/data-protection"),
        reference: candidate.reference.to_string(),
        kind: crate::fields::capitalised(&candidate.kind.as_str().replace('_', " ")),
        received_on: long_date(candidate.received_on),
        state,
        open,
        reason: reason.to_owned(),
        form_token: staff.form_token(),
    })
}

/// Reads the reference and the reason; shows the case to confirm, or with `confirm=yes`
/// erases it and goes back to the overview, or with `change=yes` asks them again, filled in.
pub(crate) async fn erase(
    State(app): State<App>,
    staff: Staff,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::DataProtection, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    // "Change" on the check page: the question page again, with what was typed.
    if answers.get("change") == "yes" {
        return erase_page(&staff, &answers, Errors::default());
    }
    let mut errors = Errors::default();
    let reference = match Reference::parse(answers.get("reference").trim()) {
        _ if answers.get("reference").trim().is_empty() => {
            errors.add("reference", "Enter the case's reference");
            None
        }
        Ok(reference) => Some(reference),
        Err(e) => {
            errors.add("reference", crate::fields::capitalised(&e.0));
            None
        }
    };
    let reason = answers.text(
        "reason",
        "Enter why the personal data is erased",
        &mut errors,
    );
    let Some(reference) = reference.filter(|_| errors.is_empty()) else {
        return erase_page(&staff, &answers, errors);
    };
    let candidate = match app.erasure_candidate(&reference).await {
        Ok(candidate) => candidate,
        Err(AppError::NotFound(_)) => {
            errors.add("reference", "No case has this reference");
            return erase_page(&staff, &answers, errors);
        }
        Err(error) => return failed(&error),
    };
    if let Some(done) = &candidate.erased {
        errors.add(
            "reference",
            format!(
                "The personal data of {reference} was erased already, on {}",
                done.erased_at.format("%-d %B %Y")
            ),
        );
        return erase_page(&staff, &answers, errors);
    }
    if answers.get("confirm") != "yes" {
        return check_page(&staff, &candidate, &reason);
    }
    match app
        .erase_case(&reference, &reason, &staff.user.username)
        .await
    {
        Ok(()) => Redirect::to(&format!(
            "/data-protection?done=erased&reference={reference}"
        ))
        .into_response(),
        Err(error) => refused(&error, "a case's personal data could not be erased", |m| {
            errors.add("reference", m);
            erase_page(&staff, &answers, errors)
        }),
    }
}
