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
    /// Recorded by a user in the app, as it happened.
    Live,
    /// Brought in from the landlord's earlier records.
    Import,
}

impl Origin {
    /// The name as stored: `live` or `import`.
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
    /// What kind of contact it was when it arrived.
    pub kind: ContactKind,
    /// The day the landlord received it; every Code timescale starts from here.
    pub on: NaiveDate,
    /// How it reached the landlord, if recorded.
    pub channel: Option<Channel>,
    /// The resident's tenure, if known; it decides which TSM a complaint counts in.
    pub tenure: Option<Tenure>,
    /// Which Ombudsman the complaint would go to.
    pub jurisdiction: Jurisdiction,
    /// The landlord's own service area (e.g. repairs), for the reports' breakdowns.
    pub service_area: Option<String>,
    /// The landlord's own category of complaint, for the reports' breakdowns.
    pub category: Option<String>,
    /// The person and their home, held apart from the event log.
    pub complainant: Option<PersonalRef>,
    /// What the contact was about, in the resident's or the officer's words.
    pub description: Option<PersonalRef>,
}

/// The complaint definition set at each acknowledgement (Code 5.6, 5.7): the landlord's
/// understanding, the outcomes the resident seeks, and what the landlord is and is not
/// responsible for. The texts are personal data, held apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Definition {
    /// The landlord's understanding of the complaint.
    pub understanding: PersonalRef,
    /// The outcomes the resident is seeking.
    pub outcomes_sought: PersonalRef,
    /// What the landlord is responsible for and will answer.
    pub responsible_for: PersonalRef,
    /// What the landlord is not responsible for, if anything.
    pub not_responsible_for: Option<PersonalRef>,
}

/// A remedy offered in a response (Code 7.1). The description is held apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remedy {
    /// What kind of remedy it is.
    pub kind: RemedyKind,
    /// What was offered, in words.
    pub description: Option<PersonalRef>,
    /// The money offered, if any; it counts towards the compensation the case offered.
    pub compensation: Option<Pence>,
}

/// Something the landlord still has to do after responding, tracked to completion (Code 6.6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutstandingAction {
    /// Numbered within the case, from 1, so a later completion can name it.
    pub number: u32,
    /// What is to be done.
    pub description: PersonalRef,
    /// Who is responsible for doing it.
    pub owner: Handler,
    /// The day it should be done by.
    pub due: NaiveDate,
}

/// A stage's written response (Code 6.9, 6.19).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    /// The stage answered.
    pub stage: Stage,
    /// The day the response was sent.
    pub on: NaiveDate,
    /// `None` when history records a response but no outcome (common in real data; reported
    /// as "no outcome", never hidden). The live app always records one.
    pub outcome: Option<Outcome>,
    /// The reasons for the decision.
    pub reasons: Option<PersonalRef>,
    /// The remedies offered to put things right.
    pub remedies: Vec<Remedy>,
    /// What the landlord still has to do, each tracked until completed.
    pub actions: Vec<OutstandingAction>,
}

/// An extension of a stage's response date (Code 6.4, 6.5, 6.15, 6.16).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extending {
    /// The stage whose response date moves.
    pub stage: Stage,
    /// The day it was agreed and the resident told; `None` when history does not say.
    pub agreed_on: Option<NaiveDate>,
    /// The response date agreed.
    pub new_due: NaiveDate,
    /// Why more time is needed, as the resident was told.
    pub reason: Option<PersonalRef>,
    /// Whether the resident was given the Ombudsman's details; `None` when history does not say.
    pub ombudsman_details_given: Option<bool>,
    /// Whether there is a good reason to go past the Code's limit on extensions; without one,
    /// an extension beyond it does not count.
    pub good_reason: bool,
}

/// What an amendment puts right: one thing recorded wrongly, with the value it should have had.
/// The value replaces the one recorded from the start, so every report, whatever its period,
/// reads the case as if it had been recorded right first time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum Amendment {
    /// The resident's tenure, which decides the TSM a complaint counts in; `None` for unknown.
    Tenure(Option<Tenure>),
    /// Which Ombudsman the complaint would go to.
    Jurisdiction(Jurisdiction),
    /// The landlord's service area; `None` to clear it.
    ServiceArea(Option<String>),
    /// The landlord's category; `None` to clear it.
    Category(Option<String>),
    /// Who handles a stage.
    Handler {
        /// The stage whose handler was recorded wrongly.
        stage: Stage,
        /// Who handles it.
        handler: Handler,
    },
    /// The complainant's name and contact details, as a new personal record.
    Complainant(PersonalRef),
}

impl Amendment {
    /// The name of what was amended, as shown: `tenure`, `jurisdiction` and so on.
    pub fn field(&self) -> &'static str {
        match self {
            Amendment::Tenure(_) => "tenure",
            Amendment::Jurisdiction(_) => "jurisdiction",
            Amendment::ServiceArea(_) => "service_area",
            Amendment::Category(_) => "category",
            Amendment::Handler { .. } => "handler",
            Amendment::Complainant(_) => "contact_details",
        }
    }
}

