//! How figures and dates are written in every format: "12,345", "12.3%", "£1,234.50", "—",
//! "April 2024". Renderers never format a figure themselves, so the HTML page, the Word file
//! and the PDF cannot disagree about one.

use chrono::Datelike;

/// What is shown where there is no figure (nothing to count, or nothing to divide by).
pub const NONE: &str = "—";

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A whole number with a comma between each group of three digits: `12345` is "12,345".
pub fn thousands(n: u64) -> String {
    group(&n.to_string())
}

/// A change with its sign: "+12", "-3", and "0" for no change.
pub fn change(n: i64) -> String {
    let digits = group(&n.unsigned_abs().to_string());
    match n.signum() {
        1 => format!("+{digits}"),
        -1 => format!("-{digits}"),
        _ => digits,
    }
}

/// A figure to one decimal place with thousands separators: "1,234.5". Not a number shows
/// as "—".
pub fn decimal(x: f64) -> String {
    if !x.is_finite() {
        return NONE.to_owned();
    }
    let fixed = format!("{:.1}", x.abs());
    let (whole, fraction) = fixed.split_once('.').unwrap_or((&fixed, "0"));
    // -0.04 rounds to "0.0", which must not keep its sign.
    let sign = if x < 0.0 && fixed.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    format!("{sign}{}.{fraction}", group(whole))
}

/// A percentage to one decimal place: "66.7%".
pub fn percent(x: f64) -> String {
    match decimal(x) {
        none if none == NONE => none,
        shown => shown + "%",
    }
}

/// An amount in pence, shown in pounds and pence with thousands separators: "£1,234.50".
pub fn pounds(pence: i64) -> String {
    let abs = pence.unsigned_abs();
    let sign = if pence < 0 { "-" } else { "" };
    format!("{sign}£{}.{:02}", thousands(abs / 100), abs % 100)
}

/// A month in words: "April 2024".
pub fn month_year(date: &impl Datelike) -> String {
    format!("{} {}", month_name(date.month()), date.year())
}

/// A day in words, as British documents write it: "1 April 2024".
pub fn date(date: &impl Datelike) -> String {
    format!("{} {}", date.day(), month_year(date))
}

/// A month written "2024-04" (as the report figures key months) in words: "April 2024".
/// Anything else is not a month and gives `None`.
pub fn month_year_iso(month: &str) -> Option<String> {
    let (year, number) = month.split_once('-')?;
    let valid = year.len() == 4 && number.len() == 2;
    let year: i32 = year.parse().ok().filter(|_| valid)?;
    let number: u32 = number.parse().ok().filter(|n| (1..=12).contains(n))?;
    Some(format!("{} {year}", month_name(number)))
}

fn month_name(number: u32) -> &'static str {
    // chrono's months are 1 to 12; the clamp only keeps a bad value from panicking.
    MONTHS[(number.clamp(1, 12) - 1) as usize]
}

/// Digits with a comma before each group of three from the right.
fn group(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn thousands_are_separated_by_commas() {
        let shown: Vec<String> = [0, 7, 999, 1_000, 12_345, 1_234_567, u64::MAX]
            .map(thousands)
            .to_vec();
        assert_eq!(
            shown,
            [
                "0",
                "7",
                "999",
                "1,000",
                "12,345",
                "1,234,567",
                "18,446,744,073,709,551,615"
            ]
        );
    }

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(change(0), "0");
        assert_eq!(change(1_500), "+1,500");
        assert_eq!(change(-2), "-2");
        assert_eq!(change(i64::MIN), "-9,223,372,036,854,775,808");
    }

    #[test]
    fn decimals_and_percentages_have_one_place() {
        assert_eq!(decimal(0.0), "0.0");
        assert_eq!(decimal(12.34), "12.3");
        assert_eq!(decimal(12.36), "12.4");
        assert_eq!(decimal(1234.5), "1,234.5");
        assert_eq!(decimal(-1234.56), "-1,234.6");
        assert_eq!(decimal(-0.04), "0.0");
        assert_eq!(decimal(f64::NAN), "—");
        assert_eq!(decimal(f64::INFINITY), "—");
        assert_eq!(percent(100.0), "100.0%");
        assert_eq!(percent(66.666), "66.7%");
        assert_eq!(percent(f64::NAN), "—");
    }

    #[test]
    fn money_is_pounds_and_pence() {
        assert_eq!(pounds(0), "£0.00");
        assert_eq!(pounds(5), "£0.05");
        assert_eq!(pounds(123_450), "£1,234.50");
        assert_eq!(pounds(-2_500), "-£25.00");
    }

    #[test]
    fn months_and_days_are_in_words() {
        let day = NaiveDate::from_ymd_opt(2024, 4, 1).expect("a date");
        assert_eq!(month_year(&day), "April 2024");
        assert_eq!(date(&day), "1 April 2024");
        let last = NaiveDate::from_ymd_opt(2025, 3, 31).expect("a date");
        assert_eq!(date(&last), "31 March 2025");
        assert_eq!(month_year_iso("2024-04").as_deref(), Some("April 2024"));
        assert_eq!(month_year_iso("2025-12").as_deref(), Some("December 2025"));
        for bad in [
            "2024-13",
            "2024-00",
            "2024-4",
            "24-04",
            "April",
            "",
            "2024-04-01",
        ] {
            assert_eq!(month_year_iso(bad), None, "{bad}");
        }
    }
}
