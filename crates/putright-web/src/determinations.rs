//! `/cases/REFERENCE/determination`: the Ombudsman's finding on one complaint point of a
//! referred case (the Ombudsman's reference, the day of the determination, the point and the
//! finding), one point per form, as the determination lists them. The case page lists the
//! findings beside the orders.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use putright_app::determinations::NewCaseFinding;
use putright_app::domain::Reference;
use putright_app::domain::ombudsman::Finding;
use putright_app::{App, CaseFindingRow};

use crate::access::Area;
use crate::fields::{Answers, Builder};
use crate::forms::{Errors, Posted};
use crate::pages::{case_or_problem, refused};
use crate::session::Staff;
use crate::steps::{Questions, question_page};

/// The findings as the case page lists them, one line each.
pub(crate) fn lines(findings: &[CaseFindingRow]) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            let finding: &str = match Finding::parse(&f.finding) {
                Ok(known) => known.label(),
                Err(_) => &f.finding,
            };
            format!(
                "{finding}: {} (Ombudsman case {}, determined {})",
                f.point, f.ombudsman_case, f.decided_on
            )
        })
        .collect()
}

fn findings() -> Vec<(&'static str, String)> {
    Finding::ALL
        .iter()
        .map(|f| (f.as_str(), f.label().to_owned()))
        .collect()
}

fn page(
    staff: &Staff,
    reference: &Reference,
    app: &App,
    answers: &Answers,
    errors: Errors,
) -> Response {
    let mut b = Builder::new(answers, &errors);
    b.text(
        "ombudsman_case",
        "The Ombudsman's case reference",
        "As on the determination",
        "20",
    )
    .date(
        "decided_on",
        "When was the determination made?",
        "",
        Some(app.today()),
    )
    .area(
        "point",
        "The complaint point",
        "As the determination words it, for example \"The landlord's handling of repairs to the boiler\"",
    )
    .radios("finding", "What did the Ombudsman find?", "", &findings(), "");
    let page = Questions {
        title: "Record a finding of the Ombudsman",
        intro: format!(
            "{reference}: one complaint point of the determination; record each point it decides."
        ),
        action: format!("/cases/{reference}/determination"),
        button: "Record the finding",
        under: "/cases",
    };
    question_page(staff, page, b.fields, errors)
}

pub(crate) async fn form(
    State(app): State<App>,
    staff: Staff,
    Path(raw): Path<String>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    match case_or_problem(&app, &raw).await {
        Ok((reference, _)) => page(
            &staff,
            &reference,
            &app,
            &Answers::default(),
            Errors::default(),
        ),
        Err(response) => response,
    }
}

pub(crate) async fn record(
    State(app): State<App>,
    staff: Staff,
    Path(raw): Path<String>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::CaseRecord, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let reference = match case_or_problem(&app, &raw).await {
        Ok((reference, _)) => reference,
        Err(response) => return response,
    };
    let mut errors = Errors::default();
    let ombudsman_case = answers.text(
        "ombudsman_case",
        "Enter the Ombudsman's case reference",
        &mut errors,
    );
    let decided_on = answers.date(
        "decided_on",
        "the date of the determination",
        app.today(),
        false,
        &mut errors,
    );
    let point = answers.text("point", "Enter the complaint point", &mut errors);
    let finding = answers.choice(
        "finding",
        "Select what the Ombudsman found",
        |raw| Finding::parse(raw).ok(),
        &mut errors,
    );
    let (Some(decided_on), Some(finding), true) = (decided_on, finding, errors.is_empty()) else {
        return page(&staff, &reference, &app, &answers, errors);
    };
    let new = NewCaseFinding {
        ombudsman_case,
        decided_on,
        point,
        finding,
    };
    match app
        .record_case_finding(&reference, &new, &staff.user.username)
        .await
    {
        Ok(_) => {
            Redirect::to(&format!("/cases/{reference}?done=finding#ombudsman")).into_response()
        }
        Err(error) => refused(
            &error,
            "an Ombudsman finding could not be recorded",
            |message| {
                errors.add("ombudsman_case", message);
                page(&staff, &reference, &app, &answers, errors)
            },
        ),
    }
}
