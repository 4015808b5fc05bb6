//! Cases linked to one another: a contact that duplicates another case, a related case, or a
//! new issue added to an open stage 1 complaint rather than made a complaint of its own (Code
//! 6.8 lets the landlord do so where the complaint is still at stage 1). Each case's page
//! shows its links, read from both ends.

use putright_domain::Reference;
use putright_domain::lifecycle::Status;
use putright_store::{LinkRow, LinkStore, Store};

use crate::app::App;
use crate::backend::dispatch;
use crate::casebook::Casebook;
use crate::error::AppError;

/// How two cases are linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// This case repeats the other.
    Duplicate,
    /// The two are about the same matter, each handled on its own.
    Related,
    /// This case's issue was added to the other, an open stage 1 complaint (Code 6.8).
    AddedToComplaint,
}

impl LinkKind {
    /// Every kind.
    pub const ALL: [LinkKind; 3] = [
        LinkKind::Duplicate,
        LinkKind::Related,
        LinkKind::AddedToComplaint,
    ];

    /// The name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Duplicate => "duplicate",
            LinkKind::Related => "related",
            LinkKind::AddedToComplaint => "added_to_complaint",
        }
    }

    /// The kind of a stored name.
    pub fn parse(raw: &str) -> Option<LinkKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// The link in words, from the case it was made on (`made_here`) or from the other.
    pub fn words(self, made_here: bool) -> &'static str {
        match (self, made_here) {
            (LinkKind::Duplicate, true) => "A duplicate of",
            (LinkKind::Duplicate, false) => "Duplicated by",
            (LinkKind::Related, _) => "Related to",
            (LinkKind::AddedToComplaint, true) => "Added to the stage 1 complaint",
            (LinkKind::AddedToComplaint, false) => "Took in the issue of",
        }
    }
}

impl<S: Store> Casebook<S> {
    async fn link(
        &self,
        reference: &Reference,
        other: &str,
        kind: LinkKind,
        note: Option<&str>,
        by: &str,
    ) -> Result<(), AppError> {
        let other = Reference::parse(other)
            .map_err(|e| AppError::Invalid(format!("the other case's reference: {}", e.0)))?;
        if kind == LinkKind::AddedToComplaint {
            // Code 6.8: a new issue joins a complaint only while it is still at stage 1.
            let status = self.case(&other).await?.case.status();
            if status != Status::Stage1Open {
                return Err(AppError::Invalid(format!(
                    "{other} is not a complaint open at stage 1, so an issue cannot be added to it (Code 6.8): link it as related instead"
                )));
            }
        }
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        let at = self.clock().now();
        Ok(self
            .store()
            .add_link(
                reference.as_str(),
                other.as_str(),
                kind.as_str(),
                note,
                by,
                at,
            )
            .await?)
    }
}

impl App {
    /// Links case `reference` to case `other` as `kind`, with a note.
    pub async fn link_cases(
        &self,
        reference: &Reference,
        other: &str,
        kind: LinkKind,
        note: Option<&str>,
        by: &str,
    ) -> Result<(), AppError> {
        dispatch!(self, book => book.link(reference, other, kind, note, by).await)
    }

    /// A case's links, from both ends, oldest first.
    pub async fn links(&self, reference: &Reference) -> Result<Vec<LinkRow>, AppError> {
        Ok(dispatch!(self, book => book.store().links(reference.as_str()).await)?)
    }
}
