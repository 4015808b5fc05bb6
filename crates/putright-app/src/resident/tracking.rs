//! The link a resident follows to their case. It opens one case and shows only what the
//! resident should see of it: the stage, what happens next and by when, and the letters sent;
//! never staff notes or anything else recorded. Through it the resident adds information,
//! asks for stage 2 with no reason asked (Code 6.12; also once stage 1 is overdue), or
//! withdraws. A link is good until 28 days after the case closes (no stage open), or 28 days
//! after it was sent if that is later, so a new link always works; a new one is sent only to
//! the email address on the case.

use chrono::NaiveDate;
use putright_domain::event::Event;
use putright_domain::lifecycle::Status;
use putright_domain::timing::Ending;
use putright_domain::vocabulary::{ContactKind, Direction, Jurisdiction, Stage};
use putright_domain::{Origin, Reference};
use putright_store::{LetterRow, OutboxMessage, Store};

use super::ResidentToken;
use super::submission::RECORDED_BY;
use crate::app::App;
use crate::backend::dispatch;
use crate::case_file::Complainant;
use crate::casebook::{CaseView, Casebook, Draft};
use crate::error::AppError;

/// How long a link works after its case closes.
pub const DAYS_AFTER_CLOSING: i64 = 28;

/// One stage as the resident sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackedStage {
    /// Stage 1 or 2.
    pub stage: Stage,
    /// The day it began.
    pub began_on: NaiveDate,
    /// The day the acknowledgement is due.
    pub acknowledgement_due: NaiveDate,
    /// The day it was acknowledged, if it has been.
    pub acknowledged_on: Option<NaiveDate>,
    /// The day the answer is due, extensions agreed included.
    pub response_due: NaiveDate,
    /// How it ended and when: `responded`, `withdrawn`, `closed` or `refused`.
    pub ended: Option<(&'static str, NaiveDate)>,
}

/// A case as its tracking link shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracked {
    /// The reference.
    pub reference: Reference,
    /// The version the resident's request is decided against.
    pub version: u32,
    /// What kind of contact it is.
    pub kind: ContactKind,
    /// The day it was received.
    pub received_on: NaiveDate,
    /// Where it stands, by name (`stage1_open`, `closed`, ...).
    pub status: &'static str,
    /// Its stages (a complaint's).
    pub stages: Vec<TrackedStage>,
    /// The letters sent, oldest first.
    pub letters: Vec<LetterRow>,
    /// Whether the resident may ask for stage 2 today.
    pub may_escalate: bool,
    /// Whether something is open to withdraw.
    pub may_withdraw: bool,
    /// The day the case closed, if no stage is open.
    pub closed_on: Option<NaiveDate>,
    /// The Ombudsman the resident can go to, by name.
    pub ombudsman: &'static str,
}

/// What the resident asks through the link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// More information, in their words.
    AddInformation(String),
    /// Stage 2 (Code 6.12: no reason is asked).
    Escalate,
    /// Withdraw the complaint.
    Withdraw,
}

/// The day the case closed, if nothing is open.
fn closed_on(view: &CaseView) -> Option<NaiveDate> {
    let case = &view.case;
    match case.status() {
        Status::Stage1Open | Status::Stage2Open | Status::Open => None,
        Status::Recorded => Some(case.received.on),
        Status::Answered => case.answered_on,
        Status::Withdrawn if case.kind != ContactKind::Complaint => case.withdrawn_on,
        _ => case
            .stages
            .iter()
            .filter_map(|s| s.facts.ending.map(Ending::date))
            .max()
            .or(case.refusal.as_ref().map(|r| r.on)),
    }
}

impl<S: Store> Casebook<S> {
    /// The case a link opens today, if the link is held and still good.
    async fn tracked_view(&self, token: &ResidentToken) -> Result<Option<CaseView>, AppError> {
        let Some((reference, sent_at)) = self.store().tracked_case(&token.hash()).await? else {
            return Ok(None);
        };
        let reference = Reference::parse(&reference).map_err(|e| AppError::Invalid(e.0))?;
        let view = self.case(&reference).await?;
        let today = self.clock().today();
        let sent_on = putright_domain::clock::london_date(sent_at);
        let good = match closed_on(&view) {
            None => true,
            Some(closed) => {
                today <= closed.max(sent_on) + chrono::Duration::days(DAYS_AFTER_CLOSING)
            }
        };
        Ok(good.then_some(view))
    }

