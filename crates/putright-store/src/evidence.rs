//! What the Ombudsman asked the landlord for on a referred case, and when it was sent
//! (evidence_requests): asked on, what, due by, sent on and by whom.

use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{ColumnIndex, Executor, Row};

use crate::StoreError;
use crate::sql::{Dialect, RowsAffected, SqlStore, Text, Value};

/// One request of the Ombudsman's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRequestRow {
    /// Its number (ignored when one is added).
    pub id: i64,
    /// The day the Ombudsman asked.
    pub asked_on: NaiveDate,
    /// What it asked for, in words.
    pub what: String,
    /// The day it is due, if the Ombudsman gave one.
    pub due_on: Option<NaiveDate>,
    /// The day it was sent, and who sent it.
    pub sent: Option<(NaiveDate, String)>,
    /// Who recorded the request.
    pub recorded_by: String,
    /// When.
    pub recorded_at: DateTime<Utc>,
}

/// The Ombudsman's requests on cases.
pub trait EvidenceStore {
    /// Records a request on case `reference`; returns its number. An unknown case is refused.
    fn add_evidence_request(
        &self,
        reference: &str,
        row: &EvidenceRequestRow,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;

    /// A case's requests, in the order asked.
    fn evidence_requests(
        &self,
        reference: &str,
    ) -> impl Future<Output = Result<Vec<EvidenceRequestRow>, StoreError>> + Send;

    /// Records request `id` of case `reference` as sent on `on` by `by`; one not found, or
    /// sent already, is refused.
    fn evidence_sent(
        &self,
        reference: &str,
        id: i64,
        on: NaiveDate,
        by: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}

impl<DB: Dialect> EvidenceStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    NaiveDate: Value<DB>,
    Option<NaiveDate>: Value<DB>,
    DateTime<Utc>: Value<DB>,
    i64: Value<DB>,
{
    async fn add_evidence_request(
        &self,
        reference: &str,
        row: &EvidenceRequestRow,
    ) -> Result<i64, StoreError> {
        let added = sqlx::query(
            "INSERT INTO evidence_requests (case_id, asked_on, what, due_on, recorded_by, \
             recorded_at) SELECT id, $2, $3, $4, $5, $6 FROM cases WHERE reference = $1 \
             RETURNING id",
        )
        .bind(reference)
        .bind(row.asked_on)
        .bind(row.what.as_str())
        .bind(row.due_on)
        .bind(row.recorded_by.as_str())
        .bind(row.recorded_at)
        .fetch_optional(&self.pool)
        .await?;
        match added {
            Some(r) => Ok(r.try_get("id")?),
            None => Err(StoreError::Refused(format!("there is no case {reference}"))),
        }
    }

    async fn evidence_requests(
        &self,
        reference: &str,
    ) -> Result<Vec<EvidenceRequestRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT r.id, r.asked_on, r.what, r.due_on, r.sent_on, r.sent_by, r.recorded_by, \
             r.recorded_at FROM evidence_requests r JOIN cases c ON c.id = r.case_id \
             WHERE c.reference = $1 ORDER BY r.asked_on, r.id",
        )
        .bind(reference)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let sent_on: Option<NaiveDate> = r.try_get(4)?;
                let sent_by: Option<String> = r.try_get(5)?;
                Ok(EvidenceRequestRow {
                    id: r.try_get(0)?,
                    asked_on: r.try_get(1)?,
                    what: r.try_get(2)?,
                    due_on: r.try_get(3)?,
                    sent: sent_on.zip(sent_by),
                    recorded_by: r.try_get(6)?,
                    recorded_at: r.try_get(7)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    async fn evidence_sent(
        &self,
        reference: &str,
        id: i64,
        on: NaiveDate,
        by: &str,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE evidence_requests SET sent_on = $3, sent_by = $4 WHERE id = $2 \
             AND sent_on IS NULL AND asked_on <= $3 \
             AND case_id = (SELECT id FROM cases WHERE reference = $1)",
        )
        .bind(reference)
        .bind(id)
        .bind(on)
        .bind(by)
        .execute(&self.pool)
        .await?;
        match done.rows_affected() {
            1 => Ok(()),
            _ => Err(StoreError::Refused(format!(
                "request {id} of case {reference} is not one awaiting its evidence on {on} \
                 (not recorded, sent already, or asked for after that day)"
            ))),
        }
    }
}
