//! The Code's steps as staff record them live, one call each: log a new contact, and each step
//! of a case ([`Step`]). The texts people type (the definition, reasons, explanations, what a
//! contact is about, the complainant's details) are held as personal data, apart from the
//! events. Every step goes through [`Casebook::record`], so the domain holds it to the Code
//! (refusing an extension past the limit without a good reason, Code 6.4 and 6.15, or the stage
//! 1 handler reviewing at stage 2, Code 6.13), and names the version it was decided against,
//! so the second of two people saving the same case is told rather than overwriting the first.

use chrono::{Datelike, NaiveDate};
use putright_domain::event::{
    Definition, Extending, OutstandingAction, Received, Remedy, Response,
};
use putright_domain::values::{Handler, Pence};
use putright_domain::vocabulary::{
    Channel, ContactKind, Jurisdiction, Outcome, RefusalReason, RemedyKind, Stage, Tenure,
};
use putright_domain::{Event, Origin, Reference};
use putright_store::{Store, StoreError};

use crate::casebook::{Casebook, Draft};
use crate::error::AppError;

mod amend;

pub use amend::{ContactDetails, Correction};

/// What the new-contact form records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContact {
    /// What kind of contact it is.
    pub kind: ContactKind,
    /// The day it was received.
    pub received_on: NaiveDate,
    /// How it came in.
    pub channel: Channel,
    /// The resident's tenure, if known.
    pub tenure: Option<Tenure>,
    /// Which Ombudsman a complaint would go to.
    pub jurisdiction: Jurisdiction,
    /// The landlord's service area.
    pub service_area: Option<String>,
    /// The landlord's category.
    pub category: Option<String>,
    /// The resident's name and how to reach them.
    pub contact: ContactDetails,
    /// What it is about, in their words or the officer's.
    pub description: String,
}

/// The complaint definition as typed (Code 5.6).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DefinitionText {
    /// The landlord's understanding of the complaint.
    pub understanding: String,
    /// The outcomes the resident seeks.
    pub outcomes_sought: String,
    /// What the landlord is responsible for and will answer.
    pub responsible_for: String,
    /// What it is not responsible for, if anything.
    pub not_responsible_for: Option<String>,
}

/// An action a response sets, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionText {
    /// What is to be done.
    pub description: String,
    /// Who will do it.
    pub owner: Handler,
    /// By when.
    pub due: NaiveDate,
}

