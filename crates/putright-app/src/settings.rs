//! The landlord's settings and yearly figures kept beside the cases: the response target for
//! service requests and member enquiries, the publication threshold, the housing stock (for the
//! rates per 1,000 homes) and TP09's survey counts.

use putright_domain::WorkingDays;
use putright_domain::period::FinancialYear;
use putright_store::{Homes, Store};

use crate::casebook::Casebook;
use crate::error::AppError;

/// The setting that holds the landlord's target for service requests and member enquiries.
pub const RESPONSE_TARGET: &str = "response_target_working_days";
/// The target when the landlord has not set one.
pub const DEFAULT_RESPONSE_TARGET: WorkingDays = WorkingDays::new(10);
/// The setting that holds the publication threshold.
pub const PUBLICATION_THRESHOLD: &str = "publication_threshold";
/// The threshold when the landlord has not set one.
pub const DEFAULT_PUBLICATION_THRESHOLD: u64 = 5;

/// The publication threshold: in reports for publication, counts below it are shown as "<N"
/// so that no one can be recognised. Always a whole number from 2 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicationThreshold(u64);

impl PublicationThreshold {
    /// Reads a threshold as a user types it.
    pub fn parse(raw: &str) -> Result<Self, String> {
        raw.trim()
            .parse()
            .ok()
            .filter(|n| (2..=100).contains(n))
            .map(PublicationThreshold)
            .ok_or_else(|| format!("\"{raw}\" is not a whole number from 2 to 100"))
    }

    /// The threshold.
    pub fn get(self) -> u64 {
        self.0
    }
}

/// TP09's survey counts for a year, with the percentage satisfied.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tp09 {
    /// The financial year surveyed.
    pub year: FinancialYear,
    /// Respondents who made a complaint in the last 12 months.
    pub respondents: i64,
    /// Of them, those very or fairly satisfied with the approach to complaints handling.
    pub satisfied: i64,
}

impl Tp09 {
    /// The percentage satisfied.
    pub fn pct(&self) -> f64 {
        self.satisfied as f64 * 100.0 / self.respondents.max(1) as f64
    }
}

impl<S: Store> Casebook<S> {
    /// The target for answering service requests and member enquiries.
    pub async fn response_target(&self) -> Result<WorkingDays, AppError> {
        match self.store().setting(RESPONSE_TARGET).await? {
            None => Ok(DEFAULT_RESPONSE_TARGET),
            Some(raw) => WorkingDays::parse(&raw).map_err(|e| {
                AppError::Config(format!(
                    "the stored setting {RESPONSE_TARGET} is invalid: {e}"
                ))
            }),
        }
    }

    /// Sets the response target and recomputes every case's deadlines; returns how many.
    pub async fn set_response_target(&self, target: WorkingDays) -> Result<usize, AppError> {
        self.store()
            .set_setting(RESPONSE_TARGET, &target.get().to_string())
            .await?;
        self.rebuild().await
    }

    /// The publication threshold (default 5).
    pub async fn publication_threshold(&self) -> Result<u64, AppError> {
        match self.store().setting(PUBLICATION_THRESHOLD).await? {
            None => Ok(DEFAULT_PUBLICATION_THRESHOLD),
            Some(raw) => raw.parse().map_err(|_| {
                AppError::Config(format!(
                    "the stored setting {PUBLICATION_THRESHOLD} is not a number: {raw}"
                ))
            }),
        }
    }

    /// Sets the publication threshold.
    pub async fn set_publication_threshold(
        &self,
        threshold: PublicationThreshold,
    ) -> Result<(), AppError> {
        self.store()
            .set_setting(PUBLICATION_THRESHOLD, &threshold.get().to_string())
            .await?;
        Ok(())
    }

    /// Records the homes owned in a year; a count left out keeps its value. Returns what is
    /// recorded now.
    pub async fn set_homes(&self, year: FinancialYear, homes: Homes) -> Result<Homes, AppError> {
        if homes.lcra.is_none() && homes.lcho.is_none() {
            return Err(AppError::Invalid("give --lcra, --lcho or both".into()));
        }
        Ok(self.store().set_homes(year.start_year(), homes).await?)
    }

    /// The homes recorded for a year, if any.
    pub async fn homes(&self, year: FinancialYear) -> Result<Option<Homes>, AppError> {
        Ok(self.store().homes(year.start_year()).await?)
    }

    /// Records TP09's survey counts for a year.
    pub async fn set_tp09(
        &self,
        year: FinancialYear,
        respondents: i64,
        satisfied: i64,
    ) -> Result<Tp09, AppError> {
        if satisfied > respondents {
            return Err(AppError::Invalid(format!(
                "--satisfied: {satisfied} is more than the {respondents} respondents"
            )));
        }
        self.store()
            .set_tp09(year.start_year(), respondents, satisfied)
            .await?;
        Ok(Tp09 {
            year,
            respondents,
            satisfied,
        })
    }
}
