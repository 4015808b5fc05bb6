//! England and Wales bank holidays, as published, plus the standard rules for later years.
//!
//! The official dates from 2010 to [`LAST_ANNOUNCED_YEAR`] are typed in below and checked by
//! tests against the standard rules and the one-off changes announced by proclamation. Years
//! outside that range follow the standard rules and are *provisional*: an announced year
//! imported later (`putright calendar import`) replaces them.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The last year whose dates were announced when this table was typed in.
pub const LAST_ANNOUNCED_YEAR: i32 = 2027;
/// The first year typed in from the official list.
pub const FIRST_ANNOUNCED_YEAR: i32 = 2010;

/// A bank holiday: its date, its official title, and whether it is only provisional.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankHoliday {
    /// The day of the holiday.
    pub date: NaiveDate,
    /// Its official title, e.g. "Early May bank holiday".
    pub title: String,
    /// True when the date comes from the standard rules, not an announcement.
    pub provisional: bool,
}

/// The official England and Wales dates, 2010 to [`LAST_ANNOUNCED_YEAR`] (year, month, day, title):
/// from 2010 so that imported history is timed right.
const ANNOUNCED: &[(i32, u32, u32, &str)] = &[
    (2010, 1, 1, "New Year’s Day"),
    (2010, 4, 2, "Good Friday"),
    (2010, 4, 5, "Easter Monday"),
    (2010, 5, 3, "Early May bank holiday"),
    (2010, 5, 31, "Spring bank holiday"),
    (2010, 8, 30, "Summer bank holiday"),
    (2010, 12, 27, "Christmas Day (substitute day)"),
    (2010, 12, 28, "Boxing Day (substitute day)"),
    (2011, 1, 3, "New Year’s Day (substitute day)"),
    (2011, 4, 22, "Good Friday"),
    (2011, 4, 25, "Easter Monday"),
    (2011, 4, 29, "Royal wedding"),
    (2011, 5, 2, "Early May bank holiday"),
    (2011, 5, 30, "Spring bank holiday"),
    (2011, 8, 29, "Summer bank holiday"),
    (2011, 12, 26, "Boxing Day"),
    (2011, 12, 27, "Christmas Day (substitute day)"),
    (2012, 1, 2, "New Year’s Day (substitute day)"),
    (2012, 4, 6, "Good Friday"),
    (2012, 4, 9, "Easter Monday"),
    (2012, 5, 7, "Early May bank holiday"),
    (2012, 6, 4, "Spring bank holiday"),
    (2012, 6, 5, "Queen’s Diamond Jubilee"),
    (2012, 8, 27, "Summer bank holiday"),
    (2012, 12, 25, "Christmas Day"),
    (2012, 12, 26, "Boxing Day"),
    (2013, 1, 1, "New Year’s Day"),
    (2013, 3, 29, "Good Friday"),
    (2013, 4, 1, "Easter Monday"),
    (2013, 5, 6, "Early May bank holiday"),
    (2013, 5, 27, "Spring bank holiday"),
    (2013, 8, 26, "Summer bank holiday"),
    (2013, 12, 25, "Christmas Day"),
    (2013, 12, 26, "Boxing Day"),
    (2014, 1, 1, "New Year’s Day"),
    (2014, 4, 18, "Good Friday"),
    (2014, 4, 21, "Easter Monday"),
    (2014, 5, 5, "Early May bank holiday"),
    (2014, 5, 26, "Spring bank holiday"),
    (2014, 8, 25, "Summer bank holiday"),
    (2014, 12, 25, "Christmas Day"),
    (2014, 12, 26, "Boxing Day"),
    (2015, 1, 1, "New Year’s Day"),
    (2015, 4, 3, "Good Friday"),
    (2015, 4, 6, "Easter Monday"),
    (2015, 5, 4, "Early May bank holiday"),
    (2015, 5, 25, "Spring bank holiday"),
    (2015, 8, 31, "Summer bank holiday"),
    (2015, 12, 25, "Christmas Day"),
    (2015, 12, 28, "Boxing Day (substitute day)"),
    (2016, 1, 1, "New Year’s Day"),
    (2016, 3, 25, "Good Friday"),
    (2016, 3, 28, "Easter Monday"),
    (2016, 5, 2, "Early May bank holiday"),
    (2016, 5, 30, "Spring bank holiday"),
    (2016, 8, 29, "Summer bank holiday"),
    (2016, 12, 26, "Boxing Day"),
    (2016, 12, 27, "Christmas Day (substitute day)"),
    (2017, 1, 2, "New Year’s Day (substitute day)"),
    (2017, 4, 14, "Good Friday"),
    (2017, 4, 17, "Easter Monday"),
    (2017, 5, 1, "Early May bank holiday"),
    (2017, 5, 29, "Spring bank holiday"),
    (2017, 8, 28, "Summer bank holiday"),
    (2017, 12, 25, "Christmas Day"),
    (2017, 12, 26, "Boxing Day"),
    (2018, 1, 1, "New Year’s Day"),
    (2018, 3, 30, "Good Friday"),
    (2018, 4, 2, "Easter Monday"),
    (2018, 5, 7, "Early May bank holiday"),
    (2018, 5, 28, "Spring bank holiday"),
    (2018, 8, 27, "Summer bank holiday"),
    (2018, 12, 25, "Christmas Day"),
    (2018, 12, 26, "Boxing Day"),
    (2019, 1, 1, "New Year’s Day"),
    (2019, 4, 19, "Good Friday"),
    (2019, 4, 22, "Easter Monday"),
    (2019, 5, 6, "Early May bank holiday"),
    (2019, 5, 27, "Spring bank holiday"),
    (2019, 8, 26, "Summer bank holiday"),
    (2019, 12, 25, "Christmas Day"),
    (2019, 12, 26, "Boxing Day"),
    (2020, 1, 1, "New Year’s Day"),
    (2020, 4, 10, "Good Friday"),
    (2020, 4, 13, "Easter Monday"),
    (2020, 5, 8, "Early May bank holiday (VE day)"),
    (2020, 5, 25, "Spring bank holiday"),
    (2020, 8, 31, "Summer bank holiday"),
    (2020, 12, 25, "Christmas Day"),
    (2020, 12, 28, "Boxing Day (substitute day)"),
    (2021, 1, 1, "New Year’s Day"),
    (2021, 4, 2, "Good Friday"),
    (2021, 4, 5, "Easter Monday"),
    (2021, 5, 3, "Early May bank holiday"),
    (2021, 5, 31, "Spring bank holiday"),
    (2021, 8, 30, "Summer bank holiday"),
    (2021, 12, 27, "Christmas Day (substitute day)"),
    (2021, 12, 28, "Boxing Day (substitute day)"),
    (2022, 1, 3, "New Year’s Day (substitute day)"),
    (2022, 4, 15, "Good Friday"),
    (2022, 4, 18, "Easter Monday"),
    (2022, 5, 2, "Early May bank holiday"),
    (2022, 6, 2, "Spring bank holiday"),
    (2022, 6, 3, "Platinum Jubilee bank holiday"),
    (2022, 8, 29, "Summer bank holiday"),
    (
        2022,
        9,
        19,
        "Bank Holiday for the State Funeral of Queen Elizabeth II",
    ),
    (2022, 12, 26, "Boxing Day"),
    (2022, 12, 27, "Christmas Day (substitute day)"),
    (2023, 1, 2, "New Year’s Day (substitute day)"),
    (2023, 4, 7, "Good Friday"),
    (2023, 4, 10, "Easter Monday"),
    (2023, 5, 1, "Early May bank holiday"),
    (
        2023,
        5,
        8,
        "Bank holiday for the coronation of King Charles III",
    ),
    (2023, 5, 29, "Spring bank holiday"),
    (2023, 8, 28, "Summer bank holiday"),
    (2023, 12, 25, "Christmas Day"),
    (2023, 12, 26, "Boxing Day"),
    (2024, 1, 1, "New Year’s Day"),
    (2024, 3, 29, "Good Friday"),
    (2024, 4, 1, "Easter Monday"),
    (2024, 5, 6, "Early May bank holiday"),
    (2024, 5, 27, "Spring bank holiday"),
    (2024, 8, 26, "Summer bank holiday"),
    (2024, 12, 25, "Christmas Day"),
    (2024, 12, 26, "Boxing Day"),
    (2025, 1, 1, "New Year’s Day"),
    (2025, 4, 18, "Good Friday"),
    (2025, 4, 21, "Easter Monday"),
    (2025, 5, 5, "Early May bank holiday"),
    (2025, 5, 26, "Spring bank holiday"),
    (2025, 8, 25, "Summer bank holiday"),
    (2025, 12, 25, "Christmas Day"),
    (2025, 12, 26, "Boxing Day"),
    (2026, 1, 1, "New Year’s Day"),
    (2026, 4, 3, "Good Friday"),
    (2026, 4, 6, "Easter Monday"),
    (2026, 5, 4, "Early May bank holiday"),
    (2026, 5, 25, "Spring bank holiday"),
    (2026, 8, 31, "Summer bank holiday"),
    (2026, 12, 25, "Christmas Day"),
    (2026, 12, 28, "Boxing Day (substitute day)"),
    (2027, 1, 1, "New Year’s Day"),
    (2027, 3, 26, "Good Friday"),
    (2027, 3, 29, "Easter Monday"),
    (2027, 5, 3, "Early May bank holiday"),
    (2027, 5, 31, "Spring bank holiday"),
    (2027, 8, 30, "Summer bank holiday"),
    (2027, 12, 27, "Christmas Day (substitute day)"),
    (2027, 12, 28, "Boxing Day (substitute day)"),
];

