//! The administrator's pages: the users, and the audit trail: every attempt to sign in
//! (failures and pauses included, with the address it came from), the latest changes to
//! cases with who recorded each, and every view of restricted personal data and every export.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use putright_app::accounts::england_time;
use putright_app::domain::account::AttemptOutcome;
use putright_app::{App, AuditAction, UserRow};

use crate::access::Area;
use crate::pages::{Chrome, render, unavailable};
use crate::session::Staff;

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
