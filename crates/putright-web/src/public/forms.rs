//! `/complain` and `/feedback`: a start page, one question page at a time (`/complain/what`,
//! ...), the files page, check your answers, and the confirmation with the reference. The
//! answers are kept after every page, so the back button, a phone that sleeps or a closed tab
//! loses nothing; the last page sends the form once, however many times it is posted.

use std::net::SocketAddr;

use askama::Template;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, Uri, header};
use axum::response::Response;
use putright_app::App;
use putright_app::error::AppError;
use putright_app::resident::{Answered, FormKind, Purpose, ResidentToken};

use super::questions;
use super::{
    HONEYPOT, PublicChrome, caught, form_cookie, give_cookie, link_base, over_limit, own_form,
    see_other,
};
use crate::fields::{Answers, Field, Kind};
use crate::forms::{Errors, Posted};
use crate::pages::render;

/// Which form a path is under.
fn form_of(uri: &Uri) -> FormKind {
    if uri.path().starts_with("/feedback") {
        FormKind::Feedback
    } else {
        FormKind::Complaint
    }
}

/// The path of a form's pages.
fn base(form: FormKind) -> &'static str {
    match form {
        FormKind::Complaint => "/complain",
        FormKind::Feedback => "/feedback",
    }
}

/// What the form is called in headings and buttons.
fn called(form: FormKind) -> &'static str {
    match form {
        FormKind::Complaint => "Make a complaint",
        FormKind::Feedback => "Give a compliment or comment",
    }
}

/// The form being answered in this browser, if it is `form` and not yet sent.
async fn answering(
    app: &App,
    headers: &HeaderMap,
    form: FormKind,
) -> Result<Option<(ResidentToken, Answered)>, AppError> {
    let Some(token) = form_cookie(headers) else {
        return Ok(None);
    };
    Ok(app
        .answered(&token)
        .await?
        .filter(|a| a.form == form && a.reference.is_none())
        .map(|a| (token, a)))
}

fn answers_of(answered: Option<&Answered>) -> Answers {
    Answers(
        answered
            .map(|a| a.answers.clone().into_iter().collect())
            .unwrap_or_default(),
    )
}

#[derive(Template)]
#[template(path = "public_start.html")]
struct StartPage {
    chrome: PublicChrome,
    form: &'static str,
    first: String,
}

/// The start page of the complaint form.
pub(crate) async fn complain_start(State(app): State<App>) -> Response {
    render(&StartPage {
        chrome: PublicChrome::of(&app).await,
        form: "complaint",
        first: "/complain/what".into(),
    })
}

/// The start page of the compliments and comments form.
pub(crate) async fn feedback_start(State(app): State<App>) -> Response {
    render(&StartPage {
        chrome: PublicChrome::of(&app).await,
        form: "feedback",
        first: "/feedback/kind".into(),
    })
}

#[derive(Template)]
#[template(path = "public_policy.html")]
struct PolicyPage {
    chrome: PublicChrome,
}

/// How complaints are handled: the two stages and their timescales, and the Ombudsmen.
pub(crate) async fn policy(State(app): State<App>) -> Response {
    render(&PolicyPage {
        chrome: PublicChrome::of(&app).await,
    })
}

#[derive(Template)]
#[template(path = "public_question.html")]
struct QuestionPage {
    chrome: PublicChrome,
    caption: &'static str,
    title: &'static str,
    heading_in_field: bool,
    back: String,
    action: String,
    form_token: String,
    change: bool,
    errors: Errors,
    fields: Vec<Field>,
}

/// Whether the page was opened from check your answers, to go back there.
#[derive(serde::Deserialize, Default)]
pub(crate) struct Change {
    #[serde(default)]
    change: String,
}

fn question_page(
    chrome: PublicChrome,
    form: FormKind,
    page: &str,
    answers: &Answers,
    errors: Errors,
    token: Option<&ResidentToken>,
    change: bool,
) -> Response {
    let flow = questions::flow(form, answers);
    let at = flow.iter().position(|p| *p == page).unwrap_or(0);
    let back = match (change, at) {
        (true, _) => format!("{}/check", base(form)),
        (false, 0) => base(form).to_owned(),
        (false, n) => format!("{}/{}", base(form), flow[n - 1]),
    };
    let fields = questions::fields(form, page, answers, &errors);
    render(&QuestionPage {
        chrome,
        caption: called(form),
        title: questions::title(form, page),
        heading_in_field: fields.iter().any(|f| f.heading),
        back,
        action: format!("{}/{page}", base(form)),
        form_token: token.map(ResidentToken::form_token).unwrap_or_default(),
        change,
        errors,
        fields,
    })
}

