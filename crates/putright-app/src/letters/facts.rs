//! What a letter says about its case: the values of its fields, read from the case's events,
//! the personal data they point to, the users (the handler's name) and the landlord's settings.
//! A letter about a step the case has not reached is refused with what is missing.

use chrono::NaiveDate;
use putright_document::format;
use putright_domain::event::{Definition, OutstandingAction};
use putright_domain::values::PersonalRef;
use putright_domain::vocabulary::{Jurisdiction, Outcome, RefusalReason, RemedyKind, Stage};
use putright_domain::{Event, Reference};
use putright_store::Store;

use super::kind::LetterKind;
use super::template::{Value, Values, escape, paragraphs};
use crate::case_file::Complainant;
use crate::casebook::{CaseView, Casebook};
use crate::error::AppError;

/// The landlord as its letters name it: settings `landlord_name`, `landlord_address`,
/// `landlord_email` and `landlord_phone`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Landlord {
    /// Its name.
    pub name: String,
    /// Its postal address, a line per line.
    pub address: String,
    /// The email address residents write to about complaints.
    pub email: String,
    /// The telephone number residents call about complaints.
    pub phone: String,
}

/// The settings a landlord's details are kept under, in [`Landlord`]'s order.
pub const LANDLORD_SETTINGS: [&str; 4] = [
    "landlord_name",
    "landlord_address",
    "landlord_email",
    "landlord_phone",
];

/// A letter's facts: its fields, and who it goes to.
#[derive(Debug, Clone)]
pub struct Facts {
    /// The values of the template's fields.
    pub values: Values,
    /// The resident as recorded.
    pub resident: Complainant,
}

/// The Ombudsman's name and contact details, as a paragraph of Markdown.
fn ombudsman(jurisdiction: Jurisdiction) -> (&'static str, &'static str) {
    match jurisdiction {
        Jurisdiction::Hos => (
            "Housing Ombudsman",
            "**The Housing Ombudsman Service**\\\nPO Box 1484, Unit D, Preston PR2 0ET\\\n\
             Telephone: 0300 111 3000\\\nEmail: info@housing\\-ombudsman.org.uk\\\n\
             Website: www.housing\\-ombudsman.org.uk",
        ),
        Jurisdiction::Lgsco => (
            "Local Government and Social Care Ombudsman",
            "**The Local Government and Social Care Ombudsman**\\\nPO Box 4771, Coventry CV4 0EH\\\n\
             Telephone: 0300 061 0614\\\nWebsite: www.lgo.org.uk",
        ),
    }
}

fn outcome_words(outcome: Option<Outcome>) -> &'static str {
    match outcome {
        Some(Outcome::Upheld) => "upheld",
        Some(Outcome::PartiallyUpheld) => "partly upheld",
        Some(Outcome::NotUpheld) => "not upheld",
        None => "not decided",
    }
}

fn refusal_words(reason: RefusalReason) -> &'static str {
    match reason {
        RefusalReason::Over12Months => {
            "you told us about it more than 12 months after it happened or after you became aware of it"
        }
        RefusalReason::LegalProceedings => "the matter is the subject of legal proceedings",
        RefusalReason::PreviouslyConsidered => {
            "we have already considered it under our complaints procedure"
        }
        RefusalReason::Duplicate => "it repeats a complaint we are already dealing with",
        RefusalReason::ServiceRequest => {
            "it is a first request for a service, which we will deal with as a request"
        }
        RefusalReason::PolicyDecision => {
            "it is about a policy decision our complaints procedure cannot change"
        }
        RefusalReason::OutOfRemit => "it is about something we are not responsible for",
        RefusalReason::Anonymous => "we could not tell who made it",
        RefusalReason::Other => "of the reason below",
    }
}

fn remedy_words(kind: RemedyKind) -> &'static str {
    match kind {
        RemedyKind::Apology => "An apology",
        RemedyKind::AcknowledgeFailure => "Acknowledging what went wrong",
        RemedyKind::Explanation => "An explanation",
        RemedyKind::ActionOnDelay => "Putting right a delay",
        RemedyKind::ChangeDecision => "Changing our decision",
        RemedyKind::AmendRecord => "Correcting our records",
        RemedyKind::Compensation => "Compensation",
        RemedyKind::ChangePolicy => "Changing a policy or procedure",
    }
}

