//! Recording through the API: a new contact of any kind, and each step of the Code on a case.
//! A request's JSON is read into the answers the staff app's forms give, so the API keeps the
//! live app's rules and words: the same fields are required, the same dates refused, the same
//! Code provisions cited. A create may carry an `Idempotency-Key`, so a client's retry never
//! makes a second case; a step is decided against the case's version, so a retry of a step
//! already recorded is refused as a conflict rather than recorded twice.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use putright_app::App;
use putright_app::api::Keyed;
use putright_app::case_file::CaseFile;
use putright_app::domain::Reference;
use putright_app::domain::vocabulary::{
    Channel, ContactKind, Jurisdiction, Outcome, RemedyKind, Tenure,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa::openapi::schema::{Array, ArrayBuilder, Object, ObjectBuilder, Type};

use super::problem::Refusals;
use super::{Problem, WRITE, admit, json};
use crate::fields::Answers;
use crate::forms::Errors;
use crate::steps::{STEPS, amend_of, amend_recorded, contact_of, step_of};

/// A new contact: a complaint, service request, member enquiry, compliment or comment.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewContactBody {
    #[schema(schema_with = kinds, required = true)]
    kind: Option<String>,
    /// The day it was received, YYYY-MM-DD; not after today.
    #[schema(format = Date, required = true)]
    received_on: Option<String>,
    #[schema(schema_with = channels, required = true)]
    channel: Option<String>,
    /// The resident's full name.
    #[schema(required = true)]
    name: Option<String>,
    address: Option<String>,
    postcode: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    #[schema(schema_with = tenures)]
    tenure: Option<String>,
    #[schema(schema_with = jurisdictions, required = true)]
    jurisdiction: Option<String>,
    service_area: Option<String>,
    category: Option<String>,
    /// What it is about.
    #[schema(required = true)]
    description: Option<String>,
}

/// A string one of `names`, described.
fn one_of(names: Vec<&'static str>, what: &str) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(names))
        .description(Some(what))
        .build()
}

fn names<T: Copy>(all: &[T], name: impl Fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|t| name(*t)).collect()
}

fn kinds() -> Object {
    one_of(
        names(ContactKind::ALL, ContactKind::as_str),
        "What kind of contact it is",
    )
}

fn channels() -> Object {
    one_of(names(Channel::ALL, Channel::as_str), "How it came in")
}

fn tenures() -> Object {
    one_of(
        names(Tenure::ALL, Tenure::as_str),
        "The resident's tenure, if known",
    )
}

fn jurisdictions() -> Object {
    one_of(
        names(Jurisdiction::ALL, Jurisdiction::as_str),
        "Which Ombudsman a complaint would go to",
    )
}

fn steps() -> Object {
    let steps = STEPS.iter().map(|s| s.0).collect();
    one_of(steps, "The step of the Code to record")
}

fn outcomes() -> Object {
    one_of(
        names(Outcome::ALL, Outcome::as_str),
        "The decision, for respond",
    )
}

fn remedies() -> Array {
    let kinds = one_of(
        names(RemedyKind::ALL, RemedyKind::as_str),
        "A remedy offered",
    );
    ArrayBuilder::new()
        .items(kinds)
        .description(Some(
            "The remedies offered (Code 7.1), for respond; compensation is its own field",
        ))
        .build()
}

/// An action a response sets (Code 6.6).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ActionBody {
    /// What is to be done.
    description: Option<String>,
    /// Who will do it.
    owner: Option<String>,
    /// By when, YYYY-MM-DD.
    #[schema(format = Date)]
    due: Option<String>,
}

