//! The clock every operation reads "now" and "today" from. It is passed in, so tests and the
//! web can set it; the landlord's day is the day in England (Europe/London), whatever zone the
//! server runs in, both for "today" and for the date of anything recorded.

use std::fmt::Debug;

use chrono::{DateTime, NaiveDate, Utc};
use putright_domain::clock::london_date;

/// Where the time comes from.
pub trait Clock: Send + Sync + Debug {
    /// This instant.
    fn now(&self) -> DateTime<Utc>;

    /// The landlord's day at this instant: the calendar day in England.
    fn today(&self) -> NaiveDate {
        london_date(self.now())
    }
}

/// The machine's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still at one instant, for tests and for replaying a day.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(DateTime<Utc>);

impl FixedClock {
    /// A clock stopped at `at`.
    pub fn at(at: DateTime<Utc>) -> Self {
        Self(at)
    }

    /// A clock stopped at noon (UTC) on `day`, which is the same day in England all year.
    pub fn on(day: NaiveDate) -> Self {
        Self(day.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc())
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_gives_its_day_in_england() {
        let late_summer_evening = "2024-03-31T23:30:00Z".parse().unwrap();
        assert_eq!(
            FixedClock::at(late_summer_evening).today(),
            NaiveDate::from_ymd_opt(2024, 4, 1).unwrap(),
            "British Summer Time had begun, so half past eleven UTC is the next day"
        );
        let day = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
        assert_eq!(FixedClock::on(day).today(), day);
    }
}
