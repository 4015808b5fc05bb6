//! Personal data as a case holds it: apart from the events, which refer to each piece by id
//! ([`crate::values::PersonalRef`]), so that erasing it leaves the history and the counts the
//! reports need.

/// A piece of personal data, referenced from events by its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonalRecord {
    /// The id events refer to it by.
    pub id: String,
    /// What it is: `complainant`, `description`, `explanation`, `note`, ...
    pub category: String,
    /// Special category data (vulnerability, disability): shown only to those who need it.
    pub restricted: bool,
    /// The data itself; empty if no value is held.
    pub value: String,
}
