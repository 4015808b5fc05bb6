//! How the landlord deals with the person behind a case, kept beside the case and under
//! review: a representative acting with their consent; how they want to be contacted;
//! vulnerabilities they disclosed and the reasonable adjustments agreed (Code 5.10), special
//! category data seen only through the audited view; and restrictions on contact for
//! unacceptable behaviour, with the reasons (5.14), which must be reviewed (5.15).

use chrono::NaiveDate;
use putright_domain::{Reference, WorkingDays};
use putright_store::{ArrangementRow, ArrangementStore, Store};

use crate::app::App;
use crate::backend::dispatch;
use crate::casebook::Casebook;
use crate::error::AppError;

/// What an arrangement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrangementKind {
    /// Someone acting for the resident, with their consent.
    Representative,
    /// How the resident wants to be contacted.
    Preference,
    /// A vulnerability or disability the resident disclosed (special category data).
    Vulnerability,
    /// A reasonable adjustment agreed (Code 5.10).
    Adjustment,
    /// A restriction on contact for unacceptable behaviour (Code 5.14).
    Restriction,
}

impl ArrangementKind {
    /// Every kind, in the order the case page shows them.
    pub const ALL: [ArrangementKind; 5] = [
        ArrangementKind::Representative,
        ArrangementKind::Preference,
        ArrangementKind::Restriction,
        ArrangementKind::Vulnerability,
        ArrangementKind::Adjustment,
    ];

    /// The name as stored and in addresses.
    pub fn as_str(self) -> &'static str {
        match self {
            ArrangementKind::Representative => "representative",
            ArrangementKind::Preference => "preference",
            ArrangementKind::Vulnerability => "vulnerability",
            ArrangementKind::Adjustment => "adjustment",
            ArrangementKind::Restriction => "restriction",
        }
    }

    /// The kind of a stored name.
    pub fn parse(raw: &str) -> Option<ArrangementKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// Whether it is special category data, shown only in the audited view.
    pub fn restricted(self) -> bool {
        matches!(
            self,
            ArrangementKind::Vulnerability | ArrangementKind::Adjustment
        )
    }

    /// Whether it must be kept under review, with a day for the next review: adjustments and
    /// the disclosures behind them (Code 5.10), and restrictions (5.15).
    pub fn reviewed(self) -> bool {
        matches!(
            self,
            ArrangementKind::Vulnerability
                | ArrangementKind::Adjustment
                | ArrangementKind::Restriction
        )
    }
}

/// How a resident wants to be contacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactMethod {
    /// By email.
    Email,
    /// By letter.
    Post,
    /// By telephone.
    Phone,
    /// By text message.
    Text,
}

impl ContactMethod {
    /// Every method.
    pub const ALL: [ContactMethod; 4] = [
        ContactMethod::Email,
        ContactMethod::Post,
        ContactMethod::Phone,
        ContactMethod::Text,
    ];

    /// The name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            ContactMethod::Email => "email",
            ContactMethod::Post => "post",
            ContactMethod::Phone => "phone",
            ContactMethod::Text => "text",
        }
    }

    /// The method of a stored name.
    pub fn parse(raw: &str) -> Option<ContactMethod> {
        Self::ALL.into_iter().find(|m| m.as_str() == raw)
    }
}

/// A new arrangement, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewArrangement {
    /// What it is.
    pub kind: ArrangementKind,
    /// What it says, in words.
    pub details: String,
    /// For a contact preference, the way to contact them.
    pub method: Option<ContactMethod>,
    /// The consent a representative acts with, or the reasons for a restriction.
    pub reason: Option<String>,
    /// The day it began.
    pub from_on: NaiveDate,
    /// The day of its first review.
    pub review_on: Option<NaiveDate>,
    /// For a contact preference: how often the landlord agreed to update the resident while
    /// the complaint is open (Code 5.9).
    pub update_every: Option<WorkingDays>,
}

/// What a review decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    /// It still applies, and is to be reviewed again on this day.
    KeepUntil(NaiveDate),
    /// It no longer applies.
    End,
}

