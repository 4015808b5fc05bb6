//! The Code's steps as question pages: `/cases/new` logs a contact, and
//! `/cases/REFERENCE/STEP` records a step on a case (acknowledge, extend, respond, escalate,
//! and the rest in [`STEPS`]). Each page asks its questions ([`crate::fields`]), checks the
//! answers, and calls the service once. A step the Code does not allow comes back as the
//! GOV.UK error summary naming the rule and its provision; a case someone else saved in the
//! meantime comes back with everything the user typed, and saving again records it on top of
//! what is there now. Nothing is half-saved: the service writes all of a step or none of it.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use putright_app::case_sheet::CaseSheet;
use putright_app::casework::{ActionText, DefinitionText, NewContact, Step};
use putright_app::domain::DomainError;
use putright_app::domain::Reference;
use putright_app::domain::lifecycle::Status;
use putright_app::domain::vocabulary::{
    Channel, ContactKind, Jurisdiction, Outcome, RefusalReason, RemedyKind, Stage, Tenure,
};
use putright_app::{App, AppError};

use crate::access::Area;
use crate::cases::words;
use crate::fields::{Answers, Builder, Field, Kind, capitalised};
use crate::forms::{Errors, Posted};
use crate::pages::{Chrome, not_found, render, unavailable};
use crate::session::Staff;

/// Every step, by its name in the URL, with what its page, its button and the banner after
/// it say.
pub const STEPS: [(&str, &str, &str, &str); 14] = [
    (
        "acknowledge",
        "Acknowledge and define the complaint",
        "Record the acknowledgement",
        "Acknowledgement recorded",
    ),
    ("refuse", "Refuse", "Record the refusal", "Refusal recorded"),
    (
        "convert",
        "Treat as a service request",
        "Record as a service request",
        "Now a service request",
    ),
    (
        "become-complaint",
        "Turn into a complaint",
        "Record the complaint",
        "Now a complaint",
    ),
    (
        "extend",
        "Extend the response date",
        "Record the extension",
        "Extension recorded",
    ),
    (
        "respond",
        "Record the response",
        "Record the response",
        "Response recorded",
    ),
    (
        "escalate",
        "Escalate to stage 2",
        "Record the escalation",
        "Escalated to stage 2",
    ),
    (
        "withdraw",
        "Record a withdrawal",
        "Record the withdrawal",
        "Withdrawal recorded",
    ),
    (
        "close",
        "Close without a response",
        "Record the closure",
        "Closure recorded",
    ),
    (
        "refer",
        "Record a referral to the Ombudsman",
        "Record the referral",
        "Referral recorded",
    ),
    (
        "answer",
        "Record the answer",
        "Record the answer",
        "Answer recorded",
    ),
    (
        "pay",
        "Record compensation paid",
        "Record the payment",
        "Payment recorded",
    ),
    (
        "complete-action",
        "Record an action done",
        "Record it as done",
        "Action recorded as done",
    ),
    ("note", "Add a note", "Add the note", "Note added"),
];

#[derive(Template)]
#[template(path = "step.html")]
struct StepPage {
    chrome: Chrome,
    errors: Errors,
    reference: Option<String>,
    title: String,
    intro: Vec<String>,
    action: String,
    button: &'static str,
    form_token: String,
    version: u32,
    fields: Vec<Field>,
}

fn choices<T: Copy>(all: &[T], name: impl Fn(T) -> &'static str) -> Vec<(&'static str, String)> {
    all.iter().map(|v| (name(*v), words(name(*v)))).collect()
}

fn parse_of<T: Copy>(all: &'static [T], name: fn(T) -> &'static str) -> impl Fn(&str) -> Option<T> {
    move |raw| all.iter().copied().find(|v| name(*v) == raw)
}

/// The stage a step on this case is about: the latest.
fn stage_of(sheet: &CaseSheet) -> Stage {
    sheet.stages.last().map_or(Stage::One, |s| s.stage)
}

