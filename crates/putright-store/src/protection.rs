//! Data protection: erasing a case's personal data in one transaction, wherever the store holds
//! it (the records the events point to, attached files, contact arrangements, the words of its
//! letters and their emails, drafts, the survey's comment, the public form it came from), while
//! the events, the read models and so every figure stay as they were; the erasures recorded
//! without what was erased; and the reads a subject access request and the retention schedule
//! start from.

use std::future::Future;

use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Executor, Row};

use crate::sql::{Dialect, SqlStore, Text, Value};
use crate::{PersonalRecord, StoreError};

/// An erasure to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Erasure {
    /// The case's reference.
    pub reference: String,
    /// `retention` (the schedule) or `request` (the person asked, and it is lawful).
    pub under: &'static str,
    /// Why, in words.
    pub reason: String,
    /// Who erased it.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// An erasure made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErasureRow {
    /// The case's reference.
    pub reference: String,
    /// `retention` or `request`.
    pub under: String,
    /// Why.
    pub reason: String,
    /// Who.
    pub erased_by: String,
    /// When.
    pub erased_at: DateTime<Utc>,
}

/// Erasing personal data, and the reads data protection starts from.
pub trait ProtectionStore {
    /// Erases the case's personal data and records the erasure, all or nothing; a case that
    /// does not exist, or was erased already, is refused.
    fn erase_case(&self, erasure: &Erasure) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Every erasure, newest first.
    fn erasures(&self) -> impl Future<Output = Result<Vec<ErasureRow>, StoreError>> + Send;

    /// The references of the cases no longer open and not yet erased, oldest first: those the
    /// retention schedule may find closed.
    fn finished_cases(&self) -> impl Future<Output = Result<Vec<String>, StoreError>> + Send;

    /// The personal data of case `reference` not erased, in the order written.
    fn personal_records(
        &self,
        reference: &str,
    ) -> impl Future<Output = Result<Vec<PersonalRecord>, StoreError>> + Send;

    /// Every table with a row holding `needle` anywhere in its text (a name, an address), with
    /// how many rows: where a person's data still is, to check an erasure by.
    fn tables_holding(
        &self,
        needle: &str,
    ) -> impl Future<Output = Result<Vec<(String, i64)>, StoreError>> + Send;

    /// Each case whose complainant's record holds `needle` (an email address, say), with that
    /// record as stored: the app decides which really are the person's.
    fn complainants_like(
        &self,
        needle: &str,
    ) -> impl Future<Output = Result<Vec<(String, String)>, StoreError>> + Send;
}

/// What an erasing statement is given, in order.
#[derive(Clone, Copy)]
enum Param {
    CaseId,
    At,
    Reference,
    Email,
}

use Param::{At, CaseId, Email, Reference};

/// The statements that erase one case, each with what it is given. Mail to the complainant
/// about the case goes with it; any still queued is not sent.
const ERASE: [(&str, &[Param]); 9] = [
    (
        "UPDATE outbox SET recipient = '', subject = '', body = '', attachment = NULL, \
         attachment_name = NULL, answer = CASE WHEN state = 'queued' \
         THEN 'erased with the case''s personal data before it was sent' ELSE answer END, \
         state = CASE WHEN state = 'queued' THEN 'failed' ELSE state END WHERE (id IN (SELECT outbox_id FROM \
         letters WHERE case_id = $1 AND outbox_id IS NOT NULL) OR ($2 <> '' AND \
         lower(recipient) = lower($2) AND (subject LIKE '%' || $3 || '%' \
         OR body LIKE '%' || $3 || '%')))",
        &[CaseId, Email, Reference],
    ),
    (
        "UPDATE personal_data SET value = NULL, erased_at = $2 \
         WHERE case_id = $1 AND erased_at IS NULL",
        &[CaseId, At],
    ),
    (
        "UPDATE attachments SET content = substr(content, 1, 0), file_name = 'erased', \
         description = NULL, size = 0, sha256 = '' WHERE case_id = $1",
        &[CaseId],
    ),
    (
        "UPDATE contact_arrangements SET details = '', reason = NULL WHERE case_id = $1",
        &[CaseId],
    ),
    (
        "UPDATE letters SET facts = '', recipient = '' WHERE case_id = $1",
        &[CaseId],
    ),
    (
        "UPDATE response_drafts SET answers = '[]', comment = NULL WHERE case_id = $1",
        &[CaseId],
    ),
    (
        "UPDATE satisfaction_surveys SET why = NULL WHERE case_id = $1",
        &[CaseId],
    ),
    (
        "DELETE FROM web_draft_files WHERE token_hash IN \
         (SELECT token_hash FROM web_drafts WHERE reference = $1)",
        &[Reference],
    ),
    (
        "UPDATE web_drafts SET answers = '{}' WHERE reference = $1",
        &[Reference],
    ),
];

