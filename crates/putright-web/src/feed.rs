//! The data feed over HTTP, for Power BI and Excel: `/feed/cases.csv` and `/feed/cases.json`
//! (every case, without personal data, streamed a page at a time), and every report document
//! (`/feed/tsm.json`, `/feed/stats.csv?table=by_month`, `/feed/quarterly.json?quarter=...`,
//! ...), each read with a feed token (`Authorization: Bearer TOKEN`, or `?token=TOKEN` where a
//! tool cannot set a header). `/account/feed` makes a user's token, shown once;
//! `/admin/feeds` lists every token (the API's too) and revokes one. No token, or a revoked one: 401.

use askama::Template;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use putright_app::accounts::england_time;
use putright_app::{App, FEED_COLUMNS, FeedCase, TokenRow};
use serde_json::Value;

use crate::access::Area;
use crate::forms::Posted;
use crate::pages::{Chrome, not_found, render, unavailable};
use crate::reports::{ReportQuery, figures_download, quarterly_download};
use crate::session::Staff;

/// How many cases each read of the feed takes from the store.
const PAGE: i64 = 5_000;

/// The token a request presents, from its header or its address.
fn presented<'a>(headers: &'a HeaderMap, query: &'a FeedQuery) -> Option<&'a str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .or(Some(query.token.as_str()).filter(|t| !t.is_empty()))
}

/// The feed's query: the token, and what a report document is asked for with.
#[derive(serde::Deserialize, Default)]
pub(crate) struct FeedQuery {
    #[serde(default)]
    token: String,
    #[serde(flatten)]
    report: ReportQuery,
}

fn unauthorised() -> Response {
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, "Bearer realm=\"putright feed\"")],
        "A valid feed token is needed: make one under Your data feed in putright, and send it as \
         Authorization: Bearer TOKEN (or ?token=TOKEN).\n",
    )
        .into_response()
}

/// Whether the request's token opens the feed; the answer to give if not.
async fn admitted(app: &App, headers: &HeaderMap, query: &FeedQuery) -> Option<Response> {
    let Some(raw) = presented(headers, query) else {
        return Some(unauthorised());
    };
    match app.feed_user(raw).await {
        Ok(Some(_)) => None,
        Ok(None) => Some(unauthorised()),
        Err(error) => {
            tracing::error!(%error, "a feed token could not be checked");
            Some(unavailable())
        }
    }
}

