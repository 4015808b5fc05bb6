//! A case's state, folded from its events, and the rules that decide whether the next event
//! can be recorded.
//!
//! `Case::start` takes the `Received` event; `Case::apply` every later one. Under
//! [`Strictness::Enforce`] (the live app) the Code rules the app refuses are errors; under
//! [`Strictness::Record`] (imported history, and replaying stored events after a calendar change)
//! they are flags. Impossible events are errors under both.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
pub use crate::compliance::{DomainError, Flag};
use crate::event::{Event, Extending, OutstandingAction, Received, Response};
use crate::timing::{
    Ending, Extension, ExtensionVerdict, StageFacts, StageTimes, extension_provision,
};
use crate::values::{Handler, Pence, WorkingDays};
use crate::vocabulary::{ContactKind, Jurisdiction, Outcome, RefusalReason, Stage};

/// Whether the Code's enforceable rules stop an event or only flag it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// The live app: a breach the app enforces is refused with [`DomainError::BreachesCode`].
    Enforce,
    /// Imported history and replays: every breach is accepted and flagged.
    Record,
}

/// What the rules need besides the case: the calendar and the landlord's settings.
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    /// The working-day calendar every deadline is counted on.
    pub calendar: &'a Calendar,
    /// The target for answering service requests and member enquiries (default 10 working days).
    pub response_target: WorkingDays,
}

/// One complaint stage as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageState {
    /// The dates the stage's deadlines are worked from.
    pub facts: StageFacts,
    /// Who handles the stage, named at acknowledgement.
    pub handler: Option<Handler>,
    /// The decision, once responded to.
    pub outcome: Option<Outcome>,
    /// Whether the complaint definition was set at acknowledgement (Code 5.6).
    pub definition_set: bool,
    /// False if any extension was agreed without giving the Ombudsman's details.
    pub ombudsman_details_given: bool,
    /// Why the landlord ended the stage without a response (Code 2.2), if it did.
    pub closure: Option<Refusal>,
}

impl StageState {
    fn new(stage: Stage, started_on: NaiveDate) -> Self {
        Self {
            facts: StageFacts {
                stage,
                started_on,
                acknowledged_on: None,
                extensions: Vec::new(),
                ending: None,
            },
            handler: None,
            outcome: None,
            definition_set: false,
            ombudsman_details_given: true,
            closure: None,
        }
    }

    /// Which stage this is.
    pub fn stage(&self) -> Stage {
        self.facts.stage
    }

    /// The stage's deadlines and standing, worked out on `calendar`.
    pub fn times(&self, calendar: &Calendar) -> StageTimes {
        self.facts.times(calendar)
    }
}

/// A refusal to accept a complaint or to escalate it, or a decision to end a stage without a
/// response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    /// The day of the decision.
    pub on: NaiveDate,
    /// Why it was refused or ended, from the exclusion list (Code 2.2).
    pub reason: RefusalReason,
    /// Whether the explanation given to the resident is recorded (Code 2.4).
    pub explained: bool,
}

/// An outstanding action and whether it has been completed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionState {
    /// The action as the response set it out.
    pub action: OutstandingAction,
    /// The stage whose response set it.
    pub stage: Stage,
    /// The day it was done, if it has been.
    pub completed_on: Option<NaiveDate>,
}

/// Where a case stands, in one word for lists and filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A complaint at stage 1, not yet responded to.
    Stage1Open,
    /// A complaint responded to at stage 1 and not escalated (yet).
    Stage1Responded,
    /// A complaint at stage 2, not yet responded to.
    Stage2Open,
    /// A complaint responded to at stage 2: the landlord's process is finished.
    Closed,
    /// A complaint not accepted, for a reason other than being a service request.
    Refused,
    /// A complaint or request the resident withdrew.
    Withdrawn,
    /// A complaint the landlord ended without a response (Code 2.2).
    ClosedWithoutResponse,
    /// A service request or member enquiry not yet answered.
    Open,
    /// A service request or member enquiry answered.
    Answered,
    /// A compliment or comment: recorded, with nothing to do.
    Recorded,
}

impl Status {
    /// Every status, in the order a case can reach them.
    pub const ALL: [Status; 10] = [
        Status::Stage1Open,
        Status::Stage1Responded,
        Status::Stage2Open,
        Status::Closed,
        Status::Refused,
        Status::Withdrawn,
        Status::ClosedWithoutResponse,
        Status::Open,
        Status::Answered,
        Status::Recorded,
    ];

