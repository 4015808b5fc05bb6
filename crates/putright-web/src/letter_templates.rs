//! The complaints officer's letter templates: `/letters` lists every letter's template with its
//! version and who last changed it; `/letters/KIND` edits one, beside the fields it can use and
//! why the Code requires some of them. Each save is a new version; a template the service
//! refuses (a field the letter does not have, or one the Code requires taken out) comes back in
//! the error summary with what was typed.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use putright_app::App;
use putright_app::accounts::england_time;
use putright_app::letters::{Field, LetterKind};

use crate::access::Area;
use crate::forms::{Errors, Posted};
use crate::pages::{Chrome, not_found, render, unavailable};
use crate::session::Staff;

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
