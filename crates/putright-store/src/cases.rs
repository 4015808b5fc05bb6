//! The cases: each an append-only list of events with its personal data held apart, and the
//! read models derived from them, written together in one transaction per save.

use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use putright_domain::{Event, Flag, Origin, Reference};
use sqlx::{ColumnIndex, Executor, Row};

use crate::case_sql::{
    INSERT_CASE, REFRESH_CASE, SELECT_CASE, SELECT_STAGES, UPDATE_CASE, UPSERT_PERSONAL,
    bind_case_row, case_row_from, decode_event, encode_event, placeholders, stage_row_from,
    write_stages,
};
use crate::read_model::{CaseRow, StageRow};
use crate::sql::{Dialect, RowsAffected, SqlStore, Text, Value};
use crate::{BulkSession, StoreError};

/// An event as stored, with who recorded it, when, how, and the breaches it carries.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    /// The event's number within the case, counting from 1.
    pub seq: u32,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// Who recorded it.
    pub recorded_by: String,
    /// Whether it was recorded live in the app or imported.
    pub origin: Origin,
    /// The breaches of the Code recorded against it.
    pub flags: Vec<Flag>,
    /// What happened.
    pub event: Event,
}

/// A case's events, in the order they were recorded.
#[derive(Debug, Clone)]
pub struct StoredCase {
    /// The case's id in the store, which its rows refer to.
    pub id: i64,
    /// The case's reference.
    pub reference: Reference,
    /// The events, in the order recorded.
    pub events: Vec<StoredEvent>,
}

impl StoredCase {
    /// How many events the case has: the version a change to it is made against.
    pub fn version(&self) -> u32 {
        self.events.len() as u32
    }
}

pub use putright_domain::personal::PersonalRecord;

/// Everything one save of a case writes, in one transaction.
#[derive(Debug, Clone)]
pub struct CaseChange {
    /// The case the change is to.
    pub reference: Reference,
    /// `None` for a new case; otherwise the case's id as loaded.
    pub case_id: Option<i64>,
    /// The version the change was decided against; the save fails if another got there first.
    pub expected_version: u32,
    /// The new events, numbered on from the expected version.
    pub events: Vec<StoredEvent>,
    /// The personal data the new events refer to, written or replaced.
    pub personal: Vec<PersonalRecord>,
    /// The case's read model row as the events leave it.
    pub case_row: CaseRow,
    /// The rows of the case's complaint stages as the events leave them.
    pub stage_rows: Vec<StageRow>,
    /// The response draft this save issues, if any: it must still be awaiting its quality
    /// check, and is marked issued in the same transaction, so a response is never recorded
    /// twice from one draft.
    pub issues_draft: Option<i64>,
    /// The letter this save issues, if any, with its email: written in the same transaction,
    /// so a letter is on the case's timeline exactly when it is in the outbox or print queue.
    pub issues_letter: Option<crate::LetterWrite>,
    /// The public form this save sends, if any: written in the same transaction, and refused
    /// if the form was already sent, so a form sent twice makes one case.
    pub submission: Option<crate::SubmissionWrite>,
    /// The satisfaction surveys of the stages this save answers, with their invitations.
    pub surveys: Vec<crate::SurveyWrite>,
    /// The Idempotency-Key of the API request this save answers, if any: written in the same
    /// transaction and refused if written already, so a client's retry never makes a second
    /// case.
    pub idempotency: Option<crate::IdempotencyWrite>,
}

/// What the store holds, in round numbers for a status page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// How many cases there are.
    pub cases: i64,
    /// How many events there are, across every case.
    pub events: i64,
    /// How many cases there are of each kind of contact, by kind name in name order.
    pub by_kind: Vec<(String, i64)>,
    /// How many closure days are recorded.
    pub closures: i64,
    /// How many of the Ombudsman's findings are imported.
    pub findings: i64,
    /// The day the earliest case was received, if there are any cases.
    pub first_received: Option<NaiveDate>,
    /// The day the latest case was received, if there are any cases.
    pub last_received: Option<NaiveDate>,
}