/// A step of the Code on a case. Which fields a step needs is as its page in the staff app
/// asks: `acknowledge` (on, handler, understanding, outcomes_sought, responsible_for,
/// not_responsible_for), `refuse` and `close` (on, reason, explanation), `convert` (on,
/// explanation), `become-complaint`, `escalate`, `withdraw`, `answer` (on), `extend`
/// (agreed_on, new_due, reason, good_reason, ombudsman_details_given), `respond` (on, outcome,
/// reasons, compensation, remedies, remedy_detail, actions), `refer` (on, ombudsman), `pay` (on,
/// amount), `complete-action` (on, number), `note` (on, text), `amend` (on, reason, and only
/// what was recorded wrongly: tenure, jurisdiction, service_area, category, handler_1,
/// handler_2, name, address, postcode, phone, email).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct StepBody {
    #[schema(schema_with = steps)]
    step: String,
    /// The case's version the step was decided against (from reading the case).
    version: u32,
    #[schema(format = Date)]
    on: Option<String>,
    handler: Option<String>,
    understanding: Option<String>,
    outcomes_sought: Option<String>,
    responsible_for: Option<String>,
    not_responsible_for: Option<String>,
    /// For refuse and close, a refusal reason by name; for extend, why more time is needed;
    /// for amend, why it was recorded wrongly.
    reason: Option<String>,
    explanation: Option<String>,
    #[schema(format = Date)]
    agreed_on: Option<String>,
    #[schema(format = Date)]
    new_due: Option<String>,
    good_reason: Option<bool>,
    ombudsman_details_given: Option<bool>,
    #[schema(schema_with = outcomes)]
    outcome: Option<String>,
    reasons: Option<String>,
    /// Compensation offered, in pounds ("250" or "250.50").
    compensation: Option<String>,
    #[schema(schema_with = remedies)]
    remedies: Option<Vec<String>>,
    remedy_detail: Option<String>,
    /// Up to three.
    actions: Option<Vec<ActionBody>>,
    /// The amount paid, in pounds.
    amount: Option<String>,
    #[schema(schema_with = jurisdictions)]
    ombudsman: Option<String>,
    /// The outstanding action's number.
    number: Option<u32>,
    /// A note's words.
    text: Option<String>,
    /// For amend, each a value recorded wrongly put right; a field left out stays as recorded
    /// and an empty one is cleared. The tenure's "unknown" clears it.
    tenure: Option<String>,
    #[schema(schema_with = jurisdictions)]
    jurisdiction: Option<String>,
    service_area: Option<String>,
    category: Option<String>,
    /// For amend, who handles stage 1.
    handler_1: Option<String>,
    /// For amend, who reviews stage 2.
    handler_2: Option<String>,
    /// For amend, the complainant's name.
    name: Option<String>,
    address: Option<String>,
    postcode: Option<String>,
    phone: Option<String>,
    email: Option<String>,
}

/// What a create or step recorded.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Recorded {
    /// The case's reference.
    reference: String,
    /// Its version now.
    version: u32,
}

/// The answers a form would post: text as it is, a date as its day, month and year.
#[derive(Default)]
struct Pairs(Vec<(String, String)>);

impl Pairs {
    fn text(&mut self, name: &str, value: &Option<String>) {
        if let Some(value) = value {
            self.0.push((name.to_owned(), value.clone()));
        }
    }

    fn date(&mut self, name: &str, value: &Option<String>) {
        let Some(raw) = value else { return };
        let mut parts = raw.trim().splitn(3, '-');
        let (year, month, day) = (parts.next(), parts.next(), parts.next());
        // A date not written YYYY-MM-DD reaches the form's rule as one that is not real.
        let (year, month, day) = match (year, month, day) {
            (Some(y), Some(m), Some(d)) if y.len() == 4 => (y, m, d),
            _ => ("0", "0", "0"),
        };
        for (part, value) in [("day", day), ("month", month), ("year", year)] {
            self.0.push((format!("{name}-{part}"), value.to_owned()));
        }
    }

    fn yes_no(&mut self, name: &str, value: Option<bool>) {
        if let Some(yes) = value {
            self.0
                .push((name.to_owned(), if yes { "yes" } else { "no" }.to_owned()));
        }
    }
}

/// A form's field as the API names it: a date by its name, an action by its place.
fn api_field(form: &str) -> String {
    let field = form.strip_suffix("-day").unwrap_or(form);
    for (i, (what, owner, due)) in crate::steps::ACTION_FIELDS.iter().enumerate() {
        let part = if field == *what {
            "description"
        } else if field == *owner {
            "owner"
        } else if field == *due {
            "due"
        } else {
            continue;
        };
        return format!("actions[{i}].{part}");
    }
    field.to_owned()
}

fn contact_answers(body: &NewContactBody) -> Answers {
    let mut p = Pairs::default();
    p.text("kind", &body.kind);
    p.date("received_on", &body.received_on);
    p.text("channel", &body.channel);
    for (name, value) in [
        ("name", &body.name),
        ("address", &body.address),
        ("postcode", &body.postcode),
        ("phone", &body.phone),
        ("email", &body.email),
        ("tenure", &body.tenure),
        ("jurisdiction", &body.jurisdiction),
        ("service_area", &body.service_area),
        ("category", &body.category),
        ("description", &body.description),
    ] {
        p.text(name, value);
    }
    Answers(p.0)
}