impl<S: Store> Casebook<S> {
    /// The landlord's details from its settings; each missing one is empty.
    pub async fn landlord(&self) -> Result<Landlord, AppError> {
        let mut values = Vec::new();
        for key in LANDLORD_SETTINGS {
            values.push(self.store().setting(key).await?.unwrap_or_default());
        }
        let [name, address, email, phone] = <[String; 4]>::try_from(values).unwrap_or_default();
        Ok(Landlord {
            name,
            address,
            email,
            phone,
        })
    }

    /// Keeps the landlord's details as its settings.
    pub async fn set_landlord(&self, landlord: &Landlord) -> Result<(), AppError> {
        let values = [
            &landlord.name,
            &landlord.address,
            &landlord.email,
            &landlord.phone,
        ];
        for (key, value) in LANDLORD_SETTINGS.into_iter().zip(values) {
            self.store().set_setting(key, value.trim()).await?;
        }
        Ok(())
    }

    async fn words(&self, id: &PersonalRef) -> Result<String, AppError> {
        Ok(self
            .store()
            .personal(id.as_str())
            .await?
            .map(|r| r.value)
            .unwrap_or_default())
    }

    /// The words held apart under `id` (empty if none, or erased).
    pub(crate) async fn words_of(&self, id: Option<&PersonalRef>) -> Result<String, AppError> {
        match id {
            Some(id) => self.words(id).await,
            None => Ok(String::new()),
        }
    }

    /// The complaint definition as Markdown: each part under its own words.
    async fn definition(&self, d: Option<&Definition>) -> Result<Value, AppError> {
        let Some(d) = d else {
            return Ok(Value::Text(
                "We did not set out a complaint definition for this stage.".into(),
            ));
        };
        let mut parts = vec![
            (
                "What we understand your complaint to be",
                self.words(&d.understanding).await?,
            ),
            (
                "What you would like us to do",
                self.words(&d.outcomes_sought).await?,
            ),
            (
                "What we are responsible for and will answer",
                self.words(&d.responsible_for).await?,
            ),
        ];
        if let Some(not) = &d.not_responsible_for {
            parts.push(("What we are not responsible for", self.words(not).await?));
        }
        Ok(Value::Markdown(
            parts
                .into_iter()
                .map(|(label, text)| format!("**{label}:** {}", paragraphs(&text)))
                .collect::<Vec<_>>()
                .join("\n\n"),
        ))
    }

    /// Each action as a list item: what, by when, and whether it is done.
    async fn actions(
        &self,
        actions: &[&OutstandingAction],
        done: &[(u32, NaiveDate)],
    ) -> Result<Value, AppError> {
        if actions.is_empty() {
            return Ok(Value::Text("There is nothing more for us to do.".into()));
        }
        let mut items = Vec::new();
        for action in actions {
            let what = escape(self.words(&action.description).await?.trim());
            let state = match done.iter().find(|(n, _)| *n == action.number) {
                Some((_, on)) => format!("done on {}", format::date(on)),
                None => format!("to be done by {}", format::date(&action.due)),
            };
            items.push(format!("- {what}: {state}"));
        }
        Ok(Value::Markdown(items.join("\n")))
    }

    /// The name the letter is signed with: the handler's name if they are a user, else as
    /// recorded; with no handler, the name of the person issuing it.
    async fn signer(&self, handler: Option<&str>, by: &str) -> Result<String, AppError> {
        let users = self.store().users().await?;
        let username = handler.unwrap_or(by);
        Ok(users
            .into_iter()
            .find(|u| u.username == username)
            .map_or_else(|| username.to_owned(), |u| u.name))
    }

