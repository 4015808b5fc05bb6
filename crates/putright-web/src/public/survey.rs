//! `/survey/TOKEN`: the one-question satisfaction survey a resident is emailed when a stage of
//! their complaint is answered. Answered once; a second answer is thanked and not counted.

use std::net::SocketAddr;

use askama::Template;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use putright_app::App;
use putright_app::domain::vocabulary::Stage;
use putright_app::error::AppError;
use putright_app::resident::{Purpose, ResidentToken, Survey};

use super::{HONEYPOT, PublicChrome, caught, over_limit, own_form};
use crate::fields::{Answers, Builder, Field, Kind};
use crate::forms::{Errors, Posted};
use crate::pages::render;

#[derive(Template)]
#[template(path = "public_survey.html")]
struct SurveyPage {
    chrome: PublicChrome,
    reference: String,
    stage: &'static str,
    action: String,
    form_token: String,
    errors: Errors,
    fields: Vec<Field>,
}

fn page(
    chrome: PublicChrome,
    token: &ResidentToken,
    survey: &Survey,
    answers: &Answers,
    errors: Errors,
) -> Response {
    let mut b = Builder::new(answers, &errors);
    b.yes_no(
        "satisfied",
        "Were you satisfied with how we handled your complaint?",
        "Whether or not you agree with our decision: how we dealt with you, kept you informed and kept to our dates.",
    )
    .heading()
    .area("why", "Tell us why (optional)", "");
    let fields = b.fields;
    render(&SurveyPage {
        chrome,
        reference: survey.reference.clone(),
        stage: if survey.stage == Stage::One {
            "stage 1"
        } else {
            "stage 2"
        },
        action: format!("/survey/{}", token.as_str()),
        form_token: token.form_token(),
        errors,
        fields,
    })
}

async fn opened(app: &App, raw: &str) -> Result<Option<(ResidentToken, Survey)>, AppError> {
    let Some(token) = ResidentToken::presented(raw) else {
        return Ok(None);
    };
    Ok(app.survey(&token).await?.map(|s| (token, s)))
}

async fn thanks(app: &App) -> Response {
    super::problem(
        app,
        StatusCode::OK,
        "Thank you for your answer",
        &["We read every answer, and use them to improve how we handle complaints."],
    )
    .await
}

/// The survey a link opens.
pub(crate) async fn survey(
    State(app): State<App>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(raw): Path<String>,
) -> Response {
    if let Some(refused) = over_limit(&app, peer, Purpose::Survey).await {
        return refused;
    }
    match opened(&app, &raw).await {
        Ok(Some((_, survey))) if survey.answered => thanks(&app).await,
        Ok(Some((token, survey))) => {
            let chrome = PublicChrome::of(&app).await;
            page(
                chrome,
                &token,
                &survey,
                &Answers::default(),
                Errors::default(),
            )
        }
        Ok(None) => super::not_found(&app).await,
        Err(error) => {
            tracing::error!(%error, "a survey could not be opened");
            super::unavailable(&app).await
        }
    }
}

/// Records the answer, once.
pub(crate) async fn answer(
    State(app): State<App>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(raw): Path<String>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    if let Some(refused) = over_limit(&app, peer, Purpose::Survey).await {
        return refused;
    }
    let answers = Answers(pairs);
    if !answers.get(HONEYPOT).is_empty() {
        return caught(&app).await;
    }
    let (token, survey) = match opened(&app, &raw).await {
        Ok(Some(found)) => found,
        Ok(None) => return super::not_found(&app).await,
        Err(error) => {
            tracing::error!(%error, "a survey could not be opened");
            return super::unavailable(&app).await;
        }
    };
    if !own_form(&token, answers.get("form_token")) {
        return super::expired(&app).await;
    }
    let mut errors = Errors::default();
    let satisfied = answers.yes_no(
        "satisfied",
        "Select yes if you were satisfied with how we handled your complaint",
        &mut errors,
    );
    if answers.get("why").chars().count() > 10_000 {
        errors.add("why", "Your answer must be 10,000 characters or fewer");
    }
    if !errors.is_empty() {
        let chrome = PublicChrome::of(&app).await;
        return page(chrome, &token, &survey, &answers, errors);
    }
    let why = answers.optional("why");
    match app.answer_survey(&token, satisfied, why.as_deref()).await {
        Ok(_) => thanks(&app).await,
        Err(error) => {
            tracing::error!(%error, "a survey answer could not be kept");
            super::unavailable(&app).await
        }
    }
}
