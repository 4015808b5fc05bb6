//! Learning from complaints, case by case: each case's learning action plan (what went wrong,
//! the action, who leads it, the target date, where it stands, and the evidence it was done),
//! each action naming the service area and category it should improve, so later reports can
//! follow whether complaints of that kind fell.

use chrono::NaiveDate;
use putright_domain::Reference;
use putright_domain::learning::{self, Effect};
use putright_store::{LearningRow, LearningStore, Store};

use crate::app::App;
use crate::backend::dispatch;
use crate::casebook::Casebook;
use crate::error::AppError;

/// Where a learning action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LearningStatus {
    /// Agreed, not yet begun.
    Planned,
    /// Under way.
    InProgress,
    /// Done, with the evidence.
    Done,
}

impl LearningStatus {
    /// Every status, in the order an action moves through them.
    pub const ALL: [LearningStatus; 3] = [
        LearningStatus::Planned,
        LearningStatus::InProgress,
        LearningStatus::Done,
    ];

    /// The name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            LearningStatus::Planned => "planned",
            LearningStatus::InProgress => "in_progress",
            LearningStatus::Done => "done",
        }
    }

    /// The status of a stored name.
    pub fn parse(raw: &str) -> Option<LearningStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// A new action for a case's plan, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLearning {
    /// What went wrong.
    pub went_wrong: String,
    /// What will be done about it.
    pub action: String,
    /// The officer who leads it.
    pub lead: String,
    /// The day it should be done by.
    pub target_on: NaiveDate,
    /// The service area it should improve (the case's, unless another is named).
    pub service_area: Option<String>,
    /// The category of complaint it should prevent (the case's, unless another is named).
    pub category: Option<String>,
}

/// Where an action has got to, as typed: done needs the day and the evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearningProgress {
    /// Its status now.
    pub status: LearningStatus,
    /// What shows it was done (or how it is going).
    pub evidence: Option<String>,
    /// The day it was done.
    pub done_on: Option<NaiveDate>,
}

fn required(what: &str, text: &str) -> Result<String, AppError> {
    match text.trim() {
        "" => Err(AppError::Invalid(format!("enter {what}"))),
        t => Ok(t.to_owned()),
    }
}

impl<S: Store> Casebook<S> {
    async fn add_learning(
        &self,
        reference: &Reference,
        new: &NewLearning,
        by: &str,
    ) -> Result<i64, AppError> {
        let case = self.case(reference).await?.case;
        let now = self.clock().now();
        let row = LearningRow {
            id: 0,
            went_wrong: required("what went wrong", &new.went_wrong)?,
            action: required("the action", &new.action)?,
            lead: required("who leads it", &new.lead)?,
            target_on: new.target_on,
            service_area: new.service_area.clone().or(case.received.service_area),
            category: new.category.clone().or(case.received.category),
            status: LearningStatus::Planned.as_str().to_owned(),
            evidence: None,
            done_on: None,
            added_by: by.to_owned(),
            added_at: now,
            updated_by: by.to_owned(),
            updated_at: now,
        };
        Ok(self.store().add_learning(reference.as_str(), &row).await?)
    }

    async fn move_learning(
        &self,
        reference: &Reference,
        id: i64,
        progress: &LearningProgress,
        by: &str,
    ) -> Result<(), AppError> {
        let evidence = progress
            .evidence
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty());
        let done_on = match progress.status {
            LearningStatus::Done => {
                if evidence.is_none() {
                    return Err(AppError::Invalid(
                        "enter what shows the action was done".into(),
                    ));
                }
                Some(progress.done_on.ok_or_else(|| {
                    AppError::Invalid("enter the date the action was done".into())
                })?)
            }
            _ => None,
        };
        let now = self.clock().now();
        let status = progress.status.as_str();
        self.store()
            .update_learning(reference.as_str(), id, status, evidence, done_on, by, now)
            .await?;
        Ok(())
    }
}

/// A learning action done, and what happened to the complaints it should reduce: the
/// complaints of its service area and category per month before and after the month it was
/// done, and the change judged against the noise ([`putright_domain::learning`]).
#[derive(Debug, Clone)]
pub struct Measured {
    /// The case the action came from.
    pub reference: String,
    /// The action.
    pub action: LearningRow,
    /// Each month before (its first day) with its complaints.
    pub before: Vec<(NaiveDate, u64)>,
    /// Each whole month after, the same.
    pub after: Vec<(NaiveDate, u64)>,
    /// The change and the verdict.
    pub effect: Effect,
}

impl<S: Store> Casebook<S> {
    /// Every action done, latest first, each measured as at today.
    pub async fn learning_measured(&self) -> Result<Vec<Measured>, AppError> {
        let today = self.clock().today();
        let mut measured = Vec::new();
        for (reference, action) in self.store().done_learning().await? {
            let Some(done) = action.done_on else { continue };
            let (before, after) = learning::months(done, today);
            let Some(from) = before.first().copied() else {
                continue;
            };
            let received = self
                .store()
                .complaints_begun(
                    action.service_area.as_deref(),
                    action.category.as_deref(),
                    from,
                    today,
                )
                .await?;
            let (counts_before, counts_after) = (
                learning::per_month(&before, &received),
                learning::per_month(&after, &received),
            );
            measured.push(Measured {
                reference,
                effect: learning::effect(&counts_before, &counts_after),
                before: before.into_iter().zip(counts_before).collect(),
                after: after.into_iter().zip(counts_after).collect(),
                action,
            });
        }
        Ok(measured)
    }
}

impl App {
    /// Every learning action done, latest first, with what happened to its complaints after.
    pub async fn learning_measured(&self) -> Result<Vec<Measured>, AppError> {
        dispatch!(self, book => book.learning_measured().await)
    }

    /// Adds an action to a case's learning plan; returns its number.
    pub async fn add_learning(
        &self,
        reference: &Reference,
        new: &NewLearning,
        by: &str,
    ) -> Result<i64, AppError> {
        dispatch!(self, book => book.add_learning(reference, new, by).await)
    }

    /// A case's learning plan, in the order the actions were added.
    pub async fn learning(&self, reference: &Reference) -> Result<Vec<LearningRow>, AppError> {
        Ok(dispatch!(self, book => book.store().learning(reference.as_str()).await)?)
    }

    /// Moves a learning action on: its status, and when done, the day and the evidence.
    pub async fn move_learning(
        &self,
        reference: &Reference,
        id: i64,
        progress: &LearningProgress,
        by: &str,
    ) -> Result<(), AppError> {
        dispatch!(self, book => book.move_learning(reference, id, progress, by).await)
    }
}
