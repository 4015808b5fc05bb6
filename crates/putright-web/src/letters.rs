//! A case's letters. `/cases/REFERENCE/letters/KIND` previews a letter as it would go today
//! (and downloads it as DOCX or PDF) and issues it; `/cases/REFERENCE/issued/ID/FILE` downloads
//! a letter issued, written again exactly as it went. The templates are
//! [`crate::letter_templates`]; the print queue and the outbox, [`crate::mail_pages`].

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use putright_app::domain::Reference;
use putright_app::letters::{Delivery, LetterKind};
use putright_app::report::publish::{PageFormat, fragment, page_bytes};
use putright_app::{App, AppError, LetterRow};

use crate::access::Area;
use crate::forms::Posted;
use crate::pages::{Chrome, case_or_problem, not_found, refused, render, unavailable};
use crate::session::Staff;

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
pub(crate) async fn download(
    doc: putright_app::Document,
    name: String,
    format: PageFormat,
) -> Response {
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
