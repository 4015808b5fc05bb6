//! What the Ombudsman asked the landlord for on a referred case, and the day it was sent. The
//! Ombudsman sets a date for the evidence, and a landlord that misses it can be given a
//! complaint handling failure order, so each request keeps the day asked, the day due and the
//! day sent, and says in words whether it went on time.

use chrono::NaiveDate;
use putright_domain::Reference;
use putright_store::{EvidenceRequestRow, EvidenceStore, Store};

use crate::app::App;
use crate::backend::dispatch;
use crate::casebook::Casebook;
use crate::error::AppError;

/// A request of the Ombudsman's, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvidenceRequest {
    /// The day the Ombudsman asked.
    pub asked_on: NaiveDate,
    /// What it asked for.
    pub what: String,
    /// The day it is due, if the Ombudsman gave one.
    pub due_on: Option<NaiveDate>,
}

/// A request as people read it: what was asked, when, by when, and whether it went on time.
pub fn describe(row: &EvidenceRequestRow, today: NaiveDate) -> String {
    let due = row.due_on.map(|d| format!(", due {d}")).unwrap_or_default();
    let state = match (row.sent.as_ref(), row.due_on) {
        (Some((on, by)), Some(due)) if *on > due => {
            format!("sent {on} by {by}, {} days late", (*on - due).num_days())
        }
        (Some((on, by)), _) => format!("sent {on} by {by}"),
        (None, Some(due)) if today > due => {
            format!("not sent, {} days overdue", (today - due).num_days())
        }
        (None, _) => "not sent yet".to_owned(),
    };
    format!("Asked {}{due} for {}: {state}", row.asked_on, row.what)
}

impl<S: Store> Casebook<S> {
    async fn add_evidence_request(
        &self,
        reference: &Reference,
        new: &NewEvidenceRequest,
        by: &str,
    ) -> Result<i64, AppError> {
        let case = self.case(reference).await?.case;
        let invalid = |message: String| Err(AppError::Invalid(message));
        let Some(referred_on) = case.referrals.iter().map(|(on, _)| *on).min() else {
            return invalid(format!(
                "case {reference} has not been referred to an Ombudsman: record the referral first"
            ));
        };
        let what = new.what.trim();
        if what.is_empty() || what.chars().count() > 2_000 {
            return invalid(
                "say what the Ombudsman asked for, in 2,000 characters or fewer".into(),
            );
        }
        if new.asked_on < referred_on || new.asked_on > self.clock().today() {
            return invalid(format!(
                "the day the Ombudsman asked must be from the referral, {referred_on}, to today"
            ));
        }
        if new.due_on.is_some_and(|d| d < new.asked_on) {
            return invalid("the day it is due cannot be before the day it was asked for".into());
        }
        let row = EvidenceRequestRow {
            id: 0,
            asked_on: new.asked_on,
            what: what.to_owned(),
            due_on: new.due_on,
            sent: None,
            recorded_by: by.to_owned(),
            recorded_at: self.clock().now(),
        };
        Ok(self
            .store()
            .add_evidence_request(reference.as_str(), &row)
            .await?)
    }
}

impl App {
    /// Records what the Ombudsman asked for on a referred case; returns the request's number.
    pub async fn add_evidence_request(
        &self,
        reference: &Reference,
        new: &NewEvidenceRequest,
        by: &str,
    ) -> Result<i64, AppError> {
        dispatch!(self, book => book.add_evidence_request(reference, new, by).await)
    }

    /// The Ombudsman's requests on a case, in the order asked.
    pub async fn evidence_requests(
        &self,
        reference: &Reference,
    ) -> Result<Vec<EvidenceRequestRow>, AppError> {
        Ok(dispatch!(self, book => book.store().evidence_requests(reference.as_str()).await)?)
    }

    /// Records request `id` of a case as sent on `on`, which cannot be after today.
    pub async fn evidence_sent(
        &self,
        reference: &Reference,
        id: i64,
        on: NaiveDate,
        by: &str,
    ) -> Result<(), AppError> {
        if on > self.today() {
            return Err(AppError::Invalid(
                "the day it was sent must be today or in the past".into(),
            ));
        }
        Ok(
            dispatch!(self, book => book.store().evidence_sent(reference.as_str(), id, on, by).await)?,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(due: Option<&str>, sent: Option<&str>) -> EvidenceRequestRow {
        EvidenceRequestRow {
            id: 1,
            asked_on: "2025-06-02".parse().unwrap(),
            what: "the case file".into(),
            due_on: due.map(|d| d.parse().unwrap()),
            sent: sent.map(|s| (s.parse().unwrap(), "officer".into())),
            recorded_by: "officer".into(),
            recorded_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn a_request_says_whether_it_went_on_time() {
        let today = "2025-06-30".parse().unwrap();
        assert_eq!(
            describe(&row(Some("2025-06-16"), Some("2025-06-19")), today),
            "Asked 2025-06-02, due 2025-06-16 for the case file: sent 2025-06-19 by officer, 3 days late"
        );
        assert_eq!(
            describe(&row(Some("2025-06-16"), Some("2025-06-16")), today),
            "Asked 2025-06-02, due 2025-06-16 for the case file: sent 2025-06-16 by officer"
        );
        assert_eq!(
            describe(&row(Some("2025-06-16"), None), today),
            "Asked 2025-06-02, due 2025-06-16 for the case file: not sent, 14 days overdue"
        );
        assert_eq!(
            describe(&row(None, None), today),
            "Asked 2025-06-02 for the case file: not sent yet"
        );
    }
}
