//! The working-day clock every Code timescale runs on.
//!
//! A working day is Monday to Friday, not an England and Wales bank holiday and not a closure
//! day the landlord declares. "Within N working days of D" means on or before the N-th working
//! day after D; D itself never counts (Code 6.2, 6.3, 6.11, 6.14 all count this way).

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::bank_holidays;
use crate::values::WorkingDays;

/// The span of years the calendar knows holidays for; outside it only weekends are days off.
const FIRST_YEAR: i32 = 1990;
const LAST_YEAR: i32 = 2100;

/// A day the landlord declares closed, e.g. the Christmas shutdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    /// The day the landlord is closed.
    pub date: NaiveDate,
    /// Why, in the landlord's words, shown wherever the day is explained.
    pub reason: String,
}

/// Why a day is not a working day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayOff {
    /// Saturday or Sunday.
    Weekend,
    /// An England and Wales bank holiday.
    BankHoliday {
        /// Its official title.
        title: String,
        /// True when the date comes from the standard rules, not an announcement.
        provisional: bool,
    },
    /// A closure day the landlord declared.
    Closure {
        /// The landlord's reason for closing.
        reason: String,
    },
}

/// The working-day calendar: bank holidays (built in, plus any announced dates imported) and the
/// landlord's closure days.
///
/// Importing a million cases asks the clock tens of millions of questions, so the days from
/// 1990 to 2100 are indexed: `working_before[i]` counts the working days before day `i`, which
/// makes "is this a working day" an array lookup and "add N working days" a binary search.
#[derive(Debug, Clone)]
pub struct Calendar {
    holidays: BTreeMap<NaiveDate, (String, bool)>,
    closures: BTreeMap<NaiveDate, String>,
    working_before: Vec<u32>,
}

impl Default for Calendar {
    fn default() -> Self {
        Self::england_and_wales()
    }
}

impl Calendar {
    /// The built-in England and Wales bank holidays, with no closures.
    pub fn england_and_wales() -> Self {
        let holidays = (FIRST_YEAR..=LAST_YEAR)
            .flat_map(bank_holidays::for_year)
            .map(|h| (h.date, (h.title, h.provisional)))
            .collect();
        Self {
            holidays,
            closures: BTreeMap::new(),
            working_before: Vec::new(),
        }
        .indexed()
    }

