//! Reporting periods: the financial year, 1 April to 31 March, written "2024/25".

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::values::ParseError;

/// A financial year, named by the calendar year it starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FinancialYear(i32);

impl FinancialYear {
    /// `2024/25` (also `2024-25` and `2024/2025`).
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let raw = raw.trim();
        let bad = || {
            ParseError(format!(
                "\"{raw}\" is not a financial year: write it like 2024/25"
            ))
        };
        let (start, end) = raw.split_once(['/', '-']).ok_or_else(bad)?;
        let start: i32 = start.parse().map_err(|_| bad())?;
        if !(1990..=2100).contains(&start) || start.to_string().len() != 4 {
            return Err(bad());
        }
        let next = start + 1;
        let matches = match end.len() {
            2 => end.parse::<i32>().ok() == Some(next % 100),
            4 => end.parse::<i32>().ok() == Some(next),
            _ => false,
        };
        if !matches {
            return Err(ParseError(format!(
                "\"{raw}\" is not a financial year: a year starting in {start} ends in {next}, so write {start}/{:02}",
                next % 100
            )));
        }
        Ok(Self(start))
    }

    /// The financial year a day falls in.
    pub fn containing(date: NaiveDate) -> Self {
        if date.month() >= 4 {
            Self(date.year())
        } else {
            Self(date.year() - 1)
        }
    }

    /// The financial year that starts on 1 April of `year`.
    pub fn starting(year: i32) -> Self {
        Self(year)
    }

    /// The calendar year the financial year starts in (2024 for 2024/25).
    pub fn start_year(self) -> i32 {
        self.0
    }

    /// 1 April, the year's first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 4, 1).expect("1 April exists")
    }

    /// 31 March of the next calendar year, the year's last day.
    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 + 1, 3, 31).expect("31 March exists")
    }

    /// Whether a day falls in the year, first and last days included.
    pub fn contains(self, date: NaiveDate) -> bool {
        (self.first_day()..=self.last_day()).contains(&date)
    }

    /// The year before.
    pub fn previous(self) -> Self {
        Self(self.0 - 1)
    }
}

/// As [`FinancialYear::parse`], with its messages.
impl FromStr for FinancialYear {
    type Err = ParseError;
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        Self::parse(raw)
    }
}

impl fmt::Display for FinancialYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}", self.0, (self.0 + 1) % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn parses_the_ways_years_are_written() {
        for raw in ["2024/25", "2024-25", "2024/2025", " 2024/25 "] {
            assert_eq!(
                FinancialYear::parse(raw).unwrap().to_string(),
                "2024/25",
                "{raw}"
            );
        }
        assert_eq!(
            FinancialYear::parse("1999/00").unwrap().to_string(),
            "1999/00"
        );
        assert_eq!(
            FinancialYear::parse("2024/26").unwrap_err().0,
            "\"2024/26\" is not a financial year: a year starting in 2024 ends in 2025, so write 2024/25"
        );
        assert!(FinancialYear::parse("2024").is_err());
        assert!(FinancialYear::parse("24/25").is_err());
    }

    #[test]
    fn the_31_march_boundary() {
        assert_eq!(
            FinancialYear::containing(d("2025-03-31")).to_string(),
            "2024/25"
        );
        assert_eq!(
            FinancialYear::containing(d("2025-04-01")).to_string(),
            "2025/26"
        );
        let year = FinancialYear::parse("2024/25").unwrap();
        assert!(year.contains(d("2024-04-01")) && year.contains(d("2025-03-31")));
        assert!(!year.contains(d("2025-04-01")) && !year.contains(d("2024-03-31")));
        assert_eq!(year.previous().to_string(), "2023/24");
    }

    #[test]
    fn from_str_is_parse() {
        for raw in ["2024/25", " 2024-2025 ", "2024/26", "2024", "Q3"] {
            assert_eq!(
                raw.parse::<FinancialYear>(),
                FinancialYear::parse(raw),
                "{raw}"
            );
        }
    }
}

/// A reporting period: a financial year, one of its quarters (Q1 is April to June), or a
/// month (the dashboards' finest filter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// A whole financial year.
    Year(FinancialYear),
    /// A quarter of a financial year, numbered 1 to 4.
    Quarter(FinancialYear, u8),
    /// A calendar month, by its first day (never any other day: see [`Period::parse_month`]).
    Month(NaiveDate),
}