/// One step of the Code on a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Acknowledge a stage with the complaint definition: how a complaint is accepted (Code
    /// 5.6, 6.2, 6.11); at stage 2 the handler is the reviewer (never the stage 1 handler, 6.13).
    Acknowledge {
        /// The stage.
        stage: Stage,
        /// The day the acknowledgement was sent.
        on: NaiveDate,
        /// Who handles the stage.
        handler: Handler,
        /// The definition.
        definition: DefinitionText,
    },
    /// Refuse a complaint at stage 1, or an escalation at stage 2, with the explanation given
    /// (Code 2.1 to 2.5, 5.11).
    Refuse {
        /// The stage.
        stage: Stage,
        /// The day of the decision.
        on: NaiveDate,
        /// Why.
        reason: RefusalReason,
        /// What the resident was told.
        explanation: String,
    },
    /// A complaint that is really a first request for a service (Code 1.4).
    ConvertToServiceRequest {
        /// The day of the decision.
        on: NaiveDate,
        /// What the resident was told.
        explanation: String,
    },
    /// The resident is dissatisfied with a service request: a complaint from this day (1.5).
    BecomeComplaint {
        /// The day they complained.
        on: NaiveDate,
    },
    /// Agree a later response date with the resident (Code 6.4, 6.5, 6.15, 6.16).
    Extend {
        /// The stage.
        stage: Stage,
        /// The day it was agreed.
        agreed_on: NaiveDate,
        /// The new response date.
        new_due: NaiveDate,
        /// Why more time is needed, as the resident was told.
        reason: String,
        /// Whether a good reason allows going past the Code's limit.
        good_reason: bool,
        /// Whether the resident was given the Ombudsman's details.
        ombudsman_details_given: bool,
    },
    /// Respond at a stage, which ends it.
    Respond {
        /// The stage.
        stage: Stage,
        /// The day the response was sent.
        on: NaiveDate,
        /// The decision.
        outcome: Outcome,
        /// The reasons for it.
        reasons: String,
        /// Compensation offered, if any.
        compensation: Option<Pence>,
        /// The other remedies offered (Code 7.1): an apology, an explanation, and so on.
        remedies: Vec<RemedyKind>,
        /// What the remedies are, in words.
        remedy_detail: Option<String>,
        /// What is still to be done.
        actions: Vec<ActionText>,
    },
    /// An outstanding action done (Code 6.6).
    CompleteAction {
        /// The day it was done.
        on: NaiveDate,
        /// Its number within the case.
        number: u32,
    },
    /// Compensation paid.
    PayCompensation {
        /// The day paid.
        on: NaiveDate,
        /// How much.
        amount: Pence,
    },
    /// The resident asks for stage 2; no reason is asked (Code 6.12).
    Escalate {
        /// The day they asked.
        on: NaiveDate,
    },
    /// The resident withdrew.
    Withdraw {
        /// The day.
        on: NaiveDate,
    },
    /// End an accepted complaint without a response (Code 2.2).
    Close {
        /// The stage.
        stage: Stage,
        /// The day of the decision.
        on: NaiveDate,
        /// Why.
        reason: RefusalReason,
        /// What the resident was told.
        explanation: String,
    },
    /// The resident took the complaint to an Ombudsman.
    ReferToOmbudsman {
        /// The day of the referral.
        on: NaiveDate,
        /// Which Ombudsman.
        ombudsman: Jurisdiction,
    },
    /// A service request or member enquiry answered.
    Answer {
        /// The day the answer was sent.
        on: NaiveDate,
    },
    /// Put right what was recorded wrongly, with the reason; the reports then use the
    /// amended values.
    Amend {
        /// The day of the amendment.
        on: NaiveDate,
        /// Why it was wrong.
        reason: String,
        /// What was wrong, each with its right value.
        corrections: Vec<Correction>,
    },
    /// A note for staff.
    Note {
        /// The day it is dated.
        on: NaiveDate,
        /// The note.
        text: String,
    },
}

/// What a step's events are drafted against, read only for the steps that need it.
#[derive(Debug, Default)]
struct Context {
    /// How many outstanding actions the case has, for numbering a response's.
    actions_so_far: usize,
    /// The complainant's record as stored, for new contact details to be written over.
    complainant: Option<serde_json::Value>,
}

/// The prefix of the references the app gives new contacts: `PR-` and the year received.
fn prefix(on: NaiveDate) -> String {
    format!("PR-{}-", on.year())
}

/// The number after the prefix of reference `last`, if it is one of ours.
fn number_of(prefix: &str, last: Option<&str>) -> u64 {
    last.and_then(|r| r.strip_prefix(prefix))
        .and_then(|n| n.parse::<u64>().ok())
        .unwrap_or(0)
}

/// Whether a new case's save failed because its reference was taken meanwhile.
pub(crate) fn taken(error: &AppError) -> bool {
    matches!(
        error,
        AppError::Store(StoreError::Conflict { .. } | StoreError::AlreadyExists(_))
    )
}

/// The prefix of the references the app gives new contacts received on `on`.
pub(crate) fn reference_prefix(on: NaiveDate) -> String {
    prefix(on)
}

