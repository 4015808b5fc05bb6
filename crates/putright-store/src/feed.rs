//! The data feed: the case-level read model without personal data, read a page at a time in
//! the order the cases were created so a million cases stream without being held at once.
//! Its tokens are the API's, with the scope `reports` ([`crate::TokenStore`]).

use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{ColumnIndex, Executor, Row};

use crate::StoreError;
use crate::sql::{Dialect, SqlStore, Text, Value};

/// One case as the feed gives it: what the reports count, nothing that names or describes a
/// person.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FeedCase {
    /// The case's reference.
    pub reference: String,
    /// The kind of contact it is now.
    pub kind: String,
    /// The kind it was received as.
    pub original_kind: String,
    /// Where it stands.
    pub status: String,
    /// The day it was received.
    pub received_on: NaiveDate,
    /// How it came in.
    pub channel: Option<String>,
    /// The resident's tenure.
    pub tenure: Option<String>,
    /// The Ombudsman it would go to.
    pub jurisdiction: String,
    /// The service area.
    pub service_area: Option<String>,
    /// The category.
    pub category: Option<String>,
    /// The stage open now, if any.
    pub current_stage: Option<i64>,
    /// The outcome of the latest stage answered.
    pub outcome: Option<String>,
    /// The day the open work is due.
    pub due_on: Option<NaiveDate>,
    /// The day a complaint was refused, and why.
    pub refused_on: Option<NaiveDate>,
    /// Why.
    pub refusal_reason: Option<String>,
    /// The day a service request or enquiry was answered.
    pub answered_on: Option<NaiveDate>,
    /// The day a service request became a complaint.
    pub became_complaint_on: Option<NaiveDate>,
    /// The day it was referred to the Ombudsman.
    pub referred_on: Option<NaiveDate>,
    /// Compensation offered, in pence.
    pub compensation_offered_pence: i64,
    /// Compensation paid, in pence.
    pub compensation_paid_pence: i64,
}

/// The columns of [`FeedCase`], as the CSV header names them.
pub const FEED_COLUMNS: [&str; 20] = [
    "reference",
    "kind",
    "original_kind",
    "status",
    "received_on",
    "channel",
    "tenure",
    "jurisdiction",
    "service_area",
    "category",
    "current_stage",
    "outcome",
    "due_on",
    "refused_on",
    "refusal_reason",
    "answered_on",
    "became_complaint_on",
    "referred_on",
    "compensation_offered_pence",
    "compensation_paid_pence",
];

/// The data feed's rows.
pub trait FeedStore {
    /// Up to `limit` cases after the case numbered `after` in the order created, each with its
    /// number (the next page starts after the last).
    fn feed_cases(
        &self,
        after: i64,
        limit: i64,
    ) -> impl Future<Output = Result<Vec<(i64, FeedCase)>, StoreError>> + Send;
}

impl<DB: Dialect> FeedStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Text<'a, DB>,
    usize: ColumnIndex<DB::Row>,
    String: Value<DB>,
    Option<String>: Value<DB>,
    NaiveDate: Value<DB>,
    Option<NaiveDate>: Value<DB>,
    DateTime<Utc>: Value<DB>,
    Option<DateTime<Utc>>: Value<DB>,
    i64: Value<DB>,
    Option<i64>: Value<DB>,
{
    async fn feed_cases(&self, after: i64, limit: i64) -> Result<Vec<(i64, FeedCase)>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, reference, kind, original_kind, status, received_on, channel, tenure, \
             jurisdiction, service_area, category, current_stage, current_outcome, due_on, \
             refused_on, refusal_reason, answered_on, became_complaint_on, referred_on, \
             compensation_offered_pence, compensation_paid_pence \
             FROM cases WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("id")?,
                    FeedCase {
                        reference: r.try_get("reference")?,
                        kind: r.try_get("kind")?,
                        original_kind: r.try_get("original_kind")?,
                        status: r.try_get("status")?,
                        received_on: r.try_get("received_on")?,
                        channel: r.try_get("channel")?,
                        tenure: r.try_get("tenure")?,
                        jurisdiction: r.try_get("jurisdiction")?,
                        service_area: r.try_get("service_area")?,
                        category: r.try_get("category")?,
                        current_stage: r.try_get("current_stage")?,
                        outcome: r.try_get("current_outcome")?,
                        due_on: r.try_get("due_on")?,
                        refused_on: r.try_get("refused_on")?,
                        refusal_reason: r.try_get("refusal_reason")?,
                        answered_on: r.try_get("answered_on")?,
                        became_complaint_on: r.try_get("became_complaint_on")?,
                        referred_on: r.try_get("referred_on")?,
                        compensation_offered_pence: r.try_get("compensation_offered_pence")?,
                        compensation_paid_pence: r.try_get("compensation_paid_pence")?,
                    },
                ))
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }
}