fn step_answers(body: &StepBody) -> Answers {
    let mut p = Pairs::default();
    for (name, value) in [
        ("on", &body.on),
        ("agreed_on", &body.agreed_on),
        ("new_due", &body.new_due),
    ] {
        p.date(name, value);
    }
    for (name, value) in [
        ("handler", &body.handler),
        ("understanding", &body.understanding),
        ("outcomes_sought", &body.outcomes_sought),
        ("responsible_for", &body.responsible_for),
        ("not_responsible_for", &body.not_responsible_for),
        ("reason", &body.reason),
        ("explanation", &body.explanation),
        ("outcome", &body.outcome),
        ("reasons", &body.reasons),
        ("compensation", &body.compensation),
        ("remedy_detail", &body.remedy_detail),
        ("amount", &body.amount),
        ("ombudsman", &body.ombudsman),
        ("text", &body.text),
    ] {
        p.text(name, value);
    }
    p.yes_no("good_reason", body.good_reason);
    p.yes_no("ombudsman_details_given", body.ombudsman_details_given);
    for remedy in body.remedies.iter().flatten() {
        p.0.push(("remedies".into(), remedy.clone()));
    }
    let actions = body.actions.iter().flatten();
    for (action, (what, owner, due)) in actions.zip(crate::steps::ACTION_FIELDS) {
        p.text(what, &action.description);
        p.text(owner, &action.owner);
        p.date(due, &action.due);
    }
    p.text("number", &body.number.map(|n| n.to_string()));
    Answers(p.0)
}

/// An amendment's answers: what is recorded now, with each field the request gives laid over.
fn amend_answers(file: &CaseFile, body: &StepBody) -> Answers {
    let mut recorded = amend_recorded(file);
    for (name, value) in [
        ("tenure", &body.tenure),
        ("jurisdiction", &body.jurisdiction),
        ("service_area", &body.service_area),
        ("category", &body.category),
        ("handler_1", &body.handler_1),
        ("handler_2", &body.handler_2),
        ("name", &body.name),
        ("address", &body.address),
        ("postcode", &body.postcode),
        ("phone", &body.phone),
        ("email", &body.email),
    ] {
        if let Some(value) = value {
            recorded.retain(|(n, _)| n != name);
            recorded.push((name.to_owned(), value.clone()));
        }
    }
    let mut p = Pairs(recorded);
    p.date("on", &body.on);
    p.text("reason", &body.reason);
    Answers(p.0)
}

/// The request's JSON as `T`, or the problem with it.
#[allow(
    clippy::result_large_err,
    reason = "the problem is the answer, returned at once, as the async handlers do"
)]
fn read<T: for<'de> Deserialize<'de>>(headers: &HeaderMap, body: &[u8]) -> Result<T, Response> {
    let media = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !media.starts_with("application/json") {
        return Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Send the request as JSON, with Content-Type: application/json",
        )
        .into_response());
    }
    serde_json::from_slice(body).map_err(Problem::unreadable)
}

/// The Idempotency-Key sent, if any, once it is one: 1 to 200 visible characters.
#[allow(
    clippy::result_large_err,
    reason = "the problem is the answer, returned at once, as the async handlers do"
)]
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, Response> {
    let Some(raw) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    match raw.to_str() {
        Ok(key) if (1..=200).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic()) => {
            Ok(Some(key.to_owned()))
        }
        _ => {
            let mut errors = Errors::default();
            errors.add(
                "Idempotency-Key",
                "The Idempotency-Key must be 1 to 200 visible characters, such as a UUID",
            );
            Err(Problem::invalid(&errors, str::to_owned).into_response())
        }
    }
}

fn recorded(status: StatusCode, reference: &Reference, version: u32) -> Response {
    let body = Recorded {
        reference: reference.to_string(),
        version,
    };
    let mut response = json(status, serde_json::to_string(&body).unwrap_or_default());
    if let Ok(location) = header::HeaderValue::from_str(&format!("/api/v1/cases/{reference}")) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// Logs a new contact under the next reference.
#[utoipa::path(post, path = "/api/v1/contacts", tag = "recording",
    request_body = NewContactBody,
    params(("Idempotency-Key" = Option<String>, Header,
        description = "Any value unique to this create (a UUID): a retry with it makes no second case")),
    security(("token" = ["write"])),
    responses((status = 201, description = "Logged", body = Recorded),
        (status = 200, description = "Made before by a request with this Idempotency-Key", body = Recorded),
        (status = 415, description = "Not sent as JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The request has problems, each named", body = Problem, content_type = "application/problem+json"),
        Refusals))]