impl From<FinancialYear> for Period {
    fn from(year: FinancialYear) -> Self {
        Period::Year(year)
    }
}

impl Period {
    /// `2024/25-Q3` (also `2024/25 Q3`).
    pub fn parse_quarter(raw: &str) -> Result<Self, ParseError> {
        let raw = raw.trim();
        let bad = || {
            ParseError(format!(
                "\"{raw}\" is not a quarter: write it like 2024/25-Q3 (Q1 is April to June)"
            ))
        };
        let (year, quarter) = raw.rsplit_once(['-', ' ']).ok_or_else(bad)?;
        let n: u8 = quarter
            .strip_prefix(['Q', 'q'])
            .and_then(|q| q.parse().ok())
            .ok_or_else(bad)?;
        if !(1..=4).contains(&n) {
            return Err(bad());
        }
        Ok(Period::Quarter(FinancialYear::parse(year)?, n))
    }

    /// `2024-11`: November 2024.
    pub fn parse_month(raw: &str) -> Result<Self, ParseError> {
        let raw = raw.trim();
        let bad = || ParseError(format!("\"{raw}\" is not a month: write it like 2024-11"));
        let (year, month) = raw.split_once('-').ok_or_else(bad)?;
        if year.len() != 4 || month.len() != 2 {
            return Err(bad());
        }
        let (year, month): (i32, u32) = (
            year.parse().map_err(|_| bad())?,
            month.parse().map_err(|_| bad())?,
        );
        NaiveDate::from_ymd_opt(year, month, 1)
            .map(Period::Month)
            .ok_or_else(bad)
    }

    /// The financial year the period is, or is part of.
    pub fn financial_year(self) -> FinancialYear {
        match self {
            Period::Year(y) | Period::Quarter(y, _) => y,
            Period::Month(first) => FinancialYear::containing(first),
        }
    }

    /// The period's first day.
    pub fn first_day(self) -> NaiveDate {
        match self {
            Period::Year(y) => y.first_day(),
            Period::Quarter(y, n) => {
                let month = 4 + 3 * (u32::from(n) - 1);
                let (year, month) = if month > 12 {
                    (y.start_year() + 1, month - 12)
                } else {
                    (y.start_year(), month)
                };
                NaiveDate::from_ymd_opt(year, month, 1).expect("the first of a month exists")
            }
            Period::Month(first) => first,
        }
    }

    /// The period's last day.
    pub fn last_day(self) -> NaiveDate {
        match self {
            Period::Year(y) => y.last_day(),
            Period::Quarter(..) | Period::Month(_) => self
                .next_first_day()
                .pred_opt()
                .expect("a day before exists"),
        }
    }

    fn next_first_day(self) -> NaiveDate {
        match self {
            Period::Year(y) => y.last_day().succ_opt().expect("a day after exists"),
            Period::Quarter(y, 4) => Period::Year(y).next_first_day(),
            Period::Quarter(y, n) => Period::Quarter(y, n + 1).first_day(),
            Period::Month(first) => first
                .checked_add_months(chrono::Months::new(1))
                .expect("a month after exists"),
        }
    }

    /// Whether a day falls in the period, first and last days included.
    pub fn contains(self, date: NaiveDate) -> bool {
        (self.first_day()..=self.last_day()).contains(&date)
    }

    /// The period before: last year, or the quarter before (Q1's is last year's Q4).
    pub fn previous(self) -> Self {
        match self {
            Period::Year(y) => Period::Year(y.previous()),
            Period::Quarter(y, 1) => Period::Quarter(y.previous(), 4),
            Period::Quarter(y, n) => Period::Quarter(y, n - 1),
            Period::Month(first) => Period::Month(
                first
                    .checked_sub_months(chrono::Months::new(1))
                    .expect("a month before exists"),
            ),
        }
    }
}