    /// The facts of a letter of `kind` about case `reference`, issued on `on` by `by`.
    pub async fn letter_facts(
        &self,
        reference: &Reference,
        kind: LetterKind,
        on: NaiveDate,
        by: &str,
    ) -> Result<Facts, AppError> {
        // The case is read once; the timeline's words, which a letter does not show, are not.
        let view = self.case(reference).await?;
        let sheet = self.sheet_of(reference, view.clone(), on).await?;
        let case = &sheet.case;
        let jurisdiction = case.received.jurisdiction;
        let (ombudsman_name, ombudsman_details) = ombudsman(jurisdiction);
        let resident = match &case.received.complainant {
            Some(id) => self
                .store()
                .personal(id.as_str())
                .await?
                .map(|record| Complainant::from_record(&record.value))
                .unwrap_or_default(),
            None => Complainant::default(),
        };
        let landlord = self.landlord().await?;
        let mut values = Values::new();
        let mut text = |name: &str, value: String| {
            values.insert(name.to_owned(), Value::Text(value));
        };
        text("reference", reference.to_string());
        text("date", format::date(&on));
        text(
            "resident_name",
            resident.name.clone().unwrap_or_else(|| "resident".into()),
        );
        text("landlord_name", landlord.name.clone());
        text("ombudsman_name", format!("the {ombudsman_name}"));
        values.insert(
            "ombudsman".into(),
            Value::Markdown(ombudsman_details.to_owned()),
        );
        let missing = |what: &str| {
            AppError::Invalid(format!(
                "case {reference} has no {what} to write {} about",
                kind.with_article()
            ))
        };
        let handler_of = |stage: Stage| {
            case.stage(stage)
                .and_then(|s| s.handler.as_ref())
                .map(|h| h.as_str().to_owned())
        };
        let (stage, own) = self.own_values(&view, kind, &sheet, missing).await?;
        values.extend(own);
        if let Some(stage) = stage {
            values.insert("stage".into(), Value::Text(stage.to_string()));
        }
        let handler = stage.and_then(handler_of);
        let signer = self.signer(handler.as_deref(), by).await?;
        values.insert("handler_name".into(), Value::Text(signer));
        Ok(Facts { values, resident })
    }

    /// The fields of the letter's own, and the stage it is about.
    async fn own_values(
        &self,
        view: &CaseView,
        kind: LetterKind,
        sheet: &crate::case_sheet::CaseSheet,
        missing: impl Fn(&str) -> AppError,
    ) -> Result<(Option<Stage>, Values), AppError> {
        let events: Vec<&Event> = view.stored.events.iter().map(|e| &e.event).collect();
        let latest = |pick: &dyn Fn(&Event) -> bool| events.iter().rev().find(|e| pick(e)).copied();
        let acknowledged = |stage: Stage| {
            latest(&|e| matches!(e, Event::Acknowledged { stage: s, .. } if *s == stage))
        };
        let mut own = Values::new();
        let responses: Vec<&putright_domain::event::Response> = events
            .iter()
            .filter_map(|e| match e {
                Event::Responded(r) => Some(r),
                _ => None,
            })
            .collect();
        let done: Vec<(u32, NaiveDate)> = events
            .iter()
            .filter_map(|e| match e {
                Event::ActionCompleted { on, number } => Some((*number, *on)),
                _ => None,
            })
            .collect();
        let all_actions: Vec<&OutstandingAction> =
            responses.iter().flat_map(|r| r.actions.iter()).collect();
        let stage = match kind {
            LetterKind::Acknowledgement => {
                let Some(Event::Acknowledged {
                    stage, definition, ..
                }) = latest(&|e| matches!(e, Event::Acknowledged { .. }))
                else {
                    return Err(missing("acknowledgement"));
                };
                own.insert(
                    "definition".into(),
                    self.definition(definition.as_ref()).await?,
                );
                if let Some(line) = sheet.stages.iter().find(|l| l.stage == *stage) {
                    own.insert(
                        "response_due".into(),
                        Value::Text(format::date(&line.response_due)),
                    );
                }
                Some(*stage)
            }
            LetterKind::Extension => {
                let Some(Event::Extended(e)) = latest(&|e| matches!(e, Event::Extended(_))) else {
                    return Err(missing("extension"));
                };
                let reason = self.words_of(e.reason.as_ref()).await?;
                own.insert("extension_reason".into(), Value::Paragraphs(reason));
                own.insert("new_date".into(), Value::Text(format::date(&e.new_due)));
                Some(e.stage)
            }
            LetterKind::Refusal => {
                let Some(Event::Refused {
                    stage,
                    reason,
                    explanation,
                    ..
                }) = latest(&|e| matches!(e, Event::Refused { .. }))
                else {
                    return Err(missing("refusal"));
                };
                let what = match stage {
                    Stage::One => "We cannot accept your complaint",
                    Stage::Two => {
                        "We cannot take your complaint to stage 2 of our complaints procedure"
                    }
                };
                let explained = self.words_of(explanation.as_ref()).await?;
                own.insert(
                    "refusal_reason".into(),
                    Value::Markdown(format!(
                        "{what} because {}.\n\n{}",
                        refusal_words(*reason),
                        paragraphs(&explained)
                    )),
                );
                Some(*stage)
            }
            LetterKind::Stage1Response | LetterKind::Stage2Response => {
                let stage = if kind == LetterKind::Stage1Response {
                    Stage::One
                } else {
                    Stage::Two
                };
                let Some(response) = responses.iter().rev().find(|r| r.stage == stage) else {
                    return Err(missing(&format!("{stage} response")));
                };
                let definition = match acknowledged(stage) {
                    Some(Event::Acknowledged { definition, .. }) => definition.as_ref(),
                    _ => None,
                };
                own.insert("definition".into(), self.definition(definition).await?);
                own.insert(
                    "decision".into(),
                    Value::Text(outcome_words(response.outcome).into()),
                );
                let reasons = self.words_of(response.reasons.as_ref()).await?;
                own.insert("reasons".into(), Value::Paragraphs(reasons));
                own.insert("remedy".into(), self.remedies(response).await?);
                let actions: Vec<&OutstandingAction> = response.actions.iter().collect();
                own.insert("actions".into(), self.actions(&actions, &done).await?);
                own.insert("escalation".into(), self.escalation().await?);
                Some(stage)
            }
            LetterKind::Closure => {
                let Some(Event::Closed {
                    stage,
                    reason,
                    explanation,
                    ..
                }) = latest(&|e| matches!(e, Event::Closed { .. }))
                else {
                    return Err(missing("closure"));
                };
                let explained = self.words_of(explanation.as_ref()).await?;
                own.insert(
                    "closure_reason".into(),
                    Value::Markdown(format!(
                        "We have closed it because {}.\n\n{}",
                        refusal_words(*reason),
                        paragraphs(&explained)
                    )),
                );
                Some(*stage)
            }
            LetterKind::ActionUpdate => {
                if all_actions.is_empty() {
                    return Err(missing("outstanding action"));
                }
                own.insert("actions".into(), self.actions(&all_actions, &done).await?);
                responses.last().map(|r| r.stage)
            }
            LetterKind::QaCallNote => {
                let Some(response) = responses.last() else {
                    return Err(missing("response"));
                };
                own.insert(
                    "decision".into(),
                    Value::Text(outcome_words(response.outcome).into()),
                );
                own.insert("actions".into(), self.actions(&all_actions, &done).await?);
                Some(response.stage)
            }
        };
        Ok((stage, own))
    }

