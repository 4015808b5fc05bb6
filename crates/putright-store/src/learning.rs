//! Each case's learning action plan: what went wrong, the action, who leads it, by when,
//! where it stands and the evidence it was done, with the service area and category it
//! should improve. An action is changed only by moving it on (its status, evidence and the
//! day it was done), with who did so and when.

use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{ColumnIndex, Executor, Row};

use crate::StoreError;
use crate::sql::{Dialect, RowsAffected, SqlStore, Text, Value};

/// One action of a case's learning plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearningRow {
    /// Its number.
    pub id: i64,
    /// What went wrong.
    pub went_wrong: String,
    /// What will be done about it.
    pub action: String,
    /// The officer who leads it.
    pub lead: String,
    /// The day it should be done by.
    pub target_on: NaiveDate,
    /// The service area it should improve.
    pub service_area: Option<String>,
    /// The category of complaint it should prevent.
    pub category: Option<String>,
    /// `planned`, `in_progress` or `done`.
    pub status: String,
    /// What shows it was done.
    pub evidence: Option<String>,
    /// The day it was done.
    pub done_on: Option<NaiveDate>,
    /// Who added it, and when.
    pub added_by: String,
    /// When it was added.
    pub added_at: DateTime<Utc>,
    /// Who last moved it on.
    pub updated_by: String,
    /// When.
    pub updated_at: DateTime<Utc>,
}

/// The learning action plans.
pub trait LearningStore {
    /// Adds an action to case `reference`'s plan (`row.id` is ignored); returns its number.
    fn add_learning(
        &self,
        reference: &str,
        row: &LearningRow,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;

    /// A case's plan, in the order the actions were added.
    fn learning(
        &self,
        reference: &str,
    ) -> impl Future<Output = Result<Vec<LearningRow>, StoreError>> + Send;

    /// Moves action `id` of case `reference` on: its status, evidence and the day it was done.
    #[allow(clippy::too_many_arguments, reason = "each part of the change, named")]
    fn update_learning(
        &self,
        reference: &str,
        id: i64,
        status: &str,
        evidence: Option<&str>,
        done_on: Option<NaiveDate>,
        by: &str,
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Every action done, with its case's reference, the latest done first.
    fn done_learning(
        &self,
    ) -> impl Future<Output = Result<Vec<(String, LearningRow)>, StoreError>> + Send;

    /// The days stage 1 began of the complaints in a service area and category (either left
    /// out: any) from `from` to `to`: the complaints a learning action should reduce.
    fn complaints_begun(
        &self,
        service_area: Option<&str>,
        category: Option<&str>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> impl Future<Output = Result<Vec<NaiveDate>, StoreError>> + Send;
}

fn decode<DB: Dialect>(r: &DB::Row) -> Result<LearningRow, sqlx::Error>
where
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    NaiveDate: Value<DB>,
    Option<NaiveDate>: Value<DB>,
    DateTime<Utc>: Value<DB>,
    i64: Value<DB>,
{
    Ok(LearningRow {
        id: r.try_get("id")?,
        went_wrong: r.try_get("went_wrong")?,
        action: r.try_get("action")?,
        lead: r.try_get("lead")?,
        target_on: r.try_get("target_on")?,
        service_area: r.try_get("service_area")?,
        category: r.try_get("category")?,
        status: r.try_get("status")?,
        evidence: r.try_get("evidence")?,
        done_on: r.try_get("done_on")?,
        added_by: r.try_get("added_by")?,
        added_at: r.try_get("added_at")?,
        updated_by: r.try_get("updated_by")?,
        updated_at: r.try_get("updated_at")?,
    })
}

impl<DB: Dialect> LearningStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    NaiveDate: Value<DB>,
    Option<NaiveDate>: Value<DB>,
    DateTime<Utc>: Value<DB>,
    i64: Value<DB>,
{
    async fn add_learning(&self, reference: &str, row: &LearningRow) -> Result<i64, StoreError> {
        let added = sqlx::query(
            "INSERT INTO learning_actions (case_id, went_wrong, action, lead, target_on, \
             service_area, category, status, evidence, done_on, added_by, added_at, updated_by, \
             updated_at) SELECT id, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $11, $12 \
             FROM cases WHERE reference = $1 RETURNING id",
        )
        .bind(reference)
        .bind(row.went_wrong.as_str())
        .bind(row.action.as_str())
        .bind(row.lead.as_str())
        .bind(row.target_on)
        .bind(row.service_area.clone())
        .bind(row.category.clone())
        .bind(row.status.as_str())
        .bind(row.evidence.clone())
        .bind(row.done_on)
        .bind(row.added_by.as_str())
        .bind(row.added_at)
        .fetch_optional(&self.pool)
        .await?;
        match added {
            Some(r) => Ok(r.try_get("id")?),
            None => Err(StoreError::Refused(format!("there is no case {reference}"))),
        }
    }

    async fn learning(&self, reference: &str) -> Result<Vec<LearningRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT l.* FROM learning_actions l JOIN cases c ON c.id = l.case_id \
             WHERE c.reference = $1 ORDER BY l.id",
        )
        .bind(reference)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(decode::<DB>)
            .collect::<Result<_, sqlx::Error>>()?)
    }

    async fn update_learning(
        &self,
        reference: &str,
        id: i64,
        status: &str,
        evidence: Option<&str>,
        done_on: Option<NaiveDate>,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE learning_actions SET status = $3, evidence = $4, done_on = $5, \
             updated_by = $6, updated_at = $7 \
             WHERE id = $2 AND case_id = (SELECT id FROM cases WHERE reference = $1)",
        )
        .bind(reference)
        .bind(id)
        .bind(status)
        .bind(evidence.map(str::to_owned))
        .bind(done_on)
        .bind(by)
        .bind(at)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::Refused(format!(
                "case {reference} has no learning action {id}"
            )))
        }
    }

    async fn done_learning(&self) -> Result<Vec<(String, LearningRow)>, StoreError> {
        let rows = sqlx::query(
            "SELECT l.*, c.reference FROM learning_actions l JOIN cases c ON c.id = l.case_id \
             WHERE l.status = 'done' AND l.done_on IS NOT NULL ORDER BY l.done_on DESC, l.id DESC",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| Ok((r.try_get("reference")?, decode::<DB>(r)?)))
            .collect::<Result<_, sqlx::Error>>()?)
    }

    async fn complaints_begun(
        &self,
        service_area: Option<&str>,
        category: Option<&str>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<NaiveDate>, StoreError> {
        let rows = sqlx::query(
            "SELECT s.started_on FROM stages s JOIN cases c ON c.id = s.case_id \
             WHERE s.stage = 1 AND s.started_on >= $1 AND s.started_on <= $2 \
             AND ($3 IS NULL OR c.service_area = $3) AND ($4 IS NULL OR c.category = $4)",
        )
        .bind(from)
        .bind(to)
        .bind(service_area.map(str::to_owned))
        .bind(category.map(str::to_owned))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<_, sqlx::Error>>()?)
    }
}
