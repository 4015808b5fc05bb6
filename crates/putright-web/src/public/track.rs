//! `/track/TOKEN`: the resident's own view of their case, opened by the link they were
//! emailed. It shows where the case stands, what happens next and by when, and the letters
//! sent, and takes three requests: more information, stage 2 (no reason asked, Code 6.12) and
//! withdrawal. `/track` sends a new link to the email address on the case, saying the same
//! whether or not the details matched.

use std::net::SocketAddr;

use askama::Template;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::NaiveDate;
use putright_app::App;
use putright_app::domain::vocabulary::{ContactKind, Stage};
use putright_app::error::AppError;
use putright_app::resident::tracking::Request;
use putright_app::resident::{Purpose, ResidentToken, Tracked};

use super::{HONEYPOT, PublicChrome, caught, link_base, over_limit, own_form, see_other};
use crate::fields::Answers;
use crate::forms::{Errors, Posted};
use crate::pages::render;

fn day(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// A stage as the page lists it.
struct StageView {
    name: &'static str,
    lines: Vec<String>,
}

#[derive(Template)]
#[template(path = "public_track.html")]
struct TrackPage {
    chrome: PublicChrome,
    token: String,
    form_token: String,
    version: u32,
    what: &'static str,
    reference: String,
    received: String,
    standing: &'static str,
    next: Vec<String>,
    stages: Vec<StageView>,
    letters: Vec<(i64, String, String)>,
    may_escalate: bool,
    may_withdraw: bool,
    done: Option<&'static str>,
    errors: Errors,
    information: String,
}

/// Where the case stands, in plain words.
fn standing(status: &str) -> &'static str {
    match status {
        "stage1_open" => "We are looking into it (stage 1)",
        "stage1_responded" => "We have sent our answer (stage 1)",
        "stage2_open" => "We are reviewing it (stage 2)",
        "closed" => "We have sent our final answer (stage 2)",
        "refused" => "We could not take it on as a complaint",
        "withdrawn" => "Withdrawn",
        "closed_without_response" => "Closed",
        "open" => "Open",
        "answered" => "Answered",
        _ => "Received",
    }
}

/// What happens next and by when.
fn next_steps(t: &Tracked, today: NaiveDate) -> Vec<String> {
    let ombudsman = t.ombudsman;
    let open = t.stages.iter().rfind(|s| s.ended.is_none());
    if t.kind != ContactKind::Complaint {
        return vec!["Thank you. We have passed it on to the team it is about.".into()];
    }
    if let Some(s) = open {
        let mut lines = Vec::new();
        let stage = if s.stage == Stage::One { "1" } else { "2" };
        match s.acknowledged_on {
            None => lines.push(format!(
                "We will write to you by {} to confirm we have your stage {stage} complaint and say how we understand it.",
                day(s.acknowledgement_due)
            )),
            Some(on) => lines.push(format!("We acknowledged it on {}.", day(on))),
        }
        if today > s.response_due {
            lines.push(format!(
                "Our answer is late: it was due by {}. We are sorry.",
                day(s.response_due)
            ));
            if t.may_escalate {
                lines.push(
                    "You can ask for your complaint to go to stage 2 now, without waiting for our answer.".into(),
                );
            }
        } else {
            lines.push(format!(
                "We will send you our answer by {}.",
                day(s.response_due)
            ));
        }
        return lines;
    }
    match t.status {
        "stage1_responded" => vec![
            "If you are not happy with our answer, you can ask us to review it at stage 2. You do not need to give a reason.".into(),
        ],
        "closed" => vec![format!(
            "This was our final answer. If you are still not happy, you can ask the {ombudsman} to look at your complaint."
        )],
        _ => vec![format!(
            "If you are not happy with how we dealt with this, you can contact the {ombudsman}."
        )],
    }
}

fn stage_views(t: &Tracked) -> Vec<StageView> {
    t.stages
        .iter()
        .map(|s| {
            let mut lines = vec![format!("Began {}", day(s.began_on))];
            if let Some(on) = s.acknowledged_on {
                lines.push(format!("Acknowledged {}", day(on)));
            }
            match s.ended {
                Some(("responded", on)) => lines.push(format!("Answered {}", day(on))),
                Some(("withdrawn", on)) => lines.push(format!("Withdrawn {}", day(on))),
                Some((_, on)) => lines.push(format!("Closed {}", day(on))),
                None => lines.push(format!("Answer due by {}", day(s.response_due))),
            }
            StageView {
                name: if s.stage == Stage::One {
                    "Stage 1"
                } else {
                    "Stage 2"
                },
                lines,
            }
        })
        .collect()
}

/// What a request through the link did, for the banner.
#[derive(serde::Deserialize, Default)]
pub(crate) struct Done {
    #[serde(default)]
    done: String,
}

