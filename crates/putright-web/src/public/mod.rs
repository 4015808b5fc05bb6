//! The resident's side: the public pages, served by the same server as the staff app but in a
//! frame of their own ([`PublicChrome`]: the landlord's name, no staff menu, the complaints
//! policy and the Ombudsmen linked on every page). `forms.rs` is `/complain` and `/feedback`, a
//! question a page; `track.rs` is the tracking link; `survey.rs` the satisfaction
//! survey; `questions.rs` is what the forms ask.
//!
//! Residents have no session. A form's answers are kept under a token in the
//! `putright_resident` cookie, and every form carries a token derived from it (against
//! cross-site forgery). Every post is counted against the address it came from
//! ([`putright_app::resident::Limits`]); a page a person cannot see (the honeypot) catches the
//! programs that fill in every field.

mod forms;
mod questions;
mod survey;
mod track;

use std::net::SocketAddr;

use askama::Template;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use putright_app::App;
use putright_app::resident::{Purpose, ResidentToken};

use crate::assets::PREFIX;
use crate::session::{cookie, over_https, same};

pub(crate) use forms::{
    check_answers, complain_start, feedback_start, files_page, form_page, policy, remove_file,
    save_page, send, sent, upload_file,
};
pub(crate) use survey::{answer as answer_survey, survey};
pub(crate) use track::{confirm_form, lost_link, send_link, track, track_letter, track_post};

/// The cookie that holds the token of the form being answered.
pub const RESIDENT_COOKIE: &str = "putright_resident";

/// The field no person fills in: hidden from sight and from assistive technology, so only a
/// program that fills in every field sends it.
pub const HONEYPOT: &str = "website";

/// The frame of every public page.
pub struct PublicChrome {
    /// The path the assets are served under.
    pub assets: &'static str,
    /// The landlord's name, as the service's name.
    pub landlord: String,
    /// The landlord's telephone number, for anyone who would rather call.
    pub phone: String,
}

impl PublicChrome {
    /// The frame, with the landlord's details as set.
    pub async fn of(app: &App) -> Self {
        let landlord = app.landlord().await.unwrap_or_default();
        PublicChrome {
            assets: PREFIX,
            landlord: if landlord.name.trim().is_empty() {
                "Your landlord".to_owned()
            } else {
                landlord.name
            },
            phone: landlord.phone,
        }
    }
}

#[derive(Template)]
#[template(path = "public_problem.html")]
struct ProblemPage<'a> {
    chrome: PublicChrome,
    heading: &'a str,
    lines: &'a [&'a str],
}

/// A problem page in the public frame.
pub(crate) async fn problem(
    app: &App,
    status: StatusCode,
    heading: &str,
    lines: &[&str],
) -> Response {
    let page = ProblemPage {
        chrome: PublicChrome::of(app).await,
        heading,
        lines,
    };
    let mut response = crate::pages::render(&page);
    *response.status_mut() = status;
    response
}

/// Whether `path` is one of the resident's pages.
pub(crate) fn is_public(path: &str) -> bool {
    [
        "/complain",
        "/feedback",
        "/track",
        "/survey",
        "/complaints-policy",
    ]
    .iter()
    .any(|p| path == *p || path.strip_prefix(p).is_some_and(|r| r.starts_with('/')))
}

/// The 500 page for a resident's page whose handler failed: in the public frame, without the
/// landlord's name (the store may be what failed).
pub(crate) fn internal_error() -> Response {
    let page = ProblemPage {
        chrome: PublicChrome {
            assets: PREFIX,
            landlord: "Your landlord".to_owned(),
            phone: String::new(),
        },
        heading: "Sorry, there is a problem with the service",
        lines: &[
            "Try again later. Anything you had already sent is kept.",
            "If you would rather, you can call us or write to us instead.",
        ],
    };
    let mut response = crate::pages::render(&page);
    *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    response
}

