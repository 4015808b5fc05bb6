//! Previewing and issuing letters, and the templates the officer edits. A letter is issued in
//! one save: a piece of outgoing correspondence on the case's timeline, the letter with its
//! template version and the values of its fields, and, when it goes by email, the message with
//! the PDF attached in the outbox. How it goes follows the resident's contact preference (Code
//! 5.10): post for a resident who prefers post or has no email address; large print when a
//! reasonable adjustment recorded for them asks for it.

use chrono::NaiveDate;
use putright_document::Document;
use putright_domain::event::Event;
use putright_domain::vocabulary::Direction;
use putright_domain::{Origin, Reference};
use putright_store::{LetterRow, LetterWrite, OutboxMessage, Store, TemplateRow};

use serde::{Deserialize, Serialize};

use super::defaults;
use super::facts::{Facts, Landlord};
use super::kind::LetterKind;
use super::render;
use super::template::{Template, Values};
use crate::case_file::Complainant;
use crate::casebook::{Casebook, Draft};
use crate::error::AppError;

/// Who a built-in template is recorded as written by.
const BUILT_IN: &str = "putright (built in)";

/// How a letter reaches the resident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// By email to this address, the PDF attached.
    Email(String),
    /// By post to this address, through the print queue.
    Post(String),
}

impl Delivery {
    /// `email` or `post`, as stored.
    pub fn as_str(&self) -> &'static str {
        match self {
            Delivery::Email(_) => "email",
            Delivery::Post(_) => "post",
        }
    }

    /// The address it goes to.
    pub fn recipient(&self) -> &str {
        match self {
            Delivery::Email(a) | Delivery::Post(a) => a,
        }
    }
}

/// A letter as it would be issued now: the document, how it would go, and the template version.
#[derive(Debug, Clone)]
pub struct LetterDraft {
    /// The letter.
    pub document: Document,
    /// How it would reach the resident.
    pub delivery: Delivery,
    /// The template it is written from.
    pub template: TemplateRow,
    /// The values of its fields.
    pub facts: Facts,
}

/// What a letter issued keeps, so it can be written again as it was: its fields, and the
/// resident and the landlord as they were named on it.
#[derive(Debug, Serialize, Deserialize)]
struct Kept {
    values: Values,
    resident: Complainant,
    landlord: Landlord,
}

/// A template as the officer sees it: the current version (0 for the built-in one, not yet
/// kept) and its text.
#[derive(Debug, Clone)]
pub struct CurrentTemplate {
    /// The letter.
    pub kind: LetterKind,
    /// Its version; 0 while the built-in one has never been used or edited.
    pub version: i32,
    /// Its Markdown.
    pub body: String,
    /// Who wrote it, and when, if it is kept.
    pub added: Option<(String, chrono::DateTime<chrono::Utc>)>,
}

impl<S: Store> Casebook<S> {
    /// The current template of a letter: the latest kept, else the built-in one.
    pub async fn current_template(&self, kind: LetterKind) -> Result<CurrentTemplate, AppError> {
        Ok(
            match self.store().letter_template(kind.as_str(), None).await? {
                Some(row) => CurrentTemplate {
                    kind,
                    version: row.version,
                    body: row.body,
                    added: Some((row.added_by, row.added_at)),
                },
                None => CurrentTemplate {
                    kind,
                    version: 0,
                    body: defaults::text(kind).to_owned(),
                    added: None,
                },
            },
        )
    }

    /// Keeps a new version of a letter's template, once it is checked; returns its version.
    pub async fn save_template(
        &self,
        kind: LetterKind,
        text: &str,
        by: &str,
    ) -> Result<i32, AppError> {
        let template = Template::parse(kind, text).map_err(AppError::Invalid)?;
        Ok(self
            .store()
            .add_letter_template(kind.as_str(), template.text(), by, self.clock().now())
            .await?)
    }

