//! The Housing Ombudsman's orders and the landlord's compliance with them.
//!
//! An order carries a due date and needs evidence that it was done (domain.md). The Member
//! Responsible for Complaints is told each quarter how the landlord is complying (Code 9.7):
//! of the orders due in the period, how many were done on time, done late, or are overdue, and
//! which orders are outstanding past their due date whenever they were due.

use chrono::NaiveDate;

use crate::period::Period;
use crate::values::ParseError;
use crate::vocabulary::OrderKind;

/// One order from a determination. Built only through [`Order::new`], so the dates are in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    ombudsman_case: String,
    kind: OrderKind,
    ordered_on: NaiveDate,
    due_on: NaiveDate,
    complied_on: Option<NaiveDate>,
}

impl Order {
    /// An order as made, and complied with if `complied_on` is given.
    pub fn new(
        ombudsman_case: &str,
        kind: OrderKind,
        ordered_on: NaiveDate,
        due_on: NaiveDate,
        complied_on: Option<NaiveDate>,
    ) -> Result<Order, ParseError> {
        let ombudsman_case = ombudsman_case.trim();
        if ombudsman_case.is_empty() {
            return Err(ParseError("the Ombudsman's case reference is blank".into()));
        }
        if due_on < ordered_on {
            return Err(ParseError(format!(
                "the order is due on {due_on}, before it was made on {ordered_on}"
            )));
        }
        if let Some(done) = complied_on.filter(|d| *d < ordered_on) {
            return Err(ParseError(format!(
                "compliance on {done} is before the order was made on {ordered_on}"
            )));
        }
        Ok(Order {
            ombudsman_case: ombudsman_case.to_owned(),
            kind,
            ordered_on,
            due_on,
            complied_on,
        })
    }

    /// The Ombudsman's reference for the case the order was made in, trimmed.
    pub fn ombudsman_case(&self) -> &str {
        &self.ombudsman_case
    }

    /// What the landlord was ordered to do.
    pub fn kind(&self) -> OrderKind {
        self.kind
    }

    /// The day of the determination that made the order.
    pub fn ordered_on(&self) -> NaiveDate {
        self.ordered_on
    }

    /// The day the order must be complied with by.
    pub fn due_on(&self) -> NaiveDate {
        self.due_on
    }

    /// The day the landlord complied, if it has.
    pub fn complied_on(&self) -> Option<NaiveDate> {
        self.complied_on
    }

    /// Where the order stood at the end of `as_at`; compliance recorded for a later day has not
    /// happened yet.
    pub fn status(&self, as_at: NaiveDate) -> OrderStatus {
        match self.complied_on.filter(|d| *d <= as_at) {
            Some(done) if done <= self.due_on => OrderStatus::CompliedOnTime,
            Some(_) => OrderStatus::CompliedLate,
            None if self.due_on < as_at => OrderStatus::Overdue,
            None => OrderStatus::NotYetDue,
        }
    }
}

/// Where an order stands at a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderStatus {
    /// Complied with on or before its due date.
    CompliedOnTime,
    /// Complied with after its due date.
    CompliedLate,
    /// Past its due date and not complied with.
    Overdue,
    /// Not complied with, and its due date is today or later.
    NotYetDue,
}

/// Compliance with the orders due in a period, at a day.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Compliance {
    /// Orders due in the period (and made by the day); the next four counts add up to this.
    pub due: u64,
    /// Of those, complied with on time.
    pub complied_on_time: u64,
    /// Of those, complied with late.
    pub complied_late: u64,
    /// Of those, past their due date and not complied with.
    pub overdue: u64,
    /// Of those, not complied with and not yet due.
    pub not_yet_due: u64,
    /// Orders made in the period (whenever due).
    pub made: u64,
    /// The orders outstanding past their due date at the day, whenever they were due, oldest
    /// first (indices into the orders).
    pub outstanding: Vec<usize>,
}

impl Compliance {
    /// On time as a percentage of the orders whose due date has passed: null when none has.
    pub fn on_time_pct(&self) -> Option<f64> {
        crate::measures::pct(
            self.complied_on_time,
            self.complied_on_time + self.complied_late + self.overdue,
        )
    }
}

