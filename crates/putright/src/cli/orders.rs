//! `putright orders`: the Ombudsman's orders, recorded when a determination arrives and closed
//! with the evidence that they were done.

use chrono::NaiveDate;
use clap::Subcommand;
use putright_app::AppError;
use putright_app::config::Config;
use putright_app::domain::orders::OrderStatus;
use putright_app::domain::vocabulary::OrderKind;
use putright_app::orders::{Evidence, NewOrder};

use super::{args, open};

#[derive(Debug, Subcommand)]
pub enum OrdersCommand {
    /// Record an order from an Ombudsman determination; prints the order's number.
    Add {
        /// The Ombudsman's case reference, e.g. 202347433.
        #[arg(long, value_name = "ID")]
        ombudsman_case: String,
        /// What was ordered: compensation, apology, repairs, inspection, policy_review,
        /// record_keeping, training, case_review, wider_order or
        /// complaint_handling_failure_order.
        #[arg(long, value_parser = args::order_kind)]
        kind: OrderKind,
        /// The day the order was made (the determination's date).
        #[arg(long, value_name = "DATE", value_parser = args::date)]
        ordered_on: NaiveDate,
        /// The day it must be done by.
        #[arg(long, value_name = "DATE", value_parser = args::date)]
        due: NaiveDate,
        /// The landlord's own case reference, if the order is about one.
        #[arg(long = "case", value_name = "REFERENCE")]
        case_reference: Option<String>,
    },
    /// Record that an order was done, with the evidence (once: it cannot be undone).
    Comply {
        /// The order's number, as `orders add` printed it.
        id: String,
        /// The day it was done.
        #[arg(long = "on", value_name = "DATE", value_parser = args::date)]
        on: NaiveDate,
        /// What shows it was done (e.g. "payment ref 4471; letter of 3 March").
        #[arg(long)]
        evidence: String,
    },
    /// List the orders, oldest due first, with where each stands today (or --as-at).
    List {
        /// Where they stood at the end of this day (default today).
        #[arg(long, value_name = "DATE", value_parser = args::date)]
        as_at: Option<NaiveDate>,
    },
}

/// Runs an `orders` subcommand. The input is checked before the database is opened, so a
/// mistyped command leaves no trace.
pub async fn run(config: &Config, command: OrdersCommand) -> Result<(), AppError> {
    match command {
        OrdersCommand::Add {
            ombudsman_case,
            kind,
            ordered_on,
            due,
            case_reference,
        } => {
            let order = NewOrder::new(
                &ombudsman_case,
                kind,
                ordered_on,
                due,
                case_reference.as_deref(),
            )?;
            let row = open(config).await?.add_order(&order).await?;
            println!(
                "order {}: {kind} for Ombudsman case {}, due {}",
                row.id, row.ombudsman_case, row.due_on
            );
        }
        OrdersCommand::Comply { id, on, evidence } => {
            let id: i64 = id
                .trim()
                .parse()
                .map_err(|_| AppError::Invalid(format!("\"{id}\" is not an order number")))?;
            let evidence = Evidence::parse(&evidence)?;
            open(config)
                .await?
                .comply_with_order(id, on, &evidence)
                .await?;
            println!("order {id}: complied with on {on}");
        }
        OrdersCommand::List { as_at } => {
            let app = open(config).await?;
            for line in app.orders(app.as_at(as_at)).await? {
                let row = &line.row;
                println!(
                    "{:>5}  {}  {:<32}  due {}  {}",
                    row.id,
                    row.ombudsman_case,
                    row.kind.as_str(),
                    row.due_on,
                    describe(line.status, row.complied_on)
                );
            }
        }
    }
    Ok(())
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