fn stage_word(stage: Stage) -> &'static str {
    match stage {
        Stage::One => "stage 1",
        Stage::Two => "stage 2",
    }
}

/// The questions of a step, with what was posted and its errors.
fn questions(
    step: &str,
    sheet: &CaseSheet,
    staff: &Staff,
    answers: &Answers,
    errors: &Errors,
) -> Vec<Field> {
    let mut b = Builder::new(answers, errors);
    let today = Some(sheet.as_at);
    let stage = stage_word(stage_of(sheet));
    let reasons = choices(RefusalReason::ALL, RefusalReason::as_str);
    match step {
        "acknowledge" => {
            let handler_hint = if stage_of(sheet) == Stage::Two {
                "The stage 2 reviewer: never the person who handled stage 1 (Code 6.13)"
            } else {
                "Their username; the case then shows in their queues"
            };
            let default_handler = if stage_of(sheet) == Stage::One {
                staff.user.username.as_str()
            } else {
                ""
            };
            b.date(
                "on",
                "When was the acknowledgement sent?",
                "For example, 27 3 2025",
                today,
            )
            .text_or(
                "handler",
                "Who will handle it?",
                handler_hint,
                "20",
                default_handler,
            )
            .area(
                "understanding",
                "Your understanding of the complaint",
                "In words the resident would recognise (Code 5.6)",
            )
            .area(
                "outcomes_sought",
                "The outcomes the resident is seeking",
                "",
            )
            .area(
                "responsible_for",
                "What you are responsible for and will answer",
                "",
            )
            .area(
                "not_responsible_for",
                "What you are not responsible for (optional)",
                "And who the resident can go to instead",
            );
        }
        "refuse" => {
            b.date("on", "When was it decided?", "", today)
                .select(
                    "reason",
                    "Why can it not be accepted?",
                    "The Code allows only the exclusions in section 2",
                    &reasons,
                    "",
                )
                .area(
                    "explanation",
                    "What the resident was told",
                    "The reasons, and their right to take it to the Ombudsman (Code 2.4, 5.11)",
                );
        }
        "convert" => {
            b.date("on", "When was it decided?", "The service request's clock starts on this day", today)
                .area("explanation", "What the resident was told", "That it is a first request for a service, and that they can complain if unhappy with how it is handled (Code 1.4)");
        }
        "become-complaint" | "escalate" | "withdraw" | "answer" => {
            let label = match step {
                "become-complaint" => {
                    "When did the resident complain about how the request was handled?"
                }
                "escalate" => "When did the resident ask for stage 2?",
                "withdraw" => "When did the resident withdraw?",
                _ => "When was the answer sent?",
            };
            let hint = if step == "escalate" {
                "They do not need to give a reason (Code 6.12)"
            } else {
                ""
            };
            b.date("on", label, hint, today);
        }
        "extend" => {
            b.date("agreed_on", "When was the extension agreed with the resident?", "", today)
                .date("new_due", "What is the new response date?", &format!("The Code allows up to 10 more working days at {stage} without a good reason (Code 6.4, 6.15)"), None)
                .area("reason", "Why is more time needed?", "As the resident was told")
                .yes_no("good_reason", "Is there a good reason to go past the Code's limit?", "Only if the new date is later than the Code allows")
                .yes_no("ombudsman_details_given", "Was the resident given the Ombudsman's details?", "");
        }
        "respond" => {
            let outcomes = choices(Outcome::ALL, Outcome::as_str);
            let remedies: Vec<(&str, String)> = choices(RemedyKind::ALL, RemedyKind::as_str)
                .into_iter()
                .filter(|(v, _)| *v != "compensation")
                .collect();
            b.date("on", "When was the response sent?", "", today)
                .radios("outcome", "What was decided?", "", &outcomes, "")
                .area(
                    "reasons",
                    "The reasons for the decision",
                    "Addressing every point of the definition (Code 6.9, 6.19)",
                )
                .money(
                    "compensation",
                    "Compensation offered (optional)",
                    "In pounds",
                )
                .checks(
                    "remedies",
                    "Other remedies offered (optional)",
                    "Code 7.1",
                    &remedies,
                )
                .area("remedy_detail", "What the remedies are (optional)", "")
                .area(
                    "action",
                    "Anything still to be done (optional)",
                    "One action; more can be added as notes",
                )
                .text(
                    "action_owner",
                    "Who will do it?",
                    "Needed if there is an action",
                    "20",
                )
                .date(
                    "action_due",
                    "By when?",
                    "Needed if there is an action",
                    None,
                );
        }
        "close" => {
            b.date("on", "When was it decided?", "", today)
                .select(
                    "reason",
                    "Why is it ending without a response?",
                    "For example, legal proceedings have begun (Code 2.2)",
                    &reasons,
                    "",
                )
                .area("explanation", "What the resident was told", "");
        }
        "refer" => {
            let ombudsmen = choices(Jurisdiction::ALL, Jurisdiction::as_str);
            b.date("on", "When did the resident refer it?", "", today)
                .radios(
                    "ombudsman",
                    "Which Ombudsman?",
                    "",
                    &ombudsmen,
                    sheet.case.received.jurisdiction.as_str(),
                );
        }
        "pay" => {
            b.date("on", "When was it paid?", "", today).money(
                "amount",
                "How much was paid?",
                "In pounds",
            );
        }
        "complete-action" => {
            let actions: Vec<(String, String)> = sheet
                .case
                .actions
                .iter()
                .filter(|a| a.completed_on.is_none())
                .map(|a| {
                    (
                        a.action.number.to_string(),
                        format!("Action {}, due {}", a.action.number, a.action.due),
                    )
                })
                .collect();
            let refs: Vec<(&str, String)> = actions
                .iter()
                .map(|(n, l)| (n.as_str(), l.clone()))
                .collect();
            b.date("on", "When was it done?", "", today).radios(
                "number",
                "Which action?",
                "",
                &refs,
                "",
            );
        }
        _ => {
            b.date("on", "What day is the note about?", "", today).area(
                "text",
                "Note",
                "For staff: it changes nothing the Code measures",
            );
        }
    }
    b.fields
}

