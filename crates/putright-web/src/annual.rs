//! `/reports/annual`: the annual complaints performance and service improvement report (Code
//! 8.1, 8.2) in the app. Everyone who reads reports sees it as it stands, with its files; the
//! complaints officer writes the narrative a section at a time (Markdown, previewed before it
//! is saved, each save a new version), including the governing body's response, and publishes
//! it: `/reports/published/ID` is that version, frozen, as it went out.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use putright_app::App;
use putright_app::accounts::england_time;
use putright_app::domain::period::FinancialYear;
use putright_app::report::narrative::SECTIONS;
use putright_app::report::publication::{self, PUBLISHED_FORMATS, SCREEN};
use putright_app::report::publish::{self, AnnualFormat};

use crate::access::{Area, may};
use crate::fields::Answers;
use crate::forms::{Errors, Posted};
use crate::pages::{Chrome, not_found, render, unavailable};
use crate::reports::{Chosen, DocumentPage, ReportQuery, download, format_words, year_query};
use crate::session::{Staff, encode};

/// The annual report as it stands, with what is still to write and the versions published.
pub(crate) async fn show(
    State(app): State<App>,
    staff: Staff,
    Query(query): Query<ReportQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::Reports) {
        return refused;
    }
    let chosen = Chosen::last_ended(&app, &query);
    let read = tokio::try_join!(
        app.annual_in_app(chosen.year, chosen.as_at),
        app.annual_narrative(chosen.year),
        app.annual_publications(chosen.year),
    );
    let (page, narrative, published) = match read {
        Ok(read) => read,
        Err(error) => {
            tracing::error!(%error, "the annual report could not be built");
            return unavailable();
        }
    };
    let mut notes = Vec::new();
    let missing = narrative.missing();
    match missing.is_empty() {
        true => notes.push("Every section of the narrative is written.".to_owned()),
        false => notes.push(format!(
            "This is a draft. Still to write: {}.",
            missing.join(", ")
        )),
    }
    if let Some((by, at)) = &narrative.saved {
        notes.push(format!(
            "The narrative was last saved by {by} at {}.",
            england_time(*at)
        ));
    }
    let mut actions = Vec::new();
    if may(staff.user.role, Area::Publish) {
        actions.push((
            "Write the narrative".to_owned(),
            format!("/reports/annual/narrative?{}", year_query(chosen.year)),
        ));
        if missing.is_empty() {
            actions.push((
                "Publish this report".to_owned(),
                format!("/reports/annual/publish?{}", chosen.query()),
            ));
        }
    }
    let files = ["html", "docx", "pdf", "xlsx"]
        .iter()
        .map(|f| {
            (
                format!("{} ({}), draft", format_words(f), f.to_uppercase()),
                format!("/reports/annual/file?{}&format={f}", chosen.query()),
            )
        })
        .collect();
    let versions = published
        .iter()
        .map(|p| {
            (
                format!(
                    "Version {}, as at {}, published by {} at {}",
                    p.version,
                    p.as_at,
                    p.published_by,
                    england_time(p.published_at)
                ),
                format!("/reports/published/{}", p.id),
            )
        })
        .collect();
    render(&DocumentPage {
        chrome: Chrome::signed_in(&staff, "/reports"),
        title: "Annual complaints performance and service improvement report".into(),
        caption: format!("{}, as at {}", chosen.year, chosen.as_at),
        choose: vec![
            (
                "year",
                "Financial year",
                "For example, 2024/25",
                chosen.year.to_string(),
                "10",
            ),
            chosen.as_at_field(),
        ],
        choose_action: "/reports/annual",
        notice: (query.saved == "1").then(|| "The narrative is saved".to_owned()),
        errors: chosen.errors,
        notes,
        actions,
        files,
        versions,
        body: publish::fragment(&page),
    })
}

/// The annual report as it stands, as a file.
pub(crate) async fn file(
    State(app): State<App>,
    staff: Staff,
    Query(query): Query<ReportQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::Reports) {
        return refused;
    }
    let chosen = Chosen::last_ended(&app, &query);
    let format = match query.format.as_str() {
        "html" => AnnualFormat::Html,
        "docx" => AnnualFormat::Docx,
        "pdf" => AnnualFormat::Pdf,
        "xlsx" => AnnualFormat::Xlsx,
        _ => return not_found().await,
    };
    if !chosen.errors.is_empty() {
        return not_found().await;
    }
    match app
        .annual_in_app_bytes(chosen.year, chosen.as_at, format, &staff.user.username)
        .await
    {
        Ok(bytes) => {
            let year = chosen.year.to_string().replace('/', "-");
            download(
                bytes,
                &format!("annual-report-{year}-draft.{}", query.format),
            )
        }
        Err(error) => {
            tracing::error!(%error, "the annual report could not be written");
            unavailable()
        }
    }
}

