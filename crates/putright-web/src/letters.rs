//! Letters in the app. `/cases/REFERENCE/letters/KIND` previews a letter as it would go today
//! (and downloads it as DOCX or PDF) and issues it; `/cases/REFERENCE/issued/ID/FILE` downloads
//! a letter issued, written again exactly as it went. `/letters` and `/letters/KIND` are the
//! complaints officer's templates; `/print` is the print queue, with `/print/ID` to record the
//! day a letter was posted; `/outbox` is the outgoing mail and where each message stands.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use putright_app::accounts::england_time;
use putright_app::domain::Reference;
use putright_app::letters::{Delivery, Field, LetterKind};
use putright_app::report::publish::{PageFormat, fragment, page_bytes};
use putright_app::{App, AppError, LetterRow};

use crate::access::Area;
use crate::fields::{Answers, Builder};
use crate::forms::{Errors, Posted};
use crate::pages::{Chrome, case_or_problem, not_found, refused, render, unavailable};
use crate::session::Staff;
use crate::steps::{Questions, question_page};

/// A letter issued, as the case page and the print queue list it.
pub(crate) struct IssuedLine {
    pub reference: String,
    pub title: &'static str,
    pub issued: String,
    pub how: String,
    pub pdf: String,
    pub docx: String,
    pub post_href: Option<String>,
}

fn title_of(kind: &str) -> &'static str {
    LetterKind::parse(kind).map_or("Letter", LetterKind::title)
}

/// The lines for letters issued.
pub(crate) fn issued_lines(letters: &[LetterRow]) -> Vec<IssuedLine> {
    letters
        .iter()
        .map(|l| {
            let how = match (l.delivery.as_str(), l.posted_on) {
                ("post", Some(on)) => format!("By post, posted on {on}"),
                ("post", None) => "By post: waiting in the print queue".to_owned(),
                _ => format!(
                    "By email to {}: {}",
                    l.recipient,
                    l.mail_state.as_deref().unwrap_or("queued")
                ),
            };
            let base = format!("/cases/{}/issued/{}", l.reference, l.id);
            IssuedLine {
                reference: l.reference.clone(),
                title: title_of(&l.kind),
                issued: format!("{} by {}", l.issued_on, l.issued_by),
                how: format!("{how}{}", if l.large_print { " (large print)" } else { "" }),
                pdf: format!("{base}/letter.pdf"),
                docx: format!("{base}/letter.docx"),
                post_href: (l.delivery == "post" && l.posted_on.is_none())
                    .then(|| format!("/print/{}", l.id)),
            }
        })
        .collect()
}

/// The letters the case has reached, for the case page's links.
pub(crate) fn possible(sheet: &putright_app::case_sheet::CaseSheet) -> Vec<(String, &'static str)> {
    LetterKind::ALL
        .into_iter()
        .filter(|k| k.possible(&sheet.case))
        .map(|k| {
            (
                format!("/cases/{}/letters/{}", sheet.reference, k.as_str()),
                k.title(),
            )
        })
        .collect()
}