/// A quarter (`2024/25-Q3`, as [`Period::parse_quarter`]) or a whole year (`2024/25`, as
/// [`FinancialYear::parse`]). Text whose last part after a `-` or space starts with `Q` is read
/// as a quarter, anything else as a year, so each mistake gets the message that fits it.
impl FromStr for Period {
    type Err = ParseError;
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let names_a_quarter = raw
            .trim()
            .rsplit_once(['-', ' '])
            .is_some_and(|(_, last)| last.starts_with(['Q', 'q']));
        if names_a_quarter {
            Self::parse_quarter(raw)
        } else {
            FinancialYear::parse(raw).map(Period::Year)
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Quarter(y, n) => write!(f, "{y}-Q{n}"),
            Period::Month(first) => write!(f, "{}", first.format("%Y-%m")),
        }
    }
}

#[cfg(test)]
mod quarter_tests {
    use super::*;

    #[test]
    fn quarters_run_april_to_march() {
        let q3 = Period::parse_quarter("2024/25-Q3").unwrap();
        assert_eq!(
            (q3.first_day().to_string(), q3.last_day().to_string()),
            ("2024-10-01".into(), "2024-12-31".into())
        );
        let q4 = Period::parse_quarter("2024/25 q4").unwrap();
        assert_eq!(
            (q4.first_day().to_string(), q4.last_day().to_string()),
            ("2025-01-01".into(), "2025-03-31".into())
        );
        let q1 = Period::parse_quarter("2025/26-Q1").unwrap();
        assert_eq!(q1.previous(), q4);
        assert_eq!(q1.to_string(), "2025/26-Q1");
        assert_eq!(q1.last_day().to_string(), "2025-06-30");
        assert!(Period::parse_quarter("2024/25-Q5").is_err());
        assert_eq!(
            Period::parse_quarter("2024/25").unwrap_err().0,
            "\"2024/25\" is not a quarter: write it like 2024/25-Q3 (Q1 is April to June)"
        );
    }

    #[test]
    fn from_str_reads_a_quarter_or_a_year() {
        let year = FinancialYear::parse("2024/25").unwrap();
        assert_eq!("2024/25-Q3".parse(), Ok(Period::Quarter(year, 3)));
        assert_eq!(" 2024/25 q4 ".parse(), Ok(Period::Quarter(year, 4)));
        assert_eq!("2024/25".parse(), Ok(Period::Year(year)));
        assert_eq!("2024-25".parse(), Ok(Period::Year(year)));
        // Each mistake gets the message of the parse function it was meant for.
        for raw in ["2024/25-Q5", "2024/25-Qx", "2024/26-Q3"] {
            assert_eq!(raw.parse::<Period>(), Period::parse_quarter(raw), "{raw}");
        }
        for raw in ["2024/26", "2024", "next year"] {
            assert_eq!(
                raw.parse::<Period>(),
                FinancialYear::parse(raw).map(Period::Year),
                "{raw}"
            );
        }
        assert_eq!(
            "2024/25-Q5".parse::<Period>().unwrap_err().0,
            "\"2024/25-Q5\" is not a quarter: write it like 2024/25-Q3 (Q1 is April to June)"
        );
        assert_eq!(
            "2024/26".parse::<Period>().unwrap_err().0,
            "\"2024/26\" is not a financial year: a year starting in 2024 ends in 2025, so write 2024/25"
        );
    }
}

#[cfg(test)]
mod month_tests {
    use super::*;

    #[test]
    fn a_month_runs_from_its_first_day_to_its_last_and_belongs_to_its_financial_year() {
        let march = Period::parse_month("2025-03").unwrap();
        assert_eq!(march.to_string(), "2025-03");
        assert_eq!(march.first_day().to_string(), "2025-03-01");
        assert_eq!(march.last_day().to_string(), "2025-03-31");
        assert_eq!(march.financial_year().to_string(), "2024/25");
        let april = Period::parse_month(" 2025-04 ").unwrap();
        assert_eq!(april.financial_year().to_string(), "2025/26");
        assert_eq!(april.previous(), march);
        let february = Period::parse_month("2024-02").unwrap();
        assert_eq!(february.last_day().to_string(), "2024-02-29", "a leap year");
        assert_eq!(
            Period::parse_month("2025-13").unwrap_err().0,
            "\"2025-13\" is not a month: write it like 2024-11"
        );
        for wrong in ["2025", "2025/26", "25-03", "2025-3", "March"] {
            assert!(Period::parse_month(wrong).is_err(), "{wrong}");
        }
    }
}