    /// The name as stored and used in filters, e.g. `stage1_open`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Stage1Open => "stage1_open",
            Status::Stage1Responded => "stage1_responded",
            Status::Stage2Open => "stage2_open",
            Status::Closed => "closed",
            Status::Refused => "refused",
            Status::Withdrawn => "withdrawn",
            Status::ClosedWithoutResponse => "closed_without_response",
            Status::Open => "open",
            Status::Answered => "answered",
            Status::Recorded => "recorded",
        }
    }
}

/// The state of one case, derived from its events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    /// The kind now: a service request can become a complaint and a complaint a service request.
    pub kind: ContactKind,
    /// The contact as first recorded.
    pub received: Received,
    /// Stage 1 then stage 2, as far as the complaint has gone.
    pub stages: Vec<StageState>,
    /// Why the complaint was not accepted at stage 1 (or was converted to a service request).
    pub refusal: Option<Refusal>,
    /// Why escalation to stage 2 was refused.
    pub escalation_refusal: Option<Refusal>,
    /// The day a service request's clock starts: receipt, or the day a complaint was converted.
    pub request_started_on: NaiveDate,
    /// The day a service request became a complaint, if it did.
    pub became_complaint_on: Option<NaiveDate>,
    /// The day a service request or member enquiry was answered.
    pub answered_on: Option<NaiveDate>,
    /// The day a service request or member enquiry was withdrawn (a complaint's withdrawal
    /// ends its stage instead).
    pub withdrawn_on: Option<NaiveDate>,
    /// All compensation offered in the responses.
    pub compensation_offered: Pence,
    /// All compensation paid.
    pub compensation_paid: Pence,
    /// Each offer of compensation: the day of the response that made it, and how much.
    pub offers: Vec<(NaiveDate, Pence)>,
    /// Each payment of compensation: the day paid, and how much.
    pub payments: Vec<(NaiveDate, Pence)>,
    /// Each referral to an Ombudsman: the day, and which Ombudsman.
    pub referrals: Vec<(NaiveDate, Jurisdiction)>,
    /// The outstanding actions the responses set, in the order set.
    pub actions: Vec<ActionState>,
    /// Every breach the case carries, once each, in the order first seen. A correction
    /// starts them afresh, so a breach corrected away no longer counts.
    pub flags: Vec<Flag>,
    /// How many events the case is made of: the version for optimistic concurrency.
    pub version: u32,
}

impl Case {
    /// Opens a case from its first event, which must be `Received`.
    pub fn start(event: &Event) -> Result<Case, DomainError> {
        let Event::Received(received) = event else {
            return Err(DomainError::impossible(format!(
                "a case must begin with its receipt, not \"{}\"",
                event.name()
            )));
        };
        let stages = match received.kind {
            ContactKind::Complaint => vec![StageState::new(Stage::One, received.on)],
            _ => Vec::new(),
        };
        Ok(Case {
            kind: received.kind,
            received: received.clone(),
            stages,
            refusal: None,
            escalation_refusal: None,
            request_started_on: received.on,
            became_complaint_on: None,
            answered_on: None,
            withdrawn_on: None,
            compensation_offered: Pence::ZERO,
            compensation_paid: Pence::ZERO,
            offers: Vec::new(),
            payments: Vec::new(),
            referrals: Vec::new(),
            actions: Vec::new(),
            flags: Vec::new(),
            version: 1,
        })
    }

    /// Folds stored events into a case, flagging rather than refusing (they were accepted once;
    /// the calendar may have changed since). Returns the flags of each event in order.
    pub fn replay(
        events: &[Event],
        rules: Rules<'_>,
    ) -> Result<(Case, Vec<Vec<Flag>>), DomainError> {
        let (first, rest) = events
            .split_first()
            .ok_or_else(|| DomainError::impossible("a case has no events"))?;
        let mut case = Case::start(first)?;
        let mut flags = vec![Vec::new()];
        for event in rest {
            let (next, f) = case.apply(event, rules, Strictness::Record)?;
            case = next;
            flags.push(f);
        }
        Ok((case, flags))
    }

