//! Form fields as data: what each question page asks, so one template ([`Field`] rendered by
//! `templates/fields.html`) draws every form in the GOV.UK Design System's components (text
//! input, textarea, date input, select, radios, checkboxes) with its label, hint, error
//! message and what the user typed. [`Answers`] is a posted form as pairs, and reads each kind
//! of answer back, adding a GOV.UK error message to [`Errors`] when one is wrong or missing.

use chrono::NaiveDate;
pub use putright_app::input::form::{Answers, capitalised};

use crate::forms::Errors;

/// A choice in a select, radios or checkboxes.
#[derive(Debug, Clone)]
pub struct Item {
    /// Its value.
    pub value: String,
    /// What it says.
    pub label: String,
    /// Whether it is chosen.
    pub chosen: bool,
}

/// What kind of question a field is.
#[derive(Debug, Clone)]
pub enum Kind {
    /// One line of text; `width` is a GOV.UK input width class suffix, or empty.
    Text { value: String, width: &'static str },
    /// Several lines of text.
    Area { value: String },
    /// A day, month and year.
    Date {
        day: String,
        month: String,
        year: String,
    },
    /// Money, in pounds.
    Money { value: String },
    /// One of a list, in a select.
    Select { options: Vec<Item> },
    /// One of a few, as radios.
    Radios { options: Vec<Item> },
    /// Any of a list, as checkboxes.
    Checks { options: Vec<Item> },
}

/// One question on a form.
#[derive(Debug, Clone)]
pub struct Field {
    /// Its name in the form, and the id the error summary links to (for a date, its day).
    pub id: &'static str,
    /// The question.
    pub label: String,
    /// Help under the question, or empty.
    pub hint: String,
    /// What kind of question it is, with what the user typed or chose.
    pub kind: Kind,
    /// What is wrong with the answer, if anything.
    pub error: Option<String>,
    /// Whether the question is the page's heading (a page that asks one thing).
    pub heading: bool,
    /// What the browser may fill it with (WCAG 1.3.5), e.g. `email`; empty for nothing.
    pub autocomplete: &'static str,
}

/// Builds fields, filling each with what was posted and its error.
pub struct Builder<'a> {
    answers: &'a Answers,
    errors: &'a Errors,
    /// The fields built so far.
    pub fields: Vec<Field>,
}

impl<'a> Builder<'a> {
    /// A builder over a posted form (empty for a fresh one) and its errors.
    pub fn new(answers: &'a Answers, errors: &'a Errors) -> Self {
        Builder {
            answers,
            errors,
            fields: Vec::new(),
        }
    }

    fn push(&mut self, id: &'static str, label: &str, hint: &str, kind: Kind) -> &mut Self {
        let anchor = match kind {
            Kind::Date { .. } => format!("{id}-day"),
            _ => id.to_owned(),
        };
        self.fields.push(Field {
            id,
            label: label.to_owned(),
            hint: hint.to_owned(),
            error: self.errors.get(&anchor).map(str::to_owned),
            kind,
            heading: false,
            autocomplete: "",
        });
        self
    }

    /// Says what the browser may fill the question last added with (WCAG 1.3.5).
    pub fn autocomplete(&mut self, purpose: &'static str) -> &mut Self {
        if let Some(field) = self.fields.last_mut() {
            field.autocomplete = purpose;
        }
        self
    }

    /// Makes the question last added the page's heading, as on a page that asks one thing.
    pub fn heading(&mut self) -> &mut Self {
        if let Some(field) = self.fields.last_mut() {
            field.heading = true;
        }
        self
    }

    /// A line of text.
    pub fn text(
        &mut self,
        id: &'static str,
        label: &str,
        hint: &str,
        width: &'static str,
    ) -> &mut Self {
        self.text_or(id, label, hint, width, "")
    }

    /// A line of text, holding `default` until something is posted.
    pub fn text_or(
        &mut self,
        id: &'static str,
        label: &str,
        hint: &str,
        width: &'static str,
        default: &str,
    ) -> &mut Self {
        let value = if self.answers.0.is_empty() {
            default.to_owned()
        } else {
            self.answers.get(id).to_owned()
        };
        self.push(id, label, hint, Kind::Text { value, width })
    }

    /// Several lines of text.
    pub fn area(&mut self, id: &'static str, label: &str, hint: &str) -> &mut Self {
        let value = self.answers.get(id).to_owned();
        self.push(id, label, hint, Kind::Area { value })
    }

    /// A date, defaulting to `default` when nothing was posted.
    pub fn date(
        &mut self,
        id: &'static str,
        label: &str,
        hint: &str,
        default: Option<NaiveDate>,
    ) -> &mut Self {
        let part = |p: &str| self.answers.get(&format!("{id}-{p}")).to_owned();
        let (mut day, mut month, mut year) = (part("day"), part("month"), part("year"));
        if self.answers.0.is_empty()
            && let Some(d) = default
        {
            use chrono::Datelike;
            (day, month, year) = (
                d.day().to_string(),
                d.month().to_string(),
                d.year().to_string(),
            );
        }
        self.push(id, label, hint, Kind::Date { day, month, year })
    }

    /// Money.
    pub fn money(&mut self, id: &'static str, label: &str, hint: &str) -> &mut Self {
        let value = self.answers.get(id).to_owned();
        self.push(id, label, hint, Kind::Money { value })
    }

    fn options(&self, id: &str, choices: &[(&str, String)], default: &str) -> Vec<Item> {
        let chosen: Vec<&str> = if self.answers.0.is_empty() {
            vec![default]
        } else {
            self.answers.all(id)
        };
        choices
            .iter()
            .map(|(value, label)| Item {
                value: (*value).to_owned(),
                label: label.clone(),
                chosen: chosen.contains(value),
            })
            .collect()
    }

    /// A select.
    pub fn select(
        &mut self,
        id: &'static str,
        label: &str,
        hint: &str,
        choices: &[(&str, String)],
        default: &str,
    ) -> &mut Self {
        let options = self.options(id, choices, default);
        self.push(id, label, hint, Kind::Select { options })
    }

    /// Radios.
    pub fn radios(
        &mut self,
        id: &'static str,
        label: &str,
        hint: &str,
        choices: &[(&str, String)],
        default: &str,
    ) -> &mut Self {
        let options = self.options(id, choices, default);
        self.push(id, label, hint, Kind::Radios { options })
    }

    /// Yes or no, as radios.
    pub fn yes_no(&mut self, id: &'static str, label: &str, hint: &str) -> &mut Self {
        let choices = [("yes", "Yes".to_owned()), ("no", "No".to_owned())];
        self.radios(id, label, hint, &choices, "")
    }

    /// Checkboxes.
    pub fn checks(
        &mut self,
        id: &'static str,
        label: &str,
        hint: &str,
        choices: &[(&str, String)],
    ) -> &mut Self {
        let options = self.options(id, choices, "");
        self.push(id, label, hint, Kind::Checks { options })
    }
}
