//! The satisfaction surveys residents are invited to when a stage of their complaint is
//! answered: written in the save that records the answer ([`crate::CaseChange::surveys`]),
//! with the invitation email; opened by a token's hash; answered once.

use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{ColumnIndex, Executor, Row};

use crate::sql::{Dialect, RowsAffected, SqlStore, Text, Value};
use crate::{OutboxMessage, StoreError};

/// A survey to write with the save that answers its stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyWrite {
    /// The hash of the token in the invitation.
    pub token_hash: String,
    /// The stage answered: 1 or 2.
    pub stage: i32,
    /// The day it was answered.
    pub closed_on: NaiveDate,
    /// When the invitation was made.
    pub invited_at: DateTime<Utc>,
    /// The invitation, if the resident has an email address.
    pub email: Option<OutboxMessage>,
}

/// A survey as its link opens it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyRow {
    /// The case's reference.
    pub reference: String,
    /// The stage: 1 or 2.
    pub stage: i32,
    /// Whether it has been answered.
    pub answered: bool,
}

/// One answer, for the figures: the case, the stage and whether the resident was satisfied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyAnswer {
    /// The case's reference.
    pub reference: String,
    /// The stage: 1 or 2.
    pub stage: i32,
    /// Whether they were satisfied with how the complaint was handled.
    pub satisfied: bool,
}

/// The satisfaction surveys.
pub trait SatisfactionStore {
    /// The survey a token's hash opens, if there is one.
    fn survey(
        &self,
        token_hash: &str,
    ) -> impl Future<Output = Result<Option<SurveyRow>, StoreError>> + Send;

    /// Records the answer; `false` if the survey was already answered (or is not held).
    fn answer_survey(
        &self,
        token_hash: &str,
        satisfied: bool,
        why: Option<&str>,
        at: DateTime<Utc>,
        on: NaiveDate,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// The answers given by `as_at` for the stages answered from `from` to `to`.
    fn survey_answers(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        as_at: NaiveDate,
    ) -> impl Future<Output = Result<Vec<SurveyAnswer>, StoreError>> + Send;
}

impl<DB: Dialect> SatisfactionStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    bool: Value<DB>,
    Option<bool>: Value<DB>,
    i32: Value<DB>,
    NaiveDate: Value<DB>,
    DateTime<Utc>: Value<DB>,
{
    async fn survey(&self, token_hash: &str) -> Result<Option<SurveyRow>, StoreError> {
        let row = sqlx::query(
            "SELECT c.reference, s.stage, s.satisfied FROM satisfaction_surveys s \
             JOIN cases c ON c.id = s.case_id WHERE s.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            let satisfied: Option<bool> = r.try_get("satisfied")?;
            Ok(SurveyRow {
                reference: r.try_get("reference")?,
                stage: r.try_get("stage")?,
                answered: satisfied.is_some(),
            })
        })
        .transpose()
    }

    async fn answer_survey(
        &self,
        token_hash: &str,
        satisfied: bool,
        why: Option<&str>,
        at: DateTime<Utc>,
        on: NaiveDate,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE satisfaction_surveys SET satisfied = $1, why = $2, answered_at = $3, \
             answered_on = $4 WHERE token_hash = $5 AND satisfied IS NULL",
        )
        .bind(satisfied)
        .bind(why.map(str::to_owned))
        .bind(at)
        .bind(on)
        .bind(token_hash)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn survey_answers(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        as_at: NaiveDate,
    ) -> Result<Vec<SurveyAnswer>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.reference, s.stage, s.satisfied FROM satisfaction_surveys s \
             JOIN cases c ON c.id = s.case_id WHERE s.closed_on >= $1 AND s.closed_on <= $2 \
             AND s.answered_on <= $3 AND s.satisfied IS NOT NULL ORDER BY c.reference, s.stage",
        )
        .bind(from)
        .bind(to)
        .bind(as_at)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(SurveyAnswer {
                    reference: r.try_get("reference")?,
                    stage: r.try_get("stage")?,
                    satisfied: r.try_get("satisfied")?,
                })
            })
            .collect()
    }
}

/// Writes the surveys of a save in its transaction, each with its invitation. A stage already
/// surveyed (a response recorded again after a correction) keeps its first survey.
pub(crate) async fn write_in<DB: Dialect>(
    tx: &mut DB::Connection,
    case_id: i64,
    surveys: &[SurveyWrite],
) -> Result<(), StoreError>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    Option<Vec<u8>>: Value<DB>,
    i32: Value<DB>,
    i64: Value<DB>,
    NaiveDate: Value<DB>,
    DateTime<Utc>: Value<DB>,
{
    for s in surveys {
        let added = sqlx::query(
            "INSERT INTO satisfaction_surveys (token_hash, case_id, stage, closed_on, invited_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (case_id, stage) DO NOTHING",
        )
        .bind(s.token_hash.as_str())
        .bind(case_id)
        .bind(s.stage)
        .bind(s.closed_on)
        .bind(s.invited_at)
        .execute(&mut *tx)
        .await?;
        if added.rows_affected() == 1
            && let Some(message) = &s.email
        {
            crate::outbox::enqueue_in::<DB>(&mut *tx, message).await?;
        }
    }
    Ok(())
}
