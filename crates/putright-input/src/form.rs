//! A posted form's answers, read back as typed values the way GOV.UK services do: each reader
//! adds an error message in the Design System's words to [`Errors`] when an answer is wrong or
//! missing, and every field's error is kept (not just the first), in the order of the page.
//!
//! The staff app and the resident portal read their forms with it, and the API lays a JSON
//! body's fields over the same pairs, so all three give the same answer to the same input.

use chrono::NaiveDate;
use putright_domain::values::{Handler, Pence};

/// One field's error: the field's id (the summary links to it) and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The id of the input the message is about.
    pub field: String,
    /// What is wrong and how to put it right, as GOV.UK words error messages.
    pub message: String,
}

/// The errors of one submission, in the order of the fields on the page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Errors {
    /// Each error.
    pub items: Vec<FieldError>,
}

impl Errors {
    /// Adds an error for a field.
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.items.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The message for a field, if it has one (the first, if several).
    pub fn get(&self, field: &str) -> Option<&str> {
        self.items
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

/// A posted form, as its pairs in order (checkboxes repeat their name).
#[derive(Debug, Clone, Default)]
pub struct Answers(pub Vec<(String, String)>);

impl Answers {
    /// The first value posted under `name`, or empty.
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value posted under `name`.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Text that must be given.
    pub fn text(&self, name: &'static str, missing: &str, errors: &mut Errors) -> String {
        let value = self.get(name).trim();
        if value.is_empty() {
            errors.add(name, missing);
        } else if value.chars().count() > 10_000 {
            errors.add(name, "This must be 10,000 characters or fewer");
        }
        value.to_owned()
    }

    /// Text that may be left out.
    pub fn optional(&self, name: &str) -> Option<String> {
        let value = self.get(name).trim();
        (!value.is_empty()).then(|| value.chars().take(10_000).collect())
    }

    /// A date from its day, month and year, which must be given, and not after `today`
    /// unless `future` allows it.
    pub fn date(
        &self,
        name: &'static str,
        what: &str,
        today: NaiveDate,
        future: bool,
        errors: &mut Errors,
    ) -> Option<NaiveDate> {
        let part = |p: &str| self.get(&format!("{name}-{p}")).trim().to_owned();
        let (day, month, year) = (part("day"), part("month"), part("year"));
        let anchor = format!("{name}-day");
        if day.is_empty() && month.is_empty() && year.is_empty() {
            errors.add(anchor, format!("Enter {what}"));
            return None;
        }
        let parsed = match (
            day.parse::<u32>(),
            month.parse::<u32>(),
            year.parse::<i32>(),
        ) {
            (Ok(d), Ok(m), Ok(y)) if (1900..=2999).contains(&y) => NaiveDate::from_ymd_opt(y, m, d),
            _ => None,
        };
        let Some(date) = parsed else {
            let what = capitalised(what);
            errors.add(
                anchor,
                format!("{what} must be a real date, with the year in 4 digits"),
            );
            return None;
        };
        if !future && date > today {
            errors.add(
                anchor,
                format!("{} must be today or in the past", capitalised(what)),
            );
            return None;
        }
        Some(date)
    }

    /// Money in pounds, if given.
    pub fn money(&self, name: &'static str, errors: &mut Errors) -> Option<Pence> {
        let raw = self.get(name).trim();
        if raw.is_empty() {
            return None;
        }
        match Pence::parse(raw) {
            Ok(p) => Some(p),
            Err(_) => {
                errors.add(name, "Enter an amount in pounds, like 250 or 250.50");
                None
            }
        }
    }

    /// A handler's name or username, which must be given.
    pub fn handler(
        &self,
        name: &'static str,
        missing: &str,
        errors: &mut Errors,
    ) -> Option<Handler> {
        let raw = self.text(name, missing, errors);
        Handler::parse(&raw).ok()
    }

    /// One of a closed list, which must be chosen.
    pub fn choice<T>(
        &self,
        name: &'static str,
        missing: &str,
        parse: impl Fn(&str) -> Option<T>,
        errors: &mut Errors,
    ) -> Option<T> {
        let raw = self.get(name).trim();
        let value = parse(raw);
        if value.is_none() {
            errors.add(name, missing);
        }
        value
    }

    /// Yes or no, which must be answered.
    pub fn yes_no(&self, name: &'static str, missing: &str, errors: &mut Errors) -> bool {
        match self.get(name) {
            "yes" => true,
            "no" => false,
            _ => {
                errors.add(name, missing);
                false
            }
        }
    }
}

/// The first letter in capitals.
pub fn capitalised(message: &str) -> String {
    let mut chars = message.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
