//! What the annual report takes from the landlord's record of the Ombudsman for Code 8.1 (c),
//! (e) and (f): the Complaint Handling Failure Orders in the orders register, the published
//! findings of non-compliance with the Code, and the Ombudsman's reports about the landlord.

use chrono::NaiveDate;
use putright_domain::ombudsman::{OmbudsmanReport, is_code_non_compliance};
use putright_domain::period::FinancialYear;
use putright_domain::vocabulary::OrderKind;
use putright_store::{FindingRow, Store};

use crate::casebook::Casebook;
use crate::error::AppError;
use crate::orders::OrderLine;

/// The Ombudsman's record of the landlord for one year, as at a day.
#[derive(Debug, Clone)]
pub struct OmbudsmanRecord {
    /// The Complaint Handling Failure Orders made in the year by the as-at day, oldest made
    /// first, each with where it stood at the as-at day.
    pub orders: Vec<OrderLine>,
    /// The landlord's findings of maladministration or service failure in complaint handling
    /// decided in the year by the as-at day, oldest first; `None` when no landlord was named,
    /// since the findings are matched to the landlord by name.
    pub findings: Option<Vec<FindingRow>>,
    /// The reports the Ombudsman published about the landlord from the year's first day to
    /// the as-at day, oldest first.
    pub reports: Vec<OmbudsmanReport>,
    /// The year's first day: the reports shown were published from it.
    pub since: NaiveDate,
}

impl<S: Store> Casebook<S> {
    /// The Ombudsman's record of the landlord for `year` as at `as_at`; `landlord` is the name
    /// the Ombudsman uses, for its findings.
    pub async fn ombudsman_record(
        &self,
        year: FinancialYear,
        as_at: NaiveDate,
        landlord: Option<&str>,
    ) -> Result<OmbudsmanRecord, AppError> {
        let in_year = |day: NaiveDate| year.contains(day) && day <= as_at;
        let mut orders: Vec<OrderLine> = self
            .orders(as_at)
            .await?
            .into_iter()
            .filter(|o| {
                o.row.kind == OrderKind::ComplaintHandlingFailureOrder && in_year(o.row.ordered_on)
            })
            .collect();
        orders.sort_by_key(|o| (o.row.ordered_on, o.row.id));
        let findings = match landlord {
            Some(name) => {
                let key = self.aliases().await?.key(name);
                let mut rows: Vec<FindingRow> = self
                    .findings_grouped(year.first_day(), year.last_day().min(as_at))
                    .await?
                    .into_iter()
                    .filter(|r| {
                        r.landlord_key == key && is_code_non_compliance(&r.category, r.finding)
                    })
                    .collect();
                rows.sort_by(|a, b| {
                    (a.decision_date, &a.case_id, a.line).cmp(&(
                        b.decision_date,
                        &b.case_id,
                        b.line,
                    ))
                });
                Some(rows)
            }
            None => None,
        };
        let reports = self
            .store()
            .ombudsman_reports()
            .await?
            .into_iter()
            .map(|row| row.report)
            .filter(|r| r.shown_in(year, as_at))
            .collect();
        Ok(OmbudsmanRecord {
            orders,
            findings,
            reports,
            since: year.first_day(),
        })
    }
}
