//! Letters to residents: each letter's templates, one row per version (never overwritten), and
//! the letters issued, each with the template version and the values of its fields, so it can
//! be written again exactly as sent. A letter going by post waits in the print queue until the
//! day it was posted is recorded. A letter is written by the save that records it on the case
//! ([`crate::CaseChange::issues_letter`]), with its email in the outbox, in one transaction.

use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{ColumnIndex, Executor, Row};

use crate::StoreError;
use crate::outbox::{OutboxMessage, enqueue_in};
use crate::sql::{Dialect, RowsAffected, SqlStore, Text, Value};

/// One version of a letter's template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateRow {
    /// The letter it is for.
    pub kind: String,
    /// Its version, from 1.
    pub version: i32,
    /// The Markdown with its fields.
    pub body: String,
    /// Who wrote this version.
    pub added_by: String,
    /// When.
    pub added_at: DateTime<Utc>,
}

/// A letter issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterRow {
    /// Its number (ignored when writing one).
    pub id: i64,
    /// The case's reference (ignored when writing one: the save names the case).
    pub reference: String,
    /// The letter.
    pub kind: String,
    /// The template version it was written from.
    pub template_version: i32,
    /// The values of its fields, as JSON.
    pub facts: String,
    /// Whether it was set in large print.
    pub large_print: bool,
    /// `email` or `post`.
    pub delivery: String,
    /// The email address or the postal address it went to.
    pub recipient: String,
    /// The day it is dated.
    pub issued_on: NaiveDate,
    /// Who issued it.
    pub issued_by: String,
    /// When.
    pub issued_at: DateTime<Utc>,
    /// For post: the day it was posted.
    pub posted_on: Option<NaiveDate>,
    /// Who recorded the posting.
    pub posted_by: Option<String>,
    /// For email: the outbox message that carries it.
    pub outbox_id: Option<i64>,
    /// For email: where that message stands (`queued`, `sent`, `failed`), when read back.
    pub mail_state: Option<String>,
}

/// A letter to write with the save that records it: the row, the template version it used (kept
/// if it is not yet, as when a built-in template is used for the first time) and its email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterWrite {
    /// The letter.
    pub letter: LetterRow,
    /// The template it was written from.
    pub template: TemplateRow,
    /// The email that carries it, if it goes by email.
    pub email: Option<OutboxMessage>,
}

/// The letters and their templates.
pub trait LetterStore {
    /// The latest version of a letter's template, if the officer or a letter has kept one.
    fn letter_template(
        &self,
        kind: &str,
        version: Option<i32>,
    ) -> impl Future<Output = Result<Option<TemplateRow>, StoreError>> + Send;

