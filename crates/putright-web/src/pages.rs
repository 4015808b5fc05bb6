//! The pages: each an askama template extending `layout.html` (the GOV.UK template: skip
//! link, header with the service name, phase banner, footer), and the problem pages (404, 405,
//! 500, 503) in the same design. No page has inline script or style; the CSP forbids both.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use putright_app::{App, Summary};

use crate::assets::PREFIX;

/// The commands the status page suggests, with what each does.
const COMMANDS: [(&str, &str); 5] = [
    (
        "case show REFERENCE",
        "one case, its deadlines and breaches",
    ),
    ("import cases FILE", "bring in case history (CSV or XLSX)"),
    ("import findings FILE", "the Ombudsman's published findings"),
    (
        "homes set --year 2024/25 --lcra N --lcho N",
        "the stock for the rates per 1,000 homes",
    ),
    ("calendar show", "bank holidays and closure days"),
];

#[derive(Template)]
#[template(path = "status.html")]
struct StatusPage<'a> {
    assets: &'static str,
    summary: &'a Summary,
    span: Option<(String, String)>,
    by_kind: Vec<(String, i64)>,
    data_dir: &'a str,
    commands: &'static [(&'static str, &'static str)],
}

#[derive(Template)]
#[template(path = "problem.html")]
struct ProblemPage<'a> {
    assets: &'static str,
    heading: &'a str,
    lines: &'a [&'a str],
}

/// The status page: what the store holds and which commands to run next.
pub fn status_page(summary: &Summary, data_dir: &str) -> Result<String, askama::Error> {
    StatusPage {
        assets: PREFIX,
        summary,
        span: summary
            .first_received
            .zip(summary.last_received)
            .map(|(first, last)| (first.to_string(), last.to_string())),
        by_kind: summary
            .by_kind
            .iter()
            .map(|(kind, n)| (kind.replace('_', " "), *n))
            .collect(),
        data_dir,
        commands: &COMMANDS,
    }
    .render()
}

pub(crate) async fn home(State(app): State<App>) -> Response {
    match app.status().await {
        Ok(status) => {
            let data_dir = app.config().data_dir.display().to_string();
            match status_page(&status.summary, &data_dir) {
                Ok(page) => Html(page).into_response(),
                Err(error) => {
                    tracing::error!(%error, "the status page could not be rendered");
                    internal_error()
                }
            }
        }
        Err(error) => {
            tracing::error!(%error, "the status page could not read the store");
            problem(
                StatusCode::SERVICE_UNAVAILABLE,
                "Sorry, there is a problem with the service",
                &[
                    "putright cannot read its database just now.",
                    "Try again in a minute.",
                ],
            )
        }
    }
}

pub(crate) async fn not_found() -> Response {
    problem(
        StatusCode::NOT_FOUND,
        "Page not found",
        &[
            "If you typed the web address, check it is correct.",
            "If you pasted the web address, check you copied the entire address.",
        ],
    )
}

pub(crate) async fn method_not_allowed() -> Response {
    problem(
        StatusCode::METHOD_NOT_ALLOWED,
        "This page cannot do that",
        &["The page exists, but not for what the browser asked of it."],
    )
}

pub(crate) fn internal_error() -> Response {
    problem(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Sorry, there is a problem with the service",
        &["Try again later."],
    )
}

/// A problem page in the service's design, with its status.
fn problem(status: StatusCode, heading: &str, lines: &[&str]) -> Response {
    let page = ProblemPage {
        assets: PREFIX,
        heading,
        lines,
    }
    .render()
    // The template is checked when the crate compiles and only writes into a string, so this
    // cannot fail in practice; if it did, a plain page still says what happened.
    .unwrap_or_else(|_| {
        format!(
            "<!DOCTYPE html><html lang=\"en-GB\"><title>putright</title><h1>{status}</h1></html>"
        )
    });
    (status, Html(page)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_page() {
        let summary = Summary {
            cases: 9000,
            events: 19615,
            by_kind: vec![("complaint".into(), 2179), ("service_request".into(), 3259)],
            closures: 1,
            findings: 12,
            first_received: "2023-04-01".parse().ok(),
            last_received: "2026-03-31".parse().ok(),
        };
        let page = status_page(&summary, "putright-data <demo>").unwrap();
        insta::assert_snapshot!(page.replace(PREFIX, "/assets/VERSION"));
    }
}
