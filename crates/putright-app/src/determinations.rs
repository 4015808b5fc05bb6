//! The Ombudsman's determination on one of the landlord's own cases: the finding on each
//! complaint point, recorded once the case has been referred, beside the orders the
//! determination makes (see [`crate::orders`]).

use chrono::NaiveDate;
use putright_domain::Reference;
use putright_domain::ombudsman::Finding;
use putright_store::{CaseFindingRow, CaseFindingStore, Store};

use crate::app::App;
use crate::backend::dispatch;
use crate::casebook::Casebook;
use crate::error::AppError;

/// The longest Ombudsman case reference kept; theirs are short (for example `202312345`).
const MAX_OMBUDSMAN_CASE: usize = 40;

/// One finding of a determination, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCaseFinding {
    /// The Ombudsman's own reference for the case.
    pub ombudsman_case: String,
    /// The day of the determination.
    pub decided_on: NaiveDate,
    /// The complaint point, as the determination words it.
    pub point: String,
    /// The finding on it.
    pub finding: Finding,
}

impl<S: Store> Casebook<S> {
    async fn record_case_finding(
        &self,
        reference: &Reference,
        new: &NewCaseFinding,
        by: &str,
    ) -> Result<i64, AppError> {
        let case = self.case(reference).await?.case;
        let invalid = |message: String| Err(AppError::Invalid(message));
        // A determination answers a referral: without one on record there is nothing to find.
        let Some(referred_on) = case.referrals.iter().map(|(on, _)| *on).min() else {
            return invalid(format!(
                "case {reference} has not been referred to an Ombudsman: record the referral first"
            ));
        };
        let ombudsman_case = new.ombudsman_case.trim();
        if ombudsman_case.is_empty() || ombudsman_case.chars().count() > MAX_OMBUDSMAN_CASE {
            return invalid(format!(
                "enter the Ombudsman's case reference, in {MAX_OMBUDSMAN_CASE} characters or fewer"
            ));
        }
        let point = new.point.trim();
        if point.is_empty() {
            return invalid("enter the complaint point the finding is about".to_owned());
        }
        if new.decided_on < referred_on {
            return invalid(format!(
                "the determination must be on or after the referral, {referred_on}"
            ));
        }
        if new.decided_on > self.clock().today() {
            return invalid("the date of the determination must be today or in the past".into());
        }
        let row = CaseFindingRow {
            id: 0,
            ombudsman_case: ombudsman_case.to_owned(),
            decided_on: new.decided_on,
            point: point.to_owned(),
            finding: new.finding.as_str().to_owned(),
            recorded_by: by.to_owned(),
            recorded_at: self.clock().now(),
        };
        Ok(self
            .store()
            .add_case_finding(reference.as_str(), &row)
            .await?)
    }
}

impl App {
    /// Records the Ombudsman's finding on one complaint point of a referred case.
    pub async fn record_case_finding(
        &self,
        reference: &Reference,
        new: &NewCaseFinding,
        by: &str,
    ) -> Result<i64, AppError> {
        dispatch!(self, book => book.record_case_finding(reference, new, by).await)
    }

    /// The Ombudsman's findings on a case, in the order they were recorded.
    pub async fn case_findings(
        &self,
        reference: &Reference,
    ) -> Result<Vec<CaseFindingRow>, AppError> {
        Ok(dispatch!(self, book => book.store().case_findings(reference.as_str()).await)?)
    }
}