    async fn track(&self, token: &ResidentToken) -> Result<Option<Tracked>, AppError> {
        let Some(view) = self.tracked_view(token).await? else {
            return Ok(None);
        };
        let judging = self.judging().await?;
        let calendar = &judging.calendar;
        let today = self.clock().today();
        let case = &view.case;
        let stages: Vec<TrackedStage> = case
            .stages
            .iter()
            .map(|s| {
                let times = s.times(calendar);
                TrackedStage {
                    stage: s.stage(),
                    began_on: s.facts.started_on,
                    acknowledgement_due: times.acknowledgement_due,
                    acknowledged_on: s.facts.acknowledged_on,
                    response_due: times.response_due,
                    ended: s.facts.ending.map(|e| (e.kind(), e.date())),
                }
            })
            .collect();
        let stage_one = stages.first();
        let may_escalate = case.kind == ContactKind::Complaint
            && stages.len() == 1
            && case.escalation_refusal.is_none()
            && stage_one.is_some_and(|s| match s.ended {
                Some(("responded", on)) => today >= on,
                Some(_) => false,
                None => today > s.response_due,
            });
        let may_withdraw = matches!(
            case.status(),
            Status::Stage1Open | Status::Stage2Open | Status::Open
        );
        let reference = view.stored.reference.clone();
        let letters = self.case_letters(&reference).await?;
        Ok(Some(Tracked {
            version: case.version,
            kind: case.kind,
            received_on: case.received.on,
            status: case.status().as_str(),
            stages,
            letters,
            may_escalate,
            may_withdraw,
            closed_on: closed_on(&view),
            ombudsman: match case.received.jurisdiction {
                Jurisdiction::Hos => "Housing Ombudsman",
                Jurisdiction::Lgsco => "Local Government and Social Care Ombudsman",
            },
            reference,
        }))
    }

    async fn resident_asks(
        &self,
        token: &ResidentToken,
        version: u32,
        request: &Request,
    ) -> Result<Reference, AppError> {
        let Some(view) = self.tracked_view(token).await? else {
            return Err(AppError::NotFound("this link".into()));
        };
        let reference = view.stored.reference.clone();
        let today = self.clock().today();
        let mut draft = Draft::default();
        let event = match request {
            Request::AddInformation(text) => Event::Correspondence {
                on: today,
                direction: Direction::Inbound,
                summary: draft.personal(
                    "correspondence",
                    format!("Added through the tracking link:\n{}", text.trim()),
                    false,
                ),
            },
            Request::Escalate => Event::EscalationRequested { on: today },
            Request::Withdraw => Event::Withdrawn { on: today },
        };
        draft.push(event);
        self.record(&reference, Some(version), draft, Origin::Live, RECORDED_BY)
            .await?;
        Ok(reference)
    }

    /// A new link to case `reference`, emailed if `email` is the address on the case; says
    /// nothing either way, so the form cannot be used to learn whose case is whose.
    async fn send_new_link(
        &self,
        reference: &str,
        email: &str,
        link_base: &str,
    ) -> Result<bool, AppError> {
        let Ok(reference) = Reference::parse(reference.trim()) else {
            return Ok(false);
        };
        let Ok(view) = self.case(&reference).await else {
            return Ok(false);
        };
        let Some(id) = &view.case.received.complainant else {
            return Ok(false);
        };
        let Some(record) = self.store().personal(id.as_str()).await? else {
            return Ok(false);
        };
        let Some(on_case) = Complainant::from_record(&record.value)
            .email
            .filter(|e| e.trim().eq_ignore_ascii_case(email.trim()))
        else {
            return Ok(false);
        };
        let token = ResidentToken::new()?;
        let now = self.clock().now();
        let landlord = self.landlord().await?;
        let link = format!(
            "{}/track/{}",
            link_base.trim_end_matches('/'),
            token.as_str()
        );
        let message = OutboxMessage {
            recipient: on_case.trim().to_owned(),
            subject: format!("Your link to case {reference}"),
            body: format!(
                "You asked for a new link to your case {reference}.\n\n{link}\n\nKeep this link \
                 to yourself: anyone with it can see your case. If you did not ask for it, you \
                 can ignore this email; your earlier links still work.\n\n{}\n",
                landlord.name.trim()
            ),
            attachment: None,
            message_id: format!("<{}@putright>", uuid::Uuid::now_v7()),
            queued_at: now,
        };
        self.store()
            .add_tracking_link(reference.as_str(), &token.hash(), now, Some(&message))
            .await?;
        Ok(true)
    }
}

impl App {
    /// The case a tracking link opens, as the resident sees it; `None` if the link is not
    /// held or no longer good.
    pub async fn track(&self, token: &ResidentToken) -> Result<Option<Tracked>, AppError> {
        dispatch!(self, book => book.track(token).await)
    }

    /// What the resident asks through a tracking link, decided against `version` by the Code's
    /// rules like any step; returns the case's reference.
    pub async fn resident_asks(
        &self,
        token: &ResidentToken,
        version: u32,
        request: &Request,
    ) -> Result<Reference, AppError> {
        dispatch!(self, book => book.resident_asks(token, version, request).await)
    }

    /// Sends a new tracking link for case `reference` if `email` is the address on it.
    /// Whether it did is for the caller's records only: tell the resident the same either way.
    pub async fn send_new_link(
        &self,
        reference: &str,
        email: &str,
        link_base: &str,
    ) -> Result<bool, AppError> {
        let sent = dispatch!(self, book => book.send_new_link(reference, email, link_base).await)?;
        if sent {
            self.mail_waiting();
        }
        Ok(sent)
    }

    /// A letter sent on the case a link opens, written again as it went.
    pub async fn tracked_letter(
        &self,
        token: &ResidentToken,
        id: i64,
    ) -> Result<Option<crate::Document>, AppError> {
        let Some(tracked) = self.track(token).await? else {
            return Ok(None);
        };
        if !tracked.letters.iter().any(|l| l.id == id) {
            return Ok(None);
        }
        Ok(Some(self.issued_letter(&tracked.reference, id).await?))
    }
}
