//! Bulk writing for imports: one transaction for a whole file, new cases written many rows at
//! a time (multi-row INSERT on SQLite, COPY on PostgreSQL), changes to stored cases through the
//! same code as a live save.

mod postgres;
mod sqlite;

pub use postgres::PgBulk;
pub use sqlite::SqliteBulk;

use std::future::Future;

use crate::{CaseChange, PersonalRecord, Reference, StoreError, StoredCase};

/// One long transaction for importing many cases: everything written through it lands at its
/// commit or not at all (dropping it rolls back).
pub trait BulkSession: Send {
    /// Whether the store held no cases when the session began, so nothing can already exist.
    fn was_empty(&self) -> bool;

    /// The stored cases among `references`, with their personal data.
    fn existing(
        &mut self,
        references: &[Reference],
    ) -> impl Future<Output = Result<Vec<(StoredCase, Vec<PersonalRecord>)>, StoreError>> + Send;

    /// Writes a batch of changes: new cases in bulk, changes to stored ones one by one.
    fn write(
        &mut self,
        changes: &[CaseChange],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Commits the session: everything written through it lands at once.
    fn commit(self) -> impl Future<Output = Result<(), StoreError>> + Send;
}

/// The rows of the new cases in a batch, each with the id it will have.
pub(crate) struct NewCases<'a> {
    pub cases: Vec<(i64, &'a CaseChange)>,
}

impl<'a> NewCases<'a> {
    /// Pairs the new cases among `changes` with `ids`, one each, in order.
    pub fn new(changes: &'a [CaseChange], ids: impl IntoIterator<Item = i64>) -> Self {
        let cases = ids
            .into_iter()
            .zip(changes.iter().filter(|c| c.case_id.is_none()))
            .collect();
        Self { cases }
    }

    pub fn count(changes: &[CaseChange]) -> usize {
        changes.iter().filter(|c| c.case_id.is_none()).count()
    }

    /// Every event of every new case, with its case id and encoded payload and flags.
    pub fn events(&self) -> Result<Vec<(i64, &'a crate::StoredEvent, String, String)>, StoreError> {
        let mut out = Vec::new();
        for (id, change) in &self.cases {
            for e in &change.events {
                let (payload, flags) = crate::case_sql::encode_event(e)?;
                out.push((*id, e, payload, flags));
            }
        }
        Ok(out)
    }

    pub fn stages(&self) -> impl Iterator<Item = (i64, &'a crate::StageRow)> + '_ {
        self.cases
            .iter()
            .flat_map(|(id, c)| c.stage_rows.iter().map(move |s| (*id, s)))
    }

    pub fn personal(&self) -> impl Iterator<Item = (i64, &'a crate::PersonalRecord)> + '_ {
        self.cases
            .iter()
            .flat_map(|(id, c)| c.personal.iter().map(move |p| (*id, p)))
    }

    /// The version a new case has after its events.
    pub fn version(change: &CaseChange) -> i64 {
        i64::from(change.expected_version) + change.events.len() as i64
    }
}
