//! Responses drafted for a quality check: what was typed on the response form, kept until the
//! complaints officer issues it (which records the response and settles the draft in the same
//! save, see [`crate::CaseChange::issues_draft`]) or returns it with a comment.

use std::future::Future;

use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Executor, Row};

use crate::StoreError;
use crate::sql::{Dialect, RowsAffected, SqlStore, Text, Value};

/// Where a draft stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftState {
    /// Sent to the complaints officer, not yet checked.
    AwaitingCheck,
    /// Sent back to the person who drafted it, with a comment.
    Returned,
    /// Issued: the response is recorded on the case.
    Issued,
}

impl DraftState {
    /// The name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            DraftState::AwaitingCheck => "awaiting_check",
            DraftState::Returned => "returned",
            DraftState::Issued => "issued",
        }
    }

    fn parse(raw: &str) -> Option<DraftState> {
        [
            DraftState::AwaitingCheck,
            DraftState::Returned,
            DraftState::Issued,
        ]
        .into_iter()
        .find(|s| s.as_str() == raw)
    }
}

/// A response drafted for a quality check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseDraft {
    /// Its number.
    pub id: i64,
    /// The case.
    pub reference: String,
    /// The stage it answers, 1 or 2.
    pub stage: u8,
    /// What was typed on the response form, as JSON.
    pub answers: String,
    /// Who drafted it.
    pub drafted_by: String,
    /// When.
    pub drafted_at: DateTime<Utc>,
    /// Where it stands.
    pub state: DraftState,
    /// Who issued or returned it.
    pub checked_by: Option<String>,
    /// When.
    pub checked_at: Option<DateTime<Utc>>,
    /// Why it was returned.
    pub comment: Option<String>,
}

/// The drafts.
pub trait DraftStore {
    /// Keeps a draft of case `reference`'s response, awaiting a check; returns its number.
    fn add_draft(
        &self,
        reference: &str,
        stage: u8,
        answers: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;

    /// One draft.
    fn draft(
        &self,
        id: i64,
    ) -> impl Future<Output = Result<Option<ResponseDraft>, StoreError>> + Send;

    /// The drafts awaiting a check, oldest first, at most `limit`.
    fn drafts_awaiting(
        &self,
        limit: i64,
    ) -> impl Future<Output = Result<Vec<ResponseDraft>, StoreError>> + Send;

    /// How many drafts await a check.
    fn count_drafts_awaiting(&self) -> impl Future<Output = Result<i64, StoreError>> + Send;

    /// A case's drafts, newest first.
    fn case_drafts(
        &self,
        reference: &str,
    ) -> impl Future<Output = Result<Vec<ResponseDraft>, StoreError>> + Send;

    /// Returns a draft awaiting a check to the person who drafted it, with a comment. Refused
    /// if it is no longer awaiting one.
    fn return_draft(
        &self,
        id: i64,
        by: &str,
        at: DateTime<Utc>,
        comment: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}

/// A query of drafts with their case's reference, ending with `$rest`.
macro_rules! select_drafts {
    ($rest:literal) => {
        concat!(
            "SELECT d.id, c.reference, d.stage, d.answers, d.drafted_by, d.drafted_at, ",
            "d.state, d.checked_by, d.checked_at, d.comment ",
            "FROM response_drafts d JOIN cases c ON c.id = d.case_id ",
            $rest
        )
    };
}

fn decode<DB: Dialect>(r: &DB::Row) -> Result<ResponseDraft, StoreError>
where
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    DateTime<Utc>: Value<DB>,
    Option<DateTime<Utc>>: Value<DB>,
    i64: Value<DB>,
{
    let id: i64 = r.try_get("id")?;
    let state: String = r.try_get("state")?;
    let stage: i64 = r.try_get("stage")?;
    Ok(ResponseDraft {
        id,
        reference: r.try_get("reference")?,
        stage: u8::try_from(stage)
            .map_err(|_| StoreError::Corrupt(format!("response draft {id}: stage {stage}")))?,
        answers: r.try_get("answers")?,
        drafted_by: r.try_get("drafted_by")?,
        drafted_at: r.try_get("drafted_at")?,
        state: DraftState::parse(&state).ok_or_else(|| {
            StoreError::Corrupt(format!("response draft {id}: state \"{state}\""))
        })?,
        checked_by: r.try_get("checked_by")?,
        checked_at: r.try_get("checked_at")?,
        comment: r.try_get("comment")?,
    })
}

impl<DB: Dialect> DraftStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    DateTime<Utc>: Value<DB>,
    Option<DateTime<Utc>>: Value<DB>,
    i64: Value<DB>,
{
    async fn add_draft(
        &self,
        reference: &str,
        stage: u8,
        answers: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO response_drafts (case_id, stage, answers, drafted_by, drafted_at, state) \
             SELECT id, $2, $3, $4, $5, 'awaiting_check' FROM cases WHERE reference = $1 \
             RETURNING id",
        )
        .bind(reference)
        .bind(i64::from(stage))
        .bind(answers)
        .bind(by)
        .bind(at)
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(row) => Ok(row.try_get("id")?),
            None => Err(StoreError::Refused(format!("there is no case {reference}"))),
        }
    }

    async fn draft(&self, id: i64) -> Result<Option<ResponseDraft>, StoreError> {
        let row = sqlx::query(select_drafts!("WHERE d.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(decode::<DB>).transpose()
    }

    async fn drafts_awaiting(&self, limit: i64) -> Result<Vec<ResponseDraft>, StoreError> {
        let rows = sqlx::query(select_drafts!(
            "WHERE d.state = 'awaiting_check' ORDER BY d.id LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(decode::<DB>).collect()
    }

    async fn count_drafts_awaiting(&self) -> Result<i64, StoreError> {
        let row =
            sqlx::query("SELECT COUNT(*) AS n FROM response_drafts WHERE state = 'awaiting_check'")
                .fetch_one(&self.pool)
                .await?;
        Ok(row.try_get("n")?)
    }

    async fn case_drafts(&self, reference: &str) -> Result<Vec<ResponseDraft>, StoreError> {
        let rows = sqlx::query(select_drafts!("WHERE c.reference = $1 ORDER BY d.id DESC"))
            .bind(reference)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(decode::<DB>).collect()
    }

    async fn return_draft(
        &self,
        id: i64,
        by: &str,
        at: DateTime<Utc>,
        comment: &str,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE response_drafts SET state = 'returned', checked_by = $2, checked_at = $3, \
             comment = $4 WHERE id = $1 AND state = 'awaiting_check'",
        )
        .bind(id)
        .bind(by)
        .bind(at)
        .bind(comment)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(not_waiting(id))
        }
    }
}

/// The refusal when a draft was issued or returned by someone else first.
pub(crate) fn not_waiting(id: i64) -> StoreError {
    StoreError::Refused(format!(
        "response draft {id} is no longer waiting for a quality check: someone has already issued or returned it"
    ))
}

/// Marks a draft issued, inside the transaction that records its response.
pub(crate) async fn issue_in<DB: Dialect>(
    tx: &mut DB::Connection,
    id: i64,
    case_id: i64,
    by: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    DateTime<Utc>: Value<DB>,
    i64: Value<DB>,
{
    let done = sqlx::query(
        "UPDATE response_drafts SET state = 'issued', checked_by = $3, checked_at = $4 \
         WHERE id = $1 AND case_id = $2 AND state = 'awaiting_check'",
    )
    .bind(id)
    .bind(case_id)
    .bind(by)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(not_waiting(id))
    }
}
