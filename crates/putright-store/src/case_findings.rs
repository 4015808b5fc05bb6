//! The Ombudsman's findings on the landlord's own cases: one row per complaint point of a
//! determination, recorded once.

use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{ColumnIndex, Executor, Row};

use crate::StoreError;
use crate::sql::{Dialect, SqlStore, Text, Value};

/// One finding of a determination on a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFindingRow {
    /// Its number.
    pub id: i64,
    /// The Ombudsman's own reference for the case.
    pub ombudsman_case: String,
    /// The day of the determination.
    pub decided_on: NaiveDate,
    /// The complaint point, as the determination words it.
    pub point: String,
    /// The finding on it, by its stored name (`service_failure`).
    pub finding: String,
    /// Who recorded it.
    pub recorded_by: String,
    /// When.
    pub recorded_at: DateTime<Utc>,
}

/// The findings on the landlord's own cases.
pub trait CaseFindingStore {
    /// Records a finding on case `reference` (`row.id` is ignored); returns its number. The
    /// same point of the same Ombudsman case twice is refused.
    fn add_case_finding(
        &self,
        reference: &str,
        row: &CaseFindingRow,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;

    /// A case's findings, in the order they were recorded.
    fn case_findings(
        &self,
        reference: &str,
    ) -> impl Future<Output = Result<Vec<CaseFindingRow>, StoreError>> + Send;
}

impl<DB: Dialect> CaseFindingStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    NaiveDate: Value<DB>,
    DateTime<Utc>: Value<DB>,
    i64: Value<DB>,
{
    async fn add_case_finding(
        &self,
        reference: &str,
        row: &CaseFindingRow,
    ) -> Result<i64, StoreError> {
        // ON CONFLICT DO NOTHING: a point already recorded answers with no row, so two saves
        // of the same form never race into a database error.
        let added = sqlx::query(
            "INSERT INTO case_findings (case_id, ombudsman_case, decided_on, point, finding, \
             recorded_by, recorded_at) \
             SELECT id, $2, $3, $4, $5, $6, $7 FROM cases WHERE reference = $1 \
             ON CONFLICT (case_id, ombudsman_case, point) DO NOTHING RETURNING id",
        )
        .bind(reference)
        .bind(row.ombudsman_case.as_str())
        .bind(row.decided_on)
        .bind(row.point.as_str())
        .bind(row.finding.as_str())
        .bind(row.recorded_by.as_str())
        .bind(row.recorded_at)
        .fetch_optional(&self.pool)
        .await?;
        match added {
            Some(r) => Ok(r.try_get("id")?),
            None => Err(StoreError::Refused(format!(
                "the finding on \"{}\" of Ombudsman case {} is already recorded on case {reference}",
                row.point, row.ombudsman_case
            ))),
        }
    }

    async fn case_findings(&self, reference: &str) -> Result<Vec<CaseFindingRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT f.* FROM case_findings f JOIN cases c ON c.id = f.case_id \
             WHERE c.reference = $1 ORDER BY f.id",
        )
        .bind(reference)
        .fetch_all(&self.pool)
        .await?;
        let decode = |r: &DB::Row| -> Result<CaseFindingRow, sqlx::Error> {
            Ok(CaseFindingRow {
                id: r.try_get("id")?,
                ombudsman_case: r.try_get("ombudsman_case")?,
                decided_on: r.try_get("decided_on")?,
                point: r.try_get("point")?,
                finding: r.try_get("finding")?,
                recorded_by: r.try_get("recorded_by")?,
                recorded_at: r.try_get("recorded_at")?,
            })
        };
        Ok(rows
            .iter()
            .map(decode)
            .collect::<Result<_, sqlx::Error>>()?)
    }
}
