//! The web server. Until the staff app exists it serves one plain page: what the store holds
//! and which commands to run next, read through [`putright_app::App`] like every other front
//! end. The server is built here, in the library, so tests start it on port 0 with the same
//! wiring as `putright demo`.

use std::fmt::Write as _;
use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use putright_app::{App, Summary};
use tokio::net::TcpListener;

/// The application's routes.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/health", get(|| async { "ok" }))
        .with_state(Arc::new(app))
}

/// Serves until the process is stopped.
pub async fn serve(listener: TcpListener, app: App) -> std::io::Result<()> {
    axum::serve(listener, router(app)).await
}

async fn home(State(app): State<Arc<App>>) -> Response {
    match app.status().await {
        Ok(status) => {
            let data_dir = app.config().data_dir.display().to_string();
            let page = page(&status.summary, &data_dir);
            ([(header::CACHE_CONTROL, "no-store")], Html(page)).into_response()
        }
        Err(error) => {
            tracing::error!(%error, "the status page could not read the store");
            (StatusCode::SERVICE_UNAVAILABLE, Html(error_page())).into_response()
        }
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const STYLE: &str = "body{font-family:system-ui,Arial,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#0b0c0c}\
table{border-collapse:collapse}th,td{text-align:left;padding:.3rem 1rem .3rem 0;border-bottom:1px solid #b1b4b6}\
td.n{text-align:right}code{background:#f3f2f1;padding:0 .2rem}";

/// The status page.
pub fn page(s: &Summary, data_dir: &str) -> String {
    let mut rows = String::new();
    for (kind, n) in &s.by_kind {
        let _ = write!(
            rows,
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{n}</td></tr>",
            escape(&kind.replace('_', " "))
        );
    }
    let span = match (s.first_received, s.last_received) {
        (Some(first), Some(last)) => format!("<p>Received from {first} to {last}.</p>"),
        _ => "<p>No cases yet: bring history in with <code>putright import cases FILE</code>.</p>"
            .to_owned(),
    };
    let dir = escape(data_dir);
    format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>putright</title><style>{STYLE}</style></head>\
<body><main><h1>putright</h1><p>Complaint handling on the Housing Ombudsman's Complaint Handling Code.</p>\
<h2>What the store holds</h2>{span}\
<table><caption>Cases by kind</caption><thead><tr><th scope=\"col\">Kind</th><th scope=\"col\">Cases</th></tr></thead><tbody>{rows}</tbody></table>\
<p>{} cases, {} events, {} closure days, {} Ombudsman findings.</p>\
<h2>What to run</h2><ul>\
<li><code>putright --data-dir {dir} case show REFERENCE</code>: one case, its deadlines and breaches</li>\
<li><code>putright --data-dir {dir} import cases FILE</code>: bring in case history (CSV or XLSX)</li>\
<li><code>putright --data-dir {dir} import findings FILE</code>: the Ombudsman's published findings</li>\
<li><code>putright --data-dir {dir} homes set --year 2024/25 --lcra N --lcho N</code>: the stock for the rates per 1,000 homes</li>\
<li><code>putright --data-dir {dir} calendar show</code>: bank holidays and closure days</li>\
</ul><p>The staff app and the statutory reports (TSM CH01 and CH02, the annual report, the self-assessment) come next.</p>\
</main></body></html>",
        s.cases, s.events, s.closures, s.findings
    )
}

fn error_page() -> String {
    "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>putright: unavailable</title></head>\
<body><main><h1>Sorry, putright cannot read its database just now</h1><p>Try again in a minute.</p></main></body></html>"
        .to_owned()
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
        insta::assert_snapshot!(page(&summary, "putright-data <demo>"));
    }
}