    /// The remedies of a response as a list, or that none was offered.
    async fn remedies(
        &self,
        response: &putright_domain::event::Response,
    ) -> Result<Value, AppError> {
        if response.remedies.is_empty() {
            return Ok(Value::Text("We have not offered a remedy.".into()));
        }
        let mut items = Vec::new();
        for remedy in &response.remedies {
            let mut line = remedy_words(remedy.kind).to_owned();
            if let Some(money) = remedy.compensation {
                line.push_str(&format!(" of {}", format::pounds(money.get())));
            }
            let what = self.words_of(remedy.description.as_ref()).await?;
            let what = what.trim();
            if what.is_empty() {
                items.push(format!("- {}", escape(&line)));
            } else {
                items.push(format!("- {}: {}", escape(&line), escape(what)));
            }
        }
        Ok(Value::Markdown(items.join("\n")))
    }

    /// How to escalate to stage 2 (Code 6.9, 6.12): no reason needed, and how to ask.
    async fn escalation(&self) -> Result<Value, AppError> {
        let landlord = self.landlord().await?;
        let mut ways = Vec::new();
        if !landlord.email.trim().is_empty() {
            ways.push(format!("email {}", escape(landlord.email.trim())));
        }
        if !landlord.phone.trim().is_empty() {
            ways.push(format!("call {}", escape(landlord.phone.trim())));
        }
        ways.push("reply to this letter".into());
        Ok(Value::Markdown(format!(
            "You can ask us to look at your complaint again at stage 2 of our complaints \
             procedure. You do not need to give a reason. To ask, {}, quoting your reference.",
            ways.join(", or ")
        )))
    }
}
