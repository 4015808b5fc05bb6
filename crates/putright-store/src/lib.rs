//! putright's storage: an append-only event log per case, the read models derived from it, the
//! landlord's calendar and settings, and personal data held apart from the events.
//!
//! One trait per concern ([`CaseStore`], [`CalendarStore`], [`SettingsStore`],
//! [`FindingsStore`], [`OrdersStore`], [`AssessmentStore`], [`UserStore`] and the reports'
//! [`ReportRead`]), and [`Store`], the sum of them, which application code is generic over. One
//! implementation serves both databases ([`SqliteStore`], the embedded default, and [`PgStore`]
//! for production): [`SqlStore`], with each concern's SQL written once in its own module. Rows
//! come back decoded into the domain's types; a stored value that does not decode is
//! [`StoreError::Corrupt`], naming the row. The read models are a cache of what the domain
//! derives and can always be rebuilt from the events.

mod assessment;
mod bulk;
mod calendar;
mod case_sql;
mod cases;
mod findings;
mod migrate;
mod orders;
mod postgres;
pub mod read_model;
mod report_read;
mod settings;
mod sql;
mod sqlite;
mod users;

pub use putright_domain::Reference;
use thiserror::Error;

pub use assessment::{AssessmentRow, AssessmentStore};
pub use bulk::{BulkSession, PgBulk, SqliteBulk};
pub use calendar::CalendarStore;
pub use cases::{CaseChange, CaseStore, PersonalRecord, StoredCase, StoredEvent, Summary};
pub use findings::{FindingRow, FindingsStore};
pub use orders::{OrderRow, OrdersStore};
pub use postgres::PgStore;
pub use read_model::{CaseRow, StageRow};
pub use report_read::{ReportRead, ReportRow, ReportStage};
pub use settings::{Homes, SettingsStore};
pub use sql::SqlStore;
pub use sqlite::SqliteStore;
pub use users::{UserRow, UserStore};

/// Why the store could not do what was asked.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error(
        "another user saved case {reference} first (it is now at version {found}, this change was made against version {expected}): reload it and try again"
    )]
    Conflict {
        reference: Reference,
        expected: u32,
        found: u32,
    },
    #[error("case {0} already exists")]
    AlreadyExists(Reference),
    #[error("cannot open the database at {target}: {source}")]
    Connect {
        target: String,
        #[source]
        source: sqlx::Error,
    },
    #[error(
        "migration {version} ({name}) was changed after it was applied to this database; migrations are never edited once landed"
    )]
    MigrationEdited { version: i64, name: String },
    #[error("{0}")]
    Refused(String),
    #[error("the database holds data this version cannot read: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// The storage every database implements: every concern's trait. The same scenario suite runs
/// against each database.
pub trait Store:
    CaseStore
    + CalendarStore
    + SettingsStore
    + FindingsStore
    + OrdersStore
    + AssessmentStore
    + UserStore
    + ReportRead
    + Clone
    + Send
    + Sync
    + 'static
{
}

impl<S> Store for S where
    S: CaseStore
        + CalendarStore
        + SettingsStore
        + FindingsStore
        + OrdersStore
        + AssessmentStore
        + UserStore
        + ReportRead
        + Clone
        + Send
        + Sync
        + 'static
{
}
