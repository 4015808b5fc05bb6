//! The administrator's pages: the users; the audit trail: every attempt to sign in
//! (failures and pauses included, with the address it came from), the latest changes to
//! cases with who recorded each, and every view of restricted personal data and every export;
//! and the daily reminders, when they go and who gets which.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use putright_app::accounts::england_time;
use putright_app::domain::account::AttemptOutcome;
use putright_app::domain::vocabulary::Role;
use putright_app::reminders::{ReminderPlan, parse_time};
use putright_app::{App, AuditAction, UserRow};

use crate::access::Area;
use crate::fields::{Answers, Builder};
use crate::forms::{Errors, Posted};
use crate::pages::{Chrome, refused, render, unavailable};
use crate::session::Staff;
use crate::steps::{Questions, question_page};

/// The most sign-ins the page lists, newest first.
const SIGN_INS_SHOWN: usize = 500;

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    chrome: Chrome,
    users: Vec<UserRow>,
}

pub(crate) async fn users(State(app): State<App>, staff: Staff) -> Response {
    if let Some(refused) = staff.barred_from(Area::Administration) {
        return refused;
    }
    match app.users().await {
        Ok(users) => render(&UsersPage {
            chrome: Chrome::signed_in(&staff, "/admin/users"),
            users,
        }),
        Err(error) => {
            tracing::error!(%error, "the users could not be read");
            unavailable()
        }
    }
}

/// One attempt, as the page shows it.
struct SignInLine {
    when: String,
    username: String,
    address: String,
    outcome: &'static str,
}

#[derive(Template)]
#[template(path = "sign_ins.html")]
struct SignInsPage {
    chrome: Chrome,
    rows: Vec<SignInLine>,
    shown: usize,
    total: usize,
}

pub(crate) async fn sign_ins(State(app): State<App>, staff: Staff) -> Response {
    if let Some(refused) = staff.barred_from(Area::Administration) {
        return refused;
    }
    let attempts = match app.sign_in_attempts().await {
        Ok(attempts) => attempts,
        Err(error) => {
            tracing::error!(%error, "the sign-ins could not be read");
            return unavailable();
        }
    };
    let total = attempts.len();
    let rows: Vec<SignInLine> = attempts
        .into_iter()
        .rev()
        .take(SIGN_INS_SHOWN)
        .map(|a| SignInLine {
            when: england_time(a.at),
            username: a.username,
            address: a.address,
            outcome: match a.outcome {
                AttemptOutcome::SignedIn => "Signed in",
                AttemptOutcome::Failed => "Wrong username or password",
                AttemptOutcome::Paused => "Turned away: sign-in paused",
            },
        })
        .collect();
    render(&SignInsPage {
        chrome: Chrome::signed_in(&staff, "/admin/sign-ins"),
        shown: rows.len(),
        rows,
        total,
    })
}

/// One line of the audit page.
struct AuditLine {
    when: String,
    who: String,
    what: String,
    subject: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    chrome: Chrome,
    changes: Vec<AuditLine>,
    accesses: Vec<AuditLine>,
}

pub(crate) async fn audit(State(app): State<App>, staff: Staff) -> Response {
    if let Some(refused) = staff.barred_from(Area::Administration) {
        return refused;
    }
    let (changes, accesses) = match (app.recent_changes().await, app.audit_entries().await) {
        (Ok(changes), Ok(accesses)) => (changes, accesses),
        (Err(error), _) | (_, Err(error)) => {
            tracing::error!(%error, "the audit trail could not be read");
            return unavailable();
        }
    };
    let changes = changes
        .into_iter()
        .map(|c| AuditLine {
            when: england_time(c.at),
            who: c.username,
            what: format!(
                "{}, dated {}",
                crate::cases::words(&c.event),
                c.effective_on
            ),
            subject: c.reference,
        })
        .collect();
    let accesses = accesses
        .into_iter()
        .map(|a| AuditLine {
            when: england_time(a.at),
            who: a.username,
            what: match a.action {
                AuditAction::ViewedRestricted => "Viewed restricted personal data".to_owned(),
                AuditAction::Exported => "Exported".to_owned(),
            },
            subject: a.subject,
        })
        .collect();
    render(&AuditPage {
        chrome: Chrome::signed_in(&staff, "/admin/audit"),
        changes,
        accesses,
    })
}

