//! Each case's contact arrangements: a representative acting with consent, how the person
//! wants to be contacted, vulnerabilities and reasonable adjustments (restricted: read only
//! through the audited view), and restrictions on contact with their reasons. An arrangement
//! is changed only by being reviewed (a new review day) or ended (the day it stopped), with
//! who did so and when.

use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{ColumnIndex, Executor, Row};

use crate::StoreError;
use crate::sql::{Dialect, RowsAffected, SqlStore, Text, Value};

/// One arrangement of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrangementRow {
    /// Its number.
    pub id: i64,
    /// `representative`, `preference`, `vulnerability`, `adjustment` or `restriction`.
    pub kind: String,
    /// Whether it is special category data, shown only in the audited view.
    pub restricted: bool,
    /// What it is, in words: the representative and how to reach them, the vulnerability, the
    /// adjustment agreed, what contact is restricted and how the person may still get in touch.
    pub details: String,
    /// For a contact preference: `email`, `post`, `phone` or `text`.
    pub method: Option<String>,
    /// Why: the consent a representative acts with, or the reasons for a restriction.
    pub reason: Option<String>,
    /// For a contact preference: how often, in working days, the landlord agreed to update the
    /// resident while the complaint is open (Code 5.9).
    pub update_days: Option<i32>,
    /// The day it began: consent given, preference or adjustment agreed, restriction imposed.
    pub from_on: NaiveDate,
    /// The day it is next to be reviewed.
    pub review_on: Option<NaiveDate>,
    /// The day it was last reviewed.
    pub reviewed_on: Option<NaiveDate>,
    /// The day it stopped applying.
    pub ended_on: Option<NaiveDate>,
    /// Who recorded it.
    pub added_by: String,
    /// When.
    pub added_at: DateTime<Utc>,
    /// Who last reviewed or ended it.
    pub updated_by: String,
    /// When.
    pub updated_at: DateTime<Utc>,
}

/// The contact arrangements.
pub trait ArrangementStore {
    /// Adds an arrangement to case `reference` (`row.id` is ignored); returns its number.
    fn add_arrangement(
        &self,
        reference: &str,
        row: &ArrangementRow,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;

    /// A case's arrangements, restricted ones only when `restricted`, oldest first.
    fn arrangements(
        &self,
        reference: &str,
        restricted: bool,
    ) -> impl Future<Output = Result<Vec<ArrangementRow>, StoreError>> + Send;

    /// Records a review of arrangement `id` of case `reference` on `on`: kept until the next
    /// review on `review_on`, or ended on `on` when `review_on` is `None`.
    #[allow(clippy::too_many_arguments, reason = "each part of the change, named")]
    fn review_arrangement(
        &self,
        reference: &str,
        id: i64,
        on: NaiveDate,
        review_on: Option<NaiveDate>,
        by: &str,
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}

fn decode<DB: Dialect>(r: &DB::Row) -> Result<ArrangementRow, sqlx::Error>
where
    for<'a> &'a str: Text<'a, DB>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    bool: Value<DB>,
    NaiveDate: Value<DB>,
    Option<NaiveDate>: Value<DB>,
    DateTime<Utc>: Value<DB>,
    i64: Value<DB>,
    Option<i32>: Value<DB>,
{
    Ok(ArrangementRow {
        id: r.try_get("id")?,
        kind: r.try_get("kind")?,
        restricted: r.try_get("restricted")?,
        details: r.try_get("details")?,
        method: r.try_get("method")?,
        reason: r.try_get("reason")?,
        update_days: r.try_get("update_days")?,
        from_on: r.try_get("from_on")?,
        review_on: r.try_get("review_on")?,
        reviewed_on: r.try_get("reviewed_on")?,
        ended_on: r.try_get("ended_on")?,
        added_by: r.try_get("added_by")?,
        added_at: r.try_get("added_at")?,
        updated_by: r.try_get("updated_by")?,
        updated_at: r.try_get("updated_at")?,
    })
}

impl<DB: Dialect> ArrangementStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    bool: Value<DB>,
    NaiveDate: Value<DB>,
    Option<NaiveDate>: Value<DB>,
    DateTime<Utc>: Value<DB>,
    i64: Value<DB>,
    Option<i32>: Value<DB>,
{
    async fn add_arrangement(
        &self,
        reference: &str,
        row: &ArrangementRow,
    ) -> Result<i64, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let case_id: Option<i64> = sqlx::query("SELECT id FROM cases WHERE reference = $1")
            .bind(reference)
            .fetch_optional(&mut *conn)
            .await?
            .map(|r| r.try_get("id"))
            .transpose()?;
        match case_id {
            Some(id) => insert_in::<DB>(&mut conn, id, row).await,
            None => Err(StoreError::Refused(format!("there is no case {reference}"))),
        }
    }

    async fn arrangements(
        &self,
        reference: &str,
        restricted: bool,
    ) -> Result<Vec<ArrangementRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT a.* FROM contact_arrangements a JOIN cases c ON c.id = a.case_id \
             WHERE c.reference = $1 AND (a.restricted = $2 OR NOT a.restricted) ORDER BY a.id",
        )
        .bind(reference)
        .bind(restricted)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(decode::<DB>)
            .collect::<Result<_, sqlx::Error>>()?)
    }

    async fn review_arrangement(
        &self,
        reference: &str,
        id: i64,
        on: NaiveDate,
        review_on: Option<NaiveDate>,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        // An ended arrangement stays ended: its record is history, not something to revive.
        let ended = review_on.is_none().then_some(on);
        let done = sqlx::query(
            "UPDATE contact_arrangements SET reviewed_on = $3, \
             review_on = COALESCE($4, review_on), ended_on = $5, \
             updated_by = $6, updated_at = $7 \
             WHERE id = $2 AND ended_on IS NULL \
             AND case_id = (SELECT id FROM cases WHERE reference = $1)",
        )
        .bind(reference)
        .bind(id)
        .bind(on)
        .bind(review_on)
        .bind(ended)
        .bind(by)
        .bind(at)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::Refused(format!(
                "case {reference} has no current arrangement {id}"
            )))
        }
    }
}

/// Records an arrangement of case `case_id` on the caller's connection (or in its
/// transaction); `row.id`, the review and the end are ignored. Returns its number.
pub(crate) async fn insert_in<DB: Dialect>(
    conn: &mut DB::Connection,
    case_id: i64,
    row: &ArrangementRow,
) -> Result<i64, StoreError>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    bool: Value<DB>,
    NaiveDate: Value<DB>,
    Option<NaiveDate>: Value<DB>,
    DateTime<Utc>: Value<DB>,
    i64: Value<DB>,
    Option<i32>: Value<DB>,
{
    let added = sqlx::query(
        "INSERT INTO contact_arrangements (case_id, kind, restricted, details, method, \
         reason, from_on, review_on, added_by, added_at, updated_by, updated_at, \
         update_days) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9, $10, $11) \
         RETURNING id",
    )
    .bind(case_id)
    .bind(row.kind.as_str())
    .bind(row.restricted)
    .bind(row.details.as_str())
    .bind(row.method.clone())
    .bind(row.reason.clone())
    .bind(row.from_on)
    .bind(row.review_on)
    .bind(row.added_by.as_str())
    .bind(row.added_at)
    .bind(row.update_days)
    .fetch_one(&mut *conn)
    .await?;
    Ok(added.try_get("id")?)
}