    /// Records the next event: the new state and the breaches it carries, or why it cannot be.
    pub fn apply(
        mut self,
        event: &Event,
        rules: Rules<'_>,
        strictness: Strictness,
    ) -> Result<(Case, Vec<Flag>), DomainError> {
        let on = event.effective_on();
        if on < self.received.on {
            return Err(DomainError::impossible(format!(
                "\"{}\" on {on} is before the case was received on {}",
                event.name(),
                self.received.on
            )));
        }
        let mut flags = Vec::new();
        match event {
            Event::Received(_) => {
                return Err(DomainError::impossible(
                    "the case has already been received",
                ));
            }
            Event::Refused {
                stage,
                on,
                reason,
                explanation,
            } => {
                let refusal = Refusal {
                    on: *on,
                    reason: *reason,
                    explained: explanation.is_some(),
                };
                flags = self.refuse(*stage, refusal, strictness)?
            }
            Event::ConvertedToServiceRequest { on, explanation } => {
                let refusal = Refusal {
                    on: *on,
                    reason: RefusalReason::ServiceRequest,
                    explained: explanation.is_some(),
                };
                flags = self.refuse(Stage::One, refusal, strictness)?
            }
            Event::Closed {
                stage,
                on,
                reason,
                explanation,
            } => {
                let closure = Refusal {
                    on: *on,
                    reason: *reason,
                    explained: explanation.is_some(),
                };
                self.close(*stage, closure, strictness)?
            }
            Event::BecameComplaint { on } => self.become_complaint(*on)?,
            Event::Acknowledged {
                stage,
                on,
                handler,
                definition,
            } => {
                let definition_set = definition.is_some();
                flags = self.acknowledge(
                    *stage,
                    *on,
                    handler.as_ref(),
                    definition_set,
                    rules,
                    strictness,
                )?
            }
            Event::Extended(extending) => flags = self.extend(extending, rules, strictness)?,
            Event::Responded(response) => flags = self.respond(response, rules)?,
            Event::CompensationPaid { on, amount } => {
                self.compensation_paid = self
                    .compensation_paid
                    .checked_add(*amount)
                    .ok_or_else(|| DomainError::impossible("compensation paid is too large"))?;
                self.payments.push((*on, *amount));
            }
            Event::EscalationRequested { on } => self.escalate(*on, rules, strictness)?,
            Event::Withdrawn { on } => self.withdraw(*on)?,
            Event::ReferredToOmbudsman { on, ombudsman } => self.referrals.push((*on, *ombudsman)),
            Event::ActionCompleted { on, number } => self.complete_action(*on, *number)?,
            Event::Answered { on } => flags = self.answer(*on, rules)?,
            Event::Note { .. } | Event::Correspondence { .. } => {}
            Event::Amended { amendment, .. } => flags = self.amend(amendment, strictness)?,
            Event::Corrected { events, .. } => {
                if events.iter().any(|e| matches!(e, Event::Corrected { .. })) {
                    return Err(DomainError::impossible(
                        "a correction cannot contain another correction",
                    ));
                }
                let (restated, restated_flags) = Case::replay(events, rules)?;
                let version = self.version;
                self = restated;
                self.version = version;
                flags = restated_flags.into_iter().flatten().collect();
                self.flags.clear();
            }
        }
        for flag in &flags {
            if !self.flags.contains(flag) {
                self.flags.push(*flag);
            }
        }
        self.version += 1;
        Ok((self, flags))
    }

    /// Where the case stands now.
    pub fn status(&self) -> Status {
        if self
            .refusal
            .as_ref()
            .is_some_and(|r| r.reason != RefusalReason::ServiceRequest)
        {
            return Status::Refused;
        }
        match self.kind {
            // A refused escalation leaves the complaint where stage 1 left it.
            ContactKind::Complaint => match self
                .stages
                .iter()
                .rfind(|s| !matches!(s.facts.ending, Some(Ending::Refused(_))))
            {
                Some(s) => match (s.stage(), s.facts.ending) {
                    (_, Some(Ending::Withdrawn(_))) => Status::Withdrawn,
                    (_, Some(Ending::Closed(_))) => Status::ClosedWithoutResponse,
                    (Stage::One, None) => Status::Stage1Open,
                    (Stage::One, Some(_)) => Status::Stage1Responded,
                    (Stage::Two, None) => Status::Stage2Open,
                    (Stage::Two, Some(_)) => Status::Closed,
                },
                None => Status::Refused,
            },
            kind if kind.has_response_target() => match (self.answered_on, self.withdrawn_on) {
                (Some(_), _) => Status::Answered,
                (None, Some(_)) => Status::Withdrawn,
                (None, None) => Status::Open,
            },
            _ => Status::Recorded,
        }
    }