/// Compliance with the orders due in `period`, as things stood at the end of `as_at`.
pub fn compliance(orders: &[Order], period: Period, as_at: NaiveDate) -> Compliance {
    let mut c = Compliance::default();
    for order in orders {
        if period.contains(order.ordered_on) && order.ordered_on <= as_at {
            c.made += 1;
        }
        if !period.contains(order.due_on) || order.ordered_on > as_at {
            continue;
        }
        c.due += 1;
        match order.status(as_at) {
            OrderStatus::CompliedOnTime => c.complied_on_time += 1,
            OrderStatus::CompliedLate => c.complied_late += 1,
            OrderStatus::Overdue => c.overdue += 1,
            OrderStatus::NotYetDue => c.not_yet_due += 1,
        }
    }
    c.outstanding = (0..orders.len())
        .filter(|i| {
            orders[*i].ordered_on <= as_at && orders[*i].status(as_at) == OrderStatus::Overdue
        })
        .collect();
    c.outstanding.sort_by_key(|i| orders[*i].due_on);
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::period::FinancialYear;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn order(due: &str, complied: Option<&str>) -> Order {
        Order::new(
            "202400001",
            OrderKind::Apology,
            d("2024-09-02"),
            d(due),
            complied.map(d),
        )
        .unwrap()
    }

    #[test]
    fn an_order_cannot_fall_due_or_be_done_before_it_was_made() {
        let made = d("2024-09-02");
        let early = Order::new("1", OrderKind::Repairs, made, d("2024-09-01"), None);
        assert!(early.unwrap_err().0.contains("before it was made"));
        let done = Order::new("1", OrderKind::Repairs, made, made, Some(d("2024-08-30")));
        assert!(done.unwrap_err().0.contains("before the order was made"));
        let blank = Order::new("  ", OrderKind::Repairs, made, made, None);
        assert!(blank.unwrap_err().0.contains("blank"));
    }

    #[test]
    fn status_at_a_day_ignores_compliance_recorded_later() {
        let o = order("2024-10-01", Some("2024-10-03"));
        assert_eq!(o.status(d("2024-10-01")), OrderStatus::NotYetDue);
        assert_eq!(o.status(d("2024-10-02")), OrderStatus::Overdue);
        assert_eq!(o.status(d("2024-10-03")), OrderStatus::CompliedLate);
        assert_eq!(
            order("2024-10-01", Some("2024-10-01")).status(d("2025-01-01")),
            OrderStatus::CompliedOnTime
        );
    }

    /// Q3 2024/25 is October to December 2024. Due in it: A on time, B late, C overdue at the
    /// as-at day, D not yet due; E was due in Q2 and is still outstanding, so it is listed but
    /// not counted as due. On time: 1 of the 3 whose due date has passed = 33.3%.
    #[test]
    fn a_quarter_worked_by_hand() {
        let orders = [
            order("2024-10-15", Some("2024-10-14")),
            order("2024-11-15", Some("2024-11-20")),
            order("2024-12-02", None),
            order("2024-12-31", None),
            order("2024-09-30", None),
        ];
        let quarter = Period::parse_quarter("2024/25-Q3").unwrap();
        let c = compliance(&orders, quarter, d("2024-12-20"));
        assert_eq!(
            (
                c.due,
                c.complied_on_time,
                c.complied_late,
                c.overdue,
                c.not_yet_due
            ),
            (4, 1, 1, 1, 1)
        );
        assert_eq!(c.outstanding, vec![4, 2]);
        assert!((c.on_time_pct().unwrap() - 100.0 / 3.0).abs() < 1e-9);
        // All five were made in Q2 (2 September).
        assert_eq!(c.made, 0);
        let year = compliance(
            &orders,
            FinancialYear::parse("2024/25").unwrap().into(),
            d("2024-12-20"),
        );
        assert_eq!((year.made, year.due), (5, 5));
    }

    #[test]
    fn no_order_due_gives_no_rate() {
        let c = compliance(
            &[],
            FinancialYear::parse("2024/25").unwrap().into(),
            d("2025-03-31"),
        );
        assert_eq!(c.on_time_pct(), None);
    }
}
