//! The letters' operations on [`App`], for every front end: the templates, a letter previewed
//! and issued, the letters of a case written again as issued, and the print queue.

use chrono::NaiveDate;
use putright_document::Document;
use putright_domain::Reference;
use putright_store::LetterRow;

use super::issue::CurrentTemplate;
use super::{Landlord, LetterDraft, LetterKind};
use crate::App;
use crate::backend::dispatch;
use crate::error::AppError;

impl App {
    /// The current template of each letter, in the order the app lists them.
    pub async fn letter_templates(&self) -> Result<Vec<CurrentTemplate>, AppError> {
        let mut all = Vec::new();
        for kind in LetterKind::ALL {
            all.push(dispatch!(self, book => book.current_template(kind).await)?);
        }
        Ok(all)
    }

    /// The current template of one letter.
    pub async fn letter_template(&self, kind: LetterKind) -> Result<CurrentTemplate, AppError> {
        dispatch!(self, book => book.current_template(kind).await)
    }

    /// Keeps a new version of a letter's template, refused if it names a field the letter does
    /// not have or drops one the Code requires; returns the version.
    pub async fn save_letter_template(
        &self,
        kind: LetterKind,
        text: &str,
        by: &str,
    ) -> Result<i32, AppError> {
        dispatch!(self, book => book.save_template(kind, text, by).await)
    }

    /// The letter as it would be issued today.
    pub async fn preview_letter(
        &self,
        reference: &Reference,
        kind: LetterKind,
        by: &str,
    ) -> Result<LetterDraft, AppError> {
        dispatch!(self, book => book.preview_letter(reference, kind, by).await)
    }

    /// Issues a letter, decided against case version `version`; returns the new version.
    pub async fn issue_letter(
        &self,
        reference: &Reference,
        version: u32,
        kind: LetterKind,
        by: &str,
    ) -> Result<u32, AppError> {
        let done = dispatch!(self, book => book.issue_letter(reference, version, kind, by).await);
        self.mail_waiting();
        done
    }

    /// The letters issued on a case, oldest first.
    pub async fn case_letters(&self, reference: &Reference) -> Result<Vec<LetterRow>, AppError> {
        dispatch!(self, book => book.case_letters(reference).await)
    }

    /// Letter `id` of a case, written again exactly as it was issued.
    pub async fn issued_letter(
        &self,
        reference: &Reference,
        id: i64,
    ) -> Result<Document, AppError> {
        dispatch!(self, book => book.issued_letter(reference, id).await)
    }

    /// The letters waiting to be posted, oldest first.
    pub async fn print_queue(&self) -> Result<Vec<LetterRow>, AppError> {
        dispatch!(self, book => book.print_queue().await)
    }

    /// Records the day a letter going by post was posted.
    pub async fn mark_posted(&self, id: i64, on: NaiveDate, by: &str) -> Result<(), AppError> {
        dispatch!(self, book => book.mark_posted(id, on, by).await)
    }

    /// The landlord's name, address, email and telephone as letters show them.
    pub async fn landlord(&self) -> Result<Landlord, AppError> {
        dispatch!(self, book => book.landlord().await)
    }

    /// Sets the landlord's details letters show.
    pub async fn set_landlord(&self, landlord: &Landlord) -> Result<(), AppError> {
        dispatch!(self, book => book.set_landlord(landlord).await)
    }
}
