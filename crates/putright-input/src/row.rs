//! One row of the canonical case CSV, parsed into typed values. Every problem in a row is
//! reported (not just the first), each naming its column.

use chrono::NaiveDate;
use putright_domain::values::Handler;
use putright_domain::vocabulary::{
    Channel, ContactKind, Jurisdiction, Outcome, RefusalReason, Tenure,
};
use putright_domain::{Pence, Reference};

/// The columns of the canonical case CSV, as users name them.
pub const COLUMNS: &[&str] = &[
    "reference",
    "kind",
    "received_on",
    "channel",
    "tenure",
    "jurisdiction",
    "service_area",
    "category",
    "description",
    "complainant_name",
    "complainant_email",
    "complainant_phone",
    "address",
    "postcode",
    "property_ref",
    "vulnerability",
    "reasonable_adjustments",
    "refused_on",
    "refusal_reason",
    "s1_acknowledged_on",
    "s1_handler",
    "s1_extended_on",
    "s1_extended_to",
    "s1_extension_reason",
    "s1_extension_good_reason",
    "s1_responded_on",
    "s1_outcome",
    "s1_closed_on",
    "s1_closure_reason",
    "s2_requested_on",
    "s2_refused_on",
    "s2_refusal_reason",
    "s2_acknowledged_on",
    "s2_handler",
    "s2_extended_on",
    "s2_extended_to",
    "s2_extension_reason",
    "s2_extension_good_reason",
    "s2_responded_on",
    "s2_outcome",
    "s2_closed_on",
    "s2_closure_reason",
    "compensation_offered",
    "compensation_paid",
    "responded_on",
];

/// The columns a file must have.
pub const REQUIRED: &[&str] = &["reference", "kind", "received_on"];

/// A problem with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The column the problem is in, as users name it.
    pub column: &'static str,
    /// What is wrong, in words.
    pub message: String,
}

impl FieldError {
    /// A problem with `column`.
    pub fn new(column: &'static str, message: impl Into<String>) -> Self {
        Self {
            column,
            message: message.into(),
        }
    }
}

/// Where each known column is in the file.
#[derive(Debug, Clone)]
pub struct Header {
    positions: Vec<Option<usize>>,
    /// How many columns the header has.
    pub width: usize,
}

impl Header {
    /// Maps the header row; the names are matched without regard to case or surrounding space.
    pub fn parse(names: &[String]) -> Result<Header, Vec<String>> {
        let mut positions = vec![None; COLUMNS.len()];
        let mut problems = Vec::new();
        let mut unnamed = Unnamed::default();
        for (i, raw) in names.iter().enumerate() {
            let name = raw.trim().to_lowercase();
            if !name.is_empty() {
                unnamed.end(&mut problems);
            }
            match COLUMNS.iter().position(|c| *c == name) {
                Some(c) if positions[c].is_some() => problems.push(format!(
                    "row 1, column {}: the column appears twice",
                    raw.trim()
                )),
                Some(c) => positions[c] = Some(i),
                None if name.is_empty() => unnamed.add(i + 1),
                None => problems.push(format!(
                    "row 1, column {}: unknown column (the known columns are {})",
                    raw.trim(),
                    COLUMNS.join(", ")
                )),
            }
        }
        unnamed.end(&mut problems);
        for required in REQUIRED {
            let at = COLUMNS
                .iter()
                .position(|c| c == required)
                .expect("required columns are known");
            if positions[at].is_none() {
                problems.push(format!(
                    "row 1, column {required}: this required column is missing"
                ));
            }
        }
        if problems.is_empty() {
            Ok(Header {
                positions,
                width: names.len(),
            })
        } else {
            Err(problems)
        }
    }

    /// The name of the column at a position, as the file names it.
    pub fn name_at(&self, position: usize) -> &'static str {
        self.positions
            .iter()
            .position(|p| *p == Some(position))
            .map_or("(beyond the header)", |c| COLUMNS[c])
    }

    /// The trimmed text of a column in a row; `None` if the column is absent or the cell blank.
    pub fn get<'a>(&self, fields: &'a [String], column: &str) -> Option<&'a str> {
        let at = COLUMNS.iter().position(|c| *c == column)?;
        let value = fields.get(self.positions[at]?)?.trim();
        (!value.is_empty()).then_some(value)
    }
}

