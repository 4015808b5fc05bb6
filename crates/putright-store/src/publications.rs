//! The reports written and published in the app: each save of a report's narrative kept as a
//! version (report_narratives), and each publication frozen with its narrative, the day its
//! figures were judged as at and its files as written (published_reports, published_files;
//! triggers refuse any change), numbered per report and period.

use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{ColumnIndex, Executor, Row};

use crate::StoreError;
use crate::sql::{Dialect, SqlStore, Text, Value};

/// A narrative as last saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NarrativeRow {
    /// The save's number (later saves have larger ones).
    pub id: i64,
    /// The narrative, in Markdown with a heading per section.
    pub text: String,
    /// Who saved it.
    pub saved_by: String,
    /// When.
    pub saved_at: DateTime<Utc>,
}

/// A report to publish: what it says and its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicationWrite<'a> {
    /// The report: "annual".
    pub kind: &'a str,
    /// Its period, as written ("2024/25").
    pub period: &'a str,
    /// The day its figures were judged as at.
    pub as_at: NaiveDate,
    /// The narrative it was published with.
    pub narrative: &'a str,
    /// Its files: (format, bytes).
    pub files: Vec<(&'a str, Vec<u8>)>,
    /// Who published it.
    pub by: &'a str,
    /// When.
    pub at: DateTime<Utc>,
}

/// A published report, without its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedRow {
    /// Its number in the store.
    pub id: i64,
    /// The report: "annual".
    pub kind: String,
    /// Its period, as written.
    pub period: String,
    /// Its version: 1 for the first published for the period.
    pub version: i32,
    /// The day its figures were judged as at.
    pub as_at: NaiveDate,
    /// The narrative it was published with.
    pub narrative: String,
    /// Who published it.
    pub published_by: String,
    /// When.
    pub published_at: DateTime<Utc>,
}

/// The reports' narratives and publications.
pub trait PublicationStore {
    /// Keeps a new version of a report's narrative; returns its number.
    fn save_narrative(
        &self,
        kind: &str,
        period: &str,
        text: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;

    /// The narrative of a report as last saved, if it has been.
    fn narrative(
        &self,
        kind: &str,
        period: &str,
    ) -> impl Future<Output = Result<Option<NarrativeRow>, StoreError>> + Send;

    /// Publishes a report with its files in one transaction, as the next version for its
    /// period; two officers publishing at once get two versions, never one number twice.
    fn publish(
        &self,
        report: &PublicationWrite<'_>,
    ) -> impl Future<Output = Result<PublishedRow, StoreError>> + Send;

    /// The versions of a report published for a period, newest first.
    fn publications(
        &self,
        kind: &str,
        period: &str,
    ) -> impl Future<Output = Result<Vec<PublishedRow>, StoreError>> + Send;

    /// Published report `id` and its file in `format`, if both are held.
    fn published_file(
        &self,
        id: i64,
        format: &str,
    ) -> impl Future<Output = Result<Option<(PublishedRow, Vec<u8>)>, StoreError>> + Send;
}

const PUBLISHED_COLUMNS: &str =
    "p.id, p.kind, p.period, p.version, p.as_at, p.narrative, p.published_by, p.published_at";

fn decode<DB: Dialect>(r: &DB::Row) -> Result<PublishedRow, sqlx::Error>
where
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
    i32: Value<DB>,
    i64: Value<DB>,
    NaiveDate: Value<DB>,
    DateTime<Utc>: Value<DB>,
{
    Ok(PublishedRow {
        id: r.try_get("id")?,
        kind: r.try_get("kind")?,
        period: r.try_get("period")?,
        version: r.try_get("version")?,
        as_at: r.try_get("as_at")?,
        narrative: r.try_get("narrative")?,
        published_by: r.try_get("published_by")?,
        published_at: r.try_get("published_at")?,
    })
}

impl<DB: Dialect> PublicationStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    NaiveDate: Value<DB>,
    DateTime<Utc>: Value<DB>,
    i32: Value<DB>,
    i64: Value<DB>,
    Vec<u8>: Value<DB>,
{
    async fn save_narrative(
        &self,
        kind: &str,
        period: &str,
        text: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let id = sqlx::query_scalar(
            "INSERT INTO report_narratives (kind, period, text, saved_by, saved_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(kind)
        .bind(period)
        .bind(text)
        .bind(by)
        .bind(at)
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    async fn narrative(
        &self,
        kind: &str,
        period: &str,
    ) -> Result<Option<NarrativeRow>, StoreError> {
        let row = sqlx::query(
            "SELECT id, text, saved_by, saved_at FROM report_narratives \
             WHERE kind = $1 AND period = $2 ORDER BY id DESC LIMIT 1",
        )
        .bind(kind)
        .bind(period)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(NarrativeRow {
                id: r.try_get(0)?,
                text: r.try_get(1)?,
                saved_by: r.try_get(2)?,
                saved_at: r.try_get(3)?,
            })
        })
        .transpose()
    }

    async fn publish(&self, report: &PublicationWrite<'_>) -> Result<PublishedRow, StoreError> {
        let mut tx = self.pool.begin().await?;
        // The unique (kind, period, version) key makes the second of two publications made at
        // once fail rather than both take the same number; the officer publishes again.
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO published_reports \
             (kind, period, version, as_at, narrative, published_by, published_at) \
             SELECT $1, $2, COALESCE(MAX(version), 0) + 1, $3, $4, $5, $6 FROM published_reports \
             WHERE kind = $1 AND period = $2 RETURNING id",
        )
        .bind(report.kind)
        .bind(report.period)
        .bind(report.as_at)
        .bind(report.narrative)
        .bind(report.by)
        .bind(report.at)
        .fetch_one(&mut *tx)
        .await?;
        for (format, content) in &report.files {
            sqlx::query(
                "INSERT INTO published_files (report_id, format, content) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(*format)
            .bind(content.clone())
            .execute(&mut *tx)
            .await?;
        }
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {PUBLISHED_COLUMNS} FROM published_reports p WHERE p.id = $1"
        )))
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        let published = decode::<DB>(&row)?;
        tx.commit().await?;
        Ok(published)
    }

    async fn publications(
        &self,
        kind: &str,
        period: &str,
    ) -> Result<Vec<PublishedRow>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {PUBLISHED_COLUMNS} FROM published_reports p \
             WHERE p.kind = $1 AND p.period = $2 ORDER BY p.version DESC"
        )))
        .bind(kind)
        .bind(period)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(decode::<DB>)
            .collect::<Result<_, sqlx::Error>>()?)
    }

    async fn published_file(
        &self,
        id: i64,
        format: &str,
    ) -> Result<Option<(PublishedRow, Vec<u8>)>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {PUBLISHED_COLUMNS}, f.content FROM published_reports p \
             JOIN published_files f ON f.report_id = p.id WHERE p.id = $1 AND f.format = $2"
        )))
        .bind(id)
        .bind(format)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((decode::<DB>(&r)?, r.try_get("content")?)))
            .transpose()
    }
}