/// Every event that can happen to a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// The contact arrived: always a case's first event, and only its first.
    Received(Received),
    /// Not accepted at stage 1, or escalation to stage 2 refused (Code 2.1 to 2.5, 5.11).
    Refused {
        /// Stage 1 for a complaint not accepted, stage 2 for an escalation refused.
        stage: Stage,
        /// The day of the decision.
        on: NaiveDate,
        /// Why it was refused.
        reason: RefusalReason,
        /// The explanation given to the resident (Code 2.4); `None` when history does not hold it.
        explanation: Option<PersonalRef>,
    },
    /// An accepted complaint ended without a response, for a reason on the exclusion list: for
    /// example legal proceedings began after it was acknowledged (Code 2.2). The stage stays
    /// received, and is neither on time nor late.
    Closed {
        /// The stage ended.
        stage: Stage,
        /// The day of the decision.
        on: NaiveDate,
        /// Why it was ended.
        reason: RefusalReason,
        /// The explanation given to the resident; `None` when history does not hold it.
        explanation: Option<PersonalRef>,
    },
    /// A complaint that is really a first request for a service (Code 1.4).
    ConvertedToServiceRequest {
        /// The day of the decision; the service request's clock starts here.
        on: NaiveDate,
        /// The explanation given to the resident, if recorded.
        explanation: Option<PersonalRef>,
    },
    /// Dissatisfaction with a service request's handling: a complaint from this day (Code 1.5).
    BecameComplaint {
        /// The day the resident complained; stage 1 starts here.
        on: NaiveDate,
    },
    /// A stage acknowledged to the resident (Code 6.2, 6.11).
    Acknowledged {
        /// The stage acknowledged.
        stage: Stage,
        /// The day the acknowledgement was sent.
        on: NaiveDate,
        /// Who handles the stage; imported history may not say.
        handler: Option<Handler>,
        /// The complaint definition (Code 5.6); imported history may not hold one.
        definition: Option<Definition>,
    },
    /// A stage's response date moved later, by agreement with the resident.
    Extended(Extending),
    /// A stage answered in writing; this ends the stage.
    Responded(Response),
    /// Compensation paid to the resident (offered compensation is part of the response).
    CompensationPaid {
        /// The day it was paid.
        on: NaiveDate,
        /// How much was paid.
        amount: Pence,
    },
    /// The resident asks for stage 2; no reason is needed (Code 6.12).
    EscalationRequested {
        /// The day the resident asked; stage 2 starts here.
        on: NaiveDate,
    },
    /// The resident withdrew the complaint (ending the open stage) or the request.
    Withdrawn {
        /// The day it was withdrawn.
        on: NaiveDate,
    },
    /// The resident took the complaint to an Ombudsman.
    ReferredToOmbudsman {
        /// The day of the referral.
        on: NaiveDate,
        /// Which Ombudsman.
        ombudsman: Jurisdiction,
    },
    /// An outstanding action from a response was done (Code 6.6).
    ActionCompleted {
        /// The day it was done.
        on: NaiveDate,
        /// The action's number within the case.
        number: u32,
    },
    /// A service request or member enquiry answered.
    Answered {
        /// The day the answer was sent; compared with the landlord's target.
        on: NaiveDate,
    },
    /// A note on the case for staff; it changes nothing the Code measures.
    Note {
        /// The day the note is dated.
        on: NaiveDate,
        /// The note itself.
        text: PersonalRef,
    },
    /// A letter, email or call to or from the resident, kept with the case.
    Correspondence {
        /// The day it was sent or received.
        on: NaiveDate,
        /// Whether it came in or went out.
        direction: Direction,
        /// What it said, in brief.
        summary: PersonalRef,
    },
    /// Something recorded wrongly, put right: tenure, jurisdiction, category, service area, a
    /// stage's handler or the complainant's details. The earlier value stays in the log.
    Amended {
        /// The day the amendment was made.
        on: NaiveDate,
        /// What was put right, and its right value.
        amendment: Amendment,
        /// Why it was wrong, in the officer's words.
        reason: PersonalRef,
    },
    /// Imported history that changed since it was last imported: from now on the case is what
    /// these events say. The earlier events stay in the log, so nothing is lost.
    Corrected {
        /// The day the correction was imported.
        on: NaiveDate,
        /// The case's events in full, as they now stand, beginning with its receipt.
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
            | Event::Closed { on, .. }
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
            | Event::Amended { on, .. }
            | Event::Corrected { on, .. } => *on,
        }
    }

    /// The event's name as stored and shown.
    pub fn name(&self) -> &'static str {
        match self {
            Event::Received(_) => "received",
            Event::Refused { .. } => "refused",
            Event::Closed { .. } => "closed",
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
            Event::Amended { .. } => "amended",
            Event::Corrected { .. } => "corrected",
        }
    }
}