/// A run of columns without a name, told as one problem: a sheet with one cell far to the
/// right has thousands of them.
#[derive(Default)]
struct Unnamed(Option<(usize, usize)>);

impl Unnamed {
    fn add(&mut self, column: usize) {
        self.0 = Some(
            self.0
                .map_or((column, column), |(first, _)| (first, column)),
        );
    }

    fn end(&mut self, problems: &mut Vec<String>) {
        match self.0.take() {
            Some((first, last)) if first == last => {
                problems.push(format!("row 1, column {first}: a column has no name"))
            }
            Some((first, last)) => problems.push(format!(
                "row 1, columns {first} to {last}: these columns have no name"
            )),
            None => {}
        }
    }
}

/// How a stage ended in the file's terms: an outcome, or withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageOutcome {
    /// The stage was answered with this outcome.
    Decided(Outcome),
    /// The resident withdrew the complaint at this stage.
    Withdrawn,
}

/// The stage columns (`s1_...` or `s2_...`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[expect(
    missing_docs,
    reason = "each field is the column of the same name, described in the README's import format"
)]
pub struct StageColumns {
    pub acknowledged_on: Option<NaiveDate>,
    pub handler: Option<Handler>,
    pub extended_on: Option<NaiveDate>,
    pub extended_to: Option<NaiveDate>,
    pub extension_reason: Option<String>,
    pub extension_good_reason: Option<bool>,
    pub responded_on: Option<NaiveDate>,
    pub outcome: Option<StageOutcome>,
    /// The day the landlord ended the stage without a response (Code 2.2), and why.
    pub closed_on: Option<NaiveDate>,
    pub closure_reason: Option<RefusalReason>,
}

impl StageColumns {
    /// Whether none of the stage's columns has a value.
    pub fn is_empty(&self) -> bool {
        *self == StageColumns::default()
    }

    /// The name of the first column of this stage (`s1` or `s2`) that has a value.
    pub fn first_filled(&self, stage: &str) -> Option<&'static str> {
        let filled = [
            ("acknowledged_on", self.acknowledged_on.is_some()),
            ("handler", self.handler.is_some()),
            ("extended_on", self.extended_on.is_some()),
            ("extended_to", self.extended_to.is_some()),
            ("extension_reason", self.extension_reason.is_some()),
            (
                "extension_good_reason",
                self.extension_good_reason.is_some(),
            ),
            ("responded_on", self.responded_on.is_some()),
            ("outcome", self.outcome.is_some()),
            ("closed_on", self.closed_on.is_some()),
            ("closure_reason", self.closure_reason.is_some()),
        ];
        let (name, _) = filled.iter().find(|(_, f)| *f)?;
        let full = format!("{stage}_{name}");
        COLUMNS.iter().find(|c| **c == full).copied()
    }
}

/// The person and the home: personal data, held apart from the events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[expect(
    missing_docs,
    reason = "each field is the column of the same name, described in the README's import format"
)]
pub struct Person {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub property_ref: Option<String>,
}

/// A row, parsed.
#[derive(Debug, Clone)]
#[expect(
    missing_docs,
    reason = "each field is the column of the same name, described in the README's import format"
)]
pub struct CaseLine {
    pub reference: Reference,
    pub kind: ContactKind,
    pub received_on: NaiveDate,
    pub channel: Option<Channel>,
    pub tenure: Option<Tenure>,
    pub jurisdiction: Option<Jurisdiction>,
    pub service_area: Option<String>,
    pub category: Option<String>,
    pub description: Option<String>,
    pub person: Person,
    pub vulnerability: Option<String>,
    pub reasonable_adjustments: Option<String>,
    pub refused_on: Option<NaiveDate>,
    pub refusal_reason: Option<RefusalReason>,
    pub s1: StageColumns,
    pub s2_requested_on: Option<NaiveDate>,
    pub s2_refused_on: Option<NaiveDate>,
    pub s2_refusal_reason: Option<RefusalReason>,
    pub s2: StageColumns,
    pub compensation_offered: Option<Pence>,
    pub compensation_paid: Option<Pence>,
    pub responded_on: Option<NaiveDate>,
}

/// Collects the problems of one row while its fields are parsed.
struct Fields<'a> {
    header: &'a Header,
    fields: &'a [String],
    errors: Vec<FieldError>,
}

impl<'a> Fields<'a> {
    fn text(&self, column: &'static str) -> Option<String> {
        self.header.get(self.fields, column).map(str::to_owned)
    }