    /// The complaint's stage 1 or stage 2, if it has reached it.
    pub fn stage(&self, stage: Stage) -> Option<&StageState> {
        self.stages.iter().find(|s| s.stage() == stage)
    }

    /// The date a service request or member enquiry is due to be answered.
    pub fn request_due(&self, rules: Rules<'_>) -> Option<NaiveDate> {
        self.kind.has_response_target().then(|| {
            rules
                .calendar
                .add_working_days(self.request_started_on, rules.response_target)
        })
    }

    fn open_stage(&mut self, stage: Stage, what: &str) -> Result<&mut StageState, DomainError> {
        if self.kind != ContactKind::Complaint {
            return Err(DomainError::impossible(format!(
                "{what} at {stage}, but this case is a {}, not a complaint",
                self.kind
            )));
        }
        match self.stages.iter_mut().find(|s| s.stage() == stage) {
            Some(s) => Ok(s),
            None if stage == Stage::Two => Err(DomainError::impossible(format!(
                "{what} at stage 2, but the complaint has not been escalated to stage 2"
            ))),
            None => Err(DomainError::impossible(format!(
                "{what} at stage 1, but the complaint was not accepted"
            ))),
        }
    }

    /// Refuses to accept stage 1 or to escalate to stage 2. The stage stays, ended by the
    /// refusal, so a report as at an earlier day still sees it received and open.
    fn refuse(
        &mut self,
        stage: Stage,
        refusal: Refusal,
        strictness: Strictness,
    ) -> Result<Vec<Flag>, DomainError> {
        let what = match stage {
            Stage::One => "refused",
            Stage::Two => "escalation refused",
        };
        let on = refusal.on;
        if stage == Stage::One && self.stages.len() > 1 {
            return Err(DomainError::impossible(format!(
                "{what} on {on}, but the complaint is already at stage 2"
            )));
        }
        let s = self.open_stage(stage, what)?;
        if let Some(end) = s.facts.ending {
            return Err(DomainError::impossible(format!(
                "{what} on {on}, but {stage} already ended on {}",
                end.date()
            )));
        }
        if on < s.facts.started_on {
            return Err(DomainError::impossible(format!(
                "{what} on {on}, before {stage} began on {}",
                s.facts.started_on
            )));
        }
        // Code 2.1 to 2.5: whether to accept is decided before the acknowledgement. A complaint
        // found to be a service request may still be converted (Code 1.4).
        let acknowledged = s.facts.acknowledged_on;
        if let (Some(ack), false) = (
            acknowledged,
            refusal.reason == RefusalReason::ServiceRequest,
        ) {
            if strictness == Strictness::Enforce {
                return Err(DomainError::BreachesCode {
                    provision: "Code 2.1",
                    message: format!(
                        "{stage} was acknowledged on {ack}, so it was accepted and can no longer be refused: close it without a response instead, giving the reason"
                    ),
                });
            }
            // History that refused an accepted complaint is read as a closure on that day.
            check_can_end(s, on, "closed")?;
            s.facts.ending = Some(Ending::Closed(on));
            s.closure = Some(refusal);
            return Ok(vec![Flag::RefusedAfterAcknowledgement { stage }]);
        }
        s.facts.ending = Some(Ending::Refused(on));
        match stage {
            Stage::One => {
                if refusal.reason == RefusalReason::ServiceRequest {
                    // Code 1.4: a first request for a service is handled as a service request.
                    self.kind = ContactKind::ServiceRequest;
                    self.request_started_on = on;
                }
                self.refusal = Some(refusal);
            }
            Stage::Two => self.escalation_refusal = Some(refusal),
        }
        Ok(Vec::new())
    }

    /// Ends an accepted stage without a response (Code 2.2). The stage stays received.
    fn close(
        &mut self,
        stage: Stage,
        closure: Refusal,
        strictness: Strictness,
    ) -> Result<(), DomainError> {
        if closure.reason == RefusalReason::ServiceRequest {
            return Err(DomainError::impossible(
                "a complaint that is a service request is converted, not closed",
            ));
        }
        let s = self.open_stage(stage, "closed")?;
        check_can_end(s, closure.on, "closed")?;
        if s.facts.acknowledged_on.is_none() && strictness == Strictness::Enforce {
            return Err(DomainError::BreachesCode {
                provision: "Code 2.1",
                message: format!(
                    "{stage} has not been acknowledged, so it was never accepted: refuse it instead, giving the reason"
                ),
            });
        }
        s.facts.ending = Some(Ending::Closed(closure.on));
        s.closure = Some(closure);
        Ok(())
    }