pub(crate) async fn contact(
    State(app): State<App>,
    headers: HeaderMap,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Response {
    let caller = match admit(&app, &headers, &method, &uri, WRITE).await {
        Ok(caller) => caller,
        Err(refused) => return refused,
    };
    let key = match idempotency_key(&headers) {
        Ok(key) => key,
        Err(refused) => return refused,
    };
    let typed: NewContactBody = match read(&headers, &body) {
        Ok(typed) => typed,
        Err(refused) => return refused,
    };
    let mut errors = Errors::default();
    let Some(contact) = contact_of(app.today(), &contact_answers(&typed), &mut errors) else {
        return Problem::invalid(&errors, api_field).into_response();
    };
    let by = caller.user.username.as_str();
    let made = match key {
        None => app.log_contact(&contact, by).await.map(Keyed::Made),
        Some(key) => {
            app.log_contact_once(&contact, by, caller.token_id, &key, &body)
                .await
        }
    };
    match made {
        Ok(Keyed::Made(reference)) => recorded(StatusCode::CREATED, &reference, 1),
        Ok(Keyed::Replayed(reference)) => recorded(StatusCode::OK, &reference, 1),
        Ok(Keyed::Reused) => {
            let mut problem = Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "This Idempotency-Key was used before with a different request: nothing was recorded",
            )
            .detail("Use a new key for each new contact, and the same key only to retry the same request.");
            problem.kind = "/api/v1/problems/idempotency-key-reused".into();
            problem.into_response()
        }
        Err(error) => Problem::of(&error, "description"),
    }
}

/// Records a step of the Code on a case, decided against its version.
#[utoipa::path(post, path = "/api/v1/cases/{reference}/steps", tag = "recording",
    request_body = StepBody,
    params(("reference" = String, Path, description = "The case's reference")),
    security(("token" = ["write"])),
    responses((status = 200, description = "Recorded", body = Recorded),
        (status = 404, description = "No such case", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not sent as JSON", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Saved by someone else since the version given", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The request has problems, or the Code does not allow the step (its provision named)", body = Problem, content_type = "application/problem+json"),
        Refusals))]
pub(crate) async fn step(
    State(app): State<App>,
    headers: HeaderMap,
    method: Method,
    uri: Uri,
    Path(raw): Path<String>,
    body: Bytes,
) -> Response {
    let caller = match admit(&app, &headers, &method, &uri, WRITE).await {
        Ok(caller) => caller,
        Err(refused) => return refused,
    };
    let typed: StepBody = match read(&headers, &body) {
        Ok(typed) => typed,
        Err(refused) => return refused,
    };
    let Ok(reference) = Reference::parse(&raw) else {
        return Problem::new(StatusCode::NOT_FOUND, "There is no such case").into_response();
    };
    if !STEPS.iter().any(|(name, ..)| *name == typed.step) {
        let mut errors = Errors::default();
        let names: Vec<&str> = STEPS.iter().map(|s| s.0).collect();
        errors.add(
            "step",
            format!("Give one of the steps: {}", names.join(", ")),
        );
        return Problem::invalid(&errors, str::to_owned).into_response();
    }
    // Only an amendment needs the whole case file (what is recorded now, the complainant);
    // every other step is decided on the case's sheet, a lighter read.
    let mut errors = Errors::default();
    let decided = match typed.step.as_str() {
        "amend" => match app.case_file(&reference, app.today()).await {
            Ok(file) => amend_of(&file, &amend_answers(&file, &typed), &mut errors),
            Err(error) => return Problem::of(&error, "reference"),
        },
        step => match app.case_sheet(&reference, app.today()).await {
            Ok(sheet) => step_of(step, &sheet, &step_answers(&typed), &mut errors),
            Err(error) => return Problem::of(&error, "reference"),
        },
    };
    let Some(decided) = decided else {
        return Problem::invalid(&errors, api_field).into_response();
    };
    let field = match typed.step.as_str() {
        "acknowledge" => "handler",
        "extend" => "new_due",
        "refuse" | "close" => "reason",
        "complete-action" => "number",
        "pay" => "amount",
        _ => "on",
    };
    match app
        .record_step(&reference, typed.version, &decided, &caller.user.username)
        .await
    {
        Ok(version) => recorded(StatusCode::OK, &reference, version),
        Err(error) => Problem::of(&error, field),
    }
}