#[derive(Template)]
#[template(path = "letter.html")]
struct LetterPage {
    chrome: Chrome,
    reference: String,
    title: &'static str,
    kind: &'static str,
    problem: Option<String>,
    delivery: Vec<(&'static str, String)>,
    letter: String,
    version: u32,
    form_token: String,
}

fn file_response(bytes: Vec<u8>, name: &str, format: PageFormat) -> Response {
    let media = match format {
        PageFormat::Docx => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        }
        PageFormat::Pdf => "application/pdf",
        PageFormat::Html => "text/html; charset=utf-8",
    };
    (
        [
            (header::CONTENT_TYPE, media.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

fn format_of(file: &str) -> Option<PageFormat> {
    match file {
        "letter.pdf" => Some(PageFormat::Pdf),
        "letter.docx" => Some(PageFormat::Docx),
        _ => None,
    }
}

/// A document written as a file to download; the renderers run off the async threads.
async fn download(doc: putright_app::Document, name: String, format: PageFormat) -> Response {
    match tokio::task::spawn_blocking(move || page_bytes(&doc, format)).await {
        Ok(Ok(bytes)) => file_response(bytes, &name, format),
        Ok(Err(error)) => {
            tracing::error!(%error, "a letter could not be written");
            unavailable()
        }
        Err(error) => {
            tracing::error!(%error, "a letter could not be written");
            unavailable()
        }
    }
}

async fn letter_page(
    app: &App,
    staff: &Staff,
    raw: &str,
    kind: &str,
    problem: Option<String>,
) -> Response {
    let Ok(kind) = LetterKind::parse(kind) else {
        return not_found().await;
    };
    let (reference, sheet) = match case_or_problem(app, raw).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let mut page = LetterPage {
        chrome: Chrome::signed_in(staff, "/cases"),
        reference: reference.to_string(),
        title: kind.title(),
        kind: kind.as_str(),
        problem,
        delivery: Vec::new(),
        letter: String::new(),
        version: sheet.case.version,
        form_token: staff.form_token(),
    };
    match app
        .preview_letter(&reference, kind, &staff.user.username)
        .await
    {
        Ok(draft) => {
            page.delivery = vec![
                (
                    "Goes",
                    match &draft.delivery {
                        Delivery::Email(a) => {
                            format!("By email to {a}, with the letter attached as a PDF")
                        }
                        Delivery::Post(a) => format!(
                            "By post to {}, through the print queue",
                            a.lines().collect::<Vec<_>>().join(", ")
                        ),
                    },
                ),
                (
                    "Large print",
                    if draft.document.large_print {
                        "Yes: a reasonable adjustment recorded for the resident".to_owned()
                    } else {
                        "No".to_owned()
                    },
                ),
                ("Template", format!("Version {}", draft.template.version)),
            ];
            page.letter = fragment(&draft.document);
        }
        Err(error) => match error.refusal() {
            Some(message) => page.problem = Some(crate::fields::capitalised(message)),
            None => {
                tracing::error!(%error, "a letter could not be previewed");
                return unavailable();
            }
        },
    }
    render(&page)
}

/// The letter as it would go today, with the button that issues it.
pub(crate) async fn preview(
    State(app): State<App>,
    staff: Staff,
    Path((raw, kind)): Path<(String, String)>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    letter_page(&app, &staff, &raw, &kind, None).await
}

/// The letter as it would go today, as DOCX or PDF.
pub(crate) async fn preview_file(
    State(app): State<App>,
    staff: Staff,
    Path((raw, kind, file)): Path<(String, String, String)>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    let (Ok(reference), Ok(kind), Some(format)) = (
        Reference::parse(&raw),
        LetterKind::parse(&kind),
        format_of(&file),
    ) else {
        return not_found().await;
    };
    match app
        .preview_letter(&reference, kind, &staff.user.username)
        .await
    {
        Ok(draft) => {
            let name = format!("{reference}-{}-preview.{}", kind.as_str(), &file[7..]);
            download(draft.document, name, format).await
        }
        Err(AppError::NotFound(_)) => not_found().await,
        Err(error) => refused(&error, "a letter could not be written", |message| {
            crate::pages::problem(
                axum::http::StatusCode::CONFLICT,
                Some(&staff),
                "This letter cannot be written yet",
                &[&message],
            )
        }),
    }
}

/// Issues the letter: on the timeline, and by email or into the print queue.
pub(crate) async fn issue(
    State(app): State<App>,
    staff: Staff,
    Path((raw, kind)): Path<(String, String)>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::CaseRecord, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let (Ok(reference), Ok(letter)) = (Reference::parse(&raw), LetterKind::parse(&kind)) else {
        return not_found().await;
    };
    let version: u32 = answers.get("version").parse().unwrap_or(0);
    match app
        .issue_letter(&reference, version, letter, &staff.user.username)
        .await
    {
        Ok(_) => Redirect::to(&format!("/cases/{reference}?done=letter#letters")).into_response(),
        Err(AppError::NotFound(_)) => not_found().await,
        Err(error) => {
            let message = if error.is_conflict() {
                // The preview shown again is the case as it is now, so issuing again is safe.
                Some(
                    "Someone else saved this case while you were looking at the letter. Read \
                     the letter as it now stands below, then issue it"
                        .to_owned(),
                )
            } else {
                error.refusal().map(crate::fields::capitalised)
            };
            match message {
                Some(message) => letter_page(&app, &staff, &raw, &kind, Some(message)).await,
                None => {
                    tracing::error!(%error, "a letter could not be issued");
                    unavailable()
                }
            }
        }
    }
}

/// A letter issued, written again as it went, as DOCX or PDF.
pub(crate) async fn issued_file(
    State(app): State<App>,
    staff: Staff,
    Path((raw, id, file)): Path<(String, String, String)>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    let (Ok(reference), Ok(id), Some(format)) =
        (Reference::parse(&raw), id.parse::<i64>(), format_of(&file))
    else {
        return not_found().await;
    };
    match app.issued_letter(&reference, id).await {
        Ok(doc) => {
            let name = format!("{reference}-letter-{id}.{}", &file[7..]);
            download(doc, name, format).await
        }
        Err(AppError::NotFound(_)) => not_found().await,
        Err(error) => {
            tracing::error!(%error, "a letter issued could not be written again");
            unavailable()
        }
    }
}

#[derive(Template)]
#[template(path = "letter_templates.html")]
struct TemplatesPage {
    chrome: Chrome,
    notice: Option<String>,
    lines: Vec<(String, &'static str, String, String)>,
}

#[derive(serde::Deserialize)]
pub(crate) struct SavedQuery {
    #[serde(default)]
    saved: String,
}

/// Every letter's template: its version, who last changed it, and the link to edit it.
pub(crate) async fn templates(
    State(app): State<App>,
    staff: Staff,
    axum::extract::Query(query): axum::extract::Query<SavedQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::QualityCheck) {
        return refused;
    }
    let all = match app.letter_templates().await {
        Ok(all) => all,
        Err(error) => {
            tracing::error!(%error, "the letter templates could not be read");
            return unavailable();
        }
    };
    let lines = all
        .iter()
        .map(|t| {
            let version = match t.version {
                0 => "Built in".to_owned(),
                n => format!("Version {n}"),
            };
            let changed = t
                .added
                .as_ref()
                .map(|(by, at)| format!("{by}, {}", england_time(*at)))
                .unwrap_or_default();
            (
                format!("/letters/{}", t.kind.as_str()),
                t.kind.title(),
                version,
                changed,
            )
        })
        .collect();
    let notice = LetterKind::parse(&query.saved)
        .ok()
        .map(|k| format!("{} template saved", k.title()));
    render(&TemplatesPage {
        chrome: Chrome::signed_in(&staff, "/letters"),
        notice,
        lines,
    })
}

#[derive(Template)]
#[template(path = "letter_template.html")]
struct TemplatePage {
    chrome: Chrome,
    title: &'static str,
    kind: &'static str,
    version: String,
    text: String,
    fields: Vec<Field>,
    errors: Errors,
    form_token: String,
}

async fn template_page(
    app: &App,
    staff: &Staff,
    kind: LetterKind,
    text: Option<String>,
    errors: Errors,
) -> Response {
    let current = match app.letter_template(kind).await {
        Ok(current) => current,
        Err(error) => {
            tracing::error!(%error, "a letter template could not be read");
            return unavailable();
        }
    };
    render(&TemplatePage {
        chrome: Chrome::signed_in(staff, "/letters"),
        title: kind.title(),
        kind: kind.as_str(),
        version: match current.version {
            0 => "the built-in template".to_owned(),
            n => format!("version {n}"),
        },
        text: text.unwrap_or(current.body),
        fields: kind.fields(),
        errors,
        form_token: staff.form_token(),
    })
}

/// A letter's template to edit, with the fields it can use.
pub(crate) async fn edit_template(
    State(app): State<App>,
    staff: Staff,
    Path(kind): Path<String>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::QualityCheck) {
        return refused;
    }
    let Ok(kind) = LetterKind::parse(&kind) else {
        return not_found().await;
    };
    template_page(&app, &staff, kind, None, Errors::default()).await
}

/// Keeps the edited template as a new version, or shows why it cannot be kept.
pub(crate) async fn save_template(
    State(app): State<App>,
    staff: Staff,
    Path(kind): Path<String>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::QualityCheck, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let Ok(kind) = LetterKind::parse(&kind) else {
        return not_found().await;
    };
    let text = answers.get("template").to_owned();
    match app
        .save_letter_template(kind, &text, &staff.user.username)
        .await
    {
        Ok(_) => Redirect::to(&format!("/letters?saved={}", kind.as_str())).into_response(),
        Err(error) => match error.refusal() {
            Some(message) => {
                let mut errors = Errors::default();
                errors.add("template", crate::fields::capitalised(message));
                template_page(&app, &staff, kind, Some(text), errors).await
            }
            None => {
                tracing::error!(%error, "a letter template could not be kept");
                unavailable()
            }
        },
    }
}

#[derive(Template)]
#[template(path = "print_queue.html")]
struct PrintPage {
    chrome: Chrome,
    notice: Option<&'static str>,
    lines: Vec<(IssuedLine, String)>,
}

#[derive(serde::Deserialize)]
pub(crate) struct PrintQuery {
    #[serde(default)]
    done: String,
}

/// The letters waiting to be posted, oldest first.
pub(crate) async fn print_queue(
    State(app): State<App>,
    staff: Staff,
    axum::extract::Query(query): axum::extract::Query<PrintQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    let letters = match app.print_queue().await {
        Ok(letters) => letters,
        Err(error) => {
            tracing::error!(%error, "the print queue could not be read");
            return unavailable();
        }
    };
    let addresses: Vec<String> = letters
        .iter()
        .map(|l| l.recipient.lines().collect::<Vec<_>>().join(", "))
        .collect();
    let lines = issued_lines(&letters).into_iter().zip(addresses).collect();
    render(&PrintPage {
        chrome: Chrome::signed_in(&staff, "/print"),
        notice: (query.done == "posted").then_some("Posting recorded"),
        lines,
    })
}

fn posted_page(
    staff: &Staff,
    id: i64,
    today: chrono::NaiveDate,
    answers: &Answers,
    errors: Errors,
) -> Response {
    let mut b = Builder::new(answers, &errors);
    b.date(
        "posted_on",
        "When was it posted?",
        "For example, 27 3 2026",
        Some(today),
    );
    let fields = b.fields;
    let page = Questions {
        title: "Record the day a letter was posted",
        intro: format!("Letter {id} leaves the print queue once its posting is recorded."),
        action: format!("/print/{id}"),
        button: "Record the posting",
        under: "/print",
    };
    question_page(staff, page, fields, errors)
}

/// The question: when was the letter posted?
pub(crate) async fn posted_form(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<String>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    let Ok(id) = id.parse::<i64>() else {
        return not_found().await;
    };
    posted_page(
        &staff,
        id,
        app.today(),
        &Answers::default(),
        Errors::default(),
    )
}

/// Records the day the letter was posted.
pub(crate) async fn record_posted(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<String>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::CaseRecord, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let Ok(id) = id.parse::<i64>() else {
        return not_found().await;
    };
    let today = app.today();
    let mut errors = Errors::default();
    let Some(on) = answers.date(
        "posted_on",
        "the day it was posted",
        today,
        false,
        &mut errors,
    ) else {
        return posted_page(&staff, id, today, &answers, errors);
    };
    match app.mark_posted(id, on, &staff.user.username).await {
        Ok(()) => Redirect::to("/print?done=posted").into_response(),
        Err(error) => refused(&error, "a posting could not be recorded", |message| {
            let mut errors = Errors::default();
            errors.add("posted_on-day", message);
            posted_page(&staff, id, today, &answers, errors)
        }),
    }
}

#[derive(Template)]
#[template(path = "outbox.html")]
struct OutboxPage {
    chrome: Chrome,
    lines: Vec<OutboxLine>,
}

struct OutboxLine {
    to: String,
    subject: String,
    queued: String,
    state: &'static str,
    tag: &'static str,
    detail: String,
}

/// The latest outgoing mail and where each message stands.
pub(crate) async fn outbox(State(app): State<App>, staff: Staff) -> Response {
    if let Some(refused) = staff.barred_from(Area::Outbox) {
        return refused;
    }
    let rows = match app.outbox(200).await {
        Ok(rows) => rows,
        Err(error) => {
            tracing::error!(%error, "the outbox could not be read");
            return unavailable();
        }
    };
    let lines = rows
        .iter()
        .map(|m| {
            let (state, tag) = match (m.state.as_str(), m.attempts) {
                ("sent", _) => ("Sent", "govuk-tag--green"),
                ("failed", _) => ("Failed", "govuk-tag--red"),
                (_, 0) => ("Queued", "govuk-tag--grey"),
                _ => ("Trying again", "govuk-tag--yellow"),
            };
            let detail = match (&m.sent_at, &m.answer) {
                (Some(at), Some(answer)) => format!("Sent at {}: {answer}", england_time(*at)),
                (None, Some(answer)) if m.state == "queued" => format!(
                    "{} failed attempt{}; next at {}. The server said: {answer}",
                    m.attempts,
                    if m.attempts == 1 { "" } else { "s" },
                    england_time(m.next_at)
                ),
                (None, Some(answer)) => format!("The server said: {answer}"),
                _ => String::new(),
            };
            OutboxLine {
                to: m.message.recipient.clone(),
                subject: m.message.subject.clone(),
                queued: england_time(m.message.queued_at),
                state,
                tag,
                detail,
            }
        })
        .collect();
    render(&OutboxPage {
        chrome: Chrome::signed_in(&staff, "/outbox"),
        lines,
    })
}