/// The cases: their events, personal data and read models.
pub trait CaseStore {
    /// The bulk session this database's [`CaseStore::begin_bulk`] begins.
    type Bulk: BulkSession;

    /// Begins a bulk session (see [`BulkSession`]).
    fn begin_bulk(&self) -> impl Future<Output = Result<Self::Bulk, StoreError>> + Send;

    /// Which database this is, for messages: `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;

    /// The case `reference` and its events, if it is stored.
    fn load(
        &self,
        reference: &Reference,
    ) -> impl Future<Output = Result<Option<StoredCase>, StoreError>> + Send;

    /// Appends the change's events and replaces the case's read models, all or nothing.
    fn commit(&self, change: &CaseChange) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Commits several changes (to different cases) in one transaction: all or none.
    fn commit_all(
        &self,
        changes: &[CaseChange],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Every case reference, in the order the cases were created.
    fn references(&self) -> impl Future<Output = Result<Vec<Reference>, StoreError>> + Send;

    /// Replaces the read models of already stored cases (after a calendar change).
    fn refresh_read_models(
        &self,
        rows: &[(i64, CaseRow, Vec<StageRow>)],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The personal record with this id, if one is held.
    fn personal(
        &self,
        id: &str,
    ) -> impl Future<Output = Result<Option<PersonalRecord>, StoreError>> + Send;

    /// What the whole store holds: cases, events, closure days and findings.
    fn summary(&self) -> impl Future<Output = Result<Summary, StoreError>> + Send;

    /// The read model of one case, as stored.
    fn case_row(
        &self,
        reference: &Reference,
    ) -> impl Future<Output = Result<Option<(CaseRow, Vec<StageRow>)>, StoreError>> + Send;
}

impl<DB: Dialect> CaseStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    NaiveDate: Value<DB>,
    Option<NaiveDate>: Value<DB>,
    DateTime<Utc>: Value<DB>,
    i64: Value<DB>,
    bool: Value<DB>,
    Option<bool>: Value<DB>,
    Option<i64>: Value<DB>,
    usize: ColumnIndex<DB::Row>,
    i32: Value<DB>,
    Option<Vec<u8>>: Value<DB>,
    Option<i32>: Value<DB>,
{
    type Bulk = DB::Bulk;

    async fn begin_bulk(&self) -> Result<DB::Bulk, StoreError> {
        DB::begin_bulk(&self.pool).await
    }

    fn backend(&self) -> &'static str {
        DB::BACKEND
    }

    async fn load(&self, reference: &Reference) -> Result<Option<StoredCase>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let found = existing_in::<DB>(&mut conn, std::slice::from_ref(reference)).await?;
        Ok(found.into_iter().next().map(|(case, _)| case))
    }

    async fn commit(&self, change: &CaseChange) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        commit_in::<DB>(&mut tx, change).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn commit_all(&self, changes: &[CaseChange]) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        for change in changes {
            commit_in::<DB>(&mut tx, change).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn references(&self) -> Result<Vec<Reference>, StoreError> {
        let rows = sqlx::query("SELECT reference FROM cases ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                let raw: String = r.try_get("reference")?;
                Reference::parse(&raw).map_err(|e| StoreError::Corrupt(e.to_string()))
            })
            .collect()
    }

