//! Files kept with a case, in the database: what they are called, their type and size as
//! checked before they were stored, who added them and when. The content is read only when
//! a file is downloaded.

use std::future::Future;

use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Executor, Row};

use crate::StoreError;
use crate::sql::{Dialect, SqlStore, Text, Value};

/// A file kept with a case, without its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentRow {
    /// Its number.
    pub id: i64,
    /// The file's name, as uploaded (without any folder).
    pub file_name: String,
    /// Its type, as its content shows it, e.g. `application/pdf`.
    pub media_type: String,
    /// Its size in bytes.
    pub size: i64,
    /// The SHA-256 of its content, in hex.
    pub sha256: String,
    /// What it is, in the words of whoever added it.
    pub description: Option<String>,
    /// Who added it.
    pub added_by: String,
    /// When.
    pub added_at: DateTime<Utc>,
}

/// The files kept with cases.
pub trait AttachmentStore {
    /// Keeps a file with case `reference`; `row.id` is ignored. Returns its number.
    fn add_attachment(
        &self,
        reference: &str,
        row: &AttachmentRow,
        content: &[u8],
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;

    /// A case's files, oldest first.
    fn attachments(
        &self,
        reference: &str,
    ) -> impl Future<Output = Result<Vec<AttachmentRow>, StoreError>> + Send;

    /// One of a case's files with its content; `None` if the case has no such file.
    fn attachment(
        &self,
        reference: &str,
        id: i64,
    ) -> impl Future<Output = Result<Option<(AttachmentRow, Vec<u8>)>, StoreError>> + Send;
}

fn decode<DB: Dialect>(r: &DB::Row) -> Result<AttachmentRow, sqlx::Error>
where
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    DateTime<Utc>: Value<DB>,
    i64: Value<DB>,
{
    Ok(AttachmentRow {
        id: r.try_get("id")?,
        file_name: r.try_get("file_name")?,
        media_type: r.try_get("media_type")?,
        size: r.try_get("size")?,
        sha256: r.try_get("sha256")?,
        description: r.try_get("description")?,
        added_by: r.try_get("added_by")?,
        added_at: r.try_get("added_at")?,
    })
}

impl<DB: Dialect> AttachmentStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    DateTime<Utc>: Value<DB>,
    i64: Value<DB>,
    Vec<u8>: Value<DB>,
{
    async fn add_attachment(
        &self,
        reference: &str,
        row: &AttachmentRow,
        content: &[u8],
    ) -> Result<i64, StoreError> {
        let added = sqlx::query(
            "INSERT INTO attachments (case_id, file_name, media_type, size, sha256, description, \
             content, added_by, added_at) \
             SELECT id, $2, $3, $4, $5, $6, $7, $8, $9 FROM cases WHERE reference = $1 RETURNING id",
        )
        .bind(reference)
        .bind(row.file_name.as_str())
        .bind(row.media_type.as_str())
        .bind(row.size)
        .bind(row.sha256.as_str())
        .bind(row.description.clone())
        .bind(content.to_vec())
        .bind(row.added_by.as_str())
        .bind(row.added_at)
        .fetch_optional(&self.pool)
        .await?;
        match added {
            Some(r) => Ok(r.try_get("id")?),
            None => Err(StoreError::Refused(format!("there is no case {reference}"))),
        }
    }

    async fn attachments(&self, reference: &str) -> Result<Vec<AttachmentRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT a.id, a.file_name, a.media_type, a.size, a.sha256, a.description, \
             a.added_by, a.added_at FROM attachments a JOIN cases c ON c.id = a.case_id \
             WHERE c.reference = $1 ORDER BY a.id",
        )
        .bind(reference)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(decode::<DB>)
            .collect::<Result<_, sqlx::Error>>()?)
    }

    async fn attachment(
        &self,
        reference: &str,
        id: i64,
    ) -> Result<Option<(AttachmentRow, Vec<u8>)>, StoreError> {
        let row = sqlx::query(
            "SELECT a.id, a.file_name, a.media_type, a.size, a.sha256, a.description, \
             a.added_by, a.added_at, a.content FROM attachments a \
             JOIN cases c ON c.id = a.case_id WHERE c.reference = $1 AND a.id = $2",
        )
        .bind(reference)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(r) => Ok(Some((decode::<DB>(&r)?, r.try_get("content")?))),
            None => Ok(None),
        }
    }
}
