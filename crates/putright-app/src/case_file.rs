//! One case as the staff app's case page shows it: the case sheet (stages, deadlines, working
//! days left, the timeline with its breaches) and the personal data staff need to handle it:
//! the complainant's name and contact details, and the description. Restricted data
//! (vulnerabilities, reasonable adjustments) is not read here: showing it comes with the
//! audit trail of who viewed it.

use chrono::NaiveDate;
use putright_domain::Reference;
use putright_store::Store;
use serde::Deserialize;

use crate::case_sheet::CaseSheet;
use crate::casebook::Casebook;
use crate::error::AppError;

/// The complainant's details as recorded; each may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
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

/// A case with the personal data its page shows.
#[derive(Debug, Clone)]
pub struct CaseFile {
    /// The case as at the day.
    pub sheet: CaseSheet,
    /// The complainant, if recorded.
    pub complainant: Option<Complainant>,
    /// What the contact was about, if recorded.
    pub description: Option<String>,
}

impl<S: Store> Casebook<S> {
    /// The case `reference` as at `as_at`, with its complainant and description.
    pub async fn case_file(
        &self,
        reference: &Reference,
        as_at: NaiveDate,
    ) -> Result<CaseFile, AppError> {
        let sheet = self.case_sheet(reference, as_at).await?;
        let received = &sheet.case.received;
        let complainant = match &received.complainant {
            Some(id) => self.store().personal(id.as_str()).await?.map(|record| {
                // Written by putright as JSON; a value that is not is shown as the name.
                serde_json::from_str(&record.value).unwrap_or_else(|_| Complainant {
                    name: Some(record.value),
                    ..Complainant::default()
                })
            }),
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
        })
    }
}