/// The step the answers make, or the errors in them.
fn step_of(step: &str, sheet: &CaseSheet, answers: &Answers, errors: &mut Errors) -> Option<Step> {
    let today = sheet.as_at;
    let stage = stage_of(sheet);
    let on = |errors: &mut Errors, what: &str| answers.date("on", what, today, false, errors);
    let reason = |errors: &mut Errors| {
        answers.choice(
            "reason",
            "Select the reason",
            parse_of(RefusalReason::ALL, RefusalReason::as_str),
            errors,
        )
    };
    let step = match step {
        "acknowledge" => {
            let on = on(errors, "the date the acknowledgement was sent");
            let handler = answers.handler("handler", "Enter who will handle it", errors);
            let definition = DefinitionText {
                understanding: answers.text(
                    "understanding",
                    "Enter your understanding of the complaint",
                    errors,
                ),
                outcomes_sought: answers.text(
                    "outcomes_sought",
                    "Enter the outcomes the resident is seeking",
                    errors,
                ),
                responsible_for: answers.text(
                    "responsible_for",
                    "Enter what you are responsible for",
                    errors,
                ),
                not_responsible_for: answers.optional("not_responsible_for"),
            };
            Step::Acknowledge {
                stage,
                on: on?,
                handler: handler?,
                definition,
            }
        }
        "refuse" => {
            let on = on(errors, "the date it was decided");
            let reason = reason(errors);
            let explanation =
                answers.text("explanation", "Enter what the resident was told", errors);
            Step::Refuse {
                stage,
                on: on?,
                reason: reason?,
                explanation,
            }
        }
        "convert" => {
            let on = on(errors, "the date it was decided");
            let explanation =
                answers.text("explanation", "Enter what the resident was told", errors);
            Step::ConvertToServiceRequest {
                on: on?,
                explanation,
            }
        }
        "become-complaint" => Step::BecomeComplaint {
            on: on(errors, "the date the resident complained")?,
        },
        "escalate" => Step::Escalate {
            on: on(errors, "the date the resident asked for stage 2")?,
        },
        "withdraw" => Step::Withdraw {
            on: on(errors, "the date the resident withdrew")?,
        },
        "answer" => Step::Answer {
            on: on(errors, "the date the answer was sent")?,
        },
        "extend" => {
            let agreed_on =
                answers.date("agreed_on", "the date it was agreed", today, false, errors);
            let new_due = answers.date("new_due", "the new response date", today, true, errors);
            let reason = answers.text("reason", "Enter why more time is needed", errors);
            let good_reason = answers.yes_no(
                "good_reason",
                "Select yes if there is a good reason to go past the limit",
                errors,
            );
            let given = answers.yes_no(
                "ombudsman_details_given",
                "Select yes if the resident was given the Ombudsman's details",
                errors,
            );
            Step::Extend {
                stage,
                agreed_on: agreed_on?,
                new_due: new_due?,
                reason,
                good_reason,
                ombudsman_details_given: given,
            }
        }
        "respond" => {
            let on = on(errors, "the date the response was sent");
            let outcome = answers.choice(
                "outcome",
                "Select what was decided",
                parse_of(Outcome::ALL, Outcome::as_str),
                errors,
            );
            let reasons = answers.text("reasons", "Enter the reasons for the decision", errors);
            let compensation = answers.money("compensation", errors);
            let parse = parse_of(RemedyKind::ALL, RemedyKind::as_str);
            let remedies = answers
                .all("remedies")
                .into_iter()
                .filter_map(parse)
                .collect();
            let action = answers.optional("action");
            let actions = match action {
                Some(description) => {
                    let owner =
                        answers.handler("action_owner", "Enter who will do the action", errors);
                    let due = answers.date(
                        "action_due",
                        "the date the action is due",
                        today,
                        true,
                        errors,
                    );
                    vec![ActionText {
                        description,
                        owner: owner?,
                        due: due?,
                    }]
                }
                None => vec![],
            };
            Step::Respond {
                stage,
                on: on?,
                outcome: outcome?,
                reasons,
                compensation,
                remedies,
                remedy_detail: answers.optional("remedy_detail"),
                actions,
            }
        }
        "close" => {
            let on = on(errors, "the date it was decided");
            let reason = reason(errors);
            let explanation =
                answers.text("explanation", "Enter what the resident was told", errors);
            Step::Close {
                stage,
                on: on?,
                reason: reason?,
                explanation,
            }
        }
        "refer" => {
            let on = on(errors, "the date of the referral");
            let ombudsman = answers.choice(
                "ombudsman",
                "Select which Ombudsman",
                parse_of(Jurisdiction::ALL, Jurisdiction::as_str),
                errors,
            );
            Step::ReferToOmbudsman {
                on: on?,
                ombudsman: ombudsman?,
            }
        }
        "pay" => {
            let on = on(errors, "the date it was paid");
            let amount = answers.money("amount", errors);
            if amount.is_none() && answers.get("amount").trim().is_empty() {
                errors.add("amount", "Enter how much was paid");
            }
            Step::PayCompensation {
                on: on?,
                amount: amount?,
            }
        }
        "complete-action" => {
            let on = on(errors, "the date it was done");
            let number = answers.choice(
                "number",
                "Select which action was done",
                |raw| raw.parse::<u32>().ok(),
                errors,
            );
            Step::CompleteAction {
                on: on?,
                number: number?,
            }
        }
        _ => {
            let on = on(errors, "the day the note is about");
            let text = answers.text("text", "Enter the note", errors);
            Step::Note { on: on?, text }
        }
    };
    errors.is_empty().then_some(step)
}

