//! The audit trail beyond sign-ins: every view of restricted personal data and every export,
//! with who and when (append-only, like the events), and the latest changes across every
//! case, read from the events, which already say who recorded each and when.

use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{ColumnIndex, Executor, Row};

use crate::StoreError;
use crate::cases::PersonalRecord;
use crate::sql::{Dialect, SqlStore, Text, Value};

/// What an audit entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    /// Someone was shown restricted personal data (vulnerabilities, reasonable adjustments).
    ViewedRestricted,
    /// Someone exported data from the service.
    Exported,
}

impl AuditAction {
    /// The name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::ViewedRestricted => "viewed_restricted",
            AuditAction::Exported => "exported",
        }
    }

    fn parse(raw: &str) -> Option<AuditAction> {
        [AuditAction::ViewedRestricted, AuditAction::Exported]
            .into_iter()
            .find(|a| a.as_str() == raw)
    }
}

/// One entry of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (a username).
    pub username: String,
    /// What they did.
    pub action: AuditAction,
    /// What it was done to: a case's reference, or what was exported.
    pub subject: String,
}

/// One change recorded live on a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeEntry {
    /// When it was recorded.
    pub at: DateTime<Utc>,
    /// Who recorded it.
    pub username: String,
    /// The case.
    pub reference: String,
    /// The event's name.
    pub event: String,
    /// The day it happened.
    pub effective_on: NaiveDate,
}

/// The audit trail.
pub trait AuditStore {
    /// Adds an entry.
    fn record_audit(
        &self,
        entry: &AuditEntry,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The latest entries, newest first, at most `limit`.
    fn audit_entries(
        &self,
        limit: i64,
    ) -> impl Future<Output = Result<Vec<AuditEntry>, StoreError>> + Send;

    /// A case's restricted personal data (vulnerabilities, reasonable adjustments), not erased.
    fn restricted_data(
        &self,
        reference: &str,
    ) -> impl Future<Output = Result<Vec<PersonalRecord>, StoreError>> + Send;

    /// The latest changes recorded live, newest first, at most `limit`.
    fn recent_changes(
        &self,
        limit: i64,
    ) -> impl Future<Output = Result<Vec<ChangeEntry>, StoreError>> + Send;
}

impl<DB: Dialect> AuditStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    NaiveDate: Value<DB>,
    DateTime<Utc>: Value<DB>,
    i64: Value<DB>,
    bool: Value<DB>,
{
    async fn record_audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO audit_log (at, username, action, subject) VALUES ($1, $2, $3, $4)",
        )
        .bind(entry.at)
        .bind(entry.username.as_str())
        .bind(entry.action.as_str())
        .bind(entry.subject.as_str())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn audit_entries(&self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, at, username, action, subject FROM audit_log ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let id: i64 = r.try_get("id")?;
                let action: String = r.try_get("action")?;
                Ok(AuditEntry {
                    at: r.try_get("at")?,
                    username: r.try_get("username")?,
                    action: AuditAction::parse(&action).ok_or_else(|| {
                        StoreError::Corrupt(format!("audit entry {id}: action \"{action}\""))
                    })?,
                    subject: r.try_get("subject")?,
                })
            })
            .collect()
    }

    async fn restricted_data(&self, reference: &str) -> Result<Vec<PersonalRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT p.id, p.category, p.value FROM personal_data p JOIN cases c ON c.id = p.case_id \
             WHERE c.reference = $1 AND p.restricted AND p.erased_at IS NULL \
             AND p.value IS NOT NULL ORDER BY p.category, p.id",
        )
        .bind(reference)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(PersonalRecord {
                    id: r.try_get("id")?,
                    category: r.try_get("category")?,
                    restricted: true,
                    value: r.try_get("value")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    async fn recent_changes(&self, limit: i64) -> Result<Vec<ChangeEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT e.recorded_at, e.recorded_by, c.reference, e.type, e.effective_on \
             FROM events e JOIN cases c ON c.id = e.case_id \
             WHERE e.origin = 'live' ORDER BY e.id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ChangeEntry {
                    at: r.try_get("recorded_at")?,
                    username: r.try_get("recorded_by")?,
                    reference: r.try_get("reference")?,
                    event: r.try_get("type")?,
                    effective_on: r.try_get("effective_on")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }
}
