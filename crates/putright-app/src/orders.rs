//! `putright orders`: the Ombudsman's orders to the landlord, recorded when a determination
//! arrives and closed with the evidence that they were done, and the compliance figures the
//! quarterly report gives the Member Responsible for Complaints (Code 9.7).

use chrono::NaiveDate;
use putright_domain::orders::{self, Order, OrderStatus};
use putright_domain::period::Period;
use putright_domain::vocabulary::OrderKind;
use putright_store::{OrderRow, Store};
use serde::Serialize;

use crate::casebook::Casebook;
use crate::error::AppError;

/// An order as it arrives from a determination, checked before anything is stored.
#[derive(Debug, Clone)]
pub struct NewOrder {
    order: Order,
    case_reference: Option<String>,
}

impl NewOrder {
    /// Checks an order: it cannot be due before it was made.
    pub fn new(
        ombudsman_case: &str,
        kind: OrderKind,
        ordered_on: NaiveDate,
        due_on: NaiveDate,
        case_reference: Option<&str>,
    ) -> Result<Self, AppError> {
        let order = Order::new(ombudsman_case, kind, ordered_on, due_on, None)
            .map_err(|e| AppError::Invalid(e.0))?;
        Ok(Self {
            order,
            case_reference: case_reference
                .map(|r| r.trim().to_owned())
                .filter(|r| !r.is_empty()),
        })
    }
}

/// What shows an order was done: never blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence(String);

impl Evidence {
    /// The evidence as given, trimmed; blank evidence is refused.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        match raw.trim() {
            "" => Err(AppError::Invalid(
                "--evidence: say what shows the order was done".into(),
            )),
            text => Ok(Self(text.to_owned())),
        }
    }

    /// The evidence.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A stored order and where it stood at a day.
#[derive(Debug, Clone)]
pub struct OrderLine {
    /// The order as stored.
    pub row: OrderRow,
    /// Its status at the day asked about.
    pub status: OrderStatus,
}

impl<S: Store> Casebook<S> {
    /// Records an order; returns it with its number.
    pub async fn add_order(&self, new: &NewOrder) -> Result<OrderRow, AppError> {
        let mut row = OrderRow {
            id: 0,
            ombudsman_case: new.order.ombudsman_case().to_owned(),
            case_reference: new.case_reference.clone(),
            kind: new.order.kind(),
            ordered_on: new.order.ordered_on(),
            due_on: new.order.due_on(),
            complied_on: None,
            evidence: None,
        };
        row.id = self.store().add_order(&row).await?;
        Ok(row)
    }

    /// Records that order `id` was done on `on`, with the evidence (once: it cannot be undone).
    pub async fn comply_with_order(
        &self,
        id: i64,
        on: NaiveDate,
        evidence: &Evidence,
    ) -> Result<(), AppError> {
        self.store()
            .record_order_compliance(id, on, evidence.as_str())
            .await?;
        Ok(())
    }

    /// Every order, oldest due first, with where each stood at the end of `as_at`.
    pub async fn orders(&self, as_at: NaiveDate) -> Result<Vec<OrderLine>, AppError> {
        self.store()
            .orders()
            .await?
            .into_iter()
            .map(|row| {
                let status = domain_order(&row)?.status(as_at);
                Ok(OrderLine { row, status })
            })
            .collect()
    }
}

/// The domain's view of a stored order.
fn domain_order(row: &OrderRow) -> Result<Order, AppError> {
    Order::new(
        &row.ombudsman_case,
        row.kind,
        row.ordered_on,
        row.due_on,
        row.complied_on,
    )
    .map_err(|e| {
        AppError::Store(putright_store::StoreError::Corrupt(format!(
            "order {}: {}",
            row.id, e.0
        )))
    })
}

/// Compliance with the orders due in `period` as at `as_at`, as the reports print it.
pub(crate) async fn compliance<S: Store>(
    book: &Casebook<S>,
    period: Period,
    as_at: NaiveDate,
) -> Result<OrdersCompliance, AppError> {
    let rows = book.store().orders().await?;
    let all = rows
        .iter()
        .map(domain_order)
        .collect::<Result<Vec<_>, _>>()?;
    let c = orders::compliance(&all, period, as_at);
    let outstanding = c
        .outstanding
        .iter()
        .map(|i| {
            let row = &rows[*i];
            OutstandingOrder {
                due_on: row.due_on.to_string(),
                kind: row.kind.as_str(),
                ombudsman_case: row.ombudsman_case.clone(),
                order: row.id,
            }
        })
        .collect();
    Ok(OrdersCompliance {
        complied_late: c.complied_late,
        complied_on_time: c.complied_on_time,
        due: c.due,
        made: c.made,
        not_yet_due: c.not_yet_due,
        on_time_pct: c.on_time_pct(),
        outstanding,
        overdue: c.overdue,
    })
}

/// Compliance with the Ombudsman's orders due in a period (Code 9.7), as the quarterly
/// report prints it; the fields print in the order the keys always have.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrdersCompliance {
    /// Done after their due date.
    pub complied_late: u64,
    /// Done by their due date.
    pub complied_on_time: u64,
    /// Due in the period.
    pub due: u64,
    /// Made in the period.
    pub made: u64,
    /// Not yet due at the as-at day.
    pub not_yet_due: u64,
    /// Done on time, as a percentage of those past their due date.
    pub on_time_pct: Option<f64>,
    /// The orders past their due date and not done, oldest due first.
    pub outstanding: Vec<OutstandingOrder>,
    /// Past their due date and not done.
    pub overdue: u64,
}

/// An order past its due date and not done.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutstandingOrder {
    /// The day it was due.
    pub due_on: String,
    /// What was ordered.
    pub kind: &'static str,
    /// The Ombudsman's case reference.
    pub ombudsman_case: String,
    /// The order's number.
    pub order: i64,
}