    fn become_complaint(&mut self, on: NaiveDate) -> Result<(), DomainError> {
        if self.kind != ContactKind::ServiceRequest {
            return Err(DomainError::impossible(format!(
                "only a service request can become a complaint; this case is a {}",
                self.kind
            )));
        }
        if on < self.request_started_on {
            return Err(DomainError::impossible(format!(
                "became a complaint on {on}, before the service request began on {}",
                self.request_started_on
            )));
        }
        // Code 1.5: stage 1 starts on the day the complaint is made.
        self.kind = ContactKind::Complaint;
        self.refusal = None;
        self.became_complaint_on = Some(on);
        self.stages = vec![StageState::new(Stage::One, on)];
        Ok(())
    }

    fn acknowledge(
        &mut self,
        stage: Stage,
        on: NaiveDate,
        handler: Option<&Handler>,
        definition_set: bool,
        rules: Rules<'_>,
        strictness: Strictness,
    ) -> Result<Vec<Flag>, DomainError> {
        let stage_one_handler = self.stage(Stage::One).and_then(|s| s.handler.clone());
        let s = self.open_stage(stage, "acknowledged")?;
        if on < s.facts.started_on {
            return Err(DomainError::impossible(format!(
                "acknowledged on {on}, before {stage} began on {}",
                s.facts.started_on
            )));
        }
        if let Some(Ending::Refused(refused)) = s.facts.ending {
            return Err(DomainError::impossible(format!(
                "acknowledged on {on}, but {stage} was refused on {refused}, and a refusal comes before any acknowledgement"
            )));
        }
        if let Some(end) = s.facts.ending.filter(|e| e.date() < on) {
            return Err(DomainError::impossible(format!(
                "acknowledged on {on}, after {stage} ended on {}",
                end.date()
            )));
        }
        if let Some(previous) = s.facts.acknowledged_on {
            return Err(DomainError::impossible(format!(
                "{stage} was already acknowledged on {previous}"
            )));
        }
        let mut flags = Vec::new();
        let same_person = match (&stage_one_handler, handler) {
            (Some(one), Some(two)) => one.same_person(two),
            _ => false,
        };
        if stage == Stage::Two && same_person {
            if strictness == Strictness::Enforce {
                return Err(DomainError::BreachesCode {
                    provision: "Code 6.13",
                    message: format!(
                        "{} handled stage 1, so cannot handle stage 2: choose another handler",
                        handler.map_or("", Handler::as_str)
                    ),
                });
            }
            flags.push(Flag::SameHandler);
        }
        if on > s.times(rules.calendar).acknowledgement_due {
            flags.push(Flag::LateAcknowledgement { stage });
        }
        s.facts.acknowledged_on = Some(on);
        s.handler = handler.cloned();
        s.definition_set = definition_set;
        Ok(flags)
    }

