//! Small value types with private fields and a `parse` constructor, so an invalid value cannot
//! exist past the edge of the system.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why a value could not be parsed; the message is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{0}")]
pub struct ParseError(pub String);

/// A case's unique reference, as the landlord writes it (e.g. `CMP-2024-00123`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Reference(String);

impl Reference {
    /// The longest reference accepted, in characters.
    pub const MAX_LEN: usize = 64;

    /// Trimmed; 1 to 64 characters of letters, digits and `- _ / .`.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(ParseError("a reference cannot be empty".into()));
        }
        if value.chars().count() > Self::MAX_LEN {
            return Err(ParseError(format!(
                "the reference \"{value}\" is longer than {} characters",
                Self::MAX_LEN
            )));
        }
        if let Some(bad) = value
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '.')))
        {
            return Err(ParseError(format!(
                "the reference \"{value}\" contains {bad:?}: use letters, digits and - _ / . only"
            )));
        }
        Ok(Self(value.to_owned()))
    }

    /// The reference as the landlord wrote it, trimmed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Reference {
    type Err = ParseError;
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        Self::parse(raw)
    }
}

impl TryFrom<String> for Reference {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Reference> for String {
    fn from(value: Reference) -> Self {
        value.0
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A count of working days (see [`crate::calendar`]).
///
/// Stored as a bare number; reading one back checks it as [`WorkingDays::parse`] does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u16")]
pub struct WorkingDays(u16);

impl WorkingDays {
    /// The most a landlord may configure or ask the clock to add: about four years.
    pub const MAX: u16 = 1000;

    /// A number of working days known at compile time to be valid.
    pub const fn new(n: u16) -> Self {
        assert!(n <= Self::MAX);
        Self(n)
    }

    /// A whole number from 0 to [`WorkingDays::MAX`], as typed by a person or in a file.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let n: u16 = raw.trim().parse().map_err(|_| {
            ParseError(format!(
                "\"{}\" is not a whole number of working days",
                raw.trim()
            ))
        })?;
        Self::try_from(n)
    }

    /// The number of working days.
    pub const fn get(self) -> u16 {
        self.0
    }
}

/// Checks the bound [`WorkingDays::parse`] checks; stored events are read through this.
impl TryFrom<u16> for WorkingDays {
    type Error = ParseError;
    fn try_from(n: u16) -> Result<Self, Self::Error> {
        if n > Self::MAX {
            return Err(ParseError(format!(
                "{n} working days is more than the {} allowed",
                Self::MAX
            )));
        }
        Ok(Self(n))
    }
}

impl fmt::Display for WorkingDays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} working days", self.0)
    }
}

/// An amount of money in pence, never negative, held exactly.
///
/// Stored as a bare number of pence; reading one back checks it as [`Pence::from_pence`] does.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(try_from = "i64")]
pub struct Pence(i64);

impl Pence {
    /// No money.
    pub const ZERO: Pence = Pence(0);

    /// An amount already in pence, refused if negative.
    pub fn from_pence(pence: i64) -> Result<Self, ParseError> {
        if pence < 0 {
            return Err(ParseError(format!("{pence} pence is negative")));
        }
        Ok(Self(pence))
    }

    /// Pounds as written by people: `250`, `250.00`, `£1,250.50`, `250.5`.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let bad = || {
            ParseError(format!(
                "\"{}\" is not an amount in pounds (e.g. 250, 250.00 or £1,250.50)",
                raw.trim()
            ))
        };
        let text = raw.trim();
        let text = text.strip_prefix('£').unwrap_or(text).trim();
        let (pounds, pennies) = match text.split_once('.') {
            Some((p, f)) => (p, f),
            None => (text, ""),
        };
        if pounds.is_empty() || pennies.len() > 2 || !pennies.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        if !valid_thousands(pounds) {
            return Err(bad());
        }
        let whole: i64 = pounds.replace(',', "").parse().map_err(|_| bad())?;
        let fraction: i64 = match pennies.len() {
            0 => 0,
            1 => pennies.parse::<i64>().map_err(|_| bad())? * 10,
            _ => pennies.parse().map_err(|_| bad())?,
        };
        whole
            .checked_mul(100)
            .and_then(|p| p.checked_add(fraction))
            .map(Self)
            .ok_or_else(bad)
    }

    /// The amount in pence.
    pub const fn get(self) -> i64 {
        self.0
    }

    /// The sum of two amounts, or `None` if it would not fit.
    pub fn checked_add(self, other: Pence) -> Option<Pence> {
        self.0.checked_add(other.0).map(Pence)
    }
}

impl TryFrom<i64> for Pence {
    type Error = ParseError;
    fn try_from(pence: i64) -> Result<Self, Self::Error> {
        Self::from_pence(pence)
    }
}

