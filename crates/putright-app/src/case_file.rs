//! One case as the staff app's case page shows it: the case sheet (stages, deadlines, working
//! days left, the timeline with its breaches) and the personal data staff need to handle it:
//! the complainant's name and contact details, and the description. Restricted data
//! (vulnerabilities, reasonable adjustments) is not read here: showing it comes with the
//! audit trail of who viewed it. The timeline's notes, correspondence and amendments come
//! with their words.

use std::collections::HashMap;

use chrono::NaiveDate;
use putright_domain::event::Amendment;
use putright_domain::{Event, Reference};
use putright_store::Store;
use serde::Deserialize;

use crate::case_sheet::CaseSheet;
use crate::casebook::Casebook;
use crate::error::AppError;

/// The complainant's details as recorded; each may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct Complainant {
    /// Their name.
    pub name: Option<String>,
    /// Their email address.
    pub email: Option<String>,
    /// Their telephone number.
    pub phone: Option<String>,
    /// Their address.
    pub address: Option<String>,
    /// Their postcode.
    pub postcode: Option<String>,
    /// The landlord's reference for their home.
    pub property_ref: Option<String>,
}

impl Complainant {
    /// Their postal address as a letter is addressed: the address, then the postcode, a line
    /// each; empty if neither is recorded.
    pub fn postal_address(&self) -> String {
        [&self.address, &self.postcode]
            .into_iter()
            .flatten()
            .map(|part| part.trim())
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The complainant as their personal record holds them: written by putright as JSON; a
    /// value that is not is read as the name.
    pub fn from_record(value: &str) -> Complainant {
        serde_json::from_str(value).unwrap_or_else(|_| Complainant {
            name: Some(value.to_owned()),
            ..Complainant::default()
        })
    }
}

/// A case with the personal data its page shows.
#[derive(Debug, Clone)]
pub struct CaseFile {
    /// The case as at the day.
    pub sheet: CaseSheet,
    /// The complainant, if recorded.
    pub complainant: Option<Complainant>,
    /// What the contact was about, if recorded.
    pub description: Option<String>,
    /// The words of the timeline's notes, correspondence and amendments, by event number.
    pub details: HashMap<u32, String>,
}

/// A value as an amendment's line shows it: a stored name in words, or "not known".
fn shown(value: Option<&str>) -> String {
    value.map_or_else(|| "not known".to_owned(), |v| v.replace('_', " "))
}

/// The line for an amendment, before its reason.
fn amended(amendment: &Amendment) -> String {
    match amendment {
        Amendment::Tenure(t) => format!("Tenure amended to {}", shown(t.map(|t| t.as_str()))),
        Amendment::Jurisdiction(j) => {
            format!("Ombudsman amended to {}", j.as_str().to_uppercase())
        }
        Amendment::ServiceArea(a) => format!("Service area amended to {}", shown(a.as_deref())),
        Amendment::Category(c) => format!("Category amended to {}", shown(c.as_deref())),
        Amendment::Handler { stage, handler } => {
            format!("Handler of {stage} amended to {}", handler.as_str())
        }
        Amendment::Complainant(_) => "Contact details amended".to_owned(),
    }
}

impl<S: Store> Casebook<S> {
    /// The case `reference` as at `as_at`, with its complainant and description.
    pub async fn case_file(
        &self,
        reference: &Reference,
        as_at: NaiveDate,
    ) -> Result<CaseFile, AppError> {
        let view = self.case(reference).await?;
        let worded: Vec<(u32, Event)> = view
            .stored
            .events
            .iter()
            .filter(|e| {
                matches!(
                    e.event,
                    Event::Note { .. } | Event::Correspondence { .. } | Event::Amended { .. }
                )
            })
            .map(|e| (e.seq, e.event.clone()))
            .collect();
        let sheet = self.sheet_of(reference, view, as_at).await?;
        let mut details = HashMap::new();
        for (seq, event) in worded {
            details.insert(seq, self.detail(&event).await?);
        }
        let received = &sheet.case.received;
        let complainant = match &received.complainant {
            Some(id) => self
                .store()
                .personal(id.as_str())
                .await?
                .map(|record| Complainant::from_record(&record.value)),
            None => None,
        };
        let description = match &received.description {
            Some(id) => self
                .store()
                .personal(id.as_str())
                .await?
                .map(|record| record.value),
            None => None,
        };
        Ok(CaseFile {
            sheet,
            complainant,
            description,
            details,
        })
    }

    /// The words of a note, a piece of correspondence or an amendment, as the timeline shows.
    async fn detail(&self, event: &Event) -> Result<String, AppError> {
        let (line, words) = match event {
            Event::Note { text, .. } => (None, text),
            Event::Correspondence {
                direction, summary, ..
            } => (Some(shown(Some(direction.as_str()))), summary),
            Event::Amended {
                amendment, reason, ..
            } => (Some(amended(amendment)), reason),
            _ => return Ok(String::new()),
        };
        let words = self
            .store()
            .personal(words.as_str())
            .await?
            .map(|record| record.value)
            .unwrap_or_default();
        Ok(match line {
            Some(line) if words.is_empty() => line,
            Some(line) => format!("{line}: {words}"),
            None => words,
        })
    }
}