fn trimmed(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// The arrangement as it will be stored, or why it cannot be.
pub(crate) fn checked(new: &NewArrangement, today: NaiveDate) -> Result<ArrangementRow, AppError> {
    let invalid = |message: &str| Err(AppError::Invalid(message.to_owned()));
    // How they want to be contacted is said by the method; anything more is optional.
    let details = match trimmed(Some(&new.details)) {
        Some(details) => details,
        None if new.kind == ArrangementKind::Preference => String::new(),
        None => return invalid("enter what the arrangement is"),
    };
    let update_days = match (new.kind, new.update_every.map(WorkingDays::get)) {
        (ArrangementKind::Preference, Some(n)) if !(1..=60).contains(&n) => {
            return invalid("the interval for updates must be from 1 to 60 working days");
        }
        (ArrangementKind::Preference, n) => n.map(i32::from),
        (_, Some(_)) => {
            return invalid("an interval for updates is agreed with how they want to be contacted");
        }
        (_, None) => None,
    };
    let reason = trimmed(new.reason.as_deref());
    if new.from_on > today {
        return invalid("the day it began must be today or in the past");
    }
    match new.kind {
        ArrangementKind::Representative if reason.is_none() => {
            return invalid(
                "enter how the resident gave their consent for someone to act for them",
            );
        }
        ArrangementKind::Preference if new.method.is_none() => {
            return invalid("select how they want to be contacted");
        }
        ArrangementKind::Restriction if reason.is_none() => {
            return invalid(
                "enter the reasons for restricting contact, as the resident was told them (Code 5.14)",
            );
        }
        _ => {}
    }
    let review_on = match (new.kind.reviewed(), new.review_on) {
        (true, None) => {
            return invalid(
                "enter the day it is to be reviewed: it must be kept under review (Code 5.10, 5.15)",
            );
        }
        (true, Some(day)) if day <= today => {
            return invalid("the day of the review must be in the future");
        }
        (true, review) => review,
        (false, _) => None,
    };
    Ok(ArrangementRow {
        id: 0,
        kind: new.kind.as_str().to_owned(),
        restricted: new.kind.restricted(),
        details,
        method: new.method.map(|m| m.as_str().to_owned()),
        reason,
        update_days,
        from_on: new.from_on,
        review_on,
        reviewed_on: None,
        ended_on: None,
        added_by: String::new(),
        added_at: chrono::DateTime::UNIX_EPOCH,
        updated_by: String::new(),
        updated_at: chrono::DateTime::UNIX_EPOCH,
    })
}

impl<S: Store> Casebook<S> {
    async fn add_arrangement(
        &self,
        reference: &Reference,
        new: &NewArrangement,
        by: &str,
    ) -> Result<i64, AppError> {
        let today = self.clock().today();
        let now = self.clock().now();
        let row = ArrangementRow {
            added_by: by.to_owned(),
            added_at: now,
            updated_by: by.to_owned(),
            updated_at: now,
            ..checked(new, today)?
        };
        Ok(self
            .store()
            .add_arrangement(reference.as_str(), &row)
            .await?)
    }

    async fn review_arrangement(
        &self,
        reference: &Reference,
        id: i64,
        review: Review,
        by: &str,
    ) -> Result<(), AppError> {
        let today = self.clock().today();
        let next = match review {
            Review::KeepUntil(day) if day <= today => {
                return Err(AppError::Invalid(
                    "the day of the next review must be in the future".into(),
                ));
            }
            Review::KeepUntil(day) => Some(day),
            Review::End => None,
        };
        let now = self.clock().now();
        self.store()
            .review_arrangement(reference.as_str(), id, today, next, by, now)
            .await?;
        Ok(())
    }
}

impl App {
    /// Adds a contact arrangement to a case; returns its number.
    pub async fn add_arrangement(
        &self,
        reference: &Reference,
        new: &NewArrangement,
        by: &str,
    ) -> Result<i64, AppError> {
        dispatch!(self, book => book.add_arrangement(reference, new, by).await)
    }

    /// A case's arrangements that are not special category data, oldest first. The others
    /// come only with [`App::restricted_data`], which records the view.
    pub async fn arrangements(
        &self,
        reference: &Reference,
    ) -> Result<Vec<ArrangementRow>, AppError> {
        Ok(dispatch!(self, book => book.store().arrangements(reference.as_str(), false).await)?)
    }

    /// Records a review of an arrangement today: kept until the next review, or ended.
    pub async fn review_arrangement(
        &self,
        reference: &Reference,
        id: i64,
        review: Review,
        by: &str,
    ) -> Result<(), AppError> {
        dispatch!(self, book => book.review_arrangement(reference, id, review, by).await)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn new(kind: ArrangementKind) -> NewArrangement {
        NewArrangement {
            kind,
            details: "Only by email, to the complaints officer".into(),
            method: None,
            reason: None,
            from_on: day(2),
            review_on: None,
            update_every: None,
        }
    }

    fn refusal(new: &NewArrangement) -> String {
        match checked(new, day(20)) {
            Err(AppError::Invalid(message)) => message,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_restriction_needs_its_reasons_and_a_review() {
        assert!(refusal(&new(ArrangementKind::Restriction)).contains("Code 5.14"));
        let reasoned = NewArrangement {
            reason: Some("Abusive calls on 1 and 2 November".into()),
            ..new(ArrangementKind::Restriction)
        };
        assert!(refusal(&reasoned).contains("Code 5.10, 5.15"));
        let past = NewArrangement {
            review_on: Some(day(20)),
            ..reasoned.clone()
        };
        assert_eq!(
            refusal(&past),
            "the day of the review must be in the future"
        );
        let row = checked(
            &NewArrangement {
                review_on: Some(day(30)),
                ..reasoned
            },
            day(20),
        )
        .unwrap();
        assert_eq!((row.kind.as_str(), row.restricted), ("restriction", false));
        assert_eq!(row.review_on, Some(day(30)));
    }

    #[test]
    fn adjustments_are_special_category_data_kept_under_review() {
        let adjustment = NewArrangement {
            details: "Letters in large print".into(),
            review_on: Some(day(25)),
            ..new(ArrangementKind::Adjustment)
        };
        let row = checked(&adjustment, day(20)).unwrap();
        assert!(row.restricted);
        let unreviewed = NewArrangement {
            review_on: None,
            ..adjustment
        };
        assert!(refusal(&unreviewed).contains("Code 5.10"));
    }

    #[test]
    fn a_representative_acts_only_with_consent_and_a_preference_names_a_way() {
        assert!(refusal(&new(ArrangementKind::Representative)).contains("consent"));
        assert_eq!(
            refusal(&new(ArrangementKind::Preference)),
            "select how they want to be contacted"
        );
        let preference = NewArrangement {
            method: Some(ContactMethod::Post),
            review_on: Some(day(1)),
            ..new(ArrangementKind::Preference)
        };
        let row = checked(&preference, day(20)).unwrap();
        // A preference is not reviewed, so a review day typed by mistake is not kept.
        assert_eq!((row.method.as_deref(), row.review_on), (Some("post"), None));
    }

    #[test]
    fn nothing_begins_in_the_future_or_says_nothing() {
        let future = NewArrangement {
            from_on: day(21),
            method: Some(ContactMethod::Email),
            ..new(ArrangementKind::Preference)
        };
        assert!(refusal(&future).contains("today or in the past"));
        let blank = NewArrangement {
            details: "  ".into(),
            review_on: Some(day(25)),
            ..new(ArrangementKind::Adjustment)
        };
        assert_eq!(refusal(&blank), "enter what the arrangement is");
        // How they want to be contacted says itself by its method; more words are optional.
        let said = NewArrangement {
            details: String::new(),
            from_on: day(20),
            ..future
        };
        assert_eq!(checked(&said, day(20)).unwrap().details, "");
    }

    #[test]
    fn updates_are_agreed_with_a_preference_every_1_to_60_working_days() {
        let every = |n: u16| NewArrangement {
            method: Some(ContactMethod::Phone),
            update_every: Some(WorkingDays::new(n)),
            ..new(ArrangementKind::Preference)
        };
        assert_eq!(checked(&every(5), day(20)).unwrap().update_days, Some(5));
        for n in [0, 61] {
            assert_eq!(
                refusal(&every(n)),
                "the interval for updates must be from 1 to 60 working days"
            );
        }
        let elsewhere = NewArrangement {
            update_every: Some(WorkingDays::new(5)),
            review_on: Some(day(25)),
            ..new(ArrangementKind::Adjustment)
        };
        assert!(refusal(&elsewhere).contains("with how they want to be contacted"));
    }
}