async fn tracked(app: &App, raw: &str) -> Result<Option<(ResidentToken, Tracked)>, AppError> {
    let Some(token) = ResidentToken::presented(raw) else {
        return Ok(None);
    };
    Ok(app.track(&token).await?.map(|t| (token, t)))
}

/// The case a link opens, or the page that says it does not (404) or cannot be read (503).
async fn opened(app: &App, raw: &str) -> Result<(ResidentToken, Tracked), Response> {
    match tracked(app, raw).await {
        Ok(Some(found)) => Ok(found),
        Ok(None) => Err(super::not_found(app).await),
        Err(error) => Err(failed(app, error).await),
    }
}

async fn track_page(
    app: &App,
    token: &ResidentToken,
    t: Tracked,
    done: Option<&'static str>,
    errors: Errors,
    information: String,
) -> Response {
    render(&TrackPage {
        chrome: PublicChrome::of(app).await,
        token: token.as_str().to_owned(),
        form_token: token.form_token(),
        version: t.version,
        what: match t.kind {
            ContactKind::Complaint => "complaint",
            ContactKind::Compliment => "compliment",
            _ => "contact",
        },
        reference: t.reference.to_string(),
        received: day(t.received_on),
        standing: standing(t.status),
        next: next_steps(&t, app.today()),
        stages: stage_views(&t),
        letters: t
            .letters
            .iter()
            .map(|l| {
                let title = putright_app::letters::LetterKind::parse(&l.kind)
                    .map_or_else(|_| l.kind.clone(), |k| k.title().to_owned());
                (l.id, title, day(l.issued_on))
            })
            .collect(),
        may_escalate: t.may_escalate,
        may_withdraw: t.may_withdraw,
        done,
        errors,
        information,
    })
}

/// The case a link opens.
pub(crate) async fn track(
    State(app): State<App>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(raw): Path<String>,
    Query(done): Query<Done>,
) -> Response {
    if let Some(refused) = over_limit(&app, peer, Purpose::Track).await {
        return refused;
    }
    let done = match done.done.as_str() {
        "information" => Some("We have added your information to your case."),
        "escalate" => Some("We have your request for a stage 2 review."),
        "withdraw" => Some("Your complaint is withdrawn."),
        _ => None,
    };
    match opened(&app, &raw).await {
        Ok((token, t)) => track_page(&app, &token, t, done, Errors::default(), String::new()).await,
        Err(page) => page,
    }
}

async fn failed(app: &App, error: AppError) -> Response {
    tracing::error!(%error, "a tracking link failed");
    super::unavailable(app).await
}

/// A request through the link: information, stage 2 or withdrawal.
pub(crate) async fn track_post(
    State(app): State<App>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(raw): Path<String>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    if let Some(refused) = over_limit(&app, peer, Purpose::Track).await {
        return refused;
    }
    let posted = Answers(pairs);
    if !posted.get(HONEYPOT).is_empty() {
        return caught(&app).await;
    }
    let (token, t) = match opened(&app, &raw).await {
        Ok(found) => found,
        Err(page) => return page,
    };
    if !own_form(&token, posted.get("form_token")) {
        return super::expired(&app).await;
    }
    let information = posted.get("information").trim().to_owned();
    let (request, done) = match posted.get("request") {
        "escalate" => (Request::Escalate, "escalate"),
        "withdraw" => (Request::Withdraw, "withdraw"),
        _ => {
            let mut errors = Errors::default();
            if information.is_empty() {
                errors.add("information", "Enter the information you want to add");
            } else if information.chars().count() > 10_000 {
                errors.add(
                    "information",
                    "The information must be 10,000 characters or fewer",
                );
            }
            if !errors.is_empty() {
                return track_page(&app, &token, t, None, errors, information).await;
            }
            (Request::AddInformation(information.clone()), "information")
        }
    };
    let version = posted.get("version").parse().unwrap_or(t.version);
    match app.resident_asks(&token, version, &request).await {
        Ok(_) => see_other(&format!("/track/{}?done={done}", token.as_str())),
        // The Code's rules refuse it (stage 2 asked for too early, nothing open to withdraw),
        // or someone saved the case meanwhile: said on the page, nothing recorded.
        Err(error)
            if error.refusal().is_some()
                || error.is_conflict()
                || matches!(error, AppError::Domain { .. }) =>
        {
            let mut errors = Errors::default();
            let field = if done == "information" {
                "information"
            } else {
                "request"
            };
            let message = if error.is_conflict() {
                "Your case changed while you had this page open. Check it below and try again."
                    .to_owned()
            } else {
                match request {
                    Request::Escalate => "You can ask for stage 2 once we have sent our stage 1 answer, or once it is late.".to_owned(),
                    Request::Withdraw => "There is nothing open on this case to withdraw.".to_owned(),
                    Request::AddInformation(_) => error.to_string(),
                }
            };
            errors.add(field, message);
            match opened(&app, &raw).await {
                Ok((token, t)) => track_page(&app, &token, t, None, errors, information).await,
                Err(page) => page,
            }
        }
        Err(error) => failed(&app, error).await,
    }
}