/// The sentence for a refusal by the service, and the field it is about.
fn refusal(step: &str, error: &AppError) -> Option<(&'static str, String)> {
    let field = match step {
        "acknowledge" => "handler",
        "extend" => "new_due-day",
        "refuse" | "close" => "reason",
        "respond" | "refer" => "on-day",
        "complete-action" => "number",
        "pay" => "amount",
        _ => "on-day",
    };
    match error {
        AppError::Domain {
            source: DomainError::BreachesCode { provision, message },
            ..
        } => Some((field, format!("{} ({provision})", capitalised(message)))),
        AppError::Domain {
            source: DomainError::Impossible(message),
            ..
        } => Some((field, format!("This cannot be recorded: {message}"))),
        conflict if conflict.is_conflict() => Some((
            "on-day",
            "Someone else saved this case while you were working on it. What you typed is \
             below: check the case, then save again to record it on top of their change"
                .to_owned(),
        )),
        _ => None,
    }
}

async fn load(app: &App, raw: &str) -> Result<(Reference, CaseSheet), Response> {
    let Ok(reference) = Reference::parse(raw) else {
        return Err(not_found().await);
    };
    match app.case_sheet(&reference, app.today()).await {
        Ok(sheet) => Ok((reference, sheet)),
        Err(AppError::NotFound(_)) => Err(not_found().await),
        Err(error) => {
            tracing::error!(%error, "a case could not be read");
            Err(unavailable())
        }
    }
}

