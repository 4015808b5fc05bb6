//! putright's storage: an append-only event log per case, the read models derived from it, the
//! landlord's calendar and settings, and personal data held apart from the events.
//!
//! One trait per concern ([`CaseStore`], [`CalendarStore`], [`SettingsStore`],
//! [`FindingsStore`], [`OrdersStore`], [`OmbudsmanReportsStore`], [`AssessmentStore`],
//! [`UserStore`], the staff app's lists [`WorkStore`], the [`AuditStore`], the responses drafted for a quality check [`DraftStore`], the files kept with
//! cases [`AttachmentStore`], the learning action plans [`LearningStore`], the links between cases
//! [`LinkStore`], each case's contact arrangements [`ArrangementStore`], the Ombudsman's findings on
//! the landlord's own cases [`CaseFindingStore`], the letters to residents [`LetterStore`], the
//! outgoing mail [`OutboxStore`], the reminders [`ReminderStore`], the resident's forms and tracking links [`ResidentStore`], the satisfaction surveys [`SatisfactionStore`], the reports written and published in the app
//! [`PublicationStore`], the data feed [`FeedStore`], the API's tokens [`TokenStore`], erasure [`ProtectionStore`], the Ombudsman's requests for evidence [`EvidenceStore`], benchmarking's reviewed spellings and sector
//! figures [`BenchmarkStore`] and the reports'
//! [`ReportRead`]), and [`Store`], the sum of them, which
//! application code is generic over. One implementation serves both databases
//! ([`SqliteStore`], the embedded default, and [`PgStore`] for production): [`SqlStore`], with
//! each concern's SQL written once in its own module. Rows come back decoded into the domain's
//! types; a stored value that does not decode is [`StoreError::Corrupt`], naming the row. The
//! read models are a cache of what the domain derives and can always be rebuilt from the events.

mod arrangements;
mod assessment;
mod attachments;
mod audit;
pub mod audit_chain;
mod benchmarks;
mod bulk;
mod calendar;
mod case_findings;
mod case_sql;
mod cases;
mod drafts;
mod evidence;
mod feed;
mod findings;
mod learning;
mod letters;
mod links;
mod migrate;
mod ombudsman_reports;
mod orders;
mod outbox;
mod postgres;
mod protection;
mod publications;
pub mod read_model;
mod reminders;
mod report_read;
mod resident;
mod satisfaction;
mod settings;
mod sql;
mod sqlite;
mod tokens;
mod users;
mod worklist;

pub use putright_domain::Reference;
use thiserror::Error;

pub use arrangements::{ArrangementRow, ArrangementStore};
pub use assessment::{AssessmentRow, AssessmentStore};
pub use attachments::{AttachmentRow, AttachmentStore};
pub use audit::{AuditAction, AuditEntry, AuditStore, ChangeEntry};
pub use benchmarks::{AliasRow, BenchmarkStore, SectorTsmRow};
pub use bulk::{BulkSession, PgBulk, SqliteBulk};
pub use calendar::CalendarStore;
pub use case_findings::{CaseFindingRow, CaseFindingStore};
pub use cases::{CaseChange, CaseStore, PersonalRecord, StoredCase, StoredEvent, Summary};
pub use drafts::{DraftState, DraftStore, ResponseDraft};
pub use evidence::{EvidenceRequestRow, EvidenceStore};
pub use feed::{FEED_COLUMNS, FeedCase, FeedStore};
pub use findings::{FindingRow, FindingsStore};
pub use learning::{LearningRow, LearningStore};
pub use letters::{LetterRow, LetterStore, LetterWrite, TemplateRow};
pub use links::{LinkRow, LinkStore};
pub use ombudsman_reports::{OmbudsmanReportRow, OmbudsmanReportsStore};
pub use orders::{OrderRow, OrdersStore};
pub use outbox::{Attempted, OutboxMessage, OutboxRow, OutboxStore};
pub use postgres::PgStore;
pub use protection::{Erasure, ErasureRow, ProtectionStore};
pub use publications::{NarrativeRow, PublicationStore, PublicationWrite, PublishedRow};
pub use read_model::{CaseRow, StageRow};
pub use reminders::{OpenWork, ReminderStore};
pub use report_read::{ReportRead, ReportRow, ReportStage};
pub use resident::{DraftFile, ResidentStore, SubmissionWrite, WebDraft};
pub use satisfaction::{SatisfactionStore, SurveyAnswer, SurveyRow, SurveyWrite};
pub use settings::{Homes, SettingsStore};
pub use sql::SqlStore;
pub use sqlite::SqliteStore;
pub use tokens::{IdempotencyWrite, KEY_TAKEN, NewToken, TokenRow, TokenStore, TokenUse};
pub use users::{Credentials, SessionRow, UserRow, UserStore};
pub use worklist::{
    COUNT_LIMIT, CaseFilter, CaseListPage, CaseListRow, Due, Order, OverdueAction, QueueCounts,
    QueueDays, SEARCH_COUNT_LIMIT, WorkStore,
};

/// Why the store could not do what was asked.
#[derive(Debug, Error)]
pub enum StoreError {
    /// Another save of the case landed first, so this change was made against an old version.
    #[error(
        "another user saved case {reference} first (it is now at version {found}, this change was made against version {expected}): reload it and try again"
    )]
    Conflict {
        /// The case both saves were made to.
        reference: Reference,
        /// The version this change was made against.
        expected: u32,
        /// The version the case is now at.
        found: u32,
    },
    /// A new case was saved under a reference that is already taken.
    #[error("case {0} already exists")]
    AlreadyExists(Reference),
    /// The database could not be opened or reached.
    #[error("cannot open the database at {target}: {source}")]
    Connect {
        /// The database, as named in messages: a file path, or a server without its password.
        target: String,
        /// What the database driver reported.
        #[source]
        source: sqlx::Error,
    },
    /// A migration already applied to this database has since been edited.
    #[error(
        "migration {version} ({name}) was changed after it was applied to this database; migrations are never edited once landed"
    )]
    MigrationEdited {
        /// The migration's number.
        version: i64,
        /// The migration's name.
        name: String,
    },
    /// The store declined what was asked (an order recorded twice, say), with the reason in words.
    #[error("{0}")]
    Refused(String),
    /// A stored value this version cannot decode, with the row it is in.
    #[error("the database holds data this version cannot read: {0}")]
    Corrupt(String),
    /// Any other failure the database reported.
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
    + OmbudsmanReportsStore
    + AssessmentStore
    + UserStore
    + WorkStore
    + AuditStore
    + DraftStore
    + AttachmentStore
    + LearningStore
    + LinkStore
    + ArrangementStore
    + CaseFindingStore
    + LetterStore
    + OutboxStore
    + ReminderStore
    + ResidentStore
    + SatisfactionStore
    + PublicationStore
    + FeedStore
    + TokenStore
    + ProtectionStore
    + EvidenceStore
    + BenchmarkStore
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
        + OmbudsmanReportsStore
        + AssessmentStore
        + UserStore
        + WorkStore
        + AuditStore
        + DraftStore
        + AttachmentStore
        + LearningStore
        + LinkStore
        + ArrangementStore
        + CaseFindingStore
        + LetterStore
        + OutboxStore
        + ReminderStore
        + ResidentStore
        + SatisfactionStore
        + PublicationStore
        + FeedStore
        + TokenStore
        + ProtectionStore
        + EvidenceStore
        + BenchmarkStore
        + ReportRead
        + Clone
        + Send
        + Sync
        + 'static
{
}
