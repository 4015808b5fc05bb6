//! Learning from complaints, case by case: each case's learning action plan (what went wrong,
//! the action, who leads it, the target date, where it stands, and the evidence it was done),
//! each action naming the service area and category it should improve, so later reports can
//! follow whether complaints of that kind fell.

use chrono::NaiveDate;
use putright_domain::Reference;
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

impl App {
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
