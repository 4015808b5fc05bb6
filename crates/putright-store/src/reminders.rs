//! What the reminders are made from and who they go to: the open work due up to a day (from the
//! case rows' open work columns, through their partial index), the users' email addresses, the
//! manager named for each service area; and each day's run, claimed in the same transaction as
//! the messages it queues, so two servers or a restart never queue a day's reminders twice.

use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{ColumnIndex, Executor, Row};

use crate::StoreError;
use crate::outbox::{OutboxMessage, enqueue_in};
use crate::sql::{Dialect, RowsAffected, SqlStore, Text, Value};

/// An open stage or request due on or before a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenWork {
    /// The case.
    pub reference: String,
    /// The kind of contact, as stored.
    pub kind: String,
    /// The open stage of a complaint (1 or 2); `None` for a request.
    pub stage: Option<i64>,
    /// Who handles it, if anyone is named.
    pub handler: Option<String>,
    /// The day the open work is due.
    pub due_on: NaiveDate,
    /// While the stage is not acknowledged, the day the acknowledgement is due.
    pub acknowledgement_due_on: Option<NaiveDate>,
    /// The landlord's service area, if recorded.
    pub service_area: Option<String>,
}

/// The reminders' reading and their daily runs.
pub trait ReminderStore {
    /// The open work due on or before `until`, soonest first.
    fn open_work(
        &self,
        until: NaiveDate,
    ) -> impl Future<Output = Result<Vec<OpenWork>, StoreError>> + Send;

    /// Each user's email address, for those who have one, by username.
    fn user_emails(&self)
    -> impl Future<Output = Result<Vec<(String, String)>, StoreError>> + Send;

    /// Sets (or, with `None`, removes) a user's email address; false if there is no such user.
    fn set_user_email(
        &self,
        username: &str,
        email: Option<&str>,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// The manager named for each service area, by area.
    fn area_managers(
        &self,
    ) -> impl Future<Output = Result<Vec<(String, String)>, StoreError>> + Send;

    /// Names (or, with `None`, stops naming) the manager for a service area.
    fn set_area_manager(
        &self,
        area: &str,
        username: Option<&str>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The update intervals agreed with residents on open cases (Code 5.9): each case's
    /// reference and working days, from every current contact preference that names one,
    /// oldest first (so a later one, read after, is the one agreed last).
    fn update_intervals(
        &self,
    ) -> impl Future<Output = Result<Vec<(String, i32)>, StoreError>> + Send;

    /// The latest day a run of `kind` was made before `day`, if any.
    fn last_run_before(
        &self,
        kind: &str,
        day: NaiveDate,
    ) -> impl Future<Output = Result<Option<NaiveDate>, StoreError>> + Send;

    /// Claims the run of `kind` on `day` and queues its messages, in one transaction; false (and
    /// nothing queued) if the run was already made.
    fn queue_run(
        &self,
        kind: &str,
        day: NaiveDate,
        at: DateTime<Utc>,
        messages: &[OutboxMessage],
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;
}

impl<DB: Dialect> ReminderStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    Option<Vec<u8>>: Value<DB>,
    i64: Value<DB>,
    Option<i64>: Value<DB>,
    i32: Value<DB>,
    NaiveDate: Value<DB>,
    Option<NaiveDate>: Value<DB>,
    DateTime<Utc>: Value<DB>,
{
    async fn open_work(&self, until: NaiveDate) -> Result<Vec<OpenWork>, StoreError> {
        let rows = sqlx::query(
            "SELECT reference, kind, current_stage, current_handler, due_on, \
             acknowledgement_due_on, service_area FROM cases \
             WHERE due_on IS NOT NULL AND due_on <= $1 ORDER BY due_on, reference",
        )
        .bind(until)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let stage: Option<i64> = r.try_get("current_stage")?;
                Ok(OpenWork {
                    reference: r.try_get("reference")?,
                    kind: r.try_get("kind")?,
                    stage,
                    handler: r.try_get("current_handler")?,
                    due_on: r.try_get("due_on")?,
                    acknowledgement_due_on: r.try_get("acknowledgement_due_on")?,
                    service_area: r.try_get("service_area")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    async fn user_emails(&self) -> Result<Vec<(String, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT username, email FROM users WHERE email IS NOT NULL AND NOT disabled \
             ORDER BY username",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("username")?, r.try_get("email")?)))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    async fn set_user_email(
        &self,
        username: &str,
        email: Option<&str>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE users SET email = $2 WHERE username = $1")
            .bind(username)
            .bind(email.map(str::to_owned))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn area_managers(&self) -> Result<Vec<(String, String)>, StoreError> {
        let rows =
            sqlx::query("SELECT service_area, username FROM area_managers ORDER BY service_area")
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("service_area")?, r.try_get("username")?)))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    async fn set_area_manager(&self, area: &str, username: Option<&str>) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM area_managers WHERE service_area = $1")
            .bind(area)
            .execute(&mut *tx)
            .await?;
        if let Some(username) = username {
            let known = sqlx::query("SELECT 1 FROM users WHERE username = $1")
                .bind(username)
                .fetch_optional(&mut *tx)
                .await?;
            if known.is_none() {
                return Err(StoreError::Refused(format!("there is no user {username}")));
            }
            sqlx::query("INSERT INTO area_managers (service_area, username) VALUES ($1, $2)")
                .bind(area)
                .bind(username)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn update_intervals(&self) -> Result<Vec<(String, i32)>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.reference, a.update_days FROM contact_arrangements a \
             JOIN cases c ON c.id = a.case_id \
             WHERE a.kind = 'preference' AND a.ended_on IS NULL \
             AND a.update_days IS NOT NULL AND c.due_on IS NOT NULL ORDER BY a.id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("reference")?, r.try_get("update_days")?)))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    async fn last_run_before(
        &self,
        kind: &str,
        day: NaiveDate,
    ) -> Result<Option<NaiveDate>, StoreError> {
        let row = sqlx::query(
            "SELECT day FROM reminder_runs WHERE kind = $1 AND day < $2 ORDER BY day DESC LIMIT 1",
        )
        .bind(kind)
        .bind(day)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| r.try_get("day")).transpose()?)
    }

    async fn queue_run(
        &self,
        kind: &str,
        day: NaiveDate,
        at: DateTime<Utc>,
        messages: &[OutboxMessage],
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        // A second server claiming the same run waits here for the first to commit, then finds
        // the run made and queues nothing.
        let claimed = sqlx::query(
            "INSERT INTO reminder_runs (kind, day, started_at, sent) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (kind, day) DO NOTHING",
        )
        .bind(kind)
        .bind(day)
        .bind(at)
        .bind(messages.len() as i64)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() != 1 {
            return Ok(false);
        }
        for message in messages {
            enqueue_in::<DB>(&mut tx, message).await?;
        }
        tx.commit().await?;
        Ok(true)
    }
}
