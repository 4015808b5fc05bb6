//! The amend page: what was recorded wrongly (tenure, jurisdiction, service area, category,
//! each stage's handler, the complainant's contact details), shown as recorded now for the
//! officer to put right, with the reason. Only what changed is amended, one `Amended` event
//! each, and the reports then count the case as amended.

use putright_app::case_file::{CaseFile, Complainant};
use putright_app::casework::{ContactDetails, Correction, Step};
use putright_app::domain::values::Handler;
use putright_app::domain::vocabulary::{Jurisdiction, Stage, Tenure};

use crate::fields::{Answers, Builder, Field};
use crate::forms::Errors;

use super::{choices, ombudsmen, parse_of};

/// The value the tenure radios post for "not known".
const UNKNOWN: &str = "unknown";

fn handler_field(stage: Stage) -> &'static str {
    match stage {
        Stage::One => "handler_1",
        Stage::Two => "handler_2",
    }
}

/// The complainant as recorded, each detail trimmed, so that only what the officer changed
/// counts as a change.
fn contact(file: &CaseFile) -> Complainant {
    let now = file.complainant.clone().unwrap_or_default();
    let tidy = |v: Option<String>| v.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    Complainant {
        name: tidy(now.name),
        address: tidy(now.address),
        postcode: tidy(now.postcode),
        phone: tidy(now.phone),
        email: tidy(now.email),
        property_ref: now.property_ref,
    }
}

/// What the page shows before anything is typed, as the answers a form would post: the API
/// lays a request's fields over these, so a field it leaves out stays as recorded.
pub(crate) fn recorded(file: &CaseFile) -> Vec<(String, String)> {
    let received = &file.sheet.case.received;
    let now = contact(file);
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut pairs = vec![
        (
            "tenure".to_owned(),
            received.tenure.map_or(UNKNOWN, Tenure::as_str).to_owned(),
        ),
        (
            "jurisdiction".to_owned(),
            received.jurisdiction.as_str().to_owned(),
        ),
        ("service_area".to_owned(), text(&received.service_area)),
        ("category".to_owned(), text(&received.category)),
    ];
    for stage in &file.sheet.stages {
        let handler = stage.handler.clone().unwrap_or_default();
        pairs.push((handler_field(stage.stage).to_owned(), handler));
    }
    for (name, value) in [
        ("name", &now.name),
        ("address", &now.address),
        ("postcode", &now.postcode),
        ("phone", &now.phone),
        ("email", &now.email),
    ] {
        pairs.push((name.to_owned(), text(value)));
    }
    pairs
}

/// The questions, holding what is recorded now until something is posted.
pub(super) fn questions(file: &CaseFile, answers: &Answers, errors: &Errors) -> Vec<Field> {
    let received = &file.sheet.case.received;
    let mut tenures = choices(Tenure::ALL, Tenure::as_str);
    tenures.push((UNKNOWN, "Not known".to_owned()));
    let ombudsmen = ombudsmen();
    let now = contact(file);
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut b = Builder::new(answers, errors);
    b.date(
        "on",
        "When are you making the amendment?",
        "",
        Some(file.sheet.as_at),
    )
    .radios(
        "tenure",
        "Tenure",
        "It decides which TSM a complaint counts in",
        &tenures,
        received.tenure.map_or(UNKNOWN, Tenure::as_str),
    )
    .radios(
        "jurisdiction",
        "Which Ombudsman would it go to?",
        "",
        &ombudsmen,
        received.jurisdiction.as_str(),
    )
    .text_or(
        "service_area",
        "Service area",
        "",
        "20",
        &text(&received.service_area),
    )
    .text_or("category", "Category", "", "20", &text(&received.category));
    for stage in &file.sheet.stages {
        let label = match stage.stage {
            Stage::One => "Who handles stage 1?",
            Stage::Two => "Who reviews stage 2?",
        };
        let current = stage.handler.clone().unwrap_or_default();
        b.text_or(handler_field(stage.stage), label, "", "20", &current);
    }
    b.text_or("name", "Full name", "", "", &text(&now.name))
        .text_or("address", "Address", "", "", &text(&now.address))
        .text_or("postcode", "Postcode", "", "10", &text(&now.postcode))
        .text_or("phone", "Telephone", "", "20", &text(&now.phone))
        .text_or("email", "Email address", "", "", &text(&now.email))
        .area(
            "reason",
            "Why was it recorded wrongly?",
            "Kept with the amendment in the case's history",
        );
    b.fields
}