/// One case as a CSV line, in [`FEED_COLUMNS`]' order.
fn csv_line(case: &FeedCase) -> String {
    let value = serde_json::to_value(case).unwrap_or(Value::Null);
    let cells: Vec<String> = FEED_COLUMNS
        .iter()
        .map(|c| match &value[*c] {
            Value::Null => String::new(),
            Value::String(s) if s.contains([',', '"', '\n', '\r']) => {
                format!("\"{}\"", s.replace('"', "\"\""))
            }
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect();
    cells.join(",") + "\n"
}

/// Where the stream of cases has got to.
struct Reading {
    app: App,
    after: i64,
    first: bool,
}

/// Every case, a page at a time, as CSV or as one JSON array.
fn stream_cases(app: App, csv: bool) -> Body {
    let start = Reading {
        app,
        after: 0,
        first: true,
    };
    let stream = futures_util::stream::unfold(Some(start), move |state| async move {
        let reading = state?;
        let rows = match reading.app.feed_cases(reading.after, PAGE).await {
            Ok(rows) => rows,
            Err(error) => {
                // The status has gone: the client sees the body end short and reports it.
                tracing::error!(%error, "the feed's cases could not be read");
                return Some((
                    Err(std::io::Error::other("the store could not be read")),
                    None,
                ));
            }
        };
        let mut chunk = String::new();
        if reading.first {
            chunk.push_str(if csv { "" } else { "[" });
            if csv {
                chunk.push_str(&FEED_COLUMNS.join(","));
                chunk.push('\n');
            }
        }
        let Some((last, _)) = rows.last() else {
            if !csv {
                chunk.push_str("]\n");
            }
            return Some((Ok(chunk), None));
        };
        let after = *last;
        for (i, (_, case)) in rows.iter().enumerate() {
            if csv {
                chunk.push_str(&csv_line(case));
            } else {
                if !(reading.first && i == 0) {
                    chunk.push(',');
                }
                chunk.push('\n');
                chunk.push_str(&serde_json::to_string(case).unwrap_or_default());
            }
        }
        let next = Reading {
            app: reading.app,
            after,
            first: false,
        };
        Some((Ok::<_, std::io::Error>(chunk), Some(next)))
    });
    Body::from_stream(stream)
}

/// A document of the feed: the cases, or a report document.
pub(crate) async fn document(
    State(app): State<App>,
    headers: HeaderMap,
    Path(file): Path<String>,
    Query(query): Query<FeedQuery>,
) -> Response {
    if let Some(refused) = admitted(&app, &headers, &query).await {
        return refused;
    }
    let Some((name, extension)) = file.rsplit_once('.') else {
        return not_found().await;
    };
    let mut report = query.report;
    report.format = extension.to_owned();
    match (name, extension) {
        ("cases", "csv" | "json") => {
            let media = match extension {
                "csv" => "text/csv; charset=utf-8",
                _ => "application/json",
            };
            (
                [(header::CONTENT_TYPE, media)],
                stream_cases(app, extension == "csv"),
            )
                .into_response()
        }
        ("tsm" | "stats", "json" | "csv" | "xlsx") => figures_download(&app, name, &report).await,
        ("quarterly", "json" | "html" | "docx" | "pdf") => quarterly_download(&app, &report).await,
        _ => not_found().await,
    }
}

/// One token as the pages list it.
struct TokenLine {
    id: i64,
    username: String,
    name: String,
    scopes: String,
    expires: String,
    created: String,
    last_used: String,
    revoked: Option<String>,
}

fn lines(tokens: Vec<TokenRow>) -> Vec<TokenLine> {
    tokens
        .into_iter()
        .map(|t| TokenLine {
            id: t.id,
            username: t.username,
            name: t.name,
            scopes: t.scopes.replace(',', ", "),
            expires: t.expires_at.map_or_else(|| "Never".into(), england_time),
            created: england_time(t.created_at),
            last_used: t
                .last_used_at
                .map(england_time)
                .unwrap_or_else(|| "Never".into()),
            revoked: t
                .revoked
                .map(|(at, by)| format!("Revoked by {by} at {}", england_time(at))),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "account_feed.html")]
struct AccountFeedPage {
    chrome: Chrome,
    tokens: Vec<TokenLine>,
    made: Option<String>,
    form_token: String,
}

/// The user's feed tokens, and the button that makes one.
pub(crate) async fn account(State(app): State<App>, staff: Staff) -> Response {
    account_page(&app, &staff, None).await
}

async fn account_page(app: &App, staff: &Staff, made: Option<String>) -> Response {
    if let Some(refused) = staff.barred_from(Area::Reports) {
        return refused;
    }
    match app.feed_tokens(Some(&staff.user.username)).await {
        Ok(tokens) => render(&AccountFeedPage {
            chrome: Chrome::signed_in(staff, "/account/feed"),
            tokens: lines(tokens),
            made,
            form_token: staff.form_token(),
        }),
        Err(error) => {
            tracing::error!(%error, "the feed tokens could not be read");
            unavailable()
        }
    }
}

/// Makes a feed token for the signed-in user and shows it, this once.
pub(crate) async fn make(
    State(app): State<App>,
    staff: Staff,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    if let Err(refused) = staff.accepts(Area::Reports, pairs) {
        return refused;
    }
    match app.create_feed_token(&staff.user.username).await {
        Ok((_, token)) => account_page(&app, &staff, Some(token)).await,
        Err(error) => {
            tracing::error!(%error, "a feed token could not be made");
            unavailable()
        }
    }
}

#[derive(Template)]
#[template(path = "admin_feeds.html")]
struct AdminFeedsPage {
    chrome: Chrome,
    tokens: Vec<TokenLine>,
    form_token: String,
}

/// Every feed token, with a button to revoke each still working.
pub(crate) async fn admin(State(app): State<App>, staff: Staff) -> Response {
    if let Some(refused) = staff.barred_from(Area::Administration) {
        return refused;
    }
    match app.feed_tokens(None).await {
        Ok(tokens) => render(&AdminFeedsPage {
            chrome: Chrome::signed_in(&staff, "/admin/feeds"),
            tokens: lines(tokens),
            form_token: staff.form_token(),
        }),
        Err(error) => {
            tracing::error!(%error, "the feed tokens could not be read");
            unavailable()
        }
    }
}

/// Revokes a feed token.
pub(crate) async fn revoke(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    if let Err(refused) = staff.accepts(Area::Administration, pairs) {
        return refused;
    }
    match app.revoke_feed_token(id, &staff.user.username).await {
        Ok(()) => Redirect::to("/admin/feeds").into_response(),
        Err(error) if error.refusal().is_some() => not_found().await,
        Err(error) => {
            tracing::error!(%error, "a feed token could not be revoked");
            unavailable()
        }
    }
}