fn optional(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

impl Step {
    /// The events the step records, with the personal data they point to. Actions a response
    /// sets are numbered on from the case's count, so each keeps its number; new contact
    /// details are written over the complainant's record as it stands.
    fn draft(&self, case: &Context) -> Draft {
        let mut draft = Draft::default();
        let event = match self {
            Step::Acknowledge {
                stage,
                on,
                handler,
                definition,
            } => {
                let d = Definition {
                    understanding: draft.personal(
                        "understanding",
                        &definition.understanding,
                        false,
                    ),
                    outcomes_sought: draft.personal(
                        "outcomes_sought",
                        &definition.outcomes_sought,
                        false,
                    ),
                    responsible_for: draft.personal(
                        "responsible_for",
                        &definition.responsible_for,
                        false,
                    ),
                    not_responsible_for: optional(&definition.not_responsible_for)
                        .map(|t| draft.personal("not_responsible_for", t, false)),
                };
                Event::Acknowledged {
                    stage: *stage,
                    on: *on,
                    handler: Some(handler.clone()),
                    definition: Some(d),
                }
            }
            Step::Refuse {
                stage,
                on,
                reason,
                explanation,
            } => Event::Refused {
                stage: *stage,
                on: *on,
                reason: *reason,
                explanation: Some(draft.personal("explanation", explanation, false)),
            },
            Step::ConvertToServiceRequest { on, explanation } => Event::ConvertedToServiceRequest {
                on: *on,
                explanation: Some(draft.personal("explanation", explanation, false)),
            },
            Step::BecomeComplaint { on } => Event::BecameComplaint { on: *on },
            Step::Extend {
                stage,
                agreed_on,
                new_due,
                reason,
                good_reason,
                ombudsman_details_given,
            } => Event::Extended(Extending {
                stage: *stage,
                agreed_on: Some(*agreed_on),
                new_due: *new_due,
                reason: Some(draft.personal("extension_reason", reason, false)),
                ombudsman_details_given: Some(*ombudsman_details_given),
                good_reason: *good_reason,
            }),
            Step::Respond {
                stage,
                on,
                outcome,
                reasons,
                compensation,
                remedies: kinds,
                remedy_detail,
                actions,
            } => {
                let detail = optional(remedy_detail).map(|t| draft.personal("remedy", t, false));
                let mut remedies: Vec<Remedy> = kinds
                    .iter()
                    .filter(|k| **k != RemedyKind::Compensation)
                    .map(|kind| Remedy {
                        kind: *kind,
                        description: detail.clone(),
                        compensation: None,
                    })
                    .collect();
                if let Some(pence) = compensation {
                    remedies.push(Remedy {
                        kind: RemedyKind::Compensation,
                        description: None,
                        compensation: Some(*pence),
                    });
                }
                let actions = actions
                    .iter()
                    .enumerate()
                    .map(|(i, a)| OutstandingAction {
                        number: u32::try_from(case.actions_so_far + i + 1).unwrap_or(u32::MAX),
                        description: draft.personal("action", &a.description, false),
                        owner: a.owner.clone(),
                        due: a.due,
                    })
                    .collect();
                Event::Responded(Response {
                    stage: *stage,
                    on: *on,
                    outcome: Some(*outcome),
                    reasons: Some(draft.personal("reasons", reasons, false)),
                    remedies,
                    actions,
                })
            }
            Step::CompleteAction { on, number } => Event::ActionCompleted {
                on: *on,
                number: *number,
            },
            Step::PayCompensation { on, amount } => Event::CompensationPaid {
                on: *on,
                amount: *amount,
            },
            Step::Escalate { on } => Event::EscalationRequested { on: *on },
            Step::Withdraw { on } => Event::Withdrawn { on: *on },
            Step::Close {
                stage,
                on,
                reason,
                explanation,
            } => Event::Closed {
                stage: *stage,
                on: *on,
                reason: *reason,
                explanation: Some(draft.personal("explanation", explanation, false)),
            },
            Step::ReferToOmbudsman { on, ombudsman } => Event::ReferredToOmbudsman {
                on: *on,
                ombudsman: *ombudsman,
            },
            Step::Answer { on } => Event::Answered { on: *on },
            Step::Note { on, text } => Event::Note {
                on: *on,
                text: draft.personal("note", text, false),
            },
            Step::Amend {
                on,
                reason,
                corrections,
            } => {
                let complainant = case.complainant.clone();
                for event in amend::amendments(&mut draft, *on, reason, corrections, complainant) {
                    draft.push(event);
                }
                return draft;
            }
        };
        draft.push(event);
        draft
    }
}

impl<S: Store> Casebook<S> {
    async fn context(&self, reference: &Reference, step: &Step) -> Result<Context, AppError> {
        let mut context = Context::default();
        match step {
            Step::Respond { .. } => {
                context.actions_so_far = self.case(reference).await?.case.actions.len();
            }
            Step::Amend { corrections, .. }
                if corrections
                    .iter()
                    .any(|c| matches!(c, Correction::ContactDetails(_))) =>
            {
                let case = self.case(reference).await?.case;
                if let Some(id) = &case.received.complainant
                    && let Some(record) = self.store().personal(id.as_str()).await?
                {
                    context.complainant = serde_json::from_str(&record.value).ok();
                }
            }
            _ => {}
        }
        Ok(context)
    }

    /// The next reference under `prefix`: one past the larger of the last stored and the last
    /// this service gave, so that saves running at once take different numbers; another
    /// process's saves are seen when the store is read again.
    pub(crate) async fn take_reference(&self, prefix: &str) -> Result<Reference, AppError> {
        let stored = number_of(
            prefix,
            self.store().last_reference(prefix).await?.as_deref(),
        );
        let n = {
            let mut given = self.given.lock().unwrap_or_else(|e| e.into_inner());
            let last = given.entry(prefix.to_owned()).or_insert(0);
            *last = (*last).max(stored) + 1;
            *last
        };
        Reference::parse(&format!("{prefix}{n:07}"))
            .map_err(|e| AppError::Invalid(format!("reference: {}", e.0)))
    }

    /// Records a new contact under the next free reference of its year; returns the reference.
    pub async fn log_contact(&self, contact: &NewContact, by: &str) -> Result<Reference, AppError> {
        self.log_contact_keyed(contact, by, None).await
    }

    /// Records a new contact, with the API request's Idempotency-Key written in the same save.
    pub async fn log_contact_keyed(
        &self,
        contact: &NewContact,
        by: &str,
        keyed: Option<putright_store::IdempotencyWrite>,
    ) -> Result<Reference, AppError> {
        let prefix = prefix(contact.received_on);
        // Another process logging at once may take the same next number; the second save then
        // finds the case already there and takes the one after.
        for _ in 0..5 {
            let reference = self.take_reference(&prefix).await?;
            let mut draft = Draft::default();
            let complainant = draft.personal("complainant", contact.contact.over(None), false);
            let description = draft.personal("description", contact.description.trim(), false);
            draft.push(Event::Received(Received {
                kind: contact.kind,
                on: contact.received_on,
                channel: Some(contact.channel),
                tenure: contact.tenure,
                jurisdiction: contact.jurisdiction,
                service_area: optional(&contact.service_area).map(str::to_owned),
                category: optional(&contact.category).map(str::to_owned),
                complainant: Some(complainant),
                description: Some(description),
            }));
            draft.idempotency = keyed.clone();
            match self
                .record(&reference, Some(0), draft, Origin::Live, by)
                .await
            {
                Ok(_) => return Ok(reference),
                Err(e) if taken(&e) => continue,
                Err(other) => return Err(other),
            }
        }
        Err(AppError::Invalid(
            "could not find a free reference: try again".into(),
        ))
    }

    /// Records a step on a case decided against `version`; returns the case's new version.
    pub async fn record_step(
        &self,
        reference: &Reference,
        version: u32,
        step: &Step,
        by: &str,
    ) -> Result<u32, AppError> {
        self.record_step_issuing(reference, version, step, by, None)
            .await
    }

    /// Records a step, settling the response draft `issues` in the same save if one is named.
    pub(crate) async fn record_step_issuing(
        &self,
        reference: &Reference,
        version: u32,
        step: &Step,
        by: &str,
        issues: Option<i64>,
    ) -> Result<u32, AppError> {
        let context = self.context(reference, step).await?;
        let mut draft = step.draft(&context);
        draft.issues_draft = issues;
        let recorded = self
            .record(reference, Some(version), draft, Origin::Live, by)
            .await?;
        Ok(recorded.version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_count_on_within_their_year() {
        let p = prefix("2026-11-29".parse().unwrap());
        assert_eq!(p, "PR-2026-");
        assert_eq!(number_of(&p, None), 0);
        assert_eq!(number_of(&p, Some("PR-2026-0003506")), 3506);
        assert_eq!(number_of(&p, Some("PR-2025-0003506")), 0, "another year's");
        assert_eq!(number_of(&p, Some("IMPORTED-1")), 0, "not one of ours");
    }
}