/// One section's box on the narrative page.
struct SectionBox {
    key: &'static str,
    heading: &'static str,
    hint: &'static str,
    text: String,
}

fn hint_of(key: &str) -> &'static str {
    match key {
        "introduction" => "Who the report is for and what it covers.",
        "analysis" => {
            "What the figures say: volumes, timeliness, outcomes, and the reasons behind them (Code 8.1 a, b)."
        }
        "learning" => "What complaints taught the landlord and what it changed (Code 8.1 d).",
        "ombudsman" => {
            "The Ombudsman's investigations, findings and reports in the year (Code 8.1 c, e, f)."
        }
        "response" => {
            "The governing body's response to the report, as it agreed it (Code 8.2). Publish only once it has."
        }
        _ => "",
    }
}

#[derive(Template)]
#[template(path = "narrative.html")]
struct NarrativePage {
    chrome: Chrome,
    errors: Errors,
    year: String,
    year_query: String,
    sections: Vec<SectionBox>,
    preview: Option<String>,
    form_token: String,
}

fn narrative_page(
    staff: &Staff,
    year: FinancialYear,
    texts: impl Fn(&str) -> String,
    errors: Errors,
    preview: Option<String>,
) -> Response {
    render(&NarrativePage {
        chrome: Chrome::signed_in(staff, "/reports"),
        errors,
        year: year.to_string(),
        year_query: year_query(year),
        sections: SECTIONS
            .iter()
            .map(|(key, heading)| SectionBox {
                key,
                heading,
                hint: hint_of(key),
                text: texts(key),
            })
            .collect(),
        preview,
        form_token: staff.form_token(),
    })
}

/// The narrative to write, a box per section, as last saved.
pub(crate) async fn narrative(
    State(app): State<App>,
    staff: Staff,
    Query(query): Query<ReportQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::Publish) {
        return refused;
    }
    let chosen = Chosen::last_ended(&app, &query);
    let saved = match app.annual_narrative(chosen.year).await {
        Ok(saved) => saved,
        Err(error) => {
            tracing::error!(%error, "the narrative could not be read");
            return unavailable();
        }
    };
    let text = |key: &str| saved.sections.get(key).cloned().unwrap_or_default();
    narrative_page(&staff, chosen.year, text, chosen.errors, None)
}

/// The narrative as typed: previewed, or saved as a new version; a section that cannot be
/// kept comes back with its message and everything typed.
pub(crate) async fn save_narrative(
    State(app): State<App>,
    staff: Staff,
    Query(query): Query<ReportQuery>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::Publish, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let chosen = Chosen::last_ended(&app, &query);
    if !chosen.errors.is_empty() {
        return not_found().await;
    }
    let typed: Vec<(String, String)> = SECTIONS
        .iter()
        .map(|(key, _)| ((*key).to_owned(), answers.get(key).to_owned()))
        .collect();
    let again = |answers: &Answers, errors, preview| {
        narrative_page(
            &staff,
            chosen.year,
            |key| answers.get(key).to_owned(),
            errors,
            preview,
        )
    };
    let sections = match publication::check_sections(&typed) {
        Ok(sections) => sections,
        Err(problems) => {
            let mut errors = Errors::default();
            for p in problems {
                errors.add(p.key, p.message);
            }
            return again(&answers, errors, None);
        }
    };
    if answers.get("action") == "preview" {
        let shown = publish::fragment(&publication::preview(&sections));
        return again(&answers, Errors::default(), Some(shown));
    }
    match app
        .save_annual_narrative(chosen.year, &typed, &staff.user.username)
        .await
    {
        Ok(()) => Redirect::to(&format!(
            "/reports/annual?{}&saved=1",
            year_query(chosen.year)
        ))
        .into_response(),
        Err(error) => {
            tracing::error!(%error, "the narrative could not be saved");
            unavailable()
        }
    }
}