/// Digits, optionally grouped in threes by commas (`1250` or `1,250`, never `12,50`).
fn valid_thousands(pounds: &str) -> bool {
    if !pounds.contains(',') {
        return pounds.chars().all(|c| c.is_ascii_digit());
    }
    let mut groups = pounds.split(',');
    let first = groups.next().unwrap_or_default();
    (1..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

impl fmt::Display for Pence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "£{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

/// The member of staff handling a stage, by their login or staff identifier.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Handler(String);

impl Handler {
    /// Trimmed; anything but blank.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(ParseError("a handler cannot be blank".into()));
        }
        Ok(Self(value.to_owned()))
    }

    /// The handler as written, trimmed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Two handlers are the same person whatever the case or spacing they were typed with.
    pub fn same_person(&self, other: &Handler) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl TryFrom<String> for Handler {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Handler> for String {
    fn from(value: Handler) -> Self {
        value.0
    }
}

/// A web address people can follow: `http://` or `https://` (either case), a host, and no
/// spaces. A link to anything else (`javascript:`, `file:`, a bare name) is refused, since the
/// published report turns it into a link its readers will follow.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WebAddress(String);

impl WebAddress {
    /// Trimmed; `http://` or `https://`, then a host, with no spaces or control characters.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let value = raw.trim();
        let refuse = |why: &str| ParseError(format!("\"{value}\" is not a web address: {why}"));
        let lower = value.to_ascii_lowercase();
        let rest = ["https://", "http://"]
            .iter()
            .find_map(|scheme| lower.strip_prefix(scheme))
            .ok_or_else(|| refuse("it must start http:// or https://"))?;
        if let Some(c) = value.chars().find(|c| c.is_whitespace() || c.is_control()) {
            return Err(refuse(&format!("it contains {c:?}")));
        }
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if host.is_empty() {
            return Err(refuse("it names no site after the //"));
        }
        Ok(Self(value.to_owned()))
    }

    /// The address as given, trimmed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for WebAddress {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<WebAddress> for String {
    fn from(value: WebAddress) -> Self {
        value.0
    }
}

impl fmt::Display for WebAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A pointer to personal data held outside the immutable event log (names, contact details,
/// free text about a person), so it can be erased without rewriting history.
///
/// Stored as a bare string (the id); the field is private so that only [`PersonalRef::new`]
/// makes one and nothing reads meaning into the id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PersonalRef(String);

impl PersonalRef {
    /// A pointer to the personal record with this id. The id is issued by the store layer, or
    /// derived from a case reference and a field name; either way it is opaque here.
    pub fn new(id: impl Into<String>) -> PersonalRef {
        Self(id.into())
    }

    /// The id of the personal record, to look it up or erase it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pence_accepts_the_ways_people_write_pounds() {
        for (raw, pence) in [
            ("250", 25000),
            ("250.00", 25000),
            ("£1,250.50", 125050),
            (" 0.5 ", 50),
            ("£ 12", 1200),
            ("1,000,000", 100_000_000),
        ] {
            assert_eq!(Pence::parse(raw).unwrap().get(), pence, "{raw}");
        }
    }

    #[test]
    fn pence_rejects_what_is_not_money() {
        for raw in [
            "",
            "-5",
            "12,50",
            "1.234",
            "£",
            "abc",
            "1,2345",
            "99999999999999999999",
        ] {
            let err = Pence::parse(raw).unwrap_err();
            assert!(err.0.contains("is not an amount in pounds"), "{raw}: {err}");
        }
    }

    #[test]
    fn web_addresses_are_http_or_https_with_a_site() {
        let ok = WebAddress::parse(" https://www.housing-ombudsman.org.uk/report.pdf ").unwrap();
        assert_eq!(
            ok.as_str(),
            "https://www.housing-ombudsman.org.uk/report.pdf"
        );
        assert!(WebAddress::parse("HTTP://example.org").is_ok());
        for (raw, why) in [
            ("ftp://example.org/x", "it must start http:// or https://"),
            ("javascript:alert(1)", "it must start http:// or https://"),
            ("www.example.org", "it must start http:// or https://"),
            ("", "it must start http:// or https://"),
            ("https://", "it names no site after the //"),
            ("https:///path", "it names no site after the //"),
            ("https://example.org/a b", "it contains ' '"),
        ] {
            let err = WebAddress::parse(raw).unwrap_err();
            assert_eq!(
                err.0,
                format!("\"{}\" is not a web address: {why}", raw.trim()),
                "{raw}"
            );
        }
    }

    #[test]
    fn references_are_trimmed_and_checked() {
        assert_eq!(Reference::parse("  CMP-1 ").unwrap().as_str(), "CMP-1");
        assert!(Reference::parse("").is_err());
        assert!(
            Reference::parse("CMP 1")
                .unwrap_err()
                .0
                .contains("contains ' '")
        );
    }

    #[test]
    fn working_days_are_bounded() {
        assert_eq!(WorkingDays::parse("10").unwrap().get(), 10);
        assert!(WorkingDays::parse("-1").is_err());
        assert!(WorkingDays::parse("1001").is_err());
    }

    #[test]
    fn stored_amounts_are_checked_and_keep_their_form() {
        let err = serde_json::from_str::<Pence>("-1").unwrap_err();
        assert!(err.to_string().contains("-1 pence is negative"), "{err}");
        for text in ["0", "125050"] {
            let pence: Pence = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&pence).unwrap(), text);
        }
    }

    #[test]
    fn stored_working_days_are_checked_and_keep_their_form() {
        let err = serde_json::from_str::<WorkingDays>("1001").unwrap_err();
        assert!(
            err.to_string()
                .contains("1001 working days is more than the 1000 allowed"),
            "{err}"
        );
        assert!(serde_json::from_str::<WorkingDays>("-1").is_err());
        for text in ["0", "20", "1000"] {
            let days: WorkingDays = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&days).unwrap(), text);
        }
    }

    #[test]
    fn personal_refs_are_stored_as_bare_strings() {
        let id = PersonalRef::new("CMP-1/complainant");
        assert_eq!(id.as_str(), "CMP-1/complainant");
        let text = serde_json::to_string(&id).unwrap();
        assert_eq!(text, "\"CMP-1/complainant\"");
        assert_eq!(serde_json::from_str::<PersonalRef>(&text).unwrap(), id);
    }

    #[test]
    fn references_parse_with_from_str() {
        let reference: Reference = " CMP-1 ".parse().unwrap();
        assert_eq!(reference, Reference::parse("CMP-1").unwrap());
        assert_eq!(
            "CMP 1".parse::<Reference>().unwrap_err(),
            Reference::parse("CMP 1").unwrap_err()
        );
    }
}
