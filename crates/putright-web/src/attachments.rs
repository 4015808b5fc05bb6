//! A case's files: `/cases/REFERENCE/attachments` lists them and takes a new one (a GOV.UK
//! file upload, sent as multipart), and `/cases/REFERENCE/attachments/ID` downloads one. The
//! service checks a file's type against its contents and its size before keeping it; a file
//! it refuses comes back in the error summary, and nothing is kept. `/cases/REFERENCE/pack` is
//! the whole case file for the Ombudsman, with every file attached, as one ZIP.

use askama::Template;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use putright_app::accounts::england_time;
use putright_app::attachments::MAX_BYTES;
use putright_app::domain::Reference;
use putright_app::{App, AppError, AttachmentRow};

use crate::access::Area;
use crate::forms::Errors;
use crate::pages::{Chrome, case_or_problem, not_found, problem, render, unavailable};
use crate::session::{Staff, encode};

/// The most a request to add a file may carry. A file over [`MAX_BYTES`] but under this is
/// read to its end (and not kept) so the page can say it is too large: a server that answers
/// before the browser has finished sending is seen as a connection reset, not an answer.
/// Beyond this the connection is closed.
pub const BODY_LIMIT: usize = 64 * 1024 * 1024;

/// One file as the page lists it.
struct FileLine {
    href: String,
    name: String,
    what: String,
    size: String,
    added: String,
}

#[derive(Template)]
#[template(path = "attachments.html")]
struct AttachmentsPage {
    chrome: Chrome,
    reference: String,
    files: Vec<FileLine>,
    errors: Errors,
    description: String,
    form_token: String,
}

/// A size as people read it: "812 bytes", "14 KB", "2.3 MB".
fn size_words(bytes: i64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} bytes"),
        b if b < 1024 * 1024 => format!("{} KB", b / 1024),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

/// The lines for a case's files, as the case page and this page list them.
fn lines(reference: &Reference, files: &[AttachmentRow]) -> Vec<FileLine> {
    files
        .iter()
        .map(|f| FileLine {
            href: format!("/cases/{reference}/attachments/{}", f.id),
            name: f.file_name.clone(),
            what: f.description.clone().unwrap_or_default(),
            size: size_words(f.size),
            added: format!("{}, {}", f.added_by, england_time(f.added_at)),
        })
        .collect()
}

async fn page(
    app: &App,
    staff: &Staff,
    raw: &str,
    errors: Errors,
    description: String,
) -> Response {
    let reference = match case_or_problem(app, raw).await {
        Ok((reference, _)) => reference,
        Err(response) => return response,
    };
    let files = match app.attachments(&reference).await {
        Ok(files) => files,
        Err(error) => {
            tracing::error!(%error, "a case's files could not be read");
            return unavailable();
        }
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut response = render(&AttachmentsPage {
        chrome: Chrome::signed_in(staff, "/cases"),
        reference: reference.to_string(),
        files: lines(&reference, &files),
        errors,
        description,
        form_token: staff.form_token(),
    });
    *response.status_mut() = status;
    response
}

/// The case's files, and the form to add one.
pub(crate) async fn list(
    State(app): State<App>,
    staff: Staff,
    Path(reference): Path<String>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    page(&app, &staff, &reference, Errors::default(), String::new()).await
}

/// What the upload form sent.
#[derive(Default)]
pub(crate) struct Upload {
    pub(crate) form_token: String,
    pub(crate) description: String,
    pub(crate) file_name: String,
    pub(crate) bytes: Vec<u8>,
    pub(crate) too_large: bool,
}

/// Reads an upload form: its token, description and file (kept to one byte over the limit).
pub(crate) async fn read(mut multipart: Multipart) -> Result<Upload, String> {
    let mut upload = Upload::default();
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Ok(upload),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                upload.too_large = true;
                return Ok(upload);
            }
            Err(e) => return Err(e.body_text()),
        };
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        // Kept up to one byte more than a file may have (enough for the check to refuse it),
        // and read to its end beyond that.
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    let room = (MAX_BYTES + 1).saturating_sub(bytes.len());
                    bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
                }
                Ok(None) => break,
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    upload.too_large = true;
                    return Ok(upload);
                }
                Err(e) => return Err(e.body_text()),
            }
        }
        let text = || {
            String::from_utf8_lossy(&bytes)
                .chars()
                .take(2_000)
                .collect()
        };
        match name.as_str() {
            "form_token" => upload.form_token = text(),
            "description" => upload.description = text(),
            "file" => {
                upload.file_name = file_name.unwrap_or_default();
                upload.bytes = bytes;
            }
            _ => {}
        }
    }
}

