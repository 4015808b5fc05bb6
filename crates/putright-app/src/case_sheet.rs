//! One case as a person reads it: its stages with their deadlines and where each stood at a
//! day, the response target for other contacts, and its history with the breaches each event
//! carries.

use chrono::NaiveDate;
use putright_domain::lifecycle::Case;
use putright_domain::timing::Bucket;
use putright_domain::vocabulary::Stage;
use putright_domain::{Origin, Reference};
use putright_store::Store;

use crate::casebook::{CaseView, Casebook};
use crate::error::AppError;

/// A case as at a day.
#[derive(Debug, Clone)]
pub struct CaseSheet {
    /// The case's reference.
    pub reference: Reference,
    /// The day timeliness is judged at.
    pub as_at: NaiveDate,
    /// The case as its events make it.
    pub case: Case,
    /// Each stage of a complaint, in order.
    pub stages: Vec<StageLine>,
    /// For service requests and enquiries: when the answer is due.
    pub request_due: Option<NaiveDate>,
    /// Every event, in the order recorded.
    pub history: Vec<HistoryLine>,
}

/// One stage's clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageLine {
    /// Stage 1 or 2.
    pub stage: Stage,
    /// The day its clock started.
    pub began_on: NaiveDate,
    /// When the acknowledgement was due, and when it was given.
    pub acknowledgement_due: NaiveDate,
    /// The day it was acknowledged, if it was.
    pub acknowledged_on: Option<NaiveDate>,
    /// When the response is (or was) due, extensions included.
    pub response_due: NaiveDate,
    /// The day the stage ended (answered, withdrawn), if it has.
    pub ended_on: Option<NaiveDate>,
    /// Where it stood at the as-at day.
    pub bucket: Option<Bucket>,
    /// Who handles it, if recorded.
    pub handler: Option<String>,
    /// The outcome of its response, by name, once responded.
    pub outcome: Option<&'static str>,
    /// For an open stage, the working days from the as-at day to the response's due day:
    /// negative once it is overdue (the working days since it was due).
    pub working_days_left: Option<i64>,
}

/// One recorded event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLine {
    /// Its number within the case.
    pub seq: u32,
    /// The day it happened.
    pub effective_on: NaiveDate,
    /// What happened.
    pub name: &'static str,
    /// Recorded live or imported.
    pub origin: Origin,
    /// Who recorded it.
    pub recorded_by: String,
    /// The breaches of the Code it carries, as sentences naming the provision.
    pub breaches: Vec<String>,
}

impl<S: Store> Casebook<S> {
    /// The case `reference` as at the end of `as_at`.
    pub async fn case_sheet(
        &self,
        reference: &Reference,
        as_at: NaiveDate,
    ) -> Result<CaseSheet, AppError> {
        let view = self.case(reference).await?;
        self.sheet_of(reference, view, as_at).await
    }

    /// The sheet of a case already read.
    pub(crate) async fn sheet_of(
        &self,
        reference: &Reference,
        view: CaseView,
        as_at: NaiveDate,
    ) -> Result<CaseSheet, AppError> {
        let judging = self.judging().await?;
        let (rules, calendar) = (judging.rules(), &judging.calendar);
        let stages = view
            .case
            .stages
            .iter()
            .map(|s| {
                let times = s.times(calendar);
                StageLine {
                    stage: s.stage(),
                    began_on: s.facts.started_on,
                    acknowledgement_due: times.acknowledgement_due,
                    acknowledged_on: s.facts.acknowledged_on,
                    response_due: times.response_due,
                    ended_on: s.facts.ending.map(|end| end.date()),
                    bucket: s.facts.bucket(calendar, as_at),
                    handler: s.handler.as_ref().map(|h| h.as_str().to_owned()),
                    outcome: s.outcome.map(|o| o.as_str()),
                    working_days_left: s.facts.ending.is_none().then(|| {
                        let due = times.response_due;
                        if as_at <= due {
                            i64::from(calendar.working_days_after(as_at, due))
                        } else {
                            -i64::from(calendar.working_days_after(due, as_at))
                        }
                    }),
                }
            })
            .collect();
        let history = view
            .stored
            .events
            .iter()
            .map(|e| HistoryLine {
                seq: e.seq,
                effective_on: e.event.effective_on(),
                name: e.event.name(),
                origin: e.origin,
                recorded_by: e.recorded_by.clone(),
                breaches: e.flags.iter().map(ToString::to_string).collect(),
            })
            .collect();
        Ok(CaseSheet {
            reference: reference.clone(),
            as_at,
            request_due: view.case.request_due(rules),
            case: view.case,
            stages,
            history,
        })
    }
}
