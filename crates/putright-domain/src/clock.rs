//! The landlord's day: what "today" means, and the day a recorded event is dated, is the
//! calendar day in England (Europe/London), not the server's local zone or UTC. A complaint
//! logged at 00:30 on 1 April British Summer Time is 31 March in UTC, and would otherwise land
//! in the wrong working day, the wrong quarter and the wrong financial year.
//!
//! No timezone database is needed: since 1996 (the EU rule the UK kept) British Summer Time runs
//! from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October, and
//! the rest of the year England is on UTC. The rule is written out here so it can be tested.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};

/// The calendar day in England at the instant `at`.
pub fn london_date(at: DateTime<Utc>) -> NaiveDate {
    (at + Duration::hours(london_offset_hours(at))).date_naive()
}

/// Hours England is ahead of UTC at the instant `at`: 1 in British Summer Time, otherwise 0.
pub fn london_offset_hours(at: DateTime<Utc>) -> i64 {
    let year = at.year();
    let starts = change_instant(year, 3);
    let ends = change_instant(year, 10);
    if (starts..ends).contains(&at) { 1 } else { 0 }
}

/// 01:00 UTC on the last Sunday of `month` (March or October) of `year`: the clocks change then.
fn change_instant(year: i32, month: u32) -> DateTime<Utc> {
    // Both months have 31 days, so the last Sunday is the 31st stepped back to a Sunday.
    let last = NaiveDate::from_ymd_opt(year, month, 31).expect("March and October have 31 days");
    let back = last.weekday().days_since(Weekday::Sun);
    let sunday = last - Duration::days(i64::from(back));
    Utc.from_utc_datetime(&sunday.and_hms_opt(1, 0, 0).expect("01:00 exists"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;
    use proptest::prelude::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_clocks_change_at_one_in_the_morning_utc() {
        for (instant, day, offset) in [
            // 30 March 2025 is the last Sunday of March: BST from 01:00 UTC.
            ("2025-03-30T00:59:59Z", "2025-03-30", 0),
            ("2025-03-30T01:00:00Z", "2025-03-30", 1),
            ("2025-03-29T23:30:00Z", "2025-03-29", 0),
            ("2025-06-30T23:30:00Z", "2025-07-01", 1),
            // 26 October 2025 is the last Sunday of October: GMT from 01:00 UTC.
            ("2025-10-25T23:30:00Z", "2025-10-26", 1),
            ("2025-10-26T00:59:59Z", "2025-10-26", 1),
            ("2025-10-26T01:00:00Z", "2025-10-26", 0),
            ("2025-10-26T23:30:00Z", "2025-10-26", 0),
            ("2025-12-31T23:30:00Z", "2025-12-31", 0),
        ] {
            assert_eq!(london_date(at(instant)), d(day), "{instant}");
            assert_eq!(london_offset_hours(at(instant)), offset, "{instant}");
        }
    }

    #[test]
    fn the_31_march_financial_year_boundary() {
        // BST began on 31 March 2024, so late that evening in UTC is already 1 April in England,
        // the first day of the 2024/25 financial year.
        assert_eq!(london_date(at("2024-03-31T00:30:00Z")), d("2024-03-31"));
        assert_eq!(london_date(at("2024-03-31T23:30:00Z")), d("2024-04-01"));
        assert_eq!(
            crate::period::FinancialYear::containing(london_date(at("2024-03-31T23:30:00Z")))
                .to_string(),
            "2024/25"
        );
    }

    #[test]
    fn last_sundays_are_found() {
        for (year, march, october) in [
            (2024, "2024-03-31", "2024-10-27"),
            (2025, "2025-03-30", "2025-10-26"),
            (2026, "2026-03-29", "2026-10-25"),
        ] {
            assert_eq!(change_instant(year, 3).date_naive(), d(march));
            assert_eq!(change_instant(year, 10).date_naive(), d(october));
        }
    }

    proptest! {
        #[test]
        fn the_london_day_is_the_utc_day_or_the_next(secs in 0i64..4_102_444_800) {
            let t = DateTime::from_timestamp(secs, 0).unwrap();
            let utc = t.date_naive();
            let london = london_date(t);
            prop_assert!(london == utc || Some(london) == utc.succ_opt());
            prop_assert_eq!(london != utc, t.hour() >= 23 && london_offset_hours(t) == 1);
            if london != utc {
                prop_assert!(t.hour() >= 23);
            }
        }
    }
}
