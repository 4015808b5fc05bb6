//! The audit trail beyond sign-ins: every view of restricted personal data and every export,
//! with who and when (append-only, like the events), and the latest changes across every
//! case, read from the events, which already say who recorded each and when. Each entry is
//! written into a hash chain ([`crate::audit_chain`]) in the transaction that adds it.

use std::future::Future;

use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use sqlx::{ColumnIndex, Executor, Row};

use crate::StoreError;
use crate::audit_chain::{Break, ChainEntry, link, verify};
use crate::cases::PersonalRecord;
use crate::sql::{Dialect, RowsAffected, SqlStore, Text, Value};

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

    /// Seals every entry written before the chain began into it, in the order written, the
    /// first time it is called on a store; later calls seal nothing. Returns how many were sealed.
    fn seal_audit_chain(&self) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// Walks the whole chain: how many entries are intact, or where it first breaks.
    fn verify_audit_chain(
        &self,
    ) -> impl Future<Output = Result<Result<i64, Break>, StoreError>> + Send;

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
        // Kept to the microsecond, as PostgreSQL keeps it, so the hash made now is the hash
        // the entry read back makes.
        let at = entry.at.trunc_subsecs(6);
        let mut tx = self.pool.begin().await?;
        let (entries, head) = take_chain(&mut tx).await?;
        let seq = entries + 1;
        let hash = link(
            &head,
            seq,
            at,
            &entry.username,
            entry.action.as_str(),
            &entry.subject,
        );
        sqlx::query(
            "INSERT INTO audit_log (at, username, action, subject, seq, hash) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(at)
        .bind(entry.username.as_str())
        .bind(entry.action.as_str())
        .bind(entry.subject.as_str())
        .bind(seq)
        .bind(hash.as_str())
        .execute(&mut *tx)
        .await?;
        move_chain(&mut tx, seq, &hash).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn seal_audit_chain(&self) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let first = sqlx::query("UPDATE audit_chain SET sealed = 1 WHERE id = 1 AND sealed = 0")
            .execute(&mut *tx)
            .await?;
        if first.rows_affected() == 0 {
            // Sealed once already: an entry without a hash now was added around the program,
            // and the check must find it, not this seal it.
            return Ok(0);
        }
        let (mut entries, mut head) = take_chain(&mut tx).await?;
        let rows = sqlx::query(
            "SELECT id, at, username, action, subject FROM audit_log WHERE hash IS NULL ORDER BY id",
        )
        .fetch_all(&mut *tx)
        .await?;
        for r in &rows {
            let id: i64 = r.try_get(0)?;
            let at: DateTime<Utc> = r.try_get(1)?;
            let (username, action, subject): (String, String, String) =
                (r.try_get(2)?, r.try_get(3)?, r.try_get(4)?);
            entries += 1;
            head = link(&head, entries, at, &username, &action, &subject);
            sqlx::query("UPDATE audit_log SET seq = $1, hash = $2 WHERE id = $3")
                .bind(entries)
                .bind(head.as_str())
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        move_chain(&mut tx, entries, &head).await?;
        tx.commit().await?;
        Ok(rows.len() as u64)
    }

    async fn verify_audit_chain(&self) -> Result<Result<i64, Break>, StoreError> {
        let (expected, head): (i64, String) = {
            let r = sqlx::query("SELECT entries, head FROM audit_chain WHERE id = 1")
                .fetch_one(&self.pool)
                .await?;
            (r.try_get(0)?, r.try_get(1)?)
        };
        // Sealed entries in their order; any never sealed (added around the program) last.
        let rows = sqlx::query(
            "SELECT id, seq, at, username, action, subject, hash FROM audit_log \
             ORDER BY seq IS NULL, seq, id",
        )
        .fetch_all(&self.pool)
        .await?;
        let entries = rows
            .iter()
            .map(|r| {
                Ok(ChainEntry {
                    id: r.try_get(0)?,
                    seq: r.try_get(1)?,
                    at: r.try_get(2)?,
                    username: r.try_get(3)?,
                    action: r.try_get(4)?,
                    subject: r.try_get(5)?,
                    hash: r.try_get(6)?,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        Ok(verify(&entries, expected, &head))
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

/// Takes the chain's row for this transaction (its write lock on SQLite, its row lock on
/// PostgreSQL), so entries written at once are chained one after another: how many entries the
/// chain has, and the last one's hash.
async fn take_chain<DB: Dialect>(
    tx: &mut sqlx::Transaction<'_, DB>,
) -> Result<(i64, String), StoreError>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    usize: ColumnIndex<DB::Row>,
    i64: Value<DB>,
    String: Value<DB>,
{
    let r = sqlx::query(
        "UPDATE audit_chain SET entries = entries WHERE id = 1 RETURNING entries, head",
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok((r.try_get(0)?, r.try_get(1)?))
}

/// Moves the chain's head on to the entry at `seq` with `hash`.
async fn move_chain<DB: Dialect>(
    tx: &mut sqlx::Transaction<'_, DB>,
    seq: i64,
    hash: &str,
) -> Result<(), StoreError>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    i64: Value<DB>,
{
    sqlx::query("UPDATE audit_chain SET entries = $1, head = $2 WHERE id = 1")
        .bind(seq)
        .bind(hash)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