/// The page for a service that cannot reach its database: nothing was lost, try again.
pub(crate) async fn unavailable(app: &App) -> Response {
    problem(
        app,
        StatusCode::SERVICE_UNAVAILABLE,
        "Sorry, there is a problem with the service",
        &[
            "Try again in a few minutes. Anything you have already sent is kept.",
            "If you would rather, you can call us or write to us instead.",
        ],
    )
    .await
}

/// The 404 page for a link that is not (or is no longer) good.
pub(crate) async fn not_found(app: &App) -> Response {
    problem(
        app,
        StatusCode::NOT_FOUND,
        "Page not found",
        &[
            "If you typed the web address, check it is correct.",
            "If you followed a link to your case, it may have expired: you can ask for a new one.",
        ],
    )
    .await
}

/// Counts a request from the address; the 429 page once it has made too many this hour.
pub(crate) async fn over_limit(app: &App, peer: SocketAddr, purpose: Purpose) -> Option<Response> {
    if app.admit(peer.ip(), purpose) {
        return None;
    }
    let mut response = problem(
        app,
        StatusCode::TOO_MANY_REQUESTS,
        "Too many requests from your connection",
        &[
            "To protect the service, we limit how often forms can be sent from one connection.",
            "Try again in an hour, or call us instead. Nothing you sent before has been lost.",
        ],
    )
    .await;
    response.headers_mut().insert(
        header::RETRY_AFTER,
        header::HeaderValue::from_static("3600"),
    );
    Some(response)
}

/// The form's token, if the browser holds one.
pub(crate) fn form_cookie(headers: &HeaderMap) -> Option<ResidentToken> {
    cookie(headers, RESIDENT_COOKIE).and_then(ResidentToken::presented)
}

/// The `Set-Cookie` value that gives the browser a form's token.
pub(crate) fn give_cookie(token: &ResidentToken, headers: &HeaderMap) -> String {
    crate::session::set_cookie(RESIDENT_COOKIE, token.as_str(), "Lax", over_https(headers))
}

/// Whether a posted form carries the token of `token` (the form is this browser's own).
pub(crate) fn own_form(token: &ResidentToken, posted: &str) -> bool {
    same(posted, &token.form_token())
}

/// The address links to the site start with: the configured public address, or the one
/// this request came to.
pub(crate) fn link_base(app: &App, headers: &HeaderMap) -> String {
    if let Some(url) = &app.config().public_url {
        return url.clone();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    let scheme = if over_https(headers) { "https" } else { "http" };
    format!("{scheme}://{host}")
}

/// The page that answers a form with the honeypot filled in: said plainly, in case a person
/// was caught by it, with another way to reach the landlord.
pub(crate) async fn caught(app: &App) -> Response {
    problem(
        app,
        StatusCode::BAD_REQUEST,
        "We could not accept this form",
        &[
            "The form was filled in in a way people do not (the field marked to leave empty had something in it), so it was not sent.",
            "Go back and try again, or call us instead.",
        ],
    )
    .await
}

/// The 403 page for a form that is not this browser's own (opened elsewhere, or from an
/// earlier form already sent).
pub(crate) async fn expired(app: &App) -> Response {
    problem(
        app,
        StatusCode::FORBIDDEN,
        "This form has expired",
        &[
            "The form was not sent from this browser's own page, or it belongs to a form already sent.",
            "Go back, reload the page and try again. Nothing was saved.",
        ],
    )
    .await
}

/// A redirect that the browser follows with a GET (after a post).
pub(crate) fn see_other(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_owned())]).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_residents_pages_are_told_from_the_staffs() {
        for path in [
            "/complain",
            "/complain/what",
            "/feedback/sent",
            "/track",
            "/track/abc",
            "/survey/abc",
        ] {
            assert!(is_public(path), "{path}");
        }
        for path in ["/", "/cases", "/complaints", "/trackers", "/sign-in"] {
            assert!(!is_public(path), "{path}");
        }
    }
}