fn title_of(step: &str, sheet: &CaseSheet) -> Option<(String, &'static str)> {
    let (_, title, button, _) = STEPS.iter().find(|(name, ..)| *name == step)?;
    let stage = stage_word(stage_of(sheet));
    let title = match step {
        "acknowledge" | "extend" | "respond" | "close" => format!("{title}: {stage}"),
        "refuse" if stage_of(sheet) == Stage::Two => "Refuse the escalation to stage 2".to_owned(),
        "refuse" => "Refuse the complaint".to_owned(),
        _ => (*title).to_owned(),
    };
    Some((title, button))
}

#[allow(
    clippy::too_many_arguments,
    reason = "the parts of one page, each named"
)]
fn step_page(
    staff: &Staff,
    reference: &Reference,
    step: &str,
    sheet: &CaseSheet,
    answers: &Answers,
    errors: Errors,
    version: u32,
) -> Response {
    let Some((title, button)) = title_of(step, sheet) else {
        return not_found_now();
    };
    let fields = questions(step, sheet, staff, answers, &errors);
    render(&StepPage {
        chrome: Chrome::signed_in(staff, "/cases"),
        reference: Some(reference.to_string()),
        title,
        intro: vec![format!(
            "{} received {}: {}.",
            words(sheet.case.kind.as_str()),
            sheet.case.received.on,
            words(sheet.case.status().as_str()).to_lowercase()
        )],
        action: format!("/cases/{reference}/{step}"),
        button,
        form_token: staff.form_token(),
        version,
        fields,
        errors,
    })
}

fn not_found_now() -> Response {
    crate::pages::problem(
        axum::http::StatusCode::NOT_FOUND,
        None,
        "Page not found",
        &["There is no such step. Go back to the case and choose from its list."],
    )
}

pub(crate) async fn form(
    State(app): State<App>,
    staff: Staff,
    Path((reference, step)): Path<(String, String)>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    let (reference, sheet) = match load(&app, &reference).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let version = sheet.case.version;
    step_page(
        &staff,
        &reference,
        &step,
        &sheet,
        &Answers::default(),
        Errors::default(),
        version,
    )
}

