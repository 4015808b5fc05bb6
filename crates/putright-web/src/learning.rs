//! A case's learning action plan in the app: `/cases/REFERENCE/learning` adds an action (what
//! went wrong, the action, the lead officer, the target date, the service area and category
//! it should improve) and `/cases/REFERENCE/learning/ID` moves one on (planned, in progress,
//! done with the day and the evidence). The case page lists the plan.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use putright_app::domain::Reference;
use putright_app::learning::{LearningProgress, LearningStatus, NewLearning};
use putright_app::{App, LearningRow};

use crate::access::Area;
use crate::cases::words;
use crate::fields::{Answers, Builder};
use crate::forms::{Errors, Posted};
use crate::pages::{case_or_problem, not_found, refused, unavailable};
use crate::session::Staff;
use crate::steps::{Questions, question_page};

/// The case page's view of one action: its lines, its status, and where it is moved on.
pub(crate) struct PlanLine {
    pub rows: Vec<(&'static str, String)>,
    pub status: String,
    pub href: String,
}

/// The plan as the case page shows it.
pub(crate) fn plan(reference: &Reference, actions: &[LearningRow]) -> Vec<PlanLine> {
    actions
        .iter()
        .map(|a| {
            let mut rows = vec![
                ("What went wrong", a.went_wrong.clone()),
                ("Action", a.action.clone()),
                ("Lead officer", a.lead.clone()),
                ("Target date", a.target_on.to_string()),
                (
                    "To improve",
                    [a.service_area.as_deref(), a.category.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ];
            if let Some(evidence) = &a.evidence {
                rows.push(("Evidence", evidence.clone()));
            }
            if let Some(done) = a.done_on {
                rows.push(("Done", done.to_string()));
            }
            PlanLine {
                rows,
                status: words(&a.status),
                href: format!("/cases/{reference}/learning/{}", a.id),
            }
        })
        .collect()
}

fn add_page(
    staff: &Staff,
    reference: &Reference,
    sheet: &putright_app::case_sheet::CaseSheet,
    answers: &Answers,
    errors: Errors,
) -> Response {
    let received = &sheet.case.received;
    let mut b = Builder::new(answers, &errors);
    b.area(
        "went_wrong",
        "What went wrong",
        "In the service, not only in this case",
    )
    .area("action", "What will be done about it", "")
    .text("lead", "Lead officer", "Who makes sure it is done", "20")
    .date(
        "target_on",
        "Target date",
        "When it should be done by",
        None,
    )
    .text_or(
        "service_area",
        "Service area it should improve",
        "",
        "20",
        received.service_area.as_deref().unwrap_or_default(),
    )
    .text_or(
        "category",
        "Category of complaint it should prevent",
        "",
        "20",
        received.category.as_deref().unwrap_or_default(),
    );
    let fields = b.fields;
    let page = Questions {
        title: "Add a learning action",
        intro: format!("{reference}: what the landlord will change because of this complaint."),
        action: format!("/cases/{reference}/learning"),
        button: "Add the action",
        under: "/cases",
    };
    question_page(staff, page, fields, errors)
}

pub(crate) async fn add_form(
    State(app): State<App>,
    staff: Staff,
    Path(raw): Path<String>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    match case_or_problem(&app, &raw).await {
        Ok((reference, sheet)) => add_page(
            &staff,
            &reference,
            &sheet,
            &Answers::default(),
            Errors::default(),
        ),
        Err(response) => response,
    }
}

pub(crate) async fn add(
    State(app): State<App>,
    staff: Staff,
    Path(raw): Path<String>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::CaseRecord, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let (reference, sheet) = match case_or_problem(&app, &raw).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let mut errors = Errors::default();
    let went_wrong = answers.text("went_wrong", "Enter what went wrong", &mut errors);
    let action = answers.text("action", "Enter what will be done about it", &mut errors);
    let lead = answers.text("lead", "Enter the lead officer", &mut errors);
    let target_on = answers.date(
        "target_on",
        "the target date",
        sheet.as_at,
        true,
        &mut errors,
    );
    let (Some(target_on), true) = (target_on, errors.is_empty()) else {
        return add_page(&staff, &reference, &sheet, &answers, errors);
    };
    let new = NewLearning {
        went_wrong,
        action,
        lead,
        target_on,
        service_area: answers.optional("service_area"),
        category: answers.optional("category"),
    };
    match app
        .add_learning(&reference, &new, &staff.user.username)
        .await
    {
        Ok(_) => {
            Redirect::to(&format!("/cases/{reference}?done=learning#learning")).into_response()
        }
        Err(error) => refused(&error, "a learning action could not be added", |message| {
            errors.add("went_wrong", message);
            add_page(&staff, &reference, &sheet, &answers, errors)
        }),
    }
}

fn statuses() -> Vec<(&'static str, String)> {
    LearningStatus::ALL
        .iter()
        .map(|s| (s.as_str(), words(s.as_str())))
        .collect()
}

fn move_page(
    staff: &Staff,
    reference: &Reference,
    action: &LearningRow,
    today: chrono::NaiveDate,
    answers: &Answers,
    errors: Errors,
) -> Response {
    let mut b = Builder::new(answers, &errors);
    b.radios(
        "status",
        "Where does it stand?",
        "",
        &statuses(),
        &action.status,
    )
    .area(
        "evidence",
        "Evidence",
        "What shows it was done: needed once it is done",
    )
    .date(
        "done_on",
        "When was it done?",
        "Needed once it is done",
        Some(action.done_on.unwrap_or(today)),
    );
    let fields = b.fields;
    let page = Questions {
        title: "Update a learning action",
        intro: format!(
            "{reference}: {} (lead: {}, target {}).",
            action.action, action.lead, action.target_on
        ),
        action: format!("/cases/{reference}/learning/{}", action.id),
        button: "Save the update",
        under: "/cases",
    };
    question_page(staff, page, fields, errors)
}

async fn action_of(app: &App, raw: &str, id: &str) -> Result<(Reference, LearningRow), Response> {
    let (Ok(reference), Ok(id)) = (Reference::parse(raw), id.parse::<i64>()) else {
        return Err(not_found().await);
    };
    match app.learning(&reference).await {
        Ok(plan) => match plan.into_iter().find(|a| a.id == id) {
            Some(action) => Ok((reference, action)),
            None => Err(not_found().await),
        },
        Err(error) => {
            tracing::error!(%error, "a learning plan could not be read");
            Err(unavailable())
        }
    }
}

pub(crate) async fn move_form(
    State(app): State<App>,
    staff: Staff,
    Path((raw, id)): Path<(String, String)>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    match action_of(&app, &raw, &id).await {
        Ok((reference, action)) => move_page(
            &staff,
            &reference,
            &action,
            app.today(),
            &Answers::default(),
            Errors::default(),
        ),
        Err(response) => response,
    }
}

pub(crate) async fn move_on(
    State(app): State<App>,
    staff: Staff,
    Path((raw, id)): Path<(String, String)>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::CaseRecord, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let (reference, action) = match action_of(&app, &raw, &id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let today = app.today();
    let mut errors = Errors::default();
    let status = answers.choice(
        "status",
        "Select where it stands",
        LearningStatus::parse,
        &mut errors,
    );
    let evidence = answers.optional("evidence");
    let mut done_on = None;
    if status == Some(LearningStatus::Done) {
        if evidence.is_none() {
            errors.add("evidence", "Enter what shows the action was done");
        }
        done_on = answers.date("done_on", "the date it was done", today, false, &mut errors);
    }
    let (Some(status), true) = (status, errors.is_empty()) else {
        return move_page(&staff, &reference, &action, today, &answers, errors);
    };
    let progress = LearningProgress {
        status,
        evidence,
        done_on,
    };
    match app
        .move_learning(&reference, action.id, &progress, &staff.user.username)
        .await
    {
        Ok(()) => Redirect::to(&format!(
            "/cases/{reference}?done=learning-updated#learning"
        ))
        .into_response(),
        Err(error) => refused(
            &error,
            "a learning action could not be updated",
            |message| {
                errors.add("status", message);
                move_page(&staff, &reference, &action, today, &answers, errors)
            },
        ),
    }
}