    /// Keeps a new version of a letter's template; returns its version.
    fn add_letter_template(
        &self,
        kind: &str,
        body: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<i32, StoreError>> + Send;

    /// The letters of case `reference`, oldest first; or, with no reference, the letters
    /// waiting to be posted.
    fn letters(
        &self,
        reference: Option<&str>,
    ) -> impl Future<Output = Result<Vec<LetterRow>, StoreError>> + Send;

    /// Records that letter `id`, going by post, was posted on `on`.
    fn mark_posted(
        &self,
        id: i64,
        on: NaiveDate,
        by: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}

fn decode_template<DB: Dialect>(r: &DB::Row) -> Result<TemplateRow, sqlx::Error>
where
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
    i32: Value<DB>,
    DateTime<Utc>: Value<DB>,
{
    Ok(TemplateRow {
        kind: r.try_get("kind")?,
        version: r.try_get("version")?,
        body: r.try_get("body")?,
        added_by: r.try_get("added_by")?,
        added_at: r.try_get("added_at")?,
    })
}

fn decode_letter<DB: Dialect>(r: &DB::Row) -> Result<LetterRow, sqlx::Error>
where
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    bool: Value<DB>,
    i32: Value<DB>,
    i64: Value<DB>,
    Option<i64>: Value<DB>,
    NaiveDate: Value<DB>,
    Option<NaiveDate>: Value<DB>,
    DateTime<Utc>: Value<DB>,
{
    Ok(LetterRow {
        id: r.try_get("id")?,
        reference: r.try_get("reference")?,
        kind: r.try_get("kind")?,
        template_version: r.try_get("template_version")?,
        facts: r.try_get("facts")?,
        large_print: r.try_get("large_print")?,
        delivery: r.try_get("delivery")?,
        recipient: r.try_get("recipient")?,
        issued_on: r.try_get("issued_on")?,
        issued_by: r.try_get("issued_by")?,
        issued_at: r.try_get("issued_at")?,
        posted_on: r.try_get("posted_on")?,
        posted_by: r.try_get("posted_by")?,
        outbox_id: r.try_get("outbox_id")?,
        mail_state: r.try_get("mail_state")?,
    })
}

/// Writes a letter, its template version if new, and its email, inside the save's transaction.
pub(crate) async fn write_in<DB: Dialect>(
    tx: &mut DB::Connection,
    case_id: i64,
    write: &LetterWrite,
) -> Result<(), StoreError>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    Option<Vec<u8>>: Value<DB>,
    bool: Value<DB>,
    i32: Value<DB>,
    i64: Value<DB>,
    Option<i64>: Value<DB>,
    NaiveDate: Value<DB>,
    DateTime<Utc>: Value<DB>,
{
    let t = &write.template;
    sqlx::query(
        "INSERT INTO letter_templates (kind, version, body, added_by, added_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (kind, version) DO NOTHING",
    )
    .bind(t.kind.as_str())
    .bind(t.version)
    .bind(t.body.as_str())
    .bind(t.added_by.as_str())
    .bind(t.added_at)
    .execute(&mut *tx)
    .await?;
    let outbox_id = match &write.email {
        Some(message) => Some(enqueue_in::<DB>(&mut *tx, message).await?),
        None => None,
    };
    let l = &write.letter;
    sqlx::query(
        "INSERT INTO letters (case_id, kind, template_version, facts, large_print, delivery, \
         recipient, issued_on, issued_by, issued_at, outbox_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(case_id)
    .bind(l.kind.as_str())
    .bind(l.template_version)
    .bind(l.facts.as_str())
    .bind(l.large_print)
    .bind(l.delivery.as_str())
    .bind(l.recipient.as_str())
    .bind(l.issued_on)
    .bind(l.issued_by.as_str())
    .bind(l.issued_at)
    .bind(outbox_id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

impl<DB: Dialect> LetterStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    bool: Value<DB>,
    i32: Value<DB>,
    i64: Value<DB>,
    Option<i32>: Value<DB>,
    Option<i64>: Value<DB>,
    NaiveDate: Value<DB>,
    Option<NaiveDate>: Value<DB>,
    DateTime<Utc>: Value<DB>,
{
    async fn letter_template(
        &self,
        kind: &str,
        version: Option<i32>,
    ) -> Result<Option<TemplateRow>, StoreError> {
        let row = sqlx::query(
            "SELECT * FROM letter_templates WHERE kind = $1 AND ($2 IS NULL OR version = $2) \
             ORDER BY version DESC LIMIT 1",
        )
        .bind(kind)
        .bind(version)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(decode_template::<DB>).transpose()?)
    }

    async fn add_letter_template(
        &self,
        kind: &str,
        body: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<i32, StoreError> {
        // The unique (kind, version) key makes the second of two officers saving at once fail
        // rather than both take the same number.
        let row = sqlx::query(
            "INSERT INTO letter_templates (kind, version, body, added_by, added_at) \
             SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4 FROM letter_templates \
             WHERE kind = $1 RETURNING version",
        )
        .bind(kind)
        .bind(body)
        .bind(by)
        .bind(at)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get("version")?)
    }

    async fn letters(&self, reference: Option<&str>) -> Result<Vec<LetterRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT l.*, c.reference, o.state AS mail_state FROM letters l \
             JOIN cases c ON c.id = l.case_id LEFT JOIN outbox o ON o.id = l.outbox_id \
             WHERE CASE WHEN $1 IS NULL THEN l.delivery = 'post' AND l.posted_on IS NULL \
             ELSE c.reference = $1 END ORDER BY l.id",
        )
        .bind(reference.map(str::to_owned))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(decode_letter::<DB>)
            .collect::<Result<_, sqlx::Error>>()?)
    }

    async fn mark_posted(&self, id: i64, on: NaiveDate, by: &str) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE letters SET posted_on = $2, posted_by = $3 \
             WHERE id = $1 AND delivery = 'post' AND posted_on IS NULL AND issued_on <= $2",
        )
        .bind(id)
        .bind(on)
        .bind(by)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::Refused(format!(
                "letter {id} is not waiting to be posted, or was issued after {on}"
            )))
        }
    }
}