pub(crate) async fn save(
    State(app): State<App>,
    staff: Staff,
    Path((reference, step)): Path<(String, String)>,
    Posted(pairs): Posted<Vec<(String, String)>>,
) -> Response {
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    let answers = Answers(pairs);
    if let Some(refused) = staff.refuses_form(answers.get("form_token")) {
        return refused;
    }
    let (reference, sheet) = match load(&app, &reference).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if title_of(&step, &sheet).is_none() {
        return not_found_now();
    }
    let version: u32 = answers.get("version").parse().unwrap_or(0);
    let mut errors = Errors::default();
    let Some(decided) = step_of(&step, &sheet, &answers, &mut errors) else {
        return step_page(&staff, &reference, &step, &sheet, &answers, errors, version);
    };
    match app
        .record_step(&reference, version, &decided, &staff.user.username)
        .await
    {
        Ok(_) => Redirect::to(&format!("/cases/{reference}?done={step}")).into_response(),
        Err(error) => match refusal(&step, &error) {
            Some((field, message)) => {
                errors.add(field, message);
                // After a conflict the form carries the version now stored, so saving again
                // records the step on top of the other person's change, knowingly.
                let now = sheet.case.version;
                step_page(&staff, &reference, &step, &sheet, &answers, errors, now)
            }
            None => {
                tracing::error!(%error, "a step could not be recorded");
                unavailable()
            }
        },
    }
}

/// The steps a case's page offers next, by where it stands; the service decides on saving.
pub fn next_steps(sheet: &CaseSheet) -> Vec<(&'static str, String)> {
    let acknowledged = sheet
        .stages
        .last()
        .is_some_and(|s| s.acknowledged_on.is_some());
    let names: &[&str] = match sheet.case.status() {
        Status::Stage1Open | Status::Stage2Open if !acknowledged => {
            &["acknowledge", "refuse", "convert", "withdraw", "note"]
        }
        Status::Stage1Open | Status::Stage2Open => {
            &["respond", "extend", "close", "withdraw", "note"]
        }
        Status::Stage1Responded => &["escalate", "refer", "pay", "complete-action", "note"],
        Status::Closed => &["refer", "pay", "complete-action", "note"],
        Status::Open => &["answer", "become-complaint", "withdraw", "note"],
        Status::Answered => &["become-complaint", "note"],
        _ => &["refer", "note"],
    };
    names
        .iter()
        .filter_map(|name| title_of(name, sheet).map(|(title, _)| (*name, title)))
        .collect()
}

#[derive(Template)]
#[template(path = "step.html")]
struct NewContactPage {
    chrome: Chrome,
    errors: Errors,
    reference: Option<String>,
    title: String,
    intro: Vec<String>,
    action: String,
    button: &'static str,
    form_token: String,
    version: u32,
    fields: Vec<Field>,
}

fn contact_fields(today: NaiveDate, answers: &Answers, errors: &Errors) -> Vec<Field> {
    let mut b = Builder::new(answers, errors);
    let kinds = choices(ContactKind::ALL, ContactKind::as_str);
    let channels = choices(Channel::ALL, Channel::as_str);
    let mut tenures = vec![("", "Not known".to_owned())];
    tenures.extend(choices(Tenure::ALL, Tenure::as_str));
    let ombudsmen = choices(Jurisdiction::ALL, Jurisdiction::as_str);
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

fn contact_of(today: NaiveDate, answers: &Answers, errors: &mut Errors) -> Option<NewContact> {
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
        name,
        address: answers.optional("address"),
        postcode: answers.optional("postcode"),
        phone: answers.optional("phone"),
        email: answers.optional("email"),
        description,
    })
}

fn contact_page(staff: &Staff, today: NaiveDate, answers: &Answers, errors: Errors) -> Response {
    let fields = contact_fields(today, answers, &errors);
    render(&NewContactPage {
        chrome: Chrome::signed_in(staff, "/cases"),
        errors,
        reference: None,
        title: "Log a new contact".to_owned(),
        intro: vec![
            "A complaint, service request, enquiry, compliment or comment, from any channel."
                .to_owned(),
        ],
        action: "/cases/new".to_owned(),
        button: "Log the contact",
        form_token: staff.form_token(),
        version: 0,
        fields,
    })
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
    if let Some(refused) = staff.barred_from(Area::CaseRecord) {
        return refused;
    }
    let answers = Answers(pairs);
    if let Some(refused) = staff.refuses_form(answers.get("form_token")) {
        return refused;
    }
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