    fn epoch() -> NaiveDate {
        NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).expect("a valid date")
    }

    /// Rebuilds the index after the days off change.
    fn indexed(mut self) -> Self {
        let end = NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).expect("a valid date");
        let days = (end - Self::epoch()).num_days() as usize + 1;
        let mut working: Vec<bool> = Self::epoch()
            .iter_days()
            .take(days)
            .map(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
            .collect();
        let days_off = self.holidays.keys().chain(self.closures.keys());
        for date in days_off {
            let slot = usize::try_from((*date - Self::epoch()).num_days())
                .ok()
                .and_then(|i| working.get_mut(i));
            if let Some(w) = slot {
                *w = false;
            }
        }
        let mut count = 0u32;
        let mut index = Vec::with_capacity(days + 1);
        for w in working {
            index.push(count);
            count += u32::from(w);
        }
        index.push(count);
        self.working_before = index;
        self
    }

    /// The day's position in the index, if it is inside the indexed years.
    fn position(&self, date: NaiveDate) -> Option<usize> {
        let offset = (date - Self::epoch()).num_days();
        usize::try_from(offset)
            .ok()
            .filter(|i| i + 1 < self.working_before.len())
    }

    fn computed_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
            && !self.holidays.contains_key(&date)
            && !self.closures.contains_key(&date)
    }

    /// Merges officially announced dates. A year they cover stops being provisional: its
    /// rule-based dates are replaced by the announced ones. Announced years already typed in are
    /// merged date by date, so an import never loses a holiday.
    pub fn with_announced(mut self, announced: &[(NaiveDate, String)]) -> Self {
        let mut years: Vec<i32> = announced.iter().map(|(d, _)| d.year()).collect();
        years.dedup();
        self.holidays
            .retain(|date, (_, provisional)| !(*provisional && years.contains(&date.year())));
        for (date, title) in announced {
            self.holidays.insert(*date, (title.clone(), false));
        }
        self.indexed()
    }

    /// Adds the landlord's closure days.
    pub fn with_closures<'a>(mut self, closures: impl IntoIterator<Item = &'a Closure>) -> Self {
        for c in closures {
            self.closures.insert(c.date, c.reason.clone());
        }
        self.indexed()
    }

    /// Why `date` is not a working day, or `None` if it is one.
    pub fn day_off(&self, date: NaiveDate) -> Option<DayOff> {
        if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            return Some(DayOff::Weekend);
        }
        if let Some((title, provisional)) = self.holidays.get(&date) {
            return Some(DayOff::BankHoliday {
                title: title.clone(),
                provisional: *provisional,
            });
        }
        self.closures.get(&date).map(|reason| DayOff::Closure {
            reason: reason.clone(),
        })
    }

    /// Whether `date` is a working day: a weekday that is neither a bank holiday nor a closure.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.position(date) {
            Some(i) => self.working_before[i + 1] > self.working_before[i],
            None => self.computed_working_day(date),
        }
    }

    /// The N-th working day after `from` (`from` itself never counts). Adding zero gives `from`.
    pub fn add_working_days(&self, from: NaiveDate, n: WorkingDays) -> NaiveDate {
        if n.get() == 0 {
            return from;
        }
        if let Some(i) = self.position(from) {
            // The answer is the first day whose count of working days up to and including it
            // reaches the count up to and including `from`, plus n.
            let target = self.working_before[i + 1] + u32::from(n.get());
            let found = self.working_before[i + 1..].partition_point(|&before| before < target);
            // `found` is the first j (relative) with working_before[i + 1 + j] >= target, that is
            // the day at index i + j is the n-th working day.
            if i + 1 + found < self.working_before.len() {
                return Self::epoch() + Duration::days((i + found) as i64);
            }
        }
        self.add_working_days_slowly(from, n)
    }

    /// Day by day, for dates outside the indexed years.
    fn add_working_days_slowly(&self, from: NaiveDate, n: WorkingDays) -> NaiveDate {
        let mut date = from;
        let mut left = n.get();
        while left > 0 {
            date += Duration::days(1);
            if self.computed_working_day(date) {
                left -= 1;
            }
        }
        date
    }

    /// How many working days fall after `from`, up to and including `to` (zero if `to <= from`).
    pub fn working_days_after(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| self.is_working_day(*d))
            .count() as u32
    }

    /// The bank holidays the calendar holds for a year, in date order.
    pub fn bank_holidays(&self, year: i32) -> Vec<(NaiveDate, String, bool)> {
        let start = NaiveDate::from_ymd_opt(year, 1, 1);
        let end = NaiveDate::from_ymd_opt(year, 12, 31);
        match (start, end) {
            (Some(start), Some(end)) => self
                .holidays
                .range(start..=end)
                .map(|(d, (t, p))| (*d, t.clone(), *p))
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn wd(n: u16) -> WorkingDays {
        WorkingDays::new(n)
    }

    #[test]
    fn the_issue_example_crosses_christmas() {
        let cal = Calendar::england_and_wales();
        assert_eq!(
            cal.add_working_days(d("2024-12-20"), wd(5)),
            d("2024-12-31")
        );
    }

    #[test]
    fn history_from_2012_is_timed_round_the_diamond_jubilee() {
        // The spring bank holiday moved from 28 May to 4 June 2012 and 5 June was added, so a
        // complaint answered then is timed with those days off, and 28 May was a working day.
        let cal = Calendar::england_and_wales();
        assert_eq!(
            cal.add_working_days(d("2012-05-31"), wd(3)),
            d("2012-06-07")
        );
        assert_eq!(
            cal.add_working_days(d("2012-05-25"), wd(1)),
            d("2012-05-28")
        );
        // 29 April 2011, the royal wedding, was a day off too.
        assert_eq!(
            cal.add_working_days(d("2011-04-28"), wd(1)),
            d("2011-05-03")
        );
    }

    #[test]
    fn a_closure_day_is_not_a_working_day() {
        let closure = Closure {
            date: d("2024-12-27"),
            reason: "Christmas shutdown".into(),
        };
        let cal = Calendar::england_and_wales().with_closures([&closure]);
        assert_eq!(
            cal.add_working_days(d("2024-12-20"), wd(5)),
            d("2025-01-02")
        );
        assert_eq!(
            cal.day_off(d("2024-12-27")),
            Some(DayOff::Closure {
                reason: "Christmas shutdown".into()
            })
        );
    }

    #[test]
    fn a_weekend_start_counts_from_monday() {
        let cal = Calendar::england_and_wales();
        assert_eq!(
            cal.add_working_days(d("2024-06-08"), wd(1)),
            d("2024-06-10")
        );
        assert_eq!(
            cal.add_working_days(d("2024-06-09"), wd(1)),
            d("2024-06-10")
        );
    }

    #[test]
    fn a_holiday_start_does_not_count() {
        let cal = Calendar::england_and_wales();
        // Good Friday 2025; Easter Monday follows, so the first working day is Tuesday 22 April.
        assert_eq!(
            cal.add_working_days(d("2025-04-18"), wd(1)),
            d("2025-04-22")
        );
    }

    #[test]
    fn announced_dates_replace_a_provisional_year() {
        let announced = vec![(
            d("2028-01-03"),
            "New Year’s Day (substitute day)".to_owned(),
        )];
        let cal = Calendar::england_and_wales().with_announced(&announced);
        assert!(!cal.is_working_day(d("2028-01-03")));
        // The provisional Good Friday of 2028 is gone: the import covered the year.
        assert!(cal.is_working_day(d("2028-04-14")));
        // An announced year typed in keeps its dates.
        assert!(!cal.is_working_day(d("2024-12-25")));
    }

    #[test]
    fn working_days_after_counts_like_adding() {
        let cal = Calendar::england_and_wales();
        assert_eq!(cal.working_days_after(d("2024-12-20"), d("2024-12-31")), 5);
        assert_eq!(cal.working_days_after(d("2024-12-31"), d("2024-12-20")), 0);
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (0i64..(365 * 20)).prop_map(|offset| d("2015-01-01") + Duration::days(offset))
    }

    #[test]
    fn the_index_agrees_with_counting_day_by_day() {
        let closure = Closure {
            date: d("2024-12-27"),
            reason: "shutdown".into(),
        };
        let cal = Calendar::england_and_wales().with_closures([&closure]);
        // Four years around Christmas closures and the 2022 and 2023 one-off holidays.
        for offset in 0..(365 * 4) {
            let start = d("2021-06-01") + Duration::days(offset);
            for n in [0u16, 1, 5, 10, 20, 40] {
                assert_eq!(
                    cal.add_working_days(start, wd(n)),
                    cal.add_working_days_slowly(start, wd(n)),
                    "{start} + {n}"
                );
            }
            assert_eq!(
                cal.is_working_day(start),
                cal.computed_working_day(start),
                "{start}"
            );
        }
    }

    #[test]
    fn dates_outside_the_indexed_years_still_count() {
        let cal = Calendar::england_and_wales();
        assert_eq!(
            cal.add_working_days(d("1989-12-29"), wd(1)),
            d("1990-01-02")
        );
        assert_eq!(
            cal.add_working_days(d("2100-12-31"), wd(1)),
            d("2101-01-03")
        );
    }

    proptest! {
        #[test]
        fn adding_at_least_one_lands_on_a_working_day(start in any_date(), n in 1u16..200) {
            let cal = Calendar::england_and_wales();
            prop_assert!(cal.is_working_day(cal.add_working_days(start, wd(n))));
        }

        #[test]
        fn adding_n_then_m_is_adding_n_plus_m(start in any_date(), n in 0u16..100, m in 0u16..100) {
            let cal = Calendar::england_and_wales();
            let stepwise = cal.add_working_days(cal.add_working_days(start, wd(n)), wd(m));
            prop_assert_eq!(stepwise, cal.add_working_days(start, wd(n + m)));
        }

        #[test]
        fn the_result_is_exactly_n_working_days_later(start in any_date(), n in 0u16..100) {
            let cal = Calendar::england_and_wales();
            let end = cal.add_working_days(start, wd(n));
            prop_assert_eq!(cal.working_days_after(start, end), u32::from(n));
            prop_assert!(end >= start);
        }

        #[test]
        fn a_day_off_start_gives_the_same_answer_as_the_working_day_before(start in any_date(), n in 1u16..50) {
            // Starting on a weekend or holiday is the same as starting on the last working day
            // before it: neither the start nor the days off after it count.
            let cal = Calendar::england_and_wales();
            prop_assume!(!cal.is_working_day(start));
            let mut previous = start;
            while !cal.is_working_day(previous) {
                previous -= Duration::days(1);
            }
            prop_assert_eq!(cal.add_working_days(start, wd(n)), cal.add_working_days(previous, wd(n)));
        }
    }
}
