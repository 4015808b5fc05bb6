//! The resident's side: what a resident has answered so far on a public form (`web_drafts`,
//! with the files they uploaded), the form sent as a case in one transaction
//! ([`crate::CaseChange::submission`]), the tracking links that open one case, and the equality
//! monitoring answers kept apart from every case. Tokens arrive here already hashed: the store
//! never sees one a browser holds.

use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{ColumnIndex, Executor, Row};

use crate::sql::{Dialect, RowsAffected, SqlStore, Text, Value};
use crate::{ArrangementRow, OutboxMessage, StoreError};

/// A public form as answered so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebDraft {
    /// `complaint` or `feedback`.
    pub form: String,
    /// The answers, as JSON.
    pub answers: String,
    /// The case it became, once sent.
    pub reference: Option<String>,
    /// When it was begun.
    pub created_at: DateTime<Utc>,
}

/// A file a resident uploaded with a form not yet sent, without its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftFile {
    /// Its number.
    pub id: i64,
    /// The file's own name.
    pub file_name: String,
    /// Its type, as its content shows.
    pub media_type: String,
    /// Its size in bytes.
    pub size: i64,
    /// The SHA-256 of its content, in hex.
    pub sha256: String,
}

/// What sending a public form writes beside the case, in the case's own transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionWrite {
    /// The hashed token of the form's draft: marked sent, only if it was not already.
    pub draft: String,
    /// What the draft keeps of the answers once sent (JSON): only what the confirmation page
    /// shows, since the case now holds the rest.
    pub kept: String,
    /// The hashed token of the tracking link the resident is sent.
    pub tracking: String,
    /// The equality monitoring answers as JSON, kept with no link to the case.
    pub equality: Option<String>,
    /// The contact arrangements the form records (preference, adjustment, representative).
    pub arrangements: Vec<ArrangementRow>,
    /// The confirmation email, if the resident gave an address.
    pub email: Option<OutboxMessage>,
    /// Who the uploaded files are recorded as added by.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// The public forms and the tracking links.
pub trait ResidentStore {
    /// Keeps a form's answers so far; refused if it was already sent.
    fn keep_web_draft(
        &self,
        token_hash: &str,
        form: &str,
        answers: &str,
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// A form's answers so far, if it is held.
    fn web_draft(
        &self,
        token_hash: &str,
    ) -> impl Future<Output = Result<Option<WebDraft>, StoreError>> + Send;

    /// Keeps a file with a form not yet sent; returns its number.
    fn add_draft_file(
        &self,
        token_hash: &str,
        file: &DraftFile,
        content: &[u8],
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;

    /// The files kept with a form not yet sent, oldest first.
    fn draft_files(
        &self,
        token_hash: &str,
    ) -> impl Future<Output = Result<Vec<DraftFile>, StoreError>> + Send;

    /// Removes a file from a form not yet sent.
    fn remove_draft_file(
        &self,
        token_hash: &str,
        id: i64,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The case a tracking link opens and when the link was made, if the link is held.
    fn tracked_case(
        &self,
        token_hash: &str,
    ) -> impl Future<Output = Result<Option<(String, DateTime<Utc>)>, StoreError>> + Send;

    /// Keeps a new tracking link to case `reference`.
    fn add_tracking_link(
        &self,
        reference: &str,
        token_hash: &str,
        at: DateTime<Utc>,
        email: Option<&OutboxMessage>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Forgets the forms (and their files) last touched before `before`; returns how many.
    fn forget_forms(
        &self,
        before: DateTime<Utc>,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// The equality monitoring answers of forms sent from `from` to `to`, as JSON.
    fn equality_answers(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> impl Future<Output = Result<Vec<String>, StoreError>> + Send;
}

impl<DB: Dialect> ResidentStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    Option<Vec<u8>>: Value<DB>,
    NaiveDate: Value<DB>,
    DateTime<Utc>: Value<DB>,
    i64: Value<DB>,
{
    async fn keep_web_draft(
        &self,
        token_hash: &str,
        form: &str,
        answers: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "INSERT INTO web_drafts (token_hash, form, answers, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $4) ON CONFLICT (token_hash) DO UPDATE \
             SET answers = excluded.answers, updated_at = excluded.updated_at \
             WHERE web_drafts.reference IS NULL AND web_drafts.form = excluded.form",
        )
        .bind(token_hash)
        .bind(form)
        .bind(answers)
        .bind(at)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Refused(
                "this form has already been sent".into(),
            ));
        }
        Ok(())
    }

    async fn web_draft(&self, token_hash: &str) -> Result<Option<WebDraft>, StoreError> {
        let row = sqlx::query(
            "SELECT form, answers, reference, created_at FROM web_drafts WHERE token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(WebDraft {
                form: r.try_get("form")?,
                answers: r.try_get("answers")?,
                reference: r.try_get("reference")?,
                created_at: r.try_get("created_at")?,
            })
        })
        .transpose()
    }

    async fn add_draft_file(
        &self,
        token_hash: &str,
        file: &DraftFile,
        content: &[u8],
        at: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let added = sqlx::query(
            "INSERT INTO web_draft_files (token_hash, file_name, media_type, size, sha256, \
             content, added_at) SELECT token_hash, $2, $3, $4, $5, $6, $7 FROM web_drafts \
             WHERE token_hash = $1 AND reference IS NULL RETURNING id",
        )
        .bind(token_hash)
        .bind(file.file_name.as_str())
        .bind(file.media_type.as_str())
        .bind(file.size)
        .bind(file.sha256.as_str())
        .bind(Some(content.to_vec()))
        .bind(at)
        .fetch_optional(&self.pool)
        .await?;
        match added {
            Some(r) => Ok(r.try_get("id")?),
            None => Err(StoreError::Refused(
                "this form has already been sent, or has not been begun".into(),
            )),
        }
    }