    fn parsed<T>(
        &mut self,
        column: &'static str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let raw = self.header.get(self.fields, column)?;
        match parse(raw) {
            Ok(v) => Some(v),
            Err(message) => {
                self.errors.push(FieldError::new(column, message));
                None
            }
        }
    }

    fn date(&mut self, column: &'static str) -> Option<NaiveDate> {
        self.parsed(column, parse_date)
    }

    fn stage(&mut self, prefix: &'static str) -> StageColumns {
        let col = |name: &str| -> &'static str {
            COLUMNS
                .iter()
                .find(|c| c.strip_prefix(prefix) == Some(name))
                .copied()
                .expect("stage columns exist for both stages")
        };
        StageColumns {
            acknowledged_on: self.date(col("acknowledged_on")),
            handler: self.parsed(col("handler"), |s| Handler::parse(s).map_err(|e| e.0)),
            extended_on: self.date(col("extended_on")),
            extended_to: self.date(col("extended_to")),
            extension_reason: self.text(col("extension_reason")),
            extension_good_reason: self.parsed(col("extension_good_reason"), parse_bool),
            responded_on: self.date(col("responded_on")),
            outcome: self.parsed(col("outcome"), parse_outcome),
            closed_on: self.date(col("closed_on")),
            closure_reason: self.parsed(col("closure_reason"), |s| {
                RefusalReason::parse(s).map_err(|e| e.0)
            }),
        }
    }
}

impl CaseLine {
    /// Parses a row, or says everything that is wrong with it.
    pub fn parse(header: &Header, fields: &[String]) -> Result<CaseLine, Vec<FieldError>> {
        let mut f = Fields {
            header,
            fields,
            errors: Vec::new(),
        };
        if fields.len() != header.width {
            // Name the first column the row does not reach, or the first extra one.
            let column = header.name_at(fields.len().min(header.width));
            f.errors.push(FieldError::new(
                column,
                format!(
                    "the row has {} fields but the header has {}",
                    fields.len(),
                    header.width
                ),
            ));
            return Err(f.errors);
        }
        let reference = match header.get(fields, "reference") {
            None => {
                f.errors
                    .push(FieldError::new("reference", "a reference is required"));
                None
            }
            Some(raw) => f.parsed("reference", |_| Reference::parse(raw).map_err(|e| e.0)),
        };
        let kind = match header.get(fields, "kind") {
            None => {
                f.errors.push(FieldError::new("kind", "a kind is required"));
                None
            }
            Some(_) => f.parsed("kind", |s| ContactKind::parse(s).map_err(|e| e.0)),
        };
        let received_on = match header.get(fields, "received_on") {
            None => {
                f.errors.push(FieldError::new(
                    "received_on",
                    "the date received is required",
                ));
                None
            }
            Some(_) => f.date("received_on"),
        };
        let line_parsed = CaseLine {
            reference: Reference::parse("x").expect("a placeholder reference is valid"),
            kind: ContactKind::Comment,
            received_on: NaiveDate::MIN,
            channel: f.parsed("channel", |s| Channel::parse(s).map_err(|e| e.0)),
            tenure: f.parsed("tenure", |s| Tenure::parse(s).map_err(|e| e.0)),
            jurisdiction: f.parsed("jurisdiction", |s| Jurisdiction::parse(s).map_err(|e| e.0)),
            service_area: f.text("service_area"),
            category: f.text("category"),
            description: f.text("description"),
            person: Person {
                name: f.text("complainant_name"),
                email: f.text("complainant_email"),
                phone: f.text("complainant_phone"),
                address: f.text("address"),
                postcode: f.text("postcode"),
                property_ref: f.text("property_ref"),
            },
            vulnerability: f.text("vulnerability"),
            reasonable_adjustments: f.text("reasonable_adjustments"),
            refused_on: f.date("refused_on"),
            refusal_reason: f.parsed("refusal_reason", |s| {
                RefusalReason::parse(s).map_err(|e| e.0)
            }),
            s1: f.stage("s1_"),
            s2_requested_on: f.date("s2_requested_on"),
            s2_refused_on: f.date("s2_refused_on"),
            s2_refusal_reason: f.parsed("s2_refusal_reason", |s| {
                RefusalReason::parse(s).map_err(|e| e.0)
            }),
            s2: f.stage("s2_"),
            compensation_offered: f
                .parsed("compensation_offered", |s| Pence::parse(s).map_err(|e| e.0)),
            compensation_paid: f.parsed("compensation_paid", |s| Pence::parse(s).map_err(|e| e.0)),
            responded_on: f.date("responded_on"),
        };
        match (reference, kind, received_on, f.errors.is_empty()) {
            (Some(reference), Some(kind), Some(received_on), true) => Ok(CaseLine {
                reference,
                kind,
                received_on,
                ..line_parsed
            }),
            _ => Err(f.errors),
        }
    }
}

