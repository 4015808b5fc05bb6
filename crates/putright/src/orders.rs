//! `putright orders`: the Ombudsman's orders to the landlord, recorded when a determination
//! arrives and closed with the evidence that they were done, and the compliance figures the
//! quarterly report gives the Member Responsible for Complaints (Code 9.7).

use chrono::NaiveDate;
use putright_domain::orders::{self, Order, OrderStatus};
use putright_domain::period::Period;
use putright_domain::vocabulary::OrderKind;
use putright_store::{OrderRow, Store};
use serde_json::{Value, json};

use crate::backend::Backend;
use crate::casebook::Casebook;
use crate::cli::{OrdersCommand, parse_date};
use crate::config::Config;
use crate::error::AppError;
use crate::with_casebook;

/// Runs an `orders` subcommand. The input is checked before the database is opened, so a
/// mistyped command leaves no trace.
pub async fn command(config: &Config, command: OrdersCommand) -> Result<(), AppError> {
    match command {
        OrdersCommand::Add {
            ombudsman_case,
            kind,
            ordered_on,
            due,
            case_reference,
        } => {
            let kind = OrderKind::parse(&kind)
                .map_err(|e| AppError::Invalid(format!("--kind: {}", e.0)))?;
            let order = Order::new(
                &ombudsman_case,
                kind,
                parse_date(&ordered_on, "--ordered-on")?,
                parse_date(&due, "--due")?,
                None,
            )
            .map_err(|e| AppError::Invalid(e.0))?;
            let row = OrderRow {
                id: 0,
                ombudsman_case: order.ombudsman_case().to_owned(),
                case_reference: case_reference
                    .map(|r| r.trim().to_owned())
                    .filter(|r| !r.is_empty()),
                kind: kind.as_str().to_owned(),
                ordered_on: order.ordered_on(),
                due_on: order.due_on(),
                complied_on: None,
                evidence: None,
            };
            let backend = Backend::open(config).await?;
            with_casebook!(backend, book => {
                let id = book.store().add_order(&row).await?;
                println!("order {id}: {kind} for Ombudsman case {}, due {}", row.ombudsman_case, row.due_on);
                Ok(())
            })
        }
        OrdersCommand::Comply { id, on, evidence } => {
            let id: i64 = id
                .trim()
                .parse()
                .map_err(|_| AppError::Invalid(format!("\"{id}\" is not an order number")))?;
            let on = parse_date(&on, "--on")?;
            if evidence.trim().is_empty() {
                return Err(AppError::Invalid(
                    "--evidence: say what shows the order was done".into(),
                ));
            }
            let backend = Backend::open(config).await?;
            with_casebook!(backend, book => {
                book.store().record_order_compliance(id, on, evidence.trim()).await?;
                println!("order {id}: complied with on {on}");
                Ok(())
            })
        }
        OrdersCommand::List { as_at } => {
            let as_at = match as_at {
                Some(d) => parse_date(&d, "--as-at")?,
                None => crate::commands::today(),
            };
            let backend = Backend::open(config).await?;
            with_casebook!(backend, book => {
                for row in book.store().orders().await? {
                    let order = domain_order(&row)?;
                    println!(
                        "{:>5}  {}  {:<32}  due {}  {}",
                        row.id,
                        row.ombudsman_case,
                        row.kind,
                        row.due_on,
                        describe(order.status(as_at), row.complied_on)
                    );
                }
                Ok(())
            })
        }
    }
}

fn describe(status: OrderStatus, complied_on: Option<NaiveDate>) -> String {
    let done = complied_on.map(|d| d.to_string()).unwrap_or_default();
    match status {
        OrderStatus::CompliedOnTime => format!("done on time ({done})"),
        OrderStatus::CompliedLate => format!("done late ({done})"),
        OrderStatus::Overdue => "OVERDUE".to_owned(),
        OrderStatus::NotYetDue => "not yet due".to_owned(),
    }
}

/// The domain's view of a stored order.
fn domain_order(row: &OrderRow) -> Result<Order, AppError> {
    let corrupt = |e: String| {
        AppError::Store(putright_store::StoreError::Corrupt(format!(
            "order {}: {e}",
            row.id
        )))
    };
    let kind = OrderKind::parse(&row.kind).map_err(|e| corrupt(e.0))?;
    Order::new(
        &row.ombudsman_case,
        kind,
        row.ordered_on,
        row.due_on,
        row.complied_on,
    )
    .map_err(|e| corrupt(e.0))
}

/// Compliance with the orders due in `period` as at `as_at`, as the reports print it.
pub async fn compliance<S: Store>(
    book: &Casebook<S>,
    period: Period,
    as_at: NaiveDate,
) -> Result<Value, AppError> {
    let rows = book.store().orders().await?;
    let all = rows
        .iter()
        .map(domain_order)
        .collect::<Result<Vec<_>, _>>()?;
    let c = orders::compliance(&all, period, as_at);
    let outstanding: Vec<Value> = c
        .outstanding
        .iter()
        .map(|i| {
            let row = &rows[*i];
            json!({
                "order": row.id,
                "ombudsman_case": row.ombudsman_case,
                "kind": row.kind,
                "due_on": row.due_on.to_string(),
            })
        })
        .collect();
    Ok(json!({
        "made": c.made,
        "due": c.due,
        "complied_on_time": c.complied_on_time,
        "complied_late": c.complied_late,
        "overdue": c.overdue,
        "not_yet_due": c.not_yet_due,
        "on_time_pct": c.on_time_pct(),
        "outstanding": outstanding,
    }))
}