    async fn draft_files(&self, token_hash: &str) -> Result<Vec<DraftFile>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, file_name, media_type, size, sha256 FROM web_draft_files \
             WHERE token_hash = $1 ORDER BY id",
        )
        .bind(token_hash)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DraftFile {
                    id: r.try_get("id")?,
                    file_name: r.try_get("file_name")?,
                    media_type: r.try_get("media_type")?,
                    size: r.try_get("size")?,
                    sha256: r.try_get("sha256")?,
                })
            })
            .collect()
    }

    async fn remove_draft_file(&self, token_hash: &str, id: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM web_draft_files WHERE token_hash = $1 AND id = $2")
            .bind(token_hash)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn tracked_case(
        &self,
        token_hash: &str,
    ) -> Result<Option<(String, DateTime<Utc>)>, StoreError> {
        let row = sqlx::query(
            "SELECT c.reference, t.created_at FROM tracking_links t \
             JOIN cases c ON c.id = t.case_id WHERE t.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row
            .map(|r| Ok::<_, sqlx::Error>((r.try_get("reference")?, r.try_get("created_at")?)))
            .transpose()?)
    }

    async fn add_tracking_link(
        &self,
        reference: &str,
        token_hash: &str,
        at: DateTime<Utc>,
        email: Option<&OutboxMessage>,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        let added = sqlx::query(
            "INSERT INTO tracking_links (token_hash, case_id, created_at) \
             SELECT $2, id, $3 FROM cases WHERE reference = $1",
        )
        .bind(reference)
        .bind(token_hash)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        if added.rows_affected() != 1 {
            return Err(StoreError::Refused(format!("there is no case {reference}")));
        }
        if let Some(message) = email {
            crate::outbox::enqueue_in::<DB>(&mut tx, message).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn forget_forms(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "DELETE FROM web_draft_files WHERE token_hash IN \
             (SELECT token_hash FROM web_drafts WHERE updated_at < $1)",
        )
        .bind(before)
        .execute(&mut *tx)
        .await?;
        let gone = sqlx::query("DELETE FROM web_drafts WHERE updated_at < $1")
            .bind(before)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(gone)
    }

    async fn equality_answers(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query(
            "SELECT answers FROM equality_monitoring WHERE received_on >= $1 \
             AND received_on <= $2 ORDER BY id",
        )
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| r.try_get("answers"))
            .collect::<Result<_, _>>()?)
    }
}

/// Writes what sending a form writes beside case `case_id` (`reference`, received `on`), in
/// the caller's transaction: the draft marked sent (refused if another request sent it first,
/// so a form sent twice makes one case) with its answers cut to what the confirmation shows,
/// its files moved to the case, the tracking link, the contact arrangements, the equality
/// answers apart from the case, and the confirmation email.
pub(crate) async fn submit_in<DB: Dialect>(
    tx: &mut DB::Connection,
    case_id: i64,
    reference: &str,
    on: NaiveDate,
    write: &SubmissionWrite,
) -> Result<(), StoreError>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    Option<Vec<u8>>: Value<DB>,
    Option<i32>: Value<DB>,
    bool: Value<DB>,
    NaiveDate: Value<DB>,
    Option<NaiveDate>: Value<DB>,
    DateTime<Utc>: Value<DB>,
    i64: Value<DB>,
{
    let sent = sqlx::query(
        "UPDATE web_drafts SET reference = $1, updated_at = $2, answers = $4 \
         WHERE token_hash = $3 AND reference IS NULL",
    )
    .bind(reference)
    .bind(write.at)
    .bind(write.draft.as_str())
    .bind(write.kept.as_str())
    .execute(&mut *tx)
    .await?;
    if sent.rows_affected() != 1 {
        return Err(StoreError::Refused(
            "this form has already been sent".into(),
        ));
    }
    sqlx::query(
        "INSERT INTO attachments (case_id, file_name, media_type, size, sha256, description, \
         content, added_by, added_at) SELECT $1, file_name, media_type, size, sha256, \
         'Sent with the online form', content, $2, $3 FROM web_draft_files \
         WHERE token_hash = $4 ORDER BY id",
    )
    .bind(case_id)
    .bind(write.by.as_str())
    .bind(write.at)
    .bind(write.draft.as_str())
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM web_draft_files WHERE token_hash = $1")
        .bind(write.draft.as_str())
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO tracking_links (token_hash, case_id, created_at) VALUES ($1, $2, $3)")
        .bind(write.tracking.as_str())
        .bind(case_id)
        .bind(write.at)
        .execute(&mut *tx)
        .await?;
    for row in &write.arrangements {
        crate::arrangements::insert_in::<DB>(&mut *tx, case_id, row).await?;
    }
    if let Some(answers) = &write.equality {
        sqlx::query("INSERT INTO equality_monitoring (received_on, answers) VALUES ($1, $2)")
            .bind(on)
            .bind(answers.as_str())
            .execute(&mut *tx)
            .await?;
    }
    if let Some(message) = &write.email {
        crate::outbox::enqueue_in::<DB>(&mut *tx, message).await?;
    }
    Ok(())
}
