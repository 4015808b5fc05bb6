//! `/admin/feeds/new`: an administrator makes an API token for a user, with its scopes (read,
//! write, reports), what it is for and the last day it works, and sees the token this once.
//! The list and revoking are the tokens page's ([`crate::feed`]).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::{Days, NaiveDate};
use putright_app::App;
use putright_app::api::{NewApiToken, Scope, Scopes};

use crate::access::Area;
use crate::fields::{Answers, Builder, Field};
use crate::forms::{Errors, Posted};
use crate::pages::{Chrome, render, unavailable};
use crate::session::Staff;
use crate::steps::{Questions, question_page};

const SCOPE_HINT: &str = "Read opens cases with personal data and their evidence packs; write logs \
    contacts and records steps; reports reads the report documents and the data feed. The \
    user's role still bounds what the token may do.";

fn fields(
    users: &[(String, String)],
    today: NaiveDate,
    answers: &Answers,
    errors: &Errors,
) -> Vec<Field> {
    let mut b = Builder::new(answers, errors);
    let users: Vec<(&str, String)> = users
        .iter()
        .map(|(u, label)| (u.as_str(), label.clone()))
        .collect();
    let scopes: Vec<(&str, String)> = Scope::ALL
        .iter()
        .map(|s| (s.as_str(), s.as_str().to_owned()))
        .collect();
    let year_on = today.checked_add_days(Days::new(365));
    b.select(
        "user",
        "Which user does the token act as?",
        "What it records is recorded as theirs",
        &users,
        "",
    )
    .text(
        "name",
        "What is it for?",
        "For example, Housing management system",
        "",
    )
    .checks("scopes", "What may it do?", SCOPE_HINT, &scopes)
    .date(
        "expires",
        "The last day it works",
        "A year from today unless you choose otherwise",
        year_on,
    );
    b.fields
}

/// The enabled users, as the form lists them.
async fn users(app: &App) -> Result<Vec<(String, String)>, Response> {
    match app.users().await {
        Ok(users) => Ok(users
            .into_iter()
            .filter(|u| !u.disabled)
            .map(|u| {
                let label = format!("{} ({})", u.name, u.username);
                (u.username, label)
            })
            .collect()),
        Err(error) => {
            tracing::error!(%error, "the users could not be read");
            Err(unavailable())
        }
    }
}

fn page(
    staff: &Staff,
    users: &[(String, String)],
    today: NaiveDate,
    answers: &Answers,
    errors: Errors,
) -> Response {
    let fields = fields(users, today, answers, &errors);
    let questions = Questions {
        title: "Make an API token",
        intro: "A token lets another system (a housing management system, a CRM, a website) use \
                putright's API as one user, within its scopes, until the end of its last day."
            .to_owned(),
        action: "/admin/feeds/new".to_owned(),
        button: "Make the token",
        under: "/admin/feeds",
    };
    question_page(staff, questions, fields, errors)
}

pub(crate) async fn new_form(State(app): State<App>, staff: Staff) -> Response {
    if let Some(refused) = staff.barred_from(Area::Administration) {
        return refused;
    }
    match users(&app).await {
        Ok(users) => page(
            &staff,
            &users,
            app.today(),
            &Answers::default(),
            Errors::default(),
        ),
        Err(response) => response,
    }
}

#[derive(Template)]
#[template(path = "admin_token_made.html")]
struct MadePage {
    chrome: Chrome,
    id: i64,
    token: String,
    username: String,
    scopes: String,
    expires_on: String,
}

pub(crate) async fn create(
    State(app): State<App>,
    staff: Staff,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::Administration, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let users = match users(&app).await {
        Ok(users) => users,
        Err(response) => return response,
    };
    let today = app.today();
    let mut errors = Errors::default();
    let username = answers.get("user").to_owned();
    if !users.iter().any(|(u, _)| *u == username) {
        errors.add("user", "Select the user the token acts as");
    }
    let name = answers.text("name", "Enter what the token is for", &mut errors);
    let scopes = Scopes::parse(&answers.all("scopes").join(","));
    if scopes.is_err() {
        errors.add("scopes", "Select at least one thing the token may do");
    }
    let expires = answers.date("expires", "the last day it works", today, true, &mut errors);
    if expires.is_some_and(|d| d < today) {
        errors.add(
            "expires-day",
            "The last day it works must be today or in the future",
        );
    }
    let (Ok(scopes), Some(expires_on), true) = (scopes, expires, errors.is_empty()) else {
        return page(&staff, &users, today, &answers, errors);
    };
    let token = NewApiToken {
        username,
        name,
        scopes,
        expires_on: Some(expires_on),
    };
    match app.create_api_token(&token, &staff.user.username).await {
        Ok((id, secret)) => render(&MadePage {
            chrome: Chrome::signed_in(&staff, "/admin/feeds"),
            id,
            token: secret,
            username: token.username,
            scopes: token.scopes.to_string(),
            expires_on: expires_on.format("%-d %B %Y").to_string(),
        }),
        Err(error) if error.refusal().is_some() => {
            errors.add(
                "name",
                crate::fields::capitalised(error.refusal().unwrap_or_default()),
            );
            page(&staff, &users, today, &answers, errors)
        }
        Err(error) => {
            tracing::error!(%error, "an API token could not be made");
            unavailable()
        }
    }
}