    async fn refresh_read_models(
        &self,
        rows: &[(i64, CaseRow, Vec<StageRow>)],
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        for (id, row, stages) in rows {
            let q = sqlx::query(REFRESH_CASE.as_str()).bind(*id);
            bind_case_row(q, row).execute(&mut *tx).await?;
            write_stages::<DB>(&mut tx, *id, stages).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn personal(&self, id: &str) -> Result<Option<PersonalRecord>, StoreError> {
        let row =
            sqlx::query("SELECT id, category, restricted, value FROM personal_data WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|r| -> Result<_, StoreError> {
            Ok(PersonalRecord {
                id: r.try_get("id")?,
                category: r.try_get("category")?,
                restricted: r.try_get("restricted")?,
                value: r.try_get::<Option<String>, _>("value")?.unwrap_or_default(),
            })
        })
        .transpose()
    }

    async fn summary(&self) -> Result<Summary, StoreError> {
        let totals = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM cases) AS cases, (SELECT COUNT(*) FROM events) AS events, \
             (SELECT COUNT(*) FROM closures) AS closures, \
             (SELECT COUNT(*) FROM ombudsman_findings) AS findings, \
             (SELECT MIN(received_on) FROM cases) AS first_received, \
             (SELECT MAX(received_on) FROM cases) AS last_received",
        )
        .fetch_one(&self.pool)
        .await?;
        let by_kind =
            sqlx::query("SELECT kind, COUNT(*) AS n FROM cases GROUP BY kind ORDER BY kind")
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|r| Ok((r.try_get("kind")?, r.try_get("n")?)))
                .collect::<Result<Vec<(String, i64)>, sqlx::Error>>()?;
        Ok(Summary {
            cases: totals.try_get("cases")?,
            events: totals.try_get("events")?,
            closures: totals.try_get("closures")?,
            findings: totals.try_get("findings")?,
            first_received: totals.try_get("first_received")?,
            last_received: totals.try_get("last_received")?,
            by_kind,
        })
    }

    async fn case_row(
        &self,
        reference: &Reference,
    ) -> Result<Option<(CaseRow, Vec<StageRow>)>, StoreError> {
        let Some(row) = sqlx::query(SELECT_CASE.as_str())
            .bind(reference.as_str())
            .fetch_optional(&self.pool)
            .await?
        else {
            return Ok(None);
        };
        let id: i64 = row.try_get("id")?;
        let case_row = case_row_from::<DB>(&row)?;
        let mut stages = Vec::new();
        for r in sqlx::query(SELECT_STAGES.as_str())
            .bind(id)
            .fetch_all(&self.pool)
            .await?
        {
            stages.push(stage_row_from::<DB>(&r)?);
        }
        Ok(Some((case_row, stages)))
    }
}