/// The corrections the answers make: only what differs from what is recorded now.
pub(crate) fn step_of(file: &CaseFile, answers: &Answers, errors: &mut Errors) -> Option<Step> {
    let received = &file.sheet.case.received;
    let on = answers.date(
        "on",
        "the date of the amendment",
        file.sheet.as_at,
        false,
        errors,
    );
    let tenure = answers.choice(
        "tenure",
        "Select the tenure, or not known",
        |raw| match raw {
            UNKNOWN => Some(None),
            other => parse_of(Tenure::ALL, Tenure::as_str)(other).map(Some),
        },
        errors,
    );
    let jurisdiction = answers.choice(
        "jurisdiction",
        "Select which Ombudsman it would go to",
        parse_of(Jurisdiction::ALL, Jurisdiction::as_str),
        errors,
    );
    let reason = answers.text("reason", "Enter why it was recorded wrongly", errors);
    let mut corrections = Vec::new();
    if let Some(tenure) = tenure.filter(|t| *t != received.tenure) {
        corrections.push(Correction::Tenure(tenure));
    }
    if let Some(j) = jurisdiction.filter(|j| *j != received.jurisdiction) {
        corrections.push(Correction::Jurisdiction(j));
    }
    let area = answers.optional("service_area");
    if area != received.service_area {
        corrections.push(Correction::ServiceArea(area));
    }
    let category = answers.optional("category");
    if category != received.category {
        corrections.push(Correction::Category(category));
    }
    for stage in &file.sheet.stages {
        let field = handler_field(stage.stage);
        let typed = answers.optional(field);
        if typed.is_none() && stage.handler.is_none() {
            continue;
        }
        match typed.as_deref().map(Handler::parse) {
            Some(Ok(handler)) if stage.handler.as_deref() != Some(handler.as_str()) => {
                corrections.push(Correction::Handler {
                    stage: stage.stage,
                    handler,
                });
            }
            Some(_) => {}
            None => errors.add(field, "Enter who handles the stage"),
        }
    }
    if let Some(details) = contact_details(file, answers, errors) {
        corrections.push(Correction::ContactDetails(details));
    }
    if errors.is_empty() && corrections.is_empty() {
        errors.add(
            "tenure",
            "Nothing has changed: put right what was recorded wrongly, or go back to the case",
        );
    }
    if !errors.is_empty() {
        return None;
    }
    Some(Step::Amend {
        on: on?,
        reason,
        corrections,
    })
}

/// The contact details typed, if they differ from those recorded.
fn contact_details(
    file: &CaseFile,
    answers: &Answers,
    errors: &mut Errors,
) -> Option<ContactDetails> {
    let now = contact(file);
    let typed = ContactDetails {
        name: answers.optional("name").unwrap_or_default(),
        address: answers.optional("address"),
        postcode: answers.optional("postcode"),
        phone: answers.optional("phone"),
        email: answers.optional("email"),
    };
    let same = now.name.clone().unwrap_or_default() == typed.name
        && now.address == typed.address
        && now.postcode == typed.postcode
        && now.phone == typed.phone
        && now.email == typed.email;
    if same {
        return None;
    }
    if typed.name.is_empty() {
        errors.add("name", "Enter the complainant's full name");
        return None;
    }
    if typed.email.as_deref().is_some_and(|e| !e.contains('@')) {
        errors.add(
            "email",
            "Enter an email address in the correct format, like name@example.com",
        );
        return None;
    }
    Some(typed)
}