/// The bank holidays of one year: the announced dates where typed in, otherwise the standard
/// rules marked provisional.
pub fn for_year(year: i32) -> Vec<BankHoliday> {
    if (FIRST_ANNOUNCED_YEAR..=LAST_ANNOUNCED_YEAR).contains(&year) {
        ANNOUNCED
            .iter()
            .filter(|(y, ..)| *y == year)
            .map(|&(y, m, d, title)| BankHoliday {
                date: ymd(y, m, d),
                title: title.to_owned(),
                provisional: false,
            })
            .collect()
    } else {
        standard_rules(year)
            .into_iter()
            .map(|(date, title)| BankHoliday {
                date,
                title: title.to_owned(),
                provisional: true,
            })
            .collect()
    }
}

/// The dates the standard rules give for a year, before any one-off change by proclamation:
/// New Year's Day, Good Friday, Easter Monday, the first and last Mondays of May, the last
/// Monday of August, Christmas Day and Boxing Day, with a weekday substitute for any that falls
/// at a weekend.
pub fn standard_rules(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let easter = easter_sunday(year);
    let mut days = vec![
        new_years_day(year),
        (easter - Duration::days(2), "Good Friday"),
        (easter + Duration::days(1), "Easter Monday"),
        (first_monday(year, 5), "Early May bank holiday"),
        (last_monday(year, 5), "Spring bank holiday"),
        (last_monday(year, 8), "Summer bank holiday"),
    ];
    days.extend(christmas(year));
    days
}