/// The roles a reminder can go to, as checkboxes: those who handle or check complaints.
fn reminder_roles() -> Vec<(&'static str, String)> {
    [
        Role::ComplaintsOfficer,
        Role::InvestigatingManager,
        Role::Stage2Reviewer,
    ]
    .into_iter()
    .map(|r| {
        (
            r.as_str(),
            crate::fields::capitalised(&r.as_str().replace('_', " ")),
        )
    })
    .collect()
}

/// The plan as the form shows it, as if it had just been sent.
fn plan_answers(plan: &ReminderPlan) -> Answers {
    let mut pairs = vec![("time".to_owned(), plan.time.format("%H:%M").to_string())];
    for (field, roles) in [
        ("digest", &plan.digest),
        ("quality", &plan.quality),
        ("overdue", &plan.overdue),
    ] {
        pairs.extend(
            roles
                .iter()
                .map(|r| (field.to_owned(), r.as_str().to_owned())),
        );
    }
    Answers(pairs)
}

fn reminders_page(staff: &Staff, answers: &Answers, errors: Errors, saved: bool) -> Response {
    let roles = reminder_roles();
    let mut b = Builder::new(answers, &errors);
    b.text(
        "time",
        "What time of day do the reminders go?",
        "In England, as a 24-hour time, for example 07:30",
        "5",
    )
    .checks(
        "digest",
        "Who gets a morning digest of their own work?",
        "Their work overdue, due today and at risk, their actions past their date, and updates due to residents",
        &roles,
    )
    .checks(
        "quality",
        "Who is reminded of the responses waiting for a quality check?",
        "",
        &roles,
    )
    .checks(
        "overdue",
        "Who is alerted when a stage goes overdue?",
        "The manager named for the case's service area is alerted as well (putright reminders area-manager)",
        &roles,
    );
    let fields = b.fields;
    let intro = if saved {
        "Saved. Each user gets what their role is given here, once a day, at the email address \
         set for them (putright user email)."
    } else {
        "Each user gets what their role is given here, once a day, at the email address set for \
         them (putright user email)."
    };
    let page = Questions {
        title: "Daily reminders",
        intro: intro.to_owned(),
        action: "/admin/reminders".to_owned(),
        button: "Save the reminders",
        under: "/admin/reminders",
    };
    question_page(staff, page, fields, errors)
}

#[derive(serde::Deserialize)]
pub(crate) struct SavedQuery {
    #[serde(default)]
    saved: String,
}

/// When the day's reminders go and who gets which.
pub(crate) async fn reminders(
    State(app): State<App>,
    staff: Staff,
    axum::extract::Query(query): axum::extract::Query<SavedQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::Administration) {
        return refused;
    }
    match app.reminder_plan().await {
        Ok(plan) => reminders_page(
            &staff,
            &plan_answers(&plan),
            Errors::default(),
            query.saved == "yes",
        ),
        Err(error) => {
            tracing::error!(%error, "the reminders could not be read");
            unavailable()
        }
    }
}

/// Keeps when the reminders go and who gets which.
pub(crate) async fn save_reminders(
    State(app): State<App>,
    staff: Staff,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::Administration, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let mut errors = Errors::default();
    let time = parse_time(answers.get("time"));
    if time.is_err() {
        errors.add(
            "time",
            "Enter the time as hours and minutes, for example 07:30",
        );
    }
    let roles = |field: &str| -> Vec<Role> {
        answers
            .all(field)
            .into_iter()
            .filter_map(|r| Role::parse(r).ok())
            .collect()
    };
    let (Ok(time), true) = (time, errors.is_empty()) else {
        return reminders_page(&staff, &answers, errors, false);
    };
    let plan = ReminderPlan {
        time,
        digest: roles("digest"),
        quality: roles("quality"),
        overdue: roles("overdue"),
    };
    match app.set_reminder_plan(&plan).await {
        Ok(()) => Redirect::to("/admin/reminders?saved=yes").into_response(),
        Err(error) => refused(&error, "the reminders could not be kept", |message| {
            let mut errors = Errors::default();
            errors.add("time", message);
            reminders_page(&staff, &answers, errors, false)
        }),
    }
}
