//! Amending what was recorded wrongly: tenure, jurisdiction, category, service area, a stage's
//! handler, the complainant's contact details. Each correction becomes one `Amended` event
//! with the reason, and the reports read the case as amended. New contact details are a new
//! personal record: what was recorded before stays, for the audit trail.

use putright_domain::Event;
use putright_domain::event::Amendment;
use putright_domain::values::{Handler, PersonalRef};
use putright_domain::vocabulary::{Jurisdiction, Stage, Tenure};
use serde_json::{Map, Value};

use crate::casebook::Draft;

/// The complainant's name and contact details as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContactDetails {
    /// Their name.
    pub name: String,
    /// Their address.
    pub address: Option<String>,
    /// Their postcode.
    pub postcode: Option<String>,
    /// Their telephone number.
    pub phone: Option<String>,
    /// Their email address.
    pub email: Option<String>,
}

impl ContactDetails {
    /// The stored JSON: `current` (what is recorded now, which may hold more, such as the
    /// landlord's property reference) with these details written over it.
    pub(crate) fn over(&self, current: Option<Value>) -> String {
        let mut record = match current {
            Some(Value::Object(map)) => map,
            _ => Map::new(),
        };
        let trimmed = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map_or(Value::Null, |t| Value::String(t.to_owned()))
        };
        record.insert("name".into(), Value::String(self.name.trim().to_owned()));
        record.insert("address".into(), trimmed(&self.address));
        record.insert("postcode".into(), trimmed(&self.postcode));
        record.insert("phone".into(), trimmed(&self.phone));
        record.insert("email".into(), trimmed(&self.email));
        Value::Object(record).to_string()
    }
}

/// One thing recorded wrongly, with its right value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Correction {
    /// The resident's tenure; `None` for not known.
    Tenure(Option<Tenure>),
    /// Which Ombudsman the complaint would go to.
    Jurisdiction(Jurisdiction),
    /// The landlord's service area; `None` to clear it.
    ServiceArea(Option<String>),
    /// The landlord's category; `None` to clear it.
    Category(Option<String>),
    /// Who handles a stage.
    Handler {
        /// The stage.
        stage: Stage,
        /// Who handles it.
        handler: Handler,
    },
    /// The complainant's name and contact details.
    ContactDetails(ContactDetails),
}

/// Adds one `Amended` event per correction to `draft`, all with the same reason.
/// `complainant` is the complainant's record as stored now, which new contact details are
/// written over.
pub(super) fn amendments(
    draft: &mut Draft,
    on: chrono::NaiveDate,
    reason: &str,
    corrections: &[Correction],
    complainant: Option<Value>,
) -> Vec<Event> {
    let reason: PersonalRef = draft.personal("amendment_reason", reason.trim(), false);
    let mut complainant = complainant;
    corrections
        .iter()
        .map(|correction| {
            let amendment = match correction {
                Correction::Tenure(t) => Amendment::Tenure(*t),
                Correction::Jurisdiction(j) => Amendment::Jurisdiction(*j),
                Correction::ServiceArea(a) => Amendment::ServiceArea(a.clone()),
                Correction::Category(c) => Amendment::Category(c.clone()),
                Correction::Handler { stage, handler } => Amendment::Handler {
                    stage: *stage,
                    handler: handler.clone(),
                },
                Correction::ContactDetails(details) => {
                    let json = details.over(complainant.take());
                    Amendment::Complainant(draft.personal("complainant", json, false))
                }
            };
            Event::Amended {
                on,
                amendment,
                reason: reason.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_contact_details_keep_what_else_the_record_holds() {
        let details = ContactDetails {
            name: " Ada Lovelace ".into(),
            address: Some("1 Fern Hill".into()),
            postcode: Some(" ".into()),
            phone: None,
            email: Some("ada@example.org".into()),
        };
        let current =
            serde_json::json!({"name": "Ada Lovelance", "property_ref": "P-17", "phone": "0161"});
        let stored: Value = serde_json::from_str(&details.over(Some(current))).unwrap();
        assert_eq!(
            stored,
            serde_json::json!({
                "name": "Ada Lovelace",
                "address": "1 Fern Hill",
                "postcode": null,
                "phone": null,
                "email": "ada@example.org",
                "property_ref": "P-17",
            })
        );
    }
}