#[derive(Template)]
#[template(path = "publish.html")]
struct PublishPage {
    chrome: Chrome,
    errors: Errors,
    year: String,
    as_at: String,
    query: String,
    next_version: i32,
    missing: Vec<&'static str>,
    form_token: String,
}

/// What publishing will do, checked before the button is offered.
pub(crate) async fn confirm_publish(
    State(app): State<App>,
    staff: Staff,
    Query(query): Query<ReportQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::Publish) {
        return refused;
    }
    let chosen = Chosen::last_ended(&app, &query);
    let read = tokio::try_join!(
        app.annual_narrative(chosen.year),
        app.annual_publications(chosen.year),
    );
    let (narrative, published) = match read {
        Ok(read) => read,
        Err(error) => {
            tracing::error!(%error, "the annual report could not be read");
            return unavailable();
        }
    };
    render(&PublishPage {
        chrome: Chrome::signed_in(&staff, "/reports"),
        year: chosen.year.to_string(),
        as_at: chosen.as_at.to_string(),
        query: chosen.query(),
        errors: chosen.errors,
        next_version: published.first().map_or(1, |p| p.version + 1),
        missing: narrative.missing(),
        form_token: staff.form_token(),
    })
}

/// Publishes the annual report and shows the version published.
pub(crate) async fn publish_report(
    State(app): State<App>,
    staff: Staff,
    Query(query): Query<ReportQuery>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    if let Err(refused) = staff.accepts(Area::Publish, pairs) {
        return refused;
    }
    let chosen = Chosen::last_ended(&app, &query);
    if !chosen.errors.is_empty() {
        return not_found().await;
    }
    match app
        .publish_annual(chosen.year, chosen.as_at, &staff.user.username)
        .await
    {
        Ok(published) => Redirect::to(&format!("/reports/published/{}?published=1", published.id))
            .into_response(),
        Err(error) if error.refusal().is_some() => {
            Redirect::to(&format!("/reports/annual/publish?{}", chosen.query())).into_response()
        }
        Err(error) => {
            tracing::error!(%error, "the annual report could not be published");
            unavailable()
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct PublishedQuery {
    #[serde(default)]
    published: String,
}

/// A version of the annual report as it was published.
pub(crate) async fn published(
    State(app): State<App>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(query): Query<PublishedQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::Reports) {
        return refused;
    }
    let (row, body) = match app.published_file(id, SCREEN).await {
        Ok(Some(found)) => found,
        Ok(None) => return not_found().await,
        Err(error) => {
            tracing::error!(%error, "a published report could not be read");
            return unavailable();
        }
    };
    let notes = vec![format!(
        "Published by {} at {}, with its figures as at {}. It is kept exactly as it went out; a change to the narrative or the record publishes as a new version.",
        row.published_by,
        england_time(row.published_at),
        row.as_at
    )];
    let files = PUBLISHED_FORMATS
        .iter()
        .map(|(f, _)| {
            (
                format!("{} ({})", format_words(f), f.to_uppercase()),
                format!("/reports/published/{id}/{f}"),
            )
        })
        .collect();
    render(&DocumentPage {
        chrome: Chrome::signed_in(&staff, "/reports"),
        notice: (query.published == "1").then(|| format!("Version {} is published", row.version)),
        errors: Errors::default(),
        title: format!(
            "Annual complaints performance and service improvement report, version {}",
            row.version
        ),
        caption: format!("{}, as published", row.period),
        choose: Vec::new(),
        choose_action: "",
        notes,
        actions: vec![(
            "The report as it stands now".to_owned(),
            format!("/reports/annual?year={}", encode(&row.period)),
        )],
        files,
        versions: Vec::new(),
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

/// A published version's file, byte for byte as it was published.
pub(crate) async fn published_file(
    State(app): State<App>,
    staff: Staff,
    Path((id, format)): Path<(i64, String)>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::Reports) {
        return refused;
    }
    if !PUBLISHED_FORMATS.iter().any(|(f, _)| *f == format) {
        return not_found().await;
    }
    match app.published_file(id, &format).await {
        Ok(Some((row, bytes))) => {
            let period = row.period.replace('/', "-");
            download(
                bytes,
                &format!("annual-report-{period}-v{}.{format}", row.version),
            )
        }
        Ok(None) => not_found().await,
        Err(error) => {
            tracing::error!(%error, "a published report could not be read");
            unavailable()
        }
    }
}
