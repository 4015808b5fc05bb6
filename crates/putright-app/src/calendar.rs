//! The working-day calendar as the landlord keeps it: adding working days, closure days, the
//! announced bank holidays, and a year's list of days off. A change rebuilds every deadline.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use putright_domain::{Closure, WorkingDays};
use putright_store::Store;

use crate::casebook::Casebook;
use crate::error::AppError;
use crate::holidays_json;

/// A day off in a year's calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayOff {
    /// The day.
    pub date: NaiveDate,
    /// Its name (a bank holiday's title, or why the office is closed).
    pub title: String,
    /// What kind of day off it is.
    pub kind: DayOffKind,
}

/// Why a day is not a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOffKind {
    /// A bank holiday; provisional when worked out by rule rather than announced.
    BankHoliday {
        /// Not yet announced: derived from the usual rules.
        provisional: bool,
    },
    /// A day the landlord declared closed.
    Closure,
}

/// What importing a bank-holidays file did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HolidaysImported {
    /// England and Wales dates read from the file.
    pub read: usize,
    /// Of them, dates not already known.
    pub added: usize,
}

impl<S: Store> Casebook<S> {
    /// The date `n` working days after `date` (`date` itself never counts).
    pub async fn add_working_days(
        &self,
        date: NaiveDate,
        n: WorkingDays,
    ) -> Result<NaiveDate, AppError> {
        Ok(self.calendar().await?.add_working_days(date, n))
    }

    /// Declares `date` closed for `reason` and rebuilds the deadlines. False if it already was.
    pub async fn close(&self, date: NaiveDate, reason: &str, by: &str) -> Result<bool, AppError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(AppError::Invalid(
                "--reason: say why the office is closed".into(),
            ));
        }
        let closure = Closure {
            date,
            reason: reason.to_owned(),
        };
        self.close_day(&closure, by).await
    }

    /// Merges the announced bank holidays of a file in the official bank-holidays.json format.
    pub async fn import_holidays_file(&self, file: &Path) -> Result<HolidaysImported, AppError> {
        let text =
            std::fs::read_to_string(file).map_err(|e| AppError::file(file, e.to_string()))?;
        let dates = holidays_json::parse(&text).map_err(|message| AppError::file(file, message))?;
        let added = self.import_holidays(&dates).await?;
        Ok(HolidaysImported {
            read: dates.len(),
            added,
        })
    }

    /// The bank holidays and then the closure days of a calendar year, each in date order.
    pub async fn days_off(&self, year: i32) -> Result<Vec<DayOff>, AppError> {
        let calendar = self.calendar().await?;
        let holidays =
            calendar
                .bank_holidays(year)
                .into_iter()
                .map(|(date, title, provisional)| DayOff {
                    date,
                    title,
                    kind: DayOffKind::BankHoliday { provisional },
                });
        let closures = self
            .store()
            .closures()
            .await?
            .into_iter()
            .filter(|c| c.date.year() == year)
            .map(|c| DayOff {
                date: c.date,
                title: c.reason,
                kind: DayOffKind::Closure,
            });
        Ok(holidays.chain(closures).collect())
    }
}