/// Keeps a file with the case, or shows what is wrong with it.
pub(crate) async fn add(
    State(app): State<App>,
    staff: Staff,
    Path(raw): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    let unreadable = || {
        problem(
            StatusCode::BAD_REQUEST,
            Some(&staff),
            "The form could not be read",
            &[
                "What the browser sent was not a form from this service. Nothing was saved.",
                "Go back, reload the page and try again.",
            ],
        )
    };
    let Ok(multipart) = multipart else {
        return unreadable();
    };
    let upload = match read(multipart).await {
        Ok(upload) => upload,
        Err(why) => {
            tracing::info!(%why, "an upload could not be read");
            return unreadable();
        }
    };
    let mut errors = Errors::default();
    if upload.too_large {
        errors.add("file", "The selected file must be smaller than 10 MB");
        return page(&app, &staff, &raw, errors, String::new()).await;
    }
    if let Some(refused) = staff.refuses_form(&upload.form_token) {
        return refused;
    }
    let Ok(reference) = Reference::parse(&raw) else {
        return not_found().await;
    };
    let description = Some(upload.description.as_str());
    match app
        .attach(
            &reference,
            &upload.file_name,
            &upload.bytes,
            description,
            &staff.user.username,
        )
        .await
    {
        Ok(_) => {
            Redirect::to(&format!("/cases/{reference}?done=attached#attachments")).into_response()
        }
        Err(AppError::Invalid(message)) => {
            errors.add("file", message);
            page(&app, &staff, &raw, errors, upload.description).await
        }
        Err(AppError::NotFound(_)) => not_found().await,
        Err(error) => {
            tracing::error!(%error, "a file could not be kept");
            unavailable()
        }
    }
}

/// One file, downloaded: never shown in the browser's own window, so a file cannot act as a
/// page of this service.
pub(crate) async fn download(
    State(app): State<App>,
    staff: Staff,
    Path((raw, id)): Path<(String, String)>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    let (Ok(reference), Ok(id)) = (Reference::parse(&raw), id.parse::<i64>()) else {
        return not_found().await;
    };
    match app.attachment(&reference, id).await {
        Ok((row, bytes)) => {
            let disposition = format!(
                "attachment; filename=\"{}\"; filename*=UTF-8''{}",
                row.file_name.replace(
                    |c: char| !c.is_ascii_graphic() && c != ' ' || c == '"' || c == '\\',
                    "_"
                ),
                encode(&row.file_name)
            );
            (
                [
                    (header::CONTENT_TYPE, row.media_type),
                    (header::CONTENT_DISPOSITION, disposition),
                ],
                bytes,
            )
                .into_response()
        }
        Err(AppError::NotFound(_)) => not_found().await,
        Err(error) => {
            tracing::error!(%error, "a file could not be read");
            unavailable()
        }
    }
}

/// The case page's list of files.
pub(crate) fn case_lines(
    reference: &Reference,
    files: &[AttachmentRow],
) -> Vec<(String, String, String)> {
    lines(reference, files)
        .into_iter()
        .map(|l| (l.href, l.name, format!("{}, added by {}", l.size, l.added)))
        .collect()
}

/// The case's evidence pack for the Ombudsman, as a ZIP (its making is in the audit trail).
pub(crate) async fn pack(
    State(app): State<App>,
    staff: Staff,
    Path(raw): Path<String>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    let Ok(reference) = Reference::parse(&raw) else {
        return not_found().await;
    };
    match app
        .case_pack(&reference, app.today(), &staff.user.username)
        .await
    {
        Ok(bytes) => crate::reports::download(bytes, &format!("evidence-pack-{reference}.zip")),
        Err(AppError::NotFound(_)) => not_found().await,
        Err(error) => {
            tracing::error!(%error, "an evidence pack could not be made");
            unavailable()
        }
    }
}