    /// The template a letter is written from now, as the version it will be kept as.
    async fn template_row(&self, kind: LetterKind) -> Result<TemplateRow, AppError> {
        Ok(
            match self.store().letter_template(kind.as_str(), None).await? {
                Some(row) => row,
                // Kept as version 1 when first used, as putright wrote it, not as the person
                // who happened to issue the first letter.
                None => TemplateRow {
                    kind: kind.as_str().to_owned(),
                    version: 1,
                    body: defaults::text(kind).to_owned(),
                    added_by: BUILT_IN.to_owned(),
                    added_at: self.clock().now(),
                },
            },
        )
    }

    /// How a letter to the resident of case `reference` goes, and whether in large print.
    async fn delivery(
        &self,
        reference: &Reference,
        facts: &Facts,
    ) -> Result<(Delivery, bool), AppError> {
        let today = self.clock().today();
        let current: Vec<_> = self
            .store()
            .arrangements(reference.as_str(), true)
            .await?
            .into_iter()
            .filter(|a| a.ended_on.is_none() && a.from_on <= today)
            .collect();
        let prefers_post = current
            .iter()
            .rev()
            .find(|a| a.kind == "preference" && a.method.is_some())
            .is_some_and(|a| a.method.as_deref() == Some("post"));
        let large_print = current
            .iter()
            .any(|a| a.kind == "adjustment" && a.details.to_lowercase().contains("large print"));
        let email = facts
            .resident
            .email
            .clone()
            .filter(|e| e.contains('@') && !e.trim().is_empty());
        let delivery = match email {
            Some(email) if !prefers_post => Delivery::Email(email.trim().to_owned()),
            _ => Delivery::Post(facts.resident.postal_address()),
        };
        Ok((delivery, large_print))
    }

    /// The letter of `kind` about case `reference` as it would be issued today by `by`.
    pub async fn preview_letter(
        &self,
        reference: &Reference,
        kind: LetterKind,
        by: &str,
    ) -> Result<LetterDraft, AppError> {
        let today = self.clock().today();
        let facts = self.letter_facts(reference, kind, today, by).await?;
        let template = self.template_row(kind).await?;
        let parsed = Template::parse(kind, &template.body).map_err(AppError::Invalid)?;
        let (delivery, large_print) = self.delivery(reference, &facts).await?;
        let landlord = self.landlord().await?;
        let document = render::document(&parsed, &facts, &landlord, large_print);
        Ok(LetterDraft {
            document,
            delivery,
            template,
            facts,
        })
    }

    /// Issues the letter of `kind` about case `reference`, decided against case version
    /// `version`: on the timeline, and in the outbox or the print queue. Returns the case's
    /// new version.
    pub async fn issue_letter(
        &self,
        reference: &Reference,
        version: u32,
        kind: LetterKind,
        by: &str,
    ) -> Result<u32, AppError> {
        let letter = self.preview_letter(reference, kind, by).await?;
        let today = self.clock().today();
        if let Delivery::Post(address) = &letter.delivery
            && address.is_empty()
        {
            return Err(AppError::Invalid(format!(
                "case {reference} has neither an email address nor a postal address for the resident: add one before issuing a letter"
            )));
        }
        let email = match &letter.delivery {
            Delivery::Email(address) => Some(self.letter_email(reference, &letter, address).await?),
            Delivery::Post(_) => None,
        };
        let how = match &letter.delivery {
            Delivery::Email(a) => format!("sent by email to {a}"),
            Delivery::Post(_) => "put in the print queue to go by post".to_owned(),
        };
        let print = if letter.document.large_print {
            " in large print"
        } else {
            ""
        };
        let mut draft = Draft::default();
        let summary = draft.personal(
            "correspondence",
            format!(
                "{} letter{print} {how} (template version {})",
                kind.title(),
                letter.template.version
            ),
            false,
        );
        draft.push(Event::Correspondence {
            on: today,
            direction: Direction::Outbound,
            summary,
        });
        draft.issues_letter = Some(LetterWrite {
            letter: LetterRow {
                id: 0,
                reference: reference.to_string(),
                kind: kind.as_str().to_owned(),
                template_version: letter.template.version,
                facts: serde_json::to_string(&Kept {
                    values: letter.facts.values.clone(),
                    resident: letter.facts.resident.clone(),
                    landlord: self.landlord().await?,
                })
                .map_err(|e| AppError::Invalid(format!("cannot keep the letter: {e}")))?,
                large_print: letter.document.large_print,
                delivery: letter.delivery.as_str().to_owned(),
                recipient: letter.delivery.recipient().to_owned(),
                issued_on: today,
                issued_by: by.to_owned(),
                issued_at: self.clock().now(),
                posted_on: None,
                posted_by: None,
                outbox_id: None,
                mail_state: None,
            },
            template: letter.template,
            email,
        });
        let recorded = self
            .record(reference, Some(version), draft, Origin::Live, by)
            .await?;
        Ok(recorded.version)
    }

