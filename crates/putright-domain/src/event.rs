//! The typed events a case is made of. Events are facts: appended, never updated. Each carries
//! the day it happened; the storage layer adds when and by whom it was recorded.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::values::{Handler, Pence, PersonalRef};
use crate::vocabulary::{
    Channel, ContactKind, Direction, Jurisdiction, Outcome, RefusalReason, RemedyKind, Stage,
    Tenure,
};

/// Whether an event was recorded live in the app or came from importing history. Live events
/// are held to the Code's rules; imported ones are accepted and flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Live,
    Import,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Live => "live",
            Origin::Import => "import",
        }
    }
}

/// The contact as first recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Received {
    pub kind: ContactKind,
    pub on: NaiveDate,
    pub channel: Option<Channel>,
    pub tenure: Option<Tenure>,
    pub jurisdiction: Jurisdiction,
    pub service_area: Option<String>,
    pub category: Option<String>,
    /// The person and their home, held apart from the event log.
    pub complainant: Option<PersonalRef>,
    pub description: Option<PersonalRef>,
}

/// The complaint definition set at each acknowledgement (Code 5.6, 5.7): the landlord's
/// understanding, the outcomes the resident seeks, and what the landlord is and is not
/// responsible for. The texts are personal data, held apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Definition {
    pub understanding: PersonalRef,
    pub outcomes_sought: PersonalRef,
    pub responsible_for: PersonalRef,
    pub not_responsible_for: Option<PersonalRef>,
}

/// A remedy offered in a response (Code 7.1). The description is held apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remedy {
    pub kind: RemedyKind,
    pub description: Option<PersonalRef>,
    pub compensation: Option<Pence>,
}

/// Something the landlord still has to do after responding, tracked to completion (Code 6.6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutstandingAction {
    /// Numbered within the case, from 1, so a later completion can name it.
    pub number: u32,
    pub description: PersonalRef,
    pub owner: Handler,
    pub due: NaiveDate,
}

/// A stage's written response (Code 6.9, 6.19).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub stage: Stage,
    pub on: NaiveDate,
    /// `None` when history records a response but no outcome (common in real data; reported
    /// as "no outcome", never hidden). The live app always records one.
    pub outcome: Option<Outcome>,
    pub reasons: Option<PersonalRef>,
    pub remedies: Vec<Remedy>,
    pub actions: Vec<OutstandingAction>,
}

/// An extension of a stage's response date (Code 6.4, 6.5, 6.15, 6.16).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extending {
    pub stage: Stage,
    /// The day it was agreed and the resident told; `None` when history does not say.
    pub agreed_on: Option<NaiveDate>,
    pub new_due: NaiveDate,
    pub reason: Option<PersonalRef>,
    /// Whether the resident was given the Ombudsman's details; `None` when history does not say.
    pub ombudsman_details_given: Option<bool>,
    pub good_reason: bool,
}

/// Every event that can happen to a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    Received(Received),
    /// Not accepted at stage 1, or escalation to stage 2 refused (Code 2.1 to 2.5, 5.11).
    Refused {
        stage: Stage,
        on: NaiveDate,
        reason: RefusalReason,
        /// The explanation given to the resident (Code 2.4); `None` when history does not hold it.
        explanation: Option<PersonalRef>,
    },
    /// A complaint that is really a first request for a service (Code 1.4).
    ConvertedToServiceRequest {
        on: NaiveDate,
        explanation: Option<PersonalRef>,
    },
    /// Dissatisfaction with a service request's handling: a complaint from this day (Code 1.5).
    BecameComplaint {
        on: NaiveDate,
    },
    Acknowledged {
        stage: Stage,
        on: NaiveDate,
        /// Who handles the stage; imported history may not say.
        handler: Option<Handler>,
        /// The complaint definition (Code 5.6); imported history may not hold one.
        definition: Option<Definition>,
    },
    Extended(Extending),
    Responded(Response),
    CompensationPaid {
        on: NaiveDate,
        amount: Pence,
    },
    /// The resident asks for stage 2; no reason is needed (Code 6.12).
    EscalationRequested {
        on: NaiveDate,
    },
    Withdrawn {
        on: NaiveDate,
    },
    ReferredToOmbudsman {
        on: NaiveDate,
        ombudsman: Jurisdiction,
    },
    ActionCompleted {
        on: NaiveDate,
        number: u32,
    },
    /// A service request or member enquiry answered.
    Answered {
        on: NaiveDate,
    },
    Note {
        on: NaiveDate,
        text: PersonalRef,
    },
    Correspondence {
        on: NaiveDate,
        direction: Direction,
        summary: PersonalRef,
    },
    /// Imported history that changed since it was last imported: from now on the case is what
    /// these events say. The earlier events stay in the log, so nothing is lost.
    Corrected {
        on: NaiveDate,
        events: Vec<Event>,
    },
}

impl Event {
    /// The day the event happened.
    pub fn effective_on(&self) -> NaiveDate {
        match self {
            Event::Received(r) => r.on,
            Event::Extended(e) => e.agreed_on.unwrap_or(e.new_due),
            Event::Responded(r) => r.on,
            Event::Refused { on, .. }
            | Event::ConvertedToServiceRequest { on, .. }
            | Event::BecameComplaint { on }
            | Event::Acknowledged { on, .. }
            | Event::CompensationPaid { on, .. }
            | Event::EscalationRequested { on }
            | Event::Withdrawn { on }
            | Event::ReferredToOmbudsman { on, .. }
            | Event::ActionCompleted { on, .. }
            | Event::Answered { on }
            | Event::Note { on, .. }
            | Event::Correspondence { on, .. }
            | Event::Corrected { on, .. } => *on,
        }
    }

    /// The event's name as stored and shown.
    pub fn name(&self) -> &'static str {
        match self {
            Event::Received(_) => "received",
            Event::Refused { .. } => "refused",
            Event::ConvertedToServiceRequest { .. } => "converted_to_service_request",
            Event::BecameComplaint { .. } => "became_complaint",
            Event::Acknowledged { .. } => "acknowledged",
            Event::Extended(_) => "extended",
            Event::Responded(_) => "responded",
            Event::CompensationPaid { .. } => "compensation_paid",
            Event::EscalationRequested { .. } => "escalation_requested",
            Event::Withdrawn { .. } => "withdrawn",
            Event::ReferredToOmbudsman { .. } => "referred_to_ombudsman",
            Event::ActionCompleted { .. } => "action_completed",
            Event::Answered { .. } => "answered",
            Event::Note { .. } => "note",
            Event::Correspondence { .. } => "correspondence",
            Event::Corrected { .. } => "corrected",
        }
    }
}