/// A question page of either form.
pub(crate) async fn form_page(
    State(app): State<App>,
    uri: Uri,
    headers: HeaderMap,
    Path(page): Path<String>,
    Query(change): Query<Change>,
) -> Response {
    let form = form_of(&uri);
    let current = match answering(&app, &headers, form).await {
        Ok(current) => current,
        Err(error) => return failed(&app, error).await,
    };
    let answers = answers_of(current.as_ref().map(|(_, a)| a));
    if !questions::flow(form, &answers).contains(&page.as_str()) || page == "files" {
        return super::not_found(&app).await;
    }
    let chrome = PublicChrome::of(&app).await;
    let token = current.as_ref().map(|(t, _)| t);
    question_page(
        chrome,
        form,
        &page,
        &answers,
        Errors::default(),
        token,
        change.change == "1",
    )
}

/// Keeps a page's answers and goes on, or shows what is wrong with them.
pub(crate) async fn save_page(
    State(app): State<App>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    uri: Uri,
    headers: HeaderMap,
    Path(page): Path<String>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    if let Some(refused) = over_limit(&app, peer, Purpose::Submit).await {
        return refused;
    }
    let posted = Answers(pairs);
    if !posted.get(HONEYPOT).is_empty() {
        return caught(&app).await;
    }
    let form = form_of(&uri);
    let current = match answering(&app, &headers, form).await {
        Ok(current) => current,
        Err(error) => return failed(&app, error).await,
    };
    let (token, fresh, mut answers) = match current {
        Some((token, answered)) => {
            if !own_form(&token, posted.get("form_token")) {
                return super::expired(&app).await;
            }
            (token, false, answered.answers)
        }
        None => match ResidentToken::new() {
            Ok(token) => (token, true, Default::default()),
            Err(error) => return failed(&app, error).await,
        },
    };
    let before = Answers(answers.clone().into_iter().collect());
    if !questions::flow(form, &before).contains(&page.as_str()) || page == "files" {
        return super::not_found(&app).await;
    }
    let own = questions::fields(form, &page, &before, &Errors::default());
    answers.retain(|k, _| !questions::is_about(k, &own));
    for (k, v) in &posted.0 {
        if questions::is_about(k, &own) {
            answers.insert(k.clone(), v.chars().take(10_000).collect());
        }
    }
    let merged = Answers(answers.clone().into_iter().collect());
    let mut all = Errors::default();
    questions::read(form, &merged, app.today(), &mut all);
    let own = questions::fields(form, &page, &merged, &Errors::default());
    let errors = Errors {
        items: all
            .items
            .into_iter()
            .filter(|e| questions::is_about(&e.field, &own))
            .collect(),
    };
    let change = posted.get("change") == "1";
    if !errors.is_empty() {
        let chrome = PublicChrome::of(&app).await;
        let token = (!fresh).then_some(&token);
        return question_page(chrome, form, &page, &merged, errors, token, change);
    }
    questions::tidy(&mut answers);
    if let Err(error) = app.keep_answers(&token, form, &answers).await {
        return failed(&app, error).await;
    }
    let flow = questions::flow(form, &merged);
    let next = match flow.iter().position(|p| *p == page) {
        // A change that adds a page (someone acting for the resident) asks it before going back.
        _ if change && !(page == "someone" && merged.get("someone") == "yes") => "check",
        Some(n) if n + 1 < flow.len() => flow[n + 1],
        _ => "check",
    };
    let mut response = see_other(&format!("{}/{next}", base(form)));
    if fresh {
        if let Ok(value) = give_cookie(&token, &headers).parse() {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
        // Each new form is a moment to forget the old ones (at most hourly).
        if let Err(error) = app.forget_old_forms().await {
            tracing::error!(%error, "old forms could not be forgotten");
        }
    }
    response
}

/// What a failure tells the resident: what they can put right, or that the service is down.
async fn failed(app: &App, error: AppError) -> Response {
    tracing::error!(%error, "a public form failed");
    super::unavailable(app).await
}

#[derive(Template)]
#[template(path = "public_files.html")]
struct FilesPage {
    chrome: PublicChrome,
    back: String,
    next: String,
    form_token: String,
    files: Vec<putright_app::resident::DraftFile>,
    errors: Errors,
}

async fn files_of(app: &App, headers: &HeaderMap, errors: Errors) -> Response {
    let current = match answering(app, headers, FormKind::Complaint).await {
        Ok(Some(current)) => current,
        Ok(None) => return see_other("/complain"),
        Err(error) => return failed(app, error).await,
    };
    let (token, answered) = current;
    let answers = answers_of(Some(&answered));
    let flow = questions::flow(FormKind::Complaint, &answers);
    let at = flow.iter().position(|p| *p == "files").unwrap_or(0);
    render(&FilesPage {
        chrome: PublicChrome::of(app).await,
        back: format!("/complain/{}", flow[at.saturating_sub(1)]),
        next: format!("/complain/{}", flow.get(at + 1).unwrap_or(&"check")),
        form_token: token.form_token(),
        files: answered.files,
        errors,
    })
}

/// The files sent with the complaint so far, and the upload form.
pub(crate) async fn files_page(State(app): State<App>, headers: HeaderMap) -> Response {
    files_of(&app, &headers, Errors::default()).await
}

/// Keeps an uploaded file with the form, or says what is wrong with it.
pub(crate) async fn upload_file(
    State(app): State<App>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    if let Some(refused) = over_limit(&app, peer, Purpose::Submit).await {
        return refused;
    }
    let Some(token) = form_cookie(&headers) else {
        return see_other("/complain");
    };
    let upload = match multipart {
        Ok(m) => crate::attachments::read(m).await,
        Err(e) => Err(e.body_text()),
    };
    let mut errors = Errors::default();
    match upload {
        Ok(upload) if !own_form(&token, &upload.form_token) => {
            return super::expired(&app).await;
        }
        Ok(upload) if upload.too_large => {
            errors.add("file", "The selected file must be smaller than 10 MB");
        }
        Ok(upload) => match app
            .add_form_file(&token, &upload.file_name, &upload.bytes)
            .await
        {
            Ok(_) => return see_other("/complain/files"),
            Err(AppError::Invalid(message)) => errors.add("file", message),
            Err(AppError::Store(e)) if e.to_string().contains("already been sent") => {
                return see_other("/complain/sent");
            }
            Err(error) => return failed(&app, error).await,
        },
        Err(_) => errors.add("file", "The file could not be read: try uploading it again"),
    }
    files_of(&app, &headers, errors).await
}

/// Removes a file from the form.
pub(crate) async fn remove_file(
    State(app): State<App>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let Some(token) = form_cookie(&headers) else {
        return see_other("/complain");
    };
    if !own_form(&token, Answers(pairs).get("form_token")) {
        return super::expired(&app).await;
    }
    match app.remove_form_file(&token, id).await {
        Ok(()) => see_other("/complain/files"),
        Err(error) => failed(&app, error).await,
    }
}

/// One answer on the check-your-answers page.
struct Row {
    question: String,
    answer: Vec<String>,
    change: String,
}

#[derive(Template)]
#[template(path = "public_check.html")]
struct CheckPage {
    chrome: PublicChrome,
    caption: &'static str,
    back: String,
    action: String,
    button: &'static str,
    form_token: String,
    rows: Vec<Row>,
    equality: Vec<Row>,
}

/// What a field's answer says, in words.
fn shown(field: &Field) -> Vec<String> {
    let chosen = |options: &[crate::fields::Item]| {
        options
            .iter()
            .filter(|o| o.chosen && !o.value.is_empty())
            .map(|o| o.label.clone())
            .collect::<Vec<_>>()
    };
    let lines = match &field.kind {
        Kind::Text { value, .. } | Kind::Area { value } | Kind::Money { value } => {
            value.lines().map(str::to_owned).collect()
        }
        Kind::Date { day, month, year } if !day.is_empty() => {
            let parsed = format!("{year}-{month}-{day}").parse::<chrono::NaiveDate>();
            vec![parsed.map_or(format!("{day} {month} {year}"), |d| {
                d.format("%-d %B %Y").to_string()
            })]
        }
        Kind::Date { .. } => Vec::new(),
        Kind::Select { options } | Kind::Radios { options } | Kind::Checks { options } => {
            chosen(options)
        }
    };
    if lines.iter().all(|l| l.trim().is_empty()) {
        vec!["Not given".to_owned()]
    } else {
        lines
    }
}

/// Check your answers: every answer with a link to change it, then send.
pub(crate) async fn check_answers(
    State(app): State<App>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let form = form_of(&uri);
    let (token, answered) = match answering(&app, &headers, form).await {
        Ok(Some(current)) => current,
        Ok(None) => return see_other(base(form)),
        Err(error) => return failed(&app, error).await,
    };
    let answers = answers_of(Some(&answered));
    let flow = questions::flow(form, &answers);
    let mut errors = Errors::default();
    if questions::read(form, &answers, app.today(), &mut errors).is_none() {
        // Something is missing or no longer right: go to the first page that needs it.
        let first = flow.iter().find(|page| {
            let fields = questions::fields(form, page, &answers, &Errors::default());
            errors
                .items
                .iter()
                .any(|e| questions::is_about(&e.field, &fields))
        });
        return see_other(&format!("{}/{}", base(form), first.unwrap_or(&flow[0])));
    }
    let mut rows = Vec::new();
    let mut equality = Vec::new();
    for page in &flow {
        let change = format!("{}/{page}?change=1", base(form));
        if *page == "files" {
            rows.push(Row {
                question: "Files".into(),
                answer: if answered.files.is_empty() {
                    vec!["None".into()]
                } else {
                    answered.files.iter().map(|f| f.file_name.clone()).collect()
                },
                change: format!("{}/files", base(form)),
            });
            continue;
        }
        let fields = questions::fields(form, page, &answers, &Errors::default());
        let target = if *page == "equality" {
            &mut equality
        } else {
            &mut rows
        };
        for field in &fields {
            target.push(Row {
                question: field.label.clone(),
                answer: shown(field),
                change: change.clone(),
            });
        }
    }
    let last = flow.last().copied().unwrap_or("what");
    render(&CheckPage {
        chrome: PublicChrome::of(&app).await,
        caption: called(form),
        back: format!("{}/{last}", base(form)),
        action: format!("{}/check", base(form)),
        button: match form {
            FormKind::Complaint => "Send complaint",
            FormKind::Feedback => "Send",
        },
        form_token: token.form_token(),
        rows,
        equality,
    })
}

/// Sends the form: once, however many times it is posted.
pub(crate) async fn send(
    State(app): State<App>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    uri: Uri,
    headers: HeaderMap,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    if let Some(refused) = over_limit(&app, peer, Purpose::Submit).await {
        return refused;
    }
    let posted = Answers(pairs);
    if !posted.get(HONEYPOT).is_empty() {
        return caught(&app).await;
    }
    let form = form_of(&uri);
    let Some(token) = form_cookie(&headers) else {
        return see_other(base(form));
    };
    if !own_form(&token, posted.get("form_token")) {
        return super::expired(&app).await;
    }
    let answered = match app.answered(&token).await {
        Ok(Some(answered)) => answered,
        Ok(None) => return see_other(base(form)),
        Err(error) => return failed(&app, error).await,
    };
    if answered.reference.is_some() {
        return see_other(&format!("{}/sent", base(form)));
    }
    let answers = answers_of(Some(&answered));
    let mut errors = Errors::default();
    let Some(submission) = questions::read(form, &answers, app.today(), &mut errors) else {
        return see_other(&format!("{}/check", base(form)));
    };
    match app
        .submit(&token, &submission, &link_base(&app, &headers))
        .await
    {
        Ok(_) => see_other(&format!("{}/sent", base(form))),
        Err(error) => failed(&app, error).await,
    }
}

#[derive(Template)]
#[template(path = "public_sent.html")]
struct SentPage {
    chrome: PublicChrome,
    form: &'static str,
    reference: String,
    emailed: Option<String>,
    again: &'static str,
}

/// The confirmation: the reference, where the email went, and what happens next.
pub(crate) async fn sent(State(app): State<App>, uri: Uri, headers: HeaderMap) -> Response {
    let form = form_of(&uri);
    let Some(token) = form_cookie(&headers) else {
        return see_other(base(form));
    };
    let answered = match app.answered(&token).await {
        Ok(Some(answered)) => answered,
        Ok(None) => return see_other(base(form)),
        Err(error) => return failed(&app, error).await,
    };
    let Some(reference) = answered.reference else {
        return see_other(&format!("{}/check", base(form)));
    };
    render(&SentPage {
        chrome: PublicChrome::of(&app).await,
        form: form.as_str(),
        reference: reference.to_string(),
        emailed: answered
            .answers
            .get("email")
            .map(|e| e.trim().to_owned())
            .filter(|e| !e.is_empty()),
        again: base(form),
    })
}
