//! `/cases/REFERENCE`: one case on one page, read-only for now: the contact, the complainant,
//! each stage with its due days and the working days left, and the whole timeline of events
//! with who recorded each and the breaches of the Code it carries. A reference that names no
//! case is the 404 page.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use putright_app::case_file::{CaseFile, Complainant};
use putright_app::domain::Reference;
use putright_app::domain::timing::Bucket;
use putright_app::quality::ResponseDraft;
use putright_app::{
    App, AppError, ArrangementRow, AttachmentRow, CaseFindingRow, LearningRow, LinkRow,
};

use crate::access::Area;
use crate::attachments::case_lines;
use crate::cases::words;
use crate::pages::{Chrome, not_found, render, unavailable};
use crate::quality::{describe, open_href};
use crate::session::Staff;

/// A row of a summary list: the key and its value.
pub(crate) struct Row {
    key: &'static str,
    value: String,
}

/// One stage as the page shows it.
pub(crate) struct StageCard {
    heading: String,
    rows: Vec<Row>,
    overdue: bool,
}

/// One event of the timeline.
pub(crate) struct Moment {
    on: String,
    what: String,
    by: String,
    imported: bool,
    /// A note's words, or what an amendment put right and why.
    detail: Option<String>,
    breaches: Vec<String>,
}