/// Writes one case's change on a connection already inside a transaction.
pub(crate) async fn commit_in<DB: Dialect>(
    tx: &mut DB::Connection,
    change: &CaseChange,
) -> Result<(), StoreError>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    NaiveDate: Value<DB>,
    Option<NaiveDate>: Value<DB>,
    DateTime<Utc>: Value<DB>,
    i64: Value<DB>,
    bool: Value<DB>,
    Option<bool>: Value<DB>,
    Option<i64>: Value<DB>,
    usize: ColumnIndex<DB::Row>,
    i32: Value<DB>,
    Option<Vec<u8>>: Value<DB>,
    Option<i32>: Value<DB>,
{
    let new_version = i64::from(change.expected_version) + change.events.len() as i64;
    let row = &change.case_row;
    let case_id: i64 = match change.case_id {
        None => {
            let q = sqlx::query(INSERT_CASE.as_str())
                .bind(change.reference.as_str())
                .bind(new_version)
                .bind(Utc::now());
            match bind_case_row(q, row).fetch_optional(&mut *tx).await? {
                Some(r) => r.try_get("id")?,
                None => return Err(StoreError::AlreadyExists(change.reference.clone())),
            }
        }
        Some(id) => {
            let q = sqlx::query(UPDATE_CASE.as_str())
                .bind(new_version)
                .bind(Utc::now())
                .bind(id);
            let done = bind_case_row(q, row)
                .bind(i64::from(change.expected_version))
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() != 1 {
                let found: i64 = sqlx::query("SELECT version FROM cases WHERE id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?
                    .try_get("version")?;
                return Err(StoreError::Conflict {
                    reference: change.reference.clone(),
                    expected: change.expected_version,
                    found: found as u32,
                });
            }
            id
        }
    };
    for p in &change.personal {
        sqlx::query(UPSERT_PERSONAL)
            .bind(&p.id)
            .bind(case_id)
            .bind(&p.category)
            .bind(p.restricted)
            .bind(&p.value)
            .execute(&mut *tx)
            .await?;
    }
    for e in &change.events {
        let (payload, flags) = encode_event(e)?;
        sqlx::query(
            "INSERT INTO events (case_id, seq, type, effective_on, recorded_at, recorded_by, origin, flags, payload) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(case_id)
        .bind(i64::from(e.seq))
        .bind(e.event.name())
        .bind(e.event.effective_on())
        .bind(e.recorded_at)
        .bind(&e.recorded_by)
        .bind(e.origin.as_str())
        .bind(flags)
        .bind(payload)
        .execute(&mut *tx)
        .await?;
    }
    if let (Some(draft), Some(first)) = (change.issues_draft, change.events.first()) {
        crate::drafts::issue_in::<DB>(tx, draft, case_id, &first.recorded_by, first.recorded_at)
            .await?;
    }
    if let Some(letter) = &change.issues_letter {
        crate::letters::write_in::<DB>(tx, case_id, letter).await?;
    }
    if let Some(key) = &change.idempotency {
        crate::tokens::write_key_in::<DB>(tx, case_id, key).await?;
    }
    crate::satisfaction::write_in::<DB>(tx, case_id, &change.surveys).await?;
    if let Some(submission) = &change.submission {
        let on = row.received_on;
        crate::resident::submit_in::<DB>(tx, case_id, change.reference.as_str(), on, submission)
            .await?;
    }
    write_stages::<DB>(tx, case_id, &change.stage_rows).await
}

/// The stored cases among `references`, with their personal data, read on a connection inside
/// the caller's transaction.
pub(crate) async fn existing_in<DB: Dialect>(
    conn: &mut DB::Connection,
    references: &[Reference],
) -> Result<Vec<(StoredCase, Vec<PersonalRecord>)>, StoreError>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    DateTime<Utc>: Value<DB>,
    i64: Value<DB>,
    bool: Value<DB>,
{
    let mut found = Vec::new();
    for chunk in references.chunks(500) {
        let sql = format!(
            "SELECT id, reference FROM cases WHERE reference IN ({})",
            placeholders(1, chunk.len())
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for r in chunk {
            q = q.bind(r.as_str());
        }
        for row in q.fetch_all(&mut *conn).await? {
            let id: i64 = row.try_get("id")?;
            let raw: String = row.try_get("reference")?;
            let reference =
                Reference::parse(&raw).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let case = StoredCase {
                id,
                reference,
                events: Vec::new(),
            };
            found.push((case, Vec::new()));
        }
    }
    for (case, personal) in &mut found {
        let rows = sqlx::query(
            "SELECT seq, recorded_at, recorded_by, origin, flags, payload FROM events \
             WHERE case_id = $1 ORDER BY seq",
        )
        .bind(case.id)
        .fetch_all(&mut *conn)
        .await?;
        for row in rows {
            let seq: i64 = row.try_get("seq")?;
            let origin: String = row.try_get("origin")?;
            let flags: String = row.try_get("flags")?;
            let payload: String = row.try_get("payload")?;
            let (origin, flags, event) =
                decode_event(&case.reference, seq, &origin, &flags, &payload)?;
            case.events.push(StoredEvent {
                seq: seq as u32,
                recorded_at: row.try_get("recorded_at")?,
                recorded_by: row.try_get("recorded_by")?,
                origin,
                flags,
                event,
            });
        }
        let rows = sqlx::query(
            "SELECT id, category, restricted, value FROM personal_data WHERE case_id = $1 ORDER BY id",
        )
        .bind(case.id)
        .fetch_all(&mut *conn)
        .await?;
        for r in rows {
            personal.push(PersonalRecord {
                id: r.try_get("id")?,
                category: r.try_get("category")?,
                restricted: r.try_get("restricted")?,
                value: r.try_get::<Option<String>, _>("value")?.unwrap_or_default(),
            });
        }
    }
    Ok(found)
}