#[derive(Template)]
#[template(path = "public_confirm.html")]
struct ConfirmPage {
    chrome: PublicChrome,
    token: String,
    form_token: String,
    version: u32,
    reference: String,
    request: &'static str,
    title: &'static str,
    lines: Vec<&'static str>,
    button: &'static str,
}

async fn confirm(app: &App, raw: &str, request: &'static str) -> Response {
    let (token, t) = match opened(app, raw).await {
        Ok(found) => found,
        Err(page) => return page,
    };
    let allowed = match request {
        "escalate" => t.may_escalate,
        _ => t.may_withdraw,
    };
    if !allowed {
        return see_other(&format!("/track/{}", token.as_str()));
    }
    let (title, lines, button) = match request {
        "escalate" => (
            "Ask for a stage 2 review",
            vec![
                "Someone who was not involved at stage 1 will review your complaint and our answer.",
                "You do not need to give a reason. If you want to tell us why, you can add information to your case afterwards.",
            ],
            "Ask for a stage 2 review",
        ),
        _ => (
            "Withdraw your complaint",
            vec![
                "We will stop looking into your complaint.",
                "If you change your mind, contact us: you can make a new complaint at any time.",
            ],
            "Withdraw my complaint",
        ),
    };
    render(&ConfirmPage {
        chrome: PublicChrome::of(app).await,
        token: token.as_str().to_owned(),
        form_token: token.form_token(),
        version: t.version,
        reference: t.reference.to_string(),
        request,
        title,
        lines,
        button,
    })
}

/// Confirms a request for stage 2 (`/track/TOKEN/escalate`) or a withdrawal (`/withdraw`).
pub(crate) async fn confirm_form(
    State(app): State<App>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path((raw, request)): Path<(String, String)>,
) -> Response {
    if let Some(refused) = over_limit(&app, peer, Purpose::Track).await {
        return refused;
    }
    match request.as_str() {
        "escalate" => confirm(&app, &raw, "escalate").await,
        "withdraw" => confirm(&app, &raw, "withdraw").await,
        _ => super::not_found(&app).await,
    }
}

/// A letter sent on the case, as the PDF it went as.
pub(crate) async fn track_letter(
    State(app): State<App>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path((raw, id)): Path<(String, i64)>,
) -> Response {
    if let Some(refused) = over_limit(&app, peer, Purpose::Track).await {
        return refused;
    }
    let Some(token) = ResidentToken::presented(&raw) else {
        return super::not_found(&app).await;
    };
    let document = match app.tracked_letter(&token, id).await {
        Ok(Some(document)) => document,
        Ok(None) => return super::not_found(&app).await,
        Err(error) => return failed(&app, error).await,
    };
    crate::letters::download(
        document,
        format!("letter-{id}.pdf"),
        putright_app::report::publish::PageFormat::Pdf,
    )
    .await
}

#[derive(Template)]
#[template(path = "public_lost.html")]
struct LostPage {
    chrome: PublicChrome,
    errors: Errors,
    reference: String,
    email: String,
    sent: bool,
}

/// The form to ask for a new link.
pub(crate) async fn lost_link(State(app): State<App>) -> Response {
    render(&LostPage {
        chrome: PublicChrome::of(&app).await,
        errors: Errors::default(),
        reference: String::new(),
        email: String::new(),
        sent: false,
    })
}

/// Sends a new link if the details match a case, and says the same either way.
pub(crate) async fn send_link(
    State(app): State<App>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    if let Some(refused) = over_limit(&app, peer, Purpose::Track).await {
        return refused;
    }
    let posted = Answers(pairs);
    if !posted.get(HONEYPOT).is_empty() {
        return caught(&app).await;
    }
    let reference = posted.get("reference").trim().to_uppercase();
    let email = posted.get("email").trim().to_owned();
    let mut errors = Errors::default();
    if reference.is_empty() {
        errors.add("reference", "Enter your reference, like PR-2025-0000123");
    }
    if !email.contains('@') {
        errors.add(
            "email",
            "Enter the email address you gave us, like name@example.com",
        );
    }
    let sent = errors.is_empty();
    if sent
        && let Err(error) = app
            .send_new_link(&reference, &email, &link_base(&app, &headers))
            .await
    {
        return failed(&app, error).await;
    }
    render(&LostPage {
        chrome: PublicChrome::of(&app).await,
        errors,
        reference,
        email,
        sent,
    })
}