/// `YYYY-MM-DD` or `DD/MM/YYYY` (UK order; one-digit day and month allowed).
pub fn parse_date(raw: &str) -> Result<NaiveDate, String> {
    let bad = || format!("\"{raw}\" is not a date (use YYYY-MM-DD or DD/MM/YYYY)");
    if raw.contains('/') {
        let parts: Vec<&str> = raw.split('/').collect();
        let [day, month, year] = parts[..] else {
            return Err(bad());
        };
        if year.len() != 4 {
            return Err(bad());
        }
        let (d, m, y) = (
            day.parse().map_err(|_| bad())?,
            month.parse().map_err(|_| bad())?,
            year.parse().map_err(|_| bad())?,
        );
        return NaiveDate::from_ymd_opt(y, m, d)
            .ok_or_else(|| format!("\"{raw}\" is not a real date"));
    }
    if raw.len() != 10 {
        return Err(bad());
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| {
        if raw.as_bytes().get(4) == Some(&b'-') && raw.as_bytes().get(7) == Some(&b'-') {
            format!("\"{raw}\" is not a real date")
        } else {
            bad()
        }
    })
}

/// true/false, yes/no, 1/0, any case.
pub fn parse_bool(raw: &str) -> Result<bool, String> {
    match raw.to_lowercase().as_str() {
        "true" | "yes" | "1" => Ok(true),
        "false" | "no" | "0" => Ok(false),
        _ => Err(format!("\"{raw}\" is not true/false, yes/no or 1/0")),
    }
}

fn parse_outcome(raw: &str) -> Result<StageOutcome, String> {
    if putright_domain::vocabulary::normalise(raw) == "withdrawn" {
        return Ok(StageOutcome::Withdrawn);
    }
    Outcome::parse(raw)
        .map(StageOutcome::Decided)
        .map_err(|_| format!("\"{raw}\" is not a known outcome: expected one of upheld, partially_upheld, not_upheld, withdrawn"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_forms() {
        assert_eq!(parse_date("2024-05-01").unwrap().to_string(), "2024-05-01");
        assert_eq!(parse_date("1/5/2024").unwrap().to_string(), "2024-05-01");
        assert_eq!(
            parse_date("31/02/2024").unwrap_err(),
            "\"31/02/2024\" is not a real date"
        );
        assert_eq!(
            parse_date("2024-02-30").unwrap_err(),
            "\"2024-02-30\" is not a real date"
        );
        assert_eq!(
            parse_date("May 1st").unwrap_err(),
            "\"May 1st\" is not a date (use YYYY-MM-DD or DD/MM/YYYY)"
        );
        assert!(parse_date("01/05/24").is_err());
    }

    #[test]
    fn the_header_is_matched_without_regard_to_case_and_names_what_is_wrong() {
        let names: Vec<String> = ["Reference", " KIND ", "received_on", "colour", "kind"]
            .map(String::from)
            .to_vec();
        let problems = Header::parse(&names).unwrap_err();
        assert_eq!(problems.len(), 2);
        assert!(problems[0].starts_with("row 1, column colour: unknown column"));
        assert_eq!(problems[1], "row 1, column kind: the column appears twice");
        let names: Vec<String> = ["kind", "received_on"].map(String::from).to_vec();
        assert_eq!(
            Header::parse(&names).unwrap_err(),
            vec!["row 1, column reference: this required column is missing"]
        );
    }

    #[test]
    fn a_run_of_unnamed_columns_is_one_problem() {
        let mut names: Vec<String> = ["reference", "", "kind", "received_on"]
            .map(String::from)
            .to_vec();
        names.resize(16_384, String::new());
        assert_eq!(
            Header::parse(&names).unwrap_err(),
            vec![
                "row 1, column 2: a column has no name",
                "row 1, columns 5 to 16384: these columns have no name",
            ]
        );
    }
}