fn new_years_day(year: i32) -> (NaiveDate, &'static str) {
    let day = ymd(year, 1, 1);
    match day.weekday() {
        Weekday::Sat => (day + Duration::days(2), "New Year’s Day (substitute day)"),
        Weekday::Sun => (day + Duration::days(1), "New Year’s Day (substitute day)"),
        _ => (day, "New Year’s Day"),
    }
}

/// Christmas Day and Boxing Day; at a weekend each moves to the next weekday not already taken.
fn christmas(year: i32) -> [(NaiveDate, &'static str); 2] {
    let christmas = ymd(year, 12, 25);
    match christmas.weekday() {
        Weekday::Fri => [
            (christmas, "Christmas Day"),
            (ymd(year, 12, 28), "Boxing Day (substitute day)"),
        ],
        Weekday::Sat => [
            (ymd(year, 12, 27), "Christmas Day (substitute day)"),
            (ymd(year, 12, 28), "Boxing Day (substitute day)"),
        ],
        Weekday::Sun => [
            (ymd(year, 12, 26), "Boxing Day"),
            (ymd(year, 12, 27), "Christmas Day (substitute day)"),
        ],
        _ => [
            (christmas, "Christmas Day"),
            (ymd(year, 12, 26), "Boxing Day"),
        ],
    }
}

fn first_monday(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 1)
        .expect("every month has a Monday")
}

