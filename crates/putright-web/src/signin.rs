//! Signing in and out, and changing one's own password: the only pages with forms before (or
//! instead of) casework. Sign-in calls [`App::sign_in`], the one seam every way of proving who
//! one is goes through; the page's form token is a random value given twice, in a cookie and in
//! the form, since there is no session yet to derive it from.

use std::net::SocketAddr;

use askama::Template;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use putright_app::domain::account::Password;
use putright_app::{App, AppError};
use serde::Deserialize;

use crate::fields::capitalised;
use crate::forms::{Errors, Posted};
use crate::pages::{Chrome, internal_error, render, unavailable};
use crate::session::{
    CHANGE_PASSWORD, FORM_COOKIE, SESSION_COOKIE, Staff, clear_cookie, cookie, local_path,
    over_https, refused_form, same, set_cookie,
};

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    chrome: Chrome,
    errors: Errors,
    notice: Option<&'static str>,
    form_token: String,
    next: String,
    username: String,
}

/// What the sign-in page's address may carry: where to go afterwards, and whether the user
/// has just signed out.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct SignInQuery {
    #[serde(default)]
    next: String,
    #[serde(default)]
    done: String,
}

/// The sign-in form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SignInForm {
    form_token: String,
    next: String,
    username: String,
    password: String,
}

/// A form that carries nothing but its token.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct TokenOnly {
    form_token: String,
}

pub(crate) async fn sign_in_page(headers: HeaderMap, Query(query): Query<SignInQuery>) -> Response {
    let notice = (query.done == "signed-out").then_some("You have signed out");
    sign_in_form(&headers, Errors::default(), notice, &query.next, "")
}

/// The sign-in page with a fresh form token (in its cookie and its form).
fn sign_in_form(
    headers: &HeaderMap,
    errors: Errors,
    notice: Option<&'static str>,
    next: &str,
    username: &str,
) -> Response {
    let Ok(token) = putright_app::accounts::anonymous_form_token() else {
        return internal_error();
    };
    let page = render(&SignInPage {
        chrome: Chrome::anonymous(),
        errors,
        notice,
        form_token: token.clone(),
        next: local_path(next).to_owned(),
        username: username.to_owned(),
    });
    let cookie = set_cookie(FORM_COOKIE, &token, "Strict", over_https(headers));
    ([(header::SET_COOKIE, cookie)], page).into_response()
}

pub(crate) async fn sign_in(
    State(app): State<App>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Posted(form): Posted<SignInForm>,
) -> Response {
    let expected = cookie(&headers, FORM_COOKIE).unwrap_or_default();
    if expected.is_empty() || !same(&form.form_token, expected) {
        return refused_form();
    }
    let mut errors = Errors::default();
    if form.username.trim().is_empty() {
        errors.add("username", "Enter your username");
    }
    if form.password.is_empty() {
        errors.add("password", "Enter your password");
    }
    if !errors.is_empty() {
        return sign_in_form(&headers, errors, None, &form.next, &form.username);
    }
    let address = peer.ip().to_string();
    match app.sign_in(&form.username, &form.password, &address).await {
        Ok(session) => {
            let secure = over_https(&headers);
            let to = if session.user.must_change_password {
                CHANGE_PASSWORD
            } else {
                local_path(&form.next)
            };
            let mut response = Redirect::to(to).into_response();
            let cookies = response.headers_mut();
            let session_cookie = set_cookie(SESSION_COOKIE, session.token.as_str(), "Lax", secure);
            for value in [session_cookie, clear_cookie(FORM_COOKIE)] {
                if let Ok(value) = value.parse() {
                    cookies.append(header::SET_COOKIE, value);
                }
            }
            response
        }
        Err(AppError::SignIn(message)) => {
            errors.add("username", capitalised(&message));
            sign_in_form(&headers, errors, None, &form.next, &form.username)
        }
        Err(error) => {
            tracing::error!(%error, "sign-in failed");
            unavailable()
        }
    }
}

pub(crate) async fn sign_out(
    State(app): State<App>,
    staff: Staff,
    Posted(form): Posted<TokenOnly>,
) -> Response {
    if let Some(refused) = staff.refuses_form(&form.form_token) {
        return refused;
    }
    if let Err(error) = app.sign_out(staff.token()).await {
        tracing::error!(%error, "sign-out failed");
        return unavailable();
    }
    (
        [(header::SET_COOKIE, clear_cookie(SESSION_COOKIE))],
        Redirect::to("/sign-in?done=signed-out"),
    )
        .into_response()
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    chrome: Chrome,
    errors: Errors,
    must_change: bool,
    form_token: String,
    hint: String,
}

/// The change-password form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct PasswordForm {
    form_token: String,
    current: String,
    new: String,
    confirm: String,
}

fn password_page(staff: &Staff, errors: Errors) -> Response {
    render(&PasswordPage {
        chrome: Chrome::signed_in(staff, CHANGE_PASSWORD),
        errors,
        must_change: staff.user.must_change_password,
        form_token: staff.form_token(),
        hint: format!(
            "At least {} characters. A few words you will remember are easier to type and \
             harder to guess than a short jumble.",
            Password::MIN
        ),
    })
}

pub(crate) async fn password_form(staff: Staff) -> Response {
    password_page(&staff, Errors::default())
}

pub(crate) async fn change_password(
    State(app): State<App>,
    staff: Staff,
    Posted(form): Posted<PasswordForm>,
) -> Response {
    if let Some(refused) = staff.refuses_form(&form.form_token) {
        return refused;
    }
    let mut errors = Errors::default();
    if form.current.is_empty() {
        errors.add("current", "Enter your current password");
    }
    if form.new.is_empty() {
        errors.add("new", "Enter a new password");
    } else if let Err(e) = Password::parse(&form.new) {
        errors.add("new", format!("The new password is not allowed: {}", e.0));
    } else if form.confirm != form.new {
        errors.add("confirm", "Type the same new password twice");
    }
    if !errors.is_empty() {
        return password_page(&staff, errors);
    }
    match app
        .change_password(staff.token(), &form.current, &form.new)
        .await
    {
        Ok(()) => Redirect::to("/?done=password").into_response(),
        Err(AppError::Invalid(message)) => {
            match message.split_once(": ") {
                Some(("current password", _)) => {
                    errors.add("current", "Your current password is wrong")
                }
                Some((_, why)) => errors.add("new", format!("The new password: {why}")),
                None => errors.add("new", capitalised(&message)),
            }
            password_page(&staff, errors)
        }
        Err(AppError::SignIn(_)) => Redirect::to("/sign-in").into_response(),
        Err(error) => {
            tracing::error!(%error, "a password could not be changed");
            unavailable()
        }
    }
}