    fn extend(
        &mut self,
        ext: &Extending,
        rules: Rules<'_>,
        strictness: Strictness,
    ) -> Result<Vec<Flag>, DomainError> {
        let stage = ext.stage;
        if stage == Stage::One && self.stages.len() > 1 {
            // The resident escalated while stage 1 was overdue: its date can no longer move.
            return Err(DomainError::impossible(
                "stage 1 cannot be extended once the complaint has been escalated to stage 2",
            ));
        }
        let s = self.open_stage(stage, "extended")?;
        if let Some(agreed) = ext.agreed_on.filter(|d| *d < s.facts.started_on) {
            return Err(DomainError::impossible(format!(
                "extension agreed on {agreed}, before {stage} began on {}",
                s.facts.started_on
            )));
        }
        if let Some(end) = s
            .facts
            .ending
            .filter(|end| ext.agreed_on.is_none_or(|agreed| agreed > end.date()))
        {
            return Err(DomainError::impossible(format!(
                "an extension agreed after {stage} ended on {}",
                end.date()
            )));
        }
        let mut candidate = s.facts.clone();
        candidate.extensions.push(Extension {
            agreed_on: ext.agreed_on,
            new_due: ext.new_due,
            good_reason: ext.good_reason,
        });
        let times = candidate.times(rules.calendar);
        let verdict = *times
            .extensions
            .last()
            .expect("an extension was just added");
        let mut flags = Vec::new();
        let provision = extension_provision(stage);
        match verdict {
            ExtensionVerdict::Counted => {}
            ExtensionVerdict::PastLimit if strictness == Strictness::Enforce => {
                let limit = rules.calendar.add_working_days(
                    times.original_response_due,
                    crate::timing::extension_limit(stage),
                );
                return Err(DomainError::BreachesCode {
                    provision,
                    message: format!(
                        "extending {stage} to {} goes past {limit}, the most the Code allows without a good reason: record the good reason or choose an earlier date",
                        ext.new_due
                    ),
                });
            }
            ExtensionVerdict::NotLater if strictness == Strictness::Enforce => {
                return Err(DomainError::impossible(format!(
                    "the new date {} is not after the due date in force, {}",
                    ext.new_due,
                    s.times(rules.calendar).response_due
                )));
            }
            ExtensionVerdict::PastLimit => flags.push(Flag::ExtensionPastLimit { stage }),
            ExtensionVerdict::NotLater => flags.push(Flag::ExtensionNotLater { stage }),
            ExtensionVerdict::AgreedTooLate => flags.push(Flag::ExtensionAgreedLate { stage }),
        }
        if ext.ombudsman_details_given == Some(false) {
            flags.push(Flag::OmbudsmanDetailsNotGiven { stage });
            s.ombudsman_details_given = false;
        }
        s.facts = candidate;
        Ok(flags)
    }

    fn respond(&mut self, response: &Response, rules: Rules<'_>) -> Result<Vec<Flag>, DomainError> {
        let (stage, on) = (response.stage, response.on);
        let used: Vec<u32> = self.actions.iter().map(|a| a.action.number).collect();
        if let Some(a) = response.actions.iter().find(|a| used.contains(&a.number)) {
            return Err(DomainError::impossible(format!(
                "outstanding action {} is already recorded on this case",
                a.number
            )));
        }
        let s = self.open_stage(stage, "responded")?;
        check_can_end(s, on, "responded")?;
        let times = s.times(rules.calendar);
        let mut flags = Vec::new();
        if s.facts.acknowledged_on.is_none() {
            flags.push(Flag::NeverAcknowledged { stage });
        }
        if on > times.response_due {
            flags.push(Flag::LateResponse { stage });
        }
        s.facts.ending = Some(Ending::Responded(on));
        s.outcome = response.outcome;
        let too_large = || DomainError::impossible("compensation offered is too large");
        let offer = response
            .remedies
            .iter()
            .filter_map(|r| r.compensation)
            .try_fold(Pence::ZERO, Pence::checked_add)
            .ok_or_else(too_large)?;
        if offer != Pence::ZERO {
            self.compensation_offered = self
                .compensation_offered
                .checked_add(offer)
                .ok_or_else(too_large)?;
            self.offers.push((on, offer));
        }
        self.actions
            .extend(response.actions.iter().map(|a| ActionState {
                action: a.clone(),
                stage,
                completed_on: None,
            }));
        Ok(flags)
    }

    /// Starts stage 2 on the day the resident asks (Code 6.12: no reasons needed), after the
    /// stage 1 response, or while stage 1 is overdue and unanswered: stage 1 then stays overdue
    /// until it is answered or closed.
    fn escalate(
        &mut self,
        on: NaiveDate,
        rules: Rules<'_>,
        strictness: Strictness,
    ) -> Result<(), DomainError> {
        let s = self.open_stage(Stage::One, "escalation requested")?;
        // Imported history records stage 1's response before an escalation requested while it
        // was still open, so a response dated after the request leaves it open at the request.
        match s.facts.ending {
            Some(Ending::Responded(answered)) if on >= answered => {}
            Some(Ending::Withdrawn(_)) => {
                return Err(DomainError::impossible(
                    "a withdrawn complaint cannot be escalated",
                ));
            }
            Some(Ending::Closed(closed) | Ending::Refused(closed)) => {
                return Err(DomainError::impossible(format!(
                    "stage 1 ended without a response on {closed}, so there is nothing to escalate: the resident may take the decision to the Ombudsman"
                )));
            }
            None | Some(Ending::Responded(_)) => {
                let due = s
                    .facts
                    .as_at(rules.calendar, on)
                    .times(rules.calendar)
                    .response_due;
                if on <= due && strictness == Strictness::Enforce {
                    return Err(DomainError::BreachesCode {
                        provision: "Code 6.3",
                        message: format!(
                            "stage 1 is due to be answered by {due}: the complaint can be escalated once stage 1 is answered, or from the day after it is overdue"
                        ),
                    });
                }
            }
        }
        if let Some(refusal) = &self.escalation_refusal {
            return Err(DomainError::impossible(format!(
                "escalation to stage 2 was already refused on {}",
                refusal.on
            )));
        }
        if self.stages.len() > 1 {
            return Err(DomainError::impossible(
                "the complaint is already at stage 2",
            ));
        }
        self.stages.push(StageState::new(Stage::Two, on));
        Ok(())
    }