#[derive(Template)]
#[template(path = "case.html")]
struct CasePage {
    chrome: Chrome,
    notice: Option<String>,
    next: Vec<(&'static str, String)>,
    /// The restricted personal data, when asked for; `None` until then.
    restricted: Option<RestrictedView>,
    /// The contact arrangements that are not special category data.
    arrangements: Vec<crate::arrangements::Card>,
    reference: String,
    kind: String,
    status: String,
    contact: Vec<Row>,
    complainant: Vec<Row>,
    stages: Vec<StageCard>,
    /// The responses drafted for a quality check, newest first: what each says of itself,
    /// and where it opens.
    drafts: Vec<(String, String)>,
    /// The files kept with the case: where each downloads, its name, its size and who added it.
    files: Vec<(String, String, String)>,
    /// Whether the case went to an Ombudsman, so orders from its determination can be recorded.
    referred: bool,
    /// The Ombudsman's orders about the case, each in a line.
    orders: Vec<String>,
    /// The Ombudsman's findings on the case, each in a line.
    findings: Vec<String>,
    /// What the Ombudsman asked for, each in a line, with where to record it sent if it is not.
    evidence: Vec<(String, Option<String>)>,
    /// The case's learning action plan.
    learning: Vec<crate::learning::PlanLine>,
    /// The cases linked to this one: the link in words, the other case, the note.
    links: Vec<(&'static str, String, String)>,
    /// The letters issued, and the letters the case has reached, to preview and issue.
    letters: Vec<crate::letters::IssuedLine>,
    letter_links: Vec<(String, &'static str)>,
    timeline: Vec<Moment>,
}

fn row(key: &'static str, value: impl Into<String>) -> Row {
    Row {
        key,
        value: value.into(),
    }
}

fn optional(value: Option<impl ToString>) -> String {
    value.map_or_else(|| "Not recorded".to_owned(), |v| v.to_string())
}

/// The special category data, once shown: what came with the case, and the vulnerabilities
/// and adjustments recorded since, with their reviews.
pub(crate) struct RestrictedView {
    records: Vec<Row>,
    cards: Vec<crate::arrangements::Card>,
}

/// What a restricted record is, for its row.
fn restricted_label(category: &str) -> &'static str {
    match category {
        "vulnerability" => "Vulnerability",
        "reasonable_adjustments" => "Reasonable adjustments",
        _ => "Other restricted information",
    }
}

fn bucket_words(bucket: Option<Bucket>) -> String {
    match bucket {
        Some(Bucket::OnTime) => "Responded on time".into(),
        Some(Bucket::Late) => "Responded late".into(),
        Some(Bucket::Overdue) => "Overdue".into(),
        Some(Bucket::OpenNotDue) => "Open, not yet due".into(),
        Some(Bucket::Withdrawn) => "Withdrawn".into(),
        Some(Bucket::ClosedWithoutResponse) => "Closed without a response".into(),
        None => "Refused".into(),
    }
}

fn complainant_rows(c: &Complainant) -> Vec<Row> {
    vec![
        row("Name", optional(c.name.as_ref())),
        row("Address", optional(c.address.as_ref())),
        row("Postcode", optional(c.postcode.as_ref())),
        row("Telephone", optional(c.phone.as_ref())),
        row("Email", optional(c.email.as_ref())),
        row("Property reference", optional(c.property_ref.as_ref())),
    ]
}

/// What the case page's address may say: the step just recorded.
#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct CaseQuery {
    #[serde(default)]
    done: String,
    /// `show` to see the restricted personal data, a view the audit trail records.
    #[serde(default)]
    restricted: String,
}

/// The success banner after a step, in words.
fn done_words(done: &str) -> Option<String> {
    match done {
        "new" => return Some("Contact logged".to_owned()),
        "attached" => return Some("File added".to_owned()),
        "linked" => return Some("Cases linked".to_owned()),
        "learning" => return Some("Learning action added".to_owned()),
        "arranged" => return Some("Contact arrangement recorded".to_owned()),
        "reviewed" => return Some("Review recorded".to_owned()),
        "finding" => return Some("The Ombudsman's finding recorded".to_owned()),
        "evidence" => return Some("The Ombudsman's request recorded".to_owned()),
        "evidence-sent" => return Some("Recorded as sent".to_owned()),
        "letter" => return Some("Letter issued".to_owned()),
        "learning-updated" => return Some("Learning action updated".to_owned()),
        "draft" => {
            return Some("Response sent to the complaints officer for a quality check".to_owned());
        }
        _ => {}
    }
    crate::steps::STEPS
        .iter()
        .find(|(name, ..)| *name == done)
        .map(|(.., banner)| (*banner).to_owned())
}

/// What is kept beside a case's events: response drafts, files, the Ombudsman's orders about
/// it, its learning plan and its links to other cases.
#[derive(Default)]
struct Beside {
    drafts: Vec<ResponseDraft>,
    files: Vec<AttachmentRow>,
    orders: Vec<String>,
    learning: Vec<LearningRow>,
    arrangements: Vec<ArrangementRow>,
    findings: Vec<CaseFindingRow>,
    evidence: Vec<putright_app::EvidenceRequestRow>,
    links: Vec<LinkRow>,
    letters: Vec<putright_app::LetterRow>,
}

async fn beside(app: &App, reference: &Reference) -> Result<Beside, AppError> {
    let orders = app.orders(app.today()).await?;
    Ok(Beside {
        drafts: app.case_drafts(reference).await?,
        files: app.attachments(reference).await?,
        orders: crate::orders::of_case(&orders, reference.as_str()),
        learning: app.learning(reference).await?,
        arrangements: app.arrangements(reference).await?,
        findings: app.case_findings(reference).await?,
        evidence: app.evidence_requests(reference).await?,
        links: app.links(reference).await?,
        letters: app.case_letters(reference).await?,
    })
}

fn page(
    file: CaseFile,
    staff: &Staff,
    done: &str,
    restricted: Option<RestrictedView>,
    beside: Beside,
) -> CasePage {
    let sheet = &file.sheet;
    let received = &sheet.case.received;
    let mut contact = vec![
        row("Received", received.on.to_string()),
        row("How", optional(received.channel.map(|c| words(c.as_str())))),
        row(
            "Tenure",
            optional(received.tenure.map(|t| words(t.as_str()))),
        ),
        row(
            "Jurisdiction",
            received.jurisdiction.as_str().to_uppercase(),
        ),
        row("Service area", optional(received.service_area.as_ref())),
        row("Category", optional(received.category.as_ref())),
        row("What it is about", optional(file.description.as_ref())),
    ];
    if let Some(due) = sheet.request_due {
        contact.insert(1, row("Answer due", due.to_string()));
    }
    let stages = sheet
        .stages
        .iter()
        .map(|s| {
            let mut rows = vec![
                row("Began", s.began_on.to_string()),
                row("Handler", optional(s.handler.as_ref())),
                row(
                    "Acknowledgement",
                    match s.acknowledged_on {
                        Some(on) => format!("Given {on} (due {})", s.acknowledgement_due),
                        None => format!("Not given; due {}", s.acknowledgement_due),
                    },
                ),
                row("Response due", s.response_due.to_string()),
            ];
            if let Some(left) = s.working_days_left {
                rows.push(row(
                    "Working days left",
                    match left {
                        0 => "Due today".to_owned(),
                        1 => "1 working day".to_owned(),
                        n if n > 0 => format!("{n} working days"),
                        -1 => "Overdue by 1 working day".to_owned(),
                        n => format!("Overdue by {} working days", -n),
                    },
                ));
            }
            if let Some(ended) = s.ended_on {
                rows.push(row("Ended", ended.to_string()));
            }
            if let Some(outcome) = s.outcome {
                rows.push(row("Outcome", words(outcome)));
            }
            rows.push(row("Where it stands", bucket_words(s.bucket)));
            StageCard {
                heading: words(&s.stage.to_string()),
                rows,
                overdue: s.working_days_left.is_some_and(|n| n < 0),
            }
        })
        .collect();
    let timeline = sheet
        .history
        .iter()
        .rev()
        .map(|h| Moment {
            on: h.effective_on.to_string(),
            what: words(h.name),
            by: h.recorded_by.clone(),
            imported: h.origin == putright_app::domain::Origin::Import,
            detail: file.details.get(&h.seq).filter(|d| !d.is_empty()).cloned(),
            breaches: h.breaches.clone(),
        })
        .collect();
    CasePage {
        chrome: Chrome::signed_in(staff, "/cases"),
        notice: done_words(done),
        next: crate::steps::next_steps(sheet),
        restricted,
        arrangements: crate::arrangements::cards(
            &sheet.reference,
            &beside.arrangements,
            sheet.as_at,
        ),
        reference: sheet.reference.to_string(),
        kind: words(sheet.case.kind.as_str()),
        status: words(sheet.case.status().as_str()),
        contact,
        complainant: file
            .complainant
            .as_ref()
            .map(complainant_rows)
            .unwrap_or_default(),
        stages,
        drafts: beside
            .drafts
            .iter()
            .map(|d| (describe(d), open_href(d)))
            .collect(),
        files: case_lines(&sheet.reference, &beside.files),
        referred: !sheet.case.referrals.is_empty(),
        orders: beside.orders,
        findings: crate::determinations::lines(&beside.findings),
        evidence: crate::evidence::lines(&sheet.reference, &beside.evidence, sheet.as_at),
        learning: crate::learning::plan(&sheet.reference, &beside.learning),
        links: crate::links::lines(&beside.links),
        letters: crate::letters::issued_lines(&beside.letters),
        letter_links: crate::letters::possible(sheet),
        timeline,
    }
}

pub(crate) async fn show(
    State(app): State<App>,
    staff: Staff,
    Path(reference): Path<String>,
    Query(query): Query<CaseQuery>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    let Ok(reference) = Reference::parse(&reference) else {
        return not_found().await;
    };
    let file = app.case_file(&reference, app.today()).await;
    // Restricted data is read only when asked for, and the view is recorded as it is read.
    let restricted = match (&file, query.restricted == "show") {
        (Ok(_), true) => match app.restricted_data(&reference, &staff.user.username).await {
            Ok(shown) => Some(RestrictedView {
                records: shown
                    .records
                    .into_iter()
                    .map(|r| Row {
                        key: restricted_label(&r.category),
                        value: r.value,
                    })
                    .collect(),
                cards: crate::arrangements::cards(&reference, &shown.arrangements, app.today()),
            }),
            Err(error) => {
                tracing::error!(%error, "restricted data could not be read");
                return unavailable();
            }
        },
        _ => None,
    };
    let beside = match &file {
        Ok(_) => match beside(&app, &reference).await {
            Ok(beside) => beside,
            Err(error) => {
                tracing::error!(%error, "what is kept beside a case could not be read");
                return unavailable();
            }
        },
        Err(_) => Beside::default(),
    };
    match file {
        Ok(file) => render(&page(file, &staff, &query.done, restricted, beside)),
        Err(AppError::NotFound(_)) => not_found().await,
        Err(error) => {
            tracing::error!(%error, "a case could not be read");
            unavailable()
        }
    }
}
