//! Outgoing mail. A message is written to the outbox in the same transaction as what it tells
//! of, then sent by whichever server claims it. A claim lasts until a time, so a server that
//! stops mid-send leaves the message to be claimed again once the claim lapses, while a message
//! marked sent is never claimed again. The mail server's answer is kept either way.

use std::future::Future;

use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Executor, Row};

use crate::StoreError;
use crate::sql::{Dialect, SqlStore, Text, Value};

/// A message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    /// The address it goes to.
    pub recipient: String,
    /// Its subject line.
    pub subject: String,
    /// Its text.
    pub body: String,
    /// A file attached, by name and content.
    pub attachment: Option<(String, Vec<u8>)>,
    /// The Message-ID it is sent with, the same on every attempt, so a receiving server can
    /// tell a message it already has.
    pub message_id: String,
    /// When it was queued.
    pub queued_at: DateTime<Utc>,
}

/// A message in the outbox and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRow {
    /// Its number.
    pub id: i64,
    /// The message (its attachment only when claimed for sending).
    pub message: OutboxMessage,
    /// The attachment's name, whether or not its content was read.
    pub attachment_name: Option<String>,
    /// `queued`, `sent` or `failed`.
    pub state: String,
    /// How many times sending it has failed.
    pub attempts: i32,
    /// When it is next to be tried.
    pub next_at: DateTime<Utc>,
    /// The mail server's last answer.
    pub answer: Option<String>,
    /// When it was sent.
    pub sent_at: Option<DateTime<Utc>>,
}

/// What became of an attempt to send a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempted {
    /// The server accepted it, with its answer.
    Sent(String),
    /// It failed for now; try again at the time given.
    Retry(String, DateTime<Utc>),
    /// It failed for good.
    Failed(String),
}