    fn withdraw(&mut self, on: NaiveDate) -> Result<(), DomainError> {
        if self.kind == ContactKind::Complaint {
            // Stage 1 can still be open beside stage 2 (escalated while overdue): withdrawing
            // the complaint ends both.
            let mut open = self
                .stages
                .iter_mut()
                .filter(|s| s.facts.ending.is_none())
                .peekable();
            if open.peek().is_none() {
                return Err(DomainError::impossible("nothing is open to withdraw"));
            }
            for s in open {
                check_can_end(s, on, "withdrawn")?;
                s.facts.ending = Some(Ending::Withdrawn(on));
            }
            return Ok(());
        }
        if !self.kind.has_response_target()
            || self.answered_on.is_some()
            || self.withdrawn_on.is_some()
        {
            return Err(DomainError::impossible(format!(
                "this {} is not open, so it cannot be withdrawn",
                self.kind
            )));
        }
        self.withdrawn_on = Some(on);
        Ok(())
    }

    fn complete_action(&mut self, on: NaiveDate, number: u32) -> Result<(), DomainError> {
        let Some(action) = self.actions.iter_mut().find(|a| a.action.number == number) else {
            return Err(DomainError::impossible(format!(
                "there is no outstanding action {number}"
            )));
        };
        if let Some(done) = action.completed_on {
            return Err(DomainError::impossible(format!(
                "outstanding action {number} was already completed on {done}"
            )));
        }
        action.completed_on = Some(on);
        Ok(())
    }

    fn answer(&mut self, on: NaiveDate, rules: Rules<'_>) -> Result<Vec<Flag>, DomainError> {
        if !self.kind.has_response_target() {
            return Err(DomainError::impossible(format!(
                "a {} is not answered this way",
                self.kind
            )));
        }
        if let Some(previous) = self.answered_on.or(self.withdrawn_on) {
            return Err(DomainError::impossible(format!(
                "already closed on {previous}"
            )));
        }
        if on < self.request_started_on {
            return Err(DomainError::impossible(format!(
                "answered on {on}, before the request began on {}",
                self.request_started_on
            )));
        }
        self.answered_on = Some(on);
        let late = self.request_due(rules).is_some_and(|due| on > due);
        Ok(if late {
            vec![Flag::LateAnswer]
        } else {
            Vec::new()
        })
    }
}

/// A stage can end (by response or withdrawal) only once, after it began, and after its
/// acknowledgement and any extension were agreed.
fn check_can_end(s: &StageState, on: NaiveDate, what: &str) -> Result<(), DomainError> {
    let stage = s.stage();
    if let Some(end) = s.facts.ending {
        return Err(DomainError::impossible(format!(
            "{what} on {on}, but {stage} already ended on {}",
            end.date()
        )));
    }
    if on < s.facts.started_on {
        return Err(DomainError::impossible(format!(
            "{what} on {on}, before {stage} began on {}",
            s.facts.started_on
        )));
    }
    if let Some(ack) = s.facts.acknowledged_on.filter(|ack| *ack > on) {
        return Err(DomainError::impossible(format!(
            "{what} on {on}, but {stage} was acknowledged after that, on {ack}"
        )));
    }
    if let Some(agreed) = s
        .facts
        .extensions
        .iter()
        .filter_map(|e| e.agreed_on)
        .find(|d| *d > on)
    {
        return Err(DomainError::impossible(format!(
            "{what} on {on}, but an extension of {stage} was agreed after that, on {agreed}"
        )));
    }
    Ok(())
}

mod amend;
#[cfg(test)]
mod tests;
