//! Typed command-line values: each parser turns what the user typed into a domain value or
//! says, in the words the command line has always used, why it is not one. [`super::run`] puts
//! the argument's name in front, so every such error is one line naming the argument.

use chrono::NaiveDate;
use clap::ValueEnum;
use putright_app::domain::account::Username;
use putright_app::domain::ombudsman::ReportTitle;
use putright_app::domain::period::{FinancialYear, Period};
use putright_app::domain::values::WebAddress;
use putright_app::domain::vocabulary::{OrderKind, Role};
use putright_app::domain::{Reference, WorkingDays};
use putright_app::report::publish::{AnnualFormat, PageFormat};
use putright_app::settings::PublicationThreshold;

/// A day as `YYYY-MM-DD`.
pub fn date(raw: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| format!("\"{raw}\" is not a date in the form YYYY-MM-DD"))
}

/// A calendar year such as `2025`.
pub fn calendar_year(raw: &str) -> Result<i32, String> {
    raw.trim()
        .parse()
        .ok()
        .filter(|y| (1900..=2200).contains(y))
        .ok_or_else(|| format!("\"{raw}\" is not a calendar year such as 2025"))
}

/// A financial year such as `2024/25`.
pub fn year(raw: &str) -> Result<FinancialYear, String> {
    FinancialYear::parse(raw).map_err(|e| e.to_string())
}

/// A quarter such as `2024/25-Q3`.
pub fn quarter(raw: &str) -> Result<Period, String> {
    Period::parse_quarter(raw).map_err(|e| e.to_string())
}

/// A number of working days.
pub fn working_days(raw: &str) -> Result<WorkingDays, String> {
    WorkingDays::parse(raw).map_err(|e| e.to_string())
}

/// A count such as a number of homes: a whole number, commas allowed ("6,546").
pub fn count(raw: &str) -> Result<i64, String> {
    raw.trim()
        .replace(',', "")
        .parse::<u32>()
        .map(i64::from)
        .map_err(|_| format!("\"{raw}\" is not a whole number"))
}

/// A case reference.
pub fn reference(raw: &str) -> Result<Reference, String> {
    Reference::parse(raw).map_err(|e| e.to_string())
}

/// A kind of Ombudsman order.
pub fn order_kind(raw: &str) -> Result<OrderKind, String> {
    OrderKind::parse(raw).map_err(|e| e.0)
}

/// A user's role.
pub fn role(raw: &str) -> Result<Role, String> {
    Role::parse(raw).map_err(|e| e.0)
}

/// A username: lower-case letters, digits, '.', '-' and '_'.
pub fn username(raw: &str) -> Result<Username, String> {
    Username::parse(raw).map_err(|e| e.0)
}

/// An Ombudsman report's number, as it was given when the report was added: 1 or more.
pub fn report_number(raw: &str) -> Result<i64, String> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| format!("\"{raw}\" is not a report number (see ombudsman-reports list)"))
}

/// The title of an Ombudsman report: anything but blank.
pub fn report_title(raw: &str) -> Result<ReportTitle, String> {
    ReportTitle::parse(raw).map_err(|e| e.0)
}

/// A web address: http:// or https://.
pub fn web_address(raw: &str) -> Result<WebAddress, String> {
    WebAddress::parse(raw).map_err(|e| e.0)
}

/// The publication threshold.
pub fn threshold(raw: &str) -> Result<PublicationThreshold, String> {
    PublicationThreshold::parse(raw)
}

/// How `report tsm`, `report stats` and `report ombudsman` are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// Printed as JSON (or written to -o).
    Json,
    /// One sheet per table.
    Xlsx,
    /// One file per table, in the directory given with -o.
    Csv,
}

/// How the annual report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnnualFormatArg {
    /// The report.
    Html,
    /// The same for Word.
    Docx,
    /// The same as a tagged, accessible PDF.
    Pdf,
    /// Its tables, one sheet each.
    Xlsx,
}

impl From<AnnualFormatArg> for AnnualFormat {
    fn from(format: AnnualFormatArg) -> Self {
        match format {
            AnnualFormatArg::Html => AnnualFormat::Html,
            AnnualFormatArg::Docx => AnnualFormat::Docx,
            AnnualFormatArg::Pdf => AnnualFormat::Pdf,
            AnnualFormatArg::Xlsx => AnnualFormat::Xlsx,
        }
    }
}

/// How the quarterly report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuarterlyFormat {
    /// The document as JSON.
    Json,
    /// The report page.
    Html,
    /// The same for Word.
    Docx,
    /// The same as a tagged, accessible PDF.
    Pdf,
}

impl QuarterlyFormat {
    /// The page format, or `None` for JSON.
    pub fn page(self) -> Option<PageFormat> {
        match self {
            QuarterlyFormat::Json => None,
            QuarterlyFormat::Html => Some(PageFormat::Html),
            QuarterlyFormat::Docx => Some(PageFormat::Docx),
            QuarterlyFormat::Pdf => Some(PageFormat::Pdf),
        }
    }
}

/// A format's name as the user types it.
pub fn name(value: impl ValueEnum) -> String {
    value
        .to_possible_value()
        .map(|v| v.get_name().to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_refused_in_the_command_lines_words() {
        assert_eq!(
            date("2024-02-30").unwrap_err(),
            "\"2024-02-30\" is not a date in the form YYYY-MM-DD"
        );
        assert_eq!(count("6,546"), Ok(6546));
        assert_eq!(count("many").unwrap_err(), "\"many\" is not a whole number");
        assert!(year("2024/25").is_ok());
        assert!(quarter("2024/25-Q5").is_err());
    }
}
