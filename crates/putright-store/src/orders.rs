//! The Housing Ombudsman's orders to the landlord: recorded when a determination arrives, and
//! closed, once, with the evidence that they were done.

use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use putright_domain::vocabulary::OrderKind;
use sqlx::{ColumnIndex, Executor, Row};

use crate::StoreError;
use crate::sql::{Dialect, RowsAffected, SqlStore, Text, Value};

/// An Ombudsman order as stored (the domain's [`putright_domain::orders::Order`] checks it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderRow {
    /// The order's id in the store; ignored when the order is added.
    pub id: i64,
    /// The Ombudsman's reference for the case the order was made in.
    pub ombudsman_case: String,
    /// The landlord's own case the determination was about, if known.
    pub case_reference: Option<String>,
    /// What the landlord was ordered to do.
    pub kind: OrderKind,
    /// The day of the determination that made the order.
    pub ordered_on: NaiveDate,
    /// The day the order must be complied with by.
    pub due_on: NaiveDate,
    /// The day the landlord complied, if it has.
    pub complied_on: Option<NaiveDate>,
    /// The evidence that the order was done, once compliance is recorded.
    pub evidence: Option<String>,
}

/// The Ombudsman's orders.
pub trait OrdersStore {
    /// Records an Ombudsman order (its `id` is ignored) and returns its id. The same order
    /// (case, kind and day made) twice is refused.
    fn add_order(&self, order: &OrderRow) -> impl Future<Output = Result<i64, StoreError>> + Send;

    /// Records that order `id` was complied with, once: recording it again is refused.
    fn record_order_compliance(
        &self,
        id: i64,
        complied_on: NaiveDate,
        evidence: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Every Ombudsman order, by due date.
    fn orders(&self) -> impl Future<Output = Result<Vec<OrderRow>, StoreError>> + Send;
}

impl<DB: Dialect> OrdersStore for SqlStore<DB>
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
    async fn add_order(&self, order: &OrderRow) -> Result<i64, StoreError> {
        let exists: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM ombudsman_orders WHERE ombudsman_case = $1 AND kind = $2 AND ordered_on = $3",
        )
        .bind(&order.ombudsman_case)
        .bind(order.kind.as_str())
        .bind(order.ordered_on)
        .fetch_optional(&self.pool)
        .await?;
        if let Some(id) = exists {
            return Err(StoreError::Refused(format!(
                "the {} order of Ombudsman case {} made on {} is already recorded, as order {id}",
                order.kind, order.ombudsman_case, order.ordered_on
            )));
        }
        let id = sqlx::query_scalar(
            "INSERT INTO ombudsman_orders (ombudsman_case, case_reference, kind, ordered_on, \
             due_on, complied_on, evidence, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             RETURNING id",
        )
        .bind(&order.ombudsman_case)
        .bind(&order.case_reference)
        .bind(order.kind.as_str())
        .bind(order.ordered_on)
        .bind(order.due_on)
        .bind(order.complied_on)
        .bind(&order.evidence)
        .bind(Utc::now())
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    async fn record_order_compliance(
        &self,
        id: i64,
        complied_on: NaiveDate,
        evidence: &str,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE ombudsman_orders SET complied_on = $2, evidence = $3 \
             WHERE id = $1 AND complied_on IS NULL AND ordered_on <= $2",
        )
        .bind(id)
        .bind(complied_on)
        .bind(evidence)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 1 {
            return Ok(());
        }
        let found: Option<(NaiveDate, Option<NaiveDate>)> =
            sqlx::query_as("SELECT ordered_on, complied_on FROM ombudsman_orders WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        Err(StoreError::Refused(match found {
            None => format!("there is no order {id}"),
            Some((_, Some(on))) => {
                format!("order {id} was already recorded as complied with on {on}")
            }
            Some((made, None)) => format!("order {id} was made on {made}, after {complied_on}"),
        }))
    }

    async fn orders(&self) -> Result<Vec<OrderRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, ombudsman_case, case_reference, kind, ordered_on, due_on, complied_on, \
             evidence FROM ombudsman_orders ORDER BY due_on, id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let id: i64 = r.try_get(0)?;
                let kind: String = r.try_get(3)?;
                let kind = OrderKind::parse(&kind)
                    .map_err(|e| StoreError::Corrupt(format!("order {id}: {}", e.0)))?;
                Ok(OrderRow {
                    id,
                    ombudsman_case: r.try_get(1)?,
                    case_reference: r.try_get(2)?,
                    kind,
                    ordered_on: r.try_get(4)?,
                    due_on: r.try_get(5)?,
                    complied_on: r.try_get(6)?,
                    evidence: r.try_get(7)?,
                })
            })
            .collect()
    }
}
