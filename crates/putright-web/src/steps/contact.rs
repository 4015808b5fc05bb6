//! `/cases/new`: a contact of any kind, from any channel, logged under the next reference.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use putright_app::App;
use putright_app::casework::{ContactDetails, NewContact};
use putright_app::domain::vocabulary::{Channel, ContactKind, Jurisdiction, Tenure};

use crate::access::Area;
use crate::fields::{Answers, Builder, Field};
use crate::forms::{Errors, Posted};
use crate::pages::unavailable;
use crate::session::Staff;

use super::{Questions, choices, ombudsmen, parse_of, question_page};

fn contact_fields(today: NaiveDate, answers: &Answers, errors: &Errors) -> Vec<Field> {
    let mut b = Builder::new(answers, errors);
    let kinds = choices(ContactKind::ALL, ContactKind::as_str);
    let channels = choices(Channel::ALL, Channel::as_str);
    let mut tenures = vec![("", "Not known".to_owned())];
    tenures.extend(choices(Tenure::ALL, Tenure::as_str));
    let ombudsmen = ombudsmen();
    b.radios(
        "kind",
        "What kind of contact is it?",
        "A complaint is an expression of dissatisfaction that needs a response (Code 1.2)",
        &kinds,
        "",
    )
    .date("received_on", "When was it received?", "", Some(today))
    .select("channel", "How did it come in?", "", &channels, "phone")
    .text("name", "Resident's full name", "", "")
    .text("address", "Address (optional)", "", "")
    .text("postcode", "Postcode (optional)", "", "10")
    .text("phone", "Telephone (optional)", "", "20")
    .text("email", "Email (optional)", "", "")
    .select(
        "tenure",
        "Tenure",
        "It decides which Tenant Satisfaction Measure a complaint counts in",
        &tenures,
        "",
    )
    .radios(
        "jurisdiction",
        "Which Ombudsman would it go to?",
        "",
        &ombudsmen,
        "hos",
    )
    .text(
        "service_area",
        "Service area (optional)",
        "For example, repairs",
        "20",
    )
    .text("category", "Category (optional)", "", "20")
    .area(
        "description",
        "What is it about?",
        "In the resident's words where you can",
    );
    b.fields
}

pub(crate) fn contact_of(
    today: NaiveDate,
    answers: &Answers,
    errors: &mut Errors,
) -> Option<NewContact> {
    let kind = answers.choice(
        "kind",
        "Select what kind of contact it is",
        parse_of(ContactKind::ALL, ContactKind::as_str),
        errors,
    );
    let received_on = answers.date(
        "received_on",
        "the date it was received",
        today,
        false,
        errors,
    );
    let channel = answers.choice(
        "channel",
        "Select how it came in",
        parse_of(Channel::ALL, Channel::as_str),
        errors,
    );
    let name = answers.text("name", "Enter the resident's full name", errors);
    let tenure = match answers.get("tenure") {
        "" => Some(None),
        raw => answers
            .choice(
                "tenure",
                "Select the tenure from the list",
                |r| parse_of(Tenure::ALL, Tenure::as_str)(r).map(Some),
                errors,
            )
            .filter(|_| !raw.is_empty()),
    };
    let jurisdiction = answers.choice(
        "jurisdiction",
        "Select which Ombudsman it would go to",
        parse_of(Jurisdiction::ALL, Jurisdiction::as_str),
        errors,
    );
    let description = answers.text("description", "Enter what it is about", errors);
    if !errors.is_empty() {
        return None;
    }
    Some(NewContact {
        kind: kind?,
        received_on: received_on?,
        channel: channel?,
        tenure: tenure?,
        jurisdiction: jurisdiction?,
        service_area: answers.optional("service_area"),
        category: answers.optional("category"),
        contact: ContactDetails {
            name,
            address: answers.optional("address"),
            postcode: answers.optional("postcode"),
            phone: answers.optional("phone"),
            email: answers.optional("email"),
        },
        description,
    })
}

fn contact_page(staff: &Staff, today: NaiveDate, answers: &Answers, errors: Errors) -> Response {
    let fields = contact_fields(today, answers, &errors);
    let page = Questions {
        title: "Log a new contact",
        intro: "A complaint, service request, enquiry, compliment or comment, from any channel."
            .to_owned(),
        action: "/cases/new".to_owned(),
        button: "Log the contact",
        under: "/cases",
    };
    question_page(staff, page, fields, errors)
}

pub(crate) async fn new_contact_form(State(app): State<App>, staff: Staff) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    contact_page(&staff, app.today(), &Answers::default(), Errors::default())
}

pub(crate) async fn log_contact(
    State(app): State<App>,
    staff: Staff,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    let answers = match staff.accepts(Area::CaseRecord, pairs) {
        Ok(answers) => answers,
        Err(refused) => return refused,
    };
    let today = app.today();
    let mut errors = Errors::default();
    let Some(contact) = contact_of(today, &answers, &mut errors) else {
        return contact_page(&staff, today, &answers, errors);
    };
    match app.log_contact(&contact, &staff.user.username).await {
        Ok(reference) => Redirect::to(&format!("/cases/{reference}?done=new")).into_response(),
        Err(error) => {
            tracing::error!(%error, "a contact could not be logged");
            unavailable()
        }
    }
}
