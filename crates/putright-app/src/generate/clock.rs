//! The generator's own view of the working-day calendar: every day of the covered financial
//! years (and a margin after them) as a small integer, with the working days precomputed from
//! [`putright_domain::Calendar`]. Adding working days becomes two array lookups, which keeps a
//! million rows to a few seconds, while the answers stay exactly the domain calendar's.

use std::io;

use chrono::{Datelike, Duration, NaiveDate};
use putright_domain::Calendar;

/// Days kept after the end of the data, so deadlines computed for cases still open at the end
/// are real dates; anything dated after the end is dropped before a row is written anyway.
const MARGIN_DAYS: i64 = 800;

/// A day, counted from 1 April of the first financial year covered (day 0).
pub(super) type Day = i32;

#[derive(Debug)]
pub(super) struct Clock {
    first: NaiveDate,
    /// The last day of the data: 31 March ending the last financial year. Every event in the
    /// output is on or before it, so it is also the natural "as at" date of the data set.
    pub(super) cutoff: Day,
    working: Vec<bool>,
    /// `cumulative[d]`: how many working days fall on days `0..=d`.
    cumulative: Vec<u32>,
    /// The working days, in order.
    working_days: Vec<Day>,
    /// `YYYY-MM-DD` of each day, formatted once.
    text: Vec<[u8; 10]>,
}

impl Clock {
    /// The clock for `years` financial years ending with the one that starts in `last_year`.
    pub(super) fn new(last_year: i32, years: u32) -> io::Result<Self> {
        let invalid = |why: String| io::Error::new(io::ErrorKind::InvalidInput, why);
        if years == 0 {
            return Err(invalid(
                "the data must cover at least one financial year".into(),
            ));
        }
        if years > 100 || !(1900..=2200).contains(&last_year) {
            return Err(invalid(format!(
                "{years} financial years ending {last_year}/{} is outside what the generator supports",
                (last_year + 1) % 100
            )));
        }
        let first_year = last_year - years as i32 + 1;
        let first = NaiveDate::from_ymd_opt(first_year, 4, 1)
            .ok_or_else(|| invalid(format!("no 1 April in {first_year}")))?;
        let end = NaiveDate::from_ymd_opt(last_year + 1, 3, 31)
            .ok_or_else(|| invalid(format!("no 31 March in {}", last_year + 1)))?;
        let cutoff = (end - first).num_days() as Day;
        let len = (end - first).num_days() + 1 + MARGIN_DAYS;

        let calendar = Calendar::england_and_wales();
        let mut working = Vec::with_capacity(len as usize);
        let mut cumulative = Vec::with_capacity(len as usize);
        let mut working_days = Vec::new();
        let mut text = Vec::with_capacity(len as usize);
        let mut count = 0u32;
        for offset in 0..len {
            let date = first + Duration::days(offset);
            let is_working = calendar.is_working_day(date);
            if is_working {
                count += 1;
                working_days.push(offset as Day);
            }
            working.push(is_working);
            cumulative.push(count);
            let mut t = [0u8; 10];
            t.copy_from_slice(date.format("%Y-%m-%d").to_string().as_bytes());
            text.push(t);
        }
        Ok(Self {
            first,
            cutoff,
            working,
            cumulative,
            working_days,
            text,
        })
    }

    /// The N-th working day after `from` (`from` itself never counts); `from` when N is zero.
    /// Same rule as [`Calendar::add_working_days`]. Past the margin (never needed in practice)
    /// it keeps counting five working days a week, which is after the cutoff either way.
    pub(super) fn add(&self, from: Day, n: u32) -> Day {
        if n == 0 {
            return from;
        }
        let Some(&before) = self.cumulative.get(from as usize) else {
            return from + (n as Day) * 7 / 5 + 1;
        };
        match self.working_days.get((before + n - 1) as usize) {
            Some(&day) => day,
            None => self.len() + (n as Day) * 7 / 5 + 1,
        }
    }

    fn len(&self) -> Day {
        self.working.len() as Day
    }

    pub(super) fn is_working(&self, day: Day) -> bool {
        self.working.get(day as usize).copied().unwrap_or(true)
    }

    /// The date of a day (for tests and for the few places a month or weekday matters).
    pub(super) fn date(&self, day: Day) -> NaiveDate {
        self.first + Duration::days(i64::from(day))
    }

    /// The first day of the data.
    #[cfg(test)]
    pub(super) fn first(&self) -> NaiveDate {
        self.first
    }

    /// The start year of the financial year a day falls in.
    pub(super) fn financial_year(&self, day: Day) -> i32 {
        let date = self.date(day);
        if date.month() >= 4 {
            date.year()
        } else {
            date.year() - 1
        }
    }

    /// `YYYY-MM-DD`; only days inside the table are ever written, since later events are dropped.
    pub(super) fn text(&self, day: Day) -> &[u8; 10] {
        &self.text[day as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use putright_domain::WorkingDays;

    #[test]
    fn adding_working_days_agrees_with_the_domain_calendar() {
        let clock = Clock::new(2025, 3).unwrap();
        let calendar = Calendar::england_and_wales();
        assert_eq!(clock.first(), NaiveDate::from_ymd_opt(2023, 4, 1).unwrap());
        assert_eq!(
            clock.date(clock.cutoff),
            NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()
        );
        for from in (0..clock.cutoff + 200).step_by(3) {
            for n in [0u16, 1, 5, 10, 20, 40] {
                let want = calendar.add_working_days(clock.date(from), WorkingDays::new(n));
                assert_eq!(clock.date(clock.add(from, u32::from(n))), want);
            }
        }
        assert_eq!(clock.text(0), b"2023-04-01");
        assert_eq!(clock.financial_year(clock.cutoff), 2025);
        assert_eq!(clock.financial_year(0), 2023);
    }

    #[test]
    fn a_span_of_no_years_is_refused() {
        assert!(Clock::new(2025, 0).is_err());
    }
}