/// The outbox.
pub trait OutboxStore {
    /// Queues a message to send as soon as possible; returns its number.
    fn enqueue(
        &self,
        message: &OutboxMessage,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;

    /// Claims up to `limit` messages due at `now` that no one holds, until `until`, oldest
    /// first, with their attachments.
    fn claim_mail(
        &self,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: i64,
    ) -> impl Future<Output = Result<Vec<OutboxRow>, StoreError>> + Send;

    /// Records what became of an attempt to send message `id` at `at`.
    fn attempted(
        &self,
        id: i64,
        at: DateTime<Utc>,
        result: &Attempted,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Gives back messages claimed and not tried, for the next claim to take at once.
    fn release_mail(&self, ids: &[i64]) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The latest `limit` messages, newest first, or the one numbered `id` (without content).
    fn outbox(
        &self,
        id: Option<i64>,
        limit: i64,
    ) -> impl Future<Output = Result<Vec<OutboxRow>, StoreError>> + Send;
}

fn decode<DB: Dialect>(r: &DB::Row, with_content: bool) -> Result<OutboxRow, sqlx::Error>
where
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    Option<Vec<u8>>: Value<DB>,
    i32: Value<DB>,
    i64: Value<DB>,
    DateTime<Utc>: Value<DB>,
    Option<DateTime<Utc>>: Value<DB>,
{
    let attachment_name: Option<String> = r.try_get("attachment_name")?;
    let attachment = match (&attachment_name, with_content) {
        (Some(name), true) => {
            let content: Option<Vec<u8>> = r.try_get("attachment")?;
            Some((name.clone(), content.unwrap_or_default()))
        }
        _ => None,
    };
    Ok(OutboxRow {
        id: r.try_get("id")?,
        message: OutboxMessage {
            recipient: r.try_get("recipient")?,
            subject: r.try_get("subject")?,
            body: r.try_get("body")?,
            attachment,
            message_id: r.try_get("message_id")?,
            queued_at: r.try_get("queued_at")?,
        },
        attachment_name,
        state: r.try_get("state")?,
        attempts: r.try_get("attempts")?,
        next_at: r.try_get("next_at")?,
        answer: r.try_get("answer")?,
        sent_at: r.try_get("sent_at")?,
    })
}

/// Queues a message on a connection inside the caller's transaction; returns its number.
pub(crate) async fn enqueue_in<DB: Dialect>(
    conn: &mut DB::Connection,
    m: &OutboxMessage,
) -> Result<i64, StoreError>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    Option<String>: Value<DB>,
    Option<Vec<u8>>: Value<DB>,
    i64: Value<DB>,
    DateTime<Utc>: Value<DB>,
{
    let (name, content) = match &m.attachment {
        Some((name, content)) => (Some(name.clone()), Some(content.clone())),
        None => (None, None),
    };
    let row = sqlx::query(
        "INSERT INTO outbox (recipient, subject, body, attachment_name, attachment, message_id, \
         state, attempts, next_at, queued_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'queued', 0, $7, $7) RETURNING id",
    )
    .bind(m.recipient.as_str())
    .bind(m.subject.as_str())
    .bind(m.body.as_str())
    .bind(name)
    .bind(content)
    .bind(m.message_id.as_str())
    .bind(m.queued_at)
    .fetch_one(&mut *conn)
    .await?;
    Ok(row.try_get("id")?)
}

/// The columns listed without the attachment's content.
const LISTED: &str = "id, recipient, subject, body, attachment_name, message_id, state, \
                      attempts, next_at, answer, queued_at, sent_at";

impl<DB: Dialect> OutboxStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    Option<Vec<u8>>: Value<DB>,
    i32: Value<DB>,
    i64: Value<DB>,
    Option<i64>: Value<DB>,
    DateTime<Utc>: Value<DB>,
    Option<DateTime<Utc>>: Value<DB>,
{
    async fn enqueue(&self, message: &OutboxMessage) -> Result<i64, StoreError> {
        let mut conn = self.pool.acquire().await?;
        enqueue_in::<DB>(&mut conn, message).await
    }

    async fn claim_mail(
        &self,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<OutboxRow>, StoreError> {
        // The conditions are repeated outside the subquery: on PostgreSQL a second server
        // claiming at the same moment re-checks them on the row the first one just claimed,
        // and so passes it by.
        let rows = sqlx::query(
            "UPDATE outbox SET claimed_until = $2 WHERE id IN (SELECT id FROM outbox \
             WHERE state = 'queued' AND next_at <= $1 \
             AND (claimed_until IS NULL OR claimed_until < $1) ORDER BY id LIMIT $3) \
             AND state = 'queued' AND (claimed_until IS NULL OR claimed_until < $1) \
             RETURNING *",
        )
        .bind(now)
        .bind(until)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut claimed: Vec<OutboxRow> = rows
            .iter()
            .map(|r| decode::<DB>(r, true))
            .collect::<Result<_, sqlx::Error>>()?;
        claimed.sort_by_key(|r| r.id);
        Ok(claimed)
    }

    async fn attempted(
        &self,
        id: i64,
        at: DateTime<Utc>,
        result: &Attempted,
    ) -> Result<(), StoreError> {
        let (state, answer, next_at, failed) = match result {
            Attempted::Sent(answer) => ("sent", answer, at, 0),
            Attempted::Retry(answer, next) => ("queued", answer, *next, 1),
            Attempted::Failed(answer) => ("failed", answer, at, 1),
        };
        sqlx::query(
            "UPDATE outbox SET state = $2, answer = $3, next_at = $4, \
             attempts = attempts + $5, claimed_until = NULL, \
             sent_at = CASE WHEN $2 = 'sent' THEN $6 ELSE sent_at END \
             WHERE id = $1 AND state = 'queued'",
        )
        .bind(id)
        .bind(state)
        .bind(answer.as_str())
        .bind(next_at)
        .bind(failed as i64)
        .bind(at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn release_mail(&self, ids: &[i64]) -> Result<(), StoreError> {
        for id in ids {
            sqlx::query(
                "UPDATE outbox SET claimed_until = NULL WHERE id = $1 AND state = 'queued'",
            )
            .bind(*id)
            .execute(&self.pool)
            .await?;
        }
        Ok(())
    }

    async fn outbox(&self, id: Option<i64>, limit: i64) -> Result<Vec<OutboxRow>, StoreError> {
        let sql = format!(
            "SELECT {LISTED} FROM outbox WHERE $1 IS NULL OR id = $1 ORDER BY id DESC LIMIT $2"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            .map(|r| decode::<DB>(r, false))
            .collect::<Result<_, sqlx::Error>>()?)
    }
}