    /// The email that carries a letter: its text, with the PDF attached.
    async fn letter_email(
        &self,
        reference: &Reference,
        letter: &LetterDraft,
        address: &str,
    ) -> Result<OutboxMessage, AppError> {
        // Typesetting takes tens of milliseconds: off the threads that serve requests.
        let document = letter.document.clone();
        let pdf = tokio::task::spawn_blocking(move || putright_pdf::from_document(&document))
            .await
            .map_err(|e| AppError::Invalid(format!("cannot write the letter as PDF: {e}")))?
            .map_err(|e| AppError::Invalid(format!("cannot write the letter as PDF: {e}")))?;
        Ok(OutboxMessage {
            recipient: address.to_owned(),
            subject: format!(
                "{} about your complaint {reference}",
                letter
                    .document
                    .title
                    .split(':')
                    .next()
                    .unwrap_or("A letter")
            ),
            body: render::plain(&letter.document),
            attachment: Some((format!("{reference}-{}.pdf", letter.template.kind), pdf)),
            message_id: format!("<{}@putright>", uuid::Uuid::now_v7()),
            queued_at: self.clock().now(),
        })
    }

    /// The letters issued on case `reference`, oldest first.
    pub async fn case_letters(&self, reference: &Reference) -> Result<Vec<LetterRow>, AppError> {
        Ok(self.store().letters(Some(reference.as_str())).await?)
    }

    /// The letters waiting to be posted, oldest first.
    pub async fn print_queue(&self) -> Result<Vec<LetterRow>, AppError> {
        Ok(self.store().letters(None).await?)
    }

    /// Records that letter `id`, going by post, was posted on `on`.
    pub async fn mark_posted(&self, id: i64, on: NaiveDate, by: &str) -> Result<(), AppError> {
        if on > self.clock().today() {
            return Err(AppError::Invalid(format!(
                "the day posted, {on}, is in the future"
            )));
        }
        Ok(self.store().mark_posted(id, on, by).await?)
    }

    /// Letter `id` of case `reference` written again exactly as it was issued.
    pub async fn issued_letter(
        &self,
        reference: &Reference,
        id: i64,
    ) -> Result<Document, AppError> {
        let letter = self
            .case_letters(reference)
            .await?
            .into_iter()
            .find(|l| l.id == id)
            .ok_or_else(|| AppError::NotFound(format!("letter {id} of case {reference}")))?;
        if letter.facts.is_empty() {
            return Err(AppError::NotFound(format!(
                "letter {id} of case {reference}: its words were erased with the case's personal data"
            )));
        }
        let kind = LetterKind::parse(&letter.kind).map_err(AppError::Invalid)?;
        let template = self
            .store()
            .letter_template(&letter.kind, Some(letter.template_version))
            .await?
            .ok_or_else(|| {
                AppError::NotFound(format!(
                    "template version {} of the {} letter",
                    letter.template_version, letter.kind
                ))
            })?;
        // A kept version was checked when it was kept; it is read back as it is.
        let parsed = Template::parse(kind, &template.body).map_err(AppError::Invalid)?;
        let kept: Kept = serde_json::from_str(&letter.facts)
            .map_err(|e| AppError::Invalid(format!("letter {id} cannot be read: {e}")))?;
        let facts = Facts {
            values: kept.values,
            resident: kept.resident,
        };
        Ok(render::document(
            &parsed,
            &facts,
            &kept.landlord,
            letter.large_print,
        ))
    }
}