fn last_monday(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 5)
        .unwrap_or_else(|| first_monday(year, month) + Duration::weeks(3))
}

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(year, month as u32, day as u32)
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("typed-in dates are valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One-off changes by proclamation: (year, dates added, dates removed from the standard rules).
    fn proclaimed(year: i32) -> (Vec<NaiveDate>, Vec<NaiveDate>) {
        match year {
            // The royal wedding.
            2011 => (vec![ymd(2011, 4, 29)], vec![]),
            // The Diamond Jubilee: the spring holiday moved to 4 June, and 5 June added.
            2012 => (
                vec![ymd(2012, 6, 4), ymd(2012, 6, 5)],
                vec![ymd(2012, 5, 28)],
            ),
            2020 => (vec![ymd(2020, 5, 8)], vec![ymd(2020, 5, 4)]),
            2022 => (
                vec![ymd(2022, 6, 2), ymd(2022, 6, 3), ymd(2022, 9, 19)],
                vec![ymd(2022, 5, 30)],
            ),
            2023 => (vec![ymd(2023, 5, 8)], vec![]),
            _ => (vec![], vec![]),
        }
    }

    fn check_year(year: i32) {
        let typed: Vec<NaiveDate> = for_year(year).iter().map(|h| h.date).collect();
        assert!(for_year(year).iter().all(|h| !h.provisional));
        let (added, removed) = proclaimed(year);
        let mut expected: Vec<NaiveDate> = standard_rules(year)
            .into_iter()
            .map(|(d, _)| d)
            .filter(|d| !removed.contains(d))
            .chain(added)
            .collect();
        expected.sort();
        let mut sorted = typed.clone();
        sorted.sort();
        assert_eq!(typed, sorted, "{year}: typed in date order");
        assert_eq!(
            typed, expected,
            "{year}: typed-in dates differ from the rules"
        );
        for d in &typed {
            assert!(
                !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
                "{d} is at a weekend"
            );
            assert_eq!(d.year(), year);
        }
    }

    macro_rules! year_tests {
        ($($name:ident => $year:expr),* $(,)?) => {
            $(#[test] fn $name() { check_year($year); })*
        };
    }

    year_tests! {
        announced_2010 => 2010, announced_2011 => 2011, announced_2012 => 2012,
        announced_2013 => 2013, announced_2014 => 2014,
        announced_2015 => 2015, announced_2016 => 2016, announced_2017 => 2017,
        announced_2018 => 2018, announced_2019 => 2019, announced_2020 => 2020,
        announced_2021 => 2021, announced_2022 => 2022, announced_2023 => 2023,
        announced_2024 => 2024, announced_2025 => 2025, announced_2026 => 2026,
        announced_2027 => 2027,
    }

    #[test]
    fn every_announced_year_has_a_test_and_the_table_covers_it() {
        for year in FIRST_ANNOUNCED_YEAR..=LAST_ANNOUNCED_YEAR {
            assert!(for_year(year).len() >= 8, "{year}");
        }
        // Eight a year, plus the royal wedding, the Diamond Jubilee, the Platinum Jubilee, the
        // state funeral and the coronation.
        assert_eq!(ANNOUNCED.len(), 18 * 8 + 5);
    }

    #[test]
    fn easter_matches_known_dates() {
        assert_eq!(easter_sunday(2024), ymd(2024, 3, 31));
        assert_eq!(easter_sunday(2025), ymd(2025, 4, 20));
        assert_eq!(easter_sunday(2028), ymd(2028, 4, 16));
        assert_eq!(easter_sunday(2038), ymd(2038, 4, 25));
    }

    #[test]
    fn later_years_follow_the_rules_and_are_provisional() {
        let y2028 = for_year(2028);
        assert!(y2028.iter().all(|h| h.provisional));
        let dates: Vec<NaiveDate> = y2028.iter().map(|h| h.date).collect();
        assert_eq!(
            dates,
            vec![
                ymd(2028, 1, 3),
                ymd(2028, 4, 14),
                ymd(2028, 4, 17),
                ymd(2028, 5, 1),
                ymd(2028, 5, 29),
                ymd(2028, 8, 28),
                ymd(2028, 12, 25),
                ymd(2028, 12, 26),
            ]
        );
    }
}