impl<DB: Dialect> ProtectionStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    DateTime<Utc>: Value<DB>,
    i64: Value<DB>,
    bool: Value<DB>,
{
    async fn erase_case(&self, erasure: &Erasure) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        let found = sqlx::query(
            "SELECT c.id, p.value, e.erased_at FROM cases c \
             LEFT JOIN personal_data p ON p.id = c.complainant_id \
             LEFT JOIN erasures e ON e.case_id = c.id WHERE c.reference = $1",
        )
        .bind(erasure.reference.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(found) = found else {
            return Err(StoreError::Refused(format!(
                "there is no case {}",
                erasure.reference
            )));
        };
        let case_id: i64 = found.try_get(0)?;
        let erased: Option<DateTime<Utc>> = found.try_get(2)?;
        if let Some(at) = erased {
            return Err(StoreError::Refused(format!(
                "case {}'s personal data was erased already, at {at}",
                erasure.reference
            )));
        }
        let complainant: Option<String> = found.try_get(1)?;
        let email = complainant
            .as_deref()
            .and_then(|v| serde_json::from_str::<serde_json::Value>(v).ok())
            .and_then(|v| v["email"].as_str().map(str::to_owned))
            .unwrap_or_default();
        for (statement, params) in ERASE {
            let mut query = sqlx::query(statement);
            for param in params {
                query = match param {
                    CaseId => query.bind(case_id),
                    At => query.bind(erasure.at),
                    Reference => query.bind(erasure.reference.as_str()),
                    Email => query.bind(email.as_str()),
                };
            }
            query.execute(&mut *tx).await?;
        }
        sqlx::query(
            "INSERT INTO erasures (case_id, under, reason, erased_by, erased_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(case_id)
        .bind(erasure.under)
        .bind(erasure.reason.as_str())
        .bind(erasure.by.as_str())
        .bind(erasure.at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn erasures(&self) -> Result<Vec<ErasureRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.reference, e.under, e.reason, e.erased_by, e.erased_at FROM erasures e \
             JOIN cases c ON c.id = e.case_id ORDER BY e.id DESC",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ErasureRow {
                    reference: r.try_get(0)?,
                    under: r.try_get(1)?,
                    reason: r.try_get(2)?,
                    erased_by: r.try_get(3)?,
                    erased_at: r.try_get(4)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    async fn finished_cases(&self) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query_scalar(
            "SELECT reference FROM cases WHERE status NOT IN ('stage1_open', 'stage2_open', 'open') \
             AND id NOT IN (SELECT case_id FROM erasures) ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows)
    }

    async fn personal_records(&self, reference: &str) -> Result<Vec<PersonalRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT p.id, p.category, p.restricted, p.value FROM personal_data p \
             JOIN cases c ON c.id = p.case_id \
             WHERE c.reference = $1 AND p.erased_at IS NULL ORDER BY p.id",
        )
        .bind(reference)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(PersonalRecord {
                    id: r.try_get(0)?,
                    category: r.try_get(1)?,
                    restricted: r.try_get(2)?,
                    value: r.try_get::<Option<String>, _>(3)?.unwrap_or_default(),
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    async fn tables_holding(&self, needle: &str) -> Result<Vec<(String, i64)>, StoreError> {
        let sqlite = DB::BACKEND == "sqlite";
        let tables: Vec<String> = sqlx::query_scalar(if sqlite {
            // The full-text index's own pages hold its terms in a binary form of their own.
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name NOT IN ('case_words_data', 'case_words_idx') ORDER BY name"
        } else {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
        })
        .fetch_all(&self.pool)
        .await?;
        let mut found = Vec::new();
        for table in tables {
            let quoted = table.replace('"', "\"\"");
            let sql = if sqlite {
                let columns: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT name FROM pragma_table_info('{}')",
                    table.replace('\'', "''")
                )))
                .fetch_all(&self.pool)
                .await?;
                let text: Vec<String> = columns
                    .iter()
                    .map(|c| format!("coalesce(CAST(\"{}\" AS TEXT), '')", c.replace('"', "\"\"")))
                    .collect();
                format!(
                    "SELECT count(*) FROM \"{quoted}\" WHERE instr({}, $1) > 0",
                    text.join(" || '|' || ")
                )
            } else {
                format!("SELECT count(*) FROM \"{quoted}\" x WHERE strpos(x::text, $1) > 0")
            };
            let rows: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .bind(needle)
                .fetch_one(&self.pool)
                .await?;
            if rows > 0 {
                found.push((table, rows));
            }
        }
        Ok(found)
    }

    async fn complainants_like(&self, needle: &str) -> Result<Vec<(String, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.reference, p.value FROM personal_data p JOIN cases c ON c.id = p.case_id \
             WHERE p.category = 'complainant' AND p.erased_at IS NULL \
             AND lower(p.value) LIKE '%' || lower($1) || '%' ORDER BY c.id",
        )
        .bind(needle)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }
}
